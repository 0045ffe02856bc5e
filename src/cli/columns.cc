#include "cli/columns.h"

#include <algorithm>
#include <locale>

#include <boost/algorithm/string.hpp>

namespace regscreen::cli {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kId: return "id";
    case Role::kName: return "name";
    case Role::kScope: return "scope";
    case Role::kWebsite: return "website";
    case Role::kCreditCode: return "credit-code";
    case Role::kRegistrationType: return "registration-type";
  }
  return "?";
}

const std::vector<std::string_view>& default_column_names(Role role) {
  // Header names seen in registry exports and open datasets; folded at comparison time, so "Company_Name"
  // matches "companyname".
  static const std::array<std::vector<std::string_view>, kRoleCount> kNames = {{
      {"id", "record_id"},
      {"企业名称", "名称", "企业(机构)名称", "企业（机构）名称", "市场主体名称", "主体名称", "单位名称",
       "公司名称", "name", "company_name", "enterprise_name", "entname", "company"},
      {"经营范围", "业务范围", "经营范围及方式", "scope", "business_scope", "opscope"},
      {"网站名称", "网站", "网站名", "website", "website_name", "site_name"},
      {"统一社会信用代码", "社会信用代码", "信用代码", "credit_code", "uscc", "uniscid",
       "unified_social_credit_code"},
      {"登记类型", "业务类型", "registration_type", "reg_type"},
  }};
  return kNames[static_cast<int>(role)];
}

std::string fold_column_name(std::string_view name) {
  std::string s(name);
  boost::algorithm::erase_all(s, "\xEF\xBB\xBF");           // a BOM left inside a header field
  boost::algorithm::replace_all(s, "\xE3\x80\x80", " ");     // U+3000 IDEOGRAPHIC SPACE
  boost::algorithm::trim(s, std::locale::classic());
  boost::algorithm::to_lower(s, std::locale::classic());     // ASCII only in the classic locale
  std::erase_if(s, [](char c) { return c == ' ' || c == '_' || c == '-'; });
  return s;
}

ColumnMap resolve_columns(const std::vector<std::string>& header, const ColumnOptions& options,
                          std::string_view source) {
  std::vector<std::string> folded;
  folded.reserve(header.size());
  for (const std::string& h : header) folded.push_back(fold_column_name(h));
  const auto find = [&](std::string_view wanted) -> int {
    const std::string key = fold_column_name(wanted);
    const auto it = std::find(folded.begin(), folded.end(), key);
    return it == folded.end() ? -1 : static_cast<int>(it - folded.begin());
  };
  const auto header_list = [&] { return boost::algorithm::join(header, ", "); };

  ColumnMap map;
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    if (!options[role].empty()) {
      map[role] = find(options[role]);
      if (map[role] < 0) {
        throw ColumnError(std::string(source) + ": no column \"" + options[role] + "\" (--" +
                          std::string(to_string(role)) + "-col); the header has: " + header_list());
      }
      continue;
    }
    for (std::string_view candidate : default_column_names(role)) {
      map[role] = find(candidate);
      if (map[role] >= 0) break;
    }
  }
  if (map[Role::kName] < 0 && map[Role::kScope] < 0) {
    throw ColumnError(std::string(source) +
                      ": no name (企业名称) or scope (经营范围) column in the header (" + header_list() +
                      "); name them with --name-col and --scope-col");
  }
  return map;
}

KeyCandidates key_candidates(const ColumnOptions& options) {
  KeyCandidates keys;
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    if (!options[role].empty()) {
      keys.folded[r].push_back(fold_column_name(options[role]));
      keys.explicit_role[r] = true;
    } else {
      for (std::string_view candidate : default_column_names(role)) {
        keys.folded[r].push_back(fold_column_name(candidate));
      }
    }
  }
  return keys;
}

std::optional<bool> parse_registration_type(std::string_view value) {
  const std::string v = fold_column_name(value);
  if (v.empty()) return false;
  // Chinese values come with suffixes (设立登记, 变更登记, 存量企业): look for the key word.
  for (std::string_view word : {"设立", "变更", "新设", "新办"}) {
    if (v.find(word) != std::string::npos) return true;
  }
  for (std::string_view word : {"存量", "现有", "既有"}) {
    if (v.find(word) != std::string::npos) return false;
  }
  static const std::vector<std::string_view> kYes = {"new", "change", "amend", "amendment", "1", "true", "yes",
                                                     "y", "是"};
  static const std::vector<std::string_view> kNo = {"existing", "stock", "0", "false", "no", "n", "否"};
  if (std::find(kYes.begin(), kYes.end(), v) != kYes.end()) return true;
  if (std::find(kNo.begin(), kNo.end(), v) != kNo.end()) return false;
  return std::nullopt;
}

}  // namespace regscreen::cli
