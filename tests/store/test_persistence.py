"""What each store leaves on disk: reopening, locking, and all-or-nothing file writes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
import rdflib
from rdflib import Literal

from sanctions_kg.errors import StoreError
from sanctions_kg.store import FileStore, OxigraphStore, files, open_store, write_dataset_atomic
from store.data import EX, G1, G2, people


def test_embedded_store_keeps_its_triples_after_reopening(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "db") as store:
        store.add_graph(G1, people("alice", "bob"))
    with OxigraphStore(tmp_path / "db") as reopened:
        assert len(reopened) == 2
        assert reopened.graph_iris() == [G1]


def test_a_locked_store_directory_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "db"
    with OxigraphStore(path) as store:
        store.add_graph(G1, people("alice"))
        code = (
            "import sys; from pathlib import Path; from sanctions_kg.store import OxigraphStore\n"
            "from sanctions_kg.errors import StoreError\n"
            "try:\n    OxigraphStore(Path(sys.argv[1]))\nexcept StoreError as e:\n    print(e)\n"
        )
        other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
        assert other.stdout.startswith("[E032]") and "in use by another process" in other.stdout
        assert "panic" not in other.stderr.lower()
        with pytest.raises(StoreError, match="in use"):
            OxigraphStore(path)  # a second handle in this process
        reader = OxigraphStore(path, read_only=True)  # querying next to a writer
        assert reader.query("ASK { ?s ?p ?o }").boolean is True
        with pytest.raises(StoreError, match="read-only"):
            reader.add_graph(G2, people("bob"))
        reader.close()


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store directory"):
        OxigraphStore(tmp_path / "nothing", read_only=True)


def test_a_closed_store_refuses_work(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        len(store)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's TriG parser uses its own deprecated API
def test_file_store_saves_a_parseable_file_only_when_changed(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    with FileStore(path) as store:
        store.add_graph(G1, people("alice"))
        store.add_graph(G2, people("bob"))
    dataset = rdflib.Dataset()
    dataset.parse(path, format="trig")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {G1, G2}
    before = path.stat().st_mtime_ns
    with FileStore(path, create=False) as again:
        assert len(again) == 2 and not again.modified
    assert path.stat().st_mtime_ns == before


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "graph.trig"
    with FileStore(path) as store:
        store.add_graph(G1, people("alice"))
    old = path.read_bytes()

    def broken(graph: rdflib.Graph, format_name: str, out: BinaryIO) -> None:
        out.write(b"@prefix half: <http://exa")
        raise OSError("disk full")

    monkeypatch.setattr(files, "_serialise", broken)
    store = FileStore(path)
    store.add_graph(G2, people("bob"))
    with pytest.raises(StoreError, match=r"\[E032\].*disk full"):
        store.save()
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]
    monkeypatch.undo()
    store.close()  # the change is still pending and now gets written
    assert len(FileStore(path, create=False)) == 2


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".nt", ".jsonld"])
def test_write_dataset_atomic_in_every_format(tmp_path: Path, suffix: str) -> None:
    source = FileStore(tmp_path / "source.trig")
    source.add_graph(G1, people("alice", "shared"))
    source.add_graph(G2, people("shared"))
    target = tmp_path / f"export{suffix}"
    write_dataset_atomic(source.dataset(), target)
    reloaded = FileStore(target, create=False)
    if suffix in {".ttl", ".nt"}:  # the union, in one graph named after the file
        assert reloaded.graph_iris() == [target.resolve().as_uri()]
        assert len(reloaded) == 2
    else:
        assert reloaded.graph_iris() == [G1, G2]
        assert len(reloaded) == 3


def test_exports_use_the_project_prefixes(tmp_path: Path) -> None:
    dataset = rdflib.Dataset()
    skg = rdflib.Namespace("https://w3id.org/sanctions-kg/ontology#")
    dataset.graph(rdflib.URIRef(G1)).add((rdflib.URIRef(G1), rdflib.RDF.type, skg.Document))
    for suffix in (".ttl", ".trig"):
        write_dataset_atomic(dataset, tmp_path / f"out{suffix}")
        assert "skg:Document" in (tmp_path / f"out{suffix}").read_text()


def test_file_store_refuses_unknown_formats_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\[E030\].*'\.xml'"):
        FileStore(tmp_path / "graph.xml")
    with pytest.raises(StoreError, match=r"\[E030\]"):
        write_dataset_atomic(rdflib.Dataset(), tmp_path / "graph")
    with pytest.raises(StoreError, match=r"\[E031\]"):
        FileStore(tmp_path / "missing.ttl", create=False)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> .")
    with pytest.raises(StoreError, match=r"\[E032\].*cannot parse"):
        FileStore(broken)


def test_open_store_picks_exactly_one_backend(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="only one"):
        open_store(store=tmp_path / "db", graph=tmp_path / "g.trig")
    with pytest.raises(StoreError, match="needs --endpoint"):
        open_store(update_endpoint="http://127.0.0.1:1/update")
    assert isinstance(open_store(graph=tmp_path / "g.nq"), FileStore)
    embedded = open_store(store=tmp_path / "db")
    assert isinstance(embedded, OxigraphStore)
    embedded.close()


def test_a_turtle_file_is_one_named_graph(tmp_path: Path) -> None:
    path = tmp_path / "facts.ttl"
    path.write_text(f'<{EX.alice}> <{EX.name}> "alice" .\n')
    store = FileStore(path)
    assert store.graph_iris() == [path.resolve().as_uri()]
    assert [row["o"] for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")] == [Literal("alice")]
