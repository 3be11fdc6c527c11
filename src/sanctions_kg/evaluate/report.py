"""The scorer's output: a table for people, a JSON document for scripts and closing notes."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .match import FamilyScore, Finding, Report

_ROW = "{:<13} {:>5} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}"


def _row(counts: FamilyScore, ratios: tuple[float, float, float] | None = None) -> str:
    precision, recall, f1 = ratios or (counts.precision, counts.recall, counts.f1)
    return _ROW.format(counts.family, counts.gold, counts.pred, counts.tp, counts.fp, counts.fn,
                       f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}")


def reference_micro(report: Report) -> tuple[float, float, float]:
    """Micro precision, recall and F1 as the reference scorer (``eval/score.py``) computes them: each
    family's precision and recall rounded to three places first, then weighted by its predicted and gold
    counts. From the raw counts the figure can differ by 0.001 (223 of 224 predictions right is 0.996;
    the reference gives 0.995 when one family's 38 of 39 was rounded to 0.974 first)."""
    families = report.families
    n_pred, n_gold = sum(s.pred for s in families), sum(s.gold for s in families)
    precision = sum(round(s.precision, 3) * s.pred for s in families) / n_pred if n_pred else 0.0
    recall = sum(round(s.recall, 3) * s.gold for s in families) / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _finding_line(finding: Finding) -> str:
    where = []
    if finding.gold_docs:
        where.append("gold: " + ", ".join(finding.gold_docs))
    if finding.source_docs:
        where.append("source: " + ", ".join(finding.source_docs))
    suffix = f"  ({'; '.join(where)})" if where else ""
    return f"  [{finding.family}] {finding.fact}{suffix}"


def format_report(report: Report, verbose: bool = False) -> str:
    """A row per family plus the micro-average; with ``verbose`` (``eval --misses``) the vote pairs,
    every miss and every extra.

    ``tp`` counts gold facts found and ``fp`` predicted facts matching none, so a family's precision is
    ``(pred - fp) / pred`` and its recall ``tp / gold``; the micro row follows :func:`reference_micro`.
    """
    header = _ROW.format("family", "gold", "pred", "tp", "fp", "fn", "precision", "recall", "F1")
    rule = "-" * len(header)
    lines = [header, rule, *(_row(s) for s in report.families), rule, _row(report.micro, reference_micro(report))]
    if verbose:
        lines += ["", f"Vote pairs (gold -> predicted): {len(report.pairs)}"]
        lines += [f"  {g} -> {p}" for g, p in report.pairs]
        lines += ["", f"Misses (gold not found): {len(report.misses)}", *map(_finding_line, report.misses)]
        lines += ["", f"Extras (predicted not in gold): {len(report.extras)}", *map(_finding_line, report.extras)]
    return "\n".join(lines)


def _figures(score: FamilyScore) -> dict[str, Any]:
    return {"gold": score.gold, "pred": score.pred, "tp": score.tp, "fp": score.fp, "fn": score.fn,
            "precision": round(score.precision, 3), "recall": round(score.recall, 3), "f1": round(score.f1, 3)}


def report_json(report: Report) -> dict[str, dict[str, Any]]:
    """Per family and ``micro``: the reference scorer's keys (gold, pred, precision, recall, f1) plus tp/fp/fn."""
    out = {s.family: _figures(s) for s in report.families}
    precision, recall, f1 = reference_micro(report)
    out["micro"] = {**_figures(report.micro),
                    "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    return out


def write_json(report: Report, path: Path) -> None:
    """Write :func:`report_json` through a temporary file, so a reader never sees half a document."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(report_json(report), out, indent=1)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
