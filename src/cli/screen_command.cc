// `regscreen screen`: bulk screening of registry dumps, one output row per input record.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output_rows.h"
#include "cli/progress.h"
#include "cli/record_reader.h"
#include "cli/referrals.h"
#include "cli/screen_pipeline.h"
#include "cli/summary.h"
#include "regscreen/policy.h"

namespace regscreen::cli {
namespace {

constexpr size_t kOutputBufferBytes = 1 << 20;

// The main output (--out FILE, or stdout for "-"), written in large blocks.
class OutputFile {
 public:
  explicit OutputFile(const std::string& path) : path_(path) {
    if (path_ == "-") {
      file_ = stdout;
    } else {
      file_ = std::fopen(path_.c_str(), "wb");
      if (!file_) throw OutputError("cannot create " + path_ + ": " + std::strerror(errno));
      owned_ = true;
    }
    std::setvbuf(file_, nullptr, _IOFBF, kOutputBufferBytes);
  }
  ~OutputFile() {
    if (owned_ && file_) std::fclose(file_);
  }
  void write(std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail();
  }
  void close() {
    const bool bad = std::fflush(file_) != 0 || std::ferror(file_);
    if (owned_) {
      const int rc = std::fclose(file_);
      file_ = nullptr;
      if (rc != 0) fail();
    }
    if (bad) fail();
  }

 private:
  [[noreturn]] void fail() {
    throw OutputError("cannot write " + (path_ == "-" ? std::string("standard output") : path_) + ": " +
                      std::strerror(errno));
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

// Checks the option values that CLI11 cannot; prints and returns false on a usage error.
bool parse_values(const ScreenOptions& o, ReaderOptions* reader, OutputFormat* format) {
  if (o.format == "jsonl") {
    *format = OutputFormat::kJsonl;
  } else if (o.format == "csv") {
    *format = OutputFormat::kCsv;
  } else {
    std::cerr << "regscreen screen: --format must be jsonl or csv, not \"" << o.format << "\"\n";
    return false;
  }
  if (!o.input_format.empty()) {
    reader->format = parse_format_name(o.input_format);
    if (!reader->format) {
      std::cerr << "regscreen screen: --input-format must be csv, tsv or jsonl, not \"" << o.input_format << "\"\n";
      return false;
    }
  }
  if (!o.encoding.empty() && o.encoding != "auto") {
    reader->encoding = parse_encoding_name(o.encoding);
    if (!reader->encoding) {
      std::cerr << "regscreen screen: --encoding must be utf-8 or gb18030 (gbk), not \"" << o.encoding << "\"\n";
      return false;
    }
  }
  size_t stdin_count = 0;
  for (const std::string& in : o.inputs) stdin_count += in == "-";
  if (stdin_count > 1) {
    std::cerr << "regscreen screen: standard input (-) can be read only once\n";
    return false;
  }
  if (o.threads < 0 || o.batch_size == 0 || o.max_record_bytes < 1024) {
    std::cerr << "regscreen screen: --threads must be >= 0, --batch-size >= 1, --max-record-bytes >= 1024\n";
    return false;
  }
  // Writing over an input would truncate it before it is read.
  for (const std::string& written : {o.out, o.summary}) {
    if (written.empty() || written == "-") continue;
    for (const std::string& in : o.inputs) {
      std::error_code ec;
      if (in != "-" && std::filesystem::equivalent(in, written, ec)) {
        std::cerr << "regscreen screen: " << written << " is also an input; refusing to overwrite it\n";
        return false;
      }
    }
  }
  reader->columns = o.columns;
  reader->all_new_registrations = o.new_registrations;
  reader->max_record_bytes = o.max_record_bytes;
  return true;
}

}  // namespace

int run_screen(const ScreenOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  ReaderOptions reader_options;
  OutputFormat format = OutputFormat::kJsonl;
  if (!parse_values(o, &reader_options, &format)) return kExitUsage;

  int exit_code = kExitOk;
  std::optional<Screener> screener = make_screener(o.common, &exit_code);
  if (!screener) return exit_code;
  const Policy& policy = screener->policy();

  // Open every input first: a missing file or column is reported before any output is written.
  std::vector<std::unique_ptr<RecordReader>> readers;
  RunSummary summary;
  std::optional<uint64_t> total_bytes = 0;
  try {
    for (const std::string& path : o.inputs) {
      readers.push_back(open_reader(path, reader_options));
      InputSummary in;
      in.info = readers.back()->info();
      summary.inputs.push_back(in);
      const auto size = readers.back()->size();
      total_bytes = size && total_bytes ? std::optional<uint64_t>(*total_bytes + *size) : std::nullopt;
    }
  } catch (const InputError& e) {
    std::cerr << "regscreen screen: " << e.what() << "\n";
    return kExitInput;
  } catch (const ColumnError& e) {
    std::cerr << "regscreen screen: " << e.what() << "\n";
    return kExitUsage;
  }

  PipelineOptions pipeline;
  pipeline.format = format;
  pipeline.threads = o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  pipeline.batch_size = o.batch_size;
  pipeline.referrals = !o.referrals_dir.empty();
  for (const std::string& path : o.inputs) pipeline.input_names.push_back(path);

  summary.profile_id = policy.profile_id;
  summary.profile_title = policy.title;
  summary.backend = std::string(screener->backend_name());
  summary.threads = pipeline.threads;
  summary.format = o.format;
  summary.output = o.out;
  summary.referrals_dir = o.referrals_dir;

  std::unique_ptr<OutputFile> out;
  std::unique_ptr<ReferralFiles> referrals;
  std::ofstream summary_file;
  if (!o.summary.empty()) {
    // Opened now, so that an unwritable path is reported before the input is screened, not after.
    summary_file.open(o.summary, std::ios::binary | std::ios::trunc);
    if (!summary_file) {
      std::cerr << "regscreen screen: cannot create the summary " << o.summary << ": " << std::strerror(errno) << "\n";
      return kExitOutput;
    }
  }
  try {
    out = std::make_unique<OutputFile>(o.out);
    out->write(output_header(format));
    if (pipeline.referrals) referrals = std::make_unique<ReferralFiles>(o.referrals_dir, profile_regulators(policy));
  } catch (const OutputError& e) {
    std::cerr << "regscreen screen: " << e.what() << "\n";
    return kExitOutput;
  }

  Progress progress(!o.quiet && ::isatty(STDERR_FILENO), total_bytes);
  size_t current = 0;             // input being read
  uint64_t bytes_done_before = 0;  // bytes of the inputs before it
  const BatchSource source = [&](Batch* batch) {
    while (current < readers.size()) {
      RecordReader& reader = *readers[current];
      InputSummary& in = summary.inputs[current];
      batch->input = current;
      // Fill in place: the InputRecords of a recycled batch are overwritten, their strings freed here.
      std::vector<InputRecord>& records = batch->records;
      size_t n = 0;
      for (; n < pipeline.batch_size; ++n) {
        if (n == records.size()) records.emplace_back();
        if (!reader.next(&records[n])) break;
        ++in.rows_read;
        ++summary.rows_read;
        if (!records[n].error.empty()) ++in.read_errors;
      }
      records.resize(n);
      batch->bytes_consumed = bytes_done_before + reader.bytes_consumed();
      if (n == pipeline.batch_size) return true;
      // This input is exhausted: finish the batch here, so that a batch never mixes inputs.
      in.bytes = reader.bytes_consumed();
      bytes_done_before += in.bytes;
      readers[current].reset();
      ++current;
      if (!batch->records.empty()) return true;
    }
    return false;
  };
  const BatchSink sink = [&](Batch& batch) {
    out->write(batch.rows);
    if (referrals) {
      for (const auto& [regulator, rows] : batch.referrals) referrals->write(regulator, rows.first, rows.second);
    }
    summary.stats.merge(std::move(batch.stats));
    progress.update(summary.stats.rows, batch.bytes_consumed);
  };

  try {
    run_pipeline(*screener, pipeline, source, sink);
    out->close();
    if (referrals) referrals->close();
  } catch (const InputError& e) {
    summary.status = std::string("input error: ") + e.what();
    exit_code = kExitInput;
  } catch (const OutputError& e) {
    summary.status = std::string("output error: ") + e.what();
    exit_code = kExitOutput;
  } catch (const std::exception& e) {
    summary.status = std::string("internal error: ") + e.what();
    exit_code = kExitFailure;
  }
  progress.finish();
  if (exit_code != kExitOk) std::cerr << "regscreen screen: " << summary.status << "\n";

  if (referrals) {
    for (const auto& f : referrals->files()) summary.referral_files.push_back({f.regulator, f.path.string(), f.rows});
  }
  summary.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (summary_file.is_open()) {
    summary_file << summary_json(summary).dump(2) << "\n";
    summary_file.close();
    if (!summary_file) {
      std::cerr << "regscreen screen: cannot write the summary " << o.summary << "\n";
      if (exit_code == kExitOk) exit_code = kExitOutput;
    }
  }
  if (!o.quiet) std::cerr << human_summary(summary);
  return exit_code;
}

}  // namespace regscreen::cli
