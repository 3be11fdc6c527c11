"""`sanctions-kg eval` and the reference scorer (shared/eval/score.py) count the same on the same graphs.

The graphs are whatever the current extractor builds from shared/seeds and shared/corpus/dev: the
extractor changes in parallel, so no F1 value is asserted here, only agreement, family by family.
Three ways in are compared with the reference on the written file: the CLI on that file, and the
Python API on the embedded store it was exported from (a store queries the union of its document
graphs, where a triple stated by two documents must still count once).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli.runner import cli_env, command
from sanctions_kg.evaluate import FAMILIES, evaluate, report_json

TIMEOUT = 300


@pytest.fixture(scope="module", params=["seeds", "corpus/dev"])
def built(request: pytest.FixtureRequest, shared: Path, tmp_path_factory: pytest.TempPathFactory):
    """(gold folder, graph file, store) for one corpus, built without SHACL validation (as the brief's
    reference runs do: a graph the shapes reject is still scored)."""
    from sanctions_kg.build import build
    from sanctions_kg.export import export
    from sanctions_kg.store import OxigraphStore
    folder = shared / request.param
    out = tmp_path_factory.mktemp("agreement") / "graph.ttl"
    store = OxigraphStore(None)
    report = build([folder], store, validate=False)
    assert report.added > 0 and not report.failed, report
    export(store, out)
    yield folder, out, store
    store.close()


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=cli_env(), capture_output=True, text=True, encoding="utf-8",
                            timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result


def _reference(shared: Path, graph: Path, gold: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    out = tmp_path / "reference.json"
    _run([sys.executable, str(shared / "eval" / "score.py"), str(graph), str(gold), "--json", str(out)], tmp_path)
    return json.loads(out.read_text(encoding="utf-8"))


def _counts(figures: dict[str, dict[str, Any]]) -> dict[str, tuple[int, int, int, int]]:
    """gold, pred, gold facts found, predicted facts right, per family; the reference gives only the ratios
    (to 3 decimals, exact enough below 500 facts), so the two hit counts are recovered from them."""
    return {family: (f["gold"], f["pred"], round(f["recall"] * f["gold"]), round(f["precision"] * f["pred"]))
            for family, f in figures.items() if family != "micro"}


def _assert_agree(ours: dict[str, dict[str, Any]], reference: dict[str, dict[str, Any]]) -> None:
    assert list(reference) == [*FAMILIES, "micro"]
    assert _counts(ours) == _counts(reference)
    for family in FAMILIES:
        assert ours[family]["tp"] + ours[family]["fn"] == ours[family]["gold"]
    micro, ref = ours["micro"], reference["micro"]
    assert (micro["gold"], micro["pred"]) == (ref["gold"], ref["pred"])
    for key in ("precision", "recall", "f1"):  # the reference sums rounded ratios, we sum counts
        assert micro[key] == pytest.approx(ref[key], abs=0.002), key


def test_cli_on_the_graph_file_agrees_with_the_reference(built, shared: Path, tmp_path: Path) -> None:
    gold, graph, _ = built
    ours_json = tmp_path / "ours.json"
    result = _run([*command("eval", str(gold), "--graph", str(graph), "--json", str(ours_json))], tmp_path)
    ours = json.loads(ours_json.read_text(encoding="utf-8"))
    _assert_agree(ours, _reference(shared, graph, gold, tmp_path))
    assert result.stdout.splitlines()[0].split()[:4] == ["family", "gold", "pred", "tp"]


def test_api_on_the_store_agrees_with_the_reference(built, shared: Path, tmp_path: Path) -> None:
    gold, graph, store = built
    _assert_agree(report_json(evaluate(gold, store)), _reference(shared, graph, gold, tmp_path))
