"""The base class of every socket: ``Socket[A]``, generic in its address type ``A``.

The family chosen at creation picks ``A`` for the type checker (overloads on literal
family and kind) and the address codec at run time.  The calls here are those of
every socket; ``StreamSocket`` (``_stream``) adds listen/accept, ``DatagramSocket``
(``_datagram``) the batched calls.  Construction is ``_construct``'s, the timeout
and retry policy ``_timeouts``' (``Blocking``, the base of this class).

Each blocking call makes its first attempt inline and, when it fails, hands the
same call to ``Blocking._retry`` (EINTR, EAGAIN under a timeout, or raise).
"""

# The fallback overloads (family or kind known only at run time) return
# ``Socket[Address]``; by invariance the precise results are not subtypes of it,
# which is deliberate (a Socket[InetAddress] must not accept a UnixAddress).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import io
import os
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Generic,
    Iterable,
    List,
    Literal,
    NoReturn,
    Optional,
    Tuple,
    TypeVar,
    Union,
    cast,
    overload,
)

from typedsock import _constants as _c
from typedsock import _fileio
from typedsock._addresses import (
    CODECS,
    UNNAMED,
    A,
    Address,
    AddressLike,
    Codec,
    Inet6Address,
    Inet6AddressLike,
    InetAddress,
    InetAddressLike,
    UnixAddress,
    UnixAddressLike,
)
from typedsock._args import index, int_arg, reraise_for_int
from typedsock._buffers import into_size, readable, writable
from typedsock._constants import AddressFamily, SocketKind
from typedsock._construct import OWN_CLASSES, open_descriptor, register
from typedsock._errors import error, from_errno, raise_errno
from typedsock._families import PROTOCOL_FREE, codec_for
from typedsock._literals import deprecated, label
from typedsock._option import ReadOnlyOption, WriteOnlyOption
from typedsock._optionvalues import Credentials
from typedsock._scratch import DATA_SIZE, Scratch, give_back, take, take_pooled
from typedsock._sendrecvmsg import MessageCalls
from typedsock._sock import ffi, lib
from typedsock._sockopt import get_bytes, get_int, set_value, wide
from typedsock._timeouts import DEFAULT_TIMEOUT, unhold
from typedsock.ancillary import MAX_FDS, Rights

if TYPE_CHECKING:  # typing-only names: importing them costs start-up time
    import socket as _stdlib

    from typing_extensions import Buffer, Self

    from typedsock._alg import AlgAddress, AlgAddressLike
    from typedsock._can import CanAddressLike, CanAnyAddress
    from typedsock._datagram import DatagramSocket
    from typedsock._literals import ALG, CAN, DGRAM, INET, INET6, NETLINK, PACKET, STREAM, TIPC, UNIX, VSOCK
    from typedsock._netlink import NetlinkAddress, NetlinkAddressLike
    from typedsock._packet import PacketAddress, PacketAddressLike
    from typedsock._stream import StreamSocket
    from typedsock._tipc import TipcAddress, TipcAddressLike
    from typedsock._vsock import VsockAddress, VsockAddressLike

__all__ = ["Socket", "SocketType", "socket"]

T = TypeVar("T")
V = TypeVar("V")
S = TypeVar("S")  # the socket a typed option is read or set on (Socket.get, Socket.set)
_ReadBinary = Literal["rb", "br", "b"]
_WriteBinary = Literal["wb", "bw"]
_ReadWriteBinary = Literal["rwb", "rbw", "wrb", "wbr", "brw", "bwr"]
_BinaryMode = Literal[_ReadBinary, _WriteBinary, _ReadWriteBinary]
_TextMode = Literal["r", "w", "rw", "wr"]

# Bound once: the hot paths call these without attribute lookups.
# Each takes the socket's handle (``_h``), not its descriptor number (see _timeouts).
_send = lib.ts_h_send
_recv = lib.ts_h_recv
_recv_scratch = lib.ts_h_recv_scratch
_getsockname = lib.ts_h_getsockname
_sendto = lib.ts_h_sendto
_recvfrom = lib.ts_h_recvfrom
_recvfrom_scratch = lib.ts_h_recvfrom_scratch
_CLOSED: Any = ffi.new("ts_fd *", {"fd": -1, "state": 3})  # the handle of a socket never opened: closed
# Handles are pointers into blocks that live as long as the module, recycled when a
# socket object dies (no call can be in flight then: a call holds the socket): a pooled
# handle costs ~0.2 us where ffi.new and a field store cost ~0.7 us, twice per accept.
_HANDLE_BLOCKS: List[Any] = []
_free_handles: List[Any] = []


def _more_handles() -> None:
    block = ffi.new("ts_fd[]", 256)
    _HANDLE_BLOCKS.append(block)
    _free_handles.extend(block + i for i in range(256))


_EAGAIN: int = _c.EAGAIN
_EINTR: int = lib.EINTR
_MSG_TRUNC: int = int(_c.MSG_TRUNC)  # a plain int: "flags & _MSG_TRUNC" on the hot path stays an int operation
_POLLIN: int = lib.POLLIN
_POLLOUT: int = lib.POLLOUT
_UNSET: Any = object()  # an argument not given


class Socket(MessageCalls[A], Generic[A]):
    """A socket whose addresses are of type ``A`` (the family's address type).

    ``socket`` is this class: calling it makes a new socket and returns the
    precise subclass, ``StreamSocket[...]`` or ``DatagramSocket[...]``.
    """

    # Seven slots with Blocking's two, as small as the standard library's socket
    # object: the family lives in the codec, and "closed while files are open" is a
    # negative count.
    __slots__ = ("__weakref__", "_codec", "_files", "_kind", "_proto")
    _kind: SocketKind
    _proto: int
    _codec: Codec[A]
    _files: int  # open makefile() files; negative once close() waits for them
    _addrless_is_none = False  # recvfrom with no address reported gives None (streams)
    _default_kind: int = _c.SOCK_STREAM  # the kind made when none is given

    # -- construction ------------------------------------------------------
    # Literal family x kind give the precise type; a family or kind known only at
    # run time gives the widest honest one.  Without ``fileno`` the defaults are
    # AF_INET and SOCK_STREAM; with it, what is omitted is read from the descriptor.
    @overload
    def __new__(
        cls, family: INET = ..., type: STREAM = ..., proto: int = ..., fileno: None = ...
    ) -> StreamSocket[InetAddress]: ...
    @overload
    def __new__(
        cls, family: INET = ..., *, type: DGRAM, proto: int = ..., fileno: None = ...
    ) -> DatagramSocket[InetAddress]: ...
    @overload
    def __new__(cls, family: INET, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[InetAddress]: ...
    @overload
    def __new__(cls, family: INET, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[InetAddress]: ...
    @overload
    def __new__(
        cls, family: INET6, type: STREAM = ..., proto: int = ..., fileno: None = ...
    ) -> StreamSocket[Inet6Address]: ...
    @overload
    def __new__(cls, family: INET6, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[Inet6Address]: ...
    @overload
    def __new__(cls, family: INET6, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[Inet6Address]: ...
    @overload
    def __new__(
        cls, family: UNIX, type: STREAM = ..., proto: int = ..., fileno: None = ...
    ) -> StreamSocket[UnixAddress]: ...
    @overload
    def __new__(cls, family: UNIX, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[UnixAddress]: ...
    @overload
    def __new__(cls, family: UNIX, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[UnixAddress]: ...
    @overload
    def __new__(cls, family: PACKET, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[PacketAddress]: ...
    @overload
    def __new__(cls, family: NETLINK, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[NetlinkAddress]: ...
    @overload
    def __new__(cls, family: VSOCK, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[VsockAddress]: ...
    @overload
    def __new__(cls, family: VSOCK, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[VsockAddress]: ...
    @overload
    def __new__(cls, family: CAN, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[CanAnyAddress]: ...
    @overload
    def __new__(cls, family: ALG, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[AlgAddress]: ...
    @overload
    def __new__(cls, family: TIPC, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[TipcAddress]: ...
    @overload
    def __new__(cls, family: TIPC, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[TipcAddress]: ...
    @overload
    def __new__(
        cls, family: INET = ..., *, type: int, proto: int = ..., fileno: None = ...
    ) -> Socket[InetAddress]: ...
    @overload
    def __new__(cls, family: INET, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[InetAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: INET6, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[Inet6Address]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: UNIX, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[UnixAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: PACKET, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[PacketAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: NETLINK, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[NetlinkAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: VSOCK, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[VsockAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: CAN, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[CanAnyAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: ALG, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[AlgAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: TIPC, type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[TipcAddress]: ...  # type: ignore[overload-overlap]
    @overload
    def __new__(cls, family: int, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[Address]: ...
    @overload
    def __new__(cls, family: int, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[Address]: ...
    @overload
    def __new__(cls, family: int = ..., type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[Address]: ...
    def __new__(
        cls, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None, *args: Any, **kwargs: Any
    ) -> Any:
        """Open a socket (socket(2)), or wrap the descriptor ``fileno``.

        The overloads give the precise type: a literal family and kind (``AF_INET``,
        ``SOCK_STREAM``) make a ``StreamSocket[InetAddress]``; a family or kind known only
        at run time (an ``int``) makes the widest type that holds.  Without ``fileno``, the
        family defaults to ``AF_INET`` and the kind to ``SOCK_STREAM``; with it, the
        family, kind and protocol are the descriptor's, and one given that differs
        raises ``error`` (the static type rests on them).
        """
        if cls not in OWN_CLASSES:
            # A user's subclass is opened by Socket.__init__, as socket.socket's are, so
            # its own __init__ may take other arguments and pass these on with super().
            return cls._unopened()
        if args or kwargs:
            raise TypeError(f"{cls.__name__}() takes at most 4 arguments (family, type, proto, fileno)")
        target, fd, family_member, kind, proto, nonblocking = open_descriptor(
            cls, family, type, proto, fileno, cls._default_kind
        )
        sock: Socket[Any] = target._wrap(fd, family_member, kind, proto)
        if nonblocking:
            sock.setblocking(False)
        return sock

    if not TYPE_CHECKING:  # (for a checker, __new__'s overloads give the precise type)

        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            """Opens a user's subclass (``__new__`` has done it for typedsock's own)."""
            if self.__class__ in OWN_CLASSES or self._fd != -1:
                return
            target, fd, family_member, kind, proto, nonblocking = open_descriptor(
                self.__class__, family, type, proto, fileno, self._default_kind
            )
            self.__class__ = target  # the subclass combined with StreamSocket or DatagramSocket
            self._setup(fd, family_member, kind, proto)
            if nonblocking:
                self.setblocking(False)

    @classmethod
    def _wrap(cls, fd: int, family: AddressFamily, kind: SocketKind, proto: int) -> Any:
        """Wrap an open descriptor we own (see ``supported``); applies the default timeout."""
        sock = object.__new__(cls)
        sock._setup(fd, family, kind, proto)
        return sock

    @classmethod
    def _unopened(cls) -> Any:
        sock = object.__new__(cls)
        sock._fd = -1
        sock._h = _CLOSED
        sock._kind = SocketKind.SOCK_STREAM
        sock._proto = 0
        sock._codec = CODECS[_c.AF_INET]
        sock._files = 0
        sock._timeout = None
        return sock

    def _setup(self, fd: int, family: AddressFamily, kind: SocketKind, proto: int) -> None:
        try:
            h = _free_handles.pop()
        except IndexError:
            _more_handles()
            h = _free_handles.pop()
        h.fd = fd
        h.state = 0
        self._h = h  # (before _fd: __del__ closes through it once _fd is set)
        self._fd = fd
        self._kind = kind
        self._proto = proto
        codec = PROTOCOL_FREE.get(family)
        self._codec = codec if codec is not None else codec_for(family, proto)
        self._files = 0
        self._timeout = None
        default = DEFAULT_TIMEOUT[0]
        if default is not None:
            self._set_timeout(default)

    # -- descriptor --------------------------------------------------------
    def fileno(self) -> int:
        """The descriptor, or -1 once closed or detached."""
        return self._fd

    def close(self) -> None:
        """Close the socket (idempotent); open ``makefile`` files keep it open until they close.

        Safe while other threads are in calls on the socket: those calls (and any made
        after) fail with ``typedsock.error(EBADF)``, or return what they got, and the
        descriptor is closed when the last of them returns, so that none can reach the
        number once it is reused.  A call waiting in the kernel then (a blocking recv,
        send, accept or connect, or a wait under a timeout) is woken: close() shuts the
        socket down first (SHUT_RDWR, which a duplicate of the descriptor shares)."""
        if self._files > 0:
            self._files = -self._files  # the last file to close closes the socket
        elif self._files == 0:
            self._real_close()

    def _real_close(self) -> None:
        if self._fd >= 0:
            self._fd = -1
            if lib.ts_close(self._h) < 0 and ffi.errno not in (_EINTR, lib.ECONNRESET):
                raise_errno(ffi.errno)

    def _decref_socketios(self) -> None:
        if self._files > 0:
            self._files -= 1
        elif self._files < 0:
            self._files += 1
            if self._files == 0:
                self._real_close()

    def detach(self) -> int:
        """Give up the descriptor without closing it; the socket is closed after."""
        self._fd = -1
        self._files = 0
        return lib.ts_detach(self._h)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __getstate__(self) -> NoReturn:
        # As the standard module's: a copy would own the same descriptor number.
        raise TypeError(f"cannot pickle {type(self).__name__!r} object")

    def __del__(self) -> None:
        fd = getattr(self, "_fd", -1)
        if fd >= 0:
            warnings.warn(f"unclosed {self!r}", ResourceWarning, source=self, stacklevel=1)
            self._fd = -1
            lib.ts_close(self._h)
        h = getattr(self, "_h", _CLOSED)
        if h is not _CLOSED:  # back to the pool: no call can be in flight on a dying object
            self._h = _CLOSED  # (and one resurrected, by a warning's `source`, stays closed)
            _free_handles.append(h)

    def __repr__(self) -> str:
        # The standard library's shape: family and type print as str() of their
        # IntEnum, which is the name before Python 3.11 and the number after.
        fd = self._fd
        parts = [f"fd={fd}", f"family={self._codec.family!s}", f"type={self._kind!s}", f"proto={self._proto}"]
        if fd < 0:
            return f"<typedsock.{type(self).__name__} [closed] {', '.join(parts)}>"
        for name, method in (("laddr", self.getsockname), ("raddr", self.getpeername)):
            try:
                address = method()
            except error:
                continue
            if address != UNNAMED:  # as the standard library, which omits ''
                parts.append(f"{name}={address!r}")
        return f"<typedsock.{type(self).__name__} {', '.join(parts)}>"

    @property
    def family(self) -> AddressFamily:
        """The address family (``AF_INET``, ...): it fixes the address type ``A``."""
        return self._codec.family

    @property
    def type(self) -> SocketKind:
        """The socket kind (``SOCK_STREAM``, ``SOCK_DGRAM``, ...), without ``SOCK_NONBLOCK``/``SOCK_CLOEXEC``."""
        return self._kind

    @property
    def proto(self) -> int:
        """The protocol number (0: the family's default for its kind)."""
        return self._proto

    # -- addresses -----------------------------------------------------------
    @overload
    def bind(self: Socket[InetAddress], address: InetAddressLike) -> None: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def bind(self: Socket[Inet6Address], address: InetAddress) -> None: ...
    @overload
    def bind(self: Socket[Inet6Address], address: Inet6AddressLike) -> None: ...
    @overload
    def bind(self: Socket[UnixAddress], address: UnixAddressLike) -> None: ...
    @overload
    def bind(self: Socket[PacketAddress], address: PacketAddressLike) -> None: ...
    @overload
    def bind(self: Socket[NetlinkAddress], address: NetlinkAddressLike) -> None: ...
    @overload
    def bind(self: Socket[VsockAddress], address: VsockAddressLike) -> None: ...
    @overload
    def bind(self: Socket[CanAnyAddress], address: CanAddressLike) -> None: ...
    @overload
    def bind(self: Socket[AlgAddress], address: AlgAddressLike) -> None: ...
    @overload
    def bind(self: Socket[TipcAddress], address: TipcAddressLike) -> None: ...
    @overload
    def bind(self: Socket[Address], address: AddressLike) -> None: ...
    def bind(self, address: Any) -> None:
        """Bind to a local address of this socket's family."""
        sa, length = self._codec.encode(address, "bind")
        if lib.ts_h_bind(self._h, sa, length) < 0:
            raise_errno(ffi.errno)

    @overload
    def connect(self: Socket[InetAddress], address: InetAddressLike) -> None: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def connect(self: Socket[Inet6Address], address: InetAddress) -> None: ...
    @overload
    def connect(self: Socket[Inet6Address], address: Inet6AddressLike) -> None: ...
    @overload
    def connect(self: Socket[UnixAddress], address: UnixAddressLike) -> None: ...
    @overload
    def connect(self: Socket[PacketAddress], address: PacketAddressLike) -> None: ...
    @overload
    def connect(self: Socket[NetlinkAddress], address: NetlinkAddressLike) -> None: ...
    @overload
    def connect(self: Socket[VsockAddress], address: VsockAddressLike) -> None: ...
    @overload
    def connect(self: Socket[CanAnyAddress], address: CanAddressLike) -> None: ...
    @overload
    def connect(self: Socket[AlgAddress], address: AlgAddressLike) -> None: ...
    @overload
    def connect(self: Socket[TipcAddress], address: TipcAddressLike) -> None: ...
    @overload
    def connect(self: Socket[Address], address: AddressLike) -> None: ...
    def connect(self, address: Any) -> None:
        """Connect to a remote address of this socket's family."""
        err = self._connect(address, "connect")
        if err:
            raise_errno(err)

    @overload
    def connect_ex(self: Socket[InetAddress], address: InetAddressLike) -> int: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def connect_ex(self: Socket[Inet6Address], address: InetAddress) -> int: ...
    @overload
    def connect_ex(self: Socket[Inet6Address], address: Inet6AddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[UnixAddress], address: UnixAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[PacketAddress], address: PacketAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[NetlinkAddress], address: NetlinkAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[VsockAddress], address: VsockAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[CanAnyAddress], address: CanAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[AlgAddress], address: AlgAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[TipcAddress], address: TipcAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[Address], address: AddressLike) -> int: ...
    def connect_ex(self, address: Any) -> int:
        """Like ``connect``, but return the errno (0 on success) instead of raising."""
        return self._connect(address, "connect_ex")

    def _connect(self, address: object, call: str) -> int:
        sa, length = self._codec.encode(address, call)
        return self._connect_to(sa, length)

    def _address(self, call: Any) -> A:
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            if call(self._h, scratch.sa, scratch.addrlen, scratch.key) < 0:
                raise_errno(ffi.errno)
            return self._codec.from_scratch(scratch)
        finally:
            give_back(scratch)

    def getsockname(self) -> A:
        """This socket's own address."""
        # _address's body, inline: a call fewer (about 400 instructions of 4,800)
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            if _getsockname(self._h, scratch.sa, scratch.addrlen, scratch.key) < 0:
                raise_errno(ffi.errno)
            return self._codec.from_scratch(scratch)
        finally:
            give_back(scratch)

    def getpeername(self) -> A:
        """The address of the connected peer."""
        return self._address(lib.ts_h_getpeername)

    # -- data ----------------------------------------------------------------
    def send(self, data: Buffer, flags: int = 0) -> int:
        """Send from ``data``; returns the number of bytes sent."""
        if type(data) is bytes:  # passed as is: cffi hands C the bytes' own memory
            try:
                sent: int = _send(self._h, data, len(data), flags)
            except (TypeError, OverflowError) as exc:  # flags not a C int: in the standard words
                reraise_for_int(flags, exc)
            return sent if sent >= 0 else self._retry(_POLLOUT, _send, data, len(data), flags)
        # Any other buffer: its export is released before this returns or raises, as the
        # standard library's is (see _buffers).
        with readable(data) as view:
            try:
                sent = _send(self._h, view, len(view), flags)
            except (TypeError, OverflowError) as exc:
                reraise_for_int(flags, exc)
            return sent if sent >= 0 else self._retry(_POLLOUT, _send, view, len(view), flags)

    def sendall(self, data: Buffer, flags: int = 0) -> None:
        """Send all of ``data``; a timeout bounds the whole call."""
        with readable(data) as view:  # released before this returns or raises (see send)
            size = len(view)
            try:
                sent: int = _send(self._h, view, size, flags)  # most often all of it, at once
            except (TypeError, OverflowError) as exc:
                reraise_for_int(flags, exc)
            if sent == size:
                return
            offset = max(sent, 0)
            deadline = 0.0 if sent >= 0 else self._wait(_POLLOUT, 0.0)
            while offset < size:
                sent = _send(self._h, view + offset, size - offset, flags)
                if sent >= 0:
                    offset += sent
                else:
                    deadline = self._wait(_POLLOUT, deadline)

    @overload
    def sendto(self: Socket[InetAddress], data: Buffer, address: InetAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[InetAddress], data: Buffer, flags: int, address: InetAddressLike, /) -> int: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def sendto(self: Socket[Inet6Address], data: Buffer, address: InetAddress, /) -> int: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def sendto(self: Socket[Inet6Address], data: Buffer, flags: int, address: InetAddress, /) -> int: ...
    @overload
    def sendto(self: Socket[Inet6Address], data: Buffer, address: Inet6AddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Inet6Address], data: Buffer, flags: int, address: Inet6AddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[UnixAddress], data: Buffer, address: UnixAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[UnixAddress], data: Buffer, flags: int, address: UnixAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[PacketAddress], data: Buffer, address: PacketAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[PacketAddress], data: Buffer, flags: int, address: PacketAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[NetlinkAddress], data: Buffer, address: NetlinkAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[NetlinkAddress], data: Buffer, flags: int, address: NetlinkAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[VsockAddress], data: Buffer, address: VsockAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[VsockAddress], data: Buffer, flags: int, address: VsockAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[CanAnyAddress], data: Buffer, address: CanAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[CanAnyAddress], data: Buffer, flags: int, address: CanAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[AlgAddress], data: Buffer, address: AlgAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[AlgAddress], data: Buffer, flags: int, address: AlgAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[TipcAddress], data: Buffer, address: TipcAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[TipcAddress], data: Buffer, flags: int, address: TipcAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Address], data: Buffer, address: AddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Address], data: Buffer, flags: int, address: AddressLike, /) -> int: ...
    def sendto(self, data: Any = _UNSET, address: Any = _UNSET, /, *more: Any) -> int:
        """Send ``data`` to ``address``: ``sendto(data[, flags], address)``."""
        # (not *args: sendto(data, address), the common form, then costs no tuple and no len)
        flags = 0
        if more or address is _UNSET:
            given = (data is not _UNSET) + (address is not _UNSET) + len(more)
            if given != 3:
                raise TypeError(f"sendto() takes 2 or 3 arguments ({given} given)")
            flags, address = int_arg(address), more[0]
        sa, length = self._codec.encode(address, "sendto")
        if type(data) is bytes:  # (no view: see send)
            sent: int = _sendto(self._h, data, len(data), flags, sa, length)
            return sent if sent >= 0 else self._retry(_POLLOUT, _sendto, data, len(data), flags, sa, length)
        with readable(data) as view:  # released before this returns or raises (see send)
            sent = _sendto(self._h, view, len(view), flags, sa, length)
            return sent if sent >= 0 else self._retry(_POLLOUT, _sendto, view, len(view), flags, sa, length)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        """Receive up to ``bufsize`` bytes (``b''`` at end of stream)."""
        if type(bufsize) is not int:
            return self._recv_checked(bufsize, flags)
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            # (the C side refuses a size the scratch buffer cannot take, and MSG_TRUNC)
            try:
                received: int = _recv_scratch(self._h, scratch.data, bufsize, flags)
            except (TypeError, OverflowError):  # flags not a C int, or a size beyond a C long
                return self._recv_checked(bufsize, flags)
            if received < 0:
                if 0 < bufsize <= DATA_SIZE and type(flags) is int and not flags & _MSG_TRUNC:
                    received = self._retry(_POLLIN, _recv_scratch, scratch.data, bufsize, flags)
                else:
                    return self._recv_checked(bufsize, flags)
            return scratch.view[:received]  # type: ignore[no-any-return]
        finally:
            give_back(scratch)

    def _recv_checked(self, bufsize: int, flags: int) -> bytes:
        """recv with flags, or a size outside the scratch buffer's, or of another type."""
        bufsize = index(bufsize)
        if type(flags) is not int:
            flags = int_arg(flags)
        if bufsize <= 0:
            if bufsize < 0:
                raise ValueError("negative buffersize in recv")
            return b""  # as the standard library: no system call, nothing consumed
        if bufsize > DATA_SIZE or flags & _MSG_TRUNC:
            # (MSG_TRUNC on TCP discards without writing the buffer: a fresh one, zeroed,
            # and the kernel reports a datagram's full length)
            buf = ffi.new("char[]", bufsize)
            received: int = _recv(self._h, buf, bufsize, flags)
            if received < 0:
                received = self._retry(_POLLIN, _recv, buf, bufsize, flags)
            return ffi.buffer(buf, min(received, bufsize))[:]  # type: ignore[no-any-return]
        scratch = take()
        try:
            received = _recv(self._h, scratch.data, bufsize, flags)
            if received < 0:
                received = self._retry(_POLLIN, _recv, scratch.data, bufsize, flags)
            return scratch.view[:received]  # type: ignore[no-any-return]
        finally:
            give_back(scratch)

    def recv_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> int:
        """Receive into ``buffer`` (up to ``nbytes``, or its size); returns the count."""
        try:
            view = ffi.from_buffer("char[]", buffer, True)  # writable, contiguous, not copied
        except (TypeError, BufferError):
            view = writable(buffer, "recv_into")  # raises the standard library's TypeError
        with view:  # released before this returns or raises (see send)
            nbytes = len(view) if type(nbytes) is int and nbytes == 0 else into_size(view, nbytes, "recv_into")
            try:
                received: int = _recv(self._h, view, nbytes, flags)
            except (TypeError, OverflowError) as exc:
                reraise_for_int(flags, exc)
            return received if received >= 0 else self._retry(_POLLIN, _recv, view, nbytes, flags)

    def recvfrom(self, bufsize: int, flags: int = 0) -> Tuple[bytes, Optional[A]]:
        """Receive up to ``bufsize`` bytes and the sender's address."""
        if type(bufsize) is not int:
            return self._recvfrom_checked(bufsize, flags)
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            # (as recv: the C side refuses a size the scratch buffer cannot take, and MSG_TRUNC)
            try:
                received: int = _recvfrom_scratch(
                    self._h, scratch.data, bufsize, flags, scratch.sa, scratch.addrlen, scratch.key
                )
            except (TypeError, OverflowError):  # flags not a C int, or a size beyond a C long
                return self._recvfrom_checked(bufsize, flags)
            if received < 0:
                if 0 <= bufsize <= DATA_SIZE and type(flags) is int and not flags & _MSG_TRUNC:
                    received = self._retry(
                        _POLLIN, _recvfrom_scratch, scratch.data, bufsize, flags, scratch.sa, scratch.addrlen, scratch.key
                    )
                else:
                    return self._recvfrom_checked(bufsize, flags)
            data: bytes = scratch.view[:received]
            sender = self._codec.decoded.get(scratch.key[0])  # an AF_INET sender seen before
            if sender is not None:
                return data, sender
            return data, self._sender(scratch)
        finally:
            give_back(scratch)

    def _sender(self, scratch: Scratch) -> Optional[A]:
        if self._addrless_is_none and scratch.addrlen[0] == 0:
            return None
        return self._codec.from_scratch(scratch)

    def _recvfrom_checked(self, bufsize: int, flags: int) -> Tuple[bytes, Optional[A]]:
        """recvfrom with a size beyond the scratch buffer's, MSG_TRUNC, or arguments of another type."""
        bufsize = index(bufsize)
        if type(flags) is not int:
            flags = int_arg(flags)
        if bufsize < 0:
            raise ValueError("negative buffersize in recvfrom")
        scratch = take()
        try:
            if bufsize <= DATA_SIZE and not flags & _MSG_TRUNC:
                buf = scratch.data
            else:  # too big for the scratch buffer, or MSG_TRUNC (see recv)
                buf = ffi.new("char[]", bufsize)
            sa, addrlen, key = scratch.sa, scratch.addrlen, scratch.key
            received: int = _recvfrom(self._h, buf, bufsize, flags, sa, addrlen, key)
            if received < 0:
                received = self._retry(_POLLIN, _recvfrom, buf, bufsize, flags, sa, addrlen, key)
            data: bytes = ffi.buffer(buf, received if received <= bufsize else bufsize)[:]  # (MSG_TRUNC: see recv)
            return data, self._sender(scratch)
        finally:
            give_back(scratch)

    def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> Tuple[int, Optional[A]]:
        """Receive into ``buffer``; returns the count and the sender's address."""
        view = writable(buffer, "recvfrom_into")
        scratch = take()
        try:
            nbytes = into_size(view, nbytes, "recvfrom_into")
            sa, addrlen, key = scratch.sa, scratch.addrlen, scratch.key
            try:
                received: int = _recvfrom(self._h, view, nbytes, flags, sa, addrlen, key)
            except (TypeError, OverflowError) as exc:
                reraise_for_int(flags, exc)
            if received < 0:
                received = self._retry(_POLLIN, _recvfrom, view, nbytes, flags, sa, addrlen, key)
            if self._addrless_is_none and addrlen[0] == 0:
                return received, None
            return received, self._codec.from_scratch(scratch)
        finally:
            ffi.release(view)  # before this returns or raises (see send)
            give_back(scratch)

    def shutdown(self, how: int) -> None:
        """Shut down receiving (SHUT_RD), sending (SHUT_WR) or both (SHUT_RDWR)."""
        if lib.ts_h_shutdown(self._h, how) < 0:
            raise_errno(ffi.errno)

    def sendfile(self, file: BinaryIO, offset: int = 0, count: Optional[int] = None) -> int:
        """Send a file's bytes (os.sendfile, no copy through Python; ``send`` where the
        file has no descriptor); returns the count sent and leaves the file positioned
        after them, as the standard library does."""
        if "b" not in getattr(file, "mode", "b"):
            raise ValueError("file should be opened in binary mode")
        if self._kind != _c.SOCK_STREAM:
            raise ValueError("only SOCK_STREAM type sockets are supported")
        if count is not None and index(count) <= 0:
            raise ValueError(f"count must be a positive integer (got {count!r})")
        if index(offset) < 0:
            raise ValueError(f"offset must be a non-negative integer (got {offset!r})")
        try:
            source = file.fileno()
        except (AttributeError, io.UnsupportedOperation):
            return self._sendfile_by_send(file, offset, count)
        fd = self._held()  # a closed socket is typedsock.error(EBADF), as every call
        total = 0
        deadline = 0.0
        try:
            while count is None or total < count:
                chunk = 1 << 30 if count is None else count - total
                try:
                    sent = os.sendfile(fd, source, offset + total, chunk)
                except BlockingIOError:
                    deadline = self._wait(_POLLOUT, deadline, _EAGAIN)
                    continue
                except InterruptedError:
                    continue
                except OSError as exc:
                    if isinstance(exc, error) or exc.errno is None:
                        raise
                    raise from_errno(exc.errno) from None
                if sent == 0:
                    break
                total += sent
        finally:
            unhold(self._h)
            if total > 0 and hasattr(file, "seek"):
                file.seek(offset + total)
        return total

    def _sendfile_by_send(self, file: BinaryIO, offset: int, count: Optional[int]) -> int:
        if offset:
            file.seek(offset)
        total = 0
        while count is None or total < count:
            data = file.read(min(8192, count - total) if count is not None else 8192)
            if not data:
                break
            self.sendall(data)
            total += len(data)
        return total

    # -- options ---------------------------------------------------------------
    @overload
    def getsockopt(self, level: int, optname: int, buflen: Literal[0] = ...) -> int: ...  # type: ignore[overload-overlap]
    @overload
    def getsockopt(self, level: int, optname: int, buflen: int) -> bytes: ...
    def getsockopt(self, level: int, optname: int, buflen: Optional[int] = None) -> Union[int, bytes]:
        """An option as an int, or (with ``buflen``) as at most ``buflen`` raw bytes."""
        fd = self._held()
        try:
            if buflen is None or buflen == 0:
                return get_int(fd, level, optname, wide(self._codec.family, level))
            return get_bytes(fd, level, optname, buflen)
        finally:
            unhold(self._h)

    @overload
    def setsockopt(self, level: int, optname: int, value: Union[int, Buffer], /) -> None: ...
    @overload
    def setsockopt(self, level: int, optname: int, value: None, optlen: int, /) -> None: ...
    def setsockopt(self, level: int, optname: int, value: Union[int, Buffer, None], optlen: Optional[int] = None, /) -> None:
        """Set an option from an int or from raw bytes (built with ``struct``)."""
        fd = self._held()
        try:
            set_value(fd, level, optname, value, optlen, wide(self._codec.family, level))
        finally:
            unhold(self._h)

    def get(self: S, option: ReadOnlyOption[T, S]) -> T:
        """A typed option: ``sock.get(options.SO_RCVBUF) -> int``.  TypeError, before any
        system call, for an option that cannot be read or does not apply to this socket."""
        me = cast("Socket[Address]", self)  # S is a socket type (Any-free, unlike a bound)
        if not isinstance(option, ReadOnlyOption):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"get() takes an option that can be read, not {option!r}")
        option.check(me._codec.family, me._kind, me._proto)
        fd = me._held()
        try:
            raw = get_bytes(fd, option.level, option.optname, option.value.size)
        finally:
            unhold(me._h)
        return option.decode(raw)

    def set(self: S, option: WriteOnlyOption[V, S], value: V) -> None:
        """Set a typed option: ``sock.set(options.SO_REUSEADDR, True)``.  TypeError, before
        any system call, for an option that cannot be set or does not apply to this socket,
        or a value of the wrong type; ValueError or OverflowError for one out of range."""
        me = cast("Socket[Address]", self)
        if not isinstance(option, WriteOnlyOption):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"set() takes an option that can be set, not {option!r}")
        option.check(me._codec.family, me._kind, me._proto)
        encoded = option.encode(value)
        fd = me._held()
        try:
            set_value(fd, option.level, option.optname, encoded, None)
        finally:
            unhold(me._h)

    # -- AF_UNIX only ----------------------------------------------------------
    def _require_unix(self, call: str) -> None:
        if self._codec.family != _c.AF_UNIX:
            raise error(f"{call}() needs an AF_UNIX socket, not {label(self._codec.family)}")

    def send_fds(
        self: Socket[UnixAddress],
        buffers: Iterable[Buffer],
        fds: Iterable[int],
        flags: int = 0,
        address: Optional[UnixAddressLike] = None,
    ) -> int:
        """Send ``buffers`` with the descriptors ``fds`` attached (SCM_RIGHTS)."""
        self._require_unix("send_fds")
        rights = Rights(fds)
        return self.sendmsg(buffers, [rights] if rights.fds else [], flags, address)

    def recv_fds(
        self: Socket[UnixAddress], bufsize: int, maxfds: int, flags: int = 0
    ) -> Tuple[bytes, List[int], int, UnixAddress]:
        """Receive data and up to ``maxfds`` descriptors (non-inheritable; any beyond
        are closed, and MSG_CTRUNC is set).  Returns ``(data, fds, msg_flags, address)``."""
        self._require_unix("recv_fds")
        bufsize, maxfds = index(bufsize), index(maxfds)
        if bufsize < 0:
            raise ValueError("negative buffersize in recv_fds")
        if maxfds < 0:
            raise ValueError("negative maxfds in recv_fds")
        expect = [Rights.up_to(min(maxfds, MAX_FDS))] if maxfds else []
        received = self.recv_message(bufsize, expect, flags)
        fds = [fd for rights in received.get_all(Rights) for fd in rights.fds]
        return received.data, fds, received.flags, received.address or UNNAMED

    def peer_credentials(self: Socket[UnixAddress]) -> Credentials:
        """The pid, uid and gid of the connected peer process (SO_PEERCRED)."""
        from typedsock.options import SO_PEERCRED  # (the table imports this module)

        self._require_unix("peer_credentials")
        return self.get(SO_PEERCRED)

    # -- handing the descriptor on ----------------------------------------------
    def dup(self) -> Self:
        """A new socket object over a duplicate (close-on-exec) of the descriptor."""
        fd = lib.ts_h_dup(self._h)
        if fd < 0:
            raise_errno(ffi.errno)
        sock: Self = type(self)._wrap(fd, self._codec.family, self._kind, self._proto)
        sock._set_timeout(self._timeout)
        return sock

    def get_inheritable(self) -> bool:
        """Whether the descriptor is inherited by child processes (False by default, PEP 446)."""
        fd = self._held()
        try:
            return os.get_inheritable(fd)
        finally:
            unhold(self._h)

    def set_inheritable(self, inheritable: bool) -> None:
        """Let child processes inherit the descriptor (``True``), or not (PEP 446)."""
        fd = self._held()
        try:
            os.set_inheritable(fd, inheritable)
        finally:
            unhold(self._h)

    def _checked_fd(self) -> int:
        if self._fd < 0:
            raise_errno(_c.EBADF)
        return self._fd

    def to_stdlib(self) -> _stdlib.socket:
        """Move the descriptor into a standard ``socket.socket``; this object ends closed."""
        import socket as _stdlib  # only here: importing it costs typedsock's start-up time

        limit = self._timeout
        fd = self.detach()
        if fd < 0:
            raise_errno(_c.EBADF)
        sock = _stdlib.socket(self._codec.family, self._kind, self._proto, fileno=fd)
        sock.settimeout(limit)
        return sock

    # -- files ---------------------------------------------------------------
    @overload
    def makefile(  # type: ignore[overload-overlap]
        self, mode: _BinaryMode, buffering: Literal[0], *, encoding: None = ..., errors: None = ..., newline: None = ...
    ) -> _fileio.SocketIO: ...
    @overload
    def makefile(
        self, mode: _ReadBinary, buffering: Optional[int] = ..., *, encoding: None = ..., errors: None = ...,
        newline: None = ...,
    ) -> io.BufferedReader: ...
    @overload
    def makefile(
        self, mode: _WriteBinary, buffering: Optional[int] = ..., *, encoding: None = ..., errors: None = ...,
        newline: None = ...,
    ) -> io.BufferedWriter: ...
    @overload
    def makefile(
        self, mode: _ReadWriteBinary, buffering: Optional[int] = ..., *, encoding: None = ..., errors: None = ...,
        newline: None = ...,
    ) -> io.BufferedRWPair: ...
    @overload
    def makefile(
        self, mode: _TextMode = ..., buffering: Optional[int] = ..., *, encoding: Optional[str] = ...,
        errors: Optional[str] = ..., newline: Optional[str] = ...,
    ) -> io.TextIOWrapper: ...
    @overload
    def makefile(
        self, mode: str, buffering: Optional[int] = ..., *, encoding: Optional[str] = ...,
        errors: Optional[str] = ..., newline: Optional[str] = ...,
    ) -> io.IOBase: ...
    def makefile(
        self,
        mode: str = "r",
        buffering: Optional[int] = None,
        *,
        encoding: Optional[str] = None,
        errors: Optional[str] = None,
        newline: Optional[str] = None,
    ) -> io.IOBase:
        """A file object over this socket; the socket stays open until it is closed too."""
        self._checked_fd()  # a closed socket is typedsock.error(EBADF), as every call
        file = _fileio.makefile(self, mode, buffering, encoding, errors, newline, self._decref_socketios)
        self._files += 1 if self._files >= 0 else -1
        return file


register(Socket, ())
socket = Socket
SocketType = Socket
