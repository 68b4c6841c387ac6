"""Name and service resolution, with the standard module's results and errors.

``getaddrinfo`` gives typed addresses; the classic calls (``gethostbyname``,
``gethostbyname_ex``, ``gethostbyaddr``, ``getnameinfo``, ``getservbyname``,
``getservbyport``, ``getprotobyname``, ``gethostname``) return what CPython's
``socket`` module returns and fail as it does: resolver failures are
``gaierror(EAI_*, gai_strerror)``, host-database failures
``herror(h_errno, hstrerror)``, and "not found" lookups ``error(message)``.
Every C call is reentrant (``getaddrinfo``, the ``*_r`` lookups).
"""

# The fallback overloads (family or kind known only at run time) return
# ``Socket[Address]``; by invariance the precise results are not subtypes of it,
# which is deliberate (a Socket[InetAddress] must not accept a UnixAddress).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import os
import sys
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Generic,
    List,
    Literal,
    Optional,
    Tuple,
    Union,
    cast,
    overload,
)

if sys.version_info >= (3, 11):
    from typing import NamedTuple
else:  # a generic NamedTuple needs the backport before 3.11
    from typing_extensions import NamedTuple

from typedsock import _constants as _c
from typedsock._addresses import CODECS, A, Inet6Address, InetAddress, host_bytes
from typedsock._args import LONG_MAX, LONG_MIN, int_arg, str_arg
from typedsock._constants import AddressFamily, SocketKind
from typedsock._errors import error, herror, raise_errno
from typedsock._resolve import addrinfo, gai_error, setipaddr
from typedsock._scratch import give_back, take
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typedsock._sock import CData

__all__ = [
    "AddrInfo",
    "HostEntry",
    "SockAddr",
    "getaddrinfo",
    "getfqdn",
    "gethostbyaddr",
    "gethostbyname",
    "gethostbyname_ex",
    "gethostname",
    "getnameinfo",
    "getprotobyname",
    "getservbyname",
    "getservbyport",
]

HostEntry = Tuple[str, List[str], List[str]]
"""``(hostname, aliaslist, ipaddrlist)``, as ``gethostbyname_ex``/``gethostbyaddr`` return it."""

SockAddr = Union[InetAddress, Inet6Address, Tuple[str, int], Tuple[str, int, int], Tuple[str, int, int, int]]
"""What ``getnameinfo`` takes: an IPv4 ``(host, port)`` or IPv6 ``(host, port, flowinfo, scope_id)``."""


class AddrInfo(NamedTuple, Generic[A]):
    """One ``getaddrinfo`` result, in CPython's 5-tuple order, with a typed address."""

    family: AddressFamily
    """The address family of ``address``."""
    type: SocketKind
    """The socket kind to use with it (``SOCK_STREAM``, ``SOCK_DGRAM``, ``SOCK_RAW``)."""
    proto: int
    """The protocol to create the socket with (``IPPROTO_TCP``, ``IPPROTO_UDP``...)."""
    canonname: str
    """The host's canonical name when ``AI_CANONNAME`` was asked for (on the first result), else ``""``."""
    address: A
    """The address, typed by family (``InetAddress``, ``Inet6Address``), ready for ``connect``."""


def _service(port: Union[int, str, bytes, None]) -> Optional[bytes]:
    if port is None:
        return None
    if isinstance(port, int):
        # Before 3.12 the standard module's port is a C long; from 3.12 any int goes to the
        # resolver as its digits, which may refuse it (gaierror EAI_SERVICE), as there.
        if sys.version_info < (3, 12) and not LONG_MIN <= port <= LONG_MAX:
            raise OverflowError("Python int too large to convert to C long")
        return str(int(port)).encode("ascii")
    if isinstance(port, str):
        return port.encode("utf-8")
    if isinstance(port, bytes):  # pyright: ignore[reportUnnecessaryIsInstance]
        return port
    raise error("Int or String expected")  # CPython's words (and an OSError, as there)


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
    if host is not None and not isinstance(host, (str, bytes)):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError("getaddrinfo() argument 1 must be string or None")
    raw_host = None if host is None else host_bytes(host)
    results: List[AddrInfo[Any]] = []
    scratch = take()
    try:
        for entry in addrinfo(raw_host, _service(port), family, type, proto, flags):
            codec = CODECS.get(entry.family)
            if codec is None or entry.family == _c.AF_UNIX:
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


def _c_string(ptr: CData) -> str:
    return ffi.string(ptr).decode("utf-8")


# -- the host database ----------------------------------------------------------

_Sockaddr = Tuple[Any, int]  # (owning struct sockaddr[] cdata, length)


def _host_entry(lookup: Callable[[CData, CData, int, CData, CData], int], family: int) -> HostEntry:
    """Run one ``*_r`` host lookup (growing its buffer on ERANGE) and decode the ``hostent``."""
    size = 16384
    while True:
        ent = ffi.new("struct hostent *")
        buf = ffi.new("char[]", size)
        res = ffi.new("struct hostent **")
        h_err = ffi.new("int *")
        code = lookup(ent, buf, size, res, h_err)
        if code == lib.ERANGE and size < 1 << 24:
            size *= 2
            continue
        break
    found = res[0]
    if found == ffi.NULL:
        # The lookup's own code (*h_errnop): CPython reads the global h_errno,
        # which glibc's *_r functions do not always set (it may be stale).
        raise herror(h_err[0], _c_string(lib.hstrerror(h_err[0])))
    if found.h_addrtype != family:
        raise_errno(lib.EAFNOSUPPORT)
    aliases: List[str] = []
    index = 0
    while found.h_aliases[index] != ffi.NULL:
        aliases.append(_c_string(found.h_aliases[index]))
        index += 1
    addresses: List[str] = []
    text = ffi.new("char[]", lib.INET6_ADDRSTRLEN)
    index = 0
    while found.h_addr_list[index] != ffi.NULL:
        if lib.inet_ntop(family, found.h_addr_list[index], text, lib.INET6_ADDRSTRLEN) == ffi.NULL:
            raise_errno(ffi.errno)
        addresses.append(ffi.string(text).decode("ascii"))
        index += 1
    return _c_string(found.h_name), aliases, addresses


def gethostbyname(hostname: Union[str, bytes, bytearray], /) -> str:
    """The IPv4 address of ``hostname`` as a dotted quad (an IP address comes back unchanged)."""
    sa, _, _ = setipaddr(host_bytes(hostname, "gethostbyname"), _c.AF_INET)
    scratch = take()
    try:
        lib.ts_get_inet(sa, scratch.host, scratch.port)
        return ffi.string(scratch.host).decode("ascii")
    finally:
        give_back(scratch)


def gethostbyname_ex(hostname: Union[str, bytes, bytearray], /) -> HostEntry:
    """``(hostname, aliaslist, ipaddrlist)`` for ``hostname``, IPv4 addresses only."""
    raw = host_bytes(hostname, "gethostbyname_ex")
    sa, _, _ = setipaddr(raw, _c.AF_INET)
    return _host_entry(
        lambda ent, buf, size, res, h_err: lib.gethostbyname_r(raw, ent, buf, size, res, h_err),
        lib.ts_family(sa),
    )


def gethostbyaddr(ip_address: Union[str, bytes, bytearray], /) -> HostEntry:
    """``(hostname, aliaslist, ipaddrlist)`` for an IPv4 or IPv6 address (or a host name)."""
    sa, _, _ = setipaddr(host_bytes(ip_address, "gethostbyaddr"), _c.AF_UNSPEC)
    return _host_entry(
        lambda ent, buf, size, res, h_err: lib.ts_gethostbyaddr(sa, ent, buf, size, res, h_err),
        lib.ts_family(sa),
    )


def getfqdn(name: str = "") -> str:
    """A fully qualified domain name for ``name`` (this host when empty), as the standard module finds it."""
    name = name.strip()
    if not name or name in ("0.0.0.0", "::"):
        name = gethostname()
    try:
        hostname, aliases, _ = gethostbyaddr(name)
    except OSError:
        return name
    aliases.insert(0, hostname)
    for alias in aliases:
        if "." in alias:
            return alias
    return hostname


def getnameinfo(sockaddr: SockAddr, flags: int, /) -> Tuple[str, str]:
    """``(host, port)`` names for a numeric socket address, e.g. ``('localhost', 'http')``.

    The host must be a numeric address (resolved with AI_NUMERICHOST); an IPv4
    address takes ``(host, port)``, an IPv6 one ``(host, port[, flowinfo[, scope_id]])``.
    """
    if not isinstance(sockaddr, tuple):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError("getnameinfo() argument 1 must be a tuple")
    fields = cast(Tuple[object, ...], sockaddr)
    if not 2 <= len(fields) <= 4 or not isinstance(fields[0], str):
        raise TypeError("getnameinfo(): illegal sockaddr argument")
    host = str_arg(fields[0], "getnameinfo", 1)
    port = int_arg(fields[1])
    flowinfo, scope_id = (int_arg(field, c_int=False) for field in (*fields[2:], 0, 0)[:2])
    flags = int_arg(flags)
    if not 0 <= flowinfo <= 0xFFFFF:
        raise OverflowError("getnameinfo(): flowinfo must be 0-1048575.")
    # CPython lets these wrap silently (port 70000 is looked up as 4464); never truncated here.
    if not 0 <= port <= 0xFFFF:
        raise OverflowError("getnameinfo(): port must be 0-65535.")
    if not 0 <= scope_id <= 0xFFFFFFFF:
        raise OverflowError("getnameinfo(): scope_id must be 0-4294967295.")
    found = addrinfo(
        host, str(port).encode("ascii"), _c.AF_UNSPEC, _c.SOCK_DGRAM, flags=_c.AI_NUMERICHOST
    )
    if len(found) > 1:
        raise error("sockaddr resolved to multiple addresses")
    sa, length = found[0].sockaddr, found[0].length
    if found[0].family == _c.AF_INET:
        if len(fields) != 2:
            raise error("IPv4 sockaddr must be 2 tuple")
    elif found[0].family == _c.AF_INET6:
        lib.ts_set_port(sa, port, flowinfo, scope_id)  # as CPython: scope_id replaces any %zone
    host_buf = ffi.new("char[]", _c.NI_MAXHOST)
    serv_buf = ffi.new("char[]", _c.NI_MAXSERV)
    code = lib.getnameinfo(sa, length, host_buf, _c.NI_MAXHOST, serv_buf, _c.NI_MAXSERV, flags)
    if code != 0:
        raise gai_error(code)
    return _c_string(host_buf), _c_string(serv_buf)


# -- services and protocols -----------------------------------------------------


def getservbyname(servicename: str, protocolname: Optional[str] = None, /) -> int:
    """The port of a service, e.g. ``getservbyname('http', 'tcp') == 80``."""
    name = str_arg(servicename, "getservbyname", 1)
    proto = ffi.NULL if protocolname is None else str_arg(protocolname, "getservbyname", 2)
    port: int = lib.ts_getservbyname(name, proto)
    if port < 0:
        raise error("service/proto not found")
    return port


def getservbyport(port: int, protocolname: Optional[str] = None, /) -> str:
    """The service name of a port, e.g. ``getservbyport(80, 'tcp') == 'http'``."""
    number = int_arg(port)
    if not 0 <= number <= 0xFFFF:
        raise OverflowError("getservbyport: port must be 0-65535.")
    proto = ffi.NULL if protocolname is None else str_arg(protocolname, "getservbyport", 2)
    out = ffi.new("char[]", 1024)
    if lib.ts_getservbyport(number, proto, out, 1024) < 0:
        raise error("port/proto not found")
    return _c_string(out)


def getprotobyname(protocolname: str, /) -> int:
    """The number of a protocol, e.g. ``getprotobyname('tcp') == IPPROTO_TCP``."""
    number: int = lib.ts_getprotobyname(str_arg(protocolname, "getprotobyname", 1))
    if number < 0:
        raise error("protocol not found")
    return number


def gethostname() -> str:
    """This machine's host name."""
    buf = ffi.new("char[]", 1024)
    if lib.gethostname(buf, 1024) < 0:
        raise_errno(ffi.errno)
    return os.fsdecode(ffi.string(buf))
