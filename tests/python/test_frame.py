"""regscreen.screen_frame(): pandas in, pandas out, same results as screen()."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import regscreen
from records import RECORDS, generate


def frame(recs, index=None):
    return pd.DataFrame(
        {
            "企业名称": [r["name"] for r in recs],
            "经营范围": [r["scope"] for r in recs],
            "网站名称": [r.get("website") for r in recs],
            "id": [r["id"] for r in recs],
        },
        index=index,
    )


def test_frame_matches_screen_row_by_row(national):
    recs = RECORDS + generate(1500, seed=3, term_rate=0.2)
    df = frame(recs, index=pd.Index([f"k{i}" for i in range(len(recs))], name="key"))
    out = regscreen.screen_frame(df, website="网站名称", id="id", screener=national, threads=2)
    assert out.index.equals(df.index)
    assert list(out.columns) == ["decision", "score", "categories", "regulators", "explanation", "hits"]
    assert isinstance(out.decision.dtype, pd.CategoricalDtype)
    assert out.score.dtype == np.int64
    for rec, row in zip(recs, out.itertuples(index=False)):
        r = national.screen(name=rec["name"], scope=rec["scope"], website=rec["website"], id=rec["id"])
        assert row.decision == r.decision
        assert row.score == r.score
        assert row.categories == tuple(r.categories)
        assert row.regulators == tuple(r.regulators)
        assert row.explanation == r.explanation
        assert json.loads(row.hits) == [h.to_dict() for h in r.hits]
    assert (out.decision != "clear").sum() > 50


def test_hits_as_lists_and_without_hits(national):
    df = frame(RECORDS)
    as_list = regscreen.screen_frame(df, screener=national, hits="list")
    as_json = regscreen.screen_frame(df, screener=national)
    for a, b in zip(as_list.hits, as_json.hits):
        assert a == json.loads(b)
    none = regscreen.screen_frame(df, screener=national, hits=None)
    assert "hits" not in none.columns
    pd.testing.assert_frame_equal(none, as_json.drop(columns="hits"))
    with pytest.raises(ValueError, match="hits"):
        regscreen.screen_frame(df, screener=national, hits="dicts")


def test_json_keeps_surrogates_and_escapes(national):
    df = pd.DataFrame({"企业名称": ['理财"\\\t\ud800公司'], "经营范围": [""]})
    out = regscreen.screen_frame(df, screener=national)
    [h] = [h for h in json.loads(out.hits[0]) if h["term"] == "理财"]
    assert h["text"] == "理财"
    r = national.screen(name=df["企业名称"][0])
    assert json.loads(out.hits[0]) == [x.to_dict() for x in r.hits]


def test_missing_values_read_as_empty(national):
    df = pd.DataFrame({"企业名称": ["上海浦江财富管理有限公司", None, np.nan, pd.NA],
                       "经营范围": [np.nan, "理财咨询", None, "理财"]})
    out = regscreen.screen_frame(df, screener=national)
    expected = [national.screen(name="上海浦江财富管理有限公司"), national.screen(scope="理财咨询"),
                national.screen(), national.screen(scope="理财")]
    assert list(out.decision) == [r.decision for r in expected]
    assert list(out.score) == [r.score for r in expected]


def test_non_str_values_raise_type_error_naming_the_column(national):
    df = pd.DataFrame({"企业名称": ["a", 5], "经营范围": ["", ""]})
    with pytest.raises(TypeError, match=r"df\['企业名称'\]\.iloc\[1\] must be str"):
        regscreen.screen_frame(df, screener=national)
    with pytest.raises(KeyError, match="scope='经营范围'"):
        regscreen.screen_frame(pd.DataFrame({"企业名称": ["a"]}), screener=national)


def test_profile_argument_builds_once_and_reuses(monkeypatch):
    from regscreen import _cache

    df = frame(RECORDS[:3])
    before = _cache.build_count()
    a = regscreen.screen_frame(df, profile="shanghai")
    b = regscreen.screen_frame(df, profile="shanghai")
    assert _cache.build_count() - before <= 1
    pd.testing.assert_frame_equal(a, b)


def test_numeric_ids_and_new_registration_column(national):
    df = pd.DataFrame({"企业名称": ["上海浦江财富管理有限公司"] * 2, "经营范围": ["", ""],
                       "uid": [101, 102], "new": [True, False]})
    shanghai = regscreen.Screener("shanghai")
    out = regscreen.screen_frame(df, id="uid", new_registration="new", screener=shanghai)
    assert out.decision[0] == shanghai.screen(name=df["企业名称"][0], new_registration=True).decision
    assert out.decision[1] == shanghai.screen(name=df["企业名称"][1], new_registration=False).decision


def test_empty_frame(national):
    df = frame([])
    out = regscreen.screen_frame(df, screener=national)
    pd.testing.assert_frame_equal(out, regscreen.frame.result_meta(df.index))


def test_hits_json_equals_the_hits_for_escaped_and_odd_text(national):
    # Hit texts spanning quotes, backslashes, control characters, lone surrogates, astral characters and
    # separators, in names and scopes: the JSON column must decode to exactly the hits of screen().
    import random

    rng = random.Random(5)
    pieces = ['"', "\\", "\t", "\n", "\x01", "\x7f", "\ud800", "\udfff", "𠀀", "·", " ", "\u200b", "Ｐ", "a", "é", "、"]
    names, scopes = [], []
    for _ in range(300):
        gap = "".join(rng.choice(pieces) for _ in range(rng.randrange(3)))
        names.append("某某" + "理" + gap + "财" + rng.choice(pieces) + "有限公司")
        scopes.append(rng.choice(pieces) + "投资" + gap + "管理" + "".join(rng.choice(pieces) for _ in range(4)))
    df = pd.DataFrame({"企业名称": names, "经营范围": scopes})
    out = regscreen.screen_frame(df, screener=national, threads=2)
    with_hits = 0
    for name, scope, hits in zip(names, scopes, out.hits):
        expected = [h.to_dict() for h in national.screen(name=name, scope=scope).hits]
        assert json.loads(hits) == expected
        with_hits += bool(expected)
    assert with_hits > 100  # most pieces are joiners or separators; the rest break the term
