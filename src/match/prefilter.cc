#include "match/prefilter.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_set>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define REGSCREEN_PREFILTER_AVX2 1  // an AVX2 loop, used when the CPU has AVX2 (checked at run time)
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
  // A term that contains another (基金管理 and 股权投资基金 contain 基金) needs no spellings of its own:
  // each of its spellings contains a spelling of the shorter term (variants are per character), which
  // already makes the field go the normal path. Fewer, shorter literals scan faster.
  // (Each term's proper substrings are looked up, so that large lexicons stay linear in the term count.)
  const std::unordered_set<std::u32string> term_set(terms.begin(), terms.end());
  std::vector<bool> covered(terms.size(), false);
  for (size_t i = 0; i < terms.size(); ++i) {
    const std::u32string& t = terms[i];
    for (size_t len = 1; len < t.size() && !covered[i]; ++len) {
      for (size_t at = 0; at + len <= t.size() && !covered[i]; ++at) covered[i] = term_set.count(t.substr(at, len)) > 0;
    }
  }

  std::set<std::string> spellings;
  for (size_t ti = 0; ti < terms.size(); ++ti) {
    if (covered[ti]) continue;
    const std::u32string& term = terms[ti];
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

  for (uint32_t c = 0; c < 0x80; ++c) {
    if (unsafe_ascii_[c]) ascii_rows_[c & 0x0F] |= static_cast<uint8_t>(1u << (c >> 4));
  }
  static constexpr uint8_t kPages[3][2] = {{0xE3, 0x80}, {0xEF, 0xBC}, {0xE2, 0x80}};
  for (size_t k = 0; k < pages_.size(); ++k) {
    pages_[k].b0 = kPages[k][0];
    pages_[k].b1 = kPages[k][1];
    const uint32_t word = ((kPages[k][0] & 0x0Fu) << 6) | (kPages[k][1] & 0x3Fu);  // code point >> 6
    const uint64_t safe = ~unsafe3_[word];
    for (int i = 0; i < 16; ++i) pages_[k].safe[i] = static_cast<uint8_t>(safe >> (8 * (i % 8)));
  }
  const auto safe_ascii = std::find(unsafe_ascii_.begin() + static_cast<int>('a'), unsafe_ascii_.end(), 0);
  pad_ = static_cast<unsigned char>(safe_ascii - unsafe_ascii_.begin());
  // The separator of joined fields: safe, so that the pass reads through it, and in no spelling.
  for (unsigned c = '!'; c < 0x7F; ++c) {
    if (unsafe_ascii_[c]) continue;
    if (std::none_of(spellings.begin(), spellings.end(),
                     [&](const std::string& s) { return s.find(static_cast<char>(c)) != std::string::npos; })) {
      sep_ = static_cast<unsigned char>(c);
      break;
    }
  }
  if (sep_ == 0 || unsafe_ascii_[pad_]) throw std::runtime_error("prefilter: no safe separator byte");
#if REGSCREEN_PREFILTER_AVX2
  use_avx2_ = cjk_shortcut_ && safe_ascii != unsafe_ascii_.end() && __builtin_cpu_supports("avx2");
#endif

  std::vector<std::string> list(spellings.begin(), spellings.end());
  spellings_ = make_matcher(list);
  // The code point classes: what folds to one term character, as in the spellings, and what is unsafe.
  // (More term characters than classes, which no real lexicon has: certainly_clear_code_points then says
  // false, and every field takes the UTF-8 path.)
  code_point_classes_ = term_chars.size() < kUnsafeClass;
  std::map<char32_t, uint16_t> class_ids;  // term character -> class
  if (code_point_classes_) {
    for (char32_t c : term_chars) class_ids.emplace(c, static_cast<uint16_t>(class_ids.size() + 1));
  }
  class_pages_.assign(1, ClassPage{});
  const auto set_class = [&](char32_t cp, uint16_t cls) {
    if (cp >= 0x10000) return;  // every code point past U+FFFF is unsafe: certainly_clear_code_points checks
    uint16_t& page = class_page_[cp >> 8];
    if (page == 0) {
      page = static_cast<uint16_t>(class_pages_.size());
      class_pages_.emplace_back();
    }
    class_pages_[page][cp & 0xFF] = cls;
  };
  for (const auto& [c, cls] : class_ids) {
    if (!changed_term_chars.count(c)) set_class(c, cls);
    const auto it = variants.find(c);
    if (it == variants.end()) continue;
    for (char32_t v : it->second) set_class(v, cls);
  }
  for (char32_t cp : unsafe) set_class(cp, kUnsafeClass);
  for (char32_t cp = 0xD800; cp < 0xE000; ++cp) set_class(cp, kUnsafeClass);  // lone surrogates (no UTF-8)
  single_class_.assign(class_ids.size() + 1, false);
  std::set<std::pair<uint32_t, uint32_t>> designated;  // the pair across each term's middle
  for (size_t ti = 0; ti < terms.size() && code_point_classes_; ++ti) {
    if (covered[ti]) continue;
    std::u16string classes;
    for (char32_t c : terms[ti]) classes.push_back(static_cast<char16_t>(class_ids.at(c)));
    if (classes.size() == 1) {
      single_class_[classes[0]] = true;
      continue;
    }
    const uint32_t a = classes[0], b = classes[1];
    pair_bits_[pair_hash(a, b) >> 6] |= uint64_t{1} << (pair_hash(a, b) & 63);
    const size_t middle = (classes.size() - 1) / 2;
    designated.emplace(classes[middle], classes[middle + 1]);
    terms_by_pair_[a << 16 | b].push_back(std::move(classes));
  }
  byte_classes_ = code_point_classes_ && class_ids.size() <= 254;
  if (byte_classes_) {
    class8_.resize(0x10000);
    for (uint32_t cp = 0; cp < 0x10000; ++cp) {
      const uint32_t cls = class_of(cp);
      class8_[cp] = static_cast<uint8_t>(cls == kUnsafeClass ? 255 : cls);
    }
    // Low half: the pairs a class starts (bit 31: every class); high half: the pairs it ends (bit 63: an
    // unsafe class or a one-character term).
    for (uint64_t& m : pair_masks8_) m = uint64_t{1} << 31;
    pair_masks8_[255] |= uint64_t{1} << 63;
    for (size_t c = 1; c < single_class_.size(); ++c) {
      if (single_class_[c]) pair_masks8_[c] |= uint64_t{1} << 63;
    }
    size_t k = 0;
    for (const auto& [a, b] : designated) {
      pair_masks8_[a] |= uint64_t{1} << (k % 31);
      pair_masks8_[b] |= uint64_t{1} << (32 + k % 31);
      ++k;
    }
  }

  stats_.spellings = list.size();
  stats_.unsafe_code_points = unsafe.size();
  stats_.avx2 = use_avx2_;
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

bool Prefilter::scan_safe_scalar(const unsigned char* p, const unsigned char* const end) const {
  while (p < end) {
    const int n = safe_char(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

#if REGSCREEN_PREFILTER_AVX2
// The vector loop's tables, loaded into registers once per call rather than once per block.
struct Prefilter::VectorTables {
  __m256i rows;          // ascii_rows_, in both 128-bit lanes
  __m256i page_safe[3];  // pages_[k].safe, in both lanes
  __m256i page_b0[3];    // pages_[k].b0 in every byte
  __m256i page_b1[3];    // pages_[k].b1 in every byte
};

__attribute__((target("avx2"), always_inline)) inline Prefilter::VectorTables Prefilter::vector_tables() const {
  VectorTables t;
  t.rows = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(ascii_rows_.data())));
  for (size_t k = 0; k < pages_.size(); ++k) {
    t.page_safe[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(pages_[k].safe)));
    t.page_b0[k] = _mm256_set1_epi8(static_cast<char>(pages_[k].b0));
    t.page_b1[k] = _mm256_set1_epi8(static_cast<char>(pages_[k].b1));
  }
  return t;
}

// 32 bytes at a time (AVX2; chosen at run time). On bit masks of the block:
//   structure  every lead byte of a 2- or 3-byte sequence requires continuation bytes at the next one or
//              two positions (carried into the next block), and the continuation bytes must be exactly the
//              required ones; a byte F0..FF (4-byte sequences, always unsafe, or invalid) fails at once;
//   ASCII      looked up in a 128-bit table with two byte shuffles (low nibble -> row, high nibble -> bit);
//   CJK        characters with lead bytes E4..E9 (U+4000..U+9FFF, most of Chinese text) hold no unsafe code
//              point (checked at construction): nothing more to check;
//   punctuation  the 3-byte characters of three 64-code-point pages that hold the punctuation of Chinese
//              text (U+3000.. 、。《》【】, U+FF00.. ，；：（）, U+2000.. “”—…) are looked up in those pages'
//              64-bit masks, also with shuffles;
// and every other character (rare) is checked one by one. `end` bounds those one-by-one reads. Every block
// takes every step: skipping the ASCII or the punctuation step when a block has none was slower (most
// blocks of Chinese text have both, and the branch mispredicts on the rest).
__attribute__((target("avx2"), always_inline)) inline bool Prefilter::block_safe_avx2(const unsigned char* p, const unsigned char* end,
                                                                 const VectorTables& t, uint64_t* carry) const {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
// (Macros, not lambdas: a lambda would not inherit the target attribute, and could not use AVX2.)
#define bits(m) uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(m))}
#define splat(b) _mm256_set1_epi8(static_cast<char>(b))
  const uint64_t high = bits(v);
  const uint64_t cont = bits(_mm256_cmpeq_epi8(_mm256_and_si256(v, splat(0xC0)), splat(0x80)));
  const uint64_t lead3 = bits(_mm256_cmpeq_epi8(_mm256_and_si256(v, splat(0xF0)), splat(0xE0)));
  const uint64_t lead4 = bits(_mm256_cmpeq_epi8(_mm256_min_epu8(v, splat(0xF0)), splat(0xF0)));
  const uint64_t lead2 = high & ~cont & ~lead3 & ~lead4;
  const uint64_t required = ((lead2 | lead3) << 1) | (lead3 << 2) | *carry;
  if (lead4 || (required & 0xFFFFFFFF) != cont) return false;
  *carry = required >> 32;

  const __m256i seven = splat(7);
  const __m256i bitsel = _mm256_broadcastsi128_si256(_mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128));
  {  // ASCII
    const __m256i row = _mm256_shuffle_epi8(t.rows, _mm256_and_si256(v, splat(0x0F)));
    const __m256i col = _mm256_shuffle_epi8(bitsel, _mm256_and_si256(_mm256_srli_epi16(v, 4), seven));
    if (bits(_mm256_cmpeq_epi8(_mm256_and_si256(row, col), col)) & ~high) return false;  // an unsafe ASCII byte
  }

  const __m256i x = _mm256_sub_epi8(v, splat(0xE4));
  const uint64_t other3 = lead3 & ~bits(_mm256_cmpeq_epi8(_mm256_min_epu8(x, splat(5)), x));
  uint64_t rest = lead2;
  {  // punctuation pages
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    const __m256i idx = _mm256_and_si256(v2, splat(0x3F));
    const __m256i byte = _mm256_and_si256(_mm256_srli_epi16(idx, 3), seven);
    const __m256i bit = _mm256_shuffle_epi8(bitsel, _mm256_and_si256(idx, seven));
    __m256i accepted = _mm256_setzero_si256();
    for (size_t k = 0; k < pages_.size(); ++k) {
      const __m256i in = _mm256_and_si256(_mm256_cmpeq_epi8(v, t.page_b0[k]), _mm256_cmpeq_epi8(v1, t.page_b1[k]));
      const __m256i m = _mm256_shuffle_epi8(t.page_safe[k], byte);
      accepted = _mm256_or_si256(accepted, _mm256_and_si256(in, _mm256_cmpeq_epi8(_mm256_and_si256(m, bit), bit)));
    }
    rest |= other3 & ~bits(accepted);
  }
  for (; rest; rest &= rest - 1) {
    if (safe_char(p + __builtin_ctzll(rest), end) == 0) return false;
  }
  return true;
#undef bits
#undef splat
}

__attribute__((target("avx2"))) bool Prefilter::scan_safe_avx2(const unsigned char* p,
                                                                const unsigned char* const end) const {
  const VectorTables t = vector_tables();
  uint64_t carry = 0;
  for (; end - p >= 34; p += 32) {  // the shifted loads read two bytes past the block
    if (!block_safe_avx2(p, end, t, &carry)) return false;
  }
  // The last 0..33 bytes, padded with a safe ASCII byte: two more blocks at most. A sequence cut off at
  // the end of the text fails there, on the padding byte that is not a continuation byte.
  unsigned char tail[96];
  std::fill(std::begin(tail), std::end(tail), pad_);
  std::copy(p, end, tail);
  const unsigned char* const stop = tail + (end - p);
  for (const unsigned char* q = tail; q < stop || carry; q += 32) {
    if (!block_safe_avx2(q, std::end(tail), t, &carry)) return false;
  }
  return true;
}

// [p, p + n) followed by kPadding bytes pad_: the blocks may run into the padding, so no tail copy.
// Returns the offset of the first 32-byte block that fails (an unsafe, invalid or 4-byte character starts or
// ends in it, or in the two bytes after it), or SIZE_MAX when every character is safe.
__attribute__((target("avx2"))) size_t Prefilter::first_unsafe_block_avx2(const unsigned char* const p,
                                                                          size_t n) const {
  static_assert(kPadding >= 32 + 34, "the last block starts before p + n and reads 34 bytes");
  const VectorTables t = vector_tables();
  uint64_t carry = 0;
  for (const unsigned char* q = p; q < p + n || carry; q += 32) {
    if (!block_safe_avx2(q, p + n + kPadding, t, &carry)) return static_cast<size_t>(q - p);
  }
  return SIZE_MAX;
}
#endif


template <class Unit>
bool Prefilter::certainly_clear_code_points(const Unit* const units, const size_t n) const {
  if (!code_point_classes_) return false;
  if (!byte_classes_) return certainly_clear_classes(units, n);
  uint64_t found = 0;  // nonzero once an unsafe class, a one-character term or a designated pair is seen
  uint64_t prev = pair_masks8_[0];
#pragma GCC unroll 4
  for (size_t i = 0; i < n; ++i) {
    uint32_t cp = units[i];
    if constexpr (sizeof(Unit) == 4) {
      found |= cp >> 16;  // as every 4-byte sequence of UTF-8: unsafe
      cp &= 0xFFFF;
    }
    const uint32_t c = class8_[cp];
    const uint64_t mask = pair_masks8_[c];
    found |= prev & (mask >> 32);
    prev = mask;
  }
  return found == 0 || certainly_clear_classes(units, n);
}

// The exact test: every term's first pair of classes is looked up, and where one is found, the term's
// other classes are compared.
template <class Unit>
bool Prefilter::certainly_clear_classes(const Unit* const units, const size_t n) const {
  uint32_t prev = 0;  // the class of the previous code point when it is a term character's, else 0
  for (size_t i = 0; i < n; ++i) {
    const uint32_t cp = units[i];
    if (sizeof(Unit) == 4 && cp >= 0x10000) return false;  // as every 4-byte sequence of UTF-8
    const uint32_t c = class_of(cp);
    if (c == 0) {
      prev = 0;
      continue;
    }
    if (c == kUnsafeClass || single_class_[c]) return false;
    if (prev != 0 && (pair_bits_[pair_hash(prev, c) >> 6] >> (pair_hash(prev, c) & 63) & 1)) {
      const auto it = terms_by_pair_.find(prev << 16 | c);
      if (it != terms_by_pair_.end()) {
        for (const std::u16string& term : it->second) {
          const size_t at = i - 1;
          if (n - at < term.size()) continue;
          size_t k = 2;
          while (k < term.size() && (sizeof(Unit) < 4 || units[at + k] < 0x10000) && class_of(units[at + k]) == term[k]) ++k;
          if (k == term.size()) return false;
        }
      }
    }
    prev = c;
  }
  return true;
}

template bool Prefilter::certainly_clear_code_points(const uint8_t*, size_t) const;
template bool Prefilter::certainly_clear_code_points(const char16_t*, size_t) const;
template bool Prefilter::certainly_clear_code_points(const char32_t*, size_t) const;

bool Prefilter::only_safe_code_points(std::string_view text) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
#if REGSCREEN_PREFILTER_AVX2
  if (use_avx2_) return scan_safe_avx2(p, p + text.size());
#endif
  return scan_safe_scalar(p, p + text.size());
}

bool Prefilter::certainly_clear(std::string_view text, Scratch* scratch) const {
  uint64_t clear = 0;
  clear_fields(&text, 1, scratch, &clear);
  return clear & 1;
}

void Prefilter::clear_fields(const std::string_view* fields, size_t count, Scratch* scratch, uint64_t* clear) const {
  // The fields joined, each followed by sep_ (safe, and in no spelling: no match spans two fields), then
  // padding that the vector pass may read past the end. The buffer only grows (its size is not the
  // joined length n), so joining is copying, without zero-filling.
  size_t total = kPadding;
  for (size_t i = 0; i < count; ++i) total += fields[i].size() + 1;
  std::string& joined = scratch->joined;
  if (joined.size() < total) joined.resize(std::max(total, 2 * joined.size()));
  std::vector<uint32_t>& ends = scratch->ends;
  ends.resize(count);
  char* const out = joined.data();
  size_t n = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!fields[i].empty()) std::memcpy(out + n, fields[i].data(), fields[i].size());
    n += fields[i].size();
    ends[i] = static_cast<uint32_t>(n);
    out[n++] = static_cast<char>(sep_);
  }
  std::memset(out + n, pad_, kPadding);

  const auto* const bytes = reinterpret_cast<const unsigned char*>(out);
  mark_safe_fields(bytes, n, ends, clear);
  // One scan of every field, unsafe ones included (their bytes cannot make a match in another field).
  scratch->matches.clear();
  spellings_->scan(std::string_view(out, n), &scratch->matches);
  for (const Match& m : scratch->matches) {
    const size_t i = static_cast<size_t>(std::lower_bound(ends.begin(), ends.end(), m.end) - ends.begin());
    clear[i / 64] &= ~(uint64_t{1} << (i % 64));
  }
  for (size_t i = 0; i < count; ++i) {
    if (fields[i].empty()) clear[i / 64] |= uint64_t{1} << (i % 64);
  }
}

// Sets safe[] to a bit per field of `joined` (n bytes, then the padding; fields end at
// ends[]): set when the field has only safe code points.
void Prefilter::mark_safe_fields(const unsigned char* joined, size_t n, const std::vector<uint32_t>& ends,
                                 uint64_t* safe) const {
  const size_t count = ends.size();
  std::fill(safe, safe + (count + 63) / 64, 0);
  const auto start = [&](size_t i) -> size_t { return i == 0 ? 0 : ends[i - 1] + 1; };
  const auto mark = [&](size_t i) { safe[i / 64] |= uint64_t{1} << (i % 64); };
  const auto check = [&](size_t i) {
    const auto* const p = reinterpret_cast<const char*>(joined) + start(i);
    if (only_safe_code_points(std::string_view(p, ends[i] - start(i)))) mark(i);
  };
#if REGSCREEN_PREFILTER_AVX2
  if (use_avx2_) {
    // The vector pass runs over all the fields; where a block fails, the fields that overlap it are checked
    // one by one, and the pass resumes at the start of the next field (a character boundary, after sep_).
    size_t i = 0;  // the first field not yet decided
    while (i < count) {
      const size_t from = start(i);
      const size_t bad = first_unsafe_block_avx2(joined + from, n - from);
      if (bad == SIZE_MAX) {
        for (; i < count; ++i) mark(i);
        break;
      }
      const size_t block = from + bad;  // [block, block + 34) failed
      for (; i < count && ends[i] < block; ++i) mark(i);
      for (; i < count && start(i) < block + 34; ++i) check(i);
    }
    return;
  }
#endif
  for (size_t i = 0; i < count; ++i) check(i);
}

}  // namespace regscreen
