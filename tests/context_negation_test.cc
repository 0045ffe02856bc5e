// Negation scopes in business scopes: every disclaimer form named in the issue, the comma and bracket
// rules, and business items that must stay affirmative next to a disclaimer. The scopes are written for
// this test from standard registry boilerplate.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "context/code_points.h"
#include "context/context_rules.h"
#include "context/negation.h"
#include "normalize/normalizer.h"

namespace regscreen::context {
namespace {

const ContextRules& rules() {
  static const auto r = ContextRules::load(REGSCREEN_SOURCE_DIR "/data/context.toml");
  return *r;
}

// For each occurrence of `term` in `scope` (in order): whether a negation span governs it.
std::vector<bool> negated(const std::string& scope, const std::string& term) {
  CodePoints text;
  text.assign(Normalizer::instance().normalize(scope));
  NegatedSpans spans;
  NegationScanner(rules()).find(text, &spans);
  const std::u32string t = to_u32(Normalizer::instance().normalize(term));
  std::vector<bool> out;
  for (size_t at = text.cps.find(t); at != std::u32string::npos; at = text.cps.find(t, at + 1)) {
    out.push_back(spans.governing(at) != nullptr);
  }
  return out;
}

using V = std::vector<bool>;

TEST(Negation, ApprovalThenProhibitionWithNestedBrackets) {
  const std::string s =
      "实业投资（未经金融等监管部门批准，不得从事吸收存款、融资担保、代客理财、向社会公众集（融）资等金融业务）；"
      "理财咨询";
  EXPECT_EQ(negated(s, "金融"), (V{true, true}));
  // The disclaimer's 代客理财 is negated; the business item after the bracket is not.
  EXPECT_EQ(negated(s, "理财"), (V{true, false}));
}

TEST(Negation, NestedBracketDoesNotEndTheClause) {
  // If the inner ）of 集（融）资 closed the clause, the final 金融业务 would be affirmative.
  EXPECT_EQ(negated("不得从事向社会公众集（融）资等金融业务", "金融"), (V{true}));
}

TEST(Negation, SichuanProhibitionAcrossATopLevelComma) {
  // The object (…金融活动) is not closed at the first comma, so the prohibition reaches past it; the
  // comma after 活动 ends it.
  const std::string s = "房地产开发，不得从事非法集资，吸收公众资金等金融活动，投资管理，金融信息服务";
  EXPECT_EQ(negated(s, "金融"), (V{true, false}));
  EXPECT_EQ(negated(s, "投资管理"), (V{false}));
}

TEST(Negation, UnclosedTopLevelProhibitionEndsAtTheCommaBeforeABusinessItem) {
  // The prohibited object (非法集资) is never closed by 业务/活动…: what follows the comma is the next
  // business item, not more of the prohibition.
  EXPECT_EQ(negated("不得从事非法集资，投资管理", "投资管理"), (V{false}));
  EXPECT_EQ(negated("房地产开发，不得从事非法集资，投资管理，金融信息服务", "投资管理"), (V{false}));
  EXPECT_EQ(negated("房地产开发，不得从事非法集资，投资管理，金融信息服务", "金融"), (V{false}));
  // A later item that closes without ending an enumeration (no 等) does not pull the items before it in.
  EXPECT_EQ(negated("不得从事非法集资，资产管理，技术咨询服务", "资产管理"), (V{false}));
  EXPECT_EQ(negated("投资咨询（不含金融、证券），不含期货，投资管理", "投资管理"), (V{false}));
  EXPECT_EQ(negated("不含金融、证券，投资管理；理财咨询", "投资管理"), (V{false}));
}

TEST(Negation, UnclosedTopLevelProhibitionGoesOnWhenItEvidentlyContinues) {
  // The next segment closes the object: one prohibition (facts §3.1: 不得从事增值电信，金融业务).
  EXPECT_EQ(negated("电子商务，不得从事增值电信，金融业务，投资管理", "金融"), (V{true}));
  EXPECT_EQ(negated("电子商务，不得从事增值电信，金融业务，投资管理", "投资管理"), (V{false}));
  // A later segment ends the enumeration with 等 + closer: the items in between belong to it.
  const std::string s = "不得从事非法集资，吸收公众存款，代客理财，发放贷款等金融活动，资产管理";
  EXPECT_EQ(negated(s, "理财"), (V{true}));
  EXPECT_EQ(negated(s, "金融"), (V{true}));
  EXPECT_EQ(negated(s, "资产管理"), (V{false}));
  // Inside brackets a cue reaches to the closing bracket, closed or not.
  EXPECT_EQ(negated("实业投资（不得从事非法集资，投资管理），投资管理", "投资管理"), (V{true, false}));
  // A hard stop ends the clause before any closer: the enumeration is not looked for past it.
  EXPECT_EQ(negated("不得从事非法集资，投资管理；代客理财等金融业务", "投资管理"), (V{false}));
}

TEST(Negation, ProhibitionInBracketsEndsAtTheBracket) {
  const std::string s = "电子商务（不得从事增值电信、金融业务），资产管理，投资咨询";
  EXPECT_EQ(negated(s, "金融"), (V{true}));
  EXPECT_EQ(negated(s, "资产管理"), (V{false}));
}

TEST(Negation, NotIncludingQualifier) {
  const std::string s = "投资咨询（不含金融、证券、期货），资产管理；商务信息咨询（不含金融业务咨询）";
  EXPECT_EQ(negated(s, "金融"), (V{true, true}));
  EXPECT_EQ(negated(s, "资产管理"), (V{false}));
}

TEST(Negation, ExclusionWithChuwaiReachesBackToTheBracket) {
  // 数据处理（…除外）: the backward cue covers the whole bracket but not the item before it.
  const std::string s = "资产管理（金融资产除外）；商务信息咨询（金融、证券、期货、基金投资咨询等专控除外）；基金销售";
  EXPECT_EQ(negated(s, "资产管理"), (V{false}));
  EXPECT_EQ(negated(s, "金融"), (V{true, true}));
  EXPECT_EQ(negated(s, "基金"), (V{true, false}));
}

TEST(Negation, DataProcessingExclusionForm) {
  // The standard item 数据处理（数据处理中的银行卡中心、PUE值在1.5以上的云计算数据中心除外）, with a term
  // placed in the excluded list.
  const std::string s = "数据处理（数据处理中的银行卡中心、金融数据中心、PUE值在1.5以上的云计算数据中心除外）；金融数据分析";
  EXPECT_EQ(negated(s, "金融"), (V{true, false}));
}

TEST(Negation, ExclusionWithChuwaiAtTopLevelStopsAtTheComma) {
  const std::string s = "投资管理，金融信息服务除外，技术服务";
  EXPECT_EQ(negated(s, "投资管理"), (V{false}));
  EXPECT_EQ(negated(s, "金融"), (V{true}));
}

TEST(Negation, ChuThenWaiEndsAtWai) {
  const std::string s = "资产管理（除金融、证券等国家专项审批项目，除股权投资和股权投资管理外），投资管理";
  EXPECT_EQ(negated(s, "资产管理"), (V{false}));
  EXPECT_EQ(negated(s, "金融"), (V{true}));
  EXPECT_EQ(negated(s, "投资管理"), (V{true, false}));
  // 除…外 at the top level ends at 外.
  EXPECT_EQ(negated("除金融、证券外的信息咨询；理财咨询", "理财"), (V{false}));
}

TEST(Negation, ChuInOrdinaryWordsIsNoCue) {
  EXPECT_EQ(negated("除尘设备销售，金融信息服务", "金融"), (V{false}));
  EXPECT_EQ(negated("清除不良记录咨询，金融信息服务", "金融"), (V{false}));
}

TEST(Negation, NonPrefixOnlyNegatesTheTermRightAfterIt) {
  EXPECT_EQ(negated("对国家允许行业的非金融性投资", "金融"), (V{true}));
  EXPECT_EQ(negated("非法集资风险宣传；金融信息服务", "金融"), (V{false}));
}

TEST(Negation, ProhibitionsWithoutCongshi) {
  EXPECT_EQ(negated("项目投资（严禁非法集资、网络借贷）", "网络借贷"), (V{true}));
  EXPECT_EQ(negated("禁止从事P2P业务；软件开发", "P2P"), (V{true}));
  EXPECT_EQ(negated("以自有资金投资（不从事理财业务）；理财规划咨询", "理财"), (V{true, false}));
}

TEST(Negation, HardStopEndsEveryClause) {
  EXPECT_EQ(negated("不含金融业务；金融信息服务。", "金融"), (V{true, false}));
  EXPECT_EQ(negated("不得从事金融业务。金融设备销售", "金融"), (V{true, false}));
}

TEST(Negation, StrayClosingBracketEndsTheClause) {
  // Real scopes lose opening brackets; a stray ）still ends the disclaimer.
  const std::string s = "服务：投资管理未经金融等监管部门批准，不得从事代客理财等金融服务），企业策划，理财咨询";
  EXPECT_EQ(negated(s, "投资管理"), (V{false}));
  EXPECT_EQ(negated(s, "理财"), (V{true, false}));
}

TEST(Negation, ApprovalBoilerplateIsNoNegation) {
  // 依法须经批准的项目…方可开展经营活动 and 须在…登记备案后方可 are conditions, not prohibitions.
  const std::string s =
      "私募股权投资基金管理（须在中国证券投资基金业协会完成登记备案后方可从事经营活动）"
      "（依法须经批准的项目，经相关部门批准后方可开展经营活动）";
  EXPECT_EQ(negated(s, "股权投资基金"), (V{false}));
}

// Screens `rounds` random scopes of up to `max_pieces` of `pieces` and requires the per-position index of
// governing spans to answer like a scan of the span list in order, at every position and one past the end.
// Returns how many scopes had at least 20 spans.
size_t check_governing_against_scan(const std::vector<std::string>& pieces, unsigned seed, int rounds,
                                    int max_pieces) {
  std::mt19937 rng(seed);
  size_t many_spans = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string scope;
    const int len = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_pieces));
    for (int i = 0; i < len; ++i) scope += pieces[rng() % pieces.size()];
    CodePoints text;
    text.assign(Normalizer::instance().normalize(scope));
    NegatedSpans spans;
    NegationScanner(rules()).find(text, &spans);
    if (spans.list().size() >= 20) ++many_spans;
    for (size_t at = 0; at <= text.size() + 1; ++at) {
      const NegatedSpan* naive = nullptr;
      for (const NegatedSpan& span : spans.list()) {
        if (span.governs(at)) {
          naive = &span;
          break;
        }
      }
      EXPECT_EQ(spans.governing(at), naive) << scope << " at " << at;
      if (spans.governing(at) != naive) return many_spans;
    }
  }
  return many_spans;
}

TEST(Negation, GoverningSpanIsTheFirstInListOrderAtEveryPosition) {
  // Random scopes built from cue, stop, bracket and term fragments: overlapping forward, backward and
  // prefix spans.
  check_governing_against_scan({"不得从事", "不含", "除", "外", "除外", "非", "金融", "业务", "等", "，", "；", "（",
                                "）", "投资管理", "未经", "批准", "理财", "活动", "、"},
                               7, 300, 60);
}

TEST(Negation, GoverningSpanIsTheFirstInListOrderInLongScopes) {
  // The same on long scopes with many overlapping spans (up to ~150 cues).
  const size_t many_spans = check_governing_against_scan(
      {"不得从事", "不含", "除外", "非", "金融", "业务", "，", "；", "（", "）", "投资管理", "未经", "批准", "理财", "活动",
       "技术开发", "咨询"},
      17, 200, 300);
  EXPECT_GT(many_spans, 50u);
}

TEST(CodePoints, TrustedDecodingAgreesOnValidText) {
  // assign_valid (for the normalizer's output) must decode valid UTF-8 exactly like the validating
  // assign, offsets included, and stay in bounds on anything else.
  std::mt19937 rng(11);
  const char32_t ranges[][2] = {{0x20, 0x7E}, {0xA0, 0x7FF}, {0x800, 0xD7FF}, {0xE000, 0xFFFD}, {0x10000, 0x10FFFF}};
  for (int round = 0; round < 2000; ++round) {
    std::u32string cps;
    for (int i = 0, len = static_cast<int>(rng() % 40); i < len; ++i) {
      const auto& r = ranges[rng() % 5];
      cps.push_back(static_cast<char32_t>(r[0] + rng() % (r[1] - r[0] + 1)));
    }
    const std::string utf8 = to_utf8(cps);
    CodePoints a, b;
    a.assign(utf8);
    b.assign_valid(utf8);
    ASSERT_EQ(a.cps, cps);
    ASSERT_EQ(b.cps, a.cps);
    ASSERT_EQ(b.byte, a.byte);
  }
  for (int round = 0; round < 2000; ++round) {
    std::string bytes;
    for (int i = 0, len = static_cast<int>(rng() % 20); i < len; ++i) bytes.push_back(static_cast<char>(rng()));
    CodePoints b;
    b.assign_valid(bytes);
    ASSERT_EQ(b.byte.size(), b.cps.size() + 1);
    ASSERT_EQ(b.byte.back(), bytes.size());
    for (size_t i = 0; i < b.cps.size(); ++i) ASSERT_LT(b.byte[i], bytes.size());
  }
}

TEST(Negation, HostileRunsOfCuesStayLinearEnough) {
  // Thousands of cues in one endless clause: each reach is bounded, and lookups are constant time. This
  // checks the answers, not the time (the time is what the bounds are for).
  std::string scope;
  for (int i = 0; i < 5000; ++i) scope += "不得金融，";
  EXPECT_EQ(negated(scope, "金融"), std::vector<bool>(5000, true));
  std::string exclusions;
  for (int i = 0; i < 5000; ++i) exclusions += "金融除外，";
  EXPECT_EQ(negated(exclusions, "金融"), std::vector<bool>(5000, true));
}

TEST(Negation, FullWidthAndHalfWidthPunctuationAlike) {
  EXPECT_EQ(negated("投资咨询(不含金融、证券),资产管理", "资产管理"), (V{false}));
  EXPECT_EQ(negated("投资咨询(不含金融、证券),资产管理", "金融"), (V{true}));
}

}  // namespace
}  // namespace regscreen::context
