"""Unnamed groups a designation sentence names ("sanctions on five North Koreans", "six commanders"),
and the lists that name their members later in the text."""
from __future__ import annotations

from spacy.tokens import Span

from . import designation_attrs as attrs
from .context import DocContext, lemma
from .designation_rules import lex_cue
from .designees import inline_items, name_ents, rules

Group = tuple[str | None, tuple[str, ...], str]  # a designated group's authority, measures and status


def group_word(noun: str) -> str:
    """One word for the nouns that name the same kind of group ("commanders", "individuals"; "ships",
    "vessels"): ``group_synonyms``."""
    return rules().mapping("group_synonyms").get(noun, noun)


def group_words(sent: Span) -> set[str]:
    """The group nouns of ``sent``, each as its :func:`group_word`."""
    nouns = rules().cue("group_nouns")
    return {group_word(low) for low in map(lemma, sent) if low in nouns}


def designated_groups(ctx: DocContext, default: str | None) -> dict[str, Group]:
    """Unnamed groups a designation verb takes as object ("sanctions against five North Koreans")."""
    groups: dict[str, Group] = {}
    designating = lex_cue(ctx.lexicon, "designating_verbs")
    for sent in ctx.sentence_list():
        verbs = [t for t in sent if t.pos_ == "VERB" and lemma(t) in designating]
        for verb in verbs:
            for tok in verb.subtree:
                if tok.like_num and tok.head.pos_ in {"NOUN", "PROPN"}:
                    head = tok.head
                    key = lemma(head) if not ctx.country_of_token(head) else head.lower_.rstrip("s")
                    groups[key] = (attrs.authority(ctx, sent) or default,
                                   attrs.measures(ctx, sent) or ("sanctions",), "imposed")
    return groups


def listed_group_items(ctx: DocContext, sent: Span, groups: set[str]) -> list[Span]:
    """The names a sentence lists for a group the document designated (``groups``, in the words of
    :func:`group_word`) after "… sanctions on six commanders": "The individuals are: A, B and C" (a
    colon list), or "The three commanders from the Front are A, B and C" (names in the complement of a
    copula whose subject is the group)."""
    if not groups or not group_words(sent) & groups:
        return []
    items = inline_items(ctx, sent)
    root = sent.root
    if not items and lemma(root) == "be" and any(
            c.dep_ == "nsubj" and group_word(lemma(c)) in groups for c in root.children):
        listed = {t.i for c in root.children if c.dep_ == "attr" for t in c.subtree}
        items = [e for e in name_ents(sent) if e.start in listed]
    return items


def named_group(sent: Span, groups: dict[str, Group]) -> tuple[str | None, tuple[str, ...]]:
    """The authority and the measures of the first designated group that ``sent`` names ("the three
    individuals" after "the Council imposed an asset freeze on six commanders"), for a list sentence
    that says neither; (None, ()) when it names none, and () for the measures when the group's are
    only "sanctions"."""
    words = group_words(sent)
    for group, (authority, measures, _) in groups.items():
        if group_word(group) in words:
            return authority, tuple(m for m in measures if m != "sanctions")
    return None, ()


__all__ = ["Group", "designated_groups", "group_word", "group_words", "listed_group_items", "named_group"]
