"""A build on a 2-worker Dask LocalCluster gives the same graph as a single-process build."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from sanctions_kg.build import build
from sanctions_kg.distributed import SchedulerError, _local_workers, dask_client, extract_on_cluster
from sanctions_kg.records import Document
from sanctions_kg.settings import load_settings
from sanctions_kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]


def _graphs(store: OxigraphStore) -> dict[str, object]:
    dataset = store.dataset()
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.fixture(scope="module")
def client():
    """One 2-worker LocalCluster for the module (starting one takes seconds)."""
    with dask_client("local:2", load_settings()) as connected:
        yield connected


def test_a_two_worker_cluster_builds_the_same_graph_as_one_process(client):
    seeds = [REPO / "seeds"]
    with OxigraphStore(None) as single, OxigraphStore(None) as cluster:
        one = build(seeds, single, progress=False)
        two = build(seeds, cluster, progress=False, scheduler=client, batch_size=1)
        assert len(client.nthreads()) == 2 and client.scheduler.address.startswith("tcp://127.0.0.1:")
        assert (two.added, two.facts, two.failed) == (one.added, one.facts, False) and one.facts > 0
        expected, got = _graphs(single), _graphs(cluster)
        assert sorted(got) == sorted(expected)
        for name, graph in expected.items():
            assert isomorphic(graph, got[name]), name


def test_results_come_back_in_input_order(client):
    settings = load_settings()
    docs = [(Document(doc_id=str(n), path=f"d{n}.txt", text=f"Russia vetoed the draft number {n}."), n)
            for n in range(5)]
    out = list(extract_on_cluster(iter(docs), client, settings, batch_size=2, in_flight=1))
    assert [extra for _, (_, extra) in out] == [0, 1, 2, 3, 4]
    assert all(facts.document.path == doc.path for facts, (doc, _) in out)


@pytest.mark.parametrize("spec", ["local:0", "local:x", "local:"])
def test_a_bad_local_spec_is_refused(spec: str):
    with pytest.raises(SchedulerError, match=r"\[E061\]"):
        _local_workers(spec)
