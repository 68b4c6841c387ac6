"""Families and kinds as the overloads see them (literal types) and as messages name them."""

from __future__ import annotations

import enum
from typing import Literal, Type, TypeVar, Union

from typedsock._constants import AddressFamily, SocketKind

__all__ = ["DGRAM", "INET", "INET6", "STREAM", "UNIX", "enum_or_int", "label"]

INET = Literal[AddressFamily.AF_INET]
INET6 = Literal[AddressFamily.AF_INET6]
UNIX = Literal[AddressFamily.AF_UNIX]
STREAM = Literal[SocketKind.SOCK_STREAM, SocketKind.SOCK_SEQPACKET]
DGRAM = Literal[SocketKind.SOCK_DGRAM, SocketKind.SOCK_RAW]

E = TypeVar("E", bound=enum.IntEnum)


def enum_or_int(enum_type: Type[E], value: int) -> Union[E, int]:
    """The member of ``enum_type`` with this value, or the bare int when there is none."""
    try:
        return enum_type(value)
    except ValueError:
        return value


def label(value: int) -> str:
    """An enum member's name (``AF_INET``), or the bare number."""
    return getattr(value, "name", None) or str(int(value))
