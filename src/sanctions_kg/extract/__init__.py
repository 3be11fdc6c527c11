"""Parsed document -> typed fact records, one extractor per family (no RDF here)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import BlockFact, DesignationFact, Document, ImportCapFact, LaunchFact, RepresentsFact, VoteFact
from .blocks import extract_blocks
from .caps import extract_caps
from .context import DocContext
from .designations import extract_designations
from .launches import extract_launches
from .represents import extract_represents
from .votes import extract_votes


@dataclass(frozen=True)
class DocumentFacts:
    """Everything extracted from one document."""

    document: Document
    votes: list[VoteFact] = field(default_factory=list)
    designations: list[DesignationFact] = field(default_factory=list)
    launches: list[LaunchFact] = field(default_factory=list)
    caps: list[ImportCapFact] = field(default_factory=list)
    represents: list[RepresentsFact] = field(default_factory=list)
    blocks: list[BlockFact] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(x) for x in (self.votes, self.designations, self.launches, self.caps,
                                    self.represents, self.blocks))


def extract_document(doc: Doc, document: Document) -> DocumentFacts:
    """Run every family's extractor over one parsed document."""
    ctx = DocContext(doc, document)
    votes = extract_votes(ctx)
    return DocumentFacts(
        document=document, votes=votes, designations=extract_designations(ctx, votes),
        launches=extract_launches(ctx), caps=extract_caps(ctx), represents=extract_represents(ctx),
        blocks=extract_blocks(ctx),
    )


__all__ = ["DocumentFacts", "extract_document"]
