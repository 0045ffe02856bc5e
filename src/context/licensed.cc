#include "context/licensed.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <boost/algorithm/string.hpp>
#include <boost/tokenizer.hpp>
#include <fstream>
#include <sstream>

#include "normalize/normalizer.h"
#include "regscreen/screener.h"

namespace regscreen::context {
namespace {

std::string normalized_code(std::string_view code) {
  std::string c(code);
  boost::algorithm::trim(c);
  boost::algorithm::to_upper(c);
  return c;
}

// 统一社会信用代码 (GB 32100-2015) has 18 characters; older registration numbers (注册号) have 15 digits.
bool plausible_code(const std::string& c) {
  if (c.size() != 18 && c.size() != 15) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'); });
}

}  // namespace

LicensedList LicensedList::parse(std::string_view csv, const std::string& source) {
  LicensedList list;
  list.source_ = source;
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  std::vector<std::string> lines;
  boost::algorithm::split(lines, csv, boost::algorithm::is_any_of("\n"));
  int code_col = -1;
  int name_col = -1;
  using Tokenizer = boost::tokenizer<boost::escaped_list_separator<char>>;
  // Quoted fields ("a, b") are read; there is no escape character, because names may hold backslashes.
  const boost::escaped_list_separator<char> sep(std::string(), std::string(","), std::string("\""));
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i + 1);
    std::string line = lines[i];
    boost::algorithm::trim_right_if(line, boost::algorithm::is_any_of("\r"));
    if (boost::algorithm::trim_copy(line).empty() || boost::algorithm::starts_with(boost::algorithm::trim_copy(line), "#")) {
      continue;
    }
    if (std::count(line.begin(), line.end(), '"') % 2 != 0) throw PolicyError(source, line_no, "unterminated quote");
    std::vector<std::string> cols;
    try {
      Tokenizer tok(line, sep);
      for (std::string c : tok) {
        boost::algorithm::trim(c);
        cols.push_back(std::move(c));
      }
    } catch (const boost::escaped_list_error& e) {
      throw PolicyError(source, line_no, std::string("malformed CSV: ") + e.what());
    }
    if (code_col < 0 && name_col < 0) {  // the header
      for (size_t c = 0; c < cols.size(); ++c) {
        if (cols[c] == "credit_code" || cols[c] == "统一社会信用代码") code_col = static_cast<int>(c);
        if (cols[c] == "name" || cols[c] == "企业名称") name_col = static_cast<int>(c);
      }
      if (code_col < 0 && name_col < 0) {
        throw PolicyError(source, line_no,
                          "the header must name a credit_code (统一社会信用代码) or name (企业名称) column");
      }
      continue;
    }
    Entry e;
    e.line = line_no;
    if (code_col >= 0 && static_cast<size_t>(code_col) < cols.size()) e.credit_code = normalized_code(cols[code_col]);
    if (name_col >= 0 && static_cast<size_t>(name_col) < cols.size()) e.name = cols[name_col];
    if (e.credit_code.empty() && e.name.empty()) {
      throw PolicyError(source, line_no, "a row needs a credit code or a name");
    }
    if (!e.credit_code.empty() && !plausible_code(e.credit_code)) {
      throw PolicyError(source, line_no,
                        "\"" + e.credit_code + "\" is not a credit code (18 characters 0-9/A-Z, or a 15-digit 注册号)");
    }
    const size_t idx = list.entries_.size();
    if (!e.credit_code.empty()) list.by_code_.emplace(e.credit_code, idx);
    if (!e.name.empty()) {
      const std::string key = Normalizer::instance().normalize(e.name);
      if (key.empty()) throw PolicyError(source, line_no, "the name is empty after normalization");
      list.by_name_.emplace(key, idx);
    }
    list.entries_.push_back(std::move(e));
  }
  if (code_col < 0 && name_col < 0) throw PolicyError(source, 0, "no header line");
  return list;
}

LicensedList LicensedList::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw PolicyError(file.string(), 0, "cannot read the licensed-institution list");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

const LicensedList::Entry* LicensedList::find(std::string_view credit_code, std::string_view name) const {
  return find_normalized(credit_code, name.empty() || by_name_.empty() ? std::string() : Normalizer::instance().normalize(name));
}

const LicensedList::Entry* LicensedList::find_normalized(std::string_view credit_code,
                                                         std::string_view normalized_name) const {
  if (!credit_code.empty() && !by_code_.empty()) {
    // Trimmed and upper-cased in a stack buffer: a credit code is 15 or 18 characters, so a longer text
    // cannot be listed (codes are checked on load) and needs no lookup.
    std::string_view code = boost::algorithm::trim_copy(credit_code);
    char upper[24];
    if (code.size() <= sizeof upper) {
      for (size_t i = 0; i < code.size(); ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(code[i])));
      if (auto it = by_code_.find(std::string_view(upper, code.size())); it != by_code_.end()) return &entries_[it->second];
    }
  }
  if (!normalized_name.empty() && !by_name_.empty()) {
    if (auto it = by_name_.find(normalized_name); it != by_name_.end()) return &entries_[it->second];
  }
  return nullptr;
}

namespace {

// A RegexPattern is shared by all threads, but matching needs a RegexMatcher, whose creation allocates:
// each thread keeps one matcher per pattern and resets it on each name. An entry holds its pattern alive,
// so a matcher never outlives the pattern it points to; the cache is emptied when it grows past a bound
// (many screeners loaded over a thread's life).
class ThreadMatchers {
 public:
  icu::RegexMatcher* get(const std::shared_ptr<const icu::RegexPattern>& pattern) {
    for (Entry& e : entries_) {
      if (e.pattern == pattern) return e.matcher.get();
    }
    if (entries_.size() >= 256) entries_.clear();
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(status));
    if (U_FAILURE(status) || !m) return nullptr;
    entries_.push_back({pattern, std::move(m)});
    return entries_.back().matcher.get();
  }

 private:
  struct Entry {
    std::shared_ptr<const icu::RegexPattern> pattern;
    std::unique_ptr<icu::RegexMatcher> matcher;
  };
  std::vector<Entry> entries_;
};

}  // namespace

const LicensedRule* presume_licensed(const ContextRules& rules, const CodePoints& name, std::string_view name_utf8,
                                     const ScopeForLicence& scope, std::string* evidence) {
  thread_local ThreadMatchers matchers;
  thread_local icu::UnicodeString uname;  // the matchers keep a reference to their input
  thread_local std::vector<uint8_t> possible;  // per rule: its name_needs occur in the name
  possible.assign(rules.licensed.size(), 0);
  const WordSet& needs = rules.licensed_name_needs;
  for (size_t i = 0; i < name.size(); ++i) {
    needs.for_each_at(name.cps, i, [&](uint32_t w, uint32_t) { possible[rules.licensed_need_rule[w]] = 1; });
  }
  bool uname_ready = false;
  for (size_t r = 0; r < rules.licensed.size(); ++r) {
    const LicensedRule& rule = rules.licensed[r];
    if (!rule.name_needs.empty() && !possible[r]) continue;
    std::string found;
    if (rule.name) {
      if (!uname_ready) {
        uname = icu::UnicodeString::fromUTF8(icu::StringPiece(name_utf8.data(), static_cast<int32_t>(name_utf8.size())));
        uname_ready = true;
      }
      icu::RegexMatcher* m = matchers.get(rule.name);
      if (!m) continue;
      m->reset(uname);
      UErrorCode status = U_ZERO_ERROR;
      if (!m->find(status) || U_FAILURE(status)) continue;
      m->group(status).toUTF8String(found);
      found = "name \"" + found + "\"";
    }
    if (!rule.scope_any.empty()) {
      // The first of scope_any (in the rule's order) that occurs outside every negated span; the scope is
      // read once, and its spans are computed only when a licence text is found.
      if (!scope.text) continue;
      const std::u32string_view text = scope.text->cps;
      uint32_t cited = UINT32_MAX;
      for (size_t at = 0; at < text.size(); ++at) {
        if (!rule.scope_words.may_start_with(text[at])) continue;
        rule.scope_words.for_each_at(text, at, [&](uint32_t w, uint32_t) {
          if (w >= cited) return;
          if (!*scope.spans_ready) {
            scope.negation->find(*scope.text, scope.spans);
            *scope.spans_ready = true;
          }
          if (!scope.spans->governing(at)) cited = w;
        });
      }
      if (cited == UINT32_MAX) continue;
      found += (found.empty() ? "" : ", ") + std::string("scope \"") + rule.scope_display[cited] + "\"";
    }
    if (evidence) *evidence = std::move(found);
    return &rule;
  }
  return nullptr;
}

}  // namespace regscreen::context
