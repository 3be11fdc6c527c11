"""Time limits for store queries: a worker thread that hands rows over a bounded queue.

Kept apart from the store interface (``base.py``) because it is the one piece that deals with
threads; the back ends call :func:`run_with_deadline` and wrap streams in :class:`Stream`.
"""
from __future__ import annotations

import contextlib
import queue
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from sanctions_kg.errors import Errors, StoreError


class QueryTimeout(StoreError):
    """A query ran past its time limit (Errors.E024)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(Errors.E024.format(seconds=f"{seconds:g}"))
        self.seconds = seconds


class Stream(Iterator[Any]):
    """An iterator whose :meth:`close` works even before the first ``next()``.

    A generator's ``finally`` never runs if it was not started, so a result closed unread would
    leave its worker thread or HTTP response behind; this wrapper calls ``on_close`` in any case.
    ``translate`` maps an exception from the source to the coded one to raise (or None to keep it).
    """

    def __init__(
        self,
        items: Iterator[Any],
        on_close: Callable[[], object] | None = None,
        translate: Callable[[BaseException], BaseException | None] | None = None,
    ) -> None:
        self._items = items
        self._on_close = on_close
        self._translate = translate
        self._closed = False

    def __next__(self) -> Any:
        if self._closed:
            raise StopIteration
        try:
            return next(self._items)
        except StopIteration:
            self.close()
            raise
        except BaseException as exc:
            self.close()
            mapped = self._translate(exc) if self._translate is not None else None
            if mapped is not None and mapped is not exc:
                raise mapped from exc
            raise

    def close(self) -> None:
        """Close the source and run ``on_close`` once."""
        if self._closed:
            return
        self._closed = True
        try:
            close = getattr(self._items, "close", None)
            if close is not None:
                close()
        finally:
            if self._on_close is not None:
                self._on_close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # nothing to report to during garbage collection
            self.close()


_END = object()


def run_with_deadline(
    start: Callable[[], tuple[Any, Iterator[Any]]], timeout: float | None
) -> tuple[Any, Iterator[Any]]:
    """Call ``start`` (returning a header and an item iterator) under a wall-clock limit.

    Without a timeout everything runs in the caller's thread. With one, a daemon worker runs
    ``start`` and the iteration, handing items over a small bounded queue (so the stream stays
    lazy); the caller waits at most until the deadline and then raises :class:`QueryTimeout`.
    Honest limit: a native evaluation cannot be interrupted, so a worker stuck inside one is
    abandoned and keeps a CPU (and a reference to the store) until the evaluation ends.
    """
    if timeout is None:
        return start()
    deadline = time.monotonic() + timeout
    handoff: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=HANDOFF_CHUNKS)
    cancel = threading.Event()
    worker = threading.Thread(target=_work, args=(start, handoff, cancel), daemon=True, name="sparql-query")
    worker.start()
    kind, header = _take(handoff, deadline, timeout, cancel)
    if kind == "error":
        raise header
    return header, Stream(_drain(handoff, deadline, timeout, cancel), on_close=cancel.set)


#: rows cross from the worker in chunks (a queue hand-off per row cost more than small queries);
#: at most HANDOFF_CHUNKS * HANDOFF_ROWS rows wait in the queue, so the stream stays lazy and bounded.
HANDOFF_ROWS = 256
HANDOFF_CHUNKS = 8


def _work(start: Callable[[], tuple[Any, Iterator[Any]]], handoff: queue.Queue, cancel: threading.Event) -> None:
    """The worker: header first, then chunks of items, then an end mark; an exception travels as an item."""
    items: Iterator[Any] | None = None
    try:
        header, items = start()
        if _put(handoff, cancel, ("header", header)):
            chunk: list[Any] = []
            for item in items:
                chunk.append(item)
                if len(chunk) >= HANDOFF_ROWS:
                    if not _put(handoff, cancel, ("items", chunk)):
                        break
                    chunk = []
            else:
                if not chunk or _put(handoff, cancel, ("items", chunk)):
                    _put(handoff, cancel, ("end", None))
    except BaseException as exc:  # noqa: BLE001 - handed to the consumer, who re-raises it
        _put(handoff, cancel, ("error", _without_locals(exc)))
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _without_locals(exc: BaseException) -> BaseException:
    """``exc`` (and its causes) with the local variables of its finished frames released here.

    A traceback keeps every frame it passed through alive; one of them holds the engine's result
    iterator (pyoxigraph's, which must be dropped on the thread that made it). Dropped later on
    the consumer's thread, it printed a second, uncoded "unsendable" line after the coded error.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__
    return exc


def _put(handoff: queue.Queue, cancel: threading.Event, entry: tuple[str, Any]) -> bool:
    """Put with back-pressure, giving up once the consumer has gone; False if cancelled."""
    while not cancel.is_set():
        try:
            handoff.put(entry, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _take(handoff: queue.Queue, deadline: float, timeout: float, cancel: threading.Event) -> tuple[str, Any]:
    """The next entry, or a QueryTimeout (and a cancelled worker) once the deadline has passed."""
    remaining = deadline - time.monotonic()
    try:
        if remaining <= 0:
            return handoff.get_nowait()
        return handoff.get(timeout=remaining)
    except queue.Empty:
        cancel.set()
        raise QueryTimeout(timeout) from None


def _drain(handoff: queue.Queue, deadline: float, timeout: float, cancel: threading.Event) -> Iterator[Any]:
    """Yield the worker's items until the end mark; cancel the worker when the consumer stops."""
    try:
        while True:
            kind, value = _take(handoff, deadline, timeout, cancel)
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield from value
    finally:
        cancel.set()
