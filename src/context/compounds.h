// Compounds: for each lexicon term, the benign compounds of context.toml that contain it (金融设备,
// 金融街, 基金业协会) or that spell out a word overlapping its boundary (基金属 = 基 + 金属), and a lookup of
// the compound, if any, that a term occurrence in a text is part of. Built once per Screener; immutable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "context/code_points.h"
#include "context/context_rules.h"

namespace regscreen::context {

class CompoundIndex {
 public:
  // `terms`: the normalized text of each lexicon term, indexed like Policy::terms.
  CompoundIndex(const ContextRules& rules, const std::vector<std::u32string>& terms);

  // The compound that the occurrence of term `term` starting at code point `begin` of `text` is part of, or
  // nullptr. When several apply, the strongest kind wins (other_word, proper_noun, place, incidental), then
  // the longest compound.
  // *start (if given) gets the code point index where the compound starts.
  const Compound* find(uint32_t term, const CodePoints& text, size_t begin, size_t* start = nullptr) const;

 private:
  struct Entry {
    uint32_t compound;
    uint32_t offset;     // where the term starts inside the compound
    uint32_t probe;      // a position of the compound outside the term, checked first (cheap rejection)
    char32_t probe_char;
  };
  // Each entry's probe is the code point right before the term (a compound that starts earlier) or right
  // after it (one that starts with the term). A 256-bit filter of those code points per side rejects most
  // occurrences, which belong to no compound, before the entries are looked at.
  struct Probes {
    uint64_t before[4] = {};
    uint64_t after[4] = {};
    uint32_t term_length = 0;  // in code points
  };
  static void set(uint64_t* bits, char32_t c) { bits[(c >> 6) & 3] |= uint64_t{1} << (c & 63); }
  static bool test(const uint64_t* bits, char32_t c) { return (bits[(c >> 6) & 3] >> (c & 63)) & 1; }

  const ContextRules& rules_;
  std::vector<std::vector<Entry>> by_term_;
  std::vector<Probes> probes_;  // by term
};

}  // namespace regscreen::context
