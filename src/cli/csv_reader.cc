#include "cli/csv_reader.h"

#include <boost/algorithm/string/split.hpp>

namespace regscreen::cli {
namespace {

// libcsv keeps its state in the public struct csv_parser; these are the values of `pstate` that libcsv.c
// defines (unchanged from libcsv 1.0 to 3.0.3, the last release): no row begun, inside a field (`quoted` set
// within quotes), and a quote just seen inside a quoted field (closing it, or the first of "").
// tests/cli_reader_test.cc pins the behaviour that depends on them.
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;
constexpr int kFieldMightHaveEnded = 3;

int never_space(unsigned char) { return 0; }  // keep leading/trailing spaces: they are part of the field

using FieldCallback = void (*)(void*, size_t, void*);
using RowCallback = void (*)(int, void*);

// Resumes a strict-mode parser after a parse error at text offset *offset, when the error is one of the two
// quoting cases Python's csv module reads leniently; returns false for anything else.
bool relax_quote(csv_parser* p, size_t* offset, FieldCallback on_field, RowCallback on_row, void* data) {
  p->status = CSV_SUCCESS;
  if (p->pstate == kFieldBegun && !p->quoted) {
    // A quote inside an unquoted field (销售"绿色"食品): an ordinary character. Feed it with quoting off.
    csv_set_quote(p, 0);
    csv_parse(p, "\"", 1, on_field, on_row, data);
    csv_set_quote(p, CSV_QUOTE);
    ++*offset;
    return true;
  }
  if (p->pstate == kFieldMightHaveEnded) {
    // A quoted field closed and followed by more text ("三无"产品): drop the closing quote and go on with the
    // field unquoted, so that the line break ends the record. libcsv had stored the quote in its buffer.
    p->entry_pos -= p->spaces + 1;
    p->spaces = 0;
    p->quoted = 0;
    p->pstate = kFieldBegun;
    return true;  // the character at *offset is read again, now as part of an unquoted field
  }
  return false;
}

// Feeds `text` to the parser. Returns false on an error other than the quoting cases (csv_error() says which).
bool feed(csv_parser* p, std::string_view text, FieldCallback on_field, RowCallback on_row, void* data) {
  size_t done = 0;
  while (done < text.size()) {
    done += csv_parse(p, text.data() + done, text.size() - done, on_field, on_row, data);
    if (done == text.size()) break;
    if (csv_error(p) != CSV_EPARSE || !relax_quote(p, &done, on_field, on_row, data)) return false;
  }
  return true;
}

void init_parser(csv_parser* p, InputFormat format) {
  if (csv_init(p, CSV_STRICT) != 0) throw InputError("cannot initialise the CSV parser");
  csv_set_delim(p, format == InputFormat::kTsv ? CSV_TAB : CSV_COMMA);
  csv_set_space_func(p, never_space);
}

// Counts the records of some lines parsed on their own, by whether they have the expected width.
struct WidthProbe {
  size_t expected = 0;
  size_t fields = 0;
  size_t well_formed = 0;
  size_t malformed = 0;
  static void on_field(void*, size_t, void* self) { ++static_cast<WidthProbe*>(self)->fields; }
  static void on_row(int, void* self) {
    auto* w = static_cast<WidthProbe*>(self);
    ++(w->fields == w->expected ? w->well_formed : w->malformed);
    w->fields = 0;
  }
};

}  // namespace

CsvReader::CsvReader(std::unique_ptr<LineSource> source, InputInfo info, const ReaderOptions& options)
    : RecordReader(std::move(source), std::move(info)), options_(options) {
  init_parser(&parser_, info_.format);
  // A constructor that throws runs no destructor: free the parser's buffers here (found by fuzz/reader).
  try {
    // The header: the first record of the input (blank lines before it are skipped).
    while (!have_header_) {
      if (!ready_.empty()) {
        throw InputError(info_.path + ": cannot read the header (line " + std::to_string(ready_.front().line) +
                         "): " + ready_.front().error);
      }
      Line line;
      if (fetch(&line)) {
        process(std::move(line));
      } else if (!finish()) {
        break;  // an empty input: no header, no records
      }
    }
    if (have_header_) columns_ = resolve_columns(info_.header, options_.columns, info_.path);
  } catch (...) {
    csv_free(&parser_);
    throw;
  }
}

CsvReader::~CsvReader() { csv_free(&parser_); }

bool CsvReader::record_in_progress() const { return parser_.pstate != kRowNotBegun; }

bool CsvReader::inside_quotes() const { return parser_.pstate == kFieldBegun && parser_.quoted; }

void CsvReader::on_field(void* s, size_t len, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  if (r->discard_) return;
  std::string& field = r->add_field();
  if (len == 0) {
    field.clear();
  } else {
    field.assign(static_cast<const char*>(s), len);
  }
}

void CsvReader::on_row(int, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  if (r->discard_) return;
  r->complete_row();
}

std::string& CsvReader::add_field() {
  if (nfields_ == fields_.size()) fields_.emplace_back();
  return fields_[nfields_++];
}

InputRecord& CsvReader::next_slot() {
  if (target_ && !target_filled_) {
    target_filled_ = true;
    return *target_;
  }
  return ready_.emplace_back();
}

void CsvReader::complete_row() {
  if (!have_header_) {
    record_lines_.clear();
    record_bytes_ = 0;
    info_.header.assign(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(nfields_));
    nfields_ = 0;
    expected_fields_ = info_.header.size();
    have_header_ = true;
    record_start_line_ = current_line_;
    return;
  }
  ++ordinal_;
  InputRecord& rec = next_slot();
  if (nfields_ != expected_fields_) {
    rec.clear();
    rec.error = std::to_string(nfields_) + (nfields_ == 1 ? " field" : " fields") + ", expected " +
                std::to_string(expected_fields_) + " (as in the header)";
    rec.id = partial_id();  // still name the row, when it is long enough to reach the id column
  } else {
    RoleValues values;
    for (int r = 0; r < kRoleCount; ++r) {
      const int i = columns_.index[r];
      if (i >= 0) values.value[r] = &fields_[i];
    }
    rec.error.clear();
    rec.warning.clear();
    fill_record(values, ordinal_, options_.all_new_registrations, &rec);
  }
  rec.line = record_start_line_;
  rec.end_line = current_line_;
  nfields_ = 0;
  record_start_line_ = current_line_;  // a further record on the same line (old Mac '\r' endings)
  if (!rec.error.empty() && rec.end_line != rec.line) {
    resolve_ragged_multiline(&rec);
  } else {
    // This row's lines are not needed any more: a record that starts after it on the line being fed (after
    // a bare CR) starts with that line, which process() keeps once the feed is done.
    record_lines_.clear();
    record_bytes_ = 0;
  }
}

void CsvReader::resolve_ragged_multiline(InputRecord* rec) {
  // Decided here, as the record completes, and not after the line is fed: a bare CR may end the record in
  // the middle of its last line, and the rows after it on that line would otherwise be returned before the
  // rows read again from the earlier lines (out of line order; found by fuzz/reader).
  if (later_lines_hold_rows(feeding_)) {
    rec->error += "; a quote opened on line " + std::to_string(rec->line) + " ran to line " +
                  std::to_string(rec->end_line) + " and joined rows, so the lines after line " +
                  std::to_string(rec->line) + " are read again";
    rec->end_line = rec->line;
    replay_after_first_line(feeding_);
    // Nothing more of the line being fed counts: it is read again. process() resets the parser.
    discard_ = true;
  } else {
    rec->error += "; the record spans lines " + std::to_string(rec->line) + "-" + std::to_string(rec->end_line);
    record_lines_.clear();
    record_bytes_ = 0;
  }
}

void CsvReader::reset_parser() {
  discard_ = true;
  csv_fini(&parser_, on_field, on_row, this);
  discard_ = false;
  nfields_ = 0;
}

std::string CsvReader::partial_id() const {
  for (Role role : {Role::kId, Role::kCreditCode}) {
    const int i = columns_[role];
    if (i >= 0) return static_cast<size_t>(i) < nfields_ ? fields_[i] : std::string();
  }
  return {};
}

void CsvReader::fail_record(uint64_t first_line, uint64_t last_line, const std::string& reason,
                            std::string id) {
  if (have_header_) ++ordinal_;  // before the header, the constructor reports it as an unreadable header
  InputRecord& rec = next_slot();
  rec.clear();
  rec.line = first_line;
  rec.end_line = last_line;
  rec.error = reason;
  rec.id = std::move(id);
}

void CsvReader::replay_after_first_line(const Line* current) {
  std::vector<Line> lines = std::move(record_lines_);
  record_lines_.clear();
  record_bytes_ = 0;
  if (current) lines.push_back(*current);
  if (lines.size() > 1) {
    replay_.insert(replay_.begin(), std::make_move_iterator(lines.begin() + 1),
                   std::make_move_iterator(lines.end()));
  }
}

bool CsvReader::later_lines_hold_rows(const Line* current) const {
  if (record_lines_.size() + (current ? 1 : 0) < 2) return false;
  WidthProbe probe;
  probe.expected = expected_fields_;
  csv_parser p;
  init_parser(&p, info_.format);
  bool parsed = true;
  for (size_t i = 1; i < record_lines_.size() && parsed; ++i) {
    parsed = feed(&p, record_lines_[i].text, WidthProbe::on_field, WidthProbe::on_row, &probe);
  }
  if (parsed && current) feed(&p, current->text, WidthProbe::on_field, WidthProbe::on_row, &probe);
  csv_fini(&p, WidthProbe::on_field, WidthProbe::on_row, &probe);
  csv_free(&p);
  return probe.well_formed > 0 && probe.well_formed >= probe.malformed;
}

bool CsvReader::split_plain_line(std::string_view text) {
  // Most lines of a registry dump hold no quote at all, and for such a line RFC 4180 (and libcsv, with
  // spaces kept) gives exactly the text between delimiters. Splitting it directly takes the reading thread
  // a third of the time libcsv's per-character state machine does (docs/perf-cli.md); every line with a
  // quote, a lone CR, or inside a record still goes to libcsv. tests/cli_reader_test.cc checks both paths
  // give the same records.
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  // Three memchr scans: find_first_of would call memchr on the 3-character set once per byte.
  constexpr auto npos = std::string_view::npos;
  if (text.find('"') != npos || text.find('\r') != npos || text.find('\n') != npos) return false;
  if (text.empty()) return true;  // a blank line is not a record
  const char delim = info_.format == InputFormat::kTsv ? '\t' : ',';
  nfields_ = 0;
  using Splitter = boost::algorithm::split_iterator<std::string_view::const_iterator>;
  for (Splitter it = boost::algorithm::make_split_iterator(
           text, boost::algorithm::token_finder([delim](char c) { return c == delim; }));
       it != Splitter(); ++it) {
    add_field().assign(it->begin(), it->end());
  }
  complete_row();
  return true;
}

bool CsvReader::fetch(Line* line) {
  if (!replay_.empty()) {
    *line = std::move(replay_.front());
    replay_.pop_front();
    return true;
  }
  if (source_done_) return false;
  bool truncated = false;
  if (!source_->next_line(&scratch_, &truncated)) {
    source_done_ = true;
    return false;
  }
  line->number = source_->line_number();
  line->problem.clear();
  line->text.clear();
  if (truncated) {
    line->problem = "line longer than " + std::to_string(options_.max_record_bytes) +
                    " bytes (--max-record-bytes); skipped";
    return true;
  }
  if (info_.encoding == InputEncoding::kGb18030) {
    std::string problem;
    if (!gb18030_to_utf8(scratch_, &line->text, &problem)) line->problem = "cannot decode as GB18030: " + problem;
  } else {
    line->text.swap(scratch_);
  }
  return true;
}

void CsvReader::process(Line&& line) {
  current_line_ = line.number;
  if (!line.problem.empty()) {
    const uint64_t first = record_in_progress() ? record_start_line_ : line.number;
    std::string id = partial_id();
    reset_parser();
    record_lines_.clear();
    record_bytes_ = 0;
    fail_record(first, line.number, line.problem, std::move(id));
    record_start_line_ = line.number + 1;
    return;
  }
  if (!record_in_progress()) {
    record_start_line_ = line.number;
    record_lines_.clear();
    record_bytes_ = 0;
    if (!options_.libcsv_only && split_plain_line(line.text)) return;
  }
  const size_t n = line.text.size();
  bool fed;
  {
    // feeding_ must not outlive `line`, even when a callback throws (a caller may go on reading).
    struct ClearOnExit {
      const Line** slot;
      ~ClearOnExit() { *slot = nullptr; }
    } clear_feeding{&feeding_};
    feeding_ = &line;
    fed = feed(&parser_, line.text, on_field, on_row, this);
  }
  if (discard_) {
    // A ragged record joined rows (resolve_ragged_multiline): this line is queued to be read again, so
    // whatever followed the record on it, a parse error included, is dropped.
    reset_parser();
    return;
  }
  if (!fed) {
    const uint64_t first = record_start_line_;
    const std::string why = csv_strerror(csv_error(&parser_));
    std::string id = partial_id();
    reset_parser();
    record_lines_.clear();
    record_bytes_ = 0;
    fail_record(first, line.number, "CSV parser: " + why, std::move(id));
    return;
  }
  if (!record_in_progress()) {
    record_lines_.clear();
    record_bytes_ = 0;
    return;
  }
  record_bytes_ += n;
  record_lines_.push_back(std::move(line));
  if (record_bytes_ > options_.max_record_bytes) {
    const uint64_t first = record_start_line_;
    std::string id = partial_id();
    reset_parser();
    const bool replay = later_lines_hold_rows();
    fail_record(first, current_line_,
                "record longer than " + std::to_string(options_.max_record_bytes) +
                    " bytes (--max-record-bytes), probably an unbalanced quote" +
                    (replay ? "; the lines after line " + std::to_string(first) + " are read again" : std::string()),
                std::move(id));
    if (replay) {
      replay_after_first_line();
    } else {
      record_lines_.clear();
      record_bytes_ = 0;
    }
  }
}

bool CsvReader::finish() {
  if (!record_in_progress()) return false;
  if (inside_quotes()) {
    const uint64_t first = record_start_line_;
    std::string id = partial_id();
    reset_parser();
    const bool replay = later_lines_hold_rows();
    fail_record(first, current_line_,
                "unterminated quoted field: the input ends inside a quote opened on line " + std::to_string(first) +
                    (replay ? "; the lines after it are read again" : std::string()),
                std::move(id));
    if (replay) {
      replay_after_first_line();
    } else {
      record_lines_.clear();
      record_bytes_ = 0;
    }
    return true;
  }
  // The last line has no line break: let libcsv submit its last field and row (a ragged record over several
  // lines may queue its later lines to be read again: resolve_ragged_multiline).
  csv_fini(&parser_, on_field, on_row, this);
  discard_ = false;
  record_lines_.clear();
  record_bytes_ = 0;
  return true;
}

bool CsvReader::next(InputRecord* out) {
  if (!ready_.empty()) {
    *out = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }
  // Records are written straight into *out (next_slot()); ready_ holds only those beyond the first that one
  // line completes.
  target_ = out;
  target_filled_ = false;
  while (!target_filled_) {
    if (fetch(&line_)) {
      process(std::move(line_));
    } else if (!finish()) {
      break;
    }
  }
  target_ = nullptr;
  return target_filled_;
}

}  // namespace regscreen::cli
