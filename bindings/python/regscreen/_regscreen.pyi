"""Type stubs for the C++ extension module behind the regscreen package."""

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

_StrPath = Union[str, "os.PathLike[str]"]

DEFAULT_POLICY_DIR: str
DECISIONS: Tuple[str, ...]

class PolicyError(ValueError):
    """Policy data could not be loaded: str(e) is "file:line: message"."""

    file: str
    line: int
    message: str

class Hit:
    @property
    def term(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def name_part(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def reason(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...

class Result:
    @property
    def decision(self) -> str: ...
    @property
    def score(self) -> int: ...
    @property
    def categories(self) -> List[str]: ...
    @property
    def regulators(self) -> List[str]: ...
    @property
    def explanation(self) -> str: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def hits(self) -> List[Hit]: ...
    @property
    def id(self) -> Optional[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...

class Screener:
    def __init__(
        self,
        profile: _StrPath,
        *,
        policy_dir: Optional[_StrPath] = None,
        backend: Optional[str] = None,
        licensed_list: Optional[_StrPath] = None,
    ) -> None: ...
    def screen(
        self,
        name: str = "",
        scope: str = "",
        *,
        website: Optional[str] = None,
        id: Optional[str] = None,
        credit_code: Optional[str] = None,
        new_registration: bool = False,
    ) -> Result: ...
    def screen_many(
        self,
        names: Sequence[str],
        scopes: Optional[Sequence[str]],
        websites: Optional[Sequence[Optional[str]]] = None,
        ids: Optional[Sequence[Optional[str]]] = None,
        credit_codes: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
        *,
        new_registration: Union[bool, Sequence[bool]] = False,
    ) -> List[Result]: ...
    def _screen_columns(
        self,
        names: Sequence[Any],
        scopes: Optional[Sequence[Any]],
        websites: Optional[Sequence[Any]],
        ids: Optional[Sequence[Any]],
        credit_codes: Optional[Sequence[Any]],
        new_registration: Union[bool, Sequence[bool]],
        threads: Optional[int],
        hits: int,
        labels: Optional[Tuple[str, str, str, str, str]],
        na_values: Tuple[Any, ...],
    ) -> Dict[str, np.ndarray]: ...
    @property
    def profile(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def profile_file(self) -> str: ...
    @property
    def policy_dir(self) -> str: ...
    @property
    def backend(self) -> str: ...

def profiles(policy_dir: Optional[_StrPath] = None) -> List[str]: ...
