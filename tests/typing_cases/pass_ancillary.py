"""Control messages: sendmsg takes the typed messages of the socket's family, recvmsg
returns the standard module's shapes with the family's address, recv_message typed
messages."""

# mypy: disallow-any-expr

import ipaddress
from typing import List, Optional, Tuple

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    SCM_RIGHTS,
    SOCK_DGRAM,
    SOL_SOCKET,
    Inet6Address,
    InetAddress,
    UnixAddress,
    socket,
    socketpair,
)
from typedsock.ancillary import (
    ExtendedError,
    ExtendedError6,
    GroSegment,
    HopLimit,
    PacketInfo,
    PacketInfo6,
    RawMessage,
    Received,
    Rights,
    Segment,
    SenderCredentials,
    Timestamp,
    Timestamping,
    Tos,
    TrafficClass,
    Ttl,
)


def inet() -> None:
    s = socket(AF_INET, SOCK_DGRAM)
    assert_type(s.sendmsg([b"x"], [PacketInfo(local="10.0.0.1"), Ttl(3), Tos(0x10)], 0, ("10.0.0.2", 53)), int)
    assert_type(s.sendmsg([b"x", bytearray(b"y")], [Segment(1200), RawMessage(0, 1, b"\x01")]), int)
    assert_type(s.sendmsg([b"x"], [(0, 2, b"\x01\x00\x00\x00")], 0, InetAddress("10.0.0.2", 53)), int)
    data, ancdata, flags, address = s.recvmsg(1024, 64)
    assert_type(data, bytes)
    assert_type(ancdata, List[Tuple[int, int, bytes]])
    assert_type(flags, int)
    assert_type(address, InetAddress)
    assert_type(s.recvmsg_into([bytearray(10)], 64)[0], int)
    received = s.recv_message(1024, [PacketInfo, Ttl, Tos, ExtendedError, GroSegment, Timestamp])
    assert_type(received, Received[InetAddress])
    assert_type(received.address, InetAddress)
    info = received.get(PacketInfo)
    assert_type(info, Optional[PacketInfo])
    if info is not None:
        assert_type(info.local, ipaddress.IPv4Address)
        assert_type(info.ifindex, int)
    error = received.get(ExtendedError)
    if error is not None:
        assert_type(error.offender, Optional[InetAddress])
    assert_type(received.get_all(Ttl), List[Ttl])
    assert_type(received.truncated, bool)
    stream = socket(AF_INET)
    assert_type(stream.recv_message(10, [Timestamping]), Received[Optional[InetAddress]])


def inet6() -> None:
    s = socket(AF_INET6, SOCK_DGRAM)
    assert_type(s.sendmsg([b"x"], [PacketInfo6(address="::1"), HopLimit(3), TrafficClass(0)], 0, ("::1", 53)), int)
    assert_type(s.sendmsg([b"x"], [Segment(1200)]), int)
    received = s.recv_message(1024, [PacketInfo6, HopLimit, TrafficClass, ExtendedError6, Timestamp])
    assert_type(received.address, Inet6Address)
    error = received.get(ExtendedError6)
    if error is not None:
        assert_type(error.offender, Optional[Inet6Address])


def unix() -> None:
    a, b = socketpair()
    assert_type(a.sendmsg([b"x"], [Rights([0]), SenderCredentials.of_this_process()]), int)
    assert_type(a.sendmsg([b"x"], [(SOL_SOCKET, SCM_RIGHTS, b"\x00\x00\x00\x00")]), int)
    received = b.recv_message(10, [Rights.up_to(4), SenderCredentials, RawMessage.room(16)])
    assert_type(received, Received[Optional[UnixAddress]])
    rights = received.get(Rights)
    if rights is not None:
        assert_type(rights.fds, Tuple[int, ...])
    d = socket(AF_UNIX, SOCK_DGRAM)
    assert_type(d.recvmsg(10)[3], UnixAddress)
