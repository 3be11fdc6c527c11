"""Missile launch events: who fired what, how many, when and from where.

A *mention* is one launch cue in the parse — a verb ("North Korea fired three missiles") or a noun ("the
DPRK's launch of an ICBM") — with the missiles among its arguments. Tallies ("more than 60 launches"),
hypothetical launches ("threatened to fire") and cues without a missile are not mentions. Mentions of the
same launch are then merged per document: the same actor and date, or an undated mention that fits one
dated event (compatible types and count). The words that drive all this are in ``rules/launch.yml``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from ..nlp.gazetteer import load_yaml
from ..records import Evidence, LaunchFact
from .context import DocContext, lemma
from .lexicon import RULES
from .numbers import parse_count

ACTOR_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "relcl", "parataxis"}
SUB_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "parataxis"}
BALLISTIC_KINDS = {"icbm", "irbm", "srbm", "slbm"}
PRONOUN = "<pronoun>"


@lru_cache(maxsize=1)
def rules() -> dict:
    """The launch word lists (``rules/launch.yml``) as sets."""
    return {k: frozenset(v) if isinstance(v, list) else v
            for k, v in load_yaml(RULES / "launch.yml").items()}


@dataclass
class Mention:
    """One launch cue with what the parse says about it."""

    sent: Span
    cue: Token
    rule: str
    actor: str | None
    date: date | None
    types: tuple[str, ...]
    count: int | None
    site: str | None
    site_score: int


@dataclass
class Event:
    """Mentions merged into one launch."""

    actor: str
    date: date | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for m in self.mentions for t in m.types))

    @property
    def count(self) -> int | None:
        return next((m.count for m in self.mentions if m.count is not None), None)

    @property
    def site(self) -> str | None:
        """The site that looks most like a place (the first of equals)."""
        sites = [m for m in self.mentions if m.site]
        return max(sites, key=lambda m: m.site_score).site if sites else None


# --- entry point -------------------------------------------------------------------------------

def extract_launches(ctx: DocContext) -> list[LaunchFact]:
    """Launch events of one document, each with the evidence of all its mentions."""
    mentions = [m for sent in ctx.sentences() for m in sentence_mentions(ctx, sent)]
    resolve_actors(ctx, mentions)
    return [to_fact(ctx, ev) for ev in merge([m for m in mentions if reported_actor(ctx, m.actor)])]


def reported_actor(ctx: DocContext, actor: str | None) -> bool:
    """A known actor that is not a permanent member (whose test flights sanctions texts do not report)."""
    return bool(actor) and not (rules()["skip_permanent_members"] and ctx.lexicon.is_permanent(actor or ""))


def sentence_mentions(ctx: DocContext, sent: Span) -> Iterator[Mention]:
    """The launch mentions whose cue lies in ``sent``."""
    for tok in sent:
        if is_verb_cue(tok):
            yield from verb_mentions(ctx, sent, tok)
        elif is_noun_cue(tok) and not absorbed_by_verb(tok):
            yield from noun_mentions(ctx, sent, tok)


def to_fact(ctx: DocContext, ev: Event) -> LaunchFact:
    """The record for a merged event; one evidence per distinct sentence."""
    seen: dict[tuple[int, int], Evidence] = {}
    for m in ev.mentions:
        seen.setdefault((m.sent.start_char, m.sent.end_char), ctx.evidence(m.sent, m.rule))
    return LaunchFact(evidence=tuple(seen.values()), actor=ev.actor, date=ev.date,
                      types=ev.types, count=ev.count, site=ev.site)  # type: ignore[arg-type]


# --- cues --------------------------------------------------------------------------------------

def is_verb_cue(tok: Token) -> bool:
    """A launch verb used as a predicate (not "submarine-launched" as an adjective)."""
    if tok.pos_ != "VERB" or lemma(tok) not in rules()["verbs"]:
        return False
    return tok.dep_ not in {"amod", "compound"} or misparsed_predicate(tok)


def misparsed_predicate(tok: Token) -> bool:
    """A past-tense launch verb parsed as a modifier after a country ("Iran test-fired two missiles"),
    unlike the participle in "submarine-launched"."""
    return tok.tag_ in {"VBD", "VBZ", "VBP"} and tok.head.i > tok.i and country_before_cue(tok) is not None


def country_before_cue(tok: Token) -> Token | None:
    """The token of a country entity just before ``tok`` (skipping "test -")."""
    i = tok.i - 1
    while i >= 0 and (tok.doc[i].text == "-" or tok.doc[i].lower_ == "test"):
        i -= 1
    return tok.doc[i] if i >= 0 and tok.doc[i].ent_type_ in ACTOR_LABELS else None


def is_noun_cue(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and lemma(tok) in rules()["nouns"]


def absorbed_by_verb(tok: Token) -> bool:
    """A launch noun inside a launch verb's clause ("fired ... in the latest launch") adds no event."""
    owner = clause_owner(tok)
    for anc in tok.ancestors:
        if is_verb_cue(anc):
            return True
        if anc == owner:
            break
    return False


def verb_mentions(ctx: DocContext, sent: Span, verb: Token) -> Iterator[Mention]:
    """Mentions for a launch verb: its objects (or passive subject, or the noun it modifies)."""
    heads = argument_heads(verb)
    region = [t for h in heads for t in np_region(h, exclude=verb)]
    if not heads or not has_missile(ctx, region) or is_series(verb) or is_irrealis(verb):
        return
    actor = verb_actor(ctx, verb)
    yield from build(ctx, sent, verb, "launch.verb", actor, region, heads)


def noun_mentions(ctx: DocContext, sent: Span, noun: Token) -> Iterator[Mention]:
    """Mentions for a launch noun with a missile in its phrase ("a ballistic missile launch")."""
    region = list(np_region(noun))
    if not has_missile(ctx, region):
        region += instrument_region(noun)
    if not has_missile(ctx, region) or is_series(noun) or is_irrealis(noun):
        return
    heads = [t for t in region if t.dep_ == "pobj" and t.head.head == noun and t.head.lower_ == "of"]
    yield from build(ctx, sent, noun, "launch.noun", noun_actor(ctx, noun), region, heads)


def instrument_region(noun: Token) -> list[Token]:
    """The phrase that names what a launch used ("conducted a launch using ballistic missile technology",
    "a launch with a cruise missile"), on the noun or on the verb that takes it as object."""
    owners = [noun] + ([noun.head] if noun.dep_ == "dobj" and lemma(noun.head) in rules()["conduct_verbs"] else [])
    return [t for o in owners for c in o.children
            if c.dep_ in {"advcl", "acl", "prep"} and lemma(c) in rules()["instrument_words"] for t in c.subtree]


def build(ctx: DocContext, sent: Span, cue: Token, rule: str, actor: str | None,
          region: list[Token], heads: list[Token]) -> Iterator[Mention]:
    """One mention per date named for the cue's clause (one undated mention when none is).

    With several dates the clause is cut at each date, so that "two missiles from A on 4 March and
    another from B on 9 March" gives each launch its own site and count.
    """
    dated = cue_dates(ctx, sent, cue)
    vague = vague_quantity(cue, heads)
    if not dated and (vague or any(t.ent_type_ == "ORDINAL" for t in region)):
        return  # "more than 30 missiles this year", "the North's eighth ICBM firing": a tally
    sites = cue_sites(cue, heads)
    types = missile_types(ctx, region)
    count = None if vague else missile_count(ctx, heads)
    previous = sent.start
    for k, (day, end) in enumerate(dated or [(None, sent.end)]):
        own = [x for x in sites if previous <= x.index < end] if len(dated) > 1 else sites
        best = max(own or sites, key=lambda x: x.score) if own or sites else None
        n = count if k == 0 else segment_count(sent.doc[previous:end], count)
        yield Mention(sent, cue, rule, actor or (best.country if best else None), day, types, n,
                      best.text if best else None, best.score if best else 0)
        previous = end


def segment_count(segment: Span, default: int | None) -> int | None:
    """The count of a later launch in a clause cut at its dates: "and another ...", "and three more"."""
    for tok in segment:
        if tok.lower_ in rules()["one_more_words"]:
            return 1
        if tok.dep_ == "nummod" or (tok.like_num and tok.ent_type_ == "CARDINAL"):
            value = parse_count(tok.text)
            if value is not None:
                return value
    return default


# --- arguments and missiles --------------------------------------------------------------------

def argument_heads(verb: Token) -> list[Token]:
    """What was launched: the direct object, the passive subject, or the noun a participle modifies."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "oprd"} and c.tag_ != "WP"]
    heads += [h for c in what_clauses(verb) for h in c.subtree if h.dep_ in {"attr", "oprd"}]
    if verb.dep_ in {"amod", "compound"}:
        return [verb.head]
    relative = [h for h in heads if h.tag_ in {"WDT", "WP"}]
    if verb.head.pos_ in {"NOUN", "PROPN"} and (verb.dep_ == "acl" or (verb.dep_ == "relcl" and relative)):
        heads = [h for h in heads if h not in relative] + [verb.head]
    return heads


def what_clauses(verb: Token) -> list[Token]:
    """Clauses that stand for the object: "fired what appeared to be a ballistic missile", "launched
    what it claimed was a new missile" (the parser may hang the second half on the verb too)."""
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "dobj", "xcomp"} and c.pos_ in {"VERB", "AUX"}]
    clauses += [w.head for w in verb.children if w.dep_ == "dobj" and w.tag_ == "WP" and w.head != verb]
    has_what = any(w.tag_ == "WP" and w.lower_ == "what" for c in clauses for w in c.children)
    return list(dict.fromkeys(clauses)) if has_what else []


def np_region(head: Token, exclude: Token | None = None) -> Iterator[Token]:
    """The tokens of ``head``'s phrase without its clauses and coordinated launch nouns."""
    yield head
    for child in head.children:
        if child == exclude or child.dep_ in SUB_CLAUSES or child.dep_ in SUBJECTS:
            continue
        if child.dep_ == "conj" and (is_noun_cue(child) or child.pos_ == "VERB"):
            continue
        if child.dep_ == "prep" and child.lower_ in rules()["site_preps"]:
            continue
        yield from np_region(child, exclude)


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


def missile_count(ctx: DocContext, heads: list[Token]) -> int | None:
    """How many missiles the first argument names: "three missiles", "one ICBM", "a pair of", "a volley of three"."""
    for head in heads:
        if head.lemma_.lower() in rules()["count_nouns"]:
            return parse_count(head.text)
        if is_missile_token(ctx, head):
            return np_number(head)
        inner = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"]
        if inner:
            return missile_count(ctx, inner)
    return None


def np_number(noun: Token) -> int | None:
    """The number on a noun: a numeral, or "a"/"an"/"one" on a singular noun."""
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "det" and noun.tag_ in {"NN", "NNP"}):
            value = parse_count(child.text)
            if value is not None:
                return value
    return None


# --- filters -----------------------------------------------------------------------------------

def is_series(cue: Token) -> bool:
    """Plural launch nouns ("more than 60 launches") and launches over a period ("since 2022")."""
    if cue.pos_ in {"NOUN", "PROPN"} and cue.tag_ in {"NNS", "NNPS"}:
        return True
    return any(c.dep_ == "prep" and c.lower_ in rules()["period_preps"] for c in cue.children)


def vague_quantity(cue: Token, heads: list[Token]) -> bool:
    """Quantity words ("dozens of", "numerous", "more than 30"): a tally unless the text dates it."""
    words = rules()["tally_words"]
    for head in [cue, *heads]:
        if head is not cue and head.lemma_.lower() in words:
            return True
        if any(c.lemma_.lower() in words for c in head.children
               if c.dep_ in {"amod", "nummod", "quantmod", "det", "advmod", "nmod"}):
            return True
        if any(c.lower_ in words for n in head.children if n.dep_ == "nummod" for c in n.subtree):
            return True
    return False


def is_irrealis(cue: Token) -> bool:
    """Planned, threatened or negated launches are not reports of one."""
    words = rules()["irrealis"]
    if infinitive(cue):
        return True
    for tok in clause_chain(cue):
        if tok.lemma_.lower() in words:
            return True
        if any(c.dep_ in {"aux", "neg", "amod"} and c.lemma_.lower() in words | {"not", "never"}
               for c in tok.children):
            return True
    return False


def infinitive(verb: Token) -> bool:
    """"to launch" (planned, expected) but not "to have launched" (reported as done)."""
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a.tag_ == "TO" for a in aux) and not any(a.lemma_ == "have" for a in aux)


def clause_chain(tok: Token) -> list[Token]:
    """``tok`` and its ancestors up to (and including) the verb of its clause."""
    owner = clause_owner(tok)
    chain = [tok]
    while chain[-1] != owner:
        chain.append(chain[-1].head)
    return chain


# --- clauses and dates -------------------------------------------------------------------------

def opens_clause(tok: Token) -> bool:
    """A verb that heads its own clause (finite, coordinated or with a subject)."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ in {"amod", "compound"}:
        return False
    if tok.dep_ in CLAUSE_DEPS or tok.tag_ in rules()["finite_tags"]:
        return True
    return any(c.dep_ in SUBJECTS or (c.dep_ in {"aux", "auxpass"} and c.tag_ in rules()["finite_tags"])
               for c in tok.children)


def clause_owner(tok: Token) -> Token:
    """The verb of the clause ``tok`` belongs to (participles belong to the clause they modify)."""
    cur = tok
    while not opens_clause(cur) and cur.head != cur:
        cur = cur.head
    return cur


def cue_dates(ctx: DocContext, sent: Span, cue: Token) -> list[tuple[date, int]]:
    """(day, end of its expression) for the dates of the cue's clause, in text order; failing those,
    the dates of the clause that a "when" clause modifies."""
    owner = clause_owner(cue)
    owners = [owner, *[clause_owner(c) for c in (what_clauses(cue) if cue.pos_ == "VERB" else [])]]
    dated = clause_dates(ctx, sent, owners, cue)
    if not dated and any(c.lower_ in rules()["time_clause_marks"] for c in owner.children
                         if c.dep_ in {"advmod", "mark"}):
        dated = clause_dates(ctx, sent, [clause_owner(owner.head)], cue)
    if not dated and owner.dep_ == "ccomp" and _hedged(owner.head):
        dated = clause_dates(ctx, sent, [clause_owner(owner.head)], owner.head)
    return dated


def _hedged(verb: Token) -> bool:
    """"it appears that …", "it has been determined that …": an impersonal frame around the report."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.lower_ in rules()["hedge_subjects"]
               for c in verb.children)


def clause_dates(ctx: DocContext, sent: Span, owners: list[Token], cue: Token) -> list[tuple[date, int]]:
    """Distinct days of the DATE entities of ``sent`` that are adverbials of one of ``owners``' clauses."""
    out: list[tuple[date, int]] = []
    for ent in ctx.date_spans(sent):
        root = ent.root
        owner = clause_owner(root)
        if not (in_phrase(root, cue) or (owner in owners and is_adverbial(root, owner, cue))):
            continue
        day = ctx.resolve(ent.text)
        if day and day not in [d for d, _ in out]:
            out.append((day, ent.end))
    return out


def is_adverbial(tok: Token, owner: Token, cue: Token) -> bool:
    """A date that tells when the clause happened: not in its subject, not a modifier of another noun,
    and not the reporting date misattached after "said" ("said on Friday it had launched ...")."""
    if in_subject(tok, owner):
        return False
    if tok.dep_ in {"nmod", "compound", "amod", "poss"} and tok.head != cue:
        return False
    subjects = [c.i for c in owner.children if c.dep_ in SUBJECTS]
    return not (owner.dep_ == "ccomp" and subjects and owner.head.i < tok.i < min(subjects)
                and not _hedged(owner.head))


def in_phrase(tok: Token, cue: Token) -> bool:
    """``tok`` modifies the launch noun itself ("24 March launch", "launch ... on 24 March")."""
    return cue in tok.ancestors and cue.pos_ in {"NOUN", "PROPN"}


def in_subject(tok: Token, owner: Token) -> bool:
    """True when the path from ``tok`` up to ``owner`` passes through a subject or a possessor."""
    cur = tok
    while cur != owner and cur.head != cur:
        if cur.dep_ in SUBJECTS or cur.dep_ == "poss":
            return True
        cur = cur.head
    return False


# --- sites -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    """A launch site phrase: its text, how much it looks like a place (0-2), the preposition's index, its
    first and end tokens, and the country it names (a launch from a place in a country is that country's)."""

    text: str
    score: int
    index: int
    first: int
    end: int
    country: str | None


def cue_sites(cue: Token, heads: list[Token]) -> list[Site]:
    """The "from/off/near" phrases of the cue, its missiles, its prepositional objects ("at dawn from
    ...") and the launch nouns of its clause ("in the latest launch from ...")."""
    owner = clause_owner(cue)
    objects = [o for p in cue.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    nouns = [t for t in cue.subtree if is_noun_cue(t) and clause_owner(t) == owner]
    anchors = dict.fromkeys([cue, *heads, *objects, *nouns])
    found = [site for anchor in anchors for prep in anchor.children
             if prep.dep_ == "prep" and prep.lower_ in rules()["site_preps"] and (site := site_text(prep))]
    return join_adjacent(cue.doc, sorted(found, key=lambda x: x.index))


def join_adjacent(doc, sites: list[Site]) -> list[Site]:
    """Site phrases that follow each other ("from waters" + "off Nampo") are one site."""
    out: list[Site] = []
    for site in sites:
        prev = out[-1] if out else None
        if prev and site.index == prev.end:
            text = doc[prev.first:site.end].text.strip('"“”')
            out[-1] = Site(text, max(prev.score, site.score), prev.index, prev.first, site.end,
                           prev.country or site.country)
        else:
            out.append(site)
    return out


def site_text(prep: Token) -> Site | None:
    """The object of a site preposition as written (without leading articles, possessives or edge
    punctuation), scored 2 for a place name or noun, 1 for another proper noun, else 0."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs or objs[0].ent_type_ in {"DATE", "TIME"}:
        return None
    toks = sorted(site_tokens(objs[0]), key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].dep_ in {"det", "poss", "case"} or toks[0].is_quote):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_quote):
        toks.pop()
    if not toks:
        return None
    text = prep.doc[toks[0].i:toks[-1].i + 1].text.strip().strip('"“”')
    places = {"GPE", "LOC", "FAC"} | ACTOR_LABELS
    if any(t.ent_type_ in places or t.lemma_.lower() in rules()["place_nouns"] for t in toks):
        score = 2
    else:
        score = int(any(t.pos_ == "PROPN" for t in toks))
    countries = [t for t in objs[0].subtree if t.ent_type_ in {"COUNTRY", "CAPITAL"}]
    code = countries[0].ent_id_ or None if countries else None
    return Site(text, score, prep.i, toks[0].i, toks[-1].i + 1, code)


def site_tokens(tok: Token) -> Iterator[Token]:
    """A site phrase without the clauses that describe it ("..., which analysts believe ...")."""
    yield tok
    for child in tok.children:
        if child.dep_ not in SUB_CLAUSES:
            yield from site_tokens(child)


# --- actors ------------------------------------------------------------------------------------

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


def noun_actor(ctx: DocContext, noun: Token) -> str | None:
    """Possessor or country modifier of a launch noun, else the subject of a "conduct" verb above it."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            found = np_actor(ctx, child)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                return np_actor(ctx, obj)
    if noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"}:
        return noun_actor(ctx, noun.head)
    owner = clause_owner(noun)
    if lemma(owner) in rules()["conduct_verbs"] and not in_subject(noun, owner):
        return verb_actor(ctx, owner)
    return None


def resolve_actors(ctx: DocContext, mentions: list[Mention]) -> None:
    """Pronouns -> the nearest country named before; unknown actors -> the nearest launch actor, else
    the nearest country that was the subject of something other than a report."""
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
            m.actor = antecedent(ctx, m.cue, acting_only=True)


def antecedent(ctx: DocContext, tok: Token, window: int = 3, acting_only: bool = False) -> str | None:
    """The nearest country before ``tok`` in its sentence or the ``window`` sentences before it, subjects
    first. ``acting_only`` keeps subjects of verbs other than reporting ones ("South Korea said")."""
    sents = [s for s in ctx.sentences() if s.start <= tok.i]
    scope = sents[-(window + 1):]
    ents = [e for s in scope for e in s.ents if e.label_ in ACTOR_LABELS and e.end <= tok.i]
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


# --- merging -----------------------------------------------------------------------------------

def closure(types: Iterable[str]) -> set[str]:
    """Types with what they imply: an ICBM is a ballistic missile."""
    out = set(types)
    if out & BALLISTIC_KINDS:
        out.add("ballistic")
    return out


def compatible(m: Mention, ev: Event) -> bool:
    """An undated mention may describe ``ev``: types nest, counts agree, sites do not contradict."""
    a, b = closure(m.types), closure(ev.types)
    if a and b and not (a <= b or b <= a):
        return False
    if m.count is not None and ev.count is not None and m.count != ev.count:
        return False
    if m.site and m.site_score == 2 and ev.site and not set(m.site.lower().split()) & set(ev.site.lower().split()):
        return all(x.site_score < 2 for x in ev.mentions if x.site)
    return True


def merge(mentions: list[Mention]) -> list[Event]:
    """Dated mentions group by (actor, date); undated ones join the nearest compatible event."""
    events: list[Event] = []
    by_key: dict[tuple[str, date], Event] = {}
    for m in mentions:
        if m.date is not None:
            key = (m.actor, m.date)
            if key not in by_key:
                by_key[key] = Event(m.actor, m.date)  # type: ignore[arg-type]
                events.append(by_key[key])
            by_key[key].mentions.append(m)
    for m in [m for m in mentions if m.date is None]:
        target = nearest(m, [e for e in events if e.actor == m.actor and e.date and compatible(m, e)]) \
            or nearest(m, [e for e in events if e.actor == m.actor and not e.date and compatible(m, e)])
        if target is None:
            target = Event(m.actor, None)  # type: ignore[arg-type]
            events.append(target)
        target.mentions.append(m)
    return sorted(events, key=lambda e: min(x.cue.i for x in e.mentions))


def nearest(m: Mention, events: list[Event]) -> Event | None:
    """The event with a mention closest to ``m`` in the text."""
    if not events:
        return None
    return min(events, key=lambda e: min(abs(x.cue.i - m.cue.i) for x in e.mentions))
