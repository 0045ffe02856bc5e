// Aho-Corasick matcher options: which automaton form to build.
//
// make_aho_corasick_matcher(patterns) picks the form by size: a full DFA over byte classes (one table
// lookup per text byte) when its table fits in `max_dfa_bytes`, otherwise a compact NFA (trie edges plus
// failure links; dense rows only for the root and wide states), which stays linear in the total pattern
// length for very large term sets (tens of thousands of terms). Both forms report identical matches; the
// overload below lets tests and benchmarks force one or the other. name() tells which form was built:
// "aho-corasick-dfa" or "aho-corasick-nfa".
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "match/matcher.h"

namespace regscreen {

struct AhoCorasickOptions {
  // Upper bound on the DFA transition table (states x byte classes x 4 bytes). 0 forces the NFA.
  std::size_t max_dfa_bytes = std::size_t{16} << 20;
};

std::unique_ptr<Matcher> make_aho_corasick_matcher(const std::vector<std::string>& patterns,
                                                   const AhoCorasickOptions& options);

}  // namespace regscreen
