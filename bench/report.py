"""The results table (stdout and bench/README.md)."""
from __future__ import annotations

from typing import Any

from common import BENCH_DIR, GOALS, _fmt, _round, log


def _goal(key: str, value: float | None) -> str:
    op, bound = GOALS[key]
    if value is None:
        return "not measured"
    met = value >= bound if op == ">=" else value <= bound
    return f"{'met' if met else 'MISSED'} (goal {op} {bound:g})"


def ratio_entry(key: str, value: float | None, measured_on: str, **details: Any) -> dict[str, Any]:
    """One top-level entry of results.json: the ratio, its goal, whether it is met, and how it was measured."""
    op, bound = GOALS[key]
    met = None if value is None else (value >= bound if op == ">=" else value <= bound)
    return {"ratio": _round(value), "goal": f"{op} {bound:g}", "met": met, "measured_on": measured_on, **details}


def render(results: dict[str, Any]) -> str:
    a = results["absolute"]
    ex = a["extract"]
    lines = [
        f"sanctions-kg benchmark - {a['mode']} mode, {a['timestamp']}, {a['cpu_count']} CPUs "
        f"(load average {', '.join(f'{v:.1f}' for v in a['load_average'])} at the end), git {a['versions'].get('git')}",
        "",
        "| ratio | value | goal | measured on |",
        "|---|---|---|---|",
    ]
    for key in GOALS:
        entry = results[key]
        lines.append(f"| {key} | {_fmt(entry['ratio'])} | {_goal(key, entry['ratio'])} | {entry['measured_on']} |")
    lines += [
        "",
        "| query | rdflib s | OxigraphStore s | rdflib/Oxigraph | rows | diag: Oxigraph, triples once, s "
        "| diag: rdflib/that | KnowledgeGraph/pyoxigraph |",
        "|---|---|---|---|---|---|---|---|",
    ]
    speed, over = results["per_query"]["speedup_vs_rdflib"], results["per_query"]["overhead_vs_pyoxigraph"]
    for name, row in speed.items():
        ratio = _fmt(row["ratio"]) + ("" if row["kind"] == "exact" else " (bound)" if row["ratio"] else "")
        rows = "/".join(str(v) for v in row["rows"].values() if v is not None)
        rows = rows.split("/")[0] if row["rows_agree"] else rows + " MISMATCH"
        lines.append(f"| {name} | {_fmt(row['rdflib_s'])} | {_fmt(row['oxigraph_s'])} | {ratio} | {rows} "
                     f"| {_fmt(row.get('dedup_s'))} | {_fmt(row.get('dedup_ratio'))} | {_fmt(over[name]['ratio'])} |")
    split = ex["build_split_seconds"]
    total = split["total"]
    order = ("read", "skip_check", "parse", "extract", "graph", "validate", "store_write", "index", "pipeline")
    lines += [
        "",
        f"Build time split ({ex['documents']} docs, {total:.1f} s): " + ", ".join(
            f"{k} {split[k]:.1f} s ({100 * split[k] / total:.0f}%)" for k in order if split[k] >= 0.05)
        + f"; of parse, our spaCy components ~{split['of_parse_domain_components']:.1f} s.",
        "Per-round ratios: " + "; ".join(f"{key} {results[key].get('rounds')}" for key in GOALS
                                          if results[key].get("rounds")) + ".",
        _overhead_line(a.get("query_overhead_median_split_s")),
        f"Total {a['phase_seconds']['total']:.0f} s.",
    ]
    return "\n".join(lines)


def _overhead_line(split: dict[str, Any] | None) -> str:
    if not split or split.get("extra_s") is None:
        return "KnowledgeGraph overhead: not measured."
    ms = {k: (v * 1000 if v is not None else float("nan")) for k, v in split.items()}
    return (f"KnowledgeGraph.query costs a median {ms['extra_s']:.1f} ms more per call than raw pyoxigraph; "
            f"its rdflib parse of the query (query.prepare_query) takes {ms['of_which_rdflib_parse_s']:.1f} ms and "
            f"the timeout worker thread (timeout=30) {ms['of_which_deadline_thread_s']:.1f} ms; the rest is "
            f"converting terms (pyoxigraph to rdflib in the store, then to Python values; the named query's "
            f"text is read once by the helper).")


BEGIN, END = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"


def write_readme_block(table: str, results: dict[str, Any]) -> None:
    readme = BENCH_DIR / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    cores = results["absolute"]["cpu_count"]
    block = f"{BEGIN}\nLatest full run: `bash bench/run` on a {cores}-core machine.\n\n{table}\n{END}"
    head, rest = text.split(BEGIN, 1)
    readme.write_text(head + block + rest.split(END, 1)[1], encoding="utf-8")
    log(f"updated {readme}")
