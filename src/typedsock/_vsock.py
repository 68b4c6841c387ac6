"""AF_VSOCK: ``VsockAddress(cid, port)`` and its codec (``struct sockaddr_vm``)."""

from __future__ import annotations

from typing import Any, NamedTuple, Tuple, Union

from typedsock import _constants as _c
from typedsock._addresses import Codec, SockAddr, own_fields, unsigned, unsupported
from typedsock._errors import error
from typedsock._scratch import Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["VsockAddress", "VsockAddressLike", "VsockCodec"]


class VsockAddress(NamedTuple):
    """An AF_VSOCK address: context id ``cid`` (VMADDR_CID_*) and ``port``."""

    cid: int
    """The context id: ``VMADDR_CID_HOST`` (2), ``VMADDR_CID_LOCAL`` (1), a guest's id, or ``VMADDR_CID_ANY`` to bind."""
    port: int
    """The port (``VMADDR_PORT_ANY`` to bind: the kernel chooses)."""


VsockAddressLike = Union[VsockAddress, Tuple[int, int]]
"""What an AF_VSOCK call takes: a ``VsockAddress`` or the standard module's ``(cid, port)``."""


class VsockCodec(Codec[VsockAddress]):
    family = _c.AF_VSOCK

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        fields = own_fields(address, VsockAddress, "AF_VSOCK", prefix, (2, 2), "(cid, port)")
        cid = unsigned(fields[0], 32, "cid", prefix)
        port = unsigned(fields[1], 32, "port", prefix)
        sa = new_sockaddr()
        length: int = lib.ts_put_vsock(sa, cid, port)
        if length == 0:
            raise unsupported("AF_VSOCK")
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> VsockAddress:
        cid, port = ffi.new("uint32_t *"), ffi.new("uint32_t *")
        if lib.ts_get_vsock(sa, length, cid, port) < 0:
            raise error("the kernel reported no AF_VSOCK address")
        return VsockAddress(cid[0], port[0])
