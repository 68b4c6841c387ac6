"""``DatagramSocket``: a SOCK_DGRAM or SOCK_RAW socket, with the batched calls
(sendmmsg/recvmmsg, see ``_batch``) and no listen/accept; every datagram has a sender."""

# The fallback overloads (family known only at run time) return ``...[Address]``; by
# invariance the precise results are not subtypes of it, which is deliberate.
# pyright: reportOverlappingOverload=false

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, List, Optional, Tuple, Type, Union, overload

from typedsock import _constants as _c
from typedsock._addresses import (
    A,
    Address,
    AddressLike,
    Inet6Address,
    Inet6AddressLike,
    InetAddress,
    UnixAddress,
    UnixAddressLike,
)
from typedsock._args import index
from typedsock._batch import (
    MMSG_MAX,
    RecvBatch,
    SendBatch,
    batch_size,
    keep_batch,
    reusable_batch,
    writable_batch,
)
from typedsock._construct import register
from typedsock._errors import raise_errno
from typedsock._literals import deprecated, label
from typedsock._option import WriteOnlyOption
from typedsock._optionvalues import Interface, Membership
from typedsock._sock import ffi, lib
from typedsock._socket import Socket

if TYPE_CHECKING:
    from typing_extensions import Buffer

    from typedsock._can import CanAddressLike, CanAnyAddress
    from typedsock._literals import CAN, DGRAM, INET, INET6, NETLINK, PACKET, TIPC, UNIX, VSOCK
    from typedsock._netlink import NetlinkAddress, NetlinkAddressLike
    from typedsock._packet import PacketAddress, PacketAddressLike
    from typedsock._sendrecvmsg import RawAncillary
    from typedsock._tipc import TipcAddress, TipcAddressLike
    from typedsock._vsock import VsockAddress, VsockAddressLike
    from typedsock.ancillary import Receivable, Received, Room

__all__ = ["DatagramSocket"]

_sendmmsg = lib.ts_h_sendmmsg
_recvmmsg = lib.ts_h_recvmmsg
_MSG_TRUNC: int = int(_c.MSG_TRUNC)  # a plain int: "flags & _MSG_TRUNC" on the hot path stays an int operation
_POLLIN: int = lib.POLLIN
_POLLOUT: int = lib.POLLOUT
_UDP_FAMILIES = (_c.AF_INET, _c.AF_INET6)
_UDP_PROTOS = (0, _c.IPPROTO_UDP, _c.IPPROTO_UDPLITE)  # (UDP-Lite takes UDP_SEGMENT, and refuses it: EIO)
_GSO_REFUSED = (lib.EIO, lib.EINVAL)  # UDP_SEGMENT that the device or the route cannot do


class DatagramSocket(Socket[A]):
    """A SOCK_DGRAM or SOCK_RAW socket: no listen/accept; every datagram has a sender."""

    __slots__ = ()
    _default_kind: int = _c.SOCK_DGRAM

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
            cls, family: PACKET, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[PacketAddress]: ...
        @overload
        def __new__(
            cls, family: NETLINK, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[NetlinkAddress]: ...
        @overload
        def __new__(
            cls, family: VSOCK, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[VsockAddress]: ...
        @overload
        def __new__(
            cls, family: CAN, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[CanAnyAddress]: ...
        @overload
        def __new__(
            cls, family: TIPC, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[TipcAddress]: ...
        @overload
        def __new__(
            cls, family: int, type: DGRAM = ..., proto: int = ..., fileno: Optional[int] = ...
        ) -> DatagramSocket[Address]: ...
        def __new__(cls, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None) -> Any: ...

    # gso only where it applies (AF_INET, AF_INET6; the run-time check refuses the rest).
    # AF_INET6 takes a plain (host, port) pair too, but flags an InetAddress (see
    # Socket.bind); a batch of buffers alone must not reach that overload, nor a
    # socket whose address type is Any (the AF_INET overload comes first).
    @overload
    def send_many(
        self: DatagramSocket[InetAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, InetAddress]]], flags: int = ..., *, gso: bool = ...
    ) -> int: ...
    @overload
    def send_many(self: DatagramSocket[Inet6Address], messages: Iterable[Buffer], flags: int = ..., *, gso: bool = ...) -> int: ...
    @overload
    @deprecated("an InetAddress is IPv4: TypeError on an AF_INET6 socket (give an Inet6Address or a (host, port) tuple)")
    def send_many(
        self: DatagramSocket[Inet6Address], messages: Iterable[Union[Buffer, Tuple[Buffer, InetAddress]]], flags: int = ..., *, gso: bool = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[Inet6Address],
        messages: Iterable[Union[Buffer, Tuple[Buffer, Inet6AddressLike]]],
        flags: int = ...,
        *,
        gso: bool = ...,
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[UnixAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, UnixAddressLike]]], flags: int = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[PacketAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, PacketAddressLike]]], flags: int = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[NetlinkAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, NetlinkAddressLike]]], flags: int = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[VsockAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, VsockAddressLike]]], flags: int = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[CanAnyAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, CanAddressLike]]], flags: int = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[TipcAddress], messages: Iterable[Union[Buffer, Tuple[Buffer, TipcAddressLike]]], flags: int = ...
    ) -> int: ...
    @overload
    def send_many(
        self: DatagramSocket[Address], messages: Iterable[Union[Buffer, Tuple[Buffer, AddressLike]]], flags: int = ...,
        *, gso: bool = ...,
    ) -> int: ...
    @overload
    def send_many(self, messages: Iterable[Union[Buffer, Tuple[Buffer, A]]], flags: int = ...) -> int: ...
    def send_many(
        self, messages: Iterable[Union[Buffer, Tuple[Buffer, Any]]], flags: int = 0, *, gso: bool = False
    ) -> int:
        """Send many datagrams with few system calls (sendmmsg); returns how many were sent.

        A message is a buffer (sent to the connected peer) or ``(buffer, address)``.
        Fewer than all are sent only when the socket cannot take more without
        blocking (non-blocking or timed out after some were sent).

        ``gso=True`` (UDP only): runs of up to 64 datagrams to one destination, all of
        one size but the last, which may be shorter, go to the kernel as one message
        with UDP_SEGMENT, which it splits again (generic segmentation offload): the
        receiver sees the same datagrams, for far fewer trips through the stack.  Where
        the kernel or the route refuses it (EIO, EINVAL), the rest go plainly.
        """
        if gso and not (self._codec.family in _UDP_FAMILIES and self._kind == _c.SOCK_DGRAM and self._proto in _UDP_PROTOS):
            raise ValueError(f"gso needs a UDP socket, not {label(self._codec.family)} {label(self._kind)}")
        items = list(messages)
        if not items and self._fd < 0:
            raise_errno(_c.EBADF)  # nothing to send, but a closed socket still says so
        total = 0
        start = 0
        while start < len(items):
            with SendBatch(self._codec, items[start : start + MMSG_MAX], "send_many", gso) as batch:
                sent: int = _sendmmsg(self._h, *batch.args, flags)
                if sent < 0:
                    if gso and ffi.errno in _GSO_REFUSED and batch.count < len(batch.views):  # a GSO message in it
                        gso = False  # the kernel or the route will not segment: send plainly
                        continue
                    if total:
                        return total  # report what went; the next call raises the error
                    sent = self._retry(_POLLOUT, _sendmmsg, *batch.args, flags)
            went = sum(batch.datagrams[:sent])
            total += went
            start += went
            if sent < batch.count:
                break
        return total

    def recv_many(self, max_messages: int, bufsize: int, flags: int = 0) -> List[Tuple[bytes, A]]:
        """Receive 1 to ``max_messages`` datagrams of up to ``bufsize`` bytes (recvmmsg).

        Waits (as ``recv`` would) only for the first; returns ``[(data, sender), ...]``.
        """
        count = batch_size(max_messages, "max_messages")
        bufsize = index(bufsize)
        if bufsize < 0:
            raise ValueError("negative buffersize in recv_many")
        batch = reusable_batch(count, bufsize, fresh=bool(flags & _MSG_TRUNC))
        try:
            return batch.datagrams(self._recv_batch(batch, flags), bufsize, self._codec)
        finally:
            keep_batch(batch, bufsize)

    def recv_many_into(self, buffers: Iterable[Buffer], flags: int = 0) -> List[Tuple[int, A]]:
        """Receive up to one datagram into each buffer; returns ``[(nbytes, sender), ...]``
        for the 1 to ``len(buffers)`` that arrived (waits only for the first)."""
        batch, views = writable_batch(buffers)
        try:
            return batch.counts(self._recv_batch(batch, flags), self._codec)
        finally:
            for view in views:  # released before this returns or raises (see Socket.send)
                ffi.release(view)

    def _recv_batch(self, batch: RecvBatch, flags: int) -> int:
        received: int = _recvmmsg(self._h, *batch.args, flags)
        return received if received >= 0 else self._retry(_POLLIN, _recvmmsg, *batch.args, flags)

    # -- multicast membership ---------------------------------------------------
    def join_group(
        self: Union[DatagramSocket[InetAddress], DatagramSocket[Inet6Address]],
        group: str,
        interface: Interface = 0,
        source: Optional[str] = None,
    ) -> None:
        """Join a multicast group (a numeric address) on an interface (index or name; 0: the
        kernel chooses), from any source, or (``source``) from that source only."""
        self.set(_membership_option(self, source)[0], Membership(group, interface, source))

    def leave_group(
        self: Union[DatagramSocket[InetAddress], DatagramSocket[Inet6Address]],
        group: str,
        interface: Interface = 0,
        source: Optional[str] = None,
    ) -> None:
        """Leave a group joined with the same arguments."""
        self.set(_membership_option(self, source)[1], Membership(group, interface, source))

    if TYPE_CHECKING:

        def recvfrom(self, bufsize: int, flags: int = 0) -> Tuple[bytes, A]: ...
        def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> Tuple[int, A]: ...
        def recvmsg(self, bufsize: int, ancbufsize: int = 0, flags: int = 0, /) -> Tuple[bytes, RawAncillary, int, A]: ...
        def recvmsg_into(
            self, buffers: Iterable[Buffer], ancbufsize: int = 0, flags: int = 0, /
        ) -> Tuple[int, RawAncillary, int, A]: ...
        def recv_message(
            self, bufsize: int, expect: Iterable[Union[Type[Receivable[A]], Room[A]]] = (), flags: int = 0
        ) -> Received[A]: ...


def _membership_option(
    sock: Socket[Any], source: Optional[str]
) -> Tuple[WriteOnlyOption[Membership, Any], WriteOnlyOption[Membership, Any]]:
    """The (join, leave) options for this socket's family, any-source or source-specific;
    TypeError for a family that has none."""
    from typedsock.options import MEMBERSHIP  # (the table imports this module)

    pair = MEMBERSHIP.get((sock.family, source is not None))
    if pair is None:
        raise TypeError(f"multicast membership needs an AF_INET or AF_INET6 socket, not {label(sock.family)}")
    return pair


register(DatagramSocket, (_c.SOCK_DGRAM, _c.SOCK_RAW))
