"""Designee names: the spans a designation can be about, and the tests that keep non-designees out.

A designee is a named person, organisation or vessel. The statistical NER splits or misses such names
("Abu Aqla | Mohamed Kaikal", "Pak To" of "Pak To-Chun", vessel names in capitals, "Given Patronymic
SURNAME" schedule lines), so names are repaired here, and list items (bullet lines, "the following
vessels: A, B, C") are read from the text when the NER gives nothing. A speaker, an authority, a
committee or a program name ("Foreign Terrorist Organization") is never a designee.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from .context import (
    ITEM_NUMBER,
    DocContext,
    cue_tokens,
    doc_text,
    ents_of,
    lemma,
    span_text,
    tokens_of,
)
from .designation_rules import DesignationRules, lex_cue, load_designation_rules
from .roles import is_role_phrase

NAME_LABELS = {"PERSON", "ORG"}
BULLETS = {"-", "•", "*", "–", "‒", "·", "▪"}
QUOTES = "“”\"'‘’"
PLACES = {"GPE", "LOC", "COUNTRY", "CAPITAL", "FAC"}
#: the small words a name written with capitals keeps in lower case
NAME_SMALL_WORDS = frozenset({"of", "and", "the", "for", "de", "al"})


def rules() -> DesignationRules:
    return load_designation_rules()


def name_ents(sent: Span) -> list[Span]:
    """PERSON/ORG entities of ``sent``, with adjacent person parts joined and hyphenated parts kept."""
    out: list[Span] = []
    for ent in ents_of(sent):
        if ent.label_ not in NAME_LABELS:
            continue
        ent = _extend_hyphen(_extend_compound(ent)) if ent.label_ == "PERSON" else _extend_hyphen(ent)
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == ent.label_ == "PERSON" and prev.end == ent.start \
                and ent.doc[prev.end - 1].whitespace_ == " ":
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
            continue
        if prev is not None and ent.start < prev.end:
            continue
        out.append(ent)
    return [_complete_of(e, sent) for e in out]


def _complete_of(ent: Span, sent: Span) -> Span:
    """"the Government of" + "North Korea", "the Committee of the" + "Security Council": a name cut after
    "of" (or "of the") takes the entity that follows."""
    cut = ent[-1].lower_ == "of" or len(ent) > 2 and ent[-1].lower_ == "the" and ent[-2].lower_ == "of"
    if ent.label_ != "ORG" or not cut:
        return ent
    nxt = next((e for e in ents_of(sent) if e.start == ent.end), None)
    return Span(ent.doc, ent.start, nxt.end, label="ORG") if nxt is not None else ent


def _extend_compound(ent: Span) -> Span:
    """"Hamza" + "bin Laden": a capitalised word the NER left out that the parse makes part of the name
    (a compound whose head is in the name)."""
    doc, start = ent.doc, ent.start
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_type_ \
            and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < ent.end \
            and not _title_word(doc[start - 1]):
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_, span_id=ent.id)


def _title_word(tok) -> bool:
    """A rank or a role before a name ("Colonel", "Minister"): a title, not part of the name."""
    return tok.lower_ in rules().cue("rank_words") or is_role_phrase((tok.lower_,))


def _extend_hyphen(ent: Span) -> Span:
    """"Pak To" + "-Chun": a capitalised part joined by a hyphen without spaces belongs to the name."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    if end == ent.end:
        return ent
    return Span(doc, ent.start, end, label=ent.label_, span_id=ent.id)


def clean(ent: Span) -> str:
    """The name without a leading article or title, a trailing conjunction or stray quotes."""
    text = re.sub(r"^(the|The)\s+", "", ent.text.strip(QUOTES + " ")).strip(QUOTES + " ")
    words = text.split()
    while len(words) > 1 and words[-1].lower() in rules().cue("not_name_enders"):
        words.pop()  # "Nordvik Trading and": the NER took the "and" before the next name
    while len(words) > 2 and words[0].lower() in rules().cue("name_titles"):
        words.pop(0)  # "Sheikh Musa Hilal": listed as Musa Hilal
    return " ".join(words) if len(words) < len(text.split()) else text


def is_name_like(ent: Span) -> bool:
    """A proper name has a capitalised word ("non-compliance" tagged ORG is not one)."""
    words = [t for t in ent if t.is_alpha and t.lower_ != "the"]
    if ent.text.rstrip().endswith(":"):
        return False  # "Backgrounder: Canada imposes …": the label of a heading, before its colon
    if words and words[0].lower_.endswith("ing") and lemma(words[0]) != words[0].lower_:
        return False  # "Prohibiting Certain Transactions …": the title of an order, not a name
    if len(words) == 1 and words[0].is_sent_start and words[0].tag_ in {"VBN", "VBD"}:
        return False  # "Defeated by a vote of 7 …": a participle capitalised by the sentence start
    if words and words[0].lower_ in rules().cue("not_name_openers") and not words[0].is_title:
        return False  # "FROM IRAQ" out of a headline in capitals ("For Ever Shipping Co." is a name)
    if is_role_phrase(tuple(t.lower_ for t in ent if t.lower_ != "the")):
        return False  # "Libya's then Foreign Minister, Moussa Koussa": the title, not the name
    last = clean(ent).split()[-1].lower() if clean(ent).split() else ""
    if any(last.endswith(suffix) for suffix in rules().cue("adjective_suffixes")):
        return False  # "Hong Kong-based"
    return bool(words) and any(t.text[:1].isupper() for t in words)


def is_program(ent: Span) -> bool:
    """A list, program or citation ("Specially Designated Global Terrorist", "E.O. 13224", "… Act",
    "Press Release SC/1234", "the … Act 2018" with its year, "the 2653 Sanctions list")."""
    text = re.sub(r"\s+\(?(?:19|20)\d\d\)?$", "", clean(ent).lower())  # "Act 2018": the act
    words = text.split()
    if 0 < len(words) <= 2 and words[0] in rules().cue("register_nouns"):
        return True  # "Annex A", "Schedule 2": a part of a text that lists, not a name in it
    return any(text == p.lower() or text.endswith(" " + p.lower()) or text.startswith(p.lower() + " ")
               for p in rules().phrases("program_names"))


def is_authority_name(ctx: DocContext, ent: Span) -> bool:
    """A sanctions authority or a body acting in the listing ("the 2140 Committee", "the Treasury")."""
    if rules().authority_of_name(clean(ent)):
        return True
    code = ctx.org_code(ent)
    if code and ctx.lexicon.org_by_code.get(code, {}).get("role") in lex_cue(ctx.lexicon, "non_designee_roles"):
        return True
    last = [t for t in ent if t.is_alpha]
    return bool(last) and last[-1].lower_ in rules().cue("authority_heads")


def is_speaker(ctx: DocContext, ent: Span) -> bool:
    """The subject of a speech verb ("X said", "Mr. X told the Council"), or a name beside a role word."""
    root = ent.root
    while root.dep_ == "appos" and root.head is not root:
        root = root.head
    if root.dep_ in {"nsubj", "nsubjpass"} and lemma(root.head) in rules().cue("speech_verbs"):
        return True
    roles = {r.split()[-1] for r in ctx.lexicon.cues["roles"]}
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in roles and any(
        lemma(t) in rules().cue("speech_verbs") for t in ent.doc[ent.end:min(ent.end + 4, len(ent.doc))])


def never_designee(ctx: DocContext, ent: Span) -> bool:
    """The tests every candidate name must pass, whatever pattern found it."""
    return (not is_name_like(ent) or is_program(ent) or is_authority_name(ctx, ent) or is_speaker(ctx, ent)
            or ctx.country(ent) is not None or _is_title(ctx, ent) or _headline_words(ent) or _is_symbol(ent))


def _is_symbol(ent: Span) -> bool:
    """"S/RES/2624(2022)": the symbol of a UN document, not a name."""
    return any(re.match(p, ent.text.strip()) for p in rules().phrases("document_symbol"))


def _headline_words(ent: Span) -> bool:
    """Words of a headline in capitals ("COUNCIL TO IMPOSE MEASURES AGAINST UNITA, EFFECTIVE 25 JUNE"):
    there the NER's only clue, the capital letter, is on every word, so a run of several words it tags
    ("MEASURES AGAINST", "EFFECTIVE 25 JUNE") is a name only if the document also writes it as a name,
    capitalised but not in capitals; a single word ("UNITA") is the acronym a headline names its subject by."""
    words = [t for t in ent.sent if t.is_alpha and len(t) > 1]
    if len(ent) < 2 or len(words) < 5 or sum(t.is_upper for t in words) < 0.9 * len(words):
        return False
    text, pattern = ent.doc.text, re.compile(re.escape(ent.text), re.IGNORECASE)
    return not any(looks_like_name_text(text[m.start():m.end()]) and not text[m.start():m.end()].isupper()
                   for m in pattern.finditer(text))


def _is_title(ctx: DocContext, ent: Span) -> bool:
    """"Minister of National Defence" tagged ORG is an office, not an organisation."""
    roles = {r.split()[-1] for r in ctx.lexicon.cues["roles"]}
    first = next((t for t in ent if t.is_alpha and t.lower_ != "the"), None)
    return ent.label_ == "ORG" and first is not None and first.lower_ in roles


# --- list items --------------------------------------------------------------------------------------

def people_only(span: Span) -> bool:
    """The group a list introduction names is people only ("the following individuals", "two officials")."""
    groups = {lemma(t) for t in cue_tokens(span, rules().cue("group_nouns"))}
    return bool(groups) and groups <= rules().cue("person_nouns")


def bullet_items(ctx: DocContext, following: list[Span], people: bool = False) -> list[Span]:
    """The names heading the bullet lines right after a list introduction (blank lines allowed)."""
    items: list[Span] = []
    for sent in following:
        first = next((t for t in tokens_of(sent) if not t.is_space), None)
        if first is None:
            continue
        if first.text in BULLETS or (first.text[:1] in BULLETS and first.text[1:].isdigit()) or _numbered(sent):
            item = line_name(ctx, sent, people)
            if item is not None:
                items.append(item)
        elif _starts_line(sent):
            break
    return _drop_cut_off(items)


def _predicate(tok) -> bool:
    """"– Jane Roe is a senior leader of …", "– John Doe has financed …": the line's auxiliary ends the
    name it opens (a full verb does not: "* The Panel recommended that …" names no designee)."""
    return tok.pos_ == "AUX" and tok.text[:1].islower()


def _numbered(line: Span) -> bool:
    """"(1) Name", "1. Name", "2) Name": a numbered list line."""
    return bool(re.match(rf"\s*(?:{ITEM_NUMBER.pattern})\s", span_text(line)))


def _starts_line(sent: Span) -> bool:
    """The sentence opens a line (the token before it is a line break)."""
    return sent.start == 0 or "\n" in sent.doc[sent.start - 1].text


def line_name(ctx: DocContext, line: Span, people: bool = False) -> Span | None:
    """The name a list line starts with: after the bullet and an item number, up to "(" "," ";" or a dash."""
    toks = [t for t in line if not t.is_space]
    i = 0
    while i < len(toks) and (toks[i].text in BULLETS or toks[i].like_num and i < 3 or i < 3 and _numbered(line)
                             and toks[i].text in {"(", ")", "."}):
        i += 1
    end = i
    while end < len(toks) and toks[end].text not in {"(", ",", ";", ":", "—", "–"} \
            and not (toks[end].text == "-" and toks[end].whitespace_) and not _predicate(toks[end]):
        end += 1
    if end <= i:
        return None
    span = line.doc[toks[i].i:toks[end - 1].i + 1]
    return labelled(ctx, span, people) if looks_like_name(span) else None


def inline_items(ctx: DocContext, sent: Span) -> list[Span]:
    """"… the following vessels: A, B, C, and D": the comma list after the colon of an introduction."""
    colon = next((t for t in tokens_of(sent) if t.text == ":" and _introduces(t)), None)
    if colon is None:
        return []
    items, start = [], colon.i + 1
    for tok in [*sent.doc[colon.i + 1:sent.end], None]:
        if tok is None or tok.text in {",", ";", "."} or tok.lower_ == "and":
            end = tok.i if tok is not None else sent.end
            while start < end and sent.doc[start].lower_ in {"and", ","}:
                start += 1
            span = sent.doc[start:end]
            if len(span) and looks_like_name(span):
                items.append(labelled(ctx, span, people_only(sent.doc[max(colon.i - 4, sent.start):colon.i])))
            start = end + 1
    return _drop_cut_off(items)


def semicolon_items(ctx: DocContext, sent: Span, start: int, people: bool = False) -> list[Span]:
    """"X, a firm that …; Y, an agent of …; and Z, a bank": the name before the first comma of each part
    of a semicolon list (two parts at least), from token ``start`` on."""
    doc = sent.doc
    cuts = [t.i for t in doc[start:sent.end] if t.text == ";"]
    if not cuts:
        return []
    start = _first_item_start(doc, start, cuts[0])
    items = []
    for lo, hi in zip([start, *(c + 1 for c in cuts)], [*cuts, sent.end], strict=True):
        comma = next((t.i for t in doc[lo:hi] if t.text == ","), None)
        name = _name_before(doc, lo, comma if comma is not None else hi)
        if name is not None and looks_like_name(name) and (lo == start or _opens(doc, lo, name.start)):
            items.append(labelled(ctx, name, people))
    return _drop_cut_off(items) if len(items) >= 2 else []


def _opens(doc, lo: int, name_start: int) -> bool:
    """A later part of the list begins with its name ("; and Z, a bank"); a part that begins with other
    words is a clause ("decided to: lift …; revisit the mandates of the United Nations Monitoring, …")."""
    return all(t.is_space or t.is_punct or t.lower_ in {"and", "or", "the"} for t in doc[lo:name_start])


def _first_item_start(doc, start: int, cut: int) -> int:
    """Where the first item of a semicolon list begins: after the last ``list_openers`` word before
    the first semicolon ("identified the individuals as A, …;"), unless an alias verb precedes it."""
    openers, aliases = rules().cue("list_openers"), rules().cue("alias_verbs")
    found = [t.i for t in doc[start:cut] if t.lower_ in openers and not (t.i > 0 and lemma(doc[t.i - 1]) in aliases)]
    return found[-1] + 1 if found else start


def _name_before(doc, lo: int, end: int) -> Span | None:
    """The capitalised run that ends at ``end`` (skipping trailing spaces), at most eight tokens back."""
    while end > lo and doc[end - 1].is_space:
        end -= 1
    i = end
    while i > lo and end - i < 8 and (doc[i - 1].text[:1].isupper() or doc[i - 1].like_num
                                      or doc[i - 1].lower_ in {"of", "and", "the", "-"} and i - 1 > lo):
        i -= 1
    while i < end and doc[i].lower_ in {"and", "the", "of", "-"}:
        i += 1
    return doc[i:end] if i < end else None


def _introduces(colon) -> bool:
    """"the following vessels:", "designated four individuals:", "The individuals are:"."""
    before = colon.doc[max(colon.i - 4, 0):colon.i]
    return bool({t.lower_ for t in before} & rules().cue("list_intro_words")) or any(
        lemma(t) in rules().cue("group_nouns") for t in before)


def looks_like_name_text(text: str) -> bool:
    """Every word capitalised, or a small word of a name ("Union for the Total Independence of Angola")."""
    return all(w[:1].isupper() or w.lower() in NAME_SMALL_WORDS for w in text.split())


def looks_like_name(span: Span) -> bool:
    words = [t for t in tokens_of(span) if t.is_alpha]
    if not words or len(span.text) < 2 or len(span) > 8:
        return False
    return all(t.text[:1].isupper() or t.lower_ in NAME_SMALL_WORDS for t in words)


def labelled(ctx: DocContext, span: Span, people: bool = False) -> Span:
    """The list item as a name span: PERSON when the NER saw a person in it, else an organisation/vessel."""
    after = span.doc[span.end:min(span.end + 3, len(span.doc))]
    person = people or any(t.ent_type_ == "PERSON" for t in tokens_of(span)) or any(lemma(t) == "bear" for t in after)
    org = any(t.lower_ in rules().cue("organisation_suffixes") for t in tokens_of(span))
    label = "PERSON" if person and not org else "ORG"
    ent = next((e for e in ents_of(span) if e.start == span.start and e.end == span.end), None)
    span_id = ent.id if ent is not None and ent.label_ == label else 0  # a COUNTRY entity's id is no organisation's
    return Span(span.doc, span.start, span.end, label=label, span_id=span_id)


def _drop_cut_off(items: list[Span]) -> list[Span]:
    """A last item that runs into the end of a truncated text is a cut-off name, not a name."""
    text = doc_text(items[-1].doc).rstrip() if items else ""
    if items and items[-1].end_char >= len(text) and text[-1:] not in ".)":
        return items[:-1]
    return items
