// append_json_string: RFC 8259 escaping, valid UTF-8 copied as it is, each invalid byte written as U+FFFD.
// Checked on hand cases and against a character-by-character reference on random bytes (the function
// copies whole runs at once for speed, so the reference guards the run boundaries).
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "regscreen/json.h"

namespace regscreen {
namespace {

std::string json(std::string_view s) {
  std::string out;
  append_json_string(s, &out);
  return out;
}

// Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlongs, surrogates or values past
// U+10FFFF), or 0.
size_t utf8_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t left = s.size() - i;
  const auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if ((c == 0xE0 && b(i + 1) < 0xA0) || (c == 0xED && b(i + 1) >= 0xA0)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if ((c == 0xF0 && b(i + 1) < 0x90) || (c == 0xF4 && b(i + 1) >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

std::string reference(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t";
      ++i;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      ++i;
    } else if (const size_t n = utf8_length(s, i)) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out + "\"";
}

TEST(JsonString, Cases) {
  EXPECT_EQ(json(""), "\"\"");
  EXPECT_EQ(json("abc"), "\"abc\"");
  EXPECT_EQ(json("某某理财咨询有限公司"), "\"某某理财咨询有限公司\"");
  EXPECT_EQ(json("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(json("x\ny\rz\t"), "\"x\\ny\\rz\\t\"");
  EXPECT_EQ(json(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(json("理\xFF财"), "\"理\xEF\xBF\xBD财\"");
  EXPECT_EQ(json("\xE7\x90"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a cut-off sequence: two bad bytes
  EXPECT_EQ(json("\xC0\xA0"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  EXPECT_EQ(json("😀"), "\"😀\"");
}

TEST(JsonString, MatchesCharacterByCharacterReference) {
  const std::string pieces[] = {"a", "\"", "\\", "\n", "\x01", "\x7f", "理", "财", "😀", "\xFF", "\x80", "\xE7\x90",
                                "\xED\xA0\x80", "\xF4\x90\x80\x80", " ", "，"};
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int n = static_cast<int>(rng() % 12); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(json(s), reference(s)) << s;
  }
}

// Mostly printable ASCII with the bytes next to the special ones (0x1f/0x20, 0x21/0x22/0x23, 0x5b/0x5c/0x5d,
// 0x7f/0x80) and CJK leads next to the invalid ones (E0, ED, F0): the function copies eight plain ASCII
// bytes at a time and CJK sequences without a full check, so every 8-byte window and lead matters.
TEST(JsonString, WordAtATimeRunsMatchReference) {
  const std::string bytes = std::string("\x1f\x20\x21\x22\x23\x5b\x5c\x5d\x7e\x7f\x80\x00", 12) + "aZ09_-:";
  const std::string leads[] = {"理", "财", "\xE0\xA0\x80", "\xE0\x80\x80", "\xED\x9F\xBF", "\xED\xA0\x80",
                               "\xEF\xBF\xBD", "\xE1\x80", "\xF0\x9F\x98\x80"};
  std::mt19937 rng(8);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) {
      const uint32_t r = rng() % 16;
      if (r < 10) {
        s += static_cast<char>('a' + rng() % 26);
      } else if (r < 14) {
        s += bytes[rng() % bytes.size()];
      } else {
        s += leads[rng() % std::size(leads)];
      }
    }
    ASSERT_EQ(json(s), reference(s)) << s;
  }
}

// Strings longer than the writer's per-thread buffer (16 KiB, at 6 output bytes per input byte) take
// another path, and rows longer than it are written in several pieces: both must give the same text.
TEST(JsonString, LongStringsMatchReference) {
  const std::string pieces[] = {"a", "\"", "\\", "\n", "\x01", "理", "财", "😀", "\xFF", "\xE7\x90", "abcdefgh"};
  std::mt19937 rng(9);
  for (const size_t target : {2000u, 2731u, 2800u, 20000u, 100000u}) {
    std::string s;
    while (s.size() < target) s += pieces[rng() % std::size(pieces)];
    std::string out = "[";  // appended to, not replaced
    append_json_string(s, &out);
    ASSERT_EQ(out, "[" + reference(s)) << "size " << s.size();
  }
}

TEST(JsonRow, ManyHitsAndLongTextsParseBack) {
  Result r;
  r.decision = Decision::kRefer;
  r.score = 87;
  r.categories = {"asset_management", "p2p_lending"};
  r.explanation = std::string(30000, 'x') + "\"理财\"";
  for (uint32_t i = 0; i < 3000; ++i) {
    Hit& h = r.hits.emplace_back();
    h.term = "理财";
    h.category = "wealth_management";
    h.field = i % 2 ? Field::kScope : Field::kName;
    h.start = i * 6;
    h.end = i * 6 + 6;
    h.text = "理\x01财";
    h.status = HitStatus::kNegated;
    h.name_part = i % 2 ? NamePart::kNone : NamePart::kIndustry;
    h.weight = i / 7.0;
    h.reason = "negated: inside \"不得从事理财\" (cue 不得) " + std::to_string(i);
  }
  r.hits[5].reason.assign(5000, 'r');  // a hit too long for the writer's one-check path
  r.hits[5].reason += "\\理";
  r.hits[6].status = static_cast<HitStatus>(9);  // out of range: written as to_string() names it ("?")
  std::string row = "prefix";
  append_json(r, "id-1", &row);
  ASSERT_EQ(row.substr(0, 6), "prefix");
  const nlohmann::json j = nlohmann::json::parse(row.substr(6));
  EXPECT_EQ(j["id"], "id-1");
  EXPECT_EQ(j["decision"], "refer");
  EXPECT_EQ(j["score"], 87);
  EXPECT_EQ(j["explanation"], r.explanation);
  ASSERT_EQ(j["hits"].size(), r.hits.size());
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const nlohmann::json& h = j["hits"][i];
    ASSERT_EQ(h["text"], r.hits[i].text) << i;
    ASSERT_EQ(h["field"], to_string(r.hits[i].field)) << i;
    ASSERT_EQ(h["status"], to_string(r.hits[i].status)) << i;
    if (r.hits[i].name_part != NamePart::kNone) {
      ASSERT_EQ(h["name_part"], to_string(r.hits[i].name_part)) << i;
    }
    ASSERT_EQ(h["end"], r.hits[i].end) << i;
    ASSERT_EQ(h["start"], r.hits[i].start) << i;
    ASSERT_EQ(h["reason"], r.hits[i].reason) << i;
    ASSERT_EQ(h.contains("name_part"), r.hits[i].name_part != NamePart::kNone) << i;
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.4g", r.hits[i].weight);
    ASSERT_EQ(h["weight"].dump(), weight) << i;
  }
  EXPECT_FALSE(j.contains("warnings"));
}

}  // namespace
}  // namespace regscreen
