// Helpers shared by the CLI tests (reader, end to end, hostile input): the built binary, reading files and
// records back, GB18030 test input, and a per-test directory for the files a test writes.
#ifndef REGSCREEN_TESTS_CLI_TEST_SUPPORT_H_
#define REGSCREEN_TESTS_CLI_TEST_SUPPORT_H_

#include <unicode/ucnv.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/record_reader.h"
#include "test_support.h"

namespace regscreen::cli::test {

// The `regscreen` executable of this build.
inline const std::string kBinary = std::string(REGSCREEN_BINARY_DIR) + "/regscreen";

// `s` single-quoted for /bin/sh (test paths contain no single quote).
inline std::string quote(const std::string& s) { return "'" + s + "'"; }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The JSON values of a JSONL file, blank lines skipped.
inline std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path) {
  std::vector<nlohmann::json> rows;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

// Every record of `path` as the CLI's reader returns them.
inline std::vector<InputRecord> read_all(const std::string& path, const ReaderOptions& options = {}) {
  auto reader = open_reader(path, options);
  std::vector<InputRecord> out;
  InputRecord rec;
  while (reader->next(&rec)) out.push_back(rec);
  return out;
}

// UTF-8 text encoded as GB18030 by ICU (test input for the GB18030 paths).
inline std::string to_gb18030(const std::string& utf8) {
  UErrorCode ec = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &ec);
  EXPECT_TRUE(U_SUCCESS(ec)) << u_errorName(ec);
  out.resize(n);
  return out;
}

// A test fixture with its own temporary directory, removed after the test.
class FileTest : public ::testing::Test {
 protected:
  explicit FileTest(std::string_view prefix) : dir_(prefix) {}

  std::string path(const std::string& name) const { return (dir_.path() / name).string(); }
  // Writes `bytes` to `name` in the test's directory and returns its path.
  std::string write(const std::string& name, const std::string& bytes) const { return dir_.write(name, bytes).string(); }

  regscreen::test::TempDir dir_;
};

}  // namespace regscreen::cli::test

#endif  // REGSCREEN_TESTS_CLI_TEST_SUPPORT_H_
