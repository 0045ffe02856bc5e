// load_policy() and load_lexicon() on the fixtures in tests/data/policies: every kind of bad file is
// rejected with a PolicyError naming the right file and line, and the loader's mechanics (extends,
// profile paths, lexicon lookup, default policy directory) work on small valid trees.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "policy/lexicon.h"
#include "policy/toml_reader.h"
#include "regscreen/policy.h"

namespace regscreen {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

const fs::path kFixtures = fs::path(REGSCREEN_TEST_DATA_DIR) / "policies";

// 1-based number of the first line of `file` containing `marker` (0 and a test failure if none).
int LineOf(const fs::path& file, const std::string& marker) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(marker) != std::string::npos) return n;
  }
  ADD_FAILURE() << "marker \"" << marker << "\" not found in " << file;
  return 0;
}

// Runs `f`, which must throw PolicyError, and returns the error.
PolicyError ExpectPolicyError(const std::function<void()>& f) {
  try {
    f();
  } catch (const PolicyError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw something other than PolicyError: " << e.what();
    return PolicyError("", -1, "");
  }
  ADD_FAILURE() << "no PolicyError thrown";
  return PolicyError("", -1, "");
}

std::vector<std::string> TermTexts(const Policy& p, Field field) {
  std::vector<std::string> out;
  for (int i : p.field_terms[static_cast<int>(field)]) out.push_back(p.terms.at(i).text);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Bad lexicons: load_lexicon() on tests/data/policies/lexicons/<name>.toml.

struct BadFile {
  std::string name;     // fixture file stem
  std::string marker;   // text on the line the error must point at
  std::string message;  // substring of the message
};

std::ostream& operator<<(std::ostream& os, const BadFile& b) { return os << b.name; }

class BadLexiconTest : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadLexiconTest, RejectedWithFileLineAndMessage) {
  const BadFile& bad = GetParam();
  const fs::path file = kFixtures / "lexicons" / (bad.name + ".toml");
  const PolicyError e = ExpectPolicyError([&] { policy_internal::load_lexicon(file); });
  EXPECT_EQ(e.file(), file.string());
  EXPECT_EQ(e.line(), LineOf(file, bad.marker)) << e.what();
  EXPECT_THAT(e.message(), HasSubstr(bad.message));
  EXPECT_EQ(std::string(e.what()), file.string() + ":" + std::to_string(e.line()) + ": " + e.message());
}

INSTANTIATE_TEST_SUITE_P(
    Lexicon, BadLexiconTest,
    ::testing::Values(
        BadFile{"syntax_error", "text = \"P2P", "TOML syntax error"},
        BadFile{"unknown_category", "category = \"crowdfunding\"", "unknown category \"crowdfunding\""},
        BadFile{"empty_term", "text = \"   \"", "empty term"},
        BadFile{"untrimmed_term", "text = \" P2P\"", "leading or trailing whitespace"},
        BadFile{"duplicate_term", "# again", "duplicate term \"网贷\""},
        BadFile{"duplicate_folded", "text = \"Ｐ２Ｐ\"", "\"P2P\" folds to the same text"},
        BadFile{"weight_float", "weight = 60.5", "must be an integer"},
        BadFile{"weight_string", "weight = \"60\"", "must be an integer"},
        BadFile{"weight_range", "weight = 101", "outside 1..100"},
        BadFile{"weight_zero", "weight = 0", "outside 1..100"},
        BadFile{"missing_weight", "# the incomplete term", "missing key \"weight\""},
        BadFile{"misspelt_weight", "wieght = 60", "unknown key \"wieght\" in [[term]] (did you mean \"weight\"?)"},
        BadFile{"missing_sources", "# the incomplete term", "missing key \"sources\""},
        BadFile{"empty_sources", "sources = []", "\"sources\" must not be empty"},
        BadFile{"malformed_source", "002_ae6157826801f0b4.txt:L89", "malformed source \"002_ae6157826801f0b4.txt:L89\""},
        BadFile{"source_line_zero", "fixture.txt:0", "malformed source"},
        BadFile{"duplicate_category", "# again", "duplicate category \"payment\""},
        BadFile{"bad_category_id", "P2P Lending", "category id \"P2P Lending\""},
        BadFile{"no_terms", "# Bad lexicon fixture", "defines no [[term]]"},
        BadFile{"unknown_top_level_key", "[[terms]]", "unknown key \"terms\""},
        BadFile{"alias_blank", "\"   \"]", "empty alias of term \"网络借贷\""},
        BadFile{"alias_untrimmed", "\"网路借贷 \"", "alias \"网路借贷 \" of term \"网络借贷\" has leading or trailing whitespace"},
        BadFile{"alias_empty_string", "aliases = [\"\"]", "\"aliases\" holds an empty string"},
        BadFile{"alias_empty_after_normalization", "aliases = ", "is empty after normalization"},
        BadFile{"aliases_empty_array", "aliases = []", "\"aliases\" must not be empty"},
        BadFile{"aliases_not_array", "aliases = \"网路借贷\"", "\"aliases\" must be an array of strings"},
        BadFile{"alias_of_itself", "aliases = [\"網絡借貸\"]",
                "alias \"網絡借貸\" of term \"网络借贷\" normalizes to the term itself"},
        BadFile{"alias_is_other_term", "aliases = [\"網貸\"]",
                "alias \"網貸\" of term \"网络借贷\" normalizes to the same text as term \"网贷\" (line 17)"},
        BadFile{"alias_is_later_term", "text = \"网路借贷\"",
                "term \"网路借贷\" normalizes to the same text as alias \"网路借贷\" of term \"网络借贷\" (line 21)"},
        BadFile{"alias_twice", "           \"網路借貸\"]",
                "alias \"網路借貸\" of term \"网络借贷\" normalizes to the same text as alias \"网路借贷\" of term \"网络借贷\""},
        BadFile{"alias_of_two_terms", "aliases = [\"網路借貸\"]",
                "alias \"網路借貸\" of term \"网贷\" normalizes to the same text as alias \"网路借贷\" of term \"网络借贷\""},
        BadFile{"alias_without_note", "aliases = [\"网路借贷\"]", "the aliases of term \"网络借贷\" need an alias_note"},
        BadFile{"alias_note_blank", "alias_note = \"  \"", "need an alias_note"},
        BadFile{"alias_note_misses_alias", "alias_note = ", "does not mention the alias \"网路贷款\""},
        BadFile{"alias_note_alone", "alias_note = ", "alias_note without aliases in [[term]] \"网络借贷\""}),
    [](const ::testing::TestParamInfo<BadFile>& info) { return info.param.name; });

// The top-level error is the same through load_policy(): a profile in a tree with a bad lexicon fails on
// the lexicon, with the lexicon's file and line.
TEST(BadLexicon, ReportedThroughLoadPolicy) {
  const fs::path dir = kFixtures / "no-lexicon";
  const PolicyError e = ExpectPolicyError([&] { load_policy("lonely", dir); });
  EXPECT_EQ(e.file(), (dir / "lexicon.toml").string());
  EXPECT_EQ(e.line(), 0);
  EXPECT_THAT(e.message(), HasSubstr("no such file"));
  EXPECT_EQ(std::string(e.what()), e.file() + ": " + e.message());
}

// ---------------------------------------------------------------------------------------------------
// Bad profiles: load_policy("<fixtures>/bad/<name>.toml", <fixtures>), lexicon from <fixtures>/lexicon.toml.

struct BadProfile {
  std::string name;
  std::string marker;
  std::string message;
  std::string error_file;  // the file the error must name, if not the profile itself (e.g. a parent)
};

BadProfile Bad(std::string name, std::string marker, std::string message, std::string error_file = "") {
  return {std::move(name), std::move(marker), std::move(message), std::move(error_file)};
}

std::ostream& operator<<(std::ostream& os, const BadProfile& b) { return os << b.name; }

class BadProfileTest : public ::testing::TestWithParam<BadProfile> {};

TEST_P(BadProfileTest, RejectedWithFileLineAndMessage) {
  const BadProfile& bad = GetParam();
  const fs::path file = kFixtures / "bad" / (bad.name + ".toml");
  const fs::path error_file = bad.error_file.empty() ? file : kFixtures / "bad" / (bad.error_file + ".toml");
  const PolicyError e = ExpectPolicyError([&] { load_policy(file.string(), kFixtures); });
  EXPECT_EQ(e.file(), error_file.string());
  EXPECT_EQ(e.line(), LineOf(error_file, bad.marker)) << e.what();
  EXPECT_THAT(e.message(), HasSubstr(bad.message));
}

INSTANTIATE_TEST_SUITE_P(
    Profile, BadProfileTest,
    ::testing::Values(
        Bad("syntax_error", "[routing.lending", "TOML syntax error"),
        Bad("unknown_key", "extend = \"base\"", "unknown key \"extend\" in the profile (top level) (did you mean \"extends\"?)"),
        Bad("misspelt_list_key", "feilds", "unknown key \"feilds\" in [[list]] (did you mean \"fields\"?)"),
        Bad("threshold_range", "refer = 150", "outside 0..100"),
        Bad("threshold_type", "refer = 60.5", "must be an integer 0..100"),
        Bad("threshold_order", "review = 50", "review (50) must not exceed refer (40)"),
        Bad("merged_threshold_order", "review = 80", "review (80) must not exceed refer (70) once the profile is merged with base"),
        Bad("unknown_field", "\"nmae\"", "unknown field \"nmae\""),
        Bad("term_not_in_lexicon", "\"理财\"", "term \"理财\" in [[list]] \"names\" is not in the lexicon"),
        Bad("term_is_alias", "\"網絡貸款\"", "term \"網絡貸款\" in [[list]] \"names\" is an alias of \"网贷\""),
        Bad("term_twice", "         \"网贷\"", "term \"网贷\" is listed twice"),
        Bad("term_twice_folded", "\"p2p\"", "term \"p2p\" is listed twice"),
        Bad("empty_lead", "lead = []", "[routing.lending] routes to nothing"),
        Bad("missing_lead", "[routing.lending]", "[routing.lending] routes to nothing: missing key \"lead\""),
        Bad("routing_unknown_category", "[routing.p2p]", "routing for unknown category \"p2p\""),
        Bad("unrouted_category", "\"支付\"]", "category \"payment\", which has no [routing.payment]"),
        Bad("missing_sources", "[[list]]", "missing key \"sources\""),
        Bad("malformed_source", "sources = [\"fixture.txt\"]", "malformed source \"fixture.txt\""),
        Bad("source_line_zero", "fixture.txt:0", "malformed source"),
        Bad("extends_missing", "extends = \"nosuch\"", "extends \"nosuch\": no nosuch.toml in "),
        Bad("extends_path", "extends = ", "must be a profile id"),
        Bad("cycle-a", "extends = \"cycle-a\"", "extends cycle: cycle-a -> cycle-b -> cycle-a", "cycle-b"),
        Bad("id_mismatch", "id = \"something_else\"", "does not match the file name \"id_mismatch.toml\""),
        Bad("missing_id", "# Bad profile fixture", "missing key \"id\""),
        Bad("bad_decision", "decision = \"block\"", "must be \"refer\" or \"hold\""),
        Bad("no_lists", "# Bad profile fixture", "has no [[list]]"),
        Bad("list_not_array", "[list]", "must be an array of tables ([[list]])"),
        Bad("duplicate_list_id", "# the duplicate", "duplicate list id \"names\""),
        Bad("duplicate_list_id_in_chain", "id = \"base-names\"", "already defined in"),
        Bad("empty_default", "regulators = []", "[default] routes to nothing"),
        Bad("presume_licensed_string", "presume_licensed = \"yes\"", "must be true or false"),
        Bad("empty_term_in_list", "terms = [\"网贷\", \"\"]", "holds an empty string"),
        Bad("empty_fields", "fields = []", "\"fields\" must not be empty")),
    [](const ::testing::TestParamInfo<BadProfile>& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (c == '-') c = '_';
      }
      return name;
    });

TEST(BadProfile, DuplicateListIdInChainNamesTheParentFileAndLine) {
  const fs::path file = kFixtures / "bad" / "duplicate_list_id_in_chain.toml";
  const fs::path base = kFixtures / "profiles" / "base.toml";
  const PolicyError e = ExpectPolicyError([&] { load_policy(file.string(), kFixtures); });
  EXPECT_THAT(e.message(), HasSubstr(base.string() + ":" + std::to_string(LineOf(base, "id = \"base-names\""))));
}

TEST(BadProfile, MissingParentListsTheProfilesOfBothDirectories) {
  const fs::path file = kFixtures / "bad" / "extends_missing.toml";
  const PolicyError e = ExpectPolicyError([&] { load_policy(file.string(), kFixtures); });
  // Parents are looked up beside the profile first (bad/), then in <policy_dir>/profiles.
  EXPECT_THAT(e.message(), HasSubstr("in " + (kFixtures / "bad").string() + " or " + (kFixtures / "profiles").string()));
  EXPECT_THAT(e.message(), HasSubstr("base, child, cycle-a"));
  EXPECT_THAT(e.message(), HasSubstr("folded, grandchild"));
}

TEST(BadProfile, MissingBundledProfileListsTheAvailableOnes) {
  const PolicyError e = ExpectPolicyError([&] { load_policy("nosuch", kFixtures); });
  EXPECT_EQ(e.file(), (kFixtures / "profiles" / "nosuch.toml").string());
  EXPECT_EQ(e.line(), 0);
  EXPECT_THAT(e.message(), HasSubstr("no profile \"nosuch\" (available: base, child, folded, grandchild)"));
}

TEST(BadProfile, MissingProfileFile) {
  const fs::path file = kFixtures / "bad" / "not_there.toml";
  const PolicyError e = ExpectPolicyError([&] { load_policy(file.string(), kFixtures); });
  EXPECT_EQ(e.file(), file.string());
  EXPECT_THAT(e.message(), HasSubstr("no such profile file"));
}

TEST(BadProfile, EmptyProfileNameListsTheAvailableOnes) {
  const PolicyError e = ExpectPolicyError([&] { load_policy("", kFixtures); });
  EXPECT_THAT(e.message(), HasSubstr("available: base, child, folded, grandchild"));
}

// Every file in bad/ must be rejected: a new fixture without a test case still gets this check.
TEST(BadProfile, EveryBadFixtureIsRejected) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures / "bad")) {
    if (entry.path().extension() != ".toml") continue;
    ++count;
    const PolicyError e = ExpectPolicyError([&] { load_policy(entry.path().string(), kFixtures); });
    EXPECT_FALSE(e.message().empty()) << entry.path();
  }
  EXPECT_GE(count, 30);
}

// ---------------------------------------------------------------------------------------------------
// Valid fixture trees: extends, merging, profile paths.

TEST(LoadPolicy, ChildInheritsListsAndOverridesRouting) {
  const Policy p = load_policy("child", kFixtures);
  EXPECT_EQ(p.profile_id, "child");
  EXPECT_EQ(p.title, "Fixture child");
  EXPECT_THAT(p.extends_chain, ElementsAre("child", "base"));
  EXPECT_EQ(p.profile_file, kFixtures / "profiles" / "child.toml");
  EXPECT_EQ(p.policy_dir, kFixtures);
  // base: 网贷, 支付 for name and scope; child adds P2P, 咨询 for website. Lexicon order.
  EXPECT_THAT(TermTexts(p, Field::kName), ElementsAre("网贷", "支付"));
  EXPECT_THAT(TermTexts(p, Field::kScope), ElementsAre("网贷", "支付"));
  EXPECT_THAT(TermTexts(p, Field::kWebsite), ElementsAre("P2P", "咨询"));
  ASSERT_EQ(p.terms.size(), 4u);
  EXPECT_EQ(p.terms[1].text, "P2P");
  EXPECT_EQ(p.terms[1].weight, 95);
  ASSERT_EQ(p.terms[1].sources.size(), 2u);
  EXPECT_EQ(p.terms[1].sources[1].to_string(), "other.txt:30");
  // Routing: child's lending route replaces base's; base's payment route is inherited.
  EXPECT_THAT(p.routing.at("lending").lead, ElementsAre("Child lending office", "Child finance office"));
  EXPECT_TRUE(p.routing.at("lending").members.empty());
  EXPECT_THAT(p.routing.at("payment").lead, ElementsAre("Base payment regulator"));
  EXPECT_EQ(p.routing.count("misc"), 0u);
  EXPECT_THAT(p.default_regulators, ElementsAre("Child secretariat"));
  // Thresholds merge key by key: refer from base, review from child.
  EXPECT_EQ(p.thresholds.refer, 70);
  EXPECT_EQ(p.thresholds.review, 30);
  EXPECT_FALSE(p.presume_licensed);
  EXPECT_EQ(p.new_registration_decision, Decision::kHold);
  ASSERT_EQ(p.new_registration_sources.size(), 1u);
  EXPECT_EQ(p.new_registration_sources[0].file, "fixture.txt");
  EXPECT_EQ(p.new_registration_sources[0].line, 20);
  EXPECT_THAT(p.categories, ::testing::SizeIs(3));
}

TEST(LoadPolicy, BaseAloneHasDefaults) {
  const Policy p = load_policy("base", kFixtures);
  EXPECT_THAT(p.extends_chain, ElementsAre("base"));
  // Only the terms the profile uses: 咨询 and P2P are child's.
  ASSERT_EQ(p.terms.size(), 2u);
  EXPECT_EQ(p.find_term("P2P"), nullptr);
  ASSERT_NE(p.find_term("支付"), nullptr);
  EXPECT_EQ(p.find_term("支付")->category, "payment");
  EXPECT_TRUE(p.field_terms[static_cast<int>(Field::kWebsite)].empty());
  EXPECT_TRUE(p.presume_licensed);
  EXPECT_EQ(p.new_registration_decision, Decision::kRefer);
  EXPECT_TRUE(p.default_regulators.empty());
  EXPECT_THAT(p.routing.at("lending").members, ElementsAre("Base registry"));
  ASSERT_NE(p.find_category("misc"), nullptr);
  EXPECT_EQ(p.find_category("misc")->label, "其他");
  EXPECT_EQ(p.find_category("nosuch"), nullptr);
}

TEST(LoadPolicy, GrandchildWalksTheWholeChain) {
  const Policy p = load_policy("grandchild", kFixtures);
  EXPECT_THAT(p.extends_chain, ElementsAre("grandchild", "child", "base"));
  EXPECT_EQ(p.thresholds.refer, 90);
  EXPECT_EQ(p.thresholds.review, 30);
  EXPECT_EQ(p.new_registration_decision, Decision::kHold);
  EXPECT_THAT(TermTexts(p, Field::kWebsite), ElementsAre("P2P", "咨询"));
}

TEST(LoadPolicy, ProfileByPathUsesItsOwnTreesLexiconAndFindsParentsBesideIt) {
  // The policy_dir given is the real data/ tree, but the fixture profile sits in its own tree
  // (<fixtures>/profiles next to <fixtures>/lexicon.toml): its lexicon and parent come from there.
  const fs::path file = kFixtures / "profiles" / "child.toml";
  const Policy p = load_policy(file.string(), fs::path(REGSCREEN_SOURCE_DIR) / "data");
  EXPECT_EQ(p.profile_file, file);
  EXPECT_EQ(p.policy_dir, kFixtures);
  EXPECT_THAT(p.extends_chain, ElementsAre("child", "base"));
  EXPECT_THAT(p.categories, ::testing::SizeIs(3));
}

TEST(LoadPolicy, RelativeProfilePathIsResolved) {
  const fs::path saved = fs::current_path();
  fs::current_path(kFixtures);
  Policy p;
  EXPECT_NO_THROW(p = load_policy("profiles/base.toml", kFixtures));
  fs::current_path(saved);
  EXPECT_EQ(p.profile_file, kFixtures / "profiles" / "base.toml");
}

TEST(LoadPolicy, ProfileTermsAreMatchedToTheLexiconAfterFolding) {
  const Policy p = load_policy("folded", kFixtures);
  // The profile writes "p2p"; the Policy carries the lexicon's spelling.
  EXPECT_THAT(TermTexts(p, Field::kName), ElementsAre("P2P", "支付"));
  EXPECT_NE(p.find_term("P2P"), nullptr);
  EXPECT_EQ(p.find_term("p2p"), nullptr);  // find_term is exact
}

// Aliases: other spellings of a term, kept in the lexicon order they are written, found after
// normalization, and carried into every Policy that uses the term.
TEST(LexiconAliases, LoadedWithTheirTermAndFoundAfterNormalization) {
  const policy_internal::Lexicon lex = policy_internal::load_lexicon(kFixtures / "lexicon.toml");
  const int wangdai = lex.find_term("网贷");
  ASSERT_GE(wangdai, 0);
  EXPECT_THAT(lex.terms[wangdai].aliases, ElementsAre("网络贷款", "线上贷"));
  EXPECT_EQ(lex.find_alias("网络贷款"), wangdai);
  EXPECT_EQ(lex.find_alias("網絡貸款"), wangdai);   // Traditional
  EXPECT_EQ(lex.find_alias("网络 贷款"), wangdai);  // separators
  EXPECT_EQ(lex.find_alias("綫上貸"), wangdai);
  EXPECT_EQ(lex.find_alias("网贷"), -1);            // the term itself is not an alias
  EXPECT_EQ(lex.find_term("网络贷款"), -1);         // an alias is not a term
  const int p2p = lex.find_term("P2P");
  ASSERT_GE(p2p, 0);
  EXPECT_TRUE(lex.terms[p2p].aliases.empty());
}

TEST(LexiconAliases, CarriedIntoThePolicy) {
  const Policy p = load_policy("base", kFixtures);
  const Term* wangdai = p.find_term("网贷");
  ASSERT_NE(wangdai, nullptr);
  EXPECT_THAT(wangdai->aliases, ElementsAre("网络贷款", "线上贷"));
  EXPECT_EQ(p.find_term("网络贷款"), nullptr);  // find_term is about terms only
}

TEST(LoadPolicy, BundledProfileIdsListsProfilesSorted) {
  EXPECT_THAT(bundled_profile_ids(kFixtures), ElementsAre("base", "child", "folded", "grandchild"));
  EXPECT_TRUE(bundled_profile_ids(kFixtures / "nowhere").empty());
}

TEST(DefaultPolicyDir, EnvironmentOverridesTheCompiledDefault) {
  const char* old = std::getenv("REGSCREEN_POLICY_DIR");
  const std::string saved = old ? old : "";
  ::setenv("REGSCREEN_POLICY_DIR", kFixtures.c_str(), 1);
  EXPECT_EQ(default_policy_dir(), kFixtures);
  EXPECT_EQ(load_policy("base").profile_file, kFixtures / "profiles" / "base.toml");
  EXPECT_THAT(bundled_profile_ids(), ElementsAre("base", "child", "folded", "grandchild"));
  ::unsetenv("REGSCREEN_POLICY_DIR");
  const fs::path compiled = default_policy_dir();
  EXPECT_NE(compiled, kFixtures);
  EXPECT_FALSE(compiled.empty());
  if (old != nullptr) ::setenv("REGSCREEN_POLICY_DIR", saved.c_str(), 1);
}

// Damaged copies of real policy files (lines dropped, duplicated or cut, bytes replaced) either load or
// throw PolicyError with a line inside the file: never another exception, never a crash.
TEST(LoadPolicy, DamagedFilesFailCleanly) {
  const fs::path data = fs::path(REGSCREEN_SOURCE_DIR) / "data";
  const fs::path tree = fs::path(REGSCREEN_BINARY_DIR) / "policy_loader_test_damaged";
  fs::remove_all(tree);
  fs::create_directories(tree / "profiles");
  auto read_lines = [](const fs::path& file) {
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  };
  const std::vector<std::string> lexicon = read_lines(data / "lexicon.toml");
  const std::vector<std::string> profile = read_lines(data / "profiles" / "ningxia.toml");
  fs::copy_file(data / "profiles" / "national.toml", tree / "profiles" / "national.toml");
  std::mt19937 rng(20160612);
  int rejected = 0;
  for (int round = 0; round < 300; ++round) {
    const bool damage_lexicon = round % 2 == 0;
    std::vector<std::string> lines = damage_lexicon ? lexicon : profile;
    const size_t at = rng() % lines.size();
    switch (rng() % 4) {
      case 0: lines.erase(lines.begin() + static_cast<long>(at)); break;
      case 1: lines.insert(lines.begin() + static_cast<long>(at), lines[at]); break;
      case 2: lines[at] = lines[at].substr(0, lines[at].size() / 2); break;
      default:
        if (!lines[at].empty()) lines[at][rng() % lines[at].size()] = "=[]\"'#.,x9\\"[rng() % 12];
        break;
    }
    auto write = [](const fs::path& file, const std::vector<std::string>& content) {
      std::ofstream out(file, std::ios::trunc);
      for (const std::string& l : content) out << l << '\n';
    };
    write(tree / "lexicon.toml", damage_lexicon ? lines : lexicon);
    write(tree / "profiles" / "ningxia.toml", damage_lexicon ? profile : lines);
    try {
      load_policy("ningxia", tree);
    } catch (const PolicyError& e) {
      ++rejected;
      EXPECT_GE(e.line(), 0) << e.what();
      EXPECT_LE(e.line(), static_cast<int>(lines.size()) + 1) << e.what();
      EXPECT_FALSE(e.message().empty());
    } catch (const std::exception& e) {
      ADD_FAILURE() << "round " << round << ": not a PolicyError: " << e.what();
    }
  }
  // Most damage is detected (a few mutations only touch comments or notes).
  EXPECT_GT(rejected, 150);
  fs::remove_all(tree);
}

TEST(PolicyErrorFormat, WhatIsFileLineMessage) {
  const PolicyError with_line("a/b.toml", 12, "bad thing");
  EXPECT_STREQ(with_line.what(), "a/b.toml:12: bad thing");
  EXPECT_EQ(with_line.file(), "a/b.toml");
  EXPECT_EQ(with_line.line(), 12);
  EXPECT_EQ(with_line.message(), "bad thing");
  const PolicyError without_line("a/b.toml", 0, "missing");
  EXPECT_STREQ(without_line.what(), "a/b.toml: missing");
}

TEST(SourceRefParse, AcceptsFileColonLineOnly) {
  const auto ok = policy_internal::parse_source_ref("002_ae6157826801f0b4.txt:89");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->file, "002_ae6157826801f0b4.txt");
  EXPECT_EQ(ok->line, 89);
  for (const char* bad : {"", ":89", "x.txt:", "x.txt", "x.txt:0", "x.txt:-3", "x.txt:8a", "a b.txt:3", "a:b:3",
                          "x.txt:99999999999"}) {
    EXPECT_FALSE(policy_internal::parse_source_ref(bad).has_value()) << bad;
  }
}

TEST(FoldTerm, FoldsWidthAndCase) {
  EXPECT_EQ(policy_internal::fold_term("Ｐ２Ｐ"), "p2p");
  EXPECT_EQ(policy_internal::fold_term("P2P"), "p2p");
  EXPECT_EQ(policy_internal::fold_term("网贷"), "网贷");
}

}  // namespace
}  // namespace regscreen
