"""Dask: screen a Dask DataFrame partition by partition, on a cluster.

    import dask.dataframe as dd, regscreen.dask
    ddf = dd.read_csv("registry-*.csv", dtype=str)
    results = regscreen.dask.screen(ddf, profile="shanghai")   # lazy; same index as ddf
    results[results.decision == "refer"].to_parquet("referrals/")

Each worker process builds the Screener once, on its first partition, and reuses it for every later
partition (regscreen._cache): only the profile arguments travel to the workers, never a compiled
Screener. The functions shipped to the workers live in this importable module, so workers need
``regscreen`` importable (installed, or on their PYTHONPATH).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Optional, Union

import pandas as pd

from . import _cache
from .frame import result_meta, screen_frame

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd

    from . import StrPath

__all__ = ["screen", "worker_stats"]

_partitions_screened = 0


def _screen_partition(
    part: pd.DataFrame,
    screener_args: tuple,
    frame_args: Dict[str, Any],
) -> pd.DataFrame:
    global _partitions_screened
    screener = _cache.cached_screener(*screener_args)
    out = screen_frame(part, screener=screener, **frame_args)
    _partitions_screened += 1
    return out


def worker_stats() -> Dict[str, int]:
    """This process's counters: Screeners built and partitions screened (for ``client.run``)."""
    return {"screeners_built": _cache.build_count(), "partitions": _partitions_screened}


def screen(
    ddf: "dd.DataFrame",
    profile: "StrPath" = "national",
    *,
    name: str = "企业名称",
    scope: str = "经营范围",
    id: Optional[str] = None,
    website: Optional[str] = None,
    credit_code: Optional[str] = None,
    new_registration: Union[bool, str] = False,
    policy_dir: "Optional[StrPath]" = None,
    backend: Optional[str] = None,
    licensed_list: "Optional[StrPath]" = None,
    threads: Optional[int] = 1,
    hits: Optional[str] = "json",
) -> "dd.DataFrame":
    """Screens every row of a Dask DataFrame; returns a lazy Dask DataFrame with the same divisions.

    The arguments are those of :func:`regscreen.screen_frame`. ``policy_dir=None`` means each worker's
    own default (``$REGSCREEN_POLICY_DIR`` or the bundled data). ``threads`` defaults to 1 per partition
    because Dask already runs one task per worker thread.
    """
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf must be a dask DataFrame, not {type(ddf).__name__}")
    for arg, col in (("name", name), ("scope", scope), ("id", id), ("website", website), ("credit_code", credit_code)):
        if col is not None and col not in ddf.columns:
            raise KeyError(f"{arg}={col!r}: no such column; the frame has {list(ddf.columns)!r}")
    screener_args = (
        os.fspath(profile),
        None if policy_dir is None else str(policy_dir),
        backend,
        None if licensed_list is None else str(licensed_list),
    )
    frame_args = dict(
        name=name,
        scope=scope,
        id=id,
        website=website,
        credit_code=credit_code,
        new_registration=new_registration,
        threads=threads,
        hits=hits,
    )
    meta = result_meta(ddf._meta.index, hits=hits)
    return ddf.map_partitions(
        _screen_partition, screener_args, frame_args, meta=meta
    )
