// JSON serialization of results (the output contract in include/regscreen/json.h).
// Hand-written rather than nlohmann::json because bulk screening writes tens of millions of rows and a
// DOM per row would cost more than screening the row.
//
// A row is written through a raw pointer into a per-thread buffer and appended to the caller's string in
// a few large pieces: appending each key, number and string to the std::string (a library call each, some
// twenty per hit) was most of the cost of a row with many hits.
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>

#include "regscreen/json.h"
#include "score/number_text.h"

namespace regscreen {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are invalid).
size_t valid_utf8_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t left = s.size() - i;
  const auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

// Whether the 8 bytes at p are all printable ASCII other than " and \ (copied as they are). Bit tricks on
// one 64-bit word: a byte's high bit is set in `less` if it is below 0x20, in `zero(...)` if it equals the
// byte compared with; exact as a whole when no byte has its own high bit set, which is tested first.
bool plain_ascii8(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const auto zero = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t less = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | less | zero(w ^ (kOnes * '"')) | zero(w ^ (kOnes * '\\'))) == 0;
}

// Whether p[0, 3) is a 3-byte sequence whose lead admits any two continuation bytes (E1..EC, EE..EF: no
// overlong form, no surrogate), as most CJK characters are.
inline bool cjk3(const unsigned char* p) {
  return p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED && ((p[1] ^ 0x80) | (p[2] ^ 0x80)) < 0x40;
}

// End of the run from i of bytes copied as they are: printable ASCII but " and \, and valid UTF-8. ASCII
// is tested eight bytes at a time, CJK in a loop of its own (the word test would fail on every character).
[[gnu::always_inline]] inline size_t plain_run(const unsigned char* p, size_t i, size_t n) {
  while (i < n) {
    if (n - i >= 8 && plain_ascii8(p + i)) {
      i += 8;
      // Fewer than eight left: the word that ends the text overlaps bytes just found plain.
      if (n - i < 8 && plain_ascii8(p + n - 8)) return n;
      continue;
    }
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (n - i >= 3 && cjk3(p + i)) {
      i += 3;
      while (n - i >= 3 && cjk3(p + i)) i += 3;
      continue;
    }
    if (c < 0x80) break;
    const size_t len = valid_utf8_length(std::string_view(reinterpret_cast<const char*>(p), n), i);
    if (len == 0) break;
    i += len;
  }
  return i;
}

// Calls sink(bytes, length) with the escaped text of s (without the quotes), in pieces: runs copied as they
// are (printable ASCII but " and \, valid UTF-8), escapes, and U+FFFD for each invalid byte. Never more
// than 6 bytes out per byte in.
template <class Sink>
void escape_json(std::string_view s, Sink&& sink) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const size_t run = i;
    i = plain_run(p, i, n);
    if (i > run) sink(s.data() + run, i - run);
    if (i == n) break;
    const unsigned char c = p[i++];
    switch (c) {
      case '"': sink("\\\"", 2); continue;
      case '\\': sink("\\\\", 2); continue;
      case '\n': sink("\\n", 2); continue;
      case '\r': sink("\\r", 2); continue;
      case '\t': sink("\\t", 2); continue;
      default: break;
    }
    if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      sink(escaped, 6);
      continue;
    }
    sink("\xEF\xBF\xBD", 3);  // U+FFFD for each invalid byte (the run above took every valid one)
  }
}

// Writes into a per-thread buffer through a raw pointer, checking the room once per piece, and appends
// the buffer to *out when it is full and at finish(). One writer at a time per thread (they share the
// buffer); the functions below never nest them. Pieces larger than the buffer go to *out directly.
class RowWriter {
 public:
  explicit RowWriter(std::string* out) : out_(out), buf_(buffer()), p_(buf_) {}
  // Appends what is still buffered to *out; call once done. (Not in a destructor: appending may throw
  // std::bad_alloc, which must reach the caller rather than terminate the program.)
  void finish() { flush(); }
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  void raw(std::string_view s) {
    if (!make_room(s.size())) {
      out_->append(s);
      return;
    }
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void put(char c) {
    make_room(1);
    *p_++ = c;
  }
  // s as a JSON string literal, quotes included.
  void string(std::string_view s) {
    if (!make_room(6 * s.size() + 2)) {
      out_->push_back('"');
      escape_json(s, [&](const char* d, size_t len) { out_->append(d, len); });
      out_->push_back('"');
      return;
    }
    string_unchecked(s);
  }
  void number(uint64_t v) {
    make_room(20);
    p_ = std::to_chars(p_, p_ + 20, v).ptr;
  }
  void number(int v) {
    make_room(11);
    p_ = std::to_chars(p_, p_ + 11, v).ptr;
  }
  // As printf's %.4g.
  void g4(double x) {
    make_room(kG4MaxChars);
    p_ = write_g4(p_, x);
  }

  // One element of "hits" (preceded by a comma unless first). Most of a row: written with one room check
  // for the whole hit, the enumerators' keys and names as precomputed pieces.
  void hit(const Hit& h, bool first) {
    const size_t strings = h.term.size() + h.category.size() + h.text.size() + h.reason.size();
    const auto field = static_cast<size_t>(h.field);
    const auto status = static_cast<size_t>(h.status);
    const auto part = static_cast<size_t>(h.name_part);
    if (strings > kBufferBytes / 8 || field >= kFieldCount || status >= 3 || part >= 5 ||
        !make_room(6 * strings + kHitFixedBytes)) {
      hit_piecewise(h, first);
      return;
    }
    raw_unchecked(first ? "{\"term\":" : ",{\"term\":");
    string_unchecked(h.term);
    raw_unchecked(",\"category\":");
    string_unchecked(h.category);
    raw_unchecked(kFieldPieces[field]);
    p_ = std::to_chars(p_, p_ + 10, h.start).ptr;
    raw_unchecked(",\"end\":");
    p_ = std::to_chars(p_, p_ + 10, h.end).ptr;
    raw_unchecked(",\"text\":");
    string_unchecked(h.text);
    raw_unchecked(kStatusPieces[status][part]);
    p_ = write_g4(p_, h.weight);
    raw_unchecked(",\"reason\":");
    string_unchecked(h.reason);
    *p_++ = '}';
  }

 private:
  static constexpr size_t kBufferBytes = 16 * 1024;
  static char* buffer() {
    thread_local const std::unique_ptr<char[]> buf = std::make_unique_for_overwrite<char[]>(kBufferBytes);
    return buf.get();
  }
  // Whether n bytes fit in the buffer (after flushing it if need be).
  bool make_room(size_t n) {
    if (static_cast<size_t>(buf_ + kBufferBytes - p_) >= n) return true;
    flush();
    return n <= kBufferBytes;
  }
  void flush() {
    out_->append(buf_, static_cast<size_t>(p_ - buf_));
    p_ = buf_;
  }

  // Room for a hit's keys, numbers and enumerator names (about 200 bytes) besides its escaped strings.
  static constexpr size_t kHitFixedBytes = 256;

  void raw_unchecked(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void string_unchecked(std::string_view s) {
    *p_++ = '"';
    escape_json(s, [&](const char* d, size_t len) {
      std::memcpy(p_, d, len);
      p_ += len;
    });
    *p_++ = '"';
  }
  // The same as hit(), a piece at a time (for hits with long strings or out-of-range enumerators).
  void hit_piecewise(const Hit& h, bool first) {
    raw(first ? "{\"term\":" : ",{\"term\":");
    string(h.term);
    raw(",\"category\":");
    string(h.category);
    raw(",\"field\":\"");
    raw(to_string(h.field));
    raw("\",\"start\":");
    number(uint64_t{h.start});
    raw(",\"end\":");
    number(uint64_t{h.end});
    raw(",\"text\":");
    string(h.text);
    raw(",\"status\":\"");
    raw(to_string(h.status));
    put('"');
    if (h.name_part != NamePart::kNone) {
      raw(",\"name_part\":\"");
      raw(to_string(h.name_part));
      put('"');
    }
    raw(",\"weight\":");
    g4(h.weight);
    raw(",\"reason\":");
    string(h.reason);
    put('}');
  }

  // ,"field":"<field>","start":   by Field
  static constexpr std::string_view kFieldPieces[kFieldCount] = {
      ",\"field\":\"name\",\"start\":", ",\"field\":\"scope\",\"start\":", ",\"field\":\"website\",\"start\":"};
  // ,"status":"<status>"[,"name_part":"<part>"],"weight":   by HitStatus and NamePart (none: no key)
  static constexpr std::string_view kStatusPieces[3][5] = {
      {",\"status\":\"affirmative\",\"weight\":", ",\"status\":\"affirmative\",\"name_part\":\"region\",\"weight\":",
       ",\"status\":\"affirmative\",\"name_part\":\"trade_name\",\"weight\":",
       ",\"status\":\"affirmative\",\"name_part\":\"industry\",\"weight\":",
       ",\"status\":\"affirmative\",\"name_part\":\"legal_form\",\"weight\":"},
      {",\"status\":\"negated\",\"weight\":", ",\"status\":\"negated\",\"name_part\":\"region\",\"weight\":",
       ",\"status\":\"negated\",\"name_part\":\"trade_name\",\"weight\":",
       ",\"status\":\"negated\",\"name_part\":\"industry\",\"weight\":",
       ",\"status\":\"negated\",\"name_part\":\"legal_form\",\"weight\":"},
      {",\"status\":\"not_the_word\",\"weight\":", ",\"status\":\"not_the_word\",\"name_part\":\"region\",\"weight\":",
       ",\"status\":\"not_the_word\",\"name_part\":\"trade_name\",\"weight\":",
       ",\"status\":\"not_the_word\",\"name_part\":\"industry\",\"weight\":",
       ",\"status\":\"not_the_word\",\"name_part\":\"legal_form\",\"weight\":"},
  };

  std::string* out_;
  char* const buf_;
  char* p_;
};

void string_array(const std::vector<std::string>& items, RowWriter& w) {
  w.put('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) w.put(',');
    w.string(items[i]);
  }
  w.put(']');
}

}  // namespace

void append_json_string(std::string_view s, std::string* out) {
  RowWriter w(out);
  w.string(s);
  w.finish();
}

void append_json(const Result& r, std::string_view id, std::string* out) {
  RowWriter w(out);
  w.raw("{\"id\":");
  w.string(id);
  w.raw(",\"decision\":\"");
  w.raw(to_string(r.decision));  // enumerators' names and numbers need no escaping
  w.raw("\",\"score\":");
  w.number(r.score);
  w.raw(",\"categories\":");
  string_array(r.categories, w);
  w.raw(",\"regulators\":");
  string_array(r.regulators, w);
  w.raw(",\"explanation\":");
  w.string(r.explanation);
  w.raw(",\"hits\":[");
  for (size_t i = 0; i < r.hits.size(); ++i) w.hit(r.hits[i], i == 0);
  w.put(']');
  if (!r.warnings.empty()) {
    w.raw(",\"warnings\":");
    string_array(r.warnings, w);
  }
  w.put('}');
  w.finish();
}

void append_error_json(std::string_view id, uint64_t line, std::string_view reason, std::string* out) {
  RowWriter w(out);
  w.raw("{\"id\":");
  w.string(id);
  w.raw(",\"decision\":\"error\",\"score\":0,\"categories\":[],\"regulators\":[],\"hits\":[],\"line\":");
  w.number(line);
  w.raw(",\"error\":");
  w.string(reason);
  w.put('}');
  w.finish();
}

}  // namespace regscreen
