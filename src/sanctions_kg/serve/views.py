"""The three views analysts ask for, as tables of plain values (for CSV) that ``svg.py`` draws.

* vote matrix: Council members x resolutions, the position of each vote, vetoes marked;
* launch timeline: date x missile type, with count and site (an undated launch is placed at the
  date its first report was issued, and says so);
* designations by authority over time: how many designations each authority made per month (the
  designation's date, or else the date of the first document reporting it).
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from rdflib import URIRef

from ..query import compact
from .data import Data, local_href

VOTES = """SELECT ?res (SAMPLE(?rl) AS ?resLabel) (SAMPLE(?d) AS ?date) ?voter (SAMPLE(?vl) AS ?voterLabel)
  (SAMPLE(?i) AS ?iso) ?position (MAX(?v) AS ?veto) WHERE {
  ?vote a skg:Vote ; skg:voter ?voter ; skg:onResolution ?res ; skg:position ?position .
  OPTIONAL { ?res rdfs:label ?rl } OPTIONAL { ?res skg:voteDate ?d }
  OPTIONAL { ?voter rdfs:label ?vl } OPTIONAL { ?voter skg:iso3 ?i }
  BIND(EXISTS { ?voter skg:vetoed ?res } AS ?v) } GROUP BY ?res ?voter ?position ORDER BY ?date ?res ?iso"""
LAUNCHES = """SELECT ?launch (SAMPLE(?al) AS ?actor) (MIN(?ld) AS ?date) (MIN(?issued) AS ?reported) ?type
  (MAX(?c) AS ?count) (GROUP_CONCAT(DISTINCT STR(?s); separator=" | ") AS ?site) WHERE {
  ?launch a skg:MissileLaunch ; skg:launchedBy ?a . OPTIONAL { ?a rdfs:label ?al }
  OPTIONAL { ?launch skg:missileType ?type } OPTIONAL { ?launch skg:launchDate ?ld }
  OPTIONAL { ?launch skg:missileCount ?c } OPTIONAL { ?launch skg:launchSite ?s }
  OPTIONAL { ?launch prov:wasDerivedFrom/skg:inDocument/dcterms:issued ?issued }
} GROUP BY ?launch ?type ORDER BY ?date ?launch"""
DESIGNATIONS = """SELECT ?designation (SAMPLE(?al) AS ?authority) (SAMPLE(?code) AS ?authorityCode)
  (MIN(?d) AS ?date) (MIN(?issued) AS ?reported) (SAMPLE(?status) AS ?st) WHERE {
  ?designation a skg:Designation ; skg:status ?status .
  OPTIONAL { ?designation skg:designatedBy ?a . OPTIONAL { ?a rdfs:label ?al }
             OPTIONAL { ?a skg:iso3 ?iso } OPTIONAL { ?a skos:notation ?nota } BIND(COALESCE(?iso, ?nota) AS ?code) }
  OPTIONAL { ?designation skg:date ?d }
  OPTIONAL { ?designation prov:wasDerivedFrom/skg:inDocument/dcterms:issued ?issued }
} GROUP BY ?designation"""


@dataclass(frozen=True)
class VoteCell:
    resolution: str
    resolution_label: str
    vote_date: str
    voter: str
    voter_label: str
    iso3: str
    position: str
    veto: bool


@dataclass(frozen=True)
class LaunchPoint:
    launch: str
    actor: str
    date: str
    date_is_report: bool
    missile_type: str
    count: str
    site: str


@dataclass(frozen=True)
class DesignationCount:
    authority: str
    month: str
    status: str
    count: int


def vote_matrix(data: Data) -> list[VoteCell]:
    """One cell per (resolution, voter, position), in vote-date order."""
    cells = []
    for row in data.rows(VOTES):
        res, voter = str(row["res"]), str(row["voter"])
        cells.append(VoteCell(res, _s(row.get("resLabel")) or compact(URIRef(res)), _s(row.get("date")),
                              voter, _s(row.get("voterLabel")) or compact(URIRef(voter)), _s(row.get("iso")),
                              compact(row["position"]).removeprefix("skg:") if row["position"] else "",
                              _s(row.get("veto")).lower() == "true"))
    return cells


def launch_timeline(data: Data) -> list[LaunchPoint]:
    """One point per (launch, missile type); an untyped launch has the type ``unknown``."""
    points = []
    for row in data.rows(LAUNCHES):
        date, reported = _s(row.get("date")), _s(row.get("reported"))
        kind = row.get("type")
        kind_name = compact(kind).removeprefix("skg:") if kind is not None else "unknown"
        points.append(LaunchPoint(str(row["launch"]), _s(row.get("actor")), date or reported,
                                  not date and bool(reported), kind_name, _s(row.get("count")), _s(row.get("site"))))
    return points


def designations_by_authority(data: Data) -> list[DesignationCount]:
    """Designations counted per (authority, month, status); an undated one takes its report's month."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for row in data.rows(DESIGNATIONS):
        authority = _s(row.get("authorityCode")) or _s(row.get("authority")) or "unknown"
        month = (_s(row.get("date")) or _s(row.get("reported")))[:7] or "undated"
        status = compact(row["st"]).removeprefix("skg:") if row.get("st") is not None else ""
        counts[(authority, month, status)] += 1
    return [DesignationCount(a, m, s, n) for (a, m, s), n in sorted(counts.items())]


def to_csv(items: Sequence[Any], kind: type) -> str:
    """The rows of a view as CSV, one column per field of its record type."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [f.name for f in fields(kind)]
    writer.writerow(names)
    for item in items:
        writer.writerow([_csv(getattr(item, name)) for name in names])
    return out.getvalue()


def href(iri: str) -> str:
    return local_href(iri)


def _csv(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _s(term: object) -> str:
    return "" if term is None else str(term)
