"""A deterministic synthetic knowledge graph of the ontology's shape, for the query benchmark.

It writes what ``src/sanctions_kg/graph.py`` writes, at scale: one named graph per synthetic
document, holding the document node, the facts the document reports (resolutions with votes,
positions, tallies, sponsors and concerns; designations with designee, measure, status and
authority; missile launches with types, dates, counts and sites; import caps; persons representing
countries; blocked designation proposals), one evidence node per fact mention (quote, offsets,
rule), and the country / organisation nodes each document restates. Facts are drawn from shared
pools, so the same resolution or launch is reported by several documents (as in a real corpus).

Everything comes from one ``random.Random(seed)``: the same seed and target give the same quads.
The pools are sized so every competency query (cq1..cq9) returns rows: vetoed drafts on PRK,
PRK launches, blocks by CHN/RUS, US and imposed designations, caps, representatives.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from sanctions_kg.vocabulary import PREFIXES

SKG = str(PREFIXES["skg"])
ID = str(PREFIXES["id"])

P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
ELECTED = ("ALB", "ARE", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR", "JPN", "MLT", "MOZ",
           "ECU", "CHE", "DZA", "GUY", "KOR", "SLE", "SVN", "EST", "NER", "TUN", "VNM", "VCT", "IDN",
           "ZAF", "DEU", "BEL", "DOM", "KWT", "POL", "PER", "CIV", "GNQ", "ETH", "KAZ", "SWE", "NLD",
           "BOL", "URY", "EGY", "SEN", "ESP", "NZL", "AGO", "MYS", "VEN", "UKR", "NGA")
TARGETS = ("PRK", "PRK", "PRK", "IRN", "LBY", "YEM", "SYR", "SDN", "SOM", "MLI")
LAUNCHERS = ("PRK",) * 8 + ("IRN", "RUS")
MEASURES = ("AssetFreeze", "TravelBan", "ArmsEmbargo", "ExportBan", "Sanctions")
STATUSES = ("Proposed", "Imposed", "Imposed", "Blocked", "Lifted")
AUTHORITIES = ("USA", "USA", "UN", "UN", "EU", "GBR", "JPN", "KOR")
MISSILES = ("ICBM", "IRBM", "SRBM", "BallisticMissile", "HypersonicMissile", "SLBM", "CruiseMissile")
SITES = ("Sunan", "Sinpo", "Tongchang-ri", "Pyongyang", "Wonsan", "Hamhung", "Kaechon", "Jangyon")
ROLES = ("Permanent Representative", "Ambassador", "Deputy Permanent Representative", "Foreign Minister",
         "Chargé d'affaires")
RULES = ("vote.tally", "vote.position", "designation.list", "launch.report", "cap.petroleum",
         "represents.appositive", "block.hold")
FIRST = ("Kim", "Ri", "Pak", "Choe", "Jon", "Han", "Vassily", "Linda", "Zhang", "Barbara", "Nicolas",
         "James", "Maria", "Ahmed", "Sofia", "Tomas", "Yuki", "Amina", "Peter", "Olga")
LAST = ("Song", "Chol", "Nam", "Myong", "Il", "Nebenzia", "Thomas-Greenfield", "Jun", "Woodward",
        "de Riviere", "Kariuki", "Hoxha", "Juul", "Ishikane", "Hwang", "Fu", "Polyanskiy", "Kimani")


def _hex(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def skg(local: str) -> URIRef:
    return URIRef(SKG + local)


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def day(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


@dataclass
class Resolution:
    node: URIRef
    label: str
    number: int | None
    year: int | None
    vote_date: date
    adopted: bool
    sponsors: tuple[str, ...]
    concerns: tuple[str, ...]
    positions: dict[str, str]  # iso3 -> InFavour | Against | Abstention
    designations: list[int] = field(default_factory=list)


@dataclass
class Launch:
    node: URIRef
    actor: str
    when: date
    types: tuple[str, ...]
    count: int
    site: str


class World:
    """The shared pools facts are drawn from; sized from the expected number of documents."""

    def __init__(self, rng: random.Random, documents: int) -> None:
        self.rng = rng
        start = date(2006, 7, 1)
        self.resolutions: list[Resolution] = []
        for n in range(max(12, documents // 2)):
            when = start + timedelta(days=rng.randrange(0, 6500))
            concerns = (rng.choice(TARGETS),)
            sponsors = tuple(sorted(set(rng.sample(("USA", "GBR", "FRA", "JPN", "KOR", "USA"), rng.randint(1, 3)))))
            adopted = rng.random() < 0.72 and n % 4 != 0  # every 4th is a failed draft
            members = list(P5) + rng.sample(ELECTED, 10)
            positions = {m: "InFavour" for m in members}
            if adopted:
                for m in rng.sample(members[5:], rng.randint(0, 2)):
                    positions[m] = "Abstention"
                number = 1700 + n
                node, label = iri(f"resolution/{number}"), f"Resolution {number} ({when.year})"
            else:
                vetoers = ["RUS", "CHN"] if rng.random() < 0.6 else [rng.choice(("RUS", "CHN", "USA"))]
                for m in vetoers:
                    positions[m] = "Against"
                for m in rng.sample(members[5:], rng.randint(0, 4)):
                    positions[m] = rng.choice(("Abstention", "Against"))
                number = None
                node = iri(f"resolution/{_hex('draft', n, when, concerns, sponsors)}")
                label = f"Draft resolution on {concerns[0]} sponsored by {', '.join(sponsors)} voted {when.isoformat()}"
            self.resolutions.append(Resolution(node, label, number, when.year if number else None, when, adopted,
                                               sponsors, concerns, positions))
        self.adopted = [r for r in self.resolutions if r.adopted]
        self.launches = []
        for n in range(max(8, documents // 5)):
            actor = rng.choice(LAUNCHERS)
            when = start + timedelta(days=rng.randrange(0, 6500))
            self.launches.append(Launch(iri(f"launch/{_hex(actor, when, n)}"), actor, when,
                                        tuple(rng.sample(MISSILES, rng.randint(1, 2))), rng.randint(1, 8),
                                        rng.choice(SITES)))
        self.designees = [self._designee(n) for n in range(max(20, documents))]
        self.representatives = [(self._name(n, "rep"), rng.choice(P5 + ELECTED + TARGETS), rng.choice(ROLES))
                                for n in range(max(15, documents // 8))]
        self.proposals = [(iri(f"proposal/{_hex('proposal', n)}"), rng.choice(("USA", "GBR", "FRA")),
                           start + timedelta(days=rng.randrange(0, 6500)) if rng.random() < 0.5 else None,
                           tuple(rng.sample(("CHN", "RUS"), rng.randint(1, 2))))
                          for n in range(max(6, documents // 20))]

    def _name(self, n: int, salt: str) -> str:
        r = random.Random(f"{salt}{n}")
        return f"{r.choice(FIRST)} {r.choice(LAST)} {n}"

    def _designee(self, n: int) -> tuple[str, URIRef, str, tuple[str, ...]]:
        kind = "person" if self.rng.random() < 0.6 else "org"
        name = self._name(n, kind) if kind == "person" else f"Trading Company {n} Ltd"
        aliases = tuple(f"{name} alias {a}" for a in range(self.rng.choice((0, 0, 1, 2))))
        return kind, iri(f"{kind}/{_hex(kind, name)}"), name, aliases


class DocumentWriter:
    """Collects one synthetic document's triples, as ``graph.py`` would write them."""

    def __init__(self, world: World, n: int) -> None:
        self.world, self.rng = world, world.rng
        self.n = n
        self.doc = iri(f"document/{hashlib.sha256(f'synthetic document {n}'.encode()).hexdigest()}")
        self.triples: list[tuple[URIRef, URIRef, object]] = []
        self.offset = 0
        self.countries: set[str] = set()

    def add(self, s, p, o) -> None:
        self.triples.append((s, p, o))

    def country(self, iso3: str) -> URIRef:
        node = iri(f"country/{iso3}")
        if iso3 not in self.countries:
            self.countries.add(iso3)
            self.add(node, RDF.type, skg("Country"))
            self.add(node, skg("iso3"), Literal(iso3))
            self.add(node, RDFS.label, Literal(f"Country {iso3}", lang="en"))
            self.add(node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/Q{_hex(iso3)[:6]}"))
            if iso3 in P5:
                self.add(node, skg("permanentMember"), Literal(True))
        return node

    def authority(self, code: str) -> URIRef:
        if code in ("UN", "EU"):
            node = iri(f"org/{code}")
            self.add(node, RDF.type, skg("Organization"))
            self.add(node, RDFS.label, Literal("United Nations Security Council" if code == "UN" else "European Union"))
            self.add(node, SKOS.notation, Literal(code))
            return node
        return self.country(code)

    def evidence(self, fact: URIRef, rule: str, quote: str) -> None:
        start = self.offset + self.rng.randint(0, 40)
        end = start + len(quote)
        self.offset = end
        node = iri(f"evidence/{_hex(fact, self.doc, start, end, rule)}")
        self.add(fact, PROV.wasDerivedFrom, node)
        self.add(node, RDF.type, skg("Evidence"))
        self.add(node, skg("inDocument"), self.doc)
        self.add(node, skg("quote"), Literal(quote))
        self.add(node, skg("charStart"), integer(start))
        self.add(node, skg("charEnd"), integer(end))
        self.add(node, skg("extractedBy"), Literal(rule))

    def document(self, issued: date) -> None:
        d = self.doc
        self.add(d, RDF.type, skg("Document"))
        self.add(d, DCTERMS.title, Literal(f"Synthetic report {self.n} on Security Council sanctions"))
        self.add(d, DCTERMS.source, URIRef(f"https://example.org/news/{self.n}"))
        self.add(d, DCTERMS.publisher, Literal(f"Publisher {self.n % 37}"))
        self.add(d, DCTERMS.issued, day(issued))
        self.add(d, skg("contentHash"), Literal(str(d).rsplit("/", 1)[1]))
        self.add(d, skg("sourceFile"), Literal(f"corpus/synthetic/{self.n:06d}.txt"))

    def resolution(self, r: Resolution) -> None:
        node = r.node
        self.add(node, RDF.type, skg("Resolution"))
        self.add(node, RDFS.label, Literal(r.label))
        if r.number:
            self.add(node, skg("resolutionNumber"), integer(r.number))
            self.add(node, skg("resolutionYear"), integer(r.year))
            self.add(node, skg("symbol"), Literal(f"S/RES/{r.number} ({r.year})"))
        self.add(node, skg("voteDate"), day(r.vote_date))
        self.add(node, skg("outcome"), skg("Adopted" if r.adopted else "NotAdopted"))
        tally = list(r.positions.values())
        self.add(node, skg("votesInFavour"), integer(tally.count("InFavour")))
        self.add(node, skg("votesAgainst"), integer(tally.count("Against")))
        self.add(node, skg("abstentions"), integer(tally.count("Abstention")))
        for iso3 in r.sponsors:
            self.add(node, skg("sponsor"), self.country(iso3))
        for iso3 in r.concerns:
            self.add(node, skg("concerns"), self.country(iso3))
        self.evidence(node, "vote.tally", f"The Council voted {tally.count('InFavour')} in favour to "
                                          f"{tally.count('Against')} against on the text on {r.concerns[0]}.")
        shortcut = {"InFavour": "votedFor", "Against": "votedAgainst", "Abstention": "abstainedOn"}
        positions = list(r.positions.items())
        if self.rng.random() < 0.7:  # most reports name the notable positions only
            positions = [(c, p) for c, p in positions if p != "InFavour" or self.rng.random() < 0.2]
        for iso3, pos in positions:
            voter = self.country(iso3)
            vote = iri(f"vote/{_hex(node, iso3)}")
            self.add(vote, RDF.type, skg("Vote"))
            self.add(vote, skg("voter"), voter)
            self.add(vote, skg("onResolution"), node)
            self.add(vote, skg("position"), skg(pos))
            self.add(voter, skg(shortcut[pos]), node)
            if pos == "Against" and iso3 in P5 and not r.adopted:
                self.add(voter, skg("vetoed"), node)
            self.evidence(vote, "vote.position", f"Country {iso3} voted {pos.lower()}.")

    def designation(self, designee: tuple[str, URIRef, str, tuple[str, ...]], resolution: Resolution | None) -> None:
        kind, person, name, aliases = designee
        self.add(person, RDF.type, skg("Person" if kind == "person" else "Organization"))
        self.add(person, RDFS.label, Literal(name))
        for alias in aliases:
            self.add(person, SKOS.altLabel, Literal(alias))
        measure = self.rng.choice(MEASURES)
        status = self.rng.choice(STATUSES)
        code = self.rng.choice(AUTHORITIES)
        node = iri(f"designation/{_hex(person, measure, status, code)}")
        self.add(node, RDF.type, skg("Designation"))
        self.add(node, skg("designee"), person)
        self.add(node, skg("measure"), skg(measure))
        self.add(node, skg("status"), skg(status))
        self.add(node, skg("designatedBy"), self.authority(code))
        if self.rng.random() < 0.5:
            self.add(node, skg("date"), day(date(2009, 1, 1) + timedelta(days=self.rng.randrange(5000))))
        self.add(person, skg("designatedFor"), skg(measure))
        if resolution is not None:
            self.add(resolution.node, skg("proposes"), node)
        self.evidence(node, "designation.list", f"{name} was designated for {measure} by {code}.")

    def launch(self, launch: Launch) -> None:
        actor = self.country(launch.actor)
        node = launch.node
        self.add(node, RDF.type, skg("MissileLaunch"))
        self.add(node, skg("launchedBy"), actor)
        self.add(actor, skg("launched"), node)
        if self.rng.random() < 0.9:
            self.add(node, skg("launchDate"), day(launch.when))
        self.add(node, skg("missileCount"), integer(launch.count))
        self.add(node, skg("launchSite"), Literal(launch.site))
        for t in launch.types:
            self.add(node, skg("missileType"), skg(t))
        self.evidence(node, "launch.report", f"{launch.actor} fired {launch.count} missiles from {launch.site}.")

    def cap(self, resolution: Resolution, n: int) -> None:
        commodity = ("CrudeOil", "RefinedPetroleum")[n % 2]
        before, after = (4000000, 500000) if n % 2 else (None, 4000000)
        target = resolution.concerns[0]
        node = iri(f"cap/{_hex(target, commodity, before, after, resolution.node)}")
        self.add(node, RDF.type, skg("ImportCap"))
        self.add(node, skg("commodity"), skg(commodity))
        if before is not None:
            self.add(node, skg("limitBefore"), Literal(f"{before}.0", datatype=XSD.decimal))
        self.add(node, skg("limitAfter"), Literal(f"{after}.0", datatype=XSD.decimal))
        self.add(node, skg("unit"), skg("Barrel"))
        self.add(node, skg("capOn"), self.country(target))
        self.add(resolution.node, skg("proposes"), node)
        self.evidence(node, "cap.petroleum", f"caps {commodity} imports at {after} barrels a year.")

    def represents(self, rep: tuple[str, str, str]) -> None:
        name, iso3, role = rep
        person = iri(f"person/{_hex('person', name)}")
        self.add(person, RDF.type, skg("Person"))
        self.add(person, RDFS.label, Literal(name))
        self.add(person, skg("represents"), self.country(iso3))
        self.add(person, skg("role"), Literal(role))
        self.evidence(person, "represents.appositive", f"{name}, {role} of {iso3}, said.")

    def block(self, proposal: tuple[URIRef, str, date | None, tuple[str, ...]]) -> None:
        node, sponsor, when, blockers = proposal
        self.add(node, RDF.type, skg("DesignationProposal"))
        self.add(node, RDFS.label, Literal(f"{sponsor} proposal to designate entities"))
        self.add(node, skg("sponsor"), self.country(sponsor))
        if when is not None:
            self.add(node, skg("date"), day(when))
        for b in blockers:
            self.add(self.country(b), skg("blocked"), node)
        self.evidence(node, "block.hold", f"{' and '.join(blockers)} placed a hold on the {sponsor} proposal.")


def documents(target_triples: int, seed: int = 20240527) -> Iterator[tuple[URIRef, list[tuple]]]:
    """Yield ``(graph IRI, triples)`` per synthetic document until ``target_triples`` distinct triples exist.

    Distinct means over the union: a country restated in many documents counts once, so the
    number of quads (triples summed over the named graphs) is somewhat larger.
    """
    rng = random.Random(seed)
    world = World(rng, documents=max(50, target_triples // 100))
    seen: set[int] = set()
    n = 0
    while len(seen) < target_triples:
        w = DocumentWriter(world, n)
        w.document(date(2006, 10, 9) + timedelta(days=rng.randrange(6500)))
        res = rng.choice(world.resolutions) if rng.random() < 0.45 or n < 10 else None
        if res is not None:
            w.resolution(res)
        if rng.random() < 0.4 or n % 10 == 1:
            proposer = res if res is not None and res.adopted and rng.random() < 0.5 else None
            if n % 10 == 1 and proposer is None:  # guarantee adopted resolutions proposing designations
                proposer = rng.choice(world.adopted)
                w.resolution(proposer)
            for _ in range(rng.randint(1, 6)):
                w.designation(rng.choice(world.designees), proposer)
        if rng.random() < 0.3 or n % 10 == 2:
            for launch in rng.sample(world.launches, rng.randint(1, 2)):
                w.launch(launch)
        if (res is not None and res.adopted and rng.random() < 0.15) or n % 25 == 3:
            r = res if res is not None and res.adopted else rng.choice(world.adopted)
            if r is not res:
                w.resolution(r)
            for k in range(rng.randint(1, 2)):
                w.cap(r, k)
        if rng.random() < 0.5 or n % 10 == 4:
            for rep in rng.sample(world.representatives, rng.randint(1, 3)):
                w.represents(rep)
        if rng.random() < 0.12 or n % 10 == 5:
            w.block(rng.choice(world.proposals))
        unique = list(dict.fromkeys(w.triples))  # a graph is a set
        for t in unique:
            seen.add(hash(t))
        yield w.doc, unique
        n += 1


if __name__ == "__main__":  # a quick look: python bench/generate.py 100000
    import sys
    import time

    t0 = time.perf_counter()
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    graphs = quads = 0
    for _, triples in documents(target):
        graphs += 1
        quads += len(triples)
    print(f"{graphs} graphs, {quads} quads, >= {target} distinct triples, {time.perf_counter() - t0:.1f} s")
