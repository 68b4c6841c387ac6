"""socket() with the family left to its default (AF_INET) and the kind given by keyword."""

# mypy: disallow-any-expr

from typing_extensions import assert_type

from typedsock import SOCK_DGRAM, SOCK_SEQPACKET, DatagramSocket, InetAddress, Socket, StreamSocket, socket


def keyword_kind(kind: int) -> None:
    assert_type(socket(type=SOCK_DGRAM), DatagramSocket[InetAddress])
    assert_type(socket(type=SOCK_SEQPACKET), StreamSocket[InetAddress])
    assert_type(socket(type=kind), Socket[InetAddress])
    _, sender = socket(type=SOCK_DGRAM).recvfrom(1024)
    assert_type(sender.port, int)
