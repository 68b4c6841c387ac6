"""List the network interfaces over NETLINK_ROUTE (what ``ip -o link`` shows first).

    python examples/netlink_links.py

Sends one RTM_GETLINK dump request and prints each interface's index and name, read
from the RTM_NEWLINK replies (an ``ifinfomsg`` and its IFLA_IFNAME attribute).
"""

from __future__ import annotations

import struct
import sys
from typing import List, Tuple

import typedsock
from typedsock import NetlinkAddress

# From <linux/netlink.h> and <linux/rtnetlink.h> (the standard module has none of them).
NLMSG_ERROR, NLMSG_DONE = 2, 3
RTM_NEWLINK, RTM_GETLINK = 16, 18
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
IFLA_IFNAME = 3
NLMSGHDR = struct.Struct("=IHHII")  # len, type, flags, seq, pid
IFINFOMSG = struct.Struct("=BxHiII")  # family, type, index, flags, change
RTATTR = struct.Struct("=HH")  # len, type


def _align(n: int) -> int:
    return (n + 3) & ~3


def _ifname(attrs: bytes) -> str:
    offset = 0
    while offset + RTATTR.size <= len(attrs):
        length, kind = RTATTR.unpack_from(attrs, offset)
        if length < RTATTR.size:
            break
        if kind == IFLA_IFNAME:
            return attrs[offset + RTATTR.size : offset + length].rstrip(b"\0").decode()
        offset += _align(length)
    return ""


def links() -> List[Tuple[int, str]]:
    """(index, name) of every interface, as the kernel lists them."""
    found: List[Tuple[int, str]] = []
    with typedsock.socket(typedsock.AF_NETLINK, typedsock.SOCK_RAW, typedsock.NETLINK_ROUTE) as sock:
        sock.bind(NetlinkAddress(0, 0))
        body = IFINFOMSG.pack(typedsock.AF_UNSPEC, 0, 0, 0, 0)
        request = NLMSGHDR.pack(NLMSGHDR.size + len(body), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body
        sock.sendto(request, NetlinkAddress(0, 0))  # pid 0: the kernel
        while True:
            data, sender = sock.recvfrom(65536)
            assert sender.pid == 0  # a NetlinkAddress: only the kernel answers
            offset = 0
            while offset + NLMSGHDR.size <= len(data):
                length, kind, _flags, _seq, _pid = NLMSGHDR.unpack_from(data, offset)
                if kind == NLMSG_DONE:
                    return found
                if kind == NLMSG_ERROR:
                    raise typedsock.error("RTM_GETLINK failed")
                if kind == RTM_NEWLINK:
                    start = offset + NLMSGHDR.size
                    _family, _type, ifindex, _iflags, _change = IFINFOMSG.unpack_from(data, start)
                    found.append((ifindex, _ifname(data[start + IFINFOMSG.size : offset + length])))
                offset += _align(length)


def main() -> int:
    for ifindex, name in links():
        print(f"{ifindex}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
