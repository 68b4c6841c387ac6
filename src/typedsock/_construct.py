"""Construction: a new descriptor, or an existing one checked, and the class that holds it.

``socket(family, type, proto, fileno)`` opens through ``open_descriptor``; the
descriptor's kind picks the class (StreamSocket or DatagramSocket, or a user's
subclass of ``socket`` combined with one of them).  ``fromfd``, ``socketpair`` and
``from_stdlib`` are built on ``socket(..., fileno=fd)``, so a descriptor from
anywhere is checked the same way: its real family and kind are read from the
kernel, and a claim that differs is ``error(EINVAL)``.

The classes register themselves here as they are defined (``register``), so this
module knows them without importing them, and the base class never names its
own subclasses.
"""

# The fallback overloads (family or kind known only at run time) return
# ``Socket[Address]``; by invariance the precise results are not subtypes of it,
# which is deliberate (a Socket[InetAddress] must not accept a UnixAddress).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Set, Tuple, Type, cast, overload

from typedsock import _constants as _c
from typedsock._args import int_arg
from typedsock._constants import AddressFamily, SocketKind
from typedsock._errors import error, from_errno, raise_errno
from typedsock._literals import enum_or_int, label
from typedsock._sock import ffi, lib
from typedsock._sockopt import get_int

if TYPE_CHECKING:
    import socket as _stdlib

    from typedsock._addresses import Address, Inet6Address, InetAddress, UnixAddress
    from typedsock._alg import AlgAddress
    from typedsock._can import CanAnyAddress
    from typedsock._datagram import DatagramSocket
    from typedsock._literals import ALG, CAN, DGRAM, INET, INET6, NETLINK, PACKET, STREAM, TIPC, UNIX, VSOCK
    from typedsock._netlink import NetlinkAddress
    from typedsock._packet import PacketAddress
    from typedsock._socket import Socket
    from typedsock._stream import StreamSocket
    from typedsock._tipc import TipcAddress
    from typedsock._vsock import VsockAddress

__all__ = [
    "CLOEXEC", "NONBLOCK", "OWN_CLASSES", "check_claim", "from_stdlib", "fromfd", "open_descriptor",
    "register", "socketpair", "supported",
]

CLOEXEC: int = int(_c.SOCK_CLOEXEC)  # plain ints: combined with type on every socket()
NONBLOCK: int = int(_c.SOCK_NONBLOCK)
_FLAGS = CLOEXEC | NONBLOCK

OWN_CLASSES: Set[type] = set()  # typedsock's own classes: __new__ opens them
_base: List[Type[Socket[Any]]] = []  # the base class, ``socket``
_by_kind: Dict[int, Type[Socket[Any]]] = {}  # SOCK_STREAM -> StreamSocket, ...
_combined: Dict[Tuple[type, type], type] = {}  # (user's subclass, kind class) -> both
_FAMILIES = {int(member): member for member in AddressFamily}
_KINDS = {int(member): member for member in SocketKind}  # (a dict: SocketKind(kind) costs ~1k instructions)


def register(cls: Type[Socket[Any]], kinds: Iterable[int]) -> None:
    """Called by each of typedsock's classes as it is defined: ``kinds`` are the socket
    types it holds (none: the base class)."""
    OWN_CLASSES.add(cls)
    kinds = list(kinds)
    if not kinds:
        _base.append(cls)
    for kind in kinds:
        _by_kind[kind] = cls


def _probe(fd: int) -> Tuple[int, int, int]:
    """(family, kind, proto) of an open socket descriptor."""
    return (
        get_int(fd, _c.SOL_SOCKET, _c.SO_DOMAIN),
        get_int(fd, _c.SOL_SOCKET, _c.SO_TYPE),
        get_int(fd, _c.SOL_SOCKET, _c.SO_PROTOCOL),
    )


def supported(family: int, kind: int) -> Tuple[AddressFamily, SocketKind]:
    """The family and kind as enum members (a family the enum lacks stays an int, as in
    the standard module: every family the kernel opens is taken, those without a type of
    their own with ``RawAddress``); ``error`` for a kind typedsock has no class for."""
    if kind not in _by_kind:
        raise from_errno(lib.ESOCKTNOSUPPORT)
    member = _FAMILIES.get(family)
    if member is None:
        member = cast(AddressFamily, family)  # (only here: cast is a Python call)
    return member, _KINDS[kind]


def check_claim(fd: int, family: int, kind: int, proto: int) -> Tuple[int, int, int]:
    """The descriptor's real (family, kind, proto); ``error`` if a claim (not -1) differs."""
    real = _probe(fd)
    for claimed, actual, what, enum in (
        (family, real[0], "family", AddressFamily),
        (kind, real[1], "type", SocketKind),
    ):
        if claimed != -1 and claimed != actual:
            raise error(
                lib.EINVAL,
                f"descriptor {fd} has {what} {label(enum_or_int(enum, actual))}, "
                f"not {label(enum_or_int(enum, claimed))}",
            )
    if proto not in (-1, 0) and proto != real[2]:
        raise error(lib.EINVAL, f"descriptor {fd} has protocol {real[2]}, not {proto}")
    return real


def open_descriptor(
    cls: Type[Socket[Any]], family: int, type: int, proto: int, fileno: Optional[int], default_kind: int
) -> Tuple[Type[Socket[Any]], int, AddressFamily, SocketKind, int, bool]:
    """``socket(family, type, proto, fileno)`` (-1: not given): the class, descriptor,
    family, kind and protocol of the new socket, and whether SOCK_NONBLOCK was asked for."""
    family, type, proto = operator.index(family), operator.index(type), operator.index(proto)
    nonblocking = type != -1 and bool(type & NONBLOCK)
    if fileno is None:
        family = _c.AF_INET if family == -1 else family
        type = default_kind if type == -1 else type
        proto = 0 if proto == -1 else proto
        fd = lib.socket(family, type | CLOEXEC, proto)
        if fd < 0:
            raise_errno(ffi.errno)
        try:
            family_member, kind = supported(family, type & ~_FLAGS)
            return _class_for(cls, kind), fd, family_member, kind, proto, nonblocking
        except BaseException:
            lib.close(fd)
            raise
    # The caller's descriptor: on failure it stays open, and theirs.
    fd = int_arg(fileno, c_int=False)
    if fd < 0:
        raise ValueError("negative file descriptor")
    real_family, real_kind, proto = check_claim(fd, family, type & ~_FLAGS if type != -1 else -1, proto)
    family_member, kind = supported(real_family, real_kind)
    return _class_for(cls, kind), fd, family_member, kind, proto, nonblocking


def _class_for(cls: Type[Socket[Any]], kind: int) -> Type[Socket[Any]]:
    """The class a new socket of ``kind`` gets when ``cls`` is called.

    ``socket`` itself gives StreamSocket or DatagramSocket; those two only hold their
    own kinds; a user's subclass of ``socket`` is combined with the right one (so a
    ``class MySock(typedsock.socket)`` gets ``accept`` on a stream socket).
    """
    wanted = _by_kind[kind]
    if cls is _base[0]:
        return wanted
    if issubclass(cls, wanted):
        return cls
    if issubclass(cls, tuple(_by_kind.values())):
        raise TypeError(f"{cls.__name__} cannot hold a socket of type {label(kind)}")
    key = (cls, wanted)
    combined = _combined.get(key)
    if combined is None:
        namespace = {"__slots__": (), "__module__": cls.__module__, "__qualname__": cls.__qualname__}
        combined = _combined[key] = type(cls.__name__, (cls, wanted), namespace)
    return combined


def _adopt(fd: int, family: int, type: int, proto: int) -> Socket[Any]:
    """``socket(family, type, proto, fileno=fd)`` for a descriptor of ours: closed if that fails."""
    try:
        return _base[0](family, type, proto, fd)
    except BaseException:
        lib.close(fd)
        raise


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
def fromfd(fd: int, family: PACKET, type: DGRAM, proto: int = ...) -> DatagramSocket[PacketAddress]: ...
@overload
def fromfd(fd: int, family: NETLINK, type: DGRAM, proto: int = ...) -> DatagramSocket[NetlinkAddress]: ...
@overload
def fromfd(fd: int, family: VSOCK, type: STREAM, proto: int = ...) -> StreamSocket[VsockAddress]: ...
@overload
def fromfd(fd: int, family: VSOCK, type: DGRAM, proto: int = ...) -> DatagramSocket[VsockAddress]: ...
@overload
def fromfd(fd: int, family: CAN, type: DGRAM, proto: int = ...) -> DatagramSocket[CanAnyAddress]: ...
@overload
def fromfd(fd: int, family: ALG, type: STREAM, proto: int = ...) -> StreamSocket[AlgAddress]: ...
@overload
def fromfd(fd: int, family: TIPC, type: STREAM, proto: int = ...) -> StreamSocket[TipcAddress]: ...
@overload
def fromfd(fd: int, family: TIPC, type: DGRAM, proto: int = ...) -> DatagramSocket[TipcAddress]: ...
@overload
def fromfd(fd: int, family: INET, type: int, proto: int = ...) -> Socket[InetAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: INET6, type: int, proto: int = ...) -> Socket[Inet6Address]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: UNIX, type: int, proto: int = ...) -> Socket[UnixAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: PACKET, type: int, proto: int = ...) -> Socket[PacketAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: NETLINK, type: int, proto: int = ...) -> Socket[NetlinkAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: VSOCK, type: int, proto: int = ...) -> Socket[VsockAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: CAN, type: int, proto: int = ...) -> Socket[CanAnyAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: ALG, type: int, proto: int = ...) -> Socket[AlgAddress]: ...  # type: ignore[overload-overlap]
@overload
def fromfd(fd: int, family: TIPC, type: int, proto: int = ...) -> Socket[TipcAddress]: ...  # type: ignore[overload-overlap]
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
    return _adopt(new_fd, family, type, proto)


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
def socketpair(family: int = _c.AF_UNIX, type: int = _c.SOCK_STREAM, proto: int = 0) -> Any:
    """A pair of connected sockets (AF_UNIX on this platform)."""
    fds = ffi.new("int[2]")
    if lib.socketpair(family, type | CLOEXEC, proto, fds) < 0:
        raise_errno(ffi.errno)
    descriptors: List[int] = [fds[0], fds[1]]
    pair: List[Socket[Any]] = []
    try:
        for fd in descriptors:
            pair.append(_adopt(fd, family, type, proto))
    except BaseException:
        for sock in pair:
            sock.close()
        for fd in descriptors[len(pair) + 1 :]:  # _adopt closed the one that failed
            lib.close(fd)
        raise
    return tuple(pair)


def from_stdlib(sock: _stdlib.socket) -> Socket[Address]:
    """Move a standard ``socket.socket``'s descriptor into a typedsock socket.

    The standard socket ends detached (``fileno() == -1``).  Its family and type
    are checked against the descriptor, as for ``fromfd``.
    """
    limit = sock.gettimeout()
    family, kind, proto = int(sock.family), int(sock.type), sock.proto
    typed: Socket[Address] = _adopt(sock.detach(), family, kind, proto)
    typed.settimeout(limit)
    return typed
