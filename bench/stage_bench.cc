// Screening cost per stage, on the realistic mix of bench/records.h, single thread, for the national and
// tianjin-baodi profiles: what each step of Screener::screen() costs on its own, so that the end-to-end
// figure (screen_bench) can be read as a sum.
//   RawScan        the compiled matcher over the ORIGINAL bytes of each field: the floor (no folding)
//   SafeCheck      the prefilter's pass over each field's original bytes (match/prefilter.h, step 1)
//   Prefilter      the whole prefilter, per record: that pass, then the spellings matcher over the
//                  original bytes of the record's fields joined; for the fields it clears (~95%), this is
//                  all that screening costs
//   Normalize      the normalizer over each field, with the offset map (what a field with hits needs)
//   NormalizeText  the normalizer over each field, text only (what a field without hits needs)
//   Match          the compiled matcher over each field's normalized text
//   ContextScore   what follows the match for the records that have candidates: hits built, classified
//                  (negation, compounds, name structure), sorted, scored and decided
// Every benchmark reports records_per_s (over the whole mix, so that the stages add up) and bytes_per_second
// (input bytes). Reproduce: docs/perf-bench.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "match/matcher.h"
#include "normalize/encoding.h"
#include "normalize/normalizer.h"
#include "records.h"
#include "regscreen/policy.h"
#include "screener_impl.h"

namespace regscreen {
namespace {

const std::vector<bench::BenchRecord>& mix() {
  static const auto r = bench::make_records({});
  return r;
}

Screener::Impl& impl(const std::string& profile) {
  static std::map<std::string, std::unique_ptr<Screener::Impl>> cache;
  auto& p = cache[profile];
  if (!p) p = std::make_unique<Screener::Impl>(load_policy(profile), ScreenerOptions{});
  return *p;
}

void report(benchmark::State& state, size_t records, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["records_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * records),
                                                       benchmark::Counter::kIsRate);
}

// The non-empty fields of a record (no allocation: this runs in the timed loops).
struct Fields {
  std::array<std::string_view, kFieldCount> items;
  size_t n = 0;
  const std::string_view* begin() const { return items.data(); }
  const std::string_view* end() const { return items.data() + n; }
};
Fields fields_of(const bench::BenchRecord& r) {
  Fields f;
  for (std::string_view s : {std::string_view(r.name), std::string_view(r.scope), std::string_view(r.website)}) {
    if (!s.empty()) f.items[f.n++] = s;
  }
  return f;
}

void BM_RawScan(benchmark::State& state, const char* profile) {
  const Matcher& m = *impl(profile).matcher;
  const auto& recs = mix();
  std::vector<Match> out;
  size_t matches = 0;
  for (auto _ : state) {
    for (const auto& r : recs) {
      for (std::string_view f : fields_of(r)) {
        out.clear();
        m.scan(f, &out);
        matches += out.size();
      }
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
  benchmark::DoNotOptimize(matches);
}

void BM_SafeCheck(benchmark::State& state, const char* profile) {
  const Prefilter& p = *impl(profile).prefilter;
  const auto& recs = mix();
  size_t safe = 0, fields = 0;
  for (auto _ : state) {
    for (const auto& r : recs) {
      for (std::string_view f : fields_of(r)) {
        safe += p.only_safe_code_points(f);
        ++fields;
      }
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
  state.counters["safe_fields"] = static_cast<double>(safe) / static_cast<double>(fields);
}

void BM_Prefilter(benchmark::State& state, const char* profile) {
  const Prefilter& p = *impl(profile).prefilter;
  const auto& recs = mix();
  Prefilter::Scratch scratch;
  size_t unclear = 0;  // fields left for the normal path
  for (auto _ : state) {
    for (const auto& r : recs) {
      const std::string_view f[kFieldCount] = {r.name, r.scope, r.website};
      uint64_t clear = 0;
      p.clear_fields(f, kFieldCount, &scratch, &clear);
      unclear += kFieldCount - static_cast<size_t>(__builtin_popcountll(clear));
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
  state.counters["normalized_fields_per_record"] =
      static_cast<double>(unclear) / static_cast<double>(state.iterations() * recs.size());
  state.counters["spellings"] = static_cast<double>(p.stats().spellings);
  state.counters["unsafe_cps"] = static_cast<double>(p.stats().unsafe_code_points);
}

// Screener::certainly_clear on each field as UCS-2 (what the Python bindings pass for a str of Chinese
// text): the whole cost of a certainly clear record there, since it is never encoded to UTF-8.
void BM_CodePoints(benchmark::State& state, const char* profile) {
  const Prefilter& p = *impl(profile).prefilter;
  const auto& recs = mix();
  std::vector<std::u16string> fields;
  for (const auto& r : recs) {
    for (std::string_view f : fields_of(r)) {
      std::u16string u;
      const auto* b = reinterpret_cast<const unsigned char*>(f.data());
      for (const auto* q = b; q < b + f.size();) {
        char32_t cp;
        const int n = decode_utf8(q, b + f.size(), &cp);
        u.push_back(static_cast<char16_t>(n == 0 || cp > 0xFFFF ? 0xFFFD : cp));
        q += n == 0 ? 1 : n;
      }
      fields.push_back(std::move(u));
    }
  }
  size_t clear = 0;
  for (auto _ : state) {
    for (const std::u16string& f : fields) clear += p.certainly_clear_code_points(f.data(), f.size());
  }
  report(state, recs.size(), bench::total_bytes(recs));
  state.counters["clear_fields"] = static_cast<double>(clear) / static_cast<double>(state.iterations() * fields.size());
}

void BM_Normalize(benchmark::State& state) {
  const Normalizer& n = Normalizer::instance();
  const auto& recs = mix();
  NormalizedText out;
  for (auto _ : state) {
    for (const auto& r : recs) {
      for (std::string_view f : fields_of(r)) {
        n.normalize(f, &out);
        benchmark::DoNotOptimize(out.text.data());
      }
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
}

void BM_NormalizeText(benchmark::State& state) {
  const Normalizer& n = Normalizer::instance();
  const auto& recs = mix();
  for (auto _ : state) {
    for (const auto& r : recs) {
      for (std::string_view f : fields_of(r)) benchmark::DoNotOptimize(n.normalize(f));
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
}

void BM_Match(benchmark::State& state, const char* profile) {
  const Matcher& m = *impl(profile).matcher;
  const auto& recs = mix();
  std::vector<std::string> normalized;
  for (const auto& r : recs) {
    for (std::string_view f : fields_of(r)) normalized.push_back(Normalizer::instance().normalize(f));
  }
  std::vector<Match> out;
  size_t matches = 0;
  for (auto _ : state) {
    for (const std::string& t : normalized) {
      out.clear();
      m.scan(t, &out);
      matches += out.size();
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
  state.counters["matches_per_record"] = static_cast<double>(matches) /
                                         static_cast<double>(state.iterations() * recs.size());
}

// The work after matching, for the records that have candidates (timed over those alone, reported per
// record of the whole mix). Mirrors Screener::Impl::screen() from building the hits on.
struct Prepared {
  const bench::BenchRecord* record;
  struct FieldPart {
    Field field;
    NormalizedText text;
    std::vector<Candidate> candidates;
  };
  std::vector<FieldPart> fields;
};

void BM_ContextScore(benchmark::State& state, const char* profile) {
  const Screener::Impl& s = impl(profile);
  const auto& recs = mix();
  std::vector<Prepared> prepared;
  for (const auto& r : recs) {
    Prepared p{&r, {}};
    const std::string_view f[kFieldCount] = {r.name, r.scope, r.website};
    for (int i = 0; i < kFieldCount; ++i) {
      Prepared::FieldPart part{static_cast<Field>(i), {}, {}};
      Normalizer::instance().normalize(f[i], &part.text);
      std::vector<Match> matches;
      s.matcher->scan(part.text.text, &matches);
      for (const Match& m : matches) {
        for (uint32_t t : s.pattern_terms[m.pattern]) {
          if (s.term_applies[i][t]) part.candidates.push_back({t, m.start, m.end});
        }
      }
      if (!part.candidates.empty()) p.fields.push_back(std::move(part));
    }
    if (!p.fields.empty()) prepared.push_back(std::move(p));
  }
  Result result;
  for (auto _ : state) {
    for (const Prepared& p : prepared) {
      const Record record = p.record->as_record();
      Analysis::recycle_hits(&result.hits);
      result.categories.clear();
      result.regulators.clear();
      result.explanation.clear();
      for (const auto& part : p.fields) {
        s.analysis->add_field_hits(record, part.field, part.text, part.candidates, &result.hits);
      }
      s.analysis->decide(record, &result);
      benchmark::DoNotOptimize(result.decision);
    }
  }
  report(state, recs.size(), bench::total_bytes(recs));
  state.counters["records_with_candidates"] = static_cast<double>(prepared.size()) / static_cast<double>(recs.size());
}

BENCHMARK_CAPTURE(BM_RawScan, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RawScan, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SafeCheck, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Prefilter, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Prefilter, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CodePoints, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CodePoints, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeText)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Match, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Match, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ContextScore, national, "national")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ContextScore, tianjin_baodi, "tianjin-baodi")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace regscreen
