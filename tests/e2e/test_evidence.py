"""Provenance: every fact node has evidence, and every quote is the document text at its offsets."""
from __future__ import annotations

from pathlib import Path

SKG = "https://w3id.org/sanctions-kg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
FACTS = ["Resolution", "Vote", "Designation", "MissileLaunch", "ImportCap", "DesignationProposal"]


def test_every_quote_equals_the_text_at_its_offsets(seed_kg, repo):
    rows = seed_kg.query(f"""SELECT ?q ?s ?e ?file WHERE {{ ?ev a <{SKG}Evidence> ; <{SKG}quote> ?q ;
        <{SKG}charStart> ?s ; <{SKG}charEnd> ?e ; <{SKG}inDocument>/<{SKG}sourceFile> ?file }}""")
    assert len(rows) > 20
    texts: dict[str, str] = {}
    for r in rows:
        text = texts.setdefault(r["file"], (repo / r["file"]).read_bytes().decode("utf-8"))
        assert text[int(r["s"]):int(r["e"])] == r["q"]


def test_every_fact_node_has_evidence(seed_kg):
    for cls in FACTS:
        missing = seed_kg.query(f"""SELECT ?f WHERE {{ ?f a <{SKG}{cls}>
            FILTER NOT EXISTS {{ ?f <{PROV}wasDerivedFrom> ?ev }} }}""")
        assert missing == [], cls
    people = seed_kg.query(f"""SELECT ?p WHERE {{ ?p <{SKG}represents> ?c
        FILTER NOT EXISTS {{ ?p <{PROV}wasDerivedFrom> ?ev }} }}""")
    assert people == []


def test_the_resolution_has_evidence_from_documents_000_and_003(seed_kg):
    rows = seed_kg.query(f"""SELECT DISTINCT ?file WHERE {{ ?r a <{SKG}Resolution> ;
        <{PROV}wasDerivedFrom>/<{SKG}inDocument>/<{SKG}sourceFile> ?file }}""")
    names = sorted(Path(r["file"]).name[:3] for r in rows)
    assert names == ["000", "003"]


def test_seed_graph_conforms_to_the_shapes(seed_store):
    from sanctions_kg.validate import validate_graph
    report = validate_graph(seed_store.dataset())
    assert report.conforms, report.text
