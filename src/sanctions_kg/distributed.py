"""Parse and extract on a Dask cluster; resolve, write and store in the calling process.

``sanctions-kg build … --scheduler tcp://HOST:8786`` uses a running Dask scheduler, ``--scheduler
local:N`` starts a ``LocalCluster`` of N single-threaded worker processes on 127.0.0.1. The costly
part of a build, the spaCy parse and the extractors, runs on the workers, a batch of documents per
task; each worker loads the pipeline once (a ``WorkerPlugin`` warms the per-process cache of
:func:`~sanctions_kg.nlp.build_pipeline`). The fact records come back in the order the documents were
submitted, and the caller resolves identity (the same vote or launch across documents), builds the
graphs, validates and stores them exactly as a single-process build does: that reduce step is what
makes the graph of a cluster build equal to the graph of a single-process build of the same files.

Dask is the engine: this module only cuts the work into tasks and keeps a bounded number in flight.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from distributed import WorkerPlugin

from .errors import Errors, SanctionsKGError
from .extract import DocumentFacts, extract_document
from .nlp import build_pipeline
from .records import Document
from .settings import Settings

T = TypeVar("T")
LOCAL = "local:"


class SchedulerError(SanctionsKGError):
    """The ``--scheduler`` value is malformed, or the cluster cannot be reached."""


class ModelPlugin(WorkerPlugin):
    """A Dask worker plugin that loads the pipeline when a worker starts (once per worker process)."""

    name = "sanctions-kg-model"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        """Load the model into this process's pipeline cache before the first task arrives."""
        build_pipeline(self.settings)



def extract_batch(documents: list[Document], settings: Settings) -> list[DocumentFacts | Exception]:
    """The worker's task: parse a batch with ``nlp.pipe`` and run the extractors on each document.

    A document on which an extractor fails comes back as the exception (as a plain ``RuntimeError``
    with the original type in its message, so it pickles whatever raised it); the caller reports it
    as E012 like a single-process build.
    """
    nlp = build_pipeline(settings)
    results: list[DocumentFacts | Exception] = []
    for parsed, document in zip(nlp.pipe(d.text for d in documents), documents, strict=True):
        try:
            results.append(extract_document(parsed, document))
        except Exception as exc:  # noqa: BLE001 - one document's failure must not lose the batch
            results.append(RuntimeError(f"{type(exc).__name__}: {exc}"))
    return results


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_on_cluster(items: Iterable[tuple[Document, T]], client: Any, settings: Settings, *,
                       batch_size: int, in_flight: int | None = None
                       ) -> Iterator[tuple[DocumentFacts | Exception, tuple[Document, T]]]:
    """Submit the documents in batches and yield ``(facts or exception, (document, extra))`` in input order.

    At most ``in_flight`` batches (default: two per worker thread) are submitted ahead of the one
    being consumed, so memory on both sides stays bounded however long the corpus is.
    """
    threads = sum(client.nthreads().values()) or 1
    limit = in_flight or 2 * threads
    queue: deque[tuple[Any, list[tuple[Document, T]]]] = deque()
    for batch in _batches(items, batch_size):
        queue.append((client.submit(extract_batch, [d for d, _ in batch], settings, pure=False), batch))
        if len(queue) >= limit:
            yield from _collect(*queue.popleft())
    while queue:
        yield from _collect(*queue.popleft())


def _collect(future: Any, batch: list[tuple[Document, T]]
             ) -> Iterator[tuple[DocumentFacts | Exception, tuple[Document, T]]]:
    yield from zip(future.result(), batch, strict=True)


@contextmanager
def dask_client(scheduler: str, settings: Settings) -> Iterator[Any]:
    """A connected ``distributed.Client`` for ``tcp://HOST:PORT`` or ``local:N``, with the model plugin."""
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler.startswith(LOCAL):
            workers = _local_workers(scheduler)
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0")
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(Errors.E060.format(scheduler=scheduler, reason=exc)) from exc
    try:
        client.register_plugin(ModelPlugin(settings), name=ModelPlugin.name)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _local_workers(scheduler: str) -> int:
    count = scheduler[len(LOCAL):]
    if not count.isdigit() or int(count) < 1:
        raise SchedulerError(Errors.E061.format(scheduler=scheduler))
    return int(count)


def extract_with_scheduler(items: Iterable[tuple[Document, T]], settings: Settings, scheduler: Any, *,
                           batch_size: int) -> Iterator[tuple[DocumentFacts | Exception, tuple[Document, T]]]:
    """:func:`extract_on_cluster` with a client opened for ``scheduler`` and closed when the stream ends.

    ``scheduler`` may also be a connected ``distributed.Client`` (a notebook's, or a test's), which is
    used as it is and left open.
    """
    if not isinstance(scheduler, str):
        scheduler.register_plugin(ModelPlugin(settings), name=ModelPlugin.name)
        yield from extract_on_cluster(items, scheduler, settings, batch_size=batch_size)
        return
    with dask_client(scheduler, settings) as client:
        yield from extract_on_cluster(items, client, settings, batch_size=batch_size)


__all__ = ["ModelPlugin", "SchedulerError", "dask_client", "extract_batch", "extract_on_cluster",
           "extract_with_scheduler"]
