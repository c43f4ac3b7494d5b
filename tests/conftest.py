"""Shared fixtures: the project root and its Dropsonde source."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def dropsonde():
    from fakedata import load_source

    return load_source(ROOT / "schemas" / "dropsonde")
