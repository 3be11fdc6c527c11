"""sanctions-kg: UN Security Council sanctions texts -> an RDF knowledge graph with evidence.

>>> from sanctions_kg import KnowledgeGraph
>>> kg = KnowledgeGraph.open()                  # the embedded store graph/store/
>>> kg.query("cq1")                             # a named competency query
"""
from .helper import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__"]
