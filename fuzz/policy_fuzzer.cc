// libFuzzer target: Any bytes as a lexicon, profile, context rules or licensed list (policy_check.h).
#include "fuzz_target.h"
#include "policy_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return regscreen::fuzz::run_fuzz_check("policy_fuzzer", regscreen::fuzz::check_policy, data, size);
}
