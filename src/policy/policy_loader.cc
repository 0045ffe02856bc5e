// load_policy(): finds a profile, follows its `extends` chain, checks it against the lexicon and merges the
// chain into one immutable Policy. Single-file checks live in profile_file.cc and lexicon.cc; this file
// does what needs the whole chain (cycles, missing parents, list ids across files, thresholds set in
// different files, every produced category routed).
#include <algorithm>
#include <array>
#include <optional>
#include <cstdlib>
#include <set>

#include <boost/algorithm/string/join.hpp>
#include <boost/algorithm/string/predicate.hpp>

#include "policy/lexicon.h"
#include "policy/profile_file.h"
#include "regscreen/policy.h"

namespace regscreen {

namespace fs = std::filesystem;
using policy_internal::Lexicon;
using policy_internal::ProfileFile;

namespace {

fs::path absolute_path(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

// For cycle detection: the canonical path where it can be computed, never an exception.
fs::path canonical_or_self(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p : c;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::vector<std::string> profile_ids_in(const fs::path& dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && is_file(it->path())) ids.push_back(it->path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string available(const std::vector<std::string>& ids) {
  return ids.empty() ? "no profiles found" : "available: " + boost::algorithm::join(ids, ", ");
}

// Where a thing was set in the chain: index into the chain (0 = the profile asked for) and line.
struct Origin {
  size_t depth = 0;
  int line = 0;
};

// Follows `extends` from the requested profile up to the root: chain[0] is the requested profile.
std::vector<ProfileFile> read_chain(const fs::path& file, const fs::path& policy_dir, const Lexicon& lexicon) {
  std::vector<ProfileFile> chain;
  chain.push_back(policy_internal::read_profile_file(file, lexicon));
  std::vector<fs::path> seen{canonical_or_self(file)};
  while (chain.back().extends) {
    const fs::path child_file = chain.back().file;
    const std::string child_id = chain.back().id;
    const std::string parent_id = chain.back().extends->value;
    const int line = chain.back().extends->line;
    const std::vector<fs::path> dirs = {child_file.parent_path(), policy_dir / "profiles"};
    fs::path parent;
    for (const fs::path& dir : dirs) {
      if (is_file(dir / (parent_id + ".toml"))) {
        parent = absolute_path(dir / (parent_id + ".toml"));
        break;
      }
    }
    if (parent.empty()) {
      std::set<std::string> ids;
      for (const fs::path& dir : dirs) {
        for (std::string& id : profile_ids_in(dir)) ids.insert(std::move(id));
      }
      throw PolicyError(child_file.string(), line,
                        "extends \"" + parent_id + "\": no " + parent_id + ".toml in " + dirs[0].string() + " or " +
                            dirs[1].string() + " (" + available({ids.begin(), ids.end()}) + ")");
    }
    const fs::path canonical = canonical_or_self(parent);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) {
      std::string cycle;
      for (const ProfileFile& p : chain) cycle += p.id + " -> ";
      throw PolicyError(child_file.string(), line, "extends cycle: " + cycle + parent_id);
    }
    seen.push_back(canonical);
    chain.push_back(policy_internal::read_profile_file(parent, lexicon));
  }
  return chain;
}

Policy merge_chain(const std::vector<ProfileFile>& chain, const Lexicon& lexicon) {
  const ProfileFile& top = chain.front();
  Policy policy;
  policy.profile_id = top.id;
  policy.title = top.title;
  for (const ProfileFile& p : chain) policy.extends_chain.push_back(p.id);
  policy.profile_file = top.file;
  policy.categories = lexicon.categories;

  // Scalars: the most derived profile that sets a value wins, so walk from the root down.
  std::optional<Origin> refer_origin, review_origin;
  for (size_t depth = chain.size(); depth-- > 0;) {
    const ProfileFile& p = chain[depth];
    if (p.presume_licensed) policy.presume_licensed = *p.presume_licensed;
    if (p.refer) {
      policy.thresholds.refer = p.refer->value;
      refer_origin = Origin{depth, p.refer->line};
    }
    if (p.review) {
      policy.thresholds.review = p.review->value;
      review_origin = Origin{depth, p.review->line};
    }
    if (p.new_registration) {
      policy.new_registration_decision = p.new_registration->value;
      policy.new_registration_sources = p.new_registration_sources;
    }
    for (const auto& [category, route] : p.routing) policy.routing[category] = route.value;
    if (p.default_regulators) policy.default_regulators = p.default_regulators->value;
  }
  if (policy.thresholds.review > policy.thresholds.refer) {
    // Blame whichever of the two was set by the more derived profile.
    Origin at = Origin{0, 1};
    if (review_origin && (!refer_origin || review_origin->depth <= refer_origin->depth)) {
      at = *review_origin;
    } else if (refer_origin) {
      at = *refer_origin;
    }
    throw PolicyError(chain[at.depth].file.string(), at.line,
                      "threshold review (" + std::to_string(policy.thresholds.review) + ") must not exceed refer (" +
                          std::to_string(policy.thresholds.refer) + ") once the profile is merged with " +
                          boost::algorithm::join(std::vector<std::string>(policy.extends_chain.begin() + 1,
                                                                          policy.extends_chain.end()),
                                                 ", "));
  }

  // Lists: a profile's lists are added to those it extends. Record which lexicon terms apply to which
  // field, and where each term first appears (for the routing check below).
  struct ListOrigin {
    size_t depth;
    int line;
  };
  std::vector<std::pair<std::string, ListOrigin>> list_ids;
  std::array<std::vector<bool>, kFieldCount> used;
  for (auto& u : used) u.assign(lexicon.terms.size(), false);
  std::vector<std::optional<Origin>> first_use(lexicon.terms.size());
  for (size_t depth = chain.size(); depth-- > 0;) {
    const ProfileFile& p = chain[depth];
    for (const auto& list : p.lists) {
      for (const auto& [id, origin] : list_ids) {
        if (id == list.id) {
          throw PolicyError(p.file.string(), list.id_line,
                            "list id \"" + list.id + "\" is already defined in " + chain[origin.depth].file.string() +
                                ":" + std::to_string(origin.line) + "; give the list its own id");
        }
      }
      list_ids.push_back({list.id, ListOrigin{depth, list.id_line}});
      for (const auto& term : list.terms) {
        for (Field field : list.fields) used[static_cast<int>(field)][term.value] = true;
        if (!first_use[term.value]) first_use[term.value] = Origin{depth, term.line};
      }
    }
  }
  if (list_ids.empty()) {
    throw PolicyError(top.file.string(), 1,
                      "profile \"" + top.id + "\" has no [[list]]" + (chain.size() > 1 ? " (nor does any profile it extends)" : "") +
                          ": it would screen nothing");
  }

  // Terms: only those this profile uses, in lexicon order.
  std::vector<int> policy_index(lexicon.terms.size(), -1);
  for (size_t t = 0; t < lexicon.terms.size(); ++t) {
    const bool any = std::any_of(used.begin(), used.end(), [t](const std::vector<bool>& u) { return u[t]; });
    if (!any) continue;
    policy_index[t] = static_cast<int>(policy.terms.size());
    policy.terms.push_back(lexicon.terms[t]);
  }
  for (int f = 0; f < kFieldCount; ++f) {
    for (size_t t = 0; t < lexicon.terms.size(); ++t) {
      if (used[f][t]) policy.field_terms[f].push_back(policy_index[t]);
    }
  }

  // Every category the profile's terms can produce must reach somebody.
  if (policy.default_regulators.empty()) {
    for (size_t t = 0; t < lexicon.terms.size(); ++t) {
      if (policy_index[t] < 0) continue;
      const Term& term = lexicon.terms[t];
      if (policy.routing.count(term.category) != 0) continue;
      const Origin at = *first_use[t];
      throw PolicyError(chain[at.depth].file.string(), at.line,
                        "term \"" + term.text + "\" produces category \"" + term.category + "\", which has no [routing." +
                            term.category + "] and the profile has no [default] regulators");
    }
  }
  return policy;
}

}  // namespace

fs::path default_policy_dir() {
  if (const char* env = std::getenv("REGSCREEN_POLICY_DIR"); env != nullptr && *env != '\0') return fs::path(env);
#ifdef REGSCREEN_DEFAULT_POLICY_DIR
  return fs::path(REGSCREEN_DEFAULT_POLICY_DIR);
#else
  return fs::path("data");
#endif
}

std::vector<std::string> bundled_profile_ids(const fs::path& policy_dir) {
  return profile_ids_in((policy_dir.empty() ? default_policy_dir() : policy_dir) / "profiles");
}

Policy load_policy(std::string_view profile, const fs::path& policy_dir_arg) {
  const fs::path policy_dir = absolute_path(policy_dir_arg.empty() ? default_policy_dir() : policy_dir_arg);
  const std::vector<std::string> bundled = profile_ids_in(policy_dir / "profiles");
  if (profile.empty()) {
    throw PolicyError((policy_dir / "profiles").string(), 0, "no profile given (" + available(bundled) + ")");
  }

  fs::path file;
  fs::path lexicon_file = policy_dir / "lexicon.toml";
  const bool is_path = profile.find('/') != std::string_view::npos || boost::algorithm::ends_with(profile, ".toml");
  if (is_path) {
    file = absolute_path(fs::path(profile));
    if (!is_file(file)) throw PolicyError(file.string(), 0, "no such profile file");
    // A profile kept in its own policy tree (<dir>/profiles/x.toml next to <dir>/lexicon.toml) uses that
    // tree's lexicon; a lone profile file uses the policy directory's.
    const fs::path sibling = file.parent_path().parent_path() / "lexicon.toml";
    if (is_file(sibling)) lexicon_file = sibling;
  } else {
    file = policy_dir / "profiles" / (std::string(profile) + ".toml");
    if (!is_file(file)) {
      throw PolicyError(file.string(), 0, "no profile \"" + std::string(profile) + "\" (" + available(bundled) + ")");
    }
  }

  const Lexicon lexicon = policy_internal::load_lexicon(lexicon_file);
  Policy policy = merge_chain(read_chain(file, policy_dir, lexicon), lexicon);
  policy.policy_dir = lexicon_file.parent_path();
  return policy;
}

}  // namespace regscreen
