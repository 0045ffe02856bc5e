// Normalizer properties on any bytes (fuzz/normalizer_fuzzer.cc, tests/fuzz_regressions_test.cc).
//
//  - the offset map has one entry per normalized byte, and every entry is a non-empty span inside the
//    input that decodes as one unit: a valid code point of exactly that length, or one invalid byte;
//  - spans are monotone: the bytes one input code point produced are contiguous and share one span, and
//    later output never points before earlier output;
//  - the output is valid UTF-8, and invalid_bytes equals count_invalid_utf8(input);
//  - the offset-free overload and a reused, dirty NormalizedText give the same text;
//  - round trip (the fold is context-free): for sampled pairs of output-group boundaries [i, j),
//    normalizing the original bytes [original_begin(i), original_end(j)) gives exactly text[i, j). This is
//    what lets the screener report a hit on normalized text as a span of the original field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "check_util.h"
#include "normalize/encoding.h"
#include "normalize/normalizer.h"

namespace regscreen::fuzz {

inline std::string check_normalizer(std::string_view input) {
  const Normalizer& normalizer = Normalizer::instance();
  thread_local NormalizedText reused;  // holds the previous input's output: must not leak into this one
  NormalizedText out;
  normalizer.normalize(input, &out);

  const size_t n = out.text.size();
  if (out.src_begin.size() != n || out.src_end.size() != n) {
    return fail("offset map sizes ", out.src_begin.size(), "/", out.src_end.size(), " != text size ", n);
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  std::vector<size_t> group_starts;  // normalized offsets where a new input code point's output begins
  for (size_t i = 0; i < n; ++i) {
    const uint32_t b = out.src_begin[i];
    const uint32_t e = out.src_end[i];
    if (!(b < e && e <= input.size())) {
      return fail("byte ", i, ": span [", b, ", ", e, ") is empty or outside the input of ", input.size());
    }
    char32_t cp;
    const int len = decode_utf8(bytes + b, bytes + input.size(), &cp);
    const uint32_t unit = len == 0 ? 1 : static_cast<uint32_t>(len);
    if (e - b != unit) return fail("byte ", i, ": span [", b, ", ", e, ") is not one decoded unit (", unit, ")");
    if (i == 0 || b != out.src_begin[i - 1]) {
      if (i > 0 && b < out.src_end[i - 1]) {
        return fail("byte ", i, ": span [", b, ", ", e, ") starts before the previous span ends (",
                    out.src_end[i - 1], ")");
      }
      // Each group is the whole output of one code point, so it starts on a UTF-8 lead byte.
      if ((static_cast<unsigned char>(out.text[i]) & 0xC0) == 0x80) {
        return fail("byte ", i, ": output of input offset ", b, " starts with a continuation byte");
      }
      group_starts.push_back(i);
    } else if (e != out.src_end[i - 1]) {
      return fail("byte ", i, ": same span start ", b, " but end ", e, " != ", out.src_end[i - 1]);
    }
  }
  group_starts.push_back(n);

  if (count_invalid_utf8(out.text) != 0) return fail("output is not valid UTF-8: ", escape(out.text));
  const size_t invalid = count_invalid_utf8(input);
  if (out.invalid_bytes != invalid) {
    return fail("invalid_bytes ", out.invalid_bytes, " != count_invalid_utf8 ", invalid);
  }
  if (const std::string plain = normalizer.normalize(input); plain != out.text) {
    return fail("normalize(string_view) differs from normalize(.., NormalizedText*)");
  }
  normalizer.normalize(input, &reused);
  if (reused.text != out.text || reused.src_begin != out.src_begin || reused.src_end != out.src_end ||
      reused.invalid_bytes != out.invalid_bytes) {
    return fail("a reused NormalizedText gives a different result");
  }

  // Round trip over sampled group-boundary pairs (always including the whole text).
  const size_t groups = group_starts.size() - 1;
  if (groups == 0) return {};
  uint64_t h = fnv1a(input);
  for (int k = 0; k < 12; ++k) {
    size_t a = 0;
    size_t z = groups;
    if (k > 0) {
      a = h % groups;
      h = h * 6364136223846793005ull + 1442695040888963407ull;
      z = a + 1 + (h >> 11) % (groups - a);
      h = h * 6364136223846793005ull + 1442695040888963407ull;
    }
    const size_t i = group_starts[a];
    const size_t j = group_starts[z];
    const uint32_t ob = out.original_begin(static_cast<uint32_t>(i));
    const uint32_t oe = out.original_end(static_cast<uint32_t>(j));
    const std::string again = normalizer.normalize(input.substr(ob, oe - ob));
    if (again != std::string_view(out.text).substr(i, j - i)) {
      return fail("round trip: normalized [", i, ", ", j, ") = \"", escape(out.text.substr(i, j - i)),
                  "\" maps to original [", ob, ", ", oe, ") = \"", escape(input.substr(ob, oe - ob)),
                  "\", which normalizes to \"", escape(again), "\"");
    }
  }
  return {};
}

}  // namespace regscreen::fuzz
