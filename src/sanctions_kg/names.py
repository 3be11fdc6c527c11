"""Name normalisation shared by identity (ids), lookups (extract) and evaluation."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLDED = re.compile(r"[-.'\u2019\u2018\u2010\u2013`]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65_536)
def normalise_name(name: str) -> str:
    """Fold a name for comparison: no accents, lower case, hyphens/dots/apostrophes as spaces, no "the".

    Kept for the names seen last: identity keys and lookups fold the same few hundred names (countries,
    bodies, the people of a feed) thousands of times per hundred documents."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _FOLDED.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text
