#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (docs/RELIABILITY.md), one after the other, each in one process.
#
#   scripts/fuzz.sh [--ci] [--time SECONDS] [--build-dir DIR] [TARGET...]
#
#   --time S     seconds per target (default 300)
#   --ci         the short CI mode: 30 s per target unless --time is given, and exit 1 on any finding
#   TARGET       normalizer, matcher, policy, screener, reader (default: every target that is built)
#
# Builds DIR (default build/fuzz) with clang, libFuzzer, ASan and UBSan. Each target starts from its seed
# corpus fuzz/corpus/<target>/ and the inputs it found in earlier runs (DIR/work/<target>/, kept between
# runs on the same machine; the seed corpus in git is never written). A crash, a property violation, a
# timeout or an out-of-memory input is copied to tests/data/fuzz/<target>/ (named after its SHA-1), where
# tests/fuzz_regressions_test.cc replays it in the normal build: fix the bug, then commit the input.
# Ends with one line "N passed, N failed" (targets), and exits 1 when any target found something.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=""
ci=0
build_dir=build/fuzz
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1 ;;
    --time) seconds=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
if [ -z "$seconds" ]; then
  if [ "$ci" = 1 ]; then seconds=30; else seconds=300; fi
fi

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs clang and libclang-rt-14-dev)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== configure and build: $build_dir"
if ! CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
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

passed=0
failed=0
for t in "${targets[@]}"; do
  bin="$root/$build_dir/fuzz/${t}_fuzzer"
  work="$root/$build_dir/work/$t"
  artifacts="$root/$build_dir/artifacts/$t"
  log="$root/$build_dir/logs/$t-$(date +%Y%m%d-%H%M%S).log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  rm -f "$artifacts"/*
  # Policy files are longer than records: the bundled context.toml is ~25 KB. Hyperscan's compiler takes up
  # to a second (several under ASan on a loaded machine) for some sets of 15 short literals: the matcher
  # target gets a longer -timeout so that only a real hang is a finding.
  max_len=8192
  timeout=25
  [ "$t" = policy ] && max_len=32768
  [ "$t" = matcher ] && timeout=90
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  echo "== fuzz: $t for ${seconds}s (log: $log)"
  # One process (the machine is shared); -timeout: an input taking this long is a finding (a hang or
  # quadratic time); -rss_limit_mb: so is one that needs this much memory.
  (cd "$work" && "$bin" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=3072 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$work" "$root/fuzz/corpus/$t") >"$log" 2>&1
  rc=$?
  grep -E "^stat::number_of_executed_units|^Done [0-9]+ runs" "$log" | tail -2 | sed "s/^/  /"
  # slow-unit-* files are only reports (-report_slow_units); crash-, timeout-, oom- and leak- are findings.
  found=$(find "$artifacts" -type f ! -name 'slow-unit-*' | wc -l)
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    failed=$((failed + 1))
    echo "[$t] FINDING (exit $rc): last lines of the log:"
    grep -E "PROPERTY VIOLATED|ERROR: |SUMMARY: |runtime error" "$log" | head -5 | sed "s/^/  /"
    mkdir -p "tests/data/fuzz/$t"
    for a in "$artifacts"/*; do
      [ -f "$a" ] || continue
      case "$(basename "$a")" in slow-unit-*) continue ;; esac
      dest="tests/data/fuzz/$t/$(basename "$a" | cut -d- -f1)-$(sha1sum "$a" | cut -c1-16)"
      cp "$a" "$dest"
      echo "  saved $dest (replayed by tests/fuzz_regressions_test.cc)"
    done
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
