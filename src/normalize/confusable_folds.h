// Confusable folds: letters and digits of other scripts that look like an ASCII letter or digit (Cyrillic
// Р and Greek Ρ for P, Canadian Syllabics ᑭ for P, Latin Ƨ for 2), folded to that ASCII character, lower
// case, so that "Р2Р" (Cyrillic) is screened as P2P.
//
// The look-alike relation is ICU's confusable data (Unicode UTS #39, uspoof_getSkeleton): a code point is
// folded when its skeleton is ONE ASCII letter or digit. Only code points of these kinds are considered:
//   - letters and numbers (General_Category L* and N*) of scripts other than Han, Hiragana, Katakana,
//     Hangul, Bopomofo and Yi, and
//   - the symbols of the Letterlike Symbols block (℮);
// never punctuation, separators or other symbols (× ∣ ￨ stay: a bar or a cross may separate list items),
// never a CJK character (〇, 丨, ロ, ㄧ and 〡 have ASCII skeletons and stay), and never a code point that
// NFKC_Casefold already turns into ASCII (ſ stays s, Ⅰ stays i: the existing fold is kept).
//
// Only the blocks in kConfusableQueryRanges are queried, to keep the table build cheap (~3,600 queries,
// about a millisecond, instead of 290,000): the alphabets a Chinese input method or a "fancy text"
// generator offers — Latin (with IPA and phonetic extensions), Greek, Cyrillic, Armenian, Georgian,
// Cherokee, Canadian Syllabics, Runic, Coptic, Glagolitic, Tifinagh, Lisu — and the Letterlike Symbols and
// Number Forms blocks. Left out: Hebrew, Arabic, NKo, the Brahmic and South-East Asian scripts, Ethiopic,
// Bamum and historic scripts outside the BMP, whose few ASCII look-alikes are round letters and digits
// (o, l, 8, 9). Mathematical alphanumerics and full-width forms need no query: NFKC folds them.
// tests/normalizer_variants_test.cc enumerates all of Unicode to check that only those scripts are left out.
#pragma once

#include <unicode/normalizer2.h>
#include <unicode/uspoof.h>

#include <unordered_map>
#include <utility>

namespace regscreen {

inline constexpr std::pair<char32_t, char32_t> kConfusableQueryRanges[] = {
    {0x0080, 0x058F},  // Latin-1 Supplement .. Armenian (Latin Extended-A/B, IPA, Greek, Cyrillic)
    {0x10A0, 0x10FF},  // Georgian
    {0x13A0, 0x167F},  // Cherokee, Unified Canadian Aboriginal Syllabics
    {0x16A0, 0x16FF},  // Runic
    {0x1D00, 0x1DBF},  // Phonetic Extensions (+ Supplement)
    {0x1E00, 0x1FFF},  // Latin Extended Additional, Greek Extended
    {0x2100, 0x218F},  // Letterlike Symbols, Number Forms
    {0x2C00, 0x2DFF},  // Glagolitic, Latin Extended-C, Coptic, Georgian Supplement, Tifinagh, Cyrillic Ext-A
    {0xA4D0, 0xA4FF},  // Lisu
    {0xA640, 0xA69F},  // Cyrillic Extended-B
    {0xA720, 0xA7FF},  // Latin Extended-D
    {0xAB30, 0xABBF},  // Latin Extended-E, Cherokee Supplement
};

// Whether cp is of a kind that may be folded (see above; the query ranges aside).
bool is_confusable_kind(char32_t cp);

// Code point -> lower-case ASCII letter or digit, for every code point of kConfusableQueryRanges that is of
// a confusable kind, whose skeleton is one ASCII letter or digit, and whose NFKC_Casefold is not ASCII.
// Throws std::runtime_error when ICU's confusable data is missing.
std::unordered_map<char32_t, char32_t> build_confusable_folds(const icu::Normalizer2& nfkc_casefold);

// ICU's confusable skeleton of one code point, when it is one ASCII letter or digit. Immutable; const
// methods are thread-safe.
class AsciiSkeletons {
 public:
  // Throws std::runtime_error when ICU's confusable data is missing.
  AsciiSkeletons();
  // The lower-case ASCII letter or digit that cp's skeleton is, or 0. Exception: an upper-case letter
  // whose skeleton is l gives i (the skeleton of ASCII I is l; Greek Ι folds like I).
  char32_t of(char32_t cp) const;

 private:
  icu::LocalUSpoofCheckerPointer checker_;
};

}  // namespace regscreen
