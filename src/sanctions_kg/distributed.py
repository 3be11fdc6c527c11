"""Parse, extract, write and check on a Dask cluster; resolve identity and store in the calling process.

``sanctions-kg build … --scheduler tcp://HOST:8786`` uses a running Dask scheduler, ``--scheduler
local:N`` starts a ``LocalCluster`` of N single-threaded worker processes on 127.0.0.1. Each task is
a batch of documents (:func:`prebuilt.prebuild_batch`): the worker parses them, runs the extractors,
writes each document's graph and validates it, loading the pipeline once per process (a
``WorkerPlugin`` warms the cache of :func:`~sanctions_kg.nlp.build_pipeline`). The caller keeps only
what depends on the other documents: identity (the same vote or launch across documents) in document
order, and the store; a graph written with other identities than the caller's is written again there
(see :mod:`prebuilt`), which is what makes the graph of a cluster build equal to that of a
single-process build of the same files.

Results are consumed in input order (identity is decided in that order), with several batches per
worker in flight, so the workers keep parsing while the caller stores.

Dask is the engine: this module only cuts the work into tasks and keeps a bounded number in flight.
Worker processes run one thread each (``threads_per_worker=1`` here; ``dask worker --nthreads 1`` on a
cluster): spaCy's parser releases little of the GIL, and Dask's nanny already limits BLAS/OpenMP to
one thread per worker (``OMP_NUM_THREADS=1`` and friends), so one worker uses one core.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from distributed import WorkerPlugin

from .errors import Errors, SanctionsKGError
from .nlp import build_pipeline
from .prebuilt import Prebuilt, prebuild_batch
from .records import Document
from .settings import Settings

T = TypeVar("T")
LOCAL = "local:"
IN_FLIGHT = 4  # batches per worker thread submitted ahead of the one being consumed
#: A local cluster's Dask settings. Dask's sampling profiler (every 10 ms) and system monitor (every
#: 0.5 s) are for its dashboard, which a local build does not start; measured in bench/, they cost
#: each worker about 5% of a core besides its tasks (1.5% without them).
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.system-monitor.interval": "2s",
                "distributed.admin.system-monitor.disk": False, "distributed.admin.tick.interval": "100ms"}


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


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_on_cluster(items: Iterable[tuple[Document, T]], client: Any, settings: Settings, *,
                       batch_size: int, in_flight: int | None = None, validate: bool = True,
                       triage: bool = True
                       ) -> Iterator[tuple[Prebuilt, tuple[Document, T]]]:
    """Submit the documents in batches and yield ``(prebuilt, (document, extra))`` in input order.

    At most ``in_flight`` batches (default: ``IN_FLIGHT`` per worker thread) are out at a time, so
    memory on both sides stays bounded however long the corpus is, yet a worker that finishes a
    batch finds the next one waiting while the caller is still storing the earlier ones.
    """
    threads = sum(client.nthreads().values()) or 1
    limit = in_flight or IN_FLIGHT * threads
    queue: deque[tuple[Any, list[tuple[Document, T]]]] = deque()
    for batch in _batches(items, batch_size):
        queue.append((client.submit(prebuild_batch, [d for d, _ in batch], settings, validate, triage,
                                    pure=False), batch))
        if len(queue) >= limit:
            yield from _collect(*queue.popleft())
    while queue:
        yield from _collect(*queue.popleft())


def _collect(future: Any, batch: list[tuple[Document, T]]) -> Iterator[tuple[Prebuilt, tuple[Document, T]]]:
    results = future.result()
    future.release()  # the worker may drop the result now: the caller holds it
    yield from zip(results, batch, strict=True)


@contextmanager
def dask_client(scheduler: str, settings: Settings) -> Iterator[Any]:
    """A connected ``distributed.Client`` for ``tcp://HOST:PORT`` or ``local:N``, with the model plugin."""
    import dask

    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler.startswith(LOCAL):
            workers = _local_workers(scheduler)
            with dask.config.set(LOCAL_CONFIG):  # the nannies hand it on to the worker processes
                # the scheduler serves HTTP (health, metrics) even without a dashboard; ":0" takes a free
                # port, so two builds on one machine do not race for 8787 (a UserWarning when they did)
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=":0")
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
                           batch_size: int, validate: bool = True, triage: bool = True
                           ) -> Iterator[tuple[Prebuilt, tuple[Document, T]]]:
    """:func:`extract_on_cluster` with a client opened for ``scheduler`` and closed when the stream ends.

    ``scheduler`` may also be a connected ``distributed.Client`` (a notebook's, or a test's), which is
    used as it is and left open.
    """
    if not isinstance(scheduler, str):
        scheduler.register_plugin(ModelPlugin(settings), name=ModelPlugin.name)
        yield from extract_on_cluster(items, scheduler, settings, batch_size=batch_size, validate=validate,
                                      triage=triage)
        return
    with dask_client(scheduler, settings) as client:
        yield from extract_on_cluster(items, client, settings, batch_size=batch_size, validate=validate,
                                      triage=triage)


__all__ = ["ModelPlugin", "Prebuilt", "SchedulerError", "dask_client", "extract_on_cluster",
           "extract_with_scheduler"]
