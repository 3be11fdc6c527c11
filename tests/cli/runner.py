"""Run the real ``sanctions-kg`` command in a subprocess, the way a user or a CI job would."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))
SKG = "https://w3id.org/sanctions-kg/ontology#"
TIMEOUT = 120
WHERE = ("--store", "--graph", "--endpoint", "-o", "--output", "--help", "--list")
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a skg:Document }"


def cli_env() -> dict[str, str]:
    """A CI-like environment: no terminal, no project overrides, UTF-8 whatever the host locale."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SANCTIONS_KG_", "PYTHON"))}
    env.update(CI="true", TERM="dumb", NO_COLOR="1", LC_ALL="C.UTF-8")
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sanctions_kg.cli", *args]


def run(*args: str, cwd: Path, timeout: float = TIMEOUT, check: int | None = None) -> subprocess.CompletedProcess:
    """Run ``sanctions-kg ARGS`` in ``cwd``; ``check`` asserts the exit code (and shows stderr if not).

    Every command but a usage error names where its graph lives, so no test ever touches the
    repository's default store ``graph/store``.
    """
    if check != 2 and args and args[0] in {"build", "query", "export", "validate", "remove"}:
        assert any(a in WHERE for a in args), f"name a store, graph or endpoint: {args}"
    result = subprocess.run(command(*args), cwd=cwd, env=cli_env(), capture_output=True, text=True,
                            encoding="utf-8", timeout=timeout, stdin=subprocess.DEVNULL)
    if check is not None:
        assert result.returncode == check, (result.returncode, result.stdout[-3000:], result.stderr[-3000:])
    return result


def query_csv(sparql: str, *where: str, cwd: Path) -> list[list[str]]:
    """A query's CSV rows (header dropped)."""
    out = run("query", sparql, *where, "--format", "csv", cwd=cwd, check=0).stdout
    return [line.split(",") for line in out.splitlines()[1:]]


def count(sparql: str, *where: str, cwd: Path) -> int:
    """The single number a COUNT query returns."""
    rows = query_csv(sparql, *where, cwd=cwd)
    assert len(rows) == 1, rows
    return int(rows[0][0])


def copy_seeds(target: Path, names: Sequence[str] = tuple(SEED_NAMES)) -> Path:
    """Copy seed documents with their ``.meta.yml`` into ``target`` (created)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        for suffix in (".txt", ".meta.yml"):
            shutil.copy2(SEEDS / f"{name}{suffix}", target / f"{name}{suffix}")
    return target


def quads_in(store_dir: Path) -> int:
    """Quads in the document graphs of an embedded store (its default graph only holds their union),
    read in-process through a read-only handle (cheap, takes no lock)."""
    import pyoxigraph as ox
    store = ox.Store.read_only(str(store_dir))
    try:
        return len(store) - sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    finally:
        del store
