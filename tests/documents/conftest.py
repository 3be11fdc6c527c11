"""Shared helpers for the document-reading tests: files are made in ``tmp_path``."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

WriteFile = Callable[[str, "bytes | str"], Path]


@pytest.fixture
def write(tmp_path: Path) -> WriteFile:
    """Write bytes (as is) or text (as UTF-8) to ``tmp_path/name``, creating folders."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write
