// No exception crosses the C API, std::bad_alloc included: this binary replaces the global operator new
// (which libregscreen_c.so's allocations resolve to, by ELF symbol interposition) with one that can be told
// to fail the n-th allocation, then makes allocation number n fail for many n inside regscreen_screen(),
// regscreen_screener_new() and regscreen_reload(). Every call must return REGSCREEN_OK or
// REGSCREEN_E_NO_MEMORY (an escaping exception would terminate the process), and the objects must keep
// working afterwards. Not built into sanitizer runs, whose runtimes own operator new.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "regscreen/regscreen_c.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define REGSCREEN_NO_NEW_REPLACEMENT 1
#endif

namespace {
// Allocations left before one fails; negative: never fail.
std::atomic<long> g_allocations_until_failure{-1};
std::atomic<long> g_allocations{0};
}  // namespace

#ifndef REGSCREEN_NO_NEW_REPLACEMENT
void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (g_allocations_until_failure.load(std::memory_order_relaxed) >= 0 &&
      g_allocations_until_failure.fetch_sub(1, std::memory_order_relaxed) == 0) {
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace {

const std::string kPolicyDir = REGSCREEN_SOURCE_DIR "/data";

// Fails the n-th allocation (0-based) made while it is alive.
struct FailAllocation {
  explicit FailAllocation(long n) { g_allocations_until_failure.store(n); }
  ~FailAllocation() { g_allocations_until_failure.store(-1); }
};

long count_allocations(const auto& call) {
  const long before = g_allocations.load();
  call();
  return g_allocations.load() - before;
}

class CApiNoMemory : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef REGSCREEN_NO_NEW_REPLACEMENT
    GTEST_SKIP() << "operator new cannot be replaced under a sanitizer";
#endif
    options_ = regscreen_options_new();
    regscreen_options_set_policy_dir(options_, kPolicyDir.c_str());
    ASSERT_EQ(regscreen_screener_new("national", options_, &screener_, nullptr), REGSCREEN_OK);
  }
  void TearDown() override {
    regscreen_screener_free(screener_);
    regscreen_options_free(options_);
  }
  regscreen_options* options_ = nullptr;
  regscreen_screener* screener_ = nullptr;
};

TEST_F(CApiNoMemory, ScreenReportsEveryFailedAllocation) {
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  rec.id = "oom";
  rec.id_len = REGSCREEN_NUL_TERMINATED;
  rec.name = "北京中关村恒信财富管理有限公司";
  rec.name_len = REGSCREEN_NUL_TERMINATED;
  rec.scope = "财富管理；资产管理（不得从事吸收存款等金融业务）";
  rec.scope_len = REGSCREEN_NUL_TERMINATED;
  regscreen_result* fresh = regscreen_result_new();
  ASSERT_EQ(regscreen_screen(screener_, &rec, fresh, nullptr), REGSCREEN_OK);
  const std::string want = regscreen_result_json(fresh, nullptr);
  regscreen_result_free(fresh);

  // A fresh result each round, so that every allocation (none reused from an earlier call) can fail.
  regscreen_result* probe = regscreen_result_new();
  const long total = count_allocations([&] { regscreen_screen(screener_, &rec, probe, nullptr); });
  regscreen_result_free(probe);
  ASSERT_GT(total, 5) << "a record with hits allocates its hit strings";
  int failures = 0;
  for (long n = 0; n < total + 2; ++n) {
    regscreen_result* r = regscreen_result_new();
    ASSERT_NE(r, nullptr);
    regscreen_status st;
    char* error = nullptr;
    {
      FailAllocation fail(n);
      st = regscreen_screen(screener_, &rec, r, &error);
    }
    regscreen_string_free(error);
    ASSERT_TRUE(st == REGSCREEN_OK || st == REGSCREEN_E_NO_MEMORY) << "allocation " << n << ": " << st;
    if (st == REGSCREEN_E_NO_MEMORY) {
      ++failures;
      EXPECT_EQ(regscreen_result_decision(r), REGSCREEN_DECISION_ERROR);
    }
    // The same result object works afterwards.
    ASSERT_EQ(regscreen_screen(screener_, &rec, r, nullptr), REGSCREEN_OK) << n;
    EXPECT_EQ(regscreen_result_json(r, nullptr), want) << n;
    regscreen_result_free(r);
  }
  EXPECT_GT(failures, 0);
}

TEST_F(CApiNoMemory, JsonReportsAFailedAllocationAsNull) {
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  rec.name = "上海浦东理财咨询有限公司";
  rec.name_len = REGSCREEN_NUL_TERMINATED;
  regscreen_result* r = regscreen_result_new();
  ASSERT_EQ(regscreen_screen(screener_, &rec, r, nullptr), REGSCREEN_OK);
  {
    FailAllocation fail(0);
    EXPECT_EQ(regscreen_result_json(r, nullptr), nullptr);
  }
  EXPECT_NE(regscreen_result_json(r, nullptr), nullptr);
  regscreen_result_free(r);
}

TEST_F(CApiNoMemory, CreateAndReloadReportFailedAllocations) {
  // The Aho-Corasick backend keeps every allocation in regscreen's own code: with Hyperscan most of a
  // load's allocations are inside its compiler, which reports failure as its own error (checked below).
  ASSERT_EQ(regscreen_options_set_backend(options_, REGSCREEN_BACKEND_AHO_CORASICK), REGSCREEN_OK);
  const long total = count_allocations([&] {
    regscreen_screener* s = nullptr;
    regscreen_screener_new("ningxia", options_, &s, nullptr);
    regscreen_screener_free(s);
  });
  ASSERT_GT(total, 100);
  // Loading parses TOML and compiles a matcher: many thousand allocations. Probe a spread of them.
  constexpr long kProbes = 60;
  int no_memory = 0;
  uint64_t generation = regscreen_screener_generation(screener_);
  for (long k = 0; k < kProbes; ++k) {
    const long n = k * total / kProbes;
    regscreen_screener* s = nullptr;
    regscreen_status created, reloaded;
    char* created_error = nullptr;
    char* reload_error = nullptr;
    {
      FailAllocation fail(n);
      created = regscreen_screener_new("ningxia", options_, &s, &created_error);
    }
    // Mostly E_NO_MEMORY; a dependency may turn the failure into its own error first (Hyperscan's compiler
    // reports "Unable to allocate memory", which arrives as E_INTERNAL): what matters is a status and a
    // message instead of an exception.
    EXPECT_TRUE(created == REGSCREEN_OK || created_error != nullptr) << "allocation " << n << ": " << created;
    no_memory += created == REGSCREEN_E_NO_MEMORY;
    regscreen_string_free(created_error);
    EXPECT_EQ(created == REGSCREEN_OK, s != nullptr);
    regscreen_screener_free(s);
    {
      FailAllocation fail(n);
      reloaded = regscreen_reload(screener_, k % 2 ? "national" : "ningxia", options_, &reload_error);
    }
    EXPECT_TRUE(reloaded == REGSCREEN_OK || reload_error != nullptr) << "allocation " << n << ": " << reloaded;
    EXPECT_EQ(regscreen_screener_generation(screener_), generation + (reloaded == REGSCREEN_OK));
    generation = regscreen_screener_generation(screener_);
    no_memory += reloaded == REGSCREEN_E_NO_MEMORY;
    regscreen_string_free(reload_error);
  }
  EXPECT_GT(no_memory, kProbes / 2) << "most probes should fail with E_NO_MEMORY";
  // After all that, the screener still serves a whole profile.
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  rec.name = "北京中关村恒信财富管理有限公司";
  rec.name_len = REGSCREEN_NUL_TERMINATED;
  regscreen_result* r = regscreen_result_new();
  ASSERT_EQ(regscreen_screen(screener_, &rec, r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_decision(r), REGSCREEN_DECISION_REFER);
  regscreen_result_free(r);
}

TEST_F(CApiNoMemory, DependencyAllocationFailuresAreErrorsToo) {
  // Default backend: most of a load's allocations happen inside Hyperscan's compiler, which catches the
  // failure itself and reports "Unable to allocate memory"; that must arrive as an error with a message.
  const long total = count_allocations([&] {
    regscreen_screener* s = nullptr;
    regscreen_screener_new("national", options_, &s, nullptr);
    regscreen_screener_free(s);
  });
  constexpr long kProbes = 20;
  int failed = 0;
  for (long k = 0; k < kProbes; ++k) {
    const long n = k * total / kProbes;
    regscreen_screener* s = nullptr;
    char* error = nullptr;
    regscreen_status st;
    {
      FailAllocation fail(n);
      st = regscreen_screener_new("national", options_, &s, &error);
    }
    EXPECT_TRUE(st == REGSCREEN_OK || error != nullptr) << "allocation " << n << ": " << st;
    EXPECT_EQ(st == REGSCREEN_OK, s != nullptr);
    failed += st != REGSCREEN_OK;
    regscreen_string_free(error);
    regscreen_screener_free(s);
  }
  EXPECT_GT(failed, kProbes / 2);
}

}  // namespace
