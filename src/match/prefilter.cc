#include "match/prefilter.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/encoding.h"
#include "normalize/normalizer.h"

namespace regscreen {
namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    out.push_back(cp);
    p += n == 0 ? 1 : n;
  }
  return out;
}

// Variants other than ASCII letters and digits and CJK ideographs (full-width forms, compatibility
// ideographs, enclosed and circled forms, radicals, super- and subscripts) are rare in registry text and
// would multiply the spellings (p2p alone has ~100 with them): they are made unsafe instead.
bool exotic(char32_t cp) { return cp >= 0x80 && (cp < 0x3400 || cp >= 0xA000); }

void set_bit(uint64_t* bits, char32_t cp) { bits[cp >> 6] |= uint64_t{1} << (cp & 63); }
bool test_bit(const uint64_t* bits, uint32_t cp) { return (bits[cp >> 6] >> (cp & 63)) & 1; }


}  // namespace

Prefilter::Prefilter(const Normalizer& normalizer, const std::vector<std::string>& patterns,
                     const MatcherFactory& make_matcher) {
  std::vector<std::u32string> terms;
  std::set<char32_t> term_chars;
  for (const std::string& p : patterns) {
    terms.push_back(decode(p));
    term_chars.insert(terms.back().begin(), terms.back().end());
  }

  // Classify every code point that does not fold to itself.
  std::set<char32_t> changed_term_chars;  // term characters that do not fold to themselves (none, normally)
  std::map<char32_t, std::vector<char32_t>> variants;  // term character -> code points folding to just it
  std::set<char32_t> unsafe;
  normalizer.for_each_change([&](char32_t cp, std::string_view folded) {
    if (term_chars.count(cp)) changed_term_chars.insert(cp);
    if (cp >= 0x10000) return;  // every 4-byte sequence is unsafe anyway
    const std::u32string f = decode(folded);
    if (f.empty()) {
      unsafe.insert(cp);  // a joiner
    } else if (f.size() == 1 && term_chars.count(f[0]) && !exotic(cp)) {
      variants[f[0]].push_back(cp);
    } else if (std::any_of(f.begin(), f.end(), [&](char32_t c) { return term_chars.count(c) > 0; })) {
      unsafe.insert(cp);
    }
  });

  // Every spelling of every term, within kMaxSpellings each.
  std::set<std::string> spellings;
  for (const std::u32string& term : terms) {
    std::vector<std::vector<char32_t>> options;
    for (char32_t c : term) {
      std::vector<char32_t> o;
      if (!changed_term_chars.count(c)) o.push_back(c);
      const auto it = variants.find(c);
      if (it != variants.end()) o.insert(o.end(), it->second.begin(), it->second.end());
      options.push_back(std::move(o));
    }
    auto count = [&] {
      size_t n = 1;
      for (const auto& o : options) n = std::min(n * o.size(), kMaxSpellings + 1);
      return n;
    };
    while (count() > kMaxSpellings) {
      // Make the variants of the character with the most options unsafe.
      size_t best = 0;
      for (size_t i = 0; i < options.size(); ++i) {
        if (options[i].size() > options[best].size()) best = i;
      }
      auto& o = options[best];
      for (char32_t v : o) {
        if (v != term[best]) unsafe.insert(v);
      }
      o.erase(std::remove_if(o.begin(), o.end(), [&](char32_t v) { return v != term[best]; }), o.end());
    }
    if (count() == 0) continue;  // no code point folds to one of its characters: it can never match
    std::vector<size_t> at(options.size(), 0);
    while (true) {
      std::string s;
      for (size_t i = 0; i < options.size(); ++i) append_utf8(options[i][at[i]], &s);
      spellings.insert(std::move(s));
      size_t i = 0;
      while (i < at.size() && ++at[i] == options[i].size()) at[i++] = 0;
      if (i == at.size()) break;
    }
  }

  for (char32_t cp : unsafe) {
    if (cp < 0x80) unsafe_ascii_[cp] = 1;
    else if (cp < 0x800) set_bit(unsafe2_.data(), cp);
    else set_bit(unsafe3_.data(), cp);
  }
  for (char32_t cp = 0; cp < 0x80; ++cp) set_bit(unsafe2_.data(), cp);     // overlong 2-byte forms
  for (char32_t cp = 0; cp < 0x800; ++cp) set_bit(unsafe3_.data(), cp);    // overlong 3-byte forms
  for (char32_t cp = 0xD800; cp < 0xE000; ++cp) set_bit(unsafe3_.data(), cp);  // surrogates
  cjk_shortcut_ = true;
  for (char32_t cp = 0x4000; cp < 0xA000; cp += 64) cjk_shortcut_ = cjk_shortcut_ && unsafe3_[cp >> 6] == 0;

  std::vector<std::string> list(spellings.begin(), spellings.end());
  spellings_ = make_matcher(list);
  stats_.spellings = list.size();
  stats_.unsafe_code_points = unsafe.size();
}

Prefilter::~Prefilter() = default;

// Length of the safe character at p (p < end), or 0 when it is unsafe, invalid or a 4-byte sequence.
inline int Prefilter::safe_char(const unsigned char* p, const unsigned char* end) const {
  const uint32_t b0 = *p;
  if (b0 < 0x80) return unsafe_ascii_[b0] ? 0 : 1;
  if (b0 - 0xE0 < 0x10) {
    if (end - p < 3) return 0;
    const uint32_t b1 = p[1], b2 = p[2];
    if (((b1 ^ 0x80) | (b2 ^ 0x80)) & 0xC0) return 0;  // not two continuation bytes
    return test_bit(unsafe3_.data(), ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)) ? 0 : 3;
  }
  if (b0 - 0xC0 < 0x20) {
    if (end - p < 2 || (p[1] & 0xC0) != 0x80) return 0;
    return test_bit(unsafe2_.data(), ((b0 & 0x1F) << 6) | (p[1] & 0x3F)) ? 0 : 2;
  }
  return 0;  // a 4-byte sequence, or a byte that cannot start one
}

bool Prefilter::scan_safe_scalar(const unsigned char* p, const unsigned char* end) const {
  while (p < end) {
    const int n = safe_char(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

#if defined(__SSE2__)
// 16 bytes at a time. The UTF-8 structure is checked on bit masks: every lead byte of a 2- or 3-byte
// sequence requires continuation bytes at the next one or two positions (carried into the next block),
// and the continuation bytes must be exactly the required ones. Characters with lead bytes E4..E9
// (U+4000..U+9FFF, the bulk of Chinese text, where no code point is unsafe: checked at construction)
// need nothing more; every other character (ASCII, punctuation, 2-byte) is looked up one by one.
bool Prefilter::scan_safe_sse2(const unsigned char* const begin, const unsigned char* const end) const {
  const unsigned char* p = begin;
  uint32_t carry = 0;  // positions 0 and 1 of the next block that must be continuation bytes
  const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xC0)), c80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i f0 = _mm_set1_epi8(static_cast<char>(0xF0)), e0 = _mm_set1_epi8(static_cast<char>(0xE0));
  const __m128i e4 = _mm_set1_epi8(static_cast<char>(0xE4)), five = _mm_set1_epi8(5);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const uint32_t cont = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, c0), c80)));
    const uint32_t lead3 = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, f0), e0)));
    const uint32_t lead4 = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, f0), f0)));
    const uint32_t high = static_cast<uint32_t>(_mm_movemask_epi8(v));
    const __m128i x = _mm_sub_epi8(v, e4);
    const uint32_t cjk = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, five), x)));
    const uint32_t lead2 = high & ~cont & ~lead3 & ~lead4;
    const uint32_t required = ((lead2 | lead3) << 1) | (lead3 << 2) | carry;
    if (lead4 || (required & 0xFFFF) != cont) return false;  // 4-byte (always unsafe) or invalid
    carry = required >> 16;
    for (uint32_t special = (~high & 0xFFFF) | lead2 | (lead3 & ~cjk); special; special &= special - 1) {
      if (safe_char(p + __builtin_ctz(special), end) == 0) return false;
    }
    p += 16;
  }
  // Finish with the scalar loop from the start of the last, possibly incomplete, character.
  if (carry) {
    // The lead byte is one or two bytes back (in the block just checked, which begins at or after begin).
    do --p; while ((*p & 0xC0) == 0x80);
  }
  return scan_safe_scalar(p, end);
}
#endif

bool Prefilter::only_safe_code_points(std::string_view text) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
#if defined(__SSE2__)
  if (cjk_shortcut_) return scan_safe_sse2(p, p + text.size());
#endif
  return scan_safe_scalar(p, p + text.size());
}

bool Prefilter::certainly_clear(std::string_view text, Scratch* scratch) const {
  return clear_fields(&text, 1, scratch) == 1;
}

uint32_t Prefilter::clear_fields(const std::string_view* fields, size_t count, Scratch* scratch) const {
  if (count > 32) throw std::invalid_argument("Prefilter::clear_fields: more than 32 fields");
  uint32_t clear = 0, safe = 0;
  size_t last_safe = 0;
  for (size_t i = 0; i < count; ++i) {
    if (fields[i].empty()) {
      clear |= 1u << i;
    } else if (only_safe_code_points(fields[i])) {
      safe |= 1u << i;
      last_safe = i;
    }
  }
  if (safe == 0) return clear;
  scratch->matches.clear();
  if ((safe & (safe - 1)) == 0) {  // one field: scan it where it is
    spellings_->scan(fields[last_safe], &scratch->matches);
    return scratch->matches.empty() ? clear | safe : clear;
  }
  std::array<uint32_t, 32> end{};  // end[i]: offset of field i's separator in `joined`
  std::string& joined = scratch->joined;
  joined.clear();
  for (size_t i = 0; i < count; ++i) {
    if (!(safe >> i & 1)) continue;
    joined.append(fields[i]);
    end[i] = static_cast<uint32_t>(joined.size());
    joined.push_back('\n');
  }
  spellings_->scan(joined, &scratch->matches);
  uint32_t matched = 0;
  for (const Match& m : scratch->matches) {
    size_t i = 0;
    while (!(safe >> i & 1) || end[i] < m.end) ++i;
    matched |= 1u << i;
  }
  return clear | (safe & ~matched);
}

}  // namespace regscreen
