"""Score a built graph against gold annotations (``sanctions-kg eval GOLD_DIR``).

The rules are those of the reference scorer ``shared/eval/score.py``, so both give the same counts on
the same graph: facts are compared as normalised records over the union of all documents, a vote's
date is part of each of its positions, vetoes and tallies (one day of slack), a launch date must be
exact, and a gold ``null`` accepts any value except an impossible count (outside 0-15).

Modules: :mod:`.normalise` (names, codes, dates), :mod:`.records` (fact records and their matching
rule), :mod:`.gold` (gold files, E040/E041), :mod:`.facts` (SPARQL over a graph), :mod:`.match`
(scoring), :mod:`.report` (table and JSON).
"""
from __future__ import annotations

from .facts import (
    BLOCK_QUERY,
    CAP_PROPS,
    DESIGNATION_PROPS,
    DOCS_QUERY,
    ID_NS,
    LAUNCH_PROPS,
    NODE_QUERY,
    POSITION_QUERY,
    PREFIXES,
    REPRESENTS_QUERY,
    RESOLUTION_PROPS,
    VETO_QUERY,
    SupportsQuery,
    facts_from_graph,
    graph_blocks,
    graph_caps,
    graph_designations,
    graph_launches,
    graph_positions,
    graph_representation,
    graph_tallies,
    graph_vetoes,
    select,
    short_iri,
    union_view,
)
from .gold import (
    FAMILIES,
    OUTCOMES,
    POSITIONS,
    EvaluationError,
    FactSet,
    GoldSet,
    M,
    Vote,
    load_gold,
    merge_facts,
    read_gold_file,
)
from .match import (
    FamilyScore,
    Finding,
    G,
    P,
    Report,
    compare,
    evaluate,
    graph_votes,
    greedy_match,
    pair_votes,
    score,
)
from .normalise import (
    BALLISTIC_SUBTYPES,
    LAUNCH_DATE_TOLERANCE,
    MISSILE_TYPES,
    SITE_STOPWORDS,
    VOTE_DATE_TOLERANCE,
    close_types,
    date_ok,
    local_name,
    name_match,
    normalise_name,
    site_tokens,
    sites_match,
    snake,
    to_date,
)
from .records import Block, Designation, ImportCap, Launch, Representation, Tally, Veto, VotePosition
from .report import format_report, report_json, write_json

__all__ = [
    "BALLISTIC_SUBTYPES", "BLOCK_QUERY", "CAP_PROPS", "DESIGNATION_PROPS", "DOCS_QUERY", "FAMILIES", "ID_NS",
    "LAUNCH_DATE_TOLERANCE", "LAUNCH_PROPS", "MISSILE_TYPES", "NODE_QUERY", "OUTCOMES", "POSITIONS",
    "POSITION_QUERY", "PREFIXES", "REPRESENTS_QUERY", "RESOLUTION_PROPS", "SITE_STOPWORDS", "VETO_QUERY",
    "VOTE_DATE_TOLERANCE", "Block", "Designation", "EvaluationError", "FactSet", "FamilyScore", "Finding", "G",
    "GoldSet", "ImportCap", "Launch", "M", "P", "Report", "Representation", "SupportsQuery", "Tally", "Veto",
    "Vote", "VotePosition", "close_types", "compare", "date_ok", "evaluate", "facts_from_graph", "format_report",
    "graph_blocks", "graph_caps", "graph_designations", "graph_launches", "graph_positions",
    "graph_representation", "graph_tallies", "graph_vetoes", "graph_votes", "greedy_match", "load_gold",
    "local_name", "merge_facts", "name_match", "normalise_name", "pair_votes", "read_gold_file", "report_json",
    "score", "select", "short_iri", "site_tokens", "sites_match", "snake", "to_date", "union_view",
    "write_json",
]
