"""What a vote cue token says in its clause: an outcome ("adopted", "failed") said of a draft or by the
Council and not as a supposition, a veto that is one state's act and not the rule, an act of the Council
itself. :mod:`votes` asks these of each cue it finds."""
from __future__ import annotations

from spacy.tokens import Token

from . import vote_details
from .context import DocContext, lemma
from .designation_attrs import disambiguate
from .positions import core, countries_in, use_agents, verb_positions


def is_outcome_cue(ctx: DocContext, tok: Token) -> bool:
    """"adopted", "passed", "failed", "rejected": said of a draft or by the Council, not by a state
    ("immediately rejected by Iran") and not as a condition ("if adopted")."""
    lex = ctx.lexicon
    lem = lemma(tok)
    if lem in lex.cue("fail") or lem == "failure":
        return not _country_agent(ctx, tok) and not _fails_at_other(ctx, tok)
    if lem in lex.cue("adopt") or lem == "adoption":
        if _conditional(tok) or _supposed(ctx, tok) or (tok.pos_ == "ADJ" or tok.dep_ == "amod") \
                and not vote_details.said_just_now(lex, tok):
            return False  # "the adopted text" tells no vote; "the just-passed resolution" tells today's
        return not _country_agent(ctx, tok)
    return False


def is_failure(ctx: DocContext, tok: Token) -> bool:
    lem = lemma(tok)
    if lem in ctx.lexicon.cue("fail") or lem == "failure":
        return True
    return any(c.dep_ == "neg" for c in tok.children) or lemma(tok.head) in {"fail", "failure"} or any(
        lemma(a) in {"fail", "failure"} for a in list(tok.ancestors)[:2])


def standing(tok: Token) -> bool:
    """"the arms embargo imposed by the Council …": a participle on a noun tells measures in force, not
    a decision the text reports."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN"


def _fails_at_other(ctx: DocContext, tok: Token) -> bool:
    """"measures … failing to prevent the rebels from acquiring weapons": a failure to do something else
    than pass (``fail_outcome_verbs``) is no vote's outcome."""
    done = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
    return bool(done) and all(lemma(c) not in ctx.lexicon.cue("fail_outcome_verbs") for c in done)


def veto_in_general(ctx: DocContext, tok: Token) -> bool:
    """"a means other than the veto", "abusing the veto", "the use of the veto": the noun names the rule,
    not a vote, when no state is said to cast it and its head (or the head of its preposition) is a word of
    ``veto_in_general``."""
    if tok.pos_ != "NOUN" or verb_positions(ctx, tok):
        return False
    heads = ctx.lexicon.cue("veto_in_general")
    head = tok.head
    user = head.head if head.dep_ == "prep" else head
    if any(lemma(o) in ctx.lexicon.cue("voter_nouns") for n in (tok, user) for p in n.children
           if p.dep_ in {"prep", "agent"} and p.lower_ == "by" for o in p.children if o.dep_ == "pobj"):
        return False  # "the use of the veto by a single member": one veto, its caster unnamed
    if lemma(user) in ctx.lexicon.cue("veto_use_verbs") and countries_in(ctx, use_agents(user)):
        return False  # "the use of the veto today by the Russian Federation": that state's veto
    return lemma(head) in heads or lemma(user) in heads


def _conditional(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children) or tok.head.lower_ == "if"


def _supposed(ctx: DocContext, tok: Token) -> bool:
    """"Adopting the draft would serve only to …": an act as the subject of a modal clause is supposed."""
    return tok.dep_ == "csubj" and any(c.dep_ == "aux" and c.lower_ in ctx.lexicon.cue("hypothetical_modals")
                                       for c in tok.head.children)


def _country_agent(ctx: DocContext, tok: Token) -> bool:
    """The cue's doer is a state, not the Council ("rejected by Iran", "Japan adopted measures")."""
    doers = [c for c in tok.children if c.dep_ in {"nsubj", "agent"}]
    return bool(countries_in(ctx, (t for d in doers for t in core(d))))


def council_acts(ctx: DocContext, tok: Token) -> bool:
    """The Security Council is the subject or agent of ``tok`` ("the Council unanimously extended …")."""
    doers = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    doers += [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":  # "The Council, acting unanimously, decided …"
        doers += [c for c in verb.head.children if c.dep_ == "nsubj"]
    elif verb.tag_ == "VBG" and verb.dep_ == "acl":  # the same, the participle hung on "the Council"
        doers.append(verb.head)
    for d in doers:
        for t in d.subtree:
            ent = ctx.ent_at(t.i) if t.ent_type_ else None
            if ent is not None and ctx.org_code(ent) == "UN":
                return disambiguate(ctx, ent, "UN") == "UN"  # not the EU's "Council" in an EU text
    return False


def modifies_adoption(ctx: DocContext, tok: Token) -> bool:
    """"unanimously adopted" / "voted unanimously" / "the Council unanimously extended": the adverb
    hangs on a vote or adopt verb, or on a verb whose subject is the Council; or on a participle that
    hangs on such a verb ("The Council, acting unanimously under Chapter VII, today adopted …")."""
    cues = ctx.lexicon.cue("adopt") | ctx.lexicon.cue("vote")
    decides = ctx.lexicon.cue("council_decision_verbs")

    def adopting(verb: Token) -> bool:
        return lemma(verb) in cues or lemma(verb) in decides and council_acts(ctx, verb)

    head = tok.head
    if adopting(head) or any(lemma(c) in cues for c in tok.children) or lemma(head) == "adoption":
        return True
    if head.tag_ != "VBG":
        return False
    verb = head.head if head.dep_ == "advcl" else head.head.head if head.dep_ == "acl" and head.head.dep_ == "nsubj" \
        else None  # "acting" on the verb, or on the Council that is its subject
    return verb is not None and adopting(verb)
