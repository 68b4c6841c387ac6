"""Typed options: get(opt) -> T for every option, set(opt, value: T) for the settable ones."""

# mypy: disallow-any-expr

from typing import Optional

from typing_extensions import assert_type

from typedsock import AF_INET, AF_UNIX, SOCK_DGRAM, Credentials, SocketKind, options, socket
from typedsock.options import Option, ReadOnlyOption


def option_objects() -> None:
    assert_type(options.REUSEADDR, Option[bool])
    assert_type(options.REUSEPORT, Option[bool])
    assert_type(options.KEEPALIVE, Option[bool])
    assert_type(options.BROADCAST, Option[bool])
    assert_type(options.TCP_NODELAY, Option[bool])
    assert_type(options.V6ONLY, Option[bool])
    assert_type(options.RCVBUF, Option[int])
    assert_type(options.SNDBUF, Option[int])
    assert_type(options.LINGER, Option[Optional[int]])
    assert_type(options.RCVTIMEO, Option[float])
    assert_type(options.SNDTIMEO, Option[float])
    assert_type(options.ERROR, ReadOnlyOption[int])
    assert_type(options.TYPE, ReadOnlyOption[SocketKind])
    assert_type(options.ACCEPTCONN, ReadOnlyOption[bool])
    assert_type(options.PEERCRED, ReadOnlyOption[Credentials])


def get() -> None:
    s = socket(AF_INET)
    assert_type(s.get(options.REUSEADDR), bool)
    assert_type(s.get(options.TCP_NODELAY), bool)
    assert_type(s.get(options.RCVBUF), int)
    assert_type(s.get(options.LINGER), Optional[int])
    assert_type(s.get(options.RCVTIMEO), float)
    assert_type(s.get(options.ERROR), int)
    assert_type(s.get(options.TYPE), SocketKind)
    assert_type(s.get(options.ACCEPTCONN), bool)
    u = socket(AF_UNIX, SOCK_DGRAM)
    assert_type(u.get(options.PEERCRED), Credentials)
    assert_type(u.get(options.SNDTIMEO), float)


def set_values(flag: bool, size: int, seconds: float, linger: Optional[int]) -> None:
    s = socket(AF_INET)
    s.set(options.REUSEADDR, True)
    s.set(options.REUSEPORT, flag)
    s.set(options.KEEPALIVE, False)
    s.set(options.BROADCAST, flag)
    s.set(options.TCP_NODELAY, True)
    s.set(options.V6ONLY, False)
    s.set(options.RCVBUF, 65536)
    s.set(options.SNDBUF, size)
    s.set(options.LINGER, None)
    s.set(options.LINGER, 5)
    s.set(options.LINGER, linger)
    s.set(options.RCVTIMEO, 0.5)
    s.set(options.SNDTIMEO, seconds)
    s.set(options.RCVTIMEO, 2)  # an int is a float for the type system, and at run time
    assert_type(s.set(options.RCVBUF, size), None)


def generic_helper() -> None:
    # Option[T] is a ReadOnlyOption[T]: a helper that reads any option keeps T.
    def read(option: ReadOnlyOption[float]) -> float:
        return socket(AF_INET).get(option)

    assert_type(read(options.RCVTIMEO), float)


def raw_calls() -> None:
    s = socket(AF_INET)
    s.setsockopt(1, 2, 1)
    s.setsockopt(1, 2, b"\x01\x00\x00\x00")
    s.setsockopt(1, 2, None, 4)
