"""Fixtures for extractor tests: one statistical pipeline per session and a context factory."""
from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable
from datetime import date

import pytest

from sanctions_kg.extract.context import DocContext
from sanctions_kg.records import Document, DocumentMeta


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (statistical model + domain components), loaded once."""
    from sanctions_kg.nlp import build_pipeline
    warnings.filterwarnings("ignore", category=UserWarning)
    return build_pipeline()


@pytest.fixture(scope="session")
def make_ctx(nlp) -> Callable[..., DocContext]:
    """``make_ctx(text, published='2024-01-10', timezone='UTC', publisher=None)`` -> a parsed DocContext."""

    def make(text: str, published: str | None = "2024-01-10", timezone: str = "UTC",
             publisher: str | None = None) -> DocContext:
        meta = DocumentMeta(published=date.fromisoformat(published) if published else None, timezone=timezone,
                            publisher=publisher)
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return DocContext(nlp(text), Document(doc_id, "test.txt", text, meta))

    return make


@pytest.fixture(scope="session")
def assert_evidence() -> Callable[[DocContext, list], None]:
    """A checker: every fact's evidence quote is the document text at its offsets."""

    def check(ctx: DocContext, facts) -> None:
        for fact in facts:
            assert fact.evidence, fact
            for ev in fact.evidence:
                assert ctx.document.text[ev.start:ev.end] == ev.quote

    return check
