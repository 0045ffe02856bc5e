// Name structure: region + trade name + industry + legal form, branch units, and the straddle signal.
// The names are invented for this test.
#include <gtest/gtest.h>

#include <string>

#include "context/code_points.h"
#include "context/context_rules.h"
#include "context/name_structure.h"
#include "normalize/normalizer.h"

namespace regscreen::context {
namespace {

const ContextRules& rules() {
  static const auto r = ContextRules::load(REGSCREEN_SOURCE_DIR "/data/context.toml");
  return *r;
}

struct Parsed {
  CodePoints text;
  NameParse parse;
};

Parsed parse(const std::string& name) {
  Parsed p;
  p.text.assign(Normalizer::instance().normalize(name));
  NameParser(rules().name).parse(p.text, &p.parse);
  return p;
}

std::string describe(const std::string& name) {
  Parsed p = parse(name);
  return p.parse.describe(p.text);
}

// The part of the first occurrence of `term`, and whether it straddles parts.
std::pair<NamePart, bool> part(const std::string& name, const std::string& term) {
  Parsed p = parse(name);
  const size_t at = p.text.cps.find(to_u32(term));
  EXPECT_NE(at, std::u32string::npos) << term << " not in " << name;
  bool straddles = false;
  const NamePart np =
      NameParser(rules().name).locate(p.text, p.parse, at, at + to_u32(term).size(), &straddles, nullptr);
  return {np, straddles};
}

TEST(NameStructure, RegionTradeIndustryForm) {
  EXPECT_EQ(describe("北京恒远投资管理有限公司"), "region:北京 trade:恒远 industry:投资管理 legal_form:有限公司");
  EXPECT_EQ(describe("江门市瑞丰物业投资管理有限公司"),
            "region:江门市 trade:瑞丰 industry:物业投资管理 legal_form:有限公司");
  EXPECT_EQ(describe("广东省深圳市宝安区恒通金融信息咨询服务有限公司"),
            "region:广东省 region:深圳市 region:宝安区 trade:恒通 industry:金融信息咨询服务 legal_form:有限公司");
}

TEST(NameStructure, RegionsInBracketsAndBeforeTheForm) {
  EXPECT_EQ(describe("华远（上海）资产管理有限公司"),
            "trade:华远 region:(上海) industry:资产管理 legal_form:有限公司");
  EXPECT_EQ(describe("环亚金融中国有限公司"), "trade:环亚 industry:金融 region:中国 legal_form:有限公司");
}

TEST(NameStructure, SuffixCharactersInsideOrdinaryWordsAreNoRegion) {
  // 市 in 集贸市场 is no city; 万州 + 区 is one region token.
  EXPECT_EQ(describe("上海锦华集贸市场经营管理有限公司"),
            "region:上海 trade:锦华集贸 industry:市场经营管理 legal_form:有限公司");
  EXPECT_EQ(describe("重庆市万州区恒信投资有限公司"),
            "region:重庆市 region:万州区 trade:恒信 industry:投资 legal_form:有限公司");
}

TEST(NameStructure, BranchUnitsFollowTheParent) {
  EXPECT_EQ(describe("恒丰银行股份有限公司北京金融街支行"),
            "trade:恒丰 industry:银行 legal_form:股份有限公司 | region:北京 trade:金融街 legal_form:支行");
  EXPECT_EQ(describe("平和人寿保险股份有限公司安庆中心支公司太湖营销服务部"),
            "trade:平和人寿 industry:保险 legal_form:股份有限公司 | trade:安庆 legal_form:中心支公司 | "
            "trade:太湖 legal_form:营销服务部");
}

TEST(NameStructure, FinalFormsOnlyAtTheEnd) {
  // 所 ends 交易所 here, not a unit: the form is 有限公司.
  EXPECT_EQ(describe("华东煤炭交易所有限公司"), "trade:华东煤炭 industry:交易所 legal_form:有限公司");
  EXPECT_EQ(describe("宁海县兆宇五金配件厂"), "region:宁海县 trade:兆宇 industry:五金配件 legal_form:厂");
}

TEST(NameStructure, TermInIndustryVersusTradeName) {
  EXPECT_EQ(part("上海大禾农业金融科技股份有限公司", "金融"), std::make_pair(NamePart::kIndustry, false));
  EXPECT_EQ(part("沈阳金融大厦服务有限公司", "金融"), std::make_pair(NamePart::kTradeName, false));
}

TEST(NameStructure, TermStraddlingTradeNameAndIndustryIsNotTheWord) {
  // 鸿基 + 金属材料: the 基金 spans the trade name and the industry.
  EXPECT_EQ(describe("宁波鸿基金属材料有限公司"), "region:宁波 trade:鸿基 industry:金属材料 legal_form:有限公司");
  EXPECT_TRUE(part("宁波鸿基金属材料有限公司", "基金").second);
  // 华金 + 融资租赁: no 金融 there.
  EXPECT_TRUE(part("天津华金融资租赁有限公司", "金融").second);
  // A real 金融 next to a trade name ending in 基 is still 金融.
  EXPECT_EQ(part("上海恒基金融服务有限公司", "金融"), std::make_pair(NamePart::kIndustry, false));
  EXPECT_TRUE(part("上海恒基金融服务有限公司", "基金").second);
}

TEST(NameStructure, GreedySplitThroughATermIsNoStraddle) {
  // The industry read backwards is 众筹平台 | 股权 is left in the trade name; but 股权众筹 + 平台 reads as
  // industry words too, so the term is the industry's.
  Parsed p = parse("深圳恒远股权众筹平台有限公司");
  const std::u32string term = U"股权众筹";
  const size_t at = p.text.cps.find(term);
  bool straddles = true;
  EXPECT_EQ(NameParser(rules().name).locate(p.text, p.parse, at, at + term.size(), &straddles, nullptr),
            NamePart::kIndustry);
  EXPECT_FALSE(straddles);
}

}  // namespace
}  // namespace regscreen::context
