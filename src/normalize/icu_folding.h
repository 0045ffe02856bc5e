// IcuFolding: the folding rule of the normalizer, stated once, in ICU terms.
//
// A code point c folds to  drop_joiners(post(simplify(NFKC_Casefold(pre(c)))))  where
//   pre            is the confusable fold (confusable_folds.h): a letter or digit of another script that
//                  looks like an ASCII letter or digit (Cyrillic Р, Greek Ρ) becomes that ASCII character,
//                  lower case; everything else is left as it is;
//   NFKC_Casefold  is ICU's Normalizer2 "nfkc_cf" (compatibility forms, width, case, default ignorables),
//   simplify       is ICU's "Hant-Hans" (Traditional-Simplified) transliterator applied to each character
//                  on its own (see below),
//   post           folds each resulting character through the variant list (variant_folds.h: 谘 -> 咨,
//                  the variant ICU gives for 諮) and the confusable fold again (so that a compatibility
//                  form whose NFKC is a Greek or Cyrillic look-alike folds too, and folding is idempotent),
//                  and
//   drop_joiners   removes the characters of joiner_set(): marks that carry no meaning between two
//                  characters of a word and that people insert to break a term up.
// base_fold() is the same rule without pre and post: the tests check that it differs from fold() only for
// the confusable letters and the variants, and never for CJK text.
//
// Joiners (removed):  White_Space (incl. U+3000 and NBSP), Cc, Cf (zero-width space/joiners, BOM, soft
//   hyphen, bidi controls), Default_Ignorable_Code_Point (variation selectors, fillers), Mn and Me
//   (combining marks put on a character), Pc (underscore and other connectors), middle dots
//   · ‧ ∙ ⋅ ・ ･ ⸱, hyphens - ‐ ‑ ﹣ －, asterisks * ∗ ⁎ ﹡ ＊, tildes ~ ～ 〜.
// Kept, because in real registry text they separate list items or clauses and the context analysis reads
//   them: 、，；。：,;:.!?！？ brackets ()（）[]【】《》「」〔〕, quotes, slash / (销售/零售: two items),
//   en and em dashes – — (ranges, clauses), bullets • ● ⁃ (list markers: •投资•管理 is two items),
//   ellipses, and every other symbol. NFKC turns full-width ，；：！？（） into ASCII , ; : ! ? ( ): the
//   kept punctuation is therefore ASCII where a full-width form exists (。、【】 have none and stay).
//
// Traditional -> Simplified per character: ICU's transliterator also has about a thousand phrase rules
// (甚麼 -> 什么, 乾隆 stays 乾隆) that depend on neighbouring characters. Folding one code point at a
// time cannot apply them, and should not: a term must fold to the same text inside any sentence, so the
// normalizer is deliberately context-free (甚麼 -> 甚么). The per-character mapping is read from ICU's own
// rule data (fast: compiling the transliterator costs ~35 ms) and the tests check it against the compiled
// transliterator for every code point.
//
// IcuFolding is only used to build the normalizer's table and by the ICU reference pipeline and tests; it
// is immutable after construction and its const methods are thread-safe.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/uniset.h>

namespace regscreen {

class IcuFolding {
 public:
  // ICU transliterator ID whose single-character rules give the Traditional->Simplified mapping.
  static constexpr const char* kTraditionalToSimplifiedId = "Hant-Hans";
  // The joiner set as an ICU UnicodeSet pattern.
  static const char16_t* joiner_pattern();

  // Throws std::runtime_error when ICU data is missing.
  IcuFolding();
  ~IcuFolding();

  // The folded form of cp, as a sequence of code points (possibly empty).
  std::u32string fold(char32_t cp) const;
  // The rule without the confusable and variant folds (NFKC_Casefold, Hant-Hans, joiners): for tests.
  std::u32string base_fold(char32_t cp) const;
  // Traditional->Simplified of one code point (cp itself when there is no single-character rule).
  std::u32string simplify(char32_t cp) const;
  // The confusable fold applied to an input code point (the ASCII look-alike, or cp itself).
  char32_t pre_fold(char32_t cp) const;
  // The variant and confusable folds applied to a character after simplification (or c itself).
  char32_t post_fold(char32_t c) const;
  // The confusable folds (code point -> lower-case ASCII letter or digit), from ICU's confusable data.
  const std::unordered_map<char32_t, char32_t>& confusable_folds() const { return confusables_; }

  bool is_joiner(char32_t cp) const { return joiners_.contains(static_cast<UChar32>(cp)); }
  const icu::UnicodeSet& joiner_set() const { return joiners_; }
  const icu::Normalizer2& nfkc_casefold() const { return *nfkc_cf_; }
  // Code points for which fold(cp) may differ from cp: everything else folds to itself.
  const icu::UnicodeSet& may_change() const { return may_change_; }
  // Where the Traditional->Simplified mapping came from: ICU's rule data (the fast path) or, when that data
  // could not be read, per-character transliteration with the compiled transliterator.
  bool simplify_from_rule_data() const { return from_rule_data_; }
  size_t simplify_mapping_count() const { return simplified_.size(); }

 private:
  bool load_rule_data();
  void load_from_transliterator();

  const icu::Normalizer2* nfkc_cf_;
  icu::UnicodeSet joiners_;
  icu::UnicodeSet may_change_;
  std::unordered_map<char32_t, std::u32string> simplified_;
  std::unordered_map<char32_t, char32_t> confusables_;
  std::unordered_map<char32_t, char32_t> variants_;
  bool from_rule_data_ = false;
};

}  // namespace regscreen
