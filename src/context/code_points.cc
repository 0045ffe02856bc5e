#include "context/code_points.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace regscreen::context {

void CodePoints::assign(std::string_view utf8) {
  // Sized for the worst case (one code point per byte) and trimmed at the end: no per-character
  // capacity checks. Capacity is kept from call to call.
  cps.resize(utf8.size());
  byte.resize(utf8.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  size_t j = 0;
  while (i < n) {
    byte[j] = static_cast<uint32_t>(i);
    const uint8_t b0 = s[i];
    // Fast paths for ASCII and for the 3-byte sequences of CJK text (leads E1..EC and EE..EF take any
    // continuation bytes); everything else, invalid bytes included, goes through ICU's decoder.
    if (b0 < 0x80) {
      cps[j++] = b0;
      ++i;
    } else if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && n - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
               (s[i + 2] & 0xC0) == 0x80) {
      cps[j++] = static_cast<char32_t>(((b0 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
      i += 3;
    } else {
      UChar32 c;
      U8_NEXT_OR_FFFD(s, i, n, c);
      cps[j++] = static_cast<char32_t>(c);
    }
  }
  byte[j] = static_cast<uint32_t>(n);
  cps.resize(j);
  byte.resize(j + 1);
}

size_t CodePoints::index_at_byte(uint32_t b) const {
  return static_cast<size_t>(std::lower_bound(byte.begin(), byte.end() - 1, b) - byte.begin());
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
