"""pandas: screen every row of a DataFrame in one call into the C++ core.

The columns go to C++ whole; the result columns come back as numpy arrays built there (decision codes,
scores, shared tuples for categories and regulators, one JSON str per row *with* hits), so that a
million rows cost little more than the screening itself. See docs/PYTHON.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence, Union

import pandas as pd

from . import _regscreen
from ._cache import cached_screener

if TYPE_CHECKING:  # pragma: no cover
    from . import Screener, StrPath

__all__ = ["screen_frame", "result_meta", "RESULT_COLUMNS", "DECISION_DTYPE"]

#: Columns of the frame returned by screen_frame (hits only when hits is not None).
RESULT_COLUMNS = ("decision", "score", "categories", "regulators", "explanation", "hits")

#: The dtype of the decision column: a categorical with every decision, in a fixed order.
DECISION_DTYPE = pd.CategoricalDtype(categories=list(_regscreen.DECISIONS), ordered=False)

_HITS_MODES = {None: 0, "json": 1, "list": 2}


def result_meta(index: Optional[pd.Index] = None, hits: Optional[str] = "json") -> pd.DataFrame:
    """An empty frame with the columns and dtypes screen_frame returns (Dask's ``meta``)."""
    if index is None:
        index = pd.RangeIndex(0)
    cols = {
        "decision": pd.Series(pd.Categorical([], dtype=DECISION_DTYPE), index=index[:0]),
        "score": pd.Series([], dtype="int64", index=index[:0]),
        "categories": pd.Series([], dtype=object, index=index[:0]),
        "regulators": pd.Series([], dtype=object, index=index[:0]),
        "explanation": pd.Series([], dtype=object, index=index[:0]),
    }
    if hits is not None:
        cols["hits"] = pd.Series([], dtype=object, index=index[:0])
    return pd.DataFrame(cols, index=index[:0])


def _column(df: pd.DataFrame, col: Optional[str], arg: str, *, as_text: bool = False) -> Any:
    if col is None:
        return None
    if col not in df.columns:
        raise KeyError(f"{arg}={col!r}: no such column; the frame has {list(df.columns)!r}")
    s = df[col]
    if as_text and s.dtype != object and not pd.api.types.is_string_dtype(s.dtype):
        # Identifiers are often numbers: they are only echoed, so any value will do as text.
        s = s.astype(str)
    return s.to_numpy(dtype=object)


def screen_frame(
    df: pd.DataFrame,
    name: str = "企业名称",
    scope: str = "经营范围",
    id: Optional[str] = None,
    website: Optional[str] = None,
    credit_code: Optional[str] = None,
    *,
    profile: "StrPath" = "national",
    screener: "Optional[Screener]" = None,
    policy_dir: "Optional[StrPath]" = None,
    backend: Optional[str] = None,
    licensed_list: "Optional[StrPath]" = None,
    new_registration: Union[bool, str] = False,
    threads: Optional[int] = None,
    hits: Optional[str] = "json",
) -> pd.DataFrame:
    """Screens every row of ``df`` and returns a DataFrame with the same index.

    name, scope, id, website, credit_code
        Column names of the record fields (None: the field is absent). Missing values (None, NaN,
        pandas.NA) are read as empty text; any other non-str value raises TypeError.
    profile / screener
        Either a profile (bundled id or path; the Screener is built once per process and reused,
        together with policy_dir, backend and licensed_list) or a ready :class:`regscreen.Screener`.
    new_registration
        A bool for every row, or the name of a bool column (设立/变更 applications).
    threads
        Worker threads (default: one per core). The GIL is released while screening.
    hits
        ``"json"`` (default): one JSON array str per row, keys as :meth:`regscreen.Hit.to_dict`
        (start/end are str indices, byte_start/byte_end UTF-8 offsets), ``"[]"`` when there are none;
        ``"list"``: a list of dicts per row (slower); ``None``: no hits column.

    Result columns: decision (categorical), score (int64), categories and regulators (tuples of str,
    shared between rows), explanation (str) and hits.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    if hits not in _HITS_MODES:
        raise ValueError(f"hits must be 'json', 'list' or None, not {hits!r}")
    if screener is None:
        screener = cached_screener(
            profile,
            None if policy_dir is None else str(policy_dir),
            backend,
            None if licensed_list is None else str(licensed_list),
        )
    elif not isinstance(screener, _regscreen.Screener):
        raise TypeError(f"screener must be a regscreen.Screener, not {type(screener).__name__}")

    if isinstance(new_registration, str):
        if new_registration not in df.columns:
            raise KeyError(f"new_registration={new_registration!r}: no such column")
        new_reg: Union[bool, Sequence[Any]] = df[new_registration].fillna(False).astype(bool).to_numpy()
    else:
        new_reg = bool(new_registration)

    labels = tuple(
        f"df[{c!r}].iloc" if c is not None else a
        for c, a in ((name, "name"), (scope, "scope"), (website, "website"), (id, "id"), (credit_code, "credit_code"))
    )
    cols = screener._screen_columns(
        _column(df, name, "name"),
        _column(df, scope, "scope"),
        _column(df, website, "website"),
        _column(df, id, "id", as_text=True),
        _column(df, credit_code, "credit_code", as_text=True),
        new_reg,
        threads,
        _HITS_MODES[hits],
        labels,
        (pd.NA,),
    )
    out = {
        "decision": pd.Categorical.from_codes(cols["decision"], dtype=DECISION_DTYPE),
        "score": cols["score"],
        "categories": cols["categories"],
        "regulators": cols["regulators"],
        "explanation": cols["explanation"],
    }
    if hits is not None:
        out["hits"] = cols["hits"]
    return pd.DataFrame(out, index=df.index, copy=False)
