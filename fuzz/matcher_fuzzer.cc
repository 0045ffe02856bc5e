// libFuzzer target: Matcher backends against each other and a naive reference (matcher_check.h).
#include "fuzz_target.h"
#include "matcher_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return regscreen::fuzz::run_fuzz_check("matcher_fuzzer", regscreen::fuzz::check_matchers, data, size);
}
