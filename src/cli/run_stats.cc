#include "cli/run_stats.h"

namespace regscreen::cli {

void RunStats::add_result(const Result& result) {
  ++rows;
  ++decisions[static_cast<int>(result.decision)];
  if (!result.warnings.empty()) ++rows_with_warnings;
  for (const std::string& c : result.categories) ++categories[c];
  if (result.decision == Decision::kRefer || result.decision == Decision::kHold) {
    for (const std::string& r : result.regulators) ++regulators[r];
  }
  for (const Hit& h : result.hits) {
    if (h.status == HitStatus::kAffirmative) ++terms[h.term];
  }
}

void RunStats::add_error(ErrorNote note) {
  ++rows;
  ++decisions[static_cast<int>(Decision::kError)];
  ++errors_total;
  if (errors.size() < kMaxErrorNotes) errors.push_back(std::move(note));
}

void RunStats::merge(RunStats&& later) {
  rows += later.rows;
  for (size_t i = 0; i < decisions.size(); ++i) decisions[i] += later.decisions[i];
  rows_with_warnings += later.rows_with_warnings;
  for (const auto& [k, v] : later.categories) categories[k] += v;
  for (const auto& [k, v] : later.regulators) regulators[k] += v;
  for (const auto& [k, v] : later.terms) terms[k] += v;
  errors_total += later.errors_total;
  for (ErrorNote& e : later.errors) {
    if (errors.size() >= kMaxErrorNotes) break;
    errors.push_back(std::move(e));
  }
}

}  // namespace regscreen::cli
