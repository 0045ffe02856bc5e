#!/usr/bin/env bash
# Runs every test of regscreen: installs dependencies, builds, and runs ctest (GoogleTest, the CLI end to end
# tests and pytest) in the release build, then the suite again under AddressSanitizer+UBSan, and the
# concurrency tests under ThreadSanitizer, and runs every libFuzzer target briefly (scripts/fuzz.sh --ci).
# Ends with one line "N passed, N failed" over all stages.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-deps.sh || { echo "install-deps failed"; echo "0 passed, 1 failed"; exit 1; }

jobs=$(nproc)
passed=0
failed=0
status=0

# run_ctest STAGE ARGS...: runs ctest, adds its counts to the totals.
run_ctest() {
  local stage=$1; shift
  local log
  log=$(mktemp)
  ctest "$@" 2>&1 | tee "$log"
  local line total bad
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -1)
  if [ -z "$line" ]; then
    echo "[$stage] ctest printed no summary"
    failed=$((failed + 1)); status=1
  else
    bad=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
    passed=$((passed + total - bad)); failed=$((failed + bad))
    [ "$bad" -eq 0 ] || status=1
    [ "$total" -gt 0 ] || { echo "[$stage] ran no test"; status=1; }
  fi
  rm -f "$log"
}

# build PRESET [TARGETS...]: configures and builds; a failure counts as a failed stage.
build() {
  local preset=$1; shift
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  echo "== configure and build: $preset ($(( $(date +%s) - start )) s since start)"
  if ! { cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" -j"$jobs" "${targets[@]}"; }; then
    echo "[$preset] build failed"
    failed=$((failed + 1)); status=1
    return 1
  fi
}

if build release; then
  echo "== tests: release"
  run_ctest release --preset release -j"$jobs"
fi
if [ "${REGSCREEN_SKIP_SANITIZERS:-0}" != 1 ]; then
  if build asan; then
    echo "== tests: AddressSanitizer + UndefinedBehaviorSanitizer"
    run_ctest asan --preset asan -j"$jobs" -LE no-sanitizer
  fi
  # ThreadSanitizer: only the tests that share screeners between threads (8 threads screening while the
  # policy is reloaded, through C++ and the C API).
  if build tsan concurrency_reload_test live_screener_test screener_test; then
    echo "== tests: ThreadSanitizer (concurrency)"
    run_ctest tsan --preset tsan -j"$jobs" -R 'ConcurrencyReload|LiveScreenerTest|Thread'
  fi
  # Fuzzing: every libFuzzer target 40 s, two at a time, in its own clang build (docs/RELIABILITY.md).
  echo "== fuzz ($(( $(date +%s) - start )) s since start)"
  log=$(mktemp)
  bash scripts/fuzz.sh --ci 2>&1 | tee "$log"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
  rm -f "$log"
  if [ -z "$line" ]; then
    echo "[fuzz] printed no summary"
    failed=$((failed + 1)); status=1
  else
    read -r fuzz_passed _ fuzz_failed _ <<<"$line"
    passed=$((passed + fuzz_passed)); failed=$((failed + fuzz_failed))
    [ "$fuzz_failed" -eq 0 ] || status=1
  fi
fi
echo "== all stages finished in $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
exit $status
