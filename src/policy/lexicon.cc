#include "policy/lexicon.h"

#include <algorithm>

#include <boost/algorithm/string/trim.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "normalize/normalizer.h"
#include "policy/toml_reader.h"

namespace regscreen::policy_internal {

namespace {

bool is_category_id(std::string_view id) {
  if (id.empty() || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_blank(std::string_view s) { return boost::algorithm::trim_copy(std::string(s)).empty(); }

// The text the screener matches for a spelling: aliases are compared after full normalization (width,
// case, Traditional->Simplified, separators), since that is what decides which pattern a hit comes from.
std::string normalized(std::string_view text) { return Normalizer::instance().normalize(text); }

// A normalized spelling already claimed by a term or an alias, for duplicate messages.
struct Spelling {
  std::string what;  // "term \"网贷\"" or "alias \"网路借贷\" of term \"网络借贷\""
  int line = 0;
  bool alias = false;
};

}  // namespace

std::string fold_term(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || nfkc_cf == nullptr) return std::string(text);
  const icu::UnicodeString folded =
      nfkc_cf->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

int Lexicon::find_term(std::string_view text) const {
  auto it = term_index.find(fold_term(text));
  return it == term_index.end() ? -1 : it->second;
}

int Lexicon::find_alias(std::string_view text) const {
  auto it = alias_index.find(normalized(text));
  return it == alias_index.end() ? -1 : it->second;
}

bool Lexicon::has_category(std::string_view id) const {
  return std::any_of(categories.begin(), categories.end(), [&](const Category& c) { return c.id == id; });
}

Lexicon load_lexicon(const std::filesystem::path& file) {
  const TomlReader reader(file);
  const toml::table& root = reader.root();
  reader.check_keys(root, {"category", "term"}, "the lexicon (top level)");

  Lexicon lexicon;
  lexicon.file = file;

  const toml::array* categories = reader.optional_table_array(root, "category");
  if (categories == nullptr || categories->empty()) reader.fail(1, "the lexicon defines no [[category]]");
  std::vector<int> category_lines;
  for (const toml::node& node : *categories) {
    const toml::table& table = *node.as_table();
    reader.check_keys(table, {"id", "label", "note"}, "[[category]]");
    const auto id = reader.required_string(table, "id", "[[category]]");
    if (!is_category_id(id.value)) {
      reader.fail(id.line, "category id \"" + id.value + "\" must be lower-case ASCII letters, digits and '_' "
                                                        "starting with a letter");
    }
    for (size_t i = 0; i < lexicon.categories.size(); ++i) {
      if (lexicon.categories[i].id == id.value) {
        reader.fail(id.line, "duplicate category \"" + id.value + "\" (first defined at line " +
                                 std::to_string(category_lines[i]) + ")");
      }
    }
    const auto label = reader.required_string(table, "label", "[[category]]");
    if (is_blank(label.value)) reader.fail(label.line, "empty label for category \"" + id.value + "\"");
    reader.optional_string(table, "note");
    lexicon.categories.push_back({id.value, label.value});
    category_lines.push_back(id.line);
  }

  const toml::array* terms = reader.optional_table_array(root, "term");
  if (terms == nullptr || terms->empty()) reader.fail(1, "the lexicon defines no [[term]]");
  std::unordered_map<std::string, Spelling> spellings;  // normalized text -> first term or alias spelled so
  for (const toml::node& node : *terms) {
    const toml::table& table = *node.as_table();
    reader.check_keys(table, {"text", "category", "weight", "sources", "note", "aliases", "alias_note"}, "[[term]]");
    const auto text = reader.required_string(table, "text", "[[term]]");
    if (is_blank(text.value)) reader.fail(text.line, "empty term");
    if (boost::algorithm::trim_copy(text.value) != text.value) {
      reader.fail(text.line, "term \"" + text.value + "\" has leading or trailing whitespace");
    }
    std::string key = fold_term(text.value);
    if (auto it = lexicon.term_index.find(key); it != lexicon.term_index.end()) {
      const Term& first = lexicon.terms[it->second];
      const std::string same = first.text == text.value ? "" : " (\"" + first.text + "\" folds to the same text)";
      reader.fail(text.line, "duplicate term \"" + text.value + "\"" + same + ", first defined at line " +
                                 std::to_string(lexicon.term_lines[it->second]));
    }

    const auto category = reader.required_string(table, "category", "[[term]]");
    if (!lexicon.has_category(category.value)) {
      reader.fail(category.line, "unknown category \"" + category.value + "\" for term \"" + text.value +
                                     "\" (define it with [[category]])");
    }

    const toml::node* weight_node = table.get("weight");
    if (weight_node == nullptr) reader.fail(TomlReader::line_of(table), "missing key \"weight\" in [[term]] \"" + text.value + "\"");
    const auto* weight = weight_node->as_integer();
    if (weight == nullptr) {
      reader.fail(TomlReader::line_of(*weight_node), "weight of term \"" + text.value + "\" must be an integer 1..100");
    }
    if (weight->get() < 1 || weight->get() > 100) {
      reader.fail(TomlReader::line_of(*weight_node), "weight " + std::to_string(weight->get()) + " of term \"" +
                                                         text.value + "\" is outside 1..100");
    }

    Term term;
    term.text = text.value;
    term.category = category.value;
    term.weight = static_cast<int>(weight->get());
    term.sources = reader.sources(table, "[[term]] \"" + text.value + "\"");
    reader.optional_string(table, "note");

    // Aliases: other spellings the normalizer cannot fold to the term. Terms may share a normalized text
    // (they share a pattern); an alias may not share one with anything, or it would be ambiguous.
    const std::string term_key = normalized(term.text);
    if (auto it = spellings.find(term_key); it != spellings.end() && it->second.alias) {
      reader.fail(text.line, "term \"" + term.text + "\" normalizes to the same text as " + it->second.what +
                                 " (line " + std::to_string(it->second.line) + ")");
    }
    spellings.emplace(term_key, Spelling{"term \"" + term.text + "\"", text.line, false});
    const std::string where = "[[term]] \"" + term.text + "\"";
    const auto aliases = reader.string_array(table, "aliases", where, /*required=*/false, /*allow_empty=*/false);
    const auto alias_note = reader.optional_string(table, "alias_note");
    if (alias_note && aliases.empty()) {
      reader.fail(alias_note->line, "alias_note without aliases in " + where);
    }
    if (!aliases.empty() && (!alias_note || is_blank(alias_note->value))) {
      reader.fail(alias_note ? alias_note->line : aliases.front().line,
                  "the aliases of term \"" + term.text + "\" need an alias_note: where each spelling is used and "
                  "why it is the same word");
    }
    const int index = static_cast<int>(lexicon.terms.size());
    for (const auto& alias : aliases) {
      const std::string of = "alias \"" + alias.value + "\" of term \"" + term.text + "\"";
      if (is_blank(alias.value)) reader.fail(alias.line, "empty alias of term \"" + term.text + "\"");
      if (boost::algorithm::trim_copy(alias.value) != alias.value) {
        reader.fail(alias.line, of + " has leading or trailing whitespace");
      }
      const std::string alias_key = normalized(alias.value);
      if (alias_key.empty()) reader.fail(alias.line, of + " is empty after normalization");
      if (alias_key == term_key) {
        reader.fail(alias.line, of + " normalizes to the term itself (the normalizer already catches this "
                                     "spelling): remove it");
      }
      if (auto it = spellings.find(alias_key); it != spellings.end()) {
        reader.fail(alias.line, of + " normalizes to the same text as " + it->second.what + " (line " +
                                    std::to_string(it->second.line) + ")");
      }
      if (alias_note->value.find(alias.value) == std::string::npos) {
        reader.fail(alias_note->line, "alias_note of term \"" + term.text + "\" does not mention the alias \"" +
                                          alias.value + "\": say where it is used and why it is the same word");
      }
      spellings.emplace(alias_key, Spelling{of, alias.line, true});
      lexicon.alias_index.emplace(alias_key, index);
      term.aliases.push_back(alias.value);
    }

    lexicon.term_index.emplace(std::move(key), static_cast<int>(lexicon.terms.size()));
    lexicon.terms.push_back(std::move(term));
    lexicon.term_lines.push_back(TomlReader::line_of(table));
  }
  return lexicon;
}

}  // namespace regscreen::policy_internal
