"""Screener.screen_many(): the same results as a loop over screen(), in input order, on any threads."""

from __future__ import annotations

import threading

import pytest

import regscreen
from records import RECORDS, generate


def loop(screener, recs, **kw):
    return [screener.screen(name=r["name"], scope=r["scope"], website=r.get("website"), id=r["id"], **kw)
            for r in recs]


def many(screener, recs, threads=None, **kw):
    return screener.screen_many([r["name"] for r in recs], [r["scope"] for r in recs],
                                [r.get("website") for r in recs], [r["id"] for r in recs],
                                threads=threads, **kw)


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_screen_many_equals_a_loop_of_screen(national, threads):
    recs = RECORDS + generate(3000, seed=7, term_rate=0.2)
    expected = loop(national, recs)
    got = many(national, recs, threads=threads)
    assert len(got) == len(expected)
    mismatches = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
    assert not mismatches, mismatches[:5]
    assert [r.id for r in got] == [r["id"] for r in recs]
    assert sum(r.decision != "clear" for r in got) > 100  # the data does exercise hits


@pytest.mark.parametrize("threads", [1, 2])
def test_long_batches_equal_a_loop_of_screen(national, threads):
    # Long enough for chunks of 2048 records and for the items held to wrap around their ring (start()).
    recs = generate(40000, seed=11, term_rate=0.1)
    expected = loop(national, recs)
    got = many(national, recs, threads=threads)
    assert got == expected
    assert [r.id for r in got] == [r["id"] for r in recs]


def test_screen_many_accepts_any_sequence_and_optional_columns(national):
    recs = RECORDS[:5]
    names = tuple(r["name"] for r in recs)
    scopes = [r["scope"] for r in recs]
    got = national.screen_many(names, (s for s in scopes))  # any iterable
    assert got == [national.screen(name=n, scope=s) for n, s in zip(names, scopes)]
    assert all(r.id is None for r in got)
    assert national.screen_many([], []) == []


def test_new_registration_scalar_and_per_record(national):
    names = ["上海浦江财富管理有限公司", "上海浦江财富管理有限公司"]
    scopes = ["", ""]
    per_record = national.screen_many(names, scopes, new_registration=[True, False])
    assert per_record[0] == national.screen(name=names[0], new_registration=True)
    assert per_record[1] == national.screen(name=names[1], new_registration=False)
    shanghai = regscreen.Screener("shanghai")
    held = shanghai.screen_many(names, scopes, new_registration=True)
    assert held[0] == shanghai.screen(name=names[0], new_registration=True)


def test_screen_many_from_several_python_threads(national):
    # One Screener shared by Python threads, each running batches with their own worker threads.
    recs = generate(2000, seed=11, term_rate=0.2)
    expected = loop(national, recs)
    results = {}

    def run(k):
        results[k] = many(national, recs, threads=2)

    ts = [threading.Thread(target=run, args=(k,)) for k in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for k in range(3):
        assert results[k] == expected


def test_surrogates_and_astral_characters_in_batches(national):
    names = ["𠀀理财\ud800有限公司"] * 1500
    got = national.screen_many(names, [""] * 1500, threads=2)
    assert all(r == got[0] for r in got)
    [h] = [h for h in got[0].hits if h.term == "理财"]
    assert names[0][h.start:h.end] == "理财"


def test_numpy_and_str_subclass_inputs(national):
    np = pytest.importorskip("numpy")

    class Name(str):
        pass

    recs = RECORDS[:8]
    names = [r["name"] for r in recs]
    scopes = [r["scope"] for r in recs]
    expected = [national.screen(name=n, scope=s) for n, s in zip(names, scopes)]
    # numpy '<U' arrays hold numpy.str_ items: str subclass instances with their own storage layout.
    assert national.screen_many(np.array(names), np.array(scopes)) == expected
    assert national.screen_many([Name(n) for n in names], scopes) == expected
    assert national.screen(name=Name(names[0]), scope=scopes[0]) == expected[0]


def test_errors_raised_while_iterating_propagate(national):
    def broken():
        yield "x"
        raise KeyError("from the generator")

    with pytest.raises(KeyError, match="from the generator"):
        national.screen_many(broken(), [""])


def test_a_record_over_the_length_limit_is_an_error_row_in_batches(national):
    # The library refuses fields over ScreenerOptions::max_field_bytes (16 MiB by default).
    huge = "理财" + "a" * (17 << 20)
    names = ["上海浦江财富管理有限公司", "某某公司", "宁夏塞上农业发展有限公司"]
    scopes = ["", huge, "农作物种植"]
    got = national.screen_many(names, scopes, threads=2)
    assert got[1].decision == "error"
    assert "scope" in got[1].explanation and got[1].warnings == [got[1].explanation]
    assert got[1].hits == [] and got[1].score == 0
    assert got[0] == national.screen(name=names[0], scope=scopes[0])
    assert got[2] == national.screen(name=names[2], scope=scopes[2])
    import pandas as pd

    out = regscreen.screen_frame(pd.DataFrame({"企业名称": names, "经营范围": scopes}), screener=national)
    assert list(out.decision) == [got[0].decision, "error", got[2].decision]
    assert out.explanation[1] == got[1].explanation


def test_utf8_of_strs_matches_python_encoder():
    # The workers' own UTF-8 encoder (py_text.h: a vector path for runs of CJK, scalar elsewhere) against
    # str.encode, on strs of every storage kind, lengths around the 8-unit blocks, and every mix of 1-, 2-
    # and 3-byte characters (and lone surrogates) inside a block.
    import random

    from regscreen import _regscreen

    rng = random.Random(5)
    pools = [
        "abc123 ",                              # ASCII
        "éü×ÿ",                                 # Latin-1 (1- and 2-byte UTF-8)
        "ΩЖא߿",                                 # 2-byte UTF-8 below U+0800
        "\u0800理财资产（）、；\uffff\ufeff",       # 3-byte UTF-8, the block edges included
        "\ud800\udfff",                         # lone surrogates
        "𠀀😀",                                  # astral (4-byte kind)
    ]
    cases = ["", "a", "理", "理财" * 20, "理财资产管理有限公司" + "a", "a" + "理" * 16, "理" * 7 + "é" + "理" * 9]
    for _ in range(3000):
        allowed = rng.sample(pools, rng.randint(1, 3))
        n = rng.choice([rng.randint(0, 20), rng.randint(0, 200)])
        cases.append("".join(rng.choice(rng.choice(allowed)) for _ in range(n)))
    for s in cases:
        assert _regscreen._utf8(s) == s.encode("utf-8", "surrogatepass"), repr(s)


def test_numpy_object_arrays_strided_and_with_missing_values(national):
    # Object arrays are read from their buffer (module.cc, object_array_tuple): strides and None items.
    np = pytest.importorskip("numpy")
    recs = RECORDS + generate(300, seed=21, term_rate=0.3)
    names = [r["name"] for r in recs]
    scopes = [r["scope"] for r in recs]
    expected = [national.screen(name=n, scope=s) for n, s in zip(names, scopes)]
    table = np.empty((len(recs), 3), dtype=object)
    table[:, 0], table[:, 1], table[:, 2] = names, scopes, None
    assert national.screen_many(table[:, 0], table[:, 1], table[:, 2]) == expected   # strided columns
    assert national.screen_many(table[::-2, 0], table[::-2, 1]) == expected[::-2]     # negative stride
    assert national.screen_many(np.array(names, dtype=object), np.array(scopes, dtype=object)) == expected
    assert national.screen_many(np.array([], dtype=object), np.array([], dtype=object)) == []
    with pytest.raises(TypeError, match=r"names\[1\] must be str"):
        national.screen_many(np.array(["a", 3], dtype=object), ["", ""])
    with pytest.raises(TypeError, match=r"names\[0\] must be str, not numpy.ndarray"):
        national.screen_many(np.zeros((2, 2), dtype=object), ["", ""])  # 2-D: its items are rows


def test_batches_of_lists_need_no_numpy():
    # A process where `import numpy` fails: screen_many over plain lists must still work (the numpy
    # fast path is chosen by the input's type, without importing numpy).
    import os
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import regscreen\n"
        "r = regscreen.Screener('national').screen_many(['某某理财有限公司', '某某餐饮有限公司'], ['理财咨询', '餐饮服务'])\n"
        "print([x.decision for x in r])\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['refer', 'clear']"
