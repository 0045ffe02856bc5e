// Hostile record text through the whole screener: invalid UTF-8, overlong encodings, UTF-16 surrogates
// encoded in UTF-8, NUL bytes, deeply nested and unbalanced brackets. Whatever the bytes, screening must
// not crash, must count the bytes it could not decode, and must report every hit at its exact original
// offsets (docs/RELIABILITY.md). Hostile policy files are in hostile_policy_test.cc.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../fuzz/screener_check.h"
#include "regscreen/screener.h"
#include "test_support.h"

namespace regscreen {
namespace {

using ::testing::HasSubstr;

using test::national;

std::vector<const Hit*> hits_of(const Result& r, std::string_view term, Field field) {
  std::vector<const Hit*> out;
  for (const Hit& h : r.hits) {
    if (h.term == term && h.field == field) out.push_back(&h);
  }
  return out;
}

// Screens with both backends, checks every documented property of the result (fuzz/screener_check.h:
// offsets slice the field, hits are exactly the normalized occurrences, ...), and returns the result.
Result screen_checked(const Record& rec) {
  const Result r = national().screen(rec);
  EXPECT_EQ(fuzz::check_result(national(), rec, r), "");
  static const Screener ac = Screener::from_profile("national", {.backend = Backend::kAhoCorasick});
  EXPECT_EQ(fuzz::compare_results(r, ac.screen(rec)), "");
  return r;
}

TEST(HostileInput, InvalidBytesAreCountedAndHitsAfterThemKeepTheirOffsets) {
  // A stray continuation byte, a truncated 3-byte sequence and bytes that never occur in UTF-8.
  const std::string scope = std::string("\x80") + "理财" + "\xE4\xB8" + "；" + "\xFE\xFF" + "投资管理";
  const Result r = screen_checked({.name = "某某咨询有限公司", .scope = scope});
  const auto licai = hits_of(r, "理财", Field::kScope);
  ASSERT_EQ(licai.size(), 1u);
  EXPECT_EQ(licai[0]->start, 1u);
  EXPECT_EQ(licai[0]->end, 7u);
  const auto touzi = hits_of(r, "投资管理", Field::kScope);
  ASSERT_EQ(touzi.size(), 1u);
  EXPECT_EQ(touzi[0]->start, scope.size() - 12);
  EXPECT_EQ(touzi[0]->end, scope.size());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("scope: 5 invalid UTF-8"));
}

TEST(HostileInput, InvalidBytesInAFieldWithoutTermsStillWarn) {
  // The warning tells the caller the data is corrupt, whether or not the field has a term.
  const Result r = screen_checked({.name = "某某餐饮有限公司\xC3", .scope = "餐饮服务"});
  EXPECT_EQ(r.decision, Decision::kClear);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("name: 1 invalid UTF-8"));
}

TEST(HostileInput, OverlongEncodingsAreNotDecoded) {
  // C0 A0 is an overlong U+0020 and E0 80 AE an overlong U+002E: a lenient decoder would read a space or
  // a dot (both joiners, removed between the characters of a term) and find 理财. Strict decoding reads
  // each byte as U+FFFD, counts it, and the record carries the warning instead.
  const std::string name = std::string("某某理") + "\xC0\xA0" + "财" + "\xE0\x80\xAE" + "金融有限公司";
  const Result r = screen_checked({.name = name, .scope = "咨询"});
  EXPECT_TRUE(hits_of(r, "理财", Field::kName).empty());
  const auto jinrong = hits_of(r, "金融", Field::kName);
  ASSERT_EQ(jinrong.size(), 1u);
  EXPECT_EQ(jinrong[0]->text, "金融");
  EXPECT_EQ(jinrong[0]->start, name.find("金融"));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("name: 5 invalid UTF-8"));
}

TEST(HostileInput, SurrogatesEncodedInUtf8AreInvalid) {
  // ED A0 80 (U+D800) and ED BF BF (U+DFFF), and a CESU-8 style pair for U+1F600.
  const std::string scope = std::string("\xED\xA0\x80") + "支付" + "\xED\xBF\xBF" + "\xED\xA0\xBD\xED\xB8\x80" + "网贷";
  const Result r = screen_checked({.name = "某某科技有限公司", .scope = scope});
  const auto zhifu = hits_of(r, "支付", Field::kScope);
  ASSERT_EQ(zhifu.size(), 1u);
  EXPECT_EQ(zhifu[0]->start, 3u);
  const auto wangdai = hits_of(r, "网贷", Field::kScope);
  ASSERT_EQ(wangdai.size(), 1u);
  EXPECT_EQ(wangdai[0]->start, scope.size() - 6);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("scope: 12 invalid UTF-8"));
}

TEST(HostileInput, NulBytesDoNotTruncateAField) {
  const std::string nul(1, '\0');
  const std::string name = "某某" + nul + nul + "科技" + nul + "有限公司";
  const std::string scope = nul + nul + "P2P网络借贷" + nul + "支付";
  const Result r = screen_checked({.name = name, .scope = scope});
  const auto p2p = hits_of(r, "P2P", Field::kScope);
  ASSERT_EQ(p2p.size(), 1u);
  EXPECT_EQ(p2p[0]->start, 2u);
  const auto zhifu = hits_of(r, "支付", Field::kScope);
  ASSERT_EQ(zhifu.size(), 1u);
  EXPECT_EQ(zhifu[0]->end, scope.size());
  EXPECT_TRUE(r.warnings.empty());  // NUL is valid UTF-8
}

TEST(HostileInput, TenThousandNestedBracketsInAScope) {
  std::string open, close;
  for (int i = 0; i < 10000; ++i) {
    open += "（";
    close += "）";
  }
  const std::string scope = "软件开发" + open + "不得从事金融业务" + close + "；理财咨询";
  const Result r = screen_checked({.name = "某某软件有限公司", .scope = scope});
  const auto jinrong = hits_of(r, "金融", Field::kScope);
  ASSERT_EQ(jinrong.size(), 1u);
  EXPECT_EQ(jinrong[0]->start, scope.find("金融"));
  EXPECT_EQ(jinrong[0]->status, HitStatus::kNegated);
  const auto licai = hits_of(r, "理财", Field::kScope);
  ASSERT_EQ(licai.size(), 1u);
  EXPECT_EQ(licai[0]->start, scope.rfind("理财"));
}

TEST(HostileInput, UnbalancedBracketsEitherWay) {
  std::string open, close;
  for (int i = 0; i < 10000; ++i) {
    open += "(（【[";
    close += "]】）)";
  }
  for (const std::string& scope : {open + "金融服务", "金融服务" + close, close + "支付" + open}) {
    const Result r = screen_checked({.name = "某某有限公司", .scope = scope});
    EXPECT_EQ(r.hits.size(), 1u);
  }
}

TEST(HostileInput, EveryByteValueInEveryField) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  const std::string text = all + "理财" + all + "支付" + all;
  const Result r = screen_checked({.name = text, .scope = text, .website = text, .credit_code = all});
  EXPECT_EQ(hits_of(r, "理财", Field::kScope).size(), 1u);
  EXPECT_EQ(hits_of(r, "支付", Field::kWebsite).size(), 1u);
}

}  // namespace
}  // namespace regscreen
