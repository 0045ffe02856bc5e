// The Screener's calls for many records, which the Python bindings and the CLI's workers use:
//  - screen() over spans must give exactly the results of screen() on each record: its prefilter checks the
//    fields of many records at once, so a term, an unsafe character or an invalid byte in one record must
//    change nothing for its neighbours;
//  - certainly_clear() on code points: a record whose fields it clears must get the Result of an empty
//    record from screen().
#include <gtest/gtest.h>

#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "../fuzz/screener_check.h"
#include "regscreen/json.h"
#include "regscreen/screener.h"
#include "test_support.h"

namespace regscreen {
namespace {

std::string json_of(const Result& r) {
  std::string out;
  append_json(r, "", &out);
  return out;
}

// Random records from fragments: plain registry text, terms (affirmative, disclaimed, lookalike), the
// normalizer's cases (Traditional, full-width, spaced out, joiners), invalid and 4-byte sequences, and
// lengths around the prefilter's 32-byte blocks.
std::vector<std::string> random_texts(std::mt19937& rng, size_t n) {
  static const std::vector<std::string> pool = {
      "北京恒鑫科技有限公司", "技术开发、技术咨询、技术服务；", "理财", "資產管理", "理 财", "P2P", "ｐ２ｐ", "网络借贷信息中介",
      "（不得从事理财业务）", "支付", "第三方支付", "交易所", "金融信息服务", "财务咨询", "\xFF", "\xF0\x9F\x98\x80",
      "\xE7\x90", "理\u200B财", "（除依法须经批准的项目外，经相关部门批准后方可开展经营活动）", "0123456789abcdefghijklmnopqrstuv",
      "众筹", "投资管理", "上海", "有限公司"};
  std::vector<std::string> out(n);
  for (std::string& s : out) {
    for (int k = static_cast<int>(rng() % 7); k > 0; --k) s += pool[rng() % pool.size()];
  }
  return out;
}

TEST(BatchScreen, SameResultsAsOneByOne) {
  const Screener& s = test::national();
  std::mt19937 rng(7);
  size_t with_hits = 0, clear_fields = 0;
  for (int round = 0; round < 60; ++round) {
    const size_t n = 1 + rng() % 150;
    const std::vector<std::string> names = random_texts(rng, n), scopes = random_texts(rng, n),
                                   sites = random_texts(rng, n);
    std::vector<Record> records(n);
    for (size_t i = 0; i < n; ++i) {
      records[i] = test::record(names[i], scopes[i]);
      if (rng() % 4 == 0) records[i].website = sites[i];
      records[i].new_registration = rng() % 2 == 0;
    }
    // Results with leftovers of other records, as a caller reusing them would pass.
    std::vector<Result> batch(n);
    for (size_t i = 0; i < n; ++i) s.screen(records[(i * 7) % n], &batch[i]);
    s.screen(std::span<const Record>(records), std::span<Result>(batch));
    for (size_t i = 0; i < n; ++i) {
      const Result alone = s.screen(records[i]);
      ASSERT_EQ(json_of(batch[i]), json_of(alone)) << "record " << i << " of " << n << ": " << names[i] << " | "
                                                   << scopes[i];
      with_hits += !alone.hits.empty();
      clear_fields += alone.hits.empty();
    }
  }
  // Both kinds must occur for the comparison to mean anything.
  EXPECT_GT(with_hits, 500u);
  EXPECT_GT(clear_fields, 100u);
}

TEST(CertainlyClear, ClearedRecordsGetTheEmptyRecordsResult) {
  const Screener& s = test::national();
  const std::string empty = json_of(s.screen(Record{}));
  std::mt19937 rng(13);
  size_t cleared = 0, not_cleared_with_hits = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::vector<std::string> texts = random_texts(rng, 2);
    std::u32string name, scope;
    if (!fuzz::code_points_of(texts[0], &name) || !fuzz::code_points_of(texts[1], &scope)) continue;
    const Result r = s.screen(test::record(texts[0], texts[1]));
    const bool clear = s.certainly_clear(std::span<const char32_t>(name)) && s.certainly_clear(std::span<const char32_t>(scope));
    if (clear) {
      ++cleared;
      ASSERT_EQ(json_of(r), empty) << texts[0] << " | " << texts[1];
    } else {
      not_cleared_with_hits += !r.hits.empty();
    }
  }
  EXPECT_GT(cleared, 100u);
  EXPECT_GT(not_cleared_with_hits, 1000u);
}

TEST(CertainlyClear, EveryWidthAndTheLengthLimit) {
  ScreenerOptions options = test::source_data_options();
  options.max_field_bytes = 12;
  const Screener s = Screener::from_profile("national", options);
  const std::u16string four = u"技术开发";  // 12 bytes of UTF-8: within the limit
  EXPECT_TRUE(s.certainly_clear(std::span<const char16_t>(four)));
  const std::u16string five = u"技术开发中";  // 15 bytes: screen() would refuse it
  EXPECT_FALSE(s.certainly_clear(std::span<const char16_t>(five)));
  const std::u32string term = U"理财";
  EXPECT_FALSE(s.certainly_clear(std::span<const char32_t>(term)));
  const std::vector<uint8_t> latin1 = {'a', 'b', 0xE9};
  EXPECT_TRUE(s.certainly_clear(std::span<const uint8_t>(latin1)));
  const std::vector<uint8_t> p2p = {'p', '2', 'P'};
  EXPECT_FALSE(s.certainly_clear(std::span<const uint8_t>(p2p)));
}

TEST(BatchScreen, EmptyBatchAndSizeMismatch) {
  const Screener& s = test::national();
  s.screen(std::span<const Record>(), std::span<Result>());
  std::vector<Record> records(3, test::record("某某理财有限公司"));
  std::vector<Result> results(2);
  EXPECT_THROW(s.screen(std::span<const Record>(records), std::span<Result>(results)), std::invalid_argument);
}

TEST(BatchScreen, TooLongFieldNamesTheRecordAndScreensNothing) {
  ScreenerOptions options = test::source_data_options();
  options.max_field_bytes = 64;
  const Screener s = Screener::from_profile("national", options);
  const std::string long_scope(65, 'a');
  std::vector<Record> records = {test::record("某某理财有限公司"), test::record("甲"), test::record("乙", long_scope)};
  std::vector<Result> results(3);
  try {
    s.screen(std::span<const Record>(records), std::span<Result>(results));
    FAIL() << "no std::length_error";
  } catch (const std::length_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("record 2: scope is 65 bytes", 0), 0u) << e.what();
  }
  EXPECT_TRUE(results[0].explanation.empty()) << "record 0 was screened before the error";
}

}  // namespace
}  // namespace regscreen
