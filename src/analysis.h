// Analysis: the step after matching. Classifies each candidate hit (status, name part, weight, reason)
// and turns the classified hits into a score, a decision and the regulators to notify.
//
// Built once per Screener from its Policy and the context rules (<policy_dir>/context.toml, see
// docs/CONTEXT.md); immutable and shared by all threads. Per-call working memory is thread-local.
//
// Cost: nothing is done for a field without candidates, and decide() on a record without hits only resets
// the result. A field's clause structure and negated spans are computed once, when a candidate first needs
// them; decide() looks for an exemption only when a hit is affirmative, and then reuses the normalized name
// and the scope's spans that classify_field() computed for the same record (kept per thread, keyed by the
// original field text, so a stale entry can never be used).
//   status     not_the_word  the characters belong to other words: a benign compound (鸿基金属, 肯德基金城,
//                            基金业协会), a straddle of the name's trade name and industry (鸿基|金属材料), a
//                            place name in a branch's location (…支行 at 金融街)
//              negated       inside a prohibition/exclusion/disclaimer span of the scope (context/negation.h)
//              affirmative   otherwise; incidental uses (金融设备, 二手车交易中心) weigh less
//   name part  region / trade name / industry / legal form (context/name_structure.h)
//   decision   exempt for a listed or presumed licensed institution with at least one affirmative hit
//              (context/licensed.h), else by score (score/scorer.h)
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "normalize/normalizer.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {

namespace context {
class ContextRules;
class NegationScanner;
class NameParser;
class CompoundIndex;
class WordBreaks;
class LicensedList;
}  // namespace context
class Scorer;
struct Exemption;

// A term occurrence in a normalized field: index into Policy::terms, normalized byte offsets.
struct Candidate {
  uint32_t term;
  uint32_t start;
  uint32_t end;
};

class Analysis {
 public:
  // Loads <policy.policy_dir>/context.toml and, if options.licensed_list is set, the licensed list.
  // Throws PolicyError.
  Analysis(const Policy& policy, const ScreenerOptions& options);
  ~Analysis();

  // Appends one classified Hit per candidate of one field to *hits, in Result::hits' order within the field
  // (original start, longer first, then term text): with the fields added in Field order, Result::hits
  // needs no sort of Hits (each moves four strings). The Hits reuse the storage of those that
  // recycle_hits() took back on this thread, so a record with many hits does not allocate their strings.
  void add_field_hits(const Record& record, Field field, const NormalizedText& text,
                      std::span<const Candidate> candidates, std::vector<Hit>* hits) const;

  // Clears *hits, keeping the Hits (and their strings' buffers) on this thread for add_field_hits().
  static void recycle_hits(std::vector<Hit>* hits);

  // Sets score, decision, categories, regulators and explanation of *result from its classified hits.
  // Call after add_field_hits() for every field of the same record that had candidates.
  void decide(const Record& record, Result* result) const;

  // Whether the record's enterprise is a listed or presumed licensed institution (used by decide()).
  Exemption exemption(const Record& record) const;

 private:
  // Fills status, name_part, weight and reason of hits[i] for each candidates[i], all from one field.
  // The hits' term, category, field, offsets and text are already set.
  void classify_field(const Record& record, Field field, const NormalizedText& text,
                      std::span<const Candidate> candidates, Hit* hits) const;

  const uint64_t id_;  // distinguishes this object's per-thread state from another Analysis's
  const Policy& policy_;
  std::shared_ptr<const context::ContextRules> rules_;
  std::unique_ptr<context::NegationScanner> negation_;
  std::unique_ptr<context::NameParser> names_;
  std::unique_ptr<context::CompoundIndex> compounds_;
  std::unique_ptr<context::WordBreaks> word_breaks_;   // null unless context.toml enables it
  std::unique_ptr<context::LicensedList> licensed_;    // null without ScreenerOptions::licensed_list
  bool scope_has_licences_ = false;  // some [[licensed]] rule reads the scope (scope_any)
  std::unique_ptr<Scorer> scorer_;
};

}  // namespace regscreen
