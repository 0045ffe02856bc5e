// Columns: which input column (CSV/TSV header field, or JSONL key) holds which part of a record.
//
// Each role has a list of accepted header names, Chinese and English (企业名称/name, 经营范围/scope, ...),
// compared after folding ASCII case, surrounding spaces and the separators ' ', '_', '-'; a name given on the
// command line (--name-col ...) replaces the list for its role and must then be present.
#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen::cli {

// A column named on the command line is absent, or no column can be screened (exit code 2).
class ColumnError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Role { kId, kName, kScope, kWebsite, kCreditCode, kRegistrationType };
inline constexpr int kRoleCount = 6;
std::string_view to_string(Role role);

// Column names given on the command line; empty: find the column by its usual header names.
struct ColumnOptions {
  std::array<std::string, kRoleCount> names;
  std::string& operator[](Role r) { return names[static_cast<int>(r)]; }
  const std::string& operator[](Role r) const { return names[static_cast<int>(r)]; }
};

// The header names accepted for `role` when the command line names none.
const std::vector<std::string_view>& default_column_names(Role role);

// Folds a header name for comparison: trims ASCII and ideographic spaces, lower-cases ASCII, drops ' ', '_'
// and '-'.
std::string fold_column_name(std::string_view name);

// Column indices of a CSV/TSV header (-1: absent).
struct ColumnMap {
  std::array<int, kRoleCount> index{-1, -1, -1, -1, -1, -1};
  int operator[](Role r) const { return index[static_cast<int>(r)]; }
  int& operator[](Role r) { return index[static_cast<int>(r)]; }
};

// Resolves roles against a header. Throws ColumnError when a column named in `options` is absent, or when
// neither a name nor a scope column is found. `source` names the input in messages.
ColumnMap resolve_columns(const std::vector<std::string>& header, const ColumnOptions& options,
                          std::string_view source);

// For keyed input (JSONL): the keys to try for each role, in order (the command line's name, or the
// defaults). A key is compared folded, like a header name.
struct KeyCandidates {
  std::array<std::vector<std::string>, kRoleCount> folded;
  bool explicit_role[kRoleCount] = {};
  const std::vector<std::string>& operator[](Role r) const { return folded[static_cast<int>(r)]; }
};
KeyCandidates key_candidates(const ColumnOptions& options);

// Reads a registration-type value: 设立/变更/新设 (and new/change, 1/true/是) -> true; 存量 (existing, 0, false,
// 否, empty) -> false; anything else -> nullopt.
std::optional<bool> parse_registration_type(std::string_view value);

}  // namespace regscreen::cli
