// Hostile policy files: a term made only of separators, a profile of 50,000 terms, and policy files made of
// bytes that are not TOML at all. Each gives a PolicyError naming the file, or a policy that works; never
// a crash or an empty matcher pattern (docs/RELIABILITY.md).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../fuzz/screener_check.h"
#include "normalize/normalizer.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class HostilePolicy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("regscreen_hostile_policy_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "profiles");
    fs::copy_file(default_policy_dir() / "context.toml", dir_ / "context.toml");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  // A lexicon of one category with the given terms, and profile "p" listing them for name and scope.
  void write_policy(const std::vector<std::string>& terms) {
    std::string lexicon = "[[category]]\nid = \"finance\"\nlabel = \"金融\"\n";
    std::string list;
    for (size_t i = 0; i < terms.size(); ++i) {
      lexicon += "\n[[term]]\ntext = \"" + terms[i] + "\"\ncategory = \"finance\"\nweight = 80\nsources = [\"t.txt:" +
                 std::to_string(i + 1) + "\"]\n";
      list += (i ? ", \"" : "\"") + terms[i] + "\"";
    }
    write("lexicon.toml", lexicon);
    write("profiles/p.toml", "id = \"p\"\ntitle = \"t\"\n\n[[list]]\nid = \"l\"\nfields = [\"name\", \"scope\"]\nterms = [" +
                                 list + "]\nsources = [\"t.txt:1\"]\n\n[routing.finance]\nlead = [\"金融办\"]\nsources = [\"t.txt:2\"]\n");
  }

  fs::path dir_;
};

TEST_F(HostilePolicy, ATermOfOnlySeparatorsIsAPolicyErrorNotAnEmptyPattern) {
  // Every one of these folds to nothing: joiners (middle dot, hyphen, zero-width space, ideographic space,
  // asterisk, combining mark) are removed by the normalizer, so the term would match everywhere.
  for (const std::string term : {"·", "-", "\u200b", "\u3000·\u3000", "*_~", "\u0301"}) {
    SCOPED_TRACE(term);
    write_policy({"理财", term});
    try {
      Screener::from_profile("p", {.policy_dir = dir_});
      ADD_FAILURE() << "compiled a profile with a term of only separators";
    } catch (const PolicyError& e) {
      EXPECT_THAT(e.what(), HasSubstr(term));
      EXPECT_THAT(e.message(), HasSubstr("empty after normalization"));
    }
  }
}

TEST_F(HostilePolicy, FiftyThousandTerms) {
  // Distinct terms 甲子0 .. 甲子49999 (CJK + ASCII digits), all for name and scope.
  std::vector<std::string> terms;
  for (int i = 0; i < 50000; ++i) terms.push_back("甲子" + std::to_string(i));
  write_policy(terms);
  const Screener s = Screener::from_profile("p", {.policy_dir = dir_});
  ASSERT_EQ(s.policy().terms.size(), 50000u);
  // 甲子12345 contains 甲子1, 甲子12, 甲子123 and 甲子1234: five overlapping hits at one start.
  const Record rec{.name = "某某甲子12345有限公司", .scope = "甲子49999；甲子7"};
  const Result r = s.screen(rec);
  EXPECT_EQ(fuzz::check_result(s, rec, r), "");
  std::vector<std::string> name_terms;
  for (const Hit& h : r.hits) {
    if (h.field == Field::kName) name_terms.push_back(h.term);
  }
  EXPECT_THAT(name_terms, ::testing::UnorderedElementsAre("甲子1", "甲子12", "甲子123", "甲子1234", "甲子12345"));
  const Screener ac = Screener::from_profile("p", {.backend = Backend::kAhoCorasick, .policy_dir = dir_});
  EXPECT_EQ(fuzz::compare_results(r, ac.screen(rec)), "");
}

TEST_F(HostilePolicy, BinaryGarbageAsEveryPolicyFile) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) & 0xFF);
  write_policy({"理财"});
  for (const std::string file : {"lexicon.toml", "profiles/p.toml", "context.toml"}) {
    SCOPED_TRACE(file);
    const std::string kept = [&] {
      std::ifstream in(dir_ / file, std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    write(file, garbage);
    try {
      Screener::from_profile("p", {.policy_dir = dir_});
      ADD_FAILURE() << "loaded garbage";
    } catch (const PolicyError& e) {
      EXPECT_THAT(e.file(), HasSubstr(fs::path(file).filename().string()));
    }
    write(file, kept);
  }
  EXPECT_NO_THROW(Screener::from_profile("p", {.policy_dir = dir_}));
}

TEST_F(HostilePolicy, DeeplyNestedTomlIsAnErrorNotAStackOverflow) {
  write_policy({"理财"});
  write("profiles/p.toml", "id = \"p\"\nx = " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  EXPECT_THROW(Screener::from_profile("p", {.policy_dir = dir_}), PolicyError);
  write("profiles/p.toml", "id = \"p\"\nx = " + std::string(100000, '{') + "\n");
  EXPECT_THROW(Screener::from_profile("p", {.policy_dir = dir_}), PolicyError);
}

}  // namespace
}  // namespace regscreen
