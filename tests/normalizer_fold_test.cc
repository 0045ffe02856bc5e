// What the normalizer folds and what it keeps apart: the evasions of the issue "Normalization that defeats
// evasions", the list and clause punctuation of real business scopes, and the map back to original bytes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "normalize/encoding.h"
#include "normalize/normalizer.h"

namespace regscreen {
namespace {

std::string norm(std::string_view s) { return Normalizer::instance().normalize(s); }

// The original bytes behind normalized bytes [start, end).
std::string original_of(const NormalizedText& n, std::string_view original, size_t start, size_t end) {
  const uint32_t b = n.original_begin(static_cast<uint32_t>(start));
  const uint32_t e = n.original_end(static_cast<uint32_t>(end));
  return std::string(original.substr(b, e - b));
}

// Finds `term` (folded like a lexicon term) in the folded `text`; returns the original bytes it covers, or
// "<no match>".
std::string find_original(std::string_view text, std::string_view term) {
  NormalizedText n;
  Normalizer::instance().normalize(text, &n);
  const std::string folded_term = norm(term);
  const size_t at = n.text.find(folded_term);
  if (folded_term.empty() || at == std::string::npos) return "<no match>";
  return original_of(n, text, at, at + folded_term.size());
}

TEST(NormalizerFold, TraditionalToSimplified) {
  EXPECT_EQ(norm("理財"), "理财");
  EXPECT_EQ(norm("網貸"), "网贷");
  EXPECT_EQ(norm("資產管理"), "资产管理");
  EXPECT_EQ(norm("網絡借貸"), "网络借贷");
  EXPECT_EQ(norm("股權眾籌"), "股权众筹");
  EXPECT_EQ(norm("互聯網保險"), "互联网保险");
  EXPECT_EQ(norm("交易所"), "交易所");
  EXPECT_EQ(norm("財富管理"), "财富管理");
  EXPECT_EQ(norm("支付"), "支付");
  // Characters outside any lexicon are converted too.
  EXPECT_EQ(norm("廣東省深圳市資訊科技有限公司"), "广东省深圳市资讯科技有限公司");
}

TEST(NormalizerFold, WidthAndCase) {
  EXPECT_EQ(norm("P2P"), "p2p");
  EXPECT_EQ(norm("p2p"), "p2p");
  EXPECT_EQ(norm("Ｐ２Ｐ"), "p2p");
  EXPECT_EQ(norm("ＰＰ２Ｐ"), "pp2p");
  EXPECT_EQ(find_original("ＰＰ２Ｐ网贷平台", "P2P"), "Ｐ２Ｐ");
  EXPECT_EQ(norm("ＡＢＣ－１２３"), "abc123");  // full-width hyphen is a joiner
}

TEST(NormalizerFold, SeparatorsAndInvisibleCharactersJoin) {
  for (const char* evasion : {"理 财", "理  财", "理\t财", "理\n财", "理\u3000财", "理\u00A0财", "理·财", "理・财",
                              "理･财", "理‧财", "理\u200B财", "理\u200C财", "理\u200D财", "理\u2060财", "理\uFEFF财",
                              "理\u00AD财", "理-财", "理_财", "理*财", "理～财", "理~财", "理\u0301财",
                              "理\uFE0F财", "理 \u200B·\u3000财"}) {
    EXPECT_EQ(norm(evasion), "理财") << evasion;
  }
  EXPECT_EQ(norm("P 2 P"), "p2p");
  EXPECT_EQ(norm("p.2.p"), "p.2.p");  // '.' ends sentences in real scopes: kept
  EXPECT_EQ(norm("理\u200B財"), "理财");
}

TEST(NormalizerFold, KangxiRadicalsAndCompatibilityIdeographs) {
  EXPECT_EQ(norm("\u2FA6融"), "金融");  // ⾦ KANGXI RADICAL GOLD
  EXPECT_EQ(norm("\uF90A融"), "金融");  // 金 CJK COMPATIBILITY IDEOGRAPH-F90A
  EXPECT_EQ(norm("\u2F40\u2F24"), "支大");  // ⽀ ⼤
  EXPECT_EQ(find_original("某某\u2FA6 融服务", "金融"), "\u2FA6 融");
}

TEST(NormalizerFold, ListAndClausePunctuationStaysApart) {
  // 投资、管理 is two list items: never 投资管理.
  EXPECT_EQ(norm("投资、管理"), "投资、管理");
  EXPECT_EQ(norm("投资，管理"), "投资,管理");
  EXPECT_EQ(norm("投资,管理"), "投资,管理");
  EXPECT_EQ(norm("投资；管理"), "投资;管理");
  EXPECT_EQ(norm("投资。管理"), "投资。管理");
  EXPECT_EQ(norm("投资：管理"), "投资:管理");
  EXPECT_EQ(norm("投资/管理"), "投资/管理");
  EXPECT_EQ(norm("投资•管理"), "投资•管理");   // bullet: a list marker
  EXPECT_EQ(norm("投资—管理"), "投资—管理");   // em dash
  EXPECT_EQ(norm("投资（管理）"), "投资(管理)");
  EXPECT_EQ(norm("投资【管理】"), "投资【管理】");
  EXPECT_EQ(norm("投资[管理]"), "投资[管理]");
  EXPECT_EQ(norm("投资《管理》"), "投资《管理》");
  EXPECT_EQ(norm("投资“管理”"), "投资“管理”");
  EXPECT_EQ(find_original("实业投资、管理咨询", "投资管理"), "<no match>");
  EXPECT_EQ(find_original("实业投资；管理咨询", "投资管理"), "<no match>");
  // A space next to clause punctuation is dropped; the punctuation still separates.
  EXPECT_EQ(norm("经营活动） ；销售"), "经营活动);销售");
}

TEST(NormalizerFold, EvasionsMatchLexiconTermsAndPointAtTheOriginal) {
  struct Case {
    const char* text;
    const char* term;
    const char* covered;  // original bytes the hit must cover
  };
  const Case cases[] = {
      {"深圳市理財諮詢有限公司", "理财", "理財"},
      {"上海網貸信息服務有限公司", "网贷", "網貸"},
      {"經營範圍：資產管理、投資諮詢", "资产管理", "資產管理"},
      {"北京ＰＰ２Ｐ科技有限公司", "P2P", "Ｐ２Ｐ"},
      {"杭州p2p网络科技有限公司", "P2P", "p2p"},
      {"某某理 财咨询有限公司", "理财", "理 财"},
      {"某某理·财咨询有限公司", "理财", "理·财"},
      {"某某理\u200B财咨询有限公司", "理财", "理\u200B财"},
      {"\u2FA6融信息服务", "金融", "\u2FA6融"},
      {"\uF90A融信息服务", "金融", "\uF90A融"},
      {"网络 借 贷信息中介", "网络借贷", "网络 借 贷"},
      {"ｓｈａｎｇｈａｉ 理\u3000財", "理财", "理\u3000財"},
  };
  for (const Case& c : cases) EXPECT_EQ(find_original(c.text, c.term), c.covered) << c.text;
}

TEST(NormalizerFold, ExpandingCharactersMapEveryByteToTheirWholeSource) {
  const std::string text = "㈱金融ﬁ";  // ㈱ -> (株), ﬁ -> fi
  NormalizedText n;
  Normalizer::instance().normalize(text, &n);
  EXPECT_EQ(n.text, "(株)金融fi");
  ASSERT_EQ(n.src_begin.size(), n.text.size());
  ASSERT_EQ(n.src_end.size(), n.text.size());
  const size_t paren_close = n.text.find(')');
  for (size_t i = 0; i <= paren_close; ++i) {
    EXPECT_EQ(n.src_begin[i], 0u) << i;
    EXPECT_EQ(n.src_end[i], 3u) << i;  // ㈱ is 3 bytes
  }
  const size_t fi = n.text.find("fi");
  EXPECT_EQ(original_of(n, text, fi, fi + 2), "ﬁ");
  EXPECT_EQ(original_of(n, text, fi + 1, fi + 2), "ﬁ");
  const size_t jr = n.text.find("金融");
  EXPECT_EQ(original_of(n, text, jr, jr + 6), "金融");
  EXPECT_EQ(original_of(n, text, 1, 4), "㈱");  // 株 alone comes from all of ㈱
  // Four-byte characters (CJK Extension B) pass through with exact spans.
  const std::string ext_b = "a\U00020000b";
  Normalizer::instance().normalize(ext_b, &n);
  EXPECT_EQ(n.text, ext_b);
  EXPECT_EQ(original_of(n, ext_b, 1, 5), "\U00020000");
}

TEST(NormalizerFold, NothingLeftAfterJoinersIsEmpty) {
  NormalizedText n;
  Normalizer::instance().normalize(" \u200B\u3000·", &n);
  EXPECT_TRUE(n.text.empty());
  EXPECT_TRUE(n.src_begin.empty());
  Normalizer::instance().normalize("", &n);
  EXPECT_TRUE(n.text.empty());
  EXPECT_EQ(n.invalid_bytes, 0u);
}

// A pool of characters of every kind the normalizer treats differently.
std::vector<std::string> mixed_pool() {
  std::vector<std::string> pool = {"理", "财", "財", "資", "產", "管", "網", "貸", "金", "融", "\u2FA6", "\uF90A",
                                   "P",  "p",  "２", "Ｐ", " ",  "·",  "\u200B", "\u3000", "、", "，", "；", "（",
                                   "）", "㈱", "ﬁ",  "Ⅻ", "ß",  "İ",  "\U00020000", "\U0002F800", "e", "\u0301",
                                   "가", "\u1100", "\u1161", "-",  "\xFF", "\xE7\x90", "\x80", "\xC0\xAF"};
  return pool;
}

// normalize(a + b) == normalize(a) + normalize(b) at every code point boundary, combining marks and
// Hangul jamo included: the fold is context-free, so a term folds to the same bytes alone and inside a
// record. (Pieces of invalid UTF-8 are left out: two of them can join into a valid character.)
TEST(NormalizerFold, ContextFreeAtEveryBoundary) {
  std::mt19937 rng(12345);
  std::vector<std::string> pool;
  for (const std::string& p : mixed_pool()) {
    if (count_invalid_utf8(p) == 0) pool.push_back(p);
  }
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> pieces;
    const int len = 1 + static_cast<int>(rng() % 20);
    for (int i = 0; i < len; ++i) pieces.push_back(pool[pick(rng)]);
    std::string whole;
    for (const auto& p : pieces) whole += p;
    std::string concatenated;
    for (const auto& p : pieces) concatenated += norm(p);
    ASSERT_EQ(norm(whole), concatenated) << whole;
  }
}

// For every normalized byte, the recorded span is exactly one source unit (a code point, or one invalid
// byte), spans never go backwards, and folding each span on its own rebuilds the normalized text.
TEST(NormalizerFold, OffsetMapIsExactOnMixedText) {
  std::mt19937 rng(777);
  std::vector<std::string> pool = mixed_pool();
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  NormalizedText n;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 30);
    for (int i = 0; i < len; ++i) text += pool[pick(rng)];
    Normalizer::instance().normalize(text, &n);
    ASSERT_EQ(n.src_begin.size(), n.text.size());
    ASSERT_EQ(n.src_end.size(), n.text.size());
    EXPECT_EQ(n.invalid_bytes, count_invalid_utf8(text));
    std::string rebuilt;
    uint32_t last_end = 0;
    for (size_t i = 0; i < n.text.size();) {
      const uint32_t b = n.src_begin[i], e = n.src_end[i];
      ASSERT_LT(b, e);
      ASSERT_LE(e, text.size());
      ASSERT_GE(b, last_end);  // a new unit starts at or after the previous one ended
      size_t j = i;
      while (j < n.text.size() && n.src_begin[j] == b) {
        ASSERT_EQ(n.src_end[j], e);
        ++j;
      }
      const std::string_view unit = std::string_view(text).substr(b, e - b);
      char32_t cp;
      const int units = decode_utf8(reinterpret_cast<const unsigned char*>(unit.data()),
                                    reinterpret_cast<const unsigned char*>(unit.data() + unit.size()), &cp);
      ASSERT_TRUE(units == static_cast<int>(unit.size()) || (units == 0 && unit.size() == 1)) << text;
      ASSERT_EQ(n.text.substr(i, j - i), norm(unit)) << text;
      rebuilt += n.text.substr(i, j - i);
      last_end = e;
      i = j;
    }
    ASSERT_EQ(rebuilt, n.text);
  }
}

TEST(NormalizerFold, ReusedBuffersGiveTheSameResult) {
  NormalizedText reused;
  const std::string long_text(5000, 'x');
  Normalizer::instance().normalize(long_text + "資產管理", &reused);
  Normalizer::instance().normalize("理財", &reused);
  EXPECT_EQ(reused.text, "理财");
  EXPECT_EQ(reused.src_begin, (std::vector<uint32_t>{0, 0, 0, 3, 3, 3}));
  EXPECT_EQ(reused.src_end, (std::vector<uint32_t>{3, 3, 3, 6, 6, 6}));
  // Growth past the first estimate: every character expands (㈱ is 3 bytes, (株) is 5).
  std::string expanding;
  for (int i = 0; i < 1000; ++i) expanding += "㈱";
  Normalizer::instance().normalize(expanding, &reused);
  EXPECT_EQ(reused.text.size(), 5000u);
  EXPECT_EQ(reused.src_end.back(), expanding.size());
}

}  // namespace
}  // namespace regscreen
