"""Which public names the reference documents: the check shared by the Sphinx build and the tests.

The public surface is ``__all__`` of the four public modules.  A name is documented by an
autodoc or ``py:`` directive in the reference's ``.rst`` files, or by one of the tables
generated from the code (``typedsock-constants``: every integer constant of
``typedsock.__all__``; ``typedsock-options-table``: every option of
``typedsock.options``), or, for the submodules in ``typedsock.__all__``, by their
``.. module::`` directive.

This module needs no Sphinx (the tests sessions do not install it): it reads the
reference's source text.  The Sphinx extension (``typedsock_docs``) makes the same check
on what the build actually registered, and fails the build (``-W``) on a missing name.
"""

from __future__ import annotations

import enum
import importlib
import re
from typing import Dict, FrozenSet, Iterable, List, Set, Tuple

PUBLIC_MODULES: Tuple[str, ...] = ("typedsock", "typedsock.options", "typedsock.ancillary", "typedsock.aio")

CONSTANTS_DIRECTIVE = "typedsock-constants"
OPTIONS_DIRECTIVE = "typedsock-options-table"

# ``.. autoclass:: typedsock.Socket``, ``.. py:function:: wrap(sock)``, ``.. module:: typedsock.aio``
_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<kind>[\w:-]+)::[ \t]*(?P<arg>[^\s(]*)")
_MODULE_KINDS = frozenset({"module", "py:module", "automodule", "currentmodule", "py:currentmodule"})
_OPTION = re.compile(r"^[ \t]+:(?P<name>[\w-]+):")


def public_names(module_name: str) -> List[str]:
    """``__all__`` of a public module, in its order."""
    module = importlib.import_module(module_name)
    return [str(name) for name in module.__all__]


def constant_names() -> FrozenSet[str]:
    """The integer constants of ``typedsock.__all__`` (the ``typedsock-constants`` table's rows)."""
    import typedsock

    names: Set[str] = set()
    for name in typedsock.__all__:
        value: object = getattr(typedsock, name)
        if isinstance(value, int) and not isinstance(value, bool):
            names.add(name)
    return frozenset(names)


def option_names() -> FrozenSet[str]:
    """The typed options of ``typedsock.options.__all__`` (the ``typedsock-options-table`` table's rows)."""
    from typedsock import options
    from typedsock.options import ReadOnlyOption, WriteOnlyOption

    return frozenset(
        name for name in options.__all__ if isinstance(getattr(options, name), (ReadOnlyOption, WriteOnlyOption))
    )


def table_names() -> Dict[str, FrozenSet[str]]:
    """Full names each generated table documents, by the directive that generates it."""
    return {
        CONSTANTS_DIRECTIVE: frozenset(f"typedsock.{name}" for name in constant_names()),
        OPTIONS_DIRECTIVE: frozenset(f"typedsock.options.{name}" for name in option_names()),
    }


def is_constant(value: object) -> bool:
    """An integer constant or enum member (documented by a table, not one by one)."""
    return isinstance(value, (int, enum.Enum)) and not isinstance(value, bool)


def documented_in_rst(text: str) -> Set[str]:
    """Full names the reST ``text`` documents at module level.

    Counted: ``.. auto*::`` and ``.. py:*::`` directives that start a line (indented
    ones document members of a class), resolved against the last ``.. module::`` or
    ``.. currentmodule::`` (or ``.. automodule::``), unless given ``:no-index:``;
    ``.. module::`` and ``.. automodule::`` themselves; and the rows of the generated
    tables whose directive appears.
    """
    documented: Set[str] = set()
    current = ""
    tables = table_names()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = _DIRECTIVE.match(line)
        if match is None or match.group("indent"):
            continue
        kind, arg = match.group("kind"), match.group("arg")
        if kind in tables:
            documented |= tables[kind]
            continue
        if kind in _MODULE_KINDS:
            current = arg if arg != "None" else ""
            if kind in ("module", "py:module", "automodule"):
                documented.add(arg)
            continue
        if not (kind.startswith("auto") or kind.startswith("py:")) or not arg:
            continue
        options: List[str] = []
        for following in lines[i + 1 :]:
            option = _OPTION.match(following)
            if option is None:
                break
            options.append(option.group("name"))
        if "no-index" in options or "noindex" in options:
            continue
        if arg.startswith("typedsock.") or arg == "typedsock" or not current:
            documented.add(arg)
        else:
            documented.add(f"{current}.{arg}")
    return documented


def missing_names(texts: Iterable[str]) -> List[str]:
    """Full names of ``__all__`` that none of the reST ``texts`` documents, in ``__all__``'s order."""
    documented: Set[str] = set()
    for text in texts:
        documented |= documented_in_rst(text)
    return [
        f"{module}.{name}"
        for module in PUBLIC_MODULES
        for name in public_names(module)
        if f"{module}.{name}" not in documented
    ]
