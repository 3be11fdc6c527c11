"""A vote's date, sponsors and the country it concerns, read for one event of :mod:`votes`, and the
cue words of the day ("today's resolution") that :mod:`votes` starts from.

The date comes first from a day attached in the parse to the event's own cue or mention ("adopted
resolution 2094 on 7 March"), then from a day on which the Council acts in the event's sentences
("The Security Council on 31 May decided …"), and for the main vote of a report from "today" or
"this afternoon" in a sentence about the Council. A date carried by another event in the same
sentence ("in response to the launch on 29 November, the Council adopted …") is not the vote's.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .context import DocContext, ents_of, is_dateline, lemma, span_text, tokens_of
from .positions import core, countries_in

if TYPE_CHECKING:
    from .resolutions import Mention
    from .vote_events import Event

_NOW = re.compile(r"\b(today|tonight|this (morning|afternoon|evening)|just now|earlier today)\b", re.I)
_YEAR_ONLY = re.compile(r"^\(?\d{4}\)?$")  # "resolution 2662 (2022)": the resolution's year, not a day
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
#: a day written in full, "30 November 2016" or "June 9, 2010" (the NER may keep only "November 2016")
_FULL_DAY = re.compile(r"\b\d{1,2} [a-z]+ (?:19|20)\d{2}\b|\b[a-z]+ \d{1,2}, (?:19|20)\d{2}\b")
_PASS_THROUGH = {"ADP", "PUNCT", "CCONJ", "PART"}
#: how far into the text its heading (title, speaker, occasion and day lines) may reach
HEADING_CHARS = 400


def event_date(ctx: DocContext, ev: Event, is_main: bool) -> date | None:
    """The New York date of the vote, or None when the text does not say it.

    A day attached to the event's own cue or mention wins; a vague one attached there ("in October
    last year") means the text gives no day, and nothing else is guessed."""
    for m in ev.mentions:
        if (found := _adjacent_day(ctx, m)) is not None:
            return found
    targets = {t.i for t in ev.cues} | {m.i for m in ev.mentions} | _stopping_verbs(ctx, ev) | _means_verbs(ctx, ev)
    sents = list({s.start: s for s in [*ev.sentences, *(m.sent for m in ev.mentions)]}.values())
    occasions = ctx.lexicon.cue("occasion_nouns")
    for sent in sents:
        attached = [e for e in _candidates(ctx, sent) if _attached(e.root, targets, occasions)]
        if attached:
            return _day(ctx, attached[0], sent)
    if not ev.cues:
        return None
    council = [s for s in ctx.sentences() if _council_subject(ctx, s)]
    for sent in [*ev.sentences, *(council if is_main else [])]:
        anchors = _council_subject(ctx, sent) | {t.i for t in ev.cues}
        for ent in _candidates(ctx, sent):
            if _attached(ent.root, anchors) and (found := _day(ctx, ent, sent)):
                return found
    if not is_main:
        return None
    for sent in ev.sentences:  # the report's own vote: a day named beside it, within days of publication
        for ent in _candidates(ctx, sent):
            if (found := _day(ctx, ent, sent)) and _recent(ctx, found):
                return found
    if _just_now(ctx, ev):
        return ctx.published
    if (day := _heading_day(ctx)) is not None:
        return day
    if (ev.tally or ev.positions or ev.vetoes) and (day := _date_line(ctx)) is not None:
        return day
    about_vote = [s for s in ctx.sentences() if any(ctx.org_code(e) == "UN" for e in ctx.ents_in(s))
                  or not ctx.lexicon.cue("vote").isdisjoint(ctx.lemma_set(s))]  # "the outcome of today's vote"
    for sent in [*ev.sentences, *about_vote]:
        if _NOW.search(span_text(sent)):
            return ctx.published
    return None


def _heading_day(ctx: DocContext) -> date | None:
    """The day in the heading of an explanation of vote or a statement "after the vote"
    (``vote_statement_headings``): such a statement is made at the meeting that voted. A heading
    without a day gives none (the report's own date is not the text's word)."""
    low = " ".join(span_text(s).lower() for s in _heading(ctx))
    if not any(words in low for words in ctx.lexicon.cue("vote_statement_headings")):
        return None
    return next((d for m in _FULL_DAY.finditer(low) if (d := ctx.resolve(m.group())) is not None), None)


def _heading(ctx: DocContext) -> list[Span]:
    """The sentences of the text's heading (title, speaker, occasion and day lines)."""
    return [s for s in ctx.sentences() if s.start_char < HEADING_CHARS]


def _date_line(ctx: DocContext) -> date | None:
    """"New York, July 19, 2012", "Published Wednesday February 26 2014" or "13 Dec 2018 - The situation in
    …" (a day before a dash and the item's title) as a line of its own at the head of a news item: the day of
    the report, and of the vote it tells with its count or its voters (when that day is the publication
    date)."""
    place_day = _place_day(tuple(sorted(ctx.lexicon.cue("date_line_labels"))))
    for sent in _heading(ctx):
        line = span_text(sent).strip()
        match = place_day.fullmatch(line)
        if match and (day := ctx.resolve(match.group(1))) is not None and day == ctx.published:
            return day
    return None


@lru_cache(maxsize=4)
def _place_day(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A line that is a place or a label (``date_line_labels``) and a day, a weekday allowed before it, or a
    day (in digits first) before a dash and a title."""
    label = "|".join(re.escape(w) for w in labels)
    return re.compile(rf"(?:[A-Z][A-Za-z.' ]{{1,30}}, |(?i:{label}):? |(?=\d))(?:[A-Z][a-z]+day,? )?"
                      r"(\d{1,2} [A-Z][a-z]+,? (?:19|20)\d{2}|[A-Z][a-z]+ \d{1,2},? (?:19|20)\d{2})\.?"
                      r"(?:\s+[-\u2013\u2014]\s+\S.*)?")


def _just_now(ctx: DocContext, ev: Event) -> bool:
    """"the draft resolution just adopted by the Council", "the draft … that was just put to a vote":
    an adverb of ``just_now_adverbs`` on a cue of the event, or on a clause of its mention that speaks
    of the vote, puts the vote on the day of the statement."""
    lex = ctx.lexicon
    clauses = [t for m in ev.mentions for t in m.token.subtree if t.dep_ in {"relcl", "acl"}]
    voting = lex.cue("vote") | lex.cue("adopt")
    for tok in [*ev.cues, *clauses]:
        if said_just_now(lex, tok) and (tok in ev.cues or any(lemma(t) in voting for t in tok.subtree)):
            return True
    return False


def said_just_now(lex, tok: Token) -> bool:
    """An adverb of ``just_now_adverbs`` on ``tok``: "just adopted", "the just-passed resolution"."""
    return any(c.dep_ == "advmod" and c.lower_ in lex.cue("just_now_adverbs") for c in tok.children)


def acts_today(tok: Token) -> bool:
    """``tok`` (or the verb it completes: "decided this morning to extend") carries "today", "this
    morning" and the like as its own adverbial: the act happened on the day of the report."""
    verbs = [tok, tok.head] if tok.dep_ in {"xcomp", "ccomp", "conj"} else [tok]
    return any(c.dep_ in {"npadvmod", "advmod", "tmod"} and _NOW.fullmatch(c.doc[c.left_edge.i:c.right_edge.i + 1].text)
               for v in verbs for c in v.children)


def of_today(tok: Token) -> bool:
    """"today's resolution", "this morning's resolution": the noun's owner is the day of the report."""
    return any(c.dep_ == "poss" and _NOW.fullmatch(c.doc[c.left_edge.i:c.i + 1].text) for c in tok.children)


def past_occasion(ctx: DocContext, cue: Token) -> bool:
    """"Russia and China first vetoed our efforts in October last year": a cue said of an earlier
    occasion (an adverb of ``past_occasion_adverbs``, or a date in its clause, outside a relative clause,
    that lies in an earlier year or in ``past_periods``) reports another vote than the one in focus."""
    lex = ctx.lexicon
    if any(c.dep_ == "advmod" and c.lower_ in lex.cue("past_occasion_adverbs") for c in cue.children):
        return True
    published = ctx.published
    clause = {t.i for t in cue.subtree} - {t.i for c in cue.subtree if c.dep_ == "relcl" for t in c.subtree}
    for ent in (e for e in ctx.date_spans(cue.sent) if e.root.i in clause):
        text = span_text(ent).lower()
        years = [int(y) for y in _YEAR.findall(text)]
        if any(p in text for p in lex.cue("past_periods")) or (published and years and max(years) < published.year):
            return True
    return False


def token_cues(lex) -> frozenset[str]:
    """Every lemma a token cue of :meth:`votes._Reader._cues` starts from (a sentence without one is not walked)."""
    return (lex.cue("veto") | lex.cue("fail") | lex.cue("adopt") | lex.cue("council_decision_verbs")
            | lex.cue("abstain") | lex.cue("vote") | lex.cue("adopted_nouns") | {"failure", "adoption", "those"}
            | lex.cue("voter_nouns") | lex.cue("support_verbs"))


def todays_resolution(lex, tok: Token, lem: str) -> bool:
    """"That is the goal of today's resolution": a text is a resolution once adopted (a draft until
    then), so the Council adopted one on the day of the report."""
    drafted = any(c.dep_ == "compound" and lemma(c) in lex.cue("draft_nouns") for c in tok.children)
    return lem in lex.cue("adopted_nouns") and not drafted and of_today(tok)  # not "today's draft resolution"


def _recent(ctx: DocContext, day: date) -> bool:
    window = int(ctx.lexicon.cues["report_window_days"])
    return ctx.published is not None and -window <= (day - ctx.published).days <= 1


def _adjacent_day(ctx: DocContext, m: Mention) -> date | None:
    """"Resolution 1874 (2009) on June 12, 2009", "resolution 2094 of 7 March": the day written right
    after the resolution's number, whatever the parser attached it to; also the day of the press release
    cited after it ("resolution 1771 (2007) (see Press Release SC/9097 of 10 August 2007)")."""
    doc, i = m.token.doc, m.token.i + 1
    while i < m.sent.end and (doc[i].is_punct or doc[i].like_num) and i - m.token.i <= 5:
        i += 1
    for phrase in ctx.lexicon.cue("release_citations"):
        words = phrase.split()
        if [t.lower_ for t in doc[i:min(i + len(words), m.sent.end)]] == words:
            i += len(words) + 1  # the release's symbol ("SC/9097")
            break
    if i + 1 >= m.sent.end or doc[i].lower_ not in {"on", "of"}:
        return None
    ent = next((e for e in ctx.date_spans(m.sent) if e.start == i + 1), None)
    return _day(ctx, ent, m.sent) if ent is not None else None


def _stopping_verbs(ctx: DocContext, ev: Event) -> set[int]:
    """"used the veto to block a resolution on Mali on 14 March": the verb by which a veto stops the
    event's own text carries the day of the vote, as the veto cue itself would; so does the verb by
    which the veto is used ("the veto was cast … during the meeting on 26 May", "a veto cast by the
    Russian Federation on 28 March")."""
    stop, use, veto = ctx.lexicon.cue("block"), ctx.lexicon.cue("veto_use_verbs"), ctx.lexicon.cue("veto")
    stopping = {m.token.head.i for m in ev.mentions
                if ev.vetoes and m.token.dep_ in {"dobj", "nsubjpass"} and lemma(m.token.head) in stop}
    using = {t.head.i for t in ev.cues
             if lemma(t) in veto and t.dep_ in {"dobj", "nsubjpass"} and lemma(t.head) in use}
    using |= {c.i for t in ev.cues if lemma(t) in veto for c in t.children
              if c.dep_ == "acl" and lemma(c) in use}
    doc = ctx.doc
    using |= {doc[i].head.i for i in using if doc[i].dep_ == "xcomp"}  # "on 28 March, X chose to cast a veto"
    return stopping | using


def _means_verbs(ctx: DocContext, ev: Event) -> set[int]:
    """"decided to expand the mandate on 10 April 2019 through resolution 2464": the Council act whose
    means the resolution is carries the resolution's day."""
    lex = ctx.lexicon
    return {m.token.head.head.i for m in ev.mentions
            if m.token.dep_ == "pobj" and m.token.head.lower_ in lex.cue("means_preps")
            and lemma(m.token.head.head) in lex.cue("council_decision_verbs")}


def _candidates(ctx: DocContext, sent: Span) -> list[Span]:
    """Date phrases of a sentence that may date an event: not a bound ("until 30 April"), not a period
    ("for a further 12 months"), not a dateline."""
    bound = ctx.lexicon.cue("bound_preps") | ctx.lexicon.cue("duration_preps")
    return [e for e in ctx.date_spans(sent) if lemma(e.root.head) not in bound and not is_dateline(e, sent)
            and not _YEAR_ONLY.match(e.text)]


def _day(ctx: DocContext, ent: Span, sent: Span) -> date | None:
    return ctx.council_day(ent, sent) or ctx.council_day(_with_complements(ent), sent)


def _attached(root: Token, targets: set[int], occasions: frozenset[str] = frozenset()) -> bool:
    """``root`` hangs on one of ``targets`` through prepositions only (no other noun or verb between),
    or through a noun of ``occasions`` under a preposition ("vetoed during the meeting on 26 May")."""
    node = root
    for _ in range(6 if occasions else 4):
        if node.head is node:
            return False
        node = node.head
        if node.i in targets:
            return True
        if node.pos_ not in _PASS_THROUGH and not (node.dep_ == "pobj" and lemma(node) in occasions):
            return False
    return False


def _council_subject(ctx: DocContext, sent: Span) -> set[int]:
    """Tokens of the Security Council acting in ``sent`` and of the verbs it is the subject of
    ("The Security Council on 31 May decided": the day may hang on either)."""
    out: set[int] = set()
    for ent in ctx.ents_in(sent):
        if ctx.org_code(ent) == "UN" and ent.root.dep_ in {"nsubj", "agent", "pobj"}:
            verb = ent.root.head if ent.root.dep_ != "pobj" else ent.root.head.head
            if verb.pos_ in {"VERB", "AUX"}:
                out |= {verb.i, *range(ent.start, ent.end)}
    return out


def _with_complements(ent: Span) -> Span:
    """"the early morning" + "of the 27th": a time phrase with its own modifiers."""
    sub = list(ent.root.subtree)
    return ent.doc[min(sub[0].i, ent.start):max(sub[-1].i + 1, ent.end)]


# --- sponsors --------------------------------------------------------------------------------------

def read_sponsors(ctx: DocContext, ev: Event) -> None:
    """"US-drafted resolution", "a US resolution", "tabled by the United States", "another tabled by X"."""
    lex = ctx.lexicon
    own = {m.i for m in ev.mentions}
    for m in ev.mentions:
        if m.reference:
            continue
        left = draft_modifiers(m)
        ev.sponsors.extend(countries_in(ctx, left))
        ev.sponsors.extend(_hyphenated(ctx, left))
        for tok in m.sent:
            if lemma(tok) in lex.cue("sponsor_verbs") and tok.pos_ == "VERB" and _about(ctx, tok, own):
                partners = [t for c in tok.children if c.dep_ in {"prep", "advmod"}
                            and c.lower_ in {"with", "together"} for t in c.subtree]
                doers = [t for c in tok.children if c.dep_ in {"nsubj", "agent"} for t in core(c)]
                ev.sponsors.extend(countries_in(ctx, [*doers, *partners]))
                ev.sponsors.extend(_antecedent_countries(ctx, tok))


def draft_modifiers(m: Mention) -> list[Token]:
    """The words before a draft noun in its own phrase, its article aside ("the Russian Federation's text",
    "a US resolution"): where a draft's authors are named."""
    return [t for c in m.token.children if c.i < m.token.i and c.dep_ != "det" for t in c.subtree]


def _hyphenated(ctx: DocContext, tokens: list[Token]) -> list[str]:
    """"U.S.-drafted" is one token: split it and look the first part up as a country."""
    adjectives = ctx.lexicon.cue("sponsor_adjectives")
    found = []
    for tok in tokens:
        head, _, tail = tok.text.rpartition("-")
        iso3 = ctx.lexicon.country_for(head) if head and tail.lower() in adjectives else None
        found.extend([iso3] if iso3 else [])
    return found


def _about(ctx: DocContext, verb: Token, own: set[int]) -> bool:
    """The sponsor verb acts on one of this event's mentions: its object, subject or the noun it modifies."""
    related = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    related += [verb.head] if verb.dep_ in {"acl", "relcl", "amod"} else []
    related += [c for c in verb.head.children if c.dep_ == "nsubj"] if verb.dep_ == "advcl" else []
    return any(t.i in own for t in related)


def _antecedent_countries(ctx: DocContext, verb: Token) -> list[str]:
    """For "the representative of X, whose delegation drafted …": the country of the antecedent."""
    if verb.dep_ != "relcl":
        return []
    found: list[str] = []
    node = verb.head
    for _ in range(2):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"):
            found.extend(countries_in(ctx, prep.subtree))
        iso3 = ctx.country_of_token(node)
        found.extend([iso3] if iso3 else [])
        if node.dep_ != "appos":
            break
        node = node.head
    return found


# --- concerns --------------------------------------------------------------------------------------

def concerns_of(ctx: DocContext, ev: Event) -> tuple[str, ...]:
    """The target: "sanctions against X", "embargo on X", else the most-named other country."""
    targets = ctx.lexicon.cue("target_nouns")
    found: list[str] = []
    for sent in [*ev.sentences, *ctx.sentences()][: len(ev.sentences) + 3]:
        for tok in tokens_of(sent):
            if lemma(tok) in targets:
                for prep in (c for c in tok.children if c.lower_ in {"against", "on", "for"}):
                    found.extend(countries_in(ctx, prep.subtree))
        if found:
            return tuple(dict.fromkeys(found))
    return _dominant_country(ctx, exclude=set(ev.positions) | set(ev.sponsors))


def _dominant_country(ctx: DocContext, exclude: set[str]) -> tuple[str, ...]:
    counts = Counter(ctx.country(e) for e in ents_of(ctx.doc))
    ranked = [(n, c) for c, n in counts.items() if c and c not in exclude and n >= 2]
    return (max(ranked)[1],) if ranked else ()
