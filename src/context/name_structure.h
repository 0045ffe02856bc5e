// Name structure: an enterprise name is region + trade name (字号) + industry (行业/经营特点) + legal form
// (组织形式), and a branch's name appends a second unit to its parent's: 中国建设银行股份有限公司 +
// 北京金融街支行. A term in the industry part says what the enterprise does; one inside the trade name is a
// weaker signal; one that straddles the trade name and the industry (鸿基|金属材料: 基金) is not the word.
//
// The parser is vocabulary-driven (ContextRules::name): units end at legal/branch forms; regions are read
// from the start of a unit (listed names, or a short token ending in 省/市/县/区...), from brackets
// ((北京)) and just before the form ((中国)有限公司); the industry is the longest run of industry words
// ending at the form, read backwards; the trade name is what lies between.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "context/code_points.h"
#include "context/context_rules.h"
#include "context/word_set.h"
#include "regscreen/screener.h"

namespace regscreen::context {

struct NameSegment {
  uint32_t begin = 0;  // code point indices
  uint32_t end = 0;
  NamePart part = NamePart::kTradeName;
  uint8_t unit = 0;    // 0: the enterprise (or parent) name; 1, 2, ...: branch units that follow it
};

struct NameParse {
  std::vector<NameSegment> segments;  // in order, covering the whole name

  // The part a term occurrence [begin, end) lies in. When it straddles region, trade name and industry
  // boundaries, *straddles is set and the part of its first character returned.
  NamePart part_of(size_t begin, size_t end, bool* straddles, uint8_t* unit) const;
  // Where the legal form of unit `unit` begins (its 有限公司, 支行, 营销服务部 …), or UINT32_MAX if none.
  uint32_t form_begin(uint8_t unit) const;
  // "region:北京 trade:五洲乐源 industry:投资管理 legal_form:有限公司" (branch units prefixed "| "), for tests
  // and reasons.
  std::string describe(const CodePoints& name) const;
};

class NameParser {
 public:
  explicit NameParser(const NameVocabulary& vocabulary);
  void parse(const CodePoints& name, NameParse* out) const;

  // The part a term occurrence [begin, end) of `name` lies in, like NameParse::part_of, except that an
  // occurrence reaching from the trade name into the industry counts as industry when the rest of the
  // industry after it still reads as industry words: the greedy split 恒远股权|众筹平台 hides the word
  // 股权众筹 (+ 平台), while 鸿基|金属材料 leaves 属材料, which is no word, after 基金.
  NamePart locate(const CodePoints& name, const NameParse& parse, size_t begin, size_t end, bool* straddles,
                  uint8_t* unit) const;

 private:
  void parse_unit(const CodePoints& name, uint32_t begin, uint32_t form, uint32_t end, uint8_t unit,
                  NameParse* out) const;
  // Length of a region token at i (a listed name, or a short token ending in a region suffix, each with
  // an optional suffix), 0 if none. `listed_ok`: whether a listed name without suffix counts.
  uint32_t region_at(const CodePoints& name, uint32_t i, uint32_t limit, bool listed_ok) const;
  bool is_region(std::u32string_view s) const;
  // Whether [begin, end) reads as a sequence of industry words.
  bool industry_words_only(const CodePoints& name, uint32_t begin, uint32_t end) const;
  // Whether the character at i belongs to one of NameVocabulary::not_region_words (市 in 市场).
  bool inside_ordinary_word(const CodePoints& name, uint32_t i) const;

  const NameVocabulary& v_;
  // The vocabulary's lists, indexed (word_set.h); a lookup returns the longest word that fits.
  WordSet unit_forms_, regions_, region_suffixes_, short_region_suffixes_, industry_words_;
};

}  // namespace regscreen::context
