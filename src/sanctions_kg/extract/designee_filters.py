"""Names a designation sentence holds that are not designees of their own: a group's owner ("five
al-Shabaab leaders"), what a designee's apposition says of the designee, a rank read as a name, a
bracketed short name, the same name found twice; a name tied to another by a linking preposition."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .context import DocContext, lemma
from .designation_groups import group_word
from .designation_rules import lex_cue
from .designees import rules
from .roles import role_word


def names_group(name: Span) -> bool:
    """"five al-Shabaab leaders", "two Hamas officials": the name says whose the designees are."""
    return name.root.dep_ in {"compound", "amod", "nmod"} and lemma(name.root.head) in rules().cue("group_nouns")


def names_instrument(name: Span) -> bool:
    """"The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) Regulations 2019": a name in the
    title of a regulation, an act or an order (``instrument_nouns``) names the instrument, not a designee. The
    title runs on in capitalised words, brackets and "and" up to the instrument noun (the parser makes any of
    its words the head, so the words are read, not the tree)."""
    doc = name.doc
    for tok in doc[name.end:min(name.end + 14, name.sent.end)]:
        if tok.is_title and tok.lower_ in rules().cue("instrument_nouns"):
            return True
        if not (tok.is_title or tok.is_punct and tok.text in "()-'’" or tok.lower_ in {"and", "of", "the"}
                or tok.like_num):
            return False
    return False


def is_rank(name: Span) -> bool:
    """"Major General", "Brigadier General (Brig. Gen.)": a rank the NER took for a name."""
    words = [t for t in name if t.is_alpha and not t.text.endswith(".")]
    return bool(words) and all(t.lower_ in rules().cue("rank_words") for t in words) and \
        all(t.is_alpha or t.is_punct or t.text.endswith(".") for t in name)


def describes_person(name: Span) -> bool:
    """"X, the commandant of the Forces Nouvelles, Korhogo Sector", "Y, a financier of the Z Brigades":
    a name inside an apposition that says what a designee is (an article and a noun for a person)
    tells who the designee is; it is not designated with the designee."""
    tok = name.root
    for _ in range(8):
        if tok.dep_ == "appos" and tok.head.ent_type_ in {"PERSON", "ORG"} and _person_word(tok) \
                and any(c.dep_ == "det" for c in tok.children):
            return True
        if tok.dep_ not in {"appos", "conj", "pobj", "prep", "compound"}:
            return False
        tok = tok.head
    return False


def _person_word(tok: Token) -> bool:
    return group_word(lemma(tok)) == "individual" or role_word(tok)


def unique_names(names: list[Span]) -> list[Span]:
    """One span per stretch of text (the same name found by two patterns, or a part of a longer one)."""
    out: list[Span] = []
    for n in sorted(names, key=lambda n: (n.start, -len(n))):
        if not any(o.start <= n.start and n.end <= o.end for o in out):
            out.append(n)
    return out


def drop_bracketed_aliases(names: list[Span]) -> list[Span]:
    """"Korea Ryonbong General Corporation (KRGC)": the bracketed short name is an alias, not a second designee."""
    ends = {n.end for n in names}
    return [n for n in names if not (n.start >= 1 and n.doc[n.start - 1].text == "(" and n.start - 1 in ends)]


def governed_by_stop_prep(ctx: DocContext, ent: Span) -> bool:
    """The name (or the noun it modifies: "both the X and Y coalitions"), after climbing conjunctions and
    appositions, is the object of a linking preposition."""
    tok = ent.root
    if tok.head.i >= ent.end and tok.head.pos_ == "NOUN":
        tok = tok.head
    while tok.dep_ in {"conj", "appos"} and tok.head is not tok:
        if _fronted_phrase_ends(tok):
            return False
        tok = tok.head
    return tok.dep_ == "pobj" and lemma(tok.head) in lex_cue(ctx.lexicon, "designee_linking_preps")


def _fronted_phrase_ends(conj: Token) -> bool:
    """"With the support of the Government of Libya, A, B and C will be subject to …": the parser hangs the
    list on the last noun of the opening phrase, and the clause's verb is left without a subject. A
    conjunct after the comma that closes a phrase opening the sentence, in a clause with no subject, is
    that subject, not a partner of the noun before the comma."""
    doc, head = conj.doc, conj.head
    first = conj.left_edge.i
    if conj.dep_ != "conj" or first == 0 or doc[first - 1].text != "," or head.i > first:
        return False
    opener = next((t for t in head.ancestors if t.dep_ in {"prep", "advcl"} and t.head.dep_ == "ROOT"), None)
    if opener is None or opener.left_edge.i != opener.sent.start:
        return False
    return not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in opener.head.children)
