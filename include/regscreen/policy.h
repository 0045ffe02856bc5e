// regscreen policy: a jurisdiction's profile, resolved and validated.
//
// Policy data lives in TOML files that policy staff edit (docs/POLICY.md describes every key):
//   <policy_dir>/lexicon.toml          every restricted term: category, weight, default fields, sources
//   <policy_dir>/profiles/<id>.toml    which terms apply to which field, routing, thresholds; may extend
//                                      another profile
//   <policy_dir>/context.toml          negation cues, benign compounds, name structure, licensed patterns
// load_policy() reads a profile (following `extends`), checks it against the lexicon, and returns a Policy,
// or throws PolicyError with "file:line: message". A Policy is a plain immutable value.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "regscreen/screener.h"

namespace regscreen {

// Where a rule comes from: a seed document and line ("002_ae6157826801f0b4.txt", 89).
struct SourceRef {
  std::string file;
  int line = 0;
  std::string to_string() const { return file + ":" + std::to_string(line); }
};

struct Term {
  std::string text;      // as written in the lexicon, e.g. "P2P", "基金管理"
  std::string category;  // canonical category id
  int weight = 0;        // 1..100: score of one affirmative hit in the strongest position
  std::vector<SourceRef> sources;
  // Other spellings of the same word that the normalizer cannot fold to `text` (Taiwan usage 网路借贷 for
  // 网络借贷), as written in the lexicon. A hit of an alias is reported as this term (Hit::term == text,
  // Hit::text the original characters).
  std::vector<std::string> aliases;
};

struct Category {
  std::string id;     // "p2p_lending"
  std::string label;  // "网络借贷 (P2P)"
};

struct Route {
  std::vector<std::string> lead;     // lead department(s): the referral goes to these
  std::vector<std::string> members;  // cooperating departments (informational)
  std::vector<SourceRef> sources;
};

struct Thresholds {
  int refer = 60;   // score >= refer -> kRefer
  int review = 1;   // score >= review -> kReview, else kClear
};

class Policy {
 public:
  std::string profile_id;     // "national"
  std::string title;          // human title
  std::vector<std::string> extends_chain;  // e.g. {"shanghai", "national"}
  std::filesystem::path policy_dir;
  std::filesystem::path profile_file;

  std::vector<Category> categories;  // all known categories
  std::vector<Term> terms;           // the lexicon terms this profile uses (any field)
  // For each Field (index by static_cast<int>(Field)), indices into `terms` that apply to that field.
  std::array<std::vector<int>, kFieldCount> field_terms;
  std::map<std::string, Route> routing;  // category id -> route
  std::vector<std::string> default_regulators;  // secretariat, for categories without a route
  Thresholds thresholds;
  bool presume_licensed = true;      // recognise evident licensed institutions from name and scope
  Decision new_registration_decision = Decision::kRefer;  // kHold where the profile guards entry
  std::vector<SourceRef> new_registration_sources;

  const Term* find_term(std::string_view text) const;
  const Category* find_category(std::string_view id) const;
};

// Loads a profile by bundled id or by file path. Throws PolicyError.
Policy load_policy(std::string_view profile, const std::filesystem::path& policy_dir = {});

// The policy directory used when none is given: $REGSCREEN_POLICY_DIR, else the compiled-in default.
std::filesystem::path default_policy_dir();

// Ids of the bundled profiles (<policy_dir>/profiles/*.toml), sorted; empty policy_dir: the default.
std::vector<std::string> bundled_profile_ids(const std::filesystem::path& policy_dir = {});

}  // namespace regscreen
