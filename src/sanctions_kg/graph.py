"""Fact records -> RDF triples for one document's named graph (the only module that knows the ontology).

Identity is decided before this module runs (``resolve`` gives the event IRIs, ``ids`` the others);
this module only writes. Every fact node gets ``prov:wasDerivedFrom`` evidence pointing into this
document; nodes that other documents also describe (countries, a resolution, a launch) get the same
IRI there, so the union of the named graphs holds one node with evidence from each document.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import ids
from .extract import DocumentFacts
from .extract.lexicon import Lexicon, load_lexicon
from .namespace import SKG
from .records import (
    ActorRef,
    BlockFact,
    DesignationFact,
    Document,
    Evidence,
    ImportCapFact,
    LaunchFact,
    RepresentsFact,
    VoteFact,
)
from .resolve import Identities
from .ruleset import rules_dir
from .vocabulary import COMMODITY, MEASURE, MISSILE, OUTCOME, POSITION, SHORTCUT, STATUS, UNIT
from .vocabulary import OUTCOME_CODES as OUTCOME_CODES  # re-exported: older imports read the codes here
from .vocabulary import PREFIXES as PREFIXES
from .vocabulary import TYPE_CODES as TYPE_CODES

#: quotes written per fact node and document: the first ones in the text. A text that tells one vote
#: in thousands of sentences (a 5 MB feed of the same report) would otherwise hang them all on one node,
#: and SHACL's class check of that node's values grows with their square (issue 11: bounded cost).
MAX_EVIDENCE = 32


class GraphBuilder:
    """Writes one document's facts into a fresh rdflib Graph."""

    def __init__(self, document: Document, lexicon: Lexicon | None = None) -> None:
        self.document = document
        self.lex = lexicon or load_lexicon(rules_dir())
        # no prefixes bound: binding twenty of them cost more than writing a short document; whoever
        # serialises binds them (``vocabulary.bind_prefixes``, as the file stores and exports do). A
        # document graph has no named graphs inside it, so rdflib's store without context indexes does:
        # it adds a triple in about half the time and takes a fifth less memory (bench/README.md)
        self.g = Graph(store="SimpleMemory")
        self.doc_iri = ids.document_iri(document.doc_id)

    # --- small writers ---------------------------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o) -> None:
        if o is not None:
            self.g.add((s, p, o if isinstance(o, (URIRef, Literal)) else _literal(o)))

    def evidence(self, fact: URIRef, evidence: Iterable[Evidence]) -> None:
        for ev in islice(evidence, MAX_EVIDENCE):
            node = ids.evidence_iri(fact, ev.doc_id, ev.start, ev.end, ev.rule)
            self.add(fact, PROV.wasDerivedFrom, node)
            self.add(node, RDF.type, SKG.Evidence)
            self.add(node, SKG.inDocument, self.doc_iri)
            self.add(node, SKG.quote, Literal(ev.quote))
            self.add(node, SKG.charStart, Literal(ev.start, datatype=XSD.integer))
            self.add(node, SKG.charEnd, Literal(ev.end, datatype=XSD.integer))
            self.add(node, SKG.extractedBy, Literal(ev.rule))

    def country(self, iso3: str) -> URIRef:
        node = ids.country_iri(iso3)
        entry = self.lex.countries.get(iso3, {})
        self.add(node, RDF.type, SKG.Country)
        self.add(node, SKG.iso3, Literal(iso3))
        self.add(node, RDFS.label, Literal(entry.get("name", iso3), lang="en"))
        if entry.get("wikidata"):
            self.add(node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{entry['wikidata']}"))
        if entry.get("permanent"):
            self.add(node, SKG.permanentMember, Literal(True))
        return node

    def authority(self, code: str | None) -> URIRef | None:
        """A country by ISO3, or a gazetteer organisation (UN, EU) by its code."""
        if code is None:
            return None
        if code in self.lex.countries:
            return self.country(code)
        entry = self.lex.org_by_code.get(code, {"label": code})
        return self.organisation(ActorRef("organization", entry["label"], code))

    def organisation(self, ref: ActorRef) -> URIRef:
        node = ids.org_iri(ref.code, ref.name)
        self.add(node, RDF.type, SKG.Organization)
        self.add(node, RDFS.label, Literal(ref.name))
        if ref.code:
            self.add(node, SKOS.notation, Literal(ref.code))
        self.alt_labels(node, ref)
        return node

    def person(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        node = ids.person_iri(name)
        self.add(node, RDF.type, SKG.Person)
        self.add(node, RDFS.label, Literal(name))
        self.alt_labels(node, ActorRef("person", name, aliases=tuple(aliases)))
        return node

    def alt_labels(self, node: URIRef, ref: ActorRef) -> None:
        for alias in ref.aliases:
            if alias != ref.name:
                self.add(node, SKOS.altLabel, Literal(alias))

    def actor(self, ref: ActorRef) -> URIRef:
        if ref.kind == "country" and ref.code:
            return self.country(ref.code)
        return self.person(ref.name, ref.aliases) if ref.kind == "person" else self.organisation(ref)

    # --- documents and facts ---------------------------------------------------------------------
    def document_node(self) -> None:
        d, m, node = self.document, self.document.meta, self.doc_iri
        self.add(node, RDF.type, SKG.Document)
        self.add(node, DCTERMS.title, Literal(m.title or d.name))
        self.add(node, DCTERMS.source, URIRef(m.source_url) if m.source_url else None)
        self.add(node, DCTERMS.publisher, Literal(m.publisher) if m.publisher else None)
        self.add(node, DCTERMS.issued, m.published)
        self.add(node, SKG.contentHash, Literal(d.doc_id))
        self.add(node, SKG.sourceFile, Literal(d.path))

    def vote(self, v: VoteFact, res: URIRef) -> URIRef:
        """A resolution (its IRI decided by ``resolve``) with its tally, outcome and positions."""
        self.add(res, RDF.type, SKG.Resolution)
        self.add(res, RDFS.label, Literal(_resolution_label(v, self.lex)))
        self.add(res, SKG.resolutionNumber, Literal(v.number, datatype=XSD.integer) if v.number else None)
        self.add(res, SKG.resolutionYear, Literal(v.year, datatype=XSD.integer) if v.year else None)
        self.add(res, SKG.symbol, Literal(v.symbol) if v.symbol else None)
        self.add(res, SKG.voteDate, v.date)
        self.add(res, SKG.outcome, OUTCOME.get(v.outcome or ""))
        for prop, value in ((SKG.votesInFavour, v.in_favour), (SKG.votesAgainst, v.against),
                            (SKG.abstentions, v.abstentions)):
            self.add(res, prop, Literal(value, datatype=XSD.integer) if value is not None else None)
        for iso3 in v.sponsors:
            self.add(res, SKG.sponsor, self.country(iso3))
        for iso3 in v.concerns:
            self.add(res, SKG.concerns, self.country(iso3))
        self.evidence(res, v.evidence)
        evidence = dict(v.position_evidence)
        for iso3, pos in v.positions:
            self.position(res, iso3, pos, v, evidence.get(iso3))
        return res

    def position(self, res: URIRef, iso3: str, pos: str, v: VoteFact, ev: Evidence | None) -> None:
        voter = self.country(iso3)
        node = ids.vote_iri(res, iso3)
        self.add(node, RDF.type, SKG.Vote)
        self.add(node, SKG.voter, voter)
        self.add(node, SKG.onResolution, res)
        self.add(node, SKG.position, POSITION[pos])
        self.add(voter, SHORTCUT[pos], res)
        if iso3 in v.vetoed_by:
            self.add(voter, SKG.vetoed, res)
        self.evidence(node, [ev] if ev else v.evidence[:1])

    def designation(self, d: DesignationFact, resolution: URIRef | None) -> URIRef:
        designee = self.actor(d.designee)
        node = ids.designation_iri(designee, d.measure, d.status, d.authority)
        self.add(node, RDF.type, SKG.Designation)
        self.add(node, SKG.designee, designee)
        self.add(node, SKG.measure, MEASURE[d.measure])
        self.add(node, SKG.status, STATUS[d.status])
        self.add(node, SKG.designatedBy, self.authority(d.authority))
        self.add(node, SKG.date, d.date)
        self.add(designee, SKG.designatedFor, MEASURE[d.measure])
        if resolution is not None and d.via_resolution:
            self.add(resolution, SKG.proposes, node)
        self.evidence(node, d.evidence)
        return node

    def launch(self, launch: LaunchFact, node: URIRef) -> None:
        actor = self.country(launch.actor)
        self.add(node, RDF.type, SKG.MissileLaunch)
        self.add(node, SKG.launchedBy, actor)
        self.add(actor, SKG.launched, node)
        self.add(node, SKG.launchDate, launch.date)
        self.add(node, SKG.missileCount, Literal(launch.count, datatype=XSD.integer) if launch.count else None)
        self.add(node, SKG.launchSite, Literal(launch.site) if launch.site else None)
        for t in launch.types:
            self.add(node, SKG.missileType, MISSILE[t])
        self.evidence(node, launch.evidence)

    def cap(self, c: ImportCapFact, resolution: URIRef | None, target: str | None = None) -> None:
        """An import cap; one a resolution proposes is on the country the resolution concerns."""
        if c.country is None and c.via_resolution and target:
            c = replace(c, country=target)
        node = ids.cap_iri(c.country, c.commodity, c.before, c.after, c.unit)
        self.add(node, RDF.type, SKG.ImportCap)
        self.add(node, SKG.commodity, COMMODITY[c.commodity])
        self.add(node, SKG.limitBefore, _decimal(c.before))
        self.add(node, SKG.limitAfter, _decimal(c.after))
        self.add(node, SKG.unit, UNIT[c.unit])
        self.add(node, SKG.capOn, self.country(c.country) if c.country else None)
        if resolution is not None and c.via_resolution:
            self.add(resolution, SKG.proposes, node)
        self.evidence(node, c.evidence)

    def represents(self, r: RepresentsFact) -> None:
        person = self.person(r.person)
        self.add(person, SKG.represents, self.country(r.country))
        self.add(person, SKG.role, Literal(r.role) if r.role else None)
        self.evidence(person, r.evidence)

    def block(self, b: BlockFact) -> None:
        when = b.date or self.document.meta.published
        month = when.strftime("%Y-%m") if when else self.document.doc_id
        node = ids.proposal_iri(b.proposal_by, month)
        self.add(node, RDF.type, SKG.DesignationProposal)
        if (node, RDFS.label, None) not in self.g:  # one proposal, one label: the first way the text names it
            self.add(node, RDFS.label, Literal(b.proposal_label or "proposal"))
        self.add(node, SKG.sponsor, self.country(b.proposal_by) if b.proposal_by else None)
        self.add(node, SKG.date, b.date)
        self.add(self.country(b.blocker), SKG.blocked, node)
        self.evidence(node, b.evidence)


class IdentitySource(Protocol):
    """What decides identities (``resolve.EventIndex``); accepted for callers that pass the index."""

    def resolve(self, facts: DocumentFacts) -> Identities: ...


def build_document_graph(facts: DocumentFacts, identities: Identities | IdentitySource) -> Graph:
    """All triples for one document (its named graph), with the event IRIs ``resolve`` decided."""
    if not isinstance(identities, Identities):
        identities = identities.resolve(facts)
    b = GraphBuilder(facts.document)
    b.document_node()
    resolutions = [b.vote(v, res) for v, res in zip(facts.votes, identities.resolutions, strict=True)]
    main = resolutions[0] if len(resolutions) == 1 else None
    for d in facts.designations:
        b.designation(d, main)
    for launch, node in zip(facts.launches, identities.launches, strict=True):
        b.launch(launch, node)
    target = facts.votes[0].concerns[0] if main is not None and len(facts.votes[0].concerns) == 1 else None
    for c in facts.caps:
        b.cap(c, main, target)
    for r in facts.represents:
        b.represents(r)
    for bl in facts.blocks:
        b.block(bl)
    return b.g


def _literal(value) -> Literal:
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value)


def _decimal(value: float | None) -> Literal | None:
    """xsd:decimal in its canonical lexical form ("4000000.0"), which survives a Turtle round trip."""
    if value is None:
        return None
    text = format(Decimal(str(value)), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _resolution_label(v: VoteFact, lex: Lexicon) -> str:
    """A readable, deterministic label from the identifying parts (the texts word it differently)."""
    if v.number:
        return f"Resolution {v.number}" + (f" ({v.year})" if v.year else "")
    target = ", ".join(lex.country_name(c) for c in v.concerns) or "unspecified target"
    by = ", ".join(lex.country_name(c) for c in v.sponsors)
    when = f" voted {v.date.isoformat()}" if v.date else ""
    return f"Draft resolution on {target}" + (f" sponsored by {by}" if by else "") + when
