"""``fromfd`` and ``socketpair``: sockets from an existing descriptor, or in connected pairs."""

# The fallback overloads (family or kind known only at run time) return
# ``Socket[Address]``; by invariance the precise results are not subtypes of it,
# which is deliberate (a Socket[InetAddress] must not accept a UnixAddress).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

from typing import Any, Tuple, overload

from typedsock._addresses import Address, Inet6Address, InetAddress, UnixAddress
from typedsock._errors import raise_errno
from typedsock._sock import ffi, lib
from typedsock._socket import (
    CLOEXEC,
    DGRAM,
    INET,
    INET6,
    NONBLOCK,
    STREAM,
    UNIX,
    DatagramSocket,
    Socket,
    StreamSocket,
    check_claim,
    kind_class,
    supported,
)


@overload
def fromfd(fd: int, family: INET, type: STREAM, proto: int = ...) -> StreamSocket[InetAddress]: ...
@overload
def fromfd(fd: int, family: INET, type: DGRAM, proto: int = ...) -> DatagramSocket[InetAddress]: ...
@overload
def fromfd(fd: int, family: INET6, type: STREAM, proto: int = ...) -> StreamSocket[Inet6Address]: ...
@overload
def fromfd(fd: int, family: INET6, type: DGRAM, proto: int = ...) -> DatagramSocket[Inet6Address]: ...
@overload
def fromfd(fd: int, family: UNIX, type: STREAM, proto: int = ...) -> StreamSocket[UnixAddress]: ...
@overload
def fromfd(fd: int, family: UNIX, type: DGRAM, proto: int = ...) -> DatagramSocket[UnixAddress]: ...
@overload
def fromfd(fd: int, family: INET, type: int, proto: int = ...) -> Socket[InetAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: INET6, type: int, proto: int = ...) -> Socket[Inet6Address]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: UNIX, type: int, proto: int = ...) -> Socket[UnixAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: int, type: STREAM, proto: int = ...) -> StreamSocket[Address]: ...
@overload
def fromfd(fd: int, family: int, type: DGRAM, proto: int = ...) -> DatagramSocket[Address]: ...
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
        real_family, real_kind, real_proto = check_claim(new_fd, family, type & ~(CLOEXEC | NONBLOCK), proto)
        family_member, kind = supported(real_family, real_kind)
        sock: Socket[Any] = kind_class(kind)._wrap(new_fd, family_member, kind, real_proto)  # pyright: ignore[reportPrivateUsage]
    except BaseException:
        lib.close(new_fd)
        raise
    return sock


@overload
def socketpair(
    family: UNIX = ..., type: STREAM = ..., proto: int = ...
) -> Tuple[StreamSocket[UnixAddress], StreamSocket[UnixAddress]]: ...
@overload
def socketpair(
    family: UNIX = ..., *, type: DGRAM, proto: int = ...
) -> Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]]: ...
@overload
def socketpair(
    family: UNIX, type: DGRAM, proto: int = ...
) -> Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]]: ...
@overload
def socketpair(family: UNIX = ..., type: int = ..., proto: int = ...) -> Tuple[Socket[UnixAddress], Socket[UnixAddress]]: ...
@overload
def socketpair(family: int, type: int = ..., proto: int = ...) -> Tuple[Socket[Address], Socket[Address]]: ...
def socketpair(family: int = lib.AF_UNIX, type: int = lib.SOCK_STREAM, proto: int = 0) -> Any:
    """A pair of connected sockets (AF_UNIX on this platform)."""
    fds = ffi.new("int[2]")
    if lib.socketpair(family, type | CLOEXEC, proto, fds) < 0:
        raise_errno(ffi.errno)
    try:
        family_member, kind = supported(family, type & ~(CLOEXEC | NONBLOCK))
    except BaseException:
        lib.close(fds[0])
        lib.close(fds[1])
        raise
    cls = kind_class(kind)
    pair: Tuple[Socket[Any], Socket[Any]] = (
        cls._wrap(fds[0], family_member, kind, proto),  # pyright: ignore[reportPrivateUsage]
        cls._wrap(fds[1], family_member, kind, proto),  # pyright: ignore[reportPrivateUsage]
    )
    if type & NONBLOCK:
        for sock in pair:
            sock.setblocking(False)
    return pair


