"""Designations: who is put under which measure, by whom, with what status.

Designees are people and organisations the parse ties to a designation cue: the object of
"designated"/"imposed sanctions on", the subject of "faces an asset freeze", an item of a list introduced
by a designation sentence, a name after "listed are"/"include", "X, which is under sanctions", and
"one of the <group>" when that group was designated. Measures come from the sentence or, failing
that, from the document's "are under a travel ban" or "their assets are frozen" sentences.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Span, Token

from ..records import ActorKind, ActorRef, DesignationFact, Measure, Status, VoteFact
from . import designation_attrs as attrs
from .context import DocContext, cue_tokens, doc_lemmas, ents_of, lemma, span_text, tokens_of
from .designation_groups import (
    bare_count_subject,
    designated_groups,
    group_word,
    heads_group_list,
    listed_group_items,
    named_group,
)
from .designation_rules import lex_cue
from .designation_status import recommended, status_of
from .designee_filters import (
    describes_person,
    drop_bracketed_aliases,
    governed_by_stop_prep,
    is_rank,
    names_group,
    names_instrument,
    unique_names,
)
from .designee_hyphens import hyphen_designated
from .designee_regions import is_glued_cue, region_names, title_case, triggers
from .designee_short_forms import short_form_of
from .designees import (
    NAME_LABELS,
    bullet_items,
    clean,
    inline_items,
    name_ents,
    never_designee,
    people_only,
    rules,
    semicolon_items,
)
from .lexicon import normalise_name


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
    dated: bool = True
    line: Span | None = None  # the list line naming it, when that is not ``sent`` (the heading of the list)


def extract_designations(ctx: DocContext, votes: Iterable[VoteFact] = ()) -> list[DesignationFact]:
    """All designations in a document (one fact per designee, authority, status and measure)."""
    votes = list(votes)
    doc_measures = attrs.document_measures(ctx)
    default_authority = attrs.default_authority(ctx)
    groups = designated_groups(ctx, default_authority)
    doc_date = attrs.document_date(ctx)
    found: dict[str, _Found] = {}
    for sent, ents in _candidate_sentences(ctx, groups):
        group_authority, group_measures, group_status = named_group(sent, groups) or (None, (), "imposed")
        authority = attrs.authority(ctx, sent) or group_authority or default_authority
        status, via_res = status_of(ctx, sent, votes)
        if status == "imposed" and group_status == "lifted":
            status = "lifted"  # "The five are A, B …" after "removed five men from the list"
        if via_res:
            authority = "UN"
        if status == "imposed":
            authority, status = recommended(ctx, sent, authority, status, groups)
        measures = attrs.measures(ctx, sent) or attrs.verb_measures(ctx, sent) or group_measures or doc_measures \
            or ("sanctions",)
        for ent in ents:
            own = attrs.designee_measures(attrs.attached_measures(ctx, ent) or measures)
            _add(found, _Found(ent, sent, authority if not _under_sanctions(ctx, ent) else None, own, status,
                               _aliases(ent), via_res, not _listed_before(ent), attrs.naming_line(ctx, ent, sent)))
    for sent in ctx.sentence_list():
        for ent, codes in hyphen_designated(ctx, sent):
            for code in codes:
                _add(found, _Found(ent, sent, code, ("sanctions",), "imposed", _aliases(ent), dated=False))
    for f in _group_members(ctx, groups).values():
        _add(found, f)
    _apply_group_anaphora(ctx, found, doc_measures)
    _drop_short_forms(found)
    return [fact for f in found.values() for fact in _facts(ctx, f, doc_date, default_authority)]


def _add(found: dict[str, _Found], f: _Found) -> None:
    """Keep the first mention of a (name, authority, status); a name's later mentions add nothing."""
    key = f"{normalise_name(clean(f.ent))}|{f.authority}|{f.status}"
    if normalise_name(clean(f.ent)) and key not in found:
        found[key] = f


def _drop_short_forms(found: dict[str, _Found]) -> None:
    """"Herard" after "Dimitri Herard (Herard)": a surname or bracketed short form of a designee already found."""
    full = [f for f in found.values() if len(clean(f.ent).split()) > 1]
    for key, f in list(found.items()):
        name = clean(f.ent)
        if len(name.split()) == 1 and any(
                g.authority == f.authority and (name in g.aliases or name == clean(g.ent).split()[-1]) for g in full):
            del found[key]


# --- sentences and designees ----------------------------------------------------------------------

def _candidate_sentences(ctx: DocContext, designated: dict) -> Iterable[tuple[Span, list[Span]]]:
    """Each designation sentence with the names it designates (object names and list items)."""
    sents = ctx.sentence_list()
    groups = {group_word(g) for g in designated}
    words = _cue_words(ctx)  # a designated group's own word is caught by its group word
    glued = rules().cue("glued_forms")

    def cue(sent: Span) -> bool:
        lemmas = ctx.lemma_set(sent)
        if not words.isdisjoint(lemmas) or groups and any(group_word(low) in groups for low in lemmas):
            return True
        low = span_text(sent).lower()
        return any(g in low for g in glued) and any(map(is_glued_cue, sent))

    for i, sent in enumerate(sents):
        if not (":" in span_text(sent) or cue(sent) or groups and bare_count_subject(sent)):
            continue  # a quick pass: no cue word, no list, nothing to read here
        if title_case(sent) or attrs.background(ctx, sent):
            continue
        listed = listed_group_items(ctx, sent, groups)
        if not (_is_designation_sentence(ctx, sent) or listed or heads_group_list(sent, groups)):
            continue
        permissive = bool(ctx.terms(sent, "MEASURE"))
        names = [e for e in name_ents(sent) if _is_designee(ctx, e, sent, permissive)]
        for trigger in triggers(ctx, sent):
            names += region_names(ctx, sent, trigger)
            names += semicolon_items(ctx, sent, trigger.i + 1)
        names += listed or inline_items(ctx, sent)  # a colon list of a group is already in ``listed``
        if _introduces_list(ctx, sent):
            names += bullet_items(ctx, sents[i + 1:], people_only(sent))
            if i + 1 < len(sents):  # "… added three persons to the list. A, a …; B, a …; and C, a …"
                names += semicolon_items(ctx, sents[i + 1], sents[i + 1].start, people_only(sent))
        kept = [n for n in names if not (names_group(n) or names_instrument(n) or describes_person(n) or is_rank(n)
                                         or _entry_info(sent, n))]
        names = drop_bracketed_aliases(unique_names(kept))
        if names:
            yield sent, names


def _entry_info(sent: Span, name: Span) -> bool:
    """The name follows a list entry's "Other information:" label: a body the entry is linked to."""
    before = span_text(sent)[:max(0, name.start_char - sent.start_char)].lower()
    return any(label in before for label in rules().cue("entry_info_labels"))


def _argument_root(ent: Span) -> Token:
    """The name's token that the parse makes an argument of the clause: "Abdulmalik al-Houthi was designated"
    parsed as "Abdulmalik" (npadvmod) + "al-Houthi" (nsubjpass) is a subject, not an adverbial."""
    outside = [t for t in ent if not ent.start <= t.head.i < ent.end or t.head is t]
    return next((t for t in outside if t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"}), ent.root)


def _cue_words(ctx: DocContext) -> frozenset[str]:
    """Every lemma that can make a sentence a designation sentence (for a quick first pass)."""
    lex, r = ctx.lexicon, rules()
    under = {w for p in lex.cues["under_sanctions"] for w in p.lower().split()}
    return (lex_cue(lex, "designation_cues") | lex_cue(lex, "designate_strong") | lex_cue(lex, "list_nouns")
            | r.cue("object_verbs") | r.cue("object_nouns") | r.cue("restriction_nouns") | r.cue("register_nouns")
            | {"following", "sanctioned"}
            | under)


def _listed_before(ent: Span) -> bool:
    """"X, designated by the committee in 2016": a participle tells an earlier listing, dated there or nowhere."""
    doc = ent.doc
    nxt = doc[ent.end + 1] if ent.end + 1 < len(doc) and doc[ent.end].text == "," else None
    participles = [c for c in ent.root.children if c.dep_ == "acl"] + ([nxt] if nxt is not None else [])
    return any(t.tag_ == "VBN" and lemma(t) in {"designate", "list", "sanction"} for t in participles)


def _introduces_list(ctx: DocContext, sent: Span) -> bool:
    """A sentence ending in ':' or counting a group ("on three more entities") heads the lines below it."""
    if span_text(sent).rstrip().endswith(":"):
        return not any(t.lower_ in rules().cue("list_intro_words") and lemma(t.head) in rules().cue(
            "not_designee_list_nouns") for t in tokens_of(sent))
    groups = rules().cue("group_nouns")
    return any(any(c.like_num or c.lower_ in rules().cue("list_intro_words") for c in t.children)
               for t in cue_tokens(sent, groups))


def _is_designation_sentence(ctx: DocContext, sent: Span) -> bool:
    cues, strong_cues = lex_cue(ctx.lexicon, "designation_cues"), lex_cue(ctx.lexicon, "designate_strong")
    lemmas = list(zip(doc_lemmas(sent.doc)[sent.start:sent.end], tokens_of(sent), strict=True))
    verbs = [t for lem, t in lemmas if lem in cues and t.pos_ in {"VERB", "AUX", "ADJ"}]
    strong = any(lemma(t) in strong_cues for t in verbs)
    registers = lex_cue(ctx.lexicon, "list_nouns") | rules().cue("register_nouns")
    listy = any(lem in registers for lem, _ in lemmas)
    if bool(verbs) and (strong or listy or bool(ctx.terms(sent, "MEASURE")) or _sanction_object(verbs)) \
            or _has_under_sanctions(ctx, sent):
        return True
    following = any(t.lower_ == "following" for t in tokens_of(sent))
    register = listy and span_text(sent).rstrip().endswith(":") and following
    named_list = following and any(lem in strong_cues for lem, _ in lemmas)
    return register or named_list or bool(triggers(ctx, sent))


def _sanction_object(verbs: list[Token]) -> bool:
    """"X will be subject to sanctions", "Y faces sanctions": a cue whose object is a sanctions noun."""
    nouns = rules().cue("object_nouns")
    objects = [o for v in verbs for c in v.children for o in ([c] if c.dep_ == "dobj" else [
        g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [])]
    return any(lemma(o) in nouns for o in objects)


def _is_designee(ctx: DocContext, ent: Span, sent: Span, permissive: bool = False) -> bool:
    """A person or organisation in a designee slot, not an authority, source or linked body.

    In a sentence that also names the measure ("added … to the list of assets frozen") every such
    name counts unless a preposition such as "with"/"of"/"by" ties it to another name (``permissive``).
    """
    if ent.label_ not in NAME_LABELS or _is_authority_or_source(ctx, ent) or never_designee(ctx, ent):
        return False
    if _under_sanctions(ctx, ent):
        return True
    if permissive:
        modifier = ent.root.dep_ in {"poss", "compound", "amod", "nmod"}
        return not modifier and not governed_by_stop_prep(ctx, ent) and not _in_other_clause(ctx, ent)
    root = _argument_root(ent)
    chain = [root, *root.ancestors]
    if root.dep_ in {"poss", "npadvmod", "advmod", "nmod"}:
        return False
    for tok in chain[1:]:
        if tok.dep_ == "prep" and lemma(tok) in lex_cue(ctx.lexicon, "designee_stop_preps"):
            return False
        if lemma(tok) in lex_cue(ctx.lexicon, "designation_cues"):
            return True
        if lemma(tok) == "be" and tok.dep_ not in {"aux", "auxpass"}:  # "X is …", "X will now be subject to …"
            return _copula_designee(ctx, ent, tok)
        if tok.dep_ in {"advcl", "ccomp", "relcl", "poss"} or tok.pos_ == "VERB":
            return False
    return False


def _in_other_clause(ctx: DocContext, ent: Span) -> bool:
    """"… exports that could benefit Al-Shabaab": an argument of a relative clause's verb that designates
    nothing."""
    verb = _argument_root(ent).head
    designating = lex_cue(ctx.lexicon, "designation_cues") | rules().cue("object_verbs")
    return verb.pos_ == "VERB" and verb.dep_ == "relcl" and lemma(verb) not in designating


def _copula_designee(ctx: DocContext, ent: Span, copula) -> bool:
    """"The individual is X", "Among those listed are X": the name is the complement, or the clause itself
    says the listing; "X is the deputy of an EU-designated firm" does not designate X."""
    if ent.root.dep_ in {"attr", "acomp"}:
        return True
    cues = lex_cue(ctx.lexicon, "designation_cues")
    return any(lemma(t) in cues and t.i > 0 and t.doc[t.i - 1].text != "-" and "-" not in t.text
               for t in copula.subtree if not ent.start <= t.i < ent.end)


def _is_authority_or_source(ctx: DocContext, ent: Span) -> bool:
    code = ctx.org_code(ent)
    if code and ctx.lexicon.org_by_code.get(code, {}).get("role") in lex_cue(ctx.lexicon, "non_designee_roles"):
        return True
    if _agent_of_cue(ctx, ent):
        return True
    return ent.root.dep_ in {"nsubj"} and any(
        lemma(c) in lex_cue(ctx.lexicon, "designate_strong") for c in [ent.root.head])


def _agent_of_cue(ctx: DocContext, ent: Span) -> bool:
    """The "by" agent of a passive designation verb acts, whether or not the gazetteer knows it ("the
    accounts were frozen by the Central Bank of Nigeria"); names set after the agent with a dash ("listed by
    OFAC – A, B and C") are the parser's appositions, and designees."""
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    by = root.head
    return root.dep_ == "pobj" and by.dep_ == "agent" and lemma(by.head) in lex_cue(ctx.lexicon, "designation_cues")


# --- attributes ------------------------------------------------------------------------------------

def _aliases(ent: Span) -> list[str]:
    """"Second Academy of Natural Sciences (SANS)", "Han Song Il (also written Han Sung Il)"."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(":
        close = next((t.i for t in doc[ent.end:min(ent.end + 12, len(doc))] if t.text == ")"), None)
        if close:
            inner = doc[ent.end + 1:close]
            names = [e.text for e in ents_of(inner) if e.label_ in NAME_LABELS]
            if names:
                return names
            if len(inner) == 1 and inner[0].is_upper and inner[0].is_alpha:
                return [inner.text]
    return []


def _has_under_sanctions(ctx: DocContext, sent: Span) -> bool:
    return any(_under_sanctions(ctx, e) for e in ents_of(sent) if e.label_ in NAME_LABELS)


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

def _group_members(ctx: DocContext, groups: dict) -> dict[str, _Found]:
    """"one of the North Koreans X": X belongs to a group a designation sentence named."""
    out: dict[str, _Found] = {}
    for sent in ctx.sentence_list() if groups else []:
        if "one of" not in span_text(sent).lower():
            continue
        for ent in (e for e in ents_of(sent) if e.label_ == "PERSON"):
            before = [t for t in ent.doc[max(ent.start - 8, 0):ent.start] if not t.is_space]
            words = [t.lower_ for t in before]
            if "one" in words and "of" in words:
                for g_lemma, g in groups.items():
                    if any(lemma(t) == g_lemma or t.lower_.rstrip("s") == g_lemma for t in before):
                        out.setdefault(normalise_name(ent.text), _Found(ent, sent, g[0], g[1], g[2]))
    return out


def _apply_group_anaphora(ctx: DocContext, found: dict[str, _Found], measures: tuple[str, ...]) -> None:
    """"The European Union listed all three men": another authority's designation of the same names."""
    named = list(found.values())
    for sent in ctx.sentence_list():
        if not named or any(sent.start <= f.sent.start < sent.end for f in named):
            continue
        strong = lex_cue(ctx.lexicon, "designate_strong")
        for verb in (t for t in cue_tokens(sent, strong) if t.pos_ == "VERB"):
            obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if obj is None:
                continue
            authority = attrs.authority(ctx, sent)
            if obj.lower_ in rules().cue("pronoun_objects") and authority:
                # "London then sanctioned both": the names of the nearest designation sentence before
                before = [f for f in named if f.sent.end <= sent.start]
                last = max((f.sent.start for f in before), default=None)
                for f in (f for f in before if f.sent.start == last):
                    _add(found, _Found(f.ent, sent, authority, ("sanctions",), "imposed", f.aliases))
                continue
            if lemma(obj) not in lex_cue(ctx.lexicon, "group_nouns"):
                continue
            quant = {t.lower_ for t in obj.subtree} & (lex_cue(ctx.lexicon, "group_quantifiers") | {"these", "those"})
            if quant and authority:
                for f in named:
                    _add(found, _Found(f.ent, sent, authority, ("sanctions",), "imposed", f.aliases))


# --- facts -----------------------------------------------------------------------------------------

def _facts(ctx: DocContext, f: _Found, doc_date, doc_authority: str | None) -> list[DesignationFact]:
    named = short_form_of(ctx, f.ent) or f.ent  # "Kestrel" after "Kestrel Trading Co. (Kestrel)"
    kind: ActorKind = "person" if named.label_ == "PERSON" else "organization"
    code = ctx.org_code(named)  # None for a person: only an ORG span has one
    name, aliases = _preferred_name(ctx, f, named, code)
    ref = ActorRef(kind=kind, name=name, code=code, aliases=tuple(aliases))
    day = None
    if f.status != "proposed" and f.dated:
        day = attrs.designation_date(ctx, f.sent) or (doc_date if f.authority == doc_authority else None)
    evidence = (ctx.evidence(f.line, "designations.list_line") if f.line is not None
                else ctx.evidence(f.sent, "designations.sentence"),)
    return [DesignationFact(evidence=evidence, designee=ref, measure=cast(Measure, m), status=cast(Status, f.status),
                            authority=f.authority, date=day, via_resolution=f.via_resolution) for m in f.measures]


def _preferred_name(ctx: DocContext, f: _Found, named: Span, code: str | None) -> tuple[str, list[str]]:
    """A gazetteer label if the name is known (``code``: "Lazarus" -> "Lazarus Group"), else the text (of the
    full name a short form stands for, the short form an alias)."""
    text = clean(named)
    aliases = f.aliases if named is f.ent else list(dict.fromkeys([clean(f.ent), *f.aliases]))
    if code:
        entry = ctx.lexicon.org_by_code[code]
        return entry["label"], [a for a in [text, *aliases] if a != entry["label"]]
    return text, aliases
