"""Benchmark phases over the synthetic graph: loading it into Oxigraph, and timing the CQs on every engine."""
from __future__ import annotations

import gc
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    KG_TIMEOUT,
    QUERIES_DIR,
    log,
    peak_rss_mb,
    queries,
)

# Phase: the synthetic graph into on-disk Oxigraph stores (own process: no RocksDB in the forking parent)
# ------------------------------------------------------------------------------------------------


def _ox_term(term: Any, cache: dict) -> Any:
    import pyoxigraph as ox
    from rdflib import URIRef

    found = cache.get(term)
    if found is None:
        if isinstance(term, URIRef):
            found = ox.NamedNode(str(term))
        elif term.language:
            found = ox.Literal(str(term), language=term.language)
        elif term.datatype is not None:
            found = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        else:
            found = ox.Literal(str(term))
        cache[term] = found
    return found


def phase_oxload(mode: dict[str, Any], work: Path) -> dict[str, Any]:
    """Write the synthetic documents with ``OxigraphStore.add_graphs`` (the store's own layout, and the
    batches ``build`` writes)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from generate import documents
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    for name in ("ox-store", "ox-dedup"):
        shutil.rmtree(work / name, ignore_errors=True)
    cache: dict = {}
    quads, graphs, batch, generate_s, load_s = [], 0, [], 0.0, 0.0
    store = OxigraphStore(work / "ox-store")
    t = time.perf_counter()
    for graph, triples in documents(mode["triples"]):
        g = Graph()
        for triple in triples:
            g.add(triple)
        node = ox.NamedNode(str(graph))
        quads.extend(ox.Quad(_ox_term(s, cache), _ox_term(p, cache), _ox_term(o, cache), node) for s, p, o in triples)
        graphs += 1
        batch.append((str(graph), g, ()))
        if len(batch) >= load_settings().validate_batch:
            generate_s += time.perf_counter() - t
            t = time.perf_counter()
            store.add_graphs(batch)
            batch = []
            load_s += time.perf_counter() - t
            t = time.perf_counter()
    generate_s += time.perf_counter() - t
    t = time.perf_counter()
    store.add_graphs(batch)
    load_s += time.perf_counter() - t
    stored = len(store)
    store.close()
    t = time.perf_counter()
    dedup = ox.Store(str(work / "ox-dedup"))
    dedup.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)  # a graph is a set
    distinct = len(dedup)
    dedup.flush()
    del dedup
    dedup_s = time.perf_counter() - t
    return {"graphs": graphs, "quads": len(quads), "distinct_triples": distinct, "store_len": stored,
            "generate_seconds": round(generate_s, 3), "oxigraph_add_graphs_seconds": round(load_s, 3),
            "dedup_load_seconds": round(dedup_s, 3), "peak_rss_mb": round(peak_rss_mb(), 1)}


# ------------------------------------------------------------------------------------------------
# Phase: queries
# ------------------------------------------------------------------------------------------------

FAST_QUERY_BUDGET_S = 1.0


def _timed(conn, label: str, i: int, run) -> float:
    """Run ``run`` once (it returns a row count), report (label, repeat, rows, seconds) to the parent."""
    t = time.perf_counter()
    rows = run()
    seconds = time.perf_counter() - t
    conn.send((label, i, rows, seconds))
    return seconds


def _repeat(conn, label: str, run, repeats: int, budget: float) -> list[float]:
    """Up to ``repeats`` timed runs, stopping once the time spent passes ``budget``."""
    times: list[float] = []
    for i in range(repeats):
        times.append(_timed(conn, label, i, run))
        if sum(times) > budget:
            break
    return times


def _child_rdflib(conn, dataset, text, repeats, budget) -> None:
    conn.send(("ready",))
    _repeat(conn, "rdflib", lambda: sum(1 for _ in dataset.query(text)), repeats, budget)
    conn.send(("done",))


def raw_query_options() -> dict[str, bool]:
    """The pyoxigraph options ``OxigraphStore`` queries with, so raw pyoxigraph runs the same query.

    Read from the store's source: it queried a union view (``use_default_graph_as_union=True``)
    before it kept a de-duplicated union in the default graph, and plain ``query`` after.
    """
    import inspect

    from sanctions_kg.store import OxigraphStore

    source = inspect.getsource(OxigraphStore._evaluate)
    return {"use_default_graph_as_union": True} if "use_default_graph_as_union=True" in source else {}


def _child_oxigraph(conn, path, name, text, repeats, budget, options) -> None:
    """OxigraphStore.query (headline), then raw pyoxigraph and KnowledgeGraph.query, interleaved."""
    from sanctions_kg.helper import KnowledgeGraph
    from sanctions_kg.store import OxigraphStore

    store = OxigraphStore(Path(path))
    raw = store._store
    kg = KnowledgeGraph(store, queries_dir=QUERIES_DIR)
    conn.send(("ready",))

    def run_store() -> int:
        return sum(1 for _ in store.query(text))

    def run_raw() -> int:
        result = raw.query(text, **options)
        variables = result.variables
        rows = 0
        for solution in result:
            for variable in variables:
                solution[variable]
            rows += 1
        return rows

    def run_kg() -> int:
        return len(kg.query(name))

    # Where KnowledgeGraph's extra time goes: the safety parse, and the deadline worker thread.
    from sanctions_kg.query import prepare_query, resolve_query

    def run_prepare() -> int:
        prepare_query(resolve_query(name, QUERIES_DIR).sparql)
        return 0

    def run_store_deadline() -> int:
        return sum(1 for _ in store.query(text, timeout=KG_TIMEOUT))

    store_times = _repeat(conn, "store", run_store, repeats, budget)
    if statistics.median(store_times) < KG_TIMEOUT / 3:
        # The helper's first call in a process reads the .rq file and parses it (rdflib, cached from then
        # on): reported apart as "kg_first", so the timed rounds compare the steady state of both sides.
        spent = _timed(conn, "kg_first", 0, run_kg)
        # a query of a few milliseconds gets more rounds (up to 7x, about a second): one scheduling
        # hiccup on a shared machine is a large share of its time
        fast = int(FAST_QUERY_BUDGET_S / max(statistics.median(store_times), 1e-3))
        for i in range(max(repeats, min(7 * repeats, fast))):
            for label, fn in (("raw", run_raw), ("kg", run_kg), ("prepare", run_prepare),
                              ("store_deadline", run_store_deadline)):
                spent += _timed(conn, label, i, fn)
            if spent > budget:
                break
    conn.send(("done",))


def _child_dedup(conn, path, text, repeats, budget) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    conn.send(("ready",))
    _repeat(conn, "dedup", lambda: sum(1 for _ in store.query(text)), repeats, budget)
    conn.send(("done",))


def _supervise(target: Callable, args: tuple, cap: float) -> dict[str, Any]:
    """Run ``target(conn, *args)`` in a forked child; stop it if no run finishes within ``cap`` s."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=target, args=(send, *args), daemon=True)
    child.start()
    send.close()
    runs: dict[str, list[tuple[int, float]]] = {}
    censored: str | None = None
    error: str | None = None
    waiting_for = "start"
    if not receive.poll(120):
        error = "child did not start"
    else:
        receive.recv()
        while True:
            if not receive.poll(cap):
                censored = waiting_for
                break
            try:
                message = receive.recv()
            except EOFError:
                error = f"child exited with code {child.exitcode}"
                break
            if message[0] == "done":
                break
            label, _i, rows, seconds = message
            runs.setdefault(label, []).append((rows, seconds))
            waiting_for = "next"
    child.kill()
    child.join()
    out: dict[str, Any] = {}
    for label, items in runs.items():
        times = [s for _, s in items]
        out[label] = {"median_s": round(statistics.median(times), 5), "runs_s": [round(s, 5) for s in times],
                      "rows": items[0][0]}
    if censored:
        out["censored_after_s"] = cap
        out["censored_at"] = censored
    if error:
        out["error"] = error
    return out


def phase_query(mode: dict[str, Any], work: Path) -> dict[str, Any]:
    from rdflib import Dataset

    import sanctions_kg.helper  # noqa: F401 - imported before forking: every child runs the same code
    from generate import documents

    options = raw_query_options()

    t = time.perf_counter()
    dataset = Dataset(default_union=True)
    quads = 0
    for graph, triples in documents(mode["triples"]):
        context = dataset.graph(graph)
        dataset.addN((s, p, o, context) for s, p, o in triples)
        quads += len(triples)
    rdflib_load = time.perf_counter() - t
    log(f"rdflib Dataset: {quads} quads generated and loaded in {rdflib_load:.1f} s")
    gc.collect()
    gc.freeze()  # forked children: the collector leaves the loaded dataset alone (no copy-on-write storm)

    repeats, budget = mode["repeats"], mode["budget"]
    results: dict[str, Any] = {}
    for name, text in queries():
        t = time.perf_counter()
        entry = {
            "rdflib": _supervise(_child_rdflib, (dataset, text, repeats, budget), mode["rdflib_cap"]),
            "oxigraph": _supervise(_child_oxigraph, (str(work / "ox-store"), name, text, repeats, budget, options),
                                   mode["oxigraph_cap"]),
            "oxigraph_dedup": _supervise(_child_dedup, (str(work / "ox-dedup"), text, repeats, budget),
                                         mode["oxigraph_cap"]),
        }
        entry["wall_s"] = round(time.perf_counter() - t, 1)
        results[name] = entry
        log(f"{name}: " + "; ".join(f"{k} {_short(v)}" for k, v in entry.items() if isinstance(v, dict)))
    return {"quads": quads, "rdflib_load_seconds": round(rdflib_load, 3), "queries": results,
            "raw_pyoxigraph_options": options,
            "peak_rss_mb": round(peak_rss_mb(), 1)}


def _short(engine: dict[str, Any]) -> str:
    parts = [f"{label}={v['median_s']:.3f}s/{v['rows']}r" for label, v in engine.items() if isinstance(v, dict)]
    if "censored_after_s" in engine:
        parts.append(f">{engine['censored_after_s']:.0f}s")
    return ",".join(parts) or engine.get("error", "?")


# ------------------------------------------------------------------------------------------------
