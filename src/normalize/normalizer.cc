#include "normalize/normalizer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <map>
#include <stdexcept>

#include "normalize/encoding.h"
#include "normalize/icu_folding.h"

namespace regscreen {
namespace {

// Two-level table over code points: index[cp >> 8] selects a block of 256 entries; blocks with the same
// content are stored once (all-identity blocks, i.e. almost all of Unicode, share block 0).
//
// Entry (uint32_t): the high byte L says what cp folds to.
//   L == 0     the code point itself (its input bytes are copied)
//   L == 0xFF  nothing (a joiner)
//   L in 1..3  the L UTF-8 bytes in the low 24 bits, first byte lowest
//   L >= 4     the L UTF-8 bytes at pool[low 24 bits]
struct FoldTable {
  static constexpr uint32_t kIdentity = 0;
  static constexpr uint32_t kDrop = 0xFFu << 24;
  static constexpr uint32_t kBlocks = 0x110000 >> 8;

  std::array<uint8_t, 128> ascii{};  // folded byte of an ASCII byte; 0: dropped
  std::array<uint16_t, kBlocks> index{};
  std::vector<uint32_t> entries;     // distinct blocks, 256 entries each
  std::string pool;
  uint32_t max_out = 4;              // longest output of one code point, in bytes (>= 4, see run())
  uint32_t changed = 0;
  bool simplify_from_rule_data = false;

  // One bit per value of a 3-byte sequence's 16 payload bits: set unless the sequence is a valid character
  // that folds to itself, i.e. set for characters that fold, for overlong forms (< U+0800) and for
  // surrogates. 8 KiB, so that the common case (a character that stays) is decided by one test from L1
  // cache rather than from the ~200 KiB of entries and the validity rules.
  std::array<uint64_t, 0x10000 / 64> not_copied3{};

  uint32_t entry(char32_t cp) const { return entries[(uint32_t{index[cp >> 8]} << 8) | (cp & 0xFF)]; }
  bool copied3(uint32_t payload) const { return !((not_copied3[payload >> 6] >> (payload & 63)) & 1); }
  // True when ASCII byte c (< 0x80) folds to itself (NUL is dropped, as ascii[] cannot say otherwise).
  bool copied_ascii(uint32_t c) const { return ascii[c] == c && c != 0; }
};

std::string utf8_of(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) append_utf8(c, &out);
  return out;
}

void build_from_icu(FoldTable* t) {
  using Table = FoldTable;
  const IcuFolding folding;
  t->simplify_from_rule_data = folding.simplify_from_rule_data();

  // Only code points in may_change() can fold to anything but themselves: visit those, block by block.
  std::map<uint32_t, std::array<uint32_t, 256>> touched;
  const icu::UnicodeSet& candidates = folding.may_change();
  for (int32_t r = 0; r < candidates.getRangeCount(); ++r) {
    for (UChar32 c = candidates.getRangeStart(r); c <= candidates.getRangeEnd(r); ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;  // surrogates never come out of the UTF-8 decoder
      const char32_t cp = static_cast<char32_t>(c);
      const std::u32string folded = folding.fold(cp);
      if (folded.size() == 1 && folded[0] == cp) continue;
      const std::string bytes = utf8_of(folded);
      if (bytes.size() >= 0xFF) throw std::runtime_error("normalizer: a code point folds to over 254 bytes");
      uint32_t e;
      if (bytes.empty()) {
        e = Table::kDrop;
      } else if (bytes.size() <= 3) {
        e = static_cast<uint32_t>(bytes.size()) << 24;
        for (size_t i = 0; i < bytes.size(); ++i) e |= uint32_t{static_cast<unsigned char>(bytes[i])} << (8 * i);
      } else {
        e = (static_cast<uint32_t>(bytes.size()) << 24) | static_cast<uint32_t>(t->pool.size());
        t->pool += bytes;
      }
      auto [it, inserted] = touched.try_emplace(cp >> 8);
      if (inserted) it->second.fill(Table::kIdentity);
      it->second[cp & 0xFF] = e;
      t->max_out = std::max<uint32_t>(t->max_out, static_cast<uint32_t>(bytes.size()));
      ++t->changed;
      if (cp < 0x80) {
        if (bytes.size() > 1 || (bytes.size() == 1 && static_cast<unsigned char>(bytes[0]) >= 0x80)) {
          throw std::runtime_error("normalizer: an ASCII character folds to non-ASCII");
        }
      }
    }
  }
  if (t->pool.size() >= (1u << 24)) throw std::runtime_error("normalizer: string pool too large");

  for (uint32_t b = 0; b < 128; ++b) {
    const auto it = touched.find(0);
    const uint32_t e = it == touched.end() ? Table::kIdentity : it->second[b];
    t->ascii[b] = e == Table::kIdentity ? static_cast<uint8_t>(b) : e == Table::kDrop ? 0 : static_cast<uint8_t>(e);
  }

  // Block 0 is the identity block; identical touched blocks are stored once.
  t->entries.assign(256, Table::kIdentity);
  std::map<std::array<uint32_t, 256>, uint16_t> distinct;
  for (const auto& [block, content] : touched) {
    auto [it, inserted] = distinct.try_emplace(content, static_cast<uint16_t>(t->entries.size() / 256));
    if (inserted) t->entries.insert(t->entries.end(), content.begin(), content.end());
    t->index[block] = it->second;
  }
  for (uint32_t cp = 0; cp < 0x10000; ++cp) {
    const bool invalid = cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF);
    if (invalid || t->entry(cp) != Table::kIdentity) t->not_copied3[cp >> 6] |= uint64_t{1} << (cp & 63);
  }
}

// Where run() writes: the folded bytes and, when kMap, the original span of each. Buffers grow by
// doubling and are trimmed to the written size at the end, so a reused NormalizedText stops allocating.
template <bool kMap>
struct Sink {
  std::string* text;
  NormalizedText::OffsetMap* begin;
  NormalizedText::OffsetMap* end;
  char* t = nullptr;
  uint32_t* b = nullptr;
  uint32_t* e = nullptr;
  size_t cap = 0;

  void reserve(size_t n) {
    cap = n;
    text->resize(n);
    t = text->data();
    if constexpr (kMap) {
      begin->resize(n);
      end->resize(n);
      b = begin->data();
      e = end->data();
    }
  }
  void finish(size_t n) {
    text->resize(n);
    if constexpr (kMap) {
      begin->resize(n);
      end->resize(n);
    }
  }
};

// The span [off, off + n) of the original bytes, for normalized bytes [pos, pos + len): the map's entries.
// Writes 4 entries at a time (the caller's slack covers the ones past len, which later steps overwrite
// or finish() trims), so that a 3-byte character costs two stores rather than six.
template <bool kMap>
inline void map_span(Sink<kMap>& out, size_t pos, uint32_t len, uint32_t off, uint32_t n) {
  if constexpr (kMap) {
    const uint32_t b[4] = {off, off, off, off};
    const uint32_t e[4] = {off + n, off + n, off + n, off + n};
    for (uint32_t i = 0; i < len; i += 4) {
      std::memcpy(out.b + pos + i, b, sizeof b);
      std::memcpy(out.e + pos + i, e, sizeof e);
    }
  }
}

template <bool kMap>
uint32_t run(const FoldTable& table, std::string_view in, Sink<kMap>& out) {
  if (in.size() >= std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("normalizer: text is 4 GiB or longer");
  }
  // Every step writes at most `slack` bytes (and map entries), possibly a few past its real output (those
  // are overwritten or trimmed), so each step only checks room once.
  const size_t slack = ((table.max_out + 3) & ~size_t{3}) + 4;
  out.reserve(in.size() + in.size() / 8 + slack);
  const auto* const base = reinterpret_cast<const unsigned char*>(in.data());
  const auto* p = base;
  const auto* const end = base + in.size();
  size_t pos = 0;
  uint32_t invalid = 0;
  while (p < end) {
    if (pos + slack > out.cap) out.reserve(out.cap * 2 + slack);
    // Characters that fold to themselves (most of the text): ASCII that stays, and 3-byte characters that
    // stay (Chinese). Each writes exactly its input bytes, so when the output has room for all of the rest
    // of the input, none of them needs a room check: the loop runs to the first other character.
    if (pos + static_cast<size_t>(end - p) + slack <= out.cap) {
      while (p < end) {
        const uint32_t off = static_cast<uint32_t>(p - base);
        // Two 3-byte characters at once (runs of Chinese), from one 8-byte load: both must be well formed
        // and fold to themselves. Writes 8 bytes and 8 map entries; the 2 past the pair are overwritten
        // by the next step or trimmed (the room check above leaves at least 8 spare).
        if (end - p >= 8) {
          uint64_t w;
          std::memcpy(&w, p, 8);
          if ((w & 0xC0C0F0C0C0F0u) == 0x8080E08080E0u &&
              table.copied3(static_cast<uint32_t>(((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F))) &&
              table.copied3(static_cast<uint32_t>(((w >> 12) & 0xF000) | ((w >> 26) & 0xFC0) | ((w >> 40) & 0x3F)))) {
            std::memcpy(out.t + pos, p, 8);
            if constexpr (kMap) {
              const uint32_t b[8] = {off, off, off, off + 3, off + 3, off + 3, off + 3, off + 3};
              const uint32_t e[8] = {off + 3, off + 3, off + 3, off + 6, off + 6, off + 6, off + 6, off + 6};
              std::memcpy(out.b + pos, b, sizeof b);
              std::memcpy(out.e + pos, e, sizeof e);
            }
            pos += 6;
            p += 6;
            continue;
          }
        }
        const uint32_t c0 = *p;
        if (c0 < 0x80) {
          if (!table.copied_ascii(c0)) break;
          out.t[pos] = static_cast<char>(c0);
          if constexpr (kMap) {
            out.b[pos] = off;
            out.e[pos] = off + 1;
          }
          ++pos;
          ++p;
          continue;
        }
        if (c0 - 0xE0 >= 0x10 || end - p < 3) break;
        const uint32_t b1 = p[1], b2 = p[2];
        if (((b1 ^ 0x80) | (b2 ^ 0x80)) & 0xC0) break;  // not two continuation bytes
        if (!table.copied3(((c0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu))) break;
        std::memcpy(out.t + pos, p, 3);
        map_span(out, pos, 3, off, 3);
        pos += 3;
        p += 3;
      }
      if (p == end) break;
    }
    const uint32_t off = static_cast<uint32_t>(p - base);
    const unsigned byte = *p;
    if (byte < 0x80) {
      // ASCII that folds or is dropped, branch-free: write the folded byte, advance only when it is kept.
      const uint8_t folded = table.ascii[byte];
      out.t[pos] = static_cast<char>(folded);
      if constexpr (kMap) {
        out.b[pos] = off;
        out.e[pos] = off + 1;
      }
      pos += folded != 0;
      ++p;
      continue;
    }
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    uint32_t len;
    if (n == 0) {  // invalid byte: U+FFFD for this one byte
      out.t[pos] = '\xEF';
      out.t[pos + 1] = '\xBF';
      out.t[pos + 2] = '\xBD';
      len = 3;
      ++invalid;
    } else {
      const uint32_t e = table.entry(cp);
      len = e >> 24;
      if (len == 0) {
        std::copy(p, p + n, out.t + pos);
        len = static_cast<uint32_t>(n);
      } else if (len == 0xFF) {
        len = 0;
      } else if (len <= 3) {
        out.t[pos] = static_cast<char>(e);
        out.t[pos + 1] = static_cast<char>(e >> 8);
        out.t[pos + 2] = static_cast<char>(e >> 16);
      } else {
        std::copy_n(table.pool.data() + (e & 0xFFFFFF), len, out.t + pos);
      }
    }
    const uint32_t consumed = n == 0 ? 1 : static_cast<uint32_t>(n);
    map_span(out, pos, len, off, consumed);
    pos += len;
    p += consumed;
  }
  out.finish(pos);
  return invalid;
}

}  // namespace

struct Normalizer::Table : FoldTable {};

Normalizer::Normalizer() {
  auto t = std::make_unique<Table>();
  build_from_icu(t.get());
  table_ = std::move(t);
}
Normalizer::~Normalizer() = default;

const Normalizer& Normalizer::instance() {
  static const Normalizer* const shared = new Normalizer();  // never destroyed: usable during static teardown
  return *shared;
}

std::unique_ptr<Normalizer> Normalizer::build() { return std::unique_ptr<Normalizer>(new Normalizer()); }

void Normalizer::normalize(std::string_view in, NormalizedText* out) const {
  out->clear();
  Sink<true> sink{&out->text, &out->src_begin, &out->src_end};
  out->invalid_bytes = run(*table_, in, sink);
}

void Normalizer::normalize_text(std::string_view in, std::string* out) const {
  out->clear();
  Sink<false> sink{out, nullptr, nullptr};
  run(*table_, in, sink);
}

std::string Normalizer::normalize(std::string_view in) const {
  std::string text;
  normalize_text(in, &text);
  return text;
}

void Normalizer::for_each_change(const std::function<void(char32_t, std::string_view)>& f) const {
  const FoldTable& t = *table_;
  for (uint32_t block = 0; block < FoldTable::kBlocks; ++block) {
    if (t.index[block] == 0) continue;  // the identity block
    for (uint32_t low = 0; low < 256; ++low) {
      const char32_t cp = (block << 8) | low;
      const uint32_t e = t.entry(cp);
      const uint32_t len = e >> 24;
      if (len == 0) continue;
      char inline_bytes[3] = {static_cast<char>(e), static_cast<char>(e >> 8), static_cast<char>(e >> 16)};
      if (len == 0xFF) {
        f(cp, {});
      } else if (len <= 3) {
        f(cp, std::string_view(inline_bytes, len));
      } else {
        f(cp, std::string_view(t.pool).substr(e & 0xFFFFFF, len));
      }
    }
  }
}

Normalizer::TableStats Normalizer::table_stats() const {
  TableStats s;
  s.bytes = sizeof(Table) + table_->entries.size() * sizeof(uint32_t) + table_->pool.size();
  s.distinct_blocks = static_cast<uint32_t>(table_->entries.size() / 256);
  s.changed_code_points = table_->changed;
  s.simplify_from_rule_data = table_->simplify_from_rule_data;
  return s;
}

}  // namespace regscreen
