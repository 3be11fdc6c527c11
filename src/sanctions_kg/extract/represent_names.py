"""The names that the represents extractor tries: PERSON entities, mended where the model cut them, plus
names that only their context shows to be names.

- A PERSON entity is extended over capitalised proper nouns the model left outside it (a first name
  before a tagged family name, the family names after a tagged "Ana Maria").
- An entity that starts with a role holds a name after it ("Deputy Permanent Representative Olga Petrenko"
  tagged ORG).
- A courtesy title introduces a name, also in Japanese order with the family name in capitals
  ("Ms. TANAKA Mariko", "The Hon Sarah Whitfield MP").
- Other name-like entities count when a role stands before them or in apposition to them.
- A run of capitalised words before a country in brackets and a verb is a speaker, whatever the model
  tagged it ("Nicolas de Rivière (France) said", "Omer Dahab Fadl Mohamed (Sudan) welcomed").
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .context import DocContext, doc_lowers, ents_of, span_text, tokens_of
from .roles import find_role, role_ending_at, role_word, rules

MAX_NAME = 5


def candidate_names(ctx: DocContext, sent: Span) -> Iterator[Span]:
    """Each name of the sentence once, as a span of the document."""
    seen: list[Span] = []
    for span in _raw_names(ctx, sent):
        if not any(t.text[:1].isupper() for t in span):
            continue  # the model's PERSON on a word in lower case ("…, said the representative of X, noti")
        if not any(s.start < span.end and span.start < s.end for s in seen):
            seen.append(span)
            yield span


def _raw_names(ctx: DocContext, sent: Span) -> Iterator[Span]:
    for ent in ents_of(sent):
        inner = name_after_role(ent)  # "Spokesperson Matthew Miller", tagged PERSON or ORG as a whole
        if ent.label_ == "PERSON":
            yield inner if inner is not None else extended(ent, sent)
            continue
        if inner is not None:
            yield inner
        elif ent.label_ in rules()["name_like_labels"] and not ent.ent_id_ and looks_like_name(ent) \
                and (_titled(ent) or _apposed_to_role(ent) or _role_after(ent)):
            yield extended(ent, sent)
    yield from honorific_names(sent)
    yield from titled_names(sent)
    yield from bracket_speakers(ctx, sent)


def bracket_speakers(ctx: DocContext, sent: Span) -> Iterator[Span]:
    """"Nicolas de Rivière (France) said": the name words right before a bracketed country that a verb or a
    comma follows, as meeting records write a speaker and their delegation."""
    if "(" not in span_text(sent):
        return  # most sentences: no bracket to read
    doc, lowers = sent.doc, doc_lowers(sent.doc)
    for i in range(sent.start + 2, sent.end - 3):
        found = bracketed_country(ctx, i, sent) if lowers[i] == "(" else None
        if found is None or found[1] + 1 >= sent.end:
            continue
        after = doc[found[1] + 1]
        if after.pos_ != "VERB" and after.text != ",":
            continue
        start = i
        while start > sent.start and i - start < MAX_NAME and _speaker_word(doc[start - 1]):
            start -= 1
        words = doc[start:i]
        if len(words) >= 2 and words[0].is_title and not any(t.ent_type_ in {"COUNTRY", "GPE"} for t in words):
            yield Span(doc, start, i, label="PERSON")


def bracketed_country(ctx: DocContext, i: int, sent: Span) -> tuple[str, int] | None:
    """The country named in the brackets opened at token ``i`` ("(Poland)", "(Russian Federation)") and the
    index of the closing bracket; None when the brackets hold no country or do not close soon."""
    doc = sent.doc
    if doc[i].text != "(":
        return None
    close = next((j for j in range(i + 1, min(i + 8, sent.end)) if doc[j].text == ")"), None)
    if close is None:
        return None
    code = ctx.lexicon.country_for(doc[i + 1:close].text)
    return (code, close) if code is not None and code in ctx.lexicon.countries else None


def _speaker_word(tok: Token) -> bool:
    """A word of a speaker's name: capitalised, or a particle of one ("de", "bin")."""
    return tok.is_alpha and (tok.is_title or tok.lower_ in rules()["name_particles"]) and not role_word(tok) \
        and tok.lower_ not in rules()["honorifics"]


def extended(ent: Span, sent: Span) -> Span:
    """``ent`` with the capitalised proper nouns directly before and after it that no entity holds."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > sent.start and end - start < MAX_NAME and _loose_name_word(doc[start - 1]):
        start -= 1
    if start < ent.start and start > sent.start and not doc[start - 1].is_punct \
            and not (doc[start - 1].is_title and role_word(doc[start - 1])):
        start = ent.start  # "… and Financial Intelligence Brian Nelson": the words before belong to a title
        # (but right after the role word itself, "Political Coordinator Fergus Eckersley", they are the name's)
    while ent.label_ != "PERSON" and end < sent.end and end - start < MAX_NAME and _loose_name_word(doc[end]):
        end += 1  # only a name the model mislabelled runs on ("Zhang Wei Slams" in a headline must not)
    if ent.label_ == "PERSON" and end - start < MAX_NAME and _family_name_left_out(ent, sent):
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="PERSON")


def _family_name_left_out(ent: Span, sent: Span) -> bool:
    """The model tagged "Ellen Johnson" and left out "Sirleaf", the word its tokens are compounds of,
    in running prose (a Title Case headline's next word, "Zhang Wei Slams", is no part of the name)."""
    doc, end = ent.doc, ent.end
    if end >= sent.end or not _loose_name_word(doc[end]) or ent.root.dep_ != "compound" or ent.root.head.i != end:
        return False
    after = doc[end + 1] if end + 1 < sent.end else None
    if after is not None and after.is_alpha and not after.is_lower:
        return False  # a longer run of capitals: not clearly a name's end
    words = [t for t in tokens_of(sent) if t.is_alpha]
    return sum(t.is_lower for t in words) >= 0.3 * len(words)


def _loose_name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and not tok.ent_type_ and not role_word(tok) \
        and tok.lower_ not in rules()["honorifics"]


def name_after_role(ent: Span) -> Span | None:
    """The name inside an entity that begins with a role phrase ("Deputy Permanent Representative X Y")."""
    doc = ent.doc
    role = find_role(doc, ent.start, ent.end)
    if role is None or role.start != ent.start:
        return None
    rest = doc[role.end:ent.end]
    return Span(doc, rest.start, rest.end, label="PERSON") if name_words(list(rest)) else None


def name_words(toks: list[Token]) -> bool:
    """Two to four words that can make up a person's name ("Olga Petrenko", "TANAKA Mariko")."""
    return 2 <= len(toks) <= 4 and all(_name_word(t) for t in toks)


def _name_word(tok: Token) -> bool:
    return tok.is_alpha and (tok.is_title or tok.is_upper and len(tok) > 1) and not role_word(tok) \
        and tok.lower_ not in rules()["honorifics"]


def honorific_names(sent: Span) -> Iterator[Span]:
    """Names after a courtesy title: "Ms. TANAKA Mariko", "Senator the Hon Sarah Whitfield"."""
    doc = sent.doc
    honorifics = rules()["honorifics"]
    for tok in tokens_of(sent):
        if tok.lower_ not in honorifics or (tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in honorifics | {"the"}):
            continue
        end = tok.i + 1
        while end < sent.end and end - tok.i <= 4 and _name_word(doc[end]) \
                and doc[end].text not in rules()["postnominals"]:
            end += 1
        if name_words(list(doc[tok.i + 1:end])):
            yield Span(doc, tok.i + 1, end, label="PERSON")


def _titled(ent: Span) -> bool:
    """A role phrase ends right before the entity, or before a comma before it ("Ambassador Nikki Haley",
    "its Chair, Ana Maria Soares Costa" with the name tagged ORG)."""
    doc = ent.doc
    end = ent.start - 1 if ent.start > 1 and doc[ent.start - 1].text == "," else ent.start
    role = role_ending_at(doc, end)  # "Ambassador X" or "its Chairman, X"
    return role is not None and end in {role.end, role.pp_end}


def titled_names(sent: Span) -> Iterator[Span]:
    """Untagged names right after a role: "Foreign Minister SATO Hiroshi" (Japanese order, family name in
    capitals), "Director-General Watanabe of …" (a family name alone, with an "of" phrase after it), or
    after its "to/of" phrase ("Permanent Representative to the UN Samantha Power")."""
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        role = find_role(doc, i, sent.end)
        if role is None:
            return
        end = role.end
        while end < sent.end and end - role.end < 3 and not doc[end].ent_type_ and _name_word(doc[end]):
            end += 1
        words = list(doc[role.end:end])
        if name_words(words) or len(words) == 1 and _family_name_alone(words[0], sent):
            yield Span(doc, role.end, end, label="PERSON")
        elif (tail := _name_ending(doc, role.end, role.pp_end)) is not None:
            yield tail
        i = max(end, role.end)


def _family_name_alone(tok: Token, sent: Span) -> bool:
    """A family name alone after a role: "Director-General Watanabe of …", "Deputy Foreign Minister Choe
    to resume talks" — a proper noun the next word does not continue (lower case, punctuation, "of")."""
    doc, end = tok.doc, tok.i + 1
    if tok.pos_ != "PROPN" or len(tok) < 2:
        return False
    return end < sent.end and (doc[end].lower_ == "of" or doc[end].is_lower or doc[end].text in {",", ";"})


def _name_ending(doc: Doc, start: int, end: int) -> Span | None:
    """Untagged name words that end a role's "to/of" phrase [start, end): the phrase ran on into the name."""
    i = end
    while i > start + 1 and end - i < 4 and not doc[i - 1].ent_type_ and _name_word(doc[i - 1]):
        i -= 1
    return Span(doc, i, end, label="PERSON") if i < end and name_words(list(doc[i:end])) else None


def _role_after(ent: Span) -> bool:
    """A comma and a role phrase follow the entity ("Igor Petrov, Russia's Deputy Foreign Minister")."""
    doc = ent.doc
    if ent.end + 1 >= ent.sent.end or doc[ent.end].text != ",":
        return False
    role = find_role(doc, ent.end + 1, min(ent.end + 7, ent.sent.end))
    return role is not None and role.start <= ent.end + 4


def _apposed_to_role(ent: Span) -> bool:
    return ent.root.dep_ == "appos" and role_word(ent.root.head)


def looks_like_name(ent: Span) -> bool:
    """Two or three capitalised words, no gazetteer id ("Nikki Haley" tagged ORG)."""
    words = [t for t in ent if t.text != "-"]
    return 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha for t in words)


def person_name(ent: Span) -> str:
    """The name as written, without a sentence-final period glued to the last word ("Zhang Jun.") and
    without a courtesy title the NER took into it ("Ms Ana Ruiz")."""
    words = ent.text.split()
    while len(words) > 2 and words[0].lower() in rules()["honorifics"]:
        words = words[1:]
    text = " ".join(words) if len(words) < len(ent.text.split()) else ent.text
    if text.endswith(".") and not re.search(r"(\b[A-Z]|Jr|Sr)\.$", text):
        text = text[:-1]
    return text


plain_name = person_name


def is_designee(ent: Span) -> bool:
    """The person is being designated or added to a list ("adding X's representative Y to the list")."""
    root = ent.root
    if root.dep_ == "appos" and root.head.dep_ in {"dobj", "nsubjpass"}:
        root = root.head  # "sanctioned Cambodia's representative Ri Chol-nam": the object's apposition
    head = root.head.head if root.dep_ == "pobj" else root.head
    return root.dep_ in {"dobj", "nsubjpass", "pobj", "appos", "conj"} and \
        head.lemma_.lower() in rules()["designee_verbs"]
