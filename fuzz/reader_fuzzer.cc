// libFuzzer target: the CLI's CSV/TSV/JSONL readers on any file content (reader_check.h).
#include "fuzz_target.h"
#include "reader_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return regscreen::fuzz::run_fuzz_check("reader_fuzzer", regscreen::fuzz::check_readers, data, size);
}
