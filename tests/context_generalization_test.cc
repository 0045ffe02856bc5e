// Generalization: records written for this test (invented enterprises, standard registry wording) that
// show phenomena of real registry text (../shared/notes/registry-text-facts.md) beyond the unit tests'
// sentences: other provinces' disclaimer wordings, the post-2021 standardized scope items, lookalikes and
// licensed institutions. Each is screened end to end with the national profile (a few with Tianjin-Baodi)
// and must get the decision a careful reader would give it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {
namespace {

struct Case {
  const char* what;  // the phenomenon, and the facts section it comes from
  const char* name;
  const char* scope;
  Decision expected;
};

const Screener& screener(const char* profile) {
  static const Screener national = [] {
    ScreenerOptions o;
    o.policy_dir = REGSCREEN_SOURCE_DIR "/data";
    return Screener::from_profile("national", o);
  }();
  static const Screener baodi = [] {
    ScreenerOptions o;
    o.policy_dir = REGSCREEN_SOURCE_DIR "/data";
    return Screener::from_profile("tianjin-baodi", o);
  }();
  return std::string_view(profile) == "national" ? national : baodi;
}

std::string describe(const Result& r) {
  std::string s = std::string(to_string(r.decision)) + " score " + std::to_string(r.score) + " (" + r.explanation + ")";
  for (const Hit& h : r.hits) {
    s += "\n    " + h.term + " [" + std::string(to_string(h.field)) + "] " + std::string(to_string(h.status)) + ": " +
         h.reason;
  }
  return s;
}

void check(const char* profile, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    Record rec;
    rec.name = c.name;
    rec.scope = c.scope;
    const Result r = screener(profile).screen(rec);
    EXPECT_EQ(to_string(r.decision), to_string(c.expected)) << c.what << "\n  " << c.name << " / " << c.scope << "\n  got " << describe(r);
  }
}

TEST(Generalization, DisclaimerWordingsOfOtherProvinces) {
  check("national", {
      {"Hunan: 国家金融监管及财政信用业务 (§3.1)", "长沙某某商贸有限公司",
       "日用百货销售；以自有资产进行投资（不得从事吸收存款、集资收款、受托贷款、发放贷款等国家金融监管及财政信用业务）",
       Decision::kClear},
      {"Shandong: 不得经营金融、证券、期货、理财… (§3.1)", "济南某某信息技术有限公司",
       "计算机软硬件开发；企业管理咨询（不得经营金融、证券、期货、理财、集资、融资等相关业务）", Decision::kClear},
      {"Guangdong: 不含…及其他金融业务 (§3.1)", "佛山市某某贸易有限公司",
       "商务信息咨询（不含吸收存款、发放贷款、证券、期货及其他金融业务）；货物进出口", Decision::kClear},
      {"Jilin: 证券、期货、信托投资、金融等信息咨询业务…严禁非法集资 (§3.1)", "长春某某企业管理有限公司",
       "企业管理咨询；不得从事证券、期货、信托投资、金融等信息咨询业务；不得从事吸收存款、发放贷款、受托发放贷款、"
       "代客理财、融资担保等金融服务业务，严禁非法集资",
       Decision::kClear},
      {"Chongqing: 吸收公众存款或变相吸收公众存款…等金融业务 (§3.1)", "重庆某某实业有限公司",
       "建筑材料销售（不得从事吸收公众存款或变相吸收公众存款、发放贷款以及证券、期货等金融业务）", Decision::kClear},
      {"Hubei: one prohibition per clause, 金融理财产品 (§3.1)", "武汉某某投资咨询有限公司",
       "投资咨询（不得从事非法集资，不得从事证券类产品和金融理财产品，不得发放贷款，不得开展融资担保业务）",
       Decision::kClear},
      {"Shaanxi: 仅限自有资金投资，不得代客理财 (§3.1)", "西安某某商贸有限公司",
       "五金交电销售；仅限自有资金投资，不得代客理财，不得吸收公众存款", Decision::kClear},
      {"Hunan: 受托资产管理等金融业务 in a 限…对外投资 item (§3.1)", "株洲某某实业有限公司",
       "限以自有合法资金（资产）对外投资，不得从事股权投资、债权投资、短期财务性投资及面对特定对象开展受托资产管理等"
       "金融业务",
       Decision::kClear},
      {"Shanghai: 不得从事增值电信，金融业务 across a comma (§3.1)", "上海某某网络科技有限公司",
       "电子商务（不得从事增值电信，金融业务）；计算机软件开发", Decision::kClear},
      {"Shanghai: the same at the top level", "上海某某电子商务有限公司",
       "电子商务，不得从事增值电信，金融业务，计算机软件开发", Decision::kClear},
      {"Beijing: numbered prohibitions wrapped around real investment items (§3.1)", "北京某某投资管理有限公司",
       "项目投资、投资管理、投资咨询（1、不得以公开方式募集资金；2、不得公开交易证券类产品和金融衍生品；3、不得发放"
       "贷款；4、不得向所投资企业以外的其他企业提供担保；5、不得向投资者承诺投资本金不受损失或者承诺最低收益）",
       Decision::kRefer},
      {"short qualifier 除金融租赁 (§3.1)", "某某机械设备租赁有限公司", "工程机械设备租赁（除金融租赁）；二手设备销售",
       Decision::kClear},
      {"short qualifier 不含金融、证券、期货咨询 (§3.1)", "某某商务信息咨询有限公司",
       "商务信息咨询（不含金融、证券、期货咨询）；会议及展览服务", Decision::kClear},
      {"non-financial investment 非金融性项目投资 (§3.1)", "某某实业有限公司", "非金融性项目投资；房地产开发经营",
       Decision::kClear},
      {"an exclusion bracket after a real item does not cover it (【…除外】, §3.2)", "某某信息服务有限公司",
       "金融信息服务【经营范围中未取得专项许可的项目除外】", Decision::kRefer},
      {"an unclosed prohibition followed by a business item", "某某房地产开发有限公司",
       "房地产开发经营，不得从事非法集资，资产管理，物业管理", Decision::kRefer},
  });
}

TEST(Generalization, StandardizedScopeItemsSince2021) {
  check("national", {
      {"以自有资金从事投资活动 names no restricted term (§3.3)", "某某控股有限公司",
       "一般项目：以自有资金从事投资活动；企业管理咨询（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
       Decision::kClear},
      {"以私募基金从事股权投资、投资管理、资产管理等活动 (§3.3)", "某某私募基金管理有限公司",
       "一般项目：以私募基金从事股权投资、投资管理、资产管理等活动（须在中国证券投资基金业协会完成登记备案后方可从事"
       "经营活动）（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
       Decision::kRefer},
      {"私募证券投资基金管理服务 with the registration condition (§3.3)", "某某投资有限公司",
       "私募证券投资基金管理服务（须在中国证券投资基金业协会完成登记备案登记后方可从事经营活动）", Decision::kRefer},
      {"自有资金投资的资产管理服务 (§3.3)", "某某科技有限公司", "软件开发；自有资金投资的资产管理服务",
       Decision::kRefer},
      {"投资与资产管理（限金融机构…） reserved for financial institutions (§1)", "某某商贸有限公司",
       "投资与资产管理（限金融机构、从事金融活动的企业）", Decision::kRefer},
      {"接受金融机构委托…外包服务（不含金融信息服务）: serving banks is incidental (§3.3, §4.1)",
       "某某数据服务有限公司", "接受金融机构委托从事信息技术和流程外包服务（不含金融信息服务）；数据处理和存储支持服务",
       Decision::kReview},
      {"接受金融机构委托从事金融服务外包业务 by a security company (§4.1)", "某某保安服务有限公司",
       "门卫、巡逻、守护；接受金融机构委托从事金融服务外包业务", Decision::kReview},
      {"融资咨询服务、票据信息咨询服务、非融资担保服务 carry no national term (§3.3)", "某某企业服务有限公司",
       "融资咨询服务；票据信息咨询服务；非融资担保服务；信息咨询服务（不含许可类信息咨询服务）", Decision::kClear},
      {"公募基金管理业务 without a licence (§1)", "某某资本有限公司", "许可项目：公募基金管理业务", Decision::kRefer},
      {"Shanghai closer with a full stop inside the bracket (§3.3)", "上海某某投资管理有限公司",
       "投资管理，资产管理。（依法须经批准的项目，经相关部门批准后方可开展经营活动）（不得从事国家和本市产业政策禁止和"
       "限制类项目的经营活动。）",
       Decision::kRefer},
  });
}

TEST(Generalization, LookalikesAndIncidentalUses) {
  check("national", {
      {"building name taken by a property manager (§4.1)", "某某国际金融大厦物业管理有限公司", "物业管理；停车场服务",
       Decision::kReview},
      {"legacy real-estate exchange (§4.1)", "某某市房地产交易所有限公司", "房屋买卖、租赁居间；房地产信息咨询",
       Decision::kReview},
      {"livestock market of a food company (§4.1)", "某某市食品肉类有限公司某某苗猪交易中心", "生猪、苗猪交易服务",
       Decision::kReview},
      {"used-car market in the name and scope (§4.1)", "某某二手车交易中心有限公司", "二手车经纪；市场设施租赁；市场管理服务",
       Decision::kReview},
      {"a commodity exchange is still a trading venue (§4.1)", "某某煤炭交易所有限公司", "煤炭交易信息服务；煤炭销售",
       Decision::kRefer},
      {"KFC restaurant: 肯德基 + 金 (§4.1)", "某某餐饮有限公司某某肯德基金街餐厅", "中式快餐；饮料及冷饮服务",
       Decision::kClear},
      {"place name 富拉尔基 + 金石 (§4.1)", "某某市富拉尔基金石水泥制品有限责任公司", "水泥制品制造、销售",
       Decision::kClear},
      {"metal products: 基 + 金属 (§4.1)", "某某市某基金属材料有限公司", "金属材料、五金销售", Decision::kClear},
      {"bookkeeping software named 理财电算化 (§4.1)", "某某理财电算化技术有限责任公司", "会计软件开发；会计咨询",
       Decision::kReview},
      {"payment terminals (§4.1)", "某某电子支付设备（北京）有限公司", "电子支付设备的研发、生产、销售",
       Decision::kReview},
      {"magazine publisher (§4.1)", "某某《理财周刊》传媒有限公司", "期刊出版；广告设计、代理", Decision::kReview},
      {"foundation office (§4.1)", "某国某某扶贫基金会某某代表处", "联络和调研", Decision::kReview},
      {"ATM and cash-counter maker (§4.1)", "某某金融电子股份有限公司", "金融电子设备、自助设备的研发、制造、销售",
       Decision::kReview},
      {"cash-in-transit security (§4.1)", "某某市金融押运保安服务有限公司", "武装守护押运；金融押运", Decision::kReview},
      {"game currency and single-purpose cards carry no national term (§4.1)", "某某网络科技有限公司",
       "利用信息网络经营游戏产品（含网络游戏虚拟货币发行）；代理销售单用途商业预付卡", Decision::kClear},
      {"safes and fuses: 保险 alone is no national term (§4.1)", "某某保险柜制造有限公司", "保险柜、保险箱、保险丝制造",
       Decision::kClear},
      {"资金融通 is 资金 + 融通 (§4.1)", "某某供应链管理有限公司", "供应链管理；为企业提供资金融通信息咨询",
       Decision::kClear},
  });
}

TEST(Generalization, LicensedInstitutions) {
  check("national", {
      {"rural commercial bank branch (§4.2)", "某某农村商业银行股份有限公司某某支行",
       "吸收公众存款；发放短期、中期和长期贷款；办理国内外结算；代理发行、代理兑付、承销政府债券；买卖政府债券、"
       "金融债券",
       Decision::kExempt},
      {"postal savings bank branch (§4.2)", "中国邮政储蓄银行股份有限公司某某县支行",
       "吸收公众存款；代理发行金融债券；代理收付款项及代理保险业务（凭金融许可证经营）", Decision::kExempt},
      {"foreign bank representative office (§4.2)", "某国某某银行有限公司北京代表处",
       "从事与该行金融业务有关的联络、咨询等非经营性活动", Decision::kExempt},
      {"licensed fund manager citing the regulator (§3.2)", "某某基金管理有限公司",
       "公募基金管理业务；基金销售；特定客户资产管理（凭中国证监会许可经营）", Decision::kExempt},
      {"fund distributor (§4.2)", "某某基金销售有限公司", "基金销售（凭中国证监会许可经营）", Decision::kExempt},
      {"financial leasing company (§4.2)", "某某金融租赁股份有限公司",
       "融资租赁业务；转让和受让融资租赁资产；经银监会批准的其他业务", Decision::kExempt},
      {"group finance company (§4.2)", "某某集团财务有限公司",
       "吸收成员单位的存款；对成员单位办理贷款及融资租赁；经中国银行业监督管理委员会批准的其他金融业务",
       Decision::kExempt},
      {"payment institution citing its licence (§4.2)", "某某支付有限公司",
       "互联网支付；移动电话支付；预付卡发行与受理（凭支付业务许可证经营）", Decision::kExempt},
      {"investment bank without a marker in its name, licence in the scope (§4.2)", "某某国际金融股份有限公司",
       "证券经纪；证券投资咨询；证券承销与保荐；证券资产管理（凭经营证券期货业务许可证经营）", Decision::kExempt},
      {"legacy trust investment company office (§4.2)", "某某国际信托投资公司驻深圳证券代表处",
       "联络、了解金融证券市场信息", Decision::kExempt},
      {"China Post city branch doing agency financial business (§4.2)", "中国邮政集团有限公司某某市分公司",
       "邮政基本服务；邮政金融业务；代理保险业务；代销基金业务", Decision::kExempt},
      {"insurer's sales department (§4.2)", "某某人寿保险股份有限公司某某中心支公司某某营销服务部",
       "在所属中心支公司的授权范围内从事人身保险业务；代理销售基金", Decision::kExempt},
      {"car dealer holding only an agency licence is not licensed (§3.2)", "某某汽车销售服务有限公司",
       "汽车销售；机动车保险代理（具体经营项目以保险监督管理委员会核发的《保险兼业代理业务许可证》为准）；"
       "汽车金融信息咨询",
       Decision::kRefer},
      {"a bank branch at a financial district, nothing else: clear (no term is used)",
       "某某银行股份有限公司某某金融城支行", "吸收公众存款；发放贷款；办理国内外结算", Decision::kClear},
  });
}

TEST(Generalization, BaodiWords) {
  check("tianjin-baodi", {
      {"众筹 as part of a trade name (§4.1)", "天津市众筹人家餐饮管理有限公司", "餐饮管理；预包装食品销售",
       Decision::kReview},
      {"众筹 as the industry", "天津某某股权众筹平台有限公司", "股权众筹信息服务", Decision::kRefer},
      // The lexicon weighs 担保 at 40 (common in ordinary business): a guarantee company is worth a look.
      {"a guarantee company goes to review in Baodi", "天津某某融资担保有限公司", "贷款担保；票据承兑担保",
       Decision::kReview},
      {"a prohibition of guarantees is no guarantee business", "天津某某商贸有限公司",
       "日用百货销售（不得从事融资担保、代客理财等金融业务）", Decision::kClear},
  });
}

}  // namespace
}  // namespace regscreen
