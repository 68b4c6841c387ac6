"""AF_PACKET: ``PacketAddress(ifname, proto, pkttype, hatype, addr)`` and its codec
(``struct sockaddr_ll``; the interface by name, through if_nametoindex/if_indextoname)."""

from __future__ import annotations

from typing import Any, NamedTuple, Tuple, Union, cast

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
from typedsock._scratch import Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["PacketAddress", "PacketAddressLike", "PacketCodec"]

_ADDR_SIZE: int = lib.TS_PACKET_ADDR_SIZE


class PacketAddress(NamedTuple):
    """An AF_PACKET address: interface name (``""``: any), ethernet protocol (host
    order), packet type (PACKET_*), ARP hardware type and hardware address."""

    ifname: str
    """The interface's name (``"eth0"``; ``""``: any)."""
    proto: int
    """The ethernet protocol (``ETH_P_*``), in host byte order."""
    pkttype: int = 0
    """The packet type: ``PACKET_HOST``, ``PACKET_BROADCAST``, ``PACKET_MULTICAST``, ``PACKET_OTHERHOST``, ``PACKET_OUTGOING``."""
    hatype: int = 0
    """The ARP hardware type (``ARPHRD_*``; 1: ethernet)."""
    addr: bytes = b""
    """The hardware (MAC) address, as bytes (at most 8)."""


PacketAddressLike = Union[
    PacketAddress,
    Tuple[str, int],
    Tuple[str, int, int],
    Tuple[str, int, int, int],
    Tuple[str, int, int, int, bytes],
]
"""What an AF_PACKET call takes: a ``PacketAddress`` or the standard module's ``(ifname, proto[, pkttype[, hatype[, addr]]])``."""


class PacketCodec(Codec[PacketAddress]):
    family = _c.AF_PACKET

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        fields = own_fields(
            address, PacketAddress, "AF_PACKET", prefix, (2, 5), "(ifname, proto[, pkttype[, hatype[, addr]]])"
        )
        ifname, proto = fields[0], unsigned(fields[1], 16, "proto", prefix)
        pkttype = unsigned(fields[2], 8, "pkttype", prefix) if len(fields) > 2 else 0
        hatype = unsigned(fields[3], 16, "hatype", prefix) if len(fields) > 3 else 0
        hwaddr = fields[4] if len(fields) > 4 else b""
        if not isinstance(hwaddr, (bytes, bytearray, memoryview)):
            raise TypeError(f"{prefix}AF_PACKET hardware address must be bytes-like, not {type(hwaddr).__name__}")
        raw = bytes(cast(bytes, hwaddr))
        if len(raw) > _ADDR_SIZE:
            raise ValueError(f"{prefix}Hardware address must be {_ADDR_SIZE} bytes or less")
        ifindex = interface_index(ifname, "AF_PACKET", prefix)
        sa = new_sockaddr()
        length: int = lib.ts_put_packet(sa, ifindex, proto, pkttype, hatype, raw, len(raw))
        if length == 0:
            raise unsupported("AF_PACKET")
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> PacketAddress:
        ifindex, proto = ffi.new("int *"), ffi.new("uint16_t *")
        pkttype, hatype = ffi.new("uint8_t *"), ffi.new("uint16_t *")
        hwaddr, hwlen = ffi.new("char[]", _ADDR_SIZE), ffi.new("size_t *")
        if lib.ts_get_packet(sa, length, ifindex, proto, pkttype, hatype, hwaddr, _ADDR_SIZE, hwlen) < 0:
            raise error("the kernel reported no AF_PACKET address")
        return PacketAddress(
            interface_name(ifindex[0]), proto[0], pkttype[0], hatype[0], ffi.unpack(hwaddr, hwlen[0])
        )
