"""Ship the top-level ``ontology/`` folder inside the wheel as ``sanctions_kg/ontology/``.

``ontology/`` stays the one source (a required top-level folder of the repository); the wheel gets a
copy made at build time, so there is no second copy in the repository that could drift. Everything
else is configured in ``pyproject.toml``. An editable install reads ``ontology/`` in place.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
ONTOLOGY = "ontology"
PACKAGED_AS = Path("sanctions_kg") / "ontology"


class build_py_with_ontology(build_py):  # noqa: N801 - setuptools command classes are named like commands
    """The usual ``build_py``, then the ontology, shapes and named queries copied into the package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / PACKAGED_AS
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / ONTOLOGY, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))


setup(cmdclass={"build_py": build_py_with_ontology})
