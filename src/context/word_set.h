// WordSet: a fixed set of short words (code points) indexed by their first and by their last code point, so
// that "which words start (or end) at position i of a text" costs one bit test at almost every position.
//
// Context analysis asks such questions at every character it walks (does a negation cue start here, does a
// clause stop end here, is this an object closer such as 业务); testing every word of a list at every
// position was the largest cost of screening a record with hits. A 4096-bit filter per end rejects nearly
// all positions; the few that pass binary-search a table sorted by (code point, longest first).
// Immutable after construction; safe to share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen::context {

class WordSet {
 public:
  WordSet() = default;
  // Word indices (returned by the matches below) are positions in `words`; empty words are never found.
  explicit WordSet(std::vector<std::u32string> words);

  bool empty() const { return by_first_.empty(); }
  size_t size() const { return words_.size(); }
  const std::u32string& word(uint32_t index) const { return words_[index]; }

  // Whether some word may start (end) with c: a one-bit filter, exact for "no".
  bool may_start_with(char32_t c) const { return test(first_bits_, c); }
  bool may_end_with(char32_t c) const { return test(last_bits_, c); }

  // Length of the longest word occurring at text[i..] and ending at or before `limit`; 0 if none.
  uint32_t longest_at(std::u32string_view text, size_t i, size_t limit = std::u32string_view::npos) const;
  // Length of the longest word ending at text[..k) and starting at or after `floor`; 0 if none.
  uint32_t longest_ending_at(std::u32string_view text, size_t k, size_t floor = 0) const;
  bool any_at(std::u32string_view text, size_t i) const { return longest_at(text, i) != 0; }
  bool any_ending_at(std::u32string_view text, size_t k) const { return longest_ending_at(text, k) != 0; }

  // Calls f(word_index, length) for every word occurring at text[i..], longest first.
  template <class F>
  void for_each_at(std::u32string_view text, size_t i, F&& f) const {
    if (i >= text.size() || !may_start_with(text[i])) return;
    for (uint32_t k = lower(by_first_, text[i]); k < by_first_.size() && by_first_[k].cp == text[i]; ++k) {
      const std::u32string& w = words_[by_first_[k].word];
      if (text.size() - i >= w.size() && text.compare(i, w.size(), w) == 0) {
        f(by_first_[k].word, static_cast<uint32_t>(w.size()));
      }
    }
  }

 private:
  static constexpr uint32_t kBits = 4096;
  using Bits = std::array<uint64_t, kBits / 64>;
  struct Key {
    char32_t cp;
    uint32_t word;
  };
  static bool test(const Bits& b, char32_t c) { return (b[(c % kBits) >> 6] >> (c & 63)) & 1; }
  static void set(Bits& b, char32_t c) { b[(c % kBits) >> 6] |= uint64_t{1} << (c & 63); }
  static uint32_t lower(const std::vector<Key>& keys, char32_t c);

  std::vector<std::u32string> words_;
  std::vector<Key> by_first_;  // sorted by first code point, then longest first
  std::vector<Key> by_last_;   // sorted by last code point, then longest first
  Bits first_bits_{};
  Bits last_bits_{};
};

}  // namespace regscreen::context
