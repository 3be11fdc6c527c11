"""Attributes of a designation that come from its sentence or its document: the authority (the subject,
a "by" agent, a name just before the verb, the publisher for "we" and "the government"), the measures
(its own "on" phrase, the sentence, a neighbouring sentence) and the date (the designation verb's own day,
"today", never the day of another event in the sentence).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Span

from .context import DocContext, cue_tokens, doc_lemmas, ents_of, is_dateline, lemma, span_text, tokens_of
from .designation_rules import lex_cue
from .designee_regions import is_glued_cue, restricted_by, restriction_preps
from .designees import BULLETS, rules
from .lexicon import normalise_name


def measures(ctx: DocContext, sent: Span) -> tuple[str, ...]:
    """The measures a sentence names: its measure phrases, then what its restrictions are on."""
    return tuple(dict.fromkeys([*(s.id_ for s in ctx.terms(sent, "MEASURE")), *restricted(ctx, sent)]))


def restricted(ctx: DocContext, sent: Span) -> list[str]:
    """"Restrictions were placed on the assets and international travel of X", "freezing their assets and
    prohibiting their travel": asset freeze and travel ban."""
    nouns, verbs = rules().cue("restriction_nouns"), rules().cue("restriction_verbs")
    if ctx.lemma_set(sent).isdisjoint(nouns | verbs):
        return []  # most sentences: no token to walk
    lemmas, doc = doc_lemmas(sent.doc), ctx.doc
    found = [m for i in range(sent.start, sent.end) if lemmas[i] in nouns
             for _, named in restriction_preps(doc[i]) for m in named]
    return found + [m for i in range(sent.start, sent.end) if lemmas[i] in verbs and doc[i].pos_ == "VERB"
                    for m in restricted_by(doc[i], "dobj")]


def document_measures(ctx: DocContext) -> tuple[str, ...]:
    """Measures stated for the listed names anywhere ("are subject to an asset freeze", "Their assets are
    frozen", "barred from entering")."""
    found: list[str] = []
    cue, patterns = _measure_regexes()
    for sent in ctx.sentence_list():
        low = span_text(sent).lower()
        found += list(measures(ctx, sent)) if cue.search(low) else restricted(ctx, sent)  # measures() has both
        found += [m for m, ps in patterns if any(p.search(low) for p in ps)]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _measure_regexes() -> tuple[re.Pattern[str], tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]]:
    """The measure cues as one pattern, and the measure patterns compiled (once per process)."""
    cue = re.compile("|".join(rf"\b{re.escape(c)}\b" for c in sorted(rules().cue("measure_sentence"))))
    patterns = tuple((m, tuple(re.compile(p) for p in ps)) for m, ps in rules().cues["measure_patterns"].items())
    return cue, patterns


def authority_code(ctx: DocContext, ent: Span) -> str | None:
    iso3 = ctx.country(ent)
    if iso3:
        return iso3
    code = ctx.org_code(ent)
    found = ctx.lexicon.org_by_code.get(code, {}).get("authority") if code else None
    return found or rules().authority_in(ent.text)


def publisher_authority(ctx: DocContext) -> str | None:
    """The authority publishing the document ("Canada Gazette", "Ministry of Foreign Affairs, Republic of Korea")."""
    publisher = ctx.document.meta.publisher
    return rules().authority_in(publisher) if publisher else None


def authority(ctx: DocContext, sent: Span) -> str | None:
    """The subject (or "by" agent) of the designation verb, as a code."""
    for ent in ents_of(sent):
        if is_authority_slot(ctx, ent):
            code = authority_code(ctx, ent)
            if code:
                return disambiguate(ctx, ent, code)
    adjacent = adjacent_authority(ctx, sent)
    if adjacent:
        return adjacent
    first_person = rules().cue("first_person")
    if any(t.lower_ in first_person and t.dep_ in {"nsubj", "poss"} for t in tokens_of(sent)):
        return publisher_authority(ctx)
    # "the government designated …" in an official release: the publisher's government
    if any(t.lower_ == "government" and t.dep_ in {"nsubj", "nsubjpass"} and not ctx.country_of_token(t)
           and not any(ctx.country_of_token(c) for c in t.subtree) for t in tokens_of(sent)):
        return publisher_authority(ctx)
    return None


def adjacent_authority(ctx: DocContext, sent: Span) -> str | None:
    """"The Department of State today designated …" misparsed across a header: the authority name that
    ends just before a designation verb (a date word or an adverb between) is its subject."""
    verbs = lex_cue(ctx.lexicon, "designating_verbs")
    for verb in (t for t in tokens_of(sent) if t.pos_ == "VERB" and lemma(t) in verbs or is_glued_cue(t)):
        for ent in ents_of(sent):
            gap = ctx.doc[ent.end:verb.i]
            if 0 <= verb.i - ent.end <= 3 and all(t.ent_type_ in {"DATE", "TIME"} or t.pos_ in {"ADV", "AUX"}
                                                  or lemma(t) in {"have", "be"} for t in gap):
                code = authority_code(ctx, ent)
                if code:
                    return code
    return None


def is_authority_slot(ctx: DocContext, ent: Span) -> bool:
    """The designating subject, a "by X" agent, or "X's sanctions/listings/regime"."""
    root = ent.root
    cues = lex_cue(ctx.lexicon, "designation_cues") | {"decide"}
    if any(c.dep_ == "acl" and lemma(c) in cues for c in root.children if c.i > ent.end - 1):
        return True
    if root.dep_ in {"nsubj", "nsubjpass"}:
        return lemma(root.head) in cues or is_glued_cue(root.head) or any(
            lemma(t) in cues for t in root.head.subtree if t.pos_ == "VERB")
    if root.dep_ == "pobj":
        return root.head.lower_ == "by"
    if root.dep_ in {"poss", "compound"}:
        lex = ctx.lexicon
        heads = lex_cue(lex, "list_nouns") | lex_cue(lex, "authority_nouns") | rules().cue("authority_heads")
        noun = root.head
        while noun.dep_ == "compound" and noun.head is not noun:
            noun = noun.head
        return lemma(root.head) in heads or noun.dep_ == "pobj" and noun.head.lower_ == "by"  # "by all EU states"
    return False


def disambiguate(ctx: DocContext, ent: Span, code: str) -> str:
    """A bare "the Council" is the EU's Council in a text that names the EU more than the UN."""
    if code == "UN" and normalise_name(ent.text) == "council" and council_is_eu(ctx):
        return "EU"
    return code


def council_is_eu(ctx: DocContext) -> bool:
    """Whether a bare "the Council" of this text is the EU's: an EU publisher, or a text naming the EU
    more often than the UN (computed once per document)."""
    if "council_is_eu" not in ctx.memo:
        counts = Counter(authority_code(ctx, e) for e in ents_of(ctx.doc) if normalise_name(e.text) != "council")
        ctx.memo["council_is_eu"] = publisher_authority(ctx) == "EU" or counts["EU"] > counts["UN"]
    return bool(ctx.memo["council_is_eu"])


def default_authority(ctx: DocContext) -> str | None:
    """The first authority that designates in the document (for sentences without a subject)."""
    for sent in ctx.sentence_list():
        if not lex_cue(ctx.lexicon, "designating_verbs").isdisjoint(ctx.lemma_set(sent)):
            code = authority(ctx, sent)
            if code:
                return code
    return publisher_authority(ctx)



def verb_measures(ctx: DocContext, sent: Span) -> tuple[str, ...]:
    """"The order blocks X": a designation verb that names its own measure."""
    table = rules().mapping("verb_measures")
    proposals = lex_cue(ctx.lexicon, "proposal_nouns")
    return tuple(dict.fromkeys(table[lemma(t)] for t in tokens_of(sent) if t.pos_ == "VERB" and lemma(t) in table
                               and not any(lemma(c) in proposals for c in t.children if c.dep_ == "dobj")))


def attached_measures(ctx: DocContext, ent: Span) -> tuple[str, ...]:
    """"an arms embargo on Ruritania and an asset freeze on X": the measures named between the
    previous "on/against" phrase and the one that governs X."""
    tok = ent.root
    while tok.dep_ in {"conj", "appos"} and tok.head is not tok:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in {"on", "against"}:
        return ()
    prep, sent = tok.head, ent.sent
    earlier = [t for t in ctx.doc[sent.start:prep.i] if t.lower_ in {"on", "against"} and t.dep_ == "prep"]
    start = max((t.right_edge.i + 1 for t in earlier), default=sent.start)
    window = ctx.doc[start:prep.i]
    return tuple(dict.fromkeys(m.id_ for m in ctx.terms(window, "MEASURE")))


def designee_measures(measures: tuple[str, ...]) -> tuple[str, ...]:
    """Only the measures a name can be under (an arms embargo is on a territory)."""
    kept = tuple(m for m in measures if m in rules().cue("designee_measures"))
    return kept or ("sanctions",)


def designation_date(ctx: DocContext, sent: Span, announced: bool = True):
    """A day that dates the designation verb ("listed X on 18 February", "the Council this afternoon
    imposed"), not another event of the sentence ("the officers who seized it on 12 April", "briefing on
    the work between May and June"); with ``announced``, else the day of the announcement ("…, the
    committee said on Monday")."""
    cues = lex_cue(ctx.lexicon, "designation_cues") | rules().cue("object_verbs")

    def designating(v) -> bool:
        """The verb designates, or governs the clause that does ("the Council today decided to list")."""
        return lemma(v) in cues or is_glued_cue(v) or any(
            c.dep_ in {"advcl", "xcomp", "ccomp", "conj"} and lemma(c) in cues for c in v.children)

    spans = [e for e in [*ctx.date_spans(sent), *_today_spans(sent)]
             if not is_dateline(e, sent) and not bounded(ctx, e)]
    own = [e for e in spans if (v := governing_verb(e)) is not None and designating(v)]
    said = [e for e in spans if (v := governing_verb(e)) is not None and lemma(v) in rules().cue("speech_verbs")]
    # "today" in a sentence whose designation verb is finite ("Imposing sanctions …, the Council today
    # demanded …"): the document's date context, even when the parse joins the line to a headline
    finite = any(t.pos_ == "VERB" and not (t.dep_ == "acl" and t.tag_ == "VBN") for t in cue_tokens(sent, cues))
    today = [e for e in spans if e.text.lower().strip() in rules().cue("today_phrases")] if finite else []
    return _first_day(ctx, own) or _first_day(ctx, today) or (_first_day(ctx, said) if announced else None)


def _today_spans(sent: Span) -> list[Span]:
    """"this afternoon", "this morning": phrases the NER may leave untagged."""
    out = []
    for phrase in rules().cue("today_phrases"):
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", span_text(sent).lower()):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end())
            if span is not None:
                out.append(span)
    return out


def _first_day(ctx: DocContext, spans: list[Span]):
    """The first phrase that names a day; "today", "this afternoon" are the day of publication."""
    today = rules().cue("today_phrases")
    for span in spans:
        day = ctx.published if span.text.lower().strip() in today else ctx.resolve(span.text)
        if day:
            return day
    return None


def governing_verb(span: Span):
    """The nearest verb above a phrase."""
    for tok in [span.root, *span.root.ancestors]:
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def document_date(ctx: DocContext):
    """The day the document's designating sentences name ("OFAC today designated", "on Friday blacklisted")."""
    verbs = lex_cue(ctx.lexicon, "dating_verbs")
    for sent in ctx.sentence_list():
        if verbs.isdisjoint(ctx.lemma_set(sent)):
            continue
        if any(t.pos_ == "VERB" for t in cue_tokens(sent, verbs)) and not background(ctx, sent):
            found = designation_date(ctx, sent, announced=False)
            if found:
                return found
    return None


def bounded(ctx: DocContext, ent: Span) -> bool:
    return lemma(ent.root.head) in lex_cue(ctx.lexicon, "bound_preps")


def background(ctx: DocContext, sent: Span) -> bool:
    """"Years after the Council first imposed sanctions on X, …": the only designation verb tells an earlier event."""
    designating = lex_cue(ctx.lexicon, "designating_verbs")
    if designating.isdisjoint(ctx.lemma_set(sent)):
        return False
    verbs = [t for t in cue_tokens(sent, designating) if t.pos_ == "VERB"]
    marks = rules().cue("background_marks")
    return bool(verbs) and all(
        any(c.dep_ == "mark" and c.lower_ in marks for c in v.children) for v in verbs)


def naming_line(ctx: DocContext, ent: Span, sent: Span) -> Span | None:
    """The sentence or list line that names a designee found below its designation sentence, without
    its bullet: after "OFAC designated the following individuals:", the line "- Jon Il Ho, Vice Director
    of …" is the evidence for Jon Il Ho (the heading still gives the authority, measure and date).
    None when ``sent`` names the designee itself."""
    if sent.start <= ent.start < sent.end:
        return None
    line = next((s for s in ctx.sentence_list() if s.start <= ent.start < s.end), None)
    if line is None:
        return None
    start = line.start
    while start < ent.start and (line.doc[start].is_space or line.doc[start].text in BULLETS):
        start += 1
    return line.doc[start:line.end]
