// The order every matcher reports in, (end, pattern), and a sort that is cheap for nearly ordered input.
#pragma once

#include <algorithm>
#include <vector>

#include "match/matcher.h"

namespace regscreen {

inline bool match_order_less(const Match& a, const Match& b) {
  return a.end != b.end ? a.end < b.end : a.pattern < b.pattern;
}

// Orders [first, last) by (end, pattern). Built for Hyperscan, which promises no order but in practice
// reports by end offset with only the patterns sharing one end in arbitrary order: each run of equal ends
// (a few elements) is sorted on its own, and an end that ever goes backwards falls back to a full sort.
inline void sort_matches(std::vector<Match>::iterator first, std::vector<Match>::iterator last) {
  for (auto run = first; run != last;) {
    auto stop = run + 1;
    while (stop != last && stop->end == run->end) ++stop;
    if (stop != last && stop->end < run->end) {
      std::sort(first, last, match_order_less);
      return;
    }
    if (stop - run > 1) std::sort(run, stop, match_order_less);
    run = stop;
  }
}

}  // namespace regscreen
