"""The command line fails fast and in bounded time (issue 11, items 2 and 6).

Fail-fast is shown without timing anything: the model is set to one that does not exist, and
``spacy`` itself cannot be imported (a stand-in package that raises), so an error about the store
or the endpoint can only come first if it is checked before spaCy and the model are loaded.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from cli.runner import cli_env, command, copy_seeds
from sanctions_kg.store import OxigraphStore
from store.proxy import silent_server
from store.server import free_port


def _build(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    poison = cwd / "no-spacy" / "spacy"
    poison.mkdir(parents=True, exist_ok=True)
    (poison / "__init__.py").write_text("raise ImportError('spaCy was imported before the store was checked')\n")
    environment = {**cli_env(), "SANCTIONS_KG_MODEL": "no_such_model_xx", "PYTHONPATH": str(poison.parent), **env}
    return subprocess.run(command("build", "seeds", *args), cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_an_endpoint_that_is_down_is_reported_before_the_model_loads(tmp_path: Path) -> None:
    copy_seeds(tmp_path / "seeds")
    base = f"http://127.0.0.1:{free_port()}"
    result = _build("--endpoint", f"{base}/query", "--update-endpoint", f"{base}/update", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("sanctions-kg: error: [E036] SPARQL endpoint"), result.stderr
    assert "no_such_model" not in result.stderr and "Traceback" not in result.stderr
    assert "spaCy was imported" not in result.stderr


def test_a_locked_store_is_reported_before_the_model_loads(tmp_path: Path) -> None:
    copy_seeds(tmp_path / "seeds")
    with OxigraphStore(tmp_path / "store"):
        result = _build("--store", "store", cwd=tmp_path)
    assert result.returncode == 1
    assert "[E032]" in result.stderr and "no_such_model" not in result.stderr, result.stderr
    assert "spaCy was imported" not in result.stderr


def test_build_against_a_server_that_never_answers_ends_with_a_coded_error(tmp_path: Path) -> None:
    copy_seeds(tmp_path / "seeds")
    with silent_server() as base:
        result = _build("--endpoint", f"{base}/query", "--update-endpoint", f"{base}/update", cwd=tmp_path,
                        SANCTIONS_KG_READ_TIMEOUT="0.5", SANCTIONS_KG_RETRIES="1")
    assert result.returncode == 1
    assert "[E036]" in result.stderr and "gave no answer" in result.stderr, result.stderr
