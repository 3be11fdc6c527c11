"""Turn the YAML gazetteers in ``rules/`` into spaCy pattern dicts (pure functions, easy to test).

Entity labels written into ``doc.ents``:
``COUNTRY`` (id = ISO3), ``DEMONYM`` ("Chinese", id = ISO3), ``CAPITAL`` ("Moscow", id = ISO3, a metonym
that is also a place), ``ORG`` (id = organisation code from ``organisations.yml``).
Span labels written into ``doc.spans["skg"]``: ``MISSILE``, ``MEASURE``, ``COMMODITY``, ``UNIT``
(id = the normalised value) and the tally labels of ``patterns/*.jsonl``.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .spell_out import spell_out_all

Pattern = dict[str, Any]

#: Entity labels that name a country (by name, demonym or capital); ``ent_id_`` is its ISO3 code.
#: The one definition: extractors import it rather than keep their own copy.
ACTOR_LABELS = frozenset({"COUNTRY", "DEMONYM", "CAPITAL"})


@cache
def load_yaml(path: Path) -> Any:
    """Read one rules file (cached: the rules do not change while a process runs)."""
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _variants(text: str) -> set[str]:
    """A name as written, with curly/straight apostrophe swapped, so both spellings match."""
    return {text, text.replace("'", "’"), text.replace("’", "'")}


def _phrase(label: str, text: str, ident: str) -> list[Pattern]:
    """String patterns (matched on ORTH) for every spelling variant of ``text``."""
    return [{"label": label, "pattern": v, "id": ident} for v in sorted(_variants(text))]


def country_patterns(countries: dict[str, dict]) -> list[Pattern]:
    """Names and aliases -> COUNTRY, demonyms -> DEMONYM, capitals and metonyms -> CAPITAL."""
    out: list[Pattern] = []
    for iso3, entry in countries.items():
        for name in [entry["name"], *entry.get("aliases", [])]:
            out += _phrase("COUNTRY", name, iso3)
        for dem in entry.get("demonyms", []):
            out += _phrase("DEMONYM", dem, iso3)
            out += _phrase("DEMONYM", dem + "s", iso3)
        for cap in [entry.get("capital"), *entry.get("metonyms", [])]:
            if cap:
                out += _phrase("CAPITAL", cap, iso3)
    return out


def organisation_patterns(orgs: list[dict]) -> list[Pattern]:
    """Labels and aliases of known organisations -> ORG with the organisation's code as id."""
    out: list[Pattern] = []
    for org in orgs:
        for name in {org["label"], *org.get("aliases", [])}:
            out += _phrase("ORG", name, org["code"])
    return out


def _phrases(form: str, plural: bool) -> list[str]:
    """A multi-word form as phrase patterns (case-insensitive: the ruler matches on LOWER), with
    the plural of the last word when asked. Hyphens are spaced out, as the tokenizer splits them
    inside longer words ("long - range"); :func:`lexicon_patterns` adds the unsplit form as well.
    """
    spellings = [form.lower()]
    if _WORD_HYPHEN.search(form):  # "intermediate-range" is also written "intermediate range"
        spellings.append(_WORD_HYPHEN.sub(" ", form.lower()))
    out = []
    for spelling in spellings:
        words = spelling.replace("-", " - ").split()
        out.append(" ".join(words))
        if plural:
            out.append(" ".join([*words[:-1], words[-1] + "s"]))
    return out


#: a hyphen between two words of letters ("short-range", "submarine-launched"), not in a code ("KN-08")
_WORD_HYPHEN = re.compile(r"(?<=[a-z]{3})-(?=[a-z]{3})", re.IGNORECASE)


def lexicon_patterns(label: str, table: dict[str, list[str]], plural: bool = True) -> list[Pattern]:
    """A YAML table value -> surface forms as phrase patterns with ``label`` and id = the value.

    Phrase patterns go to the span ruler's ``PhraseMatcher``, about three times faster on this
    lexicon than the equivalent token patterns in its ``Matcher`` (same spans on every dev and seed
    document; bench/README.md).
    """
    out: list[Pattern] = []
    for value, forms in table.items():
        if not isinstance(forms, list):
            continue
        for form in forms:
            out += [{"label": label, "id": value, "pattern": p} for p in _phrases(form, plural)]
            if "-" in form:  # "Hwasong-17" is one token for the tokenizer
                out.append({"label": label, "id": value, "pattern": form.lower()})
    return out


def jsonl_patterns(paths: Iterable[Path]) -> list[Pattern]:
    """Matcher patterns kept one per line in ``patterns/*.jsonl``."""
    out: list[Pattern] = []
    for path in sorted(paths):
        with open(path, encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def entity_patterns(rules_dir: Path) -> list[Pattern]:
    """All actor patterns for the entity ruler."""
    return country_patterns(load_yaml(rules_dir / "countries.yml")) + organisation_patterns(
        load_yaml(rules_dir / "organisations.yml")
    )


def term_patterns(rules_dir: Path) -> list[Pattern]:
    """All domain-term patterns for the span ruler."""
    commodities = dict(load_yaml(rules_dir / "commodities.yml"))
    units = commodities.pop("units")
    return (
        lexicon_patterns("MISSILE", load_yaml(rules_dir / "missiles.yml"))
        + lexicon_patterns("MEASURE", load_yaml(rules_dir / "measures.yml"), plural=False)
        + lexicon_patterns("COMMODITY", commodities, plural=False)
        + lexicon_patterns("UNIT", units, plural=False)
        + spell_out_all(jsonl_patterns((rules_dir / "patterns").glob("*.jsonl")))
    )
