"""The spaCy pipeline: the statistical model plus domain components whose rules are data files."""
from .pipeline import build_pipeline

__all__ = ["build_pipeline"]
