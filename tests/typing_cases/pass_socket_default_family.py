"""socket() with the family left to its default (AF_INET) and the kind given by keyword."""

# known-bug: socket(type=SOCK_DGRAM) is Socket[Address], not DatagramSocket[InetAddress] (the default family is AF_INET), so e.g. `socket(type=SOCK_DGRAM).recvfrom(n)[1].port` is rejected; the DGRAM and `type: int` overloads for INET need `family: INET = ...`
# mypy: disallow-any-expr

from typing_extensions import assert_type

from typedsock import SOCK_DGRAM, SOCK_SEQPACKET, DatagramSocket, InetAddress, Socket, StreamSocket, socket


def keyword_kind(kind: int) -> None:
    assert_type(socket(type=SOCK_DGRAM), DatagramSocket[InetAddress])
    assert_type(socket(type=SOCK_SEQPACKET), StreamSocket[InetAddress])
    assert_type(socket(type=kind), Socket[InetAddress])
    _, sender = socket(type=SOCK_DGRAM).recvfrom(1024)
    assert_type(sender.port, int)
