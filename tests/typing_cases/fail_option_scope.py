"""An option is accepted only on the sockets it applies to."""

from typedsock import (
    AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, Address, DatagramSocket, Inet6Address, InetAddress, Socket, StreamSocket,
    options, socket,
)


def tcp_option_on_a_datagram_socket() -> None:
    socket(AF_INET, SOCK_DGRAM).set(options.TCP_NODELAY, True)  # E: arg-type
    socket(AF_INET6, SOCK_DGRAM).get(options.TCP_INFO)  # E: arg-type
    socket(AF_INET, SOCK_DGRAM).set(options.TCP_KEEPIDLE, 30)  # E: arg-type


def tcp_option_on_a_unix_socket() -> None:
    socket(AF_UNIX).set(options.TCP_NODELAY, True)  # E: arg-type
    socket(AF_UNIX).get(options.TCP_INFO)  # E: arg-type


def ipv4_option_on_an_ipv6_socket() -> None:
    socket(AF_INET6).set(options.IP_TTL, 9)  # E: arg-type
    socket(AF_INET6, SOCK_DGRAM).set(options.IP_MULTICAST_IF, "lo")  # E: arg-type
    socket(AF_INET6, SOCK_DGRAM).get(options.IP_MTU)  # E: arg-type


def ipv6_option_on_an_ipv4_socket() -> None:
    socket(AF_INET).set(options.IPV6_V6ONLY, True)  # E: arg-type
    socket(AF_UNIX).get(options.IPV6_TCLASS)  # E: arg-type


def udp_option_on_a_stream_socket() -> None:
    socket(AF_INET).set(options.UDP_SEGMENT, 1200)  # E: arg-type
    socket(AF_UNIX, SOCK_DGRAM).set(options.UDP_GRO, True)  # E: arg-type


def a_socket_of_unknown_kind_or_family(s: Socket[InetAddress], any_family: StreamSocket[Address]) -> None:
    s.set(options.TCP_NODELAY, True)  # E: arg-type
    any_family.set(options.TCP_NODELAY, True)  # E: arg-type
    any_family.set(options.SO_KEEPALIVE, True)


def multicast_on_other_sockets(
    tcp: StreamSocket[InetAddress], unix: DatagramSocket[Address], inet6: DatagramSocket[Inet6Address]
) -> None:
    tcp.join_group("239.1.2.3")  # E: attr-defined
    unix.join_group("239.1.2.3")  # E: misc
    inet6.join_group("ff02::1")
