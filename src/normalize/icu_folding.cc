#include "normalize/icu_folding.h"

#include "normalize/confusable_folds.h"
#include "normalize/variant_folds.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/utypes.h>

#include <stdexcept>
#include <string>

namespace regscreen {
namespace {

// Below this many single-character rules the rule data is not what we expect (a different ICU layout):
// fall back to the compiled transliterator rather than silently fold less.
constexpr size_t kMinSimplifiedMappings = 1000;

void check(UErrorCode ec, const char* what) {
  if (U_FAILURE(ec)) throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(ec));
}

// True when the rule text uses transliterator syntax beyond "string operator string": variables,
// contexts, sets, quoting, functions. Such rules are never plain per-character mappings.
bool has_rule_syntax(const icu::UnicodeString& r) {
  static constexpr char16_t kSyntax[] = u"{}$[]'\\|&=:#@^%!?()*+\" \t\r\n";
  for (int32_t i = 0; i < r.length(); ++i) {
    for (const char16_t* s = kSyntax; *s; ++s) {
      if (r.charAt(i) == *s) return true;
    }
  }
  return false;
}

std::u32string to_u32(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(s.char32At(i)));
  return out;
}

}  // namespace

const char16_t* IcuFolding::joiner_pattern() {
  return u"[[:White_Space:][:Cc:][:Cf:][:Default_Ignorable_Code_Point:][:Mn:][:Me:][:Pc:]"
         u"\\u00B7\\u0387\\u2027\\u2219\\u22C5\\u30FB\\uFF65\\u2E31"  // middle dots
         u"\\u002D\\u2010\\u2011\\uFE63\\uFF0D"                       // hyphens
         u"\\u002A\\u2217\\u204E\\uFE61\\uFF0A"                       // asterisks
         u"\\u007E\\uFF5E\\u301C]";                                   // tildes
}

IcuFolding::IcuFolding() {
  UErrorCode ec = U_ZERO_ERROR;
  nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(ec);
  check(ec, "NFKC_Casefold normalizer");
  joiners_.applyPattern(icu::UnicodeString(joiner_pattern()), ec);
  check(ec, "joiner set");
  joiners_.freeze();
  if (!load_rule_data()) load_from_transliterator();
  confusables_ = build_confusable_folds(*nfkc_cf_);
  for (const VariantFold& v : kVariantFolds) variants_.emplace(v.from, v.to);

  may_change_.applyIntPropertyValue(UCHAR_CHANGES_WHEN_NFKC_CASEFOLDED, 1, ec);
  check(ec, "Changes_When_NFKC_Casefolded");
  may_change_.addAll(joiners_);
  for (const auto& [from, to] : simplified_) may_change_.add(static_cast<UChar32>(from));
  for (const auto& [from, to] : confusables_) may_change_.add(static_cast<UChar32>(from));
  for (const auto& [from, to] : variants_) may_change_.add(static_cast<UChar32>(from));
  may_change_.freeze();
}

IcuFolding::~IcuFolding() = default;

// ICU keeps each rule-based transliterator's source rules as a string resource in its "translit" data
// tree: root/RuleBasedTransliteratorIDs/<id>/file/{resource, direction}. Reading that string costs well
// under a millisecond, against ~35 ms for compiling it into a Transliterator.
bool IcuFolding::load_rule_data() {
  UErrorCode ec = U_ZERO_ERROR;
  icu::LocalUResourceBundlePointer root(ures_openDirect(U_ICUDATA_NAME "-translit", "root", &ec));
  icu::LocalUResourceBundlePointer ids(ures_getByKey(root.getAlias(), "RuleBasedTransliteratorIDs", nullptr, &ec));
  icu::LocalUResourceBundlePointer entry(ures_getByKey(ids.getAlias(), kTraditionalToSimplifiedId, nullptr, &ec));
  icu::LocalUResourceBundlePointer file(ures_getByKey(entry.getAlias(), "file", nullptr, &ec));
  if (U_FAILURE(ec)) {
    ec = U_ZERO_ERROR;
    file.adoptInstead(ures_getByKey(entry.getAlias(), "internal", nullptr, &ec));
  }
  const icu::UnicodeString rules = icu::ures_getUnicodeStringByKey(file.getAlias(), "resource", &ec);
  const icu::UnicodeString direction = icu::ures_getUnicodeStringByKey(file.getAlias(), "direction", &ec);
  if (U_FAILURE(ec)) return false;
  const bool reverse = direction == icu::UnicodeString(u"REVERSE");

  std::unordered_map<char32_t, std::u32string> mapping;
  int32_t start = 0;
  while (start < rules.length()) {
    int32_t end = rules.indexOf(u';', start);
    if (end < 0) end = rules.length();
    icu::UnicodeString rule = rules.tempSubStringBetween(start, end);
    start = end + 1;
    rule.trim();
    if (rule.isEmpty() || has_rule_syntax(rule)) continue;
    // Operators: <> and ↔ both ways, > and → forward, < and ← reverse.
    int32_t op = -1, op_len = 1;
    bool forward = false, backward = false;
    for (int32_t i = 0; i < rule.length() && op < 0; ++i) {
      const char16_t c = rule.charAt(i);
      if (c == u'\u2194' || (c == u'<' && rule.charAt(i + 1) == u'>')) {
        op = i, op_len = c == u'<' ? 2 : 1, forward = backward = true;
      } else if (c == u'\u2192' || c == u'>') {
        op = i, forward = true;
      } else if (c == u'\u2190' || c == u'<') {
        op = i, backward = true;
      }
    }
    if (op <= 0) continue;
    const std::u32string left = to_u32(rule.tempSubStringBetween(0, op));
    const std::u32string right = to_u32(rule.tempSubString(op + op_len));
    if (left.empty() || right.empty()) continue;
    const std::u32string& from = reverse ? right : left;
    const std::u32string& to = reverse ? left : right;
    const bool applies = reverse ? backward : forward;
    // ICU rejects a rule set in which a rule is masked by an earlier one, so the first single-character
    // rule for a character is the only one; emplace keeps the first all the same.
    if (applies && from.size() == 1) mapping.emplace(from[0], to);
  }
  if (mapping.size() < kMinSimplifiedMappings) return false;
  for (auto it = mapping.begin(); it != mapping.end();) {
    it = it->second == std::u32string(1, it->first) ? mapping.erase(it) : std::next(it);
  }
  simplified_ = std::move(mapping);
  from_rule_data_ = true;
  return true;
}

void IcuFolding::load_from_transliterator() {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(kTraditionalToSimplifiedId, UTRANS_FORWARD, ec));
  check(ec, "Traditional-Simplified transliterator");
  icu::UnicodeSet source;
  t->getSourceSet(source);
  for (int32_t r = 0; r < source.getRangeCount(); ++r) {
    for (UChar32 c = source.getRangeStart(r); c <= source.getRangeEnd(r); ++c) {
      icu::UnicodeString s(c);
      t->transliterate(s);
      if (s != icu::UnicodeString(c)) simplified_.emplace(static_cast<char32_t>(c), to_u32(s));
    }
  }
  from_rule_data_ = false;
}

std::u32string IcuFolding::simplify(char32_t cp) const {
  const auto it = simplified_.find(cp);
  return it == simplified_.end() ? std::u32string(1, cp) : it->second;
}

char32_t IcuFolding::pre_fold(char32_t cp) const {
  const auto it = confusables_.find(cp);
  return it == confusables_.end() ? cp : it->second;
}

char32_t IcuFolding::post_fold(char32_t c) const {
  if (const auto it = variants_.find(c); it != variants_.end()) return it->second;
  return pre_fold(c);
}

std::u32string IcuFolding::fold(char32_t cp) const {
  std::u32string out;
  if (!may_change_.contains(static_cast<UChar32>(cp))) {
    out.push_back(cp);
    return out;
  }
  UErrorCode ec = U_ZERO_ERROR;
  icu::UnicodeString normalized;
  nfkc_cf_->normalize(icu::UnicodeString(static_cast<UChar32>(pre_fold(cp))), normalized, ec);
  check(ec, "NFKC_Casefold");
  for (char32_t c : to_u32(normalized)) {
    for (char32_t s : simplify(c)) {
      const char32_t p = post_fold(s);
      if (!is_joiner(p)) out.push_back(p);
    }
  }
  return out;
}

std::u32string IcuFolding::base_fold(char32_t cp) const {
  std::u32string out;
  UErrorCode ec = U_ZERO_ERROR;
  icu::UnicodeString normalized;
  nfkc_cf_->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), normalized, ec);
  check(ec, "NFKC_Casefold");
  for (char32_t c : to_u32(normalized)) {
    for (char32_t s : simplify(c)) {
      if (!is_joiner(s)) out.push_back(s);
    }
  }
  return out;
}

}  // namespace regscreen
