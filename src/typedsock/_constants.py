"""Constants, with the values the system headers give (through the build).

The names come from the one table, ``_table.py``; their values from the C the build
generated from it (``lib.ts_names()``: each name the headers have, with its value).
The standard module's enums are built from them as ``socket.py`` builds its own
(``IntEnum._convert_``: members sorted by value, then name, so an alias such as
AF_ROUTE names the same member as AF_NETLINK), with members only for the names
present, and every present name is a module-level name.  The declarations the
type checkers read are in ``_constants.pyi``, generated from the same table.
"""

from __future__ import annotations

import enum
from typing import Dict, List, Tuple, Type, Union, cast

from typedsock._sock import ffi, lib
from typedsock._table import ENUMS, entries


def _read_values() -> Dict[str, int]:
    table = lib.ts_names()
    return {ffi.string(table[i].name).decode(): int(table[i].value) for i in range(lib.TS_NAMES_COUNT)}


VALUES: Dict[str, int] = _read_values()
_PRESENT = [entry for entry in entries() if entry.name in VALUES]

_DOCS = {
    "AddressFamily": "Address families (the first argument of ``socket()``).",
    "SocketKind": "Socket types (the second argument of ``socket()``).",
    "MsgFlag": "Flags for send/recv calls.",
    "AddressInfo": "Flags for ``getaddrinfo()``.",
}


def _members(group: str) -> List[Tuple[str, int]]:
    members = [(entry.name, VALUES[entry.name]) for entry in _PRESENT if entry.group == group]
    return sorted(members, key=lambda member: (member[1], member[0]))


def _int_enum(name: str) -> Type[enum.IntEnum]:
    cls = cast(Type[enum.IntEnum], enum.IntEnum(name, _members(name), module=__name__))
    cls.__doc__ = _DOCS[name]
    return cls


def _int_flag(name: str) -> Type[enum.IntFlag]:
    cls = cast(Type[enum.IntFlag], enum.IntFlag(name, _members(name), module=__name__))
    cls.__doc__ = _DOCS[name]
    return cls


AddressFamily = _int_enum("AddressFamily")
SocketKind = _int_enum("SocketKind")
MsgFlag = _int_flag("MsgFlag")
AddressInfo = _int_flag("AddressInfo")

_ENUM_CLASSES: Dict[str, Union[Type[enum.IntEnum], Type[enum.IntFlag]]] = {
    "AddressFamily": AddressFamily,
    "SocketKind": SocketKind,
    "MsgFlag": MsgFlag,
    "AddressInfo": AddressInfo,
}
assert list(_ENUM_CLASSES) == list(ENUMS)

globals().update(
    {
        entry.name: VALUES[entry.name] if entry.group == "int" else _ENUM_CLASSES[entry.group][entry.name]
        for entry in _PRESENT
    }
)

__all__ = list(ENUMS) + [entry.name for entry in _PRESENT]  # pyright: ignore[reportUnsupportedDunderAll]
