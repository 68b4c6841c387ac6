"""An InetAddress is a (host, port) pair, which an AF_INET6 call takes; but it is IPv4 (a
TypeError at run time), so each AF_INET6 call flags it through a @deprecated overload:
mypy's `deprecated` code (--enable-error-code deprecated), pyright strict's reportDeprecated."""

from typedsock import (
    AF_INET6,
    SOCK_DGRAM,
    Inet6Address,
    InetAddress,
    create_connection,
    create_server,
    socket,
)


def stream() -> None:
    s6 = socket(AF_INET6)
    s6.bind(InetAddress.any(0))  # E: deprecated
    s6.connect(InetAddress("127.0.0.1", 80))  # E: deprecated
    s6.connect_ex(InetAddress.loopback(80))  # E: deprecated


def datagram() -> None:
    d6 = socket(AF_INET6, SOCK_DGRAM)
    d6.bind(InetAddress("::", 0))  # E: deprecated
    d6.sendto(b"x", InetAddress("::1", 9))  # E: deprecated
    d6.sendto(b"x", 0, InetAddress("::1", 9))  # E: deprecated
    d6.send_many([(b"x", InetAddress("::1", 9))])  # E: deprecated
    d6.send_many([b"x", (b"y", InetAddress("::1", 9))], 0)  # E: deprecated


def convenience() -> None:
    create_server(InetAddress("::", 0), family=AF_INET6)  # E: deprecated
    create_connection(Inet6Address("::1", 80), source_address=InetAddress("::", 0))  # E: deprecated
    create_connection(Inet6Address("::1", 80), 5.0, InetAddress("::", 0))  # E: deprecated
