"""``query`` output comforts: --max-width, --format jsonl|tsv|markdown, -o FILE, --labels, and
failures that leave one coded line on stderr and no half-written document anywhere."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from cli.runner import run

STORE = ("--store", "seed-store")
LONGEST_QUOTE = "SELECT ?quote WHERE { ?e skg:quote ?quote } ORDER BY DESC(STRLEN(?quote)) ?quote LIMIT 1"
STREAMING_RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # rows at once, and no end for minutes


def test_max_width_zero_shows_whole_cells(seed_workdir: Path):
    whole = run("query", LONGEST_QUOTE, *STORE, "--format", "csv", cwd=seed_workdir, check=0).stdout
    quote = next(csv.reader(io.StringIO(whole.splitlines()[1])))[0]
    assert len(quote) > 80
    default = run("query", LONGEST_QUOTE, *STORE, cwd=seed_workdir, check=0).stdout.splitlines()
    assert len(default[2]) == 80 and default[2].endswith("…")
    uncut = run("query", LONGEST_QUOTE, *STORE, "--max-width", "0", cwd=seed_workdir, check=0).stdout.splitlines()
    assert uncut[2] == " ".join(quote.split())  # one line: newlines in a cell become spaces
    narrow = run("query", LONGEST_QUOTE, *STORE, "--max-width", "12", cwd=seed_workdir, check=0).stdout.splitlines()
    assert narrow[2] == quote[:11] + "…"


@pytest.mark.parametrize("width", ["-1", "wide"])
def test_a_bad_max_width_is_a_usage_error(seed_workdir: Path, width: str):
    result = run("query", "cq1", *STORE, "--max-width", width, cwd=seed_workdir, check=2)
    assert "--max-width" in result.stderr


def test_cq1_in_the_new_formats(seed_workdir: Path):
    lines = run("query", "cq1", *STORE, "--format", "jsonl", cwd=seed_workdir, check=0).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [(r["iso"], r["countryLabel"], r["voteDate"]) for r in rows] == [
        ("CHN", "China", "2022-05-26"), ("RUS", "Russia", "2022-05-26")]
    tsv = run("query", "cq1", *STORE, "--format", "tsv", cwd=seed_workdir, check=0).stdout.splitlines()
    assert tsv[0] == "?country\t?countryLabel\t?iso\t?resolution\t?resolutionLabel\t?voteDate"
    assert tsv[1].startswith('<https://w3id.org/sanctions-kg/id/country/CHN>\t"China"@en\t"CHN"\t')
    markdown = run("query", "cq1", *STORE, "--format", "markdown", cwd=seed_workdir, check=0).stdout.splitlines()
    assert markdown[0] == "| country | countryLabel | iso | resolution | resolutionLabel | voteDate |"
    assert markdown[2].startswith("| id:country/CHN | China | CHN | id:resolution/")


def test_output_file(seed_workdir: Path, tmp_path: Path):
    target = tmp_path / "cq1.json"
    result = run("query", "cq1", *STORE, "--format", "json", "-o", str(target), cwd=seed_workdir, check=0)
    assert result.stdout == "" and f"wrote {target}" in result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["results"]["bindings"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cq1.json"]


@pytest.mark.parametrize("where", ["missing/cq1.csv", "."])
def test_an_output_file_that_cannot_be_written(seed_workdir: Path, tmp_path: Path, where: str):
    result = run("query", "cq1", *STORE, "--format", "csv", "-o", str(tmp_path / where), cwd=seed_workdir, check=1)
    assert result.stderr.startswith(f"sanctions-kg: error: [E074] cannot write results to {tmp_path / where}")
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_timed_out_query_keeps_the_old_output_file(seed_workdir: Path, tmp_path: Path):
    target = tmp_path / "rows.csv"
    target.write_text("old\n", encoding="utf-8")
    result = run("query", STREAMING_RUNAWAY, *STORE, "--format", "csv", "--timeout", "1", "-o", str(target),
                 cwd=seed_workdir, timeout=60, check=1)
    assert "[E024]" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


@pytest.mark.parametrize("fmt", ["json", "table", "markdown"])
def test_a_timed_out_document_leaves_nothing_on_stdout(seed_workdir: Path, fmt: str):
    """Issue 11: a timed-out --format json query left truncated, invalid JSON on stdout."""
    result = run("query", STREAMING_RUNAWAY, *STORE, "--format", fmt, "--timeout", "1", cwd=seed_workdir,
                 timeout=60, check=1)
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["sanctions-kg: error: [E024] query timed out after 1 s"]


def test_a_failed_service_query_is_one_coded_line(seed_workdir: Path):
    """Issue 11: a failed --allow-service query printed a second, uncoded stderr line."""
    from store.server import free_port
    sparql = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}"
    result = run("query", sparql, *STORE, "--allow-service", cwd=seed_workdir, timeout=60, check=1)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sanctions-kg: error: [E0")


def test_labels_beside_every_iri_column(seed_workdir: Path):
    sparql = "SELECT ?who ?res WHERE { ?who skg:vetoed ?res } ORDER BY ?who"
    rows = list(csv.DictReader(io.StringIO(run("query", sparql, *STORE, "--labels", "--format", "csv",
                                               cwd=seed_workdir, check=0).stdout)))
    assert list(rows[0]) == ["who", "whoLabel", "res", "resLabel"]
    assert [r["whoLabel"] for r in rows] == ["China", "Russia"]
    assert rows[0]["resLabel"].startswith("Draft resolution on North Korea")


@pytest.mark.parametrize("name", [f"cq{n}" for n in range(1, 10)])
def test_named_queries_bring_the_labels_the_graph_has(seed_workdir: Path, name: str):
    """--labels finds no label for a graph node that the named query left without one."""
    plain = run("query", name, *STORE, "--format", "jsonl", cwd=seed_workdir, check=0).stdout.splitlines()
    labelled = run("query", name, *STORE, "--format", "jsonl", "--labels", cwd=seed_workdir,
                   check=0).stdout.splitlines()
    columns = set(json.loads(plain[0]))
    for row in map(json.loads, labelled):
        added = {key: value for key, value in row.items() if key not in columns}
        for key, label in added.items():
            node = row[key.removesuffix("Label")]
            in_graph = node.startswith("https://w3id.org/sanctions-kg/id/")
            assert not (in_graph and label), f"{name}: {node} has the label {label!r}; the query should show it"


def test_cq1_shows_labels_beside_its_iris(seed_workdir: Path):
    rows = list(csv.DictReader(io.StringIO(run("query", "cq1", *STORE, "--format", "csv",
                                               cwd=seed_workdir, check=0).stdout)))
    assert list(rows[0]) == ["country", "countryLabel", "iso", "resolution", "resolutionLabel", "voteDate"]
    assert [(r["countryLabel"], r["iso"]) for r in rows] == [("China", "CHN"), ("Russia", "RUS")]
    assert {r["resolutionLabel"] for r in rows} == {
        "Draft resolution on North Korea sponsored by United States voted 2022-05-26"}


def test_options_a_query_form_cannot_honour_are_refused(seed_workdir: Path, tmp_path: Path):
    result = run("query", "ASK { ?s ?p ?o }", *STORE, "--labels", cwd=seed_workdir, check=1)
    assert result.stderr.startswith("sanctions-kg: error: [E075] --labels does not apply to this ASK query")
    shutil.copytree(seed_workdir / "seed-store", tmp_path / "store")
    insert = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"
    result = run("query", insert, "--store", "store", "--allow-update", "-o", "out.csv", cwd=tmp_path, check=1)
    assert "[E075] -o/--output does not apply to this SPARQL Update query" in result.stderr
    assert run("query", "ASK { <urn:x:s> ?p ?o }", "--store", "store", cwd=tmp_path, check=0).stdout == "false\n"


def test_query_help_names_every_option(seed_workdir: Path):
    out = run("query", "--help", cwd=seed_workdir, check=0).stdout
    for option in ("--max-width", "--labels", "-o FILE, --output FILE", "jsonl", "tsv", "markdown", "--timeout"):
        assert option in out, option
