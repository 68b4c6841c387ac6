"""Module-level functions: socket, fromfd, socketpair, getaddrinfo's typed results, the constants' classes.

The other name services, against the standard module: test_names.py; the default
timeout and the constants' values: test_parity.py (both modules alike).
"""

from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import socket as stdlib_socket
from typing import TYPE_CHECKING

import pytest

import typedsock
from typedsock import (
    DatagramSocket,
    Inet6Address,
    InetAddress,
    StreamSocket,
    UnixAddress,
)

if TYPE_CHECKING:
    from conftest import FdTable


# ---------------------------------------------------------------------------- socket()


def test_socket_defaults(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket())
    assert s.family == typedsock.AF_INET
    assert s.type == typedsock.SOCK_STREAM
    assert s.proto == 0
    assert isinstance(s, typedsock.socket)
    assert isinstance(s, typedsock.Socket)
    assert isinstance(s, StreamSocket)
    assert type(s) is StreamSocket
    assert typedsock.socket is typedsock.Socket
    assert s.gettimeout() is None


def test_socket_unix_datagram_has_no_listen_or_accept(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    assert type(s) is DatagramSocket
    assert isinstance(s, typedsock.socket)
    assert not hasattr(s, "listen")
    assert not hasattr(s, "accept")
    assert s.family == typedsock.AF_UNIX
    assert s.type == typedsock.SOCK_DGRAM


@pytest.mark.parametrize(
    "family,kind,cls",
    [
        (typedsock.AF_INET, typedsock.SOCK_STREAM, StreamSocket),
        (typedsock.AF_INET, typedsock.SOCK_DGRAM, DatagramSocket),
        (typedsock.AF_UNIX, typedsock.SOCK_STREAM, StreamSocket),
        (typedsock.AF_UNIX, typedsock.SOCK_DGRAM, DatagramSocket),
        (typedsock.AF_UNIX, typedsock.SOCK_SEQPACKET, StreamSocket),
    ],
)
def test_socket_class_follows_kind(
    stack: contextlib.ExitStack, family: int, kind: int, cls: type
) -> None:
    s = stack.enter_context(typedsock.socket(family, kind))
    assert type(s) is cls
    assert s.family == family
    assert s.type == kind
    assert hasattr(s, "listen") == (cls is StreamSocket)


def test_socket_inet6(ipv6: None, stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    assert type(s) is DatagramSocket
    assert s.family == typedsock.AF_INET6
    assert type(s.getsockname()) is Inet6Address


def test_socket_keyword_arguments(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(family=typedsock.AF_UNIX, type=typedsock.SOCK_DGRAM, proto=0))
    assert type(s) is DatagramSocket


def test_socket_unsupported_family_is_error(no_fd_leak: None) -> None:
    with pytest.raises(typedsock.error):
        typedsock.socket(12345, typedsock.SOCK_STREAM)


# ---------------------------------------------------------------------------- fromfd


def test_fromfd_duplicates_descriptor(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    original = a.fileno()
    dup = typedsock.fromfd(original, typedsock.AF_UNIX, typedsock.SOCK_STREAM)
    try:
        assert type(dup) is StreamSocket
        assert dup.fileno() != original
        assert dup.family == typedsock.AF_UNIX
        assert dup.type == typedsock.SOCK_STREAM
        dup.sendall(b"via dup")
        assert b.recv(100) == b"via dup"
    finally:
        dup.close()
    # the caller's descriptor is untouched by closing the copy
    assert a.fileno() == original
    a.sendall(b"original")
    assert b.recv(100) == b"original"


def test_fromfd_inet_types(stack: contextlib.ExitStack) -> None:
    udp = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    udp.bind(("127.0.0.1", 0))
    copy = stack.enter_context(typedsock.fromfd(udp.fileno(), typedsock.AF_INET, typedsock.SOCK_DGRAM))
    assert type(copy) is DatagramSocket
    assert not hasattr(copy, "listen")
    assert type(copy.getsockname()) is InetAddress
    assert copy.getsockname() == udp.getsockname()


def test_fromfd_of_stdlib_socket(stack: contextlib.ExitStack) -> None:
    std = stack.enter_context(stdlib_socket.socket(stdlib_socket.AF_INET, stdlib_socket.SOCK_STREAM))
    std.bind(("127.0.0.1", 0))
    ours = stack.enter_context(typedsock.fromfd(std.fileno(), typedsock.AF_INET, typedsock.SOCK_STREAM))
    assert ours.getsockname() == InetAddress(*std.getsockname())


@pytest.mark.parametrize(
    "real_family,real_kind,claim_family,claim_kind",
    [
        (typedsock.AF_UNIX, typedsock.SOCK_STREAM, typedsock.AF_INET, typedsock.SOCK_STREAM),
        (typedsock.AF_INET, typedsock.SOCK_STREAM, typedsock.AF_UNIX, typedsock.SOCK_STREAM),
        (typedsock.AF_INET, typedsock.SOCK_DGRAM, typedsock.AF_INET, typedsock.SOCK_STREAM),
        (typedsock.AF_UNIX, typedsock.SOCK_STREAM, typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
    ],
)
def test_fromfd_mismatch_raises_and_leaks_nothing(
    stack: contextlib.ExitStack, fd_table: FdTable, real_family: int, real_kind: int, claim_family: int, claim_kind: int
) -> None:
    real = stack.enter_context(typedsock.socket(real_family, real_kind))
    before = fd_table.snapshot()
    with pytest.raises(typedsock.error):
        typedsock.fromfd(real.fileno(), claim_family, claim_kind)
    assert fd_table.snapshot() == before
    assert real.fileno() >= 0
    assert real.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE) == real_kind


def test_fromfd_regular_file_is_enotsock(tmp_path: pathlib.Path, no_fd_leak: None) -> None:
    fd = os.open(tmp_path / "plain.txt", os.O_RDWR | os.O_CREAT)
    try:
        with pytest.raises(typedsock.error) as info:
            typedsock.fromfd(fd, typedsock.AF_INET, typedsock.SOCK_STREAM)
        assert info.value.errno == errno.ENOTSOCK
    finally:
        os.close(fd)


def test_fromfd_closed_descriptor_is_ebadf(no_fd_leak: None) -> None:
    r, w = os.pipe()
    os.close(r)
    os.close(w)
    with pytest.raises(typedsock.error) as info:
        typedsock.fromfd(r, typedsock.AF_UNIX, typedsock.SOCK_STREAM)
    assert info.value.errno == errno.EBADF


# ---------------------------------------------------------------------------- socketpair


def test_socketpair_default_stream(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    for s in (a, b):
        assert type(s) is StreamSocket
        assert s.family == typedsock.AF_UNIX
        assert s.type == typedsock.SOCK_STREAM
    assert a.fileno() != b.fileno()
    a.sendall(b"a->b")
    assert b.recv(10) == b"a->b"
    b.sendall(b"b->a")
    assert a.recv(10) == b"b->a"


def test_socketpair_datagram(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    for s in (a, b):
        assert type(s) is DatagramSocket
        assert s.type == typedsock.SOCK_DGRAM
        assert not hasattr(s, "accept")
    a.send(b"one")
    a.send(b"two")
    assert b.recv(100) == b"one"  # message boundaries kept
    assert b.recv(100) == b"two"
    b.send(b"back")
    data, address = a.recvfrom(100)
    assert data == b"back"
    assert address == UnixAddress("")


def test_socketpair_unsupported_family_is_error_and_leaks_nothing(no_fd_leak: None) -> None:
    with pytest.raises(typedsock.error):
        typedsock.socketpair(typedsock.AF_INET, typedsock.SOCK_STREAM)


# ---------------------------------------------------------------------------- getaddrinfo


def test_getaddrinfo_inet_result_types() -> None:
    results = typedsock.getaddrinfo("127.0.0.1", 80, typedsock.AF_INET, typedsock.SOCK_STREAM)
    assert results
    for info in results:
        assert isinstance(info, typedsock.AddrInfo)
        assert isinstance(info, tuple)
        assert len(info) == 5
        family, kind, proto, canonname, address = info
        assert family is typedsock.AF_INET
        assert type(family) is typedsock.AddressFamily
        assert kind is typedsock.SOCK_STREAM
        assert type(kind) is typedsock.SocketKind
        assert type(proto) is int
        assert proto == typedsock.IPPROTO_TCP
        assert type(canonname) is str
        assert type(address) is InetAddress
        assert address == InetAddress("127.0.0.1", 80)
        assert info.address is address


def test_getaddrinfo_service_name_and_unspec() -> None:
    results = typedsock.getaddrinfo("localhost", "http", type=typedsock.SOCK_STREAM)
    assert results
    for info in results:
        assert info.family in (typedsock.AF_INET, typedsock.AF_INET6)
        expected = InetAddress if info.family == typedsock.AF_INET else Inet6Address
        assert type(info.address) is expected
        assert info.address.port == 80


def test_getaddrinfo_inet6(ipv6: None) -> None:
    results = typedsock.getaddrinfo("::1", 443, typedsock.AF_INET6, typedsock.SOCK_DGRAM)
    assert results
    for info in results:
        assert info.family is typedsock.AF_INET6
        assert info.type is typedsock.SOCK_DGRAM
        assert type(info.address) is Inet6Address
        assert info.address.host == "::1"
        assert info.address.port == 443


def test_getaddrinfo_canonname() -> None:
    results = typedsock.getaddrinfo(
        "localhost", None, typedsock.AF_INET, typedsock.SOCK_STREAM, 0, typedsock.AI_CANONNAME
    )
    assert results[0].canonname != ""


def test_getaddrinfo_result_connects(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    port = tcp_listener.getsockname().port
    info = typedsock.getaddrinfo("127.0.0.1", port, typedsock.AF_INET, typedsock.SOCK_STREAM)[0]
    client = stack.enter_context(typedsock.socket(info.family, typedsock.SOCK_STREAM))
    client.connect(info.address)
    stack.enter_context(tcp_listener.accept()[0])


# ---------------------------------------------------------------------------- constants


def test_constants_are_enum_members() -> None:
    # (their values are the system's, as the standard module's: test_parity.py::test_module_name)
    assert isinstance(typedsock.AF_INET, typedsock.AddressFamily)
    assert isinstance(typedsock.SOCK_DGRAM, typedsock.SocketKind)
    assert isinstance(typedsock.MSG_PEEK, typedsock.MsgFlag)
