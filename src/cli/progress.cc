#include "cli/progress.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "cli/text_util.h"

namespace regscreen::cli {

Progress::Progress(bool enabled, std::optional<uint64_t> total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::update(uint64_t rows, uint64_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = "\r\033[K  " + with_commas(rows) + " rows  " +
                     with_commas(static_cast<uint64_t>(seconds > 0 ? rows / seconds : 0)) + " rows/s";
  if (total_bytes_ && *total_bytes_ > 0 && bytes > 0) {
    const double fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_bytes_));
    char buf[64];
    std::snprintf(buf, sizeof buf, "  %.1f%%", fraction * 100);
    line += buf;
    if (fraction > 0.001) {
      const auto eta = static_cast<long>(seconds / fraction - seconds);
      std::snprintf(buf, sizeof buf, "  ETA %ld:%02ld", eta / 60, eta % 60);
      line += buf;
    }
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace regscreen::cli
