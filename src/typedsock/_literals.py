"""The literal types the overloads are written in: a family or a kind a checker can see."""

from __future__ import annotations

from typing import Literal

from typedsock._constants import AddressFamily, SocketKind

__all__ = ["DGRAM", "INET", "INET6", "STREAM", "UNIX"]

INET = Literal[AddressFamily.AF_INET]
INET6 = Literal[AddressFamily.AF_INET6]
UNIX = Literal[AddressFamily.AF_UNIX]
STREAM = Literal[SocketKind.SOCK_STREAM, SocketKind.SOCK_SEQPACKET]
DGRAM = Literal[SocketKind.SOCK_DGRAM, SocketKind.SOCK_RAW]
