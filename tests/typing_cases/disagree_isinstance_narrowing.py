"""Narrowing a socket of run-time kind with isinstance: the checkers disagree.

pyright keeps the address type (StreamSocket[InetAddress]); mypy narrows to
StreamSocket[Any], so the address type is lost (and an Any leaks in) until the
program annotates it again.
"""

from typing import Tuple

from typing_extensions import assert_type

from typedsock import AF_INET, DatagramSocket, InetAddress, StreamSocket, socket


def narrow(kind: int) -> None:
    s = socket(AF_INET, kind)
    if isinstance(s, StreamSocket):
        assert_type(s, StreamSocket[InetAddress])  # E[mypy]: assert-type
        assert_type(s.accept(), Tuple[StreamSocket[InetAddress], InetAddress])  # E[mypy]: assert-type
    elif isinstance(s, DatagramSocket):
        assert_type(s.recvfrom(1), Tuple[bytes, InetAddress])  # E[mypy]: assert-type


def annotate_again(kind: int) -> None:
    # what works under both: say the type once more
    s = socket(AF_INET, kind)
    if isinstance(s, StreamSocket):
        stream: StreamSocket[InetAddress] = s
        assert_type(stream.accept()[1], InetAddress)
