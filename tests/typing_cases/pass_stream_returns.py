"""Stream sockets: accept/getsockname/getpeername give the family's address;
recvfrom/recvfrom_into give `A | None` (a connected stream may report no address)."""

# mypy: disallow-any-expr

from typing import Optional, Tuple, Union

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    SOCK_SEQPACKET,
    Inet6Address,
    InetAddress,
    StreamSocket,
    UnixAddress,
    socket,
)


def inet(buf: bytearray) -> None:
    s = socket(AF_INET)
    assert_type(s.accept(), Tuple[StreamSocket[InetAddress], InetAddress])
    conn, peer = s.accept()
    assert_type(conn, StreamSocket[InetAddress])
    assert_type(peer.host, str)
    assert_type(peer.port, int)
    assert_type(s.getsockname(), InetAddress)
    assert_type(s.getpeername(), InetAddress)
    assert_type(s.recvfrom(1024), Tuple[bytes, Optional[InetAddress]])
    assert_type(s.recvfrom_into(buf), Tuple[int, Optional[InetAddress]])
    assert_type(s.recvfrom_into(buf, 10, 0), Tuple[int, Optional[InetAddress]])


def inet6() -> None:
    s = socket(AF_INET6)
    assert_type(s.accept(), Tuple[StreamSocket[Inet6Address], Inet6Address])
    assert_type(s.getsockname(), Inet6Address)
    assert_type(s.getpeername().flowinfo, int)
    assert_type(s.recvfrom(1), Tuple[bytes, Optional[Inet6Address]])


def unix(buf: memoryview) -> None:
    s = socket(AF_UNIX, SOCK_SEQPACKET)
    assert_type(s.accept(), Tuple[StreamSocket[UnixAddress], UnixAddress])
    assert_type(s.accept()[0].accept()[1], UnixAddress)  # an accepted socket accepts too
    assert_type(s.getsockname(), UnixAddress)
    assert_type(s.getpeername().path, Union[str, bytes])
    assert_type(s.recvfrom(1), Tuple[bytes, Optional[UnixAddress]])
    assert_type(s.recvfrom_into(buf), Tuple[int, Optional[UnixAddress]])


def other_methods(data: bytes) -> None:
    s = socket(AF_INET)
    assert_type(s.listen(), None)
    assert_type(s.listen(5), None)
    assert_type(s.send(data), int)
    assert_type(s.sendall(data), None)
    assert_type(s.recv(10), bytes)
    assert_type(s.recv_into(bytearray(10)), int)
    assert_type(s.fileno(), int)
    assert_type(s.detach(), int)
    assert_type(s.dup(), StreamSocket[InetAddress])
    assert_type(s.gettimeout(), Optional[float])
    assert_type(s.getblocking(), bool)
    assert_type(s.getsockopt(1, 2), int)
    assert_type(s.getsockopt(1, 2, 4), bytes)
    with s as entered:
        assert_type(entered, StreamSocket[InetAddress])
