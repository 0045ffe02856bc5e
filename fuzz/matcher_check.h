// Matcher backends against each other and against a naive reference (fuzz/matcher_fuzzer.cc,
// tests/fuzz_regressions_test.cc).
//
// Input layout (so that patterns may hold any byte, NUL included):
//   byte 0        low 4 bits: number of patterns (0..15); bit 4: "slice" mode
//   patterns      normal mode: a length byte (0xFF: an empty pattern, else 1 + byte % 24) then that many
//                 bytes; slice mode: an offset byte and a length byte, the pattern being that slice of the
//                 text (so that patterns occur in it and overlap)
//   the rest      the text
// Every backend (Hyperscan when built in, the Aho-Corasick DFA, the Aho-Corasick NFA, and the default
// choice) must report exactly the naive reference's matches, in (end, pattern) order, appended after
// whatever the output vector already held; or, for an empty pattern, all must throw std::runtime_error.
#pragma once

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "check_util.h"
#include "match/aho_corasick_matcher.h"
#include "match/match_order.h"
#include "match/matcher.h"

namespace regscreen::fuzz {

struct MatcherInput {
  std::vector<std::string> patterns;
  std::string text;
};

inline MatcherInput parse_matcher_input(std::string_view data) {
  ByteReader r(data);
  const uint8_t head = r.byte();
  const int count = head & 0x0F;
  const bool slices = (head & 0x10) != 0;
  MatcherInput in;
  if (!slices) {
    for (int i = 0; i < count; ++i) {
      const uint8_t len = r.byte();
      in.patterns.emplace_back(len == 0xFF ? std::string_view() : r.take(1 + len % 24));
    }
    in.text = r.rest();
  } else {
    std::vector<std::pair<uint8_t, uint8_t>> spans;
    for (int i = 0; i < count; ++i) {
      const uint8_t off = r.byte();
      spans.emplace_back(off, r.byte());
    }
    in.text = r.rest();
    for (const auto& [off, len] : spans) {
      if (in.text.empty()) {
        in.patterns.emplace_back("x");
        continue;
      }
      const size_t start = off % in.text.size();
      in.patterns.push_back(in.text.substr(start, 1 + len % std::min<size_t>(16, in.text.size() - start)));
    }
  }
  return in;
}

inline std::vector<Match> naive_matches(const std::vector<std::string>& patterns, std::string_view text) {
  std::vector<Match> out;
  for (size_t i = 0; i < patterns.size(); ++i) {
    const std::string& p = patterns[i];
    for (size_t pos = text.find(p); pos != std::string_view::npos; pos = text.find(p, pos + 1)) {
      out.push_back(Match{static_cast<uint32_t>(i), static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + p.size())});
    }
  }
  std::sort(out.begin(), out.end(), match_order_less);
  return out;
}

inline std::string describe(const Match& m) {
  return fail("{pattern ", m.pattern, ", [", m.start, ", ", m.end, ")}");
}

inline std::string check_matchers(std::string_view data) {
  const MatcherInput in = parse_matcher_input(data);
  const bool has_empty = std::any_of(in.patterns.begin(), in.patterns.end(), [](const std::string& p) { return p.empty(); });

  using Factory = std::unique_ptr<Matcher> (*)(const std::vector<std::string>&);
  struct Backend {
    const char* label;
    Factory make;
  };
  static const Backend kBackends[] = {
      {"hyperscan", [](const std::vector<std::string>& p) { return make_hyperscan_matcher(p); }},
      {"default aho-corasick", [](const std::vector<std::string>& p) { return make_aho_corasick_matcher(p); }},
      {"aho-corasick forced NFA",
       [](const std::vector<std::string>& p) { return make_aho_corasick_matcher(p, AhoCorasickOptions{.max_dfa_bytes = 0}); }},
      {"aho-corasick forced DFA",
       [](const std::vector<std::string>& p) {
         return make_aho_corasick_matcher(p, AhoCorasickOptions{.max_dfa_bytes = size_t{1} << 30});
       }},
  };

  const std::vector<Match> expected = has_empty ? std::vector<Match>{} : naive_matches(in.patterns, in.text);
  // A match already in the output vector, which scan() must leave alone (it appends, it does not clear).
  const Match sentinel{999999, 7, 3};
  for (const Backend& backend : kBackends) {
    std::unique_ptr<Matcher> matcher;
    try {
      matcher = backend.make(in.patterns);
    } catch (const std::runtime_error& e) {
      if (has_empty) continue;
      return fail(backend.label, ": compile threw \"", e.what(), "\" for ", in.patterns.size(), " non-empty patterns");
    }
    if (has_empty) return fail(backend.label, ": compiled a pattern set with an empty pattern");
    if (!matcher) continue;  // Hyperscan not built in or not supported by this CPU
    if (std::string_view(backend.label).starts_with("aho-corasick forced")) {
      const std::string_view want = std::string_view(backend.label).ends_with("NFA") ? "aho-corasick-nfa" : "aho-corasick-dfa";
      if (matcher->name() != want) return fail(backend.label, ": built ", matcher->name());
    }
    for (int round = 0; round < 2; ++round) {  // twice: per-thread scratch reused
      std::vector<Match> got{sentinel};
      matcher->scan(in.text, &got);
      if (got.front() != sentinel) return fail(backend.label, ": scan() changed what the output already held");
      got.erase(got.begin());
      if (got != expected) {
        std::string msg = fail(backend.label, ": ", got.size(), " matches, reference has ", expected.size());
        const size_t k = std::mismatch(got.begin(), got.end(), expected.begin(), expected.end()).first - got.begin();
        if (k < got.size()) msg += fail("; first difference at ", k, ": got ", describe(got[k]));
        if (k < expected.size()) msg += fail(", expected ", describe(expected[k]));
        return msg;
      }
    }
  }
  return {};
}

}  // namespace regscreen::fuzz
