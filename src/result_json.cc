// JSON serialization of results (the output contract in include/regscreen/json.h).
// Hand-written rather than nlohmann::json because bulk screening writes tens of millions of rows and a
// DOM per row would cost more than screening the row.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "regscreen/json.h"
#include "score/number_text.h"

namespace regscreen {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are invalid).
size_t valid_utf8_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t left = s.size() - i;
  const auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

// Whether the 8 bytes at p are all printable ASCII other than " and \ (copied as they are). Bit tricks on
// one 64-bit word: a byte's high bit is set in `less` if it is below 0x20, in `zero(...)` if it equals the
// byte compared with; exact as a whole when no byte has its own high bit set, which is tested first.
bool plain_ascii8(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const auto zero = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t less = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | less | zero(w ^ (kOnes * '"')) | zero(w ^ (kOnes * '\\'))) == 0;
}

void append_string_array(const std::vector<std::string>& items, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out->push_back(',');
    append_json_string(items[i], out);
  }
  out->push_back(']');
}

void append_uint(uint32_t v, std::string* out) {
  char digits[10];
  out->append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}

void append_key(std::string_view key, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

}  // namespace

void append_json_string(std::string_view s, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // The longest run that is copied as it is (printable ASCII but " and \, and valid UTF-8 sequences),
    // appended at once: most text is one run.
    const size_t run = i;
    while (i < s.size()) {
      const unsigned char c = p[i];
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++i;
        // After a plain ASCII byte, eight at a time (category ids, the ASCII words of reasons); not after
        // CJK, where the word test would fail every time.
        while (s.size() - i >= 8 && plain_ascii8(p + i)) i += 8;
      } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && s.size() - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
                 (p[i + 2] & 0xC0) == 0x80) {
        i += 3;  // CJK: after these leads any two continuation bytes are valid (no overlong, no surrogate)
      } else if (const size_t n = c >= 0x80 ? valid_utf8_length(s, i) : 0) {
        i += n;
      } else {
        break;
      }
    }
    out->append(s.data() + run, i - run);
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out->append("\\\""); ++i; continue;
      case '\\': out->append("\\\\"); ++i; continue;
      case '\n': out->append("\\n"); ++i; continue;
      case '\r': out->append("\\r"); ++i; continue;
      case '\t': out->append("\\t"); ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
      ++i;
      continue;
    }
    out->append("\xEF\xBF\xBD");  // U+FFFD for each invalid byte (the run above took every valid one)
    ++i;
  }
  out->push_back('"');
}

void append_json(const Result& r, std::string_view id, std::string* out) {
  out->append("{\"id\":");
  append_json_string(id, out);
  out->append(",\"decision\":");
  append_json_string(to_string(r.decision), out);
  out->append(",\"score\":");
  out->append(std::to_string(r.score));
  out->push_back(',');
  append_key("categories", out);
  append_string_array(r.categories, out);
  out->push_back(',');
  append_key("regulators", out);
  append_string_array(r.regulators, out);
  out->push_back(',');
  append_key("explanation", out);
  append_json_string(r.explanation, out);
  out->append(",\"hits\":[");
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const Hit& h = r.hits[i];
    if (i) out->push_back(',');
    out->append("{\"term\":");
    append_json_string(h.term, out);
    out->append(",\"category\":");
    append_json_string(h.category, out);
    // Enumerators' names and numbers need no escaping.
    out->append(",\"field\":\"").append(to_string(h.field));
    out->append("\",\"start\":");
    append_uint(h.start, out);
    out->append(",\"end\":");
    append_uint(h.end, out);
    out->append(",\"text\":");
    append_json_string(h.text, out);
    out->append(",\"status\":\"").append(to_string(h.status)).push_back('"');
    if (h.name_part != NamePart::kNone) {
      out->append(",\"name_part\":\"").append(to_string(h.name_part)).push_back('"');
    }
    // As printf's %.4g, without its (or std::to_chars's general format's) cost: a measurable share of a
    // row with many hits.
    out->append(",\"weight\":");
    append_g4(out, h.weight);
    out->append(",\"reason\":");
    append_json_string(h.reason, out);
    out->push_back('}');
  }
  out->push_back(']');
  if (!r.warnings.empty()) {
    out->push_back(',');
    append_key("warnings", out);
    append_string_array(r.warnings, out);
  }
  out->push_back('}');
}

void append_error_json(std::string_view id, uint64_t line, std::string_view reason, std::string* out) {
  out->append("{\"id\":");
  append_json_string(id, out);
  out->append(",\"decision\":\"error\",\"score\":0,\"categories\":[],\"regulators\":[],\"hits\":[],\"line\":");
  out->append(std::to_string(line));
  out->append(",\"error\":");
  append_json_string(reason, out);
  out->push_back('}');
}

}  // namespace regscreen
