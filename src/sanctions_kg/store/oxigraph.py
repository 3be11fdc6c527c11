"""The embedded store: a pyoxigraph (RocksDB) directory, or memory when no path is given.

Oxigraph commits each update in one transaction, so a crash leaves either the old or the new
version of a graph, never half of one. RocksDB locks the directory: a second writer (another
process, or a second handle in this one) gets a StoreError instead of blocking or corrupting it.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from sanctions_kg.errors import Errors, StoreError
from sanctions_kg.store import base
from sanctions_kg.store.base import Bindings, QueryKind, QueryResult, graph_node
from sanctions_kg.store.timeout import Stream, run_with_deadline

_PYOXIGRAPH_ERRORS = (OSError, RuntimeError, SyntaxError, ValueError)


class OxigraphStore:
    """A :class:`~sanctions_kg.store.base.Store` over an embedded pyoxigraph store.

    ``read_only=True`` opens with ``Store.read_only``: it works while another process holds the
    write lock (for ``query`` next to a running ``build``), but pyoxigraph documents reading
    while another process writes as undefined, so it is for looking, not for long sessions.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._store: ox.Store | None = self._open(path, read_only)

    @staticmethod
    def _open(path: Path | None, read_only: bool) -> ox.Store:
        """Open the directory, turning RocksDB's lock and IO messages into a coded StoreError."""
        if read_only and path is not None and not path.is_dir():
            raise StoreError(Errors.E032.format(path=path, reason="no store directory here"))
        try:
            if path is None:
                return ox.Store()
            if read_only:
                return ox.Store.read_only(str(path))
            return ox.Store(str(path))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - also pyo3's PanicException, which is no Exception
            reason = str(exc)
            if "lock" in reason.lower():
                reason = f"the store is in use by another process or handle ({reason})"
            raise StoreError(Errors.E032.format(path=path or "memory", reason=reason)) from exc

    # --- helpers ---------------------------------------------------------------------------

    @property
    def location(self) -> str:
        """Where the data lives, for error messages."""
        return str(self.path) if self.path is not None else "memory"

    def _error(self, exc: BaseException) -> StoreError:
        return StoreError(Errors.E032.format(path=self.location, reason=str(exc).strip() or type(exc).__name__))

    def _open_store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(Errors.E032.format(path=self.location, reason="the store is closed"))
        return self._store

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(Errors.E032.format(path=self.location, reason="opened read-only"))
        return self._open_store()

    # --- writing ---------------------------------------------------------------------------

    def add_graph(self, graph_iri: str, graph: rdflib.Graph, replaces: Sequence[str] = ()) -> None:
        """Replace the graph, its share of the default (union) graph and the graphs in ``replaces``
        (a changed file's earlier versions) with one SPARQL Update.

        pyoxigraph 0.5 has no Python transaction object, but an update request is atomic, and
        the terms are written in validated N-Triples form, so the text cannot be escaped from.
        Blank nodes get fresh identities in the store, as INSERT DATA specifies.
        """
        store = self._writable()
        body = base.ntriples_lines(list(base.triples_to_quads(graph, graph_iri)))
        request = base.replace_graph_request(str(graph_node(graph_iri)), body, [str(graph_node(g)) for g in replaces])
        try:
            store.update(request)
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def remove_graph(self, graph_iri: str) -> None:
        """Drop the named graph and the triples of the union that no other graph holds (one update)."""
        store = self._writable()
        name = str(graph_node(graph_iri))
        try:
            store.update(f"{base.retract_from_union(name)} ;\nDROP SILENT GRAPH {name}")
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction; it acts on the default graph (the union) unless it
        names a graph, so what it inserts there belongs to no document and is not exported."""
        store = self._writable()
        try:
            store.update(sparql)
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    # --- reading ---------------------------------------------------------------------------

    def graph_iris(self) -> list[str]:
        """The named graphs, including empty ones that were added explicitly."""
        try:
            names = list(self._open_store().named_graphs())
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc
        return sorted(name.value for name in names if isinstance(name, ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        try:
            return self._open_store().contains_named_graph(graph_node(graph_iri))
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def query(self, sparql: str, bindings: Bindings | None = None, timeout: float | None = None) -> QueryResult:
        """Evaluate over the default graph (the de-duplicated union of all documents), substituting
        ``bindings`` as RDF terms.

        pyoxigraph's ``substitutions`` (SEP-0007) refuses a variable missing from the SELECT
        projection; then the bindings go in as a VALUES block at the start of the WHERE group,
        exactly as :class:`EndpointStore` does. ``timeout`` is enforced by
        :func:`~sanctions_kg.store.timeout.run_with_deadline` (a worker thread).
        """
        store = self._open_store()
        checked = base.check_bindings(bindings)

        def start() -> tuple[tuple[QueryKind, list[str], bool | None], Iterator[Any]]:
            header, items = base.classify_result(self._evaluate(store, sparql, checked))
            return header, Stream(items, translate=self._translate)

        (kind, variables, boolean), items = run_with_deadline(start, timeout)
        return QueryResult(kind, variables, items=items, boolean=boolean)

    def _evaluate(self, store: ox.Store, sparql: str, bindings: dict[str, Any]) -> Any:
        """The pyoxigraph result object, with substitutions or, failing those, a VALUES block."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): base.to_oxigraph(term) for name, term in bindings.items()}
        try:
            try:
                return store.query(sparql, substitutions=substitutions or None)
            except RuntimeError as exc:
                if not substitutions or "projection" not in str(exc):
                    raise
            return store.query(base.inject_values(sparql, bindings))
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def _translate(self, exc: BaseException) -> BaseException | None:
        """Errors met while streaming (an IO error mid-query) become StoreError."""
        return self._error(exc) if isinstance(exc, _PYOXIGRAPH_ERRORS) else None

    def dataset(self) -> rdflib.Dataset:
        """The document graphs (the default graph is only their union, so it is left out)."""
        try:
            quads = [q for q in self._open_store() if not isinstance(q.graph_name, ox.DefaultGraph)]
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc
        return base.quads_to_dataset((q.subject, q.predicate, q.object, q.graph_name) for q in quads)

    def __len__(self) -> int:
        """Quads in the document graphs (the union copy in the default graph is not counted)."""
        store = self._open_store()
        return len(store) - sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def close(self) -> None:
        """Flush to disk and drop the handle, which releases the RocksDB lock.

        The lock is only released when nothing else refers to the pyoxigraph store: an
        unfinished result stream or an abandoned timed-out query keeps it until it ends.
        """
        store, self._store = self._store, None
        if store is not None and self.path is not None and not self.read_only:
            try:
                store.flush()
            except OSError as exc:
                raise self._error(exc) from exc

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

