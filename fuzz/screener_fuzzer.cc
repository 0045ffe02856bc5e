// libFuzzer target: The screener end to end on any record, both backends (screener_check.h).
#include "fuzz_target.h"
#include "screener_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return regscreen::fuzz::run_fuzz_check("screener_fuzzer", regscreen::fuzz::check_screener, data, size);
}
