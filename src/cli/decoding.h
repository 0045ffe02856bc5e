// Input encodings of the CLI: UTF-8 (with or without a byte-order mark) and GB18030 (which covers GBK and
// GB2312), detected from a sample of the input or named with --encoding. Inputs are decoded line by line:
// in both encodings the bytes '\n', ',', '\t' and '"' never occur inside a multi-byte character, so
// physical lines can be found before decoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace regscreen::cli {

enum class InputEncoding { kUtf8, kGb18030 };

std::string_view to_string(InputEncoding e);
// "utf-8", "utf8" -> UTF-8; "gb18030", "gbk", "gb2312", "cp936" -> GB18030 (case-insensitive).
std::optional<InputEncoding> parse_encoding_name(std::string_view name);
// Guesses the encoding of a sample from the start of an input (BOM already removed).
InputEncoding detect_input_encoding(std::string_view sample);

// Decodes GB18030 bytes to UTF-8 into *out. Returns false, with *problem saying how many sequences could
// not be decoded, when `in` is not valid GB18030.
//
// Why a GB18030 line with undecodable bytes is an error row while invalid bytes in UTF-8 input are only a
// warning (the screener reads each as U+FFFD): UTF-8 is self-synchronising, so a corrupt byte spoils only
// itself and the rest of the record is read exactly; in a double-byte encoding a lost or stray byte can
// re-pair the bytes after it into other, valid-looking characters, so the record's text is not trustworthy.
bool gb18030_to_utf8(std::string_view in, std::string* out, std::string* problem);

}  // namespace regscreen::cli
