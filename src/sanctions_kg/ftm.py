"""FollowTheMoney export: designations as FtM ``Sanction`` entities for OpenSanctions and Aleph tools.

Each ``skg:Designation`` becomes a ``Sanction`` (authority, program when a resolution proposes it,
provisions from the measure, status, dates, the source URLs and quotes of its evidence) whose
``entity`` is the designee as a ``Person``, ``Organization``, ``Company`` or ``Vessel`` (which one is
data: ``rules/ftm.yml``). Entities are built with the ``followthemoney`` package, so every value is
cleaned by its property type; the file is one JSON entity per line (the FtM streaming format),
written to a temporary file and renamed.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import Errors, SanctionsKGError
from .query import run_query
from .settings import PACKAGE_DIR
from .store import Store

DATASET = "sanctions-kg"
DESIGNATIONS = """SELECT ?d ?designee (SAMPLE(?dl) AS ?name) (SAMPLE(?dt) AS ?kind) ?measure ?status
  (SAMPLE(?bl) AS ?authority) (SAMPLE(?date0) AS ?date) (SAMPLE(?rl) AS ?program) WHERE {
  ?d a skg:Designation ; skg:designee ?designee ; skg:measure ?measure ; skg:status ?status .
  OPTIONAL { ?designee rdfs:label ?dl }
  OPTIONAL { ?designee a ?dt VALUES ?dt { skg:Person skg:Organization } }
  OPTIONAL { ?d skg:designatedBy ?by . OPTIONAL { ?by rdfs:label ?bl } }
  OPTIONAL { ?d skg:date ?date0 }
  OPTIONAL { ?res skg:proposes ?d . OPTIONAL { ?res rdfs:label ?rl } }
} GROUP BY ?d ?designee ?measure ?status ORDER BY ?d"""
ALIASES = """SELECT DISTINCT ?designee ?alias WHERE { ?d a skg:Designation ; skg:designee ?designee .
  ?designee skos:altLabel ?alias }"""
EVIDENCE = """SELECT ?d ?quote ?url ?issued WHERE { ?d a skg:Designation ; prov:wasDerivedFrom ?ev .
  ?ev skg:quote ?quote ; skg:inDocument ?doc . OPTIONAL { ?doc dcterms:source ?url }
  OPTIONAL { ?doc dcterms:issued ?issued } } ORDER BY ?d ?issued"""


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    with open(PACKAGE_DIR / "rules" / "ftm.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def schema_for(kind: str, name: str) -> str:
    """The FtM schema of a designee: Person, or Vessel/Company/Organization by the words of its name."""
    if kind.endswith("Person"):
        return "Person"
    words = set(re.findall(r"[\w/]+", name.lower()))
    rules = _rules()
    if words & set(rules["vessel_words"]):
        return "Vessel"
    if words & set(rules["company_words"]):
        return "Company"
    return "Organization"


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(store: Store, sparql: str) -> list[dict[str, Any]]:
    result = run_query(store, sparql)
    assert result is not None
    with result:
        return list(result)


def ftm_entities(store: Store) -> Iterator[Any]:
    """The designees and their Sanction entities (followthemoney ``EntityProxy`` objects), designee first."""
    try:
        from followthemoney import model
    except ImportError as exc:  # an optional extra: say how to get it instead of a traceback
        raise SanctionsKGError(Errors.E057) from exc
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, ALIASES):
        aliases[str(row["designee"])].add(str(row["alias"]))
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(store, EVIDENCE):
        evidence[str(row["d"])].append(row)
    seen: set[str] = set()
    for row in _rows(store, DESIGNATIONS):
        designee_iri = str(row["designee"])
        name = str(row.get("name") or _local(designee_iri))
        designee = model.make_entity(schema_for(str(row.get("kind") or ""), name))
        designee.id = designee.make_id(DATASET, designee_iri)
        designee.add("name", name)
        designee.add("alias", sorted(aliases[designee_iri] - {name}))
        designee.add("sourceUrl", designee_iri)
        if designee_iri not in seen:
            seen.add(designee_iri)
            yield designee
        yield _sanction(model, row, designee, evidence[str(row["d"])])


def _sanction(model: Any, row: dict[str, Any], designee: Any, evidence: list[dict[str, Any]]) -> Any:
    """One Sanction for one designation, linked to its designee."""
    sanction = model.make_entity("Sanction")
    sanction.id = sanction.make_id(DATASET, str(row["d"]))
    sanction.add("entity", designee.id)
    sanction.add("authority", str(row.get("authority") or ""))
    sanction.add("program", str(row.get("program") or ""))
    measure = _local(row["measure"])
    sanction.add("provisions", _rules()["provisions"].get(measure, measure))
    sanction.add("status", _local(row["status"]))
    dates = [str(row["date"])] if row.get("date") else []
    reported = sorted({str(e["issued"]) for e in evidence if e.get("issued")})
    sanction.add("date", dates or reported[:1])  # the designation's own date, else its first report's
    if _local(row["status"]) == "Imposed":
        sanction.add("startDate", dates)
        sanction.add("listingDate", dates)
    sanction.add("sourceUrl", sorted({str(e["url"]) for e in evidence if e.get("url")}))
    sanction.add("summary", sorted({str(e["quote"]) for e in evidence})[:1])
    sanction.add("recordId", str(row["d"]))
    return sanction


def write_ftm(store: Store, path: Path) -> int:
    """Write the FtM entities as JSON lines to ``path`` (atomically); returns how many were written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for entity in ftm_entities(store):
                out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return count
