"""Sockets for asyncio: each blocking call, awaited, with the same address types.

``wrap(sock)`` moves a typedsock socket into an ``AsyncStreamSocket[A, L]`` or an
``AsyncDatagramSocket[A, L]``: ``A`` is the family's address type (what calls
return, as on the blocking socket) and ``L`` what its calls take (``InetAddressLike``
for AF_INET: an ``InetAddress`` or a ``(host, port)`` pair).  Both come from the
blocking socket's static type, which the family and kind given to ``socket()`` fix.

How a call waits: the descriptor is non-blocking; a call is tried at once, and
when the kernel says EAGAIN the task waits for readiness, through the running
loop's ``add_reader``/``add_writer`` (no threads), then tries again.  (Once a
receive found nothing, later receives wait for readiness first, as the loop's own
transports do.)  A call consumes or sends data only in a synchronous attempt of
the task itself, never in a loop callback,
so cancelling a task that waits loses nothing: a cancelled receive consumed
nothing, and a cancelled send sent nothing.  ``sendall`` sends in several attempts;
when it is cancelled (or fails) part way, ``sendall_progress`` says how many bytes
of it the kernel took, so the caller can resume with the rest.  Timeouts are
asyncio's own (``asyncio.timeout``, ``asyncio.wait_for``).  ``close()`` wakes each
task waiting on the socket with ``typedsock.error(EBADF)``.
"""

# The fallback overloads (family known only at run time) return ``...[Address, ...]``;
# by invariance the precise results are not subtypes of it, which is deliberate.
# pyright: reportOverlappingOverload=false

from __future__ import annotations

import asyncio
import errno
import io
import os
from typing import (
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Callable,
    Generic,
    Iterable,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    cast,
    overload,
)

from typedsock import _constants as _c
from typedsock._addresses import (
    A,
    Address,
    AddressLike,
    Inet6Address,
    Inet6AddressLike,
    InetAddress,
    InetAddressLike,
    UnixAddress,
    UnixAddressLike,
)
from typedsock._args import index
from typedsock._datagram import DatagramSocket
from typedsock._errors import error_class, from_errno
from typedsock._sock import lib
from typedsock._socket import Socket
from typedsock._stream import StreamSocket

if TYPE_CHECKING:
    from typing_extensions import Buffer, Self

    from typedsock._alg import AlgAddress, AlgAddressLike
    from typedsock._can import CanAddressLike, CanAnyAddress
    from typedsock._netlink import NetlinkAddress, NetlinkAddressLike
    from typedsock._packet import PacketAddress, PacketAddressLike
    from typedsock._sendrecvmsg import RawAncillary, RawItem
    from typedsock._tipc import TipcAddress, TipcAddressLike
    from typedsock._vsock import VsockAddress, VsockAddressLike
    from typedsock.ancillary import Receivable, Received, Room, Sendable

__all__ = ["AsyncDatagramSocket", "AsyncSocket", "AsyncStreamSocket", "wrap"]

L = TypeVar("L")  # what the family's calls take as an address (its ...AddressLike)
T = TypeVar("T")

_EINPROGRESS, _EALREADY, _EAGAIN, _EINTR, _EBADF = errno.EINPROGRESS, errno.EALREADY, errno.EAGAIN, errno.EINTR, errno.EBADF
_READING, _WRITING = 1, 2
_POLLIN: int = lib.POLLIN
_POLLOUT: int = lib.POLLOUT
_poll = lib.ts_wait
_SENDFILE_CHUNK = 1 << 30
_UNIX_BACKLOG_RETRY = (0.001, 0.05)  # first and longest pause while a unix listener's queue is full


class AsyncSocket(Generic[A, L]):
    """A typedsock socket for asyncio.  Make one with ``wrap()``; its blocking socket
    (non-blocking while wrapped) is ``blocking``, for options and other instant calls."""

    __slots__ = ("_sock", "_fd", "_loop", "_readers", "_writers", "_watching", "_idle", "_read_waits", "_timeout", "sendall_progress")

    _sock: Socket[A]
    sendall_progress: int
    """The bytes of the last ``sendall`` that the kernel took: all of them once it
    returns, and how far it got when it was cancelled or raised."""

    def __init__(self, sock: Socket[A]) -> None:
        """Use ``wrap()``, which gives the precise type."""
        if not isinstance(sock, Socket):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"wrap() takes a typedsock socket, not {type(sock).__name__}")
        self._fd = sock.fileno()  # a closed socket: typedsock.error(EBADF), here
        self._timeout = sock.gettimeout()
        sock.setblocking(False)
        self._sock = sock
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._readers: List[asyncio.Future[None]] = []
        self._writers: List[asyncio.Future[None]] = []
        self._watching = 0  # _READING | _WRITING: what the loop watches the descriptor for
        self._idle = 0  # the directions whose last wake found no task waiting
        # Once a receive found nothing, the next ones wait for readiness before they try
        # (as a loop's transports do): in a request-reply exchange the first attempt
        # would fail each time, a system call and an exception (~1.5 us) for nothing.
        # When data is there, the loop reports it on its next turn.  An accept, or a
        # recv_many that filled its batch, after a wait clears it: a listener or a
        # datagram socket under load most likely has more queued, and one loop turn per
        # connection capped a busy server at ~100 accepts/s.
        self._read_waits = False
        self.sendall_progress = 0

    # -- the socket ---------------------------------------------------------------
    @property
    def blocking(self) -> Socket[A]:
        """The typedsock socket underneath: for getsockopt/setsockopt, options and the
        other calls that never wait.  It is non-blocking while wrapped (a call that
        would wait raises BlockingIOError); ``to_blocking()`` takes it back.  Close it
        through this object, which first takes it off the loop's watch."""
        return self._sock

    @property
    def family(self) -> _c.AddressFamily:
        """The socket's address family (it fixes the address type ``A``)."""
        return self._sock.family

    @property
    def type(self) -> _c.SocketKind:
        """The socket kind (``SOCK_STREAM``, ``SOCK_DGRAM``, ...)."""
        return self._sock.type

    @property
    def proto(self) -> int:
        """The protocol number (0: the family's default for its kind)."""
        return self._sock.proto

    def fileno(self) -> int:
        """The descriptor, or -1 once closed."""
        return self._sock.fileno()

    def getsockname(self) -> A:
        """The socket's own address, typed by its family."""
        return self._sock.getsockname()

    def getpeername(self) -> A:
        """The connected peer's address, typed by its family."""
        return self._sock.getpeername()

    def bind(self, address: L) -> None:
        """Bind to ``address``: what the blocking socket's ``bind`` takes (``L``, the family's ``...AddressLike``)."""
        _any(self._sock).bind(address)

    def shutdown(self, how: int) -> None:
        """Shut down reading (``SHUT_RD``), writing (``SHUT_WR``) or both (``SHUT_RDWR``); never waits."""
        self._sock.shutdown(how)

    def close(self) -> None:
        """Close the socket; each task waiting on it wakes with ``typedsock.error(EBADF)``."""
        self._forget_waiters(wake=True)
        self._sock.close()

    def to_blocking(self) -> Socket[A]:
        """The socket back, with the timeout it had when wrapped; this object ends closed.
        Refused (RuntimeError) while a task waits on it."""
        if self._waiting():
            raise RuntimeError("to_blocking() while a task waits on the socket")
        self._forget_waiters(wake=False)
        sock = self._sock
        if sock.fileno() >= 0:
            sock.settimeout(self._timeout)
        self._sock = _closed_socket(sock)
        return sock

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<typedsock.aio.{type(self).__name__} {self._sock!r}>"

    # -- waiting ------------------------------------------------------------------
    # Speed bought two oddities here (each saves about a microsecond per wait):
    # * The descriptor stays watched (add_reader/add_writer) after a wake, so that a
    #   task that waits again soon costs no epoll_ctl.  A wake that finds no task
    #   waiting is a spurious one (level-triggered: the woken task has not read yet)
    #   or an idle socket; the second in a row stops the watch.
    # * A cancelled waiter stays listed until the next wake, or the next wait, drops
    #   it: cancelling costs nothing, and the hot path has no try/finally and no
    #   second coroutine.
    def _ready(self, writing: bool) -> asyncio.Future[None]:
        """A future that is done when the descriptor is readable (writable)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._bind(loop)
        fd = self._sock.fileno()
        if fd < 0:
            raise from_errno(_EBADF)
        waiter: asyncio.Future[None] = loop.create_future()
        bit = _WRITING if writing else _READING
        self._idle &= ~bit
        if writing:
            waiters = self._writers
            if waiters:
                self._writers = waiters = [w for w in waiters if not w.done()]
        else:
            waiters = self._readers
            if waiters:
                self._readers = waiters = [w for w in waiters if not w.done()]
        if not self._watching & bit:
            if writing:
                loop.add_writer(fd, self._wake, True)
            else:
                loop.add_reader(fd, self._wake, False)
            self._watching |= bit
        waiters.append(waiter)
        return waiter

    def _bind(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._waiting():
            raise RuntimeError(f"{self!r} has a task waiting in another event loop")
        self._forget_waiters(wake=False)  # the watch and cancelled waiters of the loop before
        self._loop = loop

    def _waiting(self) -> bool:
        return any(not w.done() for w in self._readers) or any(not w.done() for w in self._writers)

    def _wake(self, writing: bool) -> None:
        # A loop callback: it only wakes the tasks, which then make the call themselves.
        bit = _WRITING if writing else _READING
        waiters = self._writers if writing else self._readers
        if waiters and _poll(self._fd, _POLLOUT if writing else _POLLIN, 0) == 0:
            # Not ready any more: the loop polled before the task woken last time read
            # (or wrote); that task has already waited again.  It waits on.
            return
        if writing:
            self._writers = []
        else:
            self._readers = []
        woke = False
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)
                woke = True
        if woke:
            self._idle &= ~bit
        elif self._idle & bit:
            self._unwatch(writing)
        else:
            self._idle |= bit

    def _unwatch(self, writing: bool) -> None:
        bit = _WRITING if writing else _READING
        if not self._watching & bit:
            return
        self._watching &= ~bit
        self._idle &= ~bit
        loop = self._loop
        if loop is not None and not loop.is_closed():
            if writing:
                loop.remove_writer(self._fd)
            else:
                loop.remove_reader(self._fd)

    def _forget_waiters(self, wake: bool) -> None:
        """Stop watching the descriptor (before it is closed: the selector needs it);
        with ``wake``, each waiting task gets typedsock.error(EBADF)."""
        for writing in (False, True):
            self._unwatch(writing)
            if writing:
                waiters, self._writers = self._writers, []
            else:
                waiters, self._readers = self._readers, []
            for waiter in waiters:
                if wake and not waiter.done():
                    waiter.set_exception(error_class(_EBADF)(_EBADF, "the socket was closed while a task waited on it"))

    async def _read(self, call: Callable[..., T], *args: Any) -> T:
        """``call(*args)`` each time the socket is readable, until it does not raise
        BlockingIOError (the caller made the first attempt, or skipped it: _read_waits)."""
        while True:
            await self._ready(False)
            try:
                return call(*args)
            except BlockingIOError:
                pass

    async def _write(self, call: Callable[..., T], *args: Any) -> T:
        """As ``_read``, waiting for the socket to be writable."""
        while True:
            await self._ready(True)
            try:
                return call(*args)
            except BlockingIOError:
                pass

    # -- connecting -----------------------------------------------------------------
    async def connect(self, address: L) -> None:
        """Connect to ``address``.  A cancelled connect leaves the socket unusable (as a
        blocking connect that timed out): close it."""
        sock = _any(self._sock)
        err: int = sock.connect_ex(address)
        pause = _UNIX_BACKLOG_RETRY[0]
        while err:
            if err in (_EINPROGRESS, _EALREADY):
                await self._ready(True)
                err = sock.getsockopt(_c.SOL_SOCKET, _c.SO_ERROR)
            elif err == _EAGAIN and sock.family == _c.AF_UNIX:
                # The listener's queue is full; poll(2) cannot say when it has room.
                await asyncio.sleep(pause)
                pause = min(pause * 2, _UNIX_BACKLOG_RETRY[1])
                err = sock.connect_ex(address)
            elif err == _EINTR:
                err = sock.connect_ex(address)
            else:
                raise from_errno(err)

    # -- sending --------------------------------------------------------------------
    async def send(self, data: Buffer, flags: int = 0) -> int:
        """Send some of ``data`` (at least one byte, waiting until the kernel takes it)."""
        try:
            return self._sock.send(data, flags)
        except BlockingIOError:
            return await self._write(self._sock.send, data, flags)

    async def sendall(self, data: Buffer, flags: int = 0) -> None:
        """Send all of ``data``.  ``sendall_progress`` counts the bytes the kernel took:
        after a cancellation or an error, ``data[sendall_progress:]`` was not sent."""
        self.sendall_progress = 0
        send = self._sock.send
        if type(data) is bytes:
            try:
                sent = send(data, flags)  # most often all of it, at once
            except BlockingIOError:
                sent = 0
            self.sendall_progress = sent
            if sent == len(data):
                return
        with memoryview(data) as whole:
            view = whole if whole.format == "B" and whole.ndim == 1 else whole.cast("B")
            size = view.nbytes
            offset = self.sendall_progress
            while offset < size:
                try:
                    offset += send(view[offset:], flags)
                except BlockingIOError:
                    await self._ready(True)
                self.sendall_progress = offset

    @overload
    async def sendto(self, data: Buffer, address: L, /) -> int: ...
    @overload
    async def sendto(self, data: Buffer, flags: int, address: L, /) -> int: ...
    async def sendto(self, data: Buffer, *args: Any) -> int:
        """Send a datagram to ``address``: ``sendto(data, address)`` or ``sendto(data, flags, address)``."""
        sendto: Callable[..., int] = _any(self._sock).sendto
        try:
            return sendto(data, *args)
        except BlockingIOError:
            return await self._write(sendto, data, *args)

    async def sendmsg(
        self,
        buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[A]]] = (),
        flags: int = 0,
        address: Optional[L] = None,
        /,
    ) -> int:
        """As ``Socket.sendmsg``: ``buffers`` gathered, typed or raw control messages."""
        buffers, ancdata = list(buffers), list(ancdata)  # tried more than once
        sendmsg: Callable[..., int] = _any(self._sock).sendmsg
        try:
            return sendmsg(buffers, ancdata, flags, address)
        except BlockingIOError:
            return await self._write(sendmsg, buffers, ancdata, flags, address)

    # -- receiving ------------------------------------------------------------------
    async def recv(self, bufsize: int, flags: int = 0) -> bytes:
        """Receive up to ``bufsize`` bytes (``b''`` at end of stream)."""
        recv = self._sock.recv
        if not self._read_waits:
            try:
                return recv(bufsize, flags)
            except BlockingIOError:
                self._read_waits = True
        while True:  # _read's loop, inline: the hottest call saves a coroutine per wait
            await self._ready(False)
            try:
                return recv(bufsize, flags)
            except BlockingIOError:
                pass

    async def recv_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> int:
        """Receive into ``buffer`` (up to ``nbytes``, or its size); returns the count."""
        if not self._read_waits:
            try:
                return self._sock.recv_into(buffer, nbytes, flags)
            except BlockingIOError:
                self._read_waits = True
        return await self._read(self._sock.recv_into, buffer, nbytes, flags)

    async def recvfrom(self, bufsize: int, flags: int = 0) -> Tuple[bytes, Optional[A]]:
        """Receive up to ``bufsize`` bytes and the sender's address."""
        if not self._read_waits:
            try:
                return self._sock.recvfrom(bufsize, flags)
            except BlockingIOError:
                self._read_waits = True
        return await self._read(self._sock.recvfrom, bufsize, flags)

    async def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> Tuple[int, Optional[A]]:
        """Receive into ``buffer``; returns the count and the sender's address."""
        if not self._read_waits:
            try:
                return self._sock.recvfrom_into(buffer, nbytes, flags)
            except BlockingIOError:
                self._read_waits = True
        return await self._read(self._sock.recvfrom_into, buffer, nbytes, flags)

    async def recvmsg(self, bufsize: int, ancbufsize: int = 0, flags: int = 0, /) -> Tuple[bytes, RawAncillary, int, Optional[A]]:
        """As ``Socket.recvmsg``: ``(data, [(level, type, data), ...], msg_flags, address)``."""
        if not self._read_waits:
            try:
                return self._sock.recvmsg(bufsize, ancbufsize, flags)
            except BlockingIOError:
                self._read_waits = True
        return await self._read(self._sock.recvmsg, bufsize, ancbufsize, flags)

    async def recv_message(
        self, bufsize: int, expect: Iterable[Union[Type[Receivable[A]], Room[A]]] = (), flags: int = 0
    ) -> Received[Optional[A]]:
        """As ``Socket.recv_message``: data, sender, flags and typed control messages."""
        expect = list(expect)  # tried more than once
        if not self._read_waits:
            try:
                return self._sock.recv_message(bufsize, expect, flags)
            except BlockingIOError:
                self._read_waits = True
        return await self._read(self._sock.recv_message, bufsize, expect, flags)


class AsyncStreamSocket(AsyncSocket[A, L]):
    """A SOCK_STREAM or SOCK_SEQPACKET socket for asyncio: it can listen and accept."""

    __slots__ = ()

    @property
    def blocking(self) -> StreamSocket[A]:
        return cast("StreamSocket[A]", self._sock)

    if TYPE_CHECKING:

        def to_blocking(self) -> StreamSocket[A]: ...

    def listen(self, backlog: Optional[int] = None) -> None:
        """Accept connections (as the blocking socket's ``listen``; never waits)."""
        self.blocking.listen(backlog)

    async def accept(self) -> Tuple[AsyncStreamSocket[A, L], A]:
        """The next connection, as a socket of the same type, and the peer's address.
        A cancelled accept took no connection."""
        accept = self.blocking.accept
        if self._read_waits:
            conn, address = await self._read(accept)
        else:
            try:
                conn, address = accept()
            except BlockingIOError:
                self._read_waits = True
                conn, address = await self._read(accept)
            # A listener woken once most likely has more queued (a server under load):
            # the next accept tries at once, as the loop's own servers accept a batch.
            self._read_waits = False
        return AsyncStreamSocket(conn), address

    async def sendfile(self, file: BinaryIO, offset: int = 0, count: Optional[int] = None) -> int:
        """Send a file's bytes (os.sendfile; ``send`` where the file has no descriptor);
        returns the count sent and leaves the file positioned after them, as
        ``Socket.sendfile``.  When cancelled, the file's position says how far it got."""
        if "b" not in getattr(file, "mode", "b"):
            raise ValueError("file should be opened in binary mode")
        if self._sock.type != _c.SOCK_STREAM:
            raise ValueError("only SOCK_STREAM type sockets are supported")
        if count is not None and index(count) <= 0:
            raise ValueError(f"count must be a positive integer (got {count!r})")
        if index(offset) < 0:
            raise ValueError(f"offset must be a non-negative integer (got {offset!r})")
        try:
            source = file.fileno()
        except (AttributeError, io.UnsupportedOperation):
            return await self._sendfile_by_send(file, offset, count)
        fd = self._sock.fileno()
        if fd < 0:
            raise from_errno(_EBADF)
        total = 0
        try:
            while count is None or total < count:
                chunk = _SENDFILE_CHUNK if count is None else count - total
                try:
                    sent = os.sendfile(fd, source, offset + total, chunk)
                except BlockingIOError:
                    await self._ready(True)
                    continue
                except InterruptedError:
                    continue
                except OSError as exc:
                    if exc.errno is None:
                        raise
                    raise from_errno(exc.errno) from None
                if sent == 0:
                    break
                total += sent
        finally:
            if total > 0 and hasattr(file, "seek"):
                file.seek(offset + total)
        return total

    async def _sendfile_by_send(self, file: BinaryIO, offset: int, count: Optional[int]) -> int:
        if offset:
            file.seek(offset)
        total = 0
        while count is None or total < count:
            data = file.read(min(65536, count - total) if count is not None else 65536)
            if not data:
                break
            try:
                await self.sendall(data)
            finally:
                total += self.sendall_progress
                if self.sendall_progress < len(data) and hasattr(file, "seek"):
                    file.seek(offset + total)  # the unsent rest is read again by the next call
        return total


class AsyncDatagramSocket(AsyncSocket[A, L]):
    """A SOCK_DGRAM or SOCK_RAW socket for asyncio: batched datagrams, no accept."""

    __slots__ = ()

    @property
    def blocking(self) -> DatagramSocket[A]:
        return cast("DatagramSocket[A]", self._sock)

    if TYPE_CHECKING:  # the precise class; and a datagram always has a sender

        def to_blocking(self) -> DatagramSocket[A]: ...

        async def recvfrom(self, bufsize: int, flags: int = 0) -> Tuple[bytes, A]: ...
        async def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> Tuple[int, A]: ...

    # gso only where it applies (AF_INET, AF_INET6, and a family known at run time).
    @overload
    async def send_many(
        self: AsyncDatagramSocket[InetAddress, L], messages: Iterable[Union[Buffer, Tuple[Buffer, L]]], flags: int = ..., *, gso: bool = ...
    ) -> int: ...
    @overload
    async def send_many(
        self: AsyncDatagramSocket[Inet6Address, L], messages: Iterable[Union[Buffer, Tuple[Buffer, L]]], flags: int = ..., *, gso: bool = ...
    ) -> int: ...
    @overload
    async def send_many(
        self: AsyncDatagramSocket[Address, L], messages: Iterable[Union[Buffer, Tuple[Buffer, L]]], flags: int = ..., *, gso: bool = ...
    ) -> int: ...
    @overload
    async def send_many(self, messages: Iterable[Union[Buffer, Tuple[Buffer, L]]], flags: int = ...) -> int: ...
    async def send_many(self, messages: Iterable[Union[Buffer, Tuple[Buffer, Any]]], flags: int = 0, *, gso: bool = False) -> int:
        """Send every datagram of ``messages`` (sendmmsg; with ``gso``, UDP_SEGMENT), each
        a buffer or ``(buffer, address)``; returns how many were sent: all of them.  When
        cancelled, the datagrams before the one it waited on were sent."""
        batch = list(messages)
        send_many: Callable[..., int] = _any(self._sock).send_many
        extra = {"gso": True} if gso else {}
        done = 0
        while done < len(batch):
            rest = batch[done:] if done else batch
            try:
                done += send_many(rest, flags, **extra)
            except BlockingIOError:
                await self._ready(True)
        return done

    async def recv_many(self, max_messages: int, bufsize: int, flags: int = 0) -> List[Tuple[bytes, A]]:
        """1 to ``max_messages`` datagrams of up to ``bufsize`` bytes (recvmmsg), each
        with its sender; waits for the first only."""
        recv_many = self.blocking.recv_many
        if not self._read_waits:
            try:
                return recv_many(max_messages, bufsize, flags)
            except BlockingIOError:
                self._read_waits = True
        received = await self._read(recv_many, max_messages, bufsize, flags)
        if len(received) == max_messages:  # a full batch: more is most likely queued
            self._read_waits = False
        return received

    async def recv_many_into(self, buffers: Iterable[Buffer], flags: int = 0) -> List[Tuple[int, A]]:
        """Up to one datagram into each buffer: ``[(nbytes, sender), ...]``; waits for the first only."""
        buffers = list(buffers)  # tried more than once
        recv_many_into = self.blocking.recv_many_into
        if not self._read_waits:
            try:
                return recv_many_into(buffers, flags)
            except BlockingIOError:
                self._read_waits = True
        return await self._read(recv_many_into, buffers, flags)


def _any(sock: Socket[Any]) -> Any:
    # The calls that take an address: ``L`` is the family's AddressLike, which the
    # blocking socket's overloads (one per family) accept; a type variable cannot say so.
    return sock


def _closed_socket(sock: Socket[A]) -> Socket[A]:
    """What a wrapper holds once its socket moved out: a closed socket of the same class."""
    return cast("Socket[A]", type(sock)._unopened())  # pyright: ignore[reportPrivateUsage]


# -- wrap: the blocking socket's static type gives the async one's ----------------------
@overload
def wrap(sock: StreamSocket[InetAddress]) -> AsyncStreamSocket[InetAddress, InetAddressLike]: ...
@overload
def wrap(sock: StreamSocket[Inet6Address]) -> AsyncStreamSocket[Inet6Address, Inet6AddressLike]: ...
@overload
def wrap(sock: StreamSocket[UnixAddress]) -> AsyncStreamSocket[UnixAddress, UnixAddressLike]: ...
@overload
def wrap(sock: StreamSocket[VsockAddress]) -> AsyncStreamSocket[VsockAddress, VsockAddressLike]: ...
@overload
def wrap(sock: StreamSocket[AlgAddress]) -> AsyncStreamSocket[AlgAddress, AlgAddressLike]: ...
@overload
def wrap(sock: StreamSocket[TipcAddress]) -> AsyncStreamSocket[TipcAddress, TipcAddressLike]: ...
@overload
def wrap(sock: StreamSocket[Address]) -> AsyncStreamSocket[Address, AddressLike]: ...  # type: ignore[overload-overlap]
@overload
def wrap(sock: DatagramSocket[InetAddress]) -> AsyncDatagramSocket[InetAddress, InetAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[Inet6Address]) -> AsyncDatagramSocket[Inet6Address, Inet6AddressLike]: ...
@overload
def wrap(sock: DatagramSocket[UnixAddress]) -> AsyncDatagramSocket[UnixAddress, UnixAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[PacketAddress]) -> AsyncDatagramSocket[PacketAddress, PacketAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[NetlinkAddress]) -> AsyncDatagramSocket[NetlinkAddress, NetlinkAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[VsockAddress]) -> AsyncDatagramSocket[VsockAddress, VsockAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[CanAnyAddress]) -> AsyncDatagramSocket[CanAnyAddress, CanAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[TipcAddress]) -> AsyncDatagramSocket[TipcAddress, TipcAddressLike]: ...
@overload
def wrap(sock: DatagramSocket[Address]) -> AsyncDatagramSocket[Address, AddressLike]: ...  # type: ignore[overload-overlap]
@overload
def wrap(sock: Socket[InetAddress]) -> AsyncSocket[InetAddress, InetAddressLike]: ...
@overload
def wrap(sock: Socket[Inet6Address]) -> AsyncSocket[Inet6Address, Inet6AddressLike]: ...
@overload
def wrap(sock: Socket[UnixAddress]) -> AsyncSocket[UnixAddress, UnixAddressLike]: ...
@overload
def wrap(sock: Socket[PacketAddress]) -> AsyncSocket[PacketAddress, PacketAddressLike]: ...
@overload
def wrap(sock: Socket[NetlinkAddress]) -> AsyncSocket[NetlinkAddress, NetlinkAddressLike]: ...
@overload
def wrap(sock: Socket[VsockAddress]) -> AsyncSocket[VsockAddress, VsockAddressLike]: ...
@overload
def wrap(sock: Socket[CanAnyAddress]) -> AsyncSocket[CanAnyAddress, CanAddressLike]: ...
@overload
def wrap(sock: Socket[AlgAddress]) -> AsyncSocket[AlgAddress, AlgAddressLike]: ...
@overload
def wrap(sock: Socket[TipcAddress]) -> AsyncSocket[TipcAddress, TipcAddressLike]: ...
@overload
def wrap(sock: Socket[Address]) -> AsyncSocket[Address, AddressLike]: ...
def wrap(sock: Socket[Any]) -> AsyncSocket[Any, Any]:
    """``sock`` for asyncio: an ``AsyncStreamSocket`` for a stream socket, an
    ``AsyncDatagramSocket`` for a datagram one, with the address types of ``sock``'s
    static type.  The new object owns the descriptor (non-blocking from now on);
    ``to_blocking()`` gives it back."""
    if isinstance(sock, StreamSocket):
        return AsyncStreamSocket(sock)
    if isinstance(sock, DatagramSocket):
        return AsyncDatagramSocket(sock)
    return AsyncSocket(sock)
