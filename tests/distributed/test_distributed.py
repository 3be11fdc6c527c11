"""A build on a 2-worker Dask LocalCluster gives the same graph and report as a single-process build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from repo_paths import SHARED
from sanctions_kg.build import build
from sanctions_kg.distributed import SchedulerError, _local_workers, dask_client, extract_on_cluster
from sanctions_kg.prebuilt import Prebuilt
from sanctions_kg.records import Document
from sanctions_kg.settings import load_settings
from sanctions_kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]
UNRELATED = "The city council approved the budget for parks and libraries on Tuesday, after a long debate.\n"


def _graphs(store: OxigraphStore) -> dict[str, object]:
    dataset = store.dataset()
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.fixture(scope="module")
def client():
    """One 2-worker LocalCluster for the module (starting one takes seconds)."""
    with dask_client("local:2", load_settings()) as connected:
        yield connected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and the dev corpus, a text triage rejects, and a seed with invisible characters (E017)."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(SHARED / "corpus" / "dev", root / "dev")
    (root / "news.txt").write_text(UNRELATED, encoding="utf-8")
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    (root / "marked.txt").write_text(seed.read_text(encoding="utf-8").replace(" ", " \u200b", 3), encoding="utf-8")
    return root


def test_a_two_worker_cluster_builds_the_same_graph_as_one_process(client, corpus: Path, monkeypatch):
    taken = {"worker": 0, "here": 0}
    graph_for = Prebuilt.graph_for

    def counted(self: Prebuilt, identities):
        graph = graph_for(self, identities)
        taken["worker" if graph is not None else "here"] += 1
        return graph

    monkeypatch.setattr(Prebuilt, "graph_for", counted)
    with OxigraphStore(None) as single, OxigraphStore(None) as cluster:
        one = build([corpus], single, progress=False)
        two = build([corpus], cluster, progress=False, scheduler=client, batch_size=2)
        assert len(client.nthreads()) == 2 and client.scheduler.address.startswith("tcp://127.0.0.1:")
        assert (two.added, two.facts, two.invalid, len(two.errors)) == (one.added, one.facts, one.invalid, 0)
        assert one.added == 65 and one.facts > 200
        assert sorted(map(str, two.warnings)) == sorted(map(str, one.warnings))
        assert any("[E017]" in str(w) for w in two.warnings)  # a worker's parse warning reaches the report
        expected, got = _graphs(single), _graphs(cluster)
        assert sorted(got) == sorted(expected)
        for name, graph in expected.items():
            assert isomorphic(graph, got[name]), name
    # both ways were taken: graphs written on a worker, and one written again here (a vote another
    # document reported first, so it got that document's resolution)
    assert taken["worker"] > 50 and taken["here"] >= 1


def test_results_come_back_in_input_order(client):
    settings = load_settings()
    docs = [(Document(doc_id=str(n), path=f"d{n}.txt", text=f"Russia vetoed the draft number {n}."), n)
            for n in range(5)]
    out = list(extract_on_cluster(iter(docs), client, settings, batch_size=2, in_flight=1))
    assert [extra for _, (_, extra) in out] == [0, 1, 2, 3, 4]
    assert all(found.facts.document.path == doc.path for found, (doc, _) in out)


@pytest.mark.parametrize("spec", ["local:0", "local:x", "local:"])
def test_a_bad_local_spec_is_refused(spec: str):
    with pytest.raises(SchedulerError, match=r"\[E061\]"):
        _local_workers(spec)


def test_a_local_cluster_does_not_need_port_8787():
    # two builds on one machine (CI beside a developer's run) raced for the scheduler's default HTTP port,
    # and the second warned "Port 8787 is already in use"
    import contextlib
    import socket
    import warnings

    holder = socket.socket()
    with contextlib.suppress(OSError):  # already taken by someone else: the case under test
        holder.bind(("127.0.0.1", 8787))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with dask_client("local:1", load_settings()) as connected:
            assert connected.submit(sum, [1, 2]).result() == 3
    holder.close()
