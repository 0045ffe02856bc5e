// Not-the-word detection: benign compounds and overlapping words, end to end through the national
// screener (status and reason of each hit), plus the ICU word-segmentation signal. Names and scopes are
// invented for this test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <string>

#include "context/code_points.h"
#include "context/compounds.h"
#include "context/context_rules.h"
#include "context/word_breaks.h"
#include "normalize/normalizer.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"
#include "test_support.h"

namespace regscreen {
namespace {

using test::national;
using test::record;

// The hits of `term` in `field`, in order.
std::vector<Hit> hits_of(const Result& r, const std::string& term, Field field) {
  std::vector<Hit> out;
  for (const Hit& h : r.hits) {
    if (h.term == term && h.field == field) out.push_back(h);
  }
  return out;
}

HitStatus name_status(const std::string& name, const std::string& term) {
  const Result r = national().screen(record(name));
  const auto hs = hits_of(r, term, Field::kName);
  EXPECT_EQ(hs.size(), 1u) << name;
  return hs.empty() ? HitStatus::kAffirmative : hs[0].status;
}

HitStatus scope_status(const std::string& scope, const std::string& term) {
  const Result r = national().screen(record("某某商贸有限公司", scope));
  const auto hs = hits_of(r, term, Field::kScope);
  EXPECT_EQ(hs.size(), 1u) << scope;
  return hs.empty() ? HitStatus::kAffirmative : hs[0].status;
}

TEST(Lookalike, OverlappingWordsInNames) {
  EXPECT_EQ(name_status("宁波鸿基金属制品有限公司", "基金"), HitStatus::kNotTheWord);
  EXPECT_EQ(name_status("某某餐饮有限公司肯德基金城餐厅", "基金"), HitStatus::kNotTheWord);
  EXPECT_EQ(name_status("某县永基金银首饰店", "基金"), HitStatus::kNotTheWord);
  EXPECT_EQ(name_status("某某黄金融资担保有限公司", "金融"), HitStatus::kNotTheWord);
}

TEST(Lookalike, OverlappingWordsInScopes) {
  EXPECT_EQ(scope_status("企业管理财务咨询", "理财"), HitStatus::kNotTheWord);
  EXPECT_EQ(scope_status("代理财税申报", "理财"), HitStatus::kNotTheWord);
  EXPECT_EQ(scope_status("企业资金融通咨询", "金融"), HitStatus::kNotTheWord);
}

TEST(Lookalike, OverlapsThatAreRealUsesStayAffirmative) {
  // 金融资产 is a financial asset and 理财产品 a wealth-management product: no benign overlap applies.
  EXPECT_EQ(scope_status("金融资产管理咨询", "金融"), HitStatus::kAffirmative);
  EXPECT_EQ(scope_status("代销理财产品", "理财"), HitStatus::kAffirmative);
  EXPECT_EQ(name_status("上海恒基金融服务有限公司", "金融"), HitStatus::kAffirmative);
}

TEST(Lookalike, PlaceNameLocatingABranchIsNotTheWord) {
  const Result r = national().screen(record("恒丰银行股份有限公司北京金融街支行"));
  const auto hs = hits_of(r, "金融", Field::kName);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].status, HitStatus::kNotTheWord);
  EXPECT_NE(hs[0].reason.find("金融街"), std::string::npos) << hs[0].reason;
}

TEST(Lookalike, PlaceNameLocatesABranchOnlyRightBeforeItsForm) {
  // A building right before 支行 is where the branch is.
  const Result building = national().screen(record("某某银行股份有限公司上海市环球金融中心支行"));
  ASSERT_EQ(hits_of(building, "金融", Field::kName).size(), 1u);
  EXPECT_EQ(hits_of(building, "金融", Field::kName)[0].status, HitStatus::kNotTheWord);
  // Followed by more words (二处), the unit is named after it: an incidental use of the term, and for a
  // licensed insurer a use that it is exempt for.
  const Result unit = national().screen(record("某某人寿保险有限公司某某中心支公司某某金融中心二处营销服务部"));
  const auto hs = hits_of(unit, "金融", Field::kName);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].status, HitStatus::kAffirmative);
  EXPECT_NE(hs[0].reason.find("incidental"), std::string::npos) << hs[0].reason;
  EXPECT_EQ(unit.decision, Decision::kExempt);
}

TEST(Lookalike, PlaceNameAsOwnNameIsAnIncidentalUse) {
  const Result r = national().screen(record("沈阳金融大厦物业服务有限公司"));
  const auto hs = hits_of(r, "金融", Field::kName);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].status, HitStatus::kAffirmative);
  EXPECT_EQ(r.decision, Decision::kReview);
}

TEST(Lookalike, ProperNounOfAnotherBody) {
  EXPECT_EQ(scope_status("须在中国证券投资基金业协会完成登记备案后方可从事经营活动", "基金"), HitStatus::kNotTheWord);
  EXPECT_EQ(scope_status("经金融监管部门批准后方可经营", "金融"), HitStatus::kNotTheWord);
}

TEST(Lookalike, IncidentalUsesGoToReview) {
  for (const char* scope : {"销售计算机、金融机具、办公设备", "金融设备的研发与销售", "举办二手车交易中心"}) {
    const Result r = national().screen(record("某某科技有限公司", scope));
    EXPECT_EQ(r.decision, Decision::kReview) << scope;
  }
  const Result r = national().screen(record("某某市扶贫基金会"));
  EXPECT_EQ(r.decision, Decision::kReview);
  const Result used_cars = national().screen(record("某某汽贸有限公司二手车交易中心"));
  EXPECT_EQ(used_cars.decision, Decision::kReview);
  // A property-rights exchange is a trading venue: refer.
  const Result exchange = national().screen(record("某某市产权交易中心有限公司"));
  EXPECT_EQ(exchange.decision, Decision::kRefer);
}

TEST(Lookalike, CompoundIndexPrefersTheStrongestKind) {
  const test::TempDir dir("regscreen_lookalike");
  const auto file = dir.write("ctx.toml", R"(
version = 1
[clauses]
hard_stops = ["；"]
brackets = ["（）"]
[[compound]]
text = "金融大厦"
kind = "place"
why = "building"
[[compound]]
text = "金融大厦管理处"
kind = "incidental"
why = "x"
[[overlap]]
term = "金融"
before = ["黄金"]
why = "y"
[name]
unit_forms = ["有限公司"]
regions = ["北京"]
region_suffixes = ["市"]
industry_words = ["管理"]
)");
  const auto rules = context::ContextRules::load(file);
  const context::CompoundIndex index(*rules, {context::to_u32("金融"), context::to_u32("交易所")});
  context::CodePoints t;
  t.assign(Normalizer::instance().normalize("黄金融大厦管理处"));
  const context::Compound* c = index.find(0, t, 1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, context::CompoundKind::kOtherWord);
  t.assign(Normalizer::instance().normalize("金融大厦管理处"));
  c = index.find(0, t, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, context::CompoundKind::kPlace);
  EXPECT_EQ(index.find(1, t, 0), nullptr);
}

TEST(WordBreaks, IcuSplitsOverlapsAndKeepsWholeWords) {
  // The second signal measured in docs/CONTEXT.md: ICU's zh dictionary puts 金融 of 黄金融资 in two words
  // and keeps 金融资产's 金融 whole.
  const context::WordBreaks wb;
  context::CodePoints t;
  t.assign(Normalizer::instance().normalize("黄金融资担保"));
  EXPECT_TRUE(wb.splits(t, 1, 3));
  t.assign(Normalizer::instance().normalize("金融资产管理"));
  EXPECT_FALSE(wb.splits(t, 0, 2));
  t.assign(Normalizer::instance().normalize("宁波鸿基金属材料有限公司"));
  EXPECT_TRUE(wb.splits(t, 3, 5));
}

}  // namespace
}  // namespace regscreen
