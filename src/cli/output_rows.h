// Output rows of `regscreen screen`: one per input record, in input order.
//
// jsonl: the JSONL output contract of include/regscreen/json.h (append_json / append_error_json).
// csv:   the same flattened to columns id,decision,score,categories,regulators,hits,error,line where lists are
//        joined with '|' and each hit is "term@field:start-end:status"; error rows fill `error` and `line`.
#pragma once

#include <string>
#include <string_view>

#include "cli/input_record.h"
#include "regscreen/screener.h"

namespace regscreen::cli {

enum class OutputFormat { kJsonl, kCsv };

// The header line of the format (with its newline), or "" for JSONL.
std::string_view output_header(OutputFormat format);

// Appends the row (with its newline) for a screened record.
void append_result_row(OutputFormat format, const Result& result, std::string_view id, std::string* out);
// Appends the row (with its newline) for a record that could not be read or screened. `reason` should say
// what is wrong; the line number is written separately.
void append_error_row(OutputFormat format, std::string_view id, uint64_t line, std::string_view reason,
                      std::string* out);

}  // namespace regscreen::cli
