"""The Python helper: the knowledge graph as plain Python rows, DataFrames and networkx graphs.

It is the same library the CLI uses (``query.run_query``), not a second path: the same refusals
(no Update, no SERVICE), the same named queries, and parameters bound as RDF terms by the store,
never formatted into query text. What it adds is conversion to Python values, for notebooks::

    with KnowledgeGraph.open("graph/store") as kg:
        kg.query("cq1")
        kg.query("SELECT ?l { ?c skg:iso3 ?iso ; rdfs:label ?l }", iso="PRK")
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .errors import Errors, QueryError
from .query import PREFIXES, NamedQuery, parse_params, resolve_query, run_query
from .settings import load_settings
from .store.terms import to_python

if TYPE_CHECKING:
    import networkx
    import pandas

    from .build import BuildReport
    from .store import QueryResult, Store

PathLike = Path | str
QUERY_CACHE_SIZE = 256


class KnowledgeGraph:
    """A store for Python users: open it with :meth:`open`, add documents with :meth:`build`, query it,
    close it when done. Queries are read-only, as on the command line."""

    def __init__(self, store: Store, queries_dir: Path | None = None) -> None:
        self.store = store
        self.queries_dir = queries_dir or load_settings().ontology_dir / "queries"
        self._queries: dict[str, NamedQuery] = {}
        self._mtimes: dict[str, float | None] = {}

    @classmethod
    def open(
        cls,
        store: PathLike | None = None,
        graph: PathLike | None = None,
        endpoint: str | None = None,
    ) -> KnowledgeGraph:
        """Open an Oxigraph store directory, an RDF file, or a SPARQL endpoint (as the CLI does)."""
        from .store import open_store  # lazily: importing the helper should not open anything

        return cls(open_store(store=Path(store) if store is not None else None,
                              graph=Path(graph) if graph is not None else None, endpoint=endpoint))

    def build(self, *paths: PathLike, **options: Any) -> BuildReport:
        """Add the documents under ``paths`` to this store (``sanctions_kg.build.build``: same skipping,
        validation and error reporting as ``sanctions-kg build``); returns the build report."""
        from .build import build  # lazily: loading the spaCy pipeline takes a second

        report = build([Path(p) for p in paths], self.store, **options)
        save = getattr(self.store, "save", None)
        if callable(save):
            save()
        return report

    # -- queries ---------------------------------------------------------------------------------

    def query(self, sparql_or_name: str, timeout: float = 30, **params: Any) -> list[dict[str, object]]:
        """All rows of a query (SPARQL text or a named query such as ``"cq1"``) as Python values.

        Keyword arguments bind query variables: ``kg.query(q, iso="PRK")`` binds ``?iso`` to the
        literal "PRK"; pass ``URIRef``/``kg.iri("id:country/PRK")`` for an IRI.
        """
        return list(self.rows(sparql_or_name, timeout=timeout, **params))

    def rows(self, sparql_or_name: str, timeout: float = 30, **params: Any) -> Iterator[dict[str, object]]:
        """Like :meth:`query` but yields rows as the store produces them, for large results.

        SELECT rows map every projected variable (None when unbound); ASK yields one
        ``{"boolean": bool}``; CONSTRUCT/DESCRIBE yield ``{"subject", "predicate", "object"}``.
        """
        result = self._run(sparql_or_name, timeout, params)
        return _python_rows(result)

    def query_df(self, sparql_or_name: str, timeout: float = 30, *, compact: bool = False,
                 **params: Any) -> pandas.DataFrame:
        """A query's rows as a pandas DataFrame whose columns are the projected variables, in order.

        Columns are typed: dates and date-times as ``datetime64``, integers as the nullable ``Int64``,
        booleans as ``boolean`` (a column keeps ``object`` when its values are of mixed kinds).
        ``compact=True`` writes IRIs under the project's prefixes as ``id:country/PRK``, ``skg:ICBM``.
        """
        from .frames import typed_frame  # lazily: pandas is slow to import and only notebooks need it

        result = self._run(sparql_or_name, timeout, params)
        return typed_frame(_python_rows(result), _columns(result), compact=compact)

    def _run(self, sparql_or_name: str, timeout: float, params: Mapping[str, Any]) -> QueryResult:
        """Resolve a named query, convert keyword arguments to RDF terms, run read-only."""
        named = self._resolve(sparql_or_name)
        bindings = {name: to_term(name, value) for name, value in params.items()}
        result = run_query(self.store, named.sparql, bindings, timeout=timeout)
        assert result is not None  # run_query returns None only for an allowed Update
        return result

    def _resolve(self, sparql_or_name: str) -> NamedQuery:
        """``resolve_query``, remembered per text while a named file is unchanged.

        Reading and splitting the ``.rq`` file on every call was most of the helper's fixed cost on
        small queries; the checked parse is cached by ``query.prepare_query`` itself.
        """
        known = self._queries.get(sparql_or_name)
        if known is not None and _mtime(known.path) == self._mtimes.get(sparql_or_name):
            return known
        named = resolve_query(sparql_or_name, self.queries_dir)
        if len(self._queries) >= QUERY_CACHE_SIZE:
            self._queries.clear()
        self._queries[sparql_or_name], self._mtimes[sparql_or_name] = named, _mtime(named.path)
        return named

    @staticmethod
    def iri(name: str) -> URIRef:
        """``"id:country/PRK"`` -> the full IRI; an already full IRI (with or without <>) as is."""
        text = name.strip().removeprefix("<").removesuffix(">")
        prefix, sep, local = text.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            return URIRef(PREFIXES[prefix] + local)
        return URIRef(text)

    # -- other views -----------------------------------------------------------------------------

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph (see ``sanctions_kg.export.to_networkx``)."""
        from .export import to_networkx

        return to_networkx(self.store)

    def export(self, path: PathLike) -> None:
        """Write the graph to ``path``; the suffix picks the format (see ``sanctions_kg.export``)."""
        from . import export

        export.export(self.store, Path(path))

    # -- lifetime --------------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of triples (quads) in the store."""
        return len(self.store)

    def close(self) -> None:
        """Release the store (an embedded Oxigraph holds a lock on its directory)."""
        close = getattr(self.store, "close", None)
        if callable(close):
            close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.store!r})"


def to_term(name: str, value: Any) -> Identifier:
    """A Python value as the RDF term a user means.

    A str is read as ``--param name=value`` reads it on the command line (``query.parse_params``):
    ``"2022-05-26"`` is an xsd:date (as a string literal it matched nothing and gave 0 rows), ``"13"``
    an integer, ``"<http://…>"`` and ``"id:country/PRK"`` IRIs, anything else a plain literal.
    bool before int (bool is an int) and datetime before date (datetime is a date); an unsupported
    type is refused (E025) rather than turned into its ``str()``.
    """
    if isinstance(value, Identifier):
        return value
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, (float, Decimal)):
        return Literal(value, datatype=XSD.double if isinstance(value, float) else XSD.decimal)
    if isinstance(value, datetime):
        return Literal(value, datatype=XSD.dateTime)
    if isinstance(value, date):
        return Literal(value, datatype=XSD.date)
    if isinstance(value, time):
        return Literal(value, datatype=XSD.time)
    if isinstance(value, str):
        return parse_params([f"{name}={value}"])[name]
    raise QueryError(Errors.E025.format(param=f"{name}={value!r}"))


def _columns(result: QueryResult) -> list[str]:
    """Column names for any kind of result, matching the keys of :func:`_python_rows`."""
    if result.kind == "select":
        return list(result.vars)
    if result.kind == "ask":
        return ["boolean"]
    return ["subject", "predicate", "object"]


def _python_rows(result: QueryResult) -> Iterator[dict[str, object]]:
    """Rows of any kind of result as dicts of Python values, lazily."""
    if result.kind == "ask":
        yield {"boolean": bool(result.boolean)}
    elif result.kind == "select":
        yield from result.values()
    else:
        for s, p, o in result.triples():
            yield {"subject": to_python(s), "predicate": to_python(p), "object": to_python(o)}


def _mtime(path: Path | None) -> float | None:
    """A named query file's modification time (None for inline text or a vanished file)."""
    try:
        return path.stat().st_mtime if path is not None else None
    except OSError:
        return None
