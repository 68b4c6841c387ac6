"""Name resolution through getaddrinfo(3) (thread-safe), at the C level, and the
one host-to-sockaddr path (``setipaddr``) that every call taking a host uses.

``addrinfo`` walks the result list once and copies each sockaddr into memory
Python owns, so the list can be freed before anything is decoded.
"""

from __future__ import annotations

from typing import Any, List, NamedTuple, Optional, Tuple

from typedsock import _constants as _c
from typedsock._errors import error, from_errno, gaierror
from typedsock._scratch import SOCKADDR_SIZE, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["RawAddrInfo", "addrinfo", "gai_error", "setipaddr"]


class RawAddrInfo(NamedTuple):
    family: int
    type: int
    proto: int
    canonname: str
    sockaddr: Any  # owning struct sockaddr[] cdata
    length: int


def gai_error(code: int) -> Exception:
    if code == _c.EAI_SYSTEM:
        return from_errno(ffi.errno)
    message = ffi.string(lib.gai_strerror(code)).decode("utf-8", "replace")
    return gaierror(code, message)


def addrinfo(
    host: Optional[bytes],
    port: Optional[bytes],
    family: int = 0,
    type: int = 0,
    proto: int = 0,
    flags: int = 0,
) -> List[RawAddrInfo]:
    hints = ffi.new("struct addrinfo *")
    hints.ai_family = family
    hints.ai_socktype = type
    hints.ai_protocol = proto
    hints.ai_flags = flags
    result = ffi.new("struct addrinfo **")
    code = lib.getaddrinfo(
        ffi.NULL if host is None else host, ffi.NULL if port is None else port, hints, result
    )
    if code != 0:
        raise gai_error(code)
    found: List[RawAddrInfo] = []
    try:
        ai = result[0]
        while ai != ffi.NULL:
            length = min(int(ai.ai_addrlen), SOCKADDR_SIZE)
            sa = new_sockaddr()
            ffi.memmove(sa, ai.ai_addr, length)
            canon = ffi.string(ai.ai_canonname).decode("utf-8", "replace") if ai.ai_canonname else ""
            found.append(RawAddrInfo(ai.ai_family, ai.ai_socktype, ai.ai_protocol, canon, sa, length))
            ai = ai.ai_next
    finally:
        lib.freeaddrinfo(result[0])
    return found


def setipaddr(host: bytes, family: int) -> Tuple[Any, int, bool]:
    """``host`` as a sockaddr of ``family`` (AF_UNSPEC: either) with port 0, its length,
    and whether it was numeric (no resolver asked: an encoding worth caching).

    The one place for the rules of CPython's ``setipaddr``: ``''`` is the wildcard
    address, ``'<broadcast>'`` and ``'255.255.255.255'`` INADDR_BROADCAST (AF_INET only),
    a numeric address is parsed, anything else (a name, an IPv6 ``%zone``) is the
    first address getaddrinfo gives.  The caller sets the port (``ts_set_port``).
    """
    sa = new_sockaddr()
    if host == b"":
        if family == _c.AF_INET:
            return sa, lib.ts_put_inet_u32(sa, _c.INADDR_ANY), True
        if family == _c.AF_INET6:
            return sa, lib.ts_put_inet6(sa, b"::"), True
        found = addrinfo(None, b"0", family, _c.SOCK_DGRAM, flags=_c.AI_PASSIVE)
        if found[0].family not in (_c.AF_INET, _c.AF_INET6):
            raise error("unsupported address family")
        if len(found) > 1:
            raise error("wildcard resolved to multiple address")
        return found[0].sockaddr, found[0].length, True
    if host in (b"255.255.255.255", b"<broadcast>"):
        if family not in (_c.AF_INET, _c.AF_UNSPEC):
            raise error("address family mismatched")
        return sa, lib.ts_put_inet_u32(sa, _c.INADDR_BROADCAST), True
    if family in (_c.AF_UNSPEC, _c.AF_INET):
        length = lib.ts_put_inet(sa, host)
        if length:
            return sa, length, True
    if family in (_c.AF_UNSPEC, _c.AF_INET6) and b"%" not in host:
        length = lib.ts_put_inet6(sa, host)
        if length:
            return sa, length, True
    first = addrinfo(host, None, family)[0]
    if first.family not in (_c.AF_INET, _c.AF_INET6):
        raise error("unknown address family")
    return first.sockaddr, first.length, False
