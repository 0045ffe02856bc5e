#include "context/code_points.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>

namespace regscreen::context {

namespace {

// Number of continuation bytes (10xxxxxx) in s[0, n), eight bytes at a time: a continuation byte has its
// high bit set and the next bit clear, and the multiplication sums the eight 0/1 bytes into the top one.
// About a third of the cost of the byte loop that GCC vectorizes with the baseline instruction set.
size_t continuation_bytes(const uint8_t* s, size_t n) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  size_t total = 0;
  size_t k = 0;
  for (; n - k >= 8; k += 8) {
    uint64_t w;
    std::memcpy(&w, s + k, 8);
    const uint64_t cont = w & ~(w << 1) & kHigh;
    total += ((cont >> 7) * kOnes) >> 56;
  }
  for (; k < n; ++k) total += (s[k] & 0xC0) == 0x80;
  return total;
}

}  // namespace

void CodePoints::assign(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  // Sized once for the code points of valid UTF-8 (bytes that are no continuation byte) and written through
  // pointers: no per-character capacity checks, and only the used length is zero-filled. Invalid bytes can
  // make more code points than that (a stray continuation byte is one U+FFFD): the buffers grow then.
  const size_t count = utf8.size() - continuation_bytes(s, utf8.size());
  cps.resize(count);
  byte.resize(count + 1);
  char32_t* out = cps.data();
  uint32_t* at = byte.data();
  size_t j = 0;
  int32_t i = 0;
  while (i < n) {
    const uint8_t b0 = s[i];
    // Fast paths for ASCII and for the 3-byte sequences of CJK text (leads E1..EC and EE..EF take any
    // continuation bytes); everything else, invalid bytes included, goes through ICU's decoder.
    char32_t c;
    const int32_t start = i;
    if (b0 < 0x80) {
      c = b0;
      ++i;
    } else if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && n - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
               (s[i + 2] & 0xC0) == 0x80) {
      c = static_cast<char32_t>(((b0 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
      i += 3;
    } else {
      UChar32 u;
      U8_NEXT_OR_FFFD(s, i, n, u);
      c = static_cast<char32_t>(u);
      if (j == cps.size()) {  // more code points than lead bytes: only with invalid bytes
        cps.resize(2 * j + 1);
        byte.resize(2 * j + 2);
        out = cps.data();
        at = byte.data();
      }
    }
    out[j] = c;
    at[j++] = static_cast<uint32_t>(start);
  }
  cps.resize(j);
  byte.resize(j + 1);
  byte[j] = static_cast<uint32_t>(n);
}

void CodePoints::assign_valid(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const size_t n = utf8.size();
  const size_t count = n - continuation_bytes(s, n);
  cps.resize(count);
  byte.resize(count + 1);
  char32_t* out = cps.data();
  uint32_t* at = byte.data();
  size_t j = 0;
  size_t i = 0;
  // Every lead byte starts one code point, so j never passes count; a sequence cut short by the end of the
  // text ends there.
  while (i < n && j < count) {
    const uint8_t b0 = s[i];
    at[j] = static_cast<uint32_t>(i);
    if (b0 < 0x80) {
      out[j++] = b0;
      ++i;
      continue;
    }
    if ((b0 & 0xF0) == 0xE0 && i + 3 <= n) {  // the common case: CJK, often many in a row
      do {
        at[j] = static_cast<uint32_t>(i);
        // 1110xxxx 10yyyyyy 10zzzzzz: xxxxyyyyyyzzzzzz, the fixed high bits of each byte subtracted at once
        // (for trusted input; invalid bytes give other wrong code points, as documented).
        out[j++] = static_cast<char32_t>((uint32_t{s[i]} << 12) + (uint32_t{s[i + 1]} << 6) + s[i + 2] -
                                         ((0xE0u << 12) + (0x80u << 6) + 0x80u));
        i += 3;
      } while (i + 3 <= n && j < count && (s[i] & 0xF0) == 0xE0);
      continue;
    }
    const size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
    if (i + len > n) break;
    char32_t c = b0 & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (s[i + k] & 0x3F);
    out[j++] = c;
    i += len;
  }
  cps.resize(j);
  byte.resize(j + 1);
  byte[j] = static_cast<uint32_t>(n);
}

size_t CodePoints::index_at_byte(uint32_t b) const {
  return static_cast<size_t>(std::lower_bound(byte.begin(), byte.end() - 1, b) - byte.begin());
}

size_t CodePoints::index_at_byte(uint32_t b, size_t hint) const {
  const size_t n = cps.size();
  if (hint > n || (hint > 0 && byte[hint - 1] >= b)) return index_at_byte(b);  // the answer lies before
  size_t i = hint;
  for (size_t steps = 0; steps < 8 && i < n; ++steps, ++i) {
    if (byte[i] >= b) return i;
  }
  return static_cast<size_t>(std::lower_bound(byte.begin() + static_cast<std::ptrdiff_t>(i), byte.end() - 1, b) -
                             byte.begin());
}

std::u32string to_u32(std::string_view utf8) {
  CodePoints cp;
  cp.assign(utf8);
  return std::move(cp.cps);
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) {
    uint8_t buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
    if (error) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
    }
  }
  return out;
}

}  // namespace regscreen::context
