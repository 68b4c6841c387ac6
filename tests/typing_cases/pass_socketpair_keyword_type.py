"""socketpair() with the family left to its default (AF_UNIX) and the kind given by keyword."""

# mypy: disallow-any-expr

from typing import Tuple

from typing_extensions import assert_type

from typedsock import SOCK_DGRAM, DatagramSocket, Socket, UnixAddress, socketpair


def keyword_kind(kind: int) -> None:
    pair = socketpair(type=SOCK_DGRAM)
    assert_type(pair, Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]])
    assert_type(socketpair(type=kind), Tuple[Socket[UnixAddress], Socket[UnixAddress]])
