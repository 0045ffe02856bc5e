#!/usr/bin/python3
"""Contestant (d) of the side-by-side comparison (scripts/bench_compare.sh): what a data team would write in
Python today. pyahocorasick (Debian python3-ahocorasick) over unicodedata.normalize('NFKC', s).upper() of
each field, with the profile's terms folded the same way.

It does far less than regscreen: no Traditional->Simplified, no removal of separators, no offsets into the
original text, no context (negation, lookalikes), no scoring or routing. It only counts the fields with a
match, like contestant (a).

    /usr/bin/python3 bench/compare_pyahocorasick.py <records.tsv> [--repetitions 5]

reads <records.tsv> (written by `compare_bench write`) and <records.tsv>.terms, and prints
"result d_python_ahocorasick records=... bytes=... seconds=<median CPU s> min=... max=... found=...".
"""

import argparse
import statistics
import time
import unicodedata

import ahocorasick


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("records")
    ap.add_argument("--repetitions", type=int, default=5)
    args = ap.parse_args()

    automaton = ahocorasick.Automaton()
    with open(args.records + ".terms", encoding="utf-8") as f:
        for term in (line.rstrip("\n") for line in f):
            if term:
                key = unicodedata.normalize("NFKC", term).upper()
                automaton.add_word(key, key)
    automaton.make_automaton()

    records = []
    nbytes = 0
    with open(args.records, encoding="utf-8", newline="\n") as f:
        for line in f:
            _id, name, scope, website, _new = line.rstrip("\n").split("\t")
            records.append((name, scope, website))
            nbytes += len(name.encode()) + len(scope.encode()) + len(website.encode())

    normalize = unicodedata.normalize
    iterate = automaton.iter

    def one_pass() -> int:
        found = 0
        for fields in records:
            for s in fields:
                if s:
                    for _ in iterate(normalize("NFKC", s).upper()):
                        found += 1
                        break
        return found

    found = one_pass()  # warm-up
    seconds = []
    for _ in range(args.repetitions):
        t0 = time.process_time()
        found = one_pass()
        seconds.append(time.process_time() - t0)
    print(f"result d_python_ahocorasick records={len(records)} bytes={nbytes} seconds={statistics.median(seconds):.6f} "
          f"min={min(seconds):.6f} max={max(seconds):.6f} found={found}")


if __name__ == "__main__":
    main()
