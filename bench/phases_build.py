"""Benchmark phases over real builds: extract throughput with its time split, and peak RSS of one build."""
from __future__ import annotations

import gc
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    log,
    peak_rss_mb,
    wall_and_cpu,
)

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
            "validate_graph", "index_from_store", "build_pipeline", "_union", "conforms") if hasattr(b, name)}

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
        if "conforms" in originals:  # the batch gate (fast SHACL engine) is validation too
            b.conforms = timed("validate", originals["conforms"])
        b.index_from_store = timed("index", originals["index_from_store"])
        b.build_pipeline = timed("pipeline", originals["build_pipeline"])
        if "_union" in originals:  # batch validation merges the batch's graphs first: counted as validation
            b._union = timed("validate", originals["_union"])
        store.add_graphs = timed("store_write", store.add_graphs)  # build stores a batch at once

        def uninstall() -> None:
            for name, fn in originals.items():
                setattr(b, name, fn)
            del store.add_graphs
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
    if warm.errors:
        raise SystemExit(f"bench: the warm-up build failed: {warm.errors}")
    if warm.invalid:  # an extraction bug the shapes catch is the extractors' business, not a reason to stop
        log(f"warning: {len(warm.invalid)} warm-up document graph(s) violate the shapes and were not stored")

    bare_s = _timed_pipe(bare, texts, batch)
    log(f"bare spaCy: {n} docs in {bare_s:.1f} s")
    pipe_s = _timed_pipe(nlp, texts, batch)
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
    first_wall = bare_s / build_s
    slices = _slice_rounds(paths, work / "extract-slices", mode["extract_slice"], bare, settings, batch)
    ratios = slices["cpu_ratios"]
    split = timer.split(build_s)
    split["of_parse_domain_components"] = round(pipe_s - bare_s, 3)  # from the two nlp.pipe runs
    return {
        "documents": n, "batch_size": batch,
        "build_seconds": round(build_s, 3), "bare_spacy_seconds": round(bare_s, 3),
        "pipeline_only_seconds": round(pipe_s, 3),
        "build_docs_per_s": n / build_s, "bare_spacy_docs_per_s": n / bare_s, "pipeline_only_docs_per_s": n / pipe_s,
        "extract_vs_bare_spacy": statistics.median(ratios), "round_ratios": [round(r, 3) for r in ratios],
        "slice_documents": mode["extract_slice"], "wall_round_ratios": slices["wall_ratios"],
        "first_round_wall_ratio": round(first_wall, 3),
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


def _slice_rounds(paths: list[Path], folder: Path, size: int, bare: Any, settings: Any,
                  batch: int) -> dict[str, list[float]]:
    """Bare parse and build of each slice of ``size`` documents, side by side (the order alternating
    from slice to slice), timed in CPU seconds and in wall seconds.

    On this virtual machine ten back-to-back bare parses of the same 60 texts took from 4.1 to 5.9 CPU
    seconds (bench/README.md), so one A/B pair per whole corpus (a minute apart) mostly measured the
    other tenants. Pairs a few seconds long, many of them, with the median of their ratios,
    see the same machine on both sides; CPU time leaves out the time the virtual CPU was not running
    the process at all. Each slice is built into a fresh store, as a feed of that size would be."""
    from corpus import copy_document
    from sanctions_kg.build import build
    from sanctions_kg.store import OxigraphStore

    cpu, wall = [], []
    for k in range(0, len(paths), size):
        part = folder / f"slice{k // size:03d}"
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        chunk = [copy_document(p, part / p.name, "") for p in paths[k:k + size]]
        texts = [p.read_text(encoding="utf-8") for p in chunk]

        def parse_bare(texts: list[str] = texts) -> None:
            for _ in bare.pipe(texts, batch_size=batch):
                pass

        def build_slice(part: Path = part) -> None:
            with OxigraphStore(None) as store:
                build([part], store, settings, batch_size=batch, progress=False)

        sides = [parse_bare, build_slice] if k // size % 2 == 0 else [build_slice, parse_bare]  # alternate order
        times = {}
        for side in sides:
            gc.collect()  # so that both sides start alike
            times[side] = wall_and_cpu(side)
        (bare_wall, bare_cpu), (build_wall, build_cpu) = times[parse_bare], times[build_slice]
        cpu.append(round(bare_cpu / build_cpu, 3))
        wall.append(round(bare_wall / build_wall, 3))
    return {"cpu_ratios": cpu, "wall_ratios": wall}


def _timed_pipe(nlp, texts: list[str], batch: int) -> float:
    """Seconds for ``nlp.pipe`` over ``texts`` (after a garbage collection, so runs start alike)."""
    gc.collect()
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch):
        pass
    return time.perf_counter() - t
