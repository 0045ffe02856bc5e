// Loading and validating context.toml (docs/CONTEXT.md). Strict: unknown keys, wrong types, empty texts,
// examples that do not show what they claim and regular expressions that do not compile are errors with
// file:line, because a silently ignored rule is a silently wrong referral.
#include "context/context_rules.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "context/code_points.h"
#include "normalize/normalizer.h"

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

class Loader {
 public:
  explicit Loader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(int line, const std::string& message) const { throw PolicyError(source_, line, message); }
  [[noreturn]] void fail(const toml::node& n, const std::string& message) const {
    fail(static_cast<int>(n.source().begin.line), message);
  }

  // Rejects keys of `t` not in `allowed`.
  void only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view where) const {
    for (const auto& [k, v] : t) {
      if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end()) {
        fail(v, "unknown key \"" + std::string(k.str()) + "\" in " + std::string(where));
      }
    }
  }

  const toml::table& table_at(const toml::table& parent, std::string_view key) const {
    const toml::node* n = parent.get(key);
    if (!n) fail(line_of(parent), "missing table [" + std::string(key) + "]");
    if (!n->is_table()) fail(*n, "\"" + std::string(key) + "\" must be a table");
    return *n->as_table();
  }

  std::string string_at(const toml::table& t, std::string_view key, bool required, std::string_view where) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) fail(line_of(t), "missing \"" + std::string(key) + "\" in " + std::string(where));
      return {};
    }
    if (!n->is_string()) fail(*n, "\"" + std::string(key) + "\" must be a string");
    std::string s = **n->as_string();
    if (required && s.empty()) fail(*n, "\"" + std::string(key) + "\" must not be empty");
    return s;
  }

  // An array of strings; a single string is read as an array of one.
  std::vector<std::string> strings_at(const toml::table& t, std::string_view key, bool required) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) fail(line_of(t), "missing \"" + std::string(key) + "\"");
      return out;
    }
    if (n->is_string()) {
      out.push_back(**n->as_string());
      if (out.back().empty()) fail(*n, "\"" + std::string(key) + "\" must not be empty");
      return out;
    }
    const toml::array* a = n->as_array();
    if (!a) fail(*n, "\"" + std::string(key) + "\" must be an array of strings");
    for (const toml::node& e : *a) {
      if (!e.is_string()) fail(e, "\"" + std::string(key) + "\" must hold strings only");
      std::string s = **e.as_string();
      if (s.empty()) fail(e, "empty string in \"" + std::string(key) + "\"");
      out.push_back(std::move(s));
    }
    if (required && out.empty()) fail(*n, "\"" + std::string(key) + "\" must not be empty");
    return out;
  }

  double number_at(const toml::table& t, std::string_view key, double lo, double hi, double fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    std::optional<double> v = n->value<double>();
    if (!v) fail(*n, "\"" + std::string(key) + "\" must be a number");
    if (*v < lo || *v > hi) {
      fail(*n, "\"" + std::string(key) + "\" must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return *v;
  }

  // Normalized text as code points; an error if normalization leaves nothing.
  std::u32string normalized(const std::string& s, const toml::node& where) const {
    std::u32string out = to_u32(Normalizer::instance().normalize(s));
    if (out.empty()) fail(where, "\"" + s + "\" is empty after normalization");
    return out;
  }

  std::vector<std::u32string> normalized_list(const toml::table& t, std::string_view key, bool required) const {
    std::vector<std::u32string> out;
    const toml::node* n = t.get(key);
    for (const std::string& s : strings_at(t, key, required)) out.push_back(normalized(s, *n));
    return out;
  }

  // Every example must contain `needle` once normalized: examples document real text, and one that does
  // not show the rule is a typo in the rule or in the example.
  void check_examples(const toml::table& t, std::u32string_view needle, std::string_view what) const {
    const toml::node* n = t.get("examples");
    for (const std::string& ex : strings_at(t, "examples", false)) {
      if (to_u32(Normalizer::instance().normalize(ex)).find(needle) == std::u32string::npos) {
        fail(*n, "example \"" + ex + "\" does not contain " + std::string(what) + " \"" + to_utf8(needle) + "\"");
      }
    }
  }

  static int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

template <typename F>
void for_each_table(const Loader& L, const toml::table& root, std::string_view key, F&& f) {
  const toml::node* n = root.get(key);
  if (!n) return;
  const toml::array* a = n->as_array();
  if (!a) L.fail(*n, "\"" + std::string(key) + "\" must be an array of tables ([[" + std::string(key) + "]])");
  for (const toml::node& e : *a) {
    if (!e.is_table()) L.fail(e, "[[" + std::string(key) + "]] entries must be tables");
    f(*e.as_table());
  }
}

void load_clauses(const Loader& L, const toml::table& root, ContextRules& r) {
  const toml::table& t = L.table_at(root, "clauses");
  L.only_keys(t, {"hard_stops", "soft_stops", "object_closers", "brackets"}, "[clauses]");
  // Stops are punctuation: "\n" must survive, so they are normalized but a newline is kept as it is.
  for (const std::string& s : L.strings_at(t, "hard_stops", true)) {
    r.hard_stops.push_back(s == "\n" ? std::u32string(U"\n") : L.normalized(s, *t.get("hard_stops")));
  }
  r.soft_stops = L.normalized_list(t, "soft_stops", false);
  r.object_closers = L.normalized_list(t, "object_closers", false);
  for (const std::string& pair : L.strings_at(t, "brackets", true)) {
    std::u32string p = L.normalized(pair, *t.get("brackets"));
    if (p.size() != 2) L.fail(*t.get("brackets"), "bracket pair \"" + pair + "\" must be two characters");
    r.open_brackets.push_back(p[0]);
    r.close_brackets.push_back(p[1]);
  }
}

void load_negation(const Loader& L, const toml::table& root, ContextRules& r) {
  for_each_table(L, root, "negation", [&](const toml::table& t) {
    L.only_keys(t, {"cue", "reach", "unless_followed_by", "unless_preceded_by", "until", "examples", "source", "note"},
                "[[negation]]");
    NegationCue c;
    c.display = L.string_at(t, "cue", true, "[[negation]]");
    c.text = L.normalized(c.display, *t.get("cue"));
    const std::string reach = L.string_at(t, "reach", true, "[[negation]]");
    if (reach == "forward") {
      c.reach = Reach::kForward;
    } else if (reach == "backward") {
      c.reach = Reach::kBackward;
    } else if (reach == "prefix") {
      c.reach = Reach::kPrefix;
    } else {
      L.fail(*t.get("reach"), "reach must be forward, backward or prefix, not \"" + reach + "\"");
    }
    c.unless_followed_by = L.normalized_list(t, "unless_followed_by", false);
    c.unless_preceded_by = L.normalized_list(t, "unless_preceded_by", false);
    c.until = L.normalized_list(t, "until", false);
    if (!c.until.empty() && c.reach != Reach::kForward) L.fail(*t.get("until"), "\"until\" needs reach = \"forward\"");
    L.strings_at(t, "examples", true);
    L.check_examples(t, c.text, "the cue");
    c.line = Loader::line_of(t);
    r.cues.push_back(std::move(c));
  });
}

CompoundKind parse_kind(const Loader& L, const toml::table& t) {
  const std::string kind = L.string_at(t, "kind", true, "[[compound]]");
  if (kind == "other_word") return CompoundKind::kOtherWord;
  if (kind == "proper_noun") return CompoundKind::kProperNoun;
  if (kind == "place") return CompoundKind::kPlace;
  if (kind == "incidental") return CompoundKind::kIncidental;
  L.fail(*t.get("kind"), "kind must be other_word, proper_noun, place or incidental, not \"" + kind + "\"");
}

void load_compounds(const Loader& L, const toml::table& root, ContextRules& r) {
  for_each_table(L, root, "compound", [&](const toml::table& t) {
    L.only_keys(t, {"text", "kind", "why", "examples", "source"}, "[[compound]]");
    const std::vector<std::string> texts = L.strings_at(t, "text", true);
    const toml::node& where = *t.get("text");
    for (const std::string& text : texts) {
      Compound c;
      c.text = L.normalized(text, where);
      c.display = to_utf8(c.text);
      c.kind = parse_kind(L, t);
      c.why = L.string_at(t, "why", true, "[[compound]]");
      c.line = Loader::line_of(where);
      r.compounds.push_back(std::move(c));
    }
    // Examples show at least one of the compounds.
    const toml::node* ex = t.get("examples");
    for (const std::string& e : L.strings_at(t, "examples", false)) {
      const std::u32string ne = to_u32(Normalizer::instance().normalize(e));
      bool any = false;
      for (const std::string& text : texts) {
        any = any || ne.find(to_u32(Normalizer::instance().normalize(text))) != std::u32string::npos;
      }
      if (!any) L.fail(*ex, "example \"" + e + "\" contains none of the entry's texts");
    }
  });
  // Overlapping words: a benign word that shares the term's first or last characters, e.g. 金属 with 基金
  // in 鸿基金属. Each becomes an other_word compound spelling out the overlap: 基金属.
  for_each_table(L, root, "overlap", [&](const toml::table& t) {
    L.only_keys(t, {"term", "before", "after", "why", "examples", "source"}, "[[overlap]]");
    const std::u32string term = L.normalized(L.string_at(t, "term", true, "[[overlap]]"), *t.get("term"));
    const std::string why = L.string_at(t, "why", true, "[[overlap]]");
    std::vector<std::u32string> made;
    for (const char* side : {"before", "after"}) {
      const bool before = side[0] == 'b';
      for (const std::u32string& w : L.normalized_list(t, side, false)) {
        size_t k = std::min(w.size(), term.size() - 1);
        for (; k > 0; --k) {
          if (before ? w.compare(w.size() - k, k, term, 0, k) == 0 : w.compare(0, k, term, term.size() - k, k) == 0) {
            break;
          }
        }
        if (k == 0) {
          L.fail(*t.get(side), "\"" + to_utf8(w) + "\" does not overlap the " + (before ? "start" : "end") +
                                   " of \"" + to_utf8(term) + "\"");
        }
        Compound c;
        c.text = before ? w + term.substr(k) : term + w.substr(k);
        c.display = to_utf8(c.text);
        c.kind = CompoundKind::kOtherWord;
        c.why = to_utf8(w) + ": " + why;
        c.line = Loader::line_of(*t.get(side));
        made.push_back(c.text);
        r.compounds.push_back(std::move(c));
      }
    }
    if (made.empty()) L.fail(t, "[[overlap]] needs \"before\" or \"after\" words");
    const toml::node* ex = t.get("examples");
    for (const std::string& e : L.strings_at(t, "examples", false)) {
      const std::u32string ne = to_u32(Normalizer::instance().normalize(e));
      if (std::none_of(made.begin(), made.end(), [&](const auto& m) { return ne.find(m) != std::u32string::npos; })) {
        L.fail(*ex, "example \"" + e + "\" shows none of the overlaps");
      }
    }
  });
}

void load_name(const Loader& L, const toml::table& root, ContextRules& r) {
  const toml::table& t = L.table_at(root, "name");
  L.only_keys(t,
              {"unit_forms", "final_forms", "branch_forms", "regions", "region_suffixes", "short_region_suffixes",
               "not_region_words", "industry_words", "max_region_chars"},
              "[name]");
  NameVocabulary& v = r.name;
  v.unit_forms = L.normalized_list(t, "unit_forms", true);
  v.final_forms = L.normalized_list(t, "final_forms", false);
  v.branch_forms = L.normalized_list(t, "branch_forms", false);
  v.regions = L.normalized_list(t, "regions", true);
  v.region_suffixes = L.normalized_list(t, "region_suffixes", true);
  v.short_region_suffixes = L.normalized_list(t, "short_region_suffixes", false);
  v.not_region_words = L.normalized_list(t, "not_region_words", false);
  v.industry_words = L.normalized_list(t, "industry_words", true);
  v.max_region_chars = static_cast<int>(L.number_at(t, "max_region_chars", 1, 12, 4));
  for (const std::u32string& b : v.branch_forms) {
    if (std::find(v.unit_forms.begin(), v.unit_forms.end(), b) == v.unit_forms.end()) {
      L.fail(*t.get("branch_forms"), "branch form \"" + to_utf8(b) + "\" must also be listed in unit_forms");
    }
  }
  // Longest first: matching tries them in order.
  auto longest_first = [](std::vector<std::u32string>& xs) {
    std::stable_sort(xs.begin(), xs.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  };
  longest_first(v.unit_forms);
  longest_first(v.final_forms);
  longest_first(v.regions);
  longest_first(v.region_suffixes);
  longest_first(v.short_region_suffixes);
  longest_first(v.industry_words);
}

void load_licensed(const Loader& L, const toml::table& root, ContextRules& r) {
  std::set<std::string> ids;
  for_each_table(L, root, "licensed", [&](const toml::table& t) {
    L.only_keys(t, {"id", "label", "name", "scope_any", "examples", "source", "note"}, "[[licensed]]");
    LicensedRule rule;
    rule.id = L.string_at(t, "id", true, "[[licensed]]");
    if (!ids.insert(rule.id).second) L.fail(*t.get("id"), "duplicate licensed rule id \"" + rule.id + "\"");
    rule.label = L.string_at(t, "label", true, "[[licensed]]");
    rule.line = Loader::line_of(t);
    const std::string pattern = L.string_at(t, "name", false, "[[licensed]]");
    if (!pattern.empty()) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError pe;
      std::shared_ptr<icu::RegexPattern> p(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, pe, status));
      if (U_FAILURE(status) || !p) {
        L.fail(*t.get("name"), "name pattern does not compile (" + std::string(u_errorName(status)) + " at offset " +
                                   std::to_string(pe.offset) + ")");
      }
      rule.name = std::move(p);
    }
    rule.scope_display = L.strings_at(t, "scope_any", false);
    rule.scope_any = L.normalized_list(t, "scope_any", false);
    if (!rule.name && rule.scope_any.empty()) L.fail(t, "[[licensed]] needs \"name\" or \"scope_any\"");
    // Examples are "name|scope" pairs or names: each must satisfy the rule's name pattern.
    if (rule.name) {
      const toml::node* ex = t.get("examples");
      for (const std::string& e : L.strings_at(t, "examples", false)) {
        const std::string name = e.substr(0, e.find('|'));
        UErrorCode status = U_ZERO_ERROR;
        // The matcher keeps a pointer to its input: the string must outlive it.
        const icu::UnicodeString input = icu::UnicodeString::fromUTF8(Normalizer::instance().normalize(name));
        std::unique_ptr<icu::RegexMatcher> m(rule.name->matcher(input, status));
        if (U_FAILURE(status) || !m->find()) L.fail(*ex, "example name \"" + name + "\" does not match the pattern");
      }
    }
    r.licensed.push_back(std::move(rule));
  });
}

void load_scoring(const Loader& L, const toml::table& root, ContextRules& r) {
  const toml::node* n = root.get("scoring");
  if (!n) return;
  if (!n->is_table()) L.fail(*n, "[scoring] must be a table");
  const toml::table& t = *n->as_table();
  L.only_keys(t, {"field", "name_part", "incidental", "spill"}, "[scoring]");
  ScoringFactors& s = r.scoring;
  if (const toml::node* f = t.get("field")) {
    if (!f->is_table()) L.fail(*f, "scoring.field must be a table");
    const toml::table& ft = *f->as_table();
    L.only_keys(ft, {"name", "scope", "website"}, "scoring.field");
    s.field[0] = L.number_at(ft, "name", 0, 1, s.field[0]);
    s.field[1] = L.number_at(ft, "scope", 0, 1, s.field[1]);
    s.field[2] = L.number_at(ft, "website", 0, 1, s.field[2]);
  }
  if (const toml::node* p = t.get("name_part")) {
    if (!p->is_table()) L.fail(*p, "scoring.name_part must be a table");
    const toml::table& pt = *p->as_table();
    L.only_keys(pt, {"none", "region", "trade_name", "industry", "legal_form"}, "scoring.name_part");
    const char* keys[5] = {"none", "region", "trade_name", "industry", "legal_form"};
    for (int i = 0; i < 5; ++i) s.name_part[i] = L.number_at(pt, keys[i], 0, 1, s.name_part[i]);
  }
  s.incidental = L.number_at(t, "incidental", 0, 1, s.incidental);
  s.spill = L.number_at(t, "spill", 0, 1, s.spill);
}

}  // namespace

std::shared_ptr<const ContextRules> ContextRules::parse(std::string_view text, const std::string& source) {
  Loader L(source);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw PolicyError(source, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  L.only_keys(root, {"version", "clauses", "negation", "compound", "overlap", "name", "licensed", "scoring",
                     "word_breaks"},
              "context file");
  if (const toml::node* v = root.get("version"); !v || v->value<int64_t>() != 1) {
    L.fail(v ? *v : static_cast<const toml::node&>(root), "\"version = 1\" expected");
  }
  auto rules = std::make_shared<ContextRules>();
  rules->source = source;
  load_clauses(L, root, *rules);
  load_negation(L, root, *rules);
  load_compounds(L, root, *rules);
  load_name(L, root, *rules);
  load_licensed(L, root, *rules);
  load_scoring(L, root, *rules);
  if (const toml::node* w = root.get("word_breaks")) {
    if (!w->is_table()) L.fail(*w, "[word_breaks] must be a table");
    L.only_keys(*w->as_table(), {"enabled", "note"}, "[word_breaks]");
    if (const toml::node* e = w->as_table()->get("enabled")) {
      if (!e->is_boolean()) L.fail(*e, "word_breaks.enabled must be true or false");
      rules->use_word_breaks = **e->as_boolean();
    }
  }
  return rules;
}

std::shared_ptr<const ContextRules> ContextRules::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw PolicyError(file.string(), 0, "cannot read the context file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

}  // namespace regscreen::context
