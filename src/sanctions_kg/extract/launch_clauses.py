"""When a launch happened and from where: the clause of a launch cue, its dates and its site phrases.

A date dates a launch when it is an adverbial of the cue's own clause (or of the clause a "when" clause
modifies, or of an impersonal frame such as "it appears that …"); the reporting date misattached after
"said" does not. Sites are the phrases after "from", "off", "near" that look like places.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from .context import DocContext
from .dates import resolve_days
from .launch_words import ACTOR_LABELS, CLAUSE_DEPS, SUB_CLAUSES, SUBJECTS, is_noun_cue, misparsed_noun, rules


def what_clauses(verb: Token) -> list[Token]:
    """Clauses that stand for the object: "fired what appeared to be a ballistic missile", "launched
    what it claimed was a new missile" (the parser may hang the second half on the verb too)."""
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "dobj", "xcomp"} and c.pos_ in {"VERB", "AUX"}]
    clauses += [w.head for w in verb.children if w.dep_ == "dobj" and w.tag_ == "WP" and w.head != verb]
    has_what = any(w.tag_ == "WP" and w.lower_ == "what" for c in clauses for w in c.children)
    return list(dict.fromkeys(clauses)) if has_what else []


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
    own: list[tuple[date, int]] = []
    clause: list[tuple[date, int]] = []
    anchor: date | None = None  # the day last named in the sentence, for "the previous day"
    for ent in date_groups(ctx, sent):
        days = resolve_days(ent.text, ctx.published) or relative_days(ent.text, anchor)
        anchor = days[-1] if days else anchor
        root = ent.root
        while root.dep_ in {"compound", "nmod"} and root.head.ent_type_ in {"DATE", "TIME"}:
            root = root.head  # "on Thursday morning": the day leans on the time of day
        owner = clause_owner(root)
        if any(is_noun_cue(t) and near_cue(root, t) for t in sent.doc[cue.i + 1:ent.start]):
            continue  # "the launch of A on 9 May, as well as the launch of B the previous day": B's day
        found = own if near_cue(root, cue) or premodifies(ent, cue) else clause
        if found is clause and not (owner in owners and is_adverbial(root, owner, cue)):
            continue
        for day in days:
            if day not in [d for d, _ in found]:
                found.append((day, ent.end))
    # "after the launch on 29 November, the Council adopted ... on 22 December": a launch noun with a
    # date of its own does not take the dates of the clause around it, which tell another event.
    return own or clause


def relative_days(text: str, anchor: date | None) -> list[date]:
    """"the previous day", "the following day": a day counted from the day named before it in the
    sentence (``relative_days`` of ``rules/launch.yml``), not from the report's date."""
    shift = rules()["relative_days"].get(" ".join(text.lower().split()))
    return [anchor + timedelta(days=int(shift))] if anchor is not None and shift is not None else []


def latest_date(ctx: DocContext, sent: Span, cue: Token) -> list[tuple[date, int]]:
    """The day of the last launch of a series, named after the series: "the repeated launches ...,
    most recently on 5 August", "its cruise missile firings, the latest on 14 March" (a marker of
    ``latest_markers`` at most two words before a date that follows the cue)."""
    markers = [m.split() for m in rules()["latest_markers"]]
    for group in date_groups(ctx, sent):
        if group.start <= cue.i:
            continue
        before = [t.lower_ for t in sent.doc[max(sent.start, group.start - 6):group.start]]
        for words in markers:
            if any(before[k:k + len(words)] == words for k in range(max(0, len(before) - len(words) - 2),
                                                                   len(before) - len(words) + 1)):
                days = resolve_days(group.text, ctx.published)
                return [(days[-1], group.end)] if days else []
    return []


def date_groups(ctx: DocContext, sent: Span) -> list[Span]:
    """The date expressions of ``sent``, with a list of days one span: the tagger splits "8 June, 12
    and 30 July" into "8 June", "12" and "30 July", and tags the "4" of "4, 11 and 19 October" a number."""
    groups: list[Span] = []
    for ent in ctx.date_spans(sent):
        start = ent.start
        while start - 2 >= sent.start and _joins(sent.doc[start - 1]) and _bare_day(sent.doc[start - 2]):
            start -= 2  # "3, 9 and 14 May": the numbers before the first tagged date
        end = ent.end
        while end + 1 < sent.end and _bare_day(sent.doc[end - 1]) and _joins(sent.doc[end]) \
                and _bare_day(sent.doc[end + 1]) and sent.doc[end + 1].ent_type_ != "DATE":
            end += 2  # "on November 2 and 3": the numbers after a date that ends with its day
        last = groups[-1] if groups else None
        between = sent.doc[last.end:start] if last is not None else None
        if last is not None and between is not None and len(between) <= 2 and all(_joins(t) for t in between) \
                and _bare_day(sent.doc[last.end - 1]) or last is not None and start < last.end:
            groups[-1] = sent.doc[last.start:end]
        else:
            groups.append(sent.doc[start:end])
    return groups


def _joins(tok: Token) -> bool:
    return tok.lower_ in {",", "and", "or", "&"}


def _bare_day(tok: Token) -> bool:
    return tok.is_digit and 1 <= int(tok.text) <= 31


def _reaches(root: Token, chain: set[Token]) -> bool:
    """``root`` hangs from a token of ``chain``, and not through a clause of another verb on the way: in
    "the launch of X on 28 November, the Council today further tightened sanctions" the parser hung
    "tightened" (and its "today") under the noun. A relative clause or participle of a noun in the
    launch's phrase ("a missile that it fired on 4 July") still tells the launch's day."""
    for up in root.ancestors:
        if up in chain:
            return True
        if up.pos_ in {"VERB", "AUX"} and up.dep_ not in {"relcl", "acl"}:
            return False
    return False


def near_cue(root: Token, cue: Token) -> bool:
    """A date in the launch noun's own phrase, or in the participle or preposition that carries the
    noun inside its clause ("Responding to the launch on 4 July, the Council ..."), and not the
    modifier of some other noun there ("after the 9 May summit")."""
    if not _nominal(cue):
        return False
    owner, chain, cur = clause_owner(cue), {cue}, cue  # the noun itself too, when the parser made it the root
    while cur != owner and cur.head != cur:
        chain.add(cur)
        if cur.dep_ == "conj":
            break  # "the nuclear test and the missile launch": the first conjunct is another event
        cur = cur.head
    if not _reaches(root, chain):
        return False
    return in_phrase(root, cue) or not (root.dep_ in {"nmod", "nummod", "compound", "amod", "poss"}
                                        and root.head != cue)


def premodifies(days: Span, cue: Token) -> bool:
    """Days written right before the launch noun's own modifiers ("the 6 May, 9 June and 2 July cruise
    missile launches") are the noun's, wherever the parser hung the list (often as the head of the noun)."""
    if days.end > cue.i or not _nominal(cue):
        return False
    # "the 29 November ICBM (intercontinental ballistic missile) launch": the parser may make the launch
    # an apposition of its own modifier, so the words before it hang on that modifier instead
    owners = {cue, cue.head} if cue.dep_ == "appos" and cue.head.i < cue.i else {cue}
    return all(t in owners or not owners.isdisjoint(t.ancestors) or t.ent_type_ in {"DATE", "TIME"} or _joins(t)
               or _bare_day(t) for t in days.doc[days.end:cue.i])


def possessor_before(days: list[Span], cue: Token) -> Token | None:
    """"North Korea’s 3 and 19 January missile launches": the possessor written before the days that
    premodify the noun (the parser hangs it on a day, or elsewhere), as the token it names."""
    start = min([d.start for d in days if premodifies(d, cue)], default=cue.left_edge.i)
    doc = cue.doc
    if start >= 2 and doc[start - 1].lower_ in {"’s", "'s", "’", "'"} and doc[start - 1].dep_ == "case":
        return doc[start - 2]
    return None


def is_adverbial(tok: Token, owner: Token, cue: Token) -> bool:
    """A date that tells when the clause happened: not in its subject, not a modifier of another noun,
    and not the reporting date misattached after "said" ("said on Friday it had launched ...")."""
    if in_subject(tok, owner):
        return False
    if tok.dep_ in {"nmod", "compound", "amod", "poss"} and tok.head != cue:
        return False
    subjects = [c.i for c in owner.children if c.dep_ in SUBJECTS]
    if any(c.dep_ == "mark" and c.i < tok.i for c in owner.children):
        return True  # "reported that, on 3 November, X launched …": the date is inside the clause
    return not (owner.dep_ == "ccomp" and subjects and owner.head.i < tok.i < min(subjects)
                and not _hedged(owner.head))


def in_phrase(tok: Token, cue: Token) -> bool:
    """``tok`` modifies the launch noun itself ("24 March launch", "launch ... on 24 March")."""
    return cue in tok.ancestors and _nominal(cue)


def _nominal(cue: Token) -> bool:
    """The launch cue is a noun ("the launch"), or a noun the tagger took for a verb."""
    return cue.pos_ in {"NOUN", "PROPN"} or misparsed_noun(cue)


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
    """A phrase (a site, a period) without the clauses that describe it ("..., which analysts believe ..."),
    in tree order."""
    yield tok
    for child in tok.children:
        if child.dep_ not in SUB_CLAUSES:
            yield from site_tokens(child)


def day_after(noun: Token) -> int | None:
    """The end of a day phrase right after ``noun`` ("today", "on 3 May"), wherever the parser hung it."""
    doc, i = noun.doc, noun.i + 1
    if i < len(doc) and doc[i].lower_ == "on":
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "DATE":
        return None
    i += 1
    while i < len(doc) and doc[i].ent_type_ == "DATE" and doc[i].ent_iob_ == "I":
        i += 1
    return i


def displaced_of(sent: Span, noun: Token) -> list[Token]:
    """"the launch on 3 May of two Scud missiles", "the launch today of an ICBM": the parser hangs the "of"
    phrase after the day on the day or on the verb; it says what was launched."""
    end = day_after(noun)
    if end is None or end >= sent.end:
        return []
    of = noun.doc[end]
    return [of] if of.lower_ == "of" and of.head != noun else []
