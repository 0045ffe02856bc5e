// Size limits of the screener (docs/RELIABILITY.md): a field longer than ScreenerOptions::max_field_bytes
// (16 MiB by default) is refused with std::length_error before any work; a 50 MB field under a raised limit
// is screened exactly; a record with 100,000 term occurrences reports every one at its exact offsets. Time
// is not asserted here (no timed unit tests): a quadratic step would show as a ctest timeout, and
// docs/RELIABILITY.md records the measured times.
#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "regscreen/screener.h"

namespace regscreen {
namespace {

using ::testing::HasSubstr;

const Screener& national(size_t max_field_bytes) {
  static const Screener by_default = Screener::from_profile("national");
  static const Screener raised = Screener::from_profile("national", {.max_field_bytes = size_t{64} << 20});
  static const Screener unlimited = Screener::from_profile("national", {.max_field_bytes = 0});
  if (max_field_bytes == 0) return unlimited;
  return max_field_bytes > (size_t{16} << 20) ? raised : by_default;
}

// ~50 MB of ordinary scope text with terms at the very start, in the middle and at the very end.
std::string fifty_megabyte_scope(size_t* middle) {
  const std::string filler = "技术开发、技术咨询、技术服务；";  // 45 bytes, no term
  std::string s = "理财";
  s.reserve(50u << 20);
  while (s.size() < (25u << 20)) s += filler;
  *middle = s.size();
  s += "支付";
  while (s.size() < (50u << 20)) s += filler;
  s += "网贷";
  return s;
}

TEST(Limits, DefaultFieldLimitIs16MiB) { EXPECT_EQ(ScreenerOptions{}.max_field_bytes, size_t{16} << 20); }

TEST(Limits, AFieldOverTheLimitIsRefusedWithAClearError) {
  size_t middle = 0;
  const std::string scope = fifty_megabyte_scope(&middle);
  try {
    national(size_t{16} << 20).screen({.name = "某某科技有限公司", .scope = scope});
    FAIL() << "a 50 MB scope was screened under the 16 MiB limit";
  } catch (const std::length_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("scope is " + std::to_string(scope.size()) + " bytes"));
    EXPECT_THAT(e.what(), HasSubstr("16777216"));
    EXPECT_THAT(e.what(), HasSubstr("max_field_bytes"));
  }
  // Exactly at the limit is accepted; one byte over is not.
  const std::string at_limit = scope.substr(0, size_t{16} << 20);
  EXPECT_NO_THROW(national(size_t{16} << 20).screen({.name = at_limit}));
  EXPECT_THROW(national(size_t{16} << 20).screen({.website = scope.substr(0, (size_t{16} << 20) + 1)}),
               std::length_error);
}

TEST(Limits, AReusedResultIsLeftEmptyWhenRefused) {
  Result r = national(size_t{16} << 20).screen({.name = "某某理财有限公司"});
  ASSERT_FALSE(r.hits.empty());
  const std::string big((size_t{16} << 20) + 1, 'a');
  EXPECT_THROW(national(size_t{16} << 20).screen({.name = big}, &r), std::length_error);
  EXPECT_TRUE(r.hits.empty());
  EXPECT_TRUE(r.categories.empty());
}

TEST(Limits, AFiftyMegabyteFieldUnderARaisedLimitIsScreenedExactly) {
  size_t middle = 0;
  const std::string scope = fifty_megabyte_scope(&middle);
  for (const size_t limit : {size_t{64} << 20, size_t{0}}) {
    const Result r = national(limit).screen({.name = "某某科技有限公司", .scope = scope});
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.hits[0].term, "理财");
    EXPECT_EQ(r.hits[0].start, 0u);
    EXPECT_EQ(r.hits[1].term, "支付");
    EXPECT_EQ(r.hits[1].start, middle);
    EXPECT_EQ(r.hits[2].term, "网贷");
    EXPECT_EQ(r.hits[2].end, scope.size());
    EXPECT_EQ(r.hits[2].text, "网贷");
  }
}

TEST(Limits, OneHundredThousandHitsInOneRecord) {
  // 理财 100,000 times, separated by the list mark 、 so that no two occurrences join.
  std::string scope;
  for (int i = 0; i < 100000; ++i) scope += "理财、";
  const Result r = national(size_t{16} << 20).screen({.name = "某某理财咨询有限公司", .scope = scope});
  size_t scope_hits = 0;
  for (const Hit& h : r.hits) {
    if (h.field != Field::kScope) continue;
    ASSERT_EQ(h.term, "理财");
    ASSERT_EQ(h.start, scope_hits * 9) << "hit " << scope_hits;
    ASSERT_EQ(h.end, h.start + 6);
    ++scope_hits;
  }
  EXPECT_EQ(scope_hits, 100000u);
  EXPECT_THAT(r.categories, ::testing::Contains("asset_management"));
  EXPECT_EQ(r.decision, Decision::kRefer);
}

TEST(Limits, OneHundredThousandOverlappingHits) {
  // 基金管理 contains 基金 and 基金管理; 股权投资基金 contains 基金 and 股权投资基金: 200,000 hits, in overlapping pairs.
  std::string scope;
  for (int i = 0; i < 100000; ++i) scope += i % 2 ? "基金管理" : "股权投资基金";
  const Result r = national(size_t{16} << 20).screen({.scope = scope});
  size_t jijin = 0, other = 0;
  for (const Hit& h : r.hits) {
    ASSERT_EQ(h.text, scope.substr(h.start, h.end - h.start));
    (h.term == "基金" ? jijin : other)++;
  }
  EXPECT_EQ(jijin, 100000u);
  EXPECT_EQ(other, 100000u);
}

}  // namespace
}  // namespace regscreen
