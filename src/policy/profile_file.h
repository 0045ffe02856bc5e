// ProfileFile: one profiles/<id>.toml read and validated against the lexicon, before `extends` is
// resolved. Every value keeps its line, so that checks done after merging a chain of profiles (a category
// with no route, review above refer) can still point at the right file and line.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/lexicon.h"
#include "policy/toml_reader.h"
#include "regscreen/policy.h"

namespace regscreen::policy_internal {

struct TermList {
  std::string id;
  int line = 0;     // line of the [[list]] header
  int id_line = 0;  // line of its id
  std::vector<Field> fields;
  std::vector<Located<int>> terms;  // indices into Lexicon::terms, with the line each was written on
  std::vector<SourceRef> sources;
};

struct ProfileFile {
  std::filesystem::path file;
  std::string id;
  std::string title;
  std::optional<Located<std::string>> extends;
  std::optional<bool> presume_licensed;
  std::optional<Located<int>> refer;
  std::optional<Located<int>> review;
  int thresholds_line = 0;
  std::optional<Located<Decision>> new_registration;  // kRefer or kHold
  std::vector<SourceRef> new_registration_sources;
  std::vector<TermList> lists;
  std::map<std::string, Located<Route>> routing;  // category id -> route and the line of its table
  std::optional<Located<std::vector<std::string>>> default_regulators;
};

// Reads and validates one profile file. Throws PolicyError for a syntax error, an unknown or misspelt
// key, an id that does not match the file name, a bad threshold, an unknown field name, a term not in
// the lexicon or listed twice in one list, a route for an unknown category or to nobody, a bad
// new_registration decision, or missing / malformed sources.
ProfileFile read_profile_file(const std::filesystem::path& file, const Lexicon& lexicon);

// Profile ids: lower-case ASCII letters, digits, '-' and '_', starting with a letter or digit.
bool is_profile_id(std::string_view id);

}  // namespace regscreen::policy_internal
