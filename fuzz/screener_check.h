// The screener end to end on any record (fuzz/screener_fuzzer.cc, tests/fuzz_regressions_test.cc).
//
// Input layout: byte 0 picks the bundled profile (byte % count) and, with bit 7, a new registration; the
// rest is split at the first three 0xFF bytes (never valid in UTF-8) into name, scope, website and credit
// code. The record is screened with every bundled profile's Hyperscan and Aho-Corasick screeners, and:
//  - check_result(): the hits are exactly the occurrences of the applicable terms' normalized spellings (text
//    and aliases) in the normalized fields, mapped back to original offsets (an oracle independent of the
//    backends and of the prefilter); every hit's offsets slice the original field ([start, end) inside it,
//    text equal to those bytes), and the slice normalizes to text containing the normalized term or one of
//    its aliases; the term and its
//    category are the policy's; hits are in (field, start, longer first, term) order without duplicates;
//    weights are zero unless affirmative; the score is 0..100; categories are exactly those of the
//    affirmative hits, sorted; no affirmative hit means kClear; kHold only for a new registration;
//  - both backends give identical results, and screening into a reused Result (holding the previous
//    record's result) gives the same result as a fresh one;
//  - the batch call (screen over spans) gives the record, between two other records, the same result;
//  - when Screener::certainly_clear clears the code points of every field (UCS-4, and UCS-2 where they
//    fit, with the same answer), the result is the empty record's.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "check_util.h"
#include "normalize/encoding.h"
#include "normalize/normalizer.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

namespace regscreen::fuzz {

inline std::string_view field_text(const Record& rec, Field f) {
  switch (f) {
    case Field::kName: return rec.name;
    case Field::kScope: return rec.scope;
    case Field::kWebsite: return rec.website;
  }
  return {};
}

// The documented properties of one result (see the file comment).
inline std::string check_result(const Screener& screener, const Record& rec, const Result& r) {
  const Policy& policy = screener.policy();
  const Normalizer& normalizer = Normalizer::instance();
  std::set<std::string> affirmative_categories;
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const Hit& h = r.hits[i];
    if (static_cast<int>(h.field) >= kFieldCount) return fail("hit ", i, ": bad field ", static_cast<int>(h.field));
    const std::string_view text = field_text(rec, h.field);
    if (!(h.start < h.end && h.end <= text.size())) {
      return fail("hit ", i, " (", h.term, "): [", h.start, ", ", h.end, ") outside ", to_string(h.field), " of ",
                  text.size(), " bytes");
    }
    if (h.text != text.substr(h.start, h.end - h.start)) {
      return fail("hit ", i, " (", h.term, "): text \"", escape(h.text), "\" is not the field's bytes [", h.start, ", ",
                  h.end, ")");
    }
    const Term* term = policy.find_term(h.term);
    if (term == nullptr || term->text != h.term) return fail("hit ", i, ": term \"", h.term, "\" is not the policy's");
    if (term->category != h.category) return fail("hit ", i, ": category ", h.category, " != ", term->category);
    // The hit's original text normalizes to text containing the term or one of its aliases.
    bool spelled = false;
    for (size_t a = 0; a <= term->aliases.size() && !spelled; ++a) {
      const std::string folded = normalizer.normalize(a == 0 ? term->text : term->aliases[a - 1]);
      spelled = normalizer.normalize(h.text).find(folded) != std::string::npos;
    }
    if (!spelled) {
      return fail("hit ", i, ": original text \"", escape(h.text), "\" does not normalize to text containing \"",
                  escape(normalizer.normalize(h.term)), "\" or an alias");
    }
    if (h.status != HitStatus::kAffirmative && h.status != HitStatus::kNegated && h.status != HitStatus::kNotTheWord) {
      return fail("hit ", i, ": bad status ", static_cast<int>(h.status));
    }
    if (!(h.weight >= 0) || (h.status != HitStatus::kAffirmative && h.weight != 0)) {
      return fail("hit ", i, ": weight ", h.weight, " with status ", to_string(h.status));
    }
    if (h.field != Field::kName && h.name_part != NamePart::kNone) {
      return fail("hit ", i, ": name part ", to_string(h.name_part), " in field ", to_string(h.field));
    }
    if (h.status == HitStatus::kAffirmative) affirmative_categories.insert(h.category);
    if (i > 0) {
      const Hit& p = r.hits[i - 1];
      const auto key = [](const Hit& x) { return std::tuple(x.field, x.start, -static_cast<int64_t>(x.end), x.term); };
      if (!(key(p) < key(h))) return fail("hits ", i - 1, " and ", i, " are out of order or duplicates");
    }
  }
  // Oracle: every occurrence of every applicable term's normalized text in the normalized field, mapped back
  // to original offsets, is a hit, and there is no other hit. Independent of the matcher backends and of any
  // shortcut the screener takes before normalizing.
  std::set<std::tuple<Field, uint32_t, uint32_t, std::string>> expected;
  for (int f = 0; f < kFieldCount; ++f) {
    const std::string_view text = field_text(rec, static_cast<Field>(f));
    if (text.empty()) continue;
    NormalizedText norm;
    normalizer.normalize(text, &norm);
    for (const int t : policy.field_terms[f]) {
      const Term& term = policy.terms[t];
      for (size_t a = 0; a <= term.aliases.size(); ++a) {  // the term's text and each of its aliases
        const std::string folded = normalizer.normalize(a == 0 ? term.text : term.aliases[a - 1]);
        for (size_t pos = norm.text.find(folded); pos != std::string::npos; pos = norm.text.find(folded, pos + 1)) {
          expected.emplace(static_cast<Field>(f), norm.original_begin(static_cast<uint32_t>(pos)),
                           norm.original_end(static_cast<uint32_t>(pos + folded.size())), term.text);
        }
      }
    }
  }
  std::set<std::tuple<Field, uint32_t, uint32_t, std::string>> got;
  for (const Hit& h : r.hits) got.emplace(h.field, h.start, h.end, h.term);
  if (got != expected) {
    for (const auto& e : expected) {
      if (!got.count(e)) {
        return fail("missing hit: ", std::get<3>(e), " in ", to_string(std::get<0>(e)), " at [", std::get<1>(e), ", ",
                    std::get<2>(e), ") (", expected.size(), " expected, ", got.size(), " reported)");
      }
    }
    for (const auto& g : got) {
      if (!expected.count(g)) {
        return fail("unexpected hit: ", std::get<3>(g), " in ", to_string(std::get<0>(g)), " at [", std::get<1>(g), ", ",
                    std::get<2>(g), ")");
      }
    }
  }
  if (r.score < 0 || r.score > 100) return fail("score ", r.score, " outside 0..100");
  if (r.categories != std::vector<std::string>(affirmative_categories.begin(), affirmative_categories.end())) {
    return fail("categories (", r.categories.size(), ") are not the sorted categories of the affirmative hits (",
                affirmative_categories.size(), ")");
  }
  if (affirmative_categories.empty() && r.decision != Decision::kClear) {
    return fail("no affirmative hit but decision ", to_string(r.decision));
  }
  if (r.decision == Decision::kHold && !rec.new_registration) return fail("kHold for an existing enterprise");
  if (r.decision == Decision::kError) return fail("decision error without a reason");
  return {};
}

inline std::string compare_results(const Result& a, const Result& b) {
  if (a.decision != b.decision) return fail("decision ", to_string(a.decision), " vs ", to_string(b.decision));
  if (a.score != b.score) return fail("score ", a.score, " vs ", b.score);
  if (a.categories != b.categories) return "categories differ";
  if (a.regulators != b.regulators) return "regulators differ";
  if (a.explanation != b.explanation) return fail("explanation \"", a.explanation, "\" vs \"", b.explanation, "\"");
  if (a.warnings != b.warnings) return "warnings differ";
  if (a.hits.size() != b.hits.size()) return fail(a.hits.size(), " hits vs ", b.hits.size());
  for (size_t i = 0; i < a.hits.size(); ++i) {
    const Hit& x = a.hits[i];
    const Hit& y = b.hits[i];
    if (x.term != y.term || x.category != y.category || x.field != y.field || x.start != y.start || x.end != y.end ||
        x.text != y.text || x.status != y.status || x.name_part != y.name_part || x.weight != y.weight ||
        x.reason != y.reason) {
      return fail("hit ", i, " differs: ", x.term, "@", x.start, " ", to_string(x.status), " vs ", y.term, "@", y.start,
                  " ", to_string(y.status));
    }
  }
  return {};
}

// One Hyperscan and one Aho-Corasick screener per bundled profile, compiled on first use.
struct ScreenerPair {
  std::string profile;
  Screener hyperscan;  // Hyperscan where available, else the default backend
  Screener aho_corasick;
};

inline const std::vector<ScreenerPair>& bundled_screeners() {
  static const std::vector<ScreenerPair> screeners = [] {
    std::vector<ScreenerPair> out;
    for (const std::string& id : Screener::bundled_profiles()) {
      out.push_back(ScreenerPair{id, Screener::from_profile(id, {.backend = Backend::kDefault}),
                                 Screener::from_profile(id, {.backend = Backend::kAhoCorasick})});
    }
    return out;
  }();
  return screeners;
}

// The code points of valid UTF-8 text; false for invalid text (which has none).
inline bool code_points_of(std::string_view s, std::u32string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    if (n == 0) return false;
    out->push_back(cp);
    p += n;
  }
  return true;
}

// The batch call and certainly_clear against screen() on one record (see the file comment).
inline std::string check_fast_paths(const Screener& screener, const Record& rec, const Result& alone) {
  Record batch[3] = {rec, rec, Record{}};
  std::swap(batch[0].name, batch[0].scope);
  Result out[3];
  screener.screen(std::span<const Record>(batch), std::span<Result>(out));
  if (std::string e = compare_results(out[1], alone); !e.empty()) return "batch call vs screen(): " + e;

  bool clear = true;
  std::u32string cps;
  for (std::string_view f : {rec.name, rec.scope, rec.website}) {
    if (!code_points_of(f, &cps)) return {};  // invalid UTF-8: no code points to compare
    const bool ucs4 = screener.certainly_clear(std::span<const char32_t>(cps));
    if (std::all_of(cps.begin(), cps.end(), [](char32_t c) { return c < 0x10000; })) {
      const std::u16string ucs2(cps.begin(), cps.end());
      if (screener.certainly_clear(std::span<const char16_t>(ucs2)) != ucs4) {
        return "certainly_clear differs between UCS-2 and UCS-4 on \"" + escape(f) + "\"";
      }
    }
    clear = clear && ucs4;
  }
  if (!clear) return {};
  if (std::string e = compare_results(alone, screener.screen(Record{})); !e.empty()) {
    return "certainly clear, but not the empty record's result: " + e;
  }
  return {};
}

inline std::string check_screener(std::string_view data) {
  const std::vector<ScreenerPair>& screeners = bundled_screeners();
  if (screeners.empty()) return "no bundled profiles found";
  ByteReader r(data);
  const uint8_t head = r.byte();
  std::string_view rest = r.rest();
  std::string_view parts[4];
  int k = 0;
  for (; k < 3; ++k) {
    const size_t cut = rest.find('\xFF');
    if (cut == std::string_view::npos) break;
    parts[k] = rest.substr(0, cut);
    rest.remove_prefix(cut + 1);
  }
  parts[k] = rest;
  const Record rec{.id = "fuzz", .name = parts[0], .scope = parts[1], .website = parts[2], .credit_code = parts[3],
                   .new_registration = (head & 0x80) != 0};
  const ScreenerPair& pair = screeners[(head & 0x7F) % screeners.size()];

  thread_local Result reused;  // the previous record's result: must not leak into this one
  const Result hs = pair.hyperscan.screen(rec);
  if (std::string e = check_result(pair.hyperscan, rec, hs); !e.empty()) {
    return pair.profile + " (" + std::string(pair.hyperscan.backend_name()) + "): " + e;
  }
  pair.aho_corasick.screen(rec, &reused);
  if (std::string e = check_result(pair.aho_corasick, rec, reused); !e.empty()) {
    return pair.profile + " (aho-corasick): " + e;
  }
  if (std::string e = compare_results(hs, reused); !e.empty()) {
    return pair.profile + ": " + std::string(pair.hyperscan.backend_name()) + " vs aho-corasick: " + e;
  }
  if (std::string e = check_fast_paths(pair.hyperscan, rec, hs); !e.empty()) return pair.profile + ": " + e;
  return {};
}

}  // namespace regscreen::fuzz
