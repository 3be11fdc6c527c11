"""Missile launch events: who fired what, how many, when and from where.

A *mention* is one launch cue in the parse — a verb ("North Korea fired three missiles") or a noun ("the
DPRK's launch of an ICBM") — with the missiles among its arguments. Tallies ("more than 60 launches"),
hypothetical launches ("threatened to fire") and cues without a missile are not mentions. Mentions of the
same launch are then merged per document: the same actor and date, or an undated mention that fits one
dated event (compatible types and count). The words that drive all this are in ``rules/launch.yml``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from ..records import Evidence, LaunchFact
from .context import DocContext, cue_tokens, lemma
from .dates import resolve_days
from .launch_actors import noun_actor, np_actor, resolve_actors, verb_actor
from .launch_clauses import (
    clause_owner,
    cue_dates,
    cue_sites,
    date_groups,
    displaced_of,
    in_phrase,
    latest_date,
    possessor_before,
    premodifies,
    what_clauses,
)
from .launch_reports import is_irrealis, is_series, just_reported, over_period, statement_day, vague_quantity
from .launch_words import (
    SUB_CLAUSES,
    SUBJECTS,
    country_before_cue,
    has_missile,
    is_missile_token,
    is_noun_cue,
    launch_lemmas,
    misparsed_noun,
    missile_types,
    not_a_launch_kind,
    rules,
)
from .numbers import parse_count

BALLISTIC_KINDS = {"icbm", "irbm", "srbm", "slbm"}



@dataclass
class Mention:
    """One launch cue with what the parse says about it."""

    sent: Span
    cue: Token
    rule: str
    actor: str | None
    date: date | None
    types: tuple[str, ...]
    count: int | None
    site: str | None
    site_score: int


@dataclass
class Event:
    """Mentions merged into one launch."""

    actor: str
    date: date | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for m in self.mentions for t in m.types))

    @property
    def count(self) -> int | None:
        return next((m.count for m in self.mentions if m.count is not None), None)

    @property
    def site(self) -> str | None:
        """The site that looks most like a place (the first of equals)."""
        sites = [m for m in self.mentions if m.site]
        return max(sites, key=lambda m: m.site_score).site if sites else None


# --- entry point -------------------------------------------------------------------------------

def extract_launches(ctx: DocContext) -> list[LaunchFact]:
    """Launch events of one document, each with the evidence of all its mentions."""
    mentions = [m for sent in ctx.sentences() for m in sentence_mentions(ctx, sent)]
    if mentions and not any(m.date for m in mentions) and (day := statement_day(ctx)) is not None:
        mentions = [replace(m, date=day) if just_reported(m.cue) else m for m in mentions]  # "has launched"
    resolve_actors(ctx, mentions)
    return [to_fact(ctx, ev) for ev in merge([m for m in mentions if reported_actor(ctx, m.actor)])]


def reported_actor(ctx: DocContext, actor: str | None) -> bool:
    """A known actor that is not a permanent member (whose test flights sanctions texts do not report)."""
    return bool(actor) and not (rules()["skip_permanent_members"] and ctx.lexicon.is_permanent(actor or ""))


def sentence_mentions(ctx: DocContext, sent: Span) -> Iterator[Mention]:
    """The launch mentions whose cue lies in ``sent``."""
    for tok in cue_tokens(sent, launch_lemmas()):  # each cue below needs one of these lemmas
        if is_verb_cue(tok):
            yield from verb_mentions(ctx, sent, tok)
        elif is_noun_cue(tok) and not absorbed_by_verb(tok):
            yield from noun_mentions(ctx, sent, tok)


def to_fact(ctx: DocContext, ev: Event) -> LaunchFact:
    """The record for a merged event; one evidence per distinct sentence."""
    seen: dict[tuple[int, int], Evidence] = {}
    for m in ev.mentions:
        seen.setdefault((m.sent.start_char, m.sent.end_char), ctx.evidence(m.sent, m.rule))
    return LaunchFact(evidence=tuple(seen.values()), actor=ev.actor, date=ev.date,
                      types=ev.types, count=ev.count, site=ev.site)  # type: ignore[arg-type]


# --- cues --------------------------------------------------------------------------------------

def is_verb_cue(tok: Token) -> bool:
    """A launch verb used as a predicate (not "submarine-launched" as an adjective)."""
    if tok.pos_ != "VERB" or lemma(tok) not in rules()["verbs"] or misparsed_noun(tok):
        return False
    return tok.dep_ not in {"amod", "compound"} or misparsed_predicate(tok)


def misparsed_predicate(tok: Token) -> bool:
    """A past-tense launch verb parsed as a modifier after a country ("Iran test-fired two missiles"),
    unlike the participle in "submarine-launched"."""
    return tok.tag_ in {"VBD", "VBZ", "VBP"} and tok.head.i > tok.i and country_before_cue(tok) is not None


def absorbed_by_verb(tok: Token) -> bool:
    """A launch noun inside a launch verb's clause ("fired ... in the latest launch") adds no event."""
    owner = clause_owner(tok)
    for anc in tok.ancestors:
        if is_verb_cue(anc):
            return True
        if anc == owner:
            break
    return False


def verb_mentions(ctx: DocContext, sent: Span, verb: Token) -> Iterator[Mention]:
    """Mentions for a launch verb: its objects (or passive subject, or the noun it modifies)."""
    heads = argument_heads(verb)
    region = [t for h in heads for t in np_region(h, exclude=verb)]
    if not heads or not has_missile(ctx, region) or is_series(verb) or is_irrealis(verb):
        return
    actor = verb_actor(ctx, verb)
    yield from build(ctx, sent, verb, "launch.verb", actor, region, heads)


def noun_mentions(ctx: DocContext, sent: Span, noun: Token) -> Iterator[Mention]:
    """Mentions for a launch noun with a missile in its phrase ("a ballistic missile launch")."""
    if not_a_launch_kind(ctx, noun):
        return  # "the January 6 nuclear test": a test, but nothing flew
    moved = displaced_of(sent, noun)
    of_preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"] + moved
    region = list(np_region(noun)) + [t for p in moved for t in np_region(p)] + _apposed_missile(ctx, noun)
    launched = [t for c in of_preps for o in c.children
                for t in [o, *(m for m in o.children if m.dep_ in {"compound", "amod", "nmod", "nummod"})]]
    if launched and not has_missile(ctx, launched):
        return  # "the launch of an inquiry into missile exports": something else was launched
    if not has_missile(ctx, region):
        region += instrument_region(noun)
    actor = noun_actor(ctx, noun, tuple(moved)) or carried_out_by(ctx, noun) or _possessor(ctx, sent, noun)
    series = is_series(noun) and not days_in_phrase(ctx, sent, noun) and not one_day(ctx, sent, noun)
    latest = latest_date(ctx, sent, noun) if series else []  # "..., most recently on 5 August": that one
    if not (has_missile(ctx, region) or bare_launch(ctx, sent, noun, actor)) or series and not latest \
            or is_irrealis(noun):
        return
    heads = [t for t in region if t.dep_ == "pobj" and t.head in of_preps]
    yield from build(ctx, sent, noun, "launch.noun", actor, region, heads, latest or None)


def _apposed_missile(ctx: DocContext, noun: Token) -> list[Token]:
    """"the intermediate-range ballistic missile (IRBM) launch": the parser may make the launch an
    apposition of the missile noun before it; that missile's phrase says what was launched."""
    head = noun.head
    if noun.dep_ != "appos" or head.i > noun.i or not has_missile(ctx, [head]):
        return []
    return list(np_region(head, exclude=noun))


def _possessor(ctx: DocContext, sent: Span, noun: Token) -> str | None:
    """The state whose possessive opens the noun's phrase, when the parser hung it elsewhere."""
    owner = possessor_before(date_groups(ctx, sent), noun)
    return (ctx.country_of_token(owner) or np_actor(ctx, owner)) if owner is not None else None


def bare_launch(ctx: DocContext, sent: Span, noun: Token, actor: str | None) -> bool:
    """A launch noun with no missile in its phrase is still a launch when it says what flew ("North
    Korea's satellite launch") or when a state carried it out, or it has a day of its own ("deems the
    5 April launch to be in contravention of …": whose, the text said before), in a text that speaks
    of missiles."""
    if actor is None and not any(premodifies(g, noun) or _owns_day(noun, g) for g in date_groups(ctx, sent)):
        return False
    if any(lemma(c) in rules()["launch_kind_words"] for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}):
        return True
    return not rules()["missile_nouns"].isdisjoint(ctx.lemma_set(ctx.doc[:])) or bool(ctx.terms(ctx.doc[:], "MISSILE"))


def carried_out_by(ctx: DocContext, noun: Token) -> str | None:
    """"the launch carried out on 5 April by the DPRK": the agent of a participle on the noun."""
    for verb in (c for c in noun.children if c.dep_ == "acl" and lemma(c) in rules()["conduct_verbs"]):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in agent.children:
                found = ctx.country_of_token(obj) or np_actor(ctx, obj)
                if found:
                    return found
    return None


def instrument_region(noun: Token) -> list[Token]:
    """The phrase that names what a launch used ("conducted a launch using ballistic missile technology",
    "a launch with a cruise missile"), on the noun or on the verb that takes it as object."""
    owners = [noun] + ([noun.head] if noun.dep_ == "dobj" and lemma(noun.head) in rules()["conduct_verbs"] else [])
    return [t for o in owners for c in o.children
            if c.dep_ in {"advcl", "acl", "prep"} and lemma(c) in rules()["instrument_words"] for t in c.subtree]


def build(ctx: DocContext, sent: Span, cue: Token, rule: str, actor: str | None,
          region: list[Token], heads: list[Token],
          dates: list[tuple[date, int]] | None = None) -> Iterator[Mention]:
    """One mention per date named for the cue's clause (one undated mention when none is), or per
    day of ``dates`` when the caller has found them.

    With several dates the clause is cut at each date, so that "two missiles from A on 4 March and
    another from B on 9 March" gives each launch its own site and count.
    """
    dated = cue_dates(ctx, sent, cue) if dates is None else dates
    vague = vague_quantity(cue, heads)
    counted = any(t.ent_type_ == "ORDINAL" and not (t.lower_ in rules()["single_ordinals"] and t.head == cue)
                  for t in region)  # "its first launch" is one event; "for the first time since 2017" is not
    if not dated and (vague or over_period(cue) or counted):
        return  # "more than 30 missiles this year", "the North's eighth ICBM firing": a tally
    sites = cue_sites(cue, heads)
    types = missile_types(ctx, region)
    count = None if vague else missile_count(ctx, heads)
    previous = sent.start
    for k, (day, end) in enumerate(dated or [(None, sent.end)]):
        own = [x for x in sites if previous <= x.index < end] if len(dated) > 1 else sites
        best = max(own or sites, key=lambda x: x.score) if own or sites else None
        n = count if k == 0 else segment_count(ctx, sent.doc[previous:end], count)
        yield Mention(sent, cue, rule, actor or (best.country if best else None), day, types, n,
                      best.text if best else None, best.score if best else 0)
        previous = end


def segment_count(ctx: DocContext, segment: Span, default: int | None) -> int | None:
    """The count of a later launch in a clause cut at its dates: "and another ...", "and three more".

    Only a number that counts missiles or launches ("three missiles", "two more") is a count: the day
    of a date or the number of a resolution in the same stretch is not."""
    for tok in segment:
        if tok.lower_ in rules()["one_more_words"]:
            return 1
        if tok.like_num and tok.ent_type_ not in {"DATE", "TIME"} and counts_launches(ctx, tok):
            value = parse_count(tok.text)
            if value is not None:
                return value
    return default


def counts_launches(ctx: DocContext, num: Token) -> bool:
    """``num`` quantifies a missile, a launch or "more" of them ("three missiles", "two more"), or stands
    for them alone ("and two on 9 May"); the number of a resolution or an article does not."""
    head = num.head
    if lemma(head) in rules()["document_nouns"]:
        return False
    if num.dep_ == "nummod":
        return (is_missile_token(ctx, head) or is_noun_cue(head) or head.lower_ in rules()["more_words"]
                or (num.ent_type_ == "CARDINAL" and head.ent_type_ == "DATE"))  # "two on 9 May", misparsed
    return num.dep_ not in {"compound", "appos", "npadvmod", "quantmod"}


def argument_heads(verb: Token) -> list[Token]:
    """What was launched: the direct object, the passive subject, or the noun a participle modifies."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "oprd"} and c.tag_ != "WP"]
    heads += [h for c in what_clauses(verb) for h in c.subtree if h.dep_ in {"attr", "oprd"}]
    if verb.dep_ in {"amod", "compound"}:
        return [verb.head]
    relative = [h for h in heads if h.tag_ in {"WDT", "WP"}]
    if verb.head.pos_ in {"NOUN", "PROPN"} and (verb.dep_ == "acl" or (verb.dep_ == "relcl" and relative)):
        heads = [h for h in heads if h not in relative] + [verb.head]
    return heads


def np_region(head: Token, exclude: Token | None = None) -> Iterator[Token]:
    """The tokens of ``head``'s phrase without its clauses and coordinated launch nouns."""
    yield head
    for child in head.children:
        if child == exclude or child.dep_ in SUB_CLAUSES or (child.dep_ in SUBJECTS and not misparsed_noun(head)):
            continue
        if child.dep_ == "conj" and (is_noun_cue(child) or child.pos_ == "VERB"):
            continue
        if child.dep_ == "prep" and child.lower_ in rules()["site_preps"]:
            continue
        yield from np_region(child, exclude)


def missile_count(ctx: DocContext, heads: list[Token]) -> int | None:
    """How many missiles the first argument names: "three missiles", "one ICBM", "a pair of", "a volley of three"."""
    for head in heads:
        if head.lemma_.lower() in rules()["count_nouns"]:
            return parse_count(head.text)
        if is_missile_token(ctx, head):
            return np_number(head)
        inner = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"]
        if inner:
            return missile_count(ctx, inner)
    return None


def np_number(noun: Token) -> int | None:
    """The number on a noun: a numeral, or "a"/"an"/"one" on a singular noun."""
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "det" and noun.tag_ in {"NN", "NNP"}):
            value = parse_count(child.text)
            if value is not None:
                return value
    return None


# --- filters -----------------------------------------------------------------------------------

def days_in_phrase(ctx: DocContext, sent: Span, noun: Token) -> bool:
    """"the launches on 8 June, 12 and 30 July" names them day by day; "60 launches in
    2023" or "successive tests starting from 5 January" only count them."""
    days = {d for g in date_groups(ctx, sent) if in_phrase(g.root, noun) or premodifies(g, noun) or _owns_day(noun, g)
            for d in resolve_days(g.text, ctx.published)}
    return len(days) >= 2 and not vague_quantity(noun, [])


def one_day(ctx: DocContext, sent: Span, noun: Token) -> bool:
    """"further missile launches by North Korea on Saturday, August 10", "launches (10 August)",
    "yesterday's missile launches": plural launches on one named day are that day's salvo, one launch
    event; a day after "since" or "from" bounds a period instead."""
    groups = [g for g in date_groups(ctx, sent) if _owns_day(noun, g)]
    return len(groups) == 1 and len(resolve_days(groups[0].text, ctx.published)) == 1


def _owns_day(noun: Token, days: Span) -> bool:
    """The day is the noun's: its possessor ("yesterday's launches"), or "on …"/"(…" after it, in its
    phrase or right after the phrase (the parser may hang the day on the verb before)."""
    if days.root.dep_ == "poss" and days.root.head.i == noun.i:
        return True
    after_phrase = in_phrase(days.root, noun) or days.start - 1 == noun.right_edge.i + 1
    return days.start > noun.i and noun.doc[days.start - 1].lower_ in {"on", "("} and after_phrase


# --- merging -----------------------------------------------------------------------------------

def closure(types: Iterable[str]) -> set[str]:
    """Types with what they imply: an ICBM is a ballistic missile."""
    out = set(types)
    if out & BALLISTIC_KINDS:
        out.add("ballistic")
    return out


def compatible(m: Mention, ev: Event) -> bool:
    """An undated mention may describe ``ev``: types nest, counts agree, sites do not contradict."""
    a, b = closure(m.types), closure(ev.types)
    if a and b and not (a <= b or b <= a):
        return False
    if m.count is not None and ev.count is not None and m.count != ev.count:
        return False
    if m.site and m.site_score == 2 and ev.site and not set(m.site.lower().split()) & set(ev.site.lower().split()):
        return all(x.site_score < 2 for x in ev.mentions if x.site)
    return True


def merge(mentions: list[Mention]) -> list[Event]:
    """Dated mentions group by (actor, date); undated ones join the nearest compatible event."""
    events: list[Event] = []
    by_key: dict[tuple[str | None, date], Event] = {}
    for m in mentions:
        if m.date is not None:
            key = (m.actor, m.date)
            if key not in by_key:
                by_key[key] = Event(m.actor, m.date)  # type: ignore[arg-type]
                events.append(by_key[key])
            by_key[key].mentions.append(m)
    for m in [m for m in mentions if m.date is None]:
        target = nearest(m, [e for e in events if e.actor == m.actor and e.date and compatible(m, e)]) \
            or nearest(m, [e for e in events if e.actor == m.actor and not e.date and compatible(m, e)])
        if target is None:
            target = Event(m.actor, None)  # type: ignore[arg-type]
            events.append(target)
        target.mentions.append(m)
    return sorted(events, key=lambda e: min(x.cue.i for x in e.mentions))


def nearest(m: Mention, events: list[Event]) -> Event | None:
    """The event with a mention closest to ``m`` in the text."""
    if not events:
        return None
    return min(events, key=lambda e: min(abs(x.cue.i - m.cue.i) for x in e.mentions))
