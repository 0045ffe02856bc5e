// ContextRules: what screening needs to know besides the lexicon to tell whether a term occurrence is a
// real use of the term — negation cues, benign compounds and overlapping words, the vocabulary of
// enterprise-name structure, licensed-institution patterns and the scoring factors. Loaded once from
// <policy_dir>/context.toml (docs/CONTEXT.md describes every key); immutable and shared by all threads.
//
// Every text in the file is written in its natural form (full-width punctuation, Traditional characters
// allowed) and normalized with Normalizer::instance() when loaded, because analysis runs on normalized
// text. Name patterns of licensed institutions are ICU regular expressions matched against the
// NORMALIZED name (Simplified characters, ASCII brackets); they are not normalized themselves.
// A bad file throws PolicyError("file:line: what is wrong").
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

#include "context/word_set.h"
#include "regscreen/screener.h"

U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace regscreen::context {

// How far a negation cue reaches from where it stands.
enum class Reach : uint8_t {
  kForward,   // from the cue to the end of its clause: 不得从事…, 不含…, 未经…批准, 除…外
  kBackward,  // from the start of its clause to the cue: …除外
  kPrefix,    // only a term that starts right after the cue: 非金融性
};

struct NegationCue {
  std::u32string text;        // normalized
  std::string display;        // as written
  Reach reach = Reach::kForward;
  std::vector<std::u32string> unless_followed_by;  // 除 in 除尘 is no cue
  std::vector<std::u32string> unless_preceded_by;  // 除 in 清除 is no cue
  std::vector<std::u32string> until;               // forward reach also ends after the first of these (除…外)
  int line = 0;
};

// What a benign compound says about a term occurrence inside it.
enum class CompoundKind : uint8_t {
  kOtherWord,   // the term's characters belong to other words: 鸿基金属 (基 + 金属), 肯德基金城
  kProperNoun,  // the term is part of a name of something else: 中国证券投资基金业协会
  kPlace,       // a building or district name: 金融街, 金融大厦; not the word in a branch's location,
                // an incidental use when an enterprise takes it as its own name
  kIncidental,  // a real but incidental use: 金融设备, 金融机具, 二手车交易中心, 基金会
};
std::string_view to_string(CompoundKind k);

struct Compound {
  std::u32string text;  // normalized
  std::string display;  // normalized, UTF-8, for reasons
  CompoundKind kind = CompoundKind::kOtherWord;
  std::string why;      // short note from the data file, used in Hit::reason
  int line = 0;
};

// Vocabulary for parsing an enterprise name into region + trade name + industry + legal form
// (企业名称登记管理规定: 行政区划 + 字号 + 行业或者经营特点 + 组织形式).
struct NameVocabulary {
  std::vector<std::u32string> unit_forms;      // end a unit wherever they stand: 有限公司, 分公司, 支行
  std::vector<std::u32string> final_forms;     // end a unit only at the end of the name: 厂, 店, 所
  std::vector<std::u32string> branch_forms;    // unit forms that mark a branch of the unit before them
  std::vector<std::u32string> regions;         // region names usable without suffix: 北京, 武汉
  std::vector<std::u32string> region_suffixes; // 省, 市, 县, 区 ...
  std::vector<std::u32string> short_region_suffixes;  // may follow a single character: 沛县
  std::vector<std::u32string> not_region_words;       // words whose 市/区/州 is no suffix: 市场, 超市
  std::vector<std::u32string> industry_words;  // 投资管理, 科技, 金属材料 ...
  int max_region_chars = 4;                    // longest region token (before its suffix) guessed by suffix
};

// A pattern that recognises an evident licensed financial institution.
struct LicensedRule {
  std::string id;
  std::string label;
  std::shared_ptr<const icu::RegexPattern> name;  // matched against the normalized name; null: any name
  std::vector<std::u32string> name_needs;         // the pattern is tried only on names containing one; empty: all
  std::vector<std::u32string> scope_any;          // one must occur, not negated, in the scope; empty: none
  std::vector<std::string> scope_display;
  WordSet scope_words;                            // scope_any, indexed (word index = index in scope_any)
  int line = 0;
};

// Factors that turn a term's weight into a hit's contribution to the score.
struct ScoringFactors {
  double field[kFieldCount] = {1.0, 1.0, 1.0};
  double name_part[5] = {1.0, 0.3, 0.5, 1.0, 1.0};  // indexed by NamePart
  double incidental = 0.3;  // a real but incidental use (CompoundKind::kIncidental, a place as own name)
  double spill = 0.1;       // share of every contribution but the largest that is added to the score
};

class ContextRules {
 public:
  // Loads and validates a context file (read with the policy files' strict TomlReader). Throws PolicyError.
  static std::shared_ptr<const ContextRules> load(const std::filesystem::path& file);

  std::string source;  // file it was loaded from
  std::vector<std::u32string> hard_stops;     // end every clause: ；。
  std::vector<std::u32string> soft_stops;     // end a top-level clause once its object is closed: ，
  std::vector<std::u32string> object_closers; // words that close a prohibition's object: 业务, 活动
  std::vector<std::u32string> enumeration_ends;  // end a list of prohibited objects before its closer: 等
  std::u32string open_brackets;               // (【[〔
  std::u32string close_brackets;              // )】]〕 in the same order
  std::vector<NegationCue> cues;
  std::vector<Compound> compounds;
  NameVocabulary name;
  std::vector<LicensedRule> licensed;
  WordSet licensed_name_needs;                 // every rule's name_needs (word order: rule by rule)
  std::vector<uint32_t> licensed_need_rule;    // for each word of licensed_name_needs, its rule's index
  ScoringFactors scoring;
  bool use_word_breaks = false;  // ICU dictionary segmentation as a second not-the-word signal
};

}  // namespace regscreen::context
