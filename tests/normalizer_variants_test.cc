// The normalizer's two folds beyond NFKC_Casefold and Hant-Hans (icu_folding.h): the variant list
// (variant_folds.h: 谘 -> 咨 ...) and the confusable letters of other scripts (confusable_folds.h: Cyrillic
// Р -> p ...). Each is checked for what it catches, that every entry is needed and justified, and that
// nothing else changed: CJK text, punctuation and the context rules' marks fold exactly as before.
#include <gtest/gtest.h>

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "normalize/confusable_folds.h"
#include "normalize/encoding.h"
#include "normalize/icu_folding.h"
#include "normalize/normalizer.h"
#include "normalize/variant_folds.h"
#include "policy/lexicon.h"
#include "regscreen/policy.h"

namespace regscreen {
namespace {

std::string norm(std::string_view s) { return Normalizer::instance().normalize(s); }

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) append_utf8(c, &out);
  return out;
}
std::string utf8(char32_t c) { return utf8(std::u32string(1, c)); }

std::string hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

const IcuFolding& folding() {
  static const IcuFolding* f = new IcuFolding();
  return *f;
}

const policy_internal::Lexicon& lexicon() {
  static const policy_internal::Lexicon lex = policy_internal::load_lexicon(default_policy_dir() / "lexicon.toml");
  return lex;
}

std::set<char32_t> lexicon_characters() {
  std::set<char32_t> out;
  for (const Term& t : lexicon().terms) {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8(t.text);
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.insert(static_cast<char32_t>(s.char32At(i)));
  }
  return out;
}

bool is_cjk_script(char32_t cp) {
  UErrorCode ec = U_ZERO_ERROR;
  const UScriptCode s = uscript_getScript(static_cast<UChar32>(cp), &ec);
  return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL ||
         s == USCRIPT_BOPOMOFO || s == USCRIPT_YI;
}

// ---------------------------------------------------------------------------------------------------------
// Variants

TEST(VariantFolds, CatchTheVariantSpellingsOfLexiconTerms) {
  EXPECT_EQ(norm("商務諮詢"), "商务咨询");  // ICU alone gives 商务谘询
  EXPECT_EQ(norm("商务谘询"), "商务咨询");
  EXPECT_EQ(norm("諮询"), "咨询");
  EXPECT_EQ(norm("股権众筹"), "股权众筹");
  EXPECT_EQ(norm("股権投資基金"), "股权投资基金");
  EXPECT_EQ(norm("互聯網保険"), "互联网保险");
  EXPECT_EQ(norm("財冨管理"), "财富管理");
  // The standard forms stay.
  EXPECT_EQ(norm("商务咨询"), "商务咨询");
  EXPECT_EQ(norm("咨询"), "咨询");
}

// Every entry is needed (ICU leaves the character as it is), folds to a character that is itself stable,
// and the character it gives belongs to a lexicon term: the list stays about the lexicon.
TEST(VariantFolds, EveryEntryIsNeededStableAndAboutTheLexicon) {
  const std::set<char32_t> lexicon_chars = lexicon_characters();
  std::set<char32_t> sources;
  for (const VariantFold& v : kVariantFolds) {
    SCOPED_TRACE(hex(v.from) + " " + utf8(v.from));
    EXPECT_TRUE(sources.insert(v.from).second) << "listed twice";
    EXPECT_EQ(folding().base_fold(v.from), std::u32string(1, v.from)) << "ICU already folds it: drop the entry";
    EXPECT_EQ(folding().fold(v.from), std::u32string(1, v.to));
    EXPECT_EQ(folding().fold(v.to), std::u32string(1, v.to)) << "the target must fold to itself";
    EXPECT_TRUE(is_cjk_script(v.from) && is_cjk_script(v.to));
    EXPECT_TRUE(lexicon_chars.count(v.to)) << utf8(v.to) << " is in no lexicon term";
  }
  EXPECT_LE(sources.size(), 8u) << "the list is meant to stay small";
}

// Every character of every term survives a round trip through ICU's Simplified->Traditional: the
// Traditional spelling of a term folds back to the term (this is how 諮 -> 谘 would have been caught had
// ICU's Hans-Hant turned 咨 into 諮; the variant list covers it).
TEST(VariantFolds, TraditionalFormsOfEveryLexiconCharacterFoldBack) {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> to_traditional(icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, ec));
  ASSERT_TRUE(U_SUCCESS(ec) && to_traditional);
  int checked = 0;
  for (char32_t c : lexicon_characters()) {
    if (c < 0x80) continue;
    icu::UnicodeString t(static_cast<UChar32>(c));
    to_traditional->transliterate(t);
    std::string traditional;
    t.toUTF8String(traditional);
    EXPECT_EQ(norm(traditional), utf8(c)) << traditional;
    ++checked;
  }
  EXPECT_GT(checked, 30);
  // The Traditional spelling of every term folds to the term.
  for (const Term& term : lexicon().terms) {
    icu::UnicodeString t = icu::UnicodeString::fromUTF8(term.text);
    to_traditional->transliterate(t);
    std::string traditional;
    t.toUTF8String(traditional);
    EXPECT_EQ(norm(traditional), norm(term.text)) << traditional;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Confusables

TEST(ConfusableFolds, LookalikeLettersAndDigitsFoldToAscii) {
  EXPECT_EQ(norm("\u0420" "2\u0420"), "p2p");         // Cyrillic Р (upper case)
  EXPECT_EQ(norm("\u0440" "2\u0440"), "p2p");         // Cyrillic р
  EXPECT_EQ(norm("\u03A1" "2\u03A1"), "p2p");         // Greek Ρ
  EXPECT_EQ(norm("\u03C1" "2\u03C1"), "p2p");         // Greek ρ
  EXPECT_EQ(norm("\u146D" "2\u146D"), "p2p");         // Canadian Syllabics ᑭ
  EXPECT_EQ(norm("\u13E2" "2\u13E2"), "p2p");         // Cherokee Ꮲ
  EXPECT_EQ(norm("P\u01A7P"), "p2p");                 // Latin Ƨ (tone two) for 2
  EXPECT_EQ(norm("\u0420\uFF12\u0420"), "p2p");       // with a full-width 2
  EXPECT_EQ(norm("\u2119" "2\u2119"), "p2p");         // ℙ: NFKC already
  EXPECT_EQ(norm("\U0001D40F" "2\U0001D40F"), "p2p"); // 𝐏: NFKC already
  EXPECT_EQ(norm("\U0001D6B8"), "p");                 // 𝚸 bold capital rho: NFKC gives ρ, which folds on
  // Upper-case letters that only look Latin in upper case (lower-case н does not look like h).
  EXPECT_EQ(norm("\u041D\u0392\u039A"), "hbk");       // Cyrillic Н, Greek Β, Κ
  // I-like capitals fold like I (the skeleton of I is l).
  EXPECT_EQ(norm("\u0399\u0406"), "ii");              // Greek Ι, Cyrillic І
  EXPECT_EQ(norm("I"), "i");
}

TEST(ConfusableFolds, AccentedLettersAndExistingFoldsStay) {
  // Pinyin and other accented letters have skeletons of two code points: not folded.
  EXPECT_EQ(norm("\u0101\u00E9\u01DA\u00FC"), "\u0101\u00E9\u01DA\u00FC");  // ā é ǚ ü
  EXPECT_EQ(norm("\u00DF"), "ss");  // ß: NFKC_Casefold
  EXPECT_EQ(norm("\u017F"), "s");   // ſ: NFKC gives s (its skeleton is f: the NFKC fold stands)
  EXPECT_EQ(norm("\u2160"), "i");   // Ⅰ
  EXPECT_EQ(norm("\u212A"), "k");   // Kelvin sign
}

// Every confusable fold is of the documented kind: a letter, number or letterlike symbol of a non-CJK
// script, not a joiner, whose NFKC_Casefold is not ASCII, folding to a lower-case ASCII letter or digit.
TEST(ConfusableFolds, OnlyLettersDigitsAndLetterlikeSymbolsOfOtherScripts) {
  const auto& folds = folding().confusable_folds();
  EXPECT_GT(folds.size(), 200u);
  const icu::Normalizer2& nfkc_cf = folding().nfkc_casefold();
  for (const auto& [from, to] : folds) {
    SCOPED_TRACE(hex(from) + " " + utf8(from));
    EXPECT_TRUE(is_confusable_kind(from));
    EXPECT_FALSE(is_cjk_script(from));
    EXPECT_FALSE(folding().is_joiner(from));
    const uint32_t gc = U_GET_GC_MASK(static_cast<UChar32>(from));
    EXPECT_TRUE((gc & (U_GC_L_MASK | U_GC_N_MASK)) != 0 ||
                ublock_getCode(static_cast<UChar32>(from)) == UBLOCK_LETTERLIKE_SYMBOLS);
    EXPECT_TRUE((to >= U'a' && to <= U'z') || (to >= U'0' && to <= U'9'));
    UErrorCode ec = U_ZERO_ERROR;
    const icu::UnicodeString n = nfkc_cf.normalize(icu::UnicodeString(static_cast<UChar32>(from)), ec);
    bool ascii = true;
    for (int32_t i = 0; i < n.length(); ++i) ascii = ascii && n.charAt(i) < 0x80;
    EXPECT_FALSE(ascii);
    EXPECT_EQ(folding().fold(from), std::u32string(1, to));
  }
}

// The query ranges are a shortcut for the build: enumerating ALL of Unicode, the code points with a
// one-ASCII-character skeleton that are not folded must be ones NFKC already turns into ASCII, or belong
// to the scripts confusable_folds.h leaves out on purpose.
TEST(ConfusableFolds, QueryRangesLeaveOutOnlyTheDocumentedScripts) {
  const std::set<UScriptCode> left_out_on_purpose = {
      USCRIPT_HEBREW,    USCRIPT_ARABIC,    USCRIPT_NKO,        USCRIPT_DEVANAGARI, USCRIPT_BENGALI,
      USCRIPT_GURMUKHI,  USCRIPT_GUJARATI,  USCRIPT_ORIYA,      USCRIPT_TAMIL,      USCRIPT_TELUGU,
      USCRIPT_KANNADA,   USCRIPT_MALAYALAM, USCRIPT_SINHALA,    USCRIPT_THAI,       USCRIPT_LAO,
      USCRIPT_MYANMAR,   USCRIPT_ETHIOPIC,  USCRIPT_BAMUM};
  const AsciiSkeletons skeletons;
  const auto& folds = folding().confusable_folds();
  const icu::Normalizer2& nfkc_cf = folding().nfkc_casefold();
  std::map<std::string, int> left_out;
  int folded = 0;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (!is_confusable_kind(cp) || skeletons.of(cp) == 0) continue;
    if (folds.count(cp)) {
      ++folded;
      continue;
    }
    UErrorCode ec = U_ZERO_ERROR;
    const icu::UnicodeString n = nfkc_cf.normalize(icu::UnicodeString(static_cast<UChar32>(cp)), ec);
    bool ascii = true;
    for (int32_t i = 0; i < n.length(); ++i) ascii = ascii && n.charAt(i) < 0x80;
    if (ascii) continue;  // NFKC's fold (math alphanumerics, full-width forms, ſ)
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &ec);
    if (cp >= 0x10000 || left_out_on_purpose.count(script)) {
      ++left_out[uscript_getShortName(script)];
      continue;
    }
    ADD_FAILURE() << hex(cp) << " " << utf8(cp) << " (" << uscript_getShortName(script)
                  << ") has an ASCII skeleton but is not folded: widen kConfusableQueryRanges";
  }
  EXPECT_EQ(folded, static_cast<int>(folds.size()));
  EXPECT_FALSE(left_out.empty());  // the left-out scripts are real (Hebrew ו, Arabic ا, ...)
}

// ---------------------------------------------------------------------------------------------------------
// Nothing else changed

// For every code point, the fold differs from the rule without the two steps only where a confusable
// letter or a variant is involved; CJK characters differ only by the variant list; punctuation, spaces and
// symbols (outside the Letterlike Symbols block) not at all.
TEST(FoldSteps, ChineseTextAndPunctuationFoldExactlyAsBefore) {
  std::map<char32_t, char32_t> variants;
  for (const VariantFold& v : kVariantFolds) variants[v.from] = v.to;
  const auto& confusables = folding().confusable_folds();
  const icu::UnicodeSet& may_change = folding().may_change();
  int differing = 0, cjk_checked = 0;
  for (int32_t r = 0; r < may_change.getRangeCount(); ++r) {
    for (UChar32 c = may_change.getRangeStart(r); c <= may_change.getRangeEnd(r); ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      const char32_t cp = static_cast<char32_t>(c);
      const std::u32string before = folding().base_fold(cp);
      const std::u32string after = folding().fold(cp);
      const uint32_t gc = U_GET_GC_MASK(c);
      const bool letterlike = ublock_getCode(c) == UBLOCK_LETTERLIKE_SYMBOLS;
      if ((gc & (U_GC_P_MASK | U_GC_Z_MASK | U_GC_C_MASK)) || ((gc & U_GC_S_MASK) && !letterlike)) {
        ASSERT_EQ(after, before) << hex(cp) << " punctuation, separators and symbols fold as before";
      }
      if (is_cjk_script(cp) || (before.size() == 1 && is_cjk_script(before[0]))) {
        std::u32string expected = before;
        for (char32_t& x : expected) {
          if (variants.count(x)) x = variants[x];
        }
        ASSERT_EQ(after, expected) << hex(cp) << " " << utf8(cp);
        ++cjk_checked;
      }
      if (after == before) continue;
      ++differing;
      bool explained = confusables.count(cp) > 0;
      for (char32_t x : before) explained = explained || variants.count(x) || confusables.count(x);
      EXPECT_TRUE(explained) << hex(cp) << " " << utf8(cp) << ": " << utf8(before) << " -> " << utf8(after);
    }
  }
  EXPECT_GT(cjk_checked, 2000);
  EXPECT_GT(differing, 200);
  // The whole CJK ideograph blocks that never change, spot-checked outside may_change too.
  for (char32_t cp : {U'\u4E00', U'\u4E28', U'\u3007', U'\u9FA5', U'\U00020000'}) {
    EXPECT_EQ(folding().fold(cp), std::u32string(1, cp)) << hex(cp);
  }
}

// The marks the context rules read, and CJK characters with ASCII-looking skeletons, are untouched.
TEST(FoldSteps, ContextMarksAndCjkLookalikesAreKept) {
  EXPECT_EQ(norm("投资、管理；咨询。经营：（销售）【零售】《理财》「基金」〔金融〕"),
            "投资、管理;咨询。经营:(销售)【零售】《理财》“基金”〔金融〕");  // 「」: Hant-Hans gives “”
  EXPECT_EQ(norm("二〇一六"), "二〇一六");  // 〇 (skeleton O) is a Chinese zero
  EXPECT_EQ(norm("丨"), "丨");              // skeleton l
  EXPECT_EQ(norm("ロー"), "ロー");          // Katakana
  EXPECT_EQ(norm("ㄧ〡"), "ㄧ〡");          // Bopomofo, Hangzhou numeral
  EXPECT_EQ(norm("3×4"), "3×4");           // multiplication sign (skeleton x)
  EXPECT_EQ(norm("理财∣咨询"), "理财∣咨询");  // divides (skeleton l)
  EXPECT_EQ(norm("α-硫辛酸"), "a硫辛酸");    // Greek letters in scopes do fold (no term contains them)
}

}  // namespace
}  // namespace regscreen
