"""The status of a designation sentence: imposed, proposed (in a draft that failed, or only recommended),
blocked by a hold, or lifted; read from the sentence's words and the document's votes."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import VoteFact
from .context import DocContext, cue_tokens, lemma, tokens_of
from .designation_groups import group_word, group_words
from .designation_rules import lex_cue
from .designees import rules


def status_of(ctx: DocContext, sent: Span, votes: list[VoteFact]) -> tuple[str, bool]:
    """(status, via_resolution): proposed in a draft that failed, blocked by a hold, lifted, else imposed.

    A sentence about a resolution proposes only when it speaks of the failed draft ("would have", "draft")
    or the document has no adopted resolution: "the embargo laid out in resolution 2216 (2015)" is in force.
    """
    lemmas = {lemma(t) for t in sent}
    lex = ctx.lexicon
    about_resolution = bool(lemmas & lex_cue(lex, "resolution_nouns")) or any(
        t.lower_ == "it" and t.dep_ == "nsubj" for t in tokens_of(sent))
    if lemmas & lex_cue(lex, "lift_context") or _off_list(ctx, sent):
        return "lifted", False
    held = {lemma(t) for t in tokens_of(sent) if _holds(ctx, t)}
    if held and not (held <= set(rules().mapping("verb_measures")) and not lemmas & lex_cue(lex, "proposal_nouns")):
        return "blocked", False
    if votes and about_resolution:
        failed = any(v.outcome == "not_adopted" for v in votes)
        adopted = any(v.outcome != "not_adopted" for v in votes)
        hypothetical = bool(lemmas & lex_cue(lex, "proposal_context"))
        cited = any(t.lower_ == "resolution" and t.i + 1 < len(t.doc) and t.nbor(1).like_num for t in tokens_of(sent))
        return ("proposed" if failed and (hypothetical or not (adopted or cited)) else "imposed"), True
    if lemmas & lex_cue(lex, "proposal_context"):
        return "proposed", False
    return "imposed", False


def _off_list(ctx: DocContext, sent: Span) -> bool:
    """"the names … were dropped from the list", "deleted from the list": a verb of ``off_list_verbs`` with
    "from" and a list noun."""
    lists = lex_cue(ctx.lexicon, "list_nouns")
    return any(p.dep_ == "prep" and p.lower_ == "from" and any(lemma(o) in lists for o in p.children)
               for t in cue_tokens(sent, lex_cue(ctx.lexicon, "off_list_verbs")) for p in t.children)


def _holds(ctx: DocContext, tok: Token) -> bool:
    """``tok`` tells of a hold on a listing: "a hold", "blocked", "held up" (not "who held senior posts")."""
    low = lemma(tok)
    if low not in lex_cue(ctx.lexicon, "hold_context"):
        return False
    particle = ctx.lexicon.cues["hold_particles"].get(low)
    return particle is None or tok.pos_ != "VERB" or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def recommended(ctx: DocContext, sent: Span, authority: str | None, status: str,
                 groups: dict) -> tuple[str | None, str]:
    """"The panel recommended that the committee designate the following vessels: …": the committee has
    not designated them. When the document's own authority designated that kind of group ("designated 11
    ships"), the list names its designees; otherwise the names are only proposed."""
    verbs = cue_tokens(sent, lex_cue(ctx.lexicon, "designating_verbs"))
    if not any(v.dep_ in {"ccomp", "xcomp"} and lemma(v.head) in rules().cue("recommend_verbs") for v in verbs):
        return authority, status
    nouns = group_words(sent)
    for group, (group_authority, _, group_status) in groups.items():
        if group_word(group) in nouns and group_authority and group_authority != authority:
            return group_authority, group_status
    return authority, "proposed"
