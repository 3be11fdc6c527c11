"""Quad stores behind one small interface: embedded Oxigraph, a SPARQL endpoint, or an RDF file.

Every document's triples live in a named graph (``docs/model.md``); every back end answers
queries over the union of those graphs, takes and returns rdflib terms, and streams results.
"""
from __future__ import annotations

from pathlib import Path

from sanctions_kg.errors import Errors, StoreError
from sanctions_kg.settings import load_settings
from sanctions_kg.store.base import NAMESPACES, QueryResult, QueryTimeout, Store
from sanctions_kg.store.endpoint import EndpointStore
from sanctions_kg.store.files import FORMATS, FileStore, write_dataset_atomic
from sanctions_kg.store.oxigraph import OxigraphStore

__all__ = [
    "FORMATS",
    "NAMESPACES",
    "EndpointStore",
    "FileStore",
    "OxigraphStore",
    "QueryResult",
    "QueryTimeout",
    "Store",
    "StoreError",
    "check_reachable",
    "open_store",
    "write_dataset_atomic",
]


def open_store(
    store: Path | None = None,
    graph: Path | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    *,
    graph_store: str | None = None,
    read_only: bool = False,
    create: bool = True,
) -> Store:
    """The store the CLI options name: exactly one of ``store``, ``graph``, ``endpoint``.

    With none given, the embedded store at ``settings.default_store``. ``update_endpoint`` and
    ``graph_store`` only go with ``endpoint``; ``read_only`` applies to the embedded store and
    ``create=False`` makes a missing ``graph`` file an error (E031) instead of an empty store.
    """
    chosen = [name for name, value in (("store", store), ("graph", graph), ("endpoint", endpoint)) if value]
    if len(chosen) > 1:
        reason = "give only one of --store, --graph, --endpoint"
        raise StoreError(Errors.E032.format(path=", ".join(chosen), reason=reason))
    if (update_endpoint or graph_store) and endpoint is None:
        raise StoreError(Errors.E032.format(path="--update-endpoint", reason="it needs --endpoint"))
    if endpoint is not None:
        return EndpointStore(endpoint, update_endpoint, graph_store)
    if graph is not None:
        return FileStore(Path(graph), create=create)
    return OxigraphStore(Path(store) if store is not None else load_settings().default_store, read_only=read_only)


def check_reachable(store: Store) -> None:
    """Fail fast: one trivial query before any slow work (loading the model takes 10-30 s).

    An endpoint that is down or silent is E036; the embedded store's lock was already taken when
    it was opened, so a store in use has failed before this point.
    """
    if isinstance(store, EndpointStore):
        try:
            store.query("ASK {}").close()
        except StoreError as exc:
            reason = str(exc).split("] ", 1)[-1]  # the inner message without its own code
            raise StoreError(Errors.E036.format(url=store.query_url, reason=reason)) from exc
