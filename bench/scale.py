"""Benchmark phases for scale: triage on a news mix, and interleaved A/B timing helpers.

Each A/B comparison runs its two sides alternately, ``rounds`` times, and reports the median of the
per-round ratios, so a burst of load on a shared machine hits both sides of one round alike.
"""
from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def interleaved(a: Callable[[], float], b: Callable[[], float], rounds: int) -> dict[str, Any]:
    """Run ``a`` then ``b`` ``rounds`` times; each returns a rate (higher is better). Ratio = b / a."""
    pairs = []
    for _ in range(rounds):
        gc.collect()
        rate_a = a()
        gc.collect()
        rate_b = b()
        pairs.append((rate_a, rate_b))
    ratios = [rb / ra for ra, rb in pairs]
    return {"ratio": statistics.median(ratios), "ratios": [round(r, 3) for r in ratios],
            "a_rates": [round(ra, 3) for ra, _ in pairs], "b_rates": [round(rb, 3) for _, rb in pairs]}


def phase_triage(mode: dict[str, Any], work: Path) -> dict[str, Any]:
    """docs/s of ``build`` (triage on) on the news mix ÷ docs/s of bare ``nlp.pipe`` over all its texts."""
    import spacy

    from corpus import mix
    from sanctions_kg.build import build
    from sanctions_kg.nlp import build_pipeline
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    settings = load_settings()
    n, batch = mode["mix_docs"], mode["batch_size"]
    paths, relevant = mix(work / "mix", n, mode["mix_relevant_share"])
    texts = [p.read_text(encoding="utf-8") for p in paths]
    bare = spacy.load(settings.model)
    build_pipeline(settings)
    reports = []

    def bare_rate() -> float:
        t = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=batch):
            pass
        return n / (time.perf_counter() - t)

    def build_rate() -> float:
        with OxigraphStore(None) as store:
            t = time.perf_counter()
            report = build([paths[0].parent], store, settings, batch_size=batch, progress=False)
            rate = n / (time.perf_counter() - t)
        reports.append(report)
        return rate

    build_rate()  # warm: shapes, triage tokenizer, first-call costs
    result = interleaved(bare_rate, build_rate, mode["rounds"])
    last = reports[-1]
    with OxigraphStore(None) as store:
        untriaged = build([paths[0].parent], store, settings, batch_size=batch, progress=False, triage=False)
    return {**result, "documents": n, "relevant": relevant, "batch_size": batch,
            "facts_with_triage": last.facts, "facts_without_triage": untriaged.facts,
            "added": last.added, "failed": last.failed}


def phase_dask(mode: dict[str, Any], work: Path) -> dict[str, Any]:
    """docs/s of ``build`` on a 2-worker ``LocalCluster`` ÷ on a 1-worker one, same documents, interleaved.

    Beside the wall-clock rates, each run reports the CPU seconds of the calling process (build, and the
    scheduler, which a LocalCluster runs in it) and of each worker process, and the load average; from
    those, ``cpu_bound_ratios`` is the ratio the runs would give on otherwise idle cores (1 worker: the
    busier of its worker and the caller; 2 workers: the busiest process, or all CPU seconds over two
    cores), which tells a loaded machine's noise from the design's limit.
    """
    import os

    from corpus import replicate
    from sanctions_kg.build import build
    from sanctions_kg.distributed import dask_client
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    settings = load_settings()
    n, batch = mode["dask_docs"], mode["dask_batch_size"]
    folder = replicate(work / "dask", n)[0].parent
    runs: dict[str, list[dict[str, Any]]] = {"1": [], "2": []}
    with dask_client("local:1", settings) as one, dask_client("local:2", settings) as two:
        def rate(client: Any, key: str) -> Callable[[], float]:
            def run() -> float:
                before, cpu = client.run(_process_cpu), time.process_time()
                with OxigraphStore(None) as store:
                    t = time.perf_counter()
                    report = build([folder], store, settings, batch_size=batch, progress=False, scheduler=client)
                    seconds = time.perf_counter() - t
                after = client.run(_process_cpu)
                if report.added + len(report.invalid) != n:
                    raise SystemExit(f"bench: the Dask build handled {report.added} of {n} documents")
                runs[key].append({"seconds": round(seconds, 2), "caller_cpu_s": round(time.process_time() - cpu, 2),
                                  "worker_cpu_s": sorted(round(after[w] - before[w], 2) for w in after),
                                  "load_average": round(os.getloadavg()[0], 2)})
                return n / seconds
            return run

        rate(one, "1")()  # warm both: first tasks, shapes in this process
        rate(two, "2")()
        runs["1"].clear()
        runs["2"].clear()
        machine: list[float] = []

        def two_then_probe() -> float:
            found = rate(two, "2")()
            machine.append(round(_machine_ratio(), 3))
            return found

        result = interleaved(rate(one, "1"), two_then_probe, mode["rounds"])
    bound = [_cpu_bound(a) / _cpu_bound(b) for a, b in zip(runs["1"], runs["2"], strict=True)]
    return {**result, "documents": n, "batch_size": batch, "runs_1": runs["1"], "runs_2": runs["2"],
            "cpu_bound_ratios": [round(r, 3) for r in bound], "machine_ratios": machine}


BURN = "x = 0\nfor i in range(4_000_000):\n    x += i * i\n"


def _machine_ratio() -> float:
    """What two processes gain over one on this machine right now: the same pure-Python work (two equal
    pieces) run by one process after the other ÷ by two at once. 2.0 on two idle cores; on a shared
    machine it says how much of the second core the other users left."""
    import subprocess
    import sys

    def wall(parallel: int) -> float:
        t = time.perf_counter()
        for _ in range(2 // parallel):
            procs = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(parallel)]
            for proc in procs:
                proc.wait()
        return time.perf_counter() - t

    return wall(1) / wall(2)


def _process_cpu() -> float:
    """CPU seconds of the process this runs in (``client.run`` calls it in each worker)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cpu_bound(run: dict[str, Any]) -> float:
    """The seconds a run would take on two otherwise idle cores: its busiest process, or all its CPU
    seconds spread over both cores, whichever is longer."""
    processes = [run["caller_cpu_s"], *run["worker_cpu_s"]]
    return max(max(processes), sum(processes) / 2)


def phase_memory(mode: dict[str, Any], work: Path, corpus_dir: Path) -> dict[str, Any]:
    """Peak RSS of one build of a news-mix folder into a fresh on-disk store (one process per size).

    With ``SKG_BENCH_TRACEMALLOC=1`` it also reports the Python heap's peak (tracemalloc), to tell
    Python objects from native memory (spaCy's arrays, RocksDB); off by default, it slows the build.
    """
    import os
    import resource
    import shutil

    from sanctions_kg.build import build
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    trace = os.environ.get("SKG_BENCH_TRACEMALLOC") == "1"
    if trace:
        import tracemalloc
        tracemalloc.start()
    store_dir = work / f"store-{corpus_dir.name}"
    shutil.rmtree(store_dir, ignore_errors=True)
    t = time.perf_counter()
    with OxigraphStore(store_dir) as store:
        report = build([corpus_dir], store, load_settings(), batch_size=mode["batch_size"], progress=False)
    seconds = time.perf_counter() - t
    shutil.rmtree(store_dir, ignore_errors=True)
    result = {"documents": report.added, "facts": report.facts, "seconds": round(seconds, 2),
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)}
    if trace:
        result["python_heap_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    return result
