// The normalizer's fast paths (the loop over characters that fold to themselves, the offset map written
// four entries at a time into buffers that are not zero-filled, the text-only normalize_text) checked
// against a per-code-point reference built from the table's own list of changes (for_each_change) and the
// strict UTF-8 decoder: same text, same offset map, same invalid-byte count, on random text made of the
// pieces that take each path, cut at every kind of boundary, with buffers reused across calls.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "normalize/encoding.h"
#include "normalize/normalizer.h"

namespace regscreen {
namespace {

struct Reference {
  std::string text;
  std::vector<uint32_t> begin, end;
  uint32_t invalid = 0;
};

const std::map<char32_t, std::string>& changes() {
  static const auto m = [] {
    std::map<char32_t, std::string> out;
    Normalizer::instance().for_each_change([&](char32_t cp, std::string_view folded) { out.emplace(cp, folded); });
    return out;
  }();
  return m;
}

Reference reference(const std::string& in) {
  Reference r;
  const auto* const base = reinterpret_cast<const unsigned char*>(in.data());
  const auto* p = base;
  const auto* const end = base + in.size();
  while (p < end) {
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    const uint32_t off = static_cast<uint32_t>(p - base);
    const uint32_t used = n == 0 ? 1 : static_cast<uint32_t>(n);
    std::string out;
    if (n == 0) {
      out = "\xEF\xBF\xBD";
      ++r.invalid;
    } else if (const auto it = changes().find(cp); it != changes().end()) {
      out = it->second;
    } else if (cp == 0) {
      out = "";  // NUL is dropped (the ASCII table cannot hold it)
    } else {
      out.assign(reinterpret_cast<const char*>(p), used);
    }
    for (size_t i = 0; i < out.size(); ++i) {
      r.begin.push_back(off);
      r.end.push_back(off + used);
    }
    r.text += out;
    p += used;
  }
  return r;
}

std::string random_text(std::mt19937& rng, size_t pieces) {
  static const std::vector<std::string> kPieces = {
      "a", "Z", "0", " ", "-", "_", std::string(1, '\0'), "\t", "P2P", "abcdefgh",  // ASCII: kept, folded, dropped
      "金融", "投资管理", "有限公司", "经营范围", "的", "鑫",                           // CJK that stays
      "、", "，", "；", "（", "）", "“", "”", "…", "—",                               // punctuation
      "資產", "網絡", "理財", "谘",                                                  // Traditional and variants
      "Ｐ", "２", "㈱", "⑵", "㍿", "\u200b", "\u3000", "\u00b7", "é", "Ω", "Р",      // folds, joiners, other scripts
      "\U0001F600", "\U00020000",                                                 // 4-byte sequences
      "\xE0\x80\x80", "\xED\xA0\x80", "\xC0\xAF", "\x80", "\xFF", "\xE9\x87", "\xE9"};  // invalid and cut off
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1);
  std::string s;
  for (size_t i = 0; i < pieces; ++i) s += kPieces[pick(rng)];
  return s;
}

TEST(NormalizerFastPath, MatchesThePerCodePointReferenceOnRandomText) {
  std::mt19937 rng(20160708);
  NormalizedText reused;
  std::string text_only;
  for (int round = 0; round < 4000; ++round) {
    // Lengths from empty to long, so that the buffers grow, shrink and are reused with stale contents.
    const size_t pieces = round % 50 == 0 ? 2000 : round % 7;
    std::string in = random_text(rng, pieces);
    // Also cut at an arbitrary byte, which may split a sequence at the end of the text.
    if (!in.empty() && round % 3 == 0) in.resize(rng() % in.size());
    const Reference want = reference(in);
    Normalizer::instance().normalize(in, &reused);
    ASSERT_EQ(reused.text, want.text) << round;
    ASSERT_EQ(reused.src_begin, want.begin) << round;
    ASSERT_EQ(reused.src_end, want.end) << round;
    ASSERT_EQ(reused.invalid_bytes, want.invalid) << round;
    Normalizer::instance().normalize_text(in, &text_only);
    ASSERT_EQ(text_only, want.text) << round;
    ASSERT_EQ(Normalizer::instance().normalize(in), want.text) << round;
  }
}

TEST(NormalizerFastPath, LongRunsOfCharactersThatStayAndTheirMap) {
  // A run longer than the first buffer estimate's slack, then a character that folds: the run's map must
  // end exactly where the folded character's begins.
  std::string in;
  for (int i = 0; i < 3000; ++i) in += i % 11 == 0 ? "a" : "金";
  in += "資";
  NormalizedText n;
  Normalizer::instance().normalize(in, &n);
  const Reference want = reference(in);
  EXPECT_EQ(n.text, want.text);
  EXPECT_EQ(n.src_begin, want.begin);
  EXPECT_EQ(n.src_end, want.end);
  ASSERT_GE(n.text.size(), 3u);
  EXPECT_EQ(n.text.substr(n.text.size() - 3), "资");
  EXPECT_EQ(n.src_begin.back(), in.size() - 3);
  EXPECT_EQ(n.src_end.back(), in.size());
}

}  // namespace
}  // namespace regscreen
