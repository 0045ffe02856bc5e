// Screener: compiles a profile into one matcher over the normalized terms, and screens records.
//
// Data flow per record (DESIGN.md): for each field, normalize (keeping the map back to original bytes),
// match every applicable term, then classify, score and route the hits. Per-call buffers live in a
// thread_local so that a record without hits allocates nothing.
#include "regscreen/screener.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <unordered_map>

#include "match/matcher.h"
#include "normalize/normalizer.h"
#include "regscreen/policy.h"
#include "screener_impl.h"

namespace regscreen {

std::string_view to_string(Field f) {
  switch (f) {
    case Field::kName: return "name";
    case Field::kScope: return "scope";
    case Field::kWebsite: return "website";
  }
  return "?";
}

std::string_view to_string(Decision d) {
  switch (d) {
    case Decision::kClear: return "clear";
    case Decision::kReview: return "review";
    case Decision::kRefer: return "refer";
    case Decision::kExempt: return "exempt";
    case Decision::kHold: return "hold";
    case Decision::kError: return "error";
  }
  return "?";
}

std::string_view to_string(HitStatus s) {
  switch (s) {
    case HitStatus::kAffirmative: return "affirmative";
    case HitStatus::kNegated: return "negated";
    case HitStatus::kNotTheWord: return "not_the_word";
  }
  return "?";
}

std::string_view to_string(NamePart p) {
  switch (p) {
    case NamePart::kNone: return "none";
    case NamePart::kRegion: return "region";
    case NamePart::kTradeName: return "trade_name";
    case NamePart::kIndustry: return "industry";
    case NamePart::kLegalForm: return "legal_form";
  }
  return "?";
}

namespace {

std::unique_ptr<Matcher> make_matcher(Backend backend, const std::vector<std::string>& patterns) {
  if (backend == Backend::kAhoCorasick) return make_aho_corasick_matcher(patterns);
  std::unique_ptr<Matcher> hs = make_hyperscan_matcher(patterns);
  if (hs) return hs;
  if (backend == Backend::kHyperscan) {
    throw std::runtime_error("the Hyperscan backend is not available (not built in, or the CPU lacks SSSE3)");
  }
  return make_aho_corasick_matcher(patterns);
}

}  // namespace

// Per-thread working memory for screen(): grown once, reused for every record.
struct CallState {
  Prefilter::Scratch prefilter;
  NormalizedText normalized;
  std::vector<Match> matches;
  std::vector<Candidate> candidates;
};

static CallState& call_state() {
  thread_local CallState state;
  return state;
}

Screener::Impl::Impl(Policy p, const ScreenerOptions& options) : policy(std::move(p)) {
  const Normalizer& normalizer = Normalizer::instance();
  // One pattern per distinct normalized spelling, a term's text and each of its aliases (网路借贷 for
  // 网络借贷): spellings that fold to the same text share a pattern, and a hit of a pattern is reported as
  // every term it spells, under the term's own text.
  std::vector<std::string> patterns;
  std::unordered_map<std::string, size_t> pattern_index;  // folded spelling -> index into patterns (a
                                                          // linear search made 50,000 terms quadratic)
  for (size_t t = 0; t < policy.terms.size(); ++t) {
    const Term& term = policy.terms[t];
    for (size_t a = 0; a <= term.aliases.size(); ++a) {
      const std::string& spelling = a == 0 ? term.text : term.aliases[a - 1];
      std::string folded = normalizer.normalize(spelling);
      if (folded.empty()) {
        throw PolicyError(policy.profile_file.string(), 0,
                          (a == 0 ? "term \"" : "alias \"" + spelling + "\" of term \"") + term.text +
                              "\" is empty after normalization");
      }
      const auto [it, inserted] = pattern_index.try_emplace(folded, patterns.size());
      if (inserted) {
        patterns.push_back(std::move(folded));
        pattern_terms.emplace_back();
      }
      std::vector<uint32_t>& spelled = pattern_terms[it->second];
      if (std::find(spelled.begin(), spelled.end(), t) == spelled.end()) spelled.push_back(static_cast<uint32_t>(t));
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    term_applies[f].assign(policy.terms.size(), false);
    for (int t : policy.field_terms[f]) term_applies[f][t] = true;
  }
  matcher = make_matcher(options.backend, patterns);
  prefilter = std::make_unique<Prefilter>(normalizer, patterns, [&](const std::vector<std::string>& spellings) {
    return make_matcher(options.backend, spellings);
  });
  analysis = std::make_unique<Analysis>(policy, options);
  max_field_bytes = options.max_field_bytes;
}

void Screener::Impl::find_candidates(Field field, std::string_view text, CallState& state, Result* out) const {
  state.candidates.clear();
  if (text.empty()) return;
  Normalizer::instance().normalize(text, &state.normalized);
  if (state.normalized.invalid_bytes) {
    out->warnings.push_back(std::string(to_string(field)) + ": " + std::to_string(state.normalized.invalid_bytes) +
                            " invalid UTF-8 byte(s) read as U+FFFD");
  }
  state.matches.clear();
  matcher->scan(state.normalized.text, &state.matches);
  const auto& applies = term_applies[static_cast<int>(field)];
  for (const Match& m : state.matches) {
    for (uint32_t t : pattern_terms[m.pattern]) {
      if (applies[t]) state.candidates.push_back({t, m.start, m.end});
    }
  }
}

void Screener::Impl::check_lengths(const Record& record) const {
  if (max_field_bytes == 0) return;
  const std::string_view fields[kFieldCount] = {record.name, record.scope, record.website};
  for (int f = 0; f < kFieldCount; ++f) {
    if (fields[f].size() > max_field_bytes) {
      throw std::length_error(std::string(to_string(static_cast<Field>(f))) + " is " + std::to_string(fields[f].size()) +
                              " bytes, longer than the limit of " + std::to_string(max_field_bytes) +
                              " bytes (ScreenerOptions::max_field_bytes)");
    }
  }
}

static void reset(Result* out) {
  out->decision = Decision::kClear;
  out->score = 0;
  out->categories.clear();
  out->regulators.clear();
  Analysis::recycle_hits(&out->hits);  // clears them, keeping their strings' buffers for this call's hits
  out->explanation.clear();
  out->warnings.clear();
}

// Screens a record whose certainly clear fields the prefilter has found (bit f of `clear` for Field f)
// into *out, which the caller has reset.
void Screener::Impl::screen_prefiltered(const Record& record, uint32_t clear, CallState& state, Result* out) const {
  const std::string_view fields[kFieldCount] = {record.name, record.scope, record.website};
  for (int f = 0; f < kFieldCount; ++f) {
    if (clear >> f & 1) continue;
    const Field field = static_cast<Field>(f);
    find_candidates(field, fields[f], state, out);
    if (state.candidates.empty()) continue;
    // Hits come out of each field in (start, end, term) order, and fields in order: no sort of Hits.
    analysis->add_field_hits(record, field, state.normalized, state.candidates, &out->hits);
  }
  analysis->decide(record, out);
}

void Screener::Impl::screen(const Record& record, Result* out) const {
  reset(out);  // a Result refused below is left empty, not with an earlier record's hits
  check_lengths(record);
  CallState& state = call_state();
  // Most fields have no term: the prefilter tells so from the original bytes, without normalizing them.
  const std::string_view fields[kFieldCount] = {record.name, record.scope, record.website};
  uint64_t clear = 0;
  prefilter->clear_fields(fields, kFieldCount, &state.prefilter, &clear);
  screen_prefiltered(record, static_cast<uint32_t>(clear), state, out);
}

void Screener::Impl::screen(std::span<const Record> records, std::span<Result> out) const {
  if (out.size() != records.size()) {
    throw std::invalid_argument("Screener::screen: " + std::to_string(records.size()) + " records but room for " +
                                std::to_string(out.size()) + " results");
  }
  for (size_t i = 0; i < records.size(); ++i) {
    try {
      check_lengths(records[i]);
    } catch (const std::length_error& e) {
      throw std::length_error("record " + std::to_string(i) + ": " + e.what());
    }
  }
  CallState& state = call_state();
  // One prefilter call (one Hyperscan scan, whose fixed cost is about a fifth of screening a record) covers
  // up to kBatchRecords records: few enough that their joined text stays in the L1/L2 cache. A group also
  // stops before kMaxGroupBytes, so that its joined text keeps within the 32-bit offsets the matcher
  // reports, as one record's does (only fields of hundreds of megabytes, under a raised
  // max_field_bytes, come near it).
  constexpr size_t kBatchRecords = 16;
  constexpr size_t kMaxGroupBytes = size_t{1} << 30;
  std::string_view fields[kBatchRecords * kFieldCount];
  uint64_t clear[(kBatchRecords * kFieldCount + 63) / 64];
  for (size_t begin = 0, n = 0; begin < records.size(); begin += n) {
    size_t bytes = 0;
    for (n = 0; n < kBatchRecords && begin + n < records.size(); ++n) {
      const Record& r = records[begin + n];
      const size_t record_bytes = r.name.size() + r.scope.size() + r.website.size();
      if (n > 0 && bytes + record_bytes > kMaxGroupBytes) break;
      bytes += record_bytes;
      fields[n * kFieldCount + 0] = r.name;
      fields[n * kFieldCount + 1] = r.scope;
      fields[n * kFieldCount + 2] = r.website;
    }
    prefilter->clear_fields(fields, n * kFieldCount, &state.prefilter, clear);
    for (size_t i = 0; i < n; ++i) {
      uint32_t mask = 0;
      for (size_t f = 0, bit = i * kFieldCount; f < kFieldCount; ++f, ++bit) {
        mask |= static_cast<uint32_t>(clear[bit / 64] >> (bit % 64) & 1) << f;
      }
      reset(&out[begin + i]);
      screen_prefiltered(records[begin + i], mask, state, &out[begin + i]);
    }
  }
}

Screener Screener::from_profile(std::string_view profile, const ScreenerOptions& options) {
  ScreenerOptions resolved = options;
  if (resolved.policy_dir.empty()) resolved.policy_dir = default_policy_dir();
  return Screener(std::make_shared<const Impl>(load_policy(profile, resolved.policy_dir), resolved));
}

Result Screener::screen(const Record& record) const {
  Result r;
  impl_->screen(record, &r);
  return r;
}

void Screener::screen(const Record& record, Result* out) const { impl_->screen(record, out); }

void Screener::screen(std::span<const Record> records, std::span<Result> out) const { impl_->screen(records, out); }

template <class Unit>
bool Screener::Impl::certainly_clear(std::span<const Unit> units) const {
  // Within the length limit for sure: UTF-8 takes at most 2, 3 or 4 bytes per code point of these widths
  // (a field that might be longer takes screen(), which measures it and refuses it if it is).
  constexpr size_t kMaxUtf8 = sizeof(Unit) == 1 ? 2 : sizeof(Unit) == 2 ? 3 : 4;
  if (max_field_bytes != 0 && units.size() > max_field_bytes / kMaxUtf8) return false;
  return prefilter->certainly_clear_code_points(units.data(), units.size());
}

bool Screener::certainly_clear(std::span<const uint8_t> latin1) const { return impl_->certainly_clear(latin1); }
bool Screener::certainly_clear(std::span<const char16_t> ucs2) const { return impl_->certainly_clear(ucs2); }
bool Screener::certainly_clear(std::span<const char32_t> code_points) const {
  return impl_->certainly_clear(code_points);
}

const Policy& Screener::policy() const { return impl_->policy; }

std::string_view Screener::backend_name() const { return impl_->matcher->name(); }

std::vector<std::string> Screener::bundled_profiles(const std::filesystem::path& policy_dir) {
  return bundled_profile_ids(policy_dir.empty() ? default_policy_dir() : policy_dir);
}

}  // namespace regscreen
