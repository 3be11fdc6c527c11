"""Whether a launch mention reports one launch that took place: not a series ("more than 60
launches", "since 2022"), a tally ("dozens of"), or a launch planned, threatened or negated. The words
are ``rules/launch.yml``'s."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Token

from .context import DocContext, doc_text
from .launch_clauses import clause_owner, day_after, site_tokens
from .launch_words import misparsed_noun, rules


def is_series(cue: Token) -> bool:
    """Plural launch nouns ("more than 60 launches") and launches over a period ("since 2022")."""
    if (cue.pos_ in {"NOUN", "PROPN"} and cue.tag_ in {"NNS", "NNPS"}) or misparsed_noun(cue):
        return True
    return any(c.dep_ == "prep" and c.lower_ in rules()["period_preps"] for c in cue.children)


def over_period(cue: Token) -> bool:
    """"has tested six ICBMs this year", "fired 20 missiles so far": a count over a period hung on the
    launch verb (words of ``period_phrases``), a tally rather than one launch when no day is named."""
    phrases = rules()["period_phrases"]
    for child in cue.children:
        if child.dep_ in {"npadvmod", "advmod", "prep", "tmod"}:
            # the phrase without its clauses: in "the testing of two missiles by North Korea, which has
            # conducted its tenth test this year", the period belongs to the relative clause, not to the cue
            text = " ".join(t.lower_ for t in sorted(site_tokens(child), key=lambda t: t.i))
            if any(p in text for p in phrases):
                return True
    return False


def vague_quantity(cue: Token, heads: list[Token]) -> bool:
    """Quantity words ("dozens of", "numerous", "more than 30"): a tally unless the text dates it."""
    words = rules()["tally_words"]
    for head in [cue, *heads]:
        if head is not cue and head.lemma_.lower() in words and not counted_more(head):
            return True
        if any(c.lemma_.lower() in words and not counted_more(c) for c in head.children
               if c.dep_ in {"amod", "nummod", "quantmod", "det", "advmod", "nmod"}):
            return True
        if any(c.lower_ in words and not counted_more(c) for n in head.children if n.dep_ == "nummod"
               for c in n.subtree):
            return True
    return False


def counted_more(tok: Token) -> bool:
    """"two more missiles", "three more": "more" right after a number counts the further missiles; it is
    vague only in "more than 30", "many more", "more missiles"."""
    return tok.lower_ in rules()["more_words"] and tok.i > 0 and tok.doc[tok.i - 1].like_num


def is_irrealis(cue: Token) -> bool:
    """Planned, threatened, negated or prohibited launches are not reports of one. A launch with its own
    day that is the means of the clause ("threatens peace with the launch today of a missile") was
    carried out, whatever the clause says of it."""
    words = rules()["irrealis"] | rules()["prohibiting"]
    if infinitive(cue) and not attempted(cue):
        return True
    for tok in clause_chain(cue):
        if tok.dep_ == "prep" and tok.lower_ in rules()["means_preps"] and day_after(cue) is not None:
            return False
        if _word(tok) in words:
            return True
        if any(c.dep_ in {"aux", "neg", "amod"} and _word(c) in words | {"not", "never"} for c in tok.children):
            return True
    return False


def _word(tok: Token) -> str:
    """The lower-case lemma, blank for a name or a date: the month "May" is no modal."""
    return "" if tok.pos_ == "PROPN" or tok.ent_type_ in {"DATE", "TIME"} else tok.lemma_.lower()


def infinitive(verb: Token) -> bool:
    """"to launch" (planned, expected) but not "to have launched" (reported as done)."""
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a.tag_ == "TO" for a in aux) and not any(a.lemma_ == "have" for a in aux)


def attempted(verb: Token) -> bool:
    """"North Korea attempted to launch a ballistic missile": a past attempt is a launch made (and failed)."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in rules()["attempt_verbs"] and head.tag_ in {"VBD", "VBN"} \
        and not any(c.dep_ == "aux" and c.lemma_.lower() in rules()["irrealis"] for c in head.children)


def clause_chain(tok: Token) -> list[Token]:
    """``tok`` and its ancestors up to (and including) the verb of its clause."""
    owner = clause_owner(tok)
    chain = [tok]
    while chain[-1] != owner:
        chain.append(chain[-1].head)
    return chain


def just_reported(cue: Token) -> bool:
    """"North Korea has launched an ICBM", "A short while ago, North Korea launched ...": a launch verb
    in the perfect, or with a phrase of ``just_reported_marks`` on it, tells a launch just done."""
    if cue.pos_ != "VERB":
        return False
    if cue.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in rules()["perfect_aux"] for c in cue.children):
        return True
    marks = rules()["just_reported_marks"]
    return any(" ".join(t.lower_ for t in c.subtree) in marks for c in cue.children
               if c.dep_ in {"advmod", "npadvmod"})


def statement_day(ctx: DocContext) -> date | None:
    """The day written on a line of its own among the first lines of the text ("March 24, 2022" under a
    statement's title): the day of a statement that reports a launch as just done."""
    for line in doc_text(ctx.doc).splitlines()[:int(rules()["date_line_head"])]:
        if _date_line().fullmatch(line.strip()):
            return ctx.resolve(line.strip())
    return None


@lru_cache(maxsize=1)
def _date_line() -> re.Pattern[str]:
    return re.compile(rules()["date_line"])
