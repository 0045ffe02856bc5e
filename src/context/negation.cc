#include "context/negation.h"

#include <algorithm>
#include <limits>

namespace regscreen::context {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Most steps a cue's reach (and a look past a comma) walks. Real prohibitions are a few dozen characters
// long; without a bound, hostile text (thousands of cues in one endless clause) would cost cues x length.
constexpr uint32_t kMaxSteps = 512;
// Most segments a look past a comma reads for the end of an enumeration (…，…，…等金融活动): real ones
// run over two or three.
constexpr uint32_t kMaxSegments = 6;

// What stands at a code point index (Marks::at).
enum Mark : uint8_t {
  kOpen = 1 << 0,    // an opening bracket
  kClose = 1 << 1,   // a closing bracket
  kInside = 1 << 2,  // inside a bracket group (the opening bracket itself is not, the closing one is)
};

std::vector<std::u32string> chars_of(const std::u32string& s) {
  std::vector<std::u32string> out;
  for (char32_t c : s) out.push_back(std::u32string(1, c));
  return out;
}

}  // namespace

// Per-thread buffers of find(), grown once and reused.
struct NegationScanner::Marks {
  std::vector<uint8_t> at;         // Mark bits per code point
  std::vector<uint32_t> partner;   // matching bracket, kNone if unbalanced or no bracket
  std::vector<uint32_t> cue_at;    // positions where some cue may start
  std::vector<uint32_t> stack;
};

NegationScanner::NegationScanner(const ContextRules& rules)
    : rules_(rules),
      open_brackets_(chars_of(rules.open_brackets)),
      close_brackets_(chars_of(rules.close_brackets)),
      brackets_(chars_of(rules.open_brackets + rules.close_brackets)),
      hard_stops_(rules.hard_stops),
      soft_stops_(rules.soft_stops),
      closers_(rules.object_closers),
      enumeration_ends_(rules.enumeration_ends) {
  std::vector<std::u32string> cues;
  for (const NegationCue& c : rules.cues) {
    cues.push_back(c.text);
    until_.emplace_back(c.until);
    unless_followed_by_.emplace_back(c.unless_followed_by);
    unless_preceded_by_.emplace_back(c.unless_preceded_by);
  }
  cues_ = WordSet(cues);
  std::vector<std::u32string> firsts = chars_of(rules.open_brackets + rules.close_brackets);
  for (const NegationCue& c : rules.cues) firsts.push_back(c.text.substr(0, 1));
  cue_or_bracket_ = WordSet(std::move(firsts));
}

// One pass: the positions where a cue may start, and the bracket structure. False: no cue in the text.
bool NegationScanner::mark(std::u32string_view t, Marks* m) const {
  const uint32_t n = static_cast<uint32_t>(t.size());
  m->cue_at.clear();
  m->stack.clear();
  m->at.resize(n + 1);   // every entry is written below
  m->partner.resize(n);  // read only at brackets, which set it
  // Through local pointers: a store through uint8_t* may alias anything, so m->at.data() (and the text)
  // would otherwise be reloaded at every character.
  uint8_t* const at = m->at.data();
  uint32_t* const partner = m->partner.data();
  const char32_t* const cps = t.data();
  uint8_t inside = 0;    // kInside while a bracket group is open
  for (uint32_t i = 0; i < n; ++i) {
    const char32_t c = cps[i];
    at[i] = inside;
    if (!cue_or_bracket_.may_start_with(c)) continue;  // nearly every character
    if (cues_.may_start_with(c)) m->cue_at.push_back(i);
    if (!brackets_.may_start_with(c)) continue;
    if (open_brackets_.any_at(t, i)) {
      at[i] |= kOpen;
      partner[i] = kNone;
      m->stack.push_back(i);
    } else if (close_brackets_.any_at(t, i)) {
      at[i] |= kClose;
      partner[i] = kNone;
      if (!m->stack.empty()) {
        partner[i] = m->stack.back();
        partner[m->stack.back()] = i;
        m->stack.pop_back();
      }
    }
    inside = m->stack.empty() ? 0 : kInside;
  }
  at[n] = inside;
  return !m->cue_at.empty();
}

// Whether a prohibition whose object is still open at the top-level soft stop at `soft_stop` goes on after
// it: the next segment closes the object (…，金融业务), or a later one ends the enumeration (…，…等金融活动)
// before any other segment closes. Returns where the object closes (the index after the closer), 0 if the
// prohibition does not go on. Segments end at top-level soft stops; the clause ends at a hard stop or a
// stray closing bracket. Bracket groups inside a segment are read through, as forward_end() does.
uint32_t NegationScanner::goes_on_after(std::u32string_view t, const Marks& m, uint32_t soft_stop) const {
  const uint32_t n = static_cast<uint32_t>(t.size());
  uint32_t k = soft_stop + std::max<uint32_t>(1, soft_stops_.longest_at(t, soft_stop));
  uint32_t steps = 0;
  uint32_t segments = 0;
  for (bool next_segment = true; k < n && ++segments <= kMaxSegments; next_segment = false) {
    bool enumerated = false;
    uint32_t soft = 0;
    while (k < n && !(soft = soft_stops_.longest_at(t, k))) {
      if (++steps > kMaxSteps) return 0;
      const uint8_t here = m.at[k];
      if (here & kOpen) {
        k = m.partner[k] != kNone ? m.partner[k] + 1 : k + 1;
        continue;
      }
      if ((here & kClose) || hard_stops_.any_at(t, k)) return 0;
      enumerated = enumerated || enumeration_ends_.any_at(t, k);
      ++k;
      if (closers_.any_ending_at(t, k)) return next_segment || enumerated ? k : 0;
    }
    k += soft;
  }
  return 0;
}

uint32_t NegationScanner::forward_end(std::u32string_view t, const Marks& m, uint32_t cue, uint32_t from,
                                      bool top_level) const {
  const uint32_t n = static_cast<uint32_t>(t.size());
  const WordSet& until = until_[cue];
  uint32_t k = from;
  bool closed = false;    // the prohibited object has been closed (…业务, …活动)
  uint32_t goes_on = 0;   // the object is open, but closes here after the soft stops before it
  for (uint32_t steps = 0; k < n && steps < kMaxSteps; ++steps) {
    const uint8_t here = m.at[k];
    if (here & kOpen) {
      // A nested group belongs to the clause: 集(融)资. An unclosed one is read through.
      k = m.partner[k] != kNone ? m.partner[k] + 1 : k + 1;
      continue;
    }
    if ((here & kClose) || hard_stops_.any_at(t, k)) break;  // end of the enclosing group or sentence
    if (const uint32_t len = until.longest_at(t, k)) return k + len;
    if (top_level && k >= goes_on && soft_stops_.any_at(t, k)) {
      if (closed || !(goes_on = goes_on_after(t, m, k))) break;
    }
    ++k;
    closed = closed || closers_.any_ending_at(t, k);
  }
  return k;
}

uint32_t NegationScanner::backward_begin(std::u32string_view t, const Marks& m, uint32_t from, bool top_level) const {
  uint32_t k = from;
  for (uint32_t steps = 0; k > 0 && steps < kMaxSteps; ++steps) {
    const uint32_t j = k - 1;
    if (m.at[j] & kClose) {
      if (m.partner[j] == kNone) break;  // a stray closer ends the clause
      k = m.partner[j];
      continue;
    }
    if ((m.at[j] & kOpen) || hard_stops_.any_ending_at(t, k)) break;
    if (top_level && soft_stops_.any_ending_at(t, k)) break;
    k = j;
  }
  return k;
}

void NegationScanner::find(const CodePoints& text, NegatedSpans* out) const {
  out->clear();
  const std::u32string_view t = text.cps;
  if (t.empty()) return;
  thread_local Marks m;
  if (!mark(t, &m)) return;
  for (const uint32_t p : m.cue_at) {
    cues_.for_each_at(t, p, [&](uint32_t ci, uint32_t len) {
      const uint32_t q = p + len;
      if (unless_followed_by_[ci].any_at(t, q) || unless_preceded_by_[ci].any_ending_at(t, p)) return;
      const NegationCue& cue = rules_.cues[ci];
      const bool top_level = !(m.at[p] & kInside);
      NegatedSpan span;
      span.cue = ci;
      switch (cue.reach) {
        case Reach::kPrefix:
          span.begin = p;
          span.end = q;
          span.prefix = true;
          break;
        case Reach::kForward:
          span.begin = p;
          span.end = forward_end(t, m, ci, q, top_level);
          break;
        case Reach::kBackward:
          span.begin = backward_begin(t, m, p, top_level);
          span.end = q;
          break;
      }
      out->list_.push_back(span);
    });
  }
  if (out->list_.empty()) return;
  // Each position gets the first span in list order that governs it: spans in order, each filling only
  // the positions still free, found by skipping (next_ is a union-find over free positions), so the
  // whole index costs O(length + spans) however the spans overlap.
  const uint32_t n = static_cast<uint32_t>(t.size());
  std::vector<uint32_t>& first = out->first_;
  std::vector<uint32_t>& next = out->next_;
  first.assign(n + 1, NegatedSpans::kNoSpan);
  next.resize(n + 2);
  for (uint32_t i = 0; i <= n + 1; ++i) next[i] = i;
  const auto free_from = [&](uint32_t i) {  // the first free position >= i (n + 1 if none)
    while (next[i] != i) {
      next[i] = next[next[i]];
      i = next[i];
    }
    return i;
  };
  for (uint32_t s = 0; s < out->list_.size(); ++s) {
    const NegatedSpan& span = out->list_[s];
    const uint32_t begin = span.prefix ? span.end : span.begin;
    const uint32_t end = std::min(span.prefix ? span.end + 1 : span.end, n + 1);
    for (uint32_t j = free_from(begin); j < end; j = free_from(j + 1)) {
      first[j] = s;
      next[j] = j + 1;
    }
  }
}

}  // namespace regscreen::context
