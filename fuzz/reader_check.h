// The CLI's input readers on any file content (fuzz/reader_fuzzer.cc, tests/fuzz_regressions_test.cc).
//
// Input layout: byte 0, bits 0-1: the format (0 CSV, 1 TSV, 2 JSONL, 3 sniffed from a .txt file); bits
// 2-3: the encoding (1 UTF-8, 2 GB18030, else detected); bit 4: a tiny max_record_bytes (64) so that the
// over-long line and record paths run. The rest is the file.
//
// Properties:
//  - open_reader() either throws InputError / ColumnError (an unusable header, UTF-16) or returns a reader
//    whose next() never throws on a regular file;
//  - one row per record: records start on non-decreasing lines inside the file (a bare CR ends a row, as
//    in Python's csv module, so two rows may share a line) and end on or after the line they start on;
//    there are never more records than line ends (LF, CRLF or a bare CR);
//  - round trip: the records read without error, written back as RFC 4180 CSV (every field quoted) and read
//    again as UTF-8 CSV, give the same name, scope, website and credit code, in the same order, and no
//    error rows.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "check_util.h"
#include "cli/columns.h"
#include "cli/line_source.h"
#include "cli/record_reader.h"

namespace regscreen::fuzz {

namespace reader_fuzz {

namespace fs = std::filesystem;

inline const fs::path& work_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("regscreen-fuzz-reader-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("regscreen-fuzz-reader-" + std::to_string(::getpid())), ec);
    });
    return d;
  }();
  return dir;
}

inline std::string write_file(const std::string& name, std::string_view bytes) {
  const fs::path path = work_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  return path.string();
}

inline std::string quote_csv(std::string_view field) {
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Reads every record of `path`; "" or a property violation. `records` receives them.
inline std::string read_all(const std::string& path, std::string_view content, const cli::ReaderOptions& options,
                            std::vector<cli::InputRecord>* records, bool* opened) {
  *opened = false;
  std::unique_ptr<cli::RecordReader> reader;
  try {
    reader = cli::open_reader(path, options);
  } catch (const cli::InputError&) {
    return {};
  } catch (const cli::ColumnError&) {
    return {};
  }
  *opened = true;
  uint64_t lines = static_cast<uint64_t>(std::count(content.begin(), content.end(), '\n'));
  if (!content.empty() && content.back() != '\n') ++lines;
  // A bare CR ends a CSV row as it does for Python's csv module, so one physical line may hold two rows.
  uint64_t row_ends = lines;
  for (size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\r' && (i + 1 == content.size() || content[i + 1] != '\n')) ++row_ends;
  }
  cli::InputRecord rec;
  uint64_t previous = 0;
  while (reader->next(&rec)) {
    const size_t k = records->size();
    if (rec.line < previous || rec.line == 0 || rec.line > lines || rec.end_line < rec.line || rec.end_line > lines) {
      return fail("record ", k, ": lines [", rec.line, ", ", rec.end_line, "] after line ", previous, " of ", lines);
    }
    previous = rec.line;
    records->push_back(rec);
    if (records->size() > row_ends) return fail(records->size(), " records from ", row_ends, " lines and bare CRs");
  }
  return {};
}

}  // namespace reader_fuzz

inline std::string check_readers(std::string_view data) {
  ByteReader r(data);
  const uint8_t head = r.byte();
  const std::string_view content = r.rest();

  cli::ReaderOptions options;
  static const char* const kNames[] = {"fuzz.csv", "fuzz.tsv", "fuzz.jsonl", "fuzz.txt"};
  const int format = head & 3;
  if (format == 0) options.format = cli::InputFormat::kCsv;
  if (format == 1) options.format = cli::InputFormat::kTsv;
  if (format == 2) options.format = cli::InputFormat::kJsonl;
  const int encoding = (head >> 2) & 3;
  if (encoding == 1) options.encoding = cli::InputEncoding::kUtf8;
  if (encoding == 2) options.encoding = cli::InputEncoding::kGb18030;
  if (head & 0x10) options.max_record_bytes = 64;

  const std::string path = reader_fuzz::write_file(kNames[format], content);
  std::vector<cli::InputRecord> records;
  bool opened = false;
  if (std::string e = reader_fuzz::read_all(path, content, options, &records, &opened); !e.empty()) return e;
  if (!opened) return {};

  // Round trip of the records read without error.
  std::string csv = "企业名称,经营范围,网站名称,统一社会信用代码\n";
  std::vector<const cli::InputRecord*> good;
  for (const cli::InputRecord& rec : records) {
    if (!rec.error.empty()) continue;
    good.push_back(&rec);
    csv += reader_fuzz::quote_csv(rec.name) + "," + reader_fuzz::quote_csv(rec.scope) + "," +
           reader_fuzz::quote_csv(rec.website) + "," + reader_fuzz::quote_csv(rec.credit_code) + "\n";
  }
  if (good.empty()) return {};
  cli::ReaderOptions again_options;
  again_options.format = cli::InputFormat::kCsv;
  again_options.encoding = cli::InputEncoding::kUtf8;
  const std::string again_path = reader_fuzz::write_file("again.csv", csv);
  std::vector<cli::InputRecord> again;
  if (std::string e = reader_fuzz::read_all(again_path, csv, again_options, &again, &opened); !e.empty()) {
    return "round trip: " + e;
  }
  if (!opened) return "round trip: the rewritten CSV cannot be opened";
  if (again.size() != good.size()) return fail("round trip: ", good.size(), " records became ", again.size());
  for (size_t k = 0; k < good.size(); ++k) {
    const cli::InputRecord& a = *good[k];
    const cli::InputRecord& b = again[k];
    if (!b.error.empty()) return fail("round trip: record ", k, " became an error row: ", b.error);
    if (a.name != b.name || a.scope != b.scope || a.website != b.website || a.credit_code != b.credit_code) {
      return fail("round trip: record ", k, " changed: name \"", escape(a.name), "\" -> \"", escape(b.name),
                  "\", scope \"", escape(a.scope), "\" -> \"", escape(b.scope), "\"");
    }
  }
  return {};
}

}  // namespace regscreen::fuzz
