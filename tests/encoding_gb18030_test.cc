// GB18030/GBK input: detection against UTF-8, conversion, undecodable bytes, line-by-line conversion.
#include <gtest/gtest.h>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>

#include "normalize/encoding.h"

namespace regscreen {
namespace {

// Encodes UTF-8 text with ICU's converter `name` (used to make GBK/GB18030 input from readable text).
std::string encode(const std::string& utf8, const char* name) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode ec = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &ec);
  EXPECT_TRUE(U_SUCCESS(ec));
  std::string out(static_cast<size_t>(u.length()) * 4 + 8, '\0');
  const int32_t n = ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &ec);
  ucnv_close(cnv);
  EXPECT_TRUE(U_SUCCESS(ec)) << u_errorName(ec);
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kScope =
    "深圳市前海某某科技有限公司,一般经营项目：计算机软件开发、技术咨询；企业管理咨询（不含限制项目）；"
    "国内贸易。许可经营项目：无\n"
    "上海某某資產管理有限公司,资产管理，投资管理（除金融、证券等国家专项审批项目）\n";

TEST(EncodingGb18030, KnownByteSequences) {
  // 中 = D6 D0 and 文 = CE C4 (GB2312); € = A2 E3; U+0080 = 81 30 81 30 (four-byte); U+10000 = 90 30 81 30.
  EXPECT_EQ(to_utf8("\xD6\xD0\xCE\xC4", Encoding::kGb18030), "中文");
  EXPECT_EQ(to_utf8("\xA2\xE3", Encoding::kGb18030), "€");
  EXPECT_EQ(to_utf8("\x81\x30\x81\x30", Encoding::kGb18030), "\u0080");
  EXPECT_EQ(to_utf8("\x90\x30\x81\x30", Encoding::kGb18030), "\U00010000");
  EXPECT_EQ(to_utf8("abc", Encoding::kGb18030), "abc");
}

TEST(EncodingGb18030, RoundTripOfRegistryText) {
  size_t invalid = 99;
  EXPECT_EQ(to_utf8(encode(kScope, "GB18030"), Encoding::kGb18030, &invalid), kScope);
  EXPECT_EQ(invalid, 0u);
  // GBK (code page 936) text reads the same through GB18030.
  const std::string gbk_text = "北京某某投资管理有限公司，经营范围：投资咨询、企业管理咨询";
  EXPECT_EQ(to_utf8(encode(gbk_text, "GBK"), Encoding::kGb18030), gbk_text);
}

TEST(EncodingGb18030, UndecodableBytesBecomeReplacementCharacters) {
  size_t invalid = 0;
  // 0x80 and 0xFF are never valid; D6 followed by a byte that cannot trail; a lead byte cut at the end.
  const std::string out = to_utf8("\xD6\xD0\x80\xCE\xC4\xFF" "a\xD6", Encoding::kGb18030, &invalid);
  EXPECT_EQ(invalid, 3u);
  EXPECT_EQ(out, "中\uFFFD文\uFFFDa\uFFFD");
}

TEST(EncodingGb18030, BomIsDropped) {
  EXPECT_EQ(to_utf8("\x84\x31\x95\x33\xD6\xD0", Encoding::kGb18030), "中");
  EXPECT_EQ(bom_length("\x84\x31\x95\x33", Encoding::kGb18030), 4u);
}

TEST(EncodingGb18030, LineByLineEqualsWhole) {
  // GB18030 never uses 0x0A inside a character, so a reader may convert one line at a time.
  const std::string gb = encode(kScope, "GB18030");
  std::string by_line;
  size_t start = 0;
  while (start < gb.size()) {
    size_t nl = gb.find('\n', start);
    nl = nl == std::string::npos ? gb.size() : nl + 1;
    by_line += to_utf8(std::string_view(gb).substr(start, nl - start), Encoding::kGb18030);
    start = nl;
  }
  EXPECT_EQ(by_line, kScope);
}

TEST(EncodingDetect, Utf8WithAndWithoutBom) {
  EXPECT_EQ(detect_encoding(kScope), Encoding::kUtf8);
  EXPECT_EQ(detect_encoding("\xEF\xBB\xBF" + kScope), Encoding::kUtf8);
  EXPECT_EQ(detect_encoding("id,name,scope\nr1,abc,def\n"), Encoding::kUtf8);
  EXPECT_EQ(detect_encoding(""), Encoding::kUtf8);
}

TEST(EncodingDetect, Gb18030AndGbk) {
  EXPECT_EQ(detect_encoding(encode(kScope, "GB18030")), Encoding::kGb18030);
  EXPECT_EQ(detect_encoding(encode(kScope, "GBK")), Encoding::kGb18030);
  EXPECT_EQ(detect_encoding("\x84\x31\x95\x33" "abc"), Encoding::kGb18030);
  EXPECT_EQ(detect_encoding(encode("id,企业名称,经营范围\n", "GBK")), Encoding::kGb18030);
}

TEST(EncodingDetect, SampleCutInsideACharacter) {
  // A sample is the first N bytes of a file: it may end inside a character of either encoding.
  const std::string utf8 = kScope;
  const std::string gb = encode(kScope, "GB18030");
  for (size_t cut = 40; cut < 80; ++cut) {
    EXPECT_EQ(detect_encoding(std::string_view(utf8).substr(0, cut)), Encoding::kUtf8) << cut;
    EXPECT_EQ(detect_encoding(std::string_view(gb).substr(0, cut)), Encoding::kGb18030) << cut;
  }
}

TEST(EncodingDetect, Utf8WithAFewCorruptBytesStaysUtf8) {
  std::string damaged = kScope;
  damaged[10] = '\xFF';
  damaged[40] = '\x80';
  EXPECT_EQ(detect_encoding(damaged), Encoding::kUtf8);
}

TEST(EncodingGb18030, ConvertersReusedOnAThreadCarryNothingOver) {
  // The converters stay open on the thread: a call after an error, after a sample cut in the middle of a
  // character (detection converts without flushing), or with a reused output buffer starts afresh.
  std::string out = "leftover text that must be replaced";
  EXPECT_EQ(gb18030_to_utf8("\xD6\xD0\xFF", &out), 1u);
  EXPECT_EQ(out, "中\uFFFD");
  EXPECT_EQ(detect_encoding(encode(kScope, "GB18030") + "\xD6"), Encoding::kGb18030);  // ends mid-character
  EXPECT_EQ(gb18030_to_utf8("\xCE\xC4", &out), 0u);
  EXPECT_EQ(out, "文");
  EXPECT_EQ(gb18030_to_utf8("", &out), 0u);
  EXPECT_EQ(out, "");
  // A byte-order mark inside the text is a character like any other.
  EXPECT_EQ(gb18030_to_utf8("\x84\x31\x95\x33\xD6\xD0", &out), 0u);
  EXPECT_EQ(out, "\uFEFF中");
  // to_utf8() uses the same converters and drops a leading byte-order mark.
  size_t invalid = 9;
  EXPECT_EQ(to_utf8("\x84\x31\x95\x33\xD6\xD0", Encoding::kGb18030, &invalid), "中");
  EXPECT_EQ(invalid, 0u);
}

}  // namespace
}  // namespace regscreen
