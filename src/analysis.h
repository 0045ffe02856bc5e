// Analysis: the step after matching. Classifies each candidate hit (status, name part, weight, reason)
// and turns the classified hits into a score, a decision and the regulators to notify.
//
// Built once per Screener from its Policy (and the context rules in the policy directory); immutable and
// shared by all threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "normalize/normalizer.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {

// A term occurrence in a normalized field: index into Policy::terms, normalized byte offsets.
struct Candidate {
  uint32_t term;
  uint32_t start;
  uint32_t end;
};

class Analysis {
 public:
  Analysis(const Policy& policy, const ScreenerOptions& options);
  ~Analysis();

  // Fills status, name_part, weight and reason of hits[i] for each candidates[i], all from one field.
  // The hits' term, category, field, offsets and text are already set.
  void classify_field(const Record& record, Field field, const NormalizedText& text,
                      std::span<const Candidate> candidates, Hit* hits) const;

  // Sets score, decision, categories, regulators and explanation of *result from its classified hits.
  void decide(const Record& record, Result* result) const;

 private:
  const Policy& policy_;
};

}  // namespace regscreen
