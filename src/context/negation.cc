#include "context/negation.h"

#include <algorithm>
#include <limits>

namespace regscreen::context {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

bool any_at(const CodePoints& t, size_t i, const std::vector<std::u32string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::u32string& w) { return t.has_at(i, w); });
}
bool any_ending_at(const CodePoints& t, size_t i, const std::vector<std::u32string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::u32string& w) { return t.has_ending_at(i, w); });
}
size_t length_at(const CodePoints& t, size_t i, const std::vector<std::u32string>& words) {
  for (const std::u32string& w : words) {
    if (t.has_at(i, w)) return w.size();
  }
  return 0;
}

// Bracket structure: for each bracket its partner (kNone if unbalanced), and for each position whether it
// lies inside any bracket. Bracket kinds are interchangeable, because real text mixes （ with ) freely.
struct Brackets {
  std::vector<uint32_t> partner;
  std::vector<bool> inside;

  Brackets(const CodePoints& t, const ContextRules& r) : partner(t.size(), kNone), inside(t.size(), false) {
    std::vector<uint32_t> stack;
    for (uint32_t i = 0; i < t.size(); ++i) {
      const char32_t c = t.cps[i];
      inside[i] = !stack.empty();
      if (r.open_brackets.find(c) != std::u32string::npos) {
        stack.push_back(i);
      } else if (r.close_brackets.find(c) != std::u32string::npos && !stack.empty()) {
        partner[i] = stack.back();
        partner[stack.back()] = i;
        stack.pop_back();
      }
    }
  }
};

}  // namespace

void NegationScanner::find(const CodePoints& t, std::vector<NegatedSpan>* out) const {
  const ContextRules& r = rules_;
  const uint32_t n = static_cast<uint32_t>(t.size());
  if (n == 0) return;
  Brackets br(t, r);
  const auto is_open = [&](uint32_t k) { return r.open_brackets.find(t.cps[k]) != std::u32string::npos; };
  const auto is_close = [&](uint32_t k) { return r.close_brackets.find(t.cps[k]) != std::u32string::npos; };

  for (uint32_t p = 0; p < n; ++p) {
    for (uint32_t ci = 0; ci < r.cues.size(); ++ci) {
      const NegationCue& cue = r.cues[ci];
      if (!t.has_at(p, cue.text)) continue;
      const uint32_t q = p + static_cast<uint32_t>(cue.text.size());
      if (any_at(t, q, cue.unless_followed_by) || any_ending_at(t, p, cue.unless_preceded_by)) continue;
      NegatedSpan span;
      span.cue = ci;
      const bool top_level = !br.inside[p];
      if (cue.reach == Reach::kPrefix) {
        span.begin = p;
        span.end = q;
        span.prefix = true;
      } else if (cue.reach == Reach::kForward) {
        span.begin = p;
        uint32_t k = q;
        bool closed = false;  // the prohibited object has been closed (…业务, …活动)
        while (k < n) {
          if (is_open(k)) {
            // A nested group belongs to the clause: 集(融)资. An unclosed one is read through.
            k = br.partner[k] != kNone ? br.partner[k] + 1 : k + 1;
            continue;
          }
          if (is_close(k) || any_at(t, k, r.hard_stops)) break;  // end of the enclosing group or sentence
          if (const size_t len = length_at(t, k, cue.until)) {
            k += static_cast<uint32_t>(len);
            break;
          }
          if (top_level && closed && any_at(t, k, r.soft_stops)) break;
          ++k;
          closed = closed || any_ending_at(t, k, r.object_closers);
        }
        span.end = k;
      } else {  // backward
        span.end = q;
        uint32_t k = p;
        while (k > 0) {
          const uint32_t j = k - 1;
          if (is_close(j)) {
            if (br.partner[j] == kNone) break;  // a stray closer ends the clause
            k = br.partner[j];
            continue;
          }
          if (is_open(j) || any_ending_at(t, k, r.hard_stops)) break;
          if (top_level && any_ending_at(t, k, r.soft_stops)) break;
          k = j;
        }
        span.begin = k;
      }
      out->push_back(span);
    }
  }
}

const NegatedSpan* NegationScanner::governing(const std::vector<NegatedSpan>& spans, size_t start) {
  for (const NegatedSpan& s : spans) {
    if (s.governs(start)) return &s;
  }
  return nullptr;
}

}  // namespace regscreen::context
