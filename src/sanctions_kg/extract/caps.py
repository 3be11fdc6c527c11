"""Caps on a commodity's imports: "lowered the cap on refined petroleum to 500,000 barrels from 2 million".

Figures are read from the tokens, not the parse (the parser often joins "500,000 to 375,000" into one
phrase): a *slot* is a preposition ("from", "to") followed by one or more numbers and maybe a unit. A
"from" slot and the "to" slot after it (or a "to" slot and the "from" slot just after it) make one cap;
a lone "to" slot gives the limit after the change only. The commodity is the nearest one named before the
figures; with "respectively" a list of figures is shared out among a list of commodities. Word lists are
in ``rules/caps.yml``.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from ..records import ImportCapFact
from ..ruleset import load_cue_sets
from .context import DocContext, doc_lowers
from .numbers import parse_number


@lru_cache(maxsize=1)
def rules() -> dict:
    """The cap word lists (``rules/caps.yml``), lists as sets."""
    return load_cue_sets("caps.yml")


@dataclass
class Slot:
    """A preposition with its figures: "from 4 million and 500,000 barrels"."""

    prep: str
    start: int
    end: int
    values: list[float]
    unit: str | None


@dataclass
class Figures:
    """One change of limit, possibly for several commodities ("respectively")."""

    start: int
    end: int
    before: Sequence[float | None]
    after: Sequence[float | None]
    unit: str


# --- entry point -------------------------------------------------------------------------------

def extract_caps(ctx: DocContext) -> list[ImportCapFact]:
    """Import caps of one document; the same cap stated twice is one fact with two evidences."""
    found: dict[tuple, ImportCapFact] = {}
    carried: list[Span] = []
    for sent in ctx.sentences():
        for fact in sentence_caps(ctx, sent, carried):
            key = (fact.commodity, fact.before, fact.after, fact.unit)
            old = found.get(key)
            found[key] = fact if old is None else replace(
                old, evidence=old.evidence + fact.evidence, country=old.country or fact.country,
                via_resolution=old.via_resolution or fact.via_resolution)
        carried = ctx.terms(sent, "COMMODITY")[-1:] or carried
    return list(found.values())


def sentence_caps(ctx: DocContext, sent: Span, carried: list[Span]) -> Iterator[ImportCapFact]:
    """The caps one sentence states (none unless it has a cap word and a commodity, here or in the
    sentence before: "… all refined petroleum products. Reduces the maximum to 500,000 barrels")."""
    commodities = ctx.terms(sent, "COMMODITY")
    if not has_cue(ctx, sent) or not (commodities or carried):
        return
    evidence = ctx.evidence(sent, "caps.figures")
    previous_end, previous_country = sent.start, None
    groups = list(figure_groups(ctx, sent))
    for k, fig in enumerate(groups):
        names = commodity_names(commodities, previous_end, fig, carried, _clause_end(sent, fig, groups[k + 1:]))
        country = cap_country(ctx, sent.doc[previous_end:fig.start]) or previous_country
        resolution = via_resolution(sent, fig.start)
        for name, before, after in share_out(names, fig):
            yield ImportCapFact((evidence,), name.id_, country, before, after, fig.unit,  # type: ignore[arg-type]
                                resolution)
        previous_end, previous_country = fig.end, country


def commodity_names(commodities: list[Span], since: int, fig: Figures, carried: list[Span],
                    limit: int) -> list[Span]:
    """The commodities a group of figures is about: those named since the previous figures, else the
    last one named before, else the first named after them in the same clause ("… to 375,000 barrels of
    refined oil"), else the one the previous sentence spoke of."""
    return [c for c in commodities if since <= c.start < fig.start] or \
        [c for c in commodities if c.end <= fig.start][-1:] or \
        [c for c in commodities if fig.end <= c.start < limit][:1] or carried


def _clause_end(sent: Span, fig: Figures, later: list[Figures]) -> int:
    """Where the clause of a group of figures ends: at the next figures or at a semicolon."""
    end = later[0].start if later else sent.end
    return next((t.i for t in sent.doc[fig.end:end] if t.text == ";"), end)


def share_out(names: list[Span], fig: Figures) -> list[tuple[Span, float | None, float | None]]:
    """Pair figures with commodities: in order when both are lists of the same length, else the last name."""
    n = max(len(fig.before), len(fig.after))
    if n > 1 and len(names) >= n:
        before = fig.before if len(fig.before) == n else [None] * n
        after = fig.after if len(fig.after) == n else [None] * n
        return list(zip(names[-n:], before, after, strict=False))
    if not names:
        return []
    return [(names[-1], fig.before[0] if fig.before else None, fig.after[0] if fig.after else None)]


# --- cues --------------------------------------------------------------------------------------

def has_cue(ctx: DocContext, sent: Span) -> bool:
    """A cap word ("cap", "limit", "lowered", "cut") appears in the sentence, as a lemma or as written."""
    words = rules()["cue_words"]
    return not words.isdisjoint(ctx.lemma_set(sent)) or not words.isdisjoint(doc_lowers(sent.doc)[sent.start:sent.end])


# --- figures -----------------------------------------------------------------------------------

def slots(ctx: DocContext, sent: Span) -> list[Slot]:
    """Every "from/to/at + numbers (+ unit)" outside brackets and dates, in order; a bare figure with
    its unit ("a maximum of 500,000 barrels", "an annual two million barrels") is a limit after."""
    preps = rules()["before_preps"] | rules()["after_preps"]
    units = {(u.start): u for u in ctx.terms(sent, "UNIT")}
    doc = sent.doc
    out: list[Slot] = []
    depth = 0
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        depth = max(0, depth + sum(tok.text.count(b) for b in rules()["open_brackets"])
                    - sum(tok.text.count(b) for b in rules()["close_brackets"]))
        slot = None
        if depth == 0 and tok.lower_ in preps and i + 1 < sent.end and is_figure(doc[i + 1]):
            slot = read_slot(sent, tok, units)
        elif depth == 0 and is_figure(tok) and i > 0 and not is_figure(doc[i - 1]):
            slot = bare_slot(sent, doc[i - 1], units)
        if slot:
            out.append(slot)
            i = skip_alternative(sent, slot.end, units)
            continue
        i += 1
    return out


def bare_slot(sent: Span, before: Token, units: dict[int, Span]) -> Slot | None:
    """A figure with a unit and no preposition of its own: read as a limit after."""
    slot = read_slot(sent, before, units)
    if slot is None or slot.unit is None:
        return None
    return Slot(sorted(rules()["after_preps"])[0], slot.start + 1, slot.end, slot.values, slot.unit)


def skip_alternative(sent: Span, i: int, units: dict[int, Span]) -> int:
    """Past "or 525,000 tons" (after "/year" or "a year"): the same limit in another unit is not a
    second cap."""
    doc = sent.doc
    j = i
    while j < min(i + 3, sent.end) and doc[j].lower_ not in rules()["alternative_joiners"] and not is_figure(doc[j]):
        j += 1
    if j + 1 < sent.end and doc[j].lower_ in rules()["alternative_joiners"] and is_figure(doc[j + 1]):
        alt = read_slot(sent, doc[j], units)
        return alt.end if alt and alt.unit else i
    return i


def is_figure(tok: Token) -> bool:
    """A number token that is not part of a date or an ordinal."""
    return tok.like_num and tok.ent_type_ not in {"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY"}


def read_slot(sent: Span, prep: Token, units: dict[int, Span]) -> Slot | None:
    """Read "prep N [million] [unit] (and N [million] [unit])*"."""
    doc, i, values, unit = sent.doc, prep.i + 1, [], None
    while i < sent.end and is_figure(doc[i]):
        j = i
        while j < sent.end and is_figure(doc[j]):
            j += 1
        value = parse_number(doc[i:j].text)
        if value is None:
            break
        values.append(value)
        if j in units:
            unit, j = units[j].id_, units[j].end
        i = j
        if i + 1 < sent.end and doc[i].text in rules()["list_joiners"] and is_figure(doc[i + 1]):
            i += 1
        else:
            break
    return Slot(prep.lower_, prep.i, i, values, unit) if values else None


def figure_groups(ctx: DocContext, sent: Span) -> Iterator[Figures]:
    """Pair slots: "from A to B", "to B ... from A", or a lone "to B" (after only)."""
    found = slots(ctx, sent)
    i = 0
    while i < len(found):
        before, after = pair_at(found, i)
        if after is None:
            i += 1
            continue
        unit = after.unit or (before.unit if before else None)
        parts = [s for s in (before, after) if s]
        if unit:
            yield Figures(min(s.start for s in parts), max(s.end for s in parts),
                          before.values if before else [], after.values, unit)
        i += len(parts)


def pair_at(found: list[Slot], i: int) -> tuple[Slot | None, Slot | None]:
    """(before, after) slots starting at ``found[i]``; (None, None) when it starts no cap."""
    cur = found[i]
    nxt = found[i + 1] if i + 1 < len(found) else None
    before, after = rules()["before_preps"], rules()["after_preps"]
    if cur.prep in before and nxt and nxt.prep in after and nxt.start == cur.end:
        return cur, nxt
    if cur.prep in after and nxt and nxt.prep in before and nxt.start - cur.end <= rules()["swap_gap"]:
        return nxt, cur
    if cur.prep in after:
        return None, cur
    return None, None


# --- country and resolution --------------------------------------------------------------------

def cap_country(ctx: DocContext, span: Span) -> str | None:
    """The country whose imports the phrase before the figures speaks of ("North Korea's imports",
    "deliveries to North Korea", "imports by North Korea", "oil that North Korea can import")."""
    found = None
    for iso3, ent in ctx.countries(span):
        root = ent.root
        if root.dep_ not in rules()["country_deps"]:
            continue
        if root.dep_ == "pobj" and root.head.lower_ not in rules()["country_preps"]:
            continue
        found = iso3
    return found


def via_resolution(sent: Span, at: int) -> bool:
    """The cap's clause is a resolution's doing: its subject is a resolution (or "it would"), or it
    stands "under resolution ..."."""
    words = rules()["resolution_words"]
    verb = cap_verb(sent, at)
    while verb is not None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                if child.lemma_.lower() in words:
                    return True
                if child.pos_ == "PRON" and any(a.lower_ in rules()["proposal_modals"] for a in verb.children
                                                if a.dep_ == "aux"):
                    return True
            if child.dep_ == "prep" and child.lower_ in rules()["resolution_preps"] and any(
                    o.lemma_.lower() in words for o in child.children):
                return True
        if verb.dep_ not in {"xcomp", "conj", "advcl", "ccomp"} or verb.head == verb:
            return False
        verb = verb.head
    return False


def cap_verb(sent: Span, at: int) -> Token | None:
    """The cap verb nearest before token ``at`` ("lowered", "cut"), else the nearest verb."""
    words = rules()["cue_words"]
    verbs = [t for t in sent.doc[sent.start:at] if t.pos_ in {"VERB", "AUX"}]
    cues = [t for t in verbs if t.lemma_.lower() in words or t.lower_ in words]
    found = cues or verbs
    return found[-1] if found else None
