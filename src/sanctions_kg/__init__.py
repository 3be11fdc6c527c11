"""sanctions-kg: UN Security Council sanctions texts -> an RDF knowledge graph with evidence."""
__version__ = "0.1.0"
