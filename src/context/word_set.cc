#include "context/word_set.h"

#include <algorithm>

namespace regscreen::context {

WordSet::WordSet(std::vector<std::u32string> words) : words_(std::move(words)) {
  for (uint32_t i = 0; i < words_.size(); ++i) {
    const std::u32string& w = words_[i];
    if (w.empty()) continue;  // kept, so that indices match the caller's list, but never found
    by_first_.push_back({w.front(), i});
    by_last_.push_back({w.back(), i});
    set(first_bits_, w.front());
    set(last_bits_, w.back());
  }
  const auto order = [&](const Key& a, const Key& b) {
    if (a.cp != b.cp) return a.cp < b.cp;
    if (words_[a.word].size() != words_[b.word].size()) return words_[a.word].size() > words_[b.word].size();
    return a.word < b.word;
  };
  std::sort(by_first_.begin(), by_first_.end(), order);
  std::sort(by_last_.begin(), by_last_.end(), order);
}

uint32_t WordSet::lower(const std::vector<Key>& keys, char32_t c) {
  return static_cast<uint32_t>(
      std::lower_bound(keys.begin(), keys.end(), c, [](const Key& k, char32_t v) { return k.cp < v; }) - keys.begin());
}

uint32_t WordSet::longest_at(std::u32string_view text, size_t i, size_t limit) const {
  limit = std::min(limit, text.size());
  if (i >= limit || !may_start_with(text[i])) return 0;
  for (uint32_t k = lower(by_first_, text[i]); k < by_first_.size() && by_first_[k].cp == text[i]; ++k) {
    const std::u32string& w = words_[by_first_[k].word];
    if (limit - i >= w.size() && text.compare(i, w.size(), w) == 0) return static_cast<uint32_t>(w.size());
  }
  return 0;
}

uint32_t WordSet::longest_ending_at(std::u32string_view text, size_t k, size_t floor) const {
  if (k == 0 || k > text.size() || k <= floor || !may_end_with(text[k - 1])) return 0;
  const char32_t c = text[k - 1];
  for (uint32_t j = lower(by_last_, c); j < by_last_.size() && by_last_[j].cp == c; ++j) {
    const std::u32string& w = words_[by_last_[j].word];
    if (k - floor >= w.size() && text.compare(k - w.size(), w.size(), w) == 0) return static_cast<uint32_t>(w.size());
  }
  return 0;
}

}  // namespace regscreen::context
