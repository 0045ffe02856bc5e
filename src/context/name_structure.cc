#include "context/name_structure.h"

#include <algorithm>

namespace regscreen::context {
namespace {

bool is_open_bracket(char32_t c) { return c == U'(' || c == U'[' || c == U'【' || c == U'〔'; }
bool is_close_bracket(char32_t c) { return c == U')' || c == U']' || c == U'】' || c == U'〕'; }

// Longest word of `words` occurring at i and ending at or before `limit`.
uint32_t word_at(const CodePoints& t, uint32_t i, uint32_t limit, const WordSet& words) {
  return words.longest_at(t.cps, i, limit);
}

// Longest word of `words` ending at k and starting at or after `floor`.
uint32_t word_ending_at(const CodePoints& t, uint32_t k, uint32_t floor, const WordSet& words) {
  return words.longest_ending_at(t.cps, k, floor);
}

std::string_view part_label(NamePart p) {
  switch (p) {
    case NamePart::kRegion: return "region";
    case NamePart::kTradeName: return "trade";
    case NamePart::kIndustry: return "industry";
    case NamePart::kLegalForm: return "legal_form";
    case NamePart::kNone: return "none";
  }
  return "?";
}

}  // namespace

NameParser::NameParser(const NameVocabulary& vocabulary)
    : v_(vocabulary),
      unit_forms_(vocabulary.unit_forms),
      regions_(vocabulary.regions),
      region_suffixes_(vocabulary.region_suffixes),
      short_region_suffixes_(vocabulary.short_region_suffixes),
      industry_words_(vocabulary.industry_words) {}

NamePart NameParse::part_of(size_t begin, size_t end, bool* straddles, uint8_t* unit) const {
  NamePart first = NamePart::kNone;
  bool seen[5] = {};
  for (const NameSegment& s : segments) {
    if (s.end <= begin || s.begin >= end) continue;
    if (first == NamePart::kNone) {
      first = s.part;
      if (unit) *unit = s.unit;
    }
    seen[static_cast<int>(s.part)] = true;
  }
  const int body_parts = seen[static_cast<int>(NamePart::kRegion)] + seen[static_cast<int>(NamePart::kTradeName)] +
                         seen[static_cast<int>(NamePart::kIndustry)];
  if (straddles) *straddles = body_parts > 1;
  return first;
}

uint32_t NameParse::form_begin(uint8_t unit) const {
  for (const NameSegment& s : segments) {
    if (s.unit == unit && s.part == NamePart::kLegalForm) return s.begin;
  }
  return UINT32_MAX;
}

std::string NameParse::describe(const CodePoints& name) const {
  std::string out;
  for (size_t i = 0; i < segments.size(); ++i) {
    const NameSegment& s = segments[i];
    if (i) out += (s.unit != segments[i - 1].unit) ? " | " : " ";
    out += part_label(s.part);
    out += ':';
    out += to_utf8(std::u32string_view(name.cps).substr(s.begin, s.end - s.begin));
  }
  return out;
}

bool NameParser::industry_words_only(const CodePoints& t, uint32_t begin, uint32_t end) const {
  uint32_t k = end;
  while (k > begin) {
    const uint32_t len = word_ending_at(t, k, begin, industry_words_);
    if (!len) return false;
    k -= len;
  }
  return true;
}

NamePart NameParser::locate(const CodePoints& t, const NameParse& parse, size_t begin, size_t end,
                            bool* straddles, uint8_t* unit) const {
  bool cross = false;
  NamePart part = parse.part_of(begin, end, &cross, unit);
  if (cross && part == NamePart::kTradeName) {
    for (const NameSegment& s : parse.segments) {
      if (s.part == NamePart::kIndustry && s.begin < end && end <= s.end && s.begin > begin &&
          industry_words_only(t, static_cast<uint32_t>(end), s.end)) {
        cross = false;
        part = NamePart::kIndustry;
        break;
      }
    }
  }
  if (straddles) *straddles = cross;
  return part;
}

bool NameParser::is_region(std::u32string_view s) const {
  if (s.empty()) return false;
  for (const std::u32string& r : v_.regions) {
    if (s == r) return true;
    if (s.size() > r.size() && s.substr(0, r.size()) == r) {
      const std::u32string_view rest = s.substr(r.size());
      if (std::find(v_.region_suffixes.begin(), v_.region_suffixes.end(), rest) != v_.region_suffixes.end()) return true;
    }
  }
  for (const std::u32string& suf : v_.region_suffixes) {
    if (s.size() > suf.size() && s.size() - suf.size() <= static_cast<size_t>(v_.max_region_chars) &&
        s.substr(s.size() - suf.size()) == suf) {
      return true;
    }
  }
  return false;
}

uint32_t NameParser::region_at(const CodePoints& t, uint32_t i, uint32_t limit, bool listed_ok) const {
  if (const uint32_t len = word_at(t, i, limit, regions_)) {
    const uint32_t suf = word_at(t, i + len, limit, region_suffixes_);
    if (listed_ok || suf) return len + suf;
  }
  // A short token ending in a suffix: 江门市, 宝安区, 伊犁州. The shortest such token wins; a suffix that
  // follows at once is taken too (万州 + 区). A single character takes only the short suffixes (沛县), and a
  // suffix character inside an ordinary word (集贸市场, 超市) is no suffix.
  for (uint32_t len = 1; len <= static_cast<uint32_t>(v_.max_region_chars) && i + len < limit; ++len) {
    uint32_t suf = word_at(t, i + len, limit, len == 1 ? short_region_suffixes_ : region_suffixes_);
    if (!suf || inside_ordinary_word(t, i + len)) continue;
    while (const uint32_t more = word_at(t, i + len + suf, limit, region_suffixes_)) {
      if (inside_ordinary_word(t, i + len + suf)) break;
      suf += more;
    }
    return len + suf;
  }
  return 0;
}

bool NameParser::inside_ordinary_word(const CodePoints& t, uint32_t i) const {
  for (const std::u32string& w : v_.not_region_words) {
    for (uint32_t k = 0; k < w.size() && k <= i; ++k) {
      if (w[k] == t.cps[i] && t.has_at(i - k, w)) return true;
    }
  }
  return false;
}

void NameParser::parse_unit(const CodePoints& t, uint32_t begin, uint32_t form, uint32_t end, uint8_t unit,
                            NameParse* out) const {
  std::vector<NameSegment> segs;
  auto add = [&](uint32_t b, uint32_t e, NamePart p) {
    if (b < e) segs.push_back({b, e, p, unit});
  };
  // Leading regions: 广东省深圳市, 北京, 江门市. Only the first may be a listed name without suffix, so
  // that a trade name such as 金华 after 江门市 is not read as a second region.
  uint32_t pos = begin;
  for (bool first = true;; first = false) {
    const uint32_t len = region_at(t, pos, form, first);
    if (!len) break;
    add(pos, pos + len, NamePart::kRegion);
    pos += len;
  }
  // Backwards from the form: a trailing region ((中国)有限公司, 中国有限公司), then industry words, with
  // bracketed regions ((北京)) and bracketed industry words ((咨询)) read through.
  uint32_t k = form;
  auto bracket_group = [&](uint32_t close) -> uint32_t {  // index of the matching opener, or close if none
    for (uint32_t j = close; j-- > pos;) {
      if (is_open_bracket(t.cps[j])) return j;
      if (is_close_bracket(t.cps[j])) break;
    }
    return close;
  };
  uint32_t industry_end = k;
  bool trailing = true;  // still at the end: a listed region here is a trailing region
  while (k > pos) {
    if (is_close_bracket(t.cps[k - 1])) {
      const uint32_t open = bracket_group(k - 1);
      if (open == k - 1) break;
      const std::u32string_view inner = std::u32string_view(t.cps).substr(open + 1, k - 1 - open - 1);
      if (is_region(inner)) {
        add(open, k, NamePart::kRegion);
        if (trailing) industry_end = open;
        k = open;
        continue;
      }
      // Industry words in brackets: 投资(咨询).
      uint32_t j = k - 1;
      while (j > open + 1) {
        const uint32_t len = word_ending_at(t, j, open + 1, industry_words_);
        if (!len) break;
        j -= len;
      }
      if (j != open + 1) break;
      k = open;
      trailing = false;
      continue;
    }
    if (trailing) {
      if (const uint32_t len = word_ending_at(t, k, pos, regions_); len && k - len > pos) {
        add(k - len, k, NamePart::kRegion);
        k -= len;
        industry_end = k;
        trailing = false;
        continue;
      }
    }
    const uint32_t len = word_ending_at(t, k, pos, industry_words_);
    if (!len) break;
    k -= len;
    trailing = false;
  }
  add(pos, k, NamePart::kTradeName);
  // The industry part: [k, industry_end) minus bracketed regions inside it, already added.
  std::vector<NameSegment> regions_inside;
  for (const NameSegment& s : segs) {
    if (s.part == NamePart::kRegion && s.begin >= k && s.end <= industry_end) regions_inside.push_back(s);
  }
  uint32_t cursor = k;
  std::sort(regions_inside.begin(), regions_inside.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  for (const NameSegment& r : regions_inside) {
    add(cursor, r.begin, NamePart::kIndustry);
    cursor = r.end;
  }
  add(cursor, industry_end, NamePart::kIndustry);
  add(form, end, NamePart::kLegalForm);
  std::sort(segs.begin(), segs.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  out->segments.insert(out->segments.end(), segs.begin(), segs.end());
}

void NameParser::parse(const CodePoints& t, NameParse* out) const {
  out->segments.clear();
  const uint32_t n = static_cast<uint32_t>(t.size());
  uint32_t unit_begin = 0;
  uint8_t unit = 0;
  // Units end at unit forms wherever they stand (the earliest start wins, then the longest form).
  for (uint32_t i = 0; i < n;) {
    const uint32_t len = i > unit_begin ? word_at(t, i, n, unit_forms_) : 0;
    if (!len) {
      ++i;
      continue;
    }
    parse_unit(t, unit_begin, i, i + len, unit, out);
    if (unit < 255) ++unit;
    i += len;
    unit_begin = i;
  }
  if (unit_begin < n) {
    // The last unit: a final form (厂, 店, 所) only counts at the very end.
    uint32_t form = n;
    for (const std::u32string& f : v_.final_forms) {
      if (n - unit_begin > f.size() && t.has_ending_at(n, f)) {
        form = n - static_cast<uint32_t>(f.size());
        break;
      }
    }
    parse_unit(t, unit_begin, form, n, unit, out);
  }
}

}  // namespace regscreen::context
