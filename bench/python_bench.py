#!/usr/bin/python3
"""Python-side throughput: regscreen's batch calls against what a data team would write today.

    PYTHONPATH=<build>/python /usr/bin/python3 bench/python_bench.py [--records 1000000] [--repeat 3]

Generates realistic registry records (invented: names 8-30 characters, scopes 20-600 characters, about 5%
containing a restricted term, some spaced out or in full-width / Traditional forms, some scopes ending in
the usual 不得从事…金融 disclaimer) and times, on the same records:

  loop         a Python loop calling Screener.screen() once per record
  ahocorasick  the baseline: pyahocorasick (Debian python3-ahocorasick) over
               unicodedata.normalize('NFKC', s).upper() of name and scope, collecting the terms found
               (the national profile's terms; no context rules, offsets, scores or routing)
  ahocorasick (upper only)  the same without NFKC (faster, but misses full-width forms): for reference
  many/1, many/2  Screener.screen_many(..., threads=1 / 2) -> list of Result
  frame/2      regscreen.screen_frame(df, threads=2) -> DataFrame (hits as JSON)
  empty ...    the loop, screen_many and the frame's column call on empty records: what the bindings cost
               per record apart from the screening itself

Each is run --repeat times; the table gives the median, records per second, and ratios. The machine is
shared and noisy: compare ratios from one run rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
import tomllib
import unicodedata

import regscreen

REGIONS = ["北京", "上海", "天津", "重庆", "杭州", "宁波", "南京", "苏州", "盐城", "银川", "安康", "成都", "武汉",
           "长沙", "广州", "深圳", "厦门", "青岛", "济南", "郑州", "西安", "合肥", "昆明", "贵阳", "宝坻", "浦东新区",
           "内蒙古自治区", "宁夏回族自治区", "广西壮族自治区", "黑龙江省哈尔滨市", "江苏省盐城市亭湖区"]
TRADE = ["鸿达", "瑞丰", "金桥", "华远", "恒信", "博雅", "新锐", "东方", "晨光", "汇通", "宏图", "启明", "天成",
         "锦程", "佳和", "创优", "凯润", "德胜", "永安", "聚源", "星河", "蓝海", "盛世", "云帆", "嘉禾", "鑫源",
         "中科华创", "海纳百川", "腾飞", "金石", "万象", "兴业", "百信", "富邦", "长青", "和美", "ABC", "e家"]
INDUSTRY = ["商贸", "科技", "网络科技", "信息技术", "建筑工程", "餐饮管理", "文化传媒", "物流", "农业发展",
            "电子商务", "医疗器械", "教育咨询", "装饰工程", "环保科技", "汽车服务", "食品", "服装", "实业",
            "企业管理咨询", "供应链管理", "新能源科技", "生物科技", "房地产开发", "劳务派遣", "广告"]
FORM = ["有限公司", "有限责任公司", "股份有限公司", "合伙企业（有限合伙）", "个体工商户", "分公司", "经营部",
        "有限公司（北京）分公司", "工作室", "商行"]
SCOPE_ITEMS = [
    "日用百货销售", "计算机软硬件及辅助设备零售", "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
    "企业管理咨询", "广告设计、代理", "建筑材料销售", "餐饮服务", "货物进出口", "技术进出口", "电子产品销售",
    "会议及展览服务", "谷物种植", "道路货物运输（不含危险货物）", "五金产品零售", "服装服饰批发", "食品经营（销售预包装食品）",
    "家政服务", "组织文化艺术交流活动", "物业管理", "机械设备租赁", "园林绿化工程施工", "信息系统集成服务",
    "第二类医疗器械销售", "汽车零配件零售", "建设工程施工", "市场营销策划", "软件开发", "办公用品销售",
    "互联网销售（除销售需要许可的商品）", "农副产品销售", "包装服务", "专业保洁、清洗、消毒服务", "人力资源服务",
    "平面设计", "数据处理和存储支持服务", "普通货物仓储服务（不含危险化学品等需许可审批的项目）", "礼仪服务",
    "住房租赁", "非居住房地产租赁", "化工产品销售（不含许可类化工产品）", "金属材料销售", "工艺美术品及收藏品零售",
]
DISCLAIMERS = [
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "（不得从事非法集资、吸收公众资金等金融活动）",
    "（未经金融等监管部门批准，不得从事向公众融资存款、融资担保、代客理财等金融服务）",
]
TERM_FORMS = [
    lambda t: t,
    lambda t: " ".join(t),                      # spaced out
    lambda t: unicodedata.normalize("NFKC", t).translate(str.maketrans(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")),
    lambda t: t.replace("财", "財").replace("资", "資").replace("产", "產").replace("网", "網").replace("贷", "貸"),
]


def national_terms(policy_dir: str) -> list[str]:
    with open(os.path.join(policy_dir, "profiles", "national.toml"), "rb") as f:
        profile = tomllib.load(f)
    terms: list[str] = []
    for lst in profile.get("list", []):
        for t in lst.get("terms", []):
            if t not in terms:
                terms.append(t)
    return terms


def generate(n: int, terms: list[str], seed: int = 2024) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    names, scopes = [], []
    for _ in range(n):
        name = rng.choice(REGIONS) + rng.choice(TRADE) + rng.choice(INDUSTRY) + rng.choice(FORM)
        while len(name) < 8:
            name = rng.choice(REGIONS) + name
        name = name[:30]
        target = int(20 + (580 * rng.random() ** 2))  # 20..600 characters, most scopes short
        items: list[str] = []
        length = -1  # "；" joins n items with n - 1 separators
        while length < target:
            item = rng.choice(SCOPE_ITEMS)
            items.append(item)
            length += len(item) + 1
        scope = "；".join(items)
        u = rng.random()
        if u < 0.035:  # a restricted term, in the name or the scope
            term = rng.choice(TERM_FORMS)(rng.choice(terms))
            if rng.random() < 0.5:  # region + trade name + term as the industry + legal form
                name = (rng.choice(REGIONS[:24]) + rng.choice(TRADE) + term + rng.choice(FORM[:6]))[:30]
            else:
                at = rng.randrange(len(items) + 1)
                scope = "；".join(items[:at] + [term + "服务"] + items[at:])
        elif u < 0.05:  # a disclaimer that mentions 金融 / 理财
            scope += rng.choice(DISCLAIMERS[2:])
        elif u < 0.4:
            scope += rng.choice(DISCLAIMERS[:2])
        scopes.append(scope[:600])
        names.append(name)
    return names, scopes


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
L_LOOP = "loop over screen()"
L_MANY1 = "screen_many threads=1"
L_MANY2 = "screen_many threads=2"
L_FRAME = "screen_frame threads=2 (hits as JSON)"
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
    names, scopes = generate(args.records, terms)
    gen_s = time.perf_counter() - t0
    name_len = statistics.mean(map(len, names))
    scope_len = statistics.mean(map(len, scopes))

    automaton = ahocorasick.Automaton()
    for t in terms:
        key = unicodedata.normalize("NFKC", t).upper()
        automaton.add_word(key, t)
    automaton.make_automaton()

    def baseline():
        norm = unicodedata.normalize
        out = []
        for name, scope in zip(names, scopes):
            found = [t for _, t in automaton.iter(norm("NFKC", name).upper())]
            found += [t for _, t in automaton.iter(norm("NFKC", scope).upper())]
            out.append(found)
        return out

    def baseline_upper_only():
        out = []
        for name, scope in zip(names, scopes):
            found = [t for _, t in automaton.iter(name.upper())]
            found += [t for _, t in automaton.iter(scope.upper())]
            out.append(found)
        return out

    def loop():
        screen = s.screen
        return [screen(name=n, scope=sc) for n, sc in zip(names, scopes)]

    df = pd.DataFrame({"企业名称": names, "经营范围": scopes})

    base_out = baseline()
    with_terms_baseline = sum(1 for f in base_out if f)
    del base_out
    many_out = s.screen_many(names, scopes)
    flagged = sum(1 for r in many_out if r.hits)
    decisions: dict[str, int] = {}
    for r in many_out:
        decisions[r.decision] = decisions.get(r.decision, 0) + 1
    del many_out

    methods = [(L_BASE, baseline), (L_UPPER, baseline_upper_only)]
    if not args.skip_loop:
        methods.append((L_LOOP, loop))
    methods += [
        (L_MANY1, lambda: s.screen_many(names, scopes, threads=1)),
        (L_MANY2, lambda: s.screen_many(names, scopes, threads=2)),
        (L_FRAME, lambda: regscreen.screen_frame(df, screener=s, threads=2)),
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
    loop_s = timings[L_LOOP][0] if L_LOOP in timings else None

    n = args.records
    print(f"# regscreen Python benchmark: {n:,} records, median of {args.repeat} interleaved rounds "
          f"({total_s:.0f} s)")
    print(f"# python {platform.python_version()}, {os.cpu_count()} CPUs, backend {s.backend}, "
          f"profile {s.profile}")
    print(f"# mean name {name_len:.1f} chars, mean scope {scope_len:.1f} chars; records with any hit: "
          f"{flagged / n:.1%} (regscreen), {with_terms_baseline / n:.1%} (ahocorasick); decisions {decisions}; "
          f"generated in {gen_s:.1f} s")
    try:
        load = "load average %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = ""
    print(f"# wall = elapsed seconds; cpu = CPU seconds of all this process's threads; {load} at the end")
    print(f"{'method':40} {'wall s':>8} {'records/s':>10} {'vs loop':>8} {'vs ahocorasick':>15} {'cpu s':>8} "
          f"{'cpu us/rec':>10}")
    for label, (secs, cpu) in timings.items():
        if label.startswith("empty"):  # compared with the loop on the same empty records
            vs_loop, vs_base = f"{timings[L_LOOP_EMPTY][0] / secs:.2f}x", "-"
        else:
            vs_loop, vs_base = (f"{loop_s / secs:.2f}x" if loop_s else "-"), f"{base_s / secs:.2f}x"
        print(f"{label:40} {secs:8.2f} {n / secs:10,.0f} {vs_loop:>8} {vs_base:>15} {cpu:8.2f} "
              f"{cpu / n * 1e6:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
