// Input checks shared by the matcher backends, so that both reject the same inputs with the same errors.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen::match_limits {

// Match offsets and pattern indices are uint32_t.
inline constexpr std::size_t kMaxTextBytes = std::numeric_limits<uint32_t>::max();

// Throws std::runtime_error for an empty pattern (it would match everywhere and nothing useful) and for
// sets whose indices or lengths do not fit the 32-bit Match fields.
inline void validate_patterns(const std::vector<std::string>& patterns) {
  if (patterns.size() >= std::numeric_limits<uint32_t>::max()) {
    throw std::runtime_error("matcher: too many patterns");
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    if (patterns[i].empty()) {
      throw std::runtime_error("matcher: pattern " + std::to_string(i) + " is empty");
    }
    if (patterns[i].size() > kMaxTextBytes) {
      throw std::runtime_error("matcher: pattern " + std::to_string(i) + " is longer than 4 GiB");
    }
  }
}

inline void check_text_length(std::string_view text) {
  if (text.size() > kMaxTextBytes) throw std::length_error("matcher: text is longer than 4 GiB");
}

}  // namespace regscreen::match_limits
