#include "context/code_points.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace regscreen::context {

void CodePoints::assign(std::string_view utf8) {
  cps.clear();
  byte.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < n) {
    byte.push_back(static_cast<uint32_t>(i));
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, n, c);
    cps.push_back(static_cast<char32_t>(c));
  }
  byte.push_back(static_cast<uint32_t>(n));
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
