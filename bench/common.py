"""Shared pieces of the benchmark: paths, modes, goals, logging and small statistics."""
from __future__ import annotations

import math
import resource
import statistics
import sys
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
    # load_sample_s: how long the load phase times one add_graph per graph, for reference.
    # quick: a smoke test that must stay under 5 minutes (issue 12); 120 mix docs, 40 extract docs and
    # 50,000 triples took 332 s at 3e0c6fa, so the sizes are smaller since
    "quick": dict(mix_docs=90, mix_relevant_share=0.03, mix_memory_docs=(100, 1000), rounds=3, dask_docs=16,
                  dask_batch_size=2, extract_docs=30, extract_slice=10, memory_docs=(20, 100), triples=30_000,
                  repeats=3, batch_size=16,
                  rdflib_cap=10.0, oxigraph_cap=5.0, budget=3.0, load_sample_s=3.0),
    "full": dict(mix_docs=1000, mix_relevant_share=0.03, mix_memory_docs=(500, 5000), rounds=3, dask_docs=96,
                 dask_batch_size=4, extract_docs=300, extract_slice=30, memory_docs=(50, 500), triples=1_000_000,
                 repeats=5, batch_size=16,
                 rdflib_cap=120.0, oxigraph_cap=60.0, budget=45.0, load_sample_s=20.0),
}
# the goals of issue 12 (memory_growth_10x keeps its earlier goal as a second memory line)
GOALS = {"triage_speedup_vs_bare_spacy": (">=", 10.0), "extract_vs_bare_spacy": (">=", 0.9),
         "dask_2_vs_1_workers": (">=", 1.6), "memory_5000_vs_500": ("<=", 1.1), "memory_growth_10x": ("<=", 1.3),
         "query_speedup_vs_rdflib": (">=", 10.0), "query_overhead_vs_pyoxigraph": ("<=", 1.2),
         "bulk_load_vs_raw": (">=", 0.3)}
# issue 11: one 4.9 MB document (full mode) builds in linear time and under 1 GB
GOALS.update({"bigdoc_time_2x_vs_1x": ("<=", 2.2), "bigdoc_peak_rss_mb": ("<=", 1024.0)})
KG_TIMEOUT = 30.0  # KnowledgeGraph.query's default timeout; slower queries cannot be measured through it


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def wall_and_cpu(run: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process, its threads included) of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


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
