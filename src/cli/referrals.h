// Referral files: for each regulator of the profile, the enterprises referred to it (decision refer or
// hold) with their affirmative hits. This is the document the registry sends to the regulator, so it is a
// CSV file with a Chinese header, UTF-8 with a byte-order mark (Excel then opens it correctly).
//
// Columns: id, 企业名称, 统一社会信用代码, 网站名称, 处理建议 (移送 = refer, 暂缓登记 = hold), 评分 (score),
// 业务类别 (category labels), 命中词语 (each affirmative hit: term, field and the original text around it),
// 说明 (the screener's explanation).
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/input_record.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen::cli {

// An output file cannot be created or written (exit code 5).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The regulators of a profile: every lead department of its routing table, then its default regulators,
// each once, in that order.
std::vector<std::string> profile_regulators(const Policy& policy);

// A file-name stem for a regulator: path separators, characters Windows forbids (<>:"/\|?*), control
// characters and surrounding dots/spaces replaced by '_'; never empty, at most 120 bytes (whole UTF-8
// characters).
std::string safe_file_stem(std::string_view name);

// True when the record goes into referral files.
inline bool is_referral(const Result& r) { return r.decision == Decision::kRefer || r.decision == Decision::kHold; }

// Appends the referral row (with its CRLF line end, as Excel writes CSV) of a referred record.
void append_referral_row(const Policy& policy, const InputRecord& record, const Result& result, std::string* out);

class ReferralFiles {
 public:
  // Creates `dir` if needed and one file per regulator (BOM and header only, until rows come).
  ReferralFiles(const std::filesystem::path& dir, const std::vector<std::string>& regulators);
  ~ReferralFiles();
  ReferralFiles(const ReferralFiles&) = delete;
  ReferralFiles& operator=(const ReferralFiles&) = delete;

  // Appends rows for `regulator` (a regulator not in the profile's list gets its own file on first use).
  void write(const std::string& regulator, std::string_view rows, uint64_t row_count);
  // Flushes and closes every file. Throws OutputError when a write failed.
  void close();

  struct File {
    std::string regulator;
    std::filesystem::path path;
    uint64_t rows = 0;
    std::FILE* file = nullptr;
  };
  const std::vector<File>& files() const { return files_; }

 private:
  File& open(const std::string& regulator);

  std::filesystem::path dir_;
  std::vector<File> files_;
  std::map<std::string, size_t> by_regulator_;
  std::map<std::string, int> stems_used_;
};

}  // namespace regscreen::cli
