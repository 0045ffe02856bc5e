// The libFuzzer entry point shared by every fuzz target: run one check, and abort() on a violation so that
// libFuzzer reports it and saves the input (scripts/fuzz.sh then copies it to tests/data/fuzz/<target>/).
// An exception escaping a check is a finding too: the checks catch every exception the API documents.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

namespace regscreen::fuzz {

using Check = std::string (*)(std::string_view data);

inline int run_fuzz_check(const char* target, Check check, const uint8_t* data, size_t size) {
  std::string failure;
  try {
    failure = check(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& e) {
    failure = std::string("uncaught ") + typeid(e).name() + ": " + e.what();
  }
  if (!failure.empty()) {
    std::fprintf(stderr, "\n%s: PROPERTY VIOLATED: %s\n", target, failure.c_str());
    std::abort();
  }
  return 0;
}

}  // namespace regscreen::fuzz
