// Licensed institutions: the restriction covers only non-financial enterprises, so a licensed financial
// institution's hits are decided `exempt`.
//   LicensedList      a user-supplied list (ScreenerOptions::licensed_list), CSV with a header naming the
//                     columns credit_code (统一社会信用代码) and name (企业名称); see docs/CONTEXT.md.
//   presume_licensed  evident institutions recognised from the name and scope by the [[licensed]] rules of
//                     context.toml (…银行…支行, …证券…营业部, a scope citing 金融许可证), unless the
//                     profile turns presumption off (Policy::presume_licensed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "context/code_points.h"
#include "context/context_rules.h"
#include "context/negation.h"

namespace regscreen::context {

class LicensedList {
 public:
  struct Entry {
    std::string credit_code;  // upper case, may be empty
    std::string name;         // as written, may be empty
    int line = 0;
  };

  LicensedList() = default;
  // Reads a list. Throws PolicyError("file:line: ...") for a malformed file.
  static LicensedList load(const std::filesystem::path& file);
  static LicensedList parse(std::string_view csv, const std::string& source);

  // The entry for a record, by credit code (case-insensitive, surrounding blanks ignored) or by exact
  // name after normalization (width, Traditional characters and separators folded); nullptr if none.
  const Entry* find(std::string_view credit_code, std::string_view name) const;
  size_t size() const { return entries_.size(); }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> by_code_;
  std::unordered_map<std::string, size_t> by_name_;  // normalized name
};

// The [[licensed]] rule that recognises the record as an evident licensed institution, or nullptr.
// `name`: the normalized name as UTF-8; `scope`: the normalized scope as code points and its negated spans
// (a licence cited inside a prohibition, 不得从事需取得金融许可证的业务, is no licence). *evidence gets the
// matched text.
const LicensedRule* presume_licensed(const ContextRules& rules, std::string_view name, const CodePoints& scope,
                                     const std::vector<NegatedSpan>& scope_negations, std::string* evidence);

}  // namespace regscreen::context
