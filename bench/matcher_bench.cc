// Matcher backends side by side: Hyperscan vs Aho-Corasick (DFA and NFA forms), in MB/s of normalized
// text, on registry-like records of ~200 bytes scanned one by one (the screener's case: per-call overhead
// matters) and on one 1 MB text (raw throughput), with the restricted-term lexicon (~40 terms) and with a
// large generated set (5,000 terms). The text is synthetic: business-scope phrases written for this
// benchmark, with restricted terms mixed in at a realistic rate.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "match/aho_corasick_matcher.h"
#include "match/matcher.h"

namespace regscreen {
namespace {

using Patterns = std::vector<std::string>;

const Patterns kLexicon = {
    "交易所", "交易中心", "交易", "金融", "资产管理", "理财", "基金", "基金管理", "投资管理", "财富管理",
    "股权投资基金", "网贷", "网络借贷", "p2p", "股权众筹", "互联网保险", "支付", "担保", "众筹", "金控",
    "资本管理", "商务咨询", "金融信息服务", "投资咨询", "融资租赁", "保理", "典当", "小额贷款", "征信",
    "外汇", "期货", "贵金属", "虚拟货币", "数字货币", "区块链", "财富", "资产", "理财顾问", "私募", "信托"};

// Ordinary scope phrases (normalized: NFKC, lower case, simplified).
const std::vector<std::string> kScopePhrases = {
    "技术开发", "技术咨询", "技术服务", "技术转让", "企业管理咨询", "市场营销策划", "会务服务", "展览展示服务",
    "计算机软硬件及辅助设备的销售", "日用百货销售", "餐饮服务", "食品经营", "道路货物运输", "仓储服务",
    "建筑工程施工", "室内外装饰工程", "广告设计、制作、代理、发布", "文化艺术交流活动策划", "物业管理",
    "房地产经纪", "五金交电销售", "电子产品销售", "服装鞋帽批发零售", "农产品收购", "货物进出口",
    "(依法须经批准的项目,经相关部门批准后方可开展经营活动)", "(不得从事金融业务)",
    "(未经金融等监管部门批准,不得从事吸收存款、融资担保、代客理财、向社会公众集(融)资等金融业务)"};
const std::vector<std::string> kNameParts = {"上海", "北京", "宁夏", "盐城", "天津", "安康", "鸿运", "恒信",
                                             "华泰", "金桥", "中科", "瑞丰", "科技", "贸易", "实业",
                                             "信息技术", "文化传媒", "有限公司", "股份有限公司"};

std::string make_record(std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  std::string r = pick(kNameParts) + pick(kNameParts) + pick(kNameParts) + "有限公司|";
  while (r.size() < 200) {
    // About one phrase in eight is a restricted term.
    r += std::uniform_int_distribution<int>(0, 7)(rng) == 0 ? pick(kLexicon) : pick(kScopePhrases);
    r += "、";
  }
  return r;
}

std::vector<std::string> make_records(std::size_t count) {
  std::mt19937 rng(42);
  std::vector<std::string> records;
  for (std::size_t i = 0; i < count; ++i) records.push_back(make_record(rng));
  return records;
}

Patterns large_set() {
  std::mt19937 rng(7);
  std::string chars;
  for (const auto& t : kLexicon) chars += t;
  std::vector<std::string> cps;  // the lexicon's characters (all 3-byte UTF-8 except p2p)
  for (std::size_t i = 0; i < chars.size();) {
    const std::size_t len = static_cast<unsigned char>(chars[i]) >= 0xe0 ? 3 : 1;
    cps.push_back(chars.substr(i, len));
    i += len;
  }
  Patterns p = kLexicon;
  while (p.size() < 5000) {
    std::string s;
    const int len = std::uniform_int_distribution<int>(2, 5)(rng);
    for (int k = 0; k < len; ++k) s += cps[std::uniform_int_distribution<std::size_t>(0, cps.size() - 1)(rng)];
    p.push_back(s);
  }
  return p;
}

enum Backend { kHyperscan, kDfa, kNfa };
enum Set { kLexiconSet, kLargeSet };

std::unique_ptr<Matcher> make(Backend backend, Set set) {
  static const Patterns large = large_set();
  const Patterns& patterns = set == kLexiconSet ? kLexicon : large;
  switch (backend) {
    case kHyperscan: return make_hyperscan_matcher(patterns);
    case kDfa: return make_aho_corasick_matcher(patterns, {.max_dfa_bytes = std::size_t{1} << 30});
    case kNfa: return make_aho_corasick_matcher(patterns, {.max_dfa_bytes = 0});
  }
  return nullptr;
}

void BM_Records(benchmark::State& state) {
  const auto m = make(static_cast<Backend>(state.range(0)), static_cast<Set>(state.range(1)));
  if (m == nullptr) {
    state.SkipWithError("Hyperscan not available");
    return;
  }
  const std::vector<std::string> records = make_records(1000);
  std::size_t bytes = 0;
  for (const auto& r : records) bytes += r.size();
  std::vector<Match> out;
  out.reserve(1024);
  std::size_t matches = 0;
  for (auto _ : state) {
    for (const auto& r : records) {
      out.clear();
      m->scan(r, &out);
      matches += out.size();
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["matches/record"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations() * records.size());
  state.SetLabel(std::string(m->name()));
}

void BM_OneMegabyte(benchmark::State& state) {
  const auto m = make(static_cast<Backend>(state.range(0)), static_cast<Set>(state.range(1)));
  if (m == nullptr) {
    state.SkipWithError("Hyperscan not available");
    return;
  }
  std::string text;
  for (const auto& r : make_records(6000)) {
    if (text.size() >= (1u << 20)) break;
    text += r;
  }
  std::vector<Match> out;
  for (auto _ : state) {
    out.clear();
    m->scan(text, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.SetLabel(std::string(m->name()));
}

void backend_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"backend", "set"});  // backend 0 hyperscan, 1 dfa, 2 nfa; set 0 lexicon, 1 large
  for (const int set : {kLexiconSet, kLargeSet}) {
    for (const int backend : {kHyperscan, kDfa, kNfa}) b->Args({backend, set});
  }
}

BENCHMARK(BM_Records)->Apply(backend_args);
BENCHMARK(BM_OneMegabyte)->Apply(backend_args);

}  // namespace
}  // namespace regscreen

BENCHMARK_MAIN();
