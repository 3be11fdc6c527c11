"""The store interface shared by the three back ends, and the pieces they have in common.

rdflib terms cross the boundary in both directions, so callers never see pyoxigraph or JSON
result objects. Results stream: :class:`QueryResult` wraps an iterator and never builds a list,
so a big SELECT costs memory per row, not per result.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable
from typing import Literal as TypingLiteral

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Identifier, Literal, URIRef

from sanctions_kg.errors import Errors, StoreError
from sanctions_kg.store.terms import PythonValues, to_oxigraph, to_python, to_rdflib
from sanctions_kg.store.timeout import QueryTimeout, Stream  # noqa: F401 - QueryTimeout re-exported
from sanctions_kg.vocabulary import PREFIXES

#: Prefixes bound on every serialisation, so exported files read the same whatever the back end.
NAMESPACES: dict[str, str] = {
    p: PREFIXES[p] for p in ("skg", "id", "prov", "dcterms", "skos", "rdfs", "owl", "xsd")
}

QueryKind = TypingLiteral["select", "ask", "construct"]
Row = dict[str, Identifier | None]
Triple = tuple[Identifier, Identifier, Identifier]
Bindings = Mapping[str, Identifier]
GraphWrite = tuple[str, rdflib.Graph, Sequence[str]]  # (graph IRI, triples, graph IRIs it replaces)


class QueryResult:
    """One query's answer: a single-pass stream of rows (SELECT), triples (CONSTRUCT) or a boolean (ASK).

    Iterating yields ``dict[var, term | None]`` rows of rdflib terms; for CONSTRUCT the rows have the
    keys ``subject``, ``predicate``, ``object`` (so a table printer needs no special case) and
    :meth:`triples` yields plain tuples; :meth:`values` yields SELECT rows of Python values. The stream
    is consumed once; :meth:`close` (or leaving a ``with`` block) releases the underlying iterator or
    HTTP response early.

    With ``native`` the items are the engine's pyoxigraph terms (a tuple per row, in the order of
    ``vars``), converted only as they are read, and only to what the reader asks for: rdflib terms,
    or Python values without an rdflib term in between (the helper's rows; measured in ``bench/``).
    """

    def __init__(
        self,
        kind: QueryKind,
        vars: list[str],
        items: Iterator[Any] | None = None,
        boolean: bool | None = None,
        *,
        native: bool = False,
    ) -> None:
        self.kind = kind
        self.vars = vars
        self.boolean = boolean
        self.native = native
        self._items: Iterator[Any] = items if items is not None else iter(())
        if not isinstance(self._items, Stream):
            self._items = Stream(self._items)

    def __iter__(self) -> Iterator[Row]:
        if self.kind == "construct":
            return ({"subject": s, "predicate": p, "object": o} for s, p, o in self._tuples())
        return self._rows()

    def _rows(self) -> Iterator[Row]:
        if not self.native:
            yield from self._items
            return
        names = self.vars
        for row in self._items:
            yield {name: to_rdflib(term) for name, term in zip(names, row, strict=True)}

    def values(self) -> Iterator[dict[str, object]]:
        """SELECT rows as Python values, exactly what :func:`~sanctions_kg.store.terms.to_python` gives
        for each term (unbound: None); made straight from the engine's terms when the result is native,
        each distinct literal once. A StoreError for other query forms."""
        if self.kind != "select":
            raise StoreError(Errors.E032.format(path="query", reason=f"a {self.kind} result has no rows"))
        return self._values()

    def _values(self) -> Iterator[dict[str, object]]:
        names = self.vars
        if not self.native:
            for row in self._items:
                yield {name: to_python(row.get(name)) for name in names}
            return
        convert = PythonValues()
        for terms in self._items:
            yield dict(zip(names, map(convert, terms), strict=True))

    def triples(self) -> Iterator[Triple]:
        """The CONSTRUCT triples as ``(s, p, o)`` tuples; a StoreError for other query forms."""
        if self.kind != "construct":
            raise StoreError(Errors.E032.format(path="query", reason=f"a {self.kind} result has no triples"))
        return self._tuples()

    def _tuples(self) -> Iterator[Triple]:
        if not self.native:
            yield from self._items
            return
        for s, p, o in self._items:
            yield to_rdflib(s), to_rdflib(p), to_rdflib(o)  # type: ignore[misc]

    def close(self) -> None:
        """Stop the stream early: cancels a query worker or closes an HTTP response."""
        self._items.close()  # type: ignore[attr-defined]

    def __enter__(self) -> QueryResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@runtime_checkable
class Store(Protocol):
    """What the pipeline, the CLI and ``query.py`` need from a quad store; nothing more."""

    def add_graph(self, graph_iri: str, graph: rdflib.Graph, replaces: Sequence[str] = ()) -> None:
        """Replace the named graph ``graph_iri`` by these triples, and drop the graphs ``replaces``
        names (a changed file's earlier versions), in one transaction."""

    def add_graphs(self, graphs: Sequence[GraphWrite]) -> None:
        """:meth:`add_graph` for several ``(graph_iri, graph, replaces)``: each graph is stored whole or
        not at all, as there; a back end may write them together (the embedded store's bulk loader)."""

    def remove_graph(self, graph_iri: str) -> None:
        """Drop a named graph; triples that other graphs also hold stay in those graphs."""

    def graph_iris(self) -> list[str]:
        """The IRIs of the named graphs present."""

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph is present."""

    def query(self, sparql: str, bindings: Bindings | None = None, timeout: float | None = None) -> QueryResult:
        """Run a query over the union of the named graphs, with variables bound to RDF terms."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (no safety checks here: ``query.py`` decides what is allowed)."""

    def dataset(self) -> rdflib.Dataset:
        """All named graphs as an rdflib Dataset, for export and SHACL validation."""

    def __len__(self) -> int:
        """The number of quads."""

    def close(self) -> None:
        """Flush and release the store; the object is unusable afterwards."""


# --- terms -----------------------------------------------------------------------------------


def graph_node(graph_iri: str) -> ox.NamedNode:
    """The named-graph IRI as a validated pyoxigraph node (a StoreError if it is not an absolute IRI)."""
    return to_oxigraph(URIRef(graph_iri))  # type: ignore[return-value]


def subject_term(term: object) -> ox.NamedNode | ox.BlankNode:
    """An rdflib subject as a pyoxigraph node; a StoreError for a literal or another kind of term."""
    node = to_oxigraph(term) if isinstance(term, Identifier) else None
    if not isinstance(node, (ox.NamedNode, ox.BlankNode)):
        raise StoreError(Errors.E032.format(path="term", reason=f"not a subject: {term!r}"))
    return node


def predicate_term(term: object) -> ox.NamedNode:
    """An rdflib predicate as a pyoxigraph IRI; a StoreError for anything else."""
    node = to_oxigraph(term) if isinstance(term, Identifier) else None
    if not isinstance(node, ox.NamedNode):
        raise StoreError(Errors.E032.format(path="term", reason=f"not a predicate: {term!r}"))
    return node


def object_term(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib object as a pyoxigraph term."""
    if not isinstance(term, Identifier):
        raise StoreError(Errors.E032.format(path="term", reason=f"not an RDF term: {term!r}"))
    return to_oxigraph(term)


def triples_to_quads(graph: rdflib.Graph, graph_iri: str) -> Iterator[ox.Quad]:
    """The triples of an rdflib graph as pyoxigraph quads in the named graph ``graph_iri``."""
    name = graph_node(graph_iri)
    for s, p, o in graph.triples((None, None, None)):
        yield ox.Quad(subject_term(s), predicate_term(p), object_term(o), name)



def retract_from_union(name: str) -> str:
    """SPARQL Update removing from the default graph the triples that only graph ``name`` holds.

    The default graph of every store is the de-duplicated union of the document graphs: queries read
    it directly, instead of a union view in which a triple that ten documents share appears ten times
    and every join multiplies the copies (measured in ``bench/``: the CQs ran 10-100x slower).
    Blank nodes keep their identity because :func:`copy_to_union` copies the stored quads.
    """
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name}) }} }}")


def copy_to_union(name: str) -> str:
    """SPARQL Update adding graph ``name``'s triples to the default graph (a set: no duplicates)."""
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"


def replace_graph_request(name: str, body: str, replaces: list[str] | tuple[str, ...] = ()) -> str:
    """One SPARQL Update storing a document: retract and drop the graphs it replaces and its own old
    version, insert the new triples, copy them into the union. One request is one transaction on
    Oxigraph and Fuseki, so the union can never miss a stored graph's triples."""
    steps = [f"{retract_from_union(old)} ;\nDROP SILENT GRAPH {old}" for old in replaces if old != name]
    steps.append(f"{retract_from_union(name)} ;\nDROP SILENT GRAPH {name} ;\nCREATE SILENT GRAPH {name} ;\n"
                 f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }} ;\n{copy_to_union(name)}")
    return " ;\n".join(steps)


def ntriples_lines(quads: list[ox.Quad]) -> str:
    """The quads' triples as N-Triples lines (terms validated by pyoxigraph, so they cannot escape)."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def new_dataset() -> rdflib.Dataset:
    """An empty rdflib Dataset with the project prefixes bound."""
    dataset = rdflib.Dataset()
    for prefix, namespace in NAMESPACES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


def quads_to_dataset(quads: Iterator[Any]) -> rdflib.Dataset:
    """pyoxigraph quads (or ``(s, p, o, g)`` of pyoxigraph terms) as an rdflib Dataset."""
    dataset = new_dataset()
    graphs: dict[Identifier | None, rdflib.Graph] = {None: dataset.default_graph}

    def context(name: Any) -> rdflib.Graph:
        key = to_rdflib(name)
        if key not in graphs:
            graphs[key] = dataset.graph(key)
        return graphs[key]

    dataset.addN(
        (to_rdflib(s), to_rdflib(p), to_rdflib(o), context(g))  # type: ignore[misc]
        for s, p, o, g in quads
    )
    return dataset


def classify_result(result: Any) -> tuple[tuple[QueryKind, list[str], bool | None], Iterator[Any]]:
    """(kind, variables, boolean) and the item stream of a pyoxigraph query result, its terms left as
    they are (a :class:`QueryResult` with ``native=True`` converts them when read)."""
    if isinstance(result, ox.QueryBoolean):
        return ("ask", [], bool(result)), iter(())
    if isinstance(result, ox.QueryTriples):
        return ("construct", ["subject", "predicate", "object"], None), native_triples(result)
    variables = [variable.value for variable in result.variables]
    return ("select", variables, None), (tuple(solution) for solution in result)


def native_triples(triples: Any) -> Iterator[tuple[Any, Any, Any]]:
    """pyoxigraph triples as ``(s, p, o)`` tuples of pyoxigraph terms."""
    for triple in triples:
        yield triple.subject, triple.predicate, triple.object


# --- bindings --------------------------------------------------------------------------------

_VARNAME = re.compile(r"\w+")


def check_bindings(bindings: Bindings | None) -> dict[str, Identifier]:
    """Bindings with a leading ``?``/``$`` stripped; a StoreError for a bad name or a non-term."""
    checked: dict[str, Identifier] = {}
    for name, term in (bindings or {}).items():
        bare = name[1:] if name[:1] in "?$" else name
        if not _VARNAME.fullmatch(bare):
            raise StoreError(Errors.E032.format(path="query", reason=f"invalid variable name {name!r}"))
        if not isinstance(term, (URIRef, BNode, Literal)):
            raise StoreError(Errors.E032.format(path="query", reason=f"binding {name!r} is not an RDF term"))
        checked[bare] = term
    return checked


def values_clause(bindings: Mapping[str, Identifier]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` built only from validated names and N-Triples term forms."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(to_oxigraph(term)) for term in bindings.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


_TOKEN = re.compile(
    r"""(?P<space>\s+|\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<word>[\w:.\-]+)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def _tokens(sparql: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, end offset) of the significant tokens: comments, strings and IRIs stay whole."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup != "space":
            yield match.lastgroup or "other", match.group(), match.end()


def inject_values(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a VALUES block at the start of its WHERE group (a CONSTRUCT template is skipped).

    ``CONSTRUCT WHERE { P }`` becomes ``CONSTRUCT { P } WHERE { VALUES ... P }``, because the
    short form's pattern may hold only triples. A WHERE group that is a bare sub-select
    (``{ SELECT ... }``) is wrapped in braces, because VALUES may not precede a sub-select.
    Strings, comments and IRIs are tokenised whole, so braces inside them are not counted.
    """
    if not bindings:
        return sparql
    values = values_clause(bindings)
    tokens = list(_tokens(sparql))
    where_at = _where_group(tokens)
    brace_end = tokens[where_at][2]
    before = [text.upper() for _kind, text, _end in tokens[max(0, where_at - 2) : where_at]]
    if before == ["CONSTRUCT", "WHERE"]:
        close = _matching_close(tokens, where_at)
        where_start = tokens[where_at - 1][2] - len("WHERE")
        body = sparql[brace_end:close]
        return f"{sparql[:where_start]}{{{body}}} WHERE {{{values}{body}{sparql[close:]}"
    following = tokens[where_at + 1][1].upper() if where_at + 1 < len(tokens) else ""
    if following == "SELECT":
        close = _matching_close(tokens, where_at)
        return f"{sparql[:brace_end]}{values} {{ {sparql[brace_end:close]} }} {sparql[close:]}"
    return f"{sparql[:brace_end]}{values}{sparql[brace_end:]}"


def _where_group(tokens: list[tuple[str, str, int]]) -> int:
    """The index of the ``{`` opening the WHERE group: the first top-level brace after any template."""
    form, depth, in_template, previous = "", 0, False, ""
    for index, (kind, text, _end) in enumerate(tokens):
        upper = text.upper() if kind == "word" else ""
        if depth == 0 and not form and upper in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
            form = upper
        if text == "{":
            if depth == 0 and not in_template:
                if not (form == "CONSTRUCT" and previous == "CONSTRUCT"):
                    return index
                in_template = True
            depth += 1
        elif text == "}":
            depth -= 1
            in_template = in_template and depth > 0
        previous = upper or text
    raise StoreError(Errors.E032.format(path="query", reason="cannot bind variables: no WHERE clause found"))


def _matching_close(tokens: list[tuple[str, str, int]], open_index: int) -> int:
    """The offset of the ``}`` closing the brace at ``tokens[open_index]``."""
    depth = 0
    for _kind, text, end in tokens[open_index:]:
        depth += {"{": 1, "}": -1}.get(text, 0)
        if depth == 0:
            return end - 1
    raise StoreError(Errors.E032.format(path="query", reason="unbalanced braces in the query"))

