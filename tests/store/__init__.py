"""Store tests; ``store.server`` also serves other test packages that need a real SPARQL server."""
