"""``sanctions-kg serve``: a read-only SPARQL endpoint and a web view of the facts with their evidence.

``create_app(store, ...)`` builds the Starlette application; ``run(app, host, port)`` serves it with
uvicorn. Modules: ``app`` (factory, security headers, server), ``sparql`` (the protocol route),
``results`` (result formats and content negotiation), ``pages`` (HTML and linked-data pages),
``data`` (the lookups behind them), ``highlight`` (texts and evidence spans), ``views`` and ``svg``
(vote matrix, launch timeline, designations by authority).
"""
from __future__ import annotations

from .app import create_app, run
from .sparql import Limits

__all__ = ["Limits", "create_app", "run"]
