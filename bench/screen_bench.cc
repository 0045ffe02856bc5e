// End-to-end screening on the realistic mix of bench/records.h (names of 8..30 characters, scopes of
// 20..600, about 5% of records with terms, some in disclaimers), single thread, for the national and
// tianjin-baodi profiles: Screener::screen() per record, in records/s and MB/s of input, with and without
// writing the JSON row. Also what compiling a profile costs (first in the process, and again), and the
// memory a Screener holds: the resident-set growth and the heap bytes (counted by this binary's operator
// new) of compiling and then screening.
// Reproduce: docs/perf-bench.md. The per-stage split is in stage_bench.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "records.h"
#include "regscreen/json.h"
#include "regscreen/screener.h"

// ---- Heap accounting: live bytes and allocation count of this process, through global operator new. ----
namespace {
std::atomic<int64_t> g_live_bytes{0};
std::atomic<int64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  g_live_bytes.fetch_add(static_cast<int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return p;
}
// GCC sees free() of memory from operator new; here operator new is malloc() above, so the pair matches.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  g_live_bytes.fetch_sub(static_cast<int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
#pragma GCC diagnostic pop
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace regscreen {
namespace {

double rss_mib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * 4096.0 / (1 << 20);
}

const std::vector<bench::BenchRecord>& mix() {
  static const auto r = bench::make_records({});
  return r;
}

const Screener& screener(const std::string& profile) {
  static std::map<std::string, std::unique_ptr<Screener>> cache;
  auto& s = cache[profile];
  if (!s) s = std::make_unique<Screener>(Screener::from_profile(profile));
  return *s;
}

// First in the process (registered first): compiling national from nothing, ICU data loading and the
// normalizer's table included, then screening the mix once. Wall-clock (one sample per process), so
// run it when the machine is quiet; the memory figures do not depend on load.
void BM_CompileFirstUse(benchmark::State& state) {
  struct Sample {
    double seconds, rss_compile, rss_screen, heap_compile, heap_screen;
  };
  static const Sample s = [] {
    const auto& recs = mix();  // generated before measuring
    const double rss0 = rss_mib();
    const int64_t heap0 = g_live_bytes.load();
    const auto t0 = std::chrono::steady_clock::now();
    auto* sc = new Screener(Screener::from_profile("national"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double rss1 = rss_mib();
    const int64_t heap1 = g_live_bytes.load();
    Result r;
    for (const auto& rec : recs) sc->screen(rec.as_record(), &r);
    const double rss2 = rss_mib();
    const int64_t heap2 = g_live_bytes.load();
    // Kept alive on purpose: the figures are what a live Screener holds.
    return Sample{seconds, rss1 - rss0, rss2 - rss0, static_cast<double>(heap1 - heap0) / (1 << 20),
                  static_cast<double>(heap2 - heap0 - static_cast<int64_t>(sizeof r)) / (1 << 20)};
  }();
  for (auto _ : state) state.SetIterationTime(s.seconds);
  state.counters["rss_compile_MiB"] = s.rss_compile;
  state.counters["rss_after_screening_MiB"] = s.rss_screen;
  state.counters["heap_compile_MiB"] = s.heap_compile;
  state.counters["heap_after_screening_MiB"] = s.heap_screen;
}
BENCHMARK(BM_CompileFirstUse)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_Compile(benchmark::State& state, const char* profile) {
  for (auto _ : state) benchmark::DoNotOptimize(Screener::from_profile(profile));
}
BENCHMARK_CAPTURE(BM_Compile, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compile, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);

// The counters of a run over the mix: records/s, the share of records with hits and referred (which
// show that two ways of screening gave the same results), and allocations per record since allocs0.
void report_mix(benchmark::State& state, const char* profile, const Screener& s, size_t with_hits, size_t referred,
                int64_t allocs0) {
  const double n = static_cast<double>(state.iterations() * mix().size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bench::total_bytes(mix())));
  state.counters["records_per_s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["with_hits"] = static_cast<double>(with_hits) / n;
  state.counters["refer"] = static_cast<double>(referred) / n;
  state.counters["allocs_per_record"] = static_cast<double>(g_allocations.load() - allocs0) / n;
  state.SetLabel(std::string(profile) + "/" + std::string(s.backend_name()));
}

void screen_mix(benchmark::State& state, const char* profile, bool with_json) {
  const Screener& s = screener(profile);
  const auto& recs = mix();
  Result r;
  std::string json;
  size_t with_hits = 0, referred = 0;
  for (const auto& rec : recs) s.screen(rec.as_record(), &r);  // warm the per-thread buffers
  const int64_t allocs0 = g_allocations.load();
  for (auto _ : state) {
    for (const auto& rec : recs) {
      s.screen(rec.as_record(), &r);
      with_hits += !r.hits.empty();
      referred += r.decision == Decision::kRefer;
      if (with_json) {
        json.clear();
        append_json(r, rec.id, &json);
        benchmark::DoNotOptimize(json.data());
      }
    }
  }
  report_mix(state, profile, s, with_hits, referred, allocs0);
}
void BM_Screen(benchmark::State& state, const char* profile) { screen_mix(state, profile, false); }

// The batch call (Screener::screen over spans) on chunks of 512 records, as the Python bindings and the
// CLI's workers use it: the same results as BM_Screen, which the counters show.
void BM_ScreenBatch(benchmark::State& state, const char* profile) {
  const Screener& s = screener(profile);
  const auto& recs = mix();
  std::vector<Record> records;
  for (const auto& rec : recs) records.push_back(rec.as_record());
  constexpr size_t kChunk = 512;
  std::vector<Result> results(kChunk);
  size_t with_hits = 0, referred = 0;
  const auto run = [&] {
    for (size_t b = 0; b < records.size(); b += kChunk) {
      const size_t n = std::min(kChunk, records.size() - b);
      s.screen(std::span(records).subspan(b, n), std::span(results).first(n));
      for (size_t i = 0; i < n; ++i) {
        with_hits += !results[i].hits.empty();
        referred += results[i].decision == Decision::kRefer;
      }
    }
  };
  run();  // warm the per-thread buffers
  with_hits = referred = 0;
  const int64_t allocs0 = g_allocations.load();
  for (auto _ : state) run();
  report_mix(state, profile, s, with_hits, referred, allocs0);
}
BENCHMARK_CAPTURE(BM_ScreenBatch, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScreenBatch, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);
void BM_ScreenJson(benchmark::State& state, const char* profile) { screen_mix(state, profile, true); }
BENCHMARK_CAPTURE(BM_Screen, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Screen, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScreenJson, national, "national")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace regscreen
