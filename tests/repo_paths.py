"""Where the repository is, and a context manager that works from it (shared by conftest and tests).

A module of its own, not imported from ``conftest``: several folders have a conftest.py, and
``import conftest`` would find whichever one pytest loaded first."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@contextmanager
def in_repo() -> Iterator[None]:
    """Run with the repository as working directory, so stored source paths read ``seeds/…``."""
    old = Path.cwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(old)
