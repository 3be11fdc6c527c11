"""People who speak for a country, with their role: "China's ambassador to the United Nations, Zhang Jun".

Four shapes are read around each PERSON entity: a title before the name ("U.S. Ambassador Nikki Haley"),
an apposition after it ("Robert Wood, the U.S. deputy ambassador"), an apposition before it ("Russia's
ambassador, Vassily Nebenzia") and a mission led by the person ("Moscow's mission, headed by Ambassador
...") — plus "Ruchira Kamboj of India". The country must be written next to the role: a country or
demonym before it, a diplomatic "of" phrase, or an office whose gazetteer entry belongs to a state (the
Treasury). Former office holders, listed designees and photo captions are skipped. Role words are
``roles`` in ``rules/cues.yml``; the rest is ``rules/represents.yml``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..nlp.gazetteer import load_yaml
from ..records import RepresentsFact
from .context import DocContext
from .lexicon import RULES, load_lexicon, normalise_name

ACTOR_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL"}
STOPS = {",", ";", ":", "(", ")", "—", "–", '"', "“", "”"}


@lru_cache(maxsize=1)
def rules() -> dict:
    """``rules/represents.yml`` with lists as sets."""
    return {k: frozenset(v) if isinstance(v, list) else v
            for k, v in load_yaml(RULES / "represents.yml").items()}


@dataclass(frozen=True)
class Role:
    """A role phrase in the text: [start, end) are the role words, [end, pp_end) its "of/to/for" phrase."""

    start: int
    end: int
    pp_end: int
    key: str


@dataclass(frozen=True)
class Found:
    """One person-country link before evidence is attached."""

    person: str
    country: str
    role: str | None
    rule: str


# --- entry point -------------------------------------------------------------------------------

def extract_represents(ctx: DocContext) -> list[RepresentsFact]:
    """Person-country links of one document; repeated links share one fact with several evidences."""
    facts: dict[tuple[str, str], RepresentsFact] = {}
    for sent in ctx.sentences():
        if is_caption(sent):
            continue
        for found in sentence_links(ctx, sent):
            key = (normalise_name(found.person), found.country)
            ev = ctx.evidence(sent, found.rule)
            old = facts.get(key)
            facts[key] = RepresentsFact((ev,), found.person, found.country, found.role) if old is None else \
                RepresentsFact(old.evidence + (ev,), old.person, old.country, old.role or found.role)
    return list(facts.values())


def sentence_links(ctx: DocContext, sent: Span) -> Iterator[Found]:
    """One link at most per person mention, trying the shapes from the most to the least explicit."""
    for ent in candidate_names(sent):
        if is_designee(ent):
            continue
        for shape in (title_before, apposition_after, apposition_before, led_by, of_country):
            found = shape(ctx, ent)
            if found:
                yield found
                break


def candidate_names(sent: Span) -> Iterator[Span]:
    """PERSON entities, and name-like entities of other labels that a title introduces or that stand in
    apposition to a role ("the representative of X, Vassily Nebenzia," with the name tagged GPE)."""
    for ent in sent.ents:
        if ent.label_ == "PERSON" or ent.label_ in rules()["name_like_labels"] and not ent.ent_id_ and looks_like_name(ent) \
                and (role_ending_at(ent.doc, ent.start) is not None or _apposed_to_role(ent)):
            yield ent


def _apposed_to_role(ent: Span) -> bool:
    return ent.root.dep_ == "appos" and role_word(ent.root.head)


def looks_like_name(ent: Span) -> bool:
    """Two or three capitalised words, no gazetteer id ("Nikki Haley" tagged ORG)."""
    words = [t for t in ent if t.text != "-"]
    return 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha for t in words)


def person_name(ent: Span) -> str:
    """The name as written, without a sentence-final period glued to the last word ("Zhang Jun.")."""
    text = ent.text
    if text.endswith(".") and not re.search(r"(\b[A-Z]|Jr|Sr)\.$", text):
        text = text[:-1]
    return text


# --- exclusions --------------------------------------------------------------------------------

def is_caption(sent: Span) -> bool:
    low = sent.text.lower()
    return any(marker in low for marker in rules()["caption_markers"])


def is_designee(ent: Span) -> bool:
    """The person is being designated or added to a list ("adding X's representative Y to the list")."""
    root = ent.root
    head = root.head.head if root.dep_ == "pobj" else root.head
    return root.dep_ in {"dobj", "nsubjpass", "pobj", "appos", "conj"} and \
        head.lemma_.lower() in rules()["designee_verbs"]


def negated(doc, start: int) -> bool:
    """A "former"/"ex-" word just before the role phrase (within two tokens)."""
    return any(doc[i].lower_ in rules()["role_negators"] for i in range(max(0, start - 3), start))


# --- roles -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def role_forms() -> list[tuple[tuple[str, ...], str]]:
    """Role surface forms as word tuples, longest first, with their canonical form."""
    cues = load_lexicon().cues
    table = {**cues["roles"], **cues.get("more_roles", {})}
    forms = [(tuple(k.lower().split()), k.lower()) for k in table]
    return sorted(forms, key=lambda f: -len(f[0]))


def role_at(doc, i: int, stop: int) -> tuple[int, str] | None:
    """The longest role form starting at token ``i`` (ending by ``stop``): (end, form)."""
    for words, key in role_forms():
        end = i + len(words)
        if end <= stop and tuple(t.lower_ for t in doc[i:end]) == words:
            return end, key
    return None


def find_role(doc, start: int, stop: int) -> Role | None:
    """The first role phrase in [start, stop), with the "of/to/for" phrase that follows it."""
    for i in range(start, stop):
        hit = role_at(doc, i, stop)
        if hit:
            return Role(i, hit[0], pp_end(doc, hit[0], stop), hit[1])
    return None


def pp_end(doc, i: int, stop: int) -> int:
    """End of one prepositional phrase after a role ("to the United Nations", "of the Treasury")."""
    if i >= stop or doc[i].lower_ not in {"of", "to", "for"}:
        return i
    j = i + 1
    while j < stop and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in {"the", "-"} or
                        doc[j].ent_type_ in ACTOR_LABELS):
        if doc[j].lower_ in {"of", "for"}:
            break
        j += 1
    return j if j > i + 1 else i


def role_text(doc, role: Role, drop_pp: bool = False) -> str:
    """The role words in lower case ("Prime Minister" -> "prime minister"), then its prepositional
    phrase as written, whose names keep their capitals ("ambassador to the United Nations")."""
    words = doc[role.start:role.end].text.lower()
    return words if drop_pp or role.pp_end == role.end else f"{words} {doc[role.end:role.pp_end].text}"


def role_ending_at(doc, end: int) -> Role | None:
    """The role phrase of the title window that ends right before token ``end``."""
    start = title_window_start(doc, end)
    return find_role(doc, start, end) if start < end else None


def title_window_start(doc, end: int) -> int:
    """Walk left from ``end`` over a title ("U.S. Ambassador", "Under Secretary of the Treasury for ...")."""
    i = end
    sent_start = doc[end - 1].sent.start if end > 0 else 0
    while i > sent_start:
        tok = doc[i - 1]
        if tok.text in STOPS or "\n" in tok.text or tok.ent_type_ == "PERSON":
            break
        ok = tok.is_title or tok.is_upper or tok.ent_type_ in ACTOR_LABELS | {"ORG"} or \
            tok.lower_ in rules()["title_joiners"] or role_word(tok)
        if not ok:
            break
        i -= 1
    return i


def role_word(tok: Token) -> bool:
    return any(tok.lower_ in words for words, _ in role_forms())


# --- countries ---------------------------------------------------------------------------------

def country_before(ctx: DocContext, start: int, lo: int) -> str | None:
    """The last country entity in the words [lo, start) that lead up to a role ("North Korea's UN
    ambassador", "the U.S. deputy ambassador")."""
    codes = [ctx.country(e) for e in ctx.doc[lo:start].ents if e.label_ in ACTOR_LABELS]
    return next((c for c in reversed(codes) if c), None)


def country_in_pp(ctx: DocContext, role: Role) -> str | None:
    """A state named by the role's own phrase: "of the United States" (diplomats) or an office
    whose gazetteer authority is a state ("of the Treasury")."""
    doc = ctx.doc
    span = doc[role.end:role.pp_end]
    for ent in span.ents:
        code = ctx.org_code(ent)
        authority = ctx.lexicon.org_by_code.get(code, {}).get("authority") if code else None
        if authority in ctx.lexicon.countries:
            return authority
        if ent.label_ in ACTOR_LABELS and own_country_pp(ctx, role) and role.key in rules()["of_country_roles"]:
            return ctx.country(ent)
    return None


# --- shapes ------------------------------------------------------------------------------------

def title_before(ctx: DocContext, ent: Span) -> Found | None:
    """"U.S. Ambassador Nikki Haley", "Japanese Prime Minister ...", "Under Secretary of the Treasury ... X"."""
    doc = ctx.doc
    lo = title_window_start(doc, ent.start)
    role = find_role(doc, lo, ent.start)
    if role is None or negated(doc, role.start):
        return None
    country = country_before(ctx, role.start, lo) or country_in_pp(ctx, role)
    if country is None:
        return None
    return Found(person_name(ent), country, role_text(doc, role, drop_pp=own_country_pp(ctx, role)),
                 "represents.title")


def own_country_pp(ctx: DocContext, role: Role) -> bool:
    """True when the role's phrase names the represented country itself ("representative of X")."""
    doc = ctx.doc
    if role.end >= len(doc) or doc[role.end].lower_ != "of":
        return False
    return any(e.label_ in ACTOR_LABELS for e in doc[role.end:role.pp_end].ents)


def apposition_after(ctx: DocContext, ent: Span) -> Found | None:
    """"Robert Wood, the U.S. deputy ambassador" — the apposition's head is the role."""
    doc = ctx.doc
    if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
        return None
    start = ent.end + 1
    stop = start
    while stop < ent.sent.end and doc[stop].text not in STOPS | {"."} and doc[stop].pos_ not in {"VERB", "AUX"} \
            and doc[stop].tag_ not in {"WP", "WDT"}:
        stop += 1
    return role_phrase_link(ctx, ent, start, stop, "represents.apposition")


def apposition_before(ctx: DocContext, ent: Span) -> Found | None:
    """"China's ambassador to the United Nations, Zhang Jun" — a role phrase, a comma, the name."""
    doc = ctx.doc
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return None
    stop = ent.start - 1
    start = title_window_start(doc, stop)
    while start < stop and doc[start].pos_ in {"VERB", "AUX", "ADP"} and doc[start].lower_ != "the":
        start += 1
    return role_phrase_link(ctx, ent, start, stop, "represents.apposition")


def role_phrase_link(ctx: DocContext, ent: Span, start: int, stop: int, rule: str) -> Found | None:
    """Link ``ent`` to the country of a role phrase in [start, stop) whose head is the role."""
    doc = ctx.doc
    role = find_role(doc, start, stop)
    if role is None or role.pp_end < stop or negated(doc, role.start):
        return None
    lead = doc[start:role.start]
    if any(t.pos_ in {"NOUN", "VERB"} and t.ent_type_ not in ACTOR_LABELS for t in lead):
        return None  # "son of the president": the role is not the head
    country = country_before(ctx, role.start, start) or country_in_pp(ctx, role)
    if country is None:
        return None
    return Found(person_name(ent), country, role_text(doc, role, drop_pp=own_country_pp(ctx, role)), rule)


def led_by(ctx: DocContext, ent: Span) -> Found | None:
    """"Moscow's mission, headed by Ambassador Vassily Nebenzia": the mission's country."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ != "by":
        return None
    verb = root.head.head
    noun = verb.head
    if verb.lemma_.lower() not in rules()["led_by_verbs"] or noun.lemma_.lower() not in rules()["mission_nouns"]:
        return None
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            code = ctx.country_of_token(child)
            if code:
                role = role_ending_at(ctx.doc, ent.start)
                text = role_text(ctx.doc, role) if role else None
                return Found(person_name(ent), code, text, "represents.mission")
    return None


def of_country(ctx: DocContext, ent: Span) -> Found | None:
    """"Ruchira Kamboj of India": a name followed directly by "of" and a country."""
    doc = ctx.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    i = ent.end + 1 + (doc[ent.end + 1].lower_ == "the")
    for other in doc.ents:
        if other.start == i and other.label_ in ACTOR_LABELS:
            code = ctx.country(other)
            return Found(person_name(ent), code, None, "represents.of_country") if code else None
    return None
