// The C API (libregscreen_c.so) against the C++ Screener: same results, errors as status codes and
// messages, the new-registration flag carried, reload keeping the old profile on failure.
#include "regscreen/regscreen_c.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "regscreen/json.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"
#include "test_records_capi.h"

namespace {

const std::string kPolicyDir = REGSCREEN_SOURCE_DIR "/data";

using regscreen::test::TestRecord;
using regscreen::test::c_record;
using regscreen::test::cpp_record;

// Written for these tests: typical shapes of registry text (a financial name, a disclaimer in the scope,
// a benign company, full-width and Traditional forms, a website name, an empty record).
const std::vector<TestRecord> kRecords = {
    {"wealth", "北京中关村恒信财富管理有限公司", "财富管理；资产管理；投资咨询", "", false},
    {"disclaimer", "南京栖霞云帆信息技术有限公司",
     "软件开发；技术服务（未经金融监管部门批准，不得从事吸收存款、融资担保、代客理财等金融业务）", "", false},
    {"restaurant", "成都武侯老街坊餐饮管理有限公司", "餐饮服务；食品销售；会议及展览服务", "", false},
    {"p2p-fullwidth", "深圳前海Ｐ２Ｐ網絡借貸信息中介有限公司", "网络借贷信息中介服务", "", true},
    {"payment-web", "杭州滨江易付科技有限公司", "支付结算技术服务；计算机软硬件开发", "易付理财网", false},
    {"crowdfunding", "宁波鄞州好物实物众筹科技有限公司", "实物众筹平台技术服务；软件开发", "", false},
    {"empty", "", "", "", false},
};

std::string cpp_json(const regscreen::Result& r, std::string_view id) {
  std::string out;
  regscreen::append_json(r, id, &out);
  return out;
}

// Owns a C screener and frees it.
struct CScreener {
  regscreen_screener* s = nullptr;
  explicit CScreener(const char* profile, const char* policy_dir = kPolicyDir.c_str()) {
    regscreen_options* o = regscreen_options_new();
    regscreen_options_set_policy_dir(o, policy_dir);
    char* error = nullptr;
    const regscreen_status st = regscreen_screener_new(profile, o, &s, &error);
    regscreen_options_free(o);
    EXPECT_EQ(st, REGSCREEN_OK) << (error ? error : "");
    regscreen_string_free(error);
  }
  ~CScreener() { regscreen_screener_free(s); }
};

struct CResult {
  regscreen_result* r = regscreen_result_new();
  ~CResult() { regscreen_result_free(r); }
};

regscreen::Screener cpp_screener(std::string_view profile) {
  regscreen::ScreenerOptions o;
  o.policy_dir = kPolicyDir;
  return regscreen::Screener::from_profile(profile, o);
}

void expect_same(const regscreen::Result& want, regscreen_result* got, const std::string& id) {
  SCOPED_TRACE(id);
  regscreen_summary sum;
  ASSERT_EQ(regscreen_result_summary(got, &sum), REGSCREEN_OK);
  EXPECT_EQ(sum.decision, static_cast<int>(want.decision));
  EXPECT_EQ(regscreen_result_decision(got), static_cast<int>(want.decision));
  EXPECT_EQ(sum.score, want.score);
  EXPECT_EQ(regscreen_result_score(got), want.score);
  ASSERT_EQ(sum.hit_count, want.hits.size());
  size_t affirmative = 0;
  for (size_t i = 0; i < want.hits.size(); ++i) {
    const regscreen::Hit& w = want.hits[i];
    if (w.status == regscreen::HitStatus::kAffirmative) ++affirmative;
    regscreen_hit h;
    ASSERT_EQ(regscreen_result_hit(got, i, &h), REGSCREEN_OK);
    EXPECT_EQ(h.term, w.term);
    EXPECT_EQ(h.category, w.category);
    EXPECT_EQ(h.text, w.text);
    EXPECT_EQ(h.reason, w.reason);
    EXPECT_EQ(h.field, static_cast<int>(w.field));
    EXPECT_EQ(h.status, static_cast<int>(w.status));
    EXPECT_EQ(h.name_part, static_cast<int>(w.name_part));
    EXPECT_EQ(h.start, w.start);
    EXPECT_EQ(h.end, w.end);
    EXPECT_EQ(h.weight, w.weight);
  }
  EXPECT_EQ(sum.affirmative_hit_count, affirmative);
  ASSERT_EQ(sum.category_count, want.categories.size());
  for (size_t i = 0; i < want.categories.size(); ++i) EXPECT_EQ(regscreen_result_category(got, i), want.categories[i]);
  ASSERT_EQ(sum.regulator_count, want.regulators.size());
  for (size_t i = 0; i < want.regulators.size(); ++i) EXPECT_EQ(regscreen_result_regulator(got, i), want.regulators[i]);
  ASSERT_EQ(sum.warning_count, want.warnings.size());
  for (size_t i = 0; i < want.warnings.size(); ++i) EXPECT_EQ(regscreen_result_warning(got, i), want.warnings[i]);
  EXPECT_EQ(regscreen_result_explanation(got), want.explanation);
  size_t length = 0;
  const char* json = regscreen_result_json(got, &length);
  ASSERT_NE(json, nullptr);
  EXPECT_EQ(std::string(json, length), cpp_json(want, id));
  EXPECT_EQ(std::strlen(json), length);
}

TEST(CApiVersion, AbiMacroMatchesLibraryAndMismatchIsReported) {
  EXPECT_EQ(regscreen_abi_version(), REGSCREEN_C_ABI_VERSION);
  EXPECT_EQ(regscreen_check_abi(REGSCREEN_C_ABI_VERSION), REGSCREEN_OK);
  EXPECT_EQ(regscreen_check_abi(REGSCREEN_C_ABI_VERSION + 1), REGSCREEN_E_ABI_MISMATCH);
  EXPECT_EQ(regscreen_check_abi(0), REGSCREEN_E_ABI_MISMATCH);
  const std::string version = regscreen_version();
  EXPECT_TRUE(std::count(version.begin(), version.end(), '.') == 2) << version;
  EXPECT_STREQ(regscreen_status_string(REGSCREEN_E_POLICY), "policy could not be loaded");
  EXPECT_STREQ(regscreen_status_string(12345), "unknown status");
}

TEST(CApiVersion, EnumNamesMatchTheJsonContract) {
  EXPECT_STREQ(regscreen_decision_name(REGSCREEN_DECISION_HOLD), "hold");
  EXPECT_STREQ(regscreen_decision_name(REGSCREEN_DECISION_REFER), "refer");
  EXPECT_STREQ(regscreen_decision_name(99), "?");
  EXPECT_STREQ(regscreen_field_name(REGSCREEN_FIELD_WEBSITE), "website");
  EXPECT_STREQ(regscreen_field_name(-1), "?");
  EXPECT_STREQ(regscreen_hit_status_name(REGSCREEN_HIT_NOT_THE_WORD), "not_the_word");
  EXPECT_STREQ(regscreen_name_part_name(REGSCREEN_NAME_PART_TRADE_NAME), "trade_name");
}

TEST(CApiScreen, ResultsEqualTheCppScreener) {
  for (const char* profile : {"national", "ningxia"}) {
    SCOPED_TRACE(profile);
    CScreener c(profile);
    ASSERT_NE(c.s, nullptr);
    const regscreen::Screener cpp = cpp_screener(profile);
    CResult res;  // reused across records: each call must replace the previous content
    for (const TestRecord& r : kRecords) {
      const regscreen_record rec = c_record(r);
      char* error = reinterpret_cast<char*>(1);
      ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, &error), REGSCREEN_OK);
      EXPECT_EQ(error, nullptr);  // cleared on success
      expect_same(cpp.screen(cpp_record(r)), res.r, r.id);
      EXPECT_EQ(regscreen_result_generation(res.r), 1u);
    }
  }
}

TEST(CApiScreen, RecordsOfTheSetHaveTheDecisionsTheyWereWrittenFor) {
  // Guards the comparison above against vacuity: these records do produce hits and refer.
  CScreener c("national");
  CResult res;
  const regscreen_record wealth = c_record(kRecords[0]);
  ASSERT_EQ(regscreen_screen(c.s, &wealth, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_decision(res.r), REGSCREEN_DECISION_REFER);
  regscreen_summary sum;
  regscreen_result_summary(res.r, &sum);
  EXPECT_GE(sum.hit_count, 2u);
  regscreen_hit first;
  ASSERT_EQ(regscreen_result_hit(res.r, 0, &first), REGSCREEN_OK);
  EXPECT_EQ(first.field, REGSCREEN_FIELD_NAME);
  EXPECT_STREQ(first.text, "财富管理");
  EXPECT_EQ(kRecords[0].name.substr(first.start, first.end - first.start), "财富管理");

  const regscreen_record restaurant = c_record(kRecords[2]);
  ASSERT_EQ(regscreen_screen(c.s, &restaurant, res.r, nullptr), REGSCREEN_OK);
  regscreen_result_summary(res.r, &sum);
  EXPECT_EQ(sum.decision, REGSCREEN_DECISION_CLEAR);
  EXPECT_EQ(sum.hit_count, 0u);  // the previous record's hits are gone
  EXPECT_EQ(regscreen_result_category(res.r, 0), nullptr);

  // Offsets point into the original full-width / Traditional text.
  const regscreen_record p2p = c_record(kRecords[3]);
  ASSERT_EQ(regscreen_screen(c.s, &p2p, res.r, nullptr), REGSCREEN_OK);
  regscreen_hit h;
  bool found = false;
  for (size_t i = 0; regscreen_result_hit(res.r, i, &h) == REGSCREEN_OK; ++i) {
    if (h.field == REGSCREEN_FIELD_NAME && std::string(h.term) == "P2P") {
      found = true;
      EXPECT_STREQ(h.text, "Ｐ２Ｐ");
      EXPECT_EQ(kRecords[3].name.substr(h.start, h.end - h.start), "Ｐ２Ｐ");
    }
  }
  EXPECT_TRUE(found);
}

TEST(CApiScreen, JsonIsValidAndCarriesTheId) {
  CScreener c("national");
  CResult res;
  for (const TestRecord& r : kRecords) {
    const regscreen_record rec = c_record(r);
    ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
    const nlohmann::json j = nlohmann::json::parse(regscreen_result_json(res.r, nullptr));
    EXPECT_EQ(j.at("id"), r.id);
    EXPECT_EQ(j.at("decision"), regscreen_decision_name(regscreen_result_decision(res.r)));
    regscreen_summary sum;
    regscreen_result_summary(res.r, &sum);
    EXPECT_EQ(j.at("hits").size(), sum.hit_count);
    EXPECT_EQ(j.at("score"), sum.score);
  }
}

TEST(CApiScreen, ExplicitLengthsNeedNoTerminatorAndNulTerminatedIsAccepted) {
  CScreener c("national");
  CResult res;
  // Only the first 7 characters (21 bytes) of the buffer are the name: the term after them must not count.
  const std::string buffer = "苏州工业园区云谷理财咨询有限公司";
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  rec.name = buffer.data();
  rec.name_len = 21;
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_decision(res.r), REGSCREEN_DECISION_CLEAR);
  rec.name_len = REGSCREEN_NUL_TERMINATED;
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  regscreen_hit h;
  ASSERT_EQ(regscreen_result_hit(res.r, 0, &h), REGSCREEN_OK);
  EXPECT_STREQ(h.term, "理财");
  EXPECT_EQ(h.start, 24u);
  // NULL with length 0 (or NUL_TERMINATED) is an absent field.
  rec.name = nullptr;
  rec.name_len = REGSCREEN_NUL_TERMINATED;
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_decision(res.r), REGSCREEN_DECISION_CLEAR);
}

TEST(CApiScreen, InvalidUtf8IsAWarningNotAFailure) {
  CScreener c("national");
  CResult res;
  const std::string name = "广州\xff\xfe理财\xc3有限公司";
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  rec.id = "bad\xff";
  rec.id_len = REGSCREEN_NUL_TERMINATED;
  rec.name = name.data();
  rec.name_len = name.size();
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  regscreen_summary sum;
  regscreen_result_summary(res.r, &sum);
  EXPECT_GE(sum.warning_count, 1u);
  EXPECT_NE(std::string(regscreen_result_warning(res.r, 0)).find("invalid UTF-8"), std::string::npos);
  EXPECT_NO_THROW(nlohmann::json::parse(regscreen_result_json(res.r, nullptr)));
}

TEST(CApiErrors, MissingProfileIsAPolicyErrorWithAMessage) {
  regscreen_options* o = regscreen_options_new();
  ASSERT_EQ(regscreen_options_set_policy_dir(o, kPolicyDir.c_str()), REGSCREEN_OK);
  regscreen_screener* s = reinterpret_cast<regscreen_screener*>(1);
  char* error = nullptr;
  EXPECT_EQ(regscreen_screener_new("no_such_profile", o, &s, &error), REGSCREEN_E_POLICY);
  EXPECT_EQ(s, nullptr);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("no_such_profile"), std::string::npos) << error;
  regscreen_string_free(error);
  // Without an error pointer the status alone is reported.
  EXPECT_EQ(regscreen_screener_new("no_such_profile", o, &s, nullptr), REGSCREEN_E_POLICY);
  regscreen_options_free(o);
}

TEST(CApiErrors, BrokenProfileFileGivesFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / ("regscreen_capi_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "broken.toml";
  std::ofstream(file) << "id = \"broken\"\ntitle = \"x\"\n[thresholds\nrefer = 60\n";
  regscreen_options* o = regscreen_options_new();
  regscreen_options_set_policy_dir(o, kPolicyDir.c_str());
  regscreen_screener* s = nullptr;
  char* error = nullptr;
  EXPECT_EQ(regscreen_screener_new(file.c_str(), o, &s, &error), REGSCREEN_E_POLICY);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(std::string(error).rfind(file.string() + ":3:", 0), 0u) << error;
  regscreen_string_free(error);
  regscreen_options_free(o);
  std::filesystem::remove_all(dir);
}

TEST(CApiErrors, NullAndOutOfRangeArgumentsAreRejected) {
  char* error = nullptr;
  regscreen_screener* s = nullptr;
  EXPECT_EQ(regscreen_screener_new(nullptr, nullptr, &s, &error), REGSCREEN_E_INVALID_ARGUMENT);
  ASSERT_NE(error, nullptr);
  regscreen_string_free(error);
  EXPECT_EQ(regscreen_screener_new("national", nullptr, nullptr, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_options_set_backend(nullptr, 0), REGSCREEN_E_INVALID_ARGUMENT);
  regscreen_options* o = regscreen_options_new();
  EXPECT_EQ(regscreen_options_set_backend(o, 7), REGSCREEN_E_INVALID_ARGUMENT);
  regscreen_options_free(o);

  CScreener c("national");
  CResult res;
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  EXPECT_EQ(regscreen_screen(nullptr, &rec, res.r, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_screen(c.s, nullptr, res.r, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_screen(c.s, &rec, nullptr, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  rec.id = "r1";
  rec.id_len = 2;
  rec.scope_len = 5;  // NULL pointer with a length
  EXPECT_EQ(regscreen_screen(c.s, &rec, res.r, &error), REGSCREEN_E_INVALID_ARGUMENT);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("scope"), std::string::npos) << error;
  // The failed result is an error row in the JSON contract.
  EXPECT_EQ(regscreen_result_decision(res.r), REGSCREEN_DECISION_ERROR);
  const nlohmann::json j = nlohmann::json::parse(regscreen_result_json(res.r, nullptr));
  EXPECT_EQ(j.at("decision"), "error");
  EXPECT_EQ(j.at("id"), "r1");
  EXPECT_EQ(j.at("error"), error);
  regscreen_string_free(error);

  regscreen_hit h;
  EXPECT_EQ(regscreen_result_hit(res.r, 0, &h), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_result_summary(nullptr, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_result_decision(nullptr), REGSCREEN_DECISION_ERROR);
  EXPECT_EQ(regscreen_result_json(nullptr, nullptr), nullptr);
  EXPECT_EQ(regscreen_screener_profile(nullptr), nullptr);
  EXPECT_EQ(regscreen_screener_generation(nullptr), 0u);
  regscreen_screener_free(nullptr);
  regscreen_result_free(nullptr);
  regscreen_options_free(nullptr);
  regscreen_string_free(nullptr);
}

TEST(CApiOptions, BackendsGiveTheSameResults) {
  regscreen_options* o = regscreen_options_new();
  regscreen_options_set_policy_dir(o, kPolicyDir.c_str());
  ASSERT_EQ(regscreen_options_set_backend(o, REGSCREEN_BACKEND_AHO_CORASICK), REGSCREEN_OK);
  regscreen_screener* ac = nullptr;
  ASSERT_EQ(regscreen_screener_new("national", o, &ac, nullptr), REGSCREEN_OK);
  regscreen_options_free(o);
  char* backend = regscreen_screener_backend(ac);
  ASSERT_NE(backend, nullptr);
  EXPECT_EQ(std::string(backend).rfind("aho-corasick", 0), 0u) << backend;
  regscreen_string_free(backend);
  CScreener def("national");
  CResult a, b;
  for (const TestRecord& r : kRecords) {
    const regscreen_record rec = c_record(r);
    ASSERT_EQ(regscreen_screen(ac, &rec, a.r, nullptr), REGSCREEN_OK);
    ASSERT_EQ(regscreen_screen(def.s, &rec, b.r, nullptr), REGSCREEN_OK);
    EXPECT_STREQ(regscreen_result_json(a.r, nullptr), regscreen_result_json(b.r, nullptr)) << r.id;
  }
  regscreen_screener_free(ac);
}

TEST(CApiOptions, MissingPolicyDirIsAPolicyError) {
  regscreen_options* o = regscreen_options_new();
  regscreen_options_set_policy_dir(o, "/nonexistent/regscreen/policy");
  regscreen_screener* s = nullptr;
  char* error = nullptr;
  EXPECT_EQ(regscreen_screener_new("national", o, &s, &error), REGSCREEN_E_POLICY);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("/nonexistent/regscreen/policy"), std::string::npos) << error;
  regscreen_string_free(error);
  regscreen_options_free(o);
}

TEST(CApiReload, SuccessSwapsProfileAndFailureKeepsTheOldOne) {
  CScreener c("national");
  CResult res;
  const TestRecord& crowd = kRecords[5];  // 众筹 is a Ningxia term, not a national one
  const regscreen_record rec = c_record(crowd);
  const regscreen::Screener national = cpp_screener("national");
  const regscreen::Screener ningxia = cpp_screener("ningxia");
  ASSERT_NE(cpp_json(national.screen(cpp_record(crowd)), crowd.id), cpp_json(ningxia.screen(cpp_record(crowd)), crowd.id))
      << "the two profiles must differ on this record for the test to mean anything";

  EXPECT_EQ(regscreen_screener_generation(c.s), 1u);
  char* profile = regscreen_screener_profile(c.s);
  EXPECT_STREQ(profile, "national");
  regscreen_string_free(profile);

  regscreen_options* o = regscreen_options_new();
  regscreen_options_set_policy_dir(o, kPolicyDir.c_str());
  char* error = nullptr;
  ASSERT_EQ(regscreen_reload(c.s, "ningxia", o, &error), REGSCREEN_OK) << (error ? error : "");
  EXPECT_EQ(regscreen_screener_generation(c.s), 2u);
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_generation(res.r), 2u);
  expect_same(ningxia.screen(cpp_record(crowd)), res.r, crowd.id);

  // A profile that fails to load: reported, and ningxia keeps serving.
  EXPECT_EQ(regscreen_reload(c.s, "no_such_profile", o, &error), REGSCREEN_E_POLICY);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("no_such_profile"), std::string::npos);
  regscreen_string_free(error);
  EXPECT_EQ(regscreen_reload(nullptr, "national", o, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_reload(c.s, nullptr, o, nullptr), REGSCREEN_E_INVALID_ARGUMENT);
  EXPECT_EQ(regscreen_screener_generation(c.s), 2u);
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_generation(res.r), 2u);
  expect_same(ningxia.screen(cpp_record(crowd)), res.r, crowd.id);
  profile = regscreen_screener_profile(c.s);
  EXPECT_STREQ(profile, "ningxia");
  regscreen_string_free(profile);

  ASSERT_EQ(regscreen_reload(c.s, "national", o, nullptr), REGSCREEN_OK);
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_generation(res.r), 3u);
  expect_same(national.screen(cpp_record(crowd)), res.r, crowd.id);
  regscreen_options_free(o);
}

// Issue item 4: the flag reaches the screener, and Shanghai holds a new registration it would refer.
TEST(CApiNewRegistration, ShanghaiHoldsNewRegistrationsAndRefersExistingOnes) {
  CScreener c("shanghai");
  ASSERT_NE(c.s, nullptr);
  const regscreen::Screener cpp = cpp_screener("shanghai");
  ASSERT_EQ(cpp.policy().new_registration_decision, regscreen::Decision::kHold);
  CResult res;
  TestRecord r = kRecords[0];  // referred as an existing enterprise
  for (bool is_new : {false, true}) {
    r.new_registration = is_new;
    const regscreen_record rec = c_record(r);
    ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
    EXPECT_EQ(regscreen_result_decision(res.r), is_new ? REGSCREEN_DECISION_HOLD : REGSCREEN_DECISION_REFER);
    expect_same(cpp.screen(cpp_record(r)), res.r, r.id);
    const nlohmann::json j = nlohmann::json::parse(regscreen_result_json(res.r, nullptr));
    EXPECT_EQ(j.at("decision"), is_new ? "hold" : "refer");
  }
  // A new registration that would be cleared stays clear: only referrals are held.
  r = kRecords[2];
  r.new_registration = true;
  const regscreen_record rec = c_record(r);
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_decision(res.r), REGSCREEN_DECISION_CLEAR);
}

TEST(CApiNewRegistration, NationalRefersNewRegistrationsLikeExistingOnes) {
  CScreener c("national");
  CResult res;
  TestRecord r = kRecords[0];
  r.new_registration = true;
  const regscreen_record rec = c_record(r);
  ASSERT_EQ(regscreen_screen(c.s, &rec, res.r, nullptr), REGSCREEN_OK);
  EXPECT_EQ(regscreen_result_decision(res.r), REGSCREEN_DECISION_REFER);
}

}  // namespace
