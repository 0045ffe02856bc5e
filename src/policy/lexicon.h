// Lexicon: lexicon.toml read and validated. Every term any profile may use, with its category (business
// area), weight and sources; see docs/POLICY.md for the file format.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "regscreen/policy.h"

namespace regscreen::policy_internal {

struct Lexicon {
  std::filesystem::path file;
  std::vector<Category> categories;  // in file order
  std::vector<Term> terms;           // in file order
  std::vector<int> term_lines;       // line of each term's [[term]] table

  // Index into `terms` of the term whose text folds (NFKC + case fold) to the same key as `text`, or -1.
  // Profiles may write "p2p" for the lexicon's "P2P"; the Policy always carries the lexicon's spelling.
  int find_term(std::string_view text) const;
  // Index into `terms` of the term that has an alias spelled like `text` once both are normalized (the
  // screener's normalizer: 網路借貸 finds the alias 网路借贷), or -1.
  int find_alias(std::string_view text) const;
  bool has_category(std::string_view id) const;

  std::unordered_map<std::string, int> term_index;   // folded text -> index into terms
  std::unordered_map<std::string, int> alias_index;  // normalized alias -> index into terms
};

// Reads and validates a lexicon file. Throws PolicyError ("file:line: message") for a syntax error, an
// unknown or misspelt key, a missing or malformed value, an unknown or duplicate category, an empty or
// duplicate term (also after folding width and case), a weight outside 1..100, or missing sources; and,
// for a term's `aliases`, an empty or untrimmed alias, an alias that normalizes to nothing or to its own
// term, an alias that normalizes to the same text as another term or alias, and aliases without an
// `alias_note` that names each of them.
Lexicon load_lexicon(const std::filesystem::path& file);

// The key under which terms are compared: NFKC with case folding (ICU NFKC_Casefold). "Ｐ２Ｐ" and "p2p"
// both give "p2p".
std::string fold_term(std::string_view text);

}  // namespace regscreen::policy_internal
