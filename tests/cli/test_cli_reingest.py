"""Building again is idempotent; a changed file replaces its own graph; ``remove`` drops one document."""
from __future__ import annotations

import re
from pathlib import Path

from cli.runner import COUNT_DOCUMENTS, COUNT_QUADS, SEED_NAMES, count, quads_in, query_csv, run

STORE = ("--store", "store")
RESOLUTION_SOURCES = """SELECT DISTINCT ?file WHERE { ?r a skg:Resolution ;
  prov:wasDerivedFrom/skg:inDocument/skg:sourceFile ?file } ORDER BY ?file"""
DOCUMENT_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?g a skg:Document } } ORDER BY ?g"


def _graphs(cwd: Path) -> list[str]:
    return [row[0] for row in query_csv(DOCUMENT_GRAPHS, *STORE, cwd=cwd)]


def test_reingesting_the_seeds_changes_nothing(workdir: Path):
    before = quads_in(workdir / "store")
    result = run("build", "seeds", *STORE, cwd=workdir, check=0)
    assert re.search(rf"\b0 added, 0 replaced, {len(SEED_NAMES)} unchanged\b", result.stderr), result.stderr
    assert quads_in(workdir / "store") == before == count(COUNT_QUADS, *STORE, cwd=workdir)


def test_a_changed_file_replaces_its_own_graph(workdir: Path):
    graphs = _graphs(workdir)
    changed = workdir / "seeds" / f"{SEED_NAMES[1]}.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe meeting ended at noon.\n", encoding="utf-8")
    result = run("build", "seeds", *STORE, cwd=workdir, check=0)
    assert re.search(r"\b1 added, 1 replaced, 2 unchanged\b", result.stderr), result.stderr
    after = _graphs(workdir)
    assert len(after) == len(graphs) and len(set(after) - set(graphs)) == 1
    assert count(COUNT_DOCUMENTS, *STORE, cwd=workdir) == len(SEED_NAMES)
    files = [row[0] for row in query_csv("SELECT ?f WHERE { ?d skg:sourceFile ?f }", *STORE, cwd=workdir)]
    assert sorted(files) == sorted(f"seeds/{name}.txt" for name in SEED_NAMES)


def test_removing_one_seed_keeps_the_resolution_reported_by_another(workdir: Path):
    assert [Path(f[0]).name[:3] for f in query_csv(RESOLUTION_SOURCES, *STORE, cwd=workdir)] == ["000", "003"]
    result = run("remove", f"seeds/{SEED_NAMES[-1]}.txt", *STORE, cwd=workdir, check=0)
    assert result.stderr.startswith("removed https://w3id.org/sanctions-kg/id/document/")
    assert [Path(f[0]).name[:3] for f in query_csv(RESOLUTION_SOURCES, *STORE, cwd=workdir)] == ["000"]
    out = run("query", "cq1", *STORE, cwd=workdir, check=0).stdout
    assert "CHN" in out and "RUS" in out
    assert count(COUNT_DOCUMENTS, *STORE, cwd=workdir) == len(SEED_NAMES) - 1


def test_remove_by_iri_and_by_the_path_of_a_deleted_file(workdir: Path):
    graphs = _graphs(workdir)
    run("remove", graphs[0], *STORE, cwd=workdir, check=0)
    assert _graphs(workdir) == graphs[1:]
    files = dict(query_csv("SELECT ?g ?f WHERE { GRAPH ?g { ?g skg:sourceFile ?f } }", *STORE, cwd=workdir))
    path = files[graphs[1]]
    (workdir / path).unlink()  # found by its stored source path, since the content is gone
    run("remove", path, *STORE, cwd=workdir, check=0)
    assert _graphs(workdir) == graphs[2:]


def test_removing_what_is_not_there_fails(workdir: Path):
    before = quads_in(workdir / "store")
    result = run("remove", "https://w3id.org/sanctions-kg/id/document/nothing", *STORE, cwd=workdir, check=1)
    assert "not in the store" in result.stderr
    result = run("remove", "seeds/never-built.txt", *STORE, cwd=workdir, check=1)
    assert "not in the store" in result.stderr
    assert quads_in(workdir / "store") == before
