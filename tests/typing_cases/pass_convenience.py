"""create_connection, create_server, the module-level send_fds/recv_fds, and the stdlib bridge."""

# mypy: disallow-any-expr

import socket as stdlib
from typing import List, Tuple, Union

from typing_extensions import assert_type

from typedsock import (
    AF_INET6,
    AF_UNIX,
    Address,
    Inet6Address,
    InetAddress,
    Socket,
    StreamSocket,
    UnixAddress,
    create_connection,
    create_server,
    from_stdlib,
    has_dualstack_ipv6,
    recv_fds,
    send_fds,
    socketpair,
)

_Either = Union[StreamSocket[InetAddress], StreamSocket[Inet6Address]]


def connection(host: str, port: int) -> None:
    assert_type(create_connection(InetAddress(host, port)), StreamSocket[InetAddress])
    assert_type(create_connection(Inet6Address(host, port), 5.0), StreamSocket[Inet6Address])
    assert_type(create_connection((host, port)), _Either)
    assert_type(create_connection((host, "http"), None, ("", 0)), _Either)
    assert_type(create_connection(InetAddress(host, port), source_address=("", 0), all_errors=True),
                StreamSocket[InetAddress])


def server(family: int, path: str) -> None:
    assert_type(create_server(("", 0)), StreamSocket[InetAddress])
    assert_type(create_server(InetAddress.any(0), backlog=5, reuse_port=True), StreamSocket[InetAddress])
    assert_type(create_server(("::", 0), family=AF_INET6, dualstack_ipv6=True), StreamSocket[Inet6Address])
    assert_type(create_server(Inet6Address("::", 0), family=AF_INET6), StreamSocket[Inet6Address])
    assert_type(create_server(path, family=AF_UNIX), StreamSocket[UnixAddress])
    assert_type(create_server(UnixAddress.abstract("x"), family=AF_UNIX), StreamSocket[UnixAddress])
    # A family known only at run time has no create_server overload (it would also
    # admit a wrong-family address with a literal family); see fail_convenience.py.
    assert_type(has_dualstack_ipv6(), bool)


def descriptors(fds: List[int]) -> None:
    left, right = socketpair()
    assert_type(send_fds(left, [b"x"], fds), int)
    assert_type(recv_fds(right, 1024, 4), Tuple[bytes, List[int], int, UnixAddress])


def stdlib_bridge(sock: stdlib.socket) -> None:
    typed = from_stdlib(sock)
    assert_type(typed, Socket[Address])
    assert_type(typed.to_stdlib(), stdlib.socket)
