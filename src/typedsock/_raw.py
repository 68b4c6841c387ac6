"""Every family without a type of its own: ``RawAddress(family, data)``, the sockaddr's
bytes after its family field, as the kernel gives them and takes them."""

from __future__ import annotations

from typing import Any, NamedTuple, Tuple, Union, cast

from typedsock._addresses import Codec, SockAddr, own_fields
from typedsock._constants import AddressFamily
from typedsock._literals import enum_or_int, label
from typedsock._scratch import SOCKADDR_SIZE, Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["RawAddress", "RawAddressLike", "RawCodec"]

_DATA_OFFSET: int = lib.TS_SA_DATA_OFFSET


class RawAddress(NamedTuple):
    """An address of a family typedsock has no type for: the family and the bytes after it."""

    family: int
    """The address family (the ``sa_family`` field)."""
    data: bytes
    """The bytes of the ``sockaddr`` after ``sa_family``, as the kernel gave them."""


RawAddressLike = Union[RawAddress, Tuple[int, bytes]]
"""What a call takes on a socket of a family with no address type: a ``RawAddress`` or ``(family, data)``."""


class RawCodec(Codec[RawAddress]):
    """The codec of one such family (one instance per family, made on first use)."""

    def __init__(self, family: int) -> None:
        super().__init__()
        self.family = enum_or_int(AddressFamily, family)  # type: ignore[assignment]

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        name = label(self.family)
        fields = own_fields(address, RawAddress, name, prefix, (2, 2), "(family, data)")
        family, data = fields
        if not isinstance(family, int) or int(family) != int(self.family):
            raise TypeError(f"{prefix}{name} address must be of family {name}, not {family!r}")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"{prefix}{name} address data must be bytes-like, not {type(data).__name__}")
        raw = bytes(cast(bytes, data))
        if len(raw) > SOCKADDR_SIZE - _DATA_OFFSET:
            raise ValueError(f"{prefix}{name} address data too long ({len(raw)} bytes)")
        sa = new_sockaddr()
        length: int = lib.ts_put_raw(sa, int(self.family), raw, len(raw))
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> RawAddress:
        if length <= _DATA_OFFSET:
            return RawAddress(int(self.family), b"")
        # (a length beyond the sockaddr's room would read past it: the kernel wrote no more)
        raw: bytes = ffi.buffer(sa, min(length, SOCKADDR_SIZE))[_DATA_OFFSET:]
        return RawAddress(lib.ts_family(sa), raw)
