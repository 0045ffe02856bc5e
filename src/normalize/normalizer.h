// Normalizer: folds text so that evasive spellings of a term match the term.
//
// Per code point: NFKC + case folding + Traditional->Simplified (all characters, not only the lexicon's),
// and "joiner" separators (whitespace, zero-width/format characters \p{Cf}, middle dots and similar marks
// people put between the characters of a word) are removed. Clause and list punctuation (、，；。：()…)
// is kept, because 投资、管理 is two list items and must not become 投资管理; full-width forms of it are
// folded to their NFKC forms. Invalid UTF-8 bytes are read as U+FFFD one byte at a time.
//
// The hot path is a code-point table built once from ICU at first use (ICU stays the reference: see
// normalizer_icu.h and tests/normalizer_table_test.cc). Normalizer::instance() is immutable and shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen {

// Normalized text plus, for every normalized byte, the original byte span of the code point it came from.
struct NormalizedText {
  std::string text;
  std::vector<uint32_t> src_begin;  // src_begin[i]: original offset of the code point producing byte i
  std::vector<uint32_t> src_end;    // src_end[i]: one past that code point's last original byte
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

class Normalizer {
 public:
  static const Normalizer& instance();

  // Normalizes `in` into *out (cleared first; its capacity is reused).
  void normalize(std::string_view in, NormalizedText* out) const;
  // Convenience for compiling terms and for tests: the normalized string only.
  std::string normalize(std::string_view in) const;

 private:
  Normalizer();
  struct Table;
  const Table* table_;
};

}  // namespace regscreen
