// Baseline analysis: every occurrence counts as affirmative at the term's weight. Context analysis
// (negation, not-the-word, name structure, exemptions) refines classify_field and decide.
#include "analysis.h"

#include <algorithm>
#include <set>

namespace regscreen {

Analysis::Analysis(const Policy& policy, const ScreenerOptions&) : policy_(policy) {}
Analysis::~Analysis() = default;

void Analysis::classify_field(const Record&, Field field, const NormalizedText&,
                              std::span<const Candidate> candidates, Hit* hits) const {
  for (size_t i = 0; i < candidates.size(); ++i) {
    Hit& h = hits[i];
    h.status = HitStatus::kAffirmative;
    h.weight = policy_.terms[candidates[i].term].weight;
    h.reason = "term in " + std::string(to_string(field));
  }
}

void Analysis::decide(const Record& record, Result* result) const {
  std::set<std::string> categories;
  double score = 0;
  for (const Hit& h : result->hits) {
    if (h.status != HitStatus::kAffirmative) continue;
    categories.insert(h.category);
    score = std::max(score, h.weight);
  }
  result->score = static_cast<int>(std::min(100.0, score + 0.5));
  result->categories.assign(categories.begin(), categories.end());
  std::set<std::string> regulators;
  for (const std::string& c : result->categories) {
    auto it = policy_.routing.find(c);
    const auto& lead = it != policy_.routing.end() ? it->second.lead : policy_.default_regulators;
    regulators.insert(lead.begin(), lead.end());
  }
  result->regulators.assign(regulators.begin(), regulators.end());
  if (categories.empty()) {
    result->decision = Decision::kClear;
  } else if (result->score >= policy_.thresholds.refer) {
    result->decision = Decision::kRefer;
  } else {
    result->decision = Decision::kReview;
  }
  if (result->decision == Decision::kRefer && record.new_registration &&
      policy_.new_registration_decision == Decision::kHold) {
    result->decision = Decision::kHold;
    result->explanation = "new registration held pending the regulators' view";
  }
}

}  // namespace regscreen
