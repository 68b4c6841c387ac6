"""``fromfd`` and ``socketpair``: sockets from an existing descriptor, or in connected pairs."""

from __future__ import annotations

from typing import Any, Literal, Tuple, overload

from typedsock._addresses import Address, Inet6Address, InetAddress, UnixAddress
from typedsock._errors import raise_errno
from typedsock._sock import ffi, lib
from typedsock._socket import (
    _CLOEXEC,
    _DGRAM,
    _INET,
    _INET6,
    _NONBLOCK,
    _STREAM,
    _UNIX,
    DatagramSocket,
    Socket,
    StreamSocket,
    _check_claim,
    _kind_class,
    _make,
)


@overload
def fromfd(fd: int, family: _INET, type: _STREAM, proto: int = ...) -> StreamSocket[InetAddress]: ...
@overload
def fromfd(fd: int, family: _INET, type: _DGRAM, proto: int = ...) -> DatagramSocket[InetAddress]: ...
@overload
def fromfd(fd: int, family: _INET6, type: _STREAM, proto: int = ...) -> StreamSocket[Inet6Address]: ...
@overload
def fromfd(fd: int, family: _INET6, type: _DGRAM, proto: int = ...) -> DatagramSocket[Inet6Address]: ...
@overload
def fromfd(fd: int, family: _UNIX, type: _STREAM, proto: int = ...) -> StreamSocket[UnixAddress]: ...
@overload
def fromfd(fd: int, family: _UNIX, type: _DGRAM, proto: int = ...) -> DatagramSocket[UnixAddress]: ...
@overload
def fromfd(fd: int, family: _INET, type: int, proto: int = ...) -> Socket[InetAddress]: ...
@overload
def fromfd(fd: int, family: _INET6, type: int, proto: int = ...) -> Socket[Inet6Address]: ...
@overload
def fromfd(fd: int, family: _UNIX, type: int, proto: int = ...) -> Socket[UnixAddress]: ...
@overload
def fromfd(fd: int, family: int, type: _STREAM, proto: int = ...) -> StreamSocket[Address]: ...
@overload
def fromfd(fd: int, family: int, type: _DGRAM, proto: int = ...) -> DatagramSocket[Address]: ...
@overload
def fromfd(fd: int, family: int, type: int, proto: int = ...) -> Socket[Address]: ...
def fromfd(fd: int, family: int, type: int, proto: int = 0) -> Any:
    """A socket over a duplicate of ``fd`` (the caller keeps ``fd``).

    The descriptor must be a socket of the claimed family and type: the static
    type rests on them, so a mismatch raises ``error`` (and leaks nothing).
    """
    new_fd = lib.ts_dup(fd)
    if new_fd < 0:
        raise_errno(ffi.errno)
    try:
        real_family, kind, real_proto = _check_claim(new_fd, family, type & ~(_CLOEXEC | _NONBLOCK), proto)
    except BaseException:
        lib.close(new_fd)
        raise
    return _make(_kind_class(kind), new_fd, real_family, kind, real_proto)


@overload
def socketpair(
    family: _UNIX = ..., type: _STREAM = ..., proto: int = ...
) -> Tuple[StreamSocket[UnixAddress], StreamSocket[UnixAddress]]: ...
@overload
def socketpair(
    family: _UNIX, type: _DGRAM, proto: int = ...
) -> Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]]: ...
@overload
def socketpair(family: _UNIX, type: int, proto: int = ...) -> Tuple[Socket[UnixAddress], Socket[UnixAddress]]: ...
@overload
def socketpair(family: int, type: int = ..., proto: int = ...) -> Tuple[Socket[Address], Socket[Address]]: ...
def socketpair(family: int = lib.AF_UNIX, type: int = lib.SOCK_STREAM, proto: int = 0) -> Any:
    """A pair of connected sockets (AF_UNIX on this platform)."""
    fds = ffi.new("int[2]")
    if lib.socketpair(family, type | _CLOEXEC, proto, fds) < 0:
        raise_errno(ffi.errno)
    kind = type & ~(_CLOEXEC | _NONBLOCK)
    cls = _kind_class(kind)
    pair = (_make(cls, fds[0], family, kind, proto), _make(cls, fds[1], family, kind, proto))
    if type & _NONBLOCK:
        for sock in pair:
            sock.setblocking(False)
    return pair


