"""graph/seeds.ttl is committed; it must equal a fresh build of seeds/ (compared as graphs, not text).

When the extractor improves on purpose, rebuild it with
``sanctions-kg build seeds --store /tmp/seeds-store -o graph/seeds.ttl`` and review the diff.
"""
from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def test_committed_seed_graph_matches_a_fresh_build(seed_store, repo):
    committed = Graph().parse(repo / "graph" / "seeds.ttl", format="turtle")
    fresh = Graph()
    for s, p, o, _ in seed_store.dataset().quads((None, None, None, None)):
        fresh.add((s, p, o))
    if not isomorphic(committed, fresh):
        _, only_committed, only_fresh = graph_diff(to_isomorphic(committed), to_isomorphic(fresh))
        lines = [f"- {t}" for t in list(only_committed)[:10]] + [f"+ {t}" for t in list(only_fresh)[:10]]
        raise AssertionError("graph/seeds.ttl differs from a fresh build:\n" + "\n".join(lines))
