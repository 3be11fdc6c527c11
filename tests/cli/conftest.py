"""Fixtures for the CLI tests: a seed store built once by the real command, and copies of it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli.runner import copy_seeds, run


@pytest.fixture(scope="session")
def seed_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory holding ``seeds/`` (a copy) and ``seed-store/`` built from it by the CLI."""
    work = tmp_path_factory.mktemp("cli-seeds")
    copy_seeds(work / "seeds")
    run("build", "seeds", "--store", "seed-store", cwd=work, check=0)
    return work


@pytest.fixture
def workdir(seed_workdir: Path, tmp_path: Path) -> Path:
    """A fresh working directory with ``seeds/`` and a private copy of the seed store ``store/``.

    Copying the closed RocksDB directory is much cheaper than parsing the seeds again.
    """
    shutil.copytree(seed_workdir / "seeds", tmp_path / "seeds")
    shutil.copytree(seed_workdir / "seed-store", tmp_path / "store")
    return tmp_path
