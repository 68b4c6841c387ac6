"""Families and kinds as the overloads see them (literal types) and as messages name them;
the typing-only ``deprecated`` marker of the overloads."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Literal, Type, TypeVar, Union

from typedsock._constants import AddressFamily, SocketKind

__all__ = [
    "ALG", "CAN", "DGRAM", "INET", "INET6", "NETLINK", "PACKET", "STREAM", "TIPC", "UNIX", "VSOCK",
    "deprecated", "enum_or_int", "label",
]

INET = Literal[AddressFamily.AF_INET]
INET6 = Literal[AddressFamily.AF_INET6]
UNIX = Literal[AddressFamily.AF_UNIX]
PACKET = Literal[AddressFamily.AF_PACKET]
NETLINK = Literal[AddressFamily.AF_NETLINK]
VSOCK = Literal[AddressFamily.AF_VSOCK]
CAN = Literal[AddressFamily.AF_CAN]
ALG = Literal[AddressFamily.AF_ALG]
TIPC = Literal[AddressFamily.AF_TIPC]
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


# The ``@deprecated`` overloads are typing-only (the implementation raises the
# TypeError), so at run time the decorator is nothing, and nothing is imported for it.
# (mypy reads a deprecation only from a string literal: each overload spells it out.)
if TYPE_CHECKING:
    from typing_extensions import deprecated as deprecated
else:

    def deprecated(message):
        """Run time: the overloads it marks are typing-only, so it marks nothing."""
        return lambda function: function
