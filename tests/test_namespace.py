"""The public namespace holds only documented names: ``__all__``, and nothing accidental.

A star import from a module without ``__all__`` once made ``typedsock.lib``,
``typedsock.enum`` and ``typedsock.Final`` public; every module now has ``__all__``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from typing import List, cast

import pytest

import typedsock


def _modules() -> List[types.ModuleType]:
    found = [typedsock]
    for info in pkgutil.iter_modules(typedsock.__path__):
        if info.name not in ("_sock", "__main__"):
            found.append(importlib.import_module(f"typedsock.{info.name}"))
    return found


def test_dir_holds_only_the_public_names() -> None:
    public = {name for name in dir(typedsock) if not name.startswith("_")}
    assert public == set(typedsock.__all__)


def test_every_public_name_is_documented() -> None:
    """Classes and functions carry a docstring (constants and type aliases are documented
    where they are listed); the guides name every socket call they lead to."""
    undocumented = [
        name
        for name in typedsock.__all__
        if (inspect.isclass(getattr(typedsock, name)) or inspect.isfunction(getattr(typedsock, name)))
        and not inspect.getdoc(getattr(typedsock, name))
    ]
    assert not undocumented


@pytest.mark.parametrize("module", _modules(), ids=lambda m: m.__name__)
def test_every_module_has_all(module: types.ModuleType) -> None:
    names: object = getattr(module, "__all__", None)
    assert isinstance(names, list), f"{module.__name__} has no __all__"
    names = cast(List[str], names)
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"{module.__name__}.__all__ names what it lacks: {missing}"
    assert len(set(names)) == len(names), f"{module.__name__}.__all__ repeats a name"


@pytest.mark.parametrize("module", _modules(), ids=lambda m: m.__name__)
def test_what_a_module_defines_is_in_its_all(module: types.ModuleType) -> None:
    """A public class or function defined in a module (not imported into it) is in its ``__all__``."""
    names = set(getattr(module, "__all__", []))
    defined = [
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and getattr(value, "__module__", None) == module.__name__
    ]
    assert sorted(set(defined) - names) == []


def test_no_accidental_names() -> None:
    """The names a star import once leaked."""
    for name in ("lib", "ffi", "enum", "E", "Final", "Type", "TypeVar", "Union", "enum_or_int", "annotations"):
        assert not hasattr(typedsock, name), name
