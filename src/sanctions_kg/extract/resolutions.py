"""Mentions of Security Council resolutions and drafts, and which one a vote cue is about.

A text may report several votes and cite older resolutions in passing ("the regime established by
resolution 2140 (2014)"). Each mention is found here, with its number and year when written; a vote
cue (a veto, a tally, "adopted") is then tied to the mention it governs in the parse, so that two votes
told in one sentence ("adopting resolution 2402, the Council rejected an alternate draft, vetoed by …")
keep their own facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .context import DocContext, cue_tokens, lemma
from .dates import MONTHS

_NUMBER = re.compile(r"^\d{3,4}$")
_YEAR = re.compile(r"^(19[4-9]\d|20\d\d)$")
_LIST_GLUE = {",", "and", "&", "(", ")"}


@dataclass(frozen=True)
class Mention:
    """One resolution or draft named in the text.

    ``token`` is the noun ("resolution", "draft", "text", "UNSCR") or, in a list of numbers after a
    plural noun, the number itself. ``new`` marks "another"/"an alternate draft": a second draft, not
    the one already in focus. ``reference`` marks a citation ("under resolution 1874"), which no vote
    cue can be about.
    """

    token: Token
    sent: Span
    number: int | None = None
    year: int | None = None
    new: bool = False
    reference: bool = False

    @property
    def i(self) -> int:
        return self.token.i


def find_mentions(ctx: DocContext) -> list[Mention]:
    """Every mention of a resolution or draft, in text order."""
    out: list[Mention] = []
    cues = ctx.lexicon.cue("resolution_nouns") | ctx.lexicon.cue("other_draft_pronouns")
    for sent in ctx.sentences():
        for tok in cue_tokens(sent, cues):  # _mentions_at starts from one of these lemmas
            out.extend(_mentions_at(ctx, tok, sent))
    return out


def _mentions_at(ctx: DocContext, tok: Token, sent: Span) -> list[Mention]:
    lex = ctx.lexicon
    low = lemma(tok)
    if low in lex.cue("resolution_nouns") and tok.pos_ in {"NOUN", "PROPN"}:
        numbers = _numbers_after(tok, sent)
        if tok.tag_ in {"NNS", "NNPS"} or len(numbers) > 1:
            return [Mention(n_tok, sent, n, y, reference=True) for n_tok, n, y in numbers]
        number, year = (numbers[0][1], numbers[0][2]) if numbers else (None, None)
        return [Mention(tok, sent, number, year, new=_is_new(ctx, tok), reference=_is_reference(ctx, tok))]
    if low in lex.cue("other_draft_pronouns") and tok.pos_ in {"PRON", "DET", "NOUN", "ADJ"} and any(
            lemma(c) in lex.cue("sponsor_verbs") for c in tok.children):
        return [Mention(tok, sent, new=True)]  # "another tabled by the United Kingdom"
    return []


def _numbers_after(noun: Token, sent: Span) -> list[tuple[Token, int, int | None]]:
    """"resolution 2397 (2017)" or "resolutions 1718 (2006), 1874 (2009) and 2087": number, year."""
    doc = noun.doc
    found: list[tuple[Token, int, int | None]] = []
    i = noun.i + 1
    while i < sent.end:
        tok = doc[i]
        if _NUMBER.match(tok.text) and not (found and _YEAR.match(tok.text) and doc[i - 1].text == "("):
            year = None
            if i + 2 < sent.end and doc[i + 1].text == "(" and _YEAR.match(doc[i + 2].text):
                year = int(doc[i + 2].text)
            found.append((tok, int(tok.text), year))
            i += 4 if year else 1
        elif tok.lower_ in _LIST_GLUE and found:
            i += 1
        elif tok.lower_ in {"of", "on"} and found and (end := _written_day_end(doc, i + 1, sent.end)):
            i = end  # "986 (1995) of 14 April 1995, 1111 (1997) of 4 June 1997 …": each keeps its day
        else:
            break
    return found


def _written_day_end(doc, i: int, end: int) -> int:
    """The end of a day written from token ``i`` ("14 April 1995", "June 4, 1997", "May 1999"), else 0.

    Read from the words, not the NER: in a list of resolutions with their days the model runs one DATE
    entity across the next number ("4 June 1997, 1129 (1997")."""
    words = [t.lower_.rstrip(".") for t in doc[i:min(i + 4, end)]]
    if len(words) >= 2 and words[0].isdigit() and words[1] in MONTHS:  # 14 April (1995)
        return i + (3 if len(words) > 2 and _YEAR.match(words[2]) else 2)
    if len(words) >= 2 and words[0] in MONTHS and _YEAR.match(words[1]):  # May 1999
        return i + 2
    if len(words) >= 2 and words[0] in MONTHS and words[1].isdigit():  # June 4(, 1997)
        if len(words) == 4 and words[2] == "," and _YEAR.match(words[3]):
            return i + 4
        return i + 2
    return 0


def _is_new(ctx: DocContext, noun: Token) -> bool:
    return any(lemma(c) in ctx.lexicon.cue("other_draft_modifiers") for c in noun.children)


def _is_reference(ctx: DocContext, tok: Token) -> bool:
    """A resolution cited ("under resolution 2397", "pursuant to resolution 751", "in accordance with
    its resolution 2684"): the words just before the noun, whatever the parse made of them; or the
    object of a verb that cites law in force ("implement resolution 751")."""
    if tok.dep_ == "dobj" and lemma(tok.head) in ctx.lexicon.cue("citing_verbs"):
        return True  # "we urge all States to implement resolution 751"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and lemma(tok.head.head) in ctx.lexicon.cue("citing_nouns"):
        return True  # "an extension of the provisions of resolution 2231"
    cites = ctx.lexicon.cue("citing_preps")
    before = [t for t in tok.doc[max(tok.sent.start, tok.i - 4):tok.i] if not t.is_punct]
    while before and (before[-1].pos_ in {"DET", "PRON", "PROPN", "ADJ"} or before[-1].dep_ == "compound"):
        before.pop()  # "under UN Security Council resolution", "pursuant to its resolution"
    if before and lemma(before[-1]) in cites:
        return True
    return len(before) >= 2 and lemma(before[-1]) in {"to", "with"} and lemma(before[-2]) in cites


# --- which mention a cue is about ------------------------------------------------------------------

_ARG_DEPS = {"dobj", "nsubjpass", "nsubj", "attr", "appos"}


def governed_mention(cue: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The mention a vote cue governs in the parse, else None.

    The cue's own arguments first ("adopted resolution 2700", "the resolution was adopted", "adoption
    of resolution 2094"), then the noun it modifies ("a draft, vetoed by …", "another …, which was
    defeated"), then the arguments of the verbs above it.
    """
    for node in [cue, *list(cue.ancestors)[:6]]:
        if node.i in by_token and node is not cue:
            return by_token[node.i]
        hit = _argument_mention(node, by_token)
        if hit is not None:
            return hit
    return None


def _argument_mention(node: Token, by_token: dict[int, Mention]) -> Mention | None:
    for child in node.children:
        if child.dep_ in _ARG_DEPS and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ in {"of", "on"}:
            for grand in child.children:
                if grand.i in by_token:
                    return by_token[grand.i]
        if child.dep_ == "prep" and child.lower_ in {"by", "under"} and child.i < node.i:
            # "By (the terms of) resolution 2624 (2022), adopted by 11 votes …, the Council extended …"
            hit = next((by_token[t.i] for t in child.subtree if t.i in by_token), None)
            if hit is not None:
                return hit
    return None


def nearest_mention(cue: Token, mentions: list[Mention]) -> Mention | None:
    """The closest non-citing mention among those of the cue's sentence, preferring one before the cue."""
    inside = [m for m in mentions if not m.reference]
    if not inside:
        return None
    return min(inside, key=lambda m: (abs(m.i - cue.i) + (0 if m.i <= cue.i else 2)))
