"""Shared data for the query tests: a small hand-made graph in the model's shape, a fake result.

A module with a unique name (not ``conftest``) so test files can import it without clashing with
other test folders' conftest modules.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Identifier

SKG = "https://w3id.org/sanctions-kg/ontology#"
ID = "https://w3id.org/sanctions-kg/id/"

# Turtle forbids "/" in a prefixed name, so instance IRIs are written relative to this base.
PREFIXES = """
@prefix skg: <https://w3id.org/sanctions-kg/ontology#> .
@base <https://w3id.org/sanctions-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

DOC_A = PREFIXES + """
<country/CHN> a skg:Country ; skg:iso3 "CHN" ; rdfs:label "China"@en ; skg:permanentMember true ;
    skg:vetoed <resolution/abc> ; skg:votedAgainst <resolution/abc> .
<country/RUS> a skg:Country ; skg:iso3 "RUS" ; rdfs:label "Russia"@en ; skg:permanentMember true ;
    skg:vetoed <resolution/abc> ; skg:votedAgainst <resolution/abc> .
<country/USA> a skg:Country ; skg:iso3 "USA" ; rdfs:label "United States"@en .
<country/PRK> a skg:Country ; skg:iso3 "PRK" ; rdfs:label "North Korea"@en .
<resolution/abc> a skg:Resolution ; rdfs:label "draft resolution on PRK (2022-05-26)" ;
    skg:voteDate "2022-05-26"^^xsd:date ; skg:outcome skg:NotAdopted ;
    skg:votesInFavour 13 ; skg:votesAgainst 2 ; skg:sponsor <country/USA> ; skg:concerns <country/PRK> ;
    skg:proposes <designation/d1> ;
    prov:wasDerivedFrom <evidence/e1> .
<vote/v1> a skg:Vote ; skg:voter <country/CHN> ; skg:onResolution <resolution/abc> ;
    skg:position skg:Against ; prov:wasDerivedFrom <evidence/e1> .
<vote/v2> a skg:Vote ; skg:voter <country/RUS> ; skg:onResolution <resolution/abc> ;
    skg:position skg:Against ; prov:wasDerivedFrom <evidence/e1> .
<org/lazarus> a skg:Organization ; rdfs:label "Lazarus Group" .
<designation/d1> a skg:Designation ; skg:designee <org/lazarus> ; skg:measure skg:AssetFreeze ;
    skg:status skg:Proposed .
<evidence/e1> a skg:Evidence ; skg:inDocument <document/aaa> ;
    skg:quote "China and Russia vetoed the resolution" ; skg:charStart 10 ; skg:charEnd 48 ;
    skg:extractedBy "vote.veto" .
<document/aaa> a skg:Document ; dcterms:title "Council vote" ; dcterms:issued "2022-05-26"^^xsd:date .
"""

DOC_B = PREFIXES + """
<launch/l1> a skg:MissileLaunch ; skg:launchedBy <country/PRK> ; skg:missileType skg:ICBM ;
    skg:missileCount 3 ; skg:launchDate "2022-05-25"^^xsd:date ; skg:launchSite "Sunan, Pyongyang" .
<country/PRK> skg:launched <launch/l1> .
<person/zhang> a skg:Person ; rdfs:label "Zhang Jun" ; skg:represents <country/CHN> ; skg:role "ambassador" .
<document/bbb> a skg:Document ; dcterms:title "Launch report" ; dcterms:issued "2022-05-27"^^xsd:date .
"""

GRAPHS = {f"{ID}document/aaa": DOC_A, f"{ID}document/bbb": DOC_B}


@dataclass
class FakeResult:
    """A QueryResult look-alike whose rows come from a generator, counting how many were pulled."""

    kind: str
    vars: list[str]
    make_rows: Callable[[], Iterator[dict[str, Identifier | None]]] = lambda: iter(())
    boolean: bool | None = None
    triple_list: list[tuple[Identifier, Identifier, Identifier]] = field(default_factory=list)
    pulled: int = 0

    def __iter__(self) -> Iterator[dict[str, Identifier | None]]:
        for row in self.make_rows():
            self.pulled += 1
            yield row

    def triples(self) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        return iter(self.triple_list)


def many_rows(count: int) -> Callable[[], Iterator[dict[str, Identifier | None]]]:
    """A generator factory for ``count`` rows of two IRIs, built on the fly."""

    def rows() -> Iterator[dict[str, Identifier | None]]:
        for i in range(count):
            yield {"s": URIRef(f"{ID}thing/{i}"), "o": URIRef(f"{SKG}Value{i % 7}")}

    return rows


# -- queries every refusal test runs -------------------------------------------------------------

UPDATES = [
    ("INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }", "INSERT DATA"),
    ("DELETE DATA { <http://a/s> <http://a/p> <http://a/o> }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "INSERT"),
    ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("WITH <http://a/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("LOAD SILENT <http://example.org/data.ttl> INTO GRAPH <http://a/g>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("CLEAR GRAPH <http://a/g>", "CLEAR"),
    ("DROP ALL", "DROP"),
    ("drop silent default", "DROP"),
    ("CREATE GRAPH <http://a/g>", "CREATE"),
    ("ADD <http://a/g> TO <http://a/h>", "ADD"),
    ("MOVE DEFAULT TO <http://a/h>", "MOVE"),
    ("COPY <http://a/g> TO DEFAULT", "COPY"),
    ("PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>\nINSERT DATA { skg:a skg:b skg:c }", "INSERT DATA"),
]

SERVICES = [
    "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x/> { ?s ?q ?r } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
    "ASK { FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { SERVICE <http://x/> { ?s ?p ?o } } }",
    "select * { service <http://x/> { ?s ?p ?o } }",
]

HARMLESS = [
    'SELECT ?s WHERE { ?s ?p "SERVICE <http://x/> { ?a ?b ?c }" }',
    'SELECT ?s WHERE { ?s ?p "DROP ALL" }',
    "SELECT ?s WHERE { ?s ?p 'x\" } ; DROP ALL ; #' }",
    'SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }',
    "# DROP ALL ; SERVICE <http://x/> {}\nSELECT ?s WHERE { ?s ?p ?o }",
    'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "INSERT DATA")) }',
    'ASK { ?s ?p """DELETE WHERE { ?s ?p ?o }""" }',
]
