"""Security Council votes: one event per resolution or draft a text reports, each with its own facts.

Every mention of a resolution or draft is found first (:mod:`resolutions`); each vote cue (a veto, a
tally, "adopted", "failed", "abstained") is tied to the mention it governs in the parse, else to the
nearest mention in its sentence, else to the vote in focus. Mentions become events by their
identifying parts: a number ("resolution 2402") is one event however often it is named; drafts
without a number are one event unless the text says "another" or "an alternate draft", and are
merged at the end when nothing they say conflicts. A resolution cited in passing ("the regime of
resolution 2140 (2014)") is an event too, adopted by definition, with only what the text says of it.

General rules that reach beyond one sentence: the Council has 15 members, only its five permanent
members can veto, a permanent member's "no" on a failed draft is a veto, a member that voted in favour
did not veto, and a vote cannot be dated after the text that reports it.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ..records import Position, VoteFact
from . import vote_details
from .context import DocContext, cue_tokens, lemma
from .positions import (
    agent_count,
    countries_in,
    listed_positions,
    subject_count,
    verb_positions,
    verbless_positions,
)
from .resolutions import Mention, find_mentions, governed_mention, nearest_mention
from .tallies import complete_tally, merge_counts, tally_cues, unanimous_counts
from .vote_cues import council_acts, is_failure, is_outcome_cue, modifies_adoption, standing, veto_in_general
from .vote_details import (
    acts_today,
    concerns_of,
    draft_modifiers,
    event_date,
    read_sponsors,
    todays_resolution,
    token_cues,
)
from .vote_events import Event, Key, merge_drafts

WEAK, PLAIN, STRONG = 0, 1, 2
REQUIRED_VOTES = 9  # Article 27(3) of the Charter: nine affirmative votes, no permanent member against


class _Reader:
    """Reads a document's sentences in order, keeping the events and the one in focus."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.mentions = find_mentions(ctx)
        self.token_cues = token_cues(ctx.lexicon)  # a union of eight word lists: made once per document
        self.events: dict[Key, Event] = {}
        self.of_mention: dict[int, Key] = {}
        self.governable: dict[int, Mention] = {}  # token index -> mention read so far that cues may govern
        self.in_sentence: list[Mention] = []  # the mentions of the sentence being read
        self.focus: Key | None = None
        self.cued: dict[Key, int] = {}  # events that received cues -> the turn of their latest cue
        self.by_outcome: dict[str | None, dict[Key, None]] = {}  # the same, by outcome, latest last
        self.turns = 0
        self.drafts = 0

    def event(self, key: Key) -> Event:
        if key not in self.events:
            self.events[key] = Event(key, number=key[1] if key[0] == "n" else None)
        return self.events[key]

    def new_draft(self) -> Key:
        self.drafts += 1
        return ("d", self.drafts)

    def register(self, m: Mention) -> Key:
        """The event a mention names: by number; an unnumbered one is the draft in focus unless new."""
        if m.number is not None:
            key: Key = ("n", m.number)
        elif not m.new and not _indefinite(m.token) and self.focus is not None and not self._cited_for_draft(m) \
                and not self._other_sponsors(m):
            key = self.focus
        else:
            key = self.new_draft()
        ev = self.event(key)
        ev.mentions.append(m)
        ev.year = ev.year or m.year
        self.of_mention[m.i] = key
        if not m.reference or any(c.dep_ in {"acl", "relcl"} for c in m.token.children):
            self.governable[m.i] = m  # a citation is governed only by its own clause ("2036, adopted on …")
        return key

    def _other_sponsors(self, m: Mention) -> bool:
        """"The French and Spanish text received 11 votes … The Russian Federation's text received 4": an
        unnumbered draft named by its authors is not the draft in focus when that one's authors are others."""
        own = self._named_sponsors(m)
        if not own or self.focus is None or self.focus[0] != "d":
            return False
        named = {c for x in self.events[self.focus].mentions for c in self._named_sponsors(x)}
        return bool(named) and own.isdisjoint(named)

    def _named_sponsors(self, m: Mention) -> set[str]:
        """The states named before a draft noun, in its own phrase ("the Russian Federation's text")."""
        if m.number is not None or m.reference:
            return set()
        return set(countries_in(self.ctx, draft_modifiers(m)))

    def _cited_for_draft(self, m: Mention) -> bool:
        """"the draft" cannot be the resolution in focus when that one was cited from an earlier year
        ("failed to renew the measures of resolution 2140 (2014). The draft … was vetoed")."""
        focus = self.events.get(self.focus) if self.focus is not None else None
        published = self.ctx.published
        return (lemma(m.token) in self.ctx.lexicon.cue("draft_nouns") and focus is not None
                and focus.number is not None and focus.year is not None and published is not None
                and focus.year < published.year)

    def read(self) -> list[Event]:
        by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            by_sentence.setdefault(m.sent.start, []).append(m)
        for sent in self.ctx.sentences():
            self.in_sentence = by_sentence.get(sent.start, [])
            for m in self.in_sentence:
                self.register(m)
            for cue, apply, implies, strength in self._cues(sent):
                past = strength in {STRONG, WEAK} and vote_details.past_occasion(self.ctx, cue) \
                    and not governed_mention(cue, self.governable)
                if past and strength == WEAK:
                    continue  # "In December 2005, the Council imposed an arms embargo": another occasion
                key = self.new_draft() if past else self._event_for(cue, sent, implies, strength)
                if key is None:
                    continue
                ev = self.event(key)
                ev.past = ev.past or past
                apply(ev)
                ev.cues.append(cue)
                ev.add_sentence(sent)
                self._touch(key)
                self.focus = self.focus if past else key  # "first vetoed … last year" is told in passing
        return list(self.events.values())

    def _event_for(self, cue: Token, sent: Span, implies: str | None, strength: int) -> Key | None:
        """The governed mention's event; else the vote in focus (or the latest one the cue's outcome
        fits); else the nearest mention in the sentence; else, for a strong cue, or a plain one by the
        Council, or a weak one by the Council "today" ("decided this morning to extend …"), a new draft."""
        m = governed_mention(cue, self.governable)
        if m is not None:
            return self.of_mention[m.i]
        fitting = self._latest_fitting(implies)
        if fitting is not None:
            return fitting
        m = nearest_mention(cue, self.in_sentence)
        if m is not None:
            return self.of_mention[m.i]
        if strength == STRONG or (council_acts(self.ctx, cue) and (strength == PLAIN or acts_today(cue))):
            return self.new_draft()
        return None

    def _touch(self, key: Key) -> None:
        """Record that ``key`` just received a cue (its outcome may have changed with it)."""
        self.cued.pop(key, None)
        self.turns += 1
        self.cued[key] = self.turns
        for bucket in self.by_outcome.values():
            bucket.pop(key, None)
        self.by_outcome.setdefault(self.events[key].outcome, {})[key] = None

    def _latest_fitting(self, implies: str | None) -> Key | None:
        """The event in focus if the cue's outcome fits it, else the latest cued event it fits (one whose
        outcome is unknown or the same). Looked up by outcome, not by scanning every event: a long text
        can hold thousands of drafts, and its cost must stay linear."""
        if self.focus in self.cued and _fits(self.events[self.focus], implies):
            return self.focus
        pools = [self.cued] if implies is None else [self.by_outcome.get(None, {}), self.by_outcome.get(implies, {})]
        latest = [next((k for k in reversed(pool) if k != self.focus), None) for pool in pools]
        return max((k for k in latest if k is not None), key=self.cued.__getitem__, default=None)

    def _cues(self, sent: Span):
        """(token, action, implied outcome, strength) for each vote cue of a sentence, in text order.

        A STRONG cue (a veto, a tally, a state's vote) reports a vote even with no resolution named; a
        PLAIN one ("adopted") does when the Council is its subject; a WEAK one (the Council "extended"
        or "renewed" something) adds to a vote already told, and reports one only when the Council did it
        on the day of the report ("today", "this morning"): a meeting's decision is a resolution adopted."""
        ctx, lex = self.ctx, self.ctx.lexicon
        found: list[tuple[Token, object, str | None, int]] = []
        for tok in cue_tokens(sent, self.token_cues):  # every branch below starts from one of these lemmas
            lem = lemma(tok)
            if lem in lex.cue("veto"):
                if not veto_in_general(ctx, tok):
                    found.append((tok, _veto_action(ctx, tok, sent), "not_adopted", STRONG))
            elif is_outcome_cue(ctx, tok):
                failed = is_failure(ctx, tok)
                found.append((tok, _outcome_action(failed), "not_adopted" if failed else "adopted", PLAIN))
            elif todays_resolution(lex, tok, lem):
                found.append((tok, _outcome_action(False), "adopted", PLAIN))
            elif lem in lex.cue("council_decision_verbs") and council_acts(ctx, tok) and not standing(tok):
                found.append((tok, _outcome_action(False), "adopted", WEAK))
            elif lem in lex.cue("abstain") | lex.cue("vote") and tok.pos_ == "VERB":
                pairs = verb_positions(ctx, tok)
                if pairs:
                    found.append((tok, _positions_action(pairs, sent), None, STRONG))
                if (counted := subject_count(ctx, tok)) is not None:
                    found.append((tok, _tally_action({counted[0]: counted[1]}), None, STRONG))
            elif pairs := verbless_positions(ctx, tok):
                found.append((tok, _positions_action(pairs, sent), None, STRONG))
            elif (counted := agent_count(ctx, tok)) is not None:
                found.append((tok, _tally_action({counted[0]: counted[1]}), None, STRONG))
        for span, counts in tally_cues(ctx, sent):
            found.append((span.root, _tally_action(counts), None, STRONG))
        for span, iso3, pos in listed_positions(ctx, sent):
            found.append((span.root, _positions_action([(iso3, pos)], sent), None, STRONG))
        for span in ctx.terms(sent, "UNANIMOUS"):
            if modifies_adoption(ctx, span[0]):
                found.append((span[0], _tally_action(unanimous_counts(ctx), adopted=True), "adopted",
                              PLAIN))
        return sorted(found, key=lambda x: x[0].i)


# --- cue actions -----------------------------------------------------------------------------------

def _veto_action(ctx: DocContext, tok: Token, sent: Span):
    vetoers = [c for c in verb_positions(ctx, tok) if ctx.lexicon.is_permanent(c[0])]

    def apply(ev: Event) -> None:
        ev.failed = True
        for iso3, _ in vetoers:
            ev.set_position(iso3, "against", sent)
            ev.vetoes.append(iso3)
    return apply


def _outcome_action(failed: bool):
    def apply(ev: Event) -> None:
        if failed:
            ev.failed = True
        else:
            ev.adopted = True
    return apply


def _positions_action(pairs: list[tuple[str, Position]], sent: Span):
    def apply(ev: Event) -> None:
        for iso3, pos in pairs:
            ev.set_position(iso3, pos, sent)
    return apply


def _tally_action(counts: dict[str, int], adopted: bool = False):
    def apply(ev: Event) -> None:
        merge_counts(ev.tally, counts)
        ev.adopted = ev.adopted or adopted
    return apply


# --- which tokens are outcome cues -----------------------------------------------------------------

def _fits(ev: Event, implies: str | None) -> bool:
    return implies is None or ev.outcome is None or ev.outcome == implies


def _indefinite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)


# --- events -> facts -------------------------------------------------------------------------------

def extract_votes(ctx: DocContext) -> list[VoteFact]:
    """One fact per vote the text reports or cites."""
    events = merge_drafts(_Reader(ctx).read())
    events = [ev for ev in events if ev.number is not None or ev.cues]
    if not events:
        return []
    main = _main_event(ctx, events)
    concerns = concerns_of(ctx, main)
    return [_fact(ctx, ev, ev is main, concerns) for ev in events]


def _main_event(ctx: DocContext, events: list[Event]) -> Event:
    """The vote the report is about: of the events with a vote cue, one not cited from an earlier year
    ("failed to renew the measures imposed through resolution 2374 (2017)"), with a veto, tally or
    positions if any has them; the first such in the text."""
    voted = [ev for ev in events if ev.cues]
    if not voted:
        return events[0]
    year = ctx.published.year if ctx.published else None

    def weight(ev: Event) -> tuple[bool, bool]:
        cited = ev.year is not None and year is not None and ev.year < year
        return not cited, bool(ev.vetoes or ev.tally or ev.positions)

    return max(voted, key=weight)  # max keeps the first of equals: the text's order breaks ties


def _fact(ctx: DocContext, ev: Event, is_main: bool, concerns: tuple[str, ...]) -> VoteFact:
    read_sponsors(ctx, ev)
    outcome = ev.outcome
    # a second draft voted at the same meeting, with its own count or voters, is dated as the report's vote
    day = event_date(ctx, ev, is_main or (ev.number is None and bool(ev.tally or ev.positions) and not ev.past))
    if day is not None and not _plausible_day(ctx, ev, day):
        day = None
    positions = _members_only(ctx, ev.positions, ev.year or (day.year if day else None))
    tally = complete_tally(dict(ev.tally), positions)
    if outcome is None and tally.get("in_favour", 0) >= REQUIRED_VOTES and tally.get("against") == 0:
        outcome = "adopted"  # nine votes or more and none against pass a text (Article 27(3)), whatever the verb
    if ev.number is None and not _enough(tally):
        outcome = "not_adopted"  # a draft with fewer than nine votes in favour failed, whatever the verb
    vetoed = {c for c in ev.vetoes if positions.get(c) == "against"} | {
        c for c, p in positions.items()
        if p == "against" and outcome == "not_adopted" and ctx.lexicon.is_permanent(c) and _enough(tally)}
    sents = ev.sentences or [m.sent for m in ev.mentions[:1]]
    return VoteFact(
        evidence=tuple(ctx.evidence(s, "votes.sentence") for s in sents),
        date=day, number=ev.number, year=ev.year, outcome=outcome,  # type: ignore[arg-type]
        in_favour=tally.get("in_favour"), against=tally.get("against"), abstentions=tally.get("abstention"),
        sponsors=tuple(dict.fromkeys(ev.sponsors)), concerns=concerns,
        positions=tuple(sorted(positions.items())), vetoed_by=tuple(sorted(vetoed)),
        position_evidence=tuple((c, ctx.evidence(s, "votes.position")) for c, s in ev.position_ev.items()
                                if c in positions),
    )


def _members_only(ctx: DocContext, positions: dict[str, Position], year: int | None) -> dict[str, Position]:
    """Positions of states that sat on the Council that year (all of them when the year is unknown)."""
    if year is None:
        return dict(positions)
    return {c: p for c, p in positions.items() if ctx.lexicon.on_council(c, year) is not False}


def _enough(tally: dict[str, int]) -> bool:
    """A permanent member's "no" is a veto only on a draft that had the nine votes to pass without it."""
    return tally.get("in_favour", REQUIRED_VOTES) >= REQUIRED_VOTES


def _plausible_day(ctx: DocContext, ev: Event, day: date) -> bool:
    """A vote is not dated after its report (one day of slack for time zones), nor outside its year."""
    published = ctx.published
    if published is not None and (day - published).days > 1:
        return False
    return ev.year is None or day.year == ev.year
