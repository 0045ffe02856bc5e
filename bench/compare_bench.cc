// Side-by-side comparison on ONE file of records (written by `compare_bench write`, read by every
// contestant), single thread, CPU time (so that other jobs on the machine count less), median of
// --repetitions runs:
//   (a) raw       hs_scan of the unnormalized bytes of each field with the profile's terms: the floor
//   (b) regscreen Screener::screen() per record, end to end (normalize, match, context, score, route)
//   (c) icu       a naive ICU pipeline per field: UnicodeString::fromUTF8, Normalizer2 NFKC_Casefold,
//                 Transliterator "Traditional-Simplified", toUTF8String, then hs_scan
// (d) the Python baseline is bench/compare_pyahocorasick.py; scripts/bench_compare.sh runs all four and
// prints the ratios (bench/compare_report.py).
//
//   compare_bench write <file> [--count N] [--seed S] [--scope-chars C]   records (TSV) + <file>.terms
//   compare_bench run <file> [--profile national] [--repetitions 5] [--only a,b,c]
//
// `run` times the contestants round by round (see run_rounds) and prints one line per contestant:
// "result <name> records=<n> bytes=<n> seconds=<median CPU s> min=<s> max=<s> found=<fields with a match,
// or records with hits>", and first the machine load ("load ..."), the cost of compiling the profile in
// this fresh process ("compile ...") and the Screener's memory ("memory ...").
#if REGSCREEN_HAVE_HYPERSCAN
#include <hs.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "normalize/normalizer.h"
#include "records.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace {

using regscreen::bench::BenchRecord;

double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double rss_mib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * 4096.0 / (1 << 20);
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// The contestants of one run, timed round by round (each contestant once per round, in turn) so that a
// change in the machine's load falls on all of them alike; each reports the median CPU time of its rounds,
// after one warm-up pass (caches, per-thread buffers, lazily loaded ICU data).
struct Contestant {
  const char* name;
  std::function<size_t()> pass;  // one pass over all records; returns what it found
};

void run_rounds(const std::vector<Contestant>& contestants, int repetitions, size_t records, size_t bytes) {
  std::vector<std::vector<double>> seconds(contestants.size());
  std::vector<size_t> found(contestants.size());
  for (size_t i = 0; i < contestants.size(); ++i) found[i] = contestants[i].pass();
  for (int round = 0; round < repetitions; ++round) {
    for (size_t i = 0; i < contestants.size(); ++i) {
      const double t0 = cpu_seconds();
      found[i] = contestants[i].pass();
      seconds[i].push_back(cpu_seconds() - t0);
    }
  }
  for (size_t i = 0; i < contestants.size(); ++i) {
    std::vector<double>& s = seconds[i];
    std::sort(s.begin(), s.end());
    const double median = s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
    std::printf("result %s records=%zu bytes=%zu seconds=%.6f min=%.6f max=%.6f found=%zu\n", contestants[i].name,
                records, bytes, median, s.front(), s.back(), found[i]);
  }
  std::fflush(stdout);
}

// Hyperscan literal database over the given patterns, block mode.
struct HsDatabase {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  explicit HsDatabase(const std::vector<std::string>& patterns) {
    std::vector<const char*> expr;
    std::vector<size_t> lens;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < patterns.size(); ++i) {
      expr.push_back(patterns[i].data());
      lens.push_back(patterns[i].size());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(expr.data(), nullptr, ids.data(), lens.data(), static_cast<unsigned>(expr.size()),
                             HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      const std::string m = err && err->message ? err->message : "?";
      hs_free_compile_error(err);
      throw std::runtime_error("hs_compile_lit_multi: " + m);
    }
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) throw std::runtime_error("hs_alloc_scratch failed");
  }
  ~HsDatabase() {
    hs_free_scratch(scratch);
    hs_free_database(db);
  }
  // Number of matches in text.
  size_t count(std::string_view text) const {
    size_t n = 0;
    hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
            [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
              ++*static_cast<size_t*>(ctx);
              return 0;
            },
            &n);
    return n;
  }
};

int usage() {
  std::fprintf(stderr,
               "usage: compare_bench write <file> [--count N] [--seed S] [--scope-chars C]\n"
               "       compare_bench run <file> [--profile P] [--repetitions R] [--only a,b,c]\n");
  return 2;
}

int write_records(const std::string& path, int argc, char** argv) {
  regscreen::bench::RecordMix mix;
  std::string profile = "national";
  for (int i = 0; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--count") mix.count = std::stoul(v);
    else if (k == "--seed") mix.seed = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--scope-chars") mix.scope_min_chars = mix.scope_max_chars = std::stoul(v);
    else if (k == "--profile") profile = v;
    else return usage();
  }
  const auto records = regscreen::bench::make_records(mix);
  regscreen::bench::write_tsv(records, path);
  // The union of the profile's terms over all fields, as written in the lexicon (for the Python baseline).
  std::ofstream terms(path + ".terms");
  for (const regscreen::Term& t : regscreen::load_policy(profile).terms) terms << t.text << '\n';
  std::printf("wrote %zu records, %zu bytes, to %s\n", records.size(), regscreen::bench::total_bytes(records),
              path.c_str());
  return 0;
}

int run(const std::string& path, int argc, char** argv) {
  std::string profile = "national", only = "a,b,c";
  int repetitions = 5;
  for (int i = 0; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--profile") profile = v;
    else if (k == "--repetitions") repetitions = std::stoi(v);
    else if (k == "--only") only = v;
    else return usage();
  }
  const auto wants = [&](char c) { return only.find(c) != std::string::npos; };
  std::printf("load %s\n", load_average().c_str());

  // The records are read first, so that the memory figures below are the Screener's alone.
  const std::vector<BenchRecord> records = regscreen::bench::read_tsv(path);
  const size_t bytes = regscreen::bench::total_bytes(records);

  // Compiling the profile, the first use of ICU and of the normalizer in this process: ICU data loading
  // and the normalizer's table included (wall clock and CPU time).
  const double rss0 = rss_mib();
  const auto w0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  const regscreen::Screener screener = regscreen::Screener::from_profile(profile);
  const double compile_cpu = cpu_seconds() - c0;
  const double compile_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  const double rss1 = rss_mib();
  std::printf("compile profile=%s wall_ms=%.2f cpu_ms=%.2f backend=%s\n", profile.c_str(), compile_wall * 1e3,
              compile_cpu * 1e3, std::string(screener.backend_name()).c_str());

  const auto fields = [](const BenchRecord& r) {
    return std::array<std::string_view, 3>{r.name, r.scope, r.website};
  };
  std::vector<std::string> patterns;  // the screener's patterns: the profile's terms, folded
  for (const regscreen::Term& t : screener.policy().terms) {
    std::string p = regscreen::Normalizer::instance().normalize(t.text);
    if (std::find(patterns.begin(), patterns.end(), p) == patterns.end()) patterns.push_back(std::move(p));
  }
  const HsDatabase hs(patterns);

  std::vector<Contestant> contestants;
  if (wants('a')) {
    contestants.push_back({"a_raw_hs_scan", [&] {
      size_t found = 0;
      for (const BenchRecord& r : records) {
        for (std::string_view f : fields(r)) {
          if (!f.empty()) found += hs.count(f) > 0;
        }
      }
      return found;
    }});
  }
  regscreen::Result result;
  if (wants('b')) {
    contestants.push_back({"b_regscreen", [&] {
      size_t found = 0;
      for (const BenchRecord& r : records) {
        screener.screen(r.as_record(), &result);
        found += !result.hits.empty();
      }
      return found;
    }});
    // Resident-set growth from before compiling to after the Screener's first pass over every record (and
    // before ICU's transliterator is loaded for (c)): the compiled Screener, the ICU data and normalizer
    // table it touched, the per-thread buffers and the Result.
    contestants.back().pass();
    std::printf("memory rss_compile_MiB=%.2f rss_after_screening_MiB=%.2f\n", rss1 - rss0, rss_mib() - rss0);
  }
  const icu::Normalizer2* nfkc_cf = nullptr;
  std::unique_ptr<icu::Transliterator> t2s;
  std::string out;
  if (wants('c')) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    t2s.reset(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: ") + u_errorName(status));
    contestants.push_back({"c_icu_pipeline", [&] {
      size_t found = 0;
      for (const BenchRecord& r : records) {
        for (std::string_view f : fields(r)) {
          if (f.empty()) continue;
          UErrorCode st = U_ZERO_ERROR;
          const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(f.data(), static_cast<int32_t>(f.size())));
          icu::UnicodeString folded = nfkc_cf->normalize(in, st);
          t2s->transliterate(folded);
          out.clear();
          folded.toUTF8String(out);
          found += hs.count(out) > 0;
        }
      }
      return found;
    }});
  }
  run_rounds(contestants, repetitions, records.size(), bytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  try {
    const std::string cmd = argv[1];
    if (cmd == "write") return write_records(argv[2], argc - 3, argv + 3);
    if (cmd == "run") return run(argv[2], argc - 3, argv + 3);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_bench: %s\n", e.what());
    return 1;
  }
  return usage();
}

#else  // !REGSCREEN_HAVE_HYPERSCAN

#include <cstdio>

int main() {
  std::fprintf(stderr, "compare_bench: needs Hyperscan (the floor (a) and the scan of (c) are hs_scan)\n");
  return 1;
}

#endif
