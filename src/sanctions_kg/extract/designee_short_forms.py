"""Short forms a text defines in brackets after a full name ("Kestrel Trading Corporation (Kestrel)",
"Korea Kwangson Banking Corp. (KKBC)") and then uses alone ("Kestrel was designated by Treasury in
2009"): a designee named by its short form is the body or person of the full name, so the fact takes
the full name (the short form becomes an alias) and the graph keeps one node for it. A surname used
alone after the person's full name ("Francois Bozize" … "sanctions on Bozize, Adam and Yakite") is a
short form of that name too, when no other full name in the text ends with it."""
from __future__ import annotations

from spacy.tokens import Span

from ..nlp.components import lone_surnames
from .context import DocContext, ents_of
from .designees import NAME_LABELS, clean

#: the most words a short form in brackets may have
SHORT_FORM_WORDS = 3


def defined_short_forms(ctx: DocContext) -> dict[str, Span]:
    """Short form -> the full name it was defined for, the first definition kept (once per document)."""
    found = ctx.memo.get("short_forms")
    if found is None:
        found = ctx.memo["short_forms"] = _read(ctx)
    return found  # type: ignore[return-value]


def _read(ctx: DocContext) -> dict[str, Span]:
    doc = ctx.doc
    out: dict[str, Span] = {}
    for ent in ents_of(doc[:]):
        if ent.label_ not in NAME_LABELS or ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
            continue
        close = next((t.i for t in doc[ent.end + 1:ent.end + 2 + SHORT_FORM_WORDS] if t.text == ")"), None)
        inner = doc[ent.end + 1:close] if close else None
        if inner is not None and len(inner) and _stands_for(inner, ent):
            out.setdefault(inner.text, ent)
    return out


def _stands_for(short: Span, full: Span) -> bool:
    """Capitalised words of the full name ("Tanchon" of "Tanchon Commercial Bank"), or its initials in
    capitals ("KKBC"); not the full name again."""
    words = {t.lower_ for t in full}
    if short.text == full.text or not all(t.is_alpha and t.text[:1].isupper() for t in short):
        return False
    return all(t.lower_ in words for t in short) or len(short) == 1 and short[0].is_upper


def short_form_of(ctx: DocContext, name: Span) -> Span | None:
    """The full name ``name`` stands for: a bracketed short form's definition, or the one full name of a
    person ending with this lone surname."""
    text = clean(name)
    if (full := defined_short_forms(ctx).get(text)) is not None:
        return full
    return _surnames(ctx).get(text) if name.label_ == "PERSON" and len(name) == 1 else None


def _surnames(ctx: DocContext) -> dict[str, Span]:
    found = ctx.memo.get("surnames")
    if found is None:
        people = (ent for ent in ents_of(ctx.doc[:]) if ent.label_ == "PERSON" and len(ent) > 1)
        found = ctx.memo["surnames"] = lone_surnames(people)
    return found  # type: ignore[return-value]
