"""create_connection, create_server and the module-level descriptor calls, on real sockets.

Where the standard module has the same call, the outcome (result, or exception
kind and message) is compared with it.
"""

from __future__ import annotations

import contextlib
import pathlib
import socket
import sys
from typing import Any, List, Optional, Tuple, Union

import pytest
from typing_extensions import assert_type

import typedsock
from typedsock import Inet6Address, InetAddress, StreamSocket, UnixAddress


def _accept_and_echo(
    listener: StreamSocket[InetAddress], client: Union[StreamSocket[InetAddress], StreamSocket[Inet6Address]]
) -> InetAddress:
    """Accept ``client``'s connection, check data flows both ways; the peer address the server saw."""
    conn, peer = listener.accept()
    with conn:
        client.sendall(b"ping")
        assert conn.recv(4) == b"ping"
        conn.sendall(b"pong")
        assert client.recv(4) == b"pong"
    return peer


@pytest.fixture
def refused_port(stack: contextlib.ExitStack) -> int:
    """A loopback TCP port that refuses connections: bound (so nobody else takes it), not listening."""
    holder = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    holder.bind(InetAddress.loopback(0))
    return holder.getsockname().port


# -- create_connection -----------------------------------------------------------------


def test_create_connection_to_a_loopback_server(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    port = tcp_listener.getsockname().port
    either = typedsock.create_connection(("127.0.0.1", port))
    stack.callback(either.close)
    assert_type(either, Union[StreamSocket[InetAddress], StreamSocket[Inet6Address]])
    assert isinstance(either, StreamSocket)
    assert either.family == typedsock.AF_INET and either.type == typedsock.SOCK_STREAM
    assert either.getpeername() == ("127.0.0.1", port)
    assert _accept_and_echo(tcp_listener, either) == either.getsockname()


def test_create_connection_typed_address(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    client = stack.enter_context(typedsock.create_connection(tcp_listener.getsockname()))
    assert_type(client, StreamSocket[InetAddress])
    assert client.getpeername() == tcp_listener.getsockname()
    _accept_and_echo(tcp_listener, client)


def test_create_connection_by_name(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    # 'localhost' may resolve to ::1 first, where nothing listens: the next address is tried.
    port = tcp_listener.getsockname().port
    client = typedsock.create_connection(("localhost", port))
    stack.callback(client.close)
    assert client.getpeername() == ("127.0.0.1", port)


def test_create_connection_timeout(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    address = tcp_listener.getsockname()
    assert stack.enter_context(typedsock.create_connection(address, 2.5)).gettimeout() == 2.5
    assert stack.enter_context(typedsock.create_connection(address, timeout=None)).gettimeout() is None
    # Not given: the socket keeps the module default, as with the standard module.
    assert stack.enter_context(typedsock.create_connection(address)).gettimeout() is None
    typedsock.setdefaulttimeout(4.0)
    try:
        assert stack.enter_context(typedsock.create_connection(address)).gettimeout() == 4.0
        # The standard module's own sentinel, passed on by code written for it, means "not given".
        sentinel: Optional[float] = getattr(socket, "_GLOBAL_DEFAULT_TIMEOUT")  # noqa: B009
        assert stack.enter_context(typedsock.create_connection(address, sentinel)).gettimeout() == 4.0
        ours: Optional[float] = getattr(typedsock, "_GLOBAL_DEFAULT_TIMEOUT")  # noqa: B009
        assert stack.enter_context(typedsock.create_connection(address, ours)).gettimeout() == 4.0
        assert stack.enter_context(typedsock.create_connection(address, 1.0)).gettimeout() == 1.0
    finally:
        typedsock.setdefaulttimeout(None)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> List[Any]:
    """``typedsock.socket`` patched, as tests of user code patch ``socket.socket``: the sockets it made."""
    made: List[Any] = []
    real: Any = typedsock.socket

    def recording(*args: Any, **kwargs: Any) -> Any:
        sock = real(*args, **kwargs)
        made.append(sock)
        return sock

    monkeypatch.setattr(typedsock, "socket", recording)
    return made


def test_create_connection_and_create_server_honour_a_patched_socket(
    stack: contextlib.ExitStack, made: List[Any]
) -> None:
    server = stack.enter_context(typedsock.create_server(("127.0.0.1", 0)))
    client = stack.enter_context(typedsock.create_connection(server.getsockname()))
    assert made == [server, client]
    assert typedsock.has_dualstack_ipv6() == socket.has_dualstack_ipv6()
    assert len(made) == 3 and made[2].fileno() == -1  # has_dualstack_ipv6's probe, closed


def test_create_connection_raises_what_a_patched_socket_raises(
    monkeypatch: pytest.MonkeyPatch, tcp_listener: StreamSocket[InetAddress]
) -> None:
    # CPython's NetworkConnectionNoServer.test_create_connection_timeout: the patched class
    # is the standard module's, and its connect times out.
    class TimingOut(socket.socket):
        def connect(self, address: Any) -> None:
            raise TimeoutError("timed out")

    monkeypatch.setattr(typedsock, "socket", TimingOut)
    with pytest.raises(TimeoutError, match="timed out"):
        typedsock.create_connection(tcp_listener.getsockname())


def test_create_connection_source_address(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    address = tcp_listener.getsockname()
    client = stack.enter_context(typedsock.create_connection(address, source_address=("127.0.0.1", 0)))
    assert client.getsockname().host == "127.0.0.1"
    assert _accept_and_echo(tcp_listener, client) == client.getsockname()
    # A fixed source port, given as a typed address (which also keeps the lookup to IPv4).
    with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as probe:
        probe.bind(InetAddress.loopback(0))
        source = probe.getsockname()
    client2 = typedsock.create_connection(("localhost", address.port), source_address=source)
    stack.callback(client2.close)
    assert client2.getsockname() == source
    conn, peer = tcp_listener.accept()
    conn.close()
    assert peer == source


def test_create_connection_refused(refused_port: int) -> None:
    with pytest.raises(ConnectionRefusedError) as refused:
        typedsock.create_connection(("127.0.0.1", refused_port))
    exc = refused.value
    assert isinstance(exc, typedsock.error)
    with pytest.raises(ConnectionRefusedError) as std:
        socket.create_connection(("127.0.0.1", refused_port))
    assert exc.args == std.value.args
    assert exc.errno == std.value.errno and exc.strerror == std.value.strerror


def test_create_connection_all_errors(refused_port: int) -> None:
    if sys.version_info < (3, 11):
        with pytest.raises(ConnectionRefusedError):  # no ExceptionGroup before 3.11: the last error
            typedsock.create_connection(("127.0.0.1", refused_port), all_errors=True)
        return
    with pytest.raises(ExceptionGroup) as group:  # noqa: F821
        typedsock.create_connection(("127.0.0.1", refused_port), all_errors=True)
    assert group.value.message == "create_connection failed"
    (only,) = group.value.exceptions
    assert isinstance(only, ConnectionRefusedError) and isinstance(only, typedsock.error)


def test_create_connection_resolver_failure() -> None:
    with pytest.raises(typedsock.gaierror) as gai:
        typedsock.create_connection(("localhost", "no-such-service"))
    by_service: Any = ("localhost", "no-such-service")  # typeshed wants an int port; a name works
    with pytest.raises(socket.gaierror) as std:
        socket.create_connection(by_service)
    assert gai.value.args == std.value.args


def test_create_connection_ipv6(ipv6: None, stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.create_server(("::1", 0), family=typedsock.AF_INET6))
    address = listener.getsockname()
    client = stack.enter_context(typedsock.create_connection(address))
    assert_type(client, StreamSocket[Inet6Address])
    assert client.getpeername() == address
    by_pair = typedsock.create_connection(("::1", address.port), 5.0)
    stack.callback(by_pair.close)
    assert isinstance(by_pair.getpeername(), Inet6Address)
    for _ in range(2):
        conn, peer = listener.accept()
        conn.close()
        assert isinstance(peer, Inet6Address) and peer.host == "::1"


# -- create_server -------------------------------------------------------------------------


def test_create_server_inet(stack: contextlib.ExitStack) -> None:
    server = stack.enter_context(typedsock.create_server(("127.0.0.1", 0)))
    assert_type(server, StreamSocket[InetAddress])
    assert server.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ACCEPTCONN) == 1
    assert server.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR) == 1
    assert server.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEPORT) == 0
    client = stack.enter_context(typedsock.create_connection(server.getsockname()))
    _accept_and_echo(server, client)
    small = stack.enter_context(typedsock.create_server(InetAddress.loopback(0), backlog=1))
    assert small.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ACCEPTCONN) == 1


def test_create_server_reuse_port(stack: contextlib.ExitStack) -> None:
    first = stack.enter_context(typedsock.create_server(("127.0.0.1", 0), reuse_port=True))
    port = first.getsockname().port
    try:
        second = stack.enter_context(typedsock.create_server(("127.0.0.1", port), reuse_port=True))
    except OSError as exc:  # pragma: no cover - kernels without SO_REUSEPORT load balancing
        pytest.skip(f"a second SO_REUSEPORT listener was refused: {exc}")
    assert second.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEPORT) == 1
    assert second.getsockname() == first.getsockname()


def test_create_server_bind_failure_message(stack: contextlib.ExitStack) -> None:
    first = stack.enter_context(typedsock.create_server(("127.0.0.1", 0)))
    address = ("127.0.0.1", first.getsockname().port)
    with pytest.raises(typedsock.error) as ours:
        typedsock.create_server(address)
    with pytest.raises(OSError) as std:
        socket.create_server(address)
    assert isinstance(ours.value, OSError)
    assert ours.value.args == std.value.args
    assert "while attempting to bind on address ('127.0.0.1'," in str(ours.value)
    assert ours.value.errno == std.value.errno and ours.value.errno is not None


def test_create_server_bind_failure_keeps_errno_class(sock_dir: pathlib.Path) -> None:
    missing = str(sock_dir / "no-such-dir" / "s.sock")
    with pytest.raises(FileNotFoundError) as ours:
        typedsock.create_server(missing, family=typedsock.AF_UNIX)
    with pytest.raises(FileNotFoundError) as std:
        socket.create_server(missing, family=socket.AF_UNIX)
    assert isinstance(ours.value, typedsock.error)
    assert ours.value.args == std.value.args


def test_create_server_wrong_family_address_leaks_nothing() -> None:
    # ResourceWarning is an error in this suite: the socket must be closed on the way out.
    with pytest.raises(TypeError):
        typedsock.create_server("/tmp/not-an-inet-address")  # type: ignore[call-overload]


def test_create_server_unix(stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> None:
    path = str(sock_dir / "server.sock")
    server = stack.enter_context(typedsock.create_server(path, family=typedsock.AF_UNIX))
    assert_type(server, StreamSocket[UnixAddress])
    assert server.getsockname() == UnixAddress(path)
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client.connect(path)
    conn, _ = server.accept()
    with conn:
        client.sendall(b"unix")
        assert conn.recv(4) == b"unix"


def test_create_server_ipv6_only(ipv6: None, stack: contextlib.ExitStack) -> None:
    server = stack.enter_context(typedsock.create_server(("::1", 0), family=typedsock.AF_INET6))
    assert_type(server, StreamSocket[Inet6Address])
    assert server.getsockopt(typedsock.IPPROTO_IPV6, typedsock.IPV6_V6ONLY) == 1
    assert server.getsockname().host == "::1"


def test_create_server_dualstack(ipv6: None, stack: contextlib.ExitStack) -> None:
    if not typedsock.has_dualstack_ipv6():
        pytest.skip("this host cannot clear IPV6_V6ONLY (no dual-stack sockets)")
    server = stack.enter_context(
        typedsock.create_server(("", 0), family=typedsock.AF_INET6, dualstack_ipv6=True)
    )
    assert server.getsockopt(typedsock.IPPROTO_IPV6, typedsock.IPV6_V6ONLY) == 0
    port = server.getsockname().port
    v4 = typedsock.create_connection(("127.0.0.1", port))
    stack.callback(v4.close)
    conn, peer = server.accept()
    stack.enter_context(conn)
    assert_type(peer, Inet6Address)
    assert peer.host == "::ffff:127.0.0.1" and peer.port == v4.getsockname().port
    v6 = typedsock.create_connection(("::1", port))
    stack.callback(v6.close)
    conn6, peer6 = server.accept()
    stack.enter_context(conn6)
    assert peer6.host == "::1" and peer6.port == v6.getsockname().port


def test_create_server_argument_errors() -> None:
    # Calls the type checker rejects (these overloads have no such form), checked at run time.
    create_server: Any = typedsock.create_server
    assert typedsock.has_dualstack_ipv6() == socket.has_dualstack_ipv6()
    if typedsock.has_dualstack_ipv6():
        with pytest.raises(ValueError, match="dualstack_ipv6 requires AF_INET6 family"):
            create_server(("", 0), family=typedsock.AF_INET, dualstack_ipv6=True)
    with pytest.raises(OSError) as unsupported:
        create_server(("", 0), family=12345)
    assert isinstance(unsupported.value, typedsock.error)


def test_has_dualstack_ipv6_is_the_standard_modules_bool() -> None:
    # (its static type, bool, is pinned in typing_cases/pass_convenience.py)
    assert typedsock.has_dualstack_ipv6() is socket.has_dualstack_ipv6()


# The module-level send_fds, recv_fds and close: test_parity.py, with both modules.


def test_exports() -> None:
    names: Tuple[str, ...] = (
        "create_connection", "create_server", "has_dualstack_ipv6", "send_fds", "recv_fds", "close",
        "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getservbyport", "getprotobyname", "getfqdn",
        "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop", "htons", "ntohs", "htonl", "ntohl",
        "if_nametoindex", "if_indextoname", "if_nameindex", "has_ipv6",
    )
    for name in names:
        assert name in typedsock.__all__
        assert hasattr(socket, name), f"{name} is not a standard-module name"
