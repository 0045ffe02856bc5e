// The run summary of `regscreen screen`: a JSON file (--summary) and a short human summary on stderr.
//
// JSON keys: status, profile {id, title}, backend, threads, format, output, referrals_dir,
// inputs [{path, format, encoding, bom, bytes, rows_read, read_errors}], rows_read, rows_written,
// reconciled (rows_read == rows_written), decisions {refer, review, clear, exempt, hold, error},
// rows_with_warnings, categories {id: records}, regulators {name: records referred},
// top_terms [{term, hits}] (affirmative hits, at most 20), errors_total,
// errors [{input, line, id, reason}] (the first 100), referral_files [{regulator, path, rows}],
// elapsed_seconds, rows_per_second.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/record_reader.h"
#include "cli/run_stats.h"

namespace regscreen::cli {

struct InputSummary {
  InputInfo info;
  uint64_t bytes = 0;
  uint64_t rows_read = 0;
  uint64_t read_errors = 0;
};

struct ReferralFileSummary {
  std::string regulator;
  std::string path;
  uint64_t rows = 0;
};

struct RunSummary {
  std::string status = "ok";  // or what stopped the run
  std::string profile_id;
  std::string profile_title;
  std::string backend;
  int threads = 1;
  std::string format;
  std::string output;  // "-" for stdout
  std::string referrals_dir;
  std::vector<InputSummary> inputs;
  uint64_t rows_read = 0;
  RunStats stats;
  std::vector<ReferralFileSummary> referral_files;
  double elapsed_seconds = 0;
};

nlohmann::ordered_json summary_json(const RunSummary& summary);
// A few lines for stderr.
std::string human_summary(const RunSummary& summary);

}  // namespace regscreen::cli
