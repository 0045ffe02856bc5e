#include "hits_json.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace regscreen::python {

namespace {

void append_u16_escape(uint32_t unit, std::string* out) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(unit));
  out->append(buf, 6);
}

// Length of the UTF-8 sequence starting at s[i] if it is well formed, treating ED A0..BF xx (an encoded
// surrogate) as well formed too; 0 if it is not.
size_t sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void append_json_str(std::string_view s, std::string* out) {
  out->push_back('"');
  // Bytes that need no escaping (printable ASCII other than " and \, well-formed UTF-8 other than encoded
  // surrogates) are copied a run at a time: hit texts and reasons are mostly CJK.
  size_t run = 0;
  const auto flush = [&](size_t end) { out->append(s.data() + run, end - run); };
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      flush(i);
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default: append_u16_escape(c, out);
      }
      run = ++i;
      continue;
    }
    const size_t len = sequence_length(s, i);
    if (len == 0) {
      flush(i);
      out->append("\\ufffd");
      run = ++i;
      continue;
    }
    if (len == 3 && c == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
      flush(i);
      const uint32_t unit = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                            (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      append_u16_escape(unit, out);
      run = i + len;
    }
    i += len;
  }
  flush(s.size());
  out->push_back('"');
}

void append_hits_json(const std::vector<PyHit>& hits, std::string* out) {
  const auto key = [&](std::string_view k, bool first = false) {
    if (!first) out->push_back(',');
    out->push_back('"');
    out->append(k);
    out->append("\":");
  };
  const auto number = [&](auto v) {
    char buf[32];
    const auto result = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
    out->append(buf, result.ptr);
  };
  out->push_back('[');
  for (size_t i = 0; i < hits.size(); ++i) {
    const PyHit& h = hits[i];
    if (i) out->push_back(',');
    out->push_back('{');
    key("term", true);
    append_json_str(h.hit.term, out);
    key("category");
    append_json_str(h.hit.category, out);
    key("field");
    append_json_str(to_string(h.hit.field), out);
    key("start");
    number(h.start);
    key("end");
    number(h.end);
    key("byte_start");
    number(h.hit.start);
    key("byte_end");
    number(h.hit.end);
    key("text");
    append_json_str(h.hit.text, out);
    key("status");
    append_json_str(to_string(h.hit.status), out);
    key("name_part");
    append_json_str(to_string(h.hit.name_part), out);
    key("weight");
    number(h.hit.weight);
    key("reason");
    append_json_str(h.hit.reason, out);
    out->push_back('}');
  }
  out->push_back(']');
}

}  // namespace regscreen::python
