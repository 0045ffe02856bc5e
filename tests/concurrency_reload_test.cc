// Eight threads screen through one shared screener while another thread reloads the policy back and forth
// between two profiles that differ in a term (and attempts reloads that fail). Meant to run under
// ThreadSanitizer (build/tsan): TSan finds data races; the test itself checks that every result is exactly
// the result of the profile of the generation that produced it, so no call ever mixes two policies, and
// that failed reloads change nothing. Once through the C++ LiveScreener and once through the C API.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "regscreen/json.h"
#include "regscreen/live_screener.h"
#include "regscreen/policy.h"
#include "regscreen/regscreen_c.h"
#include "test_records_capi.h"

namespace {

using regscreen::Record;
using regscreen::Screener;

constexpr int kThreads = 8;
constexpr int kReloads = 8;              // successful swaps; generations 1..kReloads+1
constexpr int kScreensPerGeneration = 400;  // wait for this many calls (all threads) before the next swap
const std::string kPolicyDir = REGSCREEN_SOURCE_DIR "/data";
// Odd generations serve kProfileA, even ones kProfileB (the reload sequence alternates, starting at A).
const char* const kProfileA = "national";
const char* const kProfileB = "ningxia";  // adds 众筹, 私募股权众筹 and its own routing

using regscreen::test::TestRecord;
using regscreen::test::c_record;
using regscreen::test::cpp_record;

// Written for this test. Some records differ between the two profiles, some do not.
std::vector<TestRecord> records() {
  std::vector<TestRecord> r = {
      {"crowd-1", "宁波鄞州好物实物众筹科技有限公司", "实物众筹平台技术服务；软件开发", "", false},
      {"crowd-2", "银川兴庆众筹文化传播有限公司", "文化艺术交流活动策划；众筹项目策划", "众筹之家", true},
      {"wealth", "北京中关村恒信财富管理有限公司", "财富管理；资产管理；投资咨询", "", false},
      {"p2p", "深圳前海Ｐ２Ｐ網絡借貸信息中介有限公司", "网络借贷信息中介服务", "", true},
      {"payment", "杭州滨江易付科技有限公司", "支付结算技术服务；计算机软硬件开发", "易付理财网", false},
      {"restaurant", "成都武侯老街坊餐饮管理有限公司", "餐饮服务；食品销售", "", false},
      {"disclaimer", "南京栖霞云帆信息技术有限公司",
       "软件开发（未经金融监管部门批准，不得从事吸收存款、代客理财、众筹等金融业务）", "", false},
  };
  // A long scope, as registries allow (hundreds of characters), with terms near the end.
  std::string scope;
  while (scope.size() < 1200) scope += "电子产品销售；计算机系统服务；";
  scope += "股权众筹平台服务；互联网金融信息服务";
  r.push_back({"long", "西安高新区长安众筹科技发展有限公司", scope, "", false});
  return r;
}

// The JSON row of each record under each profile, computed by plain Screeners before any threads start.
struct Expected {
  std::vector<TestRecord> records = ::records();
  std::vector<std::string> a, b;
  int differing = 0;

  Expected() {
    regscreen::ScreenerOptions o;
    o.policy_dir = kPolicyDir;
    const Screener sa = Screener::from_profile(kProfileA, o);
    const Screener sb = Screener::from_profile(kProfileB, o);
    for (const TestRecord& r : records) {
      std::string ja, jb;
      regscreen::append_json(sa.screen(cpp_record(r)), r.id, &ja);
      regscreen::append_json(sb.screen(cpp_record(r)), r.id, &jb);
      differing += ja != jb;
      a.push_back(std::move(ja));
      b.push_back(std::move(jb));
    }
  }
  const std::string& want(uint64_t generation, size_t i) const { return generation % 2 ? a[i] : b[i]; }
};

// What the workers saw. Threads only touch atomics and, on a mismatch, the mutex-guarded message.
struct Observed {
  std::atomic<uint64_t> screens{0};
  std::atomic<uint64_t> mismatches{0};
  std::atomic<uint64_t> profile_a{0}, profile_b{0};  // results under each profile
  std::atomic<uint64_t> max_generation{0};
  std::mutex m;
  std::string first_mismatch;

  void record(uint64_t generation, const std::string& got, const Expected& e, size_t i) {
    (generation % 2 ? profile_a : profile_b).fetch_add(1, std::memory_order_relaxed);
    uint64_t seen = max_generation.load(std::memory_order_relaxed);
    while (seen < generation && !max_generation.compare_exchange_weak(seen, generation)) {
    }
    if (generation == 0 || got != e.want(generation, i)) {
      if (mismatches.fetch_add(1) == 0) {
        std::lock_guard<std::mutex> lock(m);
        first_mismatch = "generation " + std::to_string(generation) + ", record " + e.records[i].id + ":\n got  " +
                         got + "\n want " + e.want(generation, i);
      }
    }
    screens.fetch_add(1, std::memory_order_relaxed);
  }
};

// Waits until the workers have done `count` more screens than `since` (bounded: the workers never stop
// on their own before `stop`).
void wait_for_screens(const Observed& seen, uint64_t since, uint64_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (seen.screens.load() < since + count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void check(const Expected& e, Observed& seen) {
  EXPECT_EQ(seen.mismatches.load(), 0u) << seen.first_mismatch;
  EXPECT_GT(seen.profile_a.load(), 0u);
  EXPECT_GT(seen.profile_b.load(), 0u);
  EXPECT_EQ(seen.max_generation.load(), static_cast<uint64_t>(kReloads + 1));
  EXPECT_GE(seen.screens.load(), static_cast<uint64_t>(kReloads) * kScreensPerGeneration);
  EXPECT_GT(e.differing, 0);
}

TEST(ConcurrencyReload, LiveScreenerEightThreadsWhileReloading) {
  const Expected e;
  ASSERT_GE(e.differing, 2) << "the profiles must differ on some records for the test to mean anything";
  regscreen::ScreenerOptions o;
  o.policy_dir = kPolicyDir;
  regscreen::LiveScreener live(kProfileA, o);

  Observed seen;
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      regscreen::Result result;
      std::string row;
      for (size_t k = t; !stop.load(std::memory_order_relaxed); ++k) {
        const size_t i = k % e.records.size();
        uint64_t generation;
        if (k % 16 == 0) {
          // Sometimes pin a snapshot instead: it keeps its policy even if a reload happens meanwhile.
          const std::shared_ptr<const Screener> pinned = live.snapshot();
          pinned->screen(cpp_record(e.records[i]), &result);
          generation = pinned->policy().profile_id == kProfileA ? 1 : 2;
        } else {
          generation = live.screen(cpp_record(e.records[i]), &result);
        }
        row.clear();
        regscreen::append_json(result, e.records[i].id, &row);
        seen.record(generation, row, e, i);
      }
    });
  }

  for (int n = 1; n <= kReloads; ++n) {
    wait_for_screens(seen, seen.screens.load(), kScreensPerGeneration);
    live.reload(n % 2 ? kProfileB : kProfileA, o);
    EXPECT_EQ(live.generation(), static_cast<uint64_t>(n + 1));
    if (n % 3 == 0) {
      // A failed reload in the middle of traffic: nothing changes.
      EXPECT_THROW(live.reload("no_such_profile", o), regscreen::PolicyError);
      EXPECT_EQ(live.generation(), static_cast<uint64_t>(n + 1));
    }
  }
  wait_for_screens(seen, seen.screens.load(), kScreensPerGeneration);
  stop = true;
  for (std::thread& w : workers) w.join();
  check(e, seen);
}

TEST(ConcurrencyReload, CApiEightThreadsWhileReloading) {
  const Expected e;
  ASSERT_GE(e.differing, 2);
  regscreen_options* o = regscreen_options_new();
  ASSERT_EQ(regscreen_options_set_policy_dir(o, kPolicyDir.c_str()), REGSCREEN_OK);
  regscreen_screener* s = nullptr;
  ASSERT_EQ(regscreen_screener_new(kProfileA, o, &s, nullptr), REGSCREEN_OK);

  Observed seen;
  std::atomic<bool> stop{false};
  std::atomic<int> call_failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      regscreen_result* result = regscreen_result_new();  // one per thread, reused
      for (size_t k = t; !stop.load(std::memory_order_relaxed); ++k) {
        const size_t i = k % e.records.size();
        const regscreen_record rec = c_record(e.records[i]);
        if (regscreen_screen(s, &rec, result, nullptr) != REGSCREEN_OK) {
          call_failures.fetch_add(1);
          continue;
        }
        const char* row = regscreen_result_json(result, nullptr);
        seen.record(regscreen_result_generation(result), row ? row : "", e, i);
      }
      regscreen_result_free(result);
    });
  }

  for (int n = 1; n <= kReloads; ++n) {
    wait_for_screens(seen, seen.screens.load(), kScreensPerGeneration);
    char* error = nullptr;
    EXPECT_EQ(regscreen_reload(s, n % 2 ? kProfileB : kProfileA, o, &error), REGSCREEN_OK) << (error ? error : "");
    regscreen_string_free(error);
    EXPECT_EQ(regscreen_screener_generation(s), static_cast<uint64_t>(n + 1));
    if (n % 3 == 0) {
      EXPECT_EQ(regscreen_reload(s, "no_such_profile", o, &error), REGSCREEN_E_POLICY);
      EXPECT_NE(error, nullptr);
      regscreen_string_free(error);
      EXPECT_EQ(regscreen_screener_generation(s), static_cast<uint64_t>(n + 1));
    }
  }
  wait_for_screens(seen, seen.screens.load(), kScreensPerGeneration);
  stop = true;
  for (std::thread& w : workers) w.join();
  EXPECT_EQ(call_failures.load(), 0);
  check(e, seen);
  regscreen_screener_free(s);
  regscreen_options_free(o);
}

}  // namespace
