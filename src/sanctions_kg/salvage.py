"""Keep a document when one of its facts fails the SHACL shapes: drop that fact, keep the rest.

A document graph that violates a shape used to be rejected whole, so one implausible tally cost an
article all its facts. A violation on one value of a fact (a count of 2022 votes) drops that value,
with the values stated together with it (:data:`GROUPS`: the three counts of a tally), and keeps the
fact. Any other violation is traced to the *fact* it concerns (the focus node when
that node carries ``prov:wasDerivedFrom`` evidence; else the fact whose evidence it is, or the fact
that points to it), that fact's triples and its evidence nodes are removed, and the graph is
validated again, since a dropped resolution can leave its positions dangling. The loop ends when
the graph conforms, or when a violation cannot be traced to a fact (then the document stays invalid,
as before). Each dropped fact is reported with the shape, the message and its quote (E034).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from .namespace import SKG
from .validate import ShapeResult, ValidationReport, validate_graph

#: properties that state one fact together: a bad value drops the whole group from its node
GROUPS: tuple[frozenset[URIRef], ...] = (
    frozenset({SKG.votesInFavour, SKG.votesAgainst, SKG.abstentions}),
)

#: re-validation rounds: each round drops at least one fact, and a dropped fact can break at most its dependants
MAX_ROUNDS = 8


@dataclass(frozen=True)
class DroppedFact:
    """A fact removed from a document graph because it violated a shape."""

    fact: str
    shape: str
    message: str
    quote: str


@dataclass(frozen=True)
class Salvage:
    """The pruned graph (None when it still does not conform), what was dropped, and the last report."""

    graph: Graph | None
    dropped: tuple[DroppedFact, ...]
    report: ValidationReport


def salvage_graph(graph: Graph, report: ValidationReport,
                  validate: Callable[[Graph], ValidationReport] = validate_graph) -> Salvage:
    """Drop the facts that ``report``'s violations concern until ``graph`` conforms (on a copy)."""
    pruned = Graph()
    for prefix, namespace in graph.namespaces():
        pruned.bind(prefix, namespace)
    pruned += graph
    dropped: list[DroppedFact] = []
    for _ in range(MAX_ROUNDS):
        if report.conforms:
            return Salvage(pruned, tuple(dropped), report)
        violations = [r for r in report.results if r.severity == "Violation"]
        values = [r for r in violations if _is_value(pruned, r)]
        if values:
            for result in values:
                if (result.focus_node, result.path_node, result.value_node) not in pruned:
                    continue  # its group went with an earlier value
                dropped.append(DroppedFact(_label(result.focus_node), result.shape, result.message,
                                           _quote(pruned, result.focus_node)))
                _remove_value(pruned, result)
            report = validate(pruned)
            continue
        facts = _facts_of(pruned, violations)
        if facts is None:
            break
        for fact, result in facts.items():
            dropped.append(DroppedFact(_label(fact), result.shape, result.message, _quote(pruned, fact)))
            _remove_fact(pruned, fact)
        report = validate(pruned)
    return Salvage(pruned if report.conforms else None, tuple(dropped), report)


def _is_value(graph: Graph, result: ShapeResult) -> bool:
    """A violation by one stated value of a fact (not a missing or malformed structure)."""
    node, path, value = result.focus_node, result.path_node, result.value_node
    return (isinstance(path, URIRef) and value is not None and node is not None
            and (node, PROV.wasDerivedFrom, None) in graph and (node, path, value) in graph)


def _remove_value(graph: Graph, result: ShapeResult) -> None:
    """Remove the bad value, and the other values of its group, from the fact node."""
    node, path = result.focus_node, result.path_node
    group = next((g for g in GROUPS if path in g), frozenset({path}))
    for prop in group:
        graph.remove((node, prop, None))


def _facts_of(graph: Graph, violations: list[ShapeResult]) -> dict[Node, ShapeResult] | None:
    """The fact node of each violation (first violation wins), or None if one cannot be traced."""
    facts: dict[Node, ShapeResult] = {}
    for result in violations:
        fact = fact_node(graph, result.focus_node)
        if fact is None:
            return None
        facts.setdefault(fact, result)
    return facts


def fact_node(graph: Graph, node: Node | None) -> Node | None:
    """The fact a focus node belongs to: itself, the fact it is evidence of, or a fact pointing to it.

    The document node is never a fact: a violation on it cannot be dropped.
    """
    if node is None or (node, RDF.type, SKG.Document) in graph:
        return None
    if (node, PROV.wasDerivedFrom, None) in graph:
        return node
    for owner in graph.subjects(PROV.wasDerivedFrom, node):
        return owner
    for owner in sorted(graph.subjects(None, node), key=str):
        if (owner, PROV.wasDerivedFrom, None) in graph:
            return owner
    return None


def _remove_fact(graph: Graph, fact: Node) -> None:
    """Remove the fact's triples, its own evidence nodes, links to it, and nodes only it referred to."""
    evidence = [e for e in graph.objects(fact, PROV.wasDerivedFrom)
                if not any(owner != fact for owner in graph.subjects(PROV.wasDerivedFrom, e))]
    referred = {o for _, _, o in graph.triples((fact, None, None)) if isinstance(o, URIRef)}
    for node in (fact, *evidence):
        graph.remove((node, None, None))
    graph.remove((None, None, fact))
    for node in referred - set(evidence):
        unused = not any(True for _ in graph.subjects(None, node))
        if unused and (node, PROV.wasDerivedFrom, None) not in graph and (node, RDF.type, SKG.Document) not in graph:
            graph.remove((node, None, None))


def _quote(graph: Graph, fact: Node | None) -> str:
    """The first quote (by offset) of the fact's evidence, for the warning."""
    quotes = sorted((int(str(graph.value(e, SKG.charStart) or 0)), str(graph.value(e, SKG.quote) or ""))
                    for e in graph.objects(fact, PROV.wasDerivedFrom))
    return quotes[0][1] if quotes else ""


def _label(node: Node | None) -> str:
    text = str(node)
    return text.rsplit("/id/", 1)[-1] if "/id/" in text else text


__all__ = ["DroppedFact", "Salvage", "fact_node", "salvage_graph"]
