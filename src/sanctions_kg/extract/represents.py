"""People who speak for a country, with their role: "Chile's ambassador to the UN, Rosa Vidal, said".

Each name in a sentence (``represent_names``) is tried against shapes that state the country outright: a
title before the name ("U.S. Ambassador Nikki Haley"), an apposition after or before it ("Robert Wood, the
U.S. deputy ambassador"), a mission led by the person, "Amal Haddad of Algeria", "X of the Foreign
Ministry of Peru", "Marta Kowalski (Poland)" and "speaking on behalf of Kenya, X". When a shape finds a
role but no country, the role's own state ("Secretary of State" is the United States') or the document's
source (an official publisher, a "From:" line, a dateline; see ``source.py``) gives it, under the
conditions of ``represent_fallback.py``. A byline of a release (a name line, then a role line) names its
authors. Former office holders, designees and photo captions are skipped.
Role words are ``roles`` in ``rules/represents.yml``; the rest of the cue words are in the same file.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span

from ..records import RepresentsFact
from .context import DocContext, cue_tokens, ents_of, lemma, span_text, tokens_of
from .lexicon import normalise_name
from .represent_fallback import Found, is_speaker, with_fallback
from .represent_names import bracketed_country, candidate_names, is_designee, person_name, plain_name
from .roles import (
    ACTOR_LABELS,
    Role,
    complement_segments,
    find_role,
    is_stop,
    negated,
    phrase_end,
    role_ending_at,
    role_text,
    rules,
    title_window_start,
)

# --- entry point -------------------------------------------------------------------------------

def extract_represents(ctx: DocContext) -> list[RepresentsFact]:
    """Person-country links of one document; repeated links share one fact with several evidences."""
    facts: dict[tuple[str, str], RepresentsFact] = {}
    sentences = [s for s in ctx.sentences() if span_text(s).strip()]
    lists_people = any(t.pos_ == "VERB" for t in cue_tokens(ctx.doc[:], rules()["listing_verbs"]))
    listed = designee_names(ctx, sentences, lists_people)
    for i, sent in enumerate(sentences):
        if is_caption(sent) or lists_people and is_list_item(sent):
            continue  # the items of a list in a text that designates are its designees
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        for found, where in sentence_links(ctx, sent, nxt, listed):
            if found.country is None:
                continue
            key = (normalise_name(found.person), found.country)
            ev = ctx.evidence(where, found.rule)
            old = facts.get(key)
            facts[key] = RepresentsFact((ev,), found.person, found.country, found.role) if old is None else \
                RepresentsFact(old.evidence + (ev,), old.person, old.country, old.role or found.role)
    return list(facts.values())


EXPLICIT = ("title_before", "apposition_after", "apposition_before", "led_by", "of_country", "bracket_country",
            "on_behalf", "copula_role")


def sentence_links(ctx: DocContext, sent: Span, nxt: Span | None, listed: set[str]) -> Iterator[tuple[Found, Span]]:
    """One link at most per person mention: the first shape that names a country, else the first role
    whose country comes from the role itself or the document's source."""
    for ent in candidate_names(ctx, sent):
        found = [f for f in (SHAPES[name](ctx, ent) for name in EXPLICIT) if f is not None]
        explicit = next((f for f in found if f.country), None)
        if is_designee(ent) and not _office_of_state(explicit):
            continue
        if explicit:
            role = explicit.role or next((f.role for f in found if f.role), None)
            yield Found(explicit.person, explicit.country, role, explicit.rule), sent
            continue
        byline = byline_role(ctx, sent, ent, nxt)
        if byline and nxt is not None:
            fallback = byline if byline.country else with_fallback(ctx, byline, ent, speaker=True, listed=listed)
            if fallback:
                yield fallback, ctx.doc[sent.start:nxt.end]
            continue
        for f in found:
            fallback = with_fallback(ctx, f, ent, speaker=is_speaker(ctx, f), listed=listed)
            if fallback:
                yield fallback, sent
                break


# --- exclusions --------------------------------------------------------------------------------

def _office_of_state(found: Found | None) -> bool:
    """A designee is linked to a country only by an office of that state written before the name
    ("sanctions against Ruritania's President X"); "adding Vietnam's representative Y to the list" names
    a posting abroad, which a listed person may hold for another state."""
    role = found.found_role if found is not None and found.rule == "represents.title" else None
    return role is not None and role.info.kind in {"head", "official"}


def is_caption(sent: Span) -> bool:
    low = span_text(sent).lower()
    return any(marker in low for marker in rules()["caption_markers"])


def is_list_item(sent: Span) -> bool:
    return span_text(sent).lstrip()[:1] in rules()["list_markers"]


def designee_names(ctx: DocContext, sentences: list[Span], lists_people: bool) -> set[str]:
    """Names (normalised) that appear in a sentence whose verb designates or sanctions, or in a list item of
    a text that does: such a person may be listed with a foreign title, so the document's own country is
    never lent to them. (A bullet in a text that lists nobody is page furniture: "• Murray McCully".)"""
    out = set()
    verbs = rules()["listing_verbs"]
    for sent in sentences:
        if lists_people and is_list_item(sent) or any(t.pos_ == "VERB" for t in cue_tokens(sent, verbs)):
            out |= {normalise_name(plain_name(e)) for e in ents_of(sent) if e.label_ == "PERSON"}
    return out


# --- countries ---------------------------------------------------------------------------------

def country_before(ctx: DocContext, start: int, lo: int) -> str | None:
    """The last country named in the words [lo, start) that lead up to a role ("North Korea's UN
    ambassador", "the U.S. deputy ambassador", "The Eritrean Permanent Representative" with the demonym
    swallowed by an ORG entity)."""
    doc = ctx.doc
    codes = [ctx.country(e) for e in ents_of(doc[lo:start]) if e.label_ in ACTOR_LABELS]
    found = next((c for c in reversed(codes) if c), None)
    if found:
        return found
    words = [ctx.lexicon.country_for(t.text) for t in doc[lo:start]
             if t.is_title or t.is_upper and t.ent_type_ not in {"PERSON"}]
    return next((c for c in reversed(words) if c), None)


def its_country(ctx: DocContext, role: Role, lo: int) -> str | None:
    """The state that "its" before a diplomat's or a leader's title refers to: the last actor named
    earlier in the same sentence, when it is a state ("China abstained, and its representative, X, said …";
    "a bright future awaits Iran if its leader, X, …"; "the EU and its envoy" is not a state's; "the
    Committee … its Chairman" is neither)."""
    doc = ctx.doc
    if role.info.kind not in {"diplomat", "head"} or not any(t.lower_ in {"its", "their"} and t.tag_ == "PRP$"
                                               for t in doc[max(0, lo - 1):role.start]):
        return None
    i = max(0, lo - 1)
    sent = ctx.doc[i].sent
    named = [e for e in ents_of(ctx.doc[sent.start:i]) if e.label_ in ACTOR_LABELS | {"ORG", "GPE", "NORP"}]
    return ctx.country(named[-1]) if named else None  # an organisation named last is what "its" means


def country_in_pp(ctx: DocContext, role: Role) -> str | None:
    """A state named by the role's own phrase: "of the United States" (diplomats) or an office
    whose gazetteer authority is a state ("of the Treasury", "of the Office of Foreign Assets Control")."""
    doc = ctx.doc
    for ent in ents_of(doc):
        if not role.end <= ent.start < role.pp_end or names_an_area(ent):
            continue
        code = ctx.org_code(ent)
        authority = ctx.lexicon.org_by_code.get(code, {}).get("authority") if code else None
        if authority in ctx.lexicon.countries:
            return authority
        if ent.label_ in ACTOR_LABELS and own_country_pp(ctx, role) and role.info.kind == "diplomat":
            return ctx.country(ent)
    return None


def complement_country(ctx: DocContext, role: Role) -> str | None:
    """The state that an "of"/"at" part of the role's complement names ("Minister of State at the Federal
    Foreign Office of Germany", "Minister of Foreign Affairs of Peru"); a "for"/"to" part names the state
    dealt with ("Special Envoy for Syria", "Ambassador to Japan"), never the one represented."""
    codes = [ctx.country(e) for prep, seg in complement_segments(ctx.doc, role) if prep in {"of", "at"}
             for e in ents_of(seg) if e.label_ in ACTOR_LABELS | {"GPE"} and not names_an_area(e)]
    return next((c for c in reversed(codes) if c), None)


def names_an_area(ent: Span) -> bool:
    """"Department of US Affairs": the country names what the office deals with, not whose it is."""
    return ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in rules()["area_words"]


def office_tail_country(ctx: DocContext, comma: int) -> str | None:
    """", Ministry of Foreign Affairs of North Korea" after a role phrase: the state of the office that
    the apposition goes on to name."""
    doc = ctx.doc
    if comma + 1 >= len(doc) or doc[comma].text != "," or doc[comma + 1].lower_ not in rules()["office_heads"]:
        return None
    end = phrase_end(doc, comma + 2, doc[comma].sent.end)
    codes = [ctx.country(e) for e in ents_of(doc[comma + 1:end]) if e.label_ in ACTOR_LABELS]
    return next((c for c in reversed(codes) if c), None)


def own_country_pp(ctx: DocContext, role: Role) -> bool:
    """True when the role's phrase names the represented country itself ("representative of X")."""
    doc = ctx.doc
    if role.end >= len(doc) or doc[role.end].lower_ != "of":
        return False
    return any(e.label_ in ACTOR_LABELS for e in ents_of(doc[role.end:role.pp_end]))


# --- shapes ------------------------------------------------------------------------------------

def title_before(ctx: DocContext, ent: Span) -> Found | None:
    """"U.S. Ambassador Nikki Haley", "Japanese Prime Minister ...", "Under Secretary of the Treasury ... X"."""
    doc = ctx.doc
    lo = title_window_start(doc, ent.start)
    role = find_role(doc, lo, ent.start)
    if role is None or negated(doc, role.start):
        return None
    country = country_before(ctx, role.start, lo) or country_in_pp(ctx, role) or complement_country(ctx, role) \
        or its_country(ctx, role, lo) or antecedent_country(ctx, role.start)
    return Found(person_name(ent), country, role_text(doc, role, drop_pp=own_country_pp(ctx, role)),
                 "represents.title", role)


def antecedent_country(ctx: DocContext, start: int) -> str | None:
    """"our new colleague from Ghana, Ambassador Mensah": a title in apposition to a noun of
    ``apposition_nouns`` that names the person's state ("from"/"of" and the state, then the comma)."""
    doc = ctx.doc
    ent = ctx.ent_at(start - 2) if start >= 4 and doc[start - 1].text == "," else None
    if ent is None or ent.end != start - 1 or ent.label_ not in ACTOR_LABELS or ent.start < 2:
        return None
    prep, nouns = doc[ent.start - 1], rules()["apposition_nouns"]
    owner = {lemma(prep.head), lemma(doc[prep.i - 1])}  # "from" may hang on the verb before
    if prep.lower_ not in {"from", "of"} or owner.isdisjoint(nouns):
        return None
    return ctx.country(ent)


def apposition_after(ctx: DocContext, ent: Span) -> Found | None:
    """"Robert Wood, the U.S. deputy ambassador" — the apposition's head is the role."""
    doc = ctx.doc
    if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
        return None
    start = ent.end + 1
    stop = start
    while stop < ent.sent.end and not is_stop(doc[stop]) and doc[stop].text != "." \
            and doc[stop].tag_ not in {"WP", "WDT"} and (doc[stop].pos_ not in {"VERB", "AUX"} or doc[stop].is_title):
        stop += 1
    found = role_phrase_link(ctx, ent, start, stop, "represents.apposition")
    if found is not None and found.country is None and (tail := office_tail_country(ctx, stop)):
        return replace(found, country=tail)
    return found


def apposition_before(ctx: DocContext, ent: Span) -> Found | None:
    """"Chile's ambassador to the UN, Ms. Rosa Vidal" — a role phrase, a comma (and perhaps a courtesy
    title), the name."""
    doc = ctx.doc
    stop = ent.start
    while stop > 0 and doc[stop - 1].lower_ in rules()["honorifics"]:
        stop -= 1
    if stop < 2 or doc[stop - 1].text != ",":
        return None
    stop -= 1
    start = title_window_start(doc, stop)
    while start < stop and doc[start].pos_ in {"VERB", "AUX", "ADP"} and doc[start].lower_ != "the":
        start += 1
    return role_phrase_link(ctx, ent, start, stop, "represents.apposition")


def role_phrase_link(ctx: DocContext, ent: Span, start: int, stop: int, rule: str) -> Found | None:
    """Link ``ent`` to the country of a role phrase in [start, stop) whose head is the role."""
    doc = ctx.doc
    while stop > start and doc[stop - 1].is_space:
        stop -= 1  # the line break that ends a byline line is no part of the role phrase
    role = find_role(doc, start, stop)
    if role is None or negated(doc, role.start):
        return None
    end = max(role.pp_end, phrase_end(doc, role.end, stop))
    if end < stop and doc[end].lower_ != "and":
        return None  # the apposition is the role phrase, or the role and another ("… and head delegate")
    lead = doc[start:role.start]
    if any(t.pos_ in {"NOUN", "VERB"} and t.ent_type_ not in ACTOR_LABELS for t in lead):
        return None  # "son of the president": the role is not the head
    country = country_before(ctx, role.start, start) or country_in_pp(ctx, role) or complement_country(ctx, role) \
        or its_country(ctx, role, start)
    return Found(person_name(ent), country, role_text(doc, role, drop_pp=own_country_pp(ctx, role)), rule, role)


def copula_role(ctx: DocContext, ent: Span) -> Found | None:
    """"David S. Cohen is Acting Under Secretary of the Treasury for …" (the note under a blog post): the
    name is the subject of "be", and the complement is a role phrase and nothing else."""
    doc = ctx.doc
    if ent.root.dep_ != "nsubj" or ent.end >= ent.sent.end or lemma(doc[ent.end]) != "be":
        return None  # the word after the name, however parsed ("is Acting" read as a progressive)
    stop = ent.sent.end
    while stop > ent.end + 1 and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
        stop -= 1
    return role_phrase_link(ctx, ent, ent.end + 1, stop, "represents.copula")


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
    """"Amal Haddad of Algeria", "Pablo Ortega of the Foreign Ministry of Peru": a name followed by "of",
    perhaps an office's name, and a country."""
    doc = ctx.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    end = phrase_end(doc, ent.end, ent.sent.end)
    for other in ents_of(doc):
        if ent.end < other.start < end and other.end <= end and other.label_ in ACTOR_LABELS | {"GPE"}:
            code = ctx.country(other)
            if code:
                role = role_ending_at(doc, ent.start)
                return Found(person_name(ent), code, role_text(doc, role) if role else None, "represents.of_country")
    return None


def bracket_country(ctx: DocContext, ent: Span) -> Found | None:
    """"Marta Kowalski (Poland) said …", "Lena Berg (Sweden), Chair of …": a country in brackets right
    after the name, as meeting records write a speaker's delegation."""
    if ent.end + 2 >= len(ctx.doc) or is_list_item(ent.sent):
        return None
    found = bracketed_country(ctx, ent.end, ent.sent)
    if found is None:
        return None
    code, close = found
    return Found(person_name(ent), code, apposition_after_bracket(ctx, close + 1), "represents.bracket")


def apposition_after_bracket(ctx: DocContext, i: int) -> str | None:
    """The role of "…(Sweden), Chair of the Committee", if one follows the bracket."""
    doc = ctx.doc
    if i >= len(doc) - 1 or doc[i].text != ",":
        return None
    role = find_role(doc, i + 1, min(i + 6, len(doc)))
    return role_text(doc, role) if role and role.start <= i + 2 else None


def on_behalf(ctx: DocContext, ent: Span) -> Found | None:
    """"Speaking on behalf of Kenya, X, …" and "X, speaking on behalf of Kenya": X speaks for it."""
    doc = ctx.doc
    for other in ents_of(ent.sent):
        if other.label_ not in ACTOR_LABELS or other.start < 3:
            continue
        if tuple(t.lower_ for t in doc[other.start - 3:other.start]) != ("on", "behalf", "of"):
            continue
        before = other.end < ent.start and doc[other.end].text == "," and other.end + 1 == ent.start
        after = ent.end < other.start <= ent.end + 5 and doc[ent.end].text == ","
        code = ctx.country(other) if before or after else None
        if code:
            role = role_ending_at(doc, ent.start)
            return Found(person_name(ent), code, role_text(doc, role) if role else None, "represents.behalf")
    return None


def byline_role(ctx: DocContext, sent: Span, ent: Span, nxt: Span | None) -> Found | None:
    """A release's byline: a line holding only a name ("The Hon Sarah Whitfield MP"), then a line holding
    only a role ("Minister for Trade")."""
    if nxt is None or "\n" not in ctx.document.text[sent.end_char:nxt.start_char]:
        return None
    rest = [t for t in tokens_of(sent) if not (ent.start <= t.i < ent.end) and not t.is_space
            and t.lower_ not in rules()["honorifics"] | {"the"} and t.text not in rules()["postnominals"]]
    if rest:
        return None
    lead = _state_prefix_end(ctx, nxt)  # "U.S. Permanent Representative to the United Nations"
    role = find_role(ctx.doc, lead, min(lead + 6, nxt.end))
    if role is None or role.start != lead or phrase_end(ctx.doc, role.end, nxt.end) < nxt.end:
        return None
    country = country_in_pp(ctx, role) or (country_before(ctx, lead, nxt.start) if lead > nxt.start else None)
    return Found(person_name(ent), country, role_text(ctx.doc, role), "represents.byline", role)


def _state_prefix_end(ctx: DocContext, line: Span) -> int:
    """Where a role line's words start after the state that opens it ("U.S.", "the Japanese")."""
    i = line.start
    while i < line.end and (ctx.doc[i].lower_ == "the" or ctx.doc[i].ent_type_ in ACTOR_LABELS):
        i += 1
    return i if i < line.end and ctx.doc[i - 1].ent_type_ in ACTOR_LABELS else line.start


SHAPES = {"title_before": title_before, "apposition_after": apposition_after,
          "apposition_before": apposition_before, "led_by": led_by, "of_country": of_country,
          "bracket_country": bracket_country, "on_behalf": on_behalf, "copula_role": copula_role}
