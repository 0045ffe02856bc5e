// Scorer: turns classified hits into an explainable score 0..100, a decision and the regulators to notify.
//
// Each affirmative occurrence contributes  term weight (Term::weight, 1..100)
//   x field factor (name, scope, website)
//   x name-part factor (industry 1.0, trade name 0.5, ...), or for a real but incidental use (金融设备,
//     二手车交易中心, a building's name taken as the enterprise's own) the incidental factor instead
// and the record's score is the largest contribution plus `spill` times the others (capped at 100), so a
// single strong use refers on its own, while many incidental uses do not add up to a referral.
// Decision: no affirmative hit -> clear (licensed or not); an exempt (licensed) institution with an
// affirmative hit -> exempt; score >= refer ->
// refer (hold for a new registration where the profile guards entry); score >= review -> review; else
// clear. Regulators: the profile's route (lead departments) of each category, default_regulators for a
// category without a route. The factors come from context.toml [scoring]; thresholds from the profile.
#pragma once

#include <string>

#include "context/context_rules.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {

// Whether the record's enterprise is a licensed institution, and why.
struct Exemption {
  bool exempt = false;
  std::string reason;  // "listed licensed institution (licensed.csv:12)", "presumed licensed: bank branch ..."
};

class Scorer {
 public:
  Scorer(const Policy& policy, const context::ScoringFactors& factors) : policy_(policy), f_(factors) {}

  // The contribution of one affirmative occurrence of `term` (0..100).
  double contribution(const Term& term, Field field, NamePart part, bool incidental) const;
  // The factor that contribution() applies to the term's weight.
  double factor(Field field, NamePart part, bool incidental) const;

  // Sets score, decision, categories, regulators and explanation of *result from its classified hits.
  void decide(const Record& record, const Exemption& exemption, Result* result) const;

 private:
  const Policy& policy_;
  context::ScoringFactors f_;
};

}  // namespace regscreen
