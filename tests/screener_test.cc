// End-to-end tests of Screener on the bundled policy (data/): every seed list's terms are found in
// realistic names, scopes and website names at exact original offsets; overlapping terms are all
// reported; referred records are routed to the lead departments of the profile's routing table; Shanghai
// holds new registrations; invalid UTF-8 is read with a warning; one Screener serves several threads.
//
// Hit status and scores depend on context analysis (tested in its own tests); the decisions asserted here
// are for records whose context is unambiguous (an enterprise whose name is the restricted business).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "regscreen/json.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {
namespace {

using Strings = std::vector<std::string>;

const Screener& screener(const std::string& profile) {
  static std::map<std::string, std::unique_ptr<Screener>> cache;
  auto it = cache.find(profile);
  if (it == cache.end()) {
    it = cache.emplace(profile, std::make_unique<Screener>(Screener::from_profile(profile))).first;
  }
  return *it->second;
}

// A record with the given fields (a helper rather than designated initializers, which g++ 12 warns about
// under -Wextra when members are left out).
Record record(std::string_view name, std::string_view scope = {}, std::string_view website = {},
              bool new_registration = false) {
  Record r;
  r.id = "test";
  r.name = name;
  r.scope = scope;
  r.website = website;
  r.new_registration = new_registration;
  return r;
}

std::string json(const Result& r) {
  std::string out;
  append_json(r, "", &out);
  return out;
}

// A hit as the tests compare it: term and original span.
using Span = std::tuple<std::string, uint32_t, uint32_t>;

std::string describe(const std::vector<Span>& spans) {
  std::ostringstream s;
  for (const auto& [term, start, end] : spans) s << " " << term << "@" << start << ".." << end;
  return spans.empty() ? " none" : s.str();
}

// An expected hit: the term and the original substring it covers (its nth occurrence in the field text).
struct Want {
  Want(std::string t, std::string s = {}, int n = 1) : term(std::move(t)), span(std::move(s)), nth(n) {}
  std::string term;
  std::string span;  // empty: the term itself
  int nth;
};

std::vector<Span> hits_in(const Result& r, Field f) {
  std::vector<Span> out;
  for (const Hit& h : r.hits) {
    if (h.field == f) out.emplace_back(h.term, h.start, h.end);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The field's hits are exactly `wants` (term and offsets), each hit's text is the original span, and each
// hit's category is its term's.
::testing::AssertionResult field_hits_are(const Screener& s, const Result& r, Field f, std::string_view text,
                                          const std::vector<Want>& wants) {
  std::vector<Span> want;
  for (const Want& w : wants) {
    const std::string span = w.span.empty() ? w.term : w.span;
    size_t pos = std::string_view::npos;
    for (int i = 0; i < w.nth; ++i) pos = text.find(span, pos == std::string_view::npos ? 0 : pos + 1);
    if (pos == std::string_view::npos) {
      return ::testing::AssertionFailure() << "test bug: \"" << span << "\" #" << w.nth << " not in the text";
    }
    want.emplace_back(w.term, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + span.size()));
  }
  std::sort(want.begin(), want.end());
  const std::vector<Span> got = hits_in(r, f);
  if (got != want) {
    return ::testing::AssertionFailure() << to_string(f) << " \"" << text << "\": hits" << describe(got)
                                         << ", want" << describe(want);
  }
  for (const Hit& h : r.hits) {
    if (h.field != f) continue;
    if (h.text != text.substr(h.start, h.end - h.start)) {
      return ::testing::AssertionFailure() << "hit text \"" << h.text << "\" is not the original bytes";
    }
    const Term* term = s.policy().find_term(h.term);
    if (!term || term->category != h.category) {
      return ::testing::AssertionFailure() << h.term << ": category " << h.category;
    }
  }
  return ::testing::AssertionSuccess();
}

Strings list_of(const Policy& p, Field f) {
  Strings out;
  for (int t : p.field_terms[static_cast<int>(f)]) out.push_back(p.terms[t].text);
  std::sort(out.begin(), out.end());
  return out;
}

bool contains(const Strings& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The regulators a result with these categories must be routed to: the lead departments of each
// category's route, or the profile's default when the category has none.
Strings expected_regulators(const Policy& p, const Strings& categories) {
  std::set<std::string> out;
  for (const std::string& c : categories) {
    auto it = p.routing.find(c);
    const Strings& lead = it != p.routing.end() && !it->second.lead.empty() ? it->second.lead : p.default_regulators;
    out.insert(lead.begin(), lead.end());
  }
  return Strings(out.begin(), out.end());
}

Strings affirmative_categories(const Result& r) {
  std::set<std::string> out;
  for (const Hit& h : r.hits) {
    if (h.status == HitStatus::kAffirmative) out.insert(h.category);
  }
  return Strings(out.begin(), out.end());
}

// ---------------------------------------------------------------------------------------------------------
// Seed lists

TEST(SeedLists, AllSixProfilesAreBundled) {
  const Strings ids = Screener::bundled_profiles();
  for (const char* id : {"national", "ningxia", "yancheng", "shanghai", "tianjin-baodi", "ankang"}) {
    EXPECT_TRUE(contains(ids, id)) << id;
  }
}

// Spot checks of the lists against data/profiles/*.toml and the seed documents they cite.
TEST(SeedLists, ListsMatchTheSeedDocuments) {
  const Strings national16 = {"交易所", "交易中心", "金融",     "资产管理", "理财",   "基金",     "基金管理", "投资管理",
                              "财富管理", "股权投资基金", "网贷", "网络借贷", "P2P", "股权众筹", "互联网保险", "支付"};
  Strings sorted16 = national16;
  std::sort(sorted16.begin(), sorted16.end());
  for (const char* id : {"national", "yancheng", "shanghai", "ankang"}) {
    const Policy& p = screener(id).policy();
    EXPECT_EQ(list_of(p, Field::kName), sorted16) << id;
    EXPECT_EQ(list_of(p, Field::kScope), sorted16) << id;
  }
  // Ningxia adds its crowdfunding screening words (000:235) to the national list.
  const Policy& ningxia = screener("ningxia").policy();
  Strings ningxia_want = sorted16;
  ningxia_want.push_back("私募股权众筹");
  ningxia_want.push_back("众筹");
  std::sort(ningxia_want.begin(), ningxia_want.end());
  EXPECT_EQ(list_of(ningxia, Field::kName), ningxia_want);
  EXPECT_EQ(list_of(ningxia, Field::kScope), ningxia_want);
  EXPECT_FALSE(contains(list_of(screener("national").policy(), Field::kName), "众筹"));

  // Baodi screens names and scopes for its own longer list (003:76) and website names for a separate one
  // (003:108) without 支付, 金控, bare 交易 or 商务咨询, but with 交易所 and 交易中心.
  const Policy& baodi = screener("tianjin-baodi").policy();
  const Strings baodi_name = list_of(baodi, Field::kName);
  for (const char* t : {"担保", "众筹", "金控", "交易", "资本管理", "商务咨询", "支付", "P2P", "网贷"}) {
    EXPECT_TRUE(contains(baodi_name, t)) << t;
  }
  for (const char* t : {"交易所", "交易中心", "基金管理", "股权投资基金", "股权众筹"}) {
    EXPECT_FALSE(contains(baodi_name, t)) << t;
  }
  EXPECT_EQ(list_of(baodi, Field::kScope), baodi_name);
  Strings baodi_web = {"网络借贷", "网贷", "金融", "财富管理", "基金",     "担保",     "理财",       "众筹",
                       "交易所",   "交易中心", "资本管理", "资产管理", "投资管理", "互联网保险", "P2P"};
  std::sort(baodi_web.begin(), baodi_web.end());
  EXPECT_EQ(list_of(baodi, Field::kWebsite), baodi_web);
}

std::string region_of(const std::string& profile) {
  static const std::map<std::string, std::string> regions = {
      {"national", "北京"}, {"ningxia", "银川"},   {"tianjin-baodi", "天津宝坻"},
      {"shanghai", "上海"}, {"yancheng", "盐城"}, {"ankang", "安康"}};
  auto it = regions.find(profile);
  return it == regions.end() ? "某市" : it->second;
}

// Every term of every list of every bundled profile is found where that list applies, in a realistic
// name, scope and website name; and nothing but the list's terms occurring in the text is reported
// (a term inside another, 基金 in 基金管理, is reported too).
TEST(SeedLists, EveryListTermIsFoundInRealisticFields) {
  const Strings trade_names = {"鑫汇", "瑞丰", "恒通", "嘉禾", "聚源", "宏达"};
  int checked = 0;
  for (const std::string& profile : Screener::bundled_profiles()) {
    const Screener& s = screener(profile);
    const Policy& p = s.policy();
    for (int f = 0; f < kFieldCount; ++f) {
      const Field field = static_cast<Field>(f);
      const Strings list = list_of(p, field);
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string& term = list[i];
        const std::string& trade = trade_names[i % trade_names.size()];
        std::string text;
        switch (field) {
          case Field::kName: text = region_of(profile) + trade + term + "有限公司"; break;
          case Field::kScope:
            text = "一般项目：技术开发、技术推广；" + term + "；会议及展览服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）";
            break;
          case Field::kWebsite: text = trade + term + "网"; break;
        }
        Record rec;
        (field == Field::kName ? rec.name : field == Field::kScope ? rec.scope : rec.website) = text;
        const Result r = s.screen(rec);
        // Reference: every occurrence of every list term in the (plain) text.
        std::vector<Want> wants;
        for (const std::string& t : list) {
          int n = 0;
          for (size_t pos = text.find(t); pos != std::string::npos; pos = text.find(t, pos + 1)) {
            wants.push_back({t, t, ++n});
          }
        }
        SCOPED_TRACE(profile + " " + std::string(to_string(field)) + " " + term);
        EXPECT_TRUE(field_hits_are(s, r, field, text, wants));
        EXPECT_TRUE(std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.term == term; }));
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 6 * 16 * 3);
}

struct RealisticCase {
  std::string profile;
  Field field;
  std::string text;
  std::vector<Want> wants;  // every hit of the field
};

TEST(SeedLists, RealisticRecordsGiveExactlyTheirHits) {
  const std::vector<RealisticCase> cases = {
      {"national", Field::kName, "上海某某网络借贷信息中介有限公司", {{"网络借贷"}}},
      {"national", Field::kScope, "网络借贷信息中介服务；P2P平台运营；第三方支付技术服务",
       {{"网络借贷"}, {"P2P"}, {"支付"}}},
      {"national", Field::kName, "某某文化产权交易中心有限公司", {{"交易中心"}}},
      {"national", Field::kName, "广东某某商品交易所有限公司", {{"交易所"}}},
      {"national", Field::kScope, "互联网保险代理；财富管理咨询；理财产品推介", {{"互联网保险"}, {"财富管理"}, {"理财"}}},
      {"national", Field::kWebsite, "某某金融理财网", {{"金融"}, {"理财"}}},
      {"national", Field::kName, "北京某某网贷信息科技有限公司", {{"网贷"}}},
      {"national", Field::kName, "某某五金机电有限公司", {}},
      {"national", Field::kScope, "五金交电、机电设备销售；货物进出口", {}},
      {"ningxia", Field::kScope, "众筹平台信息服务；股权众筹咨询",
       {{"众筹", "众筹", 1}, {"众筹", "众筹", 2}, {"股权众筹"}}},
      {"yancheng", Field::kName, "盐城某某金融信息服务有限公司", {{"金融"}}},
      {"shanghai", Field::kScope, "资产管理、投资管理；投资咨询", {{"资产管理"}, {"投资管理"}}},
      {"shanghai", Field::kName, "上海某某财富管理有限公司", {{"财富管理"}}},
      {"ankang", Field::kName, "安康某某互联网保险代理有限公司", {{"互联网保险"}}},
      {"ankang", Field::kScope, "移动支付技术开发；网贷信息中介", {{"支付"}, {"网贷"}}},
      {"tianjin-baodi", Field::kName, "天津某某融资担保有限公司", {{"担保"}}},
      {"tianjin-baodi", Field::kScope, "商务咨询；会议服务；二手车交易服务；非融资性担保服务",
       {{"商务咨询"}, {"交易"}, {"担保"}}},
      {"tianjin-baodi", Field::kName, "天津某某众筹科技有限公司", {{"众筹"}}},
      // Baodi's name list has bare 交易 but not 交易所; its website list has 交易所 but not 交易.
      {"tianjin-baodi", Field::kName, "天津宝坻某某商品交易所有限公司", {{"交易"}}},
      {"tianjin-baodi", Field::kWebsite, "某某商品交易所", {{"交易所"}}},
      {"tianjin-baodi", Field::kWebsite, "某某交易中心网", {{"交易中心"}}},
      // 支付 is screened in Baodi's names and scopes, not in website names (003:108).
      {"tianjin-baodi", Field::kName, "天津某某支付科技有限公司", {{"支付"}}},
      {"tianjin-baodi", Field::kWebsite, "某某支付网", {}},
      {"tianjin-baodi", Field::kWebsite, "某某金控网", {}},
      {"tianjin-baodi", Field::kScope, "企业管理咨询；资本管理；资产管理", {{"资本管理"}, {"资产管理"}}},
  };
  for (const RealisticCase& c : cases) {
    SCOPED_TRACE(c.profile + " " + c.text);
    const Screener& s = screener(c.profile);
    Record rec;
    (c.field == Field::kName ? rec.name : c.field == Field::kScope ? rec.scope : rec.website) = c.text;
    const Result r = s.screen(rec);
    EXPECT_TRUE(field_hits_are(s, r, c.field, c.text, c.wants));
    EXPECT_EQ(r.hits.size(), c.wants.size());  // nothing in the empty fields
  }
}

// Overlapping terms are all reported, each with its own span, in (field, start, longer first) order.
TEST(SeedLists, OverlappingTermsAreAllReported) {
  {
    const Screener& s = screener("national");
    const std::string name = "深圳前海鑫汇股权投资基金管理有限公司";
    const Result r = s.screen(record(name));
    EXPECT_TRUE(field_hits_are(s, r, Field::kName, name, {{"股权投资基金"}, {"基金"}, {"基金管理"}}));
    const std::string scope = "受托管理股权投资基金；基金管理；投资管理";
    const Result r2 = s.screen(record("", scope));
    EXPECT_TRUE(field_hits_are(s, r2, Field::kScope, scope,
                               {{"股权投资基金"}, {"基金", "基金", 1}, {"基金", "基金", 2}, {"基金管理"}, {"投资管理"}}));
  }
  {
    const Screener& s = screener("ningxia");
    const std::string name = "宁夏某某私募股权众筹服务有限公司";
    const Result r = s.screen(record(name));
    EXPECT_TRUE(field_hits_are(s, r, Field::kName, name, {{"私募股权众筹"}, {"股权众筹"}, {"众筹"}}));
    // Order: by start, and the longer of two hits starting together first.
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.hits[0].term, "私募股权众筹");
    EXPECT_EQ(r.hits[1].term, "股权众筹");
    EXPECT_EQ(r.hits[2].term, "众筹");
  }
  {
    // Baodi: 基金 and 金控 share 金.
    const Screener& s = screener("tianjin-baodi");
    const std::string name = "天津某某基金控股有限公司";
    const Result r = s.screen(record(name));
    EXPECT_TRUE(field_hits_are(s, r, Field::kName, name, {{"基金"}, {"金控"}}));
    // 交易 inside 交易中心 and 交易所 in a Baodi scope: bare 交易 is reported at each.
    const std::string scope = "为农产品交易中心提供场地服务；商品交易所会员服务";
    const Result r2 = s.screen(record("", scope));
    EXPECT_TRUE(field_hits_are(s, r2, Field::kScope, scope, {{"交易", "交易", 1}, {"交易", "交易", 2}}));
  }
  const Result mixed = screener("national").screen(record("某某股权投资基金管理有限公司", "理财；基金"));
  EXPECT_TRUE(std::is_sorted(mixed.hits.begin(), mixed.hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.field, a.start) < std::tie(b.field, b.start);
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Routing

struct Referable {
  std::string profile;
  std::string name;
  std::string scope;
};

const std::vector<Referable>& referable_records() {
  static const std::vector<Referable> records = {
      {"national", "上海某某网络借贷信息中介有限公司", "网络借贷信息中介服务"},
      {"national", "北京某某互联网保险信息科技有限公司", "互联网保险信息技术服务"},
      {"national", "深圳前海某某股权投资基金管理有限公司", "受托管理股权投资基金"},
      {"national", "某某文化产权交易所有限公司", "文化产权交易服务"},
      {"national", "某某股权众筹科技有限公司", "股权众筹平台服务"},
      {"ningxia", "宁夏某某私募股权众筹服务有限公司", "私募股权众筹信息服务"},
      {"ningxia", "银川某某网贷信息服务有限公司", ""},
      {"yancheng", "盐城某某支付科技有限公司", "第三方支付技术服务"},
      {"yancheng", "盐城某某理财顾问有限公司", ""},
      {"shanghai", "上海某某财富管理有限公司", "财富管理咨询"},
      {"shanghai", "上海某某网络借贷信息中介有限公司", "网络借贷信息中介服务；P2P平台运营"},
      {"tianjin-baodi", "天津某某金控资本管理有限公司", ""},
      {"ankang", "安康某某互联网保险科技有限公司", ""},
      {"ankang", "安康某某网络借贷信息中介有限公司", ""},
  };
  return records;
}

TEST(Routing, ReferredRecordsGoToTheLeadsOfTheirCategories) {
  for (const Referable& rec : referable_records()) {
    SCOPED_TRACE(rec.profile + " " + rec.name);
    const Screener& s = screener(rec.profile);
    const Result r = s.screen(record(rec.name, rec.scope));
    EXPECT_EQ(r.decision, Decision::kRefer) << r.explanation;
    EXPECT_GE(r.score, s.policy().thresholds.refer);
    EXPECT_EQ(r.categories, affirmative_categories(r));
    EXPECT_FALSE(r.categories.empty());
    EXPECT_EQ(r.regulators, expected_regulators(s.policy(), r.categories));
    EXPECT_FALSE(r.regulators.empty());
    // Every category of a bundled profile has its own route.
    for (const std::string& c : r.categories) EXPECT_TRUE(s.policy().routing.count(c)) << c;
  }
}

// Baodi's weak screening words (担保 40, 商务咨询 10) reach review, not refer; a reviewed record is routed
// the same way, so that the person who looks knows whom to tell.
TEST(Routing, ReviewedRecordsAreRoutedToo) {
  const Screener& s = screener("tianjin-baodi");
  for (const Record& rec : {record("天津某某融资担保有限公司", "融资担保服务"), record("", "商务咨询；会议服务"),
                            record("天津某某商务咨询有限公司")}) {
    SCOPED_TRACE(std::string(rec.name) + " " + std::string(rec.scope));
    const Result r = s.screen(rec);
    EXPECT_EQ(r.decision, Decision::kReview) << r.explanation;
    EXPECT_LT(r.score, s.policy().thresholds.refer);
    EXPECT_GE(r.score, s.policy().thresholds.review);
    EXPECT_EQ(r.categories, affirmative_categories(r));
    EXPECT_EQ(r.regulators, expected_regulators(s.policy(), r.categories));
    EXPECT_EQ(r.regulators, (Strings{"区金融服务中心"}));
  }
}

// Literal spot checks against data/profiles/*.toml.
TEST(Routing, SpotChecksAgainstTheProfileFiles) {
  struct Spot {
    std::string profile, name;
    Strings categories, regulators;
  };
  const std::vector<Spot> spots = {
      {"national", "上海某某网络借贷信息中介有限公司", {"p2p_lending"}, {"银监会"}},
      {"shanghai", "上海某某网络借贷信息中介有限公司", {"p2p_lending"}, {"上海银监局", "市金融办"}},
      {"yancheng", "盐城某某网络借贷信息中介有限公司", {"p2p_lending"}, {"市金融办", "盐城银监局"}},
      {"ningxia", "宁夏某某股权众筹服务有限公司", {"equity_crowdfunding"}, {"宁夏证监局"}},
      {"ankang", "安康某某互联网保险科技有限公司", {"internet_insurance"}, {"安康保险业协会"}},
      {"tianjin-baodi", "天津某某网络借贷信息中介有限公司", {"p2p_lending"}, {"区工信委"}},
  };
  for (const Spot& sp : spots) {
    SCOPED_TRACE(sp.profile + " " + sp.name);
    const Result r = screener(sp.profile).screen(record(sp.name));
    EXPECT_EQ(r.decision, Decision::kRefer) << r.explanation;
    EXPECT_EQ(r.categories, sp.categories);
    Strings want = sp.regulators;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(r.regulators, want);
  }
}

// `regscreen check --profile tianjin-baodi --name 天津某某金控资本管理有限公司` through the API.
TEST(Routing, BaodiFinancialHoldingAndCapitalManagement) {
  const Screener& s = screener("tianjin-baodi");
  const std::string name = "天津某某金控资本管理有限公司";
  const Result r = s.screen(record(name));
  ASSERT_TRUE(field_hits_are(s, r, Field::kName, name, {{"金控"}, {"资本管理"}}));
  for (const Hit& h : r.hits) {
    EXPECT_EQ(h.category, h.term == "金控" ? "general_finance" : "asset_management") << h.term;
  }
  EXPECT_EQ(r.decision, Decision::kRefer) << r.explanation;
  EXPECT_EQ(r.categories, (Strings{"asset_management", "general_finance"}));
  EXPECT_EQ(r.regulators, expected_regulators(s.policy(), r.categories));
  EXPECT_EQ(r.regulators, (Strings{"区金融服务中心"}));
}

// ---------------------------------------------------------------------------------------------------------
// New registrations

TEST(NewRegistration, ShanghaiHoldsNewAndRefersExisting) {
  const Screener& s = screener("shanghai");
  ASSERT_EQ(s.policy().new_registration_decision, Decision::kHold);
  for (const Referable& rec : referable_records()) {
    if (rec.profile != "shanghai") continue;
    SCOPED_TRACE(rec.name);
    const Record existing = record(rec.name, rec.scope);
    Record fresh = existing;
    fresh.new_registration = true;
    const Result a = s.screen(existing);
    const Result b = s.screen(fresh);
    EXPECT_EQ(a.decision, Decision::kRefer) << a.explanation;
    EXPECT_EQ(b.decision, Decision::kHold) << b.explanation;
    // Same evidence and routing: only the decision differs.
    EXPECT_EQ(a.hits.size(), b.hits.size());
    EXPECT_EQ(a.score, b.score);
    EXPECT_EQ(a.regulators, b.regulators);
    EXPECT_FALSE(b.regulators.empty());
  }
  // A clear new registration stays clear.
  EXPECT_EQ(s.screen(record("上海某某五金机电有限公司", "", "", true)).decision, Decision::kClear);
}

TEST(NewRegistration, OtherProfilesReferNewRegistrations) {
  for (const Referable& rec : referable_records()) {
    if (rec.profile == "shanghai") continue;
    const Screener& s = screener(rec.profile);
    ASSERT_EQ(s.policy().new_registration_decision, Decision::kRefer) << rec.profile;
    const Result r = s.screen(record(rec.name, rec.scope, "", true));
    EXPECT_EQ(r.decision, Decision::kRefer) << rec.profile << " " << rec.name;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Clear, empty and invalid input

TEST(Screen, ClearRecord) {
  for (const std::string& profile : Screener::bundled_profiles()) {
    const Result r = screener(profile).screen(
        record("某某五金机电有限公司", "五金交电、机电设备、建筑材料销售；货物进出口", "某某五金网"));
    EXPECT_EQ(r.decision, Decision::kClear) << profile;
    EXPECT_TRUE(r.hits.empty()) << profile;
    EXPECT_EQ(r.score, 0);
    EXPECT_TRUE(r.categories.empty());
    EXPECT_TRUE(r.regulators.empty());
  }
}

TEST(Screen, EmptyRecordIsClear) {
  for (const std::string& profile : Screener::bundled_profiles()) {
    const Result r = screener(profile).screen(Record{});
    EXPECT_EQ(r.decision, Decision::kClear) << profile;
    EXPECT_EQ(r.score, 0);
    EXPECT_TRUE(r.hits.empty());
    EXPECT_TRUE(r.categories.empty());
    EXPECT_TRUE(r.regulators.empty());
    EXPECT_TRUE(r.warnings.empty());
  }
}

TEST(Screen, ReusedResultIsReset) {
  const Screener& s = screener("national");
  Result out;
  s.screen(record("上海\xff某某网络借贷信息中介有限公司", "理财"), &out);
  ASSERT_EQ(out.decision, Decision::kRefer);
  ASSERT_FALSE(out.warnings.empty());
  s.screen(Record{}, &out);
  EXPECT_EQ(json(out), json(s.screen(Record{})));
  EXPECT_TRUE(out.hits.empty());
  EXPECT_TRUE(out.warnings.empty());
  EXPECT_TRUE(out.regulators.empty());
}

TEST(Screen, InvalidUtf8GivesAWarningAndExactOffsets) {
  const Screener& s = screener("national");
  // One stray byte in the name, a truncated three-byte sequence (2 bytes) at the start of the scope.
  const std::string name = "上海\xff鑫汇理财顾问有限公司";
  const std::string scope = "\xe7\x90理财咨询；网络借贷信息中介";
  const Result r = s.screen(record(name, scope));
  EXPECT_TRUE(field_hits_are(s, r, Field::kName, name, {{"理财"}}));
  EXPECT_TRUE(field_hits_are(s, r, Field::kScope, scope, {{"理财"}, {"网络借贷"}}));
  EXPECT_EQ(hits_in(r, Field::kName).front(), Span("理财", 13, 19));
  EXPECT_EQ(hits_in(r, Field::kScope).front(), Span("理财", 2, 8));
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].rfind("name", 0), 0u) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("1 invalid"), std::string::npos) << r.warnings[0];
  EXPECT_EQ(r.warnings[1].rfind("scope", 0), 0u) << r.warnings[1];
  EXPECT_NE(r.warnings[1].find("2 invalid"), std::string::npos) << r.warnings[1];
  // The invalid bytes are part of no hit; hit text stays the original bytes.
  for (const Hit& h : r.hits) EXPECT_EQ(h.text.find('\xff'), std::string::npos);
  // Valid text gives no warning.
  EXPECT_TRUE(s.screen(record("上海鑫汇理财顾问有限公司")).warnings.empty());
}

TEST(Screen, InvalidUtf8InWebsite) {
  const Screener& s = screener("national");
  const std::string website = "某某\xc0\xaf理財网";  // an overlong '/' is two invalid bytes
  const Result r = s.screen(record("", "", website));
  EXPECT_TRUE(field_hits_are(s, r, Field::kWebsite, website, {{"理财", "理財"}}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].rfind("website", 0), 0u) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("2 invalid"), std::string::npos) << r.warnings[0];
}

// ---------------------------------------------------------------------------------------------------------
// Threads

TEST(Screen, FourThreadsShareOneScreener) {
  for (const char* profile : {"national", "tianjin-baodi"}) {
    const Screener& s = screener(profile);
    std::vector<std::string> names, scopes;
    for (const Referable& rec : referable_records()) {
      names.push_back(rec.name);
      scopes.push_back(rec.scope);
    }
    for (const char* n : {"某某五金机电有限公司", "上海\xff理·財顾问有限公司", "天津某某基金控股有限公司", ""}) names.push_back(n);
    for (const char* sc : {"五金交电销售", "不得从事金融业务；理财咨询", "商务咨询；二手车交易", ""}) scopes.push_back(sc);
    std::vector<Record> records;
    for (size_t i = 0; i < names.size(); ++i) {
      for (size_t j = 0; j < scopes.size(); j += 3) {
        records.push_back(record(names[i], scopes[(i + j) % scopes.size()], j % 2 ? std::string_view(names[j % names.size()]) : std::string_view(),
                                 (i + j) % 4 == 0));
      }
    }
    std::vector<std::string> baseline;
    for (const Record& r : records) baseline.push_back(json(s.screen(r)));

    constexpr int kThreads = 4;
    constexpr int kRounds = 50;
    std::vector<int> mismatches(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Result reused;
        for (int round = 0; round < kRounds; ++round) {
          for (size_t k = 0; k < records.size(); ++k) {
            const size_t i = (k + t * 7 + round) % records.size();  // each thread in its own order
            if (round % 2) {
              s.screen(records[i], &reused);
              if (json(reused) != baseline[i]) ++mismatches[t];
            } else if (json(s.screen(records[i])) != baseline[i]) {
              ++mismatches[t];
            }
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << profile << " thread " << t;
  }
}

}  // namespace
}  // namespace regscreen
