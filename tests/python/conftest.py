"""Shared fixtures for the regscreen Python tests.

Run from a build tree (see docs/PYTHON.md):
    PYTHONPATH=<build>/python /usr/bin/python3 -m pytest tests/python
"""

from __future__ import annotations

import os
import pathlib
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

try:
    import regscreen
except ImportError as e:  # pragma: no cover - a setup problem, reported clearly
    raise ImportError(
        "regscreen is not importable: build it (cmake --build <build> --target regscreen_python) and run "
        "pytest with PYTHONPATH=<build>/python"
    ) from e


@pytest.fixture(scope="session")
def national() -> "regscreen.Screener":
    return regscreen.Screener("national")


@pytest.fixture(scope="session")
def build_dir() -> pathlib.Path:
    """The CMake build directory the package was built in (<build>/python/regscreen/...)."""
    return pathlib.Path(regscreen.__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return pathlib.Path(__file__).resolve().parents[2]
