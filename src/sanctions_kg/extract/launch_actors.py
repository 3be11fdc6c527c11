"""Who launched: the subject of a launch verb, the possessor of a launch noun, or an actor named before.

A state that reports or condemns a launch (the subject of a reporting verb) is never its actor.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .context import DocContext, lemma
from .launch_clauses import clause_owner, in_subject
from .launch_words import ACTOR_LABELS, PRONOUN, SUBJECTS, country_before_cue, misparsed_noun, rules

if TYPE_CHECKING:
    from .launches import Mention


def np_actor(ctx: DocContext, tok: Token) -> str | None:
    """A country named by a noun phrase ("North Korea", "Pyongyang", "the DPRK's military"), or a pronoun mark."""
    if tok.lower_ in rules()["pronouns"] and tok.pos_ == "PRON":
        return PRONOUN
    dets = [c for c in tok.children if c.dep_ == "det"]
    short = f"{dets[0].lower_} {tok.lower_}" if dets else ""
    if short in rules()["short_names"]:
        return rules()["short_names"][short]
    if tok.lower_ in rules()["anaphor_nouns"] and dets:
        return PRONOUN
    for t in [tok, *[c for c in tok.subtree if c != tok]]:
        if t.ent_type_ in ACTOR_LABELS:
            code = ctx.country_of_token(t)
            if code:
                return code
    return None


def verb_actor(ctx: DocContext, verb: Token) -> str | None:
    """Subject of an active verb, agent of a passive one; coordinated and participle verbs share their head's."""
    if verb.dep_ in {"amod", "compound"}:
        found = country_before_cue(verb)
        return ctx.country_of_token(found) if found is not None else None
    cur = verb
    while True:
        subj = [c for c in cur.children if c.dep_ in {"nsubj", "csubj"}]
        if subj:
            return np_actor(ctx, subj[0])
        agent = [p for c in cur.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agent:
            return np_actor(ctx, agent[0])
        if any(c.dep_ == "nsubjpass" for c in cur.children) or cur.dep_ not in {"conj", "xcomp", "advcl"}:
            return None
        cur = cur.head


def noun_actor(ctx: DocContext, noun: Token, displaced: tuple[Token, ...] = ()) -> str | None:
    """Possessor or country modifier of a launch noun, else the subject of a "conduct" verb above it.
    ``displaced``: the noun's "of" phrases that the parser hung elsewhere (``launches.displaced_of``)."""
    modifiers = {"poss", "compound", "amod", "nmod"} | ({"nsubj"} if misparsed_noun(noun) else set())
    for child in [*noun.children, *displaced]:
        if child.dep_ in modifiers:
            found = np_actor(ctx, child)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                return np_actor(ctx, obj)
        if child.dep_ == "prep" and child.lower_ == "of":  # "the launch of a missile by North Korea"
            by = [p for c in _phrase_preps(child) if c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
            if by and (found := np_actor(ctx, by[0])):
                return found
    if (agent := agent_on_verb(noun)) is not None and (found := np_actor(ctx, agent)):
        return found
    if noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"}:
        return noun_actor(ctx, noun.head)
    owner = clause_owner(noun)
    if lemma(owner) in rules()["conduct_verbs"] and not in_subject(noun, owner):
        return verb_actor(ctx, owner)
    return None


def _phrase_preps(of: Token) -> list[Token]:
    """The prepositions inside an "of" phrase, down its chain of prepositional phrases but not into its
    clauses: "of a ballistic missile of possible intermediate range by the DPRK" reaches "by"."""
    found, todo = [], [o for o in of.children if o.dep_ == "pobj"]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "prep":
                found.append(c)
                todo += [o for o in c.children if o.dep_ == "pobj"]
    return found


def agent_on_verb(noun: Token) -> Token | None:
    """"Ministers deplored the firing of three missiles by North Korea": the parser hangs the "by" phrase
    on the verb whose object the launch noun is. A verb in the active voice, with its own subject, takes
    no agent, so a "by" phrase after its object names who launched."""
    verb = noun.head
    if noun.dep_ != "dobj" or not any(c.dep_ == "nsubj" for c in verb.children) \
            or any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    return next((o for p in verb.children if p.dep_ == "prep" and p.lower_ == "by" and p.i > noun.i
                 for o in p.children if o.dep_ == "pobj"), None)


def resolve_actors(ctx: DocContext, mentions: list[Mention]) -> None:
    """Pronouns -> the nearest country named before; unknown actors -> the nearest launch actor, else
    the nearest country that was the subject of something other than a report, within ``acting_window``
    sentences ("North Korea accelerated its race … That is why the day after the ballistic missile
    launch on 28 November, …" may be a paragraph apart)."""
    for m in mentions:
        if m.actor == PRONOUN:
            m.actor = antecedent(ctx, m.cue)
    known = [m for m in mentions if m.actor]
    for m in mentions:
        if m.actor:
            continue
        before = [k for k in known if k.cue.i < m.cue.i]
        if before or known:
            m.actor = (before[-1] if before else known[0]).actor
        else:
            m.actor = antecedent(ctx, m.cue, window=int(rules()["acting_window"]), acting_only=True) \
                or censured_after(ctx, m.cue)


def censured_after(ctx: DocContext, cue: Token) -> str | None:
    """The one state the rest of the cue's sentence censures ("… the two ministers condemned North Korea's
    provocations", "… Japan protested to the DPRK"): the object of a verb of ``censure_verbs``, or the
    possessor of that object."""
    found = set()
    for ent in (e for e in ctx.ents_in(cue.sent) if e.label_ in ACTOR_LABELS and e.start > cue.i):
        tok = ent.root.head if ent.root.dep_ == "poss" else ent.root
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ in {"dobj", "pobj"} and lemma(verb) in rules()["censure_verbs"]:
            found.add(ctx.country(ent))
    return found.pop() if len(found) == 1 else None


def antecedent(ctx: DocContext, tok: Token, window: int = 3, acting_only: bool = False) -> str | None:
    """The nearest country before ``tok`` in its sentence or the ``window`` sentences before it, subjects
    first. ``acting_only`` keeps subjects of verbs other than reporting ones ("South Korea said")."""
    sents = [s for s in ctx.sentences() if s.start <= tok.i]
    scope = sents[-(window + 1):]
    ents = [e for s in scope for e in ctx.ents_in(s) if e.label_ in ACTOR_LABELS and e.end <= tok.i]
    subjects = [e for e in ents if e.root.dep_ in SUBJECTS | {"poss"}]
    if acting_only:
        pools = [[e for e in subjects if e.root.dep_ in SUBJECTS
                  and e.root.head.lemma_.lower() not in rules()["reporting_verbs"]]]
    else:
        pools = [subjects, ents]
    for pool in pools:
        if pool:
            return ctx.country(pool[-1])
    return None

