"""Document triage: decide cheaply, before the parse, whether a document can hold a fact at all.

A feed of wire copy holds a few percent of stories about sanctions, votes or launches; the full spaCy
parse of the rest is wasted. Triage runs two passes that cost a small fraction of a parse:

1. a regular-expression word split of the lower-cased text into a set: a cue phrase can only occur if
   all its words are in the set, so a document that cannot reach one strong cue or ``min_weak`` weak
   groups is rejected without tokenising it (most unrelated stories; one big regex alternation over
   the phrases cost as much as the tokenizer). A strong cue of one word ("sanctions", "vetoed") found
   in the set passes the document at once: the tokenizer would only confirm it, and on a feed of
   relevant texts that confirmation cost a fifth of the build. (A word inside a URL or an e-mail
   address, one token for the tokenizer, passes too: a parse too many, never a fact lost.)
2. the tokenizer of a blank English pipeline and a ``PhraseMatcher`` on lower-cased tokens: the
   document passes with one *strong* cue, or with ``min_weak`` different *weak* cues.

The cue lists are data: ``rules/triage.yml`` plus the surface forms of ``missiles.yml`` and
``measures.yml``. A rejected document is still recorded as read by the build (its document node and
content hash are stored), so a rebuild skips it without reading it again.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from .nlp.gazetteer import load_yaml
from .records import Document
from .settings import Settings, load_settings

STRONG, WEAK = "STRONG", "WEAK"
T = TypeVar("T")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TriageDecision:
    """Why a document passed or not: the strong cues found (lower case) and the weak groups, for tests."""

    passed: bool
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


@dataclass(frozen=True)
class TriageRules:
    """The cue phrases, lower-cased; ``weak`` maps each weak phrase to its group (the word it is a form of)."""

    strong: frozenset[str]
    weak: dict[str, str]
    min_weak: int


def load_triage_rules(rules_dir: Path) -> TriageRules:
    """Read ``triage.yml`` and add the missile and measure surface forms as strong cues."""
    data = load_yaml(rules_dir / "triage.yml")
    strong = {c.lower() for c in data["strong"]}
    for table in ("missiles.yml", "measures.yml"):
        for forms in load_yaml(rules_dir / table).values():
            strong |= {f.lower() for f in forms if isinstance(f, str)}
    weak = {form.lower(): group for group, forms in data["weak"].items() for form in forms}
    return TriageRules(frozenset(strong), {f: g for f, g in weak.items() if f not in strong},
                       int(data.get("min_weak", 1)))


TOKENIZER_MAX_LENGTH = 10**9  # characters; the reader's --max-bytes limit comes first


class Triage:
    """The two-pass filter; build one per process with :func:`get_triage` (it loads a tokenizer)."""

    def __init__(self, rules: TriageRules, nlp: Language | None = None) -> None:
        self.rules = rules
        self.nlp = nlp or spacy.blank("en")
        self.nlp.max_length = TOKENIZER_MAX_LENGTH  # tokenizer only: no parser memory to guard against
        self.strong_single = frozenset(p for p in rules.strong if WORD.fullmatch(p))  # decided first, alone
        self.strong_words = [frozenset(WORD.findall(p)) for p in rules.strong if p not in self.strong_single]
        self.weak_words = [(frozenset(WORD.findall(p)), g) for p, g in rules.weak.items()]
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher.add(STRONG, [self.nlp.make_doc(p) for p in sorted(rules.strong)])
        for group in sorted(set(rules.weak.values())):
            forms = sorted(f for f, g in rules.weak.items() if g == group)
            self.matcher.add(f"{WEAK}:{group}", [self.nlp.make_doc(f) for f in forms])

    def decide(self, text: str) -> TriageDecision:
        """The decision for one text, with the cues that made it."""
        words = frozenset(WORD.findall(text.lower()))
        if found := words & self.strong_single:
            return TriageDecision(True, tuple(sorted(found)))
        if not self._may_pass(words):
            return TriageDecision(False)
        strong: set[str] = set()
        weak: set[str] = set()
        with self.nlp.memory_zone():  # a feed's new words would otherwise stay in the vocabulary for good
            doc = self.nlp.make_doc(text)
            for match_id, start, end in self.matcher(doc):
                kind, _, group = self.nlp.vocab.strings[match_id].partition(":")
                (strong if kind == STRONG else weak).add(group or doc[start:end].text.lower())
        passed = bool(strong) or len(weak) >= self.rules.min_weak
        return TriageDecision(passed, tuple(sorted(strong)), tuple(sorted(weak)))

    def _may_pass(self, words: frozenset[str]) -> bool:
        """The word-set test of pass 1: could the phrases whose words all occur make the document pass?"""
        if any(w <= words for w in self.strong_words):
            return True
        return len({g for w, g in self.weak_words if w <= words}) >= self.rules.min_weak

    def __call__(self, text: str) -> bool:
        """True if the text can hold a fact and must be parsed."""
        return self.decide(text).passed


@lru_cache(maxsize=4)
def _cached(rules_dir: str) -> Triage:
    return Triage(load_triage_rules(Path(rules_dir)))


def get_triage(settings: Settings | None = None) -> Triage:
    """The triage for ``settings.rules_dir`` (cached per process)."""
    settings = settings or load_settings()
    return _cached(str(settings.rules_dir))


def triaged(items: Iterable[tuple[Document, T]], triage: Triage,
            on_rejected: Callable[[Document, T], None]) -> Iterator[tuple[Document, T]]:
    """Pass on the documents that triage keeps; hand the others to ``on_rejected`` as they come.

    ``on_rejected`` runs while the consumer (``nlp.pipe``) is pulling input, so a long run of rejected
    documents is recorded as it goes and never piles up in memory.
    """
    for document, extra in items:
        if triage(document.text):
            yield document, extra
        else:
            on_rejected(document, extra)


__all__ = ["Triage", "TriageDecision", "TriageRules", "get_triage", "load_triage_rules", "triaged"]
