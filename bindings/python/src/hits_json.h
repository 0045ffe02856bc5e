// The hits of one record as a compact JSON array, for the hits column of regscreen.screen_frame().
//
// Same keys as regscreen.Hit.to_dict(): start/end are str (code point) indices, byte_start/byte_end
// UTF-8 byte offsets. Built by the worker threads without the GIL, so that a million-row frame costs one
// Python str per row with hits. Strings are escaped per RFC 8259; a lone surrogate (which a Python str
// may hold, see py_text.h) is written as a \udXXX escape, so json.loads() gives back the original text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "py_result.h"

namespace regscreen::python {

// Appends `s` as a JSON string literal (quotes included) to *out.
void append_json_str(std::string_view s, std::string* out);

// Appends the JSON array of `hits` to *out.
void append_hits_json(const std::vector<PyHit>& hits, std::string* out);

}  // namespace regscreen::python
