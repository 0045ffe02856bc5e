// PolicyError: what() is "file:line: message", or "file: message" when the line is not known (0).
#include "regscreen/screener.h"

namespace regscreen {

namespace {

std::string format_policy_error(const std::string& file, int line, const std::string& message) {
  if (line > 0) return file + ":" + std::to_string(line) + ": " + message;
  return file + ": " + message;
}

}  // namespace

PolicyError::PolicyError(std::string file, int line, const std::string& message)
    : std::runtime_error(format_policy_error(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(message) {}

}  // namespace regscreen
