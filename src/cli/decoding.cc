#include "cli/decoding.h"

#include <locale>

#include <boost/algorithm/string/case_conv.hpp>

#include "normalize/encoding.h"

namespace regscreen::cli {

std::string_view to_string(InputEncoding e) { return e == InputEncoding::kUtf8 ? "utf-8" : "gb18030"; }

std::optional<InputEncoding> parse_encoding_name(std::string_view name) {
  std::string n(name);
  boost::algorithm::to_lower(n, std::locale::classic());
  if (n == "utf-8" || n == "utf8") return InputEncoding::kUtf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return InputEncoding::kGb18030;
  return std::nullopt;
}

InputEncoding detect_input_encoding(std::string_view sample) {
  return detect_encoding(sample) == Encoding::kGb18030 ? InputEncoding::kGb18030 : InputEncoding::kUtf8;
}

bool gb18030_to_utf8(std::string_view in, std::string* out, std::string* problem) {
  const size_t invalid = regscreen::gb18030_to_utf8(in, out);
  if (invalid == 0) return true;
  *problem = std::to_string(invalid) + " undecodable byte sequence" + (invalid == 1 ? "" : "s");
  return false;
}

}  // namespace regscreen::cli
