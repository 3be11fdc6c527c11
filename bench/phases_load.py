"""Benchmark phase: writing the synthetic graph into an on-disk store, against pyoxigraph's raw bulk loader.

``OxigraphStore.add_graphs`` (what ``build`` calls per store write, ``Settings.store_batch`` graphs: 512 by
default) takes rdflib graphs, converts their terms, marks the batch, bulk-loads the named graphs, adds their
union copies and completion marks in one transaction and unmarks it (so a document is stored whole or not at all). The
comparator is ``pyoxigraph.Store.bulk_extend`` of the very quads the store ends up holding (named graphs
and union), converted beforehand and loaded in one call: the fastest a pyoxigraph store can be written.
Both sides load into a fresh directory, alternately, for ``rounds`` rounds; the ratio is the median of
the per-round ratios of triples/s (wall time, which is what a build waits for; CPU times are reported
beside). The old path, one SPARQL update per graph (``add_graph``), is timed on the first documents for
reference (``load_sample_s``).
"""
from __future__ import annotations

import gc
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from common import log, wall_and_cpu


def _graphs(triples: int) -> list[tuple[str, Any]]:
    from rdflib import Graph

    from generate import documents

    found = []
    for iri, items in documents(triples):
        graph = Graph()
        for triple in items:
            graph.add(triple)
        found.append((str(iri), graph))
    return found


def phase_load(mode: dict[str, Any], work: Path) -> dict[str, Any]:
    """Triples/s of ``OxigraphStore.add_graphs`` ÷ triples/s of a raw ``bulk_extend`` of the same quads."""
    import pyoxigraph as ox

    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore
    from sanctions_kg.store.base import triples_to_quads

    batch = load_settings().store_batch  # graphs per add_graphs call, as build writes them
    graphs = _graphs(mode["triples"])
    triples = sum(len(g) for _, g in graphs)
    named = [q for iri, graph in graphs for q in triples_to_quads(graph, iri)]
    quads = named + [ox.Quad(q.subject, q.predicate, q.object) for q in named]
    gc.collect()
    gc.freeze()  # the inputs stay alive throughout: the collector need not walk them on every side's turn
    log(f"load: {len(graphs)} graphs, {triples:,} triples; raw bulk_extend of {len(quads):,} quads")

    def ours() -> None:
        store = OxigraphStore(work / "load-ours")
        for i in range(0, len(graphs), batch):
            store.add_graphs([(iri, graph, ()) for iri, graph in graphs[i:i + batch]])
        store.close()

    def raw() -> None:
        store = ox.Store(str(work / "load-raw"))
        store.bulk_extend(quads)
        store.flush()

    rounds = []
    for _ in range(mode["rounds"]):
        for name in ("load-ours", "load-raw"):
            shutil.rmtree(work / name, ignore_errors=True)
        rounds.append((wall_and_cpu(ours), wall_and_cpu(raw)))
    check = OxigraphStore(work / "load-ours", read_only=True)
    stored = len(check)
    check.close()
    ratios = [r_wall / o_wall for (o_wall, _), (r_wall, _) in rounds]
    return {"ratio": statistics.median(ratios), "ratios": [round(r, 3) for r in ratios],
            "cpu_ratios": [round(r_cpu / o_cpu, 3) for (_, o_cpu), (_, r_cpu) in rounds],
            "triples": triples, "graphs": len(graphs), "stored_quads": stored, "raw_quads": len(quads),
            "batch": batch,
            "ours_triples_per_s": [round(triples / o_wall) for (o_wall, _), _ in rounds],
            "raw_triples_per_s": [round(triples / r_wall) for _, (r_wall, _) in rounds],
            "ours_cpu_s": [round(o_cpu, 2) for (_, o_cpu), _ in rounds],
            "raw_cpu_s": [round(r_cpu, 2) for _, (_, r_cpu) in rounds],
            "add_graph_triples_per_s": _add_graph_rate(graphs, work, mode["load_sample_s"])}


def _add_graph_rate(graphs: list[tuple[str, Any]], work: Path, sample_s: float) -> float:
    """Triples/s of one ``add_graph`` (one SPARQL update) per graph, on the graphs written in the first
    ``sample_s`` seconds, for reference."""
    from sanctions_kg.store import OxigraphStore

    shutil.rmtree(work / "load-add-graph", ignore_errors=True)
    store = OxigraphStore(work / "load-add-graph")
    written, started = 0, time.perf_counter()
    for iri, graph in graphs:
        store.add_graph(iri, graph)
        written += len(graph)
        if time.perf_counter() - started > sample_s:
            break
    seconds = time.perf_counter() - started
    store.close()
    shutil.rmtree(work / "load-add-graph", ignore_errors=True)
    return round(written / seconds)
