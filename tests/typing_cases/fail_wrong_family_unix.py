"""An AF_UNIX socket rejects (host, port) tuples and IP address objects."""

from typedsock import AF_UNIX, SOCK_DGRAM, Inet6Address, InetAddress, socket, socketpair


def stream() -> None:
    s = socket(AF_UNIX)
    s.connect(("localhost", 80))  # E: arg-type
    s.bind(("", 0))  # E: arg-type
    s.connect_ex(("localhost", 80))  # E: arg-type
    s.connect(InetAddress("127.0.0.1", 80))  # E: arg-type
    s.bind(Inet6Address("::", 0))  # E: arg-type
    s.connect(3)  # E: arg-type


def datagram() -> None:
    d = socket(AF_UNIX, SOCK_DGRAM)
    d.sendto(b"x", ("localhost", 80))  # E: call-overload
    d.sendto(b"x", 0, InetAddress("127.0.0.1", 80))  # E: call-overload
    d.send_fds([b"x"], [3], 0, ("localhost", 80))  # E: arg-type
    left, _ = socketpair()
    left.connect(("localhost", 80))  # E: arg-type
