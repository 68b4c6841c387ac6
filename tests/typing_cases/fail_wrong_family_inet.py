"""An AF_INET socket rejects the addresses of other families, in every call that takes one."""

import pathlib

from typedsock import AF_INET, SOCK_DGRAM, Inet6Address, UnixAddress, socket


def stream(where: pathlib.Path) -> None:
    s = socket(AF_INET)
    s.connect(UnixAddress("/tmp/sock"))  # E: arg-type
    s.bind(UnixAddress.abstract("x"))  # E: arg-type
    s.connect_ex(UnixAddress("/tmp/sock"))  # E: arg-type
    s.connect("/tmp/sock")  # E: arg-type
    s.bind(where)  # E: arg-type
    s.connect(Inet6Address("::1", 80))  # E: arg-type
    s.connect(("::1", 80, 0, 0))  # E: arg-type
    s.connect(("127.0.0.1", "80"))  # E: arg-type


def datagram() -> None:
    d = socket(AF_INET, SOCK_DGRAM)
    d.sendto(b"x", UnixAddress("/tmp/sock"))  # E: call-overload
    d.sendto(b"x", 0, UnixAddress("/tmp/sock"))  # E: call-overload
    d.sendto(b"x", Inet6Address("::1", 80))  # E: arg-type
    d.bind("/tmp/sock")  # E: arg-type
