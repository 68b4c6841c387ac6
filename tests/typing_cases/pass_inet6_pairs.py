"""An AF_INET6 call takes a plain (host, port) pair, the most common IPv6 address there is,
wherever it takes an address (the InetAddress it could be mistaken for is flagged:
fail_inet6_given_inet_address.py)."""

# mypy: disallow-any-expr

from typing import List, Tuple, Union

from typing_extensions import Buffer, assert_type

from typedsock import (
    AF_INET6,
    SOCK_DGRAM,
    DatagramSocket,
    Inet6Address,
    StreamSocket,
    create_connection,
    create_server,
    socket,
)


def stream(host: str, port: int) -> None:
    s6 = socket(AF_INET6)
    assert_type(s6, StreamSocket[Inet6Address])
    assert_type(s6.bind(("::", 0)), None)
    assert_type(s6.connect(("::1", 80)), None)
    assert_type(s6.connect((host, port)), None)
    assert_type(s6.connect_ex(("::1", 80)), int)
    pair: Tuple[str, int] = (host, port)
    s6.bind(pair)


def datagram(host: str, port: int) -> None:
    d6 = socket(AF_INET6, SOCK_DGRAM)
    assert_type(d6, DatagramSocket[Inet6Address])
    d6.bind(("::", 0))
    assert_type(d6.sendto(b"x", ("::1", 9)), int)
    assert_type(d6.sendto(b"x", 0, (host, port)), int)
    assert_type(d6.send_many([(b"x", ("::1", 9))]), int)
    assert_type(d6.send_many([b"to the connected peer", (b"x", (host, port)), (b"y", Inet6Address("::1", 9))]), int)
    assert_type(d6.send_many([b"only buffers"]), int)
    assert_type(d6.send_many([(b"x", ("::1", 9, 0, 0))], 0), int)
    messages: List[Union[Buffer, Tuple[Buffer, Tuple[str, int]]]] = [(b"x", (host, port))]
    assert_type(d6.send_many(messages), int)


def convenience(host: str, port: int) -> None:
    assert_type(create_server(("::", 0), family=AF_INET6), StreamSocket[Inet6Address])
    assert_type(create_connection(Inet6Address("::1", 80), 5.0, ("::", 0)), StreamSocket[Inet6Address])
    assert_type(create_connection(Inet6Address("::1", 80), source_address=(host, 0)), StreamSocket[Inet6Address])
