"""Name normalisation shared by identity (ids), lookups (extract) and evaluation."""
from __future__ import annotations

import re
import unicodedata


def normalise_name(name: str) -> str:
    """Fold a name for comparison: no accents, lower case, hyphens/dots/apostrophes as spaces, no "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[-.'\u2019\u2018\u2010\u2013`]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)
