// JSON output of screening results: the output contract shared by the CLI, the C API and the bindings.
//
// One object per record, on one line (JSONL):
//   {"id":..., "decision":"refer"|"review"|"clear"|"exempt"|"hold"|"error", "score":0..100,
//    "categories":[...], "regulators":[...], "explanation":"...",
//    "hits":[{"term","category","field":"name"|"scope"|"website","start","end","text","status",
//             "name_part","weight","reason"}],
//    "warnings":[...]}
// An error row: {"id":..., "decision":"error", "line":N, "error":"reason"} (plus the contract's empty lists).
// start/end are byte offsets into the original field. Strings are escaped per RFC 8259; invalid UTF-8 in
// ids or hit text is written as U+FFFD so that every line is valid JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "regscreen/screener.h"

namespace regscreen {

// Appends the JSON object for `result` (without a newline) to *out.
void append_json(const Result& result, std::string_view id, std::string* out);
// Appends an error row (without a newline). `line` is the 1-based input line (0: unknown).
void append_error_json(std::string_view id, uint64_t line, std::string_view reason, std::string* out);
// Appends `s` as a JSON string literal, quotes included.
void append_json_string(std::string_view s, std::string* out);

}  // namespace regscreen
