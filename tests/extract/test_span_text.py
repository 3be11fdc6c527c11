"""``span_text`` slices the document's text once made; it must give exactly what ``Span.text`` gives,
for every span of texts with runs of spaces, line breaks, tabs and a trailing space."""
from __future__ import annotations

import spacy

from sanctions_kg.extract.context import TEXT_KEY, doc_text, span_text

TEXTS = ["The Council  adopted\nresolution 2951 (2033) today.  \n\n 1.      Velmar Trading Co.:  a front. ",
         "\tChina and Russia vetoed it;  the draft failed .", "", " "]


def test_span_text_is_span_dot_text_for_every_span() -> None:
    nlp = spacy.blank("en")
    compared = 0
    for text in TEXTS:
        doc = nlp(text)
        assert doc_text(doc) == doc.text == text and doc.user_data[TEXT_KEY] == text
        for start in range(len(doc) + 1):
            for end in range(start, len(doc) + 1):
                assert span_text(doc[start:end]) == doc[start:end].text
                compared += 1
    assert compared > 300
