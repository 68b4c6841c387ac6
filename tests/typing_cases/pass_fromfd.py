"""fromfd(): the same overload matrix as socket(), with the family and kind required."""

# mypy: disallow-any-expr

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    Address,
    DatagramSocket,
    Inet6Address,
    InetAddress,
    Socket,
    StreamSocket,
    UnixAddress,
    fromfd,
)


def literal(fd: int) -> None:
    assert_type(fromfd(fd, AF_INET, SOCK_STREAM), StreamSocket[InetAddress])
    assert_type(fromfd(fd, AF_INET, SOCK_SEQPACKET), StreamSocket[InetAddress])
    assert_type(fromfd(fd, AF_INET, SOCK_DGRAM), DatagramSocket[InetAddress])
    assert_type(fromfd(fd, AF_INET, SOCK_RAW), DatagramSocket[InetAddress])
    assert_type(fromfd(fd, AF_INET6, SOCK_STREAM), StreamSocket[Inet6Address])
    assert_type(fromfd(fd, AF_INET6, SOCK_SEQPACKET), StreamSocket[Inet6Address])
    assert_type(fromfd(fd, AF_INET6, SOCK_DGRAM), DatagramSocket[Inet6Address])
    assert_type(fromfd(fd, AF_INET6, SOCK_RAW), DatagramSocket[Inet6Address])
    assert_type(fromfd(fd, AF_UNIX, SOCK_STREAM), StreamSocket[UnixAddress])
    assert_type(fromfd(fd, AF_UNIX, SOCK_SEQPACKET), StreamSocket[UnixAddress])
    assert_type(fromfd(fd, AF_UNIX, SOCK_DGRAM), DatagramSocket[UnixAddress])
    assert_type(fromfd(fd, AF_UNIX, SOCK_RAW), DatagramSocket[UnixAddress])
    assert_type(fromfd(fd, AF_UNIX, SOCK_DGRAM, 0), DatagramSocket[UnixAddress])


def runtime(fd: int, family: int, kind: int) -> None:
    assert_type(fromfd(fd, AF_INET, kind), Socket[InetAddress])
    assert_type(fromfd(fd, AF_INET6, kind), Socket[Inet6Address])
    assert_type(fromfd(fd, AF_UNIX, kind), Socket[UnixAddress])
    assert_type(fromfd(fd, family, SOCK_STREAM), StreamSocket[Address])
    assert_type(fromfd(fd, family, SOCK_SEQPACKET), StreamSocket[Address])
    assert_type(fromfd(fd, family, SOCK_DGRAM), DatagramSocket[Address])
    assert_type(fromfd(fd, family, SOCK_RAW), DatagramSocket[Address])
    assert_type(fromfd(fd, family, kind), Socket[Address])
