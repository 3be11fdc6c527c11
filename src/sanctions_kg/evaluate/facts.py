"""The graph's facts in the gold shape, by SPARQL over the public contract terms only.

The queries are those of the reference scorer, made ``DISTINCT`` over every variable: a store queries
the union of its document graphs, where a triple stated by two documents would otherwise come back
twice, while the reference reads the merged graph, where it is one triple. Works on anything with
``query(sparql)``: an rdflib Graph or Dataset, a :class:`~sanctions_kg.store.Store`, a pyoxigraph store.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import rdflib

from ..namespace import ID, SKG
from .gold import FAMILIES, FactSet
from .normalise import COUNTRY_WORDS, MISSILE_TYPES, local_name, name_key, to_date
from .records import Block, Designation, ImportCap, Launch, Representation, Tally, Veto, VotePosition

ID_NS = str(ID)
PREFIXES = f"""PREFIX skg: <{SKG._NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

NODE_QUERY = PREFIXES + """SELECT DISTINCT ?node {vars} WHERE {{ ?node a skg:{cls} . {required} {optional} }}"""
"""Every node of a class with each property OPTIONAL, as the reference asks (a row per combination)."""
POSITION_PROPS = {"votedFor": "in_favour", "votedAgainst": "against", "abstainedOn": "abstention",
                  "vetoed": "against"}
POSITION_QUERY = PREFIXES + """SELECT DISTINCT ?a ?prop ?r ?d WHERE {
  ?a ?prop ?r . VALUES ?prop { skg:votedFor skg:votedAgainst skg:abstainedOn skg:vetoed }
  OPTIONAL { ?r skg:voteDate ?d } }"""
VETO_QUERY = PREFIXES + """SELECT DISTINCT ?a ?r ?d WHERE { ?a skg:vetoed ?r . OPTIONAL { ?r skg:voteDate ?d } }"""
REPRESENTS_QUERY = PREFIXES + """SELECT DISTINCT ?p ?c WHERE { ?p skg:represents ?c }"""
BLOCK_QUERY = PREFIXES + """SELECT DISTINCT ?a ?p ?s ?d ?via WHERE { ?a skg:blocked ?p . OPTIONAL { ?p skg:sponsor ?s }
  OPTIONAL { { ?p skg:date ?d BIND("date" AS ?via) } UNION { ?p skg:voteDate ?d BIND("voteDate" AS ?via) } } }"""
NAMES_QUERY = PREFIXES + """SELECT DISTINCT ?n ?p ?o WHERE {
  ?n ?p ?o . VALUES ?p { skg:iso3 rdfs:label skos:altLabel } }"""
DOCS_QUERY = PREFIXES + """SELECT DISTINCT ?fact ?doc ?file ?title WHERE {
  ?fact prov:wasDerivedFrom ?ev . ?ev skg:inDocument ?doc .
  OPTIONAL { ?doc skg:sourceFile ?file } OPTIONAL { ?doc dcterms:title ?title } }"""

RESOLUTION_PROPS = ("voteDate", "outcome", "votesInFavour", "votesAgainst", "abstentions")
DESIGNATION_PROPS = ("designee", "measure", "status", "designatedBy", "date")
LAUNCH_PROPS = ("launchedBy", "missileType", "missileCount", "launchDate", "launchSite")
CAP_PROPS = ("commodity", "limitBefore", "limitAfter", "unit")
_COUNTRY_IRI = re.compile(r"/country/([A-Z]{3})$")


class SupportsQuery(Protocol):
    """Anything with ``query(sparql)`` returning rows: an rdflib Graph, Dataset, a Store, a pyoxigraph Store."""

    def query(self, sparql: str) -> Any: ...


def union_view(graph: SupportsQuery) -> SupportsQuery:
    """Query the union of a Dataset's named graphs, where the builder puts each document's triples."""
    if isinstance(graph, rdflib.Dataset) and not graph.default_union:
        return rdflib.Dataset(store=graph.store, default_union=True)
    return graph


def _python(term: Any) -> Any:
    """rdflib terms to Python values (IRIs as strings); other term types (pyoxigraph) via their ``value``."""
    if isinstance(term, rdflib.Literal):
        value = term.toPython()
        return str(term) if isinstance(value, rdflib.Literal) else value
    if isinstance(term, rdflib.term.Identifier):
        return str(term)
    return getattr(term, "value", term)


def select(graph: SupportsQuery, sparql: str) -> list[dict[str, Any]]:
    """Run a SELECT and return rows as ``{variable: python value}`` without unbound variables."""
    result = graph.query(sparql)
    names = [str(v) for v in getattr(result, "vars", None) or getattr(result, "variables", None) or []]
    rows = []
    for row in result:
        if hasattr(row, "asdict"):
            raw = row.asdict()
        elif isinstance(row, dict):
            raw = row
        else:
            raw = {n.lstrip("?"): row[n.lstrip("?")] for n in names}
        rows.append({str(k): _python(v) for k, v in raw.items() if v is not None})
    return rows


def short_iri(iri: str) -> str:
    return "id:" + iri[len(ID_NS):] if iri.startswith(ID_NS) else iri


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _lower_local(value: Any) -> str | None:
    return None if value is None else local_name(value).lower()


class _Names:
    """Codes and names of every node, read once: what an actor or a designee can be recognised by."""

    def __init__(self, graph: SupportsQuery) -> None:
        self.iso: dict[str, set[str]] = {}
        self.labels: dict[str, set[str]] = {}
        for row in select(graph, NAMES_QUERY):
            target = self.iso if row["p"] == str(SKG.iso3) else self.labels
            target.setdefault(str(row["n"]), set()).add(str(row["o"]))

    def names(self, node: Any) -> frozenset[str]:
        return frozenset(self.labels.get(str(node), ()))

    def codes(self, node: Any) -> frozenset[str]:
        """ISO3 (upper case), the code in a country IRI, every label, and the code a known label stands for."""
        if node is None:
            return frozenset()
        found = {c.upper() for c in self.iso.get(str(node), ())}
        if match := _COUNTRY_IRI.search(str(node)):
            found.add(match.group(1))
        for label in self.labels.get(str(node), ()):
            found.add(label)
            if code := COUNTRY_WORDS.get(name_key(label)):
                found.add(code)
        return frozenset(found)


def _fact_docs(graph: SupportsQuery) -> dict[str, tuple[str, ...]]:
    """Source documents of each fact node, named by file (or title) for the list of extras."""
    found: dict[str, set[str]] = {}
    for row in select(graph, DOCS_QUERY):
        name = Path(str(row["file"])).name if "file" in row else row.get("title") or short_iri(str(row["doc"]))
        found.setdefault(str(row["fact"]), set()).add(str(name))
    return {fact: tuple(sorted(names)) for fact, names in found.items()}


def node_rows(graph: SupportsQuery, cls: str, props: Iterable[str], required: str = "") -> list[dict[str, Any]]:
    """Rows of :data:`NODE_QUERY`: each property of the node under its own name (unbound ones absent)."""
    props = [p for p in props if p != required]
    sparql = NODE_QUERY.format(
        cls=cls, vars=" ".join(f"?{p}" for p in (required, *props) if p),
        required=f"?node skg:{required} ?{required} ." if required else "",
        optional=" ".join(f"OPTIONAL {{ ?node skg:{p} ?{p} }}" for p in props))
    return sorted(select(graph, sparql), key=lambda r: sorted((k, str(v)) for k, v in r.items()))


def facts_from_graph(graph: SupportsQuery) -> FactSet:
    """The graph's facts per family, over the union of its named graphs."""
    source = union_view(graph)
    names, docs = _Names(source), _fact_docs(source)
    found = FactSet(
        positions=graph_positions(source, names, docs), vetoes=graph_vetoes(source, names, docs),
        tallies=graph_tallies(source, docs), designations=graph_designations(source, names, docs),
        launches=graph_launches(source, names, docs), caps=graph_caps(source, docs),
        represents=graph_representation(source, names, docs), blocks=graph_blocks(source, names, docs))
    return FactSet(**{name: _ordered(found.family(name)) for name in FAMILIES})


def _ordered(facts: Iterable[Any]) -> tuple[Any, ...]:
    """A stable order whatever order the store returned rows in, so listings and comparisons repeat."""
    return tuple(sorted(facts, key=lambda f: (f.describe(), f.docs, sorted(getattr(f, "names", ())))))


def graph_positions(graph: SupportsQuery, names: _Names, docs: dict[str, tuple[str, ...]]) -> tuple[VotePosition, ...]:
    """One fact per actor codes, position, date and resolution (a veto also counts as "against")."""
    found: dict[tuple[Any, ...], VotePosition] = {}
    for row in select(graph, POSITION_QUERY):
        res, date = str(row["r"]), to_date(row.get("d"))
        fact = VotePosition(names.codes(row["a"]), POSITION_PROPS[local_name(row["prop"])], date, short_iri(res),
                            docs.get(res, ()))
        found.setdefault((fact, res), fact)
    return tuple(found.values())


def graph_vetoes(graph: SupportsQuery, names: _Names, docs: dict[str, tuple[str, ...]]) -> tuple[Veto, ...]:
    return tuple(Veto(names.codes(row["a"]), to_date(row.get("d")), short_iri(str(row["r"])),
                      docs.get(str(row["r"]), ())) for row in select(graph, VETO_QUERY))


def graph_tallies(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> tuple[Tally, ...]:
    """One tally per resolution and combination of its values (as many as the reference's OPTIONAL rows)."""
    return tuple(
        Tally(to_date(r.get("voteDate")), _lower_local(r.get("outcome")), _int(r.get("votesInFavour")),
              _int(r.get("votesAgainst")), _int(r.get("abstentions")), short_iri(str(r["node"])),
              docs.get(str(r["node"]), ()))
        for r in node_rows(graph, "Resolution", RESOLUTION_PROPS))


def graph_designations(graph: SupportsQuery, names: _Names,
                       docs: dict[str, tuple[str, ...]]) -> tuple[Designation, ...]:
    """One designation per node that has a designee, named by every label and altLabel of the designee."""
    rows: dict[str, dict[str, Any]] = {}
    for r in node_rows(graph, "Designation", DESIGNATION_PROPS, required="designee"):
        rows.setdefault(str(r["node"]), r)
    return tuple(
        Designation(names.names(r["designee"]), _lower_local(r.get("measure")), _lower_local(r.get("status")),
                    names.codes(r.get("designatedBy")), to_date(r.get("date")), docs.get(node, ()))
        for node, r in rows.items())


def graph_launches(graph: SupportsQuery, names: _Names, docs: dict[str, tuple[str, ...]]) -> tuple[Launch, ...]:
    """One launch per node: actors and types gathered; a site is its text or the labels of its node."""
    parts: dict[str, dict[str, Any]] = {}
    for r in node_rows(graph, "MissileLaunch", LAUNCH_PROPS):
        cur = parts.setdefault(str(r["node"]), {"by": set(), "types": set(), "site": set(), "count": None,
                                                "date": None})
        cur["by"] |= names.codes(r.get("launchedBy"))
        if "missileType" in r:
            kind = local_name(r["missileType"]).lower()
            cur["types"].add(MISSILE_TYPES.get(kind, kind))
        if "launchSite" in r:
            cur["site"] |= {str(r["launchSite"]), *names.labels.get(str(r["launchSite"]), ())}
        cur["count"] = _int(r["missileCount"]) if "missileCount" in r else cur["count"]
        cur["date"] = to_date(r["launchDate"]) if "launchDate" in r else cur["date"]
    return tuple(Launch(frozenset(c["by"]), c["date"], frozenset(c["types"]), c["count"], frozenset(c["site"]),
                        docs.get(node, ())) for node, c in parts.items())


def graph_caps(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> tuple[ImportCap, ...]:
    return tuple(
        ImportCap(_lower_local(r.get("commodity")), _float(r.get("limitBefore")), _float(r.get("limitAfter")),
                  _lower_local(r.get("unit")), docs.get(str(r["node"]), ()))
        for r in node_rows(graph, "ImportCap", CAP_PROPS))


def graph_representation(graph: SupportsQuery, names: _Names,
                         docs: dict[str, tuple[str, ...]]) -> tuple[Representation, ...]:
    return tuple(Representation(names.names(r["p"]), names.codes(r["c"]), None, docs.get(str(r["p"]), ()))
                 for r in select(graph, REPRESENTS_QUERY))


def graph_blocks(graph: SupportsQuery, names: _Names, docs: dict[str, tuple[str, ...]]) -> tuple[Block, ...]:
    return tuple(Block(names.codes(r["a"]), names.codes(r.get("s")), to_date(r.get("d")), docs.get(str(r["p"]), ()))
                 for r in select(graph, BLOCK_QUERY))
