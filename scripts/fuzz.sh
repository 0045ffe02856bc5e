#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (docs/RELIABILITY.md), each in one process.
#
#   scripts/fuzz.sh [--ci] [--time SECONDS] [--jobs N] [--build-dir DIR] [TARGET...]
#
#   --time S     seconds per target (default 300; 40 with --ci)
#   --jobs N     targets run at the same time (default 1; 2 with --ci)
#   --build-only configure and build, run nothing
#   --ci         the short CI mode: a cheaper build of its own (DIR build/fuzz-ci, -O1, line tables only,
#                lld when installed), 40 s per target, 2 at a time; exit 1 on any finding
#   TARGET       normalizer, matcher, policy, screener, reader (default: every target that is built)
#
# Builds DIR (default build/fuzz) with clang, libFuzzer, ASan and UBSan: only the fuzz targets, the library
# and the CLI's readers (no tests, benchmarks, bindings or commands). Each target starts from its seed corpus
# fuzz/corpus/<target>/ and the inputs it found in earlier runs (DIR/work/<target>/, kept between runs on
# the same machine; the seed corpus in git is never written). A crash, a property violation, a timeout or
# an out-of-memory input is copied to tests/data/fuzz/<target>/ (named after its SHA-1), where
# tests/fuzz_regressions_test.cc replays it in the normal build: fix the bug, then commit the input.
# Ends with one line "N passed, N failed" (targets), and exits 1 when any target found something.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=""
jobs=""
ci=0
build_only=0
build_dir=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1 ;;
    --time) seconds=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    --build-only) build_only=1 ;;
    --build-dir) build_dir=$2; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
if [ "$ci" = 1 ]; then
  : "${seconds:=40}" "${jobs:=2}" "${build_dir:=build/fuzz-ci}"
else
  : "${seconds:=300}" "${jobs:=1}" "${build_dir:=build/fuzz}"
fi
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs clang and libclang-rt-14-dev)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The long runs keep -O2 and full debug information (RelWithDebInfo). The CI build is compiled cold on
# every run, so it trades a little speed per execution for a cheaper build: -O1 and line tables only (stack
# traces keep file:line), and lld for the five links. NDEBUG in both, so both fuzz the code that ships.
config=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "$ci" = 1 ]; then
  config=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only -DNDEBUG")
  if command -v ld.lld >/dev/null; then
    config+=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld)
  fi
fi

echo "== configure and build: $build_dir"
if ! CC=clang CXX=clang++ cmake -S . -B "$build_dir" "${config[@]}" \
      -DREGSCREEN_BUILD_FUZZ=ON -DREGSCREEN_BUILD_TESTS=OFF -DREGSCREEN_BUILD_BENCH=OFF \
      -DREGSCREEN_BUILD_PYTHON=OFF -DREGSCREEN_SANITIZE=fuzzer-no-link,address,undefined >/dev/null; then
  echo "fuzz.sh: configure failed"; echo "0 passed, 1 failed"; exit 1
fi
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzzer.cc; do
    t=$(basename "$f" _fuzzer.cc)
    # reader_fuzzer is built only when the CLI's readers exist.
    if [ "$t" = reader ] && [ ! -f src/cli/record_reader.h ]; then continue; fi
    targets+=("$t")
  done
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=(--target "${t}_fuzzer"); done
if ! cmake --build "$build_dir" -j"$(nproc)" "${build_targets[@]}"; then
  echo "fuzz.sh: build failed"; echo "0 passed, ${#targets[@]} failed"; exit 1
fi
[ "$build_only" = 1 ] && exit 0

# Runs one target; its result ("ok" or "finding <exit code>") goes to $build_dir/logs/<target>.result.
fuzz_one() {
  local t=$1
  local bin="$build_dir/fuzz/${t}_fuzzer"
  local work="$build_dir/work/$t"
  local artifacts="$build_dir/artifacts/$t"
  local log="$build_dir/logs/$t-$(date +%Y%m%d-%H%M%S).log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  rm -f "$artifacts"/*
  # Policy files are longer than records: the bundled context.toml is ~25 KB. Hyperscan's compiler takes up
  # to a second (several under ASan on a loaded machine) for some sets of 15 short literals: the matcher
  # target gets a longer -timeout so that only a real hang is a finding.
  local max_len=8192 timeout=25
  [ "$t" = policy ] && max_len=32768
  [ "$t" = matcher ] && timeout=90
  local dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  echo "$log" >"$build_dir/logs/$t.log-path"
  # One process per target; -timeout: an input taking this long is a finding (a hang or quadratic time);
  # -rss_limit_mb: so is one that needs this much memory.
  (cd "$work" && "$bin" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=3072 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$work" "$root/fuzz/corpus/$t") >"$log" 2>&1
  local rc=$?
  # slow-unit-* files are only reports (-report_slow_units); crash-, timeout-, oom- and leak- are findings.
  local found
  found=$(find "$artifacts" -type f ! -name 'slow-unit-*' | wc -l)
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    echo "finding $rc" >"$build_dir/logs/$t.result"
  else
    echo ok >"$build_dir/logs/$t.result"
  fi
}

# Reports one finished target, and saves what it found.
report() {
  local t=$1
  local log result
  log=$(cat "$build_dir/logs/$t.log-path")
  result=$(cat "$build_dir/logs/$t.result" 2>/dev/null || echo "finding none")
  echo "== fuzz: $t for ${seconds}s (log: $log)"
  grep -E "^stat::number_of_executed_units|^Done [0-9]+ runs" "$log" | tail -2 | sed "s/^/  /"
  if [ "$result" = ok ]; then
    passed=$((passed + 1))
    return
  fi
  failed=$((failed + 1))
  echo "[$t] FINDING (exit ${result#finding }): last lines of the log:"
  grep -E "PROPERTY VIOLATED|ERROR: |SUMMARY: |runtime error" "$log" | head -5 | sed "s/^/  /"
  mkdir -p "tests/data/fuzz/$t"
  local a dest
  for a in "$build_dir/artifacts/$t"/*; do
    [ -f "$a" ] || continue
    case "$(basename "$a")" in slow-unit-*) continue ;; esac
    dest="tests/data/fuzz/$t/$(basename "$a" | cut -d- -f1)-$(sha1sum "$a" | cut -c1-16)"
    cp "$a" "$dest"
    echo "  saved $dest (replayed by tests/fuzz_regressions_test.cc)"
  done
}

echo "== fuzz: ${#targets[@]} target(s), ${seconds}s each, $jobs at a time"
rm -f "$build_dir"/logs/*.result
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  fuzz_one "$t" &
  running=$((running + 1))
done
wait

passed=0
failed=0
for t in "${targets[@]}"; do report "$t"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
