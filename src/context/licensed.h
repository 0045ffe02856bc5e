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
#include <functional>
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
  // The same with a name already normalized (Normalizer::instance()).
  const Entry* find_normalized(std::string_view credit_code, std::string_view normalized_name) const;
  bool has_names() const { return !by_name_.empty(); }
  size_t size() const { return entries_.size(); }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<Entry> entries_;
  // Transparent hashing: names and codes are looked up by string_view, without a copy.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Index = std::unordered_map<std::string, size_t, Hash, std::equal_to<>>;
  Index by_code_;
  Index by_name_;  // normalized name
};

// The normalized scope as presume_licensed() reads it: its code points, and its negated spans, which are
// computed (by `negation`, into *spans) only if a licence text is found and *spans_ready is false.
struct ScopeForLicence {
  const CodePoints* text = nullptr;
  const NegationScanner* negation = nullptr;
  NegatedSpans* spans = nullptr;
  bool* spans_ready = nullptr;
};

// The [[licensed]] rule that recognises the record as an evident licensed institution, or nullptr.
// `name`: the normalized name, as code points and as UTF-8 (name patterns match the UTF-8; a rule's
// name_needs are looked up in the code points first, so that most patterns are never run); `scope`: the
// normalized scope (a licence cited inside a prohibition, 不得从事需取得金融许可证的业务, is no licence).
// *evidence gets the matched text.
const LicensedRule* presume_licensed(const ContextRules& rules, const CodePoints& name, std::string_view name_utf8,
                                     const ScopeForLicence& scope, std::string* evidence);

}  // namespace regscreen::context
