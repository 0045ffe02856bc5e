"""One Screener per process and set of arguments.

Compiling a profile takes far longer than screening a record, so helpers that may run many times in one
process (regscreen.screen_frame with profile=..., every Dask partition on a worker, unpickling a
Screener) share Screeners through this module-level cache. It lives in an importable module because
Dask workers are separate processes: each one builds its Screener once, on first use.
"""

from __future__ import annotations

import os
import threading
from typing import Dict, Optional, Tuple

from . import Screener, default_policy_dir

_Key = Tuple[str, Optional[str], Optional[str], Optional[str]]

_lock = threading.Lock()
_screeners: Dict[_Key, Screener] = {}
_builds = 0  # Screeners built by this process (read by tests through Dask's client.run)


def cached_screener(
    profile: str = "national",
    policy_dir: Optional[str] = None,
    backend: Optional[str] = None,
    licensed_list: Optional[str] = None,
) -> Screener:
    """The Screener for these arguments, built on first use in this process and then reused.

    ``policy_dir=None`` is resolved here (:func:`regscreen.default_policy_dir`), i.e. on the machine that
    uses the Screener, not the one that asked for it.
    """
    global _builds
    key: _Key = (
        os.fspath(profile),
        os.fspath(policy_dir) if policy_dir is not None else default_policy_dir(),
        backend,
        os.fspath(licensed_list) if licensed_list is not None else None,
    )
    with _lock:
        s = _screeners.get(key)
        if s is None:
            s = Screener(key[0], policy_dir=key[1], backend=key[2], licensed_list=key[3])
            _screeners[key] = s
            _builds += 1
        return s


def build_count() -> int:
    """How many Screeners this process has built through the cache."""
    return _builds


def clear() -> None:
    """Forgets the cached Screeners (e.g. after editing policy files)."""
    with _lock:
        _screeners.clear()
