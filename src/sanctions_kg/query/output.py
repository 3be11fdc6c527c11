"""Where query results go: a file written all or nothing, or stdout without a half-written document.

A query can fail after its first rows (a timeout, an endpoint that drops the connection). Written
straight to their destination, those rows would leave a truncated file, or truncated, invalid
JSON on stdout, next to the coded error. So:

* ``-o FILE``: rows go to a temporary file beside FILE, which is renamed over FILE only when the
  query has finished; on any failure it is removed and an existing FILE is left as it was.
* stdout, for a format that is one document (SPARQL JSON, the table with its row count, Markdown):
  rows go to a spooled temporary file (memory up to SPOOL_BYTES, then disk) and are copied to
  stdout on success only.
* stdout, for a line format (CSV, TSV, JSON Lines): rows stream as they arrive, so ``| head``
  answers at once; every line written is a whole row, and a failure is still the coded error
  with exit code 1.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO, cast

from ..errors import Errors, QueryError

#: formats whose output is one document: never shown unless complete
DOCUMENT_FORMATS = ("json", "table", "markdown")
SPOOL_BYTES = 8 * 1024 * 1024


@contextlib.contextmanager
def result_sink(fmt: str, path: Path | None, stdout: TextIO) -> Iterator[TextIO]:
    """A text stream for the results in format ``fmt``; see the module docstring for what happens
    to it on success and on failure. A FILE that cannot be written is refused (E074) before the
    caller runs anything."""
    if path is not None:
        with _atomic_file(path) as out:
            yield out
    elif fmt in DOCUMENT_FORMATS:
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8", newline="") as spool:
            yield cast(TextIO, spool)  # a text file in all but name
            spool.seek(0)
            shutil.copyfileobj(spool, stdout)
            stdout.flush()
    else:
        yield stdout
        stdout.flush()


@contextlib.contextmanager
def _atomic_file(path: Path) -> Iterator[TextIO]:
    """A temporary file beside ``path`` (created at once, so a bad path fails before the query),
    renamed to ``path`` when the block ends without an exception, removed otherwise."""
    if path.is_dir():
        raise QueryError(Errors.E074.format(path=path, reason="it is a directory"))
    temp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        # O_EXCL: never reuse a stranger's file; 0o666 minus the umask, as a plain open() would give
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise QueryError(Errors.E074.format(path=path, reason=exc.strerror or exc)) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            if path.exists():
                os.chmod(temp, path.stat().st_mode & 0o7777)  # keep the old file's permissions
            yield out  # the caller's errors pass through as they are
            _finish(path, out.flush)
            _finish(path, lambda: os.fsync(out.fileno()))
        _finish(path, lambda: os.replace(temp, path))
    finally:
        temp.unlink(missing_ok=True)


def _finish(path: Path, step: Callable[[], object]) -> None:
    """Run one step of writing ``path``; an OSError (a full disk, a vanished folder) becomes E074."""
    try:
        step()
    except OSError as exc:
        raise QueryError(Errors.E074.format(path=path, reason=exc.strerror or exc)) from exc
