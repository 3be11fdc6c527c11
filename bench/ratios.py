"""From raw query timings to the ratios: speed-up against rdflib and the helper's overhead."""
from __future__ import annotations

import statistics
from typing import Any

from common import (
    geomean,
    median,
)

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
    bounds = kinds - {"exact"}
    kind = "exact" if not bounds else bounds.pop() if len(bounds) == 1 else "mixed bounds"
    return {"geomean": geomean(values), "kind": kind, "per_query": per_query,
            "dedup_geomean": geomean(dedup_values)}


def _round_ratio(kg_runs: list[float], raw_runs: list[float]) -> float:
    """The median of the per-round ratios kg/raw (the two run in turn in each round, so a burst of load
    from other processes hits both sides of one round alike)."""
    ratios = [kg / raw for kg, raw in zip(kg_runs, raw_runs, strict=False) if raw > 0]
    return statistics.median(ratios)


def overheads(query_results: dict[str, Any]) -> dict[str, Any]:
    per_query, values = {}, []
    for name, entry in query_results.items():
        raw, _ = _time(entry["oxigraph"], "raw")
        kg, _ = _time(entry["oxigraph"], "kg")
        if raw is not None and kg is not None:
            parse, _ = _time(entry["oxigraph"], "prepare")
            deadline, _ = _time(entry["oxigraph"], "store_deadline")
            store, _ = _time(entry["oxigraph"], "store")
            ratio = _round_ratio(entry["oxigraph"]["kg"]["runs_s"], entry["oxigraph"]["raw"]["runs_s"])
            per_query[name] = {"raw_s": raw, "kg_s": kg, "ratio": ratio, "extra_s": kg - raw,
                               "of_which_rdflib_parse_s": parse,
                               "of_which_deadline_thread_s": (deadline - store) if deadline and store else None}
            values.append(ratio)
        else:
            per_query[name] = {"ratio": None,
                               "why": "query too slow on the store (over the cap or near KnowledgeGraph's timeout)"}
    measured = [v for v in per_query.values() if v.get("ratio") is not None]
    split = {key: median([v[key] for v in measured if v.get(key) is not None])
             for key in ("extra_s", "of_which_rdflib_parse_s", "of_which_deadline_thread_s")}
    return {"geomean": geomean(values), "per_query": per_query, "measured": len(values), "median_split_s": split}


# ------------------------------------------------------------------------------------------------
