"""``query`` is read-only by default, binds parameters as RDF terms, and stops runaway queries."""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from cli.runner import COUNT_QUADS, cli_env, command, count, quads_in, query_csv, run

STORE = ("--store", "store")
UPDATES = {
    "INSERT DATA": "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }",
    "DELETE DATA": "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#> DELETE DATA { skg:a skg:b skg:c }",
    "DELETE WHERE": "DELETE WHERE { ?s ?p ?o }",
    "DELETE/INSERT": "DELETE { GRAPH ?g { ?s ?p ?o } } INSERT { GRAPH ?g { ?s ?p 1 } } WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD": "LOAD <http://127.0.0.1:9/nothing.ttl>",
    "CLEAR": "CLEAR ALL",
    "DROP": "DROP ALL",
    "CREATE": "CREATE GRAPH <urn:x:new>",
    "ADD": "ADD DEFAULT TO <urn:x:g>",
    "MOVE": "MOVE <urn:x:a> TO <urn:x:b>",
    "COPY": "COPY <urn:x:a> TO <urn:x:b>",
}
DISGUISED = [  # still updates: case, comments, a prologue, several requests
    "drop all",
    "# just a comment\nDROP SILENT ALL",
    "PREFIX x: <urn:x:> CLEAR GRAPH x:g",
    "SELECT ?s WHERE { ?s ?p ?o } ; DROP ALL",
    "INSERT DATA { <urn:x:s> <urn:x:p> 'x' } ; DROP ALL",
]
HOSTILE = ['x" } ; DROP ALL ; #', "x' } ; DROP ALL ; #", "} ; DROP ALL ; #", '"""', "{ ?s ?p ?o }",
           "CHN\" } UNION { ?c ?p ?name", "\\", "CHN\nDROP ALL", "?name", "$name"]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def qdir(seed_workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed store shared by the tests that must not change it."""
    work = tmp_path_factory.mktemp("query")
    shutil.copytree(seed_workdir / "seed-store", work / "store")
    (work / "by_iso.rq").write_text(
        "# title: countries by ISO code\n# param: name - an ISO 3166 alpha-3 code\n"
        "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>\n"
        "SELECT DISTINCT ?country WHERE { ?country skg:iso3 ?name }\n", encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def quads(qdir: Path) -> int:
    """The quad count, by the CLI's own COUNT query; later checks read the store directly (faster)."""
    n = count(COUNT_QUADS, *STORE, cwd=qdir)
    assert n == quads_in(qdir / "store") > 300
    return n


@pytest.mark.parametrize("form", UPDATES)
def test_updates_are_refused_and_change_nothing(qdir: Path, quads: int, form: str):
    result = run("query", UPDATES[form], *STORE, cwd=qdir, check=1)
    assert f"[E022] refused: the query is a SPARQL Update ({form})" in result.stderr
    assert "--allow-update" in result.stderr
    assert result.stdout == ""
    assert quads_in(qdir / "store") == quads


@pytest.mark.parametrize("sparql", DISGUISED)
def test_disguised_updates_are_refused(qdir: Path, quads: int, sparql: str):
    result = run("query", sparql, *STORE, cwd=qdir, check=1)
    assert "[E022]" in result.stderr or "[E021]" in result.stderr, result.stderr
    assert quads_in(qdir / "store") == quads


def test_service_is_refused(qdir: Path):
    sparql = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = run("query", sparql, *STORE, cwd=qdir, check=1)
    assert "[E023] refused: the query uses SERVICE federation" in result.stderr


def test_update_words_inside_literals_are_only_text(qdir: Path):
    sparql = 'SELECT ?x WHERE { BIND("DROP ALL ; INSERT DATA { } SERVICE" AS ?x) }'
    assert query_csv(sparql, *STORE, cwd=qdir) == [["DROP ALL ; INSERT DATA { } SERVICE"]]


def test_allow_update_runs_an_insert(workdir: Path):
    before = count(COUNT_QUADS, *STORE, cwd=workdir)
    result = run("query", UPDATES["INSERT DATA"], *STORE, "--allow-update", cwd=workdir, check=0)
    assert "update done" in result.stderr
    assert count(COUNT_QUADS, *STORE, cwd=workdir) == before + 1


def test_a_query_opens_no_store_where_there_is_none(tmp_path: Path):
    result = run("query", "cq1", "--store", "nowhere", cwd=tmp_path, check=1)
    assert "[E032]" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_a_parameter_binds_a_value(qdir: Path):
    rows = query_csv("by_iso.rq", *STORE, "--param", "name=CHN", cwd=qdir)
    assert rows == [["https://w3id.org/sanctions-kg/id/country/CHN"]]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_are_only_literals(qdir: Path, quads: int, value: str):
    result = run("query", "by_iso.rq", *STORE, "--param", f"name={value}", "--format", "csv", cwd=qdir, check=0)
    assert result.stdout.splitlines() == ["country"]  # the header, no rows
    assert quads_in(qdir / "store") == quads


@pytest.mark.parametrize("pair", ["name=<urn:x> } ; DROP ALL", "name=skg:x}", "name", "bad-name=1",
                                  "name=2022-02-30"])
def test_malformed_parameters_are_refused(qdir: Path, quads: int, pair: str):
    result = run("query", "by_iso.rq", *STORE, "--param", pair, cwd=qdir, check=1)
    assert "[E025]" in result.stderr
    assert quads_in(qdir / "store") == quads


def test_a_parameter_the_query_lacks_is_refused(qdir: Path):
    result = run("query", "by_iso.rq", *STORE, "--param", "other=1", cwd=qdir, check=1)
    assert "[E026]" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_a_runaway_query_times_out(qdir: Path, fmt: str):
    started = time.monotonic()
    result = run("query", RUNAWAY, *STORE, "--timeout", "1", "--format", fmt, cwd=qdir, timeout=60, check=1)
    elapsed = time.monotonic() - started
    assert "[E024] query timed out after 1 s" in result.stderr
    assert elapsed < 10, elapsed


def test_a_closed_stdout_stops_quietly(qdir: Path):
    """``query ... | head -1``: the reader goes away; no traceback, no 'Exception ignored' noise."""
    process = subprocess.Popen(command("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", *STORE, "--format", "csv"),
                               cwd=qdir, env=cli_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        assert process.stdout.readline().strip() == b"a,b,c,d,e,f"
        process.stdout.close()
        stderr = process.stderr.read().decode("utf-8")
        assert process.wait(60) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def test_named_queries_are_listed(tmp_path: Path):
    out = run("query", "--list", cwd=tmp_path, check=0).stdout
    assert out.startswith("cq1\t")
