// Helpers shared by the GoogleTest binaries: records with only some fields, the bundled national
// screener, and a temporary directory for files a test writes. Header-only: every test is its own binary.
#ifndef REGSCREEN_TESTS_TEST_SUPPORT_H_
#define REGSCREEN_TESTS_TEST_SUPPORT_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "regscreen/screener.h"

namespace regscreen::test {

// A record with only the given fields (designated initializers would trip -Wmissing-field-initializers).
inline Record record(std::string_view name, std::string_view scope = {}, std::string_view credit_code = {}) {
  Record r;
  r.name = name;
  r.scope = scope;
  r.credit_code = credit_code;
  return r;
}

// The source tree's data directory, so that tests read the bundled policy of this checkout.
inline ScreenerOptions source_data_options() {
  ScreenerOptions o;
  o.policy_dir = REGSCREEN_SOURCE_DIR "/data";
  return o;
}

// The national profile of the source tree, compiled once per test binary.
inline const Screener& national() {
  static const Screener s = Screener::from_profile("national", source_data_options());
  return s;
}

// A fresh directory under the system's temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "regscreen_test") {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            (std::string(prefix) + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` byte for byte to `name` inside the directory and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace regscreen::test

#endif  // REGSCREEN_TESTS_TEST_SUPPORT_H_
