"""Security Council votes: outcome, tallies, positions (vetoes), sponsors, concerned country, date.

A document usually reports one vote; its sentences are found by cue lemmas and tally phrases, then
each attribute is read from the parse of those sentences. Rules that reach beyond one sentence are
general: the Council has 15 members, a negative vote of a permanent member on a draft that fails is
a veto, a sponsor is a country attached to the draft ("US-drafted", "tabled by").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import Position, VoteFact
from .context import DocContext, is_dateline, lemma
from .numbers import parse_count

COUNCIL_SIZE = 15
_RES_NUMBER = re.compile(r"^\d{3,4}$")
TALLY_POSITION = {"TALLY_FAVOUR": "in_favour", "TALLY_AGAINST": "against", "TALLY_ABSTAIN": "abstention"}


@dataclass
class _Draft:
    """Mutable accumulator for one vote while reading its sentences."""

    sentences: list[Span] = field(default_factory=list)
    positions: dict[str, Position] = field(default_factory=dict)
    position_ev: dict[str, Span] = field(default_factory=dict)
    vetoes: list[str] = field(default_factory=list)
    tally: dict[str, int] = field(default_factory=dict)
    sponsors: list[str] = field(default_factory=list)


def extract_votes(ctx: DocContext) -> list[VoteFact]:
    """At most one vote per document (the one its vote sentences describe)."""
    sents = [s for s in ctx.sentences() if _is_vote_sentence(ctx, s)]
    if not sents:
        return []
    draft = _Draft(sentences=sents)
    for sent in sents:
        _read_positions(ctx, sent, draft)
        _read_tallies(ctx, sent, draft)
    for sent in ctx.sentences():
        _read_sponsors(ctx, sent, draft)
    outcome = _outcome(ctx, sents, draft)
    _complete_tally(draft)
    number, year = _resolution_number(ctx, sents)
    vetoed = sorted({c for c in draft.vetoes} | {
        c for c, p in draft.positions.items()
        if p == "against" and outcome == "not_adopted" and ctx.lexicon.is_permanent(c)})
    return [VoteFact(
        evidence=tuple(ctx.evidence(s, "votes.sentence") for s in sents),
        date=_vote_date(ctx, sents), number=number, year=year, outcome=outcome,
        in_favour=draft.tally.get("in_favour"), against=draft.tally.get("against"),
        abstentions=draft.tally.get("abstention"), sponsors=tuple(dict.fromkeys(draft.sponsors)),
        concerns=_concerns(ctx, sents, draft), positions=tuple(sorted(draft.positions.items())),
        vetoed_by=tuple(vetoed),
        position_evidence=tuple((c, ctx.evidence(s, "votes.position")) for c, s in draft.position_ev.items()),
    )]


# --- which sentences -------------------------------------------------------------------------------

def _resolution_nouns(ctx: DocContext, sent: Span) -> list[Token]:
    nouns = ctx.lexicon.cue("resolution_nouns")
    return [t for t in sent if lemma(t) in nouns and t.pos_ in {"NOUN", "PROPN"}]


def _is_reference(ctx: DocContext, tok: Token) -> bool:
    """A resolution mentioned as a reference ("under resolution 2397"), or plural ("resolutions")."""
    if tok.tag_ in {"NNS", "NNPS"}:
        return True
    return tok.dep_ == "pobj" and lemma(tok.head) in ctx.lexicon.cue("citing_preps")


def _is_vote_sentence(ctx: DocContext, sent: Span) -> bool:
    """A sentence that reports the vote: a veto, a tally, or a vote/adopt cue on a (single) draft."""
    lex = ctx.lexicon
    if any(lemma(t) in lex.cue("veto") for t in sent):
        return True
    if any(ctx.terms(sent, lab) for lab in ("TALLY_FAVOUR", "TALLY_DASH")):
        return True
    drafts = [t for t in _resolution_nouns(ctx, sent) if not _is_reference(ctx, t)]
    cues = lex.cue("vote") | lex.cue("adopt") | lex.cue("fail") | lex.cue("abstain")
    has_cue = any(lemma(t) in cues or lemma(t) in {"adoption", "failure"} for t in sent)
    return bool(drafts) and has_cue


# --- outcome ---------------------------------------------------------------------------------------

def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        lemma(a) in {"fail", "failure"} for a in tok.ancestors) or lemma(tok.head) in {"fail", "failure"}


def _conditional(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children) or tok.head.lower_ == "if"


def _outcome(ctx: DocContext, sents: list[Span], draft: _Draft) -> str | None:
    """``not_adopted`` on a veto or a failure cue; ``adopted`` on a plain adoption cue."""
    lex = ctx.lexicon
    failed = bool(draft.vetoes)
    adopted = False
    for sent in sents:
        for tok in sent:
            lem = lemma(tok)
            if lem in lex.cue("fail") or lem == "failure" or (lem in lex.cue("adopt") and _negated(tok)):
                failed = True
            elif (lem in lex.cue("adopt") or lem == "adoption") and not _conditional(tok) and tok.pos_ != "ADJ":
                adopted = adopted or tok.dep_ not in {"amod"}
    if failed:
        return "not_adopted"
    return "adopted" if adopted else None


# --- positions -------------------------------------------------------------------------------------

def _set_position(draft: _Draft, iso3: str, pos: Position, sent: Span) -> None:
    if draft.positions.get(iso3) == "against" and pos != "against":
        return  # a veto or explicit "against" is never overwritten by a weaker cue
    draft.positions[iso3] = pos
    draft.position_ev.setdefault(iso3, sent)


def _countries_in(ctx: DocContext, tokens: Iterable[Token]) -> list[str]:
    seen: list[str] = []
    for tok in tokens:
        iso3 = ctx.country_of_token(tok)
        if iso3 and iso3 not in seen:
            seen.append(iso3)
    return seen


def _subjects(tok: Token) -> list[Token]:
    """The subject tokens of a verb, with their conjuncts ("China and Russia vetoed")."""
    subs = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
    if not subs and tok.dep_ in {"conj", "xcomp"}:
        subs = [c for c in tok.head.children if c.dep_ in {"nsubj"}]
    if not subs and tok.i > 0 and tok.doc[tok.i - 1].ent_type_:
        subs = [tok.doc[tok.i - 1]]  # "… and Brazil abstained" misparsed with no subject: the name just before
    out: list[Token] = []
    for s in subs:
        out.extend(s.subtree)
    return out


def _veto_countries(ctx: DocContext, tok: Token) -> list[str]:
    """Who vetoed: a verb's subject, a noun's possessor/modifier or its "cast by X"."""
    if tok.pos_ == "VERB":
        return _countries_in(ctx, _subjects(tok))
    objects = {t.i for c in tok.children if c.dep_ in {"dobj"} for t in c.subtree}
    return _countries_in(ctx, (t for t in tok.subtree if t.i not in objects))


def _read_positions(ctx: DocContext, sent: Span, draft: _Draft) -> None:
    lex = ctx.lexicon
    for tok in sent:
        lem = lemma(tok)
        if lem in lex.cue("veto"):
            for iso3 in _veto_countries(ctx, tok):
                _set_position(draft, iso3, "against", sent)
                draft.vetoes.append(iso3)
        elif lem in lex.cue("abstain") and tok.pos_ == "VERB":
            for iso3 in _countries_in(ctx, _subjects(tok)):
                _set_position(draft, iso3, "abstention", sent)
        elif lem in lex.cue("vote") and tok.pos_ == "VERB":
            pos = _vote_direction(tok)
            for iso3 in _countries_in(ctx, _subjects(tok)) if pos else []:
                _set_position(draft, iso3, pos, sent)
    _read_listed_positions(ctx, sent, draft)


def _vote_direction(tok: Token) -> Position | None:
    """"voted against" / "voting in favour" / "voted for"."""
    for child in tok.children:
        if child.lower_ == "against":
            return "against"
        if child.lower_ == "for" or (child.lower_ == "in" and any(g.lower_ in {"favour", "favor"} for g in child.children)):
            return "in_favour"
    return None


def _read_listed_positions(ctx: DocContext, sent: Span, draft: _Draft) -> None:
    """Countries listed in parentheses or after "including" right after a tally phrase."""
    doc = sent.doc
    for label, pos in TALLY_POSITION.items():
        for span in ctx.terms(sent, label):
            i = span.end
            while i < sent.end and doc[i].is_punct and doc[i].text not in "(":
                i += 1
            if i < sent.end and (doc[i].text == "(" or lemma(doc[i]) == "include"):
                closer = ")" if doc[i].text == "(" else ","
                j = i + 1
                while j < sent.end and doc[j].text != closer and lemma(doc[j]) != "with":
                    j += 1
                for iso3 in _countries_in(ctx, doc[i + 1:j]):
                    _set_position(draft, iso3, pos, sent)


# --- tallies ---------------------------------------------------------------------------------------

def _span_count(span: Span) -> int | None:
    """The count a tally phrase states: its first number, or 0 for "none"/"no"."""
    for tok in span:
        if tok.lower_ in {"none", "no", "zero"}:
            return 0
        if tok.like_num:
            return parse_count(tok.text)
    return None


def _read_tallies(ctx: DocContext, sent: Span, draft: _Draft) -> None:
    for label, key in TALLY_POSITION.items():
        for span in ctx.terms(sent, label):
            count = _span_count(span)
            if count is not None:
                draft.tally.setdefault(key, count)
    for span in ctx.terms(sent, "TALLY_DASH"):
        nums = [parse_count(t.text) for t in span if t.like_num]
        for key, n in zip(("in_favour", "against", "abstention"), nums, strict=False):
            if n is not None:
                draft.tally.setdefault(key, n)
    for span in ctx.terms(sent, "UNANIMOUS"):
        if _modifies_adoption(ctx, span[0]):
            draft.tally.setdefault("against", 0)
            draft.tally.setdefault("abstention", 0)
            if ctx.terms(sent, "COUNCIL_SIZE"):
                draft.tally.setdefault("in_favour", COUNCIL_SIZE)


def _modifies_adoption(ctx: DocContext, tok: Token) -> bool:
    """"unanimously adopted" / "voted unanimously": the adverb hangs on a vote or adopt verb."""
    cues = ctx.lexicon.cue("adopt") | ctx.lexicon.cue("vote")
    return lemma(tok.head) in cues or any(lemma(c) in cues for c in tok.children) or (
        tok.dep_ == "ROOT" and any(lemma(t) in cues for t in tok.sent))


def _complete_tally(draft: _Draft) -> None:
    """Fill what the Council's size implies: 15-0 means no abstentions; named votes complete a set."""
    t = draft.tally
    named = Counter(draft.positions.values())
    if "in_favour" in t:
        known = t["in_favour"] + t.get("against", named["against"]) + t.get("abstention", named["abstention"])
        if known == COUNCIL_SIZE:
            t.setdefault("against", named["against"])
            t.setdefault("abstention", named["abstention"])


# --- sponsor, concerns, number, date ---------------------------------------------------------------

def _read_sponsors(ctx: DocContext, sent: Span, draft: _Draft) -> None:
    """"US-drafted resolution", "a US resolution", "tabled by the United States"."""
    lex = ctx.lexicon
    for noun in _resolution_nouns(ctx, sent):
        if _is_reference(ctx, noun):
            continue
        left = [t for c in noun.children if c.i < noun.i and c.dep_ != "det" for t in c.subtree]
        draft.sponsors.extend(_countries_in(ctx, left))
        draft.sponsors.extend(_hyphenated_sponsors(ctx, left))
    for tok in sent:
        if lemma(tok) in lex.cue("sponsor_verbs") and tok.pos_ == "VERB" and _about_draft(ctx, tok):
            partners = [t for c in tok.children if c.dep_ in {"prep", "advmod"} and c.lower_ in {"with", "together"}
                        for t in c.subtree]
            draft.sponsors.extend(_countries_in(ctx, [*_subjects(tok), *partners]))
            draft.sponsors.extend(_antecedent_countries(ctx, tok))


def _hyphenated_sponsors(ctx: DocContext, tokens: list[Token]) -> list[str]:
    """"U.S.-drafted" is one token: split it and look the first part up as a country."""
    adjectives = ctx.lexicon.cue("sponsor_adjectives")
    found = []
    for tok in tokens:
        head, _, tail = tok.text.rpartition("-")
        iso3 = ctx.lexicon.country_for(head) if head and tail.lower() in adjectives else None
        found.extend([iso3] if iso3 else [])
    return found


def _antecedent_countries(ctx: DocContext, verb: Token) -> list[str]:
    """For "the representative of X, whose delegation drafted …": the country of the antecedent."""
    if verb.dep_ != "relcl":
        return []
    found: list[str] = []
    node = verb.head
    for _ in range(2):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"):
            found.extend(_countries_in(ctx, prep.subtree))
        iso3 = ctx.country_of_token(node)
        found.extend([iso3] if iso3 else [])
        if node.dep_ != "appos":
            break
        node = node.head
    return found


def _about_draft(ctx: DocContext, verb: Token) -> bool:
    """The sponsor verb acts on a draft: its object, its subject, or the noun it modifies."""
    nouns = ctx.lexicon.cue("resolution_nouns")
    related = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    related += [verb.head] if verb.dep_ in {"acl", "relcl", "amod"} else []
    related += [c for c in verb.head.children if c.dep_ == "nsubj"] if verb.dep_ == "advcl" else []
    return any(lemma(t) in nouns for t in related)


def _concerns(ctx: DocContext, sents: list[Span], draft: _Draft) -> tuple[str, ...]:
    """The target: "sanctions against X", "embargo on X", else the most-named other country."""
    targets = ctx.lexicon.cue("target_nouns") or frozenset()
    found: list[str] = []
    for sent in [*sents, *ctx.sentences()][: len(sents) + 3]:
        for tok in sent:
            if lemma(tok) in targets:
                for prep in (c for c in tok.children if c.lower_ in {"against", "on", "for"}):
                    found.extend(_countries_in(ctx, prep.subtree))
        if found:
            return tuple(dict.fromkeys(found))
    return _dominant_country(ctx, exclude=set(draft.positions) | set(draft.sponsors))


def _dominant_country(ctx: DocContext, exclude: set[str]) -> tuple[str, ...]:
    counts = Counter(ctx.country(e) for e in ctx.doc.ents)
    ranked = [(n, c) for c, n in counts.items() if c and c not in exclude and n >= 2]
    return (max(ranked)[1],) if ranked else ()


def _resolution_number(ctx: DocContext, sents: list[Span]) -> tuple[int | None, int | None]:
    """"resolution 2397 (2017)": the number of the draft voted on, not of resolutions cited."""
    all_sents = list(ctx.sentences())
    nxt = [s for s in all_sents if s.start >= sents[0].end][:1]
    for sent in [*sents, *nxt]:
        for noun in _resolution_nouns(ctx, sent):
            if noun.tag_ in {"NNS", "NNPS"}:
                continue
            if noun.dep_ == "pobj" and lemma(noun.head) in ctx.lexicon.cue("reference_preps"):
                continue
            number = _number_after(noun)
            if number:
                return number
    return None, None


def _number_after(noun: Token) -> tuple[int, int | None] | None:
    doc = noun.doc
    if noun.i + 1 < len(doc) and _RES_NUMBER.match(doc[noun.i + 1].text):
        year = None
        if noun.i + 4 < len(doc) and doc[noun.i + 2].text == "(" and re.match(r"^\d{4}$", doc[noun.i + 3].text):
            year = int(doc[noun.i + 3].text)
        return int(doc[noun.i + 1].text), year
    return None


def _vote_date(ctx: DocContext, sents: list[Span]):
    """The vote's New York date: a date attached to a vote cue first, then any other day named in a
    vote sentence or a sentence about the Council; else "today" in a sentence about the Council."""
    council_sents = [s for s in ctx.sentences() if any(ctx.org_code(e) == "UN" for e in s.ents)]
    for sent in sents:
        found = _dated(ctx, sent, attached=True)
        if found:
            return found
    for sent in [*sents, *(s for s in council_sents if _council_acts(ctx, s))]:
        found = _dated(ctx, sent, attached=False)
        if found:
            return found
    for sent in council_sents:
        if re.search(r"\btoday\b", sent.text, re.I):
            return ctx.published
    return None


def _council_acts(ctx: DocContext, sent: Span) -> bool:
    """The Council itself is the subject of a verb in ``sent`` ("The Security Council on 31 May decided")."""
    return any(ctx.org_code(e) == "UN" and e.root.dep_ == "nsubj" for e in sent.ents)


def _dated(ctx: DocContext, sent: Span, attached: bool):
    """The first day named in ``sent`` (only those hanging on a vote cue if ``attached``),
    skipping bounds such as "until 30 April" and datelines before the sentence's verb."""
    lex = ctx.lexicon
    cues = lex.cue("veto") | lex.cue("vote") | lex.cue("adopt") | lex.cue("fail") | lex.cue("abstain")
    for ent in ctx.date_spans(sent):
        root = ent.root
        if lemma(root.head) in lex.cue("bound_preps") or is_dateline(ent, sent):
            continue
        if attached and not any(lemma(a) in cues for a in root.ancestors):
            continue
        found = ctx.council_day(ent, sent) or ctx.council_day(_with_complements(ent), sent)
        if found:
            return found
    return None


def _with_complements(ent: Span) -> Span:
    """"the early morning" + "of the 27th": a time phrase with its own modifiers."""
    sub = list(ent.root.subtree)
    return ent.doc[min(sub[0].i, ent.start):max(sub[-1].i + 1, ent.end)]
