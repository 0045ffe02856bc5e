#include "score/number_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace regscreen {

char* write_g4(char* out, double x) {
  char digits[24];
  // Most weights and factors are whole numbers. (-0.0 is not: %g writes it "-0".)
  if (!std::signbit(x) && x < 1e4 && x == static_cast<double>(static_cast<int64_t>(x))) {
    return std::to_chars(out, out + kG4MaxChars, static_cast<int64_t>(x)).ptr;
  }
  // The fast path below needs x * 10^4 exact: 53 + 10 bits (10^4 = 2^4 * 5^4, 5^4 < 2^10). Where long double
  // is no wider than double (MSVC, Apple arm64) every value takes the general path.
  constexpr bool kExactProducts = std::numeric_limits<long double>::digits >= 63;
  if (!kExactProducts || !(x >= 0.1 && x < 1e4)) {  // small, large, negative, not finite: same text
    return std::to_chars(out, out + kG4MaxChars, x, std::chars_format::general, 4).ptr;
  }
  // Four significant digits: the number of decimals is 3 minus the exponent (x in [0.1, 1e4)).
  int decimals = x < 1 ? 4 : 3;
  for (double p = 10; p <= x && decimals > 0; p *= 10) --decimals;
  static constexpr long double kPow10[] = {1, 10, 100, 1e3, 1e4};
  // In long double, x times a power of ten up to 1e4 is exact, and rint rounds ties to even: the digits
  // are those of the exact binary value, rounded as printf rounds them.
  uint64_t v = static_cast<uint64_t>(std::rint(static_cast<long double>(x) * kPow10[decimals]));
  if (decimals == 0 && v >= 10000) return write_g4(out, 1e4);  // rounds up to 1e4, which %g writes 1e+04
  // Trailing zeros of the fraction are dropped, as %g does.
  while (decimals > 0 && v % 10 == 0) {
    v /= 10;
    --decimals;
  }
  const auto r = std::to_chars(digits, digits + sizeof digits, v);
  const size_t len = static_cast<size_t>(r.ptr - digits);
  const size_t d = static_cast<size_t>(decimals);
  const auto put = [&](const char* from, size_t n) {
    std::memcpy(out, from, n);
    out += n;
  };
  if (d == 0) {
    put(digits, len);
  } else if (len > d) {
    put(digits, len - d);
    *out++ = '.';
    put(digits + (len - d), d);
  } else {
    put("0.", 2);
    for (size_t k = len; k < d; ++k) *out++ = '0';
    put(digits, len);
  }
  return out;
}

void append_g4(std::string* out, double x) {
  char buf[kG4MaxChars];
  out->append(buf, write_g4(buf, x));
}

}  // namespace regscreen
