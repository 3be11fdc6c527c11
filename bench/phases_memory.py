"""Benchmark phase: one very long document (issue 11) - peak RSS and time of its build, at two sizes.

The document is vote sentences about one vetoed draft, repeated up to the size (every sentence is a
fact mention, so extraction, the graph and validation grow with the text, not only the parse). Each
size is built in its own process into a fresh on-disk store, as ``sanctions-kg build`` does; the
line ``bigdoc_time_2x_vs_1x`` is the CPU time of the larger build over the smaller (linear: 2), and
``bigdoc_peak_rss_mb`` the peak RSS of the larger one (goal: under 1 GB).
"""
from __future__ import annotations

import resource
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: document sizes in MB (10^6 characters) per mode: the second is twice the first
BIGDOC_MB = {"quick": (0.05, 0.1), "full": (2.45, 4.9)}
PARAGRAPH = ("On 26 May 2022 China and Russia vetoed a US-drafted resolution that would have tightened "
             "sanctions on North Korea. Thirteen members of the Security Council voted in favour, while China "
             "and Russia voted against.\n")
META = "title: Vote sentences\npublished: 2022-05-27\npublisher: UN News\n"


def bigdoc_text(chars: int) -> str:
    """``chars`` characters of the paragraph repeated (the last repetition cut)."""
    return (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]


def write_bigdoc(folder: Path, megabytes: float) -> Path:
    """A folder holding the one long document and its metadata."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "votes.txt").write_text(bigdoc_text(int(megabytes * 1_000_000)), encoding="utf-8")
    (folder / "votes.meta.yml").write_text(META, encoding="utf-8")
    return folder


def phase_bigdoc(mode: dict[str, Any], work: Path, corpus_dir: Path) -> dict[str, Any]:
    """Build the folder's one document into a fresh on-disk store: wall and CPU time, peak RSS, split."""
    import sanctions_kg.build as b
    from sanctions_kg.settings import load_settings
    from sanctions_kg.store import OxigraphStore

    cpu: dict[str, float] = {}
    names = ("extract_document", "build_document_graph", "conforms", "validate_graph", "_union")
    stages = {"extract_document": "extract", "build_document_graph": "graph"}
    originals = {name: getattr(b, name) for name in names if hasattr(b, name)}
    for name, fn in originals.items():
        setattr(b, name, _cpu_timed(cpu, stages.get(name, "validate"), fn))
    store_dir = work / f"store-{corpus_dir.name}"
    shutil.rmtree(store_dir, ignore_errors=True)
    t, c = time.perf_counter(), time.process_time()
    with OxigraphStore(store_dir) as store:
        report = b.build([corpus_dir], store, load_settings(), progress=False)
        quads = len(store)
    seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - c
    for name, fn in originals.items():
        setattr(b, name, fn)
    shutil.rmtree(store_dir, ignore_errors=True)
    cpu["parse_and_rest"] = cpu_seconds - sum(cpu.values())
    return {"characters": (corpus_dir / "votes.txt").stat().st_size, "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu_seconds, 2), "cpu_split_seconds": {k: round(v, 2) for k, v in cpu.items()},
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
            "added": report.added, "invalid": len(report.invalid), "errors": len(report.errors),
            "warnings": len(report.warnings), "facts": report.facts, "quads": quads}


def _cpu_timed(totals: dict[str, float], stage: str, fn: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[stage] = totals.get(stage, 0.0) + time.process_time() - t
    return wrapper
