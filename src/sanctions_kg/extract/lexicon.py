"""The rules files as Python lookups, loaded once (``rules/*.yml``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..names import normalise_name
from ..nlp.gazetteer import load_yaml
from ..settings import PACKAGE_DIR

RULES = PACKAGE_DIR / "rules"


@dataclass(frozen=True)
class Lexicon:
    """Every lookup table the extractors need."""

    cues: dict
    countries: dict
    organisations: tuple[dict, ...]
    country_by_name: dict[str, str]
    org_by_code: dict[str, dict]
    org_by_name: dict[str, str]
    council: dict
    cue_sets: dict[str, frozenset[str]]  # the cue lists as sets, built once (extractors ask per token)

    def cue(self, name: str) -> frozenset[str]:
        """A cue list from ``cues.yml`` as a set of lemmas; an unknown name is an error, not an empty set
        (a misspelt key would otherwise switch a rule off without a word)."""
        found = self.cue_sets.get(name)
        if found is None:
            raise KeyError(f"rules/cues.yml has no cue list {name!r}")
        return found

    def on_council(self, iso3: str, year: int) -> bool | None:
        """Whether a state sat on the Security Council in ``year``; None when the year is not recorded."""
        if iso3 in self.council["permanent"]:
            return True
        members = self.council["elected"].get(year)
        return None if members is None else iso3 in members

    def country_name(self, iso3: str) -> str:
        return self.countries.get(iso3, {}).get("name", iso3)

    def is_permanent(self, iso3: str) -> bool:
        return bool(self.countries.get(iso3, {}).get("permanent"))

    def country_for(self, name: str) -> str | None:
        """ISO3 for a country name, alias, demonym or capital, else None."""
        return self.country_by_name.get(normalise_name(name))


@lru_cache(maxsize=2)
def load_lexicon(rules_dir: Path = RULES) -> Lexicon:
    """Build the lookups from the rules folder (cached)."""
    countries = load_yaml(rules_dir / "countries.yml")
    orgs = tuple(load_yaml(rules_dir / "organisations.yml"))
    by_name: dict[str, str] = {}
    for iso3, entry in countries.items():
        names = [entry["name"], *entry.get("aliases", []), *entry.get("demonyms", []),
                 entry.get("capital") or "", *entry.get("metonyms", [])]
        for name in filter(None, names):
            by_name.setdefault(normalise_name(name), iso3)
    org_names = {normalise_name(a): o["code"] for o in orgs for a in [o["label"], *o.get("aliases", [])]}
    cues = load_yaml(rules_dir / "cues.yml")
    return Lexicon(
        cues=cues, countries=countries, organisations=orgs,
        country_by_name=by_name, org_by_code={o["code"]: o for o in orgs}, org_by_name=org_names,
        council=load_yaml(rules_dir / "council.yml"),
        cue_sets={k: frozenset(v) for k, v in cues.items() if isinstance(v, (list, dict))},
    )
