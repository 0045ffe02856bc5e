// The C++ side of regscreen.Result and regscreen.Hit: a screening Result whose hits also carry str
// (code point) offsets, built by worker threads without the GIL and converted to Python values only
// when an attribute is read.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "regscreen/screener.h"

namespace regscreen::python {

struct PyHit {
  Hit hit;             // hit.start / hit.end are UTF-8 byte offsets
  uint32_t start = 0;  // str index of the first character
  uint32_t end = 0;    // str index one past the last character
};

struct PyResult {
  Decision decision = Decision::kClear;
  int score = 0;
  std::vector<std::string> categories;
  std::vector<std::string> regulators;
  std::string explanation;
  std::vector<std::string> warnings;
  std::vector<PyHit> hits;
  pybind11::object id = pybind11::none();  // the caller's id, as passed (None when not given)
};

// Moves the hits of *r into *out (cleared first), adding str offsets. `fields` are the UTF-8 texts the
// record was screened with, indexed by Field.
void take_hits(Result* r, const std::string_view (&fields)[kFieldCount], std::vector<PyHit>* out);

// Moves *r into *out, adding str offsets (out->id is left alone).
void take_result(Result* r, const std::string_view (&fields)[kFieldCount], PyResult* out);

}  // namespace regscreen::python
