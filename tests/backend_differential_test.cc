// Backend differential test: the Hyperscan and Aho-Corasick screeners of every bundled profile must give
// identical Results (every hit with its offsets, status, name part, weight and reason; score, decision,
// categories, regulators, explanation, warnings) on random text and on synthetic realistic records.
//
// Random text mixes CJK characters, whole terms and fragments of terms, Traditional forms, separators the
// normalizer removes, punctuation it keeps, full-width and lower-case ASCII, compatibility and enclosed
// ideographs, negation cues and lookalike words, and invalid UTF-8. Realistic records are built from
// region + trade name + industry + legal form and scope items with disclaimers. Seeds are fixed, so a
// failure reproduces; the failing record is printed in full.
//
// The test also checks that its inputs exercise what it compares (every term of every profile is hit,
// every hit status and every decision occurs), so that agreement is not agreement on nothing.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/normalizer.h"
#include "regscreen/json.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {
namespace {

using Pool = std::vector<std::string>;

const Pool kCjk = {"有", "限", "公", "司", "科", "技", "信", "息", "服", "务", "咨", "询", "管", "理", "上", "海",
                   "北", "京", "天", "津", "深", "圳", "市", "区", "网", "络", "电", "子", "商", "贸", "易", "销",
                   "售", "开", "发", "设", "计", "工", "程", "建", "筑", "材", "料", "五", "金", "机", "食", "品",
                   "农", "产", "文", "化", "传", "媒", "广", "告", "教", "育", "培", "训", "物", "流", "运", "输",
                   "仓", "储", "餐", "饮", "酒", "店", "房", "地", "中", "介", "代", "租", "赁", "医", "疗", "器",
                   "械", "健", "康", "养", "老", "环", "保", "能", "源", "新", "融", "资", "财", "基", "投", "交",
                   "所", "心", "支", "付", "贷", "借", "股", "权", "众", "筹", "互", "联", "险", "担", "控", "本"};

const Pool kTermPieces = {"交易所", "交易中心", "金融", "资产管理", "理财", "基金", "基金管理", "投资管理",
                          "财富管理", "股权投资基金", "网贷", "网络借贷", "P2P", "股权众筹", "互联网保险", "支付",
                          "私募股权众筹", "众筹", "担保", "金控", "交易", "资本管理", "商务咨询",
                          // fragments
                          "交易", "中心", "资产", "管理", "投资", "财富", "股权", "网络", "借贷", "众", "筹", "互联网",
                          "保险", "资本", "商务", "咨询", "P", "2P", "P2", "私募", "金", "融", "基", "理", "财"};

const Pool kTraditional = {"理財", "網貸", "資產", "網絡", "借貸", "財富", "股權", "眾籌", "衆籌", "互聯網", "保險",
                           "擔保", "資本", "商務", "投資", "諮詢", "咨詢", "網", "貸", "財", "資", "產", "權", "眾",
                           "聯", "險", "擔", "務", "臺", "號", "業", "會", "國", "際"};

const Pool kJoiners = {" ",  "\u3000", "·",      "・",     "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\t",
                       "\n", "-",      "_",      "*",      "~",      "～",     "\u0301", "\u20dd", "\ufe00", "\u00a0",
                       "‧",  "\u2060", "\u202e", "\u3164", "＿",     "－"};

const Pool kKept = {"、", "，", "；", "。", "：", "（", "）", "【", "】", "/", ",", ";", "—", "–", "•", "《", "》", "…"};

const Pool kAscii = {"P", "p", "2", "Ｐ", "２", "ｐ", "A", "B", "C", "x", "y", "z", "0", "1", "9", "²", "②", "𝐏"};

const Pool kCompat = {"\uF90A", "\u2FA6", "\u2F40", "\u2F79", "\u2F3C", "\uF9E4", "\uF9E0", "\uF997", "㊎", "㊖",
                      "㊮",     "🈘",     "🈧",     "㊥",     "㏋",     "㏗",     "🄿"};

const Pool kContext = {"不得",     "不含",     "除外",     "未经批准", "不从事",       "不包括",   "严禁",
                       "金融街",   "肯德基",   "鸿基金属", "基金会",   "支付设备",     "二手车交易中心",
                       "银行",     "支行",     "保险代理", "有限公司", "股份有限公司", "分公司",   "（依法须经批准的项目）",
                       "金融机具", "理财周刊", "交易会",   "实物众筹", "融资性担保",   "信息中介"};

const Pool kInvalid = {"\xff", "\xe7\x90", "\xc0\xaf", "\xed\xa0\x80", "\x80", "\xf4\x90\x80\x80"};

class TextGen {
 public:
  explicit TextGen(uint32_t seed) : rng_(seed) {}

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  const std::string& pick(const Pool& pool) { return pool[uniform(0, static_cast<int>(pool.size()) - 1)]; }

  // A mixture of `pieces` pieces from every pool.
  std::string random_text(int pieces) {
    std::string out;
    for (int i = 0; i < pieces; ++i) {
      const int r = uniform(0, 99);
      if (r < 30) {
        out += pick(kCjk);
      } else if (r < 50) {
        out += pick(kTermPieces);
      } else if (r < 60) {
        out += pick(kTraditional);
      } else if (r < 72) {
        out += pick(kJoiners);
      } else if (r < 80) {
        out += pick(kKept);
      } else if (r < 87) {
        out += pick(kAscii);
      } else if (r < 91) {
        out += pick(kCompat);
      } else if (r < 98) {
        out += pick(kContext);
      } else {
        out += pick(kInvalid);
      }
    }
    return out;
  }

  // A term written with one or more evasions, or plainly.
  std::string evasive(const std::string& term) {
    static const std::map<std::string, std::string> traditional = {
        {"理财", "理財"},         {"网贷", "網貸"},         {"资产管理", "資產管理"}, {"网络借贷", "網絡借貸"},
        {"财富管理", "財富管理"}, {"股权众筹", "股權眾籌"}, {"互联网保险", "互聯網保險"}, {"投资管理", "投資管理"},
        {"担保", "擔保"},         {"资本管理", "資本管理"}, {"众筹", "衆籌"},         {"P2P", "Ｐ２Ｐ"}};
    std::string t = term;
    if (chance(30)) {
      auto it = traditional.find(term);
      if (it != traditional.end()) t = it->second;
    }
    if (!chance(40)) return t;
    // Put a joiner after the first character.
    size_t first = 1;
    while (first < t.size() && (static_cast<unsigned char>(t[first]) & 0xC0) == 0x80) ++first;
    if (first >= t.size()) return t;
    return t.substr(0, first) + pick(kJoiners) + t.substr(first);
  }

 private:
  std::mt19937 rng_;
};

// Synthetic realistic records: name = region + trade name + industry + legal form; scope = items.
struct RealisticGen {
  explicit RealisticGen(uint32_t seed) : g(seed) {}

  std::string name() {
    static const Pool regions = {"上海", "北京", "天津", "天津市宝坻区", "宁夏", "银川", "盐城", "安康", "深圳前海", "杭州", ""};
    static const Pool trades = {"鑫汇", "瑞丰", "恒通", "嘉禾", "聚源", "宏达", "鸿基", "金诚", "融信", "汇金", "中金", "德基"};
    static const Pool plain_industries = {"五金机电", "建筑材料", "食品销售", "信息技术", "文化传媒", "农业科技",
                                          "餐饮管理", "物流", "企业管理咨询", "网络科技", "金属材料", "教育科技"};
    static const Pool forms = {"有限公司", "股份有限公司", "有限责任公司", "合伙企业（有限合伙）", "有限公司分公司",
                               "（有限合伙）", "中心（普通合伙）"};
    std::string industry;
    if (g.chance(55)) {
      industry = g.evasive(g.pick(kTermPieces));
      if (g.chance(30)) industry += g.pick({"信息服务", "信息科技", "服务", "咨询", "平台", "代理"});
    } else {
      industry = g.pick(plain_industries);
    }
    return g.pick(regions) + g.pick(trades) + industry + g.pick(forms);
  }

  std::string scope() {
    static const Pool plain_items = {"技术开发",     "技术咨询",   "技术服务",     "计算机软硬件销售", "会议及展览服务",
                                     "企业管理咨询", "市场营销策划", "货物进出口", "五金交电销售",   "广告设计、制作"};
    static const Pool disclaimers = {"（不得从事金融业务）", "（不含金融信息服务）", "（除依法须经批准的项目外）",
                                     "不得从事非法集资、吸收公众资金等金融活动", "（未经金融监管部门批准，不得从事理财、支付业务）",
                                     "不含金融、证券、期货", "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"};
    static const Pool seps = {"；", "、", "，", ";", "。"};
    std::string out;
    const int items = g.uniform(0, 10);
    for (int i = 0; i < items; ++i) {
      if (i) out += g.pick(seps);
      const int r = g.uniform(0, 99);
      if (r < 45) {
        out += g.pick(plain_items);
      } else if (r < 80) {
        out += g.evasive(g.pick(kTermPieces)) + g.pick({"", "服务", "咨询", "信息服务", "平台运营", "技术服务"});
      } else {
        out += g.pick(disclaimers);
      }
    }
    return out;
  }

  std::string website() {
    return g.chance(50) ? "" : g.pick({"鑫汇", "恒通", "聚源"}) + g.evasive(g.pick(kTermPieces)) + g.pick({"网", "平台", "之家"});
  }

  TextGen g;
};

std::string escaped(std::string_view s) {
  std::ostringstream o;
  for (const unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      o << "\\x" << std::hex << static_cast<int>(c) << std::dec;
    } else {
      o << c;
    }
  }
  return o.str();
}

std::string describe(const Record& r) {
  return "name \"" + escaped(r.name) + "\" scope \"" + escaped(r.scope) + "\" website \"" + escaped(r.website) +
         "\" new " + (r.new_registration ? "yes" : "no");
}

class BackendDifferential : public ::testing::Test {
 protected:
  struct Pair {
    std::unique_ptr<Screener> hyperscan, aho_corasick;
  };

  void SetUp() override {
    for (const std::string& id : Screener::bundled_profiles()) {
      Pair p;
      ScreenerOptions options;
      options.backend = Backend::kAhoCorasick;
      p.aho_corasick = std::make_unique<Screener>(Screener::from_profile(id, options));
      options.backend = Backend::kHyperscan;
      try {
        p.hyperscan = std::make_unique<Screener>(Screener::from_profile(id, options));
      } catch (const PolicyError&) {
        throw;
      } catch (const std::runtime_error& e) {
        GTEST_SKIP() << "Hyperscan unavailable: " << e.what();
      }
      ASSERT_EQ(p.hyperscan->backend_name(), "hyperscan");
      ASSERT_EQ(p.aho_corasick->backend_name().substr(0, 12), "aho-corasick");
      pairs_.emplace(id, std::move(p));
    }
    ASSERT_GE(pairs_.size(), 6u);
  }

  // Screens with both backends; records what was exercised; false (with a message) on a difference.
  ::testing::AssertionResult same(const std::string& profile, const Record& rec) {
    const Pair& p = pairs_.at(profile);
    const Result a = p.hyperscan->screen(rec);
    const Result b = p.aho_corasick->screen(rec);
    std::string ja, jb;
    append_json(a, "", &ja);
    append_json(b, "", &jb);
    ++records_;
    hits_ += a.hits.size();
    decisions_.insert(a.decision);
    for (const Hit& h : a.hits) {
      statuses_.insert(h.status);
      terms_hit_[profile].insert(h.term);
      // Backend-independent sanity: the hit text is the original span, and it folds to a text holding the
      // term (the span starts and ends at the code points that produced the term's first and last bytes).
      const std::string_view field = h.field == Field::kName ? rec.name : h.field == Field::kScope ? rec.scope : rec.website;
      if (h.end > field.size() || h.start >= h.end || h.text != field.substr(h.start, h.end - h.start)) {
        return ::testing::AssertionFailure() << "bad span " << h.term << "@" << h.start << ".." << h.end << " in "
                                             << describe(rec);
      }
      const Normalizer& n = Normalizer::instance();
      if (n.normalize(h.text).find(n.normalize(h.term)) == std::string::npos) {
        return ::testing::AssertionFailure() << "hit text \"" << escaped(h.text) << "\" does not fold to contain "
                                             << h.term << " in " << describe(rec);
      }
    }
    if (ja == jb) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << profile << ": " << describe(rec) << "\n  hyperscan:    " << ja
                                         << "\n  aho-corasick: " << jb;
  }

  void expect_every_term_hit() {
    for (const auto& [id, p] : pairs_) {
      for (const Term& t : p.aho_corasick->policy().terms) {
        EXPECT_TRUE(terms_hit_[id].count(t.text)) << id << ": no input hit " << t.text;
      }
    }
  }

  std::map<std::string, Pair> pairs_;
  size_t records_ = 0;
  size_t hits_ = 0;
  std::set<Decision> decisions_;
  std::set<HitStatus> statuses_;
  std::map<std::string, std::set<std::string>> terms_hit_;
};

TEST_F(BackendDifferential, RandomText) {
  int failures = 0;
  for (const auto& [id, pair] : pairs_) {
    TextGen g(0x5eed0000u + static_cast<uint32_t>(std::hash<std::string>{}(id) & 0xffff));
    for (int i = 0; i < 1500 && failures < 5; ++i) {
      const std::string name = g.random_text(g.uniform(0, 24));
      const std::string scope = g.random_text(g.uniform(0, 80));
      const std::string website = g.chance(30) ? g.random_text(g.uniform(1, 12)) : "";
      Record rec;
      rec.id = "random";
      rec.name = name;
      rec.scope = scope;
      rec.website = website;
      rec.new_registration = g.chance(30);
      const auto ok = same(id, rec);
      EXPECT_TRUE(ok);
      if (!ok) ++failures;
    }
  }
  EXPECT_GE(records_, 9000u);
  EXPECT_GE(hits_, 20000u);
  for (HitStatus s : {HitStatus::kAffirmative, HitStatus::kNegated, HitStatus::kNotTheWord}) {
    EXPECT_TRUE(statuses_.count(s)) << "no " << to_string(s) << " hit";
  }
  expect_every_term_hit();
}

TEST_F(BackendDifferential, LongRandomText) {
  TextGen g(20260514u);
  for (const auto& [id, pair] : pairs_) {
    for (int i = 0; i < 20; ++i) {
      const std::string scope = g.random_text(g.uniform(1000, 6000));  // ~3-20 KB
      Record rec;
      rec.scope = scope;
      ASSERT_TRUE(same(id, rec));
    }
  }
  EXPECT_GE(hits_, 10000u);
}

TEST_F(BackendDifferential, SyntheticRealisticRecords) {
  int failures = 0;
  for (const auto& [id, pair] : pairs_) {
    RealisticGen gen(0xa11ce000u + static_cast<uint32_t>(std::hash<std::string>{}(id) & 0xffff));
    for (int i = 0; i < 1500 && failures < 5; ++i) {
      const std::string name = gen.name();
      const std::string scope = gen.scope();
      const std::string website = gen.website();
      Record rec;
      rec.id = "synthetic";
      rec.name = name;
      rec.scope = scope;
      rec.website = website;
      rec.new_registration = gen.g.chance(25);
      const auto ok = same(id, rec);
      EXPECT_TRUE(ok);
      if (!ok) ++failures;
    }
  }
  EXPECT_GE(records_, 9000u);
  for (Decision d : {Decision::kClear, Decision::kReview, Decision::kRefer, Decision::kExempt, Decision::kHold}) {
    EXPECT_TRUE(decisions_.count(d)) << "no record decided " << to_string(d);
  }
  for (HitStatus s : {HitStatus::kAffirmative, HitStatus::kNegated, HitStatus::kNotTheWord}) {
    EXPECT_TRUE(statuses_.count(s)) << "no " << to_string(s) << " hit";
  }
  expect_every_term_hit();
}

}  // namespace
}  // namespace regscreen
