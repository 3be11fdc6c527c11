"""Unnamed groups a designation sentence names ("sanctions on five North Koreans", "six commanders"),
and the lists that name their members later in the text."""
from __future__ import annotations

from spacy.tokens import Span, Token

from . import designation_attrs as attrs
from .context import DocContext, cue_tokens, doc_lemmas, lemma, span_text, tokens_of
from .designation_rules import lex_cue
from .designees import inline_items, labelled, looks_like_name, name_ents, rules

Group = tuple[str | None, tuple[str, ...], str]  # a designated group's authority, measures and status


def group_word(noun: str) -> str:
    """One word for the nouns that name the same kind of group ("commanders", "individuals"; "ships",
    "vessels"): ``group_synonyms``."""
    return rules().mapping("group_synonyms").get(noun, noun)


def group_words(sent: Span) -> set[str]:
    """The group nouns of ``sent``, each as its :func:`group_word`."""
    nouns = rules().cue("group_nouns")
    return {group_word(low) for low in doc_lemmas(sent.doc)[sent.start:sent.end] if low in nouns}


def designated_groups(ctx: DocContext, default: str | None) -> dict[str, Group]:
    """Unnamed groups a designation verb takes as object ("sanctions against five North Koreans")."""
    groups: dict[str, Group] = {}
    # "removed five men from the list", "dropped the names of two persons from the list": their listing ends
    lifting = lex_cue(ctx.lexicon, "lift_context") | lex_cue(ctx.lexicon, "off_list_verbs")
    designating = lex_cue(ctx.lexicon, "designating_verbs") | lifting
    for sent in ctx.sentence_list():
        if designating.isdisjoint(ctx.lemma_set(sent)):
            continue
        verbs = [t for t in cue_tokens(sent, designating) if t.pos_ == "VERB"]
        for verb in verbs:
            for tok in verb.subtree:
                if tok.like_num and tok.head.pos_ in {"NOUN", "PROPN"} and not numbered(ctx, tok.head):
                    head = tok.head
                    key = lemma(head) if not ctx.country_of_token(head) else head.lower_.rstrip("s")
                    groups[key] = (attrs.authority(ctx, sent) or default, attrs.measures(ctx, sent) or ("sanctions",),
                                   "lifted" if lemma(verb) in lifting else "imposed")
    return groups


def numbered(ctx: DocContext, noun: Token) -> bool:
    """"Resolution (UNSCR) 1718": the number names the resolution, it counts nothing."""
    lex = ctx.lexicon
    return lemma(noun) in lex_cue(lex, "resolution_nouns") or noun.lower_ in lex_cue(lex, "adopted_nouns")


def listed_group_items(ctx: DocContext, sent: Span, groups: set[str]) -> list[Span]:
    """The names a sentence lists for a group the document designated (``groups``, in the words of
    :func:`group_word`) after "… sanctions on six commanders": "The individuals are: A, B and C" (a
    colon list), or "The three commanders from the Front are A, B and C" (names in the complement of a
    copula whose subject is the group)."""
    counted = bare_count_subject(sent)
    if not groups or not (group_words(sent) & groups or counted):
        return []
    items = inline_items(ctx, sent)
    root = sent.root
    if not items and lemma(root) == "be" and (counted or any(
            c.dep_ == "nsubj" and group_word(lemma(c)) in groups for c in root.children)):
        listed = {t.i for c in root.children if c.dep_ == "attr" for t in c.subtree}
        # where the parser cut the sentence in pieces ("are Major General (Maj. Gen.) A, …", see
        # context._joined), the names of the later pieces are the complement's too
        items = [e for e in name_ents(sent) if e.start in listed or e.start > root.i and root not in
                 [e.root, *e.root.ancestors]]
    return items or _appositive_items(ctx, sent, groups)


def _appositive_items(ctx: DocContext, sent: Span, groups: set[str]) -> list[Span]:
    """"These companies -- A and B -- were …", "The two firms, A and B, had …": the names in apposition
    to a designated group's noun (and those joined to them by "and"); a proper noun the NER left
    without a label is taken with the proper nouns before it."""
    nouns = [t for t in tokens_of(sent) if t.pos_ in {"NOUN", "PROPN"} and group_word(lemma(t)) in groups]
    heads = [c for n in nouns for c in n.children if c.dep_ == "appos"]
    roots = [t for h in heads for t in [h, *h.conjuncts]]
    named = {e.root.i: e for e in name_ents(sent)}
    items = []
    for root in roots:
        if root.i in named:
            items.append(named[root.i])
        elif root.pos_ == "PROPN" and not root.ent_type_:
            start = root.i
            while start > sent.start and sent.doc[start - 1].pos_ == "PROPN" and not sent.doc[start - 1].ent_type_:
                start -= 1
            span = sent.doc[start:root.i + 1]
            if looks_like_name(span):
                items.append(labelled(ctx, span))
    return items


def heads_group_list(sent: Span, groups: set[str]) -> bool:
    """"The three entities are:" after "… designated three companies": a sentence ending in a colon that
    names a designated group heads the lines listing its members."""
    named = group_words(sent) & groups or groups and bare_count_subject(sent)
    return span_text(sent).rstrip().endswith(":") and bool(named)


def named_group(sent: Span, groups: dict[str, Group]) -> Group | None:
    """The first designated group that ``sent`` names ("the three individuals" after "the Council
    imposed an asset freeze on six commanders"), or the last one when a bare count stands for it ("The
    five, who held senior posts, are A, B …"); its measures without "sanctions", which says nothing a
    list sentence could not. None when it names none."""
    words = group_words(sent)
    found = next((g for key, g in groups.items() if group_word(key) in words), None)
    if found is None and groups and bare_count_subject(sent):
        found = list(groups.values())[-1]
    if found is None:
        return None
    authority, measures, status = found
    return authority, tuple(m for m in measures if m != "sanctions"), status


def bare_count_subject(sent: Span) -> bool:
    """"The five, who …, are": a number with an article as the subject of the sentence's copula."""
    root = sent.root
    return lemma(root) == "be" and any(c.dep_ == "nsubj" and c.like_num and any(d.lower_ == "the" for d in c.children)
                                       for c in root.children)


__all__ = ["Group", "bare_count_subject", "designated_groups", "group_word", "group_words", "heads_group_list",
           "listed_group_items", "named_group"]
