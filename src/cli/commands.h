// The subcommands of `regscreen`: screen (bulk), check (one record, explained), profiles (list).
// main.cc parses the command line into these option structs; each run_* returns the process exit code
// (exit_codes.h) and prints its own diagnostics on stderr.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/columns.h"
#include "regscreen/screener.h"

namespace regscreen::cli {

struct CommonOptions {
  std::string profile = "national";  // bundled id or a profile file
  std::string policy_dir;            // empty: $REGSCREEN_POLICY_DIR, else the built-in default
  std::string backend = "default";   // default | hyperscan | aho-corasick
  std::string licensed_list;         // optional licensed-institution list
};

struct ScreenOptions {
  CommonOptions common;
  std::vector<std::string> inputs;  // "-" = stdin
  std::string out = "-";
  std::string format = "jsonl";     // jsonl | csv
  std::string input_format;         // csv | tsv | jsonl; empty: by extension, else sniffed
  std::string encoding;             // utf-8 | gb18030; empty: detected
  std::string referrals_dir;
  std::string summary;
  int threads = 0;                  // 0: hardware concurrency
  bool quiet = false;
  bool new_registrations = false;
  ColumnOptions columns;
  size_t batch_size = 4096;
  size_t max_record_bytes = 64u << 20;
};

struct CheckOptions {
  CommonOptions common;
  std::string name;
  std::string scope;
  std::string website;
  std::string credit_code;
  bool new_registration = false;
  bool json = false;
};

int run_screen(const ScreenOptions& options);
int run_check(const CheckOptions& options);
int run_profiles(const CommonOptions& options);

// Builds the Screener, or prints why not and sets *exit_code (4 for a bad profile, 2 for a bad backend
// name).
std::optional<Screener> make_screener(const CommonOptions& options, int* exit_code);

}  // namespace regscreen::cli
