// Input encodings: strict UTF-8 decoding for the normalizer, and GB18030/GBK input for the CLI.
//
// UTF-8 is decoded strictly (RFC 3629): overlong forms (C0 80, E0 80 80, F0 80 80 80 ...), UTF-16
// surrogates encoded in UTF-8 (ED A0 80 ... ED BF BF), values above U+10FFFF (F4 90 ..., F5..FF) and
// truncated sequences are invalid. An invalid byte is read as one U+FFFD and decoding resumes at the very
// next byte, so every byte of the input is accounted for exactly once and offsets never shift: a byte that
// could have started a sequence is never swallowed by a broken one before it.
//
// Registry exports are UTF-8 (with or without a byte-order mark) or GB18030 (its GBK subset in practice).
// The CLI calls detect_encoding() on a sample from the start of a file, then to_utf8() on the input; GB18030
// never uses 0x0A or 0x0D inside a multi-byte character, so it may convert one line at a time. After a
// conversion from GB18030, hit offsets point into the converted UTF-8 text, not into the file's bytes.
//
// Thread-safety: every function here may be called from any thread (each thread opens its own ICU
// converters on its first GB18030 conversion and keeps them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace regscreen {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at p (p < end). Returns its length in bytes (1..4) and sets *cp, or, when
// the bytes at p do not start a valid sequence, returns 0 and sets *cp to U+FFFD: the caller then consumes
// exactly one byte. Inline because it is the normalizer's inner loop.
inline int decode_utf8(const unsigned char* p, const unsigned char* end, char32_t* cp) {
  const unsigned b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  const ptrdiff_t avail = end - p;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (avail >= 2 && (p[1] & 0xC0) == 0x80) {
      *cp = ((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
      return 2;
    }
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    // E0: A0..BF second byte (no overlongs); ED: 80..9F (no surrogates).
    const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
    if (avail >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80) {
      *cp = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      return 3;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    // F0: 90..BF second byte (no overlongs); F4: 80..8F (nothing above U+10FFFF).
    const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (avail >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      *cp = ((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
      return 4;
    }
  }
  *cp = kReplacementChar;
  return 0;
}

// Appends the UTF-8 encoding of cp (a scalar value: not a surrogate, <= U+10FFFF) to *out.
void append_utf8(char32_t cp, std::string* out);

// Number of bytes that are invalid UTF-8 under the rules above (each would be read as U+FFFD).
size_t count_invalid_utf8(std::string_view bytes);

enum class Encoding : uint8_t {
  kUtf8,     // UTF-8, with or without a leading byte-order mark (EF BB BF)
  kGb18030,  // GB18030, which includes GBK and GB2312 (code page 936 text decodes the same, bar 0x80)
};

std::string_view to_string(Encoding e);

// Decides the encoding of a whole input from a sample of its first bytes (a few KB is plenty; the sample
// may end in the middle of a character). UTF-8 when the sample starts with the UTF-8 byte-order mark, is
// ASCII, or is valid UTF-8; GB18030 when it starts with the GB18030 byte-order mark (84 31 95 33), or when
// it is not valid UTF-8 and GB18030 reads it with fewer errors than UTF-8 does (so a UTF-8 file with a few
// corrupt bytes stays UTF-8, and its bad bytes are reported by the screener as U+FFFD).
Encoding detect_encoding(std::string_view sample);

// Length of a leading byte-order mark of `encoding` in `bytes` (3 for UTF-8, 4 for GB18030), else 0.
size_t bom_length(std::string_view bytes, Encoding encoding);

// Converts `bytes` in `encoding` to UTF-8, dropping a leading byte-order mark.
// kUtf8: the bytes are returned unchanged (invalid bytes are kept, so that the normalizer reports them and
// offsets stay those of the input). kGb18030: each undecodable sequence becomes U+FFFD; when
// `invalid_sequences` is not null it receives their count (0 for kUtf8: see count_invalid_utf8()).
// Throws std::runtime_error if ICU has no GB18030 converter (a broken ICU data library).
std::string to_utf8(std::string_view bytes, Encoding encoding, size_t* invalid_sequences = nullptr);

// Converts GB18030 `bytes` to UTF-8 into *out (replacing its contents, reusing its capacity), each
// undecodable sequence as U+FFFD, and returns their count. A byte-order mark is converted like any other
// character (U+FEFF). For one line after another of a file, without a converter to open per line.
size_t gb18030_to_utf8(std::string_view bytes, std::string* out);

}  // namespace regscreen
