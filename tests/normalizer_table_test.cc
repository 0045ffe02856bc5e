// The normalizer's code-point table against ICU, the reference: every code point alone, and random mixed
// text through the whole-text ICU pipeline (NFKC_Casefold + the compiled Hant-Hans Transliterator).
//
// What the per-code-point table cannot do, and the only things excluded from the random-text comparison:
//  1. composition and reordering of combining sequences (e + U+0301 -> é, Hangul L+V jamo -> syllable):
//     characters without an NFKC_Casefold "boundary before" are left out of random text;
//  2. the transliterator's phrase rules that give a different result than converting each character
//     (甚麼 -> 什么 where per character it is 甚么): characters occurring in such phrases are left out.
// KnownDifferences shows both on purpose, so that the exclusions are seen to be real and necessary.
#include <gtest/gtest.h>

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "normalize/encoding.h"
#include "normalize/icu_folding.h"
#include "normalize/normalizer.h"
#include "normalize/normalizer_icu.h"

namespace regscreen {
namespace {

std::string utf8(char32_t cp) {
  std::string s;
  append_utf8(cp, &s);
  return s;
}

std::string hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

const IcuReferenceNormalizer& reference() {
  static const IcuReferenceNormalizer* r = new IcuReferenceNormalizer();
  return *r;
}

const Normalizer& table() { return Normalizer::instance(); }

TEST(NormalizerTable, EveryCodePointAloneMatchesIcu) {
  std::vector<std::string> mismatches;
  size_t assigned = 0, changed = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // not scalar values: no UTF-8 form
    if (u_charType(static_cast<UChar32>(cp)) != U_UNASSIGNED) ++assigned;
    const std::string in = utf8(cp);
    const std::string got = table().normalize(in);
    if (got != in) ++changed;
    const std::string want = reference().normalize(in);
    if (got != want && mismatches.size() < 20) mismatches.push_back(hex(cp) + ": table " + got + " icu " + want);
  }
  EXPECT_TRUE(mismatches.empty()) << ::testing::PrintToString(mismatches);
  EXPECT_GT(assigned, 280000u);  // Unicode 15: ~149k assigned + ~137k private use
  EXPECT_EQ(changed, table().table_stats().changed_code_points);
}

// Folding twice changes nothing, except where ICU's own data is not idempotent: its Hant-Hans rules map
// 苎 -> 苧 and 苧 -> 苎 (and 薴 -> 苧). The table follows ICU there rather than second-guess it; terms and
// text are both folded exactly once, so matching is unaffected.
TEST(NormalizerTable, FoldingIsIdempotentExceptWhereIcuIsNot) {
  std::vector<std::string> not_idempotent;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string once = table().normalize(utf8(cp));
    if (table().normalize(once) == once) continue;
    not_idempotent.push_back(hex(cp));
    const std::string icu_once = reference().normalize(utf8(cp));
    EXPECT_NE(reference().normalize(icu_once), icu_once) << hex(cp) << ": ICU is idempotent here, the table is not";
  }
  EXPECT_LE(not_idempotent.size(), 5u) << ::testing::PrintToString(not_idempotent);
}

// The Traditional->Simplified mapping read from ICU's rule data equals what the compiled transliterator does
// to each character alone.
TEST(NormalizerTable, RuleDataMappingEqualsTheCompiledTransliterator) {
  const IcuFolding folding;
  EXPECT_TRUE(folding.simplify_from_rule_data()) << "ICU rule data not found: the table build is ~35 ms slower";
  EXPECT_TRUE(table().table_stats().simplify_from_rule_data);
  EXPECT_GT(folding.simplify_mapping_count(), 2000u);
  icu::UnicodeSet source;
  reference().transliterator().getSourceSet(source);
  size_t checked = 0;
  for (int32_t r = 0; r < source.getRangeCount(); ++r) {
    for (UChar32 c = source.getRangeStart(r); c <= source.getRangeEnd(r); ++c) {
      icu::UnicodeString s(c);
      reference().transliterator().transliterate(s);
      std::string want;
      s.toUTF8String(want);
      std::string got;
      for (char32_t x : folding.simplify(static_cast<char32_t>(c))) append_utf8(x, &got);
      ASSERT_EQ(got, want) << hex(static_cast<char32_t>(c));
      ++checked;
    }
  }
  EXPECT_GT(checked, 2000u);
}

// Characters of the transliterator's phrase rules whose phrase result differs from converting each
// character: the per-code-point table cannot reproduce those (and must not: see icu_folding.h).
std::set<char32_t> phrase_sensitive_characters() {
  icu::UnicodeString rules;
  reference().transliterator().toRules(rules, false);
  std::string text;
  rules.toUTF8String(text);
  std::set<char32_t> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string rule = text.substr(start, end - start);
    start = end + 1;
    const size_t op = rule.find(" > ");
    if (op == std::string::npos) continue;
    std::string left = rule.substr(0, op), right = rule.substr(op + 3);
    while (!left.empty() && (left.front() == '\n' || left.front() == ' ')) left.erase(0, 1);
    if (table().normalize(left) == right) continue;  // the phrase converts like its characters
    const icu::UnicodeString l = icu::UnicodeString::fromUTF8(left);
    if (l.countChar32() < 2) continue;
    for (int32_t i = 0; i < l.length(); i = l.moveIndex32(i, 1)) out.insert(static_cast<char32_t>(l.char32At(i)));
  }
  return out;
}

TEST(NormalizerTable, RandomMixedTextMatchesIcu) {
  const icu::Normalizer2& nfkc_cf = reference().folding().nfkc_casefold();
  const std::set<char32_t> phrase = phrase_sensitive_characters();
  EXPECT_GT(phrase.size(), 10u);  // the exclusion is real (甚, 麼, ...)
  // Left out: characters that compose with what precedes them, and any whose fold involves a phrase
  // character.
  auto usable = [&](char32_t cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (!nfkc_cf.hasBoundaryBefore(static_cast<UChar32>(cp))) return false;
    UErrorCode ec = U_ZERO_ERROR;
    const icu::UnicodeString n = nfkc_cf.normalize(icu::UnicodeString(static_cast<UChar32>(cp)), ec);
    for (int32_t i = 0; i < n.length(); i = n.moveIndex32(i, 1)) {
      const UChar32 c = n.char32At(i);
      if (phrase.count(static_cast<char32_t>(c)) || !nfkc_cf.hasBoundaryBefore(c)) return false;
    }
    return true;
  };

  // Character classes, each with a weight: CJK (simplified, traditional, extension B, compatibility,
  // Kangxi radicals), ASCII, full-width forms, separators and invisible characters, CJK punctuation and
  // enclosed/squared forms.
  std::vector<std::vector<char32_t>> classes;
  auto range = [&](char32_t lo, char32_t hi) {
    std::vector<char32_t> v;
    for (char32_t c = lo; c <= hi; ++c) {
      if (usable(c)) v.push_back(c);
    }
    return v;
  };
  classes.push_back(range(0x4E00, 0x9FFF));
  {
    icu::UnicodeSet source;
    reference().transliterator().getSourceSet(source);
    std::vector<char32_t> v;
    for (int32_t r = 0; r < source.getRangeCount(); ++r) {
      for (UChar32 c = source.getRangeStart(r); c <= source.getRangeEnd(r); ++c) {
        if (usable(static_cast<char32_t>(c))) v.push_back(static_cast<char32_t>(c));
      }
    }
    EXPECT_GT(v.size(), 2000u);
    classes.push_back(v);
  }
  classes.push_back(range(0x20000, 0x2A6DF));
  classes.push_back(range(0xF900, 0xFAFF));
  classes.push_back(range(0x2F800, 0x2FA1F));
  classes.push_back(range(0x2F00, 0x2FDF));
  classes.push_back(range(0x2E80, 0x2EFF));
  classes.push_back(range(0x20, 0x7E));
  classes.push_back(range(0xFF01, 0xFFEF));
  {
    std::vector<char32_t> v;
    const icu::UnicodeSet& joiners = reference().folding().joiner_set();
    for (int32_t r = 0; r < joiners.getRangeCount(); ++r) {
      for (UChar32 c = joiners.getRangeStart(r); c <= joiners.getRangeEnd(r) && c < 0x30000; ++c) {
        if (usable(static_cast<char32_t>(c))) v.push_back(static_cast<char32_t>(c));
      }
    }
    classes.push_back(v);
  }
  classes.push_back({0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x3000, 0x00B7, 0x30FB, 0x2022, 0x3001, 0xFF0C});
  classes.push_back(range(0x3000, 0x303F));
  classes.push_back(range(0x3200, 0x33FF));
  // Letters of other scripts (confusable folds: Cyrillic Р, Greek Ρ, Cherokee, Canadian Syllabics, Latin
  // extensions) and the variant characters with what ICU simplifies to them (諮 -> 谘 -> 咨).
  classes.push_back(range(0x0080, 0x052F));
  classes.push_back(range(0x13A0, 0x167F));
  classes.push_back(range(0x2100, 0x218F));
  classes.push_back({0x8C18, 0x8AEE, 0x54A8, 0x6A29, 0x967A, 0x51A8, 0x0420, 0x03A1, 0x146D});
  for (const auto& c : classes) ASSERT_FALSE(c.empty());

  std::mt19937 rng(20240601);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int len = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) {
      const auto& cls = classes[rng() % classes.size()];
      text += utf8(cls[rng() % cls.size()]);
    }
    ASSERT_EQ(table().normalize(text), reference().normalize(text)) << text;
  }
}

TEST(NormalizerTable, InvalidUtf8MatchesIcuPipeline) {
  std::mt19937 rng(99);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes;
    const int len = static_cast<int>(rng() % 24);
    for (int i = 0; i < len; ++i) {
      // Mostly bytes around UTF-8's edges, with some whole characters.
      static const unsigned char kBytes[] = {0x41, 0x20, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE7,
                                             0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x90, 0xA0, 0x9F, 0x8F};
      if (rng() % 4 == 0) {
        bytes += "財";
      } else {
        bytes.push_back(static_cast<char>(kBytes[rng() % sizeof kBytes]));
      }
    }
    ASSERT_EQ(table().normalize(bytes), reference().normalize(bytes));
  }
}

TEST(NormalizerTable, KnownDifferences) {
  // Phrase rule: ICU converts 甚麼 as a word; the table converts each character.
  EXPECT_EQ(reference().normalize("甚麼"), "什么");
  EXPECT_EQ(table().normalize("甚麼"), "甚么");
  // Composition: ICU composes e + U+0301 into é; the table drops the combining mark (a joiner).
  EXPECT_EQ(reference().normalize("e\u0301"), "\u00E9");
  EXPECT_EQ(table().normalize("e\u0301"), "e");
  // Precomposed é is kept by both.
  EXPECT_EQ(table().normalize("\u00E9"), "\u00E9");
}

TEST(NormalizerTable, TableIsCompact) {
  const Normalizer::TableStats s = table().table_stats();
  EXPECT_GT(s.changed_code_points, 10000u);
  EXPECT_LT(s.distinct_blocks, 400u);
  EXPECT_LT(s.bytes, 1u << 20);
}

}  // namespace
}  // namespace regscreen
