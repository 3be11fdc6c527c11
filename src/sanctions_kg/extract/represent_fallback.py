"""When the text ties a role to no country: the role's own state ("Secretary of State" is the United
States') or the state speaking through the document (``DocContext.source``), under conditions that keep
foreign officials, designees and posts of international bodies out.

A publisher's state is lent only to a full name (or to the document's speaker, or to a family name tied
to an office of the publisher), never to someone named where designations are made, never to a chair or
an official of an international body, to a head of state or government only as the speaker, and not when
the role's office is another's ("Pentagon spokesperson" under a Seoul dateline, "Minister of State of the
Federal Foreign Office" in a Korean release).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from .context import DocContext, ents_of
from .lexicon import normalise_name
from .represent_names import plain_name
from .roles import Role, complement_segments, international, phrase_end, role_word, rules, title_window_start


@dataclass(frozen=True)
class Found:
    """One person-country link before evidence is attached (``country`` None: a role without a country)."""

    person: str
    country: str | None
    role: str | None
    rule: str
    found_role: Role | None = None


def with_fallback(ctx: DocContext, found: Found, ent: Span, speaker: bool, listed: set[str]) -> Found | None:
    """A role without a country in the text takes the role's own state, else the document's source."""
    role = found.found_role
    if role is None:
        return None
    own = phrase_end(ctx.doc, role.end, len(ctx.doc)) == role.end and own_name(ctx, ent, speaker, listed)
    if own and role.info.country:
        return Found(found.person, role.info.country, found.role, found.rule + "+role")
    country = fallback_country(ctx, role, ent, speaker, listed)
    return Found(found.person, country, found.role, found.rule + "+source") if country else None


def fallback_country(ctx: DocContext, role: Role, ent: Span, speaker: bool, listed: set[str]) -> str | None:
    """The source's state, when the role is one a state's own official holds (not a chair, not a post of an
    international body), the name is full (or the person is the document's speaker), and the person is not
    named where designations are made. A head of state or government is lent the source's state only as
    the speaker; a dateline lends its state only to officials."""
    source = ctx.source
    kind = role.info.kind
    if source.country is None or kind in {"chair", "peer"} or international(ctx.doc, role, ent.sent.end):
        return None
    if kind == "head" and not speaker or source.how == "dateline" and kind != "official":
        return None
    if other_owner(ctx, role, strict=source.how == "dateline") or foreign_office(ctx, role):
        return None
    return source.country if own_name(ctx, ent, speaker, listed) else None


def foreign_office(ctx: DocContext, role: Role) -> bool:
    """The role's complement ends in an office that is not the publisher's ("Minister of State of the
    Federal Foreign Office" in a Korean release): the holder is not lent the publisher's state. An office
    is the publisher's when the publisher's name contains it or spells its acronym ("MOFA")."""
    offices = [seg for prep, seg in complement_segments(ctx.doc, role)
               if prep in {"of", "at"} and any(t.lower_ in rules()["office_heads"] for t in seg)]
    if not offices or area_unit(offices[-1]):
        return False
    publisher = ctx.document.meta.publisher or ""
    words = [w for w in normalise_name(publisher).split() if w]
    office = normalise_name(offices[-1].text)
    initials = "".join(w[0] for w in words)
    return not (office and office in normalise_name(publisher) or office.isalpha() and office in initials)


def area_unit(office: Span) -> bool:
    """"Asian and Oceanian Affairs Bureau": a unit of a ministry named for the area it deals with."""
    words = [t.lower_ for t in office]
    return bool(words) and words[-1] in rules()["unit_heads"] and not rules()["area_words"].isdisjoint(words)


def other_owner(ctx: DocContext, role: Role, strict: bool) -> bool:
    """Words before the role name whose office it is ("Pentagon spokesperson", "KCNA director"): an office
    the gazetteer gives to another state, or (``strict``, for a mere dateline) any named office at all."""
    doc = ctx.doc
    for tok in doc[title_window_start(doc, role.start):role.start]:
        if ctx.lexicon.country_for(tok.text):
            continue
        code = ctx.lexicon.org_by_name.get(normalise_name(tok.text)) if tok.ent_type_ == "ORG" else None
        authority = ctx.lexicon.org_by_code.get(code, {}).get("authority") if code else None
        if authority is not None and authority != ctx.source.country:
            return True
        if strict and (tok.is_title or tok.is_upper) and tok.is_alpha and not role_word(tok) \
                and tok.lower_ not in rules()["title_joiners"] | rules()["honorifics"]:
            return True
    return False


def own_name(ctx: DocContext, ent: Span, speaker: bool, listed: set[str]) -> bool:
    """A name that a country may be lent to: a full name (a family name alone is too weak an identity
    unless the person is the document's speaker) never named where designations are made."""
    full = len(plain_name(ent).split()) >= 2 or speaker or office_after(ctx, ent)
    return full and normalise_name(plain_name(ent)) not in listed


def office_after(ctx: DocContext, ent: Span) -> bool:
    """"Director-General Watanabe of the European Affairs Bureau of MOFA": a family name tied by "of" to
    an office that the text names without a country (so the publisher's own office)."""
    doc = ent.doc
    end = phrase_end(doc, ent.end, ent.sent.end)
    inside = [e for e in ents_of(doc) if ent.end < e.start and e.end <= end]
    return end > ent.end and any(e.label_ == "ORG" for e in inside) and \
        not any(ctx.lexicon.country_for(t.text) for t in doc[ent.end:end] if t.is_title or t.is_upper)


def is_speaker(ctx: DocContext, found: Found) -> bool:
    """The role is introduced by "by" ("Statement by Foreign Minister X", "Press Conference by ...")."""
    role = found.found_role
    return role is not None and role.start > 0 and ctx.doc[role.start - 1].lower_ in rules()["speaker_preps"]
