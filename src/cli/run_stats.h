// RunStats: the totals of a screening run for the summary (decisions, categories, regulators, terms,
// errors). Workers fill one per batch; the writer merges them in input order, so the error notes kept are
// the first ones of the input.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "regscreen/screener.h"

namespace regscreen::cli {

inline constexpr size_t kMaxErrorNotes = 100;

struct ErrorNote {
  std::string input;  // input path
  uint64_t line = 0;
  std::string id;
  std::string reason;
};

struct RunStats {
  uint64_t rows = 0;                   // output rows
  std::array<uint64_t, 6> decisions{};  // indexed by Decision (kError counts error rows)
  uint64_t rows_with_warnings = 0;
  std::map<std::string, uint64_t> categories;  // records whose result has the category
  std::map<std::string, uint64_t> regulators;  // records referred (refer or hold) to the regulator
  std::map<std::string, uint64_t> terms;       // affirmative hits of the term
  std::vector<ErrorNote> errors;               // the first kMaxErrorNotes error rows
  uint64_t errors_total = 0;

  void add_result(const Result& result);
  void add_error(ErrorNote note);
  // Adds `later`, whose rows come after this one's.
  void merge(RunStats&& later);

  uint64_t decision(Decision d) const { return decisions[static_cast<int>(d)]; }
};

}  // namespace regscreen::cli
