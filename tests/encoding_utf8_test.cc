// Strict UTF-8 decoding: every invalid byte is one U+FFFD, counted, and offsets stay exact.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "normalize/encoding.h"
#include "normalize/normalizer.h"

namespace regscreen {
namespace {

int decode(std::string_view s, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return decode_utf8(p, p + s.size(), cp);
}

// Reference definition: a byte sequence is valid UTF-8 iff it is the shortest encoding of a Unicode scalar
// value. Checks the decoder against it on every scalar value and on every 1-, 2- and 3-byte sequence
// (and 4-byte sequences built from boundary bytes).
TEST(EncodingUtf8, DecoderAcceptsExactlyTheShortestFormOfScalarValues) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    append_utf8(cp, &s);
    char32_t got;
    ASSERT_EQ(decode(s, &got), static_cast<int>(s.size()));
    ASSERT_EQ(got, cp);
  }
  auto check = [](const std::string& bytes) {
    char32_t got;
    const int n = decode(bytes, &got);
    if (n == 0) {
      EXPECT_EQ(got, kReplacementChar);
      // Must not be the shortest form of any scalar value: try all prefixes.
      for (size_t len = 1; len <= bytes.size(); ++len) {
        const std::string prefix = bytes.substr(0, len);
        // Reconstruct the value the prefix would encode, re-encode, compare.
        const auto b0 = static_cast<unsigned char>(prefix[0]);
        const size_t want = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
        if (want != len) continue;
        char32_t v = want == 1 ? b0 : want == 2 ? (b0 & 0x1F) : want == 3 ? (b0 & 0x0F) : (b0 & 0x07);
        for (size_t i = 1; i < len; ++i) v = (v << 6) | (static_cast<unsigned char>(prefix[i]) & 0x3F);
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) continue;
        std::string canonical;
        append_utf8(v, &canonical);
        EXPECT_NE(canonical, prefix) << "rejected a valid sequence";
      }
    } else {
      std::string canonical;
      append_utf8(got, &canonical);
      EXPECT_EQ(canonical, bytes.substr(0, static_cast<size_t>(n)));
      EXPECT_FALSE(got >= 0xD800 && got <= 0xDFFF);
    }
  };
  for (unsigned a = 0x80; a < 0x100; ++a) {
    check(std::string(1, static_cast<char>(a)));
    for (unsigned b = 0; b < 0x100; ++b) {
      const std::string two{static_cast<char>(a), static_cast<char>(b)};
      check(two);
      if (a >= 0xE0 && a <= 0xEF) {
        for (unsigned c = 0; c < 0x100; c += 0x0F) check(two + static_cast<char>(c));
      }
      if (a >= 0xF0 && a <= 0xF7) {
        for (unsigned c : {0x7Fu, 0x80u, 0xBFu, 0xC0u}) {
          for (unsigned d : {0x7Fu, 0x80u, 0xBFu, 0xC0u}) check(two + static_cast<char>(c) + static_cast<char>(d));
        }
      }
    }
  }
}

struct InvalidCase {
  const char* name;
  std::string bytes;
  uint32_t invalid;
};

TEST(EncodingUtf8, OverlongSurrogateTooLargeAndTruncatedAreInvalid) {
  const InvalidCase cases[] = {
      {"overlong 2-byte slash", "\xC0\xAF", 2},
      {"overlong 2-byte NUL", "\xC0\x80", 2},
      {"overlong 3-byte", "\xE0\x80\xAF", 3},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 4},
      {"surrogate D800", "\xED\xA0\x80", 3},
      {"surrogate DFFF", "\xED\xBF\xBF", 3},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 4},
      {"F5 lead", "\xF5\x80\x80\x80", 4},
      {"FF", "\xFF", 1},
      {"lone continuation", "\x80", 1},
      {"truncated 3-byte at end", "\xE7\x90", 2},
      {"truncated 4-byte at end", "\xF0\x9F\x98", 3},
      {"truncated then ASCII", "\xE7\x90" "a", 2},
  };
  for (const InvalidCase& c : cases) {
    EXPECT_EQ(count_invalid_utf8(c.bytes), c.invalid) << c.name;
    NormalizedText n;
    Normalizer::instance().normalize("理" + c.bytes + "财", &n);
    EXPECT_EQ(n.invalid_bytes, c.invalid) << c.name;
    // 理, one U+FFFD per invalid byte (each mapped to its own byte), then whatever was valid, then 财.
    ASSERT_GE(n.text.size(), 6u + 3u * c.invalid) << c.name;
    for (uint32_t i = 0; i < c.invalid; ++i) {
      const size_t at = 3 + 3 * i;
      EXPECT_EQ(n.text.substr(at, 3), "\uFFFD") << c.name;
      EXPECT_EQ(n.src_begin[at], 3 + i) << c.name;
      EXPECT_EQ(n.src_end[at + 2], 4 + i) << c.name;
    }
    const size_t cai = n.text.rfind("财");
    ASSERT_NE(cai, std::string::npos) << c.name;
    EXPECT_EQ(n.src_begin[cai], 3 + c.bytes.size()) << c.name;  // no shift
    EXPECT_EQ(n.src_end[cai + 2], 6 + c.bytes.size()) << c.name;
  }
}

TEST(EncodingUtf8, ByteThatCouldStartASequenceIsNotSwallowed) {
  // E7 90 is a truncated 理 (E7 90 86); the following E8 B4 A2 is 财 and must survive intact.
  const std::string text = "\xE7\x90\xE8\xB4\xA2";
  NormalizedText n;
  Normalizer::instance().normalize(text, &n);
  EXPECT_EQ(n.text, "\uFFFD\uFFFD财");
  EXPECT_EQ(n.invalid_bytes, 2u);
  EXPECT_EQ(n.src_begin[6], 2u);
  EXPECT_EQ(n.src_end[8], 5u);
}

TEST(EncodingUtf8, InvalidBytesNeverJoinAdjacentCharacters) {
  // An invalid byte stands for a character: it separates, unlike a zero-width space.
  EXPECT_EQ(Normalizer::instance().normalize("理\xFF财"), "理\uFFFD财");
  EXPECT_EQ(Normalizer::instance().normalize("理\u200B财"), "理财");
}

TEST(EncodingUtf8, RandomBytesNeverCrashAndOffsetsStayInBounds) {
  std::mt19937 rng(4242);
  NormalizedText n;
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 3 == 0 ? 0x80 | (rng() & 0x7F) : rng() & 0xFF);
    Normalizer::instance().normalize(bytes, &n);
    ASSERT_EQ(n.invalid_bytes, count_invalid_utf8(bytes));
    ASSERT_EQ(n.src_begin.size(), n.text.size());
    ASSERT_EQ(count_invalid_utf8(n.text), 0u) << "normalized text must be valid UTF-8";
    for (size_t i = 0; i < n.text.size(); ++i) {
      ASSERT_LT(n.src_begin[i], n.src_end[i]);
      ASSERT_LE(n.src_end[i], bytes.size());
      if (i > 0) {
        ASSERT_GE(n.src_begin[i], n.src_begin[i - 1]);
      }
    }
  }
}

TEST(EncodingUtf8, ToUtf8KeepsBytesAndDropsTheBom) {
  size_t invalid = 99;
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF理财", Encoding::kUtf8, &invalid), "理财");
  EXPECT_EQ(invalid, 0u);
  // Invalid bytes are kept for the normalizer to count; offsets stay those of the input.
  EXPECT_EQ(to_utf8("a\xFF" "b", Encoding::kUtf8), "a\xFF" "b");
  EXPECT_EQ(bom_length("\xEF\xBB\xBFx", Encoding::kUtf8), 3u);
  EXPECT_EQ(bom_length("x", Encoding::kUtf8), 0u);
}

}  // namespace
}  // namespace regscreen
