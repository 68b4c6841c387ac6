"""Datagram sockets: every datagram has a sender, so recvfrom/recvfrom_into give `A`."""

# mypy: disallow-any-expr

from typing import Tuple

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    SOCK_DGRAM,
    SOCK_RAW,
    Inet6Address,
    InetAddress,
    UnixAddress,
    socket,
)


def inet(buf: bytearray) -> None:
    d = socket(AF_INET, SOCK_DGRAM)
    assert_type(d.recvfrom(1024), Tuple[bytes, InetAddress])
    assert_type(d.recvfrom(1024, 0), Tuple[bytes, InetAddress])
    data, sender = d.recvfrom(1024)
    assert_type(data, bytes)
    assert_type(sender.port, int)
    assert_type(d.recvfrom_into(buf), Tuple[int, InetAddress])
    assert_type(d.getsockname(), InetAddress)
    assert_type(d.getpeername(), InetAddress)


def inet6_raw() -> None:
    d = socket(AF_INET6, SOCK_RAW)
    assert_type(d.recvfrom(1024), Tuple[bytes, Inet6Address])
    assert_type(d.getsockname(), Inet6Address)


def unix(buf: bytearray) -> None:
    d = socket(AF_UNIX, SOCK_DGRAM)
    assert_type(d.recvfrom(1024), Tuple[bytes, UnixAddress])
    assert_type(d.recvfrom_into(buf, 0, 0), Tuple[int, UnixAddress])
    assert_type(d.recvfrom(1)[1].is_unnamed, bool)
    assert_type(d.getpeername(), UnixAddress)
