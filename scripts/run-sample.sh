#!/usr/bin/env bash
# The main job on the bundled sample: installs dependencies, builds the release preset, screens
# data/samples/registry-sample.csv with the national profile and writes out/sample.jsonl, one referral file
# per regulator in out/referrals/ and totals in out/summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-national}
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target regscreen_cli
mkdir -p out
./build/release/regscreen screen data/samples/registry-sample.csv --profile "$profile" \
  --out out/sample.jsonl --referrals-dir out/referrals --summary out/summary.json
echo "results: out/sample.jsonl  referrals: out/referrals/  totals: out/summary.json"
