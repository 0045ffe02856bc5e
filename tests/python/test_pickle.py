"""Result and Hit pickle (Dask and multiprocessing send them between processes) and come back equal."""

from __future__ import annotations

import copy
import multiprocessing
import pickle

import pytest

import regscreen
from records import RECORDS, generate

_child_screener = None


def _screen_in_child(args):
    # Runs in a worker process: one Screener per process, Results sent back pickled.
    global _child_screener
    if _child_screener is None:
        _child_screener = regscreen.Screener("national")
    names, scopes, ids = args
    return _child_screener.screen_many(names, scopes, ids=ids, threads=1)


def screened(national):
    recs = RECORDS + [{"id": "surrogate", "name": "𠀀理财\ud800有限公司", "scope": "代客理\udcff财", "website": None}]
    return [national.screen(name=r["name"], scope=r["scope"], website=r["website"], id=r["id"]) for r in recs]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_results_and_hits_round_trip(national, protocol):
    results = screened(national)
    assert sum(len(r.hits) for r in results) > 20 and {r.decision for r in results} >= {"refer", "clear"}
    back = pickle.loads(pickle.dumps(results, protocol=protocol))
    assert back == results
    for a, b in zip(back, results):
        assert a is not b and type(a) is regscreen.Result
        assert a.to_dict() == b.to_dict() and repr(a) == repr(b)
        for ha, hb in zip(a.hits, b.hits):  # every field, lone surrogates in hit text included
            assert ha.to_dict() == hb.to_dict()
    hit = results[0].hits[0]
    assert pickle.loads(pickle.dumps(hit, protocol=protocol)) == hit
    assert copy.deepcopy(results[1]) == results[1]


def test_any_id_object_survives(national):
    r = national.screen_many(["上海浦江财富管理有限公司"], [""], ids=["x"])[0]
    back = pickle.loads(pickle.dumps(r))
    assert back.id == "x" and back == r
    assert pickle.loads(pickle.dumps(national.screen(name="某公司"))).id is None


def test_error_rows_pickle(national):
    got = national.screen_many(["某某公司"], ["a" * (17 << 20)])
    assert got[0].decision == "error"
    assert pickle.loads(pickle.dumps(got[0])) == got[0]


def test_corrupt_state_is_refused(national):
    r = national.screen(name="上海浦江财富管理有限公司")
    make, (state,) = r.__reduce__()
    assert make is regscreen._unpickle_result and make(state) == r
    hit_state = state[7][0]
    bad = [(99,) + state[1:], state[:1] + (99,) + state[2:], state[:3],
           state[:7] + ((hit_state[:3] + (7,) + hit_state[4:],),) + state[8:]]
    for s in bad:
        with pytest.raises(ValueError, match="cannot unpickle"):
            make(s)


def test_results_come_back_from_worker_processes(national):
    recs = generate(1200, seed=3, term_rate=0.2)
    parts = [recs[i:i + 300] for i in range(0, len(recs), 300)]
    jobs = [([r["name"] for r in p], [r["scope"] for r in p], [r["id"] for r in p]) for p in parts]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = [r for part in pool.map(_screen_in_child, jobs) for r in part]
    expected = national.screen_many([r["name"] for r in recs], [r["scope"] for r in recs],
                                    ids=[r["id"] for r in recs])
    assert got == expected
    assert sum(r.decision == "refer" for r in got) > 50
