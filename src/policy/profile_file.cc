#include "policy/profile_file.h"

#include <algorithm>
#include <unordered_map>

#include <boost/algorithm/string/trim.hpp>

namespace regscreen::policy_internal {

namespace {

bool is_list_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::optional<Field> parse_field(std::string_view name) {
  if (name == "name") return Field::kName;
  if (name == "scope") return Field::kScope;
  if (name == "website") return Field::kWebsite;
  return std::nullopt;
}

// A list of department names: no blank names, no name twice.
std::vector<std::string> department_names(const TomlReader& reader, const toml::table& table, std::string_view key,
                                          std::string_view where, bool required) {
  std::vector<std::string> out;
  for (const auto& name : reader.string_array(table, key, where, required, /*allow_empty=*/!required)) {
    if (boost::algorithm::trim_copy(name.value).empty()) reader.fail(name.line, std::string(where) + ": blank department name");
    if (std::find(out.begin(), out.end(), name.value) != out.end()) {
      reader.fail(name.line, std::string(where) + ": \"" + name.value + "\" is listed twice in " + std::string(key));
    }
    out.push_back(name.value);
  }
  return out;
}

void read_thresholds(const TomlReader& reader, const toml::table& table, ProfileFile* profile) {
  reader.check_keys(table, {"refer", "review", "note"}, "[thresholds]");
  profile->thresholds_line = TomlReader::line_of(table);
  auto read_one = [&](std::string_view key) -> std::optional<Located<int>> {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    const int line = TomlReader::line_of(*node);
    const auto* value = node->as_integer();
    if (value == nullptr) reader.fail(line, "threshold \"" + std::string(key) + "\" must be an integer 0..100");
    if (value->get() < 0 || value->get() > 100) {
      reader.fail(line, "threshold \"" + std::string(key) + "\" = " + std::to_string(value->get()) + " is outside 0..100");
    }
    return Located<int>{static_cast<int>(value->get()), line};
  };
  profile->refer = read_one("refer");
  profile->review = read_one("review");
  reader.optional_string(table, "note");
  if (profile->refer && profile->review && profile->review->value > profile->refer->value) {
    reader.fail(profile->review->line, "threshold review (" + std::to_string(profile->review->value) +
                                           ") must not exceed refer (" + std::to_string(profile->refer->value) + ")");
  }
}

void read_new_registration(const TomlReader& reader, const toml::table& table, ProfileFile* profile) {
  reader.check_keys(table, {"decision", "sources", "note"}, "[new_registration]");
  const auto decision = reader.required_string(table, "decision", "[new_registration]");
  Decision d = Decision::kRefer;
  if (decision.value == "refer") {
    d = Decision::kRefer;
  } else if (decision.value == "hold") {
    d = Decision::kHold;
  } else {
    reader.fail(decision.line, "new_registration decision \"" + decision.value + "\" must be \"refer\" or \"hold\"");
  }
  profile->new_registration = Located<Decision>{d, decision.line};
  profile->new_registration_sources = reader.sources(table, "[new_registration]");
  reader.optional_string(table, "note");
}

TermList read_list(const TomlReader& reader, const toml::table& table, const Lexicon& lexicon,
                   const std::vector<TermList>& earlier) {
  reader.check_keys(table, {"id", "fields", "terms", "sources", "note"}, "[[list]]");
  TermList list;
  list.line = TomlReader::line_of(table);
  const auto id = reader.required_string(table, "id", "[[list]]");
  if (!is_list_id(id.value)) {
    reader.fail(id.line, "list id \"" + id.value + "\" must be ASCII letters, digits, '-' and '_'");
  }
  for (const TermList& other : earlier) {
    if (other.id == id.value) {
      reader.fail(id.line, "duplicate list id \"" + id.value + "\" (first at line " + std::to_string(other.id_line) + ")");
    }
  }
  list.id = id.value;
  list.id_line = id.line;
  const std::string where = "[[list]] \"" + list.id + "\"";

  for (const auto& name : reader.string_array(table, "fields", where, /*required=*/true, /*allow_empty=*/false)) {
    std::optional<Field> field = parse_field(name.value);
    if (!field) {
      reader.fail(name.line, "unknown field \"" + name.value + "\" in " + where +
                                 " (fields are \"name\", \"scope\" and \"website\")");
    }
    if (std::find(list.fields.begin(), list.fields.end(), *field) != list.fields.end()) {
      reader.fail(name.line, "field \"" + name.value + "\" is listed twice in " + where);
    }
    list.fields.push_back(*field);
  }

  std::unordered_map<int, int> first_line;  // lexicon index -> line where this list first names it
  for (const auto& text : reader.string_array(table, "terms", where, /*required=*/true, /*allow_empty=*/false)) {
    const int index = lexicon.find_term(text.value);
    if (index < 0) {
      if (const int of = lexicon.find_alias(text.value); of >= 0) {
        reader.fail(text.line, "term \"" + text.value + "\" in " + where + " is an alias of \"" +
                                   lexicon.terms[of].text + "\" in the lexicon: list the term (its aliases come with it)");
      }
      reader.fail(text.line, "term \"" + text.value + "\" in " + where + " is not in the lexicon (" +
                                 lexicon.file.string() + ")");
    }
    // A map, not a scan of list.terms: a list of 50,000 terms must not take quadratic time.
    if (const auto [seen, inserted] = first_line.try_emplace(index, text.line); !inserted) {
      reader.fail(text.line, "term \"" + text.value + "\" is listed twice in " + where + " (first at line " +
                                 std::to_string(seen->second) + ")");
    }
    list.terms.push_back({index, text.line});
  }
  list.sources = reader.sources(table, where);
  reader.optional_string(table, "note");
  return list;
}

void read_routing(const TomlReader& reader, const toml::table& routing, const Lexicon& lexicon, ProfileFile* profile) {
  for (const auto& [key, node] : routing) {
    const std::string category(key.str());
    const int key_line = TomlReader::line_of(key) > 0 ? TomlReader::line_of(key) : TomlReader::line_of(node);
    if (!lexicon.has_category(category)) {
      reader.fail(key_line, "routing for unknown category \"" + category + "\" (not defined in " +
                                lexicon.file.string() + ")");
    }
    const auto* table = node.as_table();
    if (table == nullptr) reader.fail(key_line, "routing." + category + " must be a table ([routing." + category + "])");
    const std::string where = "[routing." + category + "]";
    reader.check_keys(*table, {"lead", "members", "sources", "note"}, where);
    const toml::node* lead = table->get("lead");
    if (lead == nullptr) {
      reader.fail(TomlReader::line_of(*table), where + " routes to nothing: missing key \"lead\"");
    }
    if (const auto* array = lead->as_array(); array != nullptr && array->empty()) {
      reader.fail(TomlReader::line_of(*lead), where + " routes to nothing: \"lead\" is empty");
    }
    Route route;
    route.lead = department_names(reader, *table, "lead", where, /*required=*/true);
    route.members = department_names(reader, *table, "members", where, /*required=*/false);
    route.sources = reader.sources(*table, where);
    reader.optional_string(*table, "note");
    profile->routing[category] = Located<Route>{std::move(route), TomlReader::line_of(*table)};
  }
}

void read_default(const TomlReader& reader, const toml::table& table, ProfileFile* profile) {
  reader.check_keys(table, {"regulators", "sources", "note"}, "[default]");
  const toml::node* regulators = table.get("regulators");
  if (regulators == nullptr) reader.fail(TomlReader::line_of(table), "[default] routes to nothing: missing key \"regulators\"");
  if (const auto* array = regulators->as_array(); array != nullptr && array->empty()) {
    reader.fail(TomlReader::line_of(*regulators), "[default] routes to nothing: \"regulators\" is empty");
  }
  std::vector<std::string> names = department_names(reader, table, "regulators", "[default]", /*required=*/true);
  reader.sources(table, "[default]");
  reader.optional_string(table, "note");
  profile->default_regulators = Located<std::vector<std::string>>{std::move(names), TomlReader::line_of(table)};
}

}  // namespace

bool is_profile_id(std::string_view id) {
  if (id.empty() || !((id.front() >= 'a' && id.front() <= 'z') || (id.front() >= '0' && id.front() <= '9'))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

ProfileFile read_profile_file(const std::filesystem::path& file, const Lexicon& lexicon) {
  const TomlReader reader(file);
  const toml::table& root = reader.root();
  reader.check_keys(root, {"id", "title", "extends", "presume_licensed", "thresholds", "new_registration", "list",
                           "routing", "default", "note"},
                    "the profile (top level)");
  ProfileFile profile;
  profile.file = file;

  const auto id = reader.required_string(root, "id", "the profile");
  if (!is_profile_id(id.value)) {
    reader.fail(id.line, "profile id \"" + id.value + "\" must be lower-case ASCII letters, digits, '-' and '_'");
  }
  if (id.value != file.stem().string()) {
    reader.fail(id.line, "profile id \"" + id.value + "\" does not match the file name \"" + file.filename().string() +
                             "\" (name the file " + id.value + ".toml)");
  }
  profile.id = id.value;

  const auto title = reader.required_string(root, "title", "the profile");
  if (boost::algorithm::trim_copy(title.value).empty()) reader.fail(title.line, "empty title");
  profile.title = title.value;

  profile.extends = reader.optional_string(root, "extends");
  if (profile.extends) {
    if (!is_profile_id(profile.extends->value)) {
      reader.fail(profile.extends->line, "extends \"" + profile.extends->value +
                                             "\" must be a profile id (lower-case letters, digits, '-', '_'), not a path");
    }
    if (profile.extends->value == profile.id) reader.fail(profile.extends->line, "profile \"" + profile.id + "\" extends itself");
  }

  if (auto presume = reader.optional_bool(root, "presume_licensed")) profile.presume_licensed = presume->value;
  if (const toml::table* t = reader.optional_table(root, "thresholds")) read_thresholds(reader, *t, &profile);
  if (const toml::table* t = reader.optional_table(root, "new_registration")) read_new_registration(reader, *t, &profile);
  if (const toml::array* lists = reader.optional_table_array(root, "list")) {
    for (const toml::node& node : *lists) profile.lists.push_back(read_list(reader, *node.as_table(), lexicon, profile.lists));
  }
  if (const toml::table* t = reader.optional_table(root, "routing")) read_routing(reader, *t, lexicon, &profile);
  if (const toml::table* t = reader.optional_table(root, "default")) read_default(reader, *t, &profile);
  reader.optional_string(root, "note");
  return profile;
}

}  // namespace regscreen::policy_internal
