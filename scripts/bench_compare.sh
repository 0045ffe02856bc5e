#!/usr/bin/env bash
# Side-by-side comparison on one file of generated records (bench/records.h), single thread, medians of CPU
# time; prints the table and the ratios against the targets (docs/perf-bench.md):
#   (a) raw hs_scan of the unnormalized bytes (the floor)   (b) regscreen end to end
#   (c) naive ICU pipeline (Normalizer2 + Transliterator) + hs_scan
#   (d) Python: NFKC + upper + pyahocorasick (Debian python3-ahocorasick, /usr/bin/python3)
#
#   scripts/bench_compare.sh [--build DIR] [--profile national] [--count 20000] [--repetitions 5]
#   scripts/bench_compare.sh --sweep [--build DIR] [--csv out.csv]   throughput against record length
#                                                                     (then scripts/plot_throughput.py)
# The build directory must be configured with -DREGSCREEN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release; the
# script builds the compare_bench target in it.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
profile=national
count=20000
repetitions=5
sweep=0
csv="$here/build/throughput.csv"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --repetitions) repetitions=$2; shift 2 ;;
    --sweep) sweep=1; shift ;;
    --csv) csv=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--profile P] [--count N] [--repetitions R] [--sweep [--csv FILE]]" >&2; exit 2 ;;
  esac
done

cmake --build "$build" --target compare_bench -j2 >/dev/null
bin="$build/bench/compare_bench"
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One comparison: write the records once, then every contestant reads that file.
compare() {  # <records file> <repetitions> [write options...]
  local file=$1 reps=$2
  shift 2
  "$bin" write "$file" --profile "$profile" "$@" >/dev/null
  "$bin" run "$file" --profile "$profile" --repetitions "$reps" >"$file.out"
  "$py" "$here/bench/compare_pyahocorasick.py" "$file" --repetitions "$reps" >>"$file.out"
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $sweep == 0 ]]; then
  compare "$tmp/records.tsv" "$repetitions" --count "$count"
  "$py" "$here/bench/compare_report.py" "$tmp/records.tsv.out"
else
  rm -f "$csv"
  for chars in 20 50 100 200 400 600; do
    compare "$tmp/len$chars.tsv" 3 --count 10000 --scope-chars "$chars"
    echo "--- scopes of $chars characters"
    "$py" "$here/bench/compare_report.py" "$tmp/len$chars.tsv.out" --csv "$csv" --label "$chars"
  done
  echo "wrote $csv; plot: $py scripts/plot_throughput.py $csv docs/throughput.png"
fi
