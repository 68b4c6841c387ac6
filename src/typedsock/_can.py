"""AF_CAN: one address type per protocol, as the standard module's tuples, and their
codec (``struct sockaddr_can``).  The socket's protocol picks the codec: ``(interface,)``
for CAN_RAW and CAN_BCM (and any other), ``(interface, rx_addr, tx_addr)`` for
CAN_ISOTP, ``(interface, name, pgn, addr)`` for CAN_J1939."""

from __future__ import annotations

from typing import Any, Dict, NamedTuple, Tuple, Union

from typedsock import _constants as _c
from typedsock._addresses import (
    Codec,
    SockAddr,
    interface_index,
    interface_name,
    own_fields,
    unsigned,
    unsupported,
)
from typedsock._errors import error
from typedsock._scratch import SOCKADDR_SIZE, Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = [
    "CanAddress", "CanAddressLike", "CanAnyAddress", "CanCodec", "CanIsotpAddress", "CanJ1939Address",
]


class CanAddress(NamedTuple):
    """A CAN_RAW or CAN_BCM address: the interface name (``""``: every interface)."""

    interface: str
    """The CAN interface's name (``"can0"``, ``"vcan0"``; ``""``: every interface)."""


class CanIsotpAddress(NamedTuple):
    """A CAN_ISOTP address: interface, receive and transmit CAN ids."""

    interface: str
    """The CAN interface's name (``"can0"``)."""
    rx_addr: int
    """The CAN id the socket receives on."""
    tx_addr: int
    """The CAN id the socket sends with."""


class CanJ1939Address(NamedTuple):
    """A CAN_J1939 address: interface, 64-bit ECU name, parameter group number, address."""

    interface: str
    """The CAN interface's name (``"can0"``)."""
    name: int
    """The 64-bit ECU NAME (``J1939_NO_NAME``: none)."""
    pgn: int
    """The parameter group number (``J1939_NO_PGN``: none)."""
    addr: int
    """The 8-bit J1939 address (``J1939_NO_ADDR``: none; ``J1939_IDLE_ADDR``)."""


CanAnyAddress = Union[CanAddress, CanIsotpAddress, CanJ1939Address]
"""An AF_CAN address of any protocol: what an AF_CAN socket's calls return."""
CanAddressLike = Union[CanAnyAddress, Tuple[str], Tuple[str, int, int], Tuple[str, int, int, int]]
"""What an AF_CAN call takes: a typed address or the standard module's tuple (``(interface,)``,
``(interface, rx_addr, tx_addr)`` for ISO-TP, ``(interface, name, pgn, addr)`` for J1939)."""


def _within(sa: Any, length: int) -> Any:
    """The first ``length`` bytes of ``sa``, zeroed after."""
    if length >= SOCKADDR_SIZE:
        return sa
    copy = new_sockaddr()
    ffi.memmove(copy, sa, max(length, 0))
    return copy


_PLAIN, _ISOTP, _J1939 = 0, 1, 2
_SHAPES = {
    _PLAIN: (CanAddress, 1, "(interface,)"),
    _ISOTP: (CanIsotpAddress, 3, "(interface, rx_addr, tx_addr)"),
    _J1939: (CanJ1939Address, 4, "(interface, name, pgn, addr)"),
}


class CanCodec(Codec[CanAnyAddress]):
    """The addresses of one CAN protocol's sockets (``for_proto`` picks the one)."""

    family = _c.AF_CAN

    def __init__(self, shape: int = _PLAIN) -> None:
        super().__init__()
        self._shape = shape
        self._by_proto: Dict[int, CanCodec] = {}

    def for_proto(self, proto: int) -> Codec[Any]:
        shape = {getattr(_c, "CAN_ISOTP", -1): _ISOTP, getattr(_c, "CAN_J1939", -1): _J1939}.get(proto, _PLAIN)
        if shape == self._shape:
            return self
        codec = self._by_proto.get(shape)
        if codec is None:
            codec = self._by_proto[shape] = CanCodec(shape)
        return codec

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        own, size, shape = _SHAPES[self._shape]
        fields = own_fields(address, own, "AF_CAN", prefix, (size, size), shape)
        rx = tx = name = pgn = addr = 0
        if self._shape == _ISOTP:
            rx = unsigned(fields[1], 32, "rx_addr", prefix)
            tx = unsigned(fields[2], 32, "tx_addr", prefix)
        elif self._shape == _J1939:
            name = unsigned(fields[1], 64, "name", prefix)
            pgn = unsigned(fields[2], 32, "pgn", prefix)
            addr = unsigned(fields[3], 8, "addr", prefix)
        ifindex = interface_index(fields[0], "AF_CAN", prefix)
        sa = new_sockaddr()
        length: int = lib.ts_put_can(sa, ifindex, rx, tx, int(self._shape == _J1939), name, pgn, addr)
        if length == 0:
            raise unsupported("AF_CAN J1939" if self._shape == _J1939 else "AF_CAN")
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> CanAnyAddress:
        # The kernel's name may stop before the fields of another protocol (CAN_RAW's is
        # 8 bytes): those read 0, never what the buffer held after ``length``.
        sa = _within(sa, length)
        ifindex, rx, tx = ffi.new("int *"), ffi.new("uint32_t *"), ffi.new("uint32_t *")
        name, pgn, addr = ffi.new("uint64_t *"), ffi.new("uint32_t *"), ffi.new("uint8_t *")
        if lib.ts_get_can(sa, length, ifindex, rx, tx, name, pgn, addr) < 0:
            raise error("the kernel reported no AF_CAN address")
        interface = interface_name(ifindex[0])
        if self._shape == _ISOTP:
            return CanIsotpAddress(interface, rx[0], tx[0])
        if self._shape == _J1939:
            return CanJ1939Address(interface, name[0], pgn[0], addr[0])
        return CanAddress(interface)
