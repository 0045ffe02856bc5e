// libFuzzer target: Normalizer offsets and round trip on any bytes (normalizer_check.h).
#include "fuzz_target.h"
#include "normalizer_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return regscreen::fuzz::run_fuzz_check("normalizer_fuzzer", regscreen::fuzz::check_normalizer, data, size);
}
