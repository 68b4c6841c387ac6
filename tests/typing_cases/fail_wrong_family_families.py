"""Each of the other families rejects another family's address."""

from typedsock import (
    AF_ALG,
    AF_CAN,
    AF_NETLINK,
    AF_PACKET,
    AF_TIPC,
    AF_VSOCK,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    AlgAddress,
    CanAddress,
    InetAddress,
    NetlinkAddress,
    PacketAddress,
    TipcAddress,
    UnixAddress,
    VsockAddress,
    socket,
)


def packet() -> None:
    s = socket(AF_PACKET, SOCK_RAW)
    s.bind(NetlinkAddress(0, 0))  # E: arg-type
    s.bind((0, 0))  # E: arg-type
    s.connect(VsockAddress(1, 2))  # E: arg-type
    s.sendto(b"x", NetlinkAddress(0, 0))  # E: arg-type
    s.bind(("eth0", "ip"))  # E: arg-type
    s.send_many([(b"x", NetlinkAddress(0, 0))])  # E: list-item


def netlink() -> None:
    s = socket(AF_NETLINK, SOCK_RAW)
    s.bind(PacketAddress("lo", 0))  # E: arg-type
    s.bind(("lo", 0))  # E: arg-type
    s.connect_ex(InetAddress("127.0.0.1", 80))  # E: arg-type
    s.bind(UnixAddress("/tmp/x"))  # E: arg-type
    s.sendto(b"x", 0, TipcAddress(1, 2, 3, 4))  # E: arg-type


def vsock() -> None:
    s = socket(AF_VSOCK, SOCK_STREAM)
    s.bind(PacketAddress("lo", 0))  # E: arg-type
    s.connect(("localhost", 80))  # E: arg-type


def others() -> None:
    socket(AF_CAN, SOCK_RAW).bind(AlgAddress("hash", "sha256"))  # E: arg-type
    socket(AF_ALG, SOCK_SEQPACKET).bind(CanAddress("vcan0"))  # E: arg-type
    socket(AF_TIPC, SOCK_DGRAM).bind(("hash", "sha256"))  # E: arg-type
    socket(AF_TIPC, SOCK_DGRAM).bind(NetlinkAddress(0, 0))  # E: arg-type
