// append_g4 must write exactly what printf("%.4g") writes: hit weights in JSON rows and the numbers in
// Hit::reason are part of the output contract, and the fast path rounds by itself. Checked against
// snprintf on the values that occur (term weights 1..100 times factors), on every boundary where the
// number of decimals changes or rounding carries, and on random doubles.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "score/number_text.h"

namespace regscreen {
namespace {

std::string g4(double x) {
  std::string out = "prefix:";
  append_g4(&out, x);
  return out.substr(7);
}

std::string printf_g4(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

// Counts mismatches (and reports the first few) rather than failing on each, to keep output short.
struct Checker {
  int failures = 0;
  long checked = 0;
  void operator()(double x) {
    ++checked;
    const std::string got = g4(x);
    const std::string want = printf_g4(x);
    if (got != want && ++failures <= 10) ADD_FAILURE() << "x=" << x << " (bits " << std::hexfloat << x << std::defaultfloat
                                                       << "): got " << got << ", printf " << want;
  }
};

TEST(AppendG4, HandCases) {
  EXPECT_EQ(g4(30), "30");
  EXPECT_EQ(g4(7.5), "7.5");
  EXPECT_EQ(g4(0.09), "0.09");
  EXPECT_EQ(g4(0.1234567), "0.1235");
  EXPECT_EQ(g4(12345), "1.234e+04");
  EXPECT_EQ(g4(9999.5), "1e+04");
  EXPECT_EQ(g4(0), "0");
  EXPECT_EQ(g4(-0.0), "-0");
  EXPECT_EQ(g4(-2.5), "-2.5");
}

TEST(AppendG4, WeightsTimesFactors) {
  Checker check;
  for (int w = 0; w <= 100; ++w) {
    for (int f = 0; f <= 10000; ++f) {
      const double factor = f / 10000.0;
      check(w * factor);
      check(std::clamp(w * factor * 0.3, 0.0, 100.0));
    }
  }
  EXPECT_EQ(check.failures, 0) << "of " << check.checked;
}

TEST(AppendG4, Boundaries) {
  Checker check;
  // Where the exponent changes and where the fourth digit's rounding carries into a new digit.
  for (double p : {1e-5, 1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0, 1e4, 1e5}) {
    for (double m : {1.0, 0.99995, 0.999949999, 0.9999500001, 9.9995 / 10}) {
      double x = p * m;
      for (int k = 0; k < 64; ++k) {
        check(x);
        check(-x);
        x = std::nextafter(x, 0.0);
      }
      x = p * m;
      for (int k = 0; k < 64; ++k) {
        check(x);
        x = std::nextafter(x, 1e300);
      }
    }
  }
  // Exact ties at the fifth significant digit, in every decade of the fast path.
  for (int v = 10000; v < 100000; ++v) {
    for (double scale : {1e-5, 1e-4, 1e-3, 1e-2, 1e-1}) check((v + 0.5) * scale);
  }
  check(std::numeric_limits<double>::infinity());
  check(-std::numeric_limits<double>::infinity());
  check(std::numeric_limits<double>::quiet_NaN());
  check(std::numeric_limits<double>::denorm_min());
  check(std::numeric_limits<double>::max());
  EXPECT_EQ(check.failures, 0) << "of " << check.checked;
}

TEST(AppendG4, RandomValues) {
  Checker check;
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> in_range(0.0, 10000.0);
  std::uniform_real_distribution<double> exponent(-8.0, 8.0);
  for (int i = 0; i < 1000000; ++i) {
    check(in_range(rng));
    check(std::pow(10.0, exponent(rng)));
    check(std::round(in_range(rng) * 100) / 1000);  // few decimals, like configured factors
  }
  EXPECT_EQ(check.failures, 0) << "of " << check.checked;
}

}  // namespace
}  // namespace regscreen
