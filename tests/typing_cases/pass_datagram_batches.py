"""Batched datagrams (sendmmsg/recvmmsg): messages and senders typed by the socket's family."""

# mypy: disallow-any-expr

from typing import List, Tuple, Union

from typing_extensions import Buffer, assert_type

from typedsock import AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, Inet6Address, InetAddress, UnixAddress, socket


def inet(peer: InetAddress, buffers: List[bytearray]) -> None:
    d = socket(AF_INET, SOCK_DGRAM)
    assert_type(d.send_many([b"to the connected peer", (b"to peer", peer)]), int)
    assert_type(d.send_many(((memoryview(b"x"), InetAddress.loopback(9)) for _ in range(3)), 0), int)
    assert_type(d.recv_many(16, 2048), List[Tuple[bytes, InetAddress]])
    assert_type(d.recv_many_into(buffers), List[Tuple[int, InetAddress]])


def inet6_and_unix(messages: List[Union[Buffer, Tuple[Buffer, UnixAddress]]]) -> None:
    d6 = socket(AF_INET6, SOCK_DGRAM)
    assert_type(d6.recv_many(4, 512)[0][1], Inet6Address)
    u = socket(AF_UNIX, SOCK_DGRAM)
    assert_type(u.send_many(messages), int)
    assert_type(d6.send_many([b"x" * 1200] * 4, gso=True), int)
    assert_type(u.send_many([(b"x", UnixAddress("/tmp/peer"))]), int)
    assert_type(u.recv_many(4, 512), List[Tuple[bytes, UnixAddress]])
