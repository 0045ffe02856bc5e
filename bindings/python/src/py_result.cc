#include "py_result.h"

#include "py_text.h"

namespace regscreen::python {

void take_hits(Result* r, const std::string_view (&fields)[kFieldCount], std::vector<PyHit>* out) {
  out->clear();
  out->reserve(r->hits.size());
  // Hits come sorted by (field, start): walk each field once for the start offsets.
  int field = -1;
  size_t byte_pos = 0;
  uint32_t char_pos = 0;
  for (Hit& h : r->hits) {
    const int f = static_cast<int>(h.field);
    if (f != field) {
      field = f;
      byte_pos = 0;
      char_pos = 0;
    }
    const std::string_view text = fields[f];
    if (h.start < byte_pos) {  // not sorted after all: count from the beginning
      byte_pos = 0;
      char_pos = 0;
    }
    char_pos += count_code_points(text, byte_pos, h.start);
    byte_pos = h.start;
    PyHit& p = out->emplace_back();
    p.start = char_pos;
    p.end = char_pos + count_code_points(text, h.start, h.end);
    p.hit = std::move(h);
  }
}

void take_result(Result* r, const std::string_view (&fields)[kFieldCount], PyResult* out) {
  out->decision = r->decision;
  out->score = r->score;
  out->categories = std::move(r->categories);
  out->regulators = std::move(r->regulators);
  out->explanation = std::move(r->explanation);
  out->warnings = std::move(r->warnings);
  take_hits(r, fields, &out->hits);
}

}  // namespace regscreen::python
