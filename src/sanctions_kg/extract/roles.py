"""Role phrases in a parsed text ("U.S. Ambassador", "Minister for Foreign Affairs", "Director-General of
the European Affairs Bureau") and what the roles lexicon says of each: its normalised role, its
kind (diplomat, official, head, chair, peer) and, for a title that belongs to one state, that state.

The lexicon is ``roles`` in ``rules/represents.yml`` read together with ``roles``/``more_roles`` of
``rules/cues.yml``; the longest surface form wins ("deputy permanent representative" over "representative").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..nlp.gazetteer import load_yaml
from .context import doc_lowers
from .lexicon import RULES, load_lexicon

ACTOR_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL"}
STOPS = {",", ";", ":", "(", ")", "—", "–", '"', "“", "”"}
COMPLEMENT_PREPS = {"of", "to", "for", "at"}


def is_stop(tok) -> bool:
    """Punctuation that ends a role phrase: ``STOPS``, or a hyphen with spaces on both sides, the dash of
    a heading typed without one ("by Mr X, Permanent Representative of France - Security Council - 2 June")."""
    return tok.text in STOPS or tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and \
        bool(tok.doc[tok.i - 1].whitespace_)


@lru_cache(maxsize=1)
def rules() -> dict:
    """``rules/represents.yml`` with lists as sets."""
    return {k: frozenset(v) if isinstance(v, list) else v
            for k, v in load_yaml(RULES / "represents.yml").items()}


@dataclass(frozen=True)
class RoleInfo:
    """What the lexicon knows of one surface form."""

    role: str
    kind: str
    country: str | None = None


@dataclass(frozen=True)
class Role:
    """A role phrase in the text: [start, end) are the role words, [end, pp_end) its "of/to/for" phrase."""

    start: int
    end: int
    pp_end: int
    key: str
    phrase_end: int = -1  # end of the whole complement ("of the European Affairs Bureau of …")

    @property
    def info(self) -> RoleInfo:
        return role_table()[self.key]


@lru_cache(maxsize=1)
def role_table() -> dict[str, RoleInfo]:
    """Surface form (lower case) -> :class:`RoleInfo`; cue-file roles not in ``represents.yml`` are officials."""
    cues = load_lexicon().cues
    table = {k.lower(): RoleInfo(str(v).replace(" ", "_"), "official")
             for k, v in {**cues.get("roles", {}), **cues.get("more_roles", {})}.items()}
    for form, entry in rules()["roles"].items():
        table[form.lower()] = RoleInfo(entry["role"], entry["kind"], entry.get("country"))
    return table


@lru_cache(maxsize=1)
def role_forms() -> list[tuple[tuple[str, ...], str]]:
    """Role surface forms as word tuples, longest first, with their lexicon key."""
    forms = [(tuple(k.split()), k) for k in role_table()]
    return sorted(forms, key=lambda f: -len(f[0]))


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    return frozenset(w for words, _ in role_forms() for w in words if w.isalpha())


@lru_cache(maxsize=1)
def _role_form_set() -> frozenset[tuple[str, ...]]:
    return frozenset(words for words, _ in role_forms())


def is_role_phrase(words: tuple[str, ...]) -> bool:
    """The lower-case words are a role, alone or with its "of/for/to" phrase ("foreign minister", "defence
    minister of Ruritania"): a title, not a name."""
    forms = _role_form_set()
    return any(words[:n] in forms and (n == len(words) or words[n] in {"of", "for", "to"})
               for n in range(1, len(words) + 1))


def role_word(tok: Token) -> bool:
    return tok.lower_ in role_words()


@lru_cache(maxsize=1)
def forms_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """:func:`role_forms` grouped by their first word (longest first), so a token is checked only
    against the forms it can start."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, key in role_forms():
        out.setdefault(words[0], []).append((words, key))
    return out


def role_at(doc: Doc, i: int, stop: int) -> tuple[int, str] | None:
    """The longest role form starting at token ``i`` (ending by ``stop``): (end, form)."""
    lowers = doc_lowers(doc)
    for words, key in forms_by_first_word().get(lowers[i], ()):
        end = i + len(words)
        if end <= stop and tuple(lowers[i:end]) == words:
            return end, key
    return None


def find_role(doc: Doc, start: int, stop: int) -> Role | None:
    """The first role phrase in [start, stop), with the "of/to/for" phrase that follows it."""
    for i in range(start, stop):
        hit = role_at(doc, i, stop)
        if hit:
            return Role(i, hit[0], pp_end(doc, hit[0], stop), hit[1], phrase_end(doc, hit[0], stop))
    return None


def pp_end(doc: Doc, i: int, stop: int) -> int:
    """End of one prepositional phrase after a role ("to the United Nations", "of the Treasury")."""
    if i >= stop or doc[i].lower_ not in {"of", "to", "for"}:
        return i
    j = i + 1
    while j < stop and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in {"the", "-"} or
                        doc[j].ent_type_ in ACTOR_LABELS):
        if doc[j].lower_ in {"of", "for"} and not _inside_name(doc[j]):
            break
        j += 1
    return j if j > i + 1 else i


def _inside_name(tok) -> bool:
    """The "of" of "the Republic of Korea": a word inside a name, not a preposition of the role."""
    return tok.ent_iob_ == "I"


def phrase_end(doc: Doc, i: int, stop: int) -> int:
    """End of a role's whole complement, over several "of/for/at/and" links ("for Maritime Security and
    Arms Control", "of the European Affairs Bureau of the Foreign Ministry", "at the Foreign Office")."""
    j = i
    while j < stop and doc[j].lower_ in COMPLEMENT_PREPS:
        k = j + 1
        while k < stop and (doc[k].is_title or doc[k].is_upper or doc[k].lower_ in {"the", "-", "and", "&"} or
                            doc[k].ent_type_ in ACTOR_LABELS):
            k += 1
        while k > j + 1 and doc[k - 1].lower_ in {"the", "and", "&", "-"}:
            k -= 1  # "… Affairs and head of …": the "and" joins the next phrase, not this name
        if k == j + 1:
            break
        j = k
    return j


def complement_segments(doc: Doc, role: Role) -> list[tuple[str, Span]]:
    """The role's complement cut at each preposition: [("of", "State"), ("at", "the Federal Office")]."""
    out: list[tuple[str, Span]] = []
    i = role.end
    end = max(role.pp_end, role.phrase_end)
    while i < end:
        j = i + 1
        while j < end and (doc[j].lower_ not in COMPLEMENT_PREPS or _inside_name(doc[j])):
            j += 1
        out.append((doc[i].lower_, doc[i + 1:j]))
        i = j
    return out


def role_text(doc: Doc, role: Role, drop_pp: bool = False) -> str:
    """The role words in lower case ("Prime Minister" -> "prime minister"), then its prepositional
    phrase as written, whose names keep their capitals ("ambassador to the United Nations")."""
    words = doc[role.start:role.end].text.lower()
    end = max(role.pp_end, role.phrase_end)
    while end > role.end and doc[end - 1].lower_ in _DANGLING:
        end -= 1  # "Chair of the 1267 Committee": the phrase stops at the number, not after "of the"
    return words if drop_pp or end == role.end else f"{words} {doc[role.end:end].text}"


_DANGLING = {"of", "the", "to", "for", "on", "at", "in"}


def role_ending_at(doc: Doc, end: int) -> Role | None:
    """The role phrase of the title window that ends right before token ``end``."""
    start = title_window_start(doc, end)
    return find_role(doc, start, end) if start < end else None


def title_window_start(doc: Doc, end: int) -> int:
    """Walk left from ``end`` over a title ("U.S. Ambassador", "Under Secretary of the Treasury for ...",
    "United Kingdom (UK) Special Envoy")."""
    i = end
    sent_start = doc[end - 1].sent.start if end > 0 else 0
    while i > sent_start:
        tok = doc[i - 1]
        if tok.text == ")" and i - 3 >= sent_start and doc[i - 3].text == "(" and doc[i - 2].is_upper:
            i -= 3  # an acronym in brackets inside a title: "United Kingdom (UK) Special Envoy"
            continue
        if is_stop(tok) or "\n" in tok.text or tok.ent_type_ == "PERSON" and not role_word(tok):
            break  # a role word the model took into the name ("Spokesperson Jane Rivers") is still a title
        ok = tok.is_title or tok.is_upper or tok.ent_type_ in ACTOR_LABELS | {"ORG"} or \
            tok.lower_ in rules()["title_joiners"] or role_word(tok)
        if not ok:
            break
        i -= 1
    return i


def negated(doc: Doc, start: int) -> bool:
    """A "former"/"ex-" word just before the role phrase (within two tokens)."""
    return any(doc[i].lower_ in rules()["role_negators"] for i in range(max(0, start - 3), start))


def international(doc: Doc, role: Role, stop: int) -> bool:
    """The role's phrase names an international body ("Special Representative of the Secretary-General",
    "Chair of the 1718 Committee"): its holder does not speak for a publishing state."""
    end = phrase_end(doc, role.end, stop)
    if end == role.end or doc[role.end].lower_ == "to":
        return False  # "envoy to the United Nations" is sent by a state
    text = " " + doc[role.end:end].text.lower() + " "
    return any(f" {w} " in text for w in rules()["international_words"])
