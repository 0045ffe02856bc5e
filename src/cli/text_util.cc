#include "cli/text_util.h"

#include <algorithm>

#include "normalize/encoding.h"

namespace regscreen::cli {
namespace {

// Start of the character before byte offset i (UTF-8 continuation bytes skipped back).
size_t prev_char(std::string_view s, size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

size_t next_char(std::string_view s, size_t i) {
  if (i >= s.size()) return s.size();
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

void append_display(std::string_view s, std::string* out) {
  for (char c : valid_utf8(s)) {
    if (c == '\n') {
      out->append("\xE2\x8F\x8E");  // ⏎
    } else if (c != '\r') {
      out->push_back(c);
    }
  }
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++p;
    } else {
      out.append(reinterpret_cast<const char*>(p), n);
      p += n;
    }
  }
  return out;
}

void append_csv_field(std::string_view field, std::string* out) {
  const bool quote = field.find_first_of(",\"\r\n\t") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    if (count_invalid_utf8(field)) {
      out->append(valid_utf8(field));
    } else {
      out->append(field);
    }
    return;
  }
  out->push_back('"');
  for (char c : valid_utf8(field)) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string snippet(std::string_view text, uint32_t start, uint32_t end, int context_chars) {
  start = std::min<uint32_t>(start, static_cast<uint32_t>(text.size()));
  end = std::clamp<uint32_t>(end, start, static_cast<uint32_t>(text.size()));
  size_t from = start;
  for (int i = 0; i < context_chars && from > 0; ++i) from = prev_char(text, from);
  size_t to = end;
  for (int i = 0; i < context_chars && to < text.size(); ++i) to = next_char(text, to);
  std::string out;
  if (from > 0) out.append("\xE2\x80\xA6");  // …
  append_display(text.substr(from, start - from), &out);
  out.append("\xE3\x80\x90");  // 【
  append_display(text.substr(start, end - start), &out);
  out.append("\xE3\x80\x91");  // 】
  append_display(text.substr(end, to - end), &out);
  if (to < text.size()) out.append("\xE2\x80\xA6");
  return out;
}

std::string_view field_label(Field f) {
  switch (f) {
    case Field::kName: return "企业名称";
    case Field::kScope: return "经营范围";
    case Field::kWebsite: return "网站名称";
  }
  return "?";
}

std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace regscreen::cli
