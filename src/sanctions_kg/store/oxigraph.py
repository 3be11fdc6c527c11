"""The embedded store: a pyoxigraph (RocksDB) directory, or memory when no path is given.

Oxigraph commits each update in one transaction, so a crash leaves either the old or the new
version of a graph, never half of one. RocksDB locks the directory: a second writer (another
process, or a second handle in this one) gets a StoreError instead of blocking or corrupting it.

A batch of new graphs goes through pyoxigraph's bulk loader instead (:meth:`OxigraphStore.add_graphs`):
at a million triples one update per graph took 183 s, this in batches of 64 graphs 75 s (``bench/``).
The bulk loader has no transactions, so a document stays invisible until it is whole:

1. one update marks the batch's graphs *incomplete* (a quad each in the graph ``LOADING``) and drops
   whatever a crashed load left of them;
2. the bulk loader writes their named graphs, which queries do not see while they are marked
   (``named_graphs`` of the query is then the complete graphs);
3. one transaction (``Store.extend``) adds their triples to the union in the default graph, the
   triples no graph had brought there yet, together with a *complete* mark for each graph;
4. one update removes both marks.

A graph marked incomplete and not complete counts as absent everywhere (:meth:`~OxigraphStore.has_graph`,
``graph_iris``, ``dataset``, ``len``, queries), so after a crash readers see each document whole or
not at all, a rebuild stores the missing ones again, and the next write of a graph clears what a
crash left of it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from sanctions_kg.errors import Errors, StoreError
from sanctions_kg.store import base, terms
from sanctions_kg.store.base import Bindings, GraphWrite, QueryKind, QueryResult, graph_node
from sanctions_kg.store.timeout import Stream, run_with_deadline

_PYOXIGRAPH_ERRORS = (OSError, RuntimeError, SyntaxError, ValueError)
#: the graph holding a mark per graph the bulk loader is writing (no document's graph, never exported)
LOADING = ox.NamedNode("urn:x-sanctions-kg:loading")
INCOMPLETE = ox.NamedNode("urn:x-sanctions-kg:incomplete")
COMPLETE = ox.NamedNode("urn:x-sanctions-kg:complete")
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
#: below this many new graphs in a batch, one update per graph is cheaper than the loader's two marks
BULK_MIN = 4


class TermCache:
    """rdflib terms converted to pyoxigraph once: a batch of documents repeats its predicates, classes and
    countries in every graph, and the conversion (with its checks) was most of the cost of a bulk write.

    Blank nodes are not cached but relabelled per graph (a hash of the graph IRI and the label), so two
    graphs never share one, as two ``INSERT DATA`` requests would not.
    """

    def __init__(self) -> None:
        self._positions: tuple[dict[Any, Any], ...] = ({}, {}, {})

    def quads(self, graph: rdflib.Graph, graph_iri: str) -> Iterator[ox.Quad]:
        """The graph's triples as quads in the named graph ``graph_iri``, terms validated as in
        :func:`~sanctions_kg.store.base.triples_to_quads`."""
        name = graph_node(graph_iri)
        subjects, predicates, objects = self._positions
        for s, p, o in graph.triples((None, None, None)):
            yield ox.Quad(subjects.get(s) or self._new(s, graph_iri, subjects, base.subject_term),
                          predicates.get(p) or self._new(p, graph_iri, predicates, base.predicate_term),
                          objects.get(o) or self._new(o, graph_iri, objects, base.object_term), name)

    @staticmethod
    def _new(term: Any, graph_iri: str, cache: dict[Any, Any], convert: Callable[[Any], Any]) -> Any:
        """A term not converted yet; a blank node is relabelled for this graph and not cached."""
        if isinstance(term, rdflib.BNode):
            return terms.blank_node(f"{graph_iri} {term}")
        found = cache[term] = convert(term)
        return found


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
        name = str(graph_node(graph_iri))
        request = base.replace_graph_request(name, body, [str(graph_node(g)) for g in replaces])
        request += " ;\n" + " ;\n".join(_unmark(n) for n in (name, *map(str, map(graph_node, replaces))))
        try:
            store.update(request)
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def add_graphs(self, graphs: Sequence[GraphWrite]) -> None:
        """Store several graphs: new ones (not stored, replacing none) through the bulk loader when there
        are at least ``BULK_MIN``, each still stored whole or not at all by its mark (see the module);
        the others with :meth:`add_graph`. The union in the default graph stays de-duplicated: a quad
        store is a set, so a triple that several graphs hold is there once."""
        new = [not replaces and not self.has_graph(iri) for iri, _graph, replaces in graphs]
        bulk = sum(new) >= BULK_MIN
        for (iri, graph, replaces), fresh in zip(graphs, new, strict=True):
            if not (bulk and fresh):  # a stored graph is replaced in one transaction, as add_graph does
                self.add_graph(iri, graph, replaces)
        if bulk:
            self._bulk([(iri, graph) for (iri, graph, _), fresh in zip(graphs, new, strict=True) if fresh])

    def _bulk(self, graphs: list[tuple[str, rdflib.Graph]]) -> None:
        """The four steps of the module's description; terms are converted first, so a bad one fails
        the batch before anything is written."""
        store = self._writable()
        names = [graph_node(iri) for iri, _ in graphs]
        cache = TermCache()
        quads = [q for iri, graph in graphs for q in cache.quads(graph, iri)]
        union = dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        try:
            self._mark(store, names)
            store.bulk_extend(quads)
            for name in names:
                store.add_graph(name)  # a graph without triples exists too, as after add_graph
            store.extend([*(q for q in union if q not in store),
                          *(ox.Quad(name, COMPLETE, TRUE, LOADING) for name in names)])
            marks = " ".join(f"{name} {mark} {TRUE} ." for name in names for mark in (INCOMPLETE, COMPLETE))
            store.update(f"DELETE DATA {{ GRAPH {LOADING} {{ {marks} }} }}")
            if self.path is not None:
                # the union and the marks went through RocksDB's write buffers, which keep growing
                # until a background flush: written out here, a long build's memory levels off
                # sooner (bench/README.md: 14 MB less at the peak of a 5,000-document feed)
                store.flush()
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    @staticmethod
    def _mark(store: ox.Store, names: list[ox.NamedNode]) -> None:
        """One update: drop what a crashed bulk load left of the graphs (with its share of the union,
        which it cannot have reached), and mark them incomplete."""
        steps = [f"{base.retract_from_union(str(n))} ;\nDROP SILENT GRAPH {n} ;\n{_unmark(str(n))}" for n in names
                 if store.contains_named_graph(n)]
        marks = " ".join(f"{name} {INCOMPLETE} {TRUE} ." for name in names)
        steps.append(f"INSERT DATA {{ GRAPH {LOADING} {{ {marks} }} }}")
        store.update(" ;\n".join(steps))

    @staticmethod
    def _unfinished(store: ox.Store) -> set[Any]:
        """The graphs a bulk load marked incomplete and did not complete (normally none: one lookup)."""
        started = {q.subject for q in store.quads_for_pattern(None, INCOMPLETE, None, LOADING)}
        if not started:
            return set()
        return started - {q.subject for q in store.quads_for_pattern(None, COMPLETE, None, LOADING)}

    def remove_graph(self, graph_iri: str) -> None:
        """Drop the named graph and the triples of the union that no other graph holds (one update)."""
        store = self._writable()
        name = str(graph_node(graph_iri))
        try:
            store.update(f"{base.retract_from_union(name)} ;\nDROP SILENT GRAPH {name} ;\n{_unmark(name)}")
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
        store = self._open_store()
        try:
            hidden = self._unfinished(store) | {LOADING}
            return sorted(n.value for n in store.named_graphs() if isinstance(n, ox.NamedNode) and n not in hidden)
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph is present, and complete (not one a crashed bulk load left behind)."""
        store = self._open_store()
        name = graph_node(graph_iri)
        try:
            return store.contains_named_graph(name) and name not in self._unfinished(store)
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
        return QueryResult(kind, variables, items=items, boolean=boolean, native=True)

    def _evaluate(self, store: ox.Store, sparql: str, bindings: dict[str, Any]) -> Any:
        """The pyoxigraph result object, with substitutions or, failing those, a VALUES block."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): base.to_oxigraph(term) for name, term in bindings.items()}
        try:
            # the graphs GRAPH patterns may see: all, unless a bulk load is unfinished (see the module)
            visible = None if not self._loading(store) else [
                g for g in store.named_graphs() if g not in self._not_documents(store)]
            try:
                return store.query(sparql, substitutions=substitutions or None, named_graphs=visible)
            except RuntimeError as exc:
                if not substitutions or "projection" not in str(exc):
                    raise
            return store.query(base.inject_values(sparql, bindings), named_graphs=visible)
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc

    def _translate(self, exc: BaseException) -> BaseException | None:
        """Errors met while streaming (an IO error mid-query) become StoreError."""
        return self._error(exc) if isinstance(exc, _PYOXIGRAPH_ERRORS) else None

    def dataset(self) -> rdflib.Dataset:
        """The document graphs (the default graph is only their union, so it is left out)."""
        store = self._open_store()
        try:
            left_out = self._not_documents(store)
            quads = [q for q in store if q.graph_name not in left_out]
        except _PYOXIGRAPH_ERRORS as exc:
            raise self._error(exc) from exc
        return base.quads_to_dataset((q.subject, q.predicate, q.object, q.graph_name) for q in quads)

    def __len__(self) -> int:
        """Quads in the document graphs (not the union copy in the default graph, nor a bulk load's marks
        and unfinished graphs)."""
        store = self._open_store()
        left_out = self._not_documents(store)
        return len(store) - sum(1 for g in left_out for _ in store.quads_for_pattern(None, None, None, g))

    def _not_documents(self, store: ox.Store) -> set[Any]:
        """The graphs that hold no stored document: the default graph (the union), the marks, the graphs
        a bulk load did not finish."""
        return {ox.DefaultGraph(), LOADING, *self._unfinished(store)}

    @staticmethod
    def _loading(store: ox.Store) -> bool:
        """Whether any bulk-load mark is there (during a load, or after one a crash cut short)."""
        return any(True for _ in store.quads_for_pattern(None, None, None, LOADING))

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


def _unmark(name: str) -> str:
    """SPARQL Update removing a graph's bulk-load marks, if it has any."""
    return f"DELETE WHERE {{ GRAPH {LOADING} {{ {name} ?mark ?value }} }}"
