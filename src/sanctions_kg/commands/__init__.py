"""Subcommands of ``sanctions-kg`` that live outside ``cli.py``: one module per command.

``cli.py`` stays the entry point (parsing, error handling, the build and store commands); ``query``,
``show`` and ``info`` are here, with the options and helpers all commands share in ``options``.
"""
