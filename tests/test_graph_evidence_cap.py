"""A fact told in thousands of sentences of one text keeps its first quotes only (``MAX_EVIDENCE``):
the graph, its validation and its store write stay bounded (issue 11)."""
from __future__ import annotations

from rdflib.namespace import PROV

from sanctions_kg.extract import DocumentFacts
from sanctions_kg.graph import MAX_EVIDENCE, build_document_graph
from sanctions_kg.records import Document, DocumentMeta, Evidence, VoteFact
from sanctions_kg.resolve import EventIndex


def test_one_fact_keeps_the_first_quotes_of_a_document() -> None:
    sentence = "France vetoed the draft. "
    text = sentence * (MAX_EVIDENCE + 40)
    document = Document("d" * 64, "long.txt", text, DocumentMeta())
    quotes = tuple(Evidence(document.doc_id, i * len(sentence), (i + 1) * len(sentence) - 1, sentence.strip(),
                            "votes.sentence") for i in range(MAX_EVIDENCE + 40))
    facts = DocumentFacts(document, votes=[VoteFact(evidence=quotes, number=2999, outcome="not_adopted")])
    graph = build_document_graph(facts, EventIndex().resolve(facts))
    (vote,) = {s for s, _, _ in graph.triples((None, PROV.wasDerivedFrom, None))}
    kept = sorted(int(graph.value(e, next(p for p in graph.predicates(e) if p.endswith("charStart"))))
                  for e in graph.objects(vote, PROV.wasDerivedFrom))
    assert kept == [q.start for q in quotes[:MAX_EVIDENCE]]
