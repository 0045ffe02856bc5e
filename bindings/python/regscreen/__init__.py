"""regscreen: screen Chinese enterprise registration records for restricted financial terms.

A :class:`Screener` is compiled once from a jurisdiction's profile and is then immutable; share one
between threads. Each record (name 企业名称, business scope 经营范围, optional website name 网站名称) gets a
:class:`Result`: a decision ('refer', 'review', 'clear', 'exempt', 'hold'), a score, the categories and
regulators concerned, and every hit with its offsets into the original text. A hit is a referral with
evidence, not a verdict: only the regulators decide a violation.

    >>> import regscreen
    >>> s = regscreen.Screener("national")
    >>> r = s.screen(name="某某财富管理有限公司", scope="企业管理咨询")
    >>> r.decision, [h.term for h in r.hits]                       # doctest: +SKIP

Batch work: :meth:`Screener.screen_many` (threads, GIL released), :func:`screen_frame` (pandas) and
:mod:`regscreen.dask` (Dask DataFrames on a cluster).
"""

from __future__ import annotations

import collections.abc
import os
from typing import TYPE_CHECKING, Any, List, Optional, Tuple, Union

from . import _regscreen
from ._regscreen import DECISIONS, Hit, PolicyError, Result, Results

# Results (what screen_many returns) is a read-only sequence implemented in C++: register it as one and
# give it the Sequence mixin methods it does not define itself.
collections.abc.Sequence.register(Results)
for _name in ("__contains__", "__reversed__", "index", "count"):
    setattr(Results, _name, getattr(collections.abc.Sequence, _name))
del _name

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "DECISIONS",
    "Hit",
    "PolicyError",
    "Result",
    "Results",
    "Screener",
    "default_policy_dir",
    "profiles",
    "screen_frame",
]

__version__ = "0.1.0"

StrPath = Union[str, "os.PathLike[str]"]


def default_policy_dir() -> str:
    """The policy directory used when none is given.

    ``$REGSCREEN_POLICY_DIR`` when set and not empty, else the bundled data directory compiled into the
    module (the source tree's ``data/``).
    """
    return os.environ.get("REGSCREEN_POLICY_DIR") or _regscreen.DEFAULT_POLICY_DIR


def _fspath(value: Any, arg: str) -> str:
    try:
        path = os.fspath(value)
    except TypeError:
        raise TypeError(f"{arg} must be str or os.PathLike, not {type(value).__name__}") from None
    if not isinstance(path, str):
        raise TypeError(f"{arg} must be a str path, not {type(path).__name__}")
    return path


def _resolve_policy_dir(policy_dir: Optional[StrPath]) -> str:
    return _fspath(policy_dir, "policy_dir") if policy_dir is not None else default_policy_dir()


class Screener(_regscreen.Screener):
    """A compiled jurisdiction profile.

    ``Screener(profile="national", *, policy_dir=None, backend=None, licensed_list=None)``

    profile
        A bundled profile id (see :func:`profiles`) or the path of a profile file (``*.toml``).
    policy_dir
        Directory holding ``lexicon.toml``, ``context.toml`` and ``profiles/``; default
        :func:`default_policy_dir`.
    backend
        ``None`` (Hyperscan where available, else Aho-Corasick), ``"hyperscan"`` or ``"aho-corasick"``.
    licensed_list
        Optional licensed-institution list (docs/POLICY.md): listed enterprises with affirmative hits are
        decided 'exempt'.

    Raises :class:`PolicyError` (a ValueError with ``file`` and ``line``) for bad policy data.

    Methods (implemented in C++):

    ``screen(name="", scope="", *, website=None, id=None, credit_code=None, new_registration=False)``
        One record -> :class:`Result`.
    ``screen_many(names, scopes, websites=None, ids=None, credit_codes=None, threads=None, *,
    new_registration=False)``
        Many records on worker threads (default one per core), GIL released -> :class:`Results`, a
        read-only sequence of :class:`Result` in input order whose items are made when read;
        ``Results.decisions`` and ``Results.scores`` are lists read without making them.

    A Screener pickles as its arguments; unpickling rebuilds it once per process (see
    :func:`regscreen._cache.cached_screener`), which is what Dask workers need.
    """

    def __init__(
        self,
        profile: StrPath = "national",
        *,
        policy_dir: Optional[StrPath] = None,
        backend: Optional[str] = None,
        licensed_list: Optional[StrPath] = None,
    ) -> None:
        self._args = (
            _fspath(profile, "profile"),
            _resolve_policy_dir(policy_dir),
            backend,
            None if licensed_list is None else _fspath(licensed_list, "licensed_list"),
        )
        self._built = False
        super().__init__(
            self._args[0], policy_dir=self._args[1], backend=backend, licensed_list=self._args[3]
        )
        self._built = True

    def __reduce__(self) -> Tuple[Any, ...]:
        from ._cache import cached_screener

        profile, policy_dir, backend, licensed_list = self._args
        return (cached_screener, (profile, policy_dir, backend, licensed_list))

    def __repr__(self) -> str:
        if not hasattr(self, "_args") or not self._built:
            return "<regscreen.Screener (not built)>"
        return (
            f"regscreen.Screener({self.profile!r}, policy_dir={self.policy_dir!r}, "
            f"backend={self.backend!r})"
        )


def _unpickle_result(state: Tuple[Any, ...]) -> Result:
    """Rebuilds a pickled :class:`Result` (``Result.__reduce__`` refers to this function)."""
    return _regscreen._result_from_state(state)


def _unpickle_hit(state: Tuple[Any, ...]) -> Hit:
    """Rebuilds a pickled :class:`Hit` (``Hit.__reduce__`` refers to this function)."""
    return _regscreen._hit_from_state(state)


def profiles(policy_dir: Optional[StrPath] = None) -> List[str]:
    """Ids of the bundled profiles ("national", "shanghai", ...) in the policy directory, sorted.

    A profile is a ``profiles/<id>.toml`` file of the policy directory (docs/POLICY.md).
    """
    return _regscreen.profiles(_resolve_policy_dir(policy_dir))


def screen_frame(df: "pandas.DataFrame", *args: Any, **kwargs: Any) -> "pandas.DataFrame":
    """Screens every row of a pandas DataFrame; see :func:`regscreen.frame.screen_frame`.

    Imported lazily so that ``import regscreen`` does not import pandas.
    """
    from .frame import screen_frame as _screen_frame

    return _screen_frame(df, *args, **kwargs)
