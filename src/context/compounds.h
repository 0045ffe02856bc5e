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
  const ContextRules& rules_;
  std::vector<std::vector<Entry>> by_term_;
};

}  // namespace regscreen::context
