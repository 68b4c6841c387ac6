"""StreamSocket/DatagramSocket called directly: the class fixes the kind it makes."""

from typing_extensions import assert_type

from typedsock import (
    AF_INET6,
    AF_UNIX,
    SOCK_RAW,
    SOCK_SEQPACKET,
    DatagramSocket,
    Inet6Address,
    InetAddress,
    StreamSocket,
    UnixAddress,
)


def constructors() -> None:
    with DatagramSocket() as udp:
        assert_type(udp, DatagramSocket[InetAddress])
    with DatagramSocket(AF_UNIX) as unix_dgram:
        assert_type(unix_dgram, DatagramSocket[UnixAddress])
    with StreamSocket(AF_INET6) as tcp6:
        assert_type(tcp6, StreamSocket[Inet6Address])
    with StreamSocket(AF_UNIX, SOCK_SEQPACKET) as seqpacket:
        assert_type(seqpacket, StreamSocket[UnixAddress])
    assert_type(DatagramSocket(AF_INET6, SOCK_RAW), DatagramSocket[Inet6Address])
