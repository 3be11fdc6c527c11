"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The shapes are self-contained (no RDFS inference needed: an Actor value is checked as an ``sh:or`` of
the concrete classes), so validation runs without the ontology and without cloning a plain graph.
A :class:`~rdflib.Dataset` is validated as the union of its named graphs, because a fact in one
document's graph may point to a country or evidence node typed in another.

Two engines, one report. pySHACL writes every report. ``pyshacl-turbo`` (a Rust engine with
pySHACL's API, ``settings.shacl_engine``) gives the verdict first, ten times faster: a graph with no
result at all needs no report, and :func:`conforms` is the build's batch gate. On the shapes test
cases, the dev and seed graphs and 400 mutated dev graphs both engines find the same results
(severity, focus, path, value, shape); only the default messages of constraints without
``sh:message`` are worded differently, which is why pySHACL still writes the reports (bench/README.md).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from .errors import Errors, ShapesError, ValidationError
from .namespace import ID, SHAPES_FILE, ontology_path
from .settings import Settings, load_settings
from .vocabulary import PREFIXES, bind_prefixes

GraphLike = Graph | Dataset


@dataclass(frozen=True)
class ShapeResult:
    """One ``sh:ValidationResult``, flattened to short strings so that results sort and print stably.

    ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``path`` is ``"-"`` for a result on
    the node itself and ``"^skg:launched"`` for an inverse path.
    """

    severity: str
    focus: str
    path: str
    message: str
    #: the focus node itself and the shape that failed, for dropping one fact (not compared or printed)
    focus_node: Node | None = field(default=None, compare=False)
    shape: str = field(default="-", compare=False)
    path_node: Node | None = field(default=None, compare=False)
    value_node: Node | None = field(default=None, compare=False)

    def line(self) -> str:
        """The report line: severity, focus node, path, message."""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """What a validation found; ``conforms`` is False only when there is a ``sh:Violation``."""

    conforms: bool
    violations: int
    warnings: int
    text: str
    results: tuple[ShapeResult, ...] = ()


@lru_cache(maxsize=4)
def _shapes_graph(path: Path, mtime: float) -> Graph:
    """Parse the shapes once per file version: parsing costs more than validating a small graph."""
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def load_shapes(settings: Settings | None = None) -> Graph:
    """The shapes graph from ``settings.ontology_dir``; raises E010 when the file is missing."""
    path = ontology_path(settings, SHAPES_FILE)
    return _shapes_graph(path, path.stat().st_mtime)


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    """Parse a SPARQL string once: pyparsing costs ~20 ms a query, far more than running it."""
    return prepareQuery(text)


class _QueryCachingGraph(Graph):
    """A graph whose ``query`` reuses parsed queries.

    pySHACL runs each ``sh:sparql`` constraint once per focus node with the same text (``$this`` goes
    in ``initBindings``), and rdflib re-parses a string every time; without this cache the SPARQL
    constraints take 95% of the validation time.
    """

    def query(self, query_object, *args, **kwargs):
        """Swap a query string for its cached parse, then query as usual."""
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _union(data: GraphLike) -> Graph:
    """One graph holding every triple of ``data``, the union of a dataset's graphs, for pySHACL.

    A plain graph is not copied: the view shares its store, unless the store keeps no contexts (a
    document graph's, see ``graph.py``), which pySHACL cannot wrap. A dataset's quads are copied into
    one graph, which pySHACL queries faster than a union view (that looks up every pattern in every
    named graph) and which leaves the caller's dataset untouched (pySHACL would set default_union).
    """
    if not isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph: the context-aware kinds
        if not data.store.context_aware:
            plain = _QueryCachingGraph(namespace_manager=data.namespace_manager)
            plain += data
            return plain
        return _QueryCachingGraph(store=data.store, identifier=data.identifier,
                                  namespace_manager=data.namespace_manager)
    union = _QueryCachingGraph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace)
    for s, p, o, _ in cast(Dataset, data).quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _short(node: Node | None, graph: Graph) -> str:
    """A compact, readable form of a node: ``skg:voter``, ``id:vote/…``, a quoted literal."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        text = str(node)
        if text.startswith(str(ID)):
            return "id:" + text[len(str(ID)):]
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # noqa: BLE001 - a node that no prefix covers is printed whole
            return f"<{text}>"
    if isinstance(node, Literal):
        return node.n3(graph.namespace_manager)
    return _path_text(node, graph)


def _path_text(node: Node, graph: Graph) -> str:
    """Render a SHACL path given as a blank node (only inverse paths are used in the shapes)."""
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _short(inverse, graph)
    return "_:" + str(node) if isinstance(node, BNode) else str(node)


def _shape_name(shape: Node | None, report: Graph, shapes: Graph | None) -> str:
    """A named shape's local name; a property shape as its node shape's name and path."""
    if shape is None:
        return "-"
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    for graph in (report, shapes):
        parent = graph.value(None, SH.property, shape) if graph is not None else None
        path = graph.value(shape, SH.path) if graph is not None else None
        if parent is not None:
            return f"{_shape_name(parent, report, shapes)} ({_short(path, report)})"
    path = report.value(shape, SH.path)
    return f"a shape on {_short(path, report)}" if path is not None else "a shape"


def _results(report: Graph, shapes: Graph | None = None) -> Iterable[ShapeResult]:
    """Flatten each ``sh:ValidationResult`` of a pySHACL report graph."""
    bind_prefixes(report, {p: PREFIXES[p] for p in ("skg", "prov", "dcterms", "skos")}, override=True)
    # Only the report's own results: nested sh:detail results (from sh:node) would double-count.
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        yield ShapeResult(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=_short(report.value(result, SH.focusNode), report),
            path=_short(report.value(result, SH.resultPath), report),
            message=str(report.value(result, SH.resultMessage) or ""),
            focus_node=report.value(result, SH.focusNode),
            path_node=report.value(result, SH.resultPath),
            value_node=report.value(result, SH.value),
            shape=_shape_name(report.value(result, SH.sourceShape), report, shapes),
        )


def _report(results: list[ShapeResult]) -> ValidationReport:
    """Count by severity and format one line per result, violations first."""
    ordered = sorted(results, key=lambda r: (r.severity != "Violation", r.severity, r.focus, r.path, r.message))
    violations = sum(1 for r in results if r.severity == "Violation")
    warnings = sum(1 for r in results if r.severity == "Warning")
    return ValidationReport(
        conforms=violations == 0,
        violations=violations,
        warnings=warnings,
        text="\n".join(r.line() for r in ordered) if ordered else "conforms",
        results=tuple(ordered),
    )


@lru_cache(maxsize=4)
def _compiled(path: Path, mtime: float) -> Any:
    """The shapes compiled once by ``pyshacl-turbo``, or None when it is not installed."""
    try:
        import pyshacl_turbo
    except ImportError:
        return None
    return pyshacl_turbo.compile_shapes(_shapes_graph(path, mtime))


def _fast_engine(settings: Settings | None) -> Any:
    settings = settings or load_settings()
    if settings.shacl_engine != "pyshacl-turbo":
        return None
    path = ontology_path(settings, SHAPES_FILE)
    return _compiled(path, path.stat().st_mtime)


def _fast_verdict(data: GraphLike, settings: Settings | None, *, allow_warnings: bool) -> bool | None:
    """The fast engine's verdict (no violation; with ``allow_warnings=False``: no result at all), or
    None without it. Broken shapes are left to pySHACL, which reports them (E072)."""
    engine = _fast_engine(settings)
    if engine is None:
        return None
    try:
        # a plain graph goes as it is (the Rust engine reads any store); a dataset as its union
        verdict, _, _ = engine.validate(_union(data) if isinstance(data, ConjunctiveGraph) else data,
                                        allow_warnings=allow_warnings)
    except Exception:  # noqa: BLE001 - the fast path only ever saves time; pySHACL decides instead
        return None
    return bool(verdict)


def conforms(data: GraphLike, settings: Settings | None = None) -> bool:
    """True when ``data`` has no ``sh:Violation`` (warnings pass): the verdict of :func:`validate_graph`,
    from the fast engine when it is on."""
    verdict = _fast_verdict(data, settings, allow_warnings=True)
    return validate_graph(data, settings).conforms if verdict is None else verdict


def validate_graph(data: GraphLike, settings: Settings | None = None) -> ValidationReport:
    """Validate ``data`` (a graph, or the union of a dataset's graphs) against the project's shapes.

    A graph on which the fast engine finds no result at all gets the empty report directly; any
    result (a warning too) is reported by pySHACL, so report texts do not depend on the engine.
    """
    if _fast_verdict(data, settings, allow_warnings=False):
        return _report([])
    shapes = load_shapes(settings)
    _, report_graph, report_text = pyshacl.validate(
        _union(data),
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    if not isinstance(report_graph, Graph):
        # pySHACL returns a ValidationFailure, not a report, when the shapes themselves are broken.
        raise ShapesError(Errors.E072.format(reason=report_text))
    return _report(list(_results(report_graph, shapes)))


def assert_valid(data: GraphLike, settings: Settings | None = None) -> ValidationReport:
    """Validate and raise :class:`ValidationError` (E011) on any violation; warnings pass."""
    report = validate_graph(data, settings)
    if not report.conforms:
        raise ValidationError(Errors.E011.format(count=report.violations, report=report.text))
    return report
