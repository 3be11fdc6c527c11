"""The scorer's output: a table for people, a JSON document for scripts and closing notes."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .match import FamilyScore, Finding, Report

_ROW = "{:<13} {:>5} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}"


def _row(counts: FamilyScore) -> str:
    return _ROW.format(counts.family, counts.gold, counts.pred, counts.tp, counts.fp, counts.fn,
                       f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")


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

    ``tp`` counts gold facts found and ``fp`` predicted facts matching none, so precision is
    ``(pred - fp) / pred`` and recall ``tp / gold``.
    """
    header = _ROW.format("family", "gold", "pred", "tp", "fp", "fn", "precision", "recall", "F1")
    rule = "-" * len(header)
    lines = [header, rule, *(_row(s) for s in report.families), rule, _row(report.micro)]
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
    out["micro"] = _figures(report.micro)
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
