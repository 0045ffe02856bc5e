// Small text helpers of the CLI's human-facing output: CSV quoting, U+FFFD for invalid UTF-8, a hit shown in
// its context, field labels, thousands separators.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "regscreen/screener.h"

namespace regscreen::cli {

// Appends `field` to *out as one RFC 4180 CSV field (quoted when it holds a delimiter, quote, CR or LF, or
// starts or ends with a space). Invalid UTF-8 is written as U+FFFD, so that output files are valid UTF-8.
void append_csv_field(std::string_view field, std::string* out);

// `s` with every invalid UTF-8 byte replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

// The original text around [start, end): up to `context_chars` characters either side, the hit marked with
// 【】, cut ends shown as …, line breaks shown as ⏎.  "…提供【理财】咨询服务…"
std::string snippet(std::string_view text, uint32_t start, uint32_t end, int context_chars = 8);

// Chinese label of a field as registry staff name it: 企业名称, 经营范围, 网站名称.
std::string_view field_label(Field f);

// 1234567 -> "1,234,567".
std::string with_commas(uint64_t n);

}  // namespace regscreen::cli
