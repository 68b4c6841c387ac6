"""The standard module's convenience functions, typed by family.

``create_connection`` tries each ``getaddrinfo`` result in turn;
``create_server`` makes a listening stream socket the way CPython's
``Lib/socket.py`` does (SO_REUSEADDR, IPV6_V6ONLY, dual stack, the bind error
message); ``send_fds``/``recv_fds`` delegate to the socket methods and
``close(fd)`` closes a bare descriptor.

Their sockets come from the public name, ``typedsock.socket``, looked up at each call as
``Lib/socket.py`` looks up its global ``socket``: a test that patches ``typedsock.socket``
patches these too.
"""

# The fallback overloads (family known only at run time) return
# ``StreamSocket[Address]``; by invariance the precise results are not subtypes
# of it, which is deliberate (a socket of one family never takes another's address).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Final, Iterable, List, Literal, Optional, Tuple, Union, cast, overload

import typedsock  # typedsock.socket, at call time (typedsock imports this module)
from typedsock import _constants as _c
from typedsock._addresses import (
    Inet6Address,
    Inet6AddressLike,
    InetAddress,
    InetAddressLike,
    UnixAddress,
    UnixAddressLike,
)
from typedsock._args import fd_arg
from typedsock._constants import AF_INET, AF_INET6, SOCK_STREAM
from typedsock._errors import error, error_class, raise_errno
from typedsock._literals import deprecated
from typedsock._names import getaddrinfo
from typedsock._sock import ffi, lib
from typedsock._socket import Socket
from typedsock._stream import StreamSocket

if TYPE_CHECKING:
    from typing_extensions import Buffer

    from typedsock._literals import INET, INET6, UNIX

__all__ = [
    "Host",
    "Port",
    "SourceAddress",
    "close",
    "create_connection",
    "create_server",
    "dup",
    "has_dualstack_ipv6",
    "recv_fds",
    "send_fds",
]

_GLOBAL_DEFAULT_TIMEOUT: Final[object] = object()
"""The "not given" timeout: the new socket keeps ``getdefaulttimeout()``.

The standard module's own sentinel is taken to mean the same (see
``_is_default_timeout``), without importing ``socket`` here.
"""

Host = Union[str, bytes, None]
Port = Union[int, str, bytes, None]
SourceAddress = Union[InetAddressLike, Inet6AddressLike, Tuple[str, int]]


def _is_default_timeout(timeout: object) -> bool:
    """Ours, or the standard module's sentinel (code that holds that one has imported it)."""
    stdlib = sys.modules.get("socket")
    return timeout is _GLOBAL_DEFAULT_TIMEOUT or timeout is getattr(stdlib, "_GLOBAL_DEFAULT_TIMEOUT", _GLOBAL_DEFAULT_TIMEOUT)


# -- create_connection ----------------------------------------------------------


@overload
def create_connection(
    address: InetAddress,
    timeout: Optional[float] = ...,
    source_address: Optional[InetAddressLike] = ...,
    *,
    all_errors: bool = ...,
) -> StreamSocket[InetAddress]: ...
@overload
@deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
def create_connection(
    address: Inet6Address,
    timeout: Optional[float] = ...,
    *,
    source_address: InetAddress,
    all_errors: bool = ...,
) -> StreamSocket[Inet6Address]: ...
@overload
@deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
def create_connection(
    address: Inet6Address,
    timeout: Optional[float],
    source_address: InetAddress,
    *,
    all_errors: bool = ...,
) -> StreamSocket[Inet6Address]: ...
@overload
def create_connection(
    address: Inet6Address,
    timeout: Optional[float] = ...,
    source_address: Optional[Inet6AddressLike] = ...,
    *,
    all_errors: bool = ...,
) -> StreamSocket[Inet6Address]: ...
@overload
def create_connection(
    address: Tuple[Host, Port],
    timeout: Optional[float] = ...,
    source_address: Optional[SourceAddress] = ...,
    *,
    all_errors: bool = ...,
) -> Union[StreamSocket[InetAddress], StreamSocket[Inet6Address]]: ...
def create_connection(
    address: Any,
    timeout: object = _GLOBAL_DEFAULT_TIMEOUT,
    source_address: Optional[SourceAddress] = None,
    *,
    all_errors: bool = False,
) -> Any:
    """Connect to ``(host, port)``, trying each address it resolves to in turn.

    ``timeout`` (seconds, or None for blocking) is set before connecting; not
    given, the socket keeps ``getdefaulttimeout()``.  ``source_address`` is bound
    first when given.  An ``InetAddress`` resolves to IPv4 addresses only and
    gives a ``StreamSocket[InetAddress]``; an ``Inet6Address`` to IPv6 only (its
    flowinfo and scope_id kept) and gives a ``StreamSocket[Inet6Address]``.  If
    every address fails, the last error is raised, or with ``all_errors`` an
    ``ExceptionGroup`` of them all (Python 3.11+; before, the last error).
    """
    family = 0
    if isinstance(address, Inet6Address):
        family = _c.AF_INET6
        host, port = address.host, address.port
    elif isinstance(address, InetAddress):
        family = _c.AF_INET
        host, port = address
    else:
        host, port = address
    # A typed source address fixes the family too (it cannot bind a socket of another).
    if isinstance(source_address, Inet6Address):
        family = family or _c.AF_INET6
    elif isinstance(source_address, InetAddress):
        family = family or _c.AF_INET
    exceptions: List[OSError] = []
    for info in getaddrinfo(host, port, family, SOCK_STREAM):
        if family and info.family != family:
            continue
        target: Union[InetAddress, Inet6Address] = info.address
        if isinstance(address, Inet6Address) and isinstance(target, Inet6Address):
            target = target._replace(flowinfo=address.flowinfo, scope_id=address.scope_id or target.scope_id)
        sock: Optional[Socket[Any]] = None
        try:
            sock = typedsock.socket(info.family, info.type, info.proto)
            if not _is_default_timeout(timeout):
                sock.settimeout(cast(Optional[float], timeout))
            if source_address:
                sock.bind(source_address)
            sock.connect(target)
            exceptions.clear()  # break the reference cycle, as CPython does
            return sock
        except OSError as exc:
            if not all_errors:
                exceptions.clear()  # raise only the last error
            exceptions.append(exc)
            if sock is not None:
                sock.close()
        except BaseException:
            if sock is not None:
                sock.close()
            raise
    if exceptions:
        try:
            if all_errors and sys.version_info >= (3, 11):
                raise ExceptionGroup("create_connection failed", exceptions)  # noqa: F821
            raise exceptions[-1]
        finally:
            exceptions.clear()
    raise error("getaddrinfo returns an empty list")


# -- create_server --------------------------------------------------------------


def has_dualstack_ipv6() -> bool:
    """Whether an AF_INET6 socket can take IPv4 connections too (IPV6_V6ONLY off)."""
    try:
        with typedsock.socket(AF_INET6, SOCK_STREAM) as sock:
            sock.setsockopt(_c.IPPROTO_IPV6, _c.IPV6_V6ONLY, 0)
            return True
    except OSError:
        return False


@overload
def create_server(
    address: InetAddressLike,
    *,
    family: INET = ...,
    backlog: Optional[int] = ...,
    reuse_port: bool = ...,
    dualstack_ipv6: Literal[False] = ...,
) -> StreamSocket[InetAddress]: ...
@overload
@deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
def create_server(
    address: InetAddress,
    *,
    family: INET6,
    backlog: Optional[int] = ...,
    reuse_port: bool = ...,
    dualstack_ipv6: bool = ...,
) -> StreamSocket[Inet6Address]: ...
@overload
def create_server(
    address: Inet6AddressLike,
    *,
    family: INET6,
    backlog: Optional[int] = ...,
    reuse_port: bool = ...,
    dualstack_ipv6: bool = ...,
) -> StreamSocket[Inet6Address]: ...
@overload
def create_server(
    address: UnixAddressLike,
    *,
    family: UNIX,
    backlog: Optional[int] = ...,
    reuse_port: bool = ...,
    dualstack_ipv6: Literal[False] = ...,
) -> StreamSocket[UnixAddress]: ...
def create_server(
    address: Any,
    *,
    family: int = AF_INET,
    backlog: Optional[int] = None,
    reuse_port: bool = False,
    dualstack_ipv6: bool = False,
) -> Any:
    """A stream socket bound to ``address`` and listening, as the standard module makes it.

    SO_REUSEADDR is set; ``reuse_port`` sets SO_REUSEPORT.  For AF_INET6,
    IPV6_V6ONLY is set, or cleared with ``dualstack_ipv6`` (the socket then takes
    IPv4 connections too, as IPv4-mapped addresses).  A failed bind raises
    ``error`` with the errno and "<strerror> (while attempting to bind on address ...)".
    """
    if dualstack_ipv6:
        if not has_dualstack_ipv6():
            raise ValueError("dualstack_ipv6 not supported on this platform")
        if family != AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock: StreamSocket[Any] = typedsock.socket(family, SOCK_STREAM)
    try:
        try:
            sock.setsockopt(_c.SOL_SOCKET, _c.SO_REUSEADDR, 1)
        except OSError:
            pass  # fail later, on bind(), where the option is not supported
        if reuse_port:
            sock.setsockopt(_c.SOL_SOCKET, _c.SO_REUSEPORT, 1)
        if family == AF_INET6:
            sock.setsockopt(_c.IPPROTO_IPV6, _c.IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            sock.bind(address)
        except OSError as err:
            message = f"{err.strerror} (while attempting to bind on address {address!r})"
            cls = error if err.errno is None else error_class(err.errno)
            raise cls(err.errno, message) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except BaseException:
        sock.close()
        raise


# -- descriptors ------------------------------------------------------------------


def send_fds(
    sock: Socket[UnixAddress],
    buffers: Iterable[Buffer],
    fds: Iterable[int],
    flags: int = 0,
    address: Optional[UnixAddressLike] = None,
) -> int:
    """Send ``buffers`` with the descriptors ``fds`` over an AF_UNIX socket (``sock.send_fds``)."""
    return sock.send_fds(buffers, fds, flags, address)


def recv_fds(
    sock: Socket[UnixAddress], bufsize: int, maxfds: int, flags: int = 0
) -> Tuple[bytes, List[int], int, UnixAddress]:
    """Receive data and up to ``maxfds`` descriptors: ``(data, fds, msg_flags, address)``."""
    return sock.recv_fds(bufsize, maxfds, flags)


def close(fd: int, /) -> None:
    """Close a socket descriptor (an ECONNRESET from the peer is not an error)."""
    number = fd_arg(fd)
    if lib.close(number) < 0 and ffi.errno != lib.ECONNRESET:
        raise_errno(ffi.errno)


def dup(fd: int, /) -> int:
    """A duplicate of a socket descriptor, non-inheritable (as ``socket.dup``)."""
    new = lib.ts_dup(fd_arg(fd))
    if new < 0:
        raise_errno(ffi.errno)
    return new
