"""sendmsg, recvmsg, recvmsg_into and the typed receive, recv_message.

``MessageCalls`` is a base of ``Socket``: the calls of every socket that carry
control messages.  The raw calls have the standard module's signatures, semantics
and errors; ``sendmsg`` also takes the typed messages of ``ancillary``, checked
against the socket's family before any system call, and ``recv_message`` sizes the
control buffer for the messages it is told to expect and parses what arrives.

Received descriptors are close-on-exec (``ts_recvmsg`` passes MSG_CMSG_CLOEXEC), and
never leak: when anything fails after the kernel passed them, they are closed.
"""

# pyright: reportOverlappingOverload=false

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Generic, Iterable, List, Optional, Tuple, Type, Union, cast, overload

from typedsock import _cmsg
from typedsock import _constants as _c
from typedsock._addresses import (
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
from typedsock._args import index, int_arg
from typedsock._buffers import readable, writable
from typedsock._literals import deprecated
from typedsock._scratch import SOCKADDR_SIZE, give_back, take
from typedsock._sock import ffi, lib
from typedsock._timeouts import Blocking
from typedsock.ancillary import (
    ControlMessage,
    Receivable,
    Received,
    Rights,
    RightsRoom,
    Room,
    Sendable,
    from_control,
)

if TYPE_CHECKING:
    from typing_extensions import Buffer

    from typedsock._alg import AlgAddress, AlgAddressLike
    from typedsock._can import CanAddressLike, CanAnyAddress
    from typedsock._netlink import NetlinkAddress, NetlinkAddressLike
    from typedsock._packet import PacketAddress, PacketAddressLike
    from typedsock._tipc import TipcAddress, TipcAddressLike
    from typedsock._vsock import VsockAddress, VsockAddressLike

__all__ = ["MessageCalls", "RawItem"]

# A control message as the standard module takes and gives it.
RawItem = Tuple[int, int, "Buffer"]
RawAncillary = List[Tuple[int, int, bytes]]

_POLLIN: int = lib.POLLIN
_POLLOUT: int = lib.POLLOUT
_MSG_CTRUNC: int = int(_c.MSG_CTRUNC)
_TRUNCATED_WARNING = "received malformed or improperly-truncated ancillary data"  # the standard module's


class MessageCalls(Blocking, Generic[A]):
    """The control-message calls of a socket whose addresses are ``A``."""

    __slots__ = ()
    _codec: Codec[A]
    _addrless_is_none: bool

    # -- sending -------------------------------------------------------------------
    @overload
    def sendmsg(
        self: MessageCalls[InetAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[InetAddress]]] = ..., flags: int = ...,
        address: Optional[InetAddressLike] = ..., /,
    ) -> int: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def sendmsg(
        self: MessageCalls[Inet6Address], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[Inet6Address]]], flags: int, address: InetAddress, /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[Inet6Address], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[Inet6Address]]] = ..., flags: int = ...,
        address: Optional[Inet6AddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[UnixAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[UnixAddress]]] = ..., flags: int = ...,
        address: Optional[UnixAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[PacketAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[PacketAddress]]] = ..., flags: int = ...,
        address: Optional[PacketAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[NetlinkAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[NetlinkAddress]]] = ..., flags: int = ...,
        address: Optional[NetlinkAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[VsockAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[VsockAddress]]] = ..., flags: int = ...,
        address: Optional[VsockAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[CanAnyAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[CanAnyAddress]]] = ..., flags: int = ...,
        address: Optional[CanAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[AlgAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[AlgAddress]]] = ..., flags: int = ...,
        address: Optional[AlgAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[TipcAddress], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[TipcAddress]]] = ..., flags: int = ...,
        address: Optional[TipcAddressLike] = ..., /,
    ) -> int: ...
    @overload
    def sendmsg(
        self: MessageCalls[Address], buffers: Iterable[Buffer],
        ancdata: Iterable[Union[RawItem, Sendable[Address]]] = ..., flags: int = ...,
        address: Optional[AddressLike] = ..., /,
    ) -> int: ...
    def sendmsg(self, buffers: Any, ancdata: Any = (), flags: Any = 0, address: Any = None, /) -> int:
        """Send the data of ``buffers`` (gathered) with the control messages ``ancdata``:
        typed messages (``ancillary``) or ``(level, type, data)`` tuples, to
        ``address`` (None: the connected peer).  Returns the number of bytes sent."""
        flags = int_arg(flags)
        sa, length = (ffi.NULL, 0) if address is None else self._codec.encode(address, "sendmsg")
        views: List[Any] = []
        try:
            iov, count = _gather(buffers, views, "sendmsg", readable)
            entries = self._control_entries(ancdata, views)
            control, controllen = _cmsg.pack(entries) if entries else (ffi.NULL, 0)
            args = (iov, count, control, controllen, flags, sa, length)
            sent: int = lib.ts_h_sendmsg(self._h, *args)
            return sent if sent >= 0 else self._retry(_POLLOUT, lib.ts_h_sendmsg, *args)
        finally:
            for view in views:  # released before this returns or raises (see _buffers)
                ffi.release(view)

    def _control_entries(self, ancdata: object, views: List[Any]) -> List[Tuple[int, int, Any]]:
        """``ancdata`` as (level, type, C view of the data), every item checked first."""
        try:
            items: List[object] = list(ancdata)  # type: ignore[call-overload]
        except TypeError:
            raise TypeError("sendmsg() argument 2 must be an iterable") from None
        entries: List[Tuple[int, int, Any]] = []
        family = self._codec.family
        for item in items:
            name = type(item).__name__
            if isinstance(item, ControlMessage):
                if not isinstance(item, Sendable):
                    raise TypeError(f"{type(item).__name__} is a message the kernel sends, not one to send")
                item.check_family(family)
                sendable: Sendable[Any] = cast(Any, item)
                level, kind, data = sendable.to_tuple()
            elif isinstance(item, (tuple, list)) and len(cast("Tuple[object, ...]", item)) == 3:
                raw_level, raw_kind, data = cast("Tuple[object, object, Any]", item)
                level, kind = int_arg(raw_level), int_arg(raw_kind)
            else:
                raise TypeError(
                    "sendmsg() ancillary data items must be (level, type, data) tuples or typed messages, "
                    f"not {name}"
                )
            view = readable(data)
            views.append(view)
            entries.append((level, kind, view))
        return entries

    # -- receiving --------------------------------------------------------------------
    def recvmsg(self, bufsize: int, ancbufsize: int = 0, flags: int = 0, /) -> Tuple[bytes, RawAncillary, int, Optional[A]]:
        """Receive up to ``bufsize`` bytes and up to ``ancbufsize`` bytes of control
        messages: ``(data, [(level, type, data), ...], msg_flags, address)``."""
        buf, iov, size = _data_buffer(bufsize, "recvmsg")
        received, ancdata, msg_flags, address = self._recv_raw(iov, 1, ancbufsize, flags, "recvmsg")
        return ffi.buffer(buf, min(received, size))[:], ancdata, msg_flags, address

    def recvmsg_into(
        self, buffers: Iterable[Buffer], ancbufsize: int = 0, flags: int = 0, /
    ) -> Tuple[int, RawAncillary, int, Optional[A]]:
        """Receive into ``buffers`` (scattered), and control messages as ``recvmsg``:
        ``(nbytes, [(level, type, data), ...], msg_flags, address)``."""
        views: List[Any] = []
        try:
            iov, count = _gather(buffers, views, "recvmsg_into", _writable_into)
            return self._recv_raw(iov, count, ancbufsize, flags, "recvmsg_into")
        finally:
            for view in views:
                ffi.release(view)

    def _recv_raw(self, iov: Any, count: int, ancbufsize: object, flags: object, call: str) -> Tuple[int, RawAncillary, int, Optional[A]]:
        room = index(ancbufsize)
        if room < 0:
            raise ValueError(f"negative buffer size in {call}()")
        received, control, controllen, msg_flags, address = self._recv(iov, count, room, int_arg(flags))
        try:
            ancdata: RawAncillary = []
            for level, kind, offset, size, truncated in _cmsg.items(control, controllen):
                if truncated:
                    warnings.warn(_TRUNCATED_WARNING, RuntimeWarning, stacklevel=3)
                ancdata.append((level, kind, ffi.buffer(control + offset, size)[:]))
        except BaseException:
            _cmsg.close_rights(control, controllen)
            raise
        return received, ancdata, msg_flags, address

    def _recv(self, iov: Any, count: int, room: int, flags: int) -> Tuple[int, Any, int, int, Optional[A]]:
        """recvmsg(2) with a control buffer of ``room`` bytes: the count, the control
        buffer and its length, the flags and the sender.  The descriptors the kernel
        passed are closed if the sender cannot be decoded."""
        control = ffi.new("char[]", room) if room else ffi.NULL
        controllen = ffi.new("size_t *", room)
        msg_flags = ffi.new("int *")
        scratch = take()
        try:
            scratch.addrlen[0] = SOCKADDR_SIZE  # (ts_recvmsg changes it, and controllen, only on success)
            args = (iov, count, control, controllen, flags, scratch.sa, scratch.addrlen, msg_flags)
            received: int = lib.ts_h_recvmsg(self._h, *args)
            if received < 0:
                received = self._retry(_POLLIN, lib.ts_h_recvmsg, *args)
            try:
                addrlen = scratch.addrlen[0]
                if addrlen == 0 and (self._addrless_is_none or _c.AF_UNIX != self._codec.family):
                    address: Optional[A] = None  # a stream's peer, or no sender reported: as the standard module
                else:
                    address = self._codec.decode(scratch.sa, addrlen, scratch)
            except BaseException:
                _cmsg.close_rights(control, int(controllen[0]))
                raise
        finally:
            give_back(scratch)
        return received, control, int(controllen[0]), int(msg_flags[0]), address

    def recv_message(
        self,
        bufsize: int,
        expect: Iterable[Union[Type[Receivable[A]], Room[A]]] = (),
        flags: int = 0,
    ) -> Received[Optional[A]]:
        """Receive up to ``bufsize`` bytes with the control messages named in ``expect``
        (message classes, ``Rights.up_to(n)``, ``RawMessage.room(n)``), the control
        buffer sized for them.  Returns a ``Received``: data, sender, flags and typed
        messages (a ``RawMessage`` for a kind without a class).  Descriptors beyond
        those ``Rights.up_to`` makes room for are closed, and the result is
        ``truncated`` (MSG_CTRUNC), as it is when the kernel had more than fitted."""
        buf, iov, size = _data_buffer(bufsize, "recv_message")
        room, max_fds = self._room(expect)
        received, control, controllen, msg_flags, address = self._recv(iov, 1, room, int_arg(flags))
        try:
            messages = from_control(control, controllen)
            kept: List[ControlMessage] = []
            for message in messages:
                if isinstance(message, Rights) and len(message.fds) > max_fds:
                    # More than asked for (CMSG_SPACE rounds up, a raw room holds them
                    # too): the rest are closed, and the caller told.
                    Rights(message.fds[max_fds:]).close()
                    msg_flags |= _MSG_CTRUNC
                    if not max_fds:
                        continue
                    message = Rights(message.fds[:max_fds])
                if isinstance(message, Rights):
                    max_fds -= len(message.fds)
                kept.append(message)
        except BaseException:
            _cmsg.close_rights(control, controllen)
            raise
        return Received(ffi.buffer(buf, min(received, size))[:], address, msg_flags, kept)

    def _room(self, expect: object) -> Tuple[int, int]:
        """The control buffer size and the descriptor count ``expect`` asks for."""
        family = self._codec.family
        room = max_fds = 0
        items: List[object] = list(expect)  # type: ignore[call-overload]
        for item in items:
            if isinstance(item, Room):
                if isinstance(item, RightsRoom):
                    Rights.check_family(family)
                    max_fds += item.count
                space: Room[Any] = cast(Any, item)
                room += space.space()
            elif isinstance(item, type) and issubclass(item, Receivable):
                kind: Type[Receivable[Any]] = cast(Any, item)
                kind.check_family(family)
                room += kind.space()
            else:
                raise TypeError(
                    "expect holds message classes, Rights.up_to(count) and RawMessage.room(size), "
                    f"not {item!r}"
                )
        return room, max_fds


def _data_buffer(bufsize: object, call: str) -> Tuple[Any, Any, int]:
    """A fresh buffer of ``bufsize`` bytes, its one-item iovec, and the size."""
    size = index(bufsize)
    if size < 0:
        raise ValueError(f"negative buffer size in {call}()")
    buf = ffi.new("char[]", max(size, 1))
    return buf, ffi.new("struct iovec *", {"iov_base": buf, "iov_len": size}), size


def _gather(buffers: object, views: List[Any], call: str, view_of: Any) -> Tuple[Any, int]:
    """An iovec array over ``buffers`` (each view appended to ``views``, to release)."""
    try:
        parts: List[object] = list(buffers)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"{call}() argument 1 must be an iterable") from None
    for part in parts:
        views.append(view_of(part))
    if not views:
        return ffi.NULL, 0
    iov = ffi.new("struct iovec[]", len(views))
    for position, view in enumerate(views):
        iov[position].iov_base = view
        iov[position].iov_len = len(view)
    return iov, len(views)


def _writable_into(buffer: Buffer) -> Any:
    return writable(buffer, "recvmsg_into")
