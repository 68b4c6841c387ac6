"""Name and service resolution: the seed's ``gethostbyname``/``getservbyname`` and friends."""

# The fallback overloads (family or kind known only at run time) return
# ``Socket[Address]``; by invariance the precise results are not subtypes of it,
# which is deliberate (a Socket[InetAddress] must not accept a UnixAddress).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import os
from typing import Any, Generic, List, Literal, Optional, Union, overload

from typing_extensions import NamedTuple

from typedsock._addresses import CODECS, A, Inet6Address, InetAddress, host_bytes
from typedsock._constants import AddressFamily, SocketKind
from typedsock._errors import error, raise_errno
from typedsock._resolve import addrinfo
from typedsock._scratch import give_back, take
from typedsock._sock import ffi, lib


class AddrInfo(NamedTuple, Generic[A]):
    """One ``getaddrinfo`` result, in CPython's 5-tuple order, with a typed address."""

    family: AddressFamily
    type: SocketKind
    proto: int
    canonname: str
    address: A


def _service(port: Union[int, str, bytes, None]) -> Optional[bytes]:
    if port is None:
        return None
    if isinstance(port, int):
        return str(port).encode("ascii")
    if isinstance(port, str):
        return port.encode("utf-8")
    if isinstance(port, bytes):  # pyright: ignore[reportUnnecessaryIsInstance]
        return port
    raise TypeError(f"getaddrinfo() port must be int, str, bytes or None, not {type(port).__name__}")


@overload
def getaddrinfo(
    host: Union[str, bytes, None],
    port: Union[int, str, bytes, None],
    family: Literal[AddressFamily.AF_INET],
    type: int = ...,
    proto: int = ...,
    flags: int = ...,
) -> List[AddrInfo[InetAddress]]: ...
@overload
def getaddrinfo(
    host: Union[str, bytes, None],
    port: Union[int, str, bytes, None],
    family: Literal[AddressFamily.AF_INET6],
    type: int = ...,
    proto: int = ...,
    flags: int = ...,
) -> List[AddrInfo[Inet6Address]]: ...
@overload
def getaddrinfo(
    host: Union[str, bytes, None],
    port: Union[int, str, bytes, None],
    family: int = ...,
    type: int = ...,
    proto: int = ...,
    flags: int = ...,
) -> List[AddrInfo[Union[InetAddress, Inet6Address]]]: ...
def getaddrinfo(
    host: Union[str, bytes, None],
    port: Union[int, str, bytes, None],
    family: int = 0,
    type: int = 0,
    proto: int = 0,
    flags: int = 0,
) -> List[AddrInfo[Any]]:
    """Resolve ``host`` and ``port``; each result carries the typed address of its family."""
    raw_host = None if host is None else host_bytes(host, "getaddrinfo")
    results: List[AddrInfo[Any]] = []
    scratch = take()
    try:
        for entry in addrinfo(raw_host, _service(port), family, type, proto, flags):
            codec = CODECS.get(entry.family)
            if codec is None or entry.family == lib.AF_UNIX:
                continue
            address = codec.decode(entry.sockaddr, entry.length, scratch)
            results.append(
                AddrInfo(
                    AddressFamily(entry.family),
                    SocketKind(entry.type),
                    entry.proto,
                    entry.canonname,
                    address,
                )
            )
    finally:
        give_back(scratch)
    return results


def gethostbyname(hostname: str) -> str:
    """The IPv4 address of ``hostname`` as a dotted quad (an IP address comes back unchanged)."""
    sa, length = CODECS[lib.AF_INET].encode((hostname, 0))
    scratch = take()
    try:
        address: InetAddress = CODECS[lib.AF_INET].decode(sa, length, scratch)
    finally:
        give_back(scratch)
    return address.host


def getservbyname(servicename: str, protocolname: Optional[str] = None) -> int:
    """The port of a service, e.g. ``getservbyname('http', 'tcp') == 80``."""
    proto = ffi.NULL if protocolname is None else protocolname.encode("ascii")
    port: int = lib.ts_getservbyname(servicename.encode("ascii"), proto)
    if port < 0:
        raise error("service/proto not found")
    return port


def gethostname() -> str:
    """This machine's host name."""
    buf = ffi.new("char[]", 256)
    if lib.gethostname(buf, 256) < 0:
        raise_errno(ffi.errno)
    return os.fsdecode(ffi.string(buf))
