#!/usr/bin/env bash
# Evaluate screening quality on the labeled dev set: builds the CLI if needed, screens
# <shared>/eval/dev.csv with the national profile (or $PROFILE), then runs the shared evaluate.py
# (targets: flag recall/precision, exempt recall, refer/review accuracy, categories) and check_contract.py
# (one output row per record, keys, offsets slicing the original text).
#
# usage: scripts/evaluate.sh [--show-errors] [--build-dir DIR] [--shared DIR] [--out FILE]
#   BUILD_DIR (default <repo>/build/evaluate), SHARED (default <repo>/../shared), PROFILE (default national)
# Exit status: 0 when every target is met and the contract holds, 1 otherwise, 2 on a usage or setup error.
#
# The dev set is under a non-commercial licence (see <shared>/eval/README.md): predictions are written
# outside the repository (a temporary directory unless --out is given) and nothing here copies records.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$repo/build/evaluate}"
shared="${SHARED:-$(dirname "$repo")/shared}"
profile="${PROFILE:-national}"
out=""
show=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --show-errors) show=(--show-errors); shift ;;
    --build-dir) build_dir="$2"; shift 2 ;;
    --shared) shared="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "evaluate.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

eval_dir="$shared/eval"
for f in dev.csv dev_labels.jsonl evaluate.py check_contract.py; do
  [[ -f "$eval_dir/$f" ]] || { echo "evaluate.sh: $eval_dir/$f not found (set SHARED or --shared)" >&2; exit 2; }
done

cli="$build_dir/regscreen"
if [[ ! -x "$cli" || -n "$(find "$repo/src" "$repo/include" -newer "$cli" -name '*.[ch]*' -print -quit)" ]]; then
  if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DREGSCREEN_BUILD_PYTHON=OFF \
      -DREGSCREEN_BUILD_BENCH=OFF -DREGSCREEN_BUILD_TESTS=OFF >/dev/null
  fi
  cmake --build "$build_dir" --target regscreen_cli -j2 >/dev/null
fi

tmp=""
if [[ -z "$out" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  out="$tmp/predictions.jsonl"
fi

"$cli" screen "$eval_dir/dev.csv" --profile "$profile" --policy-dir "$repo/data" --id-col id \
  --format jsonl --out "$out" --quiet

status=0
echo "== evaluate.py (profile $profile) =="
python3 "$eval_dir/evaluate.py" "$eval_dir/dev_labels.jsonl" "$out" "${show[@]}" || status=1
echo "== check_contract.py =="
python3 "$eval_dir/check_contract.py" "$eval_dir/dev.csv" "$out" || status=1
exit $status
