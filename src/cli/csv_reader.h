// CsvReader: RFC 4180 CSV (or TSV) records with Debian's libcsv, fed one physical line at a time so that
// every record knows the line it starts on.
//
// Quotes that break RFC 4180 are read as Python's csv module reads them (the evaluation tools and most
// users' scripts use it): a quote inside an unquoted field is an ordinary character (销售"绿色"食品), and text
// after a closing quote continues the field unquoted ("三无"产品 -> 三无产品). libcsv runs in strict mode,
// and both cases are resumed from its parse error.
//
// Recovery, so that no row is lost:
//  - a record whose field count differs from the header's is an error row (its id taken from the id
//    column when the row is long enough to have one);
//  - a quoted field still open at the end of input, or a record growing past max_record_bytes, is an error
//    row for the line where the record started;
//  - in both cases, when the record spans several lines and those after its first one parse, on their own,
//    as rows of the right width, a quote that was not meant as CSV quoting has joined rows: only the first
//    line is the error row and the lines after it are parsed again, so a stray quote costs one row, not
//    the rows it swallowed;
//  - a line that cannot be decoded (GB18030) or is longer than max_record_bytes is an error row.
#pragma once

#include <csv.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/record_reader.h"

namespace regscreen::cli {

class CsvReader : public RecordReader {
 public:
  // Reads the header. Throws InputError when the header cannot be read, ColumnError via resolve_columns.
  CsvReader(std::unique_ptr<LineSource> source, InputInfo info, const ReaderOptions& options);
  ~CsvReader() override;

  bool next(InputRecord* out) override;

 private:
  struct Line {
    uint64_t number = 0;
    std::string text;     // UTF-8
    std::string problem;  // non-empty: the line could not be read (too long, undecodable)
  };

  bool fetch(Line* line);
  // Reads a line that holds no quote and starts a record by splitting it at the delimiter; false when the
  // line needs libcsv.
  bool split_plain_line(std::string_view text);
  void process(Line&& line);
  // Called when the input is exhausted; returns false when nothing more can come.
  bool finish();
  void reset_parser();
  bool record_in_progress() const;
  bool inside_quotes() const;
  void fail_record(uint64_t first_line, uint64_t last_line, const std::string& reason, std::string id);
  // The id of a record cut short, from the fields read so far ("" when they do not reach the id column).
  std::string partial_id() const;
  // Queues record_lines_ after the first (then `current`, the line being fed, if any) to be read again.
  void replay_after_first_line(const Line* current = nullptr);
  // Whether record_lines_ after the first (then `current`), parsed on their own, look like rows (mostly of
  // the right width).
  bool later_lines_hold_rows(const Line* current = nullptr) const;
  void complete_row();
  // A record over several lines had the wrong width: decides, as it completes, whether a stray quote joined
  // rows (then the rest of the line being fed is discarded and the lines after the record's first are read
  // again) or it is one ragged record.
  void resolve_ragged_multiline(InputRecord* rec);
  // The next field slot of the current record (fields_ keep their strings' capacity across records).
  std::string& add_field();
  // Where the next record goes: the caller's record if it is still empty, else the end of ready_.
  InputRecord& next_slot();

  static void on_field(void* s, size_t len, void* self);
  static void on_row(int c, void* self);

  ReaderOptions options_;
  csv_parser parser_;
  // Ignore callbacks: while resetting the parser, and for the rest of a line that will be read again.
  bool discard_ = false;
  const Line* feeding_ = nullptr;   // the line process() is feeding to libcsv (not yet in record_lines_)
  InputRecord* target_ = nullptr;   // the record next() fills
  bool target_filled_ = false;
  Line line_;                       // reused: its buffer and scratch_ are swapped, never reallocated
  bool have_header_ = false;
  size_t expected_fields_ = 0;
  ColumnMap columns_;
  std::vector<std::string> fields_;  // fields_[0, nfields_) are the current record's
  size_t nfields_ = 0;
  uint64_t record_start_line_ = 0;
  uint64_t current_line_ = 0;
  uint64_t ordinal_ = 0;
  std::vector<Line> record_lines_;  // lines of the record in progress, kept for replay
  size_t record_bytes_ = 0;
  std::deque<Line> replay_;
  std::deque<InputRecord> ready_;
  bool source_done_ = false;
  std::string scratch_;
};

}  // namespace regscreen::cli
