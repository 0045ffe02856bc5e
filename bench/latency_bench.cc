// Single-record screening latency, the figure a registration system cares about on its request path:
// one record (name + business scope, up to 500 characters together) screened and its JSON row built,
// timed call by call. Google Benchmark reports means; the percentiles are computed here over every timed
// call and reported as counters (p50_us, p90_us, p99_us, p999_us, max_us; nohit_* and hit_* for the
// records without and with term occurrences; cpu_* for thread CPU time, which excludes preemption).
// Results: docs/perf-latency.md.
//
//   build/capi/bench/latency_bench --benchmark_filter=Latency
//
// `--dump_json=FILE` writes, instead of benchmarking, the JSON row of every record of this bench's mix and
// of bench/records.h's mixes under every bundled profile: the differential check that a latency change
// leaves every result byte-identical (dump before and after, then cmp).
//
// Also measures what the LiveScreener hot path costs compared with a plain Screener, and the cost of
// taking a snapshot with LiveScreener's per-thread cache versus std::atomic<std::shared_ptr>::load()
// (which libstdc++ 12 implements with a spin lock), single- and multi-threaded.
#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "records.h"
#include "regscreen/json.h"
#include "regscreen/live_screener.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace {

using Clock = std::chrono::steady_clock;

struct SyntheticRecord {
  std::string id, name, scope;
  bool new_registration = false;
};

size_t code_points(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Records shaped like registry rows (region + trade name + industry + legal form; a scope made of
// "；"-separated items, some with the usual disclaimers), name + scope totalling 20..500 characters.
// About a third carry restricted terms. Generated, not taken from any data set.
std::vector<SyntheticRecord> make_records(size_t count, uint32_t seed) {
  static const std::vector<std::string> regions = {"北京市", "上海市浦东新区", "深圳市南山区", "宁夏银川市",
                                                   "江苏省盐城市", "陕西省安康市", "天津市宝坻区", "杭州市"};
  static const std::vector<std::string> trade = {"恒通", "鑫源", "华信", "中科瑞丰", "天成", "金桥", "佳禾", "博远"};
  static const std::vector<std::string> industry = {
      "科技", "餐饮管理", "网络科技", "信息技术", "供应链管理", "文化传媒", "实业", "商贸",
      "财富管理", "投资管理", "资产管理", "金融信息服务", "网络借贷信息中介", "支付科技", "商务咨询", "股权众筹"};
  static const std::vector<std::string> form = {"有限公司", "有限责任公司", "股份有限公司", "合伙企业（有限合伙）"};
  static const std::vector<std::string> clean_items = {
      "技术开发", "技术咨询", "技术服务", "软件开发", "计算机系统服务", "企业管理咨询", "市场营销策划",
      "会议及展览服务", "餐饮服务", "食品销售", "货物进出口", "电子产品销售", "日用百货销售",
      "互联网信息服务", "广告设计、代理", "道路货物运输（不含危险货物）", "物业管理", "家政服务"};
  static const std::vector<std::string> term_items = {
      "投资咨询", "资产管理", "财富管理", "支付结算技术服务", "网络借贷信息中介服务", "金融信息服务",
      "理财咨询", "股权投资基金管理", "商务咨询", "非融资性担保"};
  static const std::vector<std::string> disclaimers = {
      "（不得从事吸收公众存款、非法集资、代客理财等金融业务）",
      "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
      "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
      "（未经金融等监管部门批准，不得从事向公众融资存款、融资担保、代客理财等金融服务）"};
  std::mt19937 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  std::vector<SyntheticRecord> out;
  for (size_t i = 0; i < count; ++i) {
    SyntheticRecord r;
    r.id = "bench-" + std::to_string(i);
    const bool financial = rng() % 3 == 0;
    r.name = pick(regions) + pick(trade) + (financial ? pick(industry) : industry[rng() % 8]) + pick(form);
    const size_t target = 20 + rng() % 481;  // name + scope characters
    const size_t name_chars = code_points(r.name);
    size_t chars = name_chars;
    // Most scopes end with the standard approval note; some (more among financial-sounding companies)
    // with a prohibition of financial business, whose terms are negated hits.
    const uint32_t tail = rng() % 10;
    const std::string ending = tail < 5 ? disclaimers[1] : tail < (financial ? 8u : 6u) ? pick(disclaimers) : "";
    while (chars + code_points(ending) < target) {
      std::string item = financial && rng() % 4 == 0 ? pick(term_items) : pick(clean_items);
      if (!r.scope.empty()) item = "；" + item;
      if (chars + code_points(item) > target && !r.scope.empty()) break;
      chars += code_points(item);
      r.scope += item;
    }
    r.scope += ending;
    // Trim to the 500-character ceiling at a character boundary.
    while (code_points(r.name) + code_points(r.scope) > 500) {
      size_t cut = r.scope.size() - 1;
      while (cut > 0 && (r.scope[cut] & 0xC0) == 0x80) --cut;
      r.scope.resize(cut);
    }
    r.new_registration = rng() % 2 == 0;
    out.push_back(std::move(r));
  }
  return out;
}

const std::vector<SyntheticRecord>& records() {
  static const std::vector<SyntheticRecord> r = make_records(4096, 20160412);
  return r;
}

regscreen::Record as_record(const SyntheticRecord& s) {
  regscreen::Record r;
  r.id = s.id;
  r.name = s.name;
  r.scope = s.scope;
  r.new_registration = s.new_registration;
  return r;
}

// CPU time of the calling thread. Unlike the wall clock it does not count time the thread spent preempted,
// which on a shared 2-core machine dominates the tail; the pair of calls costs a few hundred ns.
uint64_t thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

// Sets <prefix>p50_us, p99_us, p999_us (and for the whole set p90_us, max_us) from per-call nanoseconds.
void report_percentiles(benchmark::State& state, std::vector<uint32_t> ns, const std::string& prefix, bool full) {
  if (ns.empty()) return;
  auto at = [&](double q) {
    const size_t k = std::min(ns.size() - 1, static_cast<size_t>(q * static_cast<double>(ns.size())));
    std::nth_element(ns.begin(), ns.begin() + k, ns.end());
    return ns[k] / 1000.0;
  };
  state.counters[prefix + "p50_us"] = at(0.50);
  if (full) state.counters[prefix + "p90_us"] = at(0.90);
  state.counters[prefix + "p99_us"] = at(0.99);
  state.counters[prefix + "p999_us"] = at(0.999);
  if (full) state.counters[prefix + "max_us"] = *std::max_element(ns.begin(), ns.end()) / 1000.0;
}

// screen() + append_json(), timed per call. `screen` is a callable (record, Result*).
template <class ScreenFn>
void time_calls(benchmark::State& state, ScreenFn&& screen) {
  const auto& recs = records();
  regscreen::Result result;
  std::string json;
  // Warm up: grow the per-thread buffers and the result's storage, fault in the code.
  for (const SyntheticRecord& r : recs) screen(as_record(r), &result);
  std::vector<uint32_t> all, clean, with_hits;  // per-call wall-clock nanoseconds
  std::vector<uint32_t> cpu;                    // per-call thread CPU nanoseconds
  all.reserve(static_cast<size_t>(state.max_iterations));
  size_t i = 0;
  uint64_t hits = 0;
  for (auto _ : state) {
    const SyntheticRecord& r = recs[i++ % recs.size()];
    const uint64_t c0 = thread_cpu_ns();
    const auto t0 = Clock::now();
    screen(as_record(r), &result);
    json.clear();
    regscreen::append_json(result, r.id, &json);
    const auto t1 = Clock::now();
    const uint64_t c1 = thread_cpu_ns();
    const auto ns = static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    all.push_back(ns);
    cpu.push_back(static_cast<uint32_t>(c1 - c0));
    (result.hits.empty() ? clean : with_hits).push_back(ns);
    hits += result.hits.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["hits_per_record"] = static_cast<double>(hits) / static_cast<double>(all.size());
  state.counters["share_with_hits"] = static_cast<double>(with_hits.size()) / static_cast<double>(all.size());
  report_percentiles(state, std::move(all), "", true);
  report_percentiles(state, std::move(cpu), "cpu_", false);
  report_percentiles(state, std::move(clean), "nohit_", false);
  report_percentiles(state, std::move(with_hits), "hit_", false);
}

regscreen::Screener* screener_or_skip(benchmark::State& state, const char* profile) {
  try {
    static std::map<std::string, std::unique_ptr<regscreen::Screener>> cache;
    auto& s = cache[profile];
    if (!s) s = std::make_unique<regscreen::Screener>(regscreen::Screener::from_profile(profile));
    return s.get();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

void BM_LatencyScreener(benchmark::State& state, const char* profile) {
  regscreen::Screener* s = screener_or_skip(state, profile);
  if (s == nullptr) return;
  time_calls(state, [&](const regscreen::Record& r, regscreen::Result* out) { s->screen(r, out); });
  state.SetLabel(std::string(profile) + "/" + std::string(s->backend_name()));
}

void BM_LatencyLiveScreener(benchmark::State& state, const char* profile) {
  regscreen::Screener* s = screener_or_skip(state, profile);
  if (s == nullptr) return;
  regscreen::LiveScreener live(*s);
  time_calls(state, [&](const regscreen::Record& r, regscreen::Result* out) { live.screen(r, out); });
  state.SetLabel(profile);
}

constexpr int64_t kTimedCalls = 100000;
BENCHMARK_CAPTURE(BM_LatencyScreener, national, "national")->Iterations(kTimedCalls)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LatencyScreener, shanghai, "shanghai")->Iterations(kTimedCalls)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LatencyScreener, tianjin_baodi, "tianjin-baodi")
    ->Iterations(kTimedCalls)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LatencyLiveScreener, national, "national")
    ->Iterations(kTimedCalls)
    ->Unit(benchmark::kMicrosecond);

// One heavy record screened and serialized; not inlined so that callgrind can count only these calls
// (--toggle-collect='*screen_heavy*').
[[gnu::noinline]] void screen_heavy(const regscreen::Screener& s, const regscreen::Record& r, regscreen::Result* result,
                                    std::string* json) {
  s.screen(r, result);
  json->clear();
  regscreen::append_json(*result, r.id, json);
}

// The tail on its own: only the records with at least 20 term occurrences (~1.4% of the mix, long scopes
// where many items and a disclaimer carry terms), screened and serialized in a loop. Mean time per record;
// run under callgrind to see where the tail's instructions go:
//   valgrind --tool=callgrind --toggle-collect='*screen_heavy*'
//     build/capi/bench/latency_bench --benchmark_filter=Heavy --benchmark_min_time=0.01
void BM_LatencyHeavyRecords(benchmark::State& state) {
  regscreen::Screener* s = screener_or_skip(state, "national");
  if (s == nullptr) return;
  std::vector<regscreen::Record> heavy;
  regscreen::Result result;
  for (const SyntheticRecord& r : records()) {
    s->screen(as_record(r), &result);
    if (result.hits.size() >= 20) heavy.push_back(as_record(r));
  }
  if (heavy.empty()) {
    state.SkipWithError("no record with 20 hits");
    return;
  }
  std::string json;
  size_t i = 0;
  for (auto _ : state) {
    screen_heavy(*s, heavy[i++ % heavy.size()], &result, &json);
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["records"] = static_cast<double>(heavy.size());
}
// A fixed count (50 passes over the ~59 records) so that instruction counts divide exactly.
BENCHMARK(BM_LatencyHeavyRecords)->Iterations(2950)->Unit(benchmark::kMicrosecond);

// ---- The part of the hot path that LiveScreener adds ----------------------------------------------
// Each thread screens an empty record (so the screening itself costs little) through: a plain Screener;
// a LiveScreener (generation check + per-thread cached snapshot); and std::atomic<std::shared_ptr>::load()
// followed by screen(), the textbook alternative, whose load() takes libstdc++ 12's internal spin lock and
// bumps the shared reference count on every call.

const regscreen::Screener& national() {
  static const regscreen::Screener s = regscreen::Screener::from_profile("national");
  return s;
}

const regscreen::Record kEmpty{};

void BM_HotPathPlainScreener(benchmark::State& state) {
  const regscreen::Screener& s = national();
  regscreen::Result r;
  for (auto _ : state) {
    s.screen(kEmpty, &r);
    benchmark::DoNotOptimize(r.decision);
  }
}
BENCHMARK(BM_HotPathPlainScreener)->Threads(1)->Threads(2)->Threads(8);

void BM_HotPathLiveScreener(benchmark::State& state) {
  static regscreen::LiveScreener live(national());
  regscreen::Result r;
  for (auto _ : state) {
    live.screen(kEmpty, &r);
    benchmark::DoNotOptimize(r.decision);
  }
}
BENCHMARK(BM_HotPathLiveScreener)->Threads(1)->Threads(2)->Threads(8);

void BM_HotPathAtomicSharedPtr(benchmark::State& state) {
  static std::atomic<std::shared_ptr<const regscreen::Screener>> current{
      std::make_shared<const regscreen::Screener>(national())};
  regscreen::Result r;
  for (auto _ : state) {
    current.load()->screen(kEmpty, &r);
    benchmark::DoNotOptimize(r.decision);
  }
}
BENCHMARK(BM_HotPathAtomicSharedPtr)->Threads(1)->Threads(2)->Threads(8);

// Writes one JSON row per (profile, record) to `path`, prefixed by the profile id. Records: this bench's
// mix, and bench/records.h's realistic mix at its usual term rate and at a high one (many hits, Traditional
// and spaced-out spellings, websites).
int dump_json(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  std::vector<regscreen::Record> all;
  for (const SyntheticRecord& r : records()) all.push_back(as_record(r));
  regscreen::bench::RecordMix usual;
  usual.count = 4000;
  regscreen::bench::RecordMix dense = usual;
  dense.term_rate = 0.6;
  dense.oddity_rate = 0.2;
  dense.seed = 2017;
  const auto usual_records = regscreen::bench::make_records(usual);
  const auto dense_records = regscreen::bench::make_records(dense);
  for (const auto* set : {&usual_records, &dense_records}) {
    for (const auto& r : *set) all.push_back(r.as_record());
  }
  regscreen::Result result;
  std::string row;
  for (const std::string& profile : regscreen::Screener::bundled_profiles()) {
    const regscreen::Screener s = regscreen::Screener::from_profile(profile);
    for (const regscreen::Record& r : all) {
      s.screen(r, &result);
      row.assign(profile).push_back(' ');
      regscreen::append_json(result, r.id, &row);
      row.push_back('\n');
      out << row;
    }
  }
  return out.good() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--dump_json=", 12) == 0) return dump_json(argv[i] + 12);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
