"""Who voted how: "China and Russia vetoed", "Brazil abstained", "9 in favour (Ecuador, France, …)".

Each reader returns (country, position) pairs with the token that carries the position, so the vote
assembler can tie them to the vote that token is about. A country's position needs a vote verb or a
tally list: "with the backing of X" or "X welcomed the text" is not a vote.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from ..records import Position
from .context import DocContext, lemma
from .tallies import TALLY_POSITION, plausible_count

OWN_VOICE = {"meta", "publisher", "from_line"}  # how a document's source is known to be its author


def countries_in(ctx: DocContext, tokens: Iterable[Token]) -> list[str]:
    """ISO3 codes of the country mentions among ``tokens``, in order, once each."""
    seen: list[str] = []
    for tok in tokens:
        iso3 = ctx.country_of_token(tok)
        if iso3 and iso3 not in seen:
            seen.append(iso3)
    return seen


def core(tok: Token) -> list[Token]:
    """A phrase without its clauses: "the United Kingdom, which was defeated by …" is the UK alone."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in {"relcl", "acl", "advcl", "parataxis", "ccomp"}:
            out.extend(core(child))
    return sorted(out, key=lambda t: t.i)


def subjects(tok: Token) -> list[Token]:
    """The subject tokens of a verb, with their conjuncts ("China and Russia vetoed")."""
    subs = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
    if not subs and tok.dep_ in {"conj", "xcomp"}:
        subs = [c for c in tok.head.children if c.dep_ in {"nsubj"}]
    if not subs and tok.dep_ == "xcomp" and tok.head.dep_ == "acomp":  # "X is pleased to vote in favour"
        subs = [c for c in tok.head.head.children if c.dep_ in {"nsubj"}]
    if not subs and tok.i > 0 and tok.doc[tok.i - 1].ent_type_:
        subs = [tok.doc[tok.i - 1]]  # "… and Brazil abstained" misparsed with no subject: the name just before
    out: list[Token] = []
    for s in subs:
        out.extend(s.subtree)
    return out


def veto_countries(ctx: DocContext, tok: Token) -> list[str]:
    """Who vetoed: a verb's subject, a noun's possessor or "veto by X" / "cast by X"."""
    if tok.pos_ == "VERB":
        if any(c.dep_ == "nsubjpass" for c in tok.children):  # "the draft, tabled by X, was vetoed by Y"
            return countries_in(ctx, (t for c in tok.children if c.dep_ == "agent" for t in c.subtree))
        return countries_in(ctx, subjects(tok))
    skip = {t.i for c in tok.children if c.dep_ in {"dobj", "acl", "relcl"} for t in c.subtree}
    own = countries_in(ctx, (t for t in tok.subtree if t.i not in skip))
    if own:
        return own
    used = tok.dep_ == "dobj" and lemma(tok.head) in ctx.lexicon.cue("veto_use_verbs")
    if used and (found := countries_in(ctx, subjects(tok.head))):  # "X chose to cast a veto"
        return found
    if any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in tok.children):
        return countries_in(ctx, subjects(_clause_verb(tok)))  # "with its veto, Russia said no to …"
    user = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if user is not None and lemma(user) in ctx.lexicon.cue("veto_use_verbs"):  # "France's use of the veto"
        owners = [t for c in user.children if c.dep_ == "poss" for t in c.subtree]
        owners += [user.head] if user.dep_ == "conj" else []  # "China and Russia's use", parsed as a conjunct
        owners += use_agents(user)  # "the use of the veto today by the Russian Federation"
        if found := countries_in(ctx, owners):
            return found
    cast = [a for c in tok.children if c.dep_ == "acl" and lemma(c) in ctx.lexicon.cue("veto_use_verbs")
            for a in c.children if a.dep_ == "agent"]  # "a veto cast by the Russian Federation"
    if cast:
        return countries_in(ctx, (t for a in cast for t in a.subtree))
    # "the veto cast by X" misparsed as a clause whose subject is the veto
    misparsed = tok.dep_ == "nsubj" and lemma(tok.head) in ctx.lexicon.cue("veto_use_verbs")
    by = [c for c in tok.head.children if c.dep_ == "agent"] if tok.dep_ in {"nsubjpass", "dobj"} or misparsed else []
    return countries_in(ctx, (t for a in by for t in a.subtree))


def use_agents(user: Token) -> list[Token]:
    """The words of the "by" phrase of a use of the veto ("the use of the veto by X"); the parser often hangs
    it on the verb whose object the use is ("we regret the use of the veto today by X"), after the use."""
    hosts = [user, user.head] if user.dep_ == "dobj" else [user]
    return [t for host in hosts for c in host.children if c.lower_ == "by" and c.dep_ in {"prep", "agent"}
            and c.i > user.i for t in c.subtree]


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a noun phrase sits in, through prepositions ("with its veto, X said") or as
    its object ("X used its veto")."""
    node = tok
    while node.dep_ in {"pobj", "prep"} and node.head is not node:
        node = node.head
    return node.head if node.dep_ == "dobj" else node


def vote_direction(tok: Token) -> Position | None:
    """"voted against" / "voting in favour" / "voted for" (a phrase after the word: "For these reasons, X
    voted against" is against)."""
    for child in tok.rights:
        if child.lower_ == "against":
            return "against"
        if child.lower_ == "for" or (child.lower_ == "in" and any(g.lower_ in {"favour", "favor"}
                                                                   for g in child.children)):
            return "in_favour"
    return None


def verb_positions(ctx: DocContext, tok: Token) -> list[tuple[str, Position]]:
    """Positions a verb states of its subjects: abstain, vote for/against, veto (an against vote)."""
    lex = ctx.lexicon
    lem = lemma(tok)
    if lem in lex.cue("veto"):
        return [(c, "against") for c in veto_countries(ctx, tok)]
    if lem in lex.cue("abstain") and tok.pos_ == "VERB":
        return [(c, "abstention") for c in voters(ctx, tok)]
    if lem in lex.cue("vote") and tok.pos_ == "VERB":
        pos = vote_direction(tok)
        return [(c, pos) for c in voters(ctx, tok)] if pos else []
    return []


def voters(ctx: DocContext, verb: Token) -> list[str]:
    """The states a vote verb's subject names; "we" in a state's own release is that state."""
    subs = subjects(verb)
    if all(t.lower_ in _RELATIVE for t in subs):
        subs = _named_after_be(ctx, verb)
    found = countries_in(ctx, subs)
    if not found and any(t.lower_ == "we" for t in subs):
        source = ctx.source
        if source.country and source.how in OWN_VOICE:
            return [source.country]
    return found


_RELATIVE = {"that", "who", "which"}


def _named_after_be(ctx: DocContext, verb: Token) -> list[Token]:
    """"Voting in favour were representatives of A, B and C", "Delegations that abstained were D and E",
    "Those voting against were F": the vote verb, or the voters' noun it describes, is the subject of
    "be", and the complement after it names the voters."""
    if verb.dep_ == "csubj":
        copula = verb.head
    elif verb.dep_ in {"relcl", "acl"} and verb.head.dep_ == "nsubj" and (
            lemma(verb.head) in ctx.lexicon.cue("voter_nouns") or verb.head.lower_ == "those"):
        copula = verb.head.head
    else:
        return []
    return _complement(copula) if lemma(copula) == "be" else []


def _complement(copula: Token) -> list[Token]:
    """The words of the complement of "be" ("… were A, B and C"): the voters a copula names."""
    return [t for c in copula.children if c.dep_ == "attr" for t in c.subtree]


def copula_positions(ctx: DocContext, tok: Token) -> list[tuple[str, Position]]:
    """"Those in favour were A, B and C", "The members against were D": the voters' word, with the
    direction on it, is the subject of "be", and the complement names the voters."""
    if tok.dep_ != "nsubj" or lemma(tok.head) != "be" or not (
            tok.lower_ == "those" or lemma(tok) in ctx.lexicon.cue("voter_nouns")):
        return []
    pos = vote_direction(tok)
    if pos is None:
        return []
    return [(c, pos) for c in countries_in(ctx, _complement(tok.head))]


def verbless_positions(ctx: DocContext, tok: Token) -> list[tuple[str, Position]]:
    """Positions stated without a vote verb: a quoted answer on a vote noun, or voters listed after "be"."""
    answered = answer_positions(ctx, tok) if lemma(tok) in ctx.lexicon.cue("vote") else []
    return answered or copula_positions(ctx, tok)


def answer_positions(ctx: DocContext, noun: Token) -> list[tuple[str, Position]]:
    """"With 'no' votes from permanent members Russia and China", "the negative vote of China", "Brazil's
    favourable vote": a quoted answer or a position adjective on a vote noun is the position of the states
    its "from/by/of" phrase or its possessor names ("no votes against" counts none: no quotes)."""
    answers, adjectives = ctx.lexicon.cues["vote_answers"], ctx.lexicon.cues["vote_adjectives"]
    doc = noun.doc
    said = [answers[c.lower_] for c in noun.children if c.lower_ in answers and c.i > 0 and doc[c.i - 1].is_quote]
    said += [adjectives[c.lower_] for c in noun.children if c.dep_ == "amod" and c.lower_ in adjectives]
    if noun.pos_ != "NOUN" or not said:
        return []
    named = [t for c in noun.children if c.dep_ == "prep" and c.lower_ in ctx.lexicon.cue("voter_preps")
             for t in c.subtree]
    named += [t for c in noun.children if c.dep_ == "poss" for t in c.subtree]  # "Brazil's favourable vote"
    return [(c, said[0]) for c in countries_in(ctx, named)]


def subject_count(ctx: DocContext, tok: Token) -> tuple[Position, int] | None:
    """"the remaining 13 members — A, B, … — voted in favour", "four delegations abstained": a count of
    voters as the subject of a vote verb, however long the list between them."""
    lex = ctx.lexicon
    if lemma(tok) in lex.cue("abstain"):
        pos: Position | None = "abstention"
    else:
        pos = vote_direction(tok) if lemma(tok) in lex.cue("vote") else None
    if pos is None:
        return None
    counts = (_voter_count(ctx, c) for c in tok.children if c.dep_ == "nsubj")
    count = next((n for n in counts if n is not None), None)
    return (pos, count) if count is not None else None


def _voter_count(ctx: DocContext, noun: Token) -> int | None:
    """The count on a voters' noun ("the remaining 13 members", "the other 14 members"), if plausible."""
    if lemma(noun) not in ctx.lexicon.cue("voter_nouns"):
        return None
    counts = (plausible_count(c) for c in noun.children if c.dep_ == "nummod")
    return next((n for n in counts if n is not None), None)


def agent_count(ctx: DocContext, tok: Token) -> tuple[Position, int] | None:
    """"which was supported by the Council's other 14 members": a count of voters as the agent of a
    passive verb of support is the votes in favour."""
    if tok.pos_ != "VERB" or lemma(tok) not in ctx.lexicon.cue("support_verbs"):
        return None
    counts = (_voter_count(ctx, o) for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj")
    count = next((n for n in counts if n is not None), None)
    return ("in_favour", count) if count is not None else None


def listed_positions(ctx: DocContext, sent: Span) -> Iterator[tuple[Span, str, Position]]:
    """Countries listed in parentheses, after a dash, "including" or "from" right after a tally phrase:
    "9 in favour (Ecuador, France, …)", "2 abstentions — China, Kazakhstan", "four votes, from A, B"."""
    doc = sent.doc
    openers = ctx.lexicon.cue("position_list_openers")
    for label, pos in TALLY_POSITION.items():
        for span in ctx.terms(sent, label):
            i = _opener_after(sent, _past_aside(ctx, sent, span.end), openers)
            if i is None:
                continue
            if doc[i].text == "(":
                j = i + 1
                while j < sent.end and doc[j].text != ")":
                    j += 1
            else:
                j = _list_end(doc, i + 1, sent.end)
            for iso3 in countries_in(ctx, doc[i + 1:j]):
                yield span, iso3, pos  # type: ignore[misc]


def _opener_after(sent: Span, i: int, openers: frozenset[str]) -> int | None:
    """The list opener at ``i`` or after the punctuation there, or None."""
    doc = sent.doc
    while i < sent.end and doc[i].is_punct and doc[i].text not in openers:
        i += 1
    return i if i < sent.end and (doc[i].text in openers or lemma(doc[i]) in openers) else None


def _past_aside(ctx: DocContext, sent: Span, i: int) -> int:
    """After an aside between dashes that names no country ("9 votes in favour – the number needed – from
    A, B"), the token after its closing dash; else ``i``."""
    doc, dashes = sent.doc, ctx.lexicon.cue("aside_dashes")
    if i >= sent.end or doc[i].text not in dashes:
        return i
    longest = int(ctx.lexicon.cues["aside_max_tokens"])
    close = next((k for k in range(i + 1, min(i + longest, sent.end)) if doc[k].text in dashes), None)
    if close is None or countries_in(ctx, doc[i + 1:close]):
        return i  # "2 abstentions — China, Kazakhstan": the dash opens the list itself
    return close + 1


def _list_end(doc, j: int, end: int) -> int:
    """The end of a list of names ("A, B and C"): the first token that is neither a name nor glue."""
    while j < end and (doc[j].lower_ in {",", "and", "the", "of"} or doc[j].ent_type_):
        j += 1
    return j
