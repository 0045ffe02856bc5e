// Loading context.toml: the bundled file loads and normalizes its texts; every kind of mistake a policy
// editor can make is reported with file and line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "context/code_points.h"
#include "context/context_rules.h"
#include "regscreen/screener.h"
#include "test_support.h"

namespace regscreen::context {
namespace {

const std::string kMinimal = R"(version = 1
[clauses]
hard_stops = ["；"]
brackets = ["（）"]
[name]
unit_forms = ["有限公司"]
regions = ["北京"]
region_suffixes = ["市"]
industry_words = ["管理"]
)";

// A context file written to a temporary directory.
std::filesystem::path write_file(const std::string& text) {
  static const test::TempDir temp("regscreen_ctx");
  return temp.write("ctx.toml", text);
}

std::shared_ptr<const ContextRules> parse(const std::string& text) { return ContextRules::load(write_file(text)); }

// The error of loading `text`, with the file's directory replaced by "": "ctx.toml:LINE: message".
std::string error_of(const std::string& text) {
  const std::filesystem::path file = write_file(text);
  try {
    ContextRules::load(file);
  } catch (const PolicyError& e) {
    std::string what = e.what();
    const std::string dir = file.parent_path().string() + "/";
    if (what.rfind(dir, 0) == 0) what.erase(0, dir.size());
    return what;
  }
  return "no error";
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST(ContextRules, BundledFileLoadsNormalized) {
  const auto r = ContextRules::load(REGSCREEN_SOURCE_DIR "/data/context.toml");
  ASSERT_FALSE(r->cues.empty());
  ASSERT_FALSE(r->compounds.empty());
  ASSERT_FALSE(r->licensed.empty());
  // Full-width punctuation is folded like screened text: ；-> ;  （）-> ()
  EXPECT_NE(std::find(r->hard_stops.begin(), r->hard_stops.end(), U";"), r->hard_stops.end());
  EXPECT_NE(r->open_brackets.find(U'('), std::u32string::npos);
  // Overlap words become spelled-out compounds: 基金 + 金属 -> 基金属.
  EXPECT_TRUE(std::any_of(r->compounds.begin(), r->compounds.end(), [](const Compound& c) {
    return c.text == U"基金属" && c.kind == CompoundKind::kOtherWord;
  }));
  EXPECT_TRUE(std::any_of(r->compounds.begin(), r->compounds.end(), [](const Compound& c) {
    return c.text == U"肯德基金" && c.kind == CompoundKind::kOtherWord;
  }));
}

TEST(ContextRules, MinimalFileLoads) {
  const auto r = parse(kMinimal);
  EXPECT_TRUE(r->cues.empty());
  EXPECT_DOUBLE_EQ(r->scoring.incidental, 0.3);
  EXPECT_FALSE(r->use_word_breaks);
}

TEST(ContextRules, SyntaxErrorHasLine) {
  EXPECT_TRUE(starts_with(error_of("version = 1\n[clauses\n"), "ctx.toml:2:")) << error_of("version = 1\n[clauses\n");
}

TEST(ContextRules, UnknownKeysAreErrors) {
  const std::string e = error_of(kMinimal + "[[negation]]\ncue = \"不得\"\nreach = \"forward\"\nexamples = [\"不得从事\"]\nreech = 1\n");
  EXPECT_TRUE(starts_with(e, "ctx.toml:14:")) << e;
  EXPECT_NE(e.find("reech"), std::string::npos) << e;
  EXPECT_TRUE(starts_with(error_of("version = 1\nnegations = []\n"), "ctx.toml:2:"));
}

TEST(ContextRules, BadValuesAreErrorsWithTheirLine) {
  EXPECT_TRUE(starts_with(
      error_of(kMinimal + "[[negation]]\ncue = \"不得\"\nreach = \"sideways\"\nexamples = [\"不得从事\"]\n"),
      "ctx.toml:12:"));
  // An example must show the cue.
  const std::string ex = error_of(kMinimal + "[[negation]]\ncue = \"不含\"\nreach = \"forward\"\nexamples = [\"不得从事\"]\n");
  EXPECT_TRUE(starts_with(ex, "ctx.toml:13:")) << ex;
  EXPECT_NE(ex.find("does not contain"), std::string::npos) << ex;
  // until only for forward cues.
  EXPECT_TRUE(starts_with(
      error_of(kMinimal + "[[negation]]\ncue = \"除外\"\nreach = \"backward\"\nuntil = [\"外\"]\nexamples = [\"除外\"]\n"),
      "ctx.toml:13:"));
  // Compound kinds.
  EXPECT_TRUE(starts_with(error_of(kMinimal + "[[compound]]\ntext = \"金融街\"\nkind = \"street\"\nwhy = \"x\"\n"),
                          "ctx.toml:12:"));
  // An overlap word must overlap the term.
  const std::string ov = error_of(kMinimal + "[[overlap]]\nterm = \"基金\"\nafter = [\"铜材\"]\nwhy = \"x\"\n");
  EXPECT_TRUE(starts_with(ov, "ctx.toml:12:")) << ov;
  // A name pattern must compile and its examples must match.
  EXPECT_TRUE(starts_with(error_of(kMinimal + "[[licensed]]\nid = \"b\"\nlabel = \"bank\"\nname = '银行(('\n"),
                          "ctx.toml:13:"));
  const std::string lic =
      error_of(kMinimal + "[[licensed]]\nid = \"b\"\nlabel = \"bank\"\nname = '银行$'\nexamples = [\"某某证券\"]\n");
  EXPECT_TRUE(starts_with(lic, "ctx.toml:14:")) << lic;
  // name_needs: only with a name pattern, and every example must contain one of them.
  const std::string needs = error_of(kMinimal + "[[licensed]]\nid = \"b\"\nlabel = \"bank\"\nname = '银行$'\n"
                                                "name_needs = [\"银行\"]\nexamples = [\"某某银行\", \"某某商业銀行\", \"某某行\"]\n");
  EXPECT_TRUE(starts_with(needs, "ctx.toml:15:")) << needs;
  EXPECT_NE(needs.find("某某行"), std::string::npos) << needs;
  const std::string needs_alone =
      error_of(kMinimal + "[[licensed]]\nid = \"p\"\nlabel = \"post\"\nname_needs = [\"邮政\"]\nscope_any = [\"邮政储蓄\"]\n");
  EXPECT_TRUE(starts_with(needs_alone, "ctx.toml:13:")) << needs_alone;
  // Factors lie in [0, 1].
  EXPECT_TRUE(starts_with(error_of(kMinimal + "[scoring]\nincidental = 1.5\n"), "ctx.toml:11:"));
  // Text that normalizes to nothing.
  EXPECT_TRUE(starts_with(error_of(kMinimal + "[[compound]]\ntext = \" \"\nkind = \"place\"\nwhy = \"x\"\n"),
                          "ctx.toml:11:"));
}

TEST(ContextRules, ClauseWordsAndLicensedNeedsAreLoadedNormalized) {
  const auto r = parse(kMinimal.substr(0, kMinimal.find("[name]")) +
                       "soft_stops = [\"，\"]\nobject_closers = [\"業務\"]\nenumeration_ends = [\"等\"]\n" +
                       kMinimal.substr(kMinimal.find("[name]")) +
                       "[[licensed]]\nid = \"bank\"\nlabel = \"bank\"\nname = '银行$'\nname_needs = [\"銀行\"]\n"
                       "[[licensed]]\nid = \"trust\"\nlabel = \"trust\"\nname = '信托公司$'\nname_needs = [\"信托\", \"信託\"]\n");
  EXPECT_EQ(r->soft_stops, std::vector<std::u32string>{U","});
  EXPECT_EQ(r->object_closers, std::vector<std::u32string>{U"业务"});
  EXPECT_EQ(r->enumeration_ends, std::vector<std::u32string>{U"等"});
  ASSERT_EQ(r->licensed.size(), 2u);
  EXPECT_EQ(r->licensed[0].name_needs, std::vector<std::u32string>{U"银行"});
  // The combined index knows which rule each need belongs to (信託 folds to 信托: both kept).
  EXPECT_EQ(r->licensed_need_rule, (std::vector<uint32_t>{0, 1, 1}));
  EXPECT_EQ(r->licensed_name_needs.longest_at(U"某某信托公司", 2), 2u);
}

TEST(ContextRules, MissingRequiredPartsAreErrors) {
  EXPECT_NE(error_of("version = 1\n").find("[clauses]"), std::string::npos) << error_of("version = 1\n");
  EXPECT_NE(error_of("version = 2\n").find("version = 1"), std::string::npos);
  EXPECT_TRUE(starts_with(error_of(kMinimal + "[[licensed]]\nid = \"b\"\nlabel = \"bank\"\n"), "ctx.toml:10:"));
}

TEST(ContextRules, MissingFileIsAnError) {
  EXPECT_THROW(ContextRules::load("/nonexistent/context.toml"), PolicyError);
}

}  // namespace
}  // namespace regscreen::context
