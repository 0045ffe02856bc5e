// Exemptions: the user-supplied licensed-institution list (format, errors, matching) and evident licensed
// institutions presumed from name and scope, on the national profile. Records are invented.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "context/licensed.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"
#include "test_support.h"

namespace regscreen {
namespace {

using test::national;
using test::record;
using test::TempDir;

namespace fs = std::filesystem;

ScreenerOptions options() { return test::source_data_options(); }

// --- The list file --------------------------------------------------------------------------------------

TEST(LicensedList, ReadsCodesAndNamesWithCommentsQuotesAndBom) {
  const auto list = context::LicensedList::parse(
      "\xEF\xBB\xBF# licensed institutions, exported 2024-01\n"
      "credit_code,name,note\n"
      "91110000MA00ABCD1X,某某村镇银行股份有限公司,bank\n"
      ",\"某某财产保险股份有限公司（某某分公司）\",insurer\n"
      "\n"
      "91330100mA2B3C4D5E,,lower-case code\r\n",
      "list.csv");
  EXPECT_EQ(list.size(), 3u);
  const auto* e = list.find("91110000MA00ABCD1X", "");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->line, 3);
  // Codes match case-insensitively and ignore surrounding blanks.
  ASSERT_NE(list.find(" 91330100MA2B3C4D5E ", ""), nullptr);
  EXPECT_EQ(list.find(" 91330100MA2B3C4D5E ", "")->line, 6);
  // Names match after normalization: half-width brackets, Traditional characters.
  ASSERT_NE(list.find("", "某某財產保險股份有限公司(某某分公司)"), nullptr);
  EXPECT_EQ(list.find("", "某某財產保險股份有限公司(某某分公司)")->line, 4);
  EXPECT_EQ(list.find("91110000MA00ABCD19", "某某财产保险股份有限公司"), nullptr);
}

TEST(LicensedList, ChineseHeaderNamesAreAccepted) {
  const auto list = context::LicensedList::parse("企业名称,统一社会信用代码\n某某信托有限公司,91310000MA1FL0XX0Y\n", "x.csv");
  EXPECT_NE(list.find("91310000MA1FL0XX0Y", ""), nullptr);
  EXPECT_NE(list.find("", "某某信托有限公司"), nullptr);
}

TEST(LicensedList, MalformedFilesGiveFileAndLine) {
  auto error_of = [](const std::string& csv) {
    try {
      context::LicensedList::parse(csv, "bad.csv");
    } catch (const PolicyError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("code,company\n1,2\n").rfind("bad.csv:1:", 0), 0u) << error_of("code,company\n");
  EXPECT_EQ(error_of("credit_code,name\n,\n").rfind("bad.csv:2:", 0), 0u);
  EXPECT_EQ(error_of("credit_code,name\n91-110000,某某银行\n").rfind("bad.csv:2:", 0), 0u);
  EXPECT_EQ(error_of("credit_code,name\n\"9111,某某银行\n").rfind("bad.csv:2:", 0), 0u) << error_of("credit_code,name\n\"9111,某某银行\n");
  EXPECT_EQ(error_of("# only a comment\n"), "bad.csv: no header line");
}

TEST(LicensedList, ListedInstitutionIsExemptInTheScreener) {
  TempDir dir;
  ScreenerOptions o = options();
  o.licensed_list = dir.write("licensed.csv", "credit_code,name\n91440300MA5ABCDE1F,\n,恒信消费服务有限公司\n");
  const Screener s = Screener::from_profile("national", o);
  const Record by_code = record("恒信资产管理有限公司", "", "91440300ma5abcde1f");
  const Result r = s.screen(by_code);
  EXPECT_EQ(r.decision, Decision::kExempt);
  EXPECT_NE(r.explanation.find("listed licensed institution"), std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("licensed.csv:2"), std::string::npos) << r.explanation;
  const Result by_name = s.screen(record("恒信消费服务有限公司", "消费金融业务"));
  EXPECT_EQ(by_name.decision, Decision::kExempt);
  // The same records without the list are referred.
  EXPECT_EQ(national().screen(by_code).decision, Decision::kRefer);
}

TEST(LicensedList, MissingFileIsAPolicyError) {
  ScreenerOptions o = options();
  o.licensed_list = "/nonexistent/licensed.csv";
  EXPECT_THROW(Screener::from_profile("national", o), PolicyError);
}

// --- Presumed licensed ------------------------------------------------------------------------------------

Decision decide(const std::string& name, const std::string& scope) {
  return national().screen(record(name, scope)).decision;
}

TEST(PresumedLicensed, BanksInsurersSecuritiesFutures) {
  EXPECT_EQ(decide("恒丰银行股份有限公司杭州城西支行", "吸收公众存款；发放贷款；代理发行金融债券；代理销售基金"),
            Decision::kExempt);
  EXPECT_EQ(decide("某县农村信用合作联社城关信用社", "办理存款、贷款；代理金融机构委托的业务"), Decision::kExempt);
  EXPECT_EQ(decide("平和人寿保险股份有限公司某某中心支公司", "人身保险；证券投资基金销售业务"), Decision::kExempt);
  EXPECT_EQ(decide("恒远证券股份有限公司某某路证券营业部", "证券经纪；证券投资基金代销；代销金融产品"),
            Decision::kExempt);
  EXPECT_EQ(decide("恒远期货有限公司某某营业部", "商品期货经纪；金融期货经纪"), Decision::kExempt);
  EXPECT_EQ(decide("中国华融资产管理股份有限公司某某分公司", "收购、受托经营金融机构不良资产"), Decision::kExempt);
  EXPECT_EQ(decide("某国银行（中国）有限公司", "吸收公众存款；代理发行金融债券"), Decision::kExempt);
  EXPECT_EQ(decide("某某农业相互保险公司", "农业保险；经保险监督管理机构批准的其他金融业务"), Decision::kExempt);
  const Result r = national().screen(record("恒丰银行股份有限公司杭州城西支行", "代理发行金融债券"));
  EXPECT_NE(r.explanation.find("presumed licensed: bank"), std::string::npos) << r.explanation;
}

TEST(PresumedLicensed, OnlyAnAffirmativeHitIsExempt) {
  // A bank branch whose only hit is the place name of its location: no restricted term is used, so there
  // is nothing to exempt: clear, like any enterprise.
  const Result place = national().screen(record("恒丰银行股份有限公司北京金融街支行", "吸收公众存款；发放短期、中期和长期贷款"));
  ASSERT_EQ(place.hits.size(), 1u);
  EXPECT_EQ(place.hits[0].status, HitStatus::kNotTheWord);
  EXPECT_EQ(place.decision, Decision::kClear);
  // A listed institution whose hits are all inside a disclaimer is clear too.
  TempDir dir;
  ScreenerOptions o = options();
  o.licensed_list = dir.write("licensed.csv", "credit_code,name\n,恒信消费服务有限公司\n");
  const Screener s = Screener::from_profile("national", o);
  const Result negated = s.screen(record("恒信消费服务有限公司", "日用百货销售（不得从事非法集资、吸收公众资金等金融活动）"));
  ASSERT_EQ(negated.hits.size(), 1u);
  EXPECT_EQ(negated.hits[0].status, HitStatus::kNegated);
  EXPECT_EQ(negated.decision, Decision::kClear);
  // The same institution using a term is exempt.
  EXPECT_EQ(s.screen(record("恒信消费服务有限公司", "消费金融业务")).decision, Decision::kExempt);
  // The same branch with a term in its scope is exempt.
  EXPECT_EQ(decide("恒丰银行股份有限公司北京金融街支行", "吸收公众存款；代理发行金融债券"), Decision::kExempt);
}

TEST(PresumedLicensed, LicenceInAScopeWithoutCandidatesIsFound) {
  // The name has the hit, the scope none: the exemption check reads the scope itself (its licence text),
  // and a scope without any licence text is passed over without being normalized.
  EXPECT_EQ(decide("某某理财服务有限公司", "吸收公众存款（凭金融许可证经营）"), Decision::kExempt);
  EXPECT_EQ(decide("某某理财服务有限公司", "吸收公眾存款（憑金融許可證經營）"), Decision::kExempt);
  EXPECT_EQ(decide("某某理财服务有限公司", "企业管理咨询；会议服务"), Decision::kRefer);
  // A licence named inside a prohibition is no licence, in a scope without candidates as well.
  EXPECT_EQ(decide("某某理财服务有限公司", "企业管理咨询（未取得金融许可证不得开展相关业务）"), Decision::kRefer);
}

TEST(PresumedLicensed, ChinaPostNeedsAgencyFinancialBusiness) {
  EXPECT_EQ(decide("中国邮政集团有限公司某某县分公司", "邮政基本业务；邮政金融业务；代理保险业务"), Decision::kExempt);
  EXPECT_EQ(decide("某某县邮政局", "邮政储蓄业务；代理保险；金融知识宣传"), Decision::kExempt);
  // A post unit whose scope names no agency financial business is not presumed licensed.
  EXPECT_EQ(decide("中国邮政集团有限公司某某县分公司", "报刊发行；金融知识宣传"), Decision::kRefer);
}

TEST(PresumedLicensed, ScopeCitingALicence) {
  EXPECT_EQ(decide("恒远基金管理有限公司", "基金募集；基金销售；资产管理；中国证监会许可的其他业务"), Decision::kExempt);
  EXPECT_EQ(decide("某某金融服务有限公司", "金融服务（凭金融许可证经营）"), Decision::kExempt);
  // A licence named inside a prohibition is no licence.
  EXPECT_EQ(decide("某某金融服务有限公司", "金融信息服务（未取得金融许可证不得从事金融业务）"), Decision::kRefer);
  // An insurance agency licence held by a car dealer does not make it a financial institution.
  EXPECT_EQ(decide("某某汽车销售有限公司", "机动车保险代理（凭保险兼业代理业务许可证经营）；金融信息咨询"),
            Decision::kRefer);
}

TEST(PresumedLicensed, LookalikeNamesAreNotPresumed) {
  EXPECT_EQ(decide("某某爱情银行婚介服务有限公司", "婚姻介绍；理财咨询"), Decision::kRefer);
  EXPECT_EQ(decide("某某保险柜制造有限公司", "保险柜制造；金融设备销售"), Decision::kReview);
  EXPECT_EQ(decide("某某信托寄卖有限公司", "寄卖服务；理财咨询"), Decision::kRefer);
  EXPECT_EQ(decide("某某证券印制有限公司", "证券印制；金融票据印刷"), Decision::kRefer);
}

TEST(PresumedLicensed, ProfileCanTurnPresumptionOff) {
  TempDir dir;
  const fs::path profile = dir.write("strict.toml",
                                     "id = \"strict\"\n"
                                     "title = \"presumption off\"\n"
                                     "extends = \"national\"\n"
                                     "presume_licensed = false\n");
  const Screener strict = Screener::from_profile(profile.string(), options());
  ASSERT_FALSE(strict.policy().presume_licensed);
  const Record bank = record("恒丰银行股份有限公司杭州城西支行", "代理发行金融债券");
  EXPECT_EQ(national().screen(bank).decision, Decision::kExempt);
  EXPECT_EQ(strict.screen(bank).decision, Decision::kRefer);
}

}  // namespace
}  // namespace regscreen
