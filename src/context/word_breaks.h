// WordBreaks: ICU's dictionary-based word segmentation for Chinese (BreakIterator, zh) as a second signal
// that a term occurrence is not the word: when ICU puts a word boundary inside the occurrence but not at
// both of its ends, the occurrence's characters belong to other words (鸿基|金属 rather than 基金).
// Off unless context.toml enables it ([word_breaks] enabled = true); docs/CONTEXT.md reports how much it
// helps on the labeled set. ICU break iterators are not thread-safe: each thread clones its own.
#pragma once

#include <cstddef>
#include <memory>

#include <unicode/uversion.h>

#include "context/code_points.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace regscreen::context {

class WordBreaks {
 public:
  WordBreaks();  // throws std::runtime_error if ICU has no Chinese word break data
  ~WordBreaks();

  // Whether ICU splits the occurrence [begin, end) of `text` (code points) across word boundaries.
  bool splits(const CodePoints& text, size_t begin, size_t end) const;

 private:
  std::unique_ptr<icu::BreakIterator> prototype_;
};

}  // namespace regscreen::context
