"""Every call that takes an address takes the typed object or the classic form of its own family."""

# mypy: disallow-any-expr

import os
import pathlib

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    SOCK_DGRAM,
    Inet6Address,
    InetAddress,
    UnixAddress,
    socket,
)


def inet(host: str, port: int) -> None:
    s = socket(AF_INET)
    s.bind(InetAddress.any(0))
    s.bind(("", 0))
    s.connect(InetAddress("127.0.0.1", 80))
    s.connect((host, port))
    errno: int = s.connect_ex(("localhost", 80))
    errno = s.connect_ex(InetAddress.loopback(80))
    d = socket(AF_INET, SOCK_DGRAM)
    sent: int = d.sendto(b"x", ("<broadcast>", 9))
    sent = d.sendto(b"x", 0, InetAddress.broadcast(9))
    sent = d.sendto(bytearray(b"x"), InetAddress(host, port))
    sent = d.sendto(memoryview(b"x"), 0, (host, port))
    print(errno, sent)


def inet6(host: str, port: int) -> None:
    s = socket(AF_INET6)
    s.bind(Inet6Address("::", 0))
    s.bind(("::", 0, 0))
    s.connect(("::1", 80, 0, 0))
    s.connect(Inet6Address(host, port, scope_id=2))
    errno: int = s.connect_ex((host, port, 0, 0))
    d = socket(AF_INET6, SOCK_DGRAM)
    sent: int = d.sendto(b"x", (host, port, 0))
    sent = d.sendto(b"x", 0, Inet6Address(host, port))
    print(errno, sent)


def unix(path: str, raw: bytes, where: pathlib.Path, fspath: "os.PathLike[str]") -> None:
    s = socket(AF_UNIX)
    s.bind(path)
    s.bind(raw)
    s.bind(where)
    s.bind(fspath)
    s.bind(UnixAddress.abstract("name"))
    s.connect(UnixAddress(where))
    s.connect(b"\0abstract")
    errno: int = s.connect_ex(where / "sock")
    d = socket(AF_UNIX, SOCK_DGRAM)
    sent: int = d.sendto(b"x", path)
    sent = d.sendto(b"x", 0, UnixAddress(path))
    sent = d.sendto(b"x", where)
    print(errno, sent)


def runtime_family(family: int) -> None:
    # A socket of unknown family takes any family's address (checked at run time).
    s = socket(family)
    s.bind(("", 0))
    s.bind("/tmp/sock")
    s.connect(("::1", 80, 0, 0))
    s.connect(UnixAddress("x"))
    errno: int = s.connect_ex(InetAddress.any())
    sent: int = s.sendto(b"x", 0, ("h", 1))
    print(errno, sent)
