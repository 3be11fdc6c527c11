"""The CLI against a real ``oxigraph serve`` on 127.0.0.1, and against an RDF file used as a store."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from cli.runner import COUNT_QUADS, SEED_NAMES, count, run
from store.server import oxigraph_binary, start_oxigraph_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    assert oxigraph_binary() is not None, "the oxigraph server binary is missing: install the test extras"
    with start_oxigraph_server(tmp_path_factory.mktemp("oxigraph"), timeout_s=5) as base_url:
        yield base_url


def _endpoint(url: str) -> tuple[str, ...]:
    return ("--endpoint", f"{url}/query", "--update-endpoint", f"{url}/update", "--graph-store", f"{url}/store")


@pytest.fixture(scope="module")
def remote(server: str, seed_workdir: Path) -> str:
    """The seeds built into the server once through the CLI."""
    result = run("build", "seeds", *_endpoint(server), cwd=seed_workdir, check=0)
    assert re.search(rf"\b{len(SEED_NAMES)} added\b", result.stderr), result.stderr
    return server


def test_cq1_on_the_endpoint_lists_the_vetoes(remote: str, seed_workdir: Path):
    out = run("query", "cq1", "--endpoint", f"{remote}/query", cwd=seed_workdir, check=0).stdout
    assert "CHN" in out and "RUS" in out and "(2 rows)" in out


def test_rebuilding_on_the_endpoint_changes_nothing(remote: str, seed_workdir: Path):
    before = count(COUNT_QUADS, "--endpoint", f"{remote}/query", cwd=seed_workdir)
    result = run("build", "seeds", *_endpoint(remote), cwd=seed_workdir, check=0)
    assert re.search(rf"\b0 added, 0 replaced, {len(SEED_NAMES)} unchanged\b", result.stderr), result.stderr
    assert count(COUNT_QUADS, "--endpoint", f"{remote}/query", cwd=seed_workdir) == before > 300


def test_the_endpoint_graph_equals_the_embedded_one(remote: str, seed_workdir: Path):
    remote_n = count(COUNT_QUADS, "--endpoint", f"{remote}/query", cwd=seed_workdir)
    assert remote_n == count(COUNT_QUADS, "--store", "seed-store", cwd=seed_workdir)


def test_updates_are_refused_on_the_endpoint_too(remote: str, seed_workdir: Path):
    result = run("query", "DROP ALL", *_endpoint(remote), cwd=seed_workdir, check=1)
    assert "[E022]" in result.stderr
    assert count(COUNT_QUADS, "--endpoint", f"{remote}/query", cwd=seed_workdir) > 300


def test_a_runaway_query_on_the_endpoint_times_out(remote: str, seed_workdir: Path):
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    result = run("query", sparql, "--endpoint", f"{remote}/query", "--timeout", "1", cwd=seed_workdir,
                 timeout=60, check=1)
    assert "[E024]" in result.stderr
    assert time.monotonic() - started < 10


def test_an_unreachable_endpoint_is_one_coded_line(tmp_path: Path):
    from store.server import free_port
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run("query", "cq1", "--endpoint", url, "--timeout", "5", cwd=tmp_path, check=1)
    assert result.stderr.startswith("sanctions-kg: error: [E033]"), result.stderr
    assert "Traceback" not in result.stderr


def test_a_trig_file_as_the_store(seed_workdir: Path, tmp_path: Path):
    graph = tmp_path / "kg.trig"
    run("build", str(seed_workdir / "seeds"), "--graph", str(graph), cwd=tmp_path, check=0)
    out = run("query", "cq1", "--graph", str(graph), cwd=tmp_path, check=0).stdout
    assert "CHN" in out and "RUS" in out
    before = graph.read_bytes()
    result = run("build", str(seed_workdir / "seeds"), "--graph", str(graph), cwd=tmp_path, check=0)
    assert f"{len(SEED_NAMES)} unchanged" in result.stderr
    assert graph.read_bytes() == before  # nothing changed, nothing rewritten
