// Differential test: every backend must report exactly the matches of a naive reference (a
// std::string_view::find loop per pattern), on thousands of random texts and random pattern sets. Since
// each backend is compared with the same reference, Aho-Corasick (DFA and NFA forms) and Hyperscan also
// agree with each other. Without Hyperscan, its part is skipped and says so.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "match/aho_corasick_matcher.h"
#include "match/matcher.h"

namespace regscreen {
namespace {

using Patterns = std::vector<std::string>;

std::vector<Match> naive_matches(const Patterns& patterns, std::string_view text) {
  std::vector<Match> out;
  for (uint32_t i = 0; i < patterns.size(); ++i) {
    const std::string_view p = patterns[i];
    for (std::size_t pos = text.find(p); pos != std::string_view::npos; pos = text.find(p, pos + 1)) {
      out.push_back(Match{i, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + p.size())});
    }
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.end != b.end ? a.end < b.end : a.pattern < b.pattern;
  });
  return out;
}

std::string hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string h;
  for (const unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      h += static_cast<char>(c);
    } else {
      h += "\\x";
      h += digits[c >> 4];
      h += digits[c & 15];
    }
  }
  return h;
}

std::string describe(const Match& m) {
  std::ostringstream s;
  s << "{pattern " << m.pattern << ", " << m.start << ".." << m.end << "}";
  return s.str();
}

::testing::AssertionResult same_matches(const Matcher& matcher, const Patterns& patterns,
                                        std::string_view text) {
  const std::vector<Match> want = naive_matches(patterns, text);
  std::vector<Match> got;
  matcher.scan(text, &got);
  if (got == want) return ::testing::AssertionSuccess();
  auto r = ::testing::AssertionFailure();
  r << matcher.name() << " found " << got.size() << " matches, reference " << want.size() << "\n  text: \""
    << hex(text) << "\"\n  patterns:";
  for (const auto& p : patterns) r << " \"" << hex(p) << "\"";
  for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    const std::string g = i < got.size() ? describe(got[i]) : "-";
    const std::string w = i < want.size() ? describe(want[i]) : "-";
    if (g != w) {
      r << "\n  first difference at #" << i << ": got " << g << ", want " << w;
      break;
    }
  }
  return r;
}

struct Backend {
  std::string label;
  std::function<std::unique_ptr<Matcher>(const Patterns&)> make;
};
// gtest prints a failing parameter with this instead of its raw bytes.
void PrintTo(const Backend& b, std::ostream* os) { *os << b.label; }

std::vector<Backend> all_backends() {
  return {
      {"AhoCorasick", [](const Patterns& p) { return make_aho_corasick_matcher(p); }},
      {"AhoCorasickNfa",
       [](const Patterns& p) { return make_aho_corasick_matcher(p, AhoCorasickOptions{.max_dfa_bytes = 0}); }},
      {"Hyperscan", [](const Patterns& p) { return make_hyperscan_matcher(p); }},
  };
}

// Restricted terms from the seed documents, plus neighbours that nest in or overlap with them.
const std::vector<std::string> kTerms = {
    "交易所", "交易中心", "交易", "基金", "基金管理", "股权投资基金", "金融", "P2P", "众筹", "股权众筹",
    "理财", "资产管理", "投资管理", "财富管理", "网贷", "网络借贷", "支付", "互联网保险", "担保",
    "金控", "资本管理", "商务咨询", "投资", "管理", "股权", "金融服务", "第三方支付", "金融信息服务"};

// Characters of the terms and common registry filler, so random text is dense in partial matches.
const std::vector<std::string> kChars = {
    "交", "易", "所", "中", "心", "基", "金", "管", "理", "股", "权", "投", "资", "融", "P", "2",
    "众", "筹", "财", "产", "富", "网", "贷", "络", "借", "支", "付", "互", "联", "保", "险", "担",
    "控", "本", "商", "务", "咨", "询", "服", "信", "息", "第", "三", "方", "有", "限", "公", "司",
    "科", "技", "a", "p", "0", ";", "、", "（", "）", "𠮷"};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  std::size_t uniform(std::size_t lo, std::size_t hi) {  // inclusive
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng_);
  }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[uniform(0, v.size() - 1)];
  }

  // A set of known terms and random character strings, with occasional duplicates.
  Patterns chinese_patterns() {
    Patterns p;
    const std::size_t terms = uniform(1, 20);
    for (std::size_t i = 0; i < terms; ++i) p.push_back(pick(kTerms));
    const std::size_t random = uniform(0, 15);
    for (std::size_t i = 0; i < random; ++i) {
      std::string s;
      const std::size_t len = uniform(1, 4);
      for (std::size_t k = 0; k < len; ++k) s += pick(kChars);
      p.push_back(s);
    }
    if (uniform(0, 3) == 0) p.push_back(pick(p));  // an exact duplicate
    std::shuffle(p.begin(), p.end(), rng_);
    return p;
  }

  std::string chinese_text() {
    std::string t;
    const std::size_t pieces = uniform(0, 60);
    for (std::size_t i = 0; i < pieces; ++i) t += uniform(0, 2) == 0 ? pick(kTerms) : pick(kChars);
    return t;
  }

  // Tiny alphabet, so that patterns overlap and nest a lot and failure links are exercised deeply.
  Patterns tiny_patterns() {
    Patterns p;
    const std::size_t count = uniform(1, 12);
    for (std::size_t i = 0; i < count; ++i) p.push_back(tiny_string(1, 6));
    return p;
  }
  std::string tiny_string(std::size_t min_len, std::size_t max_len) {
    std::string s;
    const std::size_t len = uniform(min_len, max_len);
    for (std::size_t k = 0; k < len; ++k) s += static_cast<char>('a' + uniform(0, 2));
    return s;
  }

  // Any byte, patterns partly cut from the text so that they do occur.
  std::string random_bytes(std::size_t min_len, std::size_t max_len) {
    std::string s;
    const std::size_t len = uniform(min_len, max_len);
    for (std::size_t k = 0; k < len; ++k) s += static_cast<char>(uniform(0, 255));
    return s;
  }

 private:
  std::mt19937 rng_;
};

class MatcherDifferentialTest : public ::testing::TestWithParam<Backend> {
 protected:
  // The backend for `patterns`, or nullptr with the test marked skipped (Hyperscan unavailable).
  std::unique_ptr<Matcher> make(const Patterns& patterns) {
    auto m = GetParam().make(patterns);
    if (m == nullptr && GetParam().label != "Hyperscan") ADD_FAILURE() << "backend returned nullptr";
    return m;
  }
  bool unavailable() {
    return GetParam().label == "Hyperscan" && make_hyperscan_matcher({"x"}) == nullptr;
  }
};

#define SKIP_IF_UNAVAILABLE() \
  if (unavailable())          \
  GTEST_SKIP() << "Hyperscan not built in or CPU unsupported: Aho-Corasick is compared with the reference only"

TEST_P(MatcherDifferentialTest, RandomChineseTermsAndText) {
  SKIP_IF_UNAVAILABLE();
  std::size_t total_matches = 0;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    Generator gen(seed);
    const Patterns patterns = gen.chinese_patterns();
    const auto m = make(patterns);
    ASSERT_NE(m, nullptr);
    for (int t = 0; t < 20; ++t) {
      const std::string text = gen.chinese_text();
      ASSERT_TRUE(same_matches(*m, patterns, text)) << "seed " << seed << " text " << t;
      total_matches += naive_matches(patterns, text).size();
    }
  }
  // The generator must actually produce matches, or the comparison proves nothing.
  EXPECT_GT(total_matches, 10000u);
}

TEST_P(MatcherDifferentialTest, TinyAlphabetHeavyOverlap) {
  SKIP_IF_UNAVAILABLE();
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    Generator gen(1000 + seed);
    const Patterns patterns = gen.tiny_patterns();
    const auto m = make(patterns);
    ASSERT_NE(m, nullptr);
    for (int t = 0; t < 20; ++t) {
      ASSERT_TRUE(same_matches(*m, patterns, gen.tiny_string(0, 80))) << "seed " << seed;
    }
  }
}

TEST_P(MatcherDifferentialTest, ArbitraryBytes) {
  SKIP_IF_UNAVAILABLE();
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    Generator gen(5000 + seed);
    std::vector<std::string> texts;
    for (int t = 0; t < 10; ++t) texts.push_back(gen.random_bytes(0, 300));
    Patterns patterns;
    const std::size_t count = gen.uniform(1, 30);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string& source = gen.pick(texts);
      if (gen.uniform(0, 1) == 0 && source.size() >= 1) {
        const std::size_t len = gen.uniform(1, std::min<std::size_t>(4, source.size()));
        patterns.push_back(source.substr(gen.uniform(0, source.size() - len), len));
      } else {
        patterns.push_back(gen.random_bytes(1, 2));
      }
    }
    const auto m = make(patterns);
    ASSERT_NE(m, nullptr);
    for (const std::string& text : texts) ASSERT_TRUE(same_matches(*m, patterns, text)) << "seed " << seed;
  }
}

TEST_P(MatcherDifferentialTest, LargePatternSet) {
  // Thousands of 2- to 4-character terms: wide trie states (dense NFA rows, large DFA tables).
  SKIP_IF_UNAVAILABLE();
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    Generator gen(9000 + seed);
    Patterns patterns;
    while (patterns.size() < 3000) {
      std::string s;
      const std::size_t len = gen.uniform(2, 4);
      for (std::size_t k = 0; k < len; ++k) s += gen.pick(kChars);
      patterns.push_back(s);
    }
    const auto m = make(patterns);
    ASSERT_NE(m, nullptr);
    std::size_t total_matches = 0;
    for (int t = 0; t < 30; ++t) {
      const std::string text = gen.chinese_text() + gen.chinese_text();
      ASSERT_TRUE(same_matches(*m, patterns, text)) << "seed " << seed;
      total_matches += naive_matches(patterns, text).size();
    }
    EXPECT_GT(total_matches, 100u);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MatcherDifferentialTest, ::testing::ValuesIn(all_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.label; });

}  // namespace
}  // namespace regscreen
