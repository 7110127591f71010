"""Shared fixtures: the repository root, the CLI binary, the examples."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("DEMARCHE_BIN", str(ROOT / "target" / "release" / "demarche"))
    if not pathlib.Path(path).exists():
        pytest.fail(f"the demarche binary is needed at {path} (set DEMARCHE_BIN)")
    return path
