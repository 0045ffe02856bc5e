// Hand-checked cases for every matcher backend: Aho-Corasick with default options (the DFA form for
// small sets) and forced to the NFA form, and Hyperscan when it
// is built in and the CPU supports it. Expected matches are worked out by hand from the byte offsets
// (each CJK character here is 3 UTF-8 bytes).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "match/aho_corasick_matcher.h"
#include "match/match_order.h"
#include "match/matcher.h"

namespace regscreen {
namespace {

using Patterns = std::vector<std::string>;
using Factory = std::function<std::unique_ptr<Matcher>(const Patterns&)>;

struct Backend {
  std::string label;
  Factory make;
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

class MatcherTest : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Matcher> make(const Patterns& patterns) {
    auto m = GetParam().make(patterns);
    if (m == nullptr) {
      // Only Hyperscan may be unavailable.
      EXPECT_EQ(GetParam().label, "Hyperscan");
    }
    return m;
  }
  std::vector<Match> scan(const Matcher& m, std::string_view text) {
    std::vector<Match> out;
    m.scan(text, &out);
    return out;
  }
};

#define MAKE_OR_SKIP(var, patterns)                                               \
  auto var = make(patterns);                                                      \
  if (var == nullptr) GTEST_SKIP() << "Hyperscan not built in or CPU unsupported"

TEST_P(MatcherTest, ReportsItsName) {
  MAKE_OR_SKIP(m, Patterns{"基金"});
  const std::string_view name = m->name();
  const std::string& label = GetParam().label;
  const std::string_view expected = label == "AhoCorasick"      ? "aho-corasick-dfa"  // small set: DFA
                                    : label == "AhoCorasickNfa" ? "aho-corasick-nfa"
                                                                : "hyperscan";
  EXPECT_EQ(name, expected);
}

TEST_P(MatcherTest, NestedTermsAllReported) {
  // 股权投资基金管理有限公司: 股(0)权(3)投(6)资(9)基(12)金(15)管(18)理(21)
  MAKE_OR_SKIP(m, (Patterns{"基金", "基金管理", "股权投资基金"}));
  const std::vector<Match> expected = {
      {0, 12, 18},  // 基金
      {2, 0, 18},   // 股权投资基金, same end: ordered by pattern index
      {1, 12, 24},  // 基金管理
  };
  EXPECT_EQ(scan(*m, "股权投资基金管理有限公司"), expected);
}

TEST_P(MatcherTest, OverlappingOccurrencesOfOnePattern) {
  MAKE_OR_SKIP(m, (Patterns{"aa", "aba"}));
  EXPECT_EQ(scan(*m, "aaaa"), (std::vector<Match>{{0, 0, 2}, {0, 1, 3}, {0, 2, 4}}));
  EXPECT_EQ(scan(*m, "ababa"), (std::vector<Match>{{1, 0, 3}, {1, 2, 5}}));
}

TEST_P(MatcherTest, RepeatedOccurrencesAndTextEdges) {
  MAKE_OR_SKIP(m, (Patterns{"理财", "咨询"}));
  // 理财咨询理财服务理财: 理财 at 0, 12, 24; 咨询 at 6.
  EXPECT_EQ(scan(*m, "理财咨询理财服务理财"),
            (std::vector<Match>{{0, 0, 6}, {1, 6, 12}, {0, 12, 18}, {0, 24, 30}}));
  // The whole text is one pattern.
  EXPECT_EQ(scan(*m, "理财"), (std::vector<Match>{{0, 0, 6}}));
}

TEST_P(MatcherTest, PrefixAndSuffixOfAnotherPattern) {
  MAKE_OR_SKIP(m, (Patterns{"交易所", "交易", "所"}));
  // 上海交易所交易: 上(0)海(3)交(6)易(9)所(12)交(15)易(18)
  EXPECT_EQ(scan(*m, "上海交易所交易"),
            (std::vector<Match>{{1, 6, 12}, {0, 6, 15}, {2, 12, 15}, {1, 15, 21}}));
}

TEST_P(MatcherTest, FailureLinkAcrossBranches) {
  // After reading 交易中 the automaton must fall back to 易中心's branch without losing 中心.
  MAKE_OR_SKIP(m, (Patterns{"交易中介", "易中心", "中心"}));
  EXPECT_EQ(scan(*m, "交易中心"), (std::vector<Match>{{1, 3, 12}, {2, 6, 12}}));
}

TEST_P(MatcherTest, DuplicatePatternsReportEveryIndex) {
  MAKE_OR_SKIP(m, (Patterns{"金融", "服务", "金融"}));
  EXPECT_EQ(scan(*m, "金融服务金融"),
            (std::vector<Match>{{0, 0, 6}, {2, 0, 6}, {1, 6, 12}, {0, 12, 18}, {2, 12, 18}}));
}

TEST_P(MatcherTest, MultibyteAndAsciiAreMatchedAsExactBytes) {
  // 𠮷 is a 4-byte character; the matcher does no case folding (the normalizer does).
  MAKE_OR_SKIP(m, (Patterns{"P2P", "𠮷", "网贷"}));
  const std::string text = "p2p网贷P2P𠮷";  // p2p(0..3) 网贷(3..9) P2P(9..12) 𠮷(12..16)
  EXPECT_EQ(scan(*m, text), (std::vector<Match>{{2, 3, 9}, {0, 9, 12}, {1, 12, 16}}));
}

TEST_P(MatcherTest, ArbitraryBytesIncludingNulAndFF) {
  const std::string nul_pattern("a\0b", 3);
  const std::string ff_pattern("\xff\xfe", 2);
  MAKE_OR_SKIP(m, (Patterns{nul_pattern, ff_pattern}));
  const std::string text("xa\0b\xff\xfe\xff", 7);
  EXPECT_EQ(scan(*m, text), (std::vector<Match>{{0, 1, 4}, {1, 4, 6}}));
}

TEST_P(MatcherTest, NoMatchesAndEmptyText) {
  MAKE_OR_SKIP(m, (Patterns{"交易所", "股权众筹"}));
  EXPECT_TRUE(scan(*m, "").empty());
  EXPECT_TRUE(scan(*m, "交易").empty());  // a proper prefix of a pattern is not a match
  EXPECT_TRUE(scan(*m, "股权众").empty());
  EXPECT_TRUE(scan(*m, "餐饮管理有限公司").empty());
}

TEST_P(MatcherTest, AppendsWithoutClearing) {
  MAKE_OR_SKIP(m, Patterns{"支付"});
  std::vector<Match> out = {{7, 1, 2}};
  m->scan("", &out);
  m->scan("网络支付", &out);
  EXPECT_EQ(out, (std::vector<Match>{{7, 1, 2}, {0, 6, 12}}));
}

TEST_P(MatcherTest, EmptyPatternSetMatchesNothing) {
  MAKE_OR_SKIP(m, Patterns{});
  EXPECT_TRUE(scan(*m, "交易所理财").empty());
}

TEST_P(MatcherTest, EmptyPatternIsRejected) {
  EXPECT_THROW(GetParam().make(Patterns{"基金", ""}), std::runtime_error);
  EXPECT_THROW(GetParam().make(Patterns{""}), std::runtime_error);
}

TEST_P(MatcherTest, PatternLongerThanText) {
  MAKE_OR_SKIP(m, (Patterns{"股权投资基金管理", "金"}));
  EXPECT_EQ(scan(*m, "基金"), (std::vector<Match>{{1, 3, 6}}));
}

TEST_P(MatcherTest, ManyThreadsShareOneMatcherAndSeveralMatchers) {
  MAKE_OR_SKIP(a, (Patterns{"交易所", "交易", "金融"}));
  auto b = make(Patterns{"基金", "股权投资基金", "众筹"});
  ASSERT_NE(b, nullptr);
  const std::string text_a = "金融资产交易所交易服务";
  const std::string text_b = "股权投资基金股权众筹";
  const std::vector<Match> want_a = scan(*a, text_a);
  const std::vector<Match> want_b = scan(*b, text_b);
  ASSERT_EQ(want_a.size(), 4u);
  ASSERT_EQ(want_b.size(), 3u);

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<Match> out;
      for (int i = 0; i < 2000; ++i) {
        // Alternate between matchers so each thread's scratch must serve both databases.
        const bool use_a = (i + t) % 2 == 0;
        out.clear();
        (use_a ? *a : *b).scan(use_a ? text_a : text_b, &out);
        if (out != (use_a ? want_a : want_b)) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_P(MatcherTest, NewMatcherAfterOldOneIsDestroyedOnTheSameThread) {
  // A new matcher may get the freed one's memory (for Hyperscan, the same database address); the
  // thread's cached scratch must still be validated for it. The second set needs more scratch state.
  MAKE_OR_SKIP(first, Patterns{"交易"});
  EXPECT_EQ(scan(*first, "交易").size(), 1u);
  first.reset();
  Patterns bigger;
  for (int i = 0; i < 500; ++i) bigger.push_back("交易" + std::to_string(i) + "号");
  bigger.push_back("交易");
  for (int round = 0; round < 3; ++round) {
    auto second = make(bigger);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(scan(*second, "交易123号"), (std::vector<Match>{{500, 0, 6}, {123, 0, 12}}));
  }
}

TEST_P(MatcherTest, ManyPatterns) {
  // 50,000 distinct 3-character terms over a 40-character alphabet: heavy byte-level prefix sharing.
  const std::vector<std::string> chars = {
      "交", "易", "所", "中", "心", "金", "融", "资", "产", "管", "理", "财", "基", "投", "富", "网",
      "贷", "络", "借", "股", "权", "众", "筹", "互", "联", "保", "险", "支", "付", "担", "控", "本",
      "商", "务", "咨", "询", "科", "技", "有", "限"};
  Patterns patterns;
  for (std::size_t i = 0; patterns.size() < 50000; ++i) {
    patterns.push_back(chars[i % 40] + chars[(i / 40) % 40] + chars[(i / 1600) % 40]);
  }
  MAKE_OR_SKIP(m, patterns);
  // 股权投资 contains 股权投 (index of 股,权,投) and 权投资.
  const auto index_of = [&](const std::string& s) {
    return static_cast<uint32_t>(std::find(patterns.begin(), patterns.end(), s) - patterns.begin());
  };
  EXPECT_EQ(scan(*m, "股权投资"),
            (std::vector<Match>{{index_of("股权投"), 0, 9}, {index_of("权投资"), 3, 12}}));
}

INSTANTIATE_TEST_SUITE_P(Backends, MatcherTest, ::testing::ValuesIn(all_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.label; });

TEST(AhoCorasickFormTest, SmallSetsGetTheDfaAndTheBudgetForcesTheNfa) {
  const Patterns p = {"交易所", "交易中心", "理财"};
  EXPECT_EQ(make_aho_corasick_matcher(p)->name(), "aho-corasick-dfa");
  EXPECT_EQ(make_aho_corasick_matcher(p, {.max_dfa_bytes = 0})->name(), "aho-corasick-nfa");
  // 22 trie states x (distinct bytes + 1) classes x 4 bytes: above 64 bytes, so NFA.
  EXPECT_EQ(make_aho_corasick_matcher(p, {.max_dfa_bytes = 64})->name(), "aho-corasick-nfa");
}

TEST(SortMatchesTest, SortsRunsOfEqualEndsAndFallsBackWhenEndsGoBackwards) {
  std::vector<Match> runs = {{0, 0, 9}, {3, 3, 5}, {1, 4, 5}, {2, 1, 5}, {0, 5, 7}, {4, 6, 7}, {1, 2, 7}};
  sort_matches(runs.begin() + 1, runs.end());  // the first element is not part of this scan
  EXPECT_EQ(runs, (std::vector<Match>{{0, 0, 9}, {1, 4, 5}, {2, 1, 5}, {3, 3, 5}, {0, 5, 7}, {1, 2, 7}, {4, 6, 7}}));

  std::vector<Match> backwards = {{0, 0, 6}, {2, 3, 6}, {1, 1, 4}, {0, 5, 8}};
  sort_matches(backwards.begin(), backwards.end());
  EXPECT_EQ(backwards, (std::vector<Match>{{1, 1, 4}, {0, 0, 6}, {2, 3, 6}, {0, 5, 8}}));
}

TEST(HyperscanAvailabilityTest, MatchesTheBuild) {
#if REGSCREEN_HAVE_HYPERSCAN
  // Built in: a supported CPU (SSSE3 at least; every x86-64 CI machine) must give a matcher.
  EXPECT_NE(make_hyperscan_matcher({"基金"}), nullptr);
#else
  EXPECT_EQ(make_hyperscan_matcher({"基金"}), nullptr);
#endif
}

}  // namespace
}  // namespace regscreen
