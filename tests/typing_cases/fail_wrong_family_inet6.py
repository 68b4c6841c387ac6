"""An AF_INET6 socket rejects an InetAddress (a typed object of another family),
even though its (host, port) shape would fit a tuple."""

from typedsock import AF_INET6, SOCK_DGRAM, InetAddress, UnixAddress, socket


def stream() -> None:
    s = socket(AF_INET6)
    s.connect(InetAddress("127.0.0.1", 80))  # E: arg-type
    s.bind(InetAddress.any(0))  # E: arg-type
    s.connect_ex(InetAddress.loopback(80))  # E: arg-type
    s.connect(UnixAddress("/tmp/sock"))  # E: arg-type
    # A bare (host, port) pair is accepted at run time, but the type cannot tell it
    # from an InetAddress: the typed forms are Inet6Address and the 3- and 4-tuples.
    s.connect(("::1", 80))  # E: arg-type


def datagram() -> None:
    d = socket(AF_INET6, SOCK_DGRAM)
    d.sendto(b"x", InetAddress("127.0.0.1", 80))  # E: arg-type
    d.sendto(b"x", 0, InetAddress("127.0.0.1", 80))  # E: arg-type
    d.sendto(b"x", "/tmp/sock")  # E: call-overload
