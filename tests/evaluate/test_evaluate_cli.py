"""The `eval` command's options: --misses (and its older alias --verbose) and --json, on the hand-made case."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cli.runner import cli_env, command
from sanctions_kg.evaluate import FAMILIES

CASE = Path(__file__).parent / "cases" / "basic"
BASIC_GOLD, BASIC_GRAPH = CASE / "gold", CASE / "graph.ttl"


def _eval(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command("eval", str(BASIC_GOLD), "--graph", str(BASIC_GRAPH), *args), cwd=cwd,
                            env=cli_env(), capture_output=True, text=True, encoding="utf-8", timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_misses_lists_findings_verbose_is_its_alias_and_json_writes_figures(tmp_path: Path) -> None:
    plain = _eval(cwd=tmp_path).stdout
    misses = _eval("--misses", cwd=tmp_path).stdout
    assert "Extras (predicted not in gold)" not in plain
    assert misses.startswith(plain) and "Extras (predicted not in gold): 1" in misses
    assert "[tallies] ?: ? ?-?-? (id:resolution/2231)" in misses
    assert _eval("--verbose", "--json", "out.json", cwd=tmp_path).stdout == misses
    figures = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert list(figures) == [*FAMILIES, "micro"]
    assert figures["micro"] == {"gold": 18, "pred": 19, "tp": 18, "fp": 1, "fn": 0, "precision": 0.947,
                                "recall": 1.0, "f1": 0.973}
    assert not list(tmp_path.glob(".out.json.*"))  # no temporary file left behind


def test_help_names_misses_and_json(tmp_path: Path) -> None:
    result = subprocess.run(command("eval", "--help"), cwd=tmp_path, env=cli_env(), capture_output=True,
                            text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0
    assert "--misses, --verbose" in result.stdout and "--json OUT" in result.stdout
