"""Names a hyphenated authority designates in passing: "EU-designated X", "U.S.- and EU-designated X",
"X and Y, both of them U.S.-designated firms" (the authorities' codes from ``authorities.yml``)."""
from __future__ import annotations

import re

from spacy.tokens import Span

from .context import DocContext, lemma, span_text, tokens_of
from .designees import name_ents, never_designee, rules


def hyphen_designated(ctx: DocContext, sent: Span) -> list[tuple[Span, tuple[str, ...]]]:
    """"EU-designated X", "U.S.- and EU-designated X", "X and Y, both of them U.S.-designated firms"."""
    out: list[tuple[Span, tuple[str, ...]]] = []
    doc = sent.doc
    low = span_text(sent).lower()
    if "-" not in low or not any(w in low for w in ("designated", "sanctioned", "listed")):
        return out
    for tok in tokens_of(sent):
        glued = re.match(r"(.+)-(designated|sanctioned|listed)$", tok.text)
        split = lemma(tok) in {"designate", "sanction", "list"} and tok.i >= 2 and doc[tok.i - 1].text == "-"
        if not (glued or split):
            continue
        left = doc[max(tok.i - 8, sent.start):tok.i - (0 if glued else 1)]
        codes = _codes_before(left, glued.group(1) if glued else "")
        if not codes:
            continue
        after = next((e for e in name_ents(sent) if 0 <= e.start - tok.i - 1 <= 1), None) or _trimmed(tok, sent)
        if after is not None and not never_designee(ctx, after):
            out.append((after, codes))
        elif tok.head.pos_ == "NOUN" and lemma(tok.head) in rules().cue("group_nouns"):
            out += [(e, codes) for e in _antecedents(ctx, sent, tok)]
    return out


def _trimmed(tok, sent: Span) -> Span | None:
    """An entity the model ran across "U.S.-designated" ("U.S.-designated Second Academy of …"): the name after it."""
    ent = next((e for e in name_ents(sent) if e.start <= tok.i < e.end - 1), None)
    return Span(sent.doc, tok.i + 1, ent.end, label=ent.label_) if ent is not None else None


def _codes_before(left: Span, prefix: str = "") -> tuple[str, ...]:
    """Authority codes in the words just before "-designated", back to the first word that is not a name."""
    words = [prefix] if prefix else []
    for t in reversed(list(left)):
        if t.is_alpha and t.text[:1].islower() and t.lower_ != "and" or t.text in {";", ":", "("}:
            break
        words.insert(0, t.text.rstrip("-"))
    found: list[str] = []
    for part in " ".join(words).replace(" and ", ",").split(","):
        code = rules().authority_in(part)
        if code and code not in found:
            found.append(code)
    return tuple(found)


def _antecedents(ctx: DocContext, sent: Span, tok) -> list[Span]:
    """The names listed just before "(all of) which are X-designated entities"."""
    rel = next((t for t in sent.doc[max(tok.i - 8, sent.start):tok.i] if t.lower_ in {"which", "who"}), None)
    if rel is None:
        return []
    glue = {",", "and", "or", "all", "of", "both", "each", "the"}
    found: list[Span] = []
    edge = rel.i
    for ent in reversed([e for e in name_ents(sent) if e.end <= rel.i]):
        if any(t.lower_ not in glue for t in sent.doc[ent.end:edge]):
            break
        found.insert(0, ent)
        edge = ent.start
    return [e for e in found if not never_designee(ctx, e)]
