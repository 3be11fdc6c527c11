"""``sanctions-kg show``: the evidence card of one thing, for the terminal."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import SanctionsKGError
from .options import EXIT_OK, open_from_args, store_options

if TYPE_CHECKING:
    from ..serve.data import Data


def cmd_show(args: argparse.Namespace) -> int:
    """Print the evidence card of one thing (a name or an IRI): its facts and every quote, with title, URL, date."""
    from ..serve.data import Data
    with open_from_args(args, read_only=True) as store:
        data = Data(store)
        iri = _find_thing(data, args.thing)
        label, alts, types = data.labels(iri)
        print(label or data.caption(iri))
        print(f"  {iri}" + (f"  ({', '.join(types)})" if types else ""))
        if alts:
            print(f"  also known as: {', '.join(alts)}")
        print("\nfacts:")
        for fact in data.facts(iri):
            value = fact.value if isinstance(fact.value, str) else fact.value.text
            if not isinstance(fact.value, str) and fact.value.href.startswith("/id/"):
                value += f" <{fact.value.iri}>"
            print(f"  {'<- ' if fact.incoming else ''}{fact.predicate}  {value}")
        for doc in data.evidence(iri):
            print(f"\n{doc.title or doc.iri}")
            print("  " + " · ".join(x for x in (doc.publisher, doc.issued, doc.source) if x))
            for span in doc.spans:
                print(f"  \u201c{span.quote}\u201d  [{span.start}-{span.end}] {span.title}")
        return EXIT_OK


def _find_thing(data: Data, thing: str) -> str:
    """The IRI a user means: an IRI, an ``id:`` name, or a label or alias (exact match first)."""
    from ..errors import Errors
    from ..namespace import ID
    if thing.startswith(("http://", "https://")):
        return thing
    if thing.startswith("id:"):
        return str(ID) + thing[3:]
    found = data.search(thing)
    exact = [link for link in found if link.text.casefold() == thing.casefold()]
    if exact or len(found) == 1:
        return (exact or found)[0].iri
    hint = f"; did you mean: {', '.join(link.text for link in found[:8])}" if found else ""
    raise SanctionsKGError(Errors.E056.format(name=thing, hint=hint))


def add_show(sub: argparse._SubParsersAction) -> None:
    """The ``show`` subcommand."""
    s = sub.add_parser("show", help=cmd_show.__doc__, description=cmd_show.__doc__)
    s.add_argument("thing", help="a name (label or alias), an IRI, or an id: name such as id:country/PRK")
    store_options(s)
    s.set_defaults(func=cmd_show)
