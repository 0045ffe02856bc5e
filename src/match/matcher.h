// Matcher: finds every occurrence of every pattern (literal UTF-8 byte strings, already normalized) in a
// normalized text, overlapping ones included (基金 inside 基金管理 inside 股权投资基金).
//
// A Matcher is compiled once and is immutable and thread-safe. scan() needs per-thread working memory,
// which the backend keeps per thread itself (Hyperscan scratch); callers pass nothing but the output vector.
// Both backends must report identical matches: tests/matcher_differential_test.cc checks that.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen {

struct Match {
  uint32_t pattern;  // index into the patterns passed at compile time
  uint32_t start;    // byte offsets into the scanned text
  uint32_t end;
  friend bool operator==(const Match&, const Match&) = default;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  // Appends every match to *out, ordered by (end, pattern). Does not clear *out. Throws
  // std::length_error for a text of 4 GiB or more (offsets are uint32_t).
  virtual void scan(std::string_view text, std::vector<Match>* out) const = 0;
  // For diagnostics: "hyperscan", "aho-corasick-dfa" or "aho-corasick-nfa".
  virtual std::string_view name() const = 0;
};

// Throws std::runtime_error if a pattern is empty or the backend cannot compile the set. An empty set is
// valid and matches nothing. Duplicate patterns each report their own index.
std::unique_ptr<Matcher> make_aho_corasick_matcher(const std::vector<std::string>& patterns);
// Returns nullptr when Hyperscan is not built in or the CPU lacks what it needs (hs_valid_platform).
std::unique_ptr<Matcher> make_hyperscan_matcher(const std::vector<std::string>& patterns);

}  // namespace regscreen
