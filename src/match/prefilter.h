// Prefilter: decides from a field's ORIGINAL bytes, without normalizing it, that the field contains no term
// once normalized. It is the screener's fast path for the ~95% of fields that have no hit: one pass over
// the bytes and one scan, instead of normalizing with an offset map and then scanning.
//
// Why the answer is exact. The normalizer folds one code point at a time (normalizer.h). Call a code point
// *relevant* when it does not fold to itself and its fold is empty (a joiner, which can close the gap
// between two characters of a term: 理 财) or contains a character of some term (資 -> 资, Ｐ -> p, ㊎ -> 金).
// Every other code point either folds to itself or folds to text without term characters (，-> ,  Ａ -> a):
// it can neither be part of a match nor break one up, and it leaves the bytes around it as they were. So
// if every relevant code point of a text folds to exactly ONE term character, the normalized text has a
// match exactly where the original text has a match of some term spelled with, for each character, any
// code point that folds to it (資產管理, P2p, ...). The prefilter therefore
//   1. scans the text for *unsafe* code points: relevant ones that are not kept as one-character variants
//      (joiners, multi-character folds such as ⑵ or ㍿, and variants that are rare in registry text:
//      full-width, enclosed, compatibility and radical forms such as Ｐ ㊮ ⽹), every 4-byte sequence,
//      and every invalid byte (whose warning only the normalizer reports);
//   2. if there is none, scans the original bytes with a matcher compiled over every term in every
//      combination of its kept variants, i.e. ASCII letters of either case and Traditional or variant
//      ideographs (資產管理, P2p, ...): at most kMaxSpellings per term; past that, the variants of the
//      character with the most of them are made unsafe instead.
// certainly_clear() is true when step 1 finds nothing unsafe and step 2 finds no match. Otherwise the
// caller takes the normal path (normalize with the offset map, match the normalized text), which gives
// the same result as always: the prefilter only makes clear fields cheap. tests/prefilter_test.cc checks
// it against normalize + match on random and adversarial text.
//
// The same answer is available for text held as code points (certainly_clear_code_points, behind
// Screener::certainly_clear): there, step 2's spellings become classes (a code point's class is the term
// character it folds to), so no spelling is enumerated and no matcher runs.
//
// Immutable after construction and thread-safe; scanning uses the matcher's per-thread state.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/matcher.h"

namespace regscreen {

class Normalizer;

class Prefilter {
 public:
  // Most spellings compiled for one term (the product of its characters' variant counts).
  static constexpr size_t kMaxSpellings = 256;

  using MatcherFactory = std::function<std::unique_ptr<Matcher>(const std::vector<std::string>&)>;

  // `patterns`: the normalized terms, as compiled into the screener's matcher. `make_matcher` compiles
  // the spellings (the same backend as the screener's matcher). Throws what make_matcher throws.
  Prefilter(const Normalizer& normalizer, const std::vector<std::string>& patterns,
            const MatcherFactory& make_matcher);
  ~Prefilter();
  Prefilter(const Prefilter&) = delete;
  Prefilter& operator=(const Prefilter&) = delete;

  // Per-thread working memory for the calls below, reused from call to call.
  struct Scratch {
    std::string joined;
    std::vector<uint32_t> ends;  // ends[i]: offset in `joined` of the separator after fields[i]
    std::vector<Match> matches;
  };

  // True when `text` certainly has no match of any pattern after normalization and is valid UTF-8.
  bool certainly_clear(std::string_view text, Scratch* scratch) const;

  // The same for many fields at once: the fields of one record, or of a batch of records. Sets bit i % 64
  // of clear[i / 64] when fields[i] is certainly clear (an empty field is), and clears it otherwise; all
  // (count + 63) / 64 words are written. The fields are joined by a separator byte that is safe and in no
  // spelling (so no match spans two fields) and checked in one pass and one scan: the matcher's fixed
  // cost per call (about 90 ns with Hyperscan, a fifth of screening a record) is paid once per batch.
  void clear_fields(const std::string_view* fields, size_t count, Scratch* scratch, uint64_t* clear) const;

  // The same test on a field held as code points of fixed width (1, 2 or 4 bytes each, as CPython stores
  // a str) instead of UTF-8: equal to certainly_clear() on their UTF-8, without making it. Each code
  // point has a class: neutral, unsafe, or the term character it folds to (the kept variants of step 2).
  // A branch-free pass looks for an unsafe class and for one designated pair of neighbouring classes per
  // term (the pair across its middle, 易所 of 交易所 and 产管 of 资产管理, which ordinary text rarely
  // has); only a field where it finds one is checked exactly (certainly_clear_classes). No allocation.
  template <class Unit>
  bool certainly_clear_code_points(const Unit* units, size_t n) const;

  // Step 1 alone: true when `text` is valid UTF-8 without 4-byte sequences and has no unsafe code point.
  bool only_safe_code_points(std::string_view text) const;

  struct Stats {
    size_t spellings = 0;          // literals compiled in step 2
    size_t unsafe_code_points = 0; // below U+10000 (every 4-byte sequence is unsafe as well)
    bool avx2 = false;             // step 1 runs the 32-byte vector loop (else one character at a time)
  };
  Stats stats() const { return stats_; }

 private:
  int safe_char(const unsigned char* p, const unsigned char* end) const;
  bool scan_safe_scalar(const unsigned char* p, const unsigned char* end) const;
  bool scan_safe_avx2(const unsigned char* p, const unsigned char* end) const;
  size_t first_unsafe_block_avx2(const unsigned char* p, size_t n) const;
  void mark_safe_fields(const unsigned char* joined, size_t n, const std::vector<uint32_t>& ends,
                        uint64_t* safe) const;
  struct VectorTables;  // the vector loop's tables in registers (prefilter.cc)
  VectorTables vector_tables() const;
  bool block_safe_avx2(const unsigned char* p, const unsigned char* end, const VectorTables& t, uint64_t* carry) const;

  // For the vector loop (see prefilter.cc): a 64-code-point page of 3-byte characters (lead bytes b0 b1)
  // with the safe ones' bits, its 64-bit mask repeated to fill 16 bytes.
  struct Page {
    uint8_t b0 = 0, b1 = 0;
    uint8_t safe[16] = {};
  };

  std::array<uint8_t, 128> unsafe_ascii_{};
  std::array<uint64_t, 0x800 / 64> unsafe2_{};     // 2-byte sequences by code point; < U+0080: overlong
  std::array<uint64_t, 0x10000 / 64> unsafe3_{};   // 3-byte sequences; < U+0800 and surrogates: invalid
  bool cjk_shortcut_ = false;  // no unsafe code point in U+4000..U+9FFF (lead bytes E4..E9)
  std::array<uint8_t, 16> ascii_rows_{};  // unsafe ASCII: bit (c >> 4) of ascii_rows_[c & 15]
  std::array<Page, 3> pages_{};
  static constexpr size_t kPadding = 80;
  unsigned char pad_ = 'a';  // a safe ASCII byte
  unsigned char sep_ = 0;    // a safe ASCII byte that no spelling contains
  bool use_avx2_ = false;
  std::unique_ptr<Matcher> spellings_;
  Stats stats_;

  // For certainly_clear_code_points: the class of every code point below U+10000, in pages of 256 (page
  // 0 is all neutral, shared by the pages without a term character or an unsafe code point). Class 0 is
  // neutral, kUnsafeClass unsafe, any other 1 + the index of a term character.
  static constexpr uint16_t kUnsafeClass = 0xFFFF;
  bool code_point_classes_ = false;  // false past 65534 term characters (no class left for them)
  using ClassPage = std::array<uint16_t, 256>;
  std::array<uint16_t, 256> class_page_{};
  std::vector<ClassPage> class_pages_;
  uint32_t class_of(uint32_t cp) const { return class_pages_[class_page_[cp >> 8]][cp & 0xFF]; }
  template <class Unit>
  bool certainly_clear_classes(const Unit* units, size_t n) const;
  // The branch-free pass's tables, with classes in a byte (when there are at most 254 term characters;
  // otherwise every field takes certainly_clear_classes): class8_ holds every code point's below U+10000
  // (64 KiB: one load, where the pages cost two and the index arithmetic), 255 for unsafe. The designated
  // pairs are numbered (mod 31): the low half of pair_masks8_[a] has bit k when pair k starts with class
  // a, the high half bit 32 + k when it ends with a, so that
  // low(masks[a]) & high(masks[b]) is nonzero for every designated pair (a, b) (and, past 31 pairs, for
  // a few others, which the exact test then clears). Bit 31 is set for every class and bit 63 for an
  // unsafe class or a one-character term. One load per code point, and no shift by a variable count,
  // which costs a flags dependency per code point on x86.
  bool byte_classes_ = false;
  std::vector<uint8_t> class8_;
  std::array<uint64_t, 256> pair_masks8_{};
  std::vector<bool> single_class_;  // classes that are a whole term by themselves
  // Terms as class strings, by their first two classes (a << 16 | b); pair_bits_ filters the lookups.
  std::unordered_map<uint32_t, std::vector<std::u16string>> terms_by_pair_;
  std::array<uint64_t, 64> pair_bits_{};
  static uint32_t pair_hash(uint32_t a, uint32_t b) { return ((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u)) >> 20; }
};

}  // namespace regscreen
