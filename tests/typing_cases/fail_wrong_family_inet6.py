"""An AF_INET6 socket rejects an address of another family (an InetAddress, whose
(host, port) shape fits, is flagged as deprecated: fail_inet6_given_inet_address.py)."""

from typedsock import AF_INET6, SOCK_DGRAM, UnixAddress, socket


def stream() -> None:
    s = socket(AF_INET6)
    s.connect(UnixAddress("/tmp/sock"))  # E: call-overload
    s.bind("/tmp/sock")  # E: call-overload
    s.connect(("::1", 80, 0, 0, 0))  # E: arg-type
    s.connect_ex(("::1", "80"))  # E: arg-type


def datagram() -> None:
    d = socket(AF_INET6, SOCK_DGRAM)
    d.sendto(b"x", UnixAddress("/tmp/sock"))  # E: call-overload
    d.sendto(b"x", "/tmp/sock")  # E: call-overload
