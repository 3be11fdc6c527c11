"""Words and small parse helpers shared by the launch modules (``rules/launch.yml``)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span, Token

from ..nlp.gazetteer import ACTOR_LABELS
from ..ruleset import load_cue_sets
from .context import DocContext, lemma

__all__ = ["ACTOR_LABELS", "rules"]
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "relcl", "parataxis"}
SUB_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "parataxis"}
NOUN_PLACES = {"dobj", "pobj", "nsubjpass", "appos"}  # where a token tagged as a verb is really a noun
PRONOUN = "<pronoun>"


@lru_cache(maxsize=1)
def rules() -> dict:
    """The launch word lists (``rules/launch.yml``) as sets."""
    return load_cue_sets("launch.yml")


@lru_cache(maxsize=1)
def launch_lemmas() -> frozenset[str]:
    """Every lemma a launch cue starts from (:func:`is_verb_cue`, :func:`is_noun_cue`)."""
    return frozenset(rules()["verbs"] | rules()["nouns"])


def is_noun_cue(tok: Token) -> bool:
    """A launch noun ("launch", "firing", "salvo")."""
    return (tok.pos_ in {"NOUN", "PROPN"} or misparsed_noun(tok)) and lemma(tok) in rules()["nouns"]


def misparsed_noun(tok: Token) -> bool:
    """A plural launch noun tagged as a verb in a noun's place: in "condemns the DPRK's missile launches"
    the small model reads "missile" as a subject and "launches" as a verb that is the object."""
    return tok.pos_ == "VERB" and tok.tag_ == "VBZ" and tok.dep_ in NOUN_PLACES


def country_before_cue(tok: Token) -> Token | None:
    """The token of a country entity just before ``tok`` (skipping "test -")."""
    i = tok.i - 1
    while i >= 0 and (tok.doc[i].text == "-" or tok.doc[i].lower_ == "test"):
        i -= 1
    return tok.doc[i] if i >= 0 and tok.doc[i].ent_type_ in ACTOR_LABELS else None


def missile_terms(ctx: DocContext, tokens: Iterable[Token]) -> list[Span]:
    """MISSILE spans that lie inside ``tokens``."""
    idx = {t.i for t in tokens}
    doc = ctx.doc
    return [s for s in ctx.terms(doc[:], "MISSILE") if all(i in idx for i in range(s.start, s.end))]


def has_missile(ctx: DocContext, region: list[Token]) -> bool:
    """A missile type or a missile noun is among the cue's arguments."""
    return bool(missile_terms(ctx, region)) or any(t.lemma_.lower() in rules()["missile_nouns"]
                                                  for t in region)


def missile_types(ctx: DocContext, region: list[Token]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.id_ for s in missile_terms(ctx, region)))


def is_missile_token(ctx: DocContext, tok: Token) -> bool:
    """A missile noun ("missiles") or a word of a missile type ("ICBM", "Hwasong-15")."""
    return tok.lemma_.lower() in rules()["missile_nouns"] or any(
        s.start <= tok.i < s.end for s in ctx.terms(tok.doc[:], "MISSILE"))


def not_a_launch_kind(ctx: DocContext, noun: Token) -> bool:
    """The noun is a test of something that does not fly: a kind word (``not_launch_kinds``) modifies it,
    directly ("a nuclear test") or through the words before it ("a nuclear weapons test", where the
    parser hangs "nuclear" on "weapons"); a deeper kind word does not count beside a missile word ("a
    nuclear-capable missile test")."""
    modifiers = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    kinds = rules()["not_launch_kinds"]
    if any(lemma(c) in kinds for c in modifiers):
        return True
    words = [t for c in modifiers if c.i < noun.i for t in c.subtree]
    return any(lemma(t) in kinds for t in words) and not has_missile(ctx, words)
