"""AF_NETLINK: ``NetlinkAddress(pid, groups)`` and its codec (``struct sockaddr_nl``)."""

from __future__ import annotations

from typing import Any, NamedTuple, Tuple, Union

from typedsock import _constants as _c
from typedsock._addresses import Codec, SockAddr, own_fields, unsigned, unsupported
from typedsock._errors import error
from typedsock._scratch import Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["NetlinkAddress", "NetlinkAddressLike", "NetlinkCodec"]


class NetlinkAddress(NamedTuple):
    """An AF_NETLINK address: the port id ``pid`` (0: the kernel) and the multicast ``groups`` mask."""

    pid: int
    """The port id: 0 is the kernel; a socket's own is usually its process id (0 at ``bind``: the kernel assigns one)."""
    groups: int
    """The bit mask of the multicast groups (1 << (group - 1) each)."""


NetlinkAddressLike = Union[NetlinkAddress, Tuple[int, int]]
"""What an AF_NETLINK call takes: a ``NetlinkAddress`` or the standard module's ``(pid, groups)``."""


class NetlinkCodec(Codec[NetlinkAddress]):
    family = _c.AF_NETLINK

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        fields = own_fields(address, NetlinkAddress, "AF_NETLINK", prefix, (2, 2), "(pid, groups)")
        pid = unsigned(fields[0], 32, "pid", prefix)
        groups = unsigned(fields[1], 32, "groups", prefix)
        sa = new_sockaddr()
        length: int = lib.ts_put_netlink(sa, pid, groups)
        if length == 0:
            raise unsupported("AF_NETLINK")
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> NetlinkAddress:
        pid, groups = ffi.new("uint32_t *"), ffi.new("uint32_t *")
        if lib.ts_get_netlink(sa, length, pid, groups) < 0:
            raise error("the kernel reported no AF_NETLINK address")
        return NetlinkAddress(pid[0], groups[0])
