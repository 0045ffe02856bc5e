#!/usr/bin/python3
"""Python-side throughput: regscreen's batch calls against what a data team would write today.

    PYTHONPATH=<build>/python /usr/bin/python3 bench/python_bench.py [--records 1000000] [--repeat 3]

Generates invented registry records with the C++ benchmarks' mix (RecordMix, a port of bench/records.h,
whose word lists it reads: scopes log-normal around a median of 85 characters as in registry exports, 5%
of records with a term, affirmative or inside a disclaimer or a lookalike, 2% Traditional / full-width /
spaced-out, 10% with a website name) and times, on the same records:

  loop         a Python loop calling Screener.screen() once per record, then keeping the referred Results
  ahocorasick  the baseline: pyahocorasick (Debian python3-ahocorasick) over
               unicodedata.normalize('NFKC', s).upper() of name, scope and website, collecting the terms found
               (the national profile's terms; no context rules, offsets, scores or routing)
  ahocorasick (upper only)  the same without NFKC (faster, but misses full-width forms): for reference
  many/1, many/2  Screener.screen_many(..., threads=1 / 2) -> Results, then the referred Results
               (Results.select("refer")); "list() of all" makes every Result object instead
  frame/2      regscreen.screen_frame(df, threads=2) -> DataFrame (hits as JSON), then the referred rows
  empty ...    the loop, screen_many and the frame's column call on empty records: what the bindings cost
               per record apart from the screening itself

Each is run --repeat times; the table gives the median, records per second, and ratios. The machine is
shared and noisy: compare ratios from one run rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import tomllib
import unicodedata

import regscreen

RECORDS_H = os.path.join(os.path.dirname(os.path.abspath(__file__)), "records.h")


def records_h_words(path: str = RECORDS_H) -> dict[str, list[str]]:
    """The word lists of bench/records.h (the C++ benchmarks' record mix), read from the header itself so
    that both benchmarks screen the same vocabulary: {"regions": [...], ..., "traditional": [(s, t), ...]}."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    words: dict[str, list] = {}
    for m in re.finditer(r"inline const Words& (\w+)\(\) \{\s*static const Words w = \{(.*?)\};", src, re.S):
        words[m.group(1)] = [json.loads('"' + s + '"') for s in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))]
    m = re.search(r"traditional\(\) \{.*?= \{(.*?)\};", src, re.S)
    words["traditional"] = re.findall(r'\{"([^"]+)", "([^"]+)"\}', m.group(1))
    need = ["regions", "trade_chars", "industries", "legal_forms", "scope_items", "term_industries", "term_items",
            "term_disclaimers", "lookalike_items", "approval_clauses", "website_names", "traditional"]
    missing = [k for k in need if not words.get(k)]
    if missing:
        raise SystemExit(f"{path}: word lists not found: {missing}")
    return words


class RecordMix:
    """A Python port of bench/records.h's Generator (same distributions and vocabulary, its own random
    numbers): names region + trade name + industry + legal form, 8-30 characters; scopes log-normal around
    a median of 85 characters (sigma 0.6, 20-600), 40% in the 一般项目 layout, most ending in an approval
    clause; 5% of records with a term (60% affirmative, in the name or the scope; 30% only inside a
    disclaimer such as 不得从事…代客理财等金融业务; 10% a lookalike such as 鸿基金属); 2% Traditional,
    full-width, spaced-out or zero-width oddities; 10% with a website name."""

    def __init__(self, words: dict[str, list], seed: int = 2016, term_rate: float = 0.05,
                 oddity_rate: float = 0.02, website_rate: float = 0.10) -> None:
        self.w = words
        self.rng = random.Random(seed)
        self.term_rate, self.oddity_rate, self.website_rate = term_rate, oddity_rate, website_rate

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, key: str) -> str:
        return self.rng.choice(self.w[key])

    def trade_name(self) -> str:
        n = 2 if self.chance(0.75) else 2 + self.rng.randrange(3)
        return "".join(self.pick("trade_chars") for _ in range(n))

    def name(self, with_term: bool) -> str:
        region, trade = self.pick("regions"), self.trade_name()
        industry = self.pick("term_industries" if with_term else "industries")
        name = trade + "（" + region + "）" + industry if self.chance(0.15) else region + trade + industry
        form = self.pick("legal_forms")
        if form == "有限公司分公司":
            form = "有限公司" + self.pick("regions") + "分公司"
        name += form
        while len(name) < 8:
            name = self.pick("trade_chars") + name
        return name[:30]

    def scope(self, affirmative: bool, disclaimer: bool, lookalike: bool) -> str:
        target = min(max(int(85 * math.exp(0.6 * self.rng.gauss(0, 1))), 20), 600)
        layout = self.chance(0.4)
        clause = self.pick("approval_clauses")
        special = self.pick("term_items") if affirmative else self.pick("lookalike_items") if lookalike else ""
        tail = self.pick("term_disclaimers") if disclaimer else clause
        s, items = ("一般项目：" if layout else ""), 0
        special_at = self.rng.randrange(3) if special else -1
        while len(s) + len(tail) < target:
            if items:
                s += "；" if items % 4 == 3 else ("，" if self.chance(0.1) else "、")
            s += special if items == special_at else self.pick("scope_items")
            items += 1
        if special and items <= special_at:
            s += ("、" if items else "") + special
        if len(s) + len(tail) > target:
            s = s[:max(target - len(tail), 0)]
        if special and special not in s:
            s = special + "、" + s
        return (s + tail)[:600]

    def oddity(self, name: str, scope: str) -> tuple[str, str]:
        kind = self.rng.randrange(4)
        if kind == 0:  # Traditional characters
            for a, b in self.w["traditional"]:
                name, scope = name.replace(a, b), scope.replace(a, b)
        elif kind == 1:  # full-width letters and digits
            scope = "ＡＰＰ开发、２４小时" + scope
        elif kind == 2:  # a space between characters of the name
            name = name[:len(name) // 2] + " " + name[len(name) // 2:]
        else:  # a zero-width space in the scope
            scope = scope[:len(scope) // 2] + "\u200b" + scope[len(scope) // 2:]
        return name, scope

    def generate(self, n: int) -> tuple[list[str], list[str], list]:
        names, scopes, websites = [], [], []
        for _ in range(n):
            with_term = self.chance(self.term_rate)
            kind = self.rng.random()
            affirmative = with_term and kind < 0.6
            disclaimer = with_term and 0.6 <= kind < 0.9
            lookalike = with_term and kind >= 0.9
            in_name = affirmative and self.chance(0.5)
            name = self.name(in_name)
            scope = self.scope(affirmative and not in_name, disclaimer, lookalike)
            website = self.trade_name() + self.pick("website_names") if self.chance(self.website_rate) else None
            if self.chance(self.oddity_rate):
                name, scope = self.oddity(name, scope)
            names.append(name)
            scopes.append(scope)
            websites.append(website)
        return names, scopes, websites


def national_terms(policy_dir: str) -> list[str]:
    with open(os.path.join(policy_dir, "profiles", "national.toml"), "rb") as f:
        profile = tomllib.load(f)
    terms: list[str] = []
    for lst in profile.get("list", []):
        for t in lst.get("terms", []):
            if t not in terms:
                terms.append(t)
    return terms


def run_interleaved(methods: list[tuple[str, object]], repeat: int) -> dict[str, tuple[float, float]]:
    """Runs every method once per round, `repeat` rounds, so that the load of a shared machine falls on all
    of them alike; returns label -> (median wall seconds, median CPU seconds of all this process's
    threads)."""
    wall: dict[str, list[float]] = {label: [] for label, _ in methods}
    cpu: dict[str, list[float]] = {label: [] for label, _ in methods}
    for _ in range(repeat):
        for label, fn in methods:
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            out = fn()
            wall[label].append(time.perf_counter() - t0)
            cpu[label].append(time.process_time() - c0)
            del out
    return {label: (statistics.median(wall[label]), statistics.median(cpu[label])) for label, _ in methods}


L_BASE = "ahocorasick (NFKC+upper, 1 thread)"
L_UPPER = "ahocorasick (upper only, no NFKC)"
L_LOOP = "loop over screen(), keep referred"
L_MANY1 = "screen_many threads=1, keep referred"
L_MANY2 = "screen_many threads=2, keep referred"
L_MANY2_ALL = "screen_many threads=2, list() of all"
L_FRAME = "screen_frame threads=2, keep referred"
L_LOOP_EMPTY = "empty records: loop over screen()"
L_MANY_EMPTY = "empty records: screen_many threads=1"
L_FRAME_EMPTY = "empty records: frame columns threads=1"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", default="national")
    ap.add_argument("--skip-loop", action="store_true", help="skip the slow Python loop over screen()")
    args = ap.parse_args()

    import ahocorasick
    import pandas as pd

    s = regscreen.Screener(args.profile)
    terms = national_terms(s.policy_dir)
    t0 = time.perf_counter()
    names, scopes, websites = RecordMix(records_h_words()).generate(args.records)
    gen_s = time.perf_counter() - t0
    name_len = statistics.mean(map(len, names))
    scope_len = statistics.mean(map(len, scopes))
    scope_median = statistics.median(map(len, scopes))
    website_share = sum(w is not None for w in websites) / len(websites)

    automaton = ahocorasick.Automaton()
    for t in terms:
        key = unicodedata.normalize("NFKC", t).upper()
        automaton.add_word(key, t)
    automaton.make_automaton()

    def baseline():
        norm = unicodedata.normalize
        out = []
        for name, scope, website in zip(names, scopes, websites):
            found = [t for _, t in automaton.iter(norm("NFKC", name).upper())]
            found += [t for _, t in automaton.iter(norm("NFKC", scope).upper())]
            if website is not None:
                found += [t for _, t in automaton.iter(norm("NFKC", website).upper())]
            out.append(found)
        return out

    def baseline_upper_only():
        out = []
        for name, scope, website in zip(names, scopes, websites):
            found = [t for _, t in automaton.iter(name.upper())]
            found += [t for _, t in automaton.iter(scope.upper())]
            if website is not None:
                found += [t for _, t in automaton.iter(website.upper())]
            out.append(found)
        return out

    # What a data team does with the results: screen every record, keep the referred ones (with their
    # hits) for the regulators. The loop must make a Result per record to look at its decision;
    # screen_many's Results.select makes Result objects for the referred records only.
    def loop():
        screen = s.screen
        out = [screen(name=n, scope=sc, website=w) for n, sc, w in zip(names, scopes, websites)]
        return [r for r in out if r.decision == "refer"]

    def many(threads):
        return s.screen_many(names, scopes, websites, threads=threads).select("refer")

    def frame():
        out = regscreen.screen_frame(df, website="网站名称", screener=s, threads=2)
        return out[out.decision == "refer"]

    df = pd.DataFrame({"企业名称": names, "经营范围": scopes, "网站名称": websites})

    base_out = baseline()
    with_terms_baseline = sum(1 for f in base_out if f)
    del base_out
    many_out = s.screen_many(names, scopes, websites)
    flagged = sum(1 for r in many_out if r.hits)
    decisions: dict[str, int] = {}
    for r in many_out:
        decisions[r.decision] = decisions.get(r.decision, 0) + 1
    del many_out

    methods = [(L_BASE, baseline), (L_UPPER, baseline_upper_only)]
    if not args.skip_loop:
        methods.append((L_LOOP, loop))
    methods += [
        (L_MANY1, lambda: many(1)),
        (L_MANY2, lambda: many(2)),
        (L_MANY2_ALL, lambda: list(s.screen_many(names, scopes, websites, threads=2))),
        (L_FRAME, frame),
    ]
    # What the bindings cost per record, apart from the screening: the same calls on empty records.
    empty = [""] * len(names)
    methods += [
        (L_LOOP_EMPTY, lambda: [s.screen(name=n, scope=sc) for n, sc in zip(empty, empty)]),
        (L_MANY_EMPTY, lambda: s.screen_many(empty, empty, threads=1)),
        (L_FRAME_EMPTY, lambda: s._screen_columns(empty, empty, None, None, None, False, 1, 1, None, ())),
    ]
    t_start = time.perf_counter()
    timings = run_interleaved(methods, args.repeat)
    total_s = time.perf_counter() - t_start
    base_s = timings[L_BASE][0]

    n = args.records
    print(f"# regscreen Python benchmark: {n:,} records, median of {args.repeat} interleaved rounds "
          f"({total_s:.0f} s)")
    print(f"# python {platform.python_version()}, {os.cpu_count()} CPUs, backend {s.backend}, "
          f"profile {s.profile}")
    print(f"# mean name {name_len:.1f} chars, scope mean {scope_len:.1f} / median {scope_median:.0f} chars, "
          f"{website_share:.1%} with a website; records with any hit: "
          f"{flagged / n:.1%} (regscreen), {with_terms_baseline / n:.1%} (ahocorasick); decisions {decisions}; "
          f"generated in {gen_s:.1f} s")
    try:
        load = "load average %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = ""
    print(f"# wall = elapsed seconds; cpu = CPU seconds of all this process's threads; {load} at the end")
    print(f"{'method':40} {'wall s':>8} {'records/s':>10} {'vs loop':>8} {'vs ahocorasick':>15} {'cpu s':>8} "
          f"{'cpu us/rec':>10} {'cpu vs loop':>12} {'cpu vs ahoc.':>12}")

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}x" if b > 0 else "-"

    for label, (secs, cpu) in timings.items():
        if label.startswith("empty"):  # compared with the loop on the same empty records
            ref = timings[L_LOOP_EMPTY]
            vs_loop, vs_base = ratio(ref[0], secs), "-"
            cpu_vs_loop, cpu_vs_base = ratio(ref[1], cpu), "-"
        else:
            ref = timings.get(L_LOOP)
            vs_loop, vs_base = (ratio(ref[0], secs) if ref else "-"), ratio(base_s, secs)
            cpu_vs_loop, cpu_vs_base = (ratio(ref[1], cpu) if ref else "-"), ratio(timings[L_BASE][1], cpu)
        print(f"{label:40} {secs:8.2f} {n / secs:10,.0f} {vs_loop:>8} {vs_base:>15} {cpu:8.2f} "
              f"{cpu / n * 1e6:10.2f} {cpu_vs_loop:>12} {cpu_vs_base:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
