// The bundled policy data (data/lexicon.toml, data/profiles/*.toml): every profile loads, and each
// jurisdiction's lists, routing and decisions say what its source document says (see the comments in the
// profile files and /work/shared/notes for the lines).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "regscreen/policy.h"

namespace regscreen {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

const fs::path kData = fs::path(REGSCREEN_SOURCE_DIR) / "data";

const std::vector<std::string> kNational16 = {"交易所", "交易中心", "金融", "资产管理", "理财", "基金",
                                              "基金管理", "投资管理", "财富管理", "股权投资基金", "网贷",
                                              "网络借贷", "P2P", "股权众筹", "互联网保险", "支付"};

Policy Load(const std::string& id) { return load_policy(id, kData); }

std::vector<std::string> TermTexts(const Policy& p, Field field) {
  std::vector<std::string> out;
  for (int i : p.field_terms[static_cast<int>(field)]) out.push_back(p.terms.at(i).text);
  return out;
}

std::vector<std::string> Lead(const Policy& p, const std::string& category) {
  auto it = p.routing.find(category);
  return it == p.routing.end() ? std::vector<std::string>{} : it->second.lead;
}

// The source documents and their line counts (the last line of 001, 002 and 004 has no newline).
const std::map<std::string, int> kSeedLines = {
    {"000_a95e2cd9fed7890e.txt", 283}, {"001_ec17493c523e247a.txt", 149}, {"002_ae6157826801f0b4.txt", 906},
    {"003_3d48089e76979095.txt", 125}, {"004_d0c1a6dab24cb76d.txt", 616}};

void ExpectValidSources(const std::vector<SourceRef>& sources, const std::string& what) {
  EXPECT_FALSE(sources.empty()) << what;
  for (const SourceRef& s : sources) {
    auto it = kSeedLines.find(s.file);
    ASSERT_NE(it, kSeedLines.end()) << what << " cites unknown file " << s.to_string();
    EXPECT_GE(s.line, 1) << what;
    EXPECT_LE(s.line, it->second) << what << " cites " << s.to_string() << " past the end of the file";
  }
}

TEST(Bundled, TheSixJurisdictionsAreBundled) {
  EXPECT_THAT(bundled_profile_ids(kData),
              ElementsAre("ankang", "national", "ningxia", "shanghai", "tianjin-baodi", "yancheng"));
}

TEST(Bundled, CategoriesAreTheCanonicalNine) {
  const Policy p = Load("national");
  std::vector<std::string> ids;
  for (const Category& c : p.categories) {
    ids.push_back(c.id);
    EXPECT_FALSE(c.label.empty()) << c.id;
  }
  EXPECT_THAT(ids, UnorderedElementsAre("p2p_lending", "equity_crowdfunding", "internet_insurance", "payment",
                                        "asset_management", "trading_venue", "general_finance", "guarantee",
                                        "business_consulting"));
}

// Structural invariants every bundled profile must keep, whatever staff change.
TEST(Bundled, EveryProfileLoadsAndIsConsistent) {
  for (const std::string& id : bundled_profile_ids(kData)) {
    SCOPED_TRACE(id);
    Policy p;
    ASSERT_NO_THROW(p = Load(id));
    EXPECT_EQ(p.profile_id, id);
    EXPECT_FALSE(p.title.empty());
    EXPECT_EQ(p.extends_chain.front(), id);
    EXPECT_EQ(p.policy_dir, kData);
    EXPECT_LE(p.thresholds.review, p.thresholds.refer);
    EXPECT_FALSE(p.default_regulators.empty());
    std::vector<bool> used(p.terms.size(), false);
    for (int f = 0; f < kFieldCount; ++f) {
      const auto& idx = p.field_terms[f];
      EXPECT_TRUE(std::is_sorted(idx.begin(), idx.end()));
      EXPECT_EQ(std::adjacent_find(idx.begin(), idx.end()), idx.end());
      for (int i : idx) {
        ASSERT_GE(i, 0);
        ASSERT_LT(i, static_cast<int>(p.terms.size()));
        used[i] = true;
      }
    }
    // terms holds only the terms this profile uses
    EXPECT_TRUE(std::all_of(used.begin(), used.end(), [](bool b) { return b; }));
    for (const Term& t : p.terms) {
      EXPECT_GE(t.weight, 1) << t.text;
      EXPECT_LE(t.weight, 100) << t.text;
      EXPECT_NE(p.find_category(t.category), nullptr) << t.text;
      ExpectValidSources(t.sources, "term " + t.text);
      // The bundled profiles route every category explicitly (the loader only needs a route or a default).
      EXPECT_EQ(p.routing.count(t.category), 1u) << id << " has no explicit route for " << t.category;
    }
    for (const auto& [category, route] : p.routing) {
      EXPECT_NE(p.find_category(category), nullptr) << category;
      EXPECT_FALSE(route.lead.empty()) << category;
      ExpectValidSources(route.sources, "route " + category);
    }
    ExpectValidSources(p.new_registration_sources, "new_registration");
  }
}

TEST(National, SixteenTermsOnNameScopeAndWebsite) {
  const Policy p = Load("national");
  EXPECT_THAT(p.extends_chain, ElementsAre("national"));
  EXPECT_THAT(TermTexts(p, Field::kName), UnorderedElementsAreArray(kNational16));
  EXPECT_THAT(TermTexts(p, Field::kScope), UnorderedElementsAreArray(kNational16));
  EXPECT_THAT(TermTexts(p, Field::kWebsite), UnorderedElementsAreArray(kNational16));
  EXPECT_EQ(p.terms.size(), 16u);
  EXPECT_EQ(p.new_registration_decision, Decision::kRefer);
  EXPECT_TRUE(p.presume_licensed);
}

// Aliases are the exception: only 网络借贷 has one, the Taiwan/Hong Kong word 网路借贷 (網路借貸), and every
// profile that screens 网络借贷 carries it.
TEST(Aliases, OnlyNetworkLendingHasTheTaiwanSpelling) {
  for (const std::string& id : bundled_profile_ids(kData)) {
    const Policy p = Load(id);
    for (const Term& t : p.terms) {
      if (t.text == "网络借贷") {
        EXPECT_THAT(t.aliases, ElementsAre("网路借贷")) << id;
      } else {
        EXPECT_TRUE(t.aliases.empty()) << id << ": " << t.text;
      }
    }
  }
  const Policy national = Load("national");
  ASSERT_NE(national.find_term("网络借贷"), nullptr);
  EXPECT_THAT(national.find_term("网络借贷")->aliases, ElementsAre("网路借贷"));
}

TEST(National, RoutesToTheNationalRegulators) {
  const Policy p = Load("national");
  EXPECT_THAT(Lead(p, "p2p_lending"), ElementsAre("银监会"));
  EXPECT_THAT(Lead(p, "equity_crowdfunding"), ElementsAre("证监会"));
  EXPECT_THAT(Lead(p, "internet_insurance"), ElementsAre("保监会"));
  EXPECT_THAT(Lead(p, "payment"), ElementsAre("人民银行"));
  EXPECT_THAT(Lead(p, "asset_management"), ElementsAre("人民银行"));
  EXPECT_THAT(p.routing.at("asset_management").members, Contains("工商总局"));
}

TEST(Weights, CoreTermsOutweighCommonOnes) {
  const Policy p = Load("tianjin-baodi");
  auto weight = [&](const char* t) {
    const Term* term = p.find_term(t);
    return term == nullptr ? -1 : term->weight;
  };
  EXPECT_GT(weight("P2P"), weight("金融"));
  EXPECT_GT(weight("网贷"), weight("交易"));
  EXPECT_GT(weight("金融"), weight("担保"));
  EXPECT_GT(weight("担保"), weight("商务咨询"));
  // A single screening-only term reaches review but not refer.
  EXPECT_LT(weight("商务咨询"), p.thresholds.refer);
  EXPECT_GE(weight("商务咨询"), p.thresholds.review);
  // Every one of the 16 national words alone refers when it is in the strongest position.
  const Policy national = Load("national");
  for (const Term& t : national.terms) EXPECT_GE(t.weight, national.thresholds.refer) << t.text;
}

TEST(Ningxia, InheritsNationalListsAddsCrowdfundingAndOverridesRouting) {
  const Policy p = Load("ningxia");
  EXPECT_THAT(p.extends_chain, ElementsAre("ningxia", "national"));
  std::vector<std::string> name_terms = kNational16;
  name_terms.push_back("私募股权众筹");
  name_terms.push_back("众筹");
  EXPECT_THAT(TermTexts(p, Field::kName), UnorderedElementsAreArray(name_terms));
  EXPECT_THAT(TermTexts(p, Field::kWebsite), UnorderedElementsAreArray(kNational16));  // inherited
  const Policy national = Load("national");
  EXPECT_EQ(p.thresholds.refer, national.thresholds.refer);
  EXPECT_EQ(p.thresholds.review, national.thresholds.review);
  // Routing (000:54 and the sub-plans' offices): regional offices replace the national bodies.
  EXPECT_THAT(Lead(p, "p2p_lending"), ElementsAre("宁夏银监局"));
  EXPECT_THAT(Lead(p, "equity_crowdfunding"), ElementsAre("宁夏证监局"));
  EXPECT_THAT(Lead(p, "internet_insurance"), ElementsAre("宁夏保监局"));
  EXPECT_THAT(Lead(p, "payment"), ElementsAre("人行银川中心支行"));
  EXPECT_THAT(Lead(p, "asset_management"), ElementsAre("人行银川中心支行"));
  EXPECT_THAT(Lead(p, "trading_venue"), ElementsAre("自治区金融工作局"));
  EXPECT_THAT(p.routing.at("trading_venue").members, Contains("自治区商务厅"));
  EXPECT_THAT(p.default_regulators, ElementsAre("自治区金融工作局"));
}

TEST(Yancheng, EightJointOfficesLeads) {
  const Policy p = Load("yancheng");
  EXPECT_THAT(p.extends_chain, ElementsAre("yancheng", "national"));
  EXPECT_THAT(TermTexts(p, Field::kName), UnorderedElementsAreArray(kNational16));
  EXPECT_THAT(Lead(p, "p2p_lending"), ElementsAre("市金融办", "盐城银监局"));
  EXPECT_THAT(Lead(p, "payment"), ElementsAre("人民银行盐城市中心支行"));
  EXPECT_THAT(Lead(p, "internet_insurance"), ElementsAre("市保险行业协会"));
  EXPECT_THAT(Lead(p, "trading_venue"), ElementsAre("市金融办"));
  // 公安 and 工商 take part in every joint office (001:121).
  for (const char* c : {"p2p_lending", "payment", "equity_crowdfunding", "asset_management", "trading_venue",
                        "internet_insurance"}) {
    EXPECT_THAT(p.routing.at(c).members, IsSupersetOf({"市公安局", "市工商局"})) << c;
  }
  EXPECT_THAT(p.default_regulators, ElementsAre("市金融办"));
}

TEST(Shanghai, NewRegistrationsAreHeld) {
  const Policy p = Load("shanghai");
  EXPECT_EQ(p.new_registration_decision, Decision::kHold);
  ASSERT_EQ(p.new_registration_sources.size(), 1u);
  EXPECT_EQ(p.new_registration_sources[0].to_string(), "002_ae6157826801f0b4.txt:89");
  EXPECT_THAT(TermTexts(p, Field::kScope), UnorderedElementsAreArray(kNational16));
}

TEST(Shanghai, JointOfficesLeads) {
  const Policy p = Load("shanghai");
  EXPECT_THAT(Lead(p, "asset_management"), ElementsAre("人民银行上海总部", "市金融办"));
  EXPECT_THAT(Lead(p, "payment"), ElementsAre("人民银行上海总部"));
  EXPECT_THAT(Lead(p, "p2p_lending"), ElementsAre("上海银监局", "市金融办"));
  EXPECT_THAT(Lead(p, "equity_crowdfunding"), ElementsAre("上海证监局", "市金融办"));
  EXPECT_THAT(Lead(p, "internet_insurance"), ElementsAre("上海保监局", "市金融办"));
  EXPECT_THAT(p.routing.at("payment").members, Contains("中国银联上海分公司"));
  EXPECT_THAT(p.default_regulators, ElementsAre("市金融办"));
}

TEST(TianjinBaodi, WebsiteListIsSeparateAndLacksPayment) {
  const Policy p = Load("tianjin-baodi");
  EXPECT_THAT(p.extends_chain, ElementsAre("tianjin-baodi"));
  const std::vector<std::string> website = TermTexts(p, Field::kWebsite);
  EXPECT_THAT(website, Not(Contains("支付")));
  EXPECT_THAT(website, Not(Contains("金控")));
  EXPECT_THAT(website, Not(Contains("交易")));
  EXPECT_THAT(website, Not(Contains("商务咨询")));
  EXPECT_THAT(website, UnorderedElementsAre("网络借贷", "网贷", "金融", "财富管理", "基金", "担保", "理财", "众筹",
                                            "交易所", "交易中心", "资本管理", "资产管理", "投资管理", "互联网保险",
                                            "P2P"));
  // Names and scopes: the screening list BD-S, a superset of BD-N.
  const std::vector<std::string> name = TermTexts(p, Field::kName);
  EXPECT_THAT(name, UnorderedElementsAre("网络借贷", "网贷", "金融", "财富管理", "基金", "担保", "理财", "众筹", "金控",
                                         "交易", "资本管理", "资产管理", "投资管理", "商务咨询", "互联网保险", "支付",
                                         "P2P"));
  EXPECT_EQ(TermTexts(p, Field::kScope), name);
  // 交易所 and 交易中心 are website terms only.
  EXPECT_THAT(name, Not(Contains("交易所")));
}

TEST(TianjinBaodi, RoutesToDistrictDepartments) {
  const Policy p = Load("tianjin-baodi");
  EXPECT_THAT(Lead(p, "p2p_lending"), ElementsAre("区工信委"));
  EXPECT_THAT(Lead(p, "equity_crowdfunding"), ElementsAre("区发改委"));
  EXPECT_THAT(Lead(p, "payment"), ElementsAre("区金融服务中心"));
  EXPECT_THAT(Lead(p, "internet_insurance"), ElementsAre("区金融服务中心"));
  EXPECT_THAT(Lead(p, "business_consulting"), ElementsAre("区金融服务中心"));
  EXPECT_THAT(p.default_regulators, ElementsAre("区金融服务中心"));
  EXPECT_EQ(p.new_registration_decision, Decision::kRefer);
}

TEST(Ankang, CentralBankBranchLeadsThreeAreas) {
  const Policy p = Load("ankang");
  EXPECT_THAT(p.extends_chain, ElementsAre("ankang", "national"));
  for (const char* c : {"payment", "asset_management", "equity_crowdfunding"}) {
    EXPECT_THAT(Lead(p, c), ElementsAre("人民银行安康中心支行")) << c;
  }
  EXPECT_THAT(Lead(p, "p2p_lending"), ElementsAre("安康银监分局"));
  EXPECT_THAT(Lead(p, "internet_insurance"), ElementsAre("安康保险业协会"));
  EXPECT_THAT(p.default_regulators, ElementsAre("市金融办"));
}

}  // namespace
}  // namespace regscreen
