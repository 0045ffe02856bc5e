// Reading Python str objects as UTF-8, and mapping UTF-8 byte offsets back to str (code point) indices.
//
// Why not PyUnicode_AsUTF8AndSize: it needs the GIL, it caches a UTF-8 copy inside every str it touches
// (a million 600-character scopes would keep ~1.8 GB of copies alive), and it rejects lone surrogates.
// utf8_of() instead reads the str's canonical PEP 393 representation (kind + data), which is immutable
// once the object exists, so batch workers can encode their own records in parallel with the GIL
// released, as long as the caller holds a reference to every str for the duration (the bindings keep
// the input columns in tuples). Pure-ASCII strs are returned as a view of the object's own bytes.
//
// Lone surrogates (possible in a Python str, impossible in UTF-8) are encoded as three bytes like any
// other BMP code point ("surrogatepass"); the screener reads them as invalid UTF-8 (U+FFFD, with a
// warning) and decoding a hit's text with "surrogatepass" gives back the original characters exactly.
// Every code point therefore starts with exactly one non-continuation byte, which is what
// count_code_points() relies on.
#pragma once

#include <Python.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define REGSCREEN_PY_TEXT_SSSE3 1
#endif

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "regscreen/screener.h"

namespace regscreen::python {

// With the GIL held: makes sure `s` (a str) has its canonical representation, so that utf8_of() can
// later run without the GIL. Returns false with a Python error set on failure.
inline bool prepare_str(PyObject* s) {
#if PY_VERSION_HEX < 0x030C0000
  return PyUnicode_READY(s) == 0;
#else
  (void)s;
  return true;
#endif
}

namespace detail {

// Encodes n units to UTF-8 at `out` (room for 3 bytes a unit for 1- and 2-byte units, 4 for 4-byte
// units); returns the length written.
template <class Unit>
size_t encode_units(const Unit* in, Py_ssize_t n, char* out) {
  char* p = out;
  for (Py_ssize_t i = 0; i < n; ++i) {
    const uint32_t c = in[i];
    if (c < 0x80) {
      *p++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *p++ = static_cast<char>(0xC0 | (c >> 6));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *p++ = static_cast<char>(0xE0 | (c >> 12));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *p++ = static_cast<char>(0xF0 | (c >> 18));
      *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return static_cast<size_t>(p - out);
}

// UCS-2 (a 2-byte-kind str: CJK text) to UTF-8, eight units at a time with SSSE3 where the eight are all
// >= U+0800 (three UTF-8 bytes each: CJK characters, full-width punctuation, lone surrogates). Registry
// text is mostly such runs, and the scalar loop above cost about a third of the C++ time of screen_many
// on the benchmark mix (a data-dependent branch per character). Blocks holding anything below U+0800
// (ASCII digits, Latin letters) take the scalar loop. Writes at most 3 bytes per unit, like the scalar
// loop; returns the length written. x86 only; elsewhere the scalar loop does all.
#ifdef REGSCREEN_PY_TEXT_SSSE3
__attribute__((target("ssse3"))) inline size_t encode_ucs2_ssse3(const uint16_t* in, Py_ssize_t n, char* out) {
  // Output byte j of a block comes from unit j / 3: its lead byte (j % 3 == 0), middle byte (1) or last
  // byte (2). Lead and middle bytes are packed together (units 0..7, then 8..15), last bytes separately.
  const __m128i lead_mid_lo = _mm_setr_epi8(0, 8, -1, 1, 9, -1, 2, 10, -1, 3, 11, -1, 4, 12, -1, 5);
  const __m128i last_lo = _mm_setr_epi8(-1, -1, 0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1);
  const __m128i lead_mid_hi = _mm_setr_epi8(13, -1, 6, 14, -1, 7, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m128i last_hi = _mm_setr_epi8(-1, 5, -1, -1, 6, -1, -1, 7, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m128i below_0800 = _mm_set1_epi16(static_cast<short>(0xF800));
  const __m128i six_bits = _mm_set1_epi16(0x3F);
  const __m128i lead_tag = _mm_set1_epi16(0xE0);
  const __m128i cont_tag = _mm_set1_epi16(0x80);
  const __m128i zero = _mm_setzero_si128();
  char* p = out;
  Py_ssize_t i = 0;
  while (i + 8 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, below_0800), zero)) != 0) {
      p += encode_units(in + i, 8, p);  // some unit below U+0800
      i += 8;
      continue;
    }
    const __m128i lead = _mm_or_si128(_mm_srli_epi16(v, 12), lead_tag);
    const __m128i mid = _mm_or_si128(_mm_and_si128(_mm_srli_epi16(v, 6), six_bits), cont_tag);
    const __m128i last = _mm_or_si128(_mm_and_si128(v, six_bits), cont_tag);
    const __m128i lead_mid = _mm_packus_epi16(lead, mid);
    const __m128i lasts = _mm_packus_epi16(last, last);
    const __m128i lo = _mm_or_si128(_mm_shuffle_epi8(lead_mid, lead_mid_lo), _mm_shuffle_epi8(lasts, last_lo));
    const __m128i hi = _mm_or_si128(_mm_shuffle_epi8(lead_mid, lead_mid_hi), _mm_shuffle_epi8(lasts, last_hi));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), lo);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(p + 16), hi);
    p += 24;
    i += 8;
  }
  p += encode_units(in + i, n - i, p);
  return static_cast<size_t>(p - out);
}

inline bool has_ssse3() {
  static const bool yes = __builtin_cpu_supports("ssse3");
  return yes;
}
#endif  // REGSCREEN_PY_TEXT_SSSE3

}  // namespace detail

// Room that utf8_into() needs to encode the str `s` (prepared with prepare_str): 0 for an ASCII str, which
// is used in place.
inline size_t utf8_bound(PyObject* s) {
  if (PyUnicode_IS_ASCII(s)) return 0;
  return static_cast<size_t>(PyUnicode_GET_LENGTH(s)) * (PyUnicode_KIND(s) == PyUnicode_4BYTE_KIND ? 4 : 3);
}

// The UTF-8 text of the str `s` (prepared with prepare_str). Safe without the GIL while a reference to
// `s` is held. The view points into `s` (ASCII) or to `out`, which has room for utf8_bound(s) bytes.
inline std::string_view utf8_into(PyObject* s, char* out) {
  const Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  if (PyUnicode_IS_ASCII(s)) {
    return {static_cast<const char*>(PyUnicode_DATA(s)), static_cast<size_t>(n)};
  }
  size_t len;
  switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: len = detail::encode_units(PyUnicode_1BYTE_DATA(s), n, out); break;
    case PyUnicode_2BYTE_KIND:
#ifdef REGSCREEN_PY_TEXT_SSSE3
      if (detail::has_ssse3()) {
        len = detail::encode_ucs2_ssse3(PyUnicode_2BYTE_DATA(s), n, out);
        break;
      }
#endif
      len = detail::encode_units(PyUnicode_2BYTE_DATA(s), n, out);
      break;
    default: len = detail::encode_units(PyUnicode_4BYTE_DATA(s), n, out); break;
  }
  return {out, len};
}

// The same, encoding into *buffer when `s` is not ASCII. The buffer only ever grows: resizing down and up
// again would zero-fill it on every call.
inline std::string_view utf8_of(PyObject* s, std::string* buffer) {
  const size_t need = utf8_bound(s);
  if (buffer->size() < need) buffer->resize(need);
  return utf8_into(s, buffer->data());
}

// Screener::certainly_clear on the str `s` (prepared with prepare_str) as stored, 1, 2 or 4 bytes per code
// point, without making its UTF-8. Safe without the GIL while a reference to `s` is held.
inline bool certainly_clear(const Screener& screener, PyObject* s) {
  const size_t n = static_cast<size_t>(PyUnicode_GET_LENGTH(s));
  const void* data = PyUnicode_DATA(s);
  switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: return screener.certainly_clear(std::span(static_cast<const uint8_t*>(data), n));
    case PyUnicode_2BYTE_KIND: return screener.certainly_clear(std::span(static_cast<const char16_t*>(data), n));
    default: return screener.certainly_clear(std::span(static_cast<const char32_t*>(data), n));
  }
}

// Number of code points that start in utf8[begin, end): the str index distance between the two offsets.
inline uint32_t count_code_points(std::string_view utf8, size_t begin, size_t end) {
  uint32_t n = 0;
  for (size_t i = begin; i < end && i < utf8.size(); ++i) {
    n += (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
  }
  return n;
}

}  // namespace regscreen::python
