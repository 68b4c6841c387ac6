"""``StreamSocket``: a SOCK_STREAM or SOCK_SEQPACKET socket, which can listen and accept."""

# The fallback overloads (family known only at run time) return ``...[Address]``; by
# invariance the precise results are not subtypes of it, which is deliberate.
# pyright: reportOverlappingOverload=false

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Tuple, overload

from typedsock import _constants as _c
from typedsock._addresses import A, Address, Inet6Address, InetAddress, UnixAddress
from typedsock._args import index
from typedsock._construct import register
from typedsock._errors import raise_errno
from typedsock._scratch import Scratch, give_back, take_pooled
from typedsock._sock import ffi, lib
from typedsock._socket import Socket

if TYPE_CHECKING:
    from typedsock._alg import AlgAddress
    from typedsock._literals import ALG, INET, INET6, STREAM, TIPC, UNIX, VSOCK
    from typedsock._tipc import TipcAddress
    from typedsock._vsock import VsockAddress

__all__ = ["StreamSocket"]

_accept = lib.ts_h_accept
_POLLIN: int = lib.POLLIN


class StreamSocket(Socket[A]):
    """A SOCK_STREAM or SOCK_SEQPACKET socket: it can listen and accept."""

    __slots__ = ()
    _addrless_is_none = True

    if TYPE_CHECKING:  # constructing the subclass directly: stream kinds only

        @overload
        def __new__(
            cls, family: INET = ..., type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[InetAddress]: ...
        @overload
        def __new__(
            cls, family: INET6, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[Inet6Address]: ...
        @overload
        def __new__(
            cls, family: UNIX, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[UnixAddress]: ...
        @overload
        def __new__(
            cls, family: VSOCK, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[VsockAddress]: ...
        @overload
        def __new__(
            cls, family: ALG, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[AlgAddress]: ...
        @overload
        def __new__(
            cls, family: TIPC, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[TipcAddress]: ...
        @overload
        def __new__(
            cls, family: int, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[Address]: ...
        def __new__(cls, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None) -> Any: ...

    def listen(self, backlog: Optional[int] = None) -> None:
        """Accept connections; ``backlog`` defaults to min(SOMAXCONN, 128), negative means 0."""
        if backlog is None:
            backlog = min(_c.SOMAXCONN, 128)
        if lib.ts_h_listen(self._h, max(0, index(backlog))) < 0:
            raise_errno(ffi.errno)

    def accept(self) -> Tuple[StreamSocket[A], A]:
        """A new socket for the next connection, and the peer's address."""
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            sa, addrlen, key = scratch.sa, scratch.addrlen, scratch.key
            fd: int = _accept(self._h, sa, addrlen, key)
            if fd < 0:
                fd = self._retry(_POLLIN, _accept, sa, addrlen, key)
            address = self._codec.from_scratch(scratch)
        finally:
            give_back(scratch)
        # A plain StreamSocket, as the standard library's accept() makes a plain socket.
        conn: StreamSocket[A] = StreamSocket._wrap(fd, self._codec.family, self._kind, self._proto)
        return conn, address


register(StreamSocket, (_c.SOCK_STREAM, _c.SOCK_SEQPACKET))
