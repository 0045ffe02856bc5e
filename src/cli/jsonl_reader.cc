#include "cli/jsonl_reader.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace regscreen::cli {
namespace {

constexpr size_t kMaxCachedKeys = 4096;  // keys are few in real files; a bound for files where they are not

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// "[json.exception.parse_error.101] parse error at line 1, column 7: ..." -> "parse error at ... column 7: ..."
std::string short_json_error(const std::string& what) {
  const size_t close = what.find("] ");
  return close != std::string::npos && what.starts_with("[json.exception") ? what.substr(close + 2) : what;
}

// Arrays and objects nested deeper than this make a line an error row. nlohmann::json parses nesting
// without recursion, but dump() (value_text() of a non-string value) recurses once per level: a value
// nested 100,000 deep overflowed the stack (tests/hostile_cli_test.cc). Real records are flat.
constexpr int kMaxJsonDepth = 64;

// Deepest nesting of arrays and objects in `text`, not counting brackets inside strings.
int json_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

}  // namespace

JsonlReader::JsonlReader(std::unique_ptr<LineSource> source, InputInfo info, const ReaderOptions& options)
    : RecordReader(std::move(source), std::move(info)), options_(options), candidates_(key_candidates(options.columns)) {}

const JsonlReader::KeyRole& JsonlReader::key_role(const std::string& key) {
  auto it = key_roles_.find(key);
  if (it != key_roles_.end()) return it->second;
  static thread_local KeyRole uncached;
  KeyRole role;
  const std::string folded = fold_column_name(key);
  for (int r = 0; r < kRoleCount && role.role < 0; ++r) {
    const auto& list = candidates_.folded[r];
    const auto found = std::find(list.begin(), list.end(), folded);
    if (found != list.end()) role = {r, static_cast<int>(found - list.begin())};
  }
  if (key_roles_.size() >= kMaxCachedKeys) {
    uncached = role;
    return uncached;
  }
  return key_roles_.emplace(key, role).first->second;
}

bool JsonlReader::next(InputRecord* out) {
  bool truncated = false;
  for (;;) {
    if (!source_->next_line(&line_, &truncated)) return false;
    if (!truncated && blank(line_)) continue;
    break;
  }
  out->clear();
  out->line = out->end_line = source_->line_number();
  ++ordinal_;
  if (truncated) {
    out->error = "line longer than " + std::to_string(options_.max_record_bytes) + " bytes (--max-record-bytes)";
    return true;
  }
  std::string_view text = line_;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (info_.encoding == InputEncoding::kGb18030) {
    std::string problem;
    if (!gb18030_to_utf8(text, &decoded_, &problem)) {
      out->error = "cannot decode as GB18030: " + problem;
      return true;
    }
    text = decoded_;
  }
  // Counting brackets first keeps the exact scan off ordinary lines.
  if (std::count_if(text.begin(), text.end(), [](char c) { return c == '[' || c == '{'; }) > kMaxJsonDepth &&
      json_depth(text) > kMaxJsonDepth) {
    out->error = "invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return true;
  }
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    out->error = "invalid JSON: " + short_json_error(e.what());
    return true;
  }
  if (!object.is_object()) {
    out->error = std::string("not a JSON object but ") + object.type_name();
    return true;
  }
  int best_rank[kRoleCount];
  const nlohmann::json* best[kRoleCount] = {};
  for (auto it = object.begin(); it != object.end(); ++it) {
    const KeyRole& kr = key_role(it.key());
    if (kr.role < 0) continue;
    if (!best[kr.role] || kr.rank < best_rank[kr.role]) {
      best[kr.role] = &it.value();
      best_rank[kr.role] = kr.rank;
    }
  }
  std::string values[kRoleCount];
  RoleValues roles;
  for (int r = 0; r < kRoleCount; ++r) {
    if (!best[r]) continue;
    values[r] = value_text(*best[r]);
    roles.value[r] = &values[r];
  }
  fill_record(roles, ordinal_, options_.all_new_registrations, out);
  if (!best[static_cast<int>(Role::kName)] && !best[static_cast<int>(Role::kScope)] &&
      !best[static_cast<int>(Role::kWebsite)]) {
    // Screening it would call it clear: say instead that the keys were not recognised.
    out->error = "no name (企业名称) or scope (经营范围) key in the object; name the keys with --name-col and --scope-col";
  }
  return true;
}

}  // namespace regscreen::cli
