// Negation scopes in a business scope: which stretches of text a prohibition, exclusion or disclaimer cue
// governs (不得从事…, 不含…, …除外, 未经…批准, 除…外, 非金融性).
//
// The text is read as clauses: hard stops (；。) end every clause; brackets, nested ones included
// (集(融)资), bound a clause opened inside them; at the top level a soft stop (，) ends a cue's reach once
// the prohibited object has been closed by a word such as 业务 or 活动, so that "不得从事金融业务，投资管理"
// is a prohibition followed by a business item. A soft stop met before the object is closed ends the reach
// too, unless the prohibition evidently goes on after it: the next segment closes the object
// ("不得从事非法集资，吸收公众资金等金融活动", "不得从事增值电信，金融业务"), or a later segment ends the
// enumeration with 等 + closer ("…，…，发放贷款等金融活动"); "不得从事非法集资，投资管理" is a prohibition
// followed by a business item. Cues, stops, closers and enumeration ends come from ContextRules
// (data/context.toml).
//
// The scanner is compiled once from the rules (every word list indexed by first and last character, see
// word_set.h) and is immutable. find() looks for cue characters first and returns at once when there is
// none; otherwise it pairs the brackets in one pass (per-thread buffers) and follows each cue through its
// clause, testing stops and closers only where it walks.
#pragma once

#include <cstdint>
#include <vector>

#include "context/code_points.h"
#include "context/context_rules.h"
#include "context/word_set.h"

namespace regscreen::context {

// A stretch of text governed by a negation cue, in code point indices.
struct NegatedSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t cue = 0;  // index into ContextRules::cues
  bool prefix = false;  // a prefix cue: governs only a term starting at `end` (非|金融)

  // Whether a term occurrence starting at code point `start` is governed by this span.
  bool governs(size_t start) const { return prefix ? start == end : begin <= start && start < end; }
};

// The negated spans of one text, with each position's governing span looked up in constant time (a text
// may hold thousands of spans: hostile input, not real scopes).
class NegatedSpans {
 public:
  const std::vector<NegatedSpan>& list() const { return list_; }  // ordered by cue position
  // The first span (in list order) governing a term starting at code point `start`, or nullptr.
  const NegatedSpan* governing(size_t start) const {
    return start < first_.size() && first_[start] != kNoSpan ? &list_[first_[start]] : nullptr;
  }
  void clear() {
    list_.clear();
    first_.clear();
  }

 private:
  friend class NegationScanner;
  static constexpr uint32_t kNoSpan = UINT32_MAX;
  std::vector<NegatedSpan> list_;
  std::vector<uint32_t> first_;  // per code point (and the text's end): index into list_, or kNoSpan
  std::vector<uint32_t> next_;   // working memory: next position without a governing span yet
};

class NegationScanner {
 public:
  explicit NegationScanner(const ContextRules& rules);

  // Sets *out to the spans of `text` (buffers reused).
  void find(const CodePoints& text, NegatedSpans* out) const;

 private:
  struct Marks;
  bool mark(std::u32string_view t, Marks* m) const;
  uint32_t forward_end(std::u32string_view t, const Marks& m, uint32_t cue, uint32_t from, bool top_level) const;
  uint32_t backward_begin(std::u32string_view t, const Marks& m, uint32_t from, bool top_level) const;
  uint32_t goes_on_after(std::u32string_view t, const Marks& m, uint32_t soft_stop) const;

  const ContextRules& rules_;
  WordSet cues_;  // word index = cue index
  WordSet open_brackets_, close_brackets_, brackets_;
  WordSet cue_or_bracket_;  // first characters of cues, and brackets: the marking pass's filter
  WordSet hard_stops_, soft_stops_, closers_, enumeration_ends_;
  std::vector<WordSet> until_, unless_followed_by_, unless_preceded_by_;  // per cue
};

}  // namespace regscreen::context
