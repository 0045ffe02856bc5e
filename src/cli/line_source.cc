#include "cli/line_source.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace regscreen::cli {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

std::string describe_errno(const std::string& what, const std::string& path) {
  return what + " " + (path == "-" ? std::string("standard input") : path) + ": " + std::strerror(errno);
}

}  // namespace

std::string_view to_string(Bom bom) {
  switch (bom) {
    case Bom::kNone: return "none";
    case Bom::kUtf8: return "utf-8";
    case Bom::kGb18030: return "gb18030";
    case Bom::kUtf16Le: return "utf-16le";
    case Bom::kUtf16Be: return "utf-16be";
    case Bom::kUtf32Le: return "utf-32le";
    case Bom::kUtf32Be: return "utf-32be";
  }
  return "?";
}

LineSource::LineSource(std::string path, size_t max_line_bytes)
    : path_(std::move(path)), max_line_bytes_(max_line_bytes) {
  if (path_ == "-") {
    file_ = stdin;
  } else {
    struct stat st;
    if (::stat(path_.c_str(), &st) != 0) throw InputError(describe_errno("cannot open", path_));
    if (S_ISDIR(st.st_mode)) throw InputError("cannot read " + path_ + ": is a directory");
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_) throw InputError(describe_errno("cannot open", path_));
    owns_file_ = true;
    if (S_ISREG(st.st_mode)) size_ = static_cast<uint64_t>(st.st_size);
  }
}

LineSource::~LineSource() {
  if (owns_file_) std::fclose(file_);
}

bool LineSource::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const size_t old = buffer_.size();
  buffer_.resize(old + kChunkBytes);
  const size_t got = std::fread(buffer_.data() + old, 1, kChunkBytes, file_);
  buffer_.resize(old + got);
  if (got == 0) {
    if (std::ferror(file_)) throw InputError(describe_errno("cannot read", path_));
    eof_ = true;
    return false;
  }
  return true;
}

void LineSource::check_bom() {
  if (bom_checked_) return;
  bom_checked_ = true;
  while (buffer_.size() - pos_ < 4 && fill()) {
  }
  const std::string_view head(buffer_.data() + pos_, buffer_.size() - pos_);
  struct Mark {
    std::string_view bytes;
    Bom bom;
  };
  // UTF-32LE before UTF-16LE: its mark starts with the UTF-16LE one.
  static constexpr Mark kMarks[] = {
      {{"\xFF\xFE\x00\x00", 4}, Bom::kUtf32Le}, {{"\x00\x00\xFE\xFF", 4}, Bom::kUtf32Be},
      {"\xEF\xBB\xBF", Bom::kUtf8},             {"\x84\x31\x95\x33", Bom::kGb18030},
      {"\xFF\xFE", Bom::kUtf16Le},              {"\xFE\xFF", Bom::kUtf16Be},
  };
  for (const Mark& m : kMarks) {
    if (head.substr(0, m.bytes.size()) == m.bytes) {
      bom_ = m.bom;
      pos_ += m.bytes.size();
      consumed_ += m.bytes.size();
      return;
    }
  }
}

Bom LineSource::bom() {
  check_bom();
  return bom_;
}

std::string_view LineSource::peek(size_t n) {
  check_bom();
  while (buffer_.size() - pos_ < n && fill()) {
  }
  return std::string_view(buffer_).substr(pos_, n);
}

bool LineSource::next_line(std::string* line, bool* truncated) {
  check_bom();
  line->clear();
  *truncated = false;
  bool any = false;
  for (;;) {
    if (pos_ == buffer_.size() && !fill()) break;
    any = true;
    const char* begin = buffer_.data() + pos_;
    const size_t avail = buffer_.size() - pos_;
    const void* nl = std::memchr(begin, '\n', avail);
    const size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - begin) + 1 : avail;
    if (!*truncated) {
      const size_t room = max_line_bytes_ - line->size();
      if (take <= room) {
        line->append(begin, take);
      } else {
        line->append(begin, room);
        *truncated = true;
      }
    }
    pos_ += take;
    consumed_ += take;
    if (nl) break;
  }
  if (!any) return false;
  ++line_number_;
  return true;
}

}  // namespace regscreen::cli
