"""Sphinx configuration for typedsock's documentation (built by ``python -m nox -s docs``).

autodoc imports the *installed* package (typedsock._sock is a compiled cffi extension,
so the source tree alone cannot be imported): install it first, as the nox session does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))  # the generated tables (typedsock_docs.py)

project = "typedsock"
author = "the typedsock authors"
copyright = "the typedsock authors"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "myst_parser",
    "typedsock_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "README.md"]
myst_heading_anchors = 3  # `[text](page.md#a-heading)` links between the guides

html_theme = "furo"
html_title = "typedsock"

# -- autodoc ------------------------------------------------------------------------------
# Signatures come from the source (autodoc reads each @overload of a function or of a
# class's __new__ from the module's source text), typed annotations shown as written.
autodoc_member_order = "bysource"
# A class's constructor is documented as its own entry (``__new__``/``__init__``), so the
# overloads of ``socket(...)`` show what each returns (``-> StreamSocket[InetAddress]``),
# which a class signature cannot.
autodoc_class_signature = "separated"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autodoc_default_options = {"show-inheritance": True}

# -- intersphinx, offline -----------------------------------------------------------------
# The build must work without network (CI has none but the package registries), and
# intersphinx would download https://docs.python.org/3/objects.inv at every build.  So the
# mapping to the Python docs is only configured when TYPEDSOCK_DOCS_INTERSPHINX=1 says
# the network may be used; offline, references to the standard library (``int``,
# ``OSError``, ``asyncio.StreamReader``) are rendered as plain, unlinked names.  That is
# not a warning (nitpicky mode is off), so ``sphinx-build -W`` passes either way.  A local
# copy of the inventory can be given instead: TYPEDSOCK_DOCS_PYTHON_INV=/path/objects.inv.
_python_inv: Optional[str] = os.environ.get("TYPEDSOCK_DOCS_PYTHON_INV")
intersphinx_mapping: Dict[str, Tuple[str, Optional[str]]] = {}
if _python_inv or os.environ.get("TYPEDSOCK_DOCS_INTERSPHINX") == "1":
    intersphinx_mapping["python"] = ("https://docs.python.org/3", _python_inv)
intersphinx_timeout = 10

# -- doctest builder ----------------------------------------------------------------------
# `sphinx-build -b doctest docs out` runs the reference's doctest blocks; the guides'
# code blocks are run by tests/test_docs.py with plain pytest (no Sphinx needed).
doctest_global_setup = "import typedsock"

suppress_warnings: List[str] = []
