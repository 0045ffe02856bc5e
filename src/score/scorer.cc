#include "score/scorer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

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

namespace {

// Adds s to the sorted, unique vector *v (a handful of entries: cheaper than a std::set).
void insert_sorted(std::vector<std::string>* v, const std::string& s) {
  const auto it = std::lower_bound(v->begin(), v->end(), s);
  if (it == v->end() || *it != s) v->insert(it, s);
}

void append_int(std::string* out, long long v) {
  char digits[24];
  out->append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}

}  // namespace

void Scorer::decide(const Record& record, const Exemption& exemption, Result* result) const {
  result->categories.clear();
  result->regulators.clear();
  if (result->hits.empty()) {  // the common case: nothing to weigh
    result->score = 0;
    result->decision = Decision::kClear;
    result->explanation.clear();
    return;
  }
  double top = 0;
  double sum = 0;
  const Hit* strongest = nullptr;
  size_t affirmative = 0;
  const std::string* last_category = nullptr;  // hits of one category often come in a row
  for (const Hit& h : result->hits) {
    if (h.status != HitStatus::kAffirmative) continue;
    ++affirmative;
    if (!last_category || *last_category != h.category) insert_sorted(&result->categories, h.category);
    last_category = &h.category;
    sum += h.weight;
    if (!strongest || h.weight > top) {
      top = h.weight;
      strongest = &h;
    }
  }
  const double raw = top + f_.spill * (sum - top);
  result->score = static_cast<int>(std::lround(std::clamp(raw, 0.0, 100.0)));

  std::string& explanation = result->explanation;  // built in place: its buffer is reused across calls
  if (exemption.exempt && affirmative > 0) {
    // A licensed institution that uses restricted terms: the restriction does not cover it. One whose
    // hits are all disclaimers or lookalikes is simply clear, like any other enterprise.
    result->decision = Decision::kExempt;
    explanation.assign("exempt: ").append(exemption.reason);
    return;
  }
  if (affirmative == 0) {
    result->score = 0;
    result->decision = Decision::kClear;
    explanation.assign("clear: no affirmative use of a restricted term");
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
  const bool hold = result->decision == Decision::kRefer && record.new_registration &&
                    policy_.new_registration_decision == Decision::kHold;
  explanation.clear();
  if (hold) explanation.append("hold: new registration held pending the regulators' view; ");
  explanation.append(to_string(result->decision)).append(": score ");
  append_int(&explanation, result->score);
  explanation.append(", strongest ").append(strongest->term).append(" (").append(strongest->reason).append(")");
  if (affirmative > 1) {
    explanation.append(", ");
    append_int(&explanation, static_cast<long long>(affirmative - 1));
    explanation.append(" more affirmative hit(s)");
  }
  if (result->decision == Decision::kClear) {
    explanation.append(", below the review threshold ");
    append_int(&explanation, th.review);
    return;
  }
  for (const std::string& c : result->categories) {
    auto it = policy_.routing.find(c);
    const auto& lead = it != policy_.routing.end() && !it->second.lead.empty() ? it->second.lead
                                                                                : policy_.default_regulators;
    for (const std::string& r : lead) insert_sorted(&result->regulators, r);
  }
  if (hold) result->decision = Decision::kHold;
}

}  // namespace regscreen
