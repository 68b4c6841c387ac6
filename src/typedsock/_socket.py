"""The socket classes.

``Socket[A]`` is generic in its address type ``A``; the family chosen at
creation picks ``A`` for the type checker (overloads on literal family and kind)
and the address codec at run time.  ``StreamSocket`` adds ``listen``/``accept``;
``DatagramSocket`` adds the batched calls and has no ``listen``/``accept``.

Every blocking call is one loop: call the system function (cffi releases the
GIL), return on success, else ``_wait`` decides: EINTR retries once the Python
signal handlers ran (PEP 475), EAGAIN under a timeout polls for the remaining
time, anything else raises.  A closed socket holds fd -1, so every call on it
fails with EBADF in the kernel and never reaches a reused descriptor.
"""

# The fallback overloads (family or kind known only at run time) return
# ``Socket[Address]``; by invariance the precise results are not subtypes of it,
# which is deliberate (a Socket[InetAddress] must not accept a UnixAddress).
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import io
import math
import operator
import os
import sys
import time
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Dict,
    Generic,
    Iterable,
    List,
    Literal,
    Optional,
    SupportsIndex,
    Tuple,
    Type,
    TypeVar,
    Union,
    cast,
    overload,
)

from typedsock import _fileio, options
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
from typedsock._constants import AddressFamily, SocketKind, enum_or_int
from typedsock._errors import error, from_errno, raise_errno, timeout
from typedsock._scratch import DATA_SIZE, SOCKADDR_SIZE, Scratch, give_back, take, take_pooled
from typedsock._sock import ffi, lib

if TYPE_CHECKING:  # typing-only names: importing them costs start-up time
    import socket as _stdlib

    from typing_extensions import Buffer, Self

    from typedsock._sock import CData

T = TypeVar("T")
_ReadBinary = Literal["rb", "br"]
_WriteBinary = Literal["wb", "bw"]
_ReadWriteBinary = Literal["rwb", "rbw", "wrb", "wbr", "brw", "bwr"]
_BinaryMode = Literal[_ReadBinary, _WriteBinary, _ReadWriteBinary]
_TextMode = Literal["r", "w", "rw", "wr"]
INET = Literal[AddressFamily.AF_INET]
INET6 = Literal[AddressFamily.AF_INET6]
UNIX = Literal[AddressFamily.AF_UNIX]
STREAM = Literal[SocketKind.SOCK_STREAM, SocketKind.SOCK_SEQPACKET]
DGRAM = Literal[SocketKind.SOCK_DGRAM, SocketKind.SOCK_RAW]

# Bound once: the hot paths call these without attribute lookups.
_send = lib.send
_recv = lib.recv
_sendto = lib.sendto
_recvfrom = lib.ts_recvfrom
_accept = lib.ts_accept
_from_buffer = ffi.from_buffer
_monotonic = time.monotonic
_EINTR: int = lib.EINTR
_EAGAIN: int = lib.EAGAIN
_EINPROGRESS: int = lib.EINPROGRESS
_EALREADY: int = lib.EALREADY
_EISCONN: int = lib.EISCONN
_MSG_TRUNC: int = lib.MSG_TRUNC
_POLLIN: int = lib.POLLIN
_POLLOUT: int = lib.POLLOUT
CLOEXEC: int = lib.SOCK_CLOEXEC
NONBLOCK: int = lib.SOCK_NONBLOCK
_STREAM_KINDS = (lib.SOCK_STREAM, lib.SOCK_SEQPACKET)
_POLL_MAX_MS = 2**31 - 1  # poll() takes an int: a longer wait is several polls

_default_timeout: Optional[float] = None


def getdefaulttimeout() -> Optional[float]:
    """The timeout new sockets start with (None: blocking)."""
    return _default_timeout


def setdefaulttimeout(value: Optional[float]) -> None:
    """Set the timeout new sockets start with (None: blocking)."""
    global _default_timeout
    _default_timeout = _check_timeout(value)


# The standard library keeps timeouts in int64 nanoseconds; beyond is OverflowError.
_TIMEOUT_LIMIT = 2**63 / 1e9
_TIMEOUT_OVERFLOW = (
    "timestamp out of range for platform time_t"
    if sys.version_info >= (3, 11)
    else "timestamp too large to convert to C _PyTime_t"
)


def _check_timeout(value: object) -> Optional[float]:
    """A timeout in seconds as the standard library accepts it (None: blocking)."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            raise ValueError("Invalid value NaN (not a number)")
        seconds = value
    else:
        seconds = float(operator.index(cast(SupportsIndex, value)))  # TypeError for str and the like
    if seconds >= _TIMEOUT_LIMIT:
        raise OverflowError(_TIMEOUT_OVERFLOW)
    if seconds < 0.0:
        raise ValueError("Timeout value out of range")
    return seconds


def _label(value: int) -> str:
    """An enum member's name (``AF_INET``), or the bare number."""
    return getattr(value, "name", None) or str(int(value))


def _getsockopt_int(fd: int, level: int, name: int) -> int:
    value = ffi.new("int *")
    size = ffi.new("socklen_t *", ffi.sizeof("int"))
    if lib.getsockopt(fd, level, name, ffi.cast("char *", value), size) < 0:
        raise_errno(ffi.errno)
    return int(value[0])


def kind_class(kind: int) -> Type[Socket[Any]]:
    """The class for sockets of this kind."""
    return StreamSocket if kind in _STREAM_KINDS else DatagramSocket


def _probe(fd: int) -> Tuple[int, int, int]:
    """(family, kind, proto) of an open socket descriptor."""
    return (
        _getsockopt_int(fd, lib.SOL_SOCKET, lib.SO_DOMAIN),
        _getsockopt_int(fd, lib.SOL_SOCKET, lib.SO_TYPE),
        _getsockopt_int(fd, lib.SOL_SOCKET, lib.SO_PROTOCOL),
    )


_FAMILIES = {int(member): member for member in AddressFamily}
_KINDS = {int(member): member for member in SocketKind}


def supported(family: int, kind: int) -> Tuple[AddressFamily, SocketKind]:
    """The family and kind as enum members; ``error`` for those typedsock has no type for."""
    if family not in CODECS:
        raise from_errno(lib.EAFNOSUPPORT)
    if kind not in _KINDS:
        raise from_errno(lib.ESOCKTNOSUPPORT)
    return _FAMILIES[family], _KINDS[kind]


def _open(
    cls: Type[Socket[Any]], family: int, type: int, proto: int, fileno: Optional[int]
) -> Tuple[Type[Socket[Any]], int, AddressFamily, SocketKind, int, bool]:
    """``socket(family, type, proto, fileno)``: the class, descriptor, family, kind and
    protocol of the new socket, and whether SOCK_NONBLOCK was asked for."""
    family, type, proto = operator.index(family), operator.index(type), operator.index(proto)
    nonblocking = type != -1 and bool(type & NONBLOCK)
    if fileno is None:
        family = lib.AF_INET if family == -1 else family
        type = cls._default_kind if type == -1 else type  # pyright: ignore[reportPrivateUsage]
        proto = 0 if proto == -1 else proto
        if family not in CODECS:
            raise from_errno(lib.EAFNOSUPPORT)
        fd = lib.socket(family, type | CLOEXEC, proto)
        if fd < 0:
            raise_errno(ffi.errno)
        try:
            family_member, kind = supported(family, type & ~(CLOEXEC | NONBLOCK))
            return _class_for(cls, kind), fd, family_member, kind, proto, nonblocking
        except BaseException:
            lib.close(fd)
            raise
    # The caller's descriptor: on failure it stays open, and theirs.
    fd = operator.index(fileno)
    if fd < 0:
        raise ValueError("negative file descriptor")
    real_family, real_kind, proto = check_claim(fd, family, type & ~(CLOEXEC | NONBLOCK) if type != -1 else -1, proto)
    family_member, kind = supported(real_family, real_kind)
    return _class_for(cls, kind), fd, family_member, kind, proto, nonblocking


_combined: Dict[Tuple[type, type], type] = {}


def _class_for(cls: Type[Socket[Any]], kind: int) -> Type[Socket[Any]]:
    """The class a new socket of ``kind`` gets when ``cls`` is called.

    ``Socket`` itself gives StreamSocket or DatagramSocket; those two only hold their
    own kinds; a user's subclass of ``socket`` is combined with the right one (so a
    ``class MySock(typedsock.socket)`` gets ``accept`` on a stream socket).
    """
    wanted = kind_class(kind)
    if cls is Socket or issubclass(cls, wanted):
        return wanted if cls is Socket else cls
    if issubclass(cls, (StreamSocket, DatagramSocket)):
        raise TypeError(f"{cls.__name__} cannot hold a socket of type {_label(kind)}")
    key = (cls, wanted)
    combined = _combined.get(key)
    if combined is None:
        namespace = {"__slots__": (), "__module__": cls.__module__, "__qualname__": cls.__qualname__}
        combined = _combined[key] = type(cls.__name__, (cls, wanted), namespace)
    return combined


def check_claim(fd: int, family: int, kind: int, proto: int) -> Tuple[int, int, int]:
    """The descriptor's real (family, kind, proto); `error` if a claim differs."""
    real = _probe(fd)
    for claimed, actual, what, enum in (
        (family, real[0], "family", AddressFamily),
        (kind, real[1], "type", SocketKind),
    ):
        if claimed != -1 and claimed != actual:
            raise error(
                lib.EINVAL,
                f"descriptor {fd} has {what} {_label(enum_or_int(enum, actual))}, "
                f"not {_label(enum_or_int(enum, claimed))}",
            )
    if proto not in (-1, 0) and proto != real[2]:
        raise error(lib.EINVAL, f"descriptor {fd} has protocol {real[2]}, not {proto}")
    return real


class Socket(Generic[A]):
    """A socket whose addresses are of type ``A`` (the family's address type).

    ``socket`` is this class: calling it makes a new socket and returns the
    precise subclass, ``StreamSocket[...]`` or ``DatagramSocket[...]``.
    """

    # Seven slots, as small as the standard library's socket object: the family
    # lives in the codec, and "closed while files are open" is a negative count.
    __slots__ = ("__weakref__", "_codec", "_fd", "_files", "_kind", "_proto", "_timeout")
    _fd: int
    _kind: SocketKind
    _proto: int
    _codec: Codec[A]
    _timeout: Optional[float]
    _files: int  # open makefile() files; negative once close() waits for them
    _addrless_is_none = False  # recvfrom with no address reported gives None (streams)
    _default_kind: int = lib.SOCK_STREAM  # the kind made when none is given

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
    def __new__(cls, family: int, type: STREAM, proto: int = ..., fileno: Optional[int] = ...) -> StreamSocket[Address]: ...
    @overload
    def __new__(cls, family: int, type: DGRAM, proto: int = ..., fileno: Optional[int] = ...) -> DatagramSocket[Address]: ...
    @overload
    def __new__(cls, family: int = ..., type: int = ..., proto: int = ..., fileno: Optional[int] = ...) -> Socket[Address]: ...
    def __new__(
        cls, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None, *args: Any, **kwargs: Any
    ) -> Any:
        if cls not in _OWN_CLASSES:
            # A user's subclass is opened by Socket.__init__, as socket.socket's are, so
            # its own __init__ may take other arguments and pass these on with super().
            return cls._unopened()
        if args or kwargs:
            raise TypeError(f"{cls.__name__}() takes at most 4 arguments (family, type, proto, fileno)")
        target, fd, family_member, kind, proto, nonblocking = _open(cls, family, type, proto, fileno)
        sock: Socket[Any] = target._wrap(fd, family_member, kind, proto)
        if nonblocking:
            sock.setblocking(False)
        return sock

    if not TYPE_CHECKING:  # (for a checker, __new__'s overloads give the precise type)

        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            """Opens a user's subclass (``__new__`` has done it for typedsock's own)."""
            if self.__class__ in _OWN_CLASSES or self._fd != -1:
                return
            target, fd, family_member, kind, proto, nonblocking = _open(
                self.__class__, family, type, proto, fileno
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
        sock._kind = SocketKind.SOCK_STREAM
        sock._proto = 0
        sock._codec = CODECS[lib.AF_INET]
        sock._files = 0
        sock._timeout = None
        return sock

    def _setup(self, fd: int, family: AddressFamily, kind: SocketKind, proto: int) -> None:
        self._fd = fd
        self._kind = kind
        self._proto = proto
        self._codec = CODECS[family]
        self._files = 0
        self._timeout = None
        if _default_timeout is not None:
            self._set_timeout(_default_timeout)

    # -- the loop every blocking call shares --------------------------------
    def _wait(self, events: int, deadline: float, err: int = -1) -> float:
        """After a failed call (errno ``err``, else cffi's saved errno): return (the
        deadline) to retry, or raise."""
        if err < 0:
            err = ffi.errno
        if err == _EINTR:
            return deadline  # the signal handlers run here; if one raised, so do we
        if err == _EAGAIN:
            limit = self._timeout
            if limit:
                now = _monotonic()
                if not deadline:
                    deadline = now + limit
                remaining = deadline - now
                if remaining <= 0.0:
                    raise timeout("timed out")
                ready = lib.ts_wait(self._fd, events, min(math.ceil(remaining * 1000.0), _POLL_MAX_MS))
                if ready == 0 and _monotonic() >= deadline:
                    raise timeout("timed out")
                if ready < 0 and ffi.errno != _EINTR:
                    raise_errno(ffi.errno)
                return deadline
        raise from_errno(err)

    # -- descriptor --------------------------------------------------------
    def fileno(self) -> int:
        """The descriptor, or -1 once closed or detached."""
        return self._fd

    def close(self) -> None:
        """Close the socket (idempotent); open ``makefile`` files keep it open until they close."""
        if self._files > 0:
            self._files = -self._files  # the last file to close closes the socket
        elif self._files == 0:
            self._real_close()

    def _real_close(self) -> None:
        fd = self._fd
        if fd >= 0:
            self._fd = -1
            if lib.close(fd) < 0 and ffi.errno not in (_EINTR, lib.ECONNRESET):
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
        fd = self._fd
        self._fd = -1
        self._files = 0
        return fd

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        fd = getattr(self, "_fd", -1)
        if fd >= 0:
            warnings.warn(f"unclosed {self!r}", ResourceWarning, source=self, stacklevel=1)
            self._fd = -1
            lib.close(fd)

    def __repr__(self) -> str:
        # The standard library's shape: family and type print as str() of their
        # IntEnum, which is the name before Python 3.11 and the number after.
        fd = self._fd
        parts = [f"fd={fd}", f"family={self._codec.family!s}", f"type={self._kind!s}", f"proto={self._proto}"]
        if fd < 0:
            return f"<typedsock.{type(self).__name__} [closed] {', '.join(parts)}>"
        for label, method in (("laddr", self.getsockname), ("raddr", self.getpeername)):
            try:
                address = method()
            except error:
                continue
            if address != UNNAMED:  # as the standard library, which omits ''
                parts.append(f"{label}={address!r}")
        return f"<typedsock.{type(self).__name__} {', '.join(parts)}>"

    @property
    def family(self) -> AddressFamily:
        return self._codec.family

    @property
    def type(self) -> SocketKind:
        return self._kind

    @property
    def proto(self) -> int:
        return self._proto

    # -- addresses -----------------------------------------------------------
    @overload
    def bind(self: Socket[InetAddress], address: InetAddressLike) -> None: ...
    @overload
    def bind(self: Socket[Inet6Address], address: Inet6AddressLike) -> None: ...
    @overload
    def bind(self: Socket[UnixAddress], address: UnixAddressLike) -> None: ...
    @overload
    def bind(self: Socket[Address], address: AddressLike) -> None: ...
    def bind(self, address: Any) -> None:
        """Bind to a local address of this socket's family."""
        sa, length = self._codec.encode(address, "bind")
        if lib.bind(self._fd, sa, length) < 0:
            raise_errno(ffi.errno)

    @overload
    def connect(self: Socket[InetAddress], address: InetAddressLike) -> None: ...
    @overload
    def connect(self: Socket[Inet6Address], address: Inet6AddressLike) -> None: ...
    @overload
    def connect(self: Socket[UnixAddress], address: UnixAddressLike) -> None: ...
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
    def connect_ex(self: Socket[Inet6Address], address: Inet6AddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[UnixAddress], address: UnixAddressLike) -> int: ...
    @overload
    def connect_ex(self: Socket[Address], address: AddressLike) -> int: ...
    def connect_ex(self, address: Any) -> int:
        """Like ``connect``, but return the errno (0 on success) instead of raising."""
        return self._connect(address, "connect_ex")

    def _connect(self, address: object, call: str) -> int:
        sa, length = self._codec.encode(address, call)
        limit = self._timeout
        retried = False
        while True:
            if lib.connect(self._fd, sa, length) == 0:
                return 0
            err: int = ffi.errno
            if err == _EINTR:  # PEP 475: the handlers run, then connect again
                retried = True
                continue
            if err == _EISCONN and retried:
                return 0  # it completed while the handlers ran
            if err not in (_EINPROGRESS, _EALREADY) or limit == 0.0:
                return err
            break
        # The connection goes on in the kernel: wait for it (at most the timeout).
        deadline = _monotonic() + limit if limit else 0.0
        while True:
            left_ms = math.ceil((deadline - _monotonic()) * 1000.0)
            wait_ms = -1 if not deadline else max(0, min(left_ms, _POLL_MAX_MS))
            ready = lib.ts_wait(self._fd, _POLLOUT, wait_ms)
            if ready > 0:
                return _getsockopt_int(self._fd, lib.SOL_SOCKET, lib.SO_ERROR)
            if ready == 0:
                if _monotonic() >= deadline:
                    raise timeout("timed out")
                continue  # a long timeout waits in several polls
            if ffi.errno != _EINTR:
                return int(ffi.errno)

    def _address(self, call: Any) -> A:
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            if call(self._fd, scratch.sa, scratch.addrlen, scratch.key) < 0:
                raise_errno(ffi.errno)
            return self._codec.from_scratch(scratch)
        finally:
            give_back(scratch)

    def getsockname(self) -> A:
        """This socket's own address."""
        return self._address(lib.ts_getsockname)

    def getpeername(self) -> A:
        """The address of the connected peer."""
        return self._address(lib.ts_getpeername)

    # -- data ----------------------------------------------------------------
    def send(self, data: Buffer, flags: int = 0) -> int:
        """Send from ``data``; returns the number of bytes sent."""
        if type(data) is bytes:  # passed as is: cffi hands C the bytes' own memory
            # (the loop of _send_from, inline: this is the hottest path there is)
            size = len(data)
            deadline = 0.0
            while True:
                sent: int = _send(self._fd, data, size, flags)
                if sent >= 0:
                    return sent
                deadline = self._wait(_POLLOUT, deadline)
        # Any other buffer: its export is released before this returns or raises, as the
        # standard library's is (a traceback kept in a reference cycle must not hold it:
        # the garbage collector would clear the exporter first, python/cpython#77894).
        with _readable(data) as view:
            return self._send_from(view, len(view), flags)

    def _send_from(self, ptr: Union[bytes, CData], size: int, flags: int) -> int:
        deadline = 0.0
        while True:
            sent: int = _send(self._fd, ptr, size, flags)
            if sent >= 0:
                return sent
            deadline = self._wait(_POLLOUT, deadline)

    def sendall(self, data: Buffer, flags: int = 0) -> None:
        """Send all of ``data``; a timeout bounds the whole call."""
        with _readable(data) as view:  # released before this returns or raises (see send)
            size = len(view)
            sent: int = _send(self._fd, view, size, flags)  # most often all of it, at once
            if sent == size:
                return
            offset = max(sent, 0)
            deadline = 0.0 if sent >= 0 else self._wait(_POLLOUT, 0.0)
            while offset < size:
                sent = _send(self._fd, view + offset, size - offset, flags)
                if sent >= 0:
                    offset += sent
                else:
                    deadline = self._wait(_POLLOUT, deadline)

    @overload
    def sendto(self: Socket[InetAddress], data: Buffer, address: InetAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[InetAddress], data: Buffer, flags: int, address: InetAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Inet6Address], data: Buffer, address: Inet6AddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Inet6Address], data: Buffer, flags: int, address: Inet6AddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[UnixAddress], data: Buffer, address: UnixAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[UnixAddress], data: Buffer, flags: int, address: UnixAddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Address], data: Buffer, address: AddressLike, /) -> int: ...
    @overload
    def sendto(self: Socket[Address], data: Buffer, flags: int, address: AddressLike, /) -> int: ...
    def sendto(self, *args: Any) -> int:
        """Send ``data`` to ``address``: ``sendto(data[, flags], address)``."""
        if len(args) == 2:
            data, address = args
            flags = 0
        elif len(args) == 3:
            data, flags, address = args
            flags = operator.index(flags)
        else:
            raise TypeError(f"sendto() takes 2 or 3 arguments ({len(args)} given)")
        sa, length = self._codec.encode(address, "sendto")
        if type(data) is bytes:  # (the loop of _sendto_from, inline: see send)
            size = len(data)
            deadline = 0.0
            while True:
                sent: int = _sendto(self._fd, data, size, flags, sa, length)
                if sent >= 0:
                    return sent
                deadline = self._wait(_POLLOUT, deadline)
        with _readable(data) as view:  # released before this returns or raises (see send)
            return self._sendto_from(view, len(view), flags, sa, length)

    def _sendto_from(self, ptr: Union[bytes, CData], size: int, flags: int, sa: CData, length: int) -> int:
        deadline = 0.0
        while True:
            sent: int = _sendto(self._fd, ptr, size, flags, sa, length)
            if sent >= 0:
                return sent
            deadline = self._wait(_POLLOUT, deadline)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        """Receive up to ``bufsize`` bytes (``b''`` at end of stream)."""
        if type(bufsize) is not int or not 0 < bufsize <= DATA_SIZE or flags & _MSG_TRUNC:
            # (MSG_TRUNC on TCP discards without writing the buffer: a fresh one, zeroed)
            return self._recv_large(bufsize, flags)
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        buf = scratch.data
        deadline = 0.0
        try:
            while True:
                received: int = _recv(self._fd, buf, bufsize, flags)
                if received >= 0:
                    # (with MSG_TRUNC the kernel reports the datagram's full length)
                    return scratch.view[: received if received <= bufsize else bufsize]  # type: ignore[no-any-return]
                deadline = self._wait(_POLLIN, deadline)
        finally:
            give_back(scratch)

    def _recv_large(self, bufsize: int, flags: int) -> bytes:
        bufsize = operator.index(bufsize)
        if bufsize <= 0:
            if bufsize < 0:
                raise ValueError("negative buffersize in recv")
            return b""  # as the standard library: no system call, nothing consumed
        buf = ffi.new("char[]", bufsize)
        deadline = 0.0
        while True:
            received: int = _recv(self._fd, buf, bufsize, flags)
            if received >= 0:
                return ffi.buffer(buf, min(received, bufsize))[:]  # type: ignore[no-any-return]
            deadline = self._wait(_POLLIN, deadline)

    def recv_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> int:
        """Receive into ``buffer`` (up to ``nbytes``, or its size); returns the count."""
        try:
            view = _from_buffer("char[]", buffer, True)  # writable, contiguous, not copied
        except (TypeError, BufferError):
            view = _writable(buffer, "recv_into")  # raises the standard library's TypeError
        with view:  # released before this returns or raises (see send)
            nbytes = len(view) if type(nbytes) is int and nbytes == 0 else _into_size(view, nbytes, "recv_into")
            deadline = 0.0
            while True:
                received: int = _recv(self._fd, view, nbytes, flags)
                if received >= 0:
                    return received
                deadline = self._wait(_POLLIN, deadline)

    def recvfrom(self, bufsize: int, flags: int = 0) -> Tuple[bytes, Optional[A]]:
        """Receive up to ``bufsize`` bytes and the sender's address."""
        if type(bufsize) is not int or not 0 <= bufsize <= DATA_SIZE:
            bufsize = operator.index(bufsize)
            if bufsize < 0:
                raise ValueError("negative buffersize in recvfrom")
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            if bufsize <= DATA_SIZE and not flags & _MSG_TRUNC:
                buf = scratch.data
            else:  # too big for the scratch buffer, or MSG_TRUNC (see recv)
                buf = ffi.new("char[]", bufsize)
            deadline = 0.0
            while True:
                received: int = _recvfrom(self._fd, buf, bufsize, flags, scratch.sa, scratch.addrlen, scratch.key)
                if received >= 0:
                    break
                deadline = self._wait(_POLLIN, deadline)
            data: bytes = ffi.buffer(buf, received if received <= bufsize else bufsize)[:]  # (MSG_TRUNC: see recv)
            if self._addrless_is_none and scratch.addrlen[0] == 0:
                return data, None
            return data, self._codec.from_scratch(scratch)
        finally:
            give_back(scratch)

    def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> Tuple[int, Optional[A]]:
        """Receive into ``buffer``; returns the count and the sender's address."""
        view = _writable(buffer, "recvfrom_into")
        scratch = take()
        try:
            nbytes = _into_size(view, nbytes, "recvfrom_into")
            deadline = 0.0
            while True:
                received: int = _recvfrom(self._fd, view, nbytes, flags, scratch.sa, scratch.addrlen, scratch.key)
                if received >= 0:
                    break
                deadline = self._wait(_POLLIN, deadline)
            if self._addrless_is_none and scratch.addrlen[0] == 0:
                return received, None
            return received, self._codec.from_scratch(scratch)
        finally:
            ffi.release(view)  # before this returns or raises (see send)
            give_back(scratch)

    def shutdown(self, how: int) -> None:
        """Shut down receiving (SHUT_RD), sending (SHUT_WR) or both (SHUT_RDWR)."""
        if lib.shutdown(self._fd, how) < 0:
            raise_errno(ffi.errno)

    def sendfile(self, file: BinaryIO, offset: int = 0, count: Optional[int] = None) -> int:
        """Send a file's bytes (os.sendfile, no copy through Python; ``send`` where the
        file has no descriptor); returns the count sent and leaves the file positioned
        after them, as the standard library does."""
        if "b" not in getattr(file, "mode", "b"):
            raise ValueError("file should be opened in binary mode")
        if self._kind != lib.SOCK_STREAM:
            raise ValueError("only SOCK_STREAM type sockets are supported")
        if count is not None and operator.index(count) <= 0:
            raise ValueError(f"count must be a positive integer (got {count!r})")
        if operator.index(offset) < 0:
            raise ValueError(f"offset must be a non-negative integer (got {offset!r})")
        try:
            source = file.fileno()
        except (AttributeError, io.UnsupportedOperation):
            return self._sendfile_by_send(file, offset, count)
        self._checked_fd()  # a closed socket is typedsock.error(EBADF), as every call
        total = 0
        deadline = 0.0
        try:
            while count is None or total < count:
                chunk = 1 << 30 if count is None else count - total
                try:
                    sent = os.sendfile(self._fd, source, offset + total, chunk)
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

    # -- modes and options -----------------------------------------------------
    def _set_timeout(self, value: Optional[float]) -> None:
        if lib.ts_set_nonblocking(self._fd, value is not None) < 0:
            raise_errno(ffi.errno)
        self._timeout = value

    def settimeout(self, value: Optional[float]) -> None:
        """None: blocking; 0: non-blocking; t > 0: blocking calls wait at most t seconds."""
        self._set_timeout(_check_timeout(value))

    def gettimeout(self) -> Optional[float]:
        return self._timeout

    def setblocking(self, flag: bool) -> None:
        """``setblocking(False)`` is ``settimeout(0)``; ``setblocking(True)`` is ``settimeout(None)``."""
        if sys.version_info < (3, 12):  # as the standard library there: an integer flag
            flag = bool(operator.index(flag))
        self._set_timeout(None if flag else 0.0)

    def getblocking(self) -> bool:
        return self._timeout != 0.0

    @overload
    def getsockopt(self, level: int, optname: int, buflen: Literal[0] = ...) -> int: ...  # type: ignore[overload-overlap]
    @overload
    def getsockopt(self, level: int, optname: int, buflen: int) -> bytes: ...
    def getsockopt(self, level: int, optname: int, buflen: Optional[int] = None) -> Union[int, bytes]:
        """An option as an int, or (with ``buflen``) as at most ``buflen`` raw bytes."""
        if buflen is None or buflen == 0:
            return _getsockopt_int(self._fd, level, optname)
        buflen = operator.index(buflen)
        if not 0 < buflen <= 1024:
            raise error("getsockopt buflen out of range")
        buf = ffi.new("char[]", buflen)
        size = ffi.new("socklen_t *", buflen)
        if lib.getsockopt(self._fd, level, optname, buf, size) < 0:
            raise_errno(ffi.errno)
        return ffi.buffer(buf, size[0])[:]  # type: ignore[no-any-return]

    @overload
    def setsockopt(self, level: int, optname: int, value: Union[int, Buffer], /) -> None: ...
    @overload
    def setsockopt(self, level: int, optname: int, value: None, optlen: int, /) -> None: ...
    def setsockopt(self, level: int, optname: int, value: Union[int, Buffer, None], optlen: Optional[int] = None, /) -> None:
        """Set an option from an int or from raw bytes (built with ``struct``)."""
        if value is None:
            if optlen is None:
                raise TypeError("setsockopt() with value None needs optlen")
            data, size = ffi.NULL, operator.index(optlen)
        elif isinstance(value, int):
            holder = ffi.new("int *", value)  # kept alive until the call returns
            data, size = ffi.cast("char *", holder), ffi.sizeof("int")
        else:
            with _readable(value) as view:  # released before this returns or raises (see send)
                if lib.setsockopt(self._fd, level, optname, view, len(view)) < 0:
                    raise_errno(ffi.errno)
            return
        if lib.setsockopt(self._fd, level, optname, data, size) < 0:
            raise_errno(ffi.errno)

    def get(self, option: options.ReadOnlyOption[T]) -> T:
        """A typed option: ``sock.get(options.RCVBUF) -> int``."""
        raw = self.getsockopt(option.level, option.optname, option.layout.size)
        return option.layout.decode(raw)

    def set(self, option: options.Option[T], value: T) -> None:
        """Set a typed option: ``sock.set(options.REUSEADDR, True)``."""
        if not isinstance(option, options.Option):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"{option.name} is read-only")
        self.setsockopt(option.level, option.optname, option.layout.encode(value))

    # -- AF_UNIX only ----------------------------------------------------------
    def _require_unix(self, call: str) -> None:
        if self._codec.family != lib.AF_UNIX:
            raise error(f"{call}() needs an AF_UNIX socket, not {_label(self._codec.family)}")

    def send_fds(
        self: Socket[UnixAddress],
        buffers: Iterable[Buffer],
        fds: Iterable[int],
        flags: int = 0,
        address: Optional[UnixAddressLike] = None,
    ) -> int:
        """Send ``buffers`` with the descriptors ``fds`` attached (SCM_RIGHTS)."""
        self._require_unix("send_fds")
        views = [_readable(buffer) for buffer in buffers]
        try:
            return self._send_fds(views, fds, flags, address)
        finally:
            for view in views:  # released before this returns or raises (see send)
                ffi.release(view)

    def _send_fds(self, views: List[Any], fds: Iterable[int], flags: int, address: Optional[object]) -> int:
        iov = ffi.new("struct iovec[]", max(1, len(views)))
        for index, view in enumerate(views):
            iov[index].iov_base = view
            iov[index].iov_len = len(view)
        descriptors = [operator.index(fd) for fd in fds]
        fd_array = ffi.new("int[]", descriptors or [0])
        control = ffi.new("char[]", lib.ts_cmsg_space(len(descriptors)))
        sa, length = self._codec.encode(address, "send_fds") if address is not None else (ffi.NULL, 0)
        deadline = 0.0
        while True:
            sent = lib.ts_send_fds(
                self._fd, iov, len(views), fd_array, len(descriptors), control, flags, sa, length
            )
            if sent >= 0:
                return sent
            deadline = self._wait(_POLLOUT, deadline)

    def recv_fds(
        self: Socket[UnixAddress], bufsize: int, maxfds: int, flags: int = 0
    ) -> Tuple[bytes, List[int], int, UnixAddress]:
        """Receive data and up to ``maxfds`` descriptors (non-inheritable).

        Returns ``(data, fds, msg_flags, address)``.
        """
        self._require_unix("recv_fds")
        bufsize, maxfds = operator.index(bufsize), operator.index(maxfds)
        if bufsize < 0:
            raise ValueError("negative buffersize in recv_fds")
        if maxfds < 0:
            raise ValueError("negative maxfds in recv_fds")
        buf = ffi.new("char[]", max(1, bufsize))
        controllen = lib.ts_cmsg_space(maxfds) if maxfds else 0
        control = ffi.new("char[]", max(1, controllen))
        fds = ffi.new("int[]", max(1, maxfds))
        count = ffi.new("size_t *")
        msg_flags = ffi.new("int *")
        scratch = take()
        try:
            deadline = 0.0
            while True:
                scratch.addrlen[0] = SOCKADDR_SIZE
                received = lib.ts_recv_fds(
                    self._fd, buf, bufsize, control, controllen, fds, maxfds, count,
                    msg_flags, flags, scratch.sa, scratch.addrlen,
                )
                if received >= 0:
                    break
                deadline = self._wait(_POLLIN, deadline)
            address = self._codec.decode(scratch.sa, scratch.addrlen[0], scratch)
        finally:
            give_back(scratch)
        data: bytes = ffi.buffer(buf, min(received, bufsize))[:]  # (MSG_TRUNC: see recv)
        return data, [int(fds[i]) for i in range(count[0])], int(msg_flags[0]), address

    def peer_credentials(self: Socket[UnixAddress]) -> options.Credentials:
        """The pid, uid and gid of the connected peer process (SO_PEERCRED)."""
        self._require_unix("peer_credentials")
        credentials: options.Credentials = self.get(options.PEERCRED)
        return credentials

    # -- handing the descriptor on ----------------------------------------------
    def dup(self) -> Self:
        """A new socket object over a duplicate (close-on-exec) of the descriptor."""
        fd = lib.ts_dup(self._fd)
        if fd < 0:
            raise_errno(ffi.errno)
        sock: Self = type(self)._wrap(fd, self._codec.family, self._kind, self._proto)
        sock._set_timeout(self._timeout)
        return sock

    def get_inheritable(self) -> bool:
        """Whether the descriptor is inherited by child processes (False by default, PEP 446)."""
        return os.get_inheritable(self._checked_fd())

    def set_inheritable(self, inheritable: bool) -> None:
        os.set_inheritable(self._checked_fd(), inheritable)

    def _checked_fd(self) -> int:
        if self._fd < 0:
            raise_errno(lib.EBADF)
        return self._fd

    @property
    def timeout(self) -> Optional[float]:
        """The timeout in seconds (None: blocking), as ``gettimeout()``."""
        return self._timeout

    def to_stdlib(self) -> _stdlib.socket:
        """Move the descriptor into a standard ``socket.socket``; this object ends closed."""
        import socket as _stdlib  # only here: importing it costs typedsock's start-up time

        limit = self._timeout
        fd = self.detach()
        if fd < 0:
            raise_errno(lib.EBADF)
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
        file = _fileio.makefile(self, mode, buffering, encoding, errors, newline, self._decref_socketios)
        self._files += 1 if self._files >= 0 else -1
        return file


def _readable(data: Buffer) -> Any:
    """A C pointer to ``data``'s bytes, without a copy (BufferError if not contiguous)."""
    try:
        return _from_buffer(data)
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'") from None


def _writable(buffer: Buffer, call: str) -> Any:
    """A C pointer into a writable, contiguous buffer."""
    try:
        return _from_buffer(buffer, require_writable=True)
    except (TypeError, BufferError):
        raise TypeError(
            f"{call}() argument 1 must be read-write bytes-like object, not {type(buffer).__name__}"
        ) from None


def _into_size(view: Any, nbytes: int, name: str) -> int:
    nbytes = operator.index(nbytes)
    if nbytes < 0:
        raise ValueError(f"negative buffersize in {name}")
    if nbytes == 0:
        return len(view)
    if nbytes > len(view):
        raise ValueError("buffer too small for requested bytes")
    return nbytes


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
            cls, family: int, type: STREAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> StreamSocket[Address]: ...
        def __new__(cls, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None) -> Any: ...

    def listen(self, backlog: Optional[int] = None) -> None:
        """Accept connections; ``backlog`` defaults to min(SOMAXCONN, 128), negative means 0."""
        if backlog is None:
            backlog = min(lib.SOMAXCONN, 128)
        if lib.listen(self._fd, max(0, operator.index(backlog))) < 0:
            raise_errno(ffi.errno)

    def accept(self) -> Tuple[StreamSocket[A], A]:
        """A new socket for the next connection, and the peer's address."""
        try:
            scratch = take_pooled()
        except IndexError:
            scratch = Scratch()
        try:
            deadline = 0.0
            while True:
                fd: int = _accept(self._fd, scratch.sa, scratch.addrlen, scratch.key)
                if fd >= 0:
                    break
                deadline = self._wait(_POLLIN, deadline)
            address = self._codec.from_scratch(scratch)
        finally:
            give_back(scratch)
        # A plain StreamSocket, as the standard library's accept() makes a plain socket.
        conn: StreamSocket[A] = StreamSocket._wrap(fd, self._codec.family, self._kind, self._proto)
        return conn, address


class _Batch:
    """C arrays for one recvmmsg of ``count`` messages into the given buffers."""

    __slots__ = ("addrlens", "addrs", "buflens", "bufs", "count", "lens", "owner")

    def __init__(self, owner: List[Any], sizes: List[int]) -> None:
        self.owner = owner  # keeps the buffers alive as long as the pointers
        self.count = len(sizes)
        self.bufs = ffi.new("char *[]", owner)
        self.buflens = ffi.new("size_t[]", sizes)
        self.addrs = ffi.new("char[]", self.count * SOCKADDR_SIZE)
        self.addrlens = ffi.new("socklen_t[]", self.count)
        self.lens = ffi.new("size_t[]", self.count)


_MMSG_MAX: int = lib.TS_MMSG_MAX
_batches: Dict[Tuple[int, int], _Batch] = {}  # recv_many's arrays, by (count, bufsize)


def _batch_size(count: int, what: str) -> int:
    count = operator.index(count)
    if not 1 <= count <= _MMSG_MAX:
        raise ValueError(f"{what} must be 1-{_MMSG_MAX}")
    return count


class DatagramSocket(Socket[A]):
    """A SOCK_DGRAM or SOCK_RAW socket: no listen/accept; every datagram has a sender."""

    __slots__ = ()
    _default_kind: int = lib.SOCK_DGRAM

    if TYPE_CHECKING:  # constructing the subclass directly: datagram kinds only

        @overload
        def __new__(
            cls, family: INET = ..., type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[InetAddress]: ...
        @overload
        def __new__(
            cls, family: INET6, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[Inet6Address]: ...
        @overload
        def __new__(
            cls, family: UNIX, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[UnixAddress]: ...
        @overload
        def __new__(
            cls, family: int, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[Address]: ...
        def __new__(cls, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None) -> Any: ...

    def send_many(self, messages: Iterable[Union[Buffer, Tuple[Buffer, A]]], flags: int = 0) -> int:
        """Send many datagrams with few system calls (sendmmsg); returns how many were sent.

        A message is a buffer (sent to the connected peer) or ``(buffer, address)``.
        Fewer than all are sent only when the socket cannot take more without
        blocking (non-blocking or timed out after some were sent).
        """
        items = list(messages)
        if not items and self._fd < 0:
            raise_errno(lib.EBADF)  # nothing to send, but a closed socket still says so
        total = 0
        for start in range(0, len(items), _MMSG_MAX):
            chunk = items[start : start + _MMSG_MAX]
            payloads: List[Buffer] = []
            addresses: List[Any] = []
            addrlens: List[int] = []
            for message in chunk:
                if isinstance(message, tuple):
                    payload, address = message
                    sa, length = self._codec.encode(address, "send_many")
                    addresses.append(sa)
                    addrlens.append(length)
                else:
                    payload = message
                    addresses.append(ffi.NULL)
                    addrlens.append(0)
                payloads.append(payload)
            views: List[Any] = []  # each payload in place: bufs[i] points into it, no copy
            try:
                for index, payload in enumerate(payloads):
                    try:
                        views.append(_from_buffer(payload))
                    except (TypeError, BufferError):  # as b"".join said when it copied them
                        raise TypeError(
                            f"sequence item {index}: expected a bytes-like object, {type(payload).__name__} found"
                        ) from None
                bufs = ffi.new("char *[]", views)
                lens = ffi.new("size_t[]", [len(view) for view in views])
                named = any(addrlens)
                sa_array = ffi.new("struct sockaddr *[]", addresses) if named else ffi.NULL
                len_array = ffi.new("socklen_t[]", addrlens) if named else ffi.NULL
                deadline = 0.0
                while True:
                    sent = lib.ts_sendmmsg(self._fd, bufs, lens, len(chunk), sa_array, len_array, flags)
                    if sent >= 0:
                        break
                    if total:
                        return total  # report what went; the next call raises the error
                    deadline = self._wait(_POLLOUT, deadline)
            finally:
                for payload, view in zip(payloads, views):
                    if type(payload) is not bytes:  # released before this returns or raises (see send)
                        ffi.release(view)
            total += sent
            if sent < len(chunk):
                break
        return total

    def _recv_batch(self, batch: _Batch, flags: int) -> int:
        deadline = 0.0
        while True:
            received = lib.ts_recvmmsg(
                self._fd, batch.bufs, batch.buflens, batch.count, batch.addrs, batch.addrlens, batch.lens, flags
            )
            if received >= 0:
                return received
            deadline = self._wait(_POLLIN, deadline)

    def recv_many(self, max_messages: int, bufsize: int, flags: int = 0) -> List[Tuple[bytes, A]]:
        """Receive 1 to ``max_messages`` datagrams of up to ``bufsize`` bytes (recvmmsg).

        Waits (as ``recv`` would) only for the first; returns ``[(data, sender), ...]``.
        """
        count = _batch_size(max_messages, "max_messages")
        bufsize = operator.index(bufsize)
        if bufsize < 0:
            raise ValueError("negative buffersize in recv_many")
        key = (count, bufsize)
        try:
            if flags & _MSG_TRUNC:  # (the kernel may not write the buffers: fresh ones, see recv)
                raise KeyError(key)
            batch = _batches.pop(key)
        except KeyError:
            block = ffi.new("char[]", max(1, count * bufsize))
            batch = _Batch([block + i * bufsize for i in range(count)] + [block], [bufsize] * count)
        try:
            received = self._recv_batch(batch, flags)
            decode = self._codec.decode
            scratch = take()
            try:
                return [
                    (
                        ffi.buffer(batch.bufs[i], min(batch.lens[i], bufsize))[:],
                        decode(batch.addrs + i * SOCKADDR_SIZE, batch.addrlens[i], scratch),
                    )
                    for i in range(received)
                ]
            finally:
                give_back(scratch)
        finally:
            if len(_batches) >= 16:
                _batches.clear()
            _batches[key] = batch

    def recv_many_into(self, buffers: Iterable[Buffer], flags: int = 0) -> List[Tuple[int, A]]:
        """Receive up to one datagram into each buffer; returns ``[(nbytes, sender), ...]``
        for the 1 to ``len(buffers)`` that arrived (waits only for the first)."""
        views = [_writable(buffer, "recv_many_into") for buffer in buffers]
        scratch = take()
        try:
            _batch_size(len(views), "number of buffers")
            batch = _Batch(views, [len(view) for view in views])
            received = self._recv_batch(batch, flags)
            decode = self._codec.decode
            return [
                (int(batch.lens[i]), decode(batch.addrs + i * SOCKADDR_SIZE, batch.addrlens[i], scratch))
                for i in range(received)
            ]
        finally:
            for view in views:  # released before this returns or raises (see send)
                ffi.release(view)
            give_back(scratch)

    if TYPE_CHECKING:

        def recvfrom(self, bufsize: int, flags: int = 0) -> Tuple[bytes, A]: ...
        def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> Tuple[int, A]: ...


_OWN_CLASSES = (Socket, StreamSocket, DatagramSocket)
socket = Socket
SocketType = Socket


def from_stdlib(sock: _stdlib.socket) -> Socket[Address]:
    """Move a standard ``socket.socket``'s descriptor into a typedsock socket.

    The standard socket ends detached (``fileno() == -1``).  Its family and type
    are checked against the descriptor, as for ``fromfd``.
    """
    limit = sock.gettimeout()
    family, kind, proto = int(sock.family), int(sock.type), sock.proto
    fd = sock.detach()
    try:
        typed = Socket(family, kind, proto, fileno=fd)
    except BaseException:
        os.close(fd)
        raise
    typed.settimeout(limit)
    return typed
