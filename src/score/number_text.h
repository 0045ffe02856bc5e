// Numbers in result text (hit weights in JSON rows, weights and factors in Hit::reason), written exactly
// as printf("%.4g") writes them, without printf: a record with 25 hits formats 75 numbers, and the C
// library's formatting (or std::to_chars in general format) cost more than the rest of a hit's reason.
#pragma once

#include <string>

namespace regscreen {

// Appends x to *out as printf("%.4g", x) would (in the "C" locale): "30", "7.5", "0.09", "1.234e+04".
void append_g4(std::string* out, double x);

}  // namespace regscreen
