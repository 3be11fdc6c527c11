"""The model's ``attribute_ruler``, compiled to array lookups: the same patterns, the same result.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every token and then sets each match's
attributes one ``Span`` at a time in Python; in ``en_core_web_sm`` every token matches the tag map,
so the component costs as much as the parser (bench/README.md). The lemmatizer needs what it sets
(POS and morphology), and the extractors read lemmas, so it cannot be left out.

:class:`CompiledAttributes` reads the ruler's own patterns and applies them with numpy over the
token arrays instead:

* patterns of one token testing ``TAG`` alone (the tag map): one sorted-table lookup per document;
* patterns that test ``LOWER`` or ``ORTH`` with a value or a list (the morph rules, "gonna"): the
  candidate tokens are found with one ``isin`` per attribute, each candidate then checked in Python;
* any other pattern: a boolean mask per pattern.

As in the ruler, later patterns win, attribute by attribute, and every pattern is matched against
the tokens as they were before the component ran. A pattern that cannot be compiled (an operator,
a predicate other than equality, ``IN``, ``NOT_IN`` or ``REGEX``, an extension attribute) makes
:func:`compile_ruler` return None, and the stock ruler stays in the pipeline.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: token attributes a pattern may test, and those it may set
TESTED = frozenset({"ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"})
SET = (POS, TAG, DEP, LEMMA, MORPH)
ANCHORS = (LOWER, ORTH)
REGEX_MEMO = 100_000  # words whose regex results are remembered
STRING_ATTRS = frozenset({"ORTH", "LOWER", "TAG", "DEP", "LEMMA"})


@dataclass(frozen=True)
class _Test:
    """One predicate on one token of a pattern: ``values`` (hashes) in or not in, or a regex."""

    offset: int
    attr: int
    values: frozenset[int] = frozenset()
    negate: bool = False
    regex: re.Pattern[str] | None = None

    def ok(self, value: int, vocab: Vocab) -> bool:
        if self.regex is not None:
            return bool(self.regex.search(vocab.strings[value] if value else ""))
        return (value in self.values) != self.negate


@dataclass(frozen=True)
class _Pattern:
    """One compiled token pattern of rule ``rule`` (the ruler's order: a higher rule wins)."""

    rule: int
    length: int
    tests: tuple[_Test, ...]
    target: int  # the token of the match that gets the attributes
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value) to set


def _value(vocab: Vocab, name: str, value: Any) -> int:
    if name in STRING_ATTRS:
        return int(vocab.strings.add(value)) if value != "" else 0
    if name == "POS":
        return int(POS_IDS[value]) if isinstance(value, str) else int(value)
    return int(bool(value)) if isinstance(value, bool) else int(value)


def _tests(vocab: Vocab, offset: int, spec: dict[str, Any]) -> Iterator[_Test]:
    for name, cond in spec.items():
        if name not in TESTED:
            raise ValueError(f"attribute {name} is not compiled")
        attr = IDS[name]
        if not isinstance(cond, dict):
            yield _Test(offset, attr, frozenset({_value(vocab, name, cond)}))
            continue
        for op, arg in cond.items():
            if op in {"IN", "NOT_IN"}:
                yield _Test(offset, attr, frozenset(_value(vocab, name, v) for v in arg), negate=op == "NOT_IN")
            elif op == "REGEX" and name in STRING_ATTRS:
                yield _Test(offset, attr, regex=re.compile(arg))
            else:
                raise ValueError(f"predicate {op} is not compiled")


def _compile_patterns(ruler: AttributeRuler) -> list[_Pattern]:
    vocab = ruler.vocab
    out = []
    for rule, entry in enumerate(cast(list[dict[str, Any]], ruler.patterns)):
        attrs = ruler.attrs[rule]
        if any(key not in SET for key in attrs):
            raise ValueError("an attribute other than POS, TAG, DEP, LEMMA, MORPH is set")
        for pattern in entry["patterns"]:
            if any("OP" in spec for spec in pattern):
                raise ValueError("operators are not compiled")
            tests = tuple(t for offset, spec in enumerate(pattern) for t in _tests(vocab, offset, spec))
            target = int(entry.get("index", 0)) % len(pattern)
            out.append(_Pattern(rule, len(pattern), tests, target, tuple(sorted(attrs.items()))))
    return out


def _anchor(pattern: _Pattern) -> _Test | None:
    """A positive test on a word (LOWER or ORTH) that can find the pattern's candidates."""
    for test in pattern.tests:
        if test.attr in ANCHORS and not test.negate and test.regex is None:
            return test
    return None


class CompiledAttributes:
    """The ``attribute_ruler``'s patterns applied with array lookups (see the module's notes)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self._regex_memo: dict[tuple[int, int], bool] = {}
        patterns = _compile_patterns(ruler)
        self.tag_table: dict[int, _Pattern] = {}  # tag hash -> the last tag-only rule for it
        self.anchored: dict[tuple[int, int], list[tuple[int, _Pattern]]] = {}  # (attr, word) -> (offset, pattern)
        self.masked: list[_Pattern] = []
        for p in patterns:
            anchor = _anchor(p)
            if p.length == 1 and len(p.tests) == 1 and p.tests[0].attr == TAG and len(p.tests[0].values) == 1 \
                    and not p.tests[0].negate:
                self.tag_table[next(iter(p.tests[0].values))] = p
            elif anchor is not None:
                for word in anchor.values:
                    self.anchored.setdefault((anchor.attr, word), []).append((anchor.offset, p))
            else:
                self.masked.append(p)
        self.read = sorted({t.attr for p in patterns for t in p.tests} | set(SET) | {TAG, LOWER, ORTH})
        self._tags = np.array(sorted(self.tag_table), dtype=np.uint64)
        rules = [self.tag_table[int(t)] for t in self._tags]
        self._tag_rank = np.array([r.rule for r in rules], dtype=np.int64)
        self._tag_values = {attr: np.array([dict(r.attrs).get(attr, 0) for r in rules], dtype=np.uint64)
                            for attr in SET}
        self._tag_sets = {attr: np.array([attr in dict(r.attrs) for r in rules], dtype=bool) for attr in SET}
        self._anchor_words = {a: np.array(sorted({w for (attr, w) in self.anchored if attr == a}), dtype=np.uint64)
                              for a in ANCHORS}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cols = {attr: i for i, attr in enumerate(self.read)}
        arr = np.ascontiguousarray(doc.to_array(self.read).T)
        before = {attr: arr[cols[attr]] for attr in self.read}
        out = {attr: before[attr].copy() for attr in SET}
        rank = {attr: np.full(len(doc), -1, dtype=np.int64) for attr in SET}
        self._apply_tag_table(before[TAG], out, rank)
        for rule, positions, attrs in self._masked_matches(before):
            for attr, value in attrs:
                hit = positions[rank[attr][positions] < rule]
                out[attr][hit] = value
                rank[attr][hit] = rule
        for rule, i, attrs in self._anchored_matches(before, len(doc)):
            for attr, value in attrs:
                if rank[attr][i] < rule:
                    out[attr][i] = value
                    rank[attr][i] = rule
        changed = [attr for attr in SET if (rank[attr] >= 0).any()]
        if changed:
            doc.from_array(changed, cast(Any, np.stack([out[a] for a in changed], axis=1)))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _apply_tag_table(self, tags: np.ndarray, out: dict[int, np.ndarray], rank: dict[int, np.ndarray]) -> None:
        if not len(self._tags):
            return
        at = np.searchsorted(self._tags, tags).clip(0, len(self._tags) - 1)
        found = self._tags[at] == tags
        for attr in SET:
            hit = found & self._tag_sets[attr][at]
            out[attr][hit] = self._tag_values[attr][at[hit]]
            rank[attr][hit] = self._tag_rank[at[hit]]

    def _masked_matches(self, before: dict[int, np.ndarray]) -> Iterator[tuple[int, np.ndarray, tuple]]:
        n = len(before[TAG])
        for p in self.masked:
            starts = np.ones(max(n - p.length + 1, 0), dtype=bool)
            for t in sorted(p.tests, key=lambda t: t.regex is not None):  # regexes last, on the few left
                column = before[t.attr][t.offset:t.offset + len(starts)]
                if t.regex is not None:
                    left = np.flatnonzero(starts)
                    words, where = np.unique(column[left], return_inverse=True)
                    starts[left] = np.array([self._regex_ok(t, int(w)) for w in words], dtype=bool)[where]
                    continue
                hit = np.zeros(len(starts), dtype=bool)
                for value in t.values:  # a few values: comparisons are cheaper than isin
                    hit |= column == value
                starts &= ~hit if t.negate else hit
                if not starts.any():
                    break
            positions = np.flatnonzero(starts) + p.target
            if len(positions):
                yield p.rule, positions, p.attrs

    def _regex_ok(self, test: _Test, word: int) -> bool:
        """A regex test on one word, remembered by the word's hash (a hash always names the same string)."""
        key = (id(test), word)
        if key not in self._regex_memo:
            if len(self._regex_memo) > REGEX_MEMO:
                self._regex_memo.clear()
            self._regex_memo[key] = test.ok(word, self.vocab)
        return self._regex_memo[key]

    def _anchored_matches(self, before: dict[int, np.ndarray], n: int) -> Iterator[tuple[int, int, tuple]]:
        for attr in ANCHORS:
            words = self._anchor_words[attr]
            if not len(words):
                continue
            column = before[attr]
            for i in np.flatnonzero(np.isin(column, words)).tolist():
                for offset, p in self.anchored.get((attr, int(column[i])), ()):
                    start = i - offset
                    if start < 0 or start + p.length > n:
                        continue
                    if all(t.ok(int(before[t.attr][start + t.offset]), self.vocab) for t in p.tests):
                        yield p.rule, start + p.target, p.attrs


def compile_ruler(ruler: AttributeRuler) -> CompiledAttributes | None:
    """The compiled form of ``ruler``, or None when one of its patterns is of a kind not compiled."""
    try:
        return CompiledAttributes(ruler)
    except ValueError:
        return None


@Language.factory("skg_attributes")
def make_attributes(nlp: Language, name: str, source: str = "attribute_ruler") -> CompiledAttributes:
    """The compiled copy of the pipeline's ``source`` attribute ruler (see :func:`use_compiled_attributes`)."""
    compiled = compile_ruler(nlp.get_pipe(source))  # type: ignore[arg-type]
    if compiled is None:
        raise ValueError(f"the patterns of {source} cannot be compiled")
    return compiled


def use_compiled_attributes(nlp: Language, source: str = "attribute_ruler") -> bool:
    """Put ``skg_attributes`` after ``source`` and disable ``source``; False (nothing changed) when the
    pipeline has no such ruler or its patterns cannot be compiled."""
    if source not in nlp.pipe_names or compile_ruler(nlp.get_pipe(source)) is None:  # type: ignore[arg-type]
        return False
    nlp.add_pipe("skg_attributes", after=source, config={"source": source})
    nlp.disable_pipe(source)
    return True


__all__ = ["CompiledAttributes", "compile_ruler", "use_compiled_attributes"]
