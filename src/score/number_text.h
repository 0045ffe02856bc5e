// Numbers in result text (hit weights in JSON rows, weights and factors in Hit::reason), written exactly
// as printf("%.4g") writes them, without printf: a record with 25 hits formats 75 numbers, and the C
// library's formatting (or std::to_chars in general format) cost more than the rest of a hit's reason.
#pragma once

#include <cstddef>
#include <string>

namespace regscreen {

// Longest text write_g4() writes ("-2.225e-308" is 11).
inline constexpr size_t kG4MaxChars = 32;

// Writes x at out as printf("%.4g", x) would (in the "C" locale): "30", "7.5", "0.09", "1.234e+04".
// Needs kG4MaxChars bytes of room; returns the end of the text.
char* write_g4(char* out, double x);
// The same, appended to *out.
void append_g4(std::string* out, double x);

}  // namespace regscreen
