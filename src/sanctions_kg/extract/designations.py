"""Designations: who is put under which measure, by whom, with what status.

Designees are people and organisations the parse ties to a designation cue: the object of
"designated"/"imposed sanctions on", the subject of "faces an asset freeze", an item of a list introduced
by a designation sentence, a name after "listed are"/"include", "X, which is under sanctions", and
"one of the <group>" when that group was designated. Measures come from the sentence or, failing
that, from the document's "subject to an asset freeze and a travel ban" sentences.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span

from ..records import ActorRef, DesignationFact, VoteFact
from .context import DocContext, is_dateline, lemma
from .lexicon import normalise_name

NAME_LABELS = {"PERSON", "ORG"}


@dataclass
class _Found:
    """A designee with where it was found; merged by normalised name."""

    ent: Span
    sent: Span
    authority: str | None
    measures: tuple[str, ...]
    status: str
    aliases: list[str] = field(default_factory=list)
    via_resolution: bool = False


def extract_designations(ctx: DocContext, votes: Iterable[VoteFact] = ()) -> list[DesignationFact]:
    """All designations in a document (one fact per designee and measure)."""
    vote = next(iter(votes), None)
    doc_measures = _document_measures(ctx)
    default_authority = _default_authority(ctx)
    doc_date = _document_date(ctx)
    found: dict[str, _Found] = {}
    for sent, ents in _candidate_sentences(ctx):
        authority = _authority(ctx, sent) or default_authority
        status, via_res = _status(ctx, sent, vote)
        if via_res:
            authority = "UN"
        measures = _measures(ctx, sent) or doc_measures or ("sanctions",)
        for ent in ents:
            key = normalise_name(_clean(ent))
            if key and key not in found:
                found[key] = _Found(ent, sent, authority if not _under_sanctions(ctx, ent) else None,
                                    measures, status, _aliases(ent), via_res)
    found.update(_group_members(ctx, found, default_authority))
    _apply_group_anaphora(ctx, found, doc_measures)
    return [fact for f in found.values() for fact in _facts(ctx, f, doc_date, default_authority)]


# --- sentences and designees ----------------------------------------------------------------------

def _candidate_sentences(ctx: DocContext) -> Iterable[tuple[Span, list[Span]]]:
    """Each sentence with a designation cue, and the names it designates (list items included)."""
    sents = list(ctx.sentences())
    for i, sent in enumerate(sents):
        if not _is_designation_sentence(ctx, sent):
            continue
        permissive = bool(ctx.terms(sent, "MEASURE"))
        names = _drop_bracketed_aliases([e for e in sent.ents if _is_designee(ctx, e, sent, permissive)])
        if sent.text.rstrip().endswith(":"):
            names += _list_items(ctx, sents[i + 1:])
        if names:
            yield sent, names


def _drop_bracketed_aliases(names: list[Span]) -> list[Span]:
    """"Korea Ryonbong General Corporation (KRGC)": the bracketed short name is an alias, not a second designee."""
    ends = {n.end for n in names}
    return [n for n in names if not (n.start >= 1 and n.doc[n.start - 1].text == "(" and n.start - 1 in ends)]


def _is_designation_sentence(ctx: DocContext, sent: Span) -> bool:
    cues = ctx.lexicon.cue("designation_cues")
    verbs = [t for t in sent if lemma(t) in cues and t.pos_ in {"VERB", "AUX", "ADJ"}]
    strong = any(lemma(t) in ctx.lexicon.cue("designate_strong") for t in verbs)
    listy = any(lemma(t) in ctx.lexicon.cue("list_nouns") for t in sent)
    return bool(verbs) and (strong or listy or bool(ctx.terms(sent, "MEASURE"))) or _has_under_sanctions(ctx, sent)


def _is_designee(ctx: DocContext, ent: Span, sent: Span, permissive: bool = False) -> bool:
    """A person or organisation in a designee slot, not an authority, source or linked body.

    In a sentence that also names the measure ("added … to the list of assets frozen") every such
    name counts unless a preposition such as "with"/"of"/"by" ties it to another name (``permissive``).
    """
    if ent.label_ not in NAME_LABELS or _is_authority_or_source(ctx, ent):
        return False
    if _under_sanctions(ctx, ent):
        return True
    if permissive:
        modifier = ent.root.dep_ in {"poss", "compound", "amod", "nmod"}
        return not modifier and not _governed_by_stop_prep(ctx, ent)
    chain = [ent.root, *ent.root.ancestors]
    if ent.root.dep_ in {"poss", "npadvmod", "advmod", "nmod"}:
        return False
    for tok in chain[1:]:
        if tok.dep_ == "prep" and lemma(tok) in ctx.lexicon.cue("designee_stop_preps"):
            return False
        if lemma(tok) in ctx.lexicon.cue("designation_cues") or tok.lower_ in {"are", "is"}:
            return not (ent.root.dep_ == "nsubj" and _is_speaker(ctx, ent))
        if tok.dep_ in {"advcl", "ccomp", "relcl", "poss"} or tok.pos_ == "VERB":
            return False
    return False


def _governed_by_stop_prep(ctx: DocContext, ent: Span) -> bool:
    """The name, after climbing conjunctions and appositions, is the object of a linking preposition."""
    tok = ent.root
    while tok.dep_ in {"conj", "appos"} and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "pobj" and lemma(tok.head) in ctx.lexicon.cue("designee_linking_preps")


def _is_authority_or_source(ctx: DocContext, ent: Span) -> bool:
    code = ctx.org_code(ent)
    if code and ctx.lexicon.org_by_code.get(code, {}).get("role") in ctx.lexicon.cue("non_designee_roles"):
        return True
    return ent.root.dep_ in {"nsubj"} and any(
        lemma(c) in ctx.lexicon.cue("designate_strong") for c in [ent.root.head])


def _is_speaker(ctx: DocContext, ent: Span) -> bool:
    """A person quoted or acting as an official ("Ambassador X said") is not a designee."""
    roles = {r.split()[-1] for r in ctx.lexicon.cues["roles"]}
    window = ent.doc[max(ent.start - 3, 0):min(ent.end + 3, len(ent.doc))]
    return any(t.lower_ in roles for t in window)


def _list_items(ctx: DocContext, following: list[Span]) -> list[Span]:
    """Names heading the bullet lines ("- Jon Il Ho, Vice Director …") after a sentence ending in ':'."""
    items = []
    for sent in following:
        line = sent.text.lstrip()
        new_line = "\n" in sent.doc.text[max(sent.start_char - 3, 0):sent.start_char + 1] or sent.start_char == 0
        if line[:1] in {"-", "•", "*", "–"}:
            first = next((e for e in sent.ents if e.label_ in NAME_LABELS), None)
            if first is not None and first.start - sent.start <= 2:
                items.append(first)
        elif new_line and not _continues(sent):
            break
    return items


def _continues(sent: Span) -> bool:
    """A sentence on the same line as the bullet before it (not a new paragraph)."""
    text = sent.doc.text[:sent.start_char]
    return not text.endswith("\n") and not text.rstrip(" ").endswith("\n")


# --- attributes ------------------------------------------------------------------------------------

def _clean(ent: Span) -> str:
    """The name without a leading article."""
    return re.sub(r"^(the|The)\s+", "", ent.text).strip()


def _aliases(ent: Span) -> list[str]:
    """"Second Academy of Natural Sciences (SANS)", "No Kwang Chol (also spelled Ro Kwang Chol)"."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(":
        close = next((t.i for t in doc[ent.end:min(ent.end + 12, len(doc))] if t.text == ")"), None)
        if close:
            inner = doc[ent.end + 1:close]
            names = [e.text for e in inner.ents if e.label_ in NAME_LABELS]
            if names:
                return names
            if len(inner) == 1 and inner[0].is_upper and inner[0].is_alpha:
                return [inner.text]
    return []


def _measures(ctx: DocContext, sent: Span) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.id_ for s in ctx.terms(sent, "MEASURE")))


def _document_measures(ctx: DocContext) -> tuple[str, ...]:
    """Measures stated for the listed names anywhere ("are subject to an asset freeze", "is blocked")."""
    found: list[str] = []
    for sent in ctx.sentences():
        low = sent.text.lower()
        if re.search(r"subject to|faces?|now face|frozen|blocked|barred", low):
            found += list(_measures(ctx, sent))
            if re.search(r"property .{0,240}blocked", low, re.S):
                found.append("asset_freeze")
    return tuple(dict.fromkeys(found))


def _authority_code(ctx: DocContext, ent: Span) -> str | None:
    iso3 = ctx.country(ent)
    if iso3:
        return iso3
    code = ctx.org_code(ent)
    return ctx.lexicon.org_by_code.get(code, {}).get("authority") if code else None


def _authority(ctx: DocContext, sent: Span) -> str | None:
    """The subject (or "by" agent) of the designation verb, as a code."""
    for ent in sent.ents:
        if _is_authority_slot(ctx, ent):
            code = _authority_code(ctx, ent)
            if code:
                return _disambiguate(ctx, ent, code)
    return None


def _is_authority_slot(ctx: DocContext, ent: Span) -> bool:
    """The designating subject, a "by X" agent, or "X's sanctions/listings/regime"."""
    root = ent.root
    cues = ctx.lexicon.cue("designation_cues") | {"decide"}
    if root.dep_ in {"nsubj", "nsubjpass"}:
        return lemma(root.head) in cues or any(lemma(t) in cues for t in root.head.subtree if t.pos_ == "VERB")
    if root.dep_ == "pobj":
        return root.head.lower_ == "by"
    if root.dep_ in {"poss", "compound"}:
        return lemma(root.head) in ctx.lexicon.cue("list_nouns") | ctx.lexicon.cue("authority_nouns")
    return False


def _disambiguate(ctx: DocContext, ent: Span, code: str) -> str:
    """A bare "the Council" is the EU's Council in a text that names the EU more than the UN."""
    if code == "UN" and normalise_name(ent.text) == "council":
        counts = Counter(_authority_code(ctx, e) for e in ctx.doc.ents if normalise_name(e.text) != "council")
        return "EU" if counts["EU"] > counts["UN"] else code
    return code


def _default_authority(ctx: DocContext) -> str | None:
    """The first authority that designates in the document (for sentences without a subject)."""
    for sent in ctx.sentences():
        if any(lemma(t) in ctx.lexicon.cue("designating_verbs") for t in sent):
            code = _authority(ctx, sent)
            if code:
                return code
    return None


def _status(ctx: DocContext, sent: Span, vote: VoteFact | None) -> tuple[str, bool]:
    """(status, via_resolution): proposed in a draft that failed, blocked by a hold, lifted, else imposed."""
    lemmas = {lemma(t) for t in sent}
    lex = ctx.lexicon
    about_resolution = bool(lemmas & lex.cue("resolution_nouns")) or any(
        t.lower_ == "it" and t.dep_ == "nsubj" for t in sent)
    if lemmas & lex.cue("lift_context"):
        return "lifted", False
    if lemmas & lex.cue("hold_context"):
        return "blocked", False
    if vote is not None and about_resolution:
        return ("proposed" if vote.outcome == "not_adopted" else "imposed"), True
    if lemmas & lex.cue("proposal_context"):
        return "proposed", False
    return "imposed", False


def _designation_date(ctx: DocContext, sent: Span):
    """A day named in the sentence, else today's date when the text says "today"."""
    return ctx.first_date(ctx.date_spans(sent))


def _document_date(ctx: DocContext):
    """The day the document's designating sentences name ("OFAC today designated", "on Friday blacklisted")."""
    verbs = ctx.lexicon.cue("dating_verbs")
    for sent in ctx.sentences():
        if any(lemma(t) in verbs and t.pos_ == "VERB" for t in sent):
            found = ctx.first_date(e for e in ctx.date_spans(sent) if not _bounded(ctx, e) and not is_dateline(e, sent))
            if found:
                return found
    return None


def _bounded(ctx: DocContext, ent: Span) -> bool:
    return lemma(ent.root.head) in ctx.lexicon.cue("bound_preps")


def _has_under_sanctions(ctx: DocContext, sent: Span) -> bool:
    return any(_under_sanctions(ctx, e) for e in sent.ents if e.label_ in NAME_LABELS)


def _under_sanctions(ctx: DocContext, ent: Span) -> bool:
    """"X, which is under sanctions": a relative clause on the name says it is already sanctioned."""
    phrases = [p.lower() for p in ctx.lexicon.cues["under_sanctions"]]
    for tok in ent.doc[ent.end:min(ent.end + 8, len(ent.doc))]:
        if tok.dep_ == "relcl" or tok.lower_ in {"which", "who", "that"}:
            clause = " ".join(t.lower_ for t in tok.subtree) if tok.dep_ == "relcl" else \
                ent.doc[tok.i:min(tok.i + 6, len(ent.doc))].text.lower()
            return any(p in clause for p in phrases)
    return False


# --- groups ----------------------------------------------------------------------------------------

def _group_members(ctx: DocContext, found: dict[str, _Found], default: str | None) -> dict[str, _Found]:
    """"one of the North Koreans X": X belongs to a group a designation sentence named."""
    groups = _designated_groups(ctx)
    out: dict[str, _Found] = {}
    for sent in ctx.sentences():
        for ent in (e for e in sent.ents if e.label_ == "PERSON"):
            before = [t for t in ent.doc[max(ent.start - 8, 0):ent.start] if not t.is_space]
            words = [t.lower_ for t in before]
            if "one" in words and "of" in words:
                for g_lemma, g in groups.items():
                    if any(lemma(t) == g_lemma or t.lower_.rstrip("s") == g_lemma for t in before):
                        out.setdefault(normalise_name(ent.text), _Found(ent, sent, g[0], g[1], g[2]))
    return {k: v for k, v in out.items() if k not in found}


def _designated_groups(ctx: DocContext) -> dict[str, tuple[str | None, tuple[str, ...], str]]:
    """Unnamed groups a designation verb takes as object ("sanctions against five North Koreans")."""
    groups: dict[str, tuple[str | None, tuple[str, ...], str]] = {}
    for sent in ctx.sentences():
        verbs = [t for t in sent if lemma(t) in ctx.lexicon.cue("designating_verbs") and t.pos_ == "VERB"]
        for verb in verbs:
            for tok in verb.subtree:
                if tok.like_num and tok.head.pos_ in {"NOUN", "PROPN"}:
                    head = tok.head
                    key = lemma(head) if not ctx.country_of_token(head) else head.lower_.rstrip("s")
                    groups[key] = (_authority(ctx, sent), _measures(ctx, sent) or ("sanctions",), "imposed")
    return groups


def _apply_group_anaphora(ctx: DocContext, found: dict[str, _Found], measures: tuple[str, ...]) -> None:
    """"The European Union listed all three men": another authority's designation of the same names."""
    named = list(found.values())
    for sent in ctx.sentences():
        if not named or any(sent.start <= f.sent.start < sent.end for f in named):
            continue
        for verb in (t for t in sent if lemma(t) in ctx.lexicon.cue("designate_strong") and t.pos_ == "VERB"):
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is None or lemma(obj) not in ctx.lexicon.cue("group_nouns"):
                continue
            quant = {t.lower_ for t in obj.subtree} & (ctx.lexicon.cue("group_quantifiers") | {"these", "those"})
            authority = _authority(ctx, sent)
            if quant and authority:
                for f in named:
                    found[f"{normalise_name(f.ent.text)}|{authority}"] = _Found(
                        f.ent, sent, authority, ("sanctions",), "imposed", f.aliases)


# --- facts -----------------------------------------------------------------------------------------

def _facts(ctx: DocContext, f: _Found, doc_date, doc_authority: str | None) -> list[DesignationFact]:
    kind = "person" if f.ent.label_ == "PERSON" else "organization"
    name, aliases = _preferred_name(ctx, f)
    ref = ActorRef(kind=kind, name=name, code=ctx.org_code(f.ent) if kind == "organization" else None,
                   aliases=tuple(aliases))
    day = None
    if f.status != "proposed":
        day = _designation_date(ctx, f.sent) or (doc_date if f.authority == doc_authority else None)
    evidence = (ctx.evidence(f.sent, "designations.sentence"),)
    return [DesignationFact(evidence=evidence, designee=ref, measure=m, status=f.status, authority=f.authority,
                            date=day, via_resolution=f.via_resolution) for m in f.measures]


def _preferred_name(ctx: DocContext, f: _Found) -> tuple[str, list[str]]:
    """A gazetteer label if the name is known ("Lazarus" -> "Lazarus Group"), else the text."""
    text = _clean(f.ent)
    code = ctx.org_code(f.ent)
    if code:
        entry = ctx.lexicon.org_by_code[code]
        return entry["label"], [a for a in [text, *f.aliases] if a != entry["label"]]
    return text, f.aliases
