"""The other families: the literal family fixes the address type at creation, and every
call takes and returns it (the typed object or the standard module's plain tuple)."""

# mypy: disallow-any-expr

from typing import Tuple, Union

from typing_extensions import assert_type

from typedsock import (
    AF_ALG,
    AF_CAN,
    AF_KEY,
    AF_NETLINK,
    AF_PACKET,
    AF_TIPC,
    AF_VSOCK,
    CAN_ISOTP,
    NETLINK_ROUTE,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    TIPC_ADDR_NAMESEQ,
    VMADDR_CID_ANY,
    Address,
    AlgAddress,
    CanAddress,
    CanAnyAddress,
    CanIsotpAddress,
    CanJ1939Address,
    DatagramSocket,
    NetlinkAddress,
    PacketAddress,
    Socket,
    StreamSocket,
    TipcAddress,
    VsockAddress,
    fromfd,
    htons,
    socket,
)


def packet() -> None:
    raw = socket(AF_PACKET, SOCK_RAW, htons(0x0003))
    assert_type(raw, DatagramSocket[PacketAddress])
    cooked = socket(AF_PACKET, SOCK_DGRAM, htons(0x0800))
    assert_type(cooked, DatagramSocket[PacketAddress])
    cooked.bind(("veth1", 0x0800))
    cooked.bind(PacketAddress("veth1", 0x0800, 0, 1, b"\x02\x00\x00\x00\x00\x01"))
    assert_type(cooked.getsockname(), PacketAddress)
    data, sender = cooked.recvfrom(2048)
    assert_type(sender, PacketAddress)
    ifname, proto, pkttype, hatype, addr = sender
    assert_type(ifname, str)
    assert_type((proto, pkttype, hatype), Tuple[int, int, int])
    assert_type(addr, bytes)
    cooked.sendto(data, ("veth1", 0x0800, 0, 1, b"\xff" * 6))
    cooked.send_many([(data, ("veth1", 0x0800))])
    assert_type(fromfd(3, AF_PACKET, SOCK_RAW), DatagramSocket[PacketAddress])
    assert_type(DatagramSocket(AF_PACKET, SOCK_RAW), DatagramSocket[PacketAddress])


def netlink() -> None:
    nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)
    assert_type(nl, DatagramSocket[NetlinkAddress])
    nl.bind((0, 0))
    nl.bind(NetlinkAddress(0, 0))
    assert_type(nl.getsockname(), NetlinkAddress)
    assert_type(nl.getsockname().pid, int)
    nl.sendto(b"x", NetlinkAddress(0, 0))
    nl.sendto(b"x", 0, (0, 0))
    data, sender = nl.recvfrom(65536)
    assert_type(data, bytes)
    assert_type(sender, NetlinkAddress)
    assert_type(socket(AF_NETLINK, SOCK_DGRAM), DatagramSocket[NetlinkAddress])
    assert_type(fromfd(3, AF_NETLINK, SOCK_RAW), DatagramSocket[NetlinkAddress])


def vsock() -> None:
    listener = socket(AF_VSOCK, SOCK_STREAM)
    assert_type(listener, StreamSocket[VsockAddress])
    listener.bind((VMADDR_CID_ANY, 1234))
    listener.listen()
    conn, peer = listener.accept()
    assert_type(conn, StreamSocket[VsockAddress])
    assert_type(peer, VsockAddress)
    cid, port = peer
    assert_type((cid, port), Tuple[int, int])
    assert_type(socket(AF_VSOCK, SOCK_DGRAM), DatagramSocket[VsockAddress])
    assert_type(StreamSocket(AF_VSOCK), StreamSocket[VsockAddress])
    assert_type(fromfd(3, AF_VSOCK, SOCK_STREAM), StreamSocket[VsockAddress])


def can() -> None:
    sock = socket(AF_CAN, SOCK_RAW)
    assert_type(sock, DatagramSocket[CanAnyAddress])
    sock.bind(("vcan0",))
    sock.bind(CanAddress("vcan0"))
    isotp = socket(AF_CAN, SOCK_DGRAM, CAN_ISOTP)
    isotp.bind(CanIsotpAddress("vcan0", 0x123, 0x321))
    isotp.bind(("vcan0", 0x123, 0x321))
    own = isotp.getsockname()
    assert_type(own, Union[CanAddress, CanIsotpAddress, CanJ1939Address])
    if isinstance(own, CanIsotpAddress):
        assert_type(own.rx_addr, int)


def alg() -> None:
    sock = socket(AF_ALG, SOCK_SEQPACKET)
    assert_type(sock, StreamSocket[AlgAddress])
    sock.bind(("hash", "sha256"))
    sock.bind(AlgAddress("skcipher", "cbc(aes)", 0, 0))
    assert_type(sock.getsockname(), AlgAddress)
    op, _ = sock.accept()
    assert_type(op, StreamSocket[AlgAddress])


def tipc() -> None:
    sock = socket(AF_TIPC, SOCK_DGRAM)
    assert_type(sock, DatagramSocket[TipcAddress])
    sock.bind((TIPC_ADDR_NAMESEQ, 18888, 1, 1))
    sock.bind(TipcAddress(TIPC_ADDR_NAMESEQ, 18888, 1, 1, 2))
    data, sender = sock.recvfrom(1024)
    assert_type(data, bytes)
    assert_type(sender, TipcAddress)
    assert_type(socket(AF_TIPC, SOCK_STREAM), StreamSocket[TipcAddress])


def other() -> None:
    # a family without a type of its own: the widest honest type
    assert_type(socket(AF_KEY, SOCK_RAW, 2), DatagramSocket[Address])
    assert_type(socket(AF_PACKET, 12345), Socket[PacketAddress])
    pair: Tuple[int, int] = (0, 0)
    socket(AF_NETLINK, SOCK_RAW).bind(pair)
