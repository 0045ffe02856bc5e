#!/usr/bin/python3
"""Prints the side-by-side table and the ratios from the "result ..." lines of compare_bench and
compare_pyahocorasick.py (read from the files given, or stdin). Used by scripts/bench_compare.sh.

    /usr/bin/python3 bench/compare_report.py run.txt [--csv out.csv --label <x>]

With --csv, also appends one row per contestant (label, contestant, records, bytes, seconds, records_per_s,
MB_per_s) for scripts/plot_throughput.py.
"""

import argparse
import csv
import os
import sys

NAMES = {
    "a_raw_hs_scan": "(a) raw hs_scan of the unnormalized bytes (floor)",
    "b_regscreen": "(b) regscreen Screener::screen(), end to end",
    "c_icu_pipeline": "(c) naive ICU pipeline + hs_scan",
    "d_python_ahocorasick": "(d) Python NFKC+upper + pyahocorasick",
}


def parse(lines):
    results, other = {}, []
    for line in lines:
        words = line.split()
        if not words:
            continue
        if words[0] == "result":
            fields = dict(w.split("=", 1) for w in words[2:])
            results[words[1]] = {k: float(v) for k, v in fields.items()}
        elif words[0] in ("compile", "memory", "load"):
            other.append(line.rstrip())
    return results, other


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--csv")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    lines = []
    for name in args.files or ["-"]:
        lines += (sys.stdin if name == "-" else open(name, encoding="utf-8")).readlines()
    results, other = parse(lines)
    if not results:
        sys.exit("compare_report: no result lines")
    for line in other:
        print(line)
    any_result = next(iter(results.values()))
    n, nbytes = any_result["records"], any_result["bytes"]
    print(f"{int(n)} records, {nbytes / 1e6:.2f} MB ({nbytes / n:.0f} bytes/record); median CPU time per pass")
    print(f"{'contestant':<52} {'records/s':>12} {'MB/s':>9} {'ns/record':>10} {'time vs (b)':>12}")
    b = results.get("b_regscreen")
    for key, r in sorted(results.items()):
        rate = r["records"] / r["seconds"]
        mbs = r["bytes"] / r["seconds"] / 1e6
        rel = f"{r['seconds'] / b['seconds']:.2f}x" if b else ""
        print(f"{NAMES.get(key, key):<52} {rate:>12,.0f} {mbs:>9.1f} {r['seconds'] / r['records'] * 1e9:>10.0f} {rel:>12}")
    if b:
        print("ratios (same records, same run):")
        if "a_raw_hs_scan" in results:
            x = b["seconds"] / results["a_raw_hs_scan"]["seconds"]
            print(f"  (b) takes {x:.2f}x the time of the raw scan (a)           target <= 3x: {'holds' if x <= 3 else 'MISSED'}")
        if "c_icu_pipeline" in results:
            x = results["c_icu_pipeline"]["seconds"] / b["seconds"]
            print(f"  (b) is {x:.1f}x faster than the naive ICU pipeline (c)     target >= 30x: {'holds' if x >= 30 else 'MISSED'}")
        if "d_python_ahocorasick" in results:
            x = results["d_python_ahocorasick"]["seconds"] / b["seconds"]
            print(f"  (b) is {x:.1f}x faster than Python pyahocorasick (d)       target >= 1.5x: {'holds' if x >= 1.5 else 'MISSED'}")
        rate = b["records"] / b["seconds"]
        print(f"  (b) screens {rate / 1e6:.2f} million records/s                  target >= 2 million: "
              f"{'holds' if rate >= 2e6 else 'MISSED'}")
    if args.csv:
        new = not os.path.exists(args.csv)
        with open(args.csv, "a", newline="") as f:
            w = csv.writer(f)
            if new:
                w.writerow(["label", "contestant", "records", "bytes", "seconds", "records_per_s", "MB_per_s"])
            for key, r in sorted(results.items()):
                w.writerow([args.label, key, int(r["records"]), int(r["bytes"]), r["seconds"],
                            r["records"] / r["seconds"], r["bytes"] / r["seconds"] / 1e6])


if __name__ == "__main__":
    main()
