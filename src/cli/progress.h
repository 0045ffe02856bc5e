// Progress: a one-line progress report on stderr while screening (rows, rows/s and, when the input size is
// known, percentage and ETA), redrawn at most four times a second. Off unless stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace regscreen::cli {

class Progress {
 public:
  Progress(bool enabled, std::optional<uint64_t> total_bytes);
  // Rows written so far and input bytes consumed so far.
  void update(uint64_t rows, uint64_t bytes);
  // Erases the progress line.
  void finish();

 private:
  bool enabled_;
  std::optional<uint64_t> total_bytes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

}  // namespace regscreen::cli
