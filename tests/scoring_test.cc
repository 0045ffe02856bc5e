// Scoring and routing: contributions from weights and factors, the score formula, decisions at the
// thresholds, regulators from the routing table, exemption and hold; then end to end on the national
// profile with invented records.
#include <gtest/gtest.h>

#include <string>

#include "context/context_rules.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"
#include "score/scorer.h"
#include "test_support.h"

namespace regscreen {
namespace {

using test::national;
using test::record;

Policy small_policy() {
  Policy p;
  p.profile_id = "test";
  p.thresholds.refer = 60;
  p.thresholds.review = 10;
  p.routing["asset_management"].lead = {"人民银行"};
  p.routing["trading_venue"].lead = {"联席会议", "金融办"};
  p.default_regulators = {"整治办"};
  return p;
}

Hit hit(const std::string& term, const std::string& category, double weight,
        HitStatus status = HitStatus::kAffirmative) {
  Hit h;
  h.term = term;
  h.category = category;
  h.status = status;
  h.weight = status == HitStatus::kAffirmative ? weight : 0;
  h.reason = "test";
  return h;
}

TEST(Scorer, ContributionFollowsFieldPartAndIncidentalFactors) {
  const Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Term t;
  t.weight = 80;
  EXPECT_DOUBLE_EQ(s.contribution(t, Field::kScope, NamePart::kNone, false), 80);
  EXPECT_DOUBLE_EQ(s.contribution(t, Field::kName, NamePart::kIndustry, false), 80);
  EXPECT_DOUBLE_EQ(s.contribution(t, Field::kName, NamePart::kTradeName, false), 40);
  EXPECT_DOUBLE_EQ(s.contribution(t, Field::kName, NamePart::kRegion, false), 24);
  // Incidental replaces the part factor instead of compounding it.
  EXPECT_DOUBLE_EQ(s.contribution(t, Field::kName, NamePart::kTradeName, true), 24);
  EXPECT_DOUBLE_EQ(s.contribution(t, Field::kScope, NamePart::kNone, true), 24);
  context::ScoringFactors f;
  f.field[static_cast<int>(Field::kWebsite)] = 0.5;
  EXPECT_DOUBLE_EQ(Scorer(p, f).contribution(t, Field::kWebsite, NamePart::kNone, false), 40);
}

TEST(Scorer, ScoreIsTheStrongestPlusSpillAndRoutesEveryCategory) {
  const Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("投资管理", "asset_management", 70), hit("交易中心", "trading_venue", 30),
            hit("金融", "general_finance", 75, HitStatus::kNegated), hit("支付", "payment", 20)};
  s.decide(Record{}, Exemption{}, &r);
  EXPECT_EQ(r.score, 75);  // 70 + 0.1 * (30 + 20)
  EXPECT_EQ(r.decision, Decision::kRefer);
  // Negated hits do not count; categories sorted and unique.
  EXPECT_EQ(r.categories, (std::vector<std::string>{"asset_management", "payment", "trading_venue"}));
  // payment has no route: the default regulators get it.
  EXPECT_EQ(r.regulators, (std::vector<std::string>{"人民银行", "整治办", "联席会议", "金融办"}));
  EXPECT_NE(r.explanation.find("投资管理"), std::string::npos) << r.explanation;
}

TEST(Scorer, ThresholdsGiveReferReviewClear) {
  Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("金融", "general_finance", 59.6)};
  s.decide(Record{}, Exemption{}, &r);
  EXPECT_EQ(r.score, 60);
  EXPECT_EQ(r.decision, Decision::kRefer);
  r.hits = {hit("金融", "general_finance", 22.5)};
  s.decide(Record{}, Exemption{}, &r);
  EXPECT_EQ(r.decision, Decision::kReview);
  EXPECT_EQ(r.regulators, (std::vector<std::string>{"整治办"}));
  p.thresholds.review = 30;
  const Scorer strict(p, context::ScoringFactors{});
  strict.decide(Record{}, Exemption{}, &r);
  EXPECT_EQ(r.decision, Decision::kClear);
  EXPECT_TRUE(r.regulators.empty());
  EXPECT_NE(r.explanation.find("below the review threshold"), std::string::npos) << r.explanation;
}

TEST(Scorer, NoAffirmativeHitIsClear) {
  const Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("金融", "general_finance", 75, HitStatus::kNegated), hit("基金", "asset_management", 65, HitStatus::kNotTheWord)};
  s.decide(Record{}, Exemption{}, &r);
  EXPECT_EQ(r.decision, Decision::kClear);
  EXPECT_EQ(r.score, 0);
  EXPECT_TRUE(r.categories.empty());
  EXPECT_TRUE(r.regulators.empty());
}

TEST(Scorer, ExemptionWinsAndNotifiesNobody) {
  const Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("金融", "general_finance", 75)};
  s.decide(Record{}, Exemption{true, "presumed licensed: bank"}, &r);
  EXPECT_EQ(r.decision, Decision::kExempt);
  EXPECT_TRUE(r.regulators.empty());
  EXPECT_EQ(r.categories, (std::vector<std::string>{"general_finance"}));
  EXPECT_EQ(r.explanation, "exempt: presumed licensed: bank");
}

TEST(Scorer, LicensedInstitutionWithoutAnAffirmativeHitIsClear) {
  // exempt = affirmative hits, but a licensed institution; with only disclaimers and lookalikes there is
  // nothing to exempt from.
  const Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("金融", "general_finance", 75, HitStatus::kNegated), hit("金融", "general_finance", 75, HitStatus::kNotTheWord)};
  s.decide(Record{}, Exemption{true, "presumed licensed: bank"}, &r);
  EXPECT_EQ(r.decision, Decision::kClear);
  EXPECT_EQ(r.score, 0);
  EXPECT_TRUE(r.categories.empty());
  EXPECT_TRUE(r.regulators.empty());
  // One affirmative hit more, and it is exempt.
  r.hits.push_back(hit("理财", "asset_management", 75));
  s.decide(Record{}, Exemption{true, "presumed licensed: bank"}, &r);
  EXPECT_EQ(r.decision, Decision::kExempt);
  EXPECT_EQ(r.categories, (std::vector<std::string>{"asset_management"}));
}

TEST(Scorer, RecordWithoutHitsIsClearWithNothingLeftOver) {
  const Policy p = small_policy();
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("交易所", "trading_venue", 85)};
  s.decide(Record{}, Exemption{}, &r);
  ASSERT_EQ(r.decision, Decision::kRefer);
  r.hits.clear();  // the result object is reused for the next record
  s.decide(Record{}, Exemption{true, "listed"}, &r);
  EXPECT_EQ(r.decision, Decision::kClear);
  EXPECT_EQ(r.score, 0);
  EXPECT_TRUE(r.categories.empty());
  EXPECT_TRUE(r.regulators.empty());
  EXPECT_TRUE(r.explanation.empty());
}

TEST(Scorer, NewRegistrationIsHeldWhereTheProfileGuardsEntry) {
  Policy p = small_policy();
  p.new_registration_decision = Decision::kHold;
  const Scorer s(p, context::ScoringFactors{});
  Result r;
  r.hits = {hit("交易所", "trading_venue", 85)};
  Record fresh;
  fresh.new_registration = true;
  s.decide(fresh, Exemption{}, &r);
  EXPECT_EQ(r.decision, Decision::kHold);
  EXPECT_EQ(r.regulators, (std::vector<std::string>{"联席会议", "金融办"}));
  s.decide(Record{}, Exemption{}, &r);
  EXPECT_EQ(r.decision, Decision::kRefer);
  // A review stays a review: only referrals are held.
  r.hits = {hit("交易所", "trading_venue", 25)};
  s.decide(fresh, Exemption{}, &r);
  EXPECT_EQ(r.decision, Decision::kReview);
}

TEST(ScoringNational, IndustryPartRefersTradeNameReviews) {
  const Result industry = national().screen(record("北京恒远投资管理有限公司"));
  ASSERT_EQ(industry.hits.size(), 1u);
  EXPECT_EQ(industry.hits[0].name_part, NamePart::kIndustry);
  EXPECT_DOUBLE_EQ(industry.hits[0].weight, national().policy().find_term("投资管理")->weight);
  EXPECT_EQ(industry.decision, Decision::kRefer);
  EXPECT_EQ(industry.regulators, (std::vector<std::string>{"人民银行"}));

  const Result trade = national().screen(record("上海理财通科技有限公司"));
  ASSERT_EQ(trade.hits.size(), 1u);
  EXPECT_EQ(trade.hits[0].name_part, NamePart::kTradeName);
  EXPECT_DOUBLE_EQ(trade.hits[0].weight, 0.5 * national().policy().find_term("理财")->weight);
  EXPECT_EQ(trade.decision, Decision::kReview);
}

TEST(ScoringNational, ScopeItemRefersDisclaimerClears) {
  const Result item = national().screen(record("某某商贸有限公司", "日用百货销售；投资管理；企业管理咨询"));
  EXPECT_EQ(item.decision, Decision::kRefer);
  EXPECT_EQ(item.categories, (std::vector<std::string>{"asset_management"}));
  const Result disclaimer = national().screen(
      record("某某商贸有限公司", "日用百货销售（不得从事非法集资、吸收公众资金等金融活动）"));
  EXPECT_EQ(disclaimer.decision, Decision::kClear);
  ASSERT_EQ(disclaimer.hits.size(), 1u);
  EXPECT_EQ(disclaimer.hits[0].status, HitStatus::kNegated);
  EXPECT_EQ(disclaimer.hits[0].weight, 0);
}

TEST(ScoringNational, EveryHitCarriesAReasonAndOnlyAffirmativeHitsWeigh) {
  const Result r = national().screen(
      record("宁波鸿基金属材料有限公司", "金属材料销售；金融机具销售；投资咨询（不含金融、证券、期货）；资产管理"));
  ASSERT_GE(r.hits.size(), 4u);
  for (const Hit& h : r.hits) {
    EXPECT_FALSE(h.reason.empty()) << h.term;
    if (h.status != HitStatus::kAffirmative) EXPECT_EQ(h.weight, 0) << h.term;
    else EXPECT_GT(h.weight, 0) << h.term;
  }
  EXPECT_EQ(r.decision, Decision::kRefer);  // 资产管理 is a business item
  EXPECT_EQ(r.categories, (std::vector<std::string>{"asset_management", "general_finance"}));
}

}  // namespace
}  // namespace regscreen
