#include "normalize/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include <memory>
#include <stdexcept>

namespace regscreen {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";

struct InvalidUtf8Stats {
  size_t invalid_bytes = 0;
  size_t multibyte_chars = 0;  // valid sequences of 2..4 bytes
};

InvalidUtf8Stats utf8_stats(std::string_view bytes) {
  InvalidUtf8Stats s;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    if (n == 0) {
      ++s.invalid_bytes;
      ++p;
    } else {
      ++s.multibyte_chars;
      p += n;
    }
  }
  return s;
}

// A sample cut from a larger input may end inside a character: drop a trailing lead byte and the
// continuation bytes after it when they are fewer than the lead byte announces.
std::string_view without_cut_utf8_tail(std::string_view s) {
  const size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    const auto b = static_cast<unsigned char>(s[n - back]);
    if ((b & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return need > back ? s.substr(0, n - back) : s;
  }
  return s;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const char* name) {
  UErrorCode ec = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(name, &ec));
  if (U_FAILURE(ec) || !c) {
    throw std::runtime_error(std::string("ICU has no converter for ") + name + ": " + u_errorName(ec));
  }
  return c;
}

// ICU to-Unicode callback: counts each undecodable sequence and writes U+FFFD for it (ICU's own substitute
// callback would write U+001A for converters whose substitution byte is 0x1A).
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* /*code_units*/,
                          int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
  ++*static_cast<size_t*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  const UChar fffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

// A GB18030 and a UTF-8 converter, opened once per thread: opening them costs more than converting a line.
// The to-Unicode callback counts into `errors`, whose address is fixed for the thread's lifetime.
struct Gb18030Converters {
  ConverterPtr gb = open_converter("GB18030");
  ConverterPtr utf8 = open_converter("UTF-8");
  size_t errors = 0;

  Gb18030Converters() {
    UErrorCode ec = U_ZERO_ERROR;
    ucnv_setToUCallBack(gb.get(), count_and_substitute, &errors, nullptr, nullptr, &ec);
    if (U_FAILURE(ec)) throw std::runtime_error(std::string("ICU: cannot set callback: ") + u_errorName(ec));
  }
};

// Converts GB18030 `in` to UTF-8, replacing *out, and counts undecodable sequences. With flush == false an
// incomplete sequence at the end is left pending (not counted), as for a sample cut from a larger input.
size_t convert_gb18030(std::string_view in, bool flush, std::string* out) {
  thread_local Gb18030Converters c;
  c.errors = 0;
  // Worst case 3 output bytes per input byte (a lone invalid byte becomes U+FFFD); +4 for the pending tail.
  out->resize(in.size() * 3 + 4);
  char* target = out->data();
  const char* source = in.data();
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  UErrorCode ec = U_ZERO_ERROR;
  // reset = true: nothing pending from an earlier call carries over.
  ucnv_convertEx(c.utf8.get(), c.gb.get(), &target, out->data() + out->size(), &source, in.data() + in.size(),
                 pivot, &pivot_source, &pivot_target, pivot + 1024, /*reset=*/true, flush, &ec);
  if (U_FAILURE(ec)) throw std::runtime_error(std::string("ICU: GB18030 conversion failed: ") + u_errorName(ec));
  out->resize(static_cast<size_t>(target - out->data()));
  return c.errors;
}

}  // namespace

void append_utf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t count_invalid_utf8(std::string_view bytes) { return utf8_stats(bytes).invalid_bytes; }

std::string_view to_string(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kGb18030:
      return "GB18030";
  }
  return "?";
}

size_t bom_length(std::string_view bytes, Encoding encoding) {
  const std::string_view bom = encoding == Encoding::kUtf8 ? kUtf8Bom : kGb18030Bom;
  return bytes.starts_with(bom) ? bom.size() : 0;
}

Encoding detect_encoding(std::string_view sample) {
  if (sample.starts_with(kUtf8Bom)) return Encoding::kUtf8;
  if (sample.starts_with(kGb18030Bom)) return Encoding::kGb18030;
  const std::string_view whole_chars = without_cut_utf8_tail(sample);
  const InvalidUtf8Stats u = utf8_stats(whole_chars);
  if (u.invalid_bytes == 0) return Encoding::kUtf8;
  std::string scratch;
  const size_t gb_errors = convert_gb18030(sample, /*flush=*/false, &scratch);
  // GBK text read as UTF-8 breaks on most of its non-ASCII bytes (typically more invalid bytes than valid
  // multi-byte characters); UTF-8 text with some corrupt bytes keeps far more valid characters than broken
  // ones. Require both that GB18030 reads the sample better and that UTF-8 reads it badly.
  if (gb_errors < u.invalid_bytes && u.invalid_bytes * 8 > u.multibyte_chars) return Encoding::kGb18030;
  return Encoding::kUtf8;
}

size_t gb18030_to_utf8(std::string_view bytes, std::string* out) { return convert_gb18030(bytes, /*flush=*/true, out); }

std::string to_utf8(std::string_view bytes, Encoding encoding, size_t* invalid_sequences) {
  bytes.remove_prefix(bom_length(bytes, encoding));
  if (encoding == Encoding::kUtf8) {
    if (invalid_sequences) *invalid_sequences = 0;
    return std::string(bytes);
  }
  std::string out;
  const size_t errors = convert_gb18030(bytes, /*flush=*/true, &out);
  if (invalid_sequences) *invalid_sequences = errors;
  return out;
}

}  // namespace regscreen
