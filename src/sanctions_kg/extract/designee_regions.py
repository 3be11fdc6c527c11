"""Names in the object of a designation predicate: "OFAC designated X, Y and Z", "sanctions on X".

A trigger is a designation verb ("designated", "froze") or a noun with its "of/on/against"; its region runs
to a word that starts a reason, a link or another clause (``region_breaks``). The names in it are the NER's
names and runs of capitalised words it left without a label; a name tied to another by a linking
preposition ("a unit of X") is not designated, the owner of frozen assets ("the assets of X") is.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .context import DocContext, doc_lemmas, doc_lowers, lemma, span_text, tokens_of
from .designees import PLACES, name_ents, never_designee, rules


def is_glued_cue(tok) -> bool:
    """"listedRSF": a cue form glued to the next word by a scraper."""
    if tok.is_lower or tok.is_title or tok.is_upper or not tok.is_alpha:
        return False
    return any(tok.lower_.startswith(g) and tok.text[len(g):][:1].isupper() for g in rules().cue("glued_forms"))


def triggers(ctx: DocContext, sent: Span) -> list:
    """Designation verbs ("designated", the glued "listedRSF") and nouns with their "of/on/against" preposition."""
    verbs = rules().cue("object_verbs")
    out = []
    for tok in _maybe_triggers(sent):
        if tok.i > 0 and tok.doc[tok.i - 1].text == "-":
            continue
        if tok.pos_ == "VERB" and (lemma(tok) in verbs or lemma(tok) in rules().cue("authority_verbs")
                                   and _by_authority(tok)) or is_glued_cue(tok):
            out.append(tok)
        elif tok.pos_ == "NOUN" and lemma(tok) in rules().cue("object_nouns"):
            out += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in rules().cue("object_noun_preps")]
            out += _aimed_preps(tok)
        elif tok.pos_ == "NOUN" and lemma(tok) in rules().cue("restriction_nouns"):
            out += [prep for prep, things in restriction_preps(tok) if things]
    return out


def _aimed_preps(noun: Token) -> list[Token]:
    """"The measures were also directed at X", "the measures taken against X": the preposition of a verb
    aiming its passive subject, or of a participle on the noun."""
    verbs = [noun.head] if noun.dep_ == "nsubjpass" else []
    if lemma(noun) in rules().cue("aimed_participle_nouns"):  # not "the action taken against the tanker"
        verbs += [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return [c for verb in verbs if lemma(verb) in rules().cue("aimed_verbs")
            for c in verb.children if c.dep_ == "prep" and c.lower_ in rules().cue("aimed_preps")]


def restriction_preps(noun: Token) -> list[tuple[Token, list[str]]]:
    """Each "on" phrase of a restriction noun with the measures its objects name: "restrictions on the
    assets and travel of X" and "restrictions were placed on the assets …" give (on, [asset_freeze,
    travel_ban]); "restrictions on imports" gives (on, [])."""
    owners = [noun, noun.head] if noun.dep_ in {"nsubj", "nsubjpass"} else [noun]
    return [(prep, restricted_by(prep, "pobj"))
            for prep in (c for owner in owners for c in owner.children if c.dep_ == "prep" and c.lower_ == "on")]


def restricted_by(head: Token, dep: str) -> list[str]:
    """The measures that ``head``'s objects by ``dep`` name, with their conjuncts ("on the assets and
    travel of", "freezing their assets"): ``restricted_things``."""
    things = rules().mapping("restricted_things")
    objects = [o for c in head.children if c.dep_ == dep for o in (c, *c.conjuncts)]
    return [things[lemma(o)] for o in objects if lemma(o) in things]


def _maybe_triggers(sent: Span) -> list[Token]:
    """The tokens :func:`triggers` reads further: a trigger's lemma, or a word that starts with a glued
    cue form; the others are skipped without making a ``Token`` for each."""
    r = rules()
    doc = sent.doc
    cues = r.cue("object_verbs") | r.cue("authority_verbs") | r.cue("object_nouns") | r.cue("restriction_nouns")
    glued = tuple(r.cue("glued_forms"))
    lemmas, lowers, tokens = doc_lemmas(doc), doc_lowers(doc), tokens_of(doc)
    return [tokens[i] for i in range(sent.start, sent.end) if lemmas[i] in cues or lowers[i].startswith(glued)]


def _by_authority(verb: Token) -> bool:
    """The verb's subject names a designating authority ("OFAC", "the Treasury", "the EU")."""
    return any(c.dep_ == "nsubj" and rules().authority_in(span_text(c.doc[c.left_edge.i:c.right_edge.i + 1]))
               for c in verb.children)


def region_names(ctx: DocContext, sent: Span, trigger) -> list[Span]:
    """Names after ``trigger`` up to a word that starts a reason, a link or another clause."""
    breaks = rules().cue("region_breaks")
    names, stop = [], sent.end
    joined = _joiner_tokens(sent, trigger.i + 1)
    for tok in sent.doc[trigger.i + 1:sent.end]:
        if tok.i in joined:
            continue
        if tok.lower_ in breaks or lemma(tok) in breaks or (tok.pos_ in {"VERB", "AUX"} and not tok.ent_type_
                                                         and tok.lower_ != "including"):
            stop = tok.i
            break
    for ent in [*name_ents(sent), *capital_runs(ctx, sent, trigger.i + 1, stop)]:
        bracketed = ent.start > 0 and sent.doc[ent.start - 1].text == "("
        if trigger.i < ent.start and ent.end <= stop and not bracketed and _in_object(ent, trigger) \
                and not never_designee(ctx, ent):
            names.append(ent)
    return names


def _joiner_tokens(sent: Span, start: int) -> set[int]:
    """Indices of the words of ``region_joiners`` phrases ("as well as") from ``start`` on."""
    lowers, out = doc_lowers(sent.doc), set[int]()
    for phrase in rules().cue("region_joiners"):
        words = phrase.split()
        for i in range(start, sent.end - len(words) + 1):
            if lowers[i] == words[0] and lowers[i:i + len(words)] == words:
                out.update(range(i, i + len(words)))
    return out


def _in_object(ent: Span, trigger) -> bool:
    """Not a modifier of another noun, and not tied to another name by a linking preposition."""
    root = ent.root
    if root.dep_ in {"poss", "compound", "nmod", "amod", "npadvmod"} and root.head.i >= ent.end:
        return False
    tok = root
    while tok.dep_ == "conj" and tok.head is not tok:
        if ent.label_ == "PERSON" and tok.head.ent_type_ in PLACES:
            return True  # "the chief in Dubai, Karim Nasser": a person is no conjunct of a place
        tok = tok.head
    linking = {"with", "of", "by", "from", "to", "at", "in", "for"}
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _owned(tok.head.head):
        return True  # "froze the assets of X": whose assets are frozen
    return not (tok.dep_ == "pobj" and tok.head.lower_ in linking and tok.head is not trigger)


def _owned(noun: Token) -> bool:
    """A noun of what a measure holds, or a conjunct of one ("the assets and international travel of X")."""
    return any(lemma(t) in rules().cue("asset_nouns") for t in (noun, *noun.conjuncts))


def capital_runs(ctx: DocContext, sent: Span, start: int, stop: int) -> list[Span]:
    """Runs of two or more capitalised words that the NER left without a label ("the Workers’ Party"),
    or gave a label no name of a person or body has (``misread_name_labels``: a facility, a product).
    A run inside a quotation is the title of an order, not a name."""
    doc, out, i = sent.doc, [], start
    if _title_case(sent):
        return []
    misread, openers = rules().cue("misread_name_labels"), rules().cue("name_opening_labels")
    while i < stop:
        j = i
        while j < stop and (not doc[j].ent_type_ or doc[j].ent_type_.lower() in misread) and (
                doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() or doc[j].is_upper and len(doc[j]) > 1
                or j > i and (doc[j].text in {"’", "'", "of"} or doc[j].like_num and doc[j - 1].is_upper)):
            j += 1
        words = [t for t in doc[i:j] if t.is_alpha and t.text[:1].isupper()]
        if len(words) >= 2 and doc[j - 1].text[:1].isupper() and not _quoted(sent, i):
            opens = i > start and doc[i - 1].is_title and doc[i - 1].ent_type_.lower() in openers
            out.append(Span(doc, i - 1 if opens else i, j, label="ORG"))
        i = max(j, i + 1)
    return out


def _quoted(sent: Span, start: int) -> bool:
    """Inside an open quotation (the title of an order, "“Blocking Property of …”")."""
    before = sent.doc[sent.start:start].text
    return before.count("“") > before.count("”")


def title_case(sent: Span) -> bool:
    return _title_case(sent)


def _title_case(sent: Span) -> bool:
    """A headline or a title ("Imposing Sanctions on Network Supporting …") capitalises most words."""
    if span_text(sent).rstrip()[-1:] in {".", ":", ";"}:
        return False
    words = [t for t in tokens_of(sent) if t.is_alpha and len(t) > 3 and not t.ent_type_ and not t.is_upper]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) / len(words) >= 0.75
