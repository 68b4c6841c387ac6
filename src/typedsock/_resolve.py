"""Name resolution through getaddrinfo(3) (thread-safe), at the C level.

``addrinfo`` walks the result list once and copies each sockaddr into memory
Python owns, so the list can be freed before anything is decoded.
"""

from __future__ import annotations

from typing import Any, List, NamedTuple, Optional, Tuple

from typedsock._errors import from_errno, gaierror
from typedsock._scratch import SOCKADDR_SIZE, give_back, new_sockaddr, take
from typedsock._sock import ffi, lib

__all__ = ["RawAddrInfo", "addrinfo", "gai_error", "resolve_host"]


class RawAddrInfo(NamedTuple):
    family: int
    type: int
    proto: int
    canonname: str
    sockaddr: Any  # owning struct sockaddr[] cdata
    length: int


def gai_error(code: int) -> Exception:
    if code == lib.EAI_SYSTEM:
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


def resolve_host(host: bytes, family: int) -> Tuple[bytes, int]:
    """A host name -> its first numeric address of ``family`` (and IPv6 scope id)."""
    first = addrinfo(host, None, family)[0]
    scratch = take()
    try:
        if family == lib.AF_INET6:
            lib.ts_get_inet6(first.sockaddr, scratch.host, scratch.port, scratch.flowinfo, scratch.scope_id)
            return ffi.string(scratch.host), scratch.scope_id[0]
        lib.ts_get_inet(first.sockaddr, scratch.host, scratch.port)
        return ffi.string(scratch.host), 0
    finally:
        give_back(scratch)
