"""A long build's memory and collector costs, bounded per chunk of documents rather than per feed.

* spaCy memory zones: the strings and lexemes a chunk of documents adds to the vocabulary are freed
  after it (:func:`memory_zones`);
* the cyclic garbage collector: the objects alive once the model is loaded are frozen while documents
  are parsed and extracted, so its passes no longer walk them (:func:`long_lived_frozen`).
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any


def memory_zones(nlp: Any, docs: Iterator[Any], n_process: int, size: int) -> Iterator[Iterable[Any]]:
    """The documents in chunks of ``size``, each parsed and extracted inside ``nlp.memory_zone()``.

    spaCy keeps every new word's string and lexeme in the vocabulary for good, so over a long feed
    memory grows with the words seen; a zone frees what its chunk added. Each parse is extracted
    before the next one is asked for, so it is used while its zone is still open. spaCy's pool of
    several processes is not zoned: the whole feed is one chunk then.
    """
    if n_process > 1:
        yield docs
        return
    while chunk := list(islice(docs, size)):
        with nlp.memory_zone():
            yield chunk


@contextmanager
def long_lived_frozen() -> Iterator[None]:
    """Keep the objects that exist once the model is loaded (the pipeline, its rules, the lexicon) out
    of Python's cyclic garbage collector while documents are parsed and extracted.

    Extraction and graph building make many short-lived objects, so the collector runs hundreds of
    times per hundred documents, and each full pass walked the model's ~150,000 long-lived objects too:
    0.88 s of a 38 s build of 300 texts, 0.32 s with them frozen (bench/README.md). ``gc.unfreeze`` at
    the end hands them back, so nothing that became garbage meanwhile is kept for good; reference
    counting frees objects as before.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


__all__ = ["long_lived_frozen", "memory_zones"]
