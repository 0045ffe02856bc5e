"""regscreen.dask.screen() on a real multi-process LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest

import regscreen
import regscreen.dask
from records import RECORDS, generate

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_cluster_result_equals_single_process_and_builds_once_per_worker(tmp_path):
    recs = RECORDS + generate(4000, seed=5, term_rate=0.1)
    pdf = pd.DataFrame({"企业名称": [r["name"] for r in recs], "经营范围": [r["scope"] for r in recs]},
                       index=pd.RangeIndex(1000, 1000 + len(recs), name="row"))
    n_partitions = 8
    ddf = dd.from_pandas(pdf, npartitions=n_partitions)
    expected = regscreen.screen_frame(pdf, profile="national")

    # Workers are separate processes: they import regscreen from the same PYTHONPATH as this process.
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  local_directory=str(tmp_path)) as cluster, distributed.Client(cluster) as client:
        lazy = regscreen.dask.screen(ddf, profile="national")
        assert list(lazy.columns) == list(expected.columns)
        got = lazy.compute()
        stats = client.run(regscreen.dask.worker_stats)

    pd.testing.assert_frame_equal(got, expected)
    assert len(stats) == 2
    partitions = [s["partitions"] for s in stats.values()]
    assert sum(partitions) >= n_partitions
    assert max(partitions) >= 2  # some worker screened several partitions...
    for s in stats.values():     # ...and yet every worker built at most one Screener
        assert s["screeners_built"] == (1 if s["partitions"] else 0), stats
