// CodePoints: a normalized UTF-8 text decoded into code points, keeping each code point's byte offset.
//
// Context analysis reasons in characters (a cue's reach, the parts of a name), while the matcher and the
// normalizer speak in bytes; this is the bridge. Invalid bytes (which the normalizer never emits) decode
// to U+FFFD one byte at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen::context {

struct CodePoints {
  std::u32string cps;
  std::vector<uint32_t> byte;  // byte[i]: byte offset of cps[i]; byte[cps.size()] is the text's size

  void assign(std::string_view utf8);
  // The same for text known to be valid UTF-8, such as the normalizer's output (it writes U+FFFD for every
  // invalid input byte): no validation, about half the cost on CJK text. Invalid input gives wrong code
  // points but never reads or writes out of bounds.
  void assign_valid(std::string_view utf8);
  size_t size() const { return cps.size(); }
  // Index of the code point starting at byte offset b (or the first one after it); size() at the end.
  size_t index_at_byte(uint32_t b) const;
  // The same, looking first at the few code points from index `hint` on: cheaper than the binary search
  // when offsets are looked up in increasing order. Any hint gives the same answer.
  size_t index_at_byte(uint32_t b, size_t hint) const;
  // Whether `s` occurs at code point index i.
  bool has_at(size_t i, std::u32string_view s) const {
    return i <= cps.size() && cps.size() - i >= s.size() && std::u32string_view(cps).substr(i, s.size()) == s;
  }
  // Whether `s` ends at code point index i (exclusive).
  bool has_ending_at(size_t i, std::u32string_view s) const { return i >= s.size() && has_at(i - s.size(), s); }
};

// UTF-8 <-> UTF-32 for data loading and messages.
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view s);

}  // namespace regscreen::context
