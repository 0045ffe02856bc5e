// Evasion corpus: spellings people use to slip a restricted term past a keyword check (Traditional
// characters, full-width and case, separators and zero-width characters between the characters, combining
// marks, Kangxi radicals, compatibility and enclosed ideographs, and their combinations), read from
// tests/data/evasions.tsv (the file's header describes its columns).
//
// Every case is screened on both backends (Hyperscan and Aho-Corasick) and must give the term at exactly
// the ORIGINAL byte span the corpus names: the normalizer folds the evasion away, and its offset map must
// still point into the text as written. Negative cases (list punctuation between the characters, lookalike
// characters) must give no hit of the term. Only matching facts are asserted here (term, field, offsets,
// text, category); hit status and decisions depend on context analysis and are tested elsewhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>

#include "policy/lexicon.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {
namespace {

const char* const kCorpusPath = REGSCREEN_TEST_DATA_DIR "/evasions.tsv";

enum class Expect { kHit, kAbsent, kGap };

struct Case {
  int line = 0;
  Expect expect = Expect::kHit;
  std::string profile;
  Field field = Field::kName;
  std::string term;
  std::string span;      // decoded; "-" for none (absent cases only)
  int nth = 0;           // 1-based occurrence of span in text; 0: every occurrence
  std::vector<std::string> tricks;
  std::string text;      // decoded
  std::string raw_text;  // as written in the file, for messages

  bool has(std::string_view trick) const { return std::find(tricks.begin(), tricks.end(), trick) != tricks.end(); }
  std::string where() const {
    return std::string("evasions.tsv:") + std::to_string(line) + " [" + raw_text + "]";
  }
};

// The evasion labels; the others (plain, trad-context, edge, repeat, kept-punct, lookalike, list, invalid,
// digit-form, math-alnum, variant, confusable, vocabulary) describe the case rather than an evasion that
// must be covered alone and combined.
const std::vector<std::string> kCoreTricks = {"trad",   "width", "case",   "space",  "dot",    "zw",
                                              "ignorable", "joiner-punct", "mark", "kangxi", "compat", "enclosed"};
const std::set<std::string> kKnownTricks = {
    "plain", "trad", "trad-context", "width", "case", "space", "dot", "zw", "ignorable", "joiner-punct", "mark",
    "kangxi", "compat", "enclosed", "digit-form", "math-alnum", "edge", "repeat", "invalid", "kept-punct",
    "lookalike", "list", "variant", "confusable", "vocabulary"};

void append_utf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes \u{HEX} (a code point), \x{HH} (a raw byte), \t, \n and \\.
std::string unescape(std::string_view s, int line) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (i + 1 >= s.size()) throw std::runtime_error("line " + std::to_string(line) + ": trailing backslash");
    const char c = s[++i];
    if (c == 't') {
      out += '\t';
    } else if (c == 'n') {
      out += '\n';
    } else if (c == '\\') {
      out += '\\';
    } else if ((c == 'u' || c == 'x') && i + 1 < s.size() && s[i + 1] == '{') {
      const size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) {
        throw std::runtime_error("line " + std::to_string(line) + ": unterminated \\" + c + "{");
      }
      const std::string hex(s.substr(i + 2, close - i - 2));
      if (hex.empty() || hex.size() > 6 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
        throw std::runtime_error("line " + std::to_string(line) + ": bad hex \"" + hex + "\"");
      }
      const unsigned long v = std::stoul(hex, nullptr, 16);
      if (c == 'x') {
        if (v > 0xFF) throw std::runtime_error("line " + std::to_string(line) + ": \\x{} takes one byte");
        out += static_cast<char>(v);
      } else {
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
          throw std::runtime_error("line " + std::to_string(line) + ": not a scalar value " + hex);
        }
        append_utf8(static_cast<char32_t>(v), &out);
      }
      i = close;
    } else {
      throw std::runtime_error("line " + std::to_string(line) + ": unknown escape \\" + std::string(1, c));
    }
  }
  return out;
}

std::vector<Case> load_corpus() {
  std::ifstream in(kCorpusPath, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot open ") + kCorpusPath);
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (boost::algorithm::trim_copy(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    boost::algorithm::split(cols, line, boost::algorithm::is_any_of("\t"));
    if (cols.size() != 8) {
      throw std::runtime_error("line " + std::to_string(number) + ": " + std::to_string(cols.size()) +
                               " columns, want 8 (expect profile field term span nth tricks text)");
    }
    Case c;
    c.line = number;
    if (cols[0] == "hit") {
      c.expect = Expect::kHit;
    } else if (cols[0] == "absent") {
      c.expect = Expect::kAbsent;
    } else if (cols[0] == "gap") {
      c.expect = Expect::kGap;
    } else {
      throw std::runtime_error("line " + std::to_string(number) + ": unknown expectation \"" + cols[0] + "\"");
    }
    c.profile = cols[1];
    if (cols[2] == "name") {
      c.field = Field::kName;
    } else if (cols[2] == "scope") {
      c.field = Field::kScope;
    } else if (cols[2] == "website") {
      c.field = Field::kWebsite;
    } else {
      throw std::runtime_error("line " + std::to_string(number) + ": unknown field \"" + cols[2] + "\"");
    }
    c.term = cols[3];
    c.span = unescape(cols[4], number);
    if (cols[5] == "*") {
      c.nth = 0;
    } else if (cols[5] == "-") {
      c.nth = -1;
    } else {
      c.nth = std::stoi(cols[5]);
      if (c.nth < 1) throw std::runtime_error("line " + std::to_string(number) + ": nth must be >= 1");
    }
    boost::algorithm::split(c.tricks, cols[6], boost::algorithm::is_any_of(","));
    for (const std::string& t : c.tricks) {
      if (!kKnownTricks.count(t)) throw std::runtime_error("line " + std::to_string(number) + ": unknown trick " + t);
    }
    c.raw_text = cols[7];
    c.text = unescape(cols[7], number);
    if ((c.expect == Expect::kAbsent) != (c.nth == -1)) {
      throw std::runtime_error("line " + std::to_string(number) + ": nth is \"-\" for absent cases only");
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = load_corpus();
  return cases;
}

// Byte offsets of the occurrences of c.span in c.text that the case names (overlapping ones included).
std::vector<uint32_t> expected_offsets(const Case& c) {
  std::vector<uint32_t> all;
  for (size_t pos = c.text.find(c.span); pos != std::string::npos; pos = c.text.find(c.span, pos + 1)) {
    all.push_back(static_cast<uint32_t>(pos));
  }
  if (c.nth == 0) return all;
  if (static_cast<size_t>(c.nth) > all.size()) return {};
  return {all[c.nth - 1]};
}

Record record_for(const Case& c) {
  Record r;
  r.id = "evasion";
  switch (c.field) {
    case Field::kName: r.name = c.text; break;
    case Field::kScope: r.scope = c.text; break;
    case Field::kWebsite: r.website = c.text; break;
  }
  return r;
}

std::string describe_hits(const Result& r, Field field) {
  std::ostringstream s;
  s << "hits in " << to_string(field) << ":";
  bool any = false;
  for (const Hit& h : r.hits) {
    if (h.field != field) continue;
    s << " " << h.term << "@" << h.start << ".." << h.end << "\"" << h.text << "\"";
    any = true;
  }
  if (!any) s << " none";
  return s.str();
}

// Screeners per (profile, backend), compiled once for the whole binary.
class Screeners {
 public:
  // nullptr when the backend is not available (Hyperscan not built in, or the CPU lacks it).
  static const Screener* get(const std::string& profile, Backend backend) {
    static std::map<std::pair<std::string, Backend>, std::unique_ptr<Screener>> cache;
    const auto key = std::make_pair(profile, backend);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second.get();
    std::unique_ptr<Screener> s;
    try {
      ScreenerOptions options;
      options.backend = backend;
      s = std::make_unique<Screener>(Screener::from_profile(profile, options));
    } catch (const PolicyError&) {
      throw;
    } catch (const std::runtime_error&) {
      if (backend != Backend::kHyperscan) throw;
    }
    return cache.emplace(key, std::move(s)).first->second.get();
  }
};

const policy_internal::Lexicon& lexicon() {
  static const policy_internal::Lexicon lex = policy_internal::load_lexicon(default_policy_dir() / "lexicon.toml");
  return lex;
}

bool hyperscan_available() { return Screeners::get("national", Backend::kHyperscan) != nullptr; }

// Whether the result holds the term at exactly [start, start + span) with the original text and the term's
// category, and no hit of the term overlapping that span other than at the case's expected offsets.
::testing::AssertionResult has_exact_hit(const Result& r, const Case& c, const Policy& policy, uint32_t start,
                                         const std::vector<uint32_t>& expected) {
  const uint32_t end = start + static_cast<uint32_t>(c.span.size());
  const Term* term = policy.find_term(c.term);
  if (!term) return ::testing::AssertionFailure() << c.term << " is not a term of " << policy.profile_id;
  int exact = 0;
  for (const Hit& h : r.hits) {
    if (h.field != c.field || h.term != c.term) continue;
    if (h.start == start && h.end == end) {
      ++exact;
      if (h.text != c.span) {
        return ::testing::AssertionFailure() << "hit text \"" << h.text << "\" is not the original span";
      }
      if (h.category != term->category) {
        return ::testing::AssertionFailure() << "category " << h.category << ", want " << term->category;
      }
    } else if (h.start < end && start < h.end &&
               !(h.end - h.start == c.span.size() &&
                 std::find(expected.begin(), expected.end(), h.start) != expected.end())) {
      return ::testing::AssertionFailure() << "a hit of " << c.term << " at " << h.start << ".." << h.end
                                           << " overlaps the expected " << start << ".." << end << "; "
                                           << describe_hits(r, c.field);
    }
  }
  if (exact != 1) {
    return ::testing::AssertionFailure() << exact << " hits of " << c.term << " at " << start << ".." << end
                                         << ", want 1; " << describe_hits(r, c.field);
  }
  return ::testing::AssertionSuccess();
}

bool has_term(const Result& r, const Case& c) {
  return std::any_of(r.hits.begin(), r.hits.end(),
                     [&](const Hit& h) { return h.field == c.field && h.term == c.term; });
}

// ---------------------------------------------------------------------------------------------------------
// The corpus file itself: parseable, meaningful cases, every evasion covered alone and combined.

TEST(EvasionCorpusFile, ParsesAndHasEnoughCases) {
  const std::vector<Case>& cases = corpus();
  const auto count = [&](Expect e) {
    return std::count_if(cases.begin(), cases.end(), [&](const Case& c) { return c.expect == e; });
  };
  EXPECT_GE(cases.size(), 200u);
  EXPECT_GE(count(Expect::kHit), 200);
  EXPECT_GE(count(Expect::kAbsent), 30);
}

TEST(EvasionCorpusFile, EveryCaseIsMeaningful) {
  for (const Case& c : corpus()) {
    SCOPED_TRACE(c.where());
    const Screener* s = Screeners::get(c.profile, Backend::kAhoCorasick);
    ASSERT_NE(s, nullptr);
    const Policy& policy = s->policy();
    ASSERT_GE(lexicon().find_term(c.term), 0) << c.term << " is not a lexicon term";
    ASSERT_EQ(lexicon().terms[lexicon().find_term(c.term)].text, c.term) << "write the term as the lexicon does";
    const auto& applies = policy.field_terms[static_cast<int>(c.field)];
    const bool in_list = std::any_of(applies.begin(), applies.end(),
                                     [&](int t) { return policy.terms[t].text == c.term; });
    // A "list" case is absent because the profile does not screen the field for the term; every other case
    // is about a term the profile does screen the field for.
    EXPECT_EQ(in_list, !c.has("list")) << c.term << " in " << c.profile << "'s " << to_string(c.field) << " list";
    if (c.expect != Expect::kAbsent) {
      EXPECT_FALSE(c.span.empty());
      EXPECT_FALSE(expected_offsets(c).empty()) << "span does not occur " << c.nth << " time(s) in the text";
      // An evasion case must spell the term differently from the lexicon; only the labels below are about
      // something else (the baseline, the text around the term, where the term is, repeats).
      if (c.expect == Expect::kHit && !c.has("plain") && !c.has("trad-context") && !c.has("edge") &&
          !c.has("repeat")) {
        EXPECT_NE(c.span, c.term) << "the span is the term itself: what does this case evade?";
      }
    }
  }
}

// An absent case with a kept character is a near miss: without that character the term is found.
TEST(EvasionCorpusFile, AbsentCasesAreNearMisses) {
  int near_misses = 0;
  for (const Case& c : corpus()) {
    if (c.expect != Expect::kAbsent || c.span == "-") continue;
    SCOPED_TRACE(c.where());
    ASSERT_NE(c.text.find(c.span), std::string::npos) << "the kept character is not in the text";
    Case joined = c;
    for (size_t pos; (pos = joined.text.find(c.span)) != std::string::npos;) joined.text.erase(pos, c.span.size());
    const Screener* s = Screeners::get(c.profile, Backend::kAhoCorasick);
    EXPECT_TRUE(has_term(s->screen(record_for(joined)), joined)) << "even without \"" << c.span << "\"";
    ++near_misses;
  }
  EXPECT_GE(near_misses, 30);
}

TEST(EvasionCorpusFile, EveryEvasionIsCoveredAloneAndCombinedInNamesAndScopes) {
  const std::set<std::string> core(kCoreTricks.begin(), kCoreTricks.end());
  std::map<std::string, int> alone_name, alone_scope, combined;
  int combinations = 0;
  for (const Case& c : corpus()) {
    if (c.expect != Expect::kHit) continue;
    const auto n = std::count_if(c.tricks.begin(), c.tricks.end(), [&](const std::string& t) { return core.count(t); });
    if (n >= 2) ++combinations;
    for (const std::string& t : c.tricks) {
      if (!core.count(t)) continue;
      if (c.tricks.size() == 1 && c.field == Field::kName) ++alone_name[t];
      if (c.tricks.size() == 1 && c.field == Field::kScope) ++alone_scope[t];
      if (n >= 2) ++combined[t];
    }
  }
  for (const std::string& t : kCoreTricks) {
    EXPECT_GE(alone_name[t], 1) << t << " alone in a name";
    EXPECT_GE(alone_scope[t], 1) << t << " alone in a scope";
    EXPECT_GE(combined[t], 1) << t << " combined with another evasion";
  }
  EXPECT_GE(combinations, 40);
}

TEST(EvasionCorpusFile, EveryLexiconTermHasEvasionCases) {
  std::map<std::string, int> evasions;
  for (const Case& c : corpus()) {
    if (c.expect == Expect::kHit && !c.has("plain")) ++evasions[c.term];
  }
  EXPECT_GE(lexicon().terms.size(), 23u);
  for (const Term& t : lexicon().terms) EXPECT_GE(evasions[t.text], 3) << t.text;
}

// ---------------------------------------------------------------------------------------------------------
// The cases, on each backend.

class EvasionCorpus : public ::testing::TestWithParam<Backend> {
 protected:
  const Screener& screener(const std::string& profile) {
    const Screener* s = Screeners::get(profile, GetParam());
    if (!s) throw std::logic_error("backend unavailable");
    return *s;
  }
  void SetUp() override {
    if (GetParam() == Backend::kHyperscan && !hyperscan_available()) {
      GTEST_SKIP() << "Hyperscan is not built in or not supported by this CPU";
    }
  }
};

TEST_P(EvasionCorpus, HitsAtExactOriginalOffsets) {
  int checked = 0;
  for (const Case& c : corpus()) {
    if (c.expect != Expect::kHit) continue;
    SCOPED_TRACE(c.where());
    const Screener& s = screener(c.profile);
    const Result r = s.screen(record_for(c));
    const std::vector<uint32_t> expected = expected_offsets(c);
    for (const uint32_t start : expected) {
      EXPECT_TRUE(has_exact_hit(r, c, s.policy(), start, expected));
      ++checked;
    }
    if (c.has("invalid")) {
      EXPECT_FALSE(r.warnings.empty()) << "invalid UTF-8 without a warning";
    }
  }
  EXPECT_GE(checked, 200);
}

TEST_P(EvasionCorpus, KeptPunctuationAndLookalikesGiveNoHit) {
  for (const Case& c : corpus()) {
    if (c.expect != Expect::kAbsent) continue;
    SCOPED_TRACE(c.where());
    const Result r = screener(c.profile).screen(record_for(c));
    EXPECT_FALSE(has_term(r, c)) << describe_hits(r, c.field);
  }
}

// Known gaps stay documented in the corpus; once one is caught, this fails so that the line is promoted.
TEST_P(EvasionCorpus, KnownGapsAreStillGaps) {
  for (const Case& c : corpus()) {
    if (c.expect != Expect::kGap) continue;
    SCOPED_TRACE(c.where());
    const Result r = screener(c.profile).screen(record_for(c));
    EXPECT_FALSE(has_term(r, c)) << "this evasion is caught now: change \"gap\" to \"hit\" on line " << c.line;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, EvasionCorpus, ::testing::Values(Backend::kHyperscan, Backend::kAhoCorasick),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kHyperscan ? std::string("Hyperscan")
                                                                    : std::string("AhoCorasick");
                         });

// Both backends give the same hits (terms, offsets, statuses) and decisions on every case.
TEST(EvasionCorpusBackends, IdenticalResults) {
  if (!hyperscan_available()) GTEST_SKIP() << "Hyperscan is not built in or not supported by this CPU";
  for (const Case& c : corpus()) {
    SCOPED_TRACE(c.where());
    const Result a = Screeners::get(c.profile, Backend::kHyperscan)->screen(record_for(c));
    const Result b = Screeners::get(c.profile, Backend::kAhoCorasick)->screen(record_for(c));
    ASSERT_EQ(a.hits.size(), b.hits.size()) << describe_hits(a, c.field) << " vs " << describe_hits(b, c.field);
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].term, b.hits[i].term);
      EXPECT_EQ(a.hits[i].start, b.hits[i].start);
      EXPECT_EQ(a.hits[i].end, b.hits[i].end);
      EXPECT_EQ(a.hits[i].status, b.hits[i].status);
    }
    EXPECT_EQ(a.decision, b.decision);
    EXPECT_EQ(a.score, b.score);
  }
}

}  // namespace
}  // namespace regscreen
