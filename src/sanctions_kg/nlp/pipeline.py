"""Build the spaCy pipeline: the statistical model named in the settings plus the domain components."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from ..settings import Settings, load_settings
from . import components  # noqa: F401  (registers the factories)
from .attributes import use_compiled_attributes
from .gazetteer import load_yaml
from .lemmas import use_remembered_lemmas

DOMAIN_COMPONENTS = (("skg_gazetteer", {"before": "ner"}), ("skg_terms", {"after": "ner"}),
                     ("skg_actors", {"last": True}))


def adapt_tokenizer(nlp: Language, settings: Settings) -> Language:
    """Adapt the tokenizer with ``rules/tokenizer.yml``: more infixes (scraped pages glue words
    together), no split of a capitalised word that spaCy reads as a contraction without its
    apostrophe ("Shant", a surname, is not "sha n't"), and title abbreviations kept whole ("Maj.")."""
    table = load_yaml(settings.rules_dir / "tokenizer.yml")
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or []), *table["extra_infixes"]]).finditer
    keep = set(table["keep_capitalised_exceptions"])
    tokenizer.rules = {form: pieces for form, pieces in (tokenizer.rules or {}).items()
                       if form in keep or not (form[:1].isupper() and form.isalpha() and len(pieces) > 1)}
    for abbreviation in table["title_abbreviations"]:  # "Maj. Gen. X": one token each, no sentence end
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


def add_domain_components(nlp: Language, settings: Settings) -> Language:
    """Add and initialise the domain components; works on a blank pipeline too (for rule tests)."""
    adapt_tokenizer(nlp, settings)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("skg_lines", before="parser")
    for name, where in DOMAIN_COMPONENTS:
        if "ner" not in nlp.pipe_names and name != "skg_actors":
            where = {"last": True}
        pipe: Any = nlp.add_pipe(name, **where)  # typed as a plain callable by spaCy; ours have initialize()
        pipe.initialize(lambda: [], nlp=nlp, rules_dir=str(settings.rules_dir))
    return nlp


def load_model(settings: Settings) -> Language:
    """``spacy.load(settings.model)``, with the stock components that ``settings.compiled_components``
    names replaced by our compiled equivalents (the stock ones stay in the pipeline, disabled)."""
    nlp = spacy.load(settings.model)
    if "attribute_ruler" in settings.compiled_components:
        use_compiled_attributes(nlp, "attribute_ruler")
    if "lemmatizer" in settings.compiled_components:
        use_remembered_lemmas(nlp, "lemmatizer")
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str, rules_dir: str, compiled: tuple[str, ...]) -> Language:
    settings = Settings(model=model, rules_dir=Path(rules_dir), compiled_components=compiled)
    return add_domain_components(load_model(settings), settings)


def build_pipeline(settings: Settings | None = None) -> Language:
    """The full pipeline for ``settings.model`` (cached per process: loading takes a second)."""
    settings = settings or load_settings()
    return _cached(settings.model, str(settings.rules_dir), settings.compiled_components)
