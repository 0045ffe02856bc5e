// Helpers shared by the fuzz checks (fuzz/*_check.h).
//
// Every check takes the fuzzer's bytes and returns an empty string when every property held, or a
// description of the first violation. The same check functions run under libFuzzer (fuzz/*_fuzzer.cc,
// which abort() on a violation so that libFuzzer saves the input) and in the normal build
// (tests/fuzz_regressions_test.cc, which replays the seed corpora and every saved crash through them),
// so a crash found once stays a regression test for good.
#pragma once

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace regscreen::fuzz {

// Builds a failure message from its pieces: fail("hit ", i, " ends at ", end).
template <typename... Parts>
std::string fail(Parts&&... parts) {
  std::ostringstream out;
  (out << ... << std::forward<Parts>(parts));
  return out.str();
}

// Printable form of a short byte string for failure messages (non-ASCII bytes as \xNN).
inline std::string escape(std::string_view bytes, size_t max = 200) {
  std::string out;
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < bytes.size() && i < max; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0x20 && b < 0x7F && b != '\\') {
      out += static_cast<char>(b);
    } else {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  if (bytes.size() > max) out += "...";
  return out;
}

// Reads fuzzer bytes front to back; past the end every read gives 0 / an empty view, so a check never
// has to care how short its input is.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  uint8_t byte() {
    if (pos_ >= data_.size()) return 0;
    return static_cast<uint8_t>(data_[pos_++]);
  }
  std::string_view take(size_t n) {
    n = std::min(n, data_.size() - pos_);
    std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view rest() { return take(data_.size() - pos_); }
  bool empty() const { return pos_ >= data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// A cheap deterministic hash of the input, to pick sample positions reproducibly.
inline uint64_t fnv1a(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace regscreen::fuzz
