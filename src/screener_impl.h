// The compiled state behind a Screener (private to the library; bindings and tests may include it).
#pragma once

#include <array>
#include <memory>
#include <span>
#include <vector>

#include "analysis.h"
#include "match/matcher.h"
#include "match/prefilter.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen {

struct CallState;

class Screener::Impl {
 public:
  Impl(Policy policy, const ScreenerOptions& options);
  void screen(const Record& record, Result* out) const;
  void screen(std::span<const Record> records, std::span<Result> out) const;
  template <class Unit>
  bool certainly_clear(std::span<const Unit> units) const;

  Policy policy;
  std::unique_ptr<Matcher> matcher;
  // Fast path: fields that certainly have no term are not normalized at all (match/prefilter.h).
  std::unique_ptr<Prefilter> prefilter;
  // For each matcher pattern, the indices into policy.terms that normalize to it.
  std::vector<std::vector<uint32_t>> pattern_terms;
  // For each field, whether policy.terms[t] applies to it.
  std::array<std::vector<bool>, kFieldCount> term_applies;
  std::unique_ptr<Analysis> analysis;
  std::size_t max_field_bytes = 0;  // ScreenerOptions::max_field_bytes (0: no limit)

 private:
  void check_lengths(const Record& record) const;  // throws std::length_error
  void screen_prefiltered(const Record& record, uint32_t clear, CallState& state, Result* out) const;
  void find_candidates(Field field, std::string_view text, CallState& state, Result* out) const;
};

}  // namespace regscreen
