// LineSource: the bytes of one input (a file, or stdin for "-"), read in fixed-size chunks and handed out
// as physical lines.
//
// Memory stays bounded whatever the input: a chunk buffer, plus the current line, which is cut at
// `max_line_bytes` (the rest of an over-long line is skipped and the line is reported as truncated, so
// that the reader can turn it into an error row rather than exhaust memory on a file without newlines).
// A leading byte-order mark is detected and removed before the first line is handed out.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace regscreen::cli {

// The input cannot be opened or read (exit code 3).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Bom { kNone, kUtf8, kGb18030, kUtf16Le, kUtf16Be, kUtf32Le, kUtf32Be };

class LineSource {
 public:
  // Opens `path` ("-": standard input). Throws InputError when the input cannot be opened.
  LineSource(std::string path, size_t max_line_bytes);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Up to `n` bytes from the start of the input, after any byte-order mark, without consuming them: used to
  // detect the encoding and the format. Throws InputError on a read error.
  std::string_view peek(size_t n);
  // The byte-order mark found at the start of the input (available after peek() or next_line()).
  Bom bom();

  // Reads the next physical line into *line, including its '\n' (absent on a last line without one).
  // Returns false at the end of input. *truncated is set when the line was longer than max_line_bytes:
  // *line then holds its first max_line_bytes bytes and the rest has been skipped.
  // Throws InputError on a read error.
  bool next_line(std::string* line, bool* truncated);

  // 1-based number of the line most recently returned by next_line().
  uint64_t line_number() const { return line_number_; }
  // Bytes consumed so far (for progress), and the input's size when it is a regular file.
  uint64_t bytes_consumed() const { return consumed_; }
  std::optional<uint64_t> size() const { return size_; }
  const std::string& path() const { return path_; }
  bool is_stdin() const { return path_ == "-"; }

 private:
  // Reads more bytes into the buffer; false at end of input.
  bool fill();
  void check_bom();

  std::string path_;
  size_t max_line_bytes_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::string buffer_;     // unread bytes are buffer_[pos_, buffer_.size())
  size_t pos_ = 0;
  bool eof_ = false;
  bool bom_checked_ = false;
  Bom bom_ = Bom::kNone;
  uint64_t line_number_ = 0;
  uint64_t consumed_ = 0;
  std::optional<uint64_t> size_;
};

std::string_view to_string(Bom bom);

}  // namespace regscreen::cli
