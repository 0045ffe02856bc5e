// Replays every fuzz input kept in the repository through the same property checks the fuzz targets run
// (fuzz/*_check.h), in the normal (and ASan/UBSan) build: the seed corpora fuzz/corpus/<target>/ and every
// input a fuzzer once failed on, saved by scripts/fuzz.sh in tests/data/fuzz/<target>/. A bug found by
// fuzzing thus stays a test after it is fixed. docs/RELIABILITY.md lists the targets and the properties.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../fuzz/matcher_check.h"
#include "../fuzz/normalizer_check.h"
#include "../fuzz/policy_check.h"
#include "../fuzz/screener_check.h"
#if REGSCREEN_HAVE_CLI_CORE
#include "../fuzz/reader_check.h"
#endif

namespace regscreen::fuzz {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files of fuzz/corpus/<target>/ and tests/data/fuzz/<target>/, sorted.
std::vector<fs::path> inputs(const std::string& target, bool saved_only = false) {
  std::vector<fs::path> files;
  std::vector<fs::path> dirs = {fs::path(REGSCREEN_TEST_DATA_DIR) / "fuzz" / target};
  if (!saved_only) dirs.push_back(fs::path(REGSCREEN_SOURCE_DIR) / "fuzz" / "corpus" / target);
  for (const fs::path& dir : dirs) {
    if (!fs::is_directory(dir)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().filename().string().front() != '.') files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs `check` on every input of `target`; returns how many inputs there were.
size_t replay(const std::string& target, std::string (*check)(std::string_view)) {
  const std::vector<fs::path> files = inputs(target);
  for (const fs::path& file : files) {
    const std::string data = read_bytes(file);
    std::string failure;
    try {
      failure = check(data);
    } catch (const std::exception& e) {
      failure = std::string("uncaught exception: ") + e.what();
    }
    EXPECT_EQ(failure, "") << file.string();
  }
  return files.size();
}

TEST(FuzzRegressions, Normalizer) { EXPECT_GT(replay("normalizer", check_normalizer), 20u); }
TEST(FuzzRegressions, Matcher) { EXPECT_GT(replay("matcher", check_matchers), 20u); }
TEST(FuzzRegressions, Screener) { EXPECT_GT(replay("screener", check_screener), 20u); }
TEST(FuzzRegressions, Policy) { EXPECT_GT(replay("policy", check_policy), 20u); }
#if REGSCREEN_HAVE_CLI_CORE
TEST(FuzzRegressions, Reader) { EXPECT_GT(replay("reader", check_readers), 5u); }
#endif

// The checks themselves must be able to fail: a broken result or a wrong match list is reported.
TEST(FuzzChecks, ResultCheckCatchesOffsetsThatDoNotSliceTheField) {
  const Screener& s = bundled_screeners().front().aho_corasick;
  const Record rec{.name = "某某理财咨询有限公司", .scope = "理财咨询"};
  Result r = s.screen(rec);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(check_result(s, rec, r), "");
  r.hits.front().end += 1;
  EXPECT_NE(check_result(s, rec, r), "");
}

TEST(FuzzChecks, ResultCheckCatchesCategoriesOfNoAffirmativeHit) {
  const Screener& s = bundled_screeners().front().aho_corasick;
  const Record rec{.name = "某某餐饮有限公司", .scope = "餐饮服务"};
  Result r = s.screen(rec);
  EXPECT_EQ(check_result(s, rec, r), "");
  r.categories.push_back("payment");
  EXPECT_NE(check_result(s, rec, r), "");
}

TEST(FuzzChecks, MatcherInputLayout) {
  // Two patterns "ab" and "b" (length bytes 1 and 0), text "abab".
  const std::string input("\x02\x01" "ab" "\x00" "b" "abab", 10);
  const MatcherInput in = parse_matcher_input(input);
  ASSERT_EQ(in.patterns, (std::vector<std::string>{"ab", "b"}));
  EXPECT_EQ(in.text, "abab");
  EXPECT_EQ(naive_matches(in.patterns, in.text).size(), 4u);
  EXPECT_EQ(check_matchers(input), "");
}

TEST(FuzzChecks, PolicyCheckAcceptsPolicyErrorsAndValidPolicies) {
  EXPECT_EQ(check_policy(std::string("\x00", 1) + "not toml ["), "");              // a lexicon syntax error
  EXPECT_EQ(check_policy(std::string("\x01", 1) + "id = \"x\"\n"), "");             // a profile without lists
  EXPECT_EQ(check_policy(std::string("\x03", 1) + "credit_code,name\n,银行\n"), "");  // a licensed list
}

}  // namespace
}  // namespace regscreen::fuzz
