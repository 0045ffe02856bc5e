#include "cli/referrals.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <locale>

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/trim.hpp>

#include "cli/text_util.h"

namespace regscreen::cli {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kHeader = "id,企业名称,统一社会信用代码,网站名称,处理建议,评分,业务类别,命中词语,说明\r\n";
constexpr size_t kMaxStemBytes = 120;

std::string error_text(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

}  // namespace

std::vector<std::string> profile_regulators(const Policy& policy) {
  std::vector<std::string> out;
  const auto add = [&](const std::string& r) {
    if (!r.empty() && std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  };
  for (const auto& [category, route] : policy.routing) {
    for (const std::string& r : route.lead) add(r);
  }
  for (const std::string& r : policy.default_regulators) add(r);
  return out;
}

std::string safe_file_stem(std::string_view name) {
  std::string s = valid_utf8(name);
  for (char& c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || std::strchr("<>:\"/\\|?*", c) != nullptr) c = '_';
  }
  boost::algorithm::trim_if(s, [](char c) { return c == ' ' || c == '.'; });
  if (s.size() > kMaxStemBytes) {
    size_t cut = kMaxStemBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
  }
  if (s.empty()) return "regulator";
  // Names Windows reserves for devices, whatever the extension.
  std::string upper = s;
  boost::algorithm::to_upper(upper, std::locale::classic());
  static const char* const kReserved[] = {"CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5",
                                          "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4",
                                          "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  for (const char* r : kReserved) {
    if (upper == r) return "_" + s;
  }
  return s;
}

void append_referral_row(const Policy& policy, const InputRecord& record, const Result& result, std::string* out) {
  append_csv_field(record.id, out);
  out->push_back(',');
  append_csv_field(record.name, out);
  out->push_back(',');
  append_csv_field(record.credit_code, out);
  out->push_back(',');
  append_csv_field(record.website, out);
  out->push_back(',');
  out->append(result.decision == Decision::kHold ? "暂缓登记" : "移送");
  out->push_back(',');
  out->append(std::to_string(result.score));
  out->push_back(',');
  std::string categories;
  for (const std::string& id : result.categories) {
    if (!categories.empty()) categories.append("；");
    const Category* c = policy.find_category(id);
    categories.append(c && !c->label.empty() ? c->label : id);
  }
  append_csv_field(categories, out);
  out->push_back(',');
  std::string hits;
  for (const Hit& h : result.hits) {
    if (h.status != HitStatus::kAffirmative) continue;
    if (!hits.empty()) hits.append("；");
    std::string_view text = h.field == Field::kName    ? record.name
                            : h.field == Field::kScope ? record.scope
                                                       : record.website;
    hits.append(h.term);
    hits.append("（");
    hits.append(field_label(h.field));
    hits.append("：");
    hits.append(snippet(text, h.start, h.end));
    hits.append("）");
  }
  append_csv_field(hits, out);
  out->push_back(',');
  append_csv_field(result.explanation, out);
  out->append("\r\n");
}

ReferralFiles::ReferralFiles(const std::filesystem::path& dir, const std::vector<std::string>& regulators)
    : dir_(dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_)) {
    throw OutputError("cannot create the referrals directory " + dir_.string() +
                      (ec ? ": " + ec.message() : ": not a directory"));
  }
  for (const std::string& r : regulators) open(r);
}

ReferralFiles::~ReferralFiles() {
  for (File& f : files_) {
    if (f.file) std::fclose(f.file);
  }
}

ReferralFiles::File& ReferralFiles::open(const std::string& regulator) {
  const auto found = by_regulator_.find(regulator);
  if (found != by_regulator_.end()) return files_[found->second];
  std::string stem = safe_file_stem(regulator);
  std::string key = stem;
  boost::algorithm::to_lower(key, std::locale::classic());  // case-insensitive file systems
  const int n = ++stems_used_[key];
  if (n > 1) {
    stem.push_back('_');
    stem += std::to_string(n);
  }
  File f;
  f.regulator = regulator;
  f.path = dir_ / (stem + ".csv");
  f.file = std::fopen(f.path.c_str(), "wb");
  if (!f.file) throw OutputError(error_text("cannot create", f.path));
  std::fwrite(kBom.data(), 1, kBom.size(), f.file);
  std::fwrite(kHeader.data(), 1, kHeader.size(), f.file);
  by_regulator_[regulator] = files_.size();
  files_.push_back(std::move(f));
  return files_.back();
}

void ReferralFiles::write(const std::string& regulator, std::string_view rows, uint64_t row_count) {
  File& f = open(regulator);
  if (std::fwrite(rows.data(), 1, rows.size(), f.file) != rows.size()) {
    throw OutputError(error_text("cannot write", f.path));
  }
  f.rows += row_count;
}

void ReferralFiles::close() {
  for (File& f : files_) {
    if (!f.file) continue;
    const bool failed = std::ferror(f.file) != 0;
    const int rc = std::fclose(f.file);
    f.file = nullptr;
    if (failed || rc != 0) throw OutputError(error_text("cannot write", f.path));
  }
}

}  // namespace regscreen::cli
