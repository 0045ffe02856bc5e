// Realistic generated registry records, shared by the screening benchmarks (screen_bench, stage_bench,
// compare_bench) so that every figure is measured on the same mix. Header-only so that each bench binary
// (one per bench/*_bench.cc, see bench/CMakeLists.txt) can use it without a library of its own.
//
// The mix is written for the benchmarks, not taken from any data set; its shape follows what registry
// exports look like:
//   name   region + trade name (字号) + industry (行业) + legal form (组织形式), sometimes a branch
//          (…分公司) or the region in brackets after the trade name; 8..30 characters.
//   scope  list items joined by 、；，, often in the 一般项目/许可项目 layout with the standard approval
//          clauses; 20..600 characters, log-normal around a median of ~85 characters (mean ~105).
//   terms  about 5% of records (RecordMix::term_rate) contain a restricted term: most affirmatively (an
//          industry like 投资管理 in the name, an item like 财富管理 in the scope), the rest only inside a
//          disclaimer (不得从事…代客理财等金融业务) or a lookalike (鸿基金属, 金融街).
//   oddities  about 2% of records are written in Traditional characters, with full-width letters or
//          digits, spaces or zero-width characters between characters.
//   website  about 10% of records carry a website name (网站名称).
// Fields never contain tabs or newlines, so records can be written one per line as TSV (write_tsv) for the
// side-by-side comparison (compare_bench, scripts/bench_compare.sh), where every contestant reads one file.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "regscreen/screener.h"

namespace regscreen::bench {

struct BenchRecord {
  std::string id;
  std::string name;
  std::string scope;
  std::string website;
  bool new_registration = false;

  size_t bytes() const { return name.size() + scope.size() + website.size(); }
  Record as_record() const {
    return {.id = id, .name = name, .scope = scope, .website = website, .credit_code = {},
            .new_registration = new_registration};
  }
};

struct RecordMix {
  size_t count = 20000;
  uint32_t seed = 2016;
  double term_rate = 0.05;      // records with a restricted term (affirmative or in a disclaimer)
  double oddity_rate = 0.02;    // Traditional / full-width / spaced-out records
  double website_rate = 0.10;
  // Scope length in characters: log-normal with this median and sigma, clamped to [min, max]. Set
  // min == max for records of one length (throughput against record length).
  size_t scope_min_chars = 20;
  size_t scope_max_chars = 600;
  double scope_median_chars = 85;
  double scope_sigma = 0.6;
};

namespace records_detail {

using Words = std::vector<std::string>;

inline const Words& regions() {
  static const Words w = {"北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "苏州", "成都",
                          "武汉", "西安", "长沙", "郑州", "济南", "青岛", "厦门", "宁波", "合肥", "昆明",
                          "宁夏", "银川", "盐城", "安康", "宝坻", "北京市", "上海市", "天津市宝坻区",
                          "江苏省盐城市", "陕西省安康市", "深圳市南山区", "广东省", "浙江省", "河北"};
  return w;
}
// Characters of trade names (字号). Deliberately without 金, 融, 基, 理, 财, 付, 保, 贷, 易: random pairs of
// those would make accidental terms; lookalikes are added on purpose instead.
inline const Words& trade_chars() {
  static const Words w = {"恒", "鑫", "华", "瑞", "泰", "盛", "源", "达", "丰", "创", "宏", "信", "博", "佳",
                          "德", "安", "汇", "通", "诚", "润", "宝", "新", "智", "联", "航", "远", "星", "辰",
                          "卓", "越", "嘉", "禾", "天", "成", "海", "川", "明", "阳", "光", "晟", "鼎", "利",
                          "祥", "和", "美", "欣", "万", "兴", "隆", "豪", "凯", "腾", "云", "峰", "林", "森"};
  return w;
}
inline const Words& industries() {
  static const Words w = {"科技", "网络科技", "信息技术", "贸易", "商贸", "实业", "建筑工程", "餐饮管理",
                          "文化传媒", "物流", "电子商务", "农业开发", "环保科技", "生物科技", "机械设备",
                          "建材", "服装", "食品", "广告", "教育咨询", "物业管理", "房地产开发", "装饰工程",
                          "汽车销售服务", "医疗器械", "人力资源", "企业管理咨询", "供应链管理", "新能源科技",
                          "智能科技", "软件开发", "家政服务", "酒店管理", "旅游开发", "园林绿化", "电力工程"};
  return w;
}
inline const Words& legal_forms() {
  static const Words w = {"有限公司", "有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司",
                          "合伙企业（有限合伙）", "有限公司分公司", "集团有限公司", "工作室", "经营部"};
  return w;
}
inline const Words& scope_items() {
  static const Words w = {
      "技术开发", "技术咨询", "技术服务", "技术转让", "技术推广", "软件开发", "信息系统集成服务",
      "计算机系统服务", "数据处理和存储支持服务", "网络技术服务", "企业管理咨询", "企业形象策划",
      "市场营销策划", "会议及展览服务", "组织文化艺术交流活动", "广告设计、代理", "广告制作", "广告发布",
      "餐饮服务", "餐饮管理", "食品销售（仅销售预包装食品）", "日用百货销售", "五金产品零售", "五金产品批发",
      "电子产品销售", "计算机软硬件及辅助设备零售", "通讯设备销售", "办公用品销售", "服装服饰零售",
      "鞋帽批发", "化妆品零售", "家用电器销售", "建筑材料销售", "金属材料销售", "机械设备租赁",
      "机械设备销售", "汽车零配件零售", "货物进出口", "技术进出口", "道路货物运输（不含危险货物）",
      "普通货物仓储服务（不含危险化学品等需许可审批的项目）", "装卸搬运", "国内货物运输代理", "物业管理",
      "家政服务", "保洁服务", "园林绿化工程施工", "建设工程施工", "住宅室内装饰装修", "城市绿化管理",
      "农产品的生产、销售、加工、运输、贮藏及其他相关服务", "谷物种植", "蔬菜种植", "水果种植",
      "初级农产品收购", "花卉种植", "畜牧渔业饲料销售", "文具用品零售", "体育用品及器材零售",
      "教育咨询服务（不含涉许可审批的教育培训活动）", "人力资源服务（不含职业中介活动、劳务派遣服务）",
      "劳务服务（不含劳务派遣）", "票务代理服务", "旅客票务代理", "酒店管理", "住宿服务", "健身休闲活动",
      "摄影扩印服务", "专业设计服务", "平面设计", "工业设计服务", "互联网销售（除销售需要许可的商品）",
      "医疗器械经营", "第二类医疗器械销售", "环境保护专用设备销售", "新能源汽车整车销售", "充电桩销售",
      "光伏设备及元器件销售", "电气设备修理", "通用设备修理", "电力设施器材销售", "安防设备销售",
      "信息咨询服务（不含许可类信息咨询服务）", "社会经济咨询服务", "翻译服务", "礼仪服务", "婚庆礼仪服务"};
  return w;
}
// Affirmative uses: industries for the name and items for the scope.
inline const Words& term_industries() {
  static const Words w = {"投资管理", "资产管理", "财富管理", "金融信息服务", "网络借贷信息中介服务",
                          "支付科技", "股权投资基金管理", "互联网保险经纪", "理财顾问", "基金管理",
                          "金融服务外包", "商务咨询", "融资担保", "众筹科技", "金控", "大宗商品交易中心"};
  return w;
}
inline const Words& term_items() {
  static const Words w = {"投资管理", "资产管理", "财富管理", "金融信息服务", "理财咨询", "支付结算技术服务",
                          "网络借贷信息中介", "股权投资基金管理", "股权众筹平台运营", "互联网保险信息技术服务",
                          "商务咨询", "非融资性担保服务", "供应链金融服务", "P2P网络借贷技术服务",
                          "二手车交易市场经营", "基金销售", "受托管理股权投资基金"};
  return w;
}
// Disclaimers that mention terms (their hits are negated) and lookalikes (the characters are other words).
inline const Words& term_disclaimers() {
  static const Words w = {
      "（不得从事吸收公众存款、非法集资、代客理财等金融业务）",
      "（未经金融等监管部门批准，不得从事向公众融资存款、融资担保、代客理财等金融服务）",
      "（不含金融、证券、期货、基金业务）", "（不得以公开方式募集资金，不得从事P2P网络借贷）",
      "（除金融、类金融业务外）"};
  return w;
}
inline const Words& lookalike_items() {
  static const Words w = {"鸿基金属材料销售", "金融街物业服务", "肯德基金城店餐饮服务", "基金会项目策划服务"};
  return w;
}
// Approval clauses that follow most scopes; they contain no term.
inline const Words& approval_clauses() {
  static const Words w = {
      "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
      "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
      "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）",
      "。"};
  return w;
}
inline const Words& website_names() {
  static const Words w = {"官网", "商城", "在线", "网", "服务平台", "信息网", "之家", "云平台"};
  return w;
}
// Simplified -> Traditional for the characters the mix uses most (for the Traditional oddity).
inline const std::vector<std::pair<std::string, std::string>>& traditional() {
  static const std::vector<std::pair<std::string, std::string>> m = {
      {"资", "資"}, {"产", "產"}, {"财", "財"}, {"务", "務"}, {"发", "發"}, {"术", "術"}, {"询", "詢"},
      {"网", "網"}, {"络", "絡"}, {"贷", "貸"}, {"销", "銷"}, {"电", "電"}, {"华", "華"}, {"业", "業"},
      {"国", "國"}, {"开", "開"}, {"经", "經"}, {"营", "營"}, {"项", "項"}, {"门", "門"}, {"设", "設"},
      {"备", "備"}, {"进", "進"}, {"货", "貨"}, {"运", "運"}, {"输", "輸"}, {"车", "車"}, {"广", "廣"},
      {"场", "場"}, {"软", "軟"}, {"计", "計"}, {"机", "機"}, {"咨", "諮"}, {"会", "會"}, {"贸", "貿"},
      {"实", "實"}, {"汇", "匯"}, {"宝", "寶"}, {"权", "權"}, {"险", "險"}, {"众", "眾"}, {"筹", "籌"}};
  return m;
}

inline size_t code_points(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Keeps at most `chars` code points of s.
inline void truncate_chars(std::string* s, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < s->size(); ++i) {
    if (((*s)[i] & 0xC0) != 0x80 && seen++ == chars) {
      s->resize(i);
      return;
    }
  }
}

inline void replace_all(std::string* s, const std::string& from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

class Generator {
 public:
  explicit Generator(const RecordMix& mix) : mix_(mix), rng_(mix.seed) {}

  BenchRecord next(size_t index) {
    BenchRecord r;
    char id[24];
    std::snprintf(id, sizeof id, "R%zu", index);
    r.id = id;
    r.new_registration = chance(0.3);
    const bool with_term = chance(mix_.term_rate);
    // Of the records with a term: 60% affirmative, 30% only in a disclaimer, 10% a lookalike.
    const double kind = uniform();
    const bool affirmative = with_term && kind < 0.6;
    const bool disclaimer = with_term && kind >= 0.6 && kind < 0.9;
    const bool lookalike = with_term && kind >= 0.9;
    const bool term_in_name = affirmative && chance(0.5);
    r.name = make_name(term_in_name);
    r.scope = make_scope(affirmative && !term_in_name, disclaimer, lookalike);
    if (chance(mix_.website_rate)) r.website = trade_name() + pick(website_names());
    if (chance(mix_.oddity_rate)) add_oddity(&r);
    return r;
  }

 private:
  bool chance(double p) { return uniform() < p; }
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  const std::string& pick(const Words& w) { return w[below(w.size())]; }

  std::string trade_name() {
    std::string s;
    const size_t n = chance(0.75) ? 2 : 2 + below(3);
    for (size_t i = 0; i < n; ++i) s += pick(trade_chars());
    return s;
  }

  std::string make_name(bool with_term) {
    std::string name;
    const std::string region = pick(regions());
    const std::string trade = trade_name();
    const std::string& industry = with_term ? pick(term_industries()) : pick(industries());
    if (chance(0.15)) {
      name = trade + "（" + region + "）" + industry;
    } else {
      name = region + trade + industry;
    }
    std::string form = pick(legal_forms());
    if (form == "有限公司分公司") form = "有限公司" + pick(regions()) + "分公司";
    name += form;
    // 8..30 characters: pad short names with a longer trade name, cut long ones.
    while (code_points(name) < 8) name.insert(0, pick(trade_chars()));
    if (code_points(name) > 30) truncate_chars(&name, 30);
    return name;
  }

  std::string make_scope(bool affirmative, bool disclaimer, bool lookalike) {
    const double median = mix_.scope_median_chars;
    const double len = median * std::exp(mix_.scope_sigma * std::normal_distribution<double>(0, 1)(rng_));
    const size_t target = std::clamp(static_cast<size_t>(len), mix_.scope_min_chars, mix_.scope_max_chars);
    const bool layout = chance(0.4);  // 一般项目：…；许可项目：…
    const std::string& clause = pick(approval_clauses());
    std::string special;
    if (affirmative) special = pick(term_items());
    if (lookalike) special = pick(lookalike_items());
    const std::string tail = disclaimer ? pick(term_disclaimers()) : clause;
    std::string s = layout ? "一般项目：" : "";
    size_t items = 0;
    const size_t special_at = special.empty() ? SIZE_MAX : below(3);
    const size_t tail_chars = code_points(tail);
    while (code_points(s) + tail_chars < target) {
      if (items) s += items % 4 == 3 ? "；" : (chance(0.1) ? "，" : "、");
      s += items == special_at ? special : pick(scope_items());
      ++items;
    }
    if (items <= special_at && !special.empty()) s += (items ? "、" : "") + special;
    if (code_points(s) + tail_chars > target) truncate_chars(&s, target > tail_chars ? target - tail_chars : 0);
    // A term item must survive the cut: put it back in front if it was cut off.
    if (!special.empty() && s.find(special) == std::string::npos) s = special + "、" + s;
    s += tail;
    if (code_points(s) > mix_.scope_max_chars) truncate_chars(&s, mix_.scope_max_chars);
    return s;
  }

  void add_oddity(BenchRecord* r) {
    switch (below(4)) {
      case 0:  // Traditional characters (Hong Kong / Taiwan style filings)
        for (const auto& [from, to] : traditional()) {
          replace_all(&r->name, from, to);
          replace_all(&r->scope, from, to);
        }
        break;
      case 1:  // full-width letters and digits
        r->scope = std::string("ＡＰＰ开发、２４小时") += r->scope;
        break;
      case 2: {  // a space between characters of the name's industry
        const size_t at = r->name.size() / 2 / 3 * 3;  // a character boundary in an all-CJK name
        if (code_points(r->name) * 3 == r->name.size()) r->name = (r->name.substr(0, at) += ' ') += r->name.substr(at);
        break;
      }
      case 3: {  // a zero-width space in the scope
        const size_t at = r->scope.size() / 2 / 3 * 3;
        r->scope = (r->scope.substr(0, at) += "\u200B") += r->scope.substr(at);
        break;
      }
    }
  }

  RecordMix mix_;
  std::mt19937_64 rng_;
};

}  // namespace records_detail

// count records from `mix`; deterministic for a given mix (seed included).
// The records are copied once generated, so that their strings lie in memory one after the other, as
// when they are read from a file, rather than scattered among the generator's temporaries (which costs
// each record more cache misses: ~15% of the end-to-end time on this mix).
inline std::vector<BenchRecord> make_records(const RecordMix& mix) {
  records_detail::Generator g(mix);
  std::vector<BenchRecord> generated;
  generated.reserve(mix.count);
  for (size_t i = 0; i < mix.count; ++i) generated.push_back(g.next(i));
  return std::vector<BenchRecord>(generated.begin(), generated.end());
}

inline size_t total_bytes(const std::vector<BenchRecord>& records) {
  size_t n = 0;
  for (const BenchRecord& r : records) n += r.bytes();
  return n;
}

// One record a line: id, name, scope, website, new_registration (0/1), tab-separated.
inline void write_tsv(const std::vector<BenchRecord>& records, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  for (const BenchRecord& r : records) {
    out << r.id << '\t' << r.name << '\t' << r.scope << '\t' << r.website << '\t' << (r.new_registration ? 1 : 0)
        << '\n';
  }
  if (!out) throw std::runtime_error("cannot write " + path);
}

inline std::vector<BenchRecord> read_tsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<BenchRecord> out;
  std::string line;
  while (std::getline(in, line)) {
    BenchRecord r;
    std::string* fields[] = {&r.id, &r.name, &r.scope, &r.website};
    size_t at = 0;
    for (std::string* f : fields) {
      const size_t tab = line.find('\t', at);
      if (tab == std::string::npos) throw std::runtime_error(path + ": a line with fewer than 5 fields");
      f->assign(line, at, tab - at);
      at = tab + 1;
    }
    r.new_registration = line.compare(at, std::string::npos, "1") == 0;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace regscreen::bench
