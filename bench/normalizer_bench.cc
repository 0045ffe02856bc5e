// Normalizer: the code-point table (the hot path) against the ICU pipeline it is tested against
// (NFKC_Casefold + the compiled Hant-Hans Transliterator + joiner removal over the whole text), in MB/s of
// input, on the same registry-like Chinese text: records of ~150-300 bytes normalized one by one (the
// screener's case, per-call overhead included) and one ~1 MB text. Also the table's build time, first use
// in the process (ICU data loading included) and warm, against compiling the Transliterator.
//
// The text is synthetic, written for this benchmark: enterprise names and business-scope items, about one
// record in eight written in Traditional characters, some full-width letters and digits, spaces and
// zero-width characters, list and clause punctuation as in real scopes.
// Reproduce: see docs/PERFORMANCE.md ("Normalizer").
#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "normalize/normalizer.h"
#include "normalize/normalizer_icu.h"

namespace regscreen {
namespace {

const std::vector<std::string> kRegions = {"上海", "北京市", "宁夏", "盐城市", "天津宝坻", "安康", "深圳市", "杭州"};
const std::vector<std::string> kTradeNames = {"鸿运", "恒信", "金桥", "中科", "瑞丰", "万通", "华泰", "远航", "聚源"};
const std::vector<std::string> kIndustries = {"科技", "贸易", "实业", "信息技术", "文化传媒", "投资管理",
                                              "商务咨询", "供应链管理", "网络科技", "资产管理"};
const std::vector<std::string> kForms = {"有限公司", "股份有限公司", "有限责任公司", "合伙企业（有限合伙）"};
const std::vector<std::string> kScopeItems = {
    "技术开发", "技术咨询", "技术服务", "企业管理咨询", "市场营销策划", "会务服务", "展览展示服务",
    "计算机软硬件及辅助设备销售", "日用百货销售", "餐饮服务", "食品经营", "道路货物运输", "仓储服务",
    "建筑工程施工", "广告设计、制作、代理、发布", "文化艺术交流活动策划", "物业管理", "房地产经纪",
    "五金交电销售", "电子产品销售", "服装鞋帽批发零售", "货物进出口", "投资咨询", "资产管理",
    "以自有资金从事投资活动", "接受金融机构委托从事信息技术外包服务", "供应链管理服务", "商务信息咨询"};
const std::vector<std::string> kClosers = {
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动）", "（不得从事金融业务）",
    "(除依法须经批准的项目外,凭营业执照依法自主开展经营活动)",
    "（未经金融等监管部门批准，不得从事吸收存款、融资担保、代客理财等金融业务）"};
// Records written in Traditional characters, with the spacing and full-width forms such text carries.
const std::vector<std::string> kTraditionalRecords = {
    "香港某某資產管理有限公司，經營範圍：資產管理、投資諮詢、企業管理顧問；電腦軟件開發。",
    "台灣某某網絡科技有限公司，經營範圍：網絡技術開發、技術轉讓；電子商務平臺服務（不含網貸）。",
    "澳門某某財富管理顧問有限公司，經營範圍：理財顧問、財務諮詢、會議及展覽服務。",
};
const std::vector<std::string> kOddities = {" ", "　", "\u200B", "ＡＢＣ", "Ｐ２Ｐ", "２０２４", "·", "P2P", "O2O"};

std::string make_record(std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  if (rng() % 8 == 0) return pick(kTraditionalRecords);
  std::string r = pick(kRegions) + pick(kTradeNames) + pick(kIndustries) + pick(kForms) + "，经营范围：";
  const int items = 3 + static_cast<int>(rng() % 8);
  for (int i = 0; i < items; ++i) {
    if (i) r += (rng() % 3 == 0) ? "；" : "、";
    if (rng() % 12 == 0) r += pick(kOddities);
    r += pick(kScopeItems);
  }
  r += pick(kClosers);
  return r;
}

struct Corpus {
  std::vector<std::string> records;
  std::string text;  // all records, one per line
  size_t record_bytes = 0;
};

const Corpus& corpus() {
  static const Corpus* c = [] {
    auto* c = new Corpus;
    std::mt19937 rng(2016);
    while (c->text.size() < (1u << 20)) {
      c->records.push_back(make_record(rng));
      c->text += c->records.back();
      c->text += '\n';
      c->record_bytes += c->records.back().size();
    }
    return c;
  }();
  return *c;
}

// First: the table built on first use in this process, ICU data loading included (what the first
// Screener compile pays). Must run before anything else touches ICU.
void BM_TableBuildFirstUse(benchmark::State& state) {
  // Measured once (repetitions report the same figure: there is only one first use in a process).
  static const double seconds = [] {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(&Normalizer::instance());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }();
  for (auto _ : state) state.SetIterationTime(seconds);
}
BENCHMARK(BM_TableBuildFirstUse)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_TableBuildWarm(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Normalizer::build());
  const Normalizer::TableStats s = Normalizer::instance().table_stats();
  state.counters["table_KiB"] = static_cast<double>(s.bytes) / 1024;
  state.counters["blocks"] = s.distinct_blocks;
  state.counters["changed_cps"] = s.changed_code_points;
}
BENCHMARK(BM_TableBuildWarm)->Unit(benchmark::kMillisecond);

// The ICU pipeline's set-up: compiling the Hant-Hans rules on first use; afterwards ICU clones its cached
// compiled rules (the warm figure).
void BM_TransliteratorFirstUse(benchmark::State& state) {
  static const double seconds = [] {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(IcuReferenceNormalizer());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }();
  for (auto _ : state) state.SetIterationTime(seconds);
}
BENCHMARK(BM_TransliteratorFirstUse)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_TransliteratorWarm(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(IcuReferenceNormalizer());
}
BENCHMARK(BM_TransliteratorWarm)->Unit(benchmark::kMillisecond);

void BM_Table_Records(benchmark::State& state) {
  const Corpus& c = corpus();
  const Normalizer& n = Normalizer::instance();
  NormalizedText out;
  for (auto _ : state) {
    for (const std::string& r : c.records) {
      n.normalize(r, &out);
      benchmark::DoNotOptimize(out.text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.record_bytes));
  state.counters["records"] = static_cast<double>(c.records.size());
  state.counters["avg_record_bytes"] = static_cast<double>(c.record_bytes) / static_cast<double>(c.records.size());
}
BENCHMARK(BM_Table_Records)->Unit(benchmark::kMillisecond);

void BM_Icu_Records(benchmark::State& state) {
  const Corpus& c = corpus();
  const IcuReferenceNormalizer icu;
  for (auto _ : state) {
    for (const std::string& r : c.records) benchmark::DoNotOptimize(icu.normalize(r));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.record_bytes));
}
BENCHMARK(BM_Icu_Records)->Unit(benchmark::kMillisecond);

void BM_Table_1MB(benchmark::State& state) {
  const Corpus& c = corpus();
  const Normalizer& n = Normalizer::instance();
  NormalizedText out;
  for (auto _ : state) {
    n.normalize(c.text, &out);
    benchmark::DoNotOptimize(out.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text.size()));
}
BENCHMARK(BM_Table_1MB)->Unit(benchmark::kMillisecond);

// The text alone, without the offset map (what compiling lexicon terms uses).
void BM_TableTextOnly_1MB(benchmark::State& state) {
  const Corpus& c = corpus();
  const Normalizer& n = Normalizer::instance();
  for (auto _ : state) benchmark::DoNotOptimize(n.normalize(c.text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text.size()));
}
BENCHMARK(BM_TableTextOnly_1MB)->Unit(benchmark::kMillisecond);

void BM_Icu_1MB(benchmark::State& state) {
  const Corpus& c = corpus();
  const IcuReferenceNormalizer icu;
  for (auto _ : state) benchmark::DoNotOptimize(icu.normalize(c.text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text.size()));
}
BENCHMARK(BM_Icu_1MB)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace regscreen
