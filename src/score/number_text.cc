#include "score/number_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace regscreen {

void append_g4(std::string* out, double x) {
  char digits[24];
  // Most weights and factors are whole numbers. (-0.0 is not: %g writes it "-0".)
  if (!std::signbit(x) && x < 1e4 && x == static_cast<double>(static_cast<int64_t>(x))) {
    const auto r = std::to_chars(digits, digits + sizeof digits, static_cast<int64_t>(x));
    out->append(digits, r.ptr);
    return;
  }
  if (!(x >= 0.1 && x < 1e4)) {  // small, large, negative or not finite: the general path (same text)
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 4);
    out->append(buf, r.ptr);
    return;
  }
  // Four significant digits: the number of decimals is 3 minus the exponent (x in [0.1, 1e4)).
  int decimals = x < 1 ? 4 : 3;
  for (double p = 10; p <= x && decimals > 0; p *= 10) --decimals;
  static constexpr long double kPow10[] = {1, 10, 100, 1e3, 1e4};
  // In long double, x times a power of ten up to 1e4 is exact, and rint rounds ties to even: the digits
  // are those of the exact binary value, rounded as printf rounds them.
  uint64_t v = static_cast<uint64_t>(std::rint(static_cast<long double>(x) * kPow10[decimals]));
  if (decimals == 0 && v >= 10000) {  // rounds up to 1e4, which %g writes as 1e+04
    append_g4(out, 1e4);
    return;
  }
  // Trailing zeros of the fraction are dropped, as %g does.
  while (decimals > 0 && v % 10 == 0) {
    v /= 10;
    --decimals;
  }
  const auto r = std::to_chars(digits, digits + sizeof digits, v);
  const size_t len = static_cast<size_t>(r.ptr - digits);
  const size_t d = static_cast<size_t>(decimals);
  if (d == 0) {
    out->append(digits, len);
  } else if (len > d) {
    out->append(digits, len - d).append(".").append(digits + (len - d), d);
  } else {
    out->append("0.").append(d - len, '0').append(digits, len);
  }
}

}  // namespace regscreen
