// LiveScreener: reload semantics (compile first, keep the old profile on failure), per-thread snapshot
// caching (several LiveScreeners per thread, reused addresses, release of superseded Screeners), and the
// new-registration decision through it.
#include "regscreen/live_screener.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "regscreen/json.h"
#include "regscreen/policy.h"

namespace {

using regscreen::LiveScreener;
using regscreen::Record;
using regscreen::Screener;

regscreen::ScreenerOptions options() {
  regscreen::ScreenerOptions o;
  o.policy_dir = REGSCREEN_SOURCE_DIR "/data";
  return o;
}

std::string json(const regscreen::Result& r) {
  std::string out;
  regscreen::append_json(r, "", &out);
  return out;
}

// 众筹 alone is a Ningxia term but not a national one: this record tells the two profiles apart.
Record record(std::string_view name, std::string_view scope) {
  Record r;
  r.name = name;
  r.scope = scope;
  return r;
}
const Record kCrowd = record("宁波鄞州好物实物众筹科技有限公司", "实物众筹平台技术服务；软件开发");
const Record kWealth = record("北京中关村恒信财富管理有限公司", "财富管理；投资咨询");

class LiveScreenerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    national_ = new Screener(Screener::from_profile("national", options()));
    ningxia_ = new Screener(Screener::from_profile("ningxia", options()));
  }
  static void TearDownTestSuite() {
    delete national_;
    delete ningxia_;
  }
  void SetUp() override {
    ASSERT_NE(json(national_->screen(kCrowd)), json(ningxia_->screen(kCrowd)))
        << "national and ningxia must differ on kCrowd for these tests to mean anything";
  }
  static Screener* national_;
  static Screener* ningxia_;
};
Screener* LiveScreenerTest::national_ = nullptr;
Screener* LiveScreenerTest::ningxia_ = nullptr;

TEST_F(LiveScreenerTest, ServesTheInitialProfileAtGenerationOne) {
  LiveScreener live("national", options());
  EXPECT_EQ(live.generation(), 1u);
  regscreen::Result r;
  EXPECT_EQ(live.screen(kCrowd, &r), 1u);
  EXPECT_EQ(json(r), json(national_->screen(kCrowd)));
  EXPECT_EQ(json(live.screen(kWealth)), json(national_->screen(kWealth)));
  EXPECT_EQ(live.snapshot()->policy().profile_id, "national");
}

TEST_F(LiveScreenerTest, ReloadSwapsAndFailedReloadKeepsServing) {
  LiveScreener live("national", options());
  live.reload("ningxia", options());
  EXPECT_EQ(live.generation(), 2u);
  regscreen::Result r;
  EXPECT_EQ(live.screen(kCrowd, &r), 2u);
  EXPECT_EQ(json(r), json(ningxia_->screen(kCrowd)));

  try {
    live.reload("no_such_profile", options());
    FAIL() << "reload of a missing profile succeeded";
  } catch (const regscreen::PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_profile"), std::string::npos) << e.what();
  }
  EXPECT_EQ(live.generation(), 2u);
  EXPECT_EQ(live.screen(kCrowd, &r), 2u);
  EXPECT_EQ(json(r), json(ningxia_->screen(kCrowd)));
  EXPECT_EQ(live.snapshot()->policy().profile_id, "ningxia");
}

TEST_F(LiveScreenerTest, ProfileFailingValidationIsReportedWithFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / ("regscreen_live_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "broken.toml";
  std::ofstream(file) << "id = \"broken\"\n\n[[list]\n";
  LiveScreener live("national", options());
  try {
    live.reload(file.string(), options());
    FAIL() << "a broken profile was accepted";
  } catch (const regscreen::PolicyError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(file.string() + ":3:", 0), 0u) << e.what();
    EXPECT_EQ(e.line(), 3);
  }
  EXPECT_EQ(live.generation(), 1u);
  EXPECT_EQ(json(live.screen(kCrowd)), json(national_->screen(kCrowd)));
  std::filesystem::remove_all(dir);
}

TEST_F(LiveScreenerTest, InstallTakesACompiledScreener) {
  LiveScreener live(*national_);
  live.install(*ningxia_);
  EXPECT_EQ(live.generation(), 2u);
  EXPECT_EQ(json(live.screen(kCrowd)), json(ningxia_->screen(kCrowd)));
}

TEST_F(LiveScreenerTest, SnapshotKeepsItsPolicyAcrossReloads) {
  LiveScreener live(*national_);
  std::shared_ptr<const Screener> before = live.snapshot();
  live.install(*ningxia_);
  EXPECT_EQ(json(before->screen(kCrowd)), json(national_->screen(kCrowd)));
  EXPECT_EQ(json(live.snapshot()->screen(kCrowd)), json(ningxia_->screen(kCrowd)));
}

TEST_F(LiveScreenerTest, ManyLiveScreenersInOneThreadEachKeepTheirOwnProfile) {
  // More LiveScreeners than a thread caches, used round-robin: evicted slots must refill correctly.
  std::vector<std::unique_ptr<LiveScreener>> lives;
  for (int i = 0; i < 7; ++i) lives.push_back(std::make_unique<LiveScreener>(i % 2 ? *ningxia_ : *national_));
  const std::string want_national = json(national_->screen(kCrowd));
  const std::string want_ningxia = json(ningxia_->screen(kCrowd));
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(json(lives[i]->screen(kCrowd)), i % 2 ? want_ningxia : want_national) << round << " " << i;
    }
  }
  // Swap every one; each must see its own swap and only its own.
  for (int i = 0; i < 7; ++i) lives[i]->install(i % 2 ? *national_ : *ningxia_);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(json(lives[i]->screen(kCrowd)), i % 2 ? want_national : want_ningxia) << i;
}

TEST_F(LiveScreenerTest, ANewLiveScreenerAtAReusedAddressDoesNotSeeTheOldCache) {
  const std::string want_national = json(national_->screen(kCrowd));
  const std::string want_ningxia = json(ningxia_->screen(kCrowd));
  for (int i = 0; i < 20; ++i) {
    // Same storage every iteration, alternating profiles; both at generation 1.
    std::optional<LiveScreener> live;
    live.emplace(i % 2 ? *ningxia_ : *national_);
    EXPECT_EQ(json(live->screen(kCrowd)), i % 2 ? want_ningxia : want_national) << i;
  }
}

TEST_F(LiveScreenerTest, SupersededScreenerIsFreedOnceNoThreadUsesIt) {
  LiveScreener live(Screener::from_profile("national", options()));
  std::weak_ptr<const Screener> old = live.snapshot();

  // Another thread screens, then idles while the policy is swapped: its cache keeps the old Screener.
  std::mutex m;
  std::condition_variable cv;
  int phase = 0;
  std::thread worker([&] {
    live.screen(kWealth);
    std::unique_lock<std::mutex> lock(m);
    phase = 1;
    cv.notify_all();
    cv.wait(lock, [&] { return phase == 2; });
    LiveScreener::release_thread_cache();
    phase = 3;
    cv.notify_all();
  });
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return phase == 1; });
  }
  live.install(*ningxia_);
  live.screen(kWealth);  // this thread's cache moves to the new Screener
  EXPECT_FALSE(old.expired()) << "the idle worker's cached snapshot should still hold the old Screener";
  {
    std::unique_lock<std::mutex> lock(m);
    phase = 2;
    cv.notify_all();
    cv.wait(lock, [&] { return phase == 3; });
  }
  worker.join();
  EXPECT_TRUE(old.expired()) << "nobody uses the old Screener any more";
}

// Issue item 4 through the C++ API: Shanghai holds a new registration that it would refer.
TEST_F(LiveScreenerTest, ShanghaiHoldsNewRegistrations) {
  LiveScreener live("shanghai", options());
  ASSERT_EQ(live.snapshot()->policy().new_registration_decision, regscreen::Decision::kHold);
  Record existing = kWealth;
  Record application = kWealth;
  application.new_registration = true;
  EXPECT_EQ(live.screen(existing).decision, regscreen::Decision::kRefer);
  const regscreen::Result held = live.screen(application);
  EXPECT_EQ(held.decision, regscreen::Decision::kHold);
  EXPECT_FALSE(held.explanation.empty());
  EXPECT_FALSE(held.regulators.empty()) << "a held application still names the regulators to ask";
  // The national baseline refers new registrations like existing enterprises.
  EXPECT_EQ(national_->screen(application).decision, regscreen::Decision::kRefer);
}

}  // namespace
