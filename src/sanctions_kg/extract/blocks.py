"""Blocks: an actor stops a proposal without a recorded vote ("China put the request on hold",
"Russia and China blocked the US bid"). The proposal's sponsor is the country attached to the proposal
noun ("US bid", "American request", "a request from the United States"), found in the same sentence
or, for "that request", earlier in the document.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import BlockFact
from .context import DocContext, is_dateline, lemma, tokens_of


def extract_blocks(ctx: DocContext) -> list[BlockFact]:
    """One fact per (blocker, sponsor) pair, with evidence from every sentence that says it."""
    merged: dict[tuple[str, str | None], BlockFact] = {}
    for sent in ctx.sentences():
        for verb in _block_verbs(ctx, sent):
            blockers = [c for c in _blockers(ctx, verb)]
            proposal = _proposal(ctx, verb, sent)
            if not blockers or proposal is None or _by_council(ctx, proposal):
                continue
            sponsor = _sponsor(ctx, proposal) or _earlier_sponsor(ctx, sent)
            label = _label(proposal, sent)
            day = ctx.first_date(e for e in ctx.date_spans(sent) if not is_dateline(e, sent))
            for blocker in blockers:
                if blocker == sponsor:
                    continue
                key = (blocker, sponsor)
                ev = ctx.evidence(sent, "blocks.sentence")
                old = merged.get(key)
                merged[key] = BlockFact(
                    evidence=(*(old.evidence if old else ()), ev), blocker=blocker, proposal_by=sponsor,
                    proposal_label=(old.proposal_label if old else label), date=(old.date if old and old.date else day))
    return list(merged.values())


def _block_verbs(ctx: DocContext, sent: Span) -> list[Token]:
    """"block"/"stall"/"hold up" verbs, and "put/place … on hold" / "placed a hold on"."""
    lex = ctx.lexicon
    out: list[Token] = []
    if (lex.cue("block_verbs") | lex.cue("hold_verbs") | {"hold"}).isdisjoint(ctx.lemma_set(sent)):
        return out  # every verb below is one of these
    for tok in tokens_of(sent):
        if tok.pos_ != "VERB":
            continue
        lem = lemma(tok)
        particles = {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep"}}
        objects = {lemma(t) for c in tok.children for t in c.subtree}
        put_on_hold = lem in lex.cue("hold_verbs") and "hold" in objects and lem != "hold"
        if lem in lex.cue("block_verbs") or (lem == "hold" and "up" in particles) or put_on_hold:
            out.append(tok)
    return out


def _blockers(ctx: DocContext, verb: Token) -> list[str]:
    """Countries in the verb's subject ("Russia and China", "Moscow's mission"), or of a governing verb."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj"}]
    if not subjects and verb.dep_ in {"xcomp", "conj"}:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    found: list[str] = []
    for sub in subjects:
        for tok in sub.subtree:
            iso3 = ctx.country_of_token(tok)
            if iso3 and iso3 not in found:
                found.append(iso3)
    return found


def _proposal(ctx: DocContext, verb: Token, sent: Span) -> Token | None:
    """The proposal noun the verb stops (its object, or the object of "hold on"), inside the sentence
    whose text is the evidence (a parse can reach across a line break into the next line)."""
    nouns = ctx.lexicon.cue("proposal_nouns")
    for tok in verb.subtree:
        inside = sent.start <= tok.i < sent.end
        if inside and lemma(tok) in nouns and (tok.pos_ in {"NOUN", "PROPN"} or _noun_position(tok)):
            return tok
    return None


def _noun_position(tok: Token) -> bool:
    """A word the tagger took for a verb ("the US bid") but that follows a determiner or a name."""
    return tok.i > 0 and tok.doc[tok.i - 1].pos_ in {"DET", "PROPN", "ADJ"}


def _sponsor(ctx: DocContext, noun: Token) -> str | None:
    """"US bid", "the Elbonian government's bid", "American request", "request from the United States"."""
    before = [noun.doc[i] for i in range(max(noun.i - 2, 0), noun.i)]
    for tok in [*noun.subtree, *before]:
        if tok.i > noun.i and not _author_phrase(noun, tok):
            continue
        iso3 = ctx.country_of_token(tok) or _hyphen_country(ctx, tok)
        if iso3 and tok.head.lower_ not in {"on", "against", "to"}:
            return iso3
    return None


def _author_phrase(noun: Token, tok: Token) -> bool:
    """``tok`` names who made the proposal: inside "from …"/"by …" hung on the noun itself ("a request
    from the United States"), not in a clause about its aim ("efforts … to address the crisis in Syria")."""
    node = tok
    while node.head.i not in {node.i, noun.i}:
        node = node.head
        if node.pos_ not in {"PROPN", "DET", "ADP", "CCONJ", "PUNCT"}:
            return False
    return node.head.i == noun.i and node.dep_ == "prep" and node.lower_ in {"from", "by", "of"}


def _by_council(ctx: DocContext, noun: Token) -> bool:
    """"efforts by this Council", "the Council's bid": the Council's own text is stopped by a veto,
    which the votes family records; a block is a proposal stopped without a vote."""
    for tok in noun.subtree:
        ent = ctx.ent_at(tok.i) if tok.ent_type_ else None
        if ent is not None and ctx.org_code(ent) == "UN" and (tok.dep_ == "poss" or _author_phrase(noun, tok)):
            return True
    return False


def _hyphen_country(ctx: DocContext, tok: Token) -> str | None:
    head, _, _ = tok.text.rpartition("-")
    return ctx.lexicon.country_for(head) if head else None


def _earlier_sponsor(ctx: DocContext, before: Span) -> str | None:
    """For "that request": the sponsor of the nearest earlier proposal noun in the document."""
    nouns = ctx.lexicon.cue("proposal_nouns")
    found = None
    for sent in ctx.sentences():
        if sent.start >= before.start:
            break
        for tok in tokens_of(sent):
            if lemma(tok) in nouns and tok.pos_ == "NOUN":
                found = _sponsor(ctx, tok) or found
    return found


def _label(noun: Token, sent: Span) -> str:
    """The proposal as written ("the Elbonian government's bid to list three banks"), within its sentence.

    The noun alone when none of its phrase is left there (its words were all punctuation or outside the
    sentence): a label is never empty and never crashes the document."""
    clauses = {d.i for c in noun.subtree if c.dep_ in {"advcl", "relcl", "ccomp", "parataxis"} and c is not noun
               for d in c.subtree}
    toks = [t for t in noun.subtree if sent.start <= t.i < sent.end and t.i not in clauses]
    while toks and (toks[-1].is_punct or toks[-1].dep_ in {"mark", "cc"}):
        toks.pop()
    if not toks:
        return noun.text
    return " ".join(noun.doc[toks[0].i:toks[-1].i + 1].text.split())[:160]
