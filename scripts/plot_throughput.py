#!/usr/bin/python3
"""Plots throughput against record length for the four contestants of scripts/bench_compare.sh --sweep.

    /usr/bin/python3 scripts/plot_throughput.py build/throughput.csv docs/throughput.png

Reads the CSV written by bench/compare_report.py (label = scope length in characters) and draws records/s
(log scale) and MB/s against the mean record size in bytes, one line per contestant. Needs Debian's
python3-matplotlib.
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
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    series = defaultdict(list)
    with open(sys.argv[1], newline="") as f:
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
    left.axhline(2e6, color="tab:red", linewidth=0.8, linestyle=":")
    left.text(left.get_xlim()[0], 2e6, " target: 2 million records/s", color="tab:red", va="bottom", fontsize=8)
    right.set_yscale("log")
    right.set_ylabel("MB per second of input (log scale)")
    for ax in (left, right):
        ax.set_xlabel("mean record size, bytes (name + scope + website)")
        ax.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8, loc="lower left")
    fig.suptitle("Throughput against record length, one thread, same records for all four (median CPU time)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)
    print(f"wrote {sys.argv[2]}")


if __name__ == "__main__":
    main()
