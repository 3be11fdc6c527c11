"""One bad fact costs only itself: the document's other facts are stored (issue 9, item 1)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import PROV, RDF

from sanctions_kg.build import BuildReport, _flush, _Pending
from sanctions_kg.extract import DocumentFacts
from sanctions_kg.graph import build_document_graph
from sanctions_kg.namespace import SKG
from sanctions_kg.records import Document, Evidence, LaunchFact, RepresentsFact, VoteFact
from sanctions_kg.resolve import EventIndex
from sanctions_kg.salvage import salvage_graph
from sanctions_kg.store import OxigraphStore
from sanctions_kg.validate import validate_graph

TEXT = ("The Council adopted resolution 2700 by 2022 votes to none. "
        "North Korea fired an ICBM on 3 March. Ambassador Ana Lopez spoke for Mexico.")


def _ev(quote: str, rule: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence("d" * 64, start, start + len(quote), quote, rule)


def _facts() -> DocumentFacts:
    document = Document("d" * 64, "hand/made.txt", TEXT)
    vote = VoteFact((_ev("adopted resolution 2700 by 2022 votes", "test"),), date=date(2023, 10, 19),
                    number=2700, year=2023, outcome="adopted", in_favour=2022, against=0, abstentions=0,
                    positions=(("MEX", "in_favour"),))
    launch = LaunchFact((_ev("North Korea fired an ICBM on 3 March", "test"),), actor="PRK",
                        date=date(2023, 3, 3), types=("icbm",), count=1)
    speaker = RepresentsFact((_ev("Ambassador Ana Lopez spoke for Mexico", "test"),), person="Ana Lopez",
                             country="MEX", role="ambassador")
    return DocumentFacts(document, votes=[vote], launches=[launch], represents=[speaker])


def test_an_impossible_tally_is_dropped_and_the_other_facts_are_kept() -> None:
    graph = build_document_graph(_facts(), EventIndex())
    report = validate_graph(graph)
    assert not report.conforms  # the gate that used to reject the whole document
    salvage = salvage_graph(graph, report)
    assert salvage.graph is not None and salvage.report.conforms
    assert not list(salvage.graph.triples((None, SKG.votesInFavour, None)))
    assert not list(salvage.graph.triples((None, SKG.votesAgainst, None)))  # the tally goes whole
    assert len(list(salvage.graph.subjects(RDF.type, SKG.Resolution))) == 1  # the vote itself stays
    assert len(list(salvage.graph.subjects(RDF.type, SKG.MissileLaunch))) == 1
    assert (None, SKG.represents, None) in salvage.graph
    [dropped] = salvage.dropped
    assert "ResolutionShape" in dropped.shape and "votesInFavour" in dropped.shape
    assert dropped.quote == "adopted resolution 2700 by 2022 votes"


def test_a_fact_missing_a_required_part_is_dropped_whole_with_its_evidence() -> None:
    graph = build_document_graph(_facts(), EventIndex())
    launch = next(graph.subjects(RDF.type, SKG.MissileLaunch))
    evidence = set(graph.objects(launch, PROV.wasDerivedFrom))
    graph.remove((launch, SKG.launchedBy, None))
    graph.remove((None, SKG.votesInFavour, None))
    graph.add((next(graph.subjects(RDF.type, SKG.Resolution)), SKG.votesInFavour, Literal(13)))
    salvage = salvage_graph(graph, validate_graph(graph))
    assert salvage.graph is not None
    assert (launch, None, None) not in salvage.graph and (None, None, launch) not in salvage.graph
    assert all((e, None, None) not in salvage.graph for e in evidence)
    assert (None, SKG.represents, None) in salvage.graph
    assert [d.quote for d in salvage.dropped] == ["North Korea fired an ICBM on 3 March"]


def test_the_build_stores_the_document_and_warns_with_e034() -> None:
    facts = _facts()
    graph = build_document_graph(facts, EventIndex())
    report, warnings = BuildReport(), []
    with OxigraphStore(None) as store:
        _flush([_Pending(facts.document, graph, len(facts), [])], store, report, True, None, record=warnings.append)
        assert report.added == 1 and not report.invalid and not report.failed
        assert store.query(f"ASK {{ ?l a <{SKG.MissileLaunch}> }}").boolean
    [warning] = warnings
    assert warning.warning and str(warning).startswith("[E034] hand/made.txt: dropped a fact")
    assert '"adopted resolution 2700 by 2022 votes"' in str(warning)


def test_a_violation_on_the_document_node_still_rejects_the_document() -> None:
    graph = build_document_graph(_facts(), EventIndex())
    doc = next(graph.subjects(RDF.type, SKG.Document))
    graph.add((doc, SKG.contentHash, Literal("another hash")))  # two hashes: the document itself is wrong
    report = validate_graph(graph)
    assert not report.conforms
    assert salvage_graph(graph, report).graph is None


def test_the_whole_dev_corpus_builds_with_validation_and_keeps_every_document(shared: Path, tmp_path: Path) -> None:
    from cli.runner import run
    result = run("build", str(shared / "corpus" / "dev"), "--store", str(tmp_path / "s"), cwd=tmp_path, timeout=300)
    texts = len(list((shared / "corpus" / "dev").glob("*.txt")))
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{texts} added" in result.stderr and "invalid graph" not in result.stderr
