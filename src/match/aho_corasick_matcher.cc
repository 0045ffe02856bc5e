// Portable Aho-Corasick matcher over bytes.
//
// Build: the patterns are sorted so that the keyword trie can be laid down in one pass (each pattern
// shares its longest common prefix with the previous one), failure links are computed breadth-first, and
// every state gets the sorted list of pattern indices that end there (its own plus those reached through
// failure links), so scan() emits matches already ordered by (end, pattern) with no sorting at run time.
// States with matches are numbered last: the hot loop tests one comparison per byte.
//
// Two forms (see aho_corasick_matcher.h): a full DFA over byte classes when its table is small, else a
// compact NFA. Bytes that occur in no pattern all share one class, so a set of a few hundred Chinese terms
// uses ~60 classes instead of 256.
//
// Patterns and text are UTF-8, but matching is on bytes: for valid UTF-8 a byte match always starts and
// ends on character boundaries (a lead byte never equals a continuation byte), so nothing more is needed.
#include "match/aho_corasick_matcher.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "match/input_limits.h"

namespace regscreen {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kRoot = 0;

// The trie, failure links and per-state match lists, in build (trie) numbering.
struct AutomatonParts {
  uint32_t num_states = 1;
  // Trie edges in CSR form: the edges of state s are [edge_begin[s], edge_begin[s + 1]), sorted by byte.
  std::vector<uint32_t> edge_begin;
  std::vector<uint8_t> edge_byte;
  std::vector<uint32_t> edge_target;
  std::vector<uint32_t> fail;
  std::vector<uint32_t> bfs_order;
  // Pattern indices (ascending) matched on entering state s: pool[out_begin[s]..out_end[s]).
  std::vector<uint32_t> out_begin, out_end;
  std::vector<uint32_t> pool;
  // Byte -> class; class 0 holds every byte that occurs in no pattern.
  std::array<uint8_t, 256> byte_class{};
  uint32_t num_classes = 1;

  uint32_t child(uint32_t state, uint8_t byte) const {
    const auto first = edge_byte.begin() + edge_begin[state];
    const auto last = edge_byte.begin() + edge_begin[state + 1];
    const auto it = std::lower_bound(first, last, byte);
    if (it == last || *it != byte) return kNone;
    return edge_target[static_cast<std::size_t>(it - edge_byte.begin())];
  }
  bool has_matches(uint32_t state) const { return out_begin[state] != out_end[state]; }
};

AutomatonParts build_parts(const std::vector<std::string>& patterns) {
  AutomatonParts parts;
  const auto n = static_cast<uint32_t>(patterns.size());

  // Sorting (ties by index) makes shared prefixes adjacent, puts each node's children in ascending byte
  // order (std::string_view compares bytes as unsigned char), and groups duplicates in ascending index order.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const int c = std::string_view(patterns[a]).compare(patterns[b]);
    return c != 0 ? c < 0 : a < b;
  });

  struct NewEdge {
    uint32_t parent, target;
    uint8_t byte;
  };
  std::vector<NewEdge> edges;
  std::vector<uint32_t> term_begin{0}, term_end{0};  // node -> range in `order` of patterns ending there
  std::vector<uint32_t> path{kRoot};                  // path[d]: node for the first d bytes of `prev`
  std::string_view prev;
  for (uint32_t k = 0; k < n; ++k) {
    const std::string_view p = patterns[order[k]];
    std::size_t lcp = 0;
    while (lcp < p.size() && lcp < prev.size() && p[lcp] == prev[lcp]) ++lcp;
    path.resize(lcp + 1);
    for (std::size_t d = lcp; d < p.size(); ++d) {
      const uint32_t node = parts.num_states++;
      if (parts.num_states == kNone) throw std::runtime_error("aho-corasick: too many trie states");
      edges.push_back({path[d], node, static_cast<uint8_t>(p[d])});
      term_begin.push_back(0);
      term_end.push_back(0);
      path.push_back(node);
    }
    const uint32_t terminal = path[p.size()];
    if (term_begin[terminal] == term_end[terminal]) term_begin[terminal] = k;
    term_end[terminal] = k + 1;  // duplicates are adjacent in `order`
    prev = p;
  }

  // CSR edges by parent. Edges were created in trie pre-order, so each parent's edges are already in
  // ascending byte order and a stable counting sort keeps them so.
  const uint32_t s_count = parts.num_states;
  parts.edge_begin.assign(s_count + 1, 0);
  for (const NewEdge& e : edges) ++parts.edge_begin[e.parent + 1];
  std::partial_sum(parts.edge_begin.begin(), parts.edge_begin.end(), parts.edge_begin.begin());
  parts.edge_byte.resize(edges.size());
  parts.edge_target.resize(edges.size());
  {
    std::vector<uint32_t> fill(parts.edge_begin.begin(), parts.edge_begin.end() - 1);
    for (const NewEdge& e : edges) {
      const uint32_t at = fill[e.parent]++;
      parts.edge_byte[at] = e.byte;
      parts.edge_target[at] = e.target;
    }
  }

  // Byte classes.
  std::array<bool, 256> used{};
  for (const NewEdge& e : edges) used[e.byte] = true;
  for (int b = 0; b < 256; ++b) {
    if (used[b]) parts.byte_class[b] = static_cast<uint8_t>(parts.num_classes++);
  }

  // Breadth-first: failure links, then match lists (a state's failure target is shallower, so its list
  // is final when the state is reached).
  parts.fail.assign(s_count, kRoot);
  parts.bfs_order.reserve(s_count);
  parts.bfs_order.push_back(kRoot);
  for (std::size_t head = 0; head < parts.bfs_order.size(); ++head) {
    const uint32_t u = parts.bfs_order[head];
    for (uint32_t e = parts.edge_begin[u]; e < parts.edge_begin[u + 1]; ++e) {
      const uint32_t v = parts.edge_target[e];
      const uint8_t b = parts.edge_byte[e];
      parts.bfs_order.push_back(v);
      if (u == kRoot) continue;  // depth-1 states fail to the root
      uint32_t f = parts.fail[u];
      uint32_t g = parts.child(f, b);
      while (g == kNone && f != kRoot) {
        f = parts.fail[f];
        g = parts.child(f, b);
      }
      parts.fail[v] = g == kNone ? kRoot : g;
    }
  }

  parts.out_begin.assign(s_count, 0);
  parts.out_end.assign(s_count, 0);
  for (const uint32_t v : parts.bfs_order) {
    if (v == kRoot) continue;
    const uint32_t f = parts.fail[v];
    if (term_begin[v] == term_end[v]) {
      // No pattern ends here: share the failure target's list instead of copying it.
      parts.out_begin[v] = parts.out_begin[f];
      parts.out_end[v] = parts.out_end[f];
      continue;
    }
    const std::size_t own = term_end[v] - term_begin[v];
    const std::size_t inherited = parts.out_end[f] - parts.out_begin[f];
    const std::size_t start = parts.pool.size();
    if (start + own + inherited >= kNone) throw std::runtime_error("aho-corasick: match lists too large");
    // Own indices are ascending (sorted ties); merge them with the inherited list, which is disjoint.
    parts.pool.resize(start + own + inherited);
    std::merge(order.begin() + term_begin[v], order.begin() + term_end[v],
               parts.pool.begin() + parts.out_begin[f], parts.pool.begin() + parts.out_end[f],
               parts.pool.begin() + static_cast<std::ptrdiff_t>(start));
    parts.out_begin[v] = static_cast<uint32_t>(start);
    parts.out_end[v] = static_cast<uint32_t>(start + own + inherited);
  }
  return parts;
}

// State numbering for the run-time forms: states without matches first (the root is 0, since no
// pattern is empty), then states with matches, each group in breadth-first order for locality.
struct Renumbering {
  std::vector<uint32_t> new_id;  // trie state -> run-time state
  std::vector<uint32_t> old_id;  // run-time state -> trie state
  uint32_t first_match = 0;      // run-time states >= this have matches
};

Renumbering renumber(const AutomatonParts& parts) {
  Renumbering r;
  r.new_id.assign(parts.num_states, kNone);
  r.old_id.reserve(parts.num_states);
  for (const bool matching : {false, true}) {
    if (matching) r.first_match = static_cast<uint32_t>(r.old_id.size());
    for (const uint32_t s : parts.bfs_order) {
      if (parts.has_matches(s) == matching) {
        r.new_id[s] = static_cast<uint32_t>(r.old_id.size());
        r.old_id.push_back(s);
      }
    }
  }
  return r;
}

// The match lists of the matching states, indexed by (run-time state - first_match), plus pattern
// lengths to compute start offsets.
class MatchLists {
 public:
  MatchLists(const AutomatonParts& parts, const Renumbering& r, const std::vector<std::string>& patterns)
      : pool_(parts.pool) {
    ranges_.reserve(parts.num_states - r.first_match);
    for (uint32_t s = r.first_match; s < parts.num_states; ++s) {
      const uint32_t old = r.old_id[s];
      ranges_.emplace_back(parts.out_begin[old], parts.out_end[old]);
    }
    lengths_.reserve(patterns.size());
    for (const std::string& p : patterns) lengths_.push_back(static_cast<uint32_t>(p.size()));
  }

  void emit(uint32_t match_state, uint32_t end, std::vector<Match>* out) const {
    const auto [begin, stop] = ranges_[match_state];
    for (uint32_t k = begin; k < stop; ++k) {
      const uint32_t p = pool_[k];
      out->push_back(Match{p, end - lengths_[p], end});
    }
  }

 private:
  std::vector<uint32_t> pool_;
  std::vector<std::pair<uint32_t, uint32_t>> ranges_;
  std::vector<uint32_t> lengths_;
};

// Full DFA: next = table[state * num_classes + class(byte)], with state ids stored premultiplied by
// num_classes so that the hot loop is one load and one add per byte.
class AhoCorasickDfa final : public Matcher {
 public:
  AhoCorasickDfa(const AutomatonParts& parts, const Renumbering& r, const std::vector<std::string>& patterns)
      : byte_class_(parts.byte_class),
        stride_(parts.num_classes),
        first_match_premul_(r.first_match * parts.num_classes),
        matches_(parts, r, patterns) {
    const uint32_t c = stride_;
    table_.assign(static_cast<std::size_t>(parts.num_states) * c, 0);  // root row: every byte -> root
    // Breadth-first, so the failure target's row is complete before it is copied.
    for (const uint32_t old : parts.bfs_order) {
      const std::size_t row = static_cast<std::size_t>(r.new_id[old]) * c;
      if (old != kRoot) {
        const std::size_t fail_row = static_cast<std::size_t>(r.new_id[parts.fail[old]]) * c;
        std::copy_n(table_.begin() + static_cast<std::ptrdiff_t>(fail_row), c,
                    table_.begin() + static_cast<std::ptrdiff_t>(row));
      }
      for (uint32_t e = parts.edge_begin[old]; e < parts.edge_begin[old + 1]; ++e) {
        table_[row + byte_class_[parts.edge_byte[e]]] = r.new_id[parts.edge_target[e]] * c;
      }
    }
  }

  void scan(std::string_view text, std::vector<Match>* out) const override {
    match_limits::check_text_length(text);
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const uint32_t* table = table_.data();
    const uint8_t* cls = byte_class_.data();
    const uint32_t first_match = first_match_premul_;
    const auto n = static_cast<uint32_t>(text.size());
    uint32_t s = 0;
    for (uint32_t i = 0; i < n; ++i) {
      s = table[s + cls[p[i]]];
      if (s >= first_match) [[unlikely]] {
        matches_.emit((s - first_match) / stride_, i + 1, out);
      }
    }
  }

  std::string_view name() const override { return "aho-corasick-dfa"; }

 private:
  std::array<uint8_t, 256> byte_class_;
  uint32_t stride_;
  uint32_t first_match_premul_;
  std::vector<uint32_t> table_;
  MatchLists matches_;
};

// Compact NFA for large sets: sparse trie edges plus failure links. The root has a dense row (every
// byte resolves, so the failure loop ends there); states with many children have dense rows too, so the
// byte-level fan-out of UTF-8 lead and continuation bytes is one lookup.
class AhoCorasickNfa final : public Matcher {
 public:
  static constexpr uint32_t kDenseMinFanout = 16;

  AhoCorasickNfa(const AutomatonParts& parts, const Renumbering& r, const std::vector<std::string>& patterns)
      : byte_class_(parts.byte_class), first_match_(r.first_match), matches_(parts, r, patterns) {
    const uint32_t c = parts.num_classes;
    states_.resize(parts.num_states);
    for (uint32_t s = 0; s < parts.num_states; ++s) {
      const uint32_t old = r.old_id[s];
      const uint32_t e0 = parts.edge_begin[old];
      const uint32_t e1 = parts.edge_begin[old + 1];
      State& st = states_[s];
      st.fail = r.new_id[parts.fail[old]];
      if (old == kRoot || e1 - e0 >= kDenseMinFanout) {
        st.count = kDenseRow;
        st.begin = static_cast<uint32_t>(dense_.size());
        dense_.resize(dense_.size() + c, old == kRoot ? kRoot : kNone);
        for (uint32_t e = e0; e < e1; ++e) {
          dense_[st.begin + byte_class_[parts.edge_byte[e]]] = r.new_id[parts.edge_target[e]];
        }
      } else {
        st.count = e1 - e0;
        st.begin = static_cast<uint32_t>(edge_byte_.size());
        for (uint32_t e = e0; e < e1; ++e) {
          edge_byte_.push_back(parts.edge_byte[e]);
          edge_target_.push_back(r.new_id[parts.edge_target[e]]);
        }
      }
    }
  }

  void scan(std::string_view text, std::vector<Match>* out) const override {
    match_limits::check_text_length(text);
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto n = static_cast<uint32_t>(text.size());
    uint32_t s = kRoot;
    for (uint32_t i = 0; i < n; ++i) {
      const unsigned char b = p[i];
      for (;;) {
        const State& st = states_[s];
        const uint32_t t = next(st, b);
        if (t != kNone) {
          s = t;
          break;
        }
        s = st.fail;
      }
      if (s >= first_match_) [[unlikely]] {
        matches_.emit(s - first_match_, i + 1, out);
      }
    }
  }

  std::string_view name() const override { return "aho-corasick-nfa"; }

 private:
  static constexpr uint32_t kDenseRow = kNone;
  struct State {
    uint32_t fail;
    uint32_t begin;  // into dense_ (a row of num_classes entries) or into edge_byte_/edge_target_
    uint32_t count;  // number of sparse edges, or kDenseRow
  };

  uint32_t next(const State& st, unsigned char b) const {
    if (st.count == kDenseRow) return dense_[st.begin + byte_class_[b]];
    const uint8_t* bytes = edge_byte_.data() + st.begin;
    for (uint32_t k = 0; k < st.count; ++k) {
      if (bytes[k] == b) return edge_target_[st.begin + k];
    }
    return kNone;
  }

  std::array<uint8_t, 256> byte_class_;
  uint32_t first_match_;
  std::vector<State> states_;
  std::vector<uint32_t> dense_;
  std::vector<uint8_t> edge_byte_;
  std::vector<uint32_t> edge_target_;
  MatchLists matches_;
};

}  // namespace

std::unique_ptr<Matcher> make_aho_corasick_matcher(const std::vector<std::string>& patterns,
                                                   const AhoCorasickOptions& options) {
  match_limits::validate_patterns(patterns);
  const AutomatonParts parts = build_parts(patterns);
  const Renumbering r = renumber(parts);
  const uint64_t dfa_entries = uint64_t{parts.num_states} * parts.num_classes;
  if (dfa_entries < kNone && dfa_entries * sizeof(uint32_t) <= options.max_dfa_bytes) {
    return std::make_unique<AhoCorasickDfa>(parts, r, patterns);
  }
  return std::make_unique<AhoCorasickNfa>(parts, r, patterns);
}

std::unique_ptr<Matcher> make_aho_corasick_matcher(const std::vector<std::string>& patterns) {
  return make_aho_corasick_matcher(patterns, AhoCorasickOptions{});
}

}  // namespace regscreen
