"""socketpair(): AF_UNIX pairs, typed by kind; a run-time family gives Socket[Address]."""

# mypy: disallow-any-expr

from typing import Tuple

from typing_extensions import assert_type

from typedsock import (
    AF_UNIX,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    Address,
    DatagramSocket,
    Socket,
    StreamSocket,
    UnixAddress,
    socketpair,
)

_UnixStreams = Tuple[StreamSocket[UnixAddress], StreamSocket[UnixAddress]]
_UnixDatagrams = Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]]


def literal() -> None:
    assert_type(socketpair(), _UnixStreams)
    assert_type(socketpair(AF_UNIX), _UnixStreams)
    assert_type(socketpair(AF_UNIX, SOCK_STREAM), _UnixStreams)
    assert_type(socketpair(AF_UNIX, SOCK_SEQPACKET), _UnixStreams)
    assert_type(socketpair(AF_UNIX, SOCK_DGRAM), _UnixDatagrams)
    assert_type(socketpair(AF_UNIX, SOCK_RAW), _UnixDatagrams)
    assert_type(socketpair(AF_UNIX, SOCK_DGRAM, 0), _UnixDatagrams)
    assert_type(socketpair(family=AF_UNIX, type=SOCK_DGRAM), _UnixDatagrams)


def runtime(family: int, kind: int) -> None:
    assert_type(socketpair(AF_UNIX, kind), Tuple[Socket[UnixAddress], Socket[UnixAddress]])
    assert_type(socketpair(family), Tuple[Socket[Address], Socket[Address]])
    assert_type(socketpair(family, kind), Tuple[Socket[Address], Socket[Address]])


def unpacked() -> None:
    left, right = socketpair(AF_UNIX, SOCK_SEQPACKET)
    assert_type(left, StreamSocket[UnixAddress])
    assert_type(right, StreamSocket[UnixAddress])
    assert_type(left.getpeername(), UnixAddress)
