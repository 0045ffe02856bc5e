// JsonlReader: one JSON object per line (JSON Lines). Keys are matched to roles like CSV header names
// (企业名称/name, 经营范围/scope, ...); string, number and boolean values are taken as text, null as empty.
// A line that is not a JSON object is an error row with its line number; blank lines are skipped.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "cli/record_reader.h"

namespace regscreen::cli {

class JsonlReader : public RecordReader {
 public:
  JsonlReader(std::unique_ptr<LineSource> source, InputInfo info, const ReaderOptions& options);
  bool next(InputRecord* out) override;

 private:
  // Role and rank (position in the role's candidate list) of a key; role -1: not used.
  struct KeyRole {
    int role = -1;
    int rank = 0;
  };
  const KeyRole& key_role(const std::string& key);

  ReaderOptions options_;
  KeyCandidates candidates_;
  std::unordered_map<std::string, KeyRole> key_roles_;  // cache: raw key -> role
  uint64_t ordinal_ = 0;
  std::string line_;
  std::string decoded_;
};

}  // namespace regscreen::cli
