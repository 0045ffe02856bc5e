// TomlReader: strict, typed access to one parsed policy file, reporting every problem as a PolicyError
// with that file and the line of the offending key or value.
//
// Policy files are edited by hand, so a typo must never be ignored: every table is checked against the
// keys it may hold (check_keys), every value against its expected type, and every "sources" entry against
// the "seedfile:line" form. The reader owns the parsed document; values it returns are copies.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "regscreen/policy.h"

namespace regscreen::policy_internal {

// A value together with the line it was written on.
template <typename T>
struct Located {
  T value;
  int line = 0;
};

class TomlReader {
 public:
  // Reads and parses `file`; throws PolicyError for a missing or unreadable file or a TOML syntax error
  // (with the line toml++ reports).
  explicit TomlReader(std::filesystem::path file);

  const std::filesystem::path& file() const { return file_; }
  const toml::table& root() const { return root_; }

  // 1-based line of a node or key (0 when unknown).
  static int line_of(const toml::node& node);
  static int line_of(const toml::key& key);

  // Throws PolicyError(file, line, message).
  [[noreturn]] void fail(int line, const std::string& message) const;

  // Rejects any key of `table` not in `allowed`, naming the closest allowed key when one is near.
  // `where` names the table in messages, e.g. "[[term]]".
  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                  std::string_view where) const;

  // Typed getters. A missing required key is reported at the table's line; a value of the wrong type at
  // the value's line. Optional getters return nullopt when the key is absent.
  Located<std::string> required_string(const toml::table& table, std::string_view key, std::string_view where) const;
  std::optional<Located<std::string>> optional_string(const toml::table& table, std::string_view key) const;
  std::optional<Located<int64_t>> optional_integer(const toml::table& table, std::string_view key) const;
  std::optional<Located<bool>> optional_bool(const toml::table& table, std::string_view key) const;
  // An array of strings, each with its own line. Required arrays must be present; `allow_empty` false
  // rejects an empty array. Empty strings are always rejected.
  std::vector<Located<std::string>> string_array(const toml::table& table, std::string_view key,
                                                 std::string_view where, bool required, bool allow_empty) const;
  // A table-valued key ([name]); nullptr when absent, error when present but not a table.
  const toml::table* optional_table(const toml::table& table, std::string_view key) const;
  // An array of tables ([[name]]); nullptr when absent, error when present but anything else.
  const toml::array* optional_table_array(const toml::table& table, std::string_view key) const;

  // The required "sources" array: non-empty, each entry "seedfile:line".
  std::vector<SourceRef> sources(const toml::table& table, std::string_view where) const;

 private:
  const toml::node& required_node(const toml::table& table, std::string_view key, std::string_view where) const;

  std::filesystem::path file_;
  toml::table root_;
};

// Parses "seedfile:line" (file without whitespace or ':', line a positive integer); nullopt if malformed.
std::optional<SourceRef> parse_source_ref(std::string_view text);

}  // namespace regscreen::policy_internal
