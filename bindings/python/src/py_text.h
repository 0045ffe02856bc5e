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

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

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

// Encodes into *out, which only ever grows (resizing down and up again would zero-fill it every call);
// returns the length written.
template <class Unit>
size_t encode_units(const Unit* in, Py_ssize_t n, std::string* out) {
  const size_t need = static_cast<size_t>(n) * (sizeof(Unit) == 1 ? 2 : sizeof(Unit) == 2 ? 3 : 4);
  if (out->size() < need) out->resize(need);
  char* const begin = out->data();
  char* p = begin;
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
  return static_cast<size_t>(p - begin);
}

}  // namespace detail

// The UTF-8 text of the str `s` (prepared with prepare_str). Safe without the GIL while a reference to
// `s` is held. The view points into `s` (ASCII) or into *buffer (anything else).
inline std::string_view utf8_of(PyObject* s, std::string* buffer) {
  const Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  if (PyUnicode_IS_ASCII(s)) {
    return {static_cast<const char*>(PyUnicode_DATA(s)), static_cast<size_t>(n)};
  }
  size_t len;
  switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: len = detail::encode_units(PyUnicode_1BYTE_DATA(s), n, buffer); break;
    case PyUnicode_2BYTE_KIND: len = detail::encode_units(PyUnicode_2BYTE_DATA(s), n, buffer); break;
    default: len = detail::encode_units(PyUnicode_4BYTE_DATA(s), n, buffer); break;
  }
  return {buffer->data(), len};
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
