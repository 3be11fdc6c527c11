"""The one loader of the rules data files, honouring ``Settings.rules_dir``.

Extractors and graph writers read their tables (``launch.yml``, ``caps.yml``, ``countries.yml`` …)
through :func:`load_rules` instead of each building a path from the package folder, so a rules folder
given in the settings (a test's, a user's) reaches every stage, not only the spaCy components.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .nlp.gazetteer import load_yaml
from .settings import Settings, load_settings


def rules_dir(settings: Settings | None = None) -> Path:
    """The rules folder of ``settings`` (default: the environment's settings)."""
    return Path((settings or load_settings()).rules_dir)


def load_rules(name: str, settings: Settings | None = None) -> Any:
    """One rules file, parsed once per path (``name`` like ``"launch.yml"``)."""
    return load_yaml(rules_dir(settings) / name)


def load_cue_sets(name: str, settings: Settings | None = None) -> dict[str, Any]:
    """A rules file of word lists, with every list as a frozenset (the extractors' ``rules()`` shape)."""
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in load_rules(name, settings).items()}
