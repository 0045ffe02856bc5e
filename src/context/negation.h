// Negation scopes in a business scope: which stretches of text a prohibition, exclusion or disclaimer cue
// governs (不得从事…, 不含…, …除外, 未经…批准, 除…外, 非金融性).
//
// The text is read as clauses: hard stops (；。) end every clause; brackets, nested ones included
// (集(融)资), bound a clause opened inside them; at the top level a soft stop (，) ends a cue's reach once
// the prohibited object has been closed by a word such as 业务 or 活动, so that
// "不得从事非法集资，吸收公众资金等金融活动" is one prohibition while "不得从事金融业务，投资管理" is
// a prohibition followed by a business item. Cues and stops come from ContextRules (data/context.toml).
#pragma once

#include <cstdint>
#include <vector>

#include "context/code_points.h"
#include "context/context_rules.h"

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

class NegationScanner {
 public:
  explicit NegationScanner(const ContextRules& rules) : rules_(rules) {}

  // Appends the spans of `text` to *out (not cleared), ordered by cue position.
  void find(const CodePoints& text, std::vector<NegatedSpan>* out) const;

  // The first span governing a term starting at code point `start`, or nullptr.
  static const NegatedSpan* governing(const std::vector<NegatedSpan>& spans, size_t start);

 private:
  const ContextRules& rules_;
};

}  // namespace regscreen::context
