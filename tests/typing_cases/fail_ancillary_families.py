"""A control message of another family, or one the kernel only sends, is rejected."""

from typedsock import AF_INET, AF_INET6, AF_NETLINK, SOCK_DGRAM, SOCK_RAW, socket, socketpair
from typedsock.ancillary import (
    ExtendedError,
    GroSegment,
    HopLimit,
    PacketInfo,
    PacketInfo6,
    Rights,
    Segment,
    SenderCredentials,
    Timestamp,
    Ttl,
)


def wrong_family() -> None:
    s = socket(AF_INET, SOCK_DGRAM)
    s.sendmsg([b"x"], [PacketInfo6()])  # E: list-item
    s.sendmsg([b"x"], [HopLimit(1)])  # E: list-item
    s.sendmsg([b"x"], [Rights([0])])  # E: list-item
    s.recv_message(10, [PacketInfo6])  # E: list-item
    s.recv_message(10, [Rights.up_to(1)])  # E: list-item
    s6 = socket(AF_INET6, SOCK_DGRAM)
    s6.sendmsg([b"x"], [PacketInfo()])  # E: list-item
    s6.sendmsg([b"x"], [Ttl(1)])  # E: list-item
    s6.recv_message(10, [SenderCredentials])  # E: list-item
    a, _ = socketpair()
    a.sendmsg([b"x"], [PacketInfo()])  # E: list-item
    a.sendmsg([b"x"], [Segment(100)])  # E: list-item
    a.recv_message(10, [GroSegment])  # E: list-item
    n = socket(AF_NETLINK, SOCK_RAW)
    n.sendmsg([b"x"], [Rights([0])])  # E: list-item


def received_only() -> None:
    s = socket(AF_INET, SOCK_DGRAM)
    s.sendmsg([b"x"], [ExtendedError(0, 0, 0, 0, 0, 0, None)])  # E: list-item
    s.sendmsg([b"x"], [Timestamp(0)])  # E: list-item
    s.recv_message(10, [Segment])  # E: list-item


def wrong_shapes() -> None:
    s = socket(AF_INET, SOCK_DGRAM)
    s.sendmsg([b"x"], [(0, 2)])  # E: list-item
    s.sendmsg(b"x")  # E: arg-type
    s.recv_message(10, [Ttl(1)])  # E: list-item
    s.recvmsg(10, 0, 0, 0)  # E: call-arg
