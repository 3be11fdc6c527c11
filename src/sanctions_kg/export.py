"""Export a store: RDF files for other tools (by suffix) and a networkx view for graph analysis.

The networkx view keeps what network analysis needs: actors and proposals as nodes; votes, vetoes,
sponsorship, designations, blocks and launches as typed edges (a launch is an edge from the launching
country to the missile type, with its date, count and site as edge attributes).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .errors import Errors, StoreError
from .store import FORMATS, Store, write_dataset_atomic
from .vocabulary import sparql_prefixes

EDGE_QUERIES = {
    "voted_for": "?s skg:votedFor ?o", "voted_against": "?s skg:votedAgainst ?o",
    "abstained_on": "?s skg:abstainedOn ?o", "vetoed": "?s skg:vetoed ?o", "blocked": "?s skg:blocked ?o",
    "sponsored": "?o skg:sponsor ?s", "concerns": "?s skg:concerns ?o", "represents": "?s skg:represents ?o",
}
NODE_QUERY = sparql_prefixes("skg", "rdfs") + """
SELECT ?n (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?n a ?t . VALUES ?t { skg:Country skg:Organization skg:Person skg:Resolution skg:DesignationProposal }
  OPTIONAL { ?n rdfs:label ?l } } GROUP BY ?n
"""
DESIGNATION_QUERY = sparql_prefixes("skg") + """
SELECT ?d ?by ?designee ?measure ?status ?date WHERE { ?d a skg:Designation ; skg:designee ?designee ;
  skg:measure ?measure ; skg:status ?status . OPTIONAL { ?d skg:designatedBy ?by } OPTIONAL { ?d skg:date ?date } }
"""
LAUNCH_QUERY = sparql_prefixes("skg") + """
SELECT ?l ?actor ?type ?date ?count ?site WHERE { ?l a skg:MissileLaunch ; skg:launchedBy ?actor .
  OPTIONAL { ?l skg:missileType ?type } OPTIONAL { ?l skg:launchDate ?date }
  OPTIONAL { ?l skg:missileCount ?count } OPTIONAL { ?l skg:launchSite ?site } }
"""


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(term) -> str:
    return "" if term is None else str(term)


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The actor/proposal network of a store as a ``networkx.MultiDiGraph`` (node ids are IRIs)."""
    g = nx.MultiDiGraph()
    for row in store.query(NODE_QUERY):
        g.add_node(str(row["n"]), label=_value(row.get("label")), kind=_local(row["type"]))
    for kind, pattern in EDGE_QUERIES.items():
        sparql = sparql_prefixes("skg") + f"SELECT ?s ?o WHERE {{ {pattern} }}"
        for row in store.query(sparql):
            g.add_edge(str(row["s"]), str(row["o"]), key=kind, kind=kind)
    for row in store.query(DESIGNATION_QUERY):
        source = str(row["by"]) if row.get("by") is not None else "unknown-authority"
        g.add_edge(source, str(row["designee"]), kind="designated", measure=_local(row["measure"]),
                   status=_local(row["status"]), date=_value(row.get("date")), designation=str(row["d"]))
    for row in store.query(LAUNCH_QUERY):
        target = str(row["type"]) if row.get("type") is not None else "unknown-missile"
        g.add_node(target, label=_local(target), kind="MissileType")
        g.add_edge(str(row["actor"]), target, kind="launched", launch=str(row["l"]),
                   date=_value(row.get("date")), count=_value(row.get("count")), site=_value(row.get("site")))
    return g


def export(store: Store, path: Path, fmt: str | None = None) -> None:
    """Write ``store`` to ``path``: RDF by suffix (``.ttl .trig .nq .nt .jsonld``), ``graphml`` or ``ftm``."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "graphml":
        _write_graphml(to_networkx(store), path)
        return
    if fmt == "ftm":  # FollowTheMoney entities for the sanctions tools (sanctions_kg.ftm)
        from .ftm import write_ftm
        write_ftm(store, path)
        return
    suffix = "." + {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "json-ld": "jsonld"}.get(fmt, fmt)
    if suffix not in FORMATS:
        raise StoreError(Errors.E030.format(path=path, suffix=suffix, known=", ".join([*FORMATS, "graphml", "ftm"])))
    write_dataset_atomic(store.dataset(), path if path.suffix == suffix else path.with_suffix(suffix))


def _write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    """GraphML written to a temporary file and renamed, like the RDF exports.

    Attributes are typed in the file (a count is an integer, so Gephi can size by it) and an empty
    value is left out rather than written as ""; the file gets the mode a plain ``open`` would give
    (0644 under the usual umask), not mkstemp's private 0600.
    """
    import os
    import tempfile
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        nx.write_graphml(_typed(graph), tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _typed(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy for GraphML: empty attributes dropped, whole-number strings of ``INT_ATTRIBUTES`` as int."""
    typed = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        typed.add_node(node, **{k: v for k, v in attrs.items() if v != ""})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        clean = {k: (int(x) if k in INT_ATTRIBUTES and str(x).isdigit() else x)
                 for k, x in attrs.items() if x != ""}
        typed.add_edge(u, v, key=key, **clean)
    return typed


INT_ATTRIBUTES = {"count"}
