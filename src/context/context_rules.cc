// Loading and validating context.toml (docs/CONTEXT.md). Strict: unknown keys, wrong types, empty texts,
// examples that do not show what they claim and regular expressions that do not compile are errors with
// file:line, because a silently ignored rule is a silently wrong referral.
#include "context/context_rules.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <sstream>

#include "context/code_points.h"
#include "normalize/normalizer.h"
#include "policy/toml_reader.h"

namespace regscreen::context {

std::string_view to_string(CompoundKind k) {
  switch (k) {
    case CompoundKind::kOtherWord: return "other_word";
    case CompoundKind::kProperNoun: return "proper_noun";
    case CompoundKind::kPlace: return "place";
    case CompoundKind::kIncidental: return "incidental";
  }
  return "?";
}

namespace {

using policy_internal::Located;
using policy_internal::TomlReader;

// Context-file helpers on top of the policy TomlReader (strict keys, typed values, file:line errors):
// normalization of texts, examples that must show what they illustrate, bounded factors.
class Loader {
 public:
  explicit Loader(const TomlReader& reader) : r_(reader) {}

  const TomlReader& reader() const { return r_; }
  [[noreturn]] void fail(int line, const std::string& message) const { r_.fail(line, message); }
  void only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view where) const {
    r_.check_keys(t, allowed, where);
  }
  static int line_of(const toml::node& n) { return TomlReader::line_of(n); }

  // A string or an array of strings, each with its line.
  std::vector<Located<std::string>> strings(const toml::table& t, std::string_view key, std::string_view where,
                                            bool required) const {
    if (const toml::node* n = t.get(key); n && n->is_string()) {
      Located<std::string> one = *r_.optional_string(t, key);
      if (one.value.empty()) fail(one.line, "\"" + std::string(key) + "\" must not be empty");
      return {one};
    }
    return r_.string_array(t, key, where, required, /*allow_empty=*/!required);
  }

  // Normalized text as code points; an error if normalization leaves nothing.
  std::u32string normalized(const Located<std::string>& s) const {
    std::u32string out = to_u32(Normalizer::instance().normalize(s.value));
    if (out.empty()) fail(s.line, "\"" + s.value + "\" is empty after normalization");
    return out;
  }

  std::vector<std::u32string> normalized_list(const toml::table& t, std::string_view key, std::string_view where,
                                               bool required) const {
    std::vector<std::u32string> out;
    for (const auto& s : strings(t, key, where, required)) out.push_back(normalized(s));
    return out;
  }

  // Every example must contain one of `needles` once normalized: examples document real text, and one
  // that does not show the rule is a typo in the rule or in the example.
  void check_examples(const toml::table& t, std::string_view where, const std::vector<std::u32string>& needles,
                      std::string_view what) const {
    for (const auto& ex : strings(t, "examples", where, false)) {
      const std::u32string text = to_u32(Normalizer::instance().normalize(ex.value));
      if (std::none_of(needles.begin(), needles.end(),
                       [&](const std::u32string& n) { return text.find(n) != std::u32string::npos; })) {
        fail(ex.line, "example \"" + ex.value + "\" does not contain " + std::string(what));
      }
    }
  }

  double number(const toml::table& t, std::string_view key, double lo, double hi, double fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    const std::optional<double> v = n->value<double>();
    if (!v) fail(line_of(*n), "\"" + std::string(key) + "\" must be a number");
    if (*v < lo || *v > hi) {
      std::ostringstream msg;
      msg << "\"" << key << "\" must lie in [" << lo << ", " << hi << "], not " << *v;
      fail(line_of(*n), msg.str());
    }
    return *v;
  }

 private:
  const TomlReader& r_;
};

template <typename F>
void for_each_table(const Loader& L, const toml::table& root, std::string_view key, F&& f) {
  if (const toml::array* a = L.reader().optional_table_array(root, key)) {
    for (const toml::node& e : *a) f(*e.as_table());
  }
}

const toml::table& required_table(const Loader& L, const toml::table& root, std::string_view key) {
  const toml::table* t = L.reader().optional_table(root, key);
  if (!t) L.fail(0, "missing table [" + std::string(key) + "]");
  return *t;
}

void load_clauses(const Loader& L, const toml::table& root, ContextRules& r) {
  const toml::table& t = required_table(L, root, "clauses");
  L.only_keys(t, {"hard_stops", "soft_stops", "object_closers", "enumeration_ends", "brackets"}, "[clauses]");
  // A newline is a stop of its own: the normalizer would remove it.
  for (const auto& s : L.strings(t, "hard_stops", "[clauses]", true)) {
    r.hard_stops.push_back(s.value == "\n" ? std::u32string(U"\n") : L.normalized(s));
  }
  r.soft_stops = L.normalized_list(t, "soft_stops", "[clauses]", false);
  r.object_closers = L.normalized_list(t, "object_closers", "[clauses]", false);
  r.enumeration_ends = L.normalized_list(t, "enumeration_ends", "[clauses]", false);
  for (const auto& pair : L.strings(t, "brackets", "[clauses]", true)) {
    const std::u32string p = L.normalized(pair);
    if (p.size() != 2) L.fail(pair.line, "bracket pair \"" + pair.value + "\" must be two characters");
    r.open_brackets.push_back(p[0]);
    r.close_brackets.push_back(p[1]);
  }
}

void load_negation(const Loader& L, const toml::table& root, ContextRules& r) {
  constexpr std::string_view where = "[[negation]]";
  for_each_table(L, root, "negation", [&](const toml::table& t) {
    L.only_keys(t, {"cue", "reach", "unless_followed_by", "unless_preceded_by", "until", "examples", "source", "note"},
                where);
    NegationCue c;
    const Located<std::string> cue = L.reader().required_string(t, "cue", where);
    c.display = cue.value;
    c.text = L.normalized(cue);
    const Located<std::string> reach = L.reader().required_string(t, "reach", where);
    if (reach.value == "forward") {
      c.reach = Reach::kForward;
    } else if (reach.value == "backward") {
      c.reach = Reach::kBackward;
    } else if (reach.value == "prefix") {
      c.reach = Reach::kPrefix;
    } else {
      L.fail(reach.line, "reach must be forward, backward or prefix, not \"" + reach.value + "\"");
    }
    c.unless_followed_by = L.normalized_list(t, "unless_followed_by", where, false);
    c.unless_preceded_by = L.normalized_list(t, "unless_preceded_by", where, false);
    c.until = L.normalized_list(t, "until", where, false);
    if (!c.until.empty() && c.reach != Reach::kForward) {
      L.fail(Loader::line_of(*t.get("until")), "\"until\" needs reach = \"forward\"");
    }
    L.strings(t, "examples", where, true);
    L.check_examples(t, where, {c.text}, "the cue \"" + c.display + "\"");
    c.line = Loader::line_of(t);
    r.cues.push_back(std::move(c));
  });
}

CompoundKind parse_kind(const Loader& L, const toml::table& t) {
  const Located<std::string> kind = L.reader().required_string(t, "kind", "[[compound]]");
  if (kind.value == "other_word") return CompoundKind::kOtherWord;
  if (kind.value == "proper_noun") return CompoundKind::kProperNoun;
  if (kind.value == "place") return CompoundKind::kPlace;
  if (kind.value == "incidental") return CompoundKind::kIncidental;
  L.fail(kind.line, "kind must be other_word, proper_noun, place or incidental, not \"" + kind.value + "\"");
}

void load_compounds(const Loader& L, const toml::table& root, ContextRules& r) {
  for_each_table(L, root, "compound", [&](const toml::table& t) {
    constexpr std::string_view where = "[[compound]]";
    L.only_keys(t, {"text", "kind", "why", "examples", "source"}, where);
    const CompoundKind kind = parse_kind(L, t);
    const std::string why = L.reader().required_string(t, "why", where).value;
    std::vector<std::u32string> texts;
    for (const auto& text : L.strings(t, "text", where, true)) {
      Compound c;
      c.text = L.normalized(text);
      c.display = to_utf8(c.text);
      c.kind = kind;
      c.why = why;
      c.line = text.line;
      texts.push_back(c.text);
      r.compounds.push_back(std::move(c));
    }
    L.check_examples(t, where, texts, "any of the entry's texts");
  });
  // Overlapping words: a benign word that shares the term's first or last characters, e.g. 金属 with 基金
  // in 鸿基金属. Each becomes an other_word compound spelling out the overlap: 基金属.
  for_each_table(L, root, "overlap", [&](const toml::table& t) {
    constexpr std::string_view where = "[[overlap]]";
    L.only_keys(t, {"term", "before", "after", "why", "examples", "source"}, where);
    const std::u32string term = L.normalized(L.reader().required_string(t, "term", where));
    const std::string why = L.reader().required_string(t, "why", where).value;
    std::vector<std::u32string> made;
    for (const std::string_view side : {"before", "after"}) {
      const bool before = side == "before";
      for (const auto& word : L.strings(t, side, where, false)) {
        const std::u32string w = L.normalized(word);
        size_t k = std::min(w.size(), term.size() - 1);
        for (; k > 0; --k) {
          if (before ? w.compare(w.size() - k, k, term, 0, k) == 0 : w.compare(0, k, term, term.size() - k, k) == 0) {
            break;
          }
        }
        if (k == 0) {
          L.fail(word.line, "\"" + word.value + "\" does not overlap the " + (before ? "start" : "end") + " of \"" +
                                to_utf8(term) + "\"");
        }
        Compound c;
        c.text = before ? w + term.substr(k) : term + w.substr(k);
        c.display = to_utf8(c.text);
        c.kind = CompoundKind::kOtherWord;
        c.why = word.value + ": " + why;
        c.line = word.line;
        made.push_back(c.text);
        r.compounds.push_back(std::move(c));
      }
    }
    if (made.empty()) L.fail(Loader::line_of(t), "[[overlap]] needs \"before\" or \"after\" words");
    L.check_examples(t, where, made, "any of the overlaps");
  });
}

void load_name(const Loader& L, const toml::table& root, ContextRules& r) {
  constexpr std::string_view where = "[name]";
  const toml::table& t = required_table(L, root, "name");
  L.only_keys(t,
              {"unit_forms", "final_forms", "branch_forms", "regions", "region_suffixes", "short_region_suffixes",
               "not_region_words", "industry_words", "max_region_chars"},
              where);
  NameVocabulary& v = r.name;
  v.unit_forms = L.normalized_list(t, "unit_forms", where, true);
  v.final_forms = L.normalized_list(t, "final_forms", where, false);
  v.branch_forms = L.normalized_list(t, "branch_forms", where, false);
  v.regions = L.normalized_list(t, "regions", where, true);
  v.region_suffixes = L.normalized_list(t, "region_suffixes", where, true);
  v.short_region_suffixes = L.normalized_list(t, "short_region_suffixes", where, false);
  v.not_region_words = L.normalized_list(t, "not_region_words", where, false);
  v.industry_words = L.normalized_list(t, "industry_words", where, true);
  v.max_region_chars = static_cast<int>(L.number(t, "max_region_chars", 1, 12, 4));
  for (const std::u32string& b : v.branch_forms) {
    if (std::find(v.unit_forms.begin(), v.unit_forms.end(), b) == v.unit_forms.end()) {
      L.fail(Loader::line_of(*t.get("branch_forms")), "branch form \"" + to_utf8(b) + "\" must also be a unit form");
    }
  }
  // Longest first: matching tries them in order.
  auto longest_first = [](std::vector<std::u32string>& xs) {
    std::stable_sort(xs.begin(), xs.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  };
  for (auto* xs : {&v.unit_forms, &v.final_forms, &v.regions, &v.region_suffixes, &v.short_region_suffixes,
                   &v.industry_words}) {
    longest_first(*xs);
  }
}

void load_licensed(const Loader& L, const toml::table& root, ContextRules& r) {
  std::set<std::string> ids;
  for_each_table(L, root, "licensed", [&](const toml::table& t) {
    constexpr std::string_view where = "[[licensed]]";
    L.only_keys(t, {"id", "label", "name", "name_needs", "scope_any", "examples", "source", "note"}, where);
    LicensedRule rule;
    const Located<std::string> id = L.reader().required_string(t, "id", where);
    if (!ids.insert(id.value).second) L.fail(id.line, "duplicate licensed rule id \"" + id.value + "\"");
    rule.id = id.value;
    rule.label = L.reader().required_string(t, "label", where).value;
    rule.line = Loader::line_of(t);
    if (const auto pattern = L.reader().optional_string(t, "name")) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError pe;
      std::shared_ptr<icu::RegexPattern> p(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern->value), 0, pe, status));
      if (U_FAILURE(status) || !p) {
        L.fail(pattern->line, "name pattern does not compile (" + std::string(u_errorName(status)) + " at offset " +
                                  std::to_string(pe.offset) + ")");
      }
      rule.name = std::move(p);
    }
    rule.name_needs = L.normalized_list(t, "name_needs", where, false);
    if (!rule.name_needs.empty() && !rule.name) {
      L.fail(Loader::line_of(*t.get("name_needs")), "\"name_needs\" needs a \"name\" pattern");
    }
    if (!rule.name_needs.empty()) {
      L.check_examples(t, where, rule.name_needs, "any of the rule's name_needs");
    }
    for (const auto& cue : L.strings(t, "scope_any", where, false)) {
      rule.scope_display.push_back(cue.value);
      rule.scope_any.push_back(L.normalized(cue));
    }
    if (!rule.name && rule.scope_any.empty()) L.fail(rule.line, "[[licensed]] needs \"name\" or \"scope_any\"");
    rule.scope_words = WordSet(rule.scope_any);
    // Examples are names, each matched by the name pattern.
    if (rule.name) {
      for (const auto& ex : L.strings(t, "examples", where, false)) {
        UErrorCode status = U_ZERO_ERROR;
        // The matcher keeps a pointer to its input: the string must outlive it.
        const icu::UnicodeString input = icu::UnicodeString::fromUTF8(Normalizer::instance().normalize(ex.value));
        std::unique_ptr<icu::RegexMatcher> m(rule.name->matcher(input, status));
        if (U_FAILURE(status) || !m->find()) L.fail(ex.line, "example name \"" + ex.value + "\" does not match the pattern");
      }
    }
    r.licensed.push_back(std::move(rule));
  });
  std::vector<std::u32string> needs;
  for (uint32_t i = 0; i < r.licensed.size(); ++i) {
    for (const std::u32string& w : r.licensed[i].name_needs) {
      needs.push_back(w);
      r.licensed_need_rule.push_back(i);
    }
  }
  r.licensed_name_needs = WordSet(std::move(needs));
}

void load_scoring(const Loader& L, const toml::table& root, ContextRules& r) {
  const toml::table* t = L.reader().optional_table(root, "scoring");
  if (!t) return;
  L.only_keys(*t, {"field", "name_part", "incidental", "spill"}, "[scoring]");
  ScoringFactors& s = r.scoring;
  if (const toml::table* ft = L.reader().optional_table(*t, "field")) {
    L.only_keys(*ft, {"name", "scope", "website"}, "scoring.field");
    const char* keys[kFieldCount] = {"name", "scope", "website"};
    for (int i = 0; i < kFieldCount; ++i) s.field[i] = L.number(*ft, keys[i], 0, 1, s.field[i]);
  }
  if (const toml::table* pt = L.reader().optional_table(*t, "name_part")) {
    L.only_keys(*pt, {"none", "region", "trade_name", "industry", "legal_form"}, "scoring.name_part");
    const char* keys[5] = {"none", "region", "trade_name", "industry", "legal_form"};
    for (int i = 0; i < 5; ++i) s.name_part[i] = L.number(*pt, keys[i], 0, 1, s.name_part[i]);
  }
  s.incidental = L.number(*t, "incidental", 0, 1, s.incidental);
  s.spill = L.number(*t, "spill", 0, 1, s.spill);
}

}  // namespace

std::shared_ptr<const ContextRules> ContextRules::load(const std::filesystem::path& file) {
  const TomlReader reader(file);
  const Loader L(reader);
  const toml::table& root = reader.root();
  L.only_keys(root,
              {"version", "clauses", "negation", "compound", "overlap", "name", "licensed", "scoring", "word_breaks"},
              "the context file");
  const auto version = reader.optional_integer(root, "version");
  if (!version || version->value != 1) L.fail(version ? version->line : 0, "\"version = 1\" expected");
  auto rules = std::make_shared<ContextRules>();
  rules->source = file.string();
  load_clauses(L, root, *rules);
  load_negation(L, root, *rules);
  load_compounds(L, root, *rules);
  load_name(L, root, *rules);
  load_licensed(L, root, *rules);
  load_scoring(L, root, *rules);
  if (const toml::table* w = reader.optional_table(root, "word_breaks")) {
    L.only_keys(*w, {"enabled", "note"}, "[word_breaks]");
    if (const auto enabled = reader.optional_bool(*w, "enabled")) rules->use_word_breaks = enabled->value;
  }
  return rules;
}

}  // namespace regscreen::context
