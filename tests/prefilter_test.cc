// Prefilter (match/prefilter.h): a field it calls certainly clear must have no match after normalization
// and no invalid UTF-8, whatever it contains. Checked on hand-written evasions, at every alignment of the
// 16-byte blocks of its vector loop, and on random texts drawn from the characters that matter (term
// characters and their Traditional, full-width, enclosed and radical variants, joiners, punctuation,
// 4-byte characters, invalid bytes). Also checks that ordinary Chinese text is cleared (the fast path is
// taken), with both matcher backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "../fuzz/screener_check.h"
#include "match/matcher.h"
#include "match/prefilter.h"
#include "normalize/encoding.h"
#include "normalize/normalizer.h"

namespace regscreen {
namespace {

// The national terms, folded as the screener folds them.
std::vector<std::string> patterns() {
  std::vector<std::string> out;
  for (const char* t : {"交易所", "交易中心", "金融", "资产管理", "理财", "基金", "基金管理", "投资管理", "财富管理",
                        "股权投资基金", "网贷", "网络借贷", "P2P", "股权众筹", "互联网保险", "支付"}) {
    out.push_back(Normalizer::instance().normalize(t));
  }
  return out;
}

class PrefilterTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    const bool hyperscan = GetParam();
    if (hyperscan && make_hyperscan_matcher({"x"}) == nullptr) GTEST_SKIP() << "Hyperscan not available";
    terms_ = patterns();
    reference_ = make_aho_corasick_matcher(terms_);
    prefilter_ = std::make_unique<Prefilter>(Normalizer::instance(), terms_, [&](const auto& spellings) {
      return hyperscan ? make_hyperscan_matcher(spellings) : make_aho_corasick_matcher(spellings);
    });
  }

  bool clear(std::string_view text) { return prefilter_->certainly_clear(text, &scratch_); }
  uint64_t clear_bits(const std::string_view* fields, size_t count) {
    uint64_t bits = ~uint64_t{0};
    prefilter_->clear_fields(fields, count, &scratch_, &bits);
    return bits;
  }

  // certainly_clear_code_points on the code points of `text` (valid UTF-8) in every width that holds them
  // must equal certainly_clear on the UTF-8 itself.
  void check_code_points(const std::string& text) {
    std::u32string cps;
    if (!fuzz::code_points_of(text, &cps)) return;  // invalid UTF-8 has no code points
    const bool expected = clear(text);
    ASSERT_EQ(prefilter_->certainly_clear_code_points(cps.data(), cps.size()), expected) << "UCS-4: " << text;
    const auto max = cps.empty() ? 0 : *std::max_element(cps.begin(), cps.end());
    if (max < 0x10000) {
      const std::u16string ucs2(cps.begin(), cps.end());
      ASSERT_EQ(prefilter_->certainly_clear_code_points(ucs2.data(), ucs2.size()), expected) << "UCS-2: " << text;
    }
    if (max < 0x100) {
      const std::vector<uint8_t> latin1(cps.begin(), cps.end());
      ASSERT_EQ(prefilter_->certainly_clear_code_points(latin1.data(), latin1.size()), expected) << "Latin-1: " << text;
    }
  }

  // What the normal path finds: a match in the normalized text, or invalid bytes.
  bool normal_path_finds_something(std::string_view text) {
    NormalizedText n;
    Normalizer::instance().normalize(text, &n);
    std::vector<Match> m;
    reference_->scan(n.text, &m);
    return !m.empty() || n.invalid_bytes > 0;
  }

  // The property: certainly clear implies nothing to find.
  void check(std::string_view text) {
    if (clear(text)) {
      EXPECT_FALSE(normal_path_finds_something(text)) << "cleared but not clear: \"" << text << "\"";
    }
  }

  std::vector<std::string> terms_;
  std::unique_ptr<Matcher> reference_;
  std::unique_ptr<Prefilter> prefilter_;
  Prefilter::Scratch scratch_;
};

TEST_P(PrefilterTest, ReportsItsVectorLoop) {
#if defined(__x86_64__)
  EXPECT_EQ(prefilter_->stats().avx2, __builtin_cpu_supports("avx2") != 0);
#endif
  EXPECT_GT(prefilter_->stats().spellings, terms_.size());
}

TEST_P(PrefilterTest, OrdinaryTextIsCleared) {
  EXPECT_TRUE(clear(""));
  EXPECT_TRUE(clear("北京恒鑫科技有限公司"));
  EXPECT_TRUE(clear("技术开发、技术咨询、技术服务；软件开发；会议及展览服务（依法须经批准的项目，经相关部门批准后方可"
                    "开展经营活动）。一般项目：日用百货销售，五金产品零售：APP开发，5G通信设备销售【限分支机构】"));
  EXPECT_TRUE(clear("ABC123"));
  // Punctuation that folds, but not into term characters, keeps the fast path.
  EXPECT_TRUE(clear("（）：；，！？"));
  // Traditional characters of no term are folded, but cannot make a term: cleared.
  EXPECT_TRUE(clear("廣東省深圳市資訊科技有限公司"));
}

TEST_P(PrefilterTest, TermsAndTheirSpellingsAreNotCleared) {
  for (const char* text : {"金融", "上海某某理财咨询有限公司", "資產管理", "资產管理", "網絡借貸", "互聯網保險", "理財",
                           "P2P", "p2p", "P2p", "p2P", "股權眾籌", "前面很多正常的字技术开发技术服务支付",
                           // terms with no spellings of their own (they contain 基金)
                           "基金管理", "股權投資基金", "某某股权投资基金管理有限公司"}) {
    EXPECT_FALSE(clear(text)) << text;
    EXPECT_TRUE(normal_path_finds_something(text)) << text;
  }
}

TEST_P(PrefilterTest, JoinersVariantsAndBadBytesTakeTheNormalPath) {
  for (const char* text : {"理 财", "理\u200B财", "理·财", "理\u3000财", "Ｐ２Ｐ", "P２P", "ｐ2ｐ", "理\uFF0D财",
                           "㊮产管理", "⽹贷", "理\u0301财", "😀", "\xFF", "abc\xE7\x90", "\xC0\x80",
                           "\xED\xA0\x80", "\xE0\x80\x80"}) {
    EXPECT_FALSE(clear(text)) << text;
    check_code_points(text);
  }
  // Lone surrogates exist only as code points (a Python str may hold them): unsafe, as their UTF-8 is.
  const char16_t lone[] = {u'理', 0xD800, u'财'};
  EXPECT_FALSE(prefilter_->certainly_clear_code_points(lone, 3));
  const char32_t astral[] = {U'技', 0x1F600};
  EXPECT_FALSE(prefilter_->certainly_clear_code_points(astral, 2));
}

// Every alignment of the vector loop's 16-byte blocks: a term, a joiner inside a term, a truncated or
// invalid sequence, and a 4-byte character, at each offset of otherwise clean text.
TEST_P(PrefilterTest, EveryAlignment) {
  const std::string filler = "技术开发、技术咨询、ABC技术服务；软件开发，会议及展览服务";
  for (const std::string insert : {"理财", "理 财", "資產管理", "p2P", "\xE7\x90", "\x80", "\xF0\x9F\x98\x80",
                                   "\xEF\xBC\x8D", "\xE3\x80\x80"}) {
    for (size_t at = 0; at <= filler.size(); ++at) {
      if (at < filler.size() && (static_cast<unsigned char>(filler[at]) & 0xC0) == 0x80) continue;
      const std::string text = filler.substr(0, at) + insert + filler.substr(at);
      EXPECT_FALSE(clear(text)) << "insert \"" << insert << "\" at " << at;
      check(text);
      check_code_points(text);
    }
    // At the very end, cut anywhere (truncated sequences at the end of the text).
    const std::string text = filler + insert;
    for (size_t cut = filler.size(); cut <= text.size(); ++cut) check(text.substr(0, cut));
  }
  EXPECT_TRUE(clear(filler + filler + filler));
}

// The vector loop agrees with the per-character check: a text is safe iff each of its characters is.
TEST_P(PrefilterTest, BlockLoopAgreesWithCharacterByCharacter) {
  const std::vector<std::string> pool = {"技", "术", "开", "发", "、", "，", "；", "（", "）", "A", "1", " ", "·",
                                         "資", "理", "Ｐ", "２", "㊮", "⽹", "\u200B", "ä", "é", "\u0301", "😀",
                                         "\xE9", "\x80", "\xC2", "\xEF\xBC", "。", "【", "】", "“"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    bool every_char_safe = true;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      // Mostly CJK, so that the vector loop runs over long stretches.
      const std::string& piece = rng() % 4 ? pool[rng() % 4] : pool[rng() % pool.size()];
      text += piece;
    }
    // Character by character, as the decoder splits the text (an invalid byte is one "character").
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    while (p < end) {
      char32_t cp;
      const int len = decode_utf8(p, end, &cp);
      const std::string one(reinterpret_cast<const char*>(p), len == 0 ? 1 : len);
      every_char_safe = every_char_safe && len != 0 && prefilter_->only_safe_code_points(one);
      p += len == 0 ? 1 : len;
    }
    ASSERT_EQ(prefilter_->only_safe_code_points(text), every_char_safe) << text;
  }
}

TEST_P(PrefilterTest, RandomTextNeverClearedWrongly) {
  // Term characters, their variants, joiners, punctuation, and bytes that are not valid UTF-8.
  const std::vector<std::string> pool = {
      "交", "易", "所", "中", "心", "金", "融", "资", "產", "产", "管", "理", "財", "财", "基", "投", "富", "股",
      "权", "權", "网", "網", "络", "絡", "借", "藉", "贷", "貸", "p", "P", "2", "Ｐ", "ｐ", "２", "²", "众",
      "眾", "筹", "籌", "互", "联", "聯", "保", "险", "險", "支", "付", "㊮", "⽹", "理", "技", "术", " ", "\t",
      "\u200B", "\u00B7", "\u30FB", "-", "*", "~", "_", "\uFF0D", "\u3000", "\u0301", "、", "，", "（", "）",
      "😀", "\xFF", "\x80", "\xE9\x87", "。", "A", "a"};
  std::mt19937 rng(2016);
  size_t cleared = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pool[rng() % pool.size()];
    cleared += clear(text);
    check(text);
    check_code_points(text);
  }
  // The property is only meaningful if some texts are cleared.
  EXPECT_GT(cleared, 100u);
}

// A record's fields are scanned together: each field's answer must be what it is alone, and no match may
// span two fields.
TEST_P(PrefilterTest, FieldsTogetherAsAlone) {
  const std::string_view split[] = {"某某理", "财", "咨询"};
  EXPECT_EQ(clear_bits(split, 3), 0b111u);
  const std::string_view second[] = {"北京恒鑫科技有限公司", "投资管理；技术开发", "", "某某网"};
  EXPECT_EQ(clear_bits(second, 4), 0b1101u);
  const std::vector<std::string> pool = {"", "技术开发、技术咨询", "理财", "資產管理", "理 财", "ABC", "\xFF", "支付",
                                         "北京恒鑫科技有限公司", "金", "融", "p2", "P"};
  std::mt19937 rng(11);
  for (int round = 0; round < 5000; ++round) {
    std::string texts[3];
    std::string_view views[3];
    uint32_t expected = 0;
    for (int i = 0; i < 3; ++i) {
      for (int k = static_cast<int>(rng() % 3); k > 0; --k) texts[i] += pool[rng() % pool.size()];
      views[i] = texts[i];
      if (clear(texts[i])) expected |= 1u << i;
    }
    ASSERT_EQ(clear_bits(views, 3), expected)
        << texts[0] << " | " << texts[1] << " | " << texts[2];
  }
}

// A batch of records is scanned together too (Screener::screen over a span): up to hundreds of fields,
// where an unsafe character in one field must not hide a match in, or clear, a neighbour. The pool mixes
// safe text of every length around the 32-byte blocks of the vector pass with unsafe characters (a
// joiner, a full-width letter, a 4-byte character, an invalid byte, a sequence cut off at the end) and
// terms.
TEST_P(PrefilterTest, ManyFieldsAsAlone) {
  const std::vector<std::string> pool = {"技术开发、技术咨询；", "理财", "資產管理", "理 财", "ABC", "\xFF", "支付",
                                         "北京恒鑫科技有限公司", "金", "融", "p2", "P", "Ｐ", "\xF0\x9F\x98\x80",
                                         "\xE7\x90", "（除依法须经批准的项目外）", "0123456789abcdefghij"};
  std::mt19937 rng(29);
  for (int round = 0; round < 400; ++round) {
    const size_t count = 1 + rng() % 200;
    std::vector<std::string> texts(count);
    std::vector<std::string_view> views(count);
    std::vector<uint64_t> expected((count + 63) / 64, 0);
    for (size_t i = 0; i < count; ++i) {
      for (int k = static_cast<int>(rng() % 6); k > 0; --k) texts[i] += pool[rng() % pool.size()];
      views[i] = texts[i];
      if (clear(texts[i])) expected[i / 64] |= uint64_t{1} << (i % 64);
    }
    std::vector<uint64_t> bits(expected.size(), 0x5555555555555555);
    prefilter_->clear_fields(views.data(), count, &scratch_, bits.data());
    for (size_t i = 0; i < count; ++i) {
      ASSERT_EQ(bits[i / 64] >> (i % 64) & 1, expected[i / 64] >> (i % 64) & 1)
          << "field " << i << " of " << count << ": " << texts[i];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PrefilterTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Hyperscan" : "AhoCorasick"; });

// A lexicon with more term characters than a byte can class (here 600): the code-point test then takes its
// exact path for every field, and must still agree with the UTF-8 test.
TEST(PrefilterManyTermCharacters, CodePointsAgreeWithUtf8) {
  std::vector<std::string> terms;
  std::vector<std::string> chars;
  for (char32_t c = 0x5000; c < 0x5000 + 600; ++c) {
    std::string s;
    append_utf8(c, &s);
    chars.push_back(s);
  }
  for (size_t i = 0; i + 1 < chars.size(); i += 2) terms.push_back(chars[i] + chars[i + 1]);
  Prefilter p(Normalizer::instance(), terms, [](const auto& spellings) { return make_aho_corasick_matcher(spellings); });
  Prefilter::Scratch scratch;
  std::mt19937 rng(5);
  size_t cleared = 0, not_cleared = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int k = 1 + static_cast<int>(rng() % 12); k > 0; --k) {
      text += rng() % 3 ? chars[rng() % chars.size()] : std::string(rng() % 2 ? "技" : " ");
    }
    const bool expected = p.certainly_clear(text, &scratch);
    std::u32string cps;
    ASSERT_TRUE(fuzz::code_points_of(text, &cps));
    const std::u16string ucs2(cps.begin(), cps.end());
    ASSERT_EQ(p.certainly_clear_code_points(ucs2.data(), ucs2.size()), expected) << text;
    (expected ? cleared : not_cleared) += 1;
  }
  EXPECT_GT(cleared, 100u);
  EXPECT_GT(not_cleared, 100u);
}

}  // namespace
}  // namespace regscreen
