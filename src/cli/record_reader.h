// RecordReader: reads the records of one input (CSV, TSV or JSONL; UTF-8 or GB18030; a file or stdin) one
// at a time, in input order, streaming with bounded memory.
//
// open_reader() sniffs the input (byte-order mark, encoding, format), reads the CSV/TSV header and resolves
// the columns, so that every usage problem (a named column missing) and every unreadable input is reported
// before any output is written. After that next() never throws for bad content: a record that cannot be
// read comes back with InputRecord::error set and its line number. It throws InputError only when the
// input itself cannot be read (an I/O error).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/columns.h"
#include "cli/decoding.h"
#include "cli/input_record.h"
#include "cli/line_source.h"

namespace regscreen::cli {

enum class InputFormat { kCsv, kTsv, kJsonl };
std::string_view to_string(InputFormat f);
// "csv", "tsv", "jsonl" (also "ndjson").
std::optional<InputFormat> parse_format_name(std::string_view name);

struct ReaderOptions {
  ColumnOptions columns;
  std::optional<InputEncoding> encoding;  // nullopt: detect
  std::optional<InputFormat> format;      // nullopt: from the file extension, else from the content
  bool all_new_registrations = false;     // --new-registrations
  size_t max_record_bytes = 64u << 20;    // a longer record (or line) becomes an error row
  bool libcsv_only = false;  // parse every CSV line with libcsv, also quote-free ones (tests compare the two)
};

// What was found out about an input, for the summary.
struct InputInfo {
  std::string path;
  InputFormat format = InputFormat::kCsv;
  InputEncoding encoding = InputEncoding::kUtf8;
  Bom bom = Bom::kNone;
  std::vector<std::string> header;  // CSV/TSV only
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Reads the next record into *out (every field overwritten; its strings' capacity reused). Returns false
  // at the end of input.
  virtual bool next(InputRecord* out) = 0;

  const InputInfo& info() const { return info_; }
  uint64_t bytes_consumed() const { return source_->bytes_consumed(); }
  std::optional<uint64_t> size() const { return source_->size(); }

 protected:
  RecordReader(std::unique_ptr<LineSource> source, InputInfo info)
      : source_(std::move(source)), info_(std::move(info)) {}
  std::unique_ptr<LineSource> source_;
  InputInfo info_;
};

// Opens `path` ("-": stdin). Throws InputError (cannot open or read, UTF-16/32 input, an unreadable header)
// or ColumnError (a named column is missing, nothing to screen).
std::unique_ptr<RecordReader> open_reader(const std::string& path, const ReaderOptions& options);

// Implementation detail shared by the readers: fills id/name/scope/... of *rec from the values found for
// each role (nullptr: no such column), applying the id fallback (id column, then credit code, then the
// record number). The values are copied into rec's strings, reusing their capacity; line numbers, error and
// warning are left to the caller (warning is set for an unrecognised registration type).
struct RoleValues {
  const std::string* value[kRoleCount] = {};
};
void fill_record(const RoleValues& values, uint64_t ordinal, bool all_new_registrations, InputRecord* rec);

}  // namespace regscreen::cli
