#include "context/word_breaks.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <vector>

namespace regscreen::context {

WordBreaks::WordBreaks() {
  UErrorCode status = U_ZERO_ERROR;
  prototype_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status) || !prototype_) {
    throw std::runtime_error(std::string("ICU word break iterator for zh: ") + u_errorName(status));
  }
}

WordBreaks::~WordBreaks() = default;

bool WordBreaks::splits(const CodePoints& text, size_t begin, size_t end) const {
  // One clone per thread and per WordBreaks object: clones are cheap next to segmenting, and the
  // prototype itself must not be used concurrently.
  thread_local const WordBreaks* owner = nullptr;
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (owner != this || !it) {
    it.reset(prototype_->clone());
    owner = this;
  }
  icu::UnicodeString u;
  std::vector<int32_t> utf16_at(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    utf16_at[i] = u.length();
    u.append(static_cast<UChar32>(text.cps[i]));
  }
  utf16_at[text.size()] = u.length();
  it->setText(u);
  const int32_t b = utf16_at[begin];
  const int32_t e = utf16_at[end];
  bool inside = false;
  for (int32_t p = it->following(b); p != icu::BreakIterator::DONE && p < e; p = it->next()) inside = true;
  return inside && !(it->isBoundary(b) && it->isBoundary(e));
}

}  // namespace regscreen::context
