"""socket(): the precise class for every literal family x kind, and for the defaults."""

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
    DatagramSocket,
    Inet6Address,
    InetAddress,
    Socket,
    SocketType,
    StreamSocket,
    UnixAddress,
    socket,
)


def defaults() -> None:
    assert_type(socket(), StreamSocket[InetAddress])
    assert_type(socket(AF_INET), StreamSocket[InetAddress])
    assert_type(socket(AF_INET6), StreamSocket[Inet6Address])
    assert_type(socket(AF_UNIX), StreamSocket[UnixAddress])
    assert_type(socket(AF_UNIX, SOCK_STREAM, 0), StreamSocket[UnixAddress])


def inet() -> None:
    assert_type(socket(AF_INET, SOCK_STREAM), StreamSocket[InetAddress])
    assert_type(socket(AF_INET, SOCK_SEQPACKET), StreamSocket[InetAddress])
    assert_type(socket(AF_INET, SOCK_DGRAM), DatagramSocket[InetAddress])
    assert_type(socket(AF_INET, SOCK_RAW), DatagramSocket[InetAddress])


def inet6() -> None:
    assert_type(socket(AF_INET6, SOCK_STREAM), StreamSocket[Inet6Address])
    assert_type(socket(AF_INET6, SOCK_SEQPACKET), StreamSocket[Inet6Address])
    assert_type(socket(AF_INET6, SOCK_DGRAM), DatagramSocket[Inet6Address])
    assert_type(socket(AF_INET6, SOCK_RAW), DatagramSocket[Inet6Address])


def unix() -> None:
    assert_type(socket(AF_UNIX, SOCK_STREAM), StreamSocket[UnixAddress])
    assert_type(socket(AF_UNIX, SOCK_SEQPACKET), StreamSocket[UnixAddress])
    assert_type(socket(AF_UNIX, SOCK_DGRAM), DatagramSocket[UnixAddress])
    assert_type(socket(AF_UNIX, SOCK_RAW), DatagramSocket[UnixAddress])


def keywords_and_fileno(fd: int) -> None:
    assert_type(socket(family=AF_UNIX, type=SOCK_DGRAM), DatagramSocket[UnixAddress])
    assert_type(socket(AF_INET6, SOCK_DGRAM, proto=17), DatagramSocket[Inet6Address])
    # With a descriptor the family and kind are checked against it (SO_DOMAIN, SO_TYPE).
    assert_type(socket(AF_INET, SOCK_STREAM, fileno=fd), StreamSocket[InetAddress])
    assert_type(socket(AF_UNIX, SOCK_DGRAM, 0, fd), DatagramSocket[UnixAddress])


def aliases() -> None:
    # `socket`, `Socket` and `SocketType` are one class; calling any of them picks the subclass.
    assert_type(Socket(AF_UNIX, SOCK_DGRAM), DatagramSocket[UnixAddress])
    assert_type(SocketType(AF_INET6), StreamSocket[Inet6Address])
    assert_type(StreamSocket(AF_UNIX), StreamSocket[UnixAddress])
    assert_type(DatagramSocket(AF_INET, SOCK_DGRAM), DatagramSocket[InetAddress])
