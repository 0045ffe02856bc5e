#!/usr/bin/python3
"""Plots throughput against record length for the four contestants of scripts/bench_compare.sh --sweep.

    /usr/bin/python3 scripts/plot_throughput.py build/throughput.csv docs/throughput.png [--mix-bytes 349]

Reads the CSV written by bench/compare_report.py (label = scope length in characters) and draws records/s
(log scale) and MB/s against the mean record size in bytes, one line per contestant, with the 2-million-
records/s target at the realistic mix's mean record size (--mix-bytes; bench/records.h, 349 bytes). Needs
Debian's python3-matplotlib.
"""

import csv
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLE = {
    "a_raw_hs_scan": ("(a) raw hs_scan, unnormalized (floor)", "tab:gray", "s", "--"),
    "b_regscreen": ("(b) regscreen, end to end", "tab:red", "o", "-"),
    "c_icu_pipeline": ("(c) naive ICU pipeline + hs_scan", "tab:blue", "^", "-"),
    "d_python_ahocorasick": ("(d) Python NFKC + pyahocorasick", "tab:green", "D", "-"),
}


def main() -> None:
    args = sys.argv[1:]
    mix_bytes = 349.0
    if "--mix-bytes" in args:
        i = args.index("--mix-bytes")
        mix_bytes = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    series = defaultdict(list)
    with open(args[0], newline="") as f:
        for row in csv.DictReader(f):
            size = float(row["bytes"]) / float(row["records"])
            series[row["contestant"]].append((size, float(row["records_per_s"]), float(row["MB_per_s"])))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.6))
    for key in STYLE:
        if key not in series:
            continue
        label, color, marker, line = STYLE[key]
        points = sorted(series[key])
        xs = [p[0] for p in points]
        left.plot(xs, [p[1] for p in points], marker=marker, linestyle=line, color=color, label=label)
        right.plot(xs, [p[2] for p in points], marker=marker, linestyle=line, color=color, label=label)
    left.set_yscale("log")
    left.set_ylabel("records per second (log scale)")
    # The records/s target holds for the realistic mix (names 8-30, scopes 20-600 characters): mark it there.
    left.plot([mix_bytes], [2e6], marker="*", markersize=13, color="tab:red", linestyle="none")
    left.annotate(f"target: 2 million records/s\non the realistic mix ({mix_bytes:.0f} B/record)", (mix_bytes, 2e6),
                  xytext=(mix_bytes + 420, 5.5e6), fontsize=8, color="tab:red",
                  arrowprops={"arrowstyle": "->", "color": "tab:red", "linewidth": 0.8})
    right.set_yscale("log")
    right.set_ylabel("MB per second of input (log scale)")
    for ax in (left, right):
        ax.set_xlabel("mean record size, bytes (name + scope + website)")
        ax.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8, loc="lower left")
    fig.suptitle("Throughput against record length, one thread, same records for all four (median CPU time)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(args[1], dpi=110)
    print(f"wrote {args[1]}")


if __name__ == "__main__":
    main()
