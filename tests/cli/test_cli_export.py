"""``export`` writes every format from a store; each file parses and Turtle equals the store's union."""
from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from cli.runner import run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib parsers
FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
CHN = "https://w3id.org/sanctions-kg/id/country/CHN"
RUS = "https://w3id.org/sanctions-kg/id/country/RUS"


@pytest.fixture(scope="module")
def xdir(seed_workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("export")
    shutil.copytree(seed_workdir / "seed-store", work / "store")
    return work


@pytest.fixture(scope="module")
def union(xdir: Path) -> rdflib.Graph:
    """The union of the store's named graphs, read in-process through a read-only handle."""
    import pyoxigraph as ox
    store = ox.Store.read_only(str(xdir / "store"))
    graph = rdflib.Graph()
    data = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    del store
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    assert len(graph) > 300
    decimals = [o for o in graph.objects() if isinstance(o, rdflib.Literal) and o.datatype == rdflib.XSD.decimal]
    assert any("." not in str(o) for o in decimals)  # the case a Turtle writer's shorthand gets wrong
    return graph


def _exported(xdir: Path, suffix: str) -> rdflib.Graph:
    """Export the store through the CLI and parse the file back (the union of its graphs)."""
    name = f"seed{suffix}"
    if not (xdir / name).exists():
        result = run("export", name, "--store", "store", cwd=xdir, check=0)
        assert f"wrote {name}" in result.stderr
    if FORMATS[suffix] in {"trig", "nquads", "json-ld"}:
        parsed = rdflib.Dataset()
        parsed.parse(xdir / name, format=FORMATS[suffix])
        triples = rdflib.Graph()
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            triples.add((s, p, o))
        assert len({g for *_, g in parsed.quads((None, None, None, None))}) >= 3  # graph names kept
    else:
        triples = rdflib.Graph().parse(xdir / name, format=FORMATS[suffix])
    return triples


@pytest.mark.parametrize("suffix", FORMATS)
def test_each_rdf_export_parses_and_is_isomorphic_to_the_store_union(xdir: Path, union: rdflib.Graph, suffix: str):
    """Exact terms, not just values: "4000000"^^xsd:decimal must not come back as 4000000.0."""
    exported = _exported(xdir, suffix)
    assert len(exported) == len(union)
    assert isomorphic(exported, union)


def test_the_graphml_export_is_the_actor_network(xdir: Path):
    run("export", "seed.graphml", "--store", "store", cwd=xdir, check=0)
    graph = nx.read_graphml(xdir / "seed.graphml")
    assert graph.is_directed() and graph.number_of_nodes() > 3
    vetoes = {(u, v) for u, v, d in graph.edges(data=True) if d.get("kind") == "vetoed"}
    assert {u for u, _ in vetoes} == {CHN, RUS}


def test_format_option_overrides_the_suffix(xdir: Path):
    run("export", "network.xml", "--format", "graphml", "--store", "store", cwd=xdir, check=0)
    assert nx.read_graphml(xdir / "network.xml").number_of_edges() > 0


def test_an_unknown_format_is_e030(xdir: Path):
    result = run("export", "seed.xyz", "--store", "store", cwd=xdir, check=1)
    assert "[E030]" in result.stderr
    assert not (xdir / "seed.xyz").exists()


@pytest.mark.parametrize("name", ["a-directory.ttl", "a-directory.graphml"])
def test_an_output_path_that_is_a_directory_is_one_error_line(xdir: Path, name: str):
    (xdir / name).mkdir()
    result = run("export", name, "--store", "store", cwd=xdir, check=1)
    assert result.stderr.startswith("sanctions-kg: error:") and "Traceback" not in result.stderr
    assert (xdir / name).is_dir()
    assert not [p for p in xdir.iterdir() if p.name.startswith(f".{name}.")]  # temporary file removed
