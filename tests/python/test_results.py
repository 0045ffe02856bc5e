"""regscreen.Results, the sequence screen_many() returns: a read-only list of Result made on access."""

from __future__ import annotations

import collections.abc
import gc
import pickle

import pytest

import regscreen
from records import RECORDS, generate


@pytest.fixture(scope="module")
def batch(national):
    recs = RECORDS + generate(1500, seed=13, term_rate=0.2) + [
        {"id": None, "name": "理财\ud800有限公司", "scope": "", "website": None},  # a warning, hits
        {"id": "w", "name": "某\udcff公司", "scope": "", "website": None},         # a warning, no hit
    ]
    names = [r["name"] for r in recs]
    scopes = [r["scope"] for r in recs]
    ids = [r["id"] for r in recs]
    expected = [national.screen(name=n, scope=s, id=i) for n, s, i in zip(names, scopes, ids)]
    got = national.screen_many(names, scopes, ids=ids, threads=2)
    return got, expected


def test_a_read_only_sequence_equal_to_the_loop(batch):
    got, expected = batch
    assert type(got) is regscreen.Results and isinstance(got, collections.abc.Sequence)
    assert len(got) == len(expected) and got == expected and got == tuple(expected)
    assert list(got) == expected and list(got) == list(got)  # iterates again from the start
    assert [got[i] for i in range(len(got))] == expected
    assert got[-1] == expected[-1] and got[-len(got)] == expected[0]
    with pytest.raises(IndexError):
        got[len(got)]
    with pytest.raises(IndexError):
        got[-len(got) - 1]
    with pytest.raises(TypeError):
        got[0] = expected[0]
    for sl in [slice(None), slice(3, 40, 7), slice(None, None, -3), slice(-5, None), slice(10, 2)]:
        assert got[sl] == expected[sl]
    assert list(reversed(got)) == expected[::-1]
    assert expected[5] in got and got.index(expected[5]) == expected.index(expected[5])
    assert got.count(expected[0]) == expected.count(expected[0])
    # Different records, different results: the comparison is not vacuous.
    assert got != expected[::-1] and got != expected[:-1] and (got == 5) is False


def test_rows_with_and_without_details_come_back_whole(batch):
    got, expected = batch
    kinds = {(r.decision, bool(r.hits), bool(r.warnings)) for r in expected}
    assert {("clear", False, False), ("clear", True, False), ("refer", True, False)} <= kinds
    assert any(r.warnings and not r.hits for r in expected) and any(r.warnings and r.hits for r in expected)
    for a, b in zip(got, expected):
        assert a.to_dict() == b.to_dict()
    assert got[0] is not got[0] and got[0] == got[0]  # made on each access


def test_decisions_and_scores_without_result_objects(batch):
    got, expected = batch
    assert got.decisions == [r.decision for r in expected]
    assert got.scores == [r.score for r in expected]
    referred = [got[i] for i, d in enumerate(got.decisions) if d == "refer"]
    assert referred == [r for r in expected if r.decision == "refer"] and len(referred) > 100


def test_select_picks_the_results_of_some_decisions(batch):
    got, expected = batch
    assert got.select("refer") == [r for r in expected if r.decision == "refer"]
    both = got.select("review", "clear")
    assert both == [r for r in expected if r.decision in ("review", "clear")] and len(both) > 100
    assert got.select("hold") == [r for r in expected if r.decision == "hold"]
    with pytest.raises(ValueError, match="unknown decision 'referred'"):
        got.select("referred")
    with pytest.raises(TypeError, match="at least one decision"):
        got.select()
    with pytest.raises(TypeError, match="a decision is a str, not int"):
        got.select(2)


def test_ids_outlive_the_input_lists(national):
    names = [f"上海{i}财富管理有限公司" for i in range(600)]
    ids = [f"id{i}" for i in range(600)]
    ids[7] = None
    got = national.screen_many(names, [""] * 600, ids=ids)
    del names, ids
    gc.collect()
    assert got[0].id == "id0" and got[7].id is None and got[599].id == "id599"
    assert all(r.id is None for r in national.screen_many(["a", "b"], ["", ""]))


def test_pickles_as_a_list(batch):
    got, expected = batch
    back = pickle.loads(pickle.dumps(got))
    assert type(back) is list and back == expected


def test_empty(national):
    got = national.screen_many([], [])
    assert len(got) == 0 and got == [] and list(got) == [] and got.decisions == [] and got[:] == []
    with pytest.raises(IndexError):
        got[0]
