"""Typed addresses: what the calls return, what they take, and what they reject."""

from __future__ import annotations

import contextlib
import os
import pathlib
import uuid
from typing import Any, Callable, Tuple

import pytest

import typedsock
from typedsock import (
    DatagramSocket,
    Inet6Address,
    InetAddress,
    StreamSocket,
    UnixAddress,
)

# ---------------------------------------------------------------------------- returned types: AF_INET


def test_inet_results_are_inet_addresses(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(tcp_listener.getsockname())
    conn, peer = tcp_listener.accept()
    stack.enter_context(conn)
    for address in (
        peer,
        tcp_listener.getsockname(),
        client.getsockname(),
        client.getpeername(),
        conn.getsockname(),
        conn.getpeername(),
    ):
        assert type(address) is InetAddress
        assert type(address.host) is str
        assert type(address.port) is int
        assert address.host == "127.0.0.1"
    assert peer == client.getsockname()
    assert client.getpeername() == tcp_listener.getsockname() == conn.getsockname()


def test_udp_recvfrom_returns_inet_address(
    udp_pair: Tuple[DatagramSocket[InetAddress], DatagramSocket[InetAddress]],
) -> None:
    a, b = udp_pair
    a.sendto(b"x", b.getsockname())
    data, sender = b.recvfrom(10)
    assert data == b"x"
    assert type(sender) is InetAddress
    assert sender == a.getsockname()
    a.sendto(b"y", b.getsockname())
    n, sender2 = b.recvfrom_into(bytearray(10))
    assert n == 1
    assert type(sender2) is InetAddress
    assert sender2 == a.getsockname()


def test_inet_address_constructors() -> None:
    assert InetAddress.any(80) == InetAddress("0.0.0.0", 80)
    assert InetAddress.loopback(81) == InetAddress("127.0.0.1", 81)
    assert InetAddress.broadcast(82) == InetAddress("255.255.255.255", 82)
    assert InetAddress.loopback() == ("127.0.0.1", 0)
    addr = InetAddress("10.0.0.1", 9)
    assert addr.host == "10.0.0.1"
    assert addr.port == 9
    assert tuple(addr) == ("10.0.0.1", 9)


def test_unbound_inet_getsockname_is_any_zero(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    name = s.getsockname()
    assert type(name) is InetAddress
    assert name == InetAddress.any(0)


# ---------------------------------------------------------------------------- legacy inputs: AF_INET


def test_inet_legacy_tuple_and_empty_host(stack: contextlib.ExitStack) -> None:
    server = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    server.bind(("", 0))  # '' means INADDR_ANY
    name = server.getsockname()
    assert type(name) is InetAddress
    assert name.host == "0.0.0.0"
    server.listen()
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(("127.0.0.1", name.port))  # a plain tuple
    conn, peer = server.accept()
    stack.enter_context(conn)
    assert type(peer) is InetAddress
    assert conn.getsockname() == InetAddress("127.0.0.1", name.port)


def test_inet_host_name_is_resolved(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(("localhost", tcp_listener.getsockname().port))
    stack.enter_context(tcp_listener.accept()[0])
    assert client.getpeername().port == tcp_listener.getsockname().port
    assert client.getpeername().host.startswith("127.")


def test_inet_broadcast_host(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_BROADCAST, 1)
    s.connect(("<broadcast>", 9))
    assert s.getpeername() == InetAddress("255.255.255.255", 9)


# ---------------------------------------------------------------------------- AF_INET6


def test_inet6_results_are_inet6_addresses(ipv6: None, stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_STREAM))
    listener.bind(("::1", 0, 0, 0))
    listener.listen()
    name = listener.getsockname()
    assert type(name) is Inet6Address
    assert name.host == "::1"
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_STREAM))
    client.connect(Inet6Address("::1", name.port))
    conn, peer = listener.accept()
    stack.enter_context(conn)
    assert type(peer) is Inet6Address
    assert peer == client.getsockname()
    assert type(client.getpeername()) is Inet6Address
    assert client.getpeername() == name


def test_inet6_datagram_recvfrom(ipv6: None, stack: contextlib.ExitStack) -> None:
    a = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    b = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    a.bind(Inet6Address("::1", 0))
    b.bind(("::1", 0, 0))
    a.sendto(b"six", b.getsockname())
    data, sender = b.recvfrom(10)
    assert data == b"six"
    assert type(sender) is Inet6Address
    assert sender == a.getsockname()


# ---------------------------------------------------------------------------- AF_UNIX: unnamed


def test_socketpair_addresses_are_unnamed(stack: contextlib.ExitStack) -> None:
    for kind in (typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM):
        a, b = typedsock.socketpair(typedsock.AF_UNIX, kind)
        stack.enter_context(a)
        stack.enter_context(b)
        for address in (a.getsockname(), a.getpeername(), b.getsockname(), b.getpeername()):
            assert type(address) is UnixAddress
            assert address == UnixAddress("")
            assert address.is_unnamed
            assert not address.is_abstract


def test_datagram_from_unbound_sender_is_unnamed(
    stack: contextlib.ExitStack,
    unix_dgram_pair: Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]],
) -> None:
    _, receiver = unix_dgram_pair
    sender = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    sender.sendto(b"anonymous", receiver.getsockname())
    data, address = receiver.recvfrom(100)
    assert data == b"anonymous"
    assert type(address) is UnixAddress
    assert address == UnixAddress("")
    assert address.is_unnamed
    sender.sendto(b"again", receiver.getsockname())
    n, address2 = receiver.recvfrom_into(bytearray(100))
    assert n == 5
    assert type(address2) is UnixAddress
    assert address2 == UnixAddress("")


def test_socketpair_datagram_recvfrom_is_unnamed(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    a.send(b"pair")
    data, address = b.recvfrom(10)
    assert data == b"pair"
    assert type(address) is UnixAddress
    assert address == UnixAddress("")


def test_stream_recvfrom_address_is_none(
    stack: contextlib.ExitStack,
    tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]],
    unix_pair: Tuple[StreamSocket[UnixAddress], StreamSocket[UnixAddress]],
) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    for sender, receiver in (tcp_pair, unix_pair, (a, b)):
        sender.sendall(b"s")
        assert receiver.recvfrom(10) == (b"s", None)
        sender.sendall(b"t")
        assert receiver.recvfrom_into(bytearray(10)) == (1, None)


# ---------------------------------------------------------------------------- AF_UNIX: pathnames


def test_pathname_comes_back_as_str_without_nul(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> None:
    path = str(sock_dir / "named.sock")
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    s.bind(os.fsencode(path))  # given as bytes
    name = s.getsockname()
    assert type(name) is UnixAddress
    assert type(name.path) is str
    assert name.path == path
    assert "\0" not in name.path
    assert not name.is_abstract
    assert not name.is_unnamed
    as_pathlike: Any = name  # UnixAddress is os.PathLike
    assert os.fspath(as_pathlike) == path


@pytest.mark.parametrize(
    "form",
    [str, os.fsencode, pathlib.Path, UnixAddress],
    ids=["str", "bytes", "pathlib", "UnixAddress"],
)
def test_unix_accepts_str_bytes_pathlike(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path, form: Callable[[str], Any]
) -> None:
    path = str(sock_dir / "forms.sock")
    server: Any = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    server.bind(form(path))
    server.listen()
    client: Any = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client.connect(form(path))
    conn, _ = server.accept()
    stack.enter_context(conn)
    assert client.getpeername() == UnixAddress(path)
    assert client.getpeername().path == path


def test_unix_datagram_recvfrom_pathname_sender(
    unix_dgram_pair: Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]],
    sock_dir: pathlib.Path,
) -> None:
    a, b = unix_dgram_pair
    b_path = b.getsockname().path
    assert isinstance(b_path, str)
    a.sendto(b"hi", pathlib.Path(b_path))
    data, sender = b.recvfrom(10)
    assert data == b"hi"
    assert type(sender) is UnixAddress
    assert sender.path == str(sock_dir / "a.sock")
    assert type(sender.path) is str


def test_unix_address_equality_and_hash() -> None:
    assert UnixAddress("x") == UnixAddress(b"x")
    assert hash(UnixAddress("x")) == hash(UnixAddress(b"x"))
    assert UnixAddress("/tmp/a") != UnixAddress("/tmp/b")
    assert UnixAddress("") == UnixAddress(b"")
    assert UnixAddress(pathlib.Path("/tmp/p")) == UnixAddress("/tmp/p")
    assert len({UnixAddress("x"), UnixAddress(b"x"), UnixAddress("y")}) == 2
    assert UnixAddress("").is_unnamed
    assert UnixAddress.abstract(b"n") != UnixAddress("n")


def test_unix_address_is_immutable() -> None:
    address: Any = UnixAddress("/tmp/z")
    with pytest.raises(AttributeError):
        address.path = "/tmp/other"
    assert address.path == "/tmp/z"


# ---------------------------------------------------------------------------- AF_UNIX: abstract names


def _abstract_name() -> bytes:
    return b"typedsock-test-" + uuid.uuid4().hex.encode("ascii")


def test_abstract_name_keeps_leading_nul(stack: contextlib.ExitStack) -> None:
    name = _abstract_name()
    address = UnixAddress.abstract(name)
    assert address.is_abstract
    assert address.path == b"\0" + name
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    s.bind(address)
    s.listen()
    got = s.getsockname()
    assert type(got) is UnixAddress
    assert type(got.path) is bytes
    assert got.path == b"\0" + name
    assert got.is_abstract
    assert got == address
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client.connect(UnixAddress.abstract(name))
    conn, _ = s.accept()
    stack.enter_context(conn)
    assert client.getpeername() == address
    assert conn.getsockname().path == b"\0" + name


def test_abstract_name_with_embedded_nul_and_trailing_nul(stack: contextlib.ExitStack) -> None:
    # Abstract names are raw bytes: NULs inside or at the end are part of the name.
    name = _abstract_name() + b"\0mid\0"
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    s.bind(UnixAddress.abstract(name))
    assert s.getsockname().path == b"\0" + name


def test_abstract_datagram_sender(stack: contextlib.ExitStack) -> None:
    a = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    b = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    name_a, name_b = _abstract_name(), _abstract_name()
    a.bind(UnixAddress.abstract(name_a))
    b.bind(b"\0" + name_b)  # raw bytes with the leading NUL: the same thing
    a.sendto(b"abs", UnixAddress.abstract(name_b))
    data, sender = b.recvfrom(10)
    assert data == b"abs"
    assert type(sender) is UnixAddress
    assert sender.path == b"\0" + name_a
    assert sender.is_abstract


def test_abstract_name_length_limit(stack: contextlib.ExitStack, sun_path_size: int) -> None:
    SUN_PATH_SIZE = sun_path_size
    longest = UnixAddress.abstract(b"a" * (SUN_PATH_SIZE - 1))  # fills sun_path with the NUL
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    s.bind(UnixAddress.abstract(uuid.uuid4().hex.encode() + b"a" * (SUN_PATH_SIZE - 33)))
    assert len(s.getsockname().path) == SUN_PATH_SIZE
    assert longest.is_abstract
    with pytest.raises(ValueError):
        UnixAddress.abstract(b"a" * SUN_PATH_SIZE)


# ---------------------------------------------------------------------------- wrong family: TypeError


def test_unix_address_to_inet_socket_is_type_error(stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    for call in (s.bind, s.connect, s.connect_ex):
        with pytest.raises(TypeError):
            call(UnixAddress("/tmp/x"))
        with pytest.raises(TypeError):
            call("/tmp/x")
    with pytest.raises(TypeError):
        s.sendto(b"x", UnixAddress("/tmp/x"))
    with pytest.raises(TypeError):
        s.sendto(b"x", 0, UnixAddress("/tmp/x"))
    assert s.getsockname() == InetAddress.any(0)  # nothing was bound


def test_tuple_to_unix_socket_is_type_error(stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    for address in (("127.0.0.1", 80), InetAddress.loopback(80), 12, None):
        for call in (s.bind, s.connect, s.connect_ex):
            with pytest.raises(TypeError):
                call(address)
        with pytest.raises(TypeError):
            s.sendto(b"x", address)


def test_inet6_address_to_inet_socket_is_type_error(stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(TypeError):
        s.bind(Inet6Address("127.0.0.1", 0))
    with pytest.raises(TypeError):
        s.connect(("127.0.0.1", 80, 0, 0))


def test_inet_address_to_inet6_socket_is_type_error(ipv6: None, stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    for call in (s.bind, s.connect, s.connect_ex):
        with pytest.raises(TypeError):
            call(InetAddress("::1", 0))
    with pytest.raises(TypeError):
        s.sendto(b"x", InetAddress("::1", 9))
    with pytest.raises(TypeError):
        s.bind(UnixAddress("/tmp/x"))


def test_inet_address_to_inet6_socket_rejected_after_equal_tuple_used(
    ipv6: None, stack: contextlib.ExitStack
) -> None:
    # InetAddress('::1', p) == ('::1', p): a legacy tuple the AF_INET6 socket accepted
    # must not make the equal-looking typed AF_INET object acceptable afterwards.
    receiver = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    receiver.bind(Inet6Address("::1", 0))
    port = receiver.getsockname().port
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    s.sendto(b"tuple ok", ("::1", port))
    assert receiver.recv(100) == b"tuple ok"
    with pytest.raises(TypeError):
        s.sendto(b"typed inet", InetAddress("::1", port))
    with pytest.raises(TypeError):
        s.connect(InetAddress("::1", port))


def test_wrong_family_rejected_by_accept_side_types(stack: contextlib.ExitStack) -> None:
    # An address *returned* by one family's socket is rejected by another family's socket.
    inet = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    unix_any: Any = a
    inet_any: Any = inet
    with pytest.raises(TypeError):
        unix_any.sendto(b"x", inet.getsockname())
    with pytest.raises(TypeError):
        inet_any.sendto(b"x", a.getsockname())


# ---------------------------------------------------------------------------- bad values


@pytest.mark.parametrize("port", [-1, 65536, 1 << 40])
def test_port_out_of_range_is_overflow_error(stack: contextlib.ExitStack, port: int) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    with pytest.raises(OverflowError):
        s.bind(("127.0.0.1", port))
    with pytest.raises(OverflowError):
        s.connect(InetAddress("127.0.0.1", port))
    with pytest.raises(OverflowError):
        s.sendto(b"x", ("127.0.0.1", port))


@pytest.mark.parametrize("port", [-1, 65536])
def test_inet6_port_out_of_range_is_overflow_error(
    ipv6: None, stack: contextlib.ExitStack, port: int
) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    with pytest.raises(OverflowError):
        s.bind(("::1", port, 0, 0))


def test_port_must_be_an_integer(stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    with pytest.raises(TypeError):
        s.bind(("127.0.0.1", 80.0))
    with pytest.raises(TypeError):
        s.bind(("127.0.0.1", "80"))
    # a float equal to a port used before (cached) is still rejected
    s.sendto(b"x", ("127.0.0.1", 9))
    with pytest.raises(TypeError):
        s.sendto(b"x", ("127.0.0.1", 9.0))


def test_nul_in_host_is_value_error(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    with pytest.raises(ValueError):
        s.bind(("127.0.0.1\0evil", 0))
    with pytest.raises(ValueError):
        s.connect(InetAddress("local\0host", 80))
    with pytest.raises(ValueError):
        s.sendto(b"x", ("127.0.0.1\0", 9))


def test_nul_in_path_is_value_error_and_creates_nothing(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    path = str(sock_dir / "trunc")
    for bad in (path + "\0tail", os.fsencode(path) + b"\0tail"):
        with pytest.raises(ValueError):
            s.bind(bad)
        with pytest.raises(ValueError):
            s.connect(bad)
        with pytest.raises(ValueError):
            s.sendto(b"x", bad)
    with pytest.raises(ValueError):
        UnixAddress(path + "\0tail")
    assert os.listdir(sock_dir) == []  # the truncated path was never bound
    assert s.getsockname() == UnixAddress("")


def _path_of_length(directory: pathlib.Path, length: int) -> str:
    prefix = os.fsdecode(os.fsencode(directory)) + "/"
    assert len(os.fsencode(prefix)) < length
    return prefix + "p" * (length - len(os.fsencode(prefix)))


def test_unix_path_of_sun_path_size_is_rejected(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path, sun_path_size: int
) -> None:
    too_long = _path_of_length(sock_dir, sun_path_size)  # no room for the NUL
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    for call in (s.bind, s.connect):
        with pytest.raises(typedsock.error) as info:
            call(too_long)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, OSError)
    with pytest.raises(ValueError):
        s.sendto(b"x", too_long)
    with pytest.raises(typedsock.error):
        s.bind(os.fsencode(too_long))
    with pytest.raises(typedsock.error):
        s.bind(pathlib.Path(too_long))
    with pytest.raises(ValueError):
        UnixAddress(too_long)
    assert os.listdir(sock_dir) == []  # never truncated into some other path
    assert s.getsockname() == UnixAddress("")


def test_unix_path_of_sun_path_size_minus_one_is_accepted(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path, sun_path_size: int
) -> None:
    longest = _path_of_length(sock_dir, sun_path_size - 1)
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    s.bind(longest)
    name = s.getsockname()
    assert name.path == longest  # nothing lost, no trailing NUL
    assert os.listdir(sock_dir) == [os.path.basename(longest)]
    c = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    c.sendto(b"long", longest)
    assert s.recv(10) == b"long"


def test_recv_negative_bufsize_is_value_error(
    udp_pair: Tuple[DatagramSocket[InetAddress], DatagramSocket[InetAddress]],
) -> None:
    a, _ = udp_pair
    with pytest.raises(ValueError):
        a.recv(-1)
    with pytest.raises(ValueError):
        a.recvfrom(-5)
    with pytest.raises(ValueError):
        a.recvfrom_into(bytearray(4), -1)


def test_abstract_client_seen_by_accept(stack: contextlib.ExitStack) -> None:
    server_name, client_name = _abstract_name(), _abstract_name()
    server = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    server.bind(UnixAddress.abstract(server_name))
    server.listen()
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client.bind(UnixAddress.abstract(client_name))
    client.connect(server.getsockname())
    conn, peer = server.accept()
    stack.enter_context(conn)
    assert type(peer) is UnixAddress
    assert peer.path == b"\0" + client_name
    assert conn.getpeername() == peer


def test_unix_stream_recvfrom_from_named_peer(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path, unix_listener: StreamSocket[UnixAddress]
) -> None:
    # Linux reports the sending socket's name on AF_UNIX streams: a typed address, not None.
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client_path = str(sock_dir / "named-client.sock")
    client.bind(client_path)
    client.connect(unix_listener.getsockname())
    conn, _ = unix_listener.accept()
    stack.enter_context(conn)
    client.sendall(b"named")
    data, address = conn.recvfrom(100)
    assert data == b"named"
    assert type(address) is UnixAddress
    assert address == UnixAddress(client_path)
    assert address.path == client_path
