#include "policy/toml_reader.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include <boost/algorithm/string/join.hpp>

namespace regscreen::policy_internal {

namespace {

// Levenshtein distance, for "did you mean" hints on misspelt keys (keys are short ASCII words).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string quote(std::string_view s) {
  // Appended piecewise: "\"" + std::string(s) trips a GCC 12 -Wrestrict false positive.
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

}  // namespace

TomlReader::TomlReader(std::filesystem::path file) : file_(std::move(file)) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file_, ec)) {
    fail(0, std::filesystem::exists(file_, ec) ? "not a regular file" : "no such file");
  }
  std::ifstream in(file_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) fail(0, "cannot read the file");
  try {
    root_ = toml::parse(text.str(), file_.string());
  } catch (const toml::parse_error& e) {
    fail(static_cast<int>(e.source().begin.line), "TOML syntax error: " + std::string(e.description()));
  }
}

int TomlReader::line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

int TomlReader::line_of(const toml::key& key) { return static_cast<int>(key.source().begin.line); }

void TomlReader::fail(int line, const std::string& message) const { throw PolicyError(file_.string(), line, message); }

void TomlReader::check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                            std::string_view where) const {
  for (const auto& [key, value] : table) {
    const std::string_view k = key.str();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string message = "unknown key " + quote(k) + " in " + std::string(where);
    std::string_view best;
    size_t best_distance = 3;  // suggest only near misses (two edits or fewer)
    for (std::string_view a : allowed) {
      const size_t d = edit_distance(k, a);
      if (d < best_distance) {
        best_distance = d;
        best = a;
      }
    }
    if (!best.empty()) message += " (did you mean " + quote(best) + "?)";
    std::vector<std::string> names(allowed.begin(), allowed.end());
    message += "; allowed keys: " + boost::algorithm::join(names, ", ");
    const int line = line_of(key) > 0 ? line_of(key) : line_of(value);
    fail(line, message);
  }
}

const toml::node& TomlReader::required_node(const toml::table& table, std::string_view key,
                                            std::string_view where) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) fail(line_of(table), "missing key " + quote(key) + " in " + std::string(where));
  return *node;
}

Located<std::string> TomlReader::required_string(const toml::table& table, std::string_view key,
                                                 std::string_view where) const {
  const toml::node& node = required_node(table, key, where);
  const auto* value = node.as_string();
  if (value == nullptr) fail(line_of(node), quote(key) + " must be a string, not " + type_name(node));
  return {value->get(), line_of(node)};
}

std::optional<Located<std::string>> TomlReader::optional_string(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_string();
  if (value == nullptr) fail(line_of(*node), quote(key) + " must be a string, not " + type_name(*node));
  return Located<std::string>{value->get(), line_of(*node)};
}

std::optional<Located<int64_t>> TomlReader::optional_integer(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_integer();
  if (value == nullptr) fail(line_of(*node), quote(key) + " must be an integer, not " + type_name(*node));
  return Located<int64_t>{value->get(), line_of(*node)};
}

std::optional<Located<bool>> TomlReader::optional_bool(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_boolean();
  if (value == nullptr) {
    fail(line_of(*node), quote(key) + " must be true or false, not " + type_name(*node));
  }
  return Located<bool>{value->get(), line_of(*node)};
}

std::vector<Located<std::string>> TomlReader::string_array(const toml::table& table, std::string_view key,
                                                           std::string_view where, bool required,
                                                           bool allow_empty) const {
  std::vector<Located<std::string>> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) fail(line_of(table), "missing key " + quote(key) + " in " + std::string(where));
    return out;
  }
  const auto* array = node->as_array();
  if (array == nullptr) {
    fail(line_of(*node), quote(key) + " must be an array of strings, not " + type_name(*node));
  }
  if (array->empty() && !allow_empty) fail(line_of(*node), quote(key) + " must not be empty");
  for (const toml::node& element : *array) {
    // Elements of a multi-line array carry their own lines; fall back to the array's line.
    const int line = line_of(element) > 0 ? line_of(element) : line_of(*node);
    const auto* s = element.as_string();
    if (s == nullptr) fail(line, quote(key) + " must hold only strings, found " + type_name(element));
    if (s->get().empty()) fail(line, quote(key) + " holds an empty string");
    out.push_back({s->get(), line});
  }
  return out;
}

const toml::table* TomlReader::optional_table(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  const auto* t = node->as_table();
  if (t == nullptr) fail(line_of(*node), quote(key) + " must be a table ([" + std::string(key) + "]), not " + type_name(*node));
  return t;
}

const toml::array* TomlReader::optional_table_array(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  const auto* array = node->as_array();
  const std::string form = "[[" + std::string(key) + "]]";
  if (array == nullptr) fail(line_of(*node), quote(key) + " must be an array of tables (" + form + "), not " + type_name(*node));
  for (const toml::node& element : *array) {
    if (!element.is_table()) {
      fail(line_of(element) > 0 ? line_of(element) : line_of(*node),
           quote(key) + " must be an array of tables (" + form + "), found " + type_name(element));
    }
  }
  return array;
}

std::vector<SourceRef> TomlReader::sources(const toml::table& table, std::string_view where) const {
  std::vector<SourceRef> out;
  for (const auto& entry : string_array(table, "sources", where, /*required=*/true, /*allow_empty=*/false)) {
    std::optional<SourceRef> ref = parse_source_ref(entry.value);
    if (!ref) {
      fail(entry.line, "malformed source " + quote(entry.value) +
                           ": expected \"seedfile:line\", e.g. \"002_ae6157826801f0b4.txt:89\"");
    }
    out.push_back(std::move(*ref));
  }
  return out;
}

std::optional<SourceRef> parse_source_ref(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  const std::string_view file = text.substr(0, colon);
  const std::string_view digits = text.substr(colon + 1);
  for (char c : file) {
    if (c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r') return std::nullopt;
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  int line = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
  if (ec != std::errc() || end != digits.data() + digits.size() || line < 1) return std::nullopt;
  return SourceRef{std::string(file), line};
}

}  // namespace regscreen::policy_internal
