"""Batched datagrams: only on datagram sockets, and each address is the socket's typed address."""

from typedsock import AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, InetAddress, UnixAddress, socket


def calls() -> None:
    s = socket(AF_INET)
    s.send_many([b"x"])  # E: attr-defined
    s.recv_many(16, 2048)  # E: attr-defined
    d = socket(AF_INET, SOCK_DGRAM)
    d.send_many([(b"x", UnixAddress("/tmp/peer"))])  # E: list-item
    d6 = socket(AF_INET6, SOCK_DGRAM)
    d6.send_many([(b"x", UnixAddress("/tmp/peer"))])  # E: list-item
    u = socket(AF_UNIX, SOCK_DGRAM)
    u.send_many([(b"x", InetAddress("127.0.0.1", 9))])  # E: list-item
    u.send_many([u"text"])  # E: list-item
    d.recv_many("16", 2048)  # E: arg-type
    u.send_many([b"x"], gso=True)  # E: call-overload
    d.send_many([b"x"], gso=1.5)  # E: call-overload
