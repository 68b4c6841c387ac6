"""Typed options: get(opt) -> T for every option, set(opt, value: T) for the settable ones,
on the sockets each option applies to."""

# mypy: disallow-any-expr

from typing import Optional, Union

from typing_extensions import assert_type

from typedsock import (
    AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, SOCK_RAW, AddressFamily, Credentials, DatagramSocket,
    Inet6Address, InetAddress, SocketKind, StreamSocket, create_connection, options, socket,
)
from typedsock.options import (
    AnySocket, Inet6Socket, InetSocket, Option, PmtuDiscovery, ReadOnlyOption, TcpInfo, TcpSocket,
    TcpState, TimestampingFlag, UdpSocket, WriteOnlyOption,
)


def option_objects() -> None:
    assert_type(options.SO_REUSEADDR, Option[bool, AnySocket])
    assert_type(options.SO_LINGER, Option[Optional[int], AnySocket])
    assert_type(options.SO_RCVTIMEO, Option[float, AnySocket])
    assert_type(options.SO_BINDTODEVICE, Option[str, AnySocket])
    assert_type(options.SO_TIMESTAMPING, Option[TimestampingFlag, AnySocket])
    assert_type(options.SO_ERROR, ReadOnlyOption[int, AnySocket])
    assert_type(options.SO_TYPE, ReadOnlyOption[SocketKind, AnySocket])
    assert_type(options.SO_DOMAIN, ReadOnlyOption[Union[AddressFamily, int], AnySocket])
    assert_type(options.SO_PEERCRED, ReadOnlyOption[Credentials, AnySocket])
    assert_type(options.TCP_NODELAY, Option[bool, TcpSocket])
    assert_type(options.TCP_KEEPIDLE, Option[int, TcpSocket])
    assert_type(options.TCP_USER_TIMEOUT, Option[float, TcpSocket])
    assert_type(options.TCP_INFO, ReadOnlyOption[TcpInfo, TcpSocket])
    assert_type(options.IP_TTL, Option[int, InetSocket])
    assert_type(options.IP_MTU_DISCOVER, Option[PmtuDiscovery, InetSocket])
    assert_type(options.IP_MULTICAST_IF, WriteOnlyOption[Union[int, str], InetSocket])
    assert_type(options.IPV6_V6ONLY, Option[bool, Inet6Socket])
    assert_type(options.UDP_SEGMENT, Option[int, UdpSocket])


def any_socket(flag: bool, size: int, seconds: float, linger: Optional[int]) -> None:
    for s in (socket(AF_INET), socket(AF_INET6, SOCK_DGRAM), socket(AF_UNIX), socket(AF_UNIX, SOCK_DGRAM)):
        s.set(options.SO_REUSEADDR, True)
        s.set(options.SO_KEEPALIVE, flag)
        s.set(options.SO_RCVBUF, size)
        s.set(options.SO_LINGER, None)
        s.set(options.SO_LINGER, linger)
        s.set(options.SO_RCVTIMEO, seconds)
        s.set(options.SO_SNDTIMEO, 2)  # an int is a float for the type system, and at run time
        s.set(options.SO_BINDTODEVICE, "lo")
        s.set(options.SO_TIMESTAMPING, TimestampingFlag.SOFTWARE | TimestampingFlag.RX_SOFTWARE)
        assert_type(s.get(options.SO_RCVBUF), int)
        assert_type(s.get(options.SO_LINGER), Optional[int])
        assert_type(s.get(options.SO_TYPE), SocketKind)
        assert_type(s.get(options.SO_PEERCRED), Credentials)
        assert_type(s.set(options.SO_RCVBUF, size), None)


def tcp(connected: Union[StreamSocket[InetAddress], StreamSocket[Inet6Address]]) -> None:
    t4 = socket(AF_INET)
    t6 = socket(AF_INET6)
    t4.set(options.TCP_NODELAY, True)
    t6.set(options.TCP_KEEPIDLE, 30)
    t6.set(options.TCP_USER_TIMEOUT, 1.5)
    t4.set(options.TCP_CONGESTION, "reno")
    connected.set(options.TCP_NODELAY, True)
    create_connection(("localhost", 80)).set(options.TCP_QUICKACK, True)
    assert_type(t4.get(options.TCP_INFO), TcpInfo)
    assert_type(t6.get(options.TCP_INFO).state, TcpState)
    assert_type(connected.get(options.TCP_INFO).rtt, float)
    t4.set(options.IP_TTL, 9)  # a TCP socket of AF_INET is an AF_INET socket
    t6.set(options.IPV6_V6ONLY, True)


def ip_and_udp() -> None:
    u4 = socket(AF_INET, SOCK_DGRAM)
    u6 = socket(AF_INET6, SOCK_DGRAM)
    u4.set(options.IP_MULTICAST_IF, "lo")
    u4.set(options.IP_MULTICAST_IF, 1)
    u4.set(options.IP_MTU_DISCOVER, PmtuDiscovery.DO)
    u6.set(options.IPV6_MULTICAST_IF, "lo")
    assert_type(u6.get(options.IPV6_MULTICAST_IF), int)
    assert_type(u4.get(options.IP_MTU), int)
    u4.set(options.UDP_SEGMENT, 1200)
    u6.set(options.UDP_GRO, True)
    raw = socket(AF_INET, SOCK_RAW)
    raw.set(options.IP_HDRINCL, True)


def multicast(u4: DatagramSocket[InetAddress], u6: DatagramSocket[Inet6Address]) -> None:
    u4.join_group("239.1.2.3")
    u4.join_group("239.1.2.3", "lo", source="127.0.0.1")
    u6.join_group("ff02::1:3", 1)
    u6.leave_group("ff02::1:3", 1)
    assert_type(u4.leave_group("239.1.2.3", "lo"), None)


def generic_helpers() -> None:
    # A helper over options keeps the value type and the socket type.
    def read(option: ReadOnlyOption[float, AnySocket]) -> float:
        return socket(AF_UNIX).get(option)

    def enable(sock: TcpSocket, option: Option[bool, TcpSocket]) -> None:
        sock.set(option, True)

    assert_type(read(options.SO_RCVTIMEO), float)
    enable(socket(AF_INET), options.TCP_NODELAY)
    enable(socket(AF_INET6), options.TCP_CORK)


def raw_calls() -> None:
    s = socket(AF_INET)
    s.setsockopt(1, 2, 1)
    s.setsockopt(1, 2, b"\x01\x00\x00\x00")
    s.setsockopt(1, 2, None, 4)
