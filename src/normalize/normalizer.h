// Normalizer: folds text so that evasive spellings of a term match the term.
//
// Per code point: NFKC + case folding (to lower case: P2P -> p2p) + Traditional->Simplified (all
// characters, not only the lexicon's), and "joiner" separators (whitespace, zero-width/format characters
// \p{Cf}, combining marks, middle dots, hyphens, asterisks, tildes, underscores: the marks people put
// between the characters of a word) are removed. Clause and list punctuation (、，；。：()…) is kept,
// because 投资、管理 is two list items and must not become 投资管理; NFKC folds the full-width forms
// ，；：（）！？ to ASCII , ; : ( ) ! ?. icu_folding.h states the rule exactly, with the reasons.
// Invalid UTF-8 bytes (see encoding.h) are read as U+FFFD one byte at a time and counted.
//
// The fold is context-free: normalize(a + b) == normalize(a) + normalize(b) for any split between two
// code points, so a term folds to the same text alone (when the screener is compiled) and inside a record.
// (ICU applied to a whole text differs only where it looks at neighbours: combining sequences and the
// transliterator's phrase rules; see normalizer_icu.h.)
//
// The hot path is a two-level code-point table built once from ICU at first use (ICU stays the reference:
// see normalizer_icu.h and tests/normalizer_table_test.cc); ASCII has a 128-entry fast path. Output goes
// into the caller's NormalizedText, whose buffers are reused: no allocation once they have grown.
// Normalizer::instance() is immutable and shared by all threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace regscreen {

// std::allocator whose resize() leaves new elements uninitialized (default-initialized) instead of zeroing
// them: the normalizer writes every element of its offset map anyway, and zeroing it first cost a
// quarter of normalizing (8 bytes of map per byte of text, for every call).
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialization: no zeroing for integers
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Normalized text plus, for every normalized byte, the original byte span of the code point it came from.
struct NormalizedText {
  using OffsetMap = std::vector<uint32_t, UninitializedAllocator<uint32_t>>;
  std::string text;
  OffsetMap src_begin;  // src_begin[i]: original offset of the code point producing byte i
  OffsetMap src_end;    // src_end[i]: one past that code point's last original byte
  uint32_t invalid_bytes = 0;       // bytes of invalid UTF-8 read as U+FFFD

  void clear() {
    text.clear();
    src_begin.clear();
    src_end.clear();
    invalid_bytes = 0;
  }
  // Original byte span [begin, end) of normalized bytes [start, end).
  uint32_t original_begin(uint32_t start) const { return src_begin[start]; }
  uint32_t original_end(uint32_t end) const { return src_end[end - 1]; }
};

// An offset map compares equal to a std::vector<uint32_t> with the same elements (tests write expected maps
// as plain vectors).
inline bool operator==(const NormalizedText::OffsetMap& a, const std::vector<uint32_t>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

class Normalizer {
 public:
  // The shared normalizer; its table is built on first call (a few milliseconds, see docs/PERFORMANCE.md).
  // Throws std::runtime_error if ICU data is missing.
  static const Normalizer& instance();
  // Builds a new, independent normalizer (what instance() does once): for tests and the build benchmark.
  static std::unique_ptr<Normalizer> build();
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Normalizes `in` into *out (cleared first; its capacity is reused).
  // Throws std::length_error if `in` is 4 GiB or longer (offsets are 32-bit).
  void normalize(std::string_view in, NormalizedText* out) const;
  // The normalized text only, without the offset map (about 30% cheaper), into *out (cleared first; its
  // capacity is reused): for text whose matches need no original offsets.
  void normalize_text(std::string_view in, std::string* out) const;
  // Convenience for compiling terms and for tests: the normalized string only (no offset map).
  std::string normalize(std::string_view in) const;

  // Calls f(cp, folded) for every code point that does not fold to itself, in code point order, with its
  // folded UTF-8 (empty for a joiner). For building filters that work on original text (match/prefilter.h).
  void for_each_change(const std::function<void(char32_t cp, std::string_view folded)>& f) const;

  struct TableStats {
    size_t bytes = 0;                 // memory held by the table
    uint32_t distinct_blocks = 0;     // 256-code-point blocks stored (identical blocks are shared)
    uint32_t changed_code_points = 0; // code points that do not fold to themselves
    bool simplify_from_rule_data = false;  // Traditional->Simplified read from ICU's rule data (fast path)
  };
  TableStats table_stats() const;

 private:
  Normalizer();
  struct Table;
  std::unique_ptr<const Table> table_;
};

}  // namespace regscreen
