"""An RDF file used as a store, and the atomic writer that ``export`` reuses.

The file is loaded into an in-memory pyoxigraph store, so queries behave exactly as on the
embedded store, and is written back only on :meth:`FileStore.save`/``close`` after a change.
Writes go to a temporary file in the same directory, are fsynced, then renamed over the target
(``os.replace``): a reader or a crash sees the old file or the new one, never a truncated one.
"""
from __future__ import annotations

import os
import re
import secrets
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import rdflib

from sanctions_kg.errors import Errors, StoreError
from sanctions_kg.store.base import NAMESPACES, GraphWrite, object_term, predicate_term, subject_term
from sanctions_kg.store.oxigraph import OxigraphStore

#: suffix -> (rdflib serializer name, pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[str, ox.RdfFormat, bool]] = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE, False),
    ".trig": ("trig", ox.RdfFormat.TRIG, True),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS, True),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES, False),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD, True),
}


def file_format(path: Path) -> tuple[str, ox.RdfFormat, bool]:
    """The format of ``path`` by its suffix; E030 for anything else."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(Errors.E030.format(path=path, suffix=suffix or "(none)", known=", ".join(FORMATS)))
    return FORMATS[suffix]


def write_dataset_atomic(dataset: rdflib.Dataset, path: Path) -> None:
    """Write ``dataset`` to ``path`` in the format of its suffix, all or nothing.

    Triple formats (.ttl, .nt) get the union of the graphs (their names are lost); quad formats
    (.trig, .nq, .jsonld) keep the named graphs. On any failure the temporary file is removed and
    the previous file, if any, is left untouched.
    """
    name, _, keeps_graphs = file_format(path)
    _bind_prefixes(dataset)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp_name = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # O_EXCL: never reuse a stranger's file; mode 0o666 minus the umask, as a plain open() would
    handle = os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            if path.exists():
                os.chmod(temp_name, path.stat().st_mode & 0o7777)  # keep the old file's permissions
            _serialise(dataset if keeps_graphs else _union(dataset), name, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, Exception):
            raise StoreError(Errors.E032.format(path=path, reason=f"write failed: {exc}")) from exc
        raise
    _fsync_directory(path.parent)


def _serialise(graph: rdflib.Graph, format_name: str, out: BinaryIO) -> None:
    """Serialisation into an open binary file (a seam the atomic-write test breaks on purpose).

    Turtle, TriG, N-Triples and N-Quads are written by pyoxigraph, which keeps every literal's
    lexical form as stored (rdflib's Turtle shorthand rewrites "4000000"^^xsd:decimal as 4000000.0,
    another RDF term); JSON-LD is written by rdflib.
    """
    ox_format = {name: fmt for name, fmt, _ in FORMATS.values()}.get(format_name)
    if format_name != "json-ld" and ox_format is not None:
        _serialise_oxigraph(graph, ox_format, out)
        return
    with warnings.catch_warnings():
        # rdflib's own TriG serialiser calls its deprecated Dataset.contexts/default_context.
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.serialize(destination=out, format=format_name, encoding="utf-8")


def _serialise_oxigraph(graph: rdflib.Graph, fmt: ox.RdfFormat, out: BinaryIO) -> None:
    """Triples (or quads, for TriG/N-Quads) through pyoxigraph's serialiser, sorted so that the same
    graph always gives the same file (a committed export then diffs cleanly)."""
    items: list[ox.Quad] | list[ox.Triple]
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS) and isinstance(graph, rdflib.Dataset):
        rows = sorted(graph.quads((None, None, None, None)), key=lambda q: (str(q[3]), *map(str, q[:3])))
        items = [ox.Quad(subject_term(s), predicate_term(p), object_term(o), _graph_name(g)) for s, p, o, g in rows]
    else:
        items = [ox.Triple(subject_term(s), predicate_term(p), object_term(o))
                 for s, p, o in sorted(graph, key=lambda t: tuple(map(str, t)))]
    prefixes = None
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        prefixes = turtle_prefixes(str(term.value) for item in items for term in item
                                   if isinstance(term, ox.NamedNode))
    ox.serialize(items, out, fmt, prefixes=prefixes)


#: an IRI under ``id:`` that reads well as ``KIND:KEY``: a kind that is a plain prefix name, a key that
#: needs no escape in a Turtle local name (``ids.py`` makes hex digests and codes such as ISO3)
_KIND_KEY = re.compile(r"([a-z][a-z0-9]*)/([A-Za-z0-9_][A-Za-z0-9_-]*)")


def turtle_prefixes(iris: Iterable[str]) -> dict[str, str]:
    """The prefixes to declare in a Turtle or TriG file holding ``iris``: the project's, with ``id:``
    split into one prefix per kind of thing (``cap: <…/id/cap/>``, ``country: <…/id/country/>``).

    A prefixed name cannot hold a ``/`` (Turtle's PN_LOCAL), so with ``id:`` alone every entity
    would be written ``id:cap\\/36e9…``. So ``id:`` itself is not declared, and a kind is
    declared only if every key of it is plain; any other IRI under ``id/`` is written in full. The
    file never holds an escaped local name, and every parser reads it back to the same graph.
    """
    namespaces = {prefix: str(iri) for prefix, iri in NAMESPACES.items() if prefix != "id"}
    base = str(NAMESPACES["id"])
    plain: dict[str, bool] = {}
    for iri in iris:
        if iri.startswith(base):
            match = _KIND_KEY.fullmatch(iri[len(base):])
            if match:
                plain[match[1]] = plain.get(match[1], True)
            elif "/" in iri[len(base):]:
                plain[iri[len(base):].split("/", 1)[0]] = False
    kinds = {kind: f"{base}{kind}/" for kind, ok in sorted(plain.items()) if ok and kind not in namespaces}
    return {**namespaces, **kinds}


def _graph_name(context) -> ox.NamedNode | ox.DefaultGraph:
    name = getattr(context, "identifier", context)
    if name is None or str(name) == str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
        return ox.DefaultGraph()
    return ox.NamedNode(str(name))


def _bind_prefixes(graph: rdflib.Graph) -> None:
    """The project prefixes (skg, id, prov, ...) win over any other binding of those names."""
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def _union(dataset: rdflib.Dataset) -> rdflib.Graph:
    """All triples of all graphs in one graph, with the project prefixes."""
    union = rdflib.Graph()
    _bind_prefixes(union)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; not every platform can open a directory, which is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FileStore(OxigraphStore):
    """A :class:`~sanctions_kg.store.base.Store` kept in one RDF file.

    Turtle and N-Triples hold no graph names: their triples are loaded into one named graph whose
    IRI is the file's ``file:`` URI, so they are still visible to the union and to ``graph_iris``.
    A missing file is an empty store when ``create`` is true, else E031.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.file = Path(path)
        _, self._format, _ = file_format(self.file)
        super().__init__(None)
        self._modified = False
        if self.file.exists():
            self._load()
        elif not create:
            raise StoreError(Errors.E031.format(path=self.file))

    @property
    def location(self) -> str:
        return str(self.file)

    def _load(self) -> None:
        """Load the file; triples outside any named graph go into the file's graph, and the default
        graph is then filled with the union, as the embedded store keeps it."""
        file_graph = ox.NamedNode(self.file.resolve().as_uri())
        store = self._open_store()
        datasets = self._format.supports_datasets
        try:
            store.load(path=str(self.file), format=self._format, to_graph=None if datasets else file_graph)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(Errors.E032.format(path=self.file, reason=f"cannot parse: {exc}")) from exc
        if datasets:
            store.update(f"INSERT {{ GRAPH {file_graph} {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}")
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def add_graph(self, graph_iri: str, graph: rdflib.Graph, replaces: Sequence[str] = ()) -> None:
        super().add_graph(graph_iri, graph, replaces)
        self._modified = True

    def add_graphs(self, graphs: Sequence[GraphWrite]) -> None:
        super().add_graphs(graphs)
        self._modified = self._modified or bool(graphs)

    def remove_graph(self, graph_iri: str) -> None:
        super().remove_graph(graph_iri)
        self._modified = True

    def update(self, sparql: str) -> None:
        super().update(sparql)
        self._modified = True

    @property
    def modified(self) -> bool:
        """Whether there are changes not yet written to the file."""
        return self._modified

    def save(self) -> None:
        """Write the file atomically if anything changed since loading or the last save."""
        if self._modified:
            write_dataset_atomic(self.dataset(), self.file)
            self._modified = False

    def close(self) -> None:
        """Save, then drop the in-memory store."""
        if self._store is not None:
            self.save()
        super().close()

    def __enter__(self) -> FileStore:
        return self
