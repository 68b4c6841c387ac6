"""AF_TIPC: ``TipcAddress(addr_type, v1, v2, v3, scope)``, the standard module's tuple, and
its codec (``struct sockaddr_tipc``).  By ``addr_type``: TIPC_ADDR_NAMESEQ (type, lower,
upper), TIPC_ADDR_NAME (type, instance, instance again; domain 0), TIPC_ADDR_ID (node,
ref, 0)."""

from __future__ import annotations

from typing import Any, NamedTuple, Tuple, Union

from typedsock import _constants as _c
from typedsock._addresses import Codec, SockAddr, own_fields, unsigned, unsupported
from typedsock._errors import error
from typedsock._scratch import Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["TipcAddress", "TipcAddressLike", "TipcCodec"]

_ADDR_TYPES = {getattr(_c, name, None) for name in ("TIPC_ADDR_NAMESEQ", "TIPC_ADDR_NAME", "TIPC_ADDR_ID")}


class TipcAddress(NamedTuple):
    """An AF_TIPC address, as the standard module's ``(addr_type, v1, v2, v3, scope)``."""

    addr_type: int
    """``TIPC_ADDR_NAMESEQ``, ``TIPC_ADDR_NAME`` or ``TIPC_ADDR_ID``: what ``v1``, ``v2``, ``v3`` are."""
    v1: int
    """NAMESEQ and NAME: the service type; ID: the node."""
    v2: int
    """NAMESEQ: the lower instance; NAME: the instance; ID: the port reference."""
    v3: int
    """NAMESEQ: the upper instance; NAME: the domain (0); ID: 0."""
    scope: int = 0
    """``TIPC_ZONE_SCOPE``, ``TIPC_CLUSTER_SCOPE`` or ``TIPC_NODE_SCOPE`` (of a binding)."""


TipcAddressLike = Union[TipcAddress, Tuple[int, int, int, int], Tuple[int, int, int, int, int]]
"""What an AF_TIPC call takes: a ``TipcAddress`` or the standard module's ``(addr_type, v1, v2, v3[, scope])``."""


class TipcCodec(Codec[TipcAddress]):
    family = _c.AF_TIPC

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        fields = own_fields(address, TipcAddress, "AF_TIPC", prefix, (4, 5), "(addr_type, v1, v2, v3[, scope])")
        addr_type = unsigned(fields[0], 32, "addr_type", prefix)
        v1, v2, v3 = (unsigned(fields[i], 32, f"v{i}", prefix) for i in (1, 2, 3))
        scope = unsigned(fields[4], 8, "scope", prefix) if len(fields) > 4 else 0
        if not lib.TS_HAVE_TIPC:
            raise unsupported("AF_TIPC")
        if addr_type not in _ADDR_TYPES:
            raise ValueError(f"{prefix}AF_TIPC: invalid address type {addr_type}")
        sa = new_sockaddr()
        length: int = lib.ts_put_tipc(sa, addr_type, v1, v2, v3, scope)
        if length == 0:
            raise ValueError(f"{prefix}AF_TIPC: invalid address type {addr_type}")
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> TipcAddress:
        addr_type, scope = ffi.new("uint32_t *"), ffi.new("uint8_t *")
        v1, v2, v3 = ffi.new("uint32_t *"), ffi.new("uint32_t *"), ffi.new("uint32_t *")
        if lib.ts_get_tipc(sa, length, addr_type, v1, v2, v3, scope) < 0:
            raise error("the kernel reported no AF_TIPC address of a known type")
        return TipcAddress(addr_type[0], v1[0], v2[0], v3[0], scope[0])
