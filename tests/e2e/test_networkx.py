"""The networkx view of the seed graph: actors and proposals as nodes, facts as typed edges."""
from __future__ import annotations

ID = "https://w3id.org/sanctions-kg/id/"


def edges_of(graph, kind):
    return {(u, v) for u, v, data in graph.edges(data=True) if data["kind"] == kind}


def test_vetoes_blocks_designations_and_launches_are_typed_edges(seed_kg):
    g = seed_kg.to_networkx()
    vetoes = edges_of(g, "vetoed")
    assert {u for u, _ in vetoes} == {ID + "country/CHN", ID + "country/RUS"}
    [resolution] = {v for _, v in vetoes}
    assert g.nodes[resolution]["kind"] == "Resolution"
    assert (ID + "country/USA", resolution) in edges_of(g, "sponsored")
    assert {u for u, _ in edges_of(g, "blocked")} == {ID + "country/CHN", ID + "country/RUS"}
    designated = [d for _, _, d in g.edges(data=True) if d["kind"] == "designated"]
    assert {d["status"] for d in designated} == {"Proposed", "Imposed"}
    launches = [d for u, _, d in g.edges(data=True) if d["kind"] == "launched"]
    assert {d["date"] for d in launches} >= {"2022-05-25", "2022-01-05"}
    assert all(u == ID + "country/PRK" for u, _, d in g.edges(data=True) if d["kind"] == "launched")
