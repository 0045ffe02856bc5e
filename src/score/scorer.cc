#include "score/scorer.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace regscreen {

double Scorer::factor(Field field, NamePart part, bool incidental) const {
  // An incidental use is weak wherever it stands: its factor replaces the name part's rather than
  // compounding it, so that 某某扶贫基金会 (incidental, in the trade name) still reaches review.
  double f = f_.field[static_cast<int>(field)];
  if (incidental) return f * f_.incidental;
  if (field == Field::kName) f *= f_.name_part[static_cast<int>(part)];
  return f;
}

double Scorer::contribution(const Term& term, Field field, NamePart part, bool incidental) const {
  return std::clamp(term.weight * factor(field, part, incidental), 0.0, 100.0);
}

void Scorer::decide(const Record& record, const Exemption& exemption, Result* result) const {
  std::set<std::string> categories;
  double top = 0;
  double sum = 0;
  const Hit* strongest = nullptr;
  size_t affirmative = 0;
  for (const Hit& h : result->hits) {
    if (h.status != HitStatus::kAffirmative) continue;
    ++affirmative;
    categories.insert(h.category);
    sum += h.weight;
    if (!strongest || h.weight > top) {
      top = h.weight;
      strongest = &h;
    }
  }
  const double raw = top + f_.spill * (sum - top);
  result->score = static_cast<int>(std::lround(std::clamp(raw, 0.0, 100.0)));
  result->categories.assign(categories.begin(), categories.end());
  result->regulators.clear();

  if (exemption.exempt && !result->hits.empty()) {
    // A licensed institution: the restriction does not cover it, whatever its hits say.
    result->decision = Decision::kExempt;
    result->explanation = "exempt: " + exemption.reason;
    return;
  }
  if (affirmative == 0) {
    result->score = 0;
    result->decision = Decision::kClear;
    result->explanation = result->hits.empty() ? "" : "clear: no affirmative use of a restricted term";
    return;
  }
  const Thresholds& th = policy_.thresholds;
  if (result->score >= th.refer) {
    result->decision = Decision::kRefer;
  } else if (result->score >= th.review) {
    result->decision = Decision::kReview;
  } else {
    result->decision = Decision::kClear;
  }
  std::string what = std::string(to_string(result->decision)) + ": score " + std::to_string(result->score) +
                     ", strongest " + strongest->term + " (" + strongest->reason + ")";
  if (affirmative > 1) what += ", " + std::to_string(affirmative - 1) + " more affirmative hit(s)";
  if (result->decision == Decision::kClear) {
    result->explanation = what + ", below the review threshold " + std::to_string(th.review);
    return;
  }
  std::set<std::string> regulators;
  for (const std::string& c : result->categories) {
    auto it = policy_.routing.find(c);
    const auto& lead = it != policy_.routing.end() && !it->second.lead.empty() ? it->second.lead
                                                                                : policy_.default_regulators;
    regulators.insert(lead.begin(), lead.end());
  }
  result->regulators.assign(regulators.begin(), regulators.end());
  if (result->decision == Decision::kRefer && record.new_registration &&
      policy_.new_registration_decision == Decision::kHold) {
    result->decision = Decision::kHold;
    what = "hold: new registration held pending the regulators' view; " + what;
  }
  result->explanation = std::move(what);
}

}  // namespace regscreen
