"""Deterministic IRIs: the same real-world thing gets the same IRI in every run and document.

An IRI is ``id:<kind>/<key>`` where the key is the first 16 hex digits of sha256 over the normalised
identifying parts (see docs/model.md), or a readable code where one exists (ISO3, resolution number).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from rdflib import URIRef

from .names import normalise_name
from .namespace import ID

Part = str | int | float | date | None | Iterable[str]


def _norm(part: Part) -> str:
    if part is None:
        return ""
    if isinstance(part, (date, int, float)):
        return str(part)
    if isinstance(part, str):
        return normalise_name(part)
    return ",".join(sorted(_norm(p) for p in part))


def key(*parts: Part) -> str:
    """Hash of the normalised parts, joined with '|' (order matters, case and accents do not)."""
    return hashlib.sha256("|".join(_norm(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def country_iri(iso3: str) -> URIRef:
    return ID[f"country/{iso3.upper()}"]


def org_iri(code: str | None, name: str) -> URIRef:
    """A gazetteer organisation by its code, any other by its normalised name."""
    return ID[f"org/{code}"] if code else ID[f"org/{key(name)}"]


def person_iri(name: str) -> URIRef:
    return ID[f"person/{key(name)}"]


def document_iri(doc_id: str) -> URIRef:
    return ID[f"document/{doc_id}"]


def resolution_iri(number: int | None, day: date | None, concerns: Iterable[str],
                   sponsors: Iterable[str], outcome: str | None) -> URIRef:
    """Adopted resolutions by number; drafts by date, target, sponsors and outcome."""
    if number:
        return ID[f"resolution/{number}"]
    return ID[f"resolution/{key(day, list(concerns), list(sponsors), outcome)}"]


def vote_iri(resolution: URIRef, voter: str) -> URIRef:
    return ID[f"vote/{key(str(resolution), voter)}"]


def designation_iri(designee: URIRef, measure: str, status: str, authority: str | None) -> URIRef:
    return ID[f"designation/{key(str(designee), measure, status, authority)}"]


def proposal_iri(sponsor: str | None, month: str) -> URIRef:
    return ID[f"proposal/{key(sponsor, month)}"]


def launch_iri(actor: str, day: date | None, document: str = "", index: int = 0) -> URIRef:
    """Dated launches by actor and date; undated ones are local to their document until merged."""
    if day:
        return ID[f"launch/{key(actor, day)}"]
    return ID[f"launch/{key(actor, document, index)}"]


def cap_iri(country: str | None, commodity: str, before: float | None, after: float | None,
            unit: str) -> URIRef:
    return ID[f"cap/{key(country, commodity, before, after, unit)}"]


def evidence_iri(fact: URIRef, doc_id: str, start: int, end: int, rule: str) -> URIRef:
    return ID[f"evidence/{key(str(fact), doc_id, start, end, rule)}"]
