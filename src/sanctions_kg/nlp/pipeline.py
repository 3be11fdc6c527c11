"""Build the spaCy pipeline: the statistical model named in the settings plus the domain components."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

from ..settings import Settings, load_settings
from . import components  # noqa: F401  (registers the factories)

DOMAIN_COMPONENTS = (("skg_gazetteer", {"before": "ner"}), ("skg_terms", {"after": "ner"}),
                     ("skg_actors", {"last": True}))


def add_domain_components(nlp: Language, settings: Settings) -> Language:
    """Add and initialise the domain components; works on a blank pipeline too (for rule tests)."""
    for name, where in DOMAIN_COMPONENTS:
        if "ner" not in nlp.pipe_names and name != "skg_actors":
            where = {"last": True}
        pipe: Any = nlp.add_pipe(name, **where)  # our factories' components all have initialize()
        pipe.initialize(lambda: [], nlp=nlp, rules_dir=str(settings.rules_dir))
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str, rules_dir: str) -> Language:
    settings = Settings(model=model, rules_dir=__import__("pathlib").Path(rules_dir))
    return add_domain_components(spacy.load(model), settings)


def build_pipeline(settings: Settings | None = None) -> Language:
    """The full pipeline for ``settings.model`` (cached per process: loading takes a second)."""
    settings = settings or load_settings()
    return _cached(settings.model, str(settings.rules_dir))
