"""Placeholder while the extractor is written."""
from __future__ import annotations

from ..records import RepresentsFact
from .context import DocContext


def extract_represents(ctx: DocContext) -> list[RepresentsFact]:
    return []
