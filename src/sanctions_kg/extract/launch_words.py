"""Words and small parse helpers shared by the launch modules (``rules/launch.yml``)."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..nlp.gazetteer import ACTOR_LABELS
from ..ruleset import load_cue_sets
from .context import lemma

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
