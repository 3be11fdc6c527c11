"""The designations extractor's rules files: cue words (``rules/designations.yml``) and sanctions
authorities (``rules/authorities.yml``), read once. A cue is read by name, and an unknown name is an
error, so a misspelt key fails loudly instead of quietly matching nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..nlp.gazetteer import load_yaml
from .lexicon import RULES, Lexicon


@dataclass(frozen=True)
class Authority:
    """A body that designates, with the code its designations are attributed to."""

    code: str
    kind: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class DesignationRules:
    """Cue sets and the authority gazetteer of the designations extractor."""

    cues: dict
    authorities: tuple[Authority, ...]
    _patterns: tuple[re.Pattern[str], ...]
    _by_phrase: dict[str, str]
    _sets: dict[str, frozenset[str]]
    _maps: dict[str, dict[str, str]]

    def cue(self, name: str) -> frozenset[str]:
        """A cue list as a set of lower-case words; ``KeyError`` for a name the rules file lacks."""
        return self._sets[name]

    def mapping(self, name: str) -> dict[str, str]:
        """A table of the rules file, keys and values lower-cased (built once: asked for per token)."""
        return self._maps[name]

    def phrases(self, name: str) -> tuple[str, ...]:
        """A cue list as written (case kept), for phrase matching."""
        return tuple(str(v) for v in self.cues[name])

    def authority_in(self, text: str) -> str | None:
        """The code of the longest authority phrase in ``text``, else None."""
        best: tuple[int, str] | None = None
        for m in (m for p in self._patterns for m in p.finditer(text)):
            code = self._by_phrase[m.group(0).lower()]
            if best is None or len(m.group(0)) > best[0]:
                best = (len(m.group(0)), code)
        return best[1] if best else None

    def authority_of_name(self, text: str) -> str | None:
        """The code when ``text`` as a whole is an authority's phrase ("the Treasury", "Council of the EU")."""
        key = re.sub(r"^(the|The)\s+", "", text.strip()).lower()
        return self._by_phrase.get(key)


_LEXICON_CUES: dict[tuple[int, str], frozenset[str]] = {}


def lex_cue(lexicon: Lexicon, name: str) -> frozenset[str]:
    """``lexicon.cue(name)`` built once per process (the extractor asks for the same sets very often)."""
    key = (id(lexicon), name)
    found = _LEXICON_CUES.get(key)
    if found is None:
        found = _LEXICON_CUES[key] = lexicon.cue(name)
    return found


@lru_cache(maxsize=2)
def load_designation_rules(rules_dir: Path = RULES) -> DesignationRules:
    """Read both rules files (cached)."""
    cues = load_yaml(rules_dir / "designations.yml")
    entries = load_yaml(rules_dir / "authorities.yml")
    auths = tuple(Authority(a["code"], a["kind"], tuple(a["phrases"])) for a in entries)
    by_phrase = {p.lower(): a.code for a in auths for p in a.phrases}
    phrases = sorted({p for a in auths for p in a.phrases}, key=len, reverse=True)
    # acronyms ("US", "UN") match as written, so the pronoun "us" is never the United States
    acronyms = [p for p in phrases if p.replace(".", "").isupper()]
    words = [p for p in phrases if p not in acronyms]
    patterns = (_alternation(acronyms, 0), _alternation(words, re.IGNORECASE))
    sets = {k: frozenset(str(v).lower() for v in vs) for k, vs in cues.items() if isinstance(vs, list)}
    maps = {k: {str(a).lower(): str(b).lower() for a, b in vs.items()}
            for k, vs in cues.items() if isinstance(vs, dict)}
    return DesignationRules(cues, auths, patterns, by_phrase, sets, maps)


def _alternation(phrases: list[str], flags: int) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)", flags)
