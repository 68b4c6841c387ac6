"""Every socket method, on real sockets: AF_INET and AF_UNIX, stream and datagram."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import pathlib
import socket
import stat
import struct
import threading
import time
from typing import TYPE_CHECKING, Any, List, Tuple

import pytest

import typedsock
from typedsock import (
    DatagramSocket,
    InetAddress,
    StreamSocket,
    UnixAddress,
)

if TYPE_CHECKING:
    from conftest import FdTable

# ---------------------------------------------------------------------------- accept


def test_accept_inet_returns_new_stream_socket_and_peer_address(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(tcp_listener.getsockname())
    conn, addr = tcp_listener.accept()
    stack.enter_context(conn)
    assert type(conn) is StreamSocket
    assert conn.family == typedsock.AF_INET
    assert conn.type == typedsock.SOCK_STREAM
    assert conn.fileno() not in (-1, tcp_listener.fileno(), client.fileno())
    assert type(addr) is InetAddress
    assert addr == client.getsockname()
    assert conn.getpeername() == addr
    # the accepted socket talks to the client; the listener is untouched
    client.sendall(b"ping")
    assert conn.recv(4) == b"ping"
    conn.sendall(b"pong")
    assert client.recv(4) == b"pong"


def test_accept_unix_from_unbound_and_bound_clients(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path, unix_listener: StreamSocket[UnixAddress]
) -> None:
    anon = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    anon.connect(unix_listener.getsockname())
    conn, addr = unix_listener.accept()
    stack.enter_context(conn)
    assert type(conn) is StreamSocket
    assert conn.family == typedsock.AF_UNIX
    assert type(addr) is UnixAddress
    assert addr == UnixAddress("")
    assert addr.is_unnamed

    named = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client_path = str(sock_dir / "client.sock")
    named.bind(client_path)
    named.connect(unix_listener.getsockname())
    conn2, addr2 = unix_listener.accept()
    stack.enter_context(conn2)
    assert type(addr2) is UnixAddress
    assert addr2.path == client_path
    assert type(addr2.path) is str


# ---------------------------------------------------------------------------- bind


def test_bind_inet_assigns_port_and_rejects_second_bind(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    s.bind(("127.0.0.1", 0))
    name = s.getsockname()
    assert type(name) is InetAddress
    assert name.host == "127.0.0.1"
    assert 0 < name.port <= 65535
    with pytest.raises(typedsock.error) as info:
        s.bind(("127.0.0.1", 0))
    assert info.value.errno == errno.EINVAL


def test_bind_inet_address_in_use(stack: contextlib.ExitStack) -> None:
    a = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    a.bind(InetAddress.loopback(0))
    a.listen()
    b = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.error) as info:
        b.bind(a.getsockname())
    assert info.value.errno == errno.EADDRINUSE
    assert isinstance(info.value, OSError)


def test_bind_unix_creates_socket_file(stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> None:
    path = sock_dir / "bound.sock"
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    s.bind(str(path))
    assert stat.S_ISSOCK(os.stat(path).st_mode)
    assert s.getsockname() == UnixAddress(str(path))
    other = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    with pytest.raises(typedsock.error) as info:  # the path exists already
        other.bind(str(path))
    assert info.value.errno == errno.EADDRINUSE


# ---------------------------------------------------------------------------- close

# close() itself (idempotent, fileno() -1, the descriptor closed): test_descriptors.py


def test_close_lets_peer_see_end_of_stream(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    a.sendall(b"last words")
    a.close()
    received = b""
    while True:
        chunk = b.recv(100)
        if not chunk:
            break
        received += chunk
    assert received == b"last words"


# ---------------------------------------------------------------------------- connect / connect_ex


def test_connect_inet_and_unix(
    stack: contextlib.ExitStack,
    tcp_listener: StreamSocket[InetAddress],
    unix_listener: StreamSocket[UnixAddress],
) -> None:
    tcp = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    tcp.connect(tcp_listener.getsockname())
    assert tcp.getpeername() == tcp_listener.getsockname()
    stack.enter_context(tcp_listener.accept()[0])

    unix = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    unix.connect(unix_listener.getsockname().path)
    assert unix.getpeername() == unix_listener.getsockname()
    stack.enter_context(unix_listener.accept()[0])


def test_connect_datagram_sets_default_peer(
    dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]],
) -> None:
    a, b = dgram_pair
    a.connect(b.getsockname())
    assert a.getpeername() == b.getsockname()
    assert a.send(b"to the peer") == len(b"to the peer")
    data, sender = b.recvfrom(100)
    assert data == b"to the peer"
    assert sender == a.getsockname()


def test_connect_ex_success_returns_zero(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    assert s.connect_ex(tcp_listener.getsockname()) == 0
    stack.enter_context(tcp_listener.accept()[0])


def test_connect_ex_refused_returns_errno(stack: contextlib.ExitStack) -> None:
    # A bound socket that does not listen holds the port; connecting to it is refused.
    holder = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    holder.bind(("127.0.0.1", 0))
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    result = s.connect_ex(holder.getsockname())
    assert result == errno.ECONNREFUSED
    assert type(result) is int


def test_connect_ex_unix_missing_path_returns_enoent(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    assert s.connect_ex(str(sock_dir / "nobody-here")) == errno.ENOENT


# ---------------------------------------------------------------------------- fileno


@pytest.mark.parametrize("family", [typedsock.AF_INET, typedsock.AF_UNIX])
def test_fileno_is_the_socket_descriptor(stack: contextlib.ExitStack, family: int) -> None:
    s = stack.enter_context(typedsock.socket(family, typedsock.SOCK_STREAM))
    fd = s.fileno()
    assert type(fd) is int
    assert fd >= 0
    assert stat.S_ISSOCK(os.fstat(fd).st_mode)


# ---------------------------------------------------------------------------- getpeername / getsockname


def test_getsockname_getpeername_inet(
    tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]],
) -> None:
    client, conn = tcp_pair
    assert type(client.getsockname()) is InetAddress
    assert type(client.getpeername()) is InetAddress
    assert client.getsockname() == conn.getpeername()
    assert client.getpeername() == conn.getsockname()
    assert client.getsockname().host == "127.0.0.1"


def test_getsockname_getpeername_unix(
    unix_pair: Tuple[StreamSocket[UnixAddress], StreamSocket[UnixAddress]],
    unix_listener: StreamSocket[UnixAddress],
) -> None:
    client, conn = unix_pair
    assert type(client.getsockname()) is UnixAddress
    assert client.getsockname() == UnixAddress("")
    assert client.getpeername() == unix_listener.getsockname()
    assert conn.getsockname() == unix_listener.getsockname()
    assert conn.getpeername() == UnixAddress("")


def test_getpeername_unconnected_is_enotconn(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.error) as info:
        s.getpeername()
    assert info.value.errno == errno.ENOTCONN


# ---------------------------------------------------------------------------- getsockopt / setsockopt


@pytest.mark.parametrize(
    "family,kind",
    [
        (typedsock.AF_INET, typedsock.SOCK_STREAM),
        (typedsock.AF_INET, typedsock.SOCK_DGRAM),
        (typedsock.AF_UNIX, typedsock.SOCK_STREAM),
        (typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
    ],
)
def test_getsockopt_int_without_buflen(stack: contextlib.ExitStack, family: int, kind: int) -> None:
    s = stack.enter_context(typedsock.socket(family, kind))
    so_type = s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE)
    assert type(so_type) is int
    assert so_type == kind
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_DOMAIN) == family
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ERROR) == 0


def test_getsockopt_with_buflen_returns_raw_bytes(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    raw = s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, 4)
    assert type(raw) is bytes
    assert len(raw) == 4
    assert struct.unpack("i", raw)[0] == typedsock.SOCK_STREAM
    linger = s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_LINGER, 8)
    assert struct.unpack("ii", linger) == (0, 0)
    # a buflen larger than the option gives back only the option's bytes
    assert len(s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, 64)) == 4


def test_setsockopt_int_values(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR) == 0
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, 1)
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR) != 0
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, 0)
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR) == 0
    s.setsockopt(typedsock.IPPROTO_TCP, typedsock.TCP_NODELAY, 1)
    assert s.getsockopt(typedsock.IPPROTO_TCP, typedsock.TCP_NODELAY) != 0
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_KEEPALIVE, True)
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_KEEPALIVE) != 0


def test_setsockopt_bytes_values(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_LINGER, struct.pack("ii", 1, 7))
    assert struct.unpack("ii", s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_LINGER, 8)) == (1, 7)
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_LINGER, bytearray(struct.pack("ii", 1, 3)))
    assert struct.unpack("ii", s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_LINGER, 8)) == (1, 3)
    s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, memoryview(struct.pack("i", 1)))
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR) != 0


def test_setsockopt_rejects_str_and_float(stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(TypeError):
        s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, "1")
    with pytest.raises(TypeError):
        s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, 1.0)


def test_setsockopt_invalid_option_raises_error(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.error) as info:
        s.setsockopt(typedsock.SOL_SOCKET, 0x7FFF, 1)
    assert info.value.errno == errno.ENOPROTOOPT


# ---------------------------------------------------------------------------- listen


@pytest.mark.parametrize("backlog", [None, 0, 1, 5, -1, -100])
def test_listen_backlog_optional_and_negative_clamped(
    stack: contextlib.ExitStack, backlog: int | None
) -> None:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(("127.0.0.1", 0))
    assert listener.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ACCEPTCONN) == 0
    if backlog is None:
        listener.listen()
    else:
        listener.listen(backlog)
    assert listener.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ACCEPTCONN) == 1
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(listener.getsockname())
    conn, addr = listener.accept()
    stack.enter_context(conn)
    assert addr == client.getsockname()


def test_listen_unix(stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> None:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    listener.bind(sock_dir / "l.sock")
    listener.listen(-3)
    assert listener.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ACCEPTCONN) == 1


# ---------------------------------------------------------------------------- makefile


def test_makefile_binary_read_and_write(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    with a.makefile("wb") as w, b.makefile("rb") as r:
        w.write(b"first line\nsecond")
        w.write(b" line\n")
        w.flush()
        assert r.readline() == b"first line\n"
        assert r.readline() == b"second line\n"
        w.write(b"tail")
        w.flush()
        a.shutdown(typedsock.SHUT_WR)
        assert r.read() == b"tail"


def test_makefile_text_read_and_write(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    with a.makefile("w", encoding="utf-8") as w, b.makefile("r", encoding="utf-8") as r:
        files: Tuple[object, object] = (w, r)
        assert all(isinstance(f, io.TextIOBase) for f in files)
        w.write("héllo\nwörld\n")
        w.flush()
        assert r.readline() == "héllo\n"
        assert r.readline() == "wörld\n"


def test_makefile_read_write_mode(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    with a.makefile("rwb") as f:
        f.write(b"question\n")
        f.flush()
        assert b.recv(100) == b"question\n"
        b.sendall(b"answer\n")
        assert f.readline() == b"answer\n"


def test_makefile_keeps_socket_usable_until_both_closed(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]], fd_table: FdTable
) -> None:
    a, b = stream_pair
    f = a.makefile("rwb", buffering=0)
    fd = a.fileno()
    try:
        a.close()  # the file is still open: the descriptor must survive
        assert stat.S_ISSOCK(os.fstat(fd).st_mode)
        f.write(b"still here")
        assert b.recv(100) == b"still here"
        b.sendall(b"and back")
        assert f.read(8) == b"and back"
    finally:
        f.close()
    # now both are closed
    assert a.fileno() == -1
    assert not fd_table.is_open(fd)


def test_makefile_closed_first_then_socket(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    f = a.makefile("wb")
    f.write(b"x")
    f.close()
    # closing the file leaves the socket open and usable
    assert a.fileno() >= 0
    a.sendall(b"y")
    got = b""
    while len(got) < 2:
        got += b.recv(2)
    assert got == b"xy"
    a.close()
    assert a.fileno() == -1


# ---------------------------------------------------------------------------- recv / recvfrom


def test_recv_stream(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    a.sendall(b"hello world")
    assert b.recv(5, typedsock.MSG_PEEK) == b"hello"
    assert b.recv(5) == b"hello"
    assert b.recv(100) == b" world"
    a.sendall(b"more")
    data = b.recv(4, typedsock.MSG_WAITALL)
    assert data == b"more"
    assert type(data) is bytes


@pytest.mark.watchdog(5)
def test_recv_zero_returns_empty_without_waiting(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    # SPEC 6: recv(0) returns b'' -- at once, as in CPython, even with nothing queued.
    a, b = stream_pair
    start = time.monotonic()
    assert b.recv(0) == b""
    assert time.monotonic() - start < 5.0
    a.sendall(b"q")
    assert b.recv(0) == b""
    assert b.recv(1) == b"q"


@pytest.mark.watchdog(5)
def test_recv_zero_on_datagram_leaves_queued_datagram(
    dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]],
) -> None:
    a, b = dgram_pair
    a.sendto(b"kept", b.getsockname())
    assert b.recv(0) == b""
    assert b.recv(10) == b"kept"


def test_recv_large_bufsize(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    a.sendall(b"z" * 10)
    assert b.recv(1 << 20) == b"z" * 10


def test_recv_negative_is_value_error(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    _, b = stream_pair
    with pytest.raises(ValueError):
        b.recv(-1)
    with pytest.raises(ValueError):
        b.recvfrom(-1)


def test_recvfrom_stream_address_is_none(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    a.sendall(b"abc")
    data, addr = b.recvfrom(10)
    assert data == b"abc"
    assert addr is None


def test_recvfrom_datagram_returns_typed_sender(
    dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]],
) -> None:
    a, b = dgram_pair
    a.sendto(b"datagram", b.getsockname())
    data, sender = b.recvfrom(100)
    assert data == b"datagram"
    assert type(sender) is type(a.getsockname())
    assert sender == a.getsockname()


def test_recv_datagram_truncates_to_bufsize(
    dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]],
) -> None:
    a, b = dgram_pair
    a.sendto(b"0123456789", b.getsockname())
    assert b.recv(4) == b"0123"
    a.sendto(b"second", b.getsockname())
    assert b.recv(100) == b"second"  # the rest of the first datagram was discarded


# ---------------------------------------------------------------------------- recv_into / recvfrom_into


def test_recv_into(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    a.sendall(b"0123456789")
    buf = bytearray(4)
    assert b.recv_into(buf) == 4
    assert buf == b"0123"
    big = bytearray(20)
    view = memoryview(big)
    n = b.recv_into(view[5:], 3)
    assert n == 3
    assert bytes(big[5:8]) == b"456"
    assert big[:5] == bytes(5)
    n = b.recv_into(big)
    assert big[:n] == b"789"


def test_recv_into_argument_checks(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    _, b = stream_pair
    anyb: Any = b
    with pytest.raises(ValueError):
        b.recv_into(bytearray(4), -1)
    with pytest.raises(ValueError):
        b.recv_into(bytearray(4), 5)  # larger than the buffer
    with pytest.raises(TypeError):
        anyb.recv_into(b"read-only")


def test_recvfrom_into_stream(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    a.sendall(b"xyz")
    buf = bytearray(10)
    n, addr = b.recvfrom_into(buf)
    assert (n, addr) == (3, None)
    assert buf[:3] == b"xyz"


def test_recvfrom_into_datagram(dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]]) -> None:
    a, b = dgram_pair
    a.sendto(b"payload", b.getsockname())
    buf = bytearray(64)
    n, sender = b.recvfrom_into(buf, 0)
    assert n == 7
    assert buf[:n] == b"payload"
    assert type(sender) is type(a.getsockname())
    assert sender == a.getsockname()
    a.sendto(b"abcdef", b.getsockname())
    small = bytearray(10)
    n, sender = b.recvfrom_into(small, 3)
    assert n == 3
    assert small[:3] == b"abc"
    assert sender == a.getsockname()


# ---------------------------------------------------------------------------- send / sendall


def test_send_accepts_buffers(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    assert a.send(b"bytes") == 5
    assert a.send(bytearray(b"array")) == 5
    assert a.send(memoryview(b"__view__")[2:6]) == 4
    assert a.send(b"") == 0
    got = b""
    while len(got) < 14:
        got += b.recv(100)
    assert got == b"bytesarrayview"


def test_send_on_unconnected_stream_fails(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.error) as info:
        s.send(b"x", typedsock.MSG_NOSIGNAL)
    assert info.value.errno in (errno.ENOTCONN, errno.EPIPE)


def _read_exactly_in_thread(sock: StreamSocket[Any], total: int) -> Tuple[threading.Thread, List[bytes]]:
    chunks: List[bytes] = []

    def reader() -> None:
        got = 0
        while got < total:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, chunks


def test_sendall_large_payload_through_socketpair(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    payload = os.urandom(4 * 1024 * 1024)
    thread, chunks = _read_exactly_in_thread(b, len(payload))
    assert a.sendall(payload) is None  # type: ignore[func-returns-value]
    thread.join(30)
    assert not thread.is_alive()
    assert b"".join(chunks) == payload


def test_sendall_large_memoryview_over_tcp(
    tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]],
) -> None:
    client, conn = tcp_pair
    payload = bytearray(os.urandom(4 * 1024 * 1024))
    thread, chunks = _read_exactly_in_thread(conn, len(payload) - 100)
    client.sendall(memoryview(payload)[100:])
    thread.join(30)
    assert not thread.is_alive()
    assert b"".join(chunks) == payload[100:]


def test_sendall_with_timeout_completes(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    a.settimeout(10.0)
    payload = b"t" * (2 * 1024 * 1024)
    thread, chunks = _read_exactly_in_thread(b, len(payload))
    a.sendall(payload)
    thread.join(30)
    assert b"".join(chunks) == payload


# ---------------------------------------------------------------------------- sendto


def test_sendto_both_signatures(dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]]) -> None:
    a, b = dgram_pair
    dest = b.getsockname()
    assert a.sendto(b"no flags", dest) == 8
    assert a.sendto(b"with flags", 0, dest) == 10
    assert a.sendto(bytearray(b"dontwait"), typedsock.MSG_DONTWAIT, dest) == 8
    assert b.recvfrom(100) == (b"no flags", a.getsockname())
    assert b.recvfrom(100) == (b"with flags", a.getsockname())
    assert b.recvfrom(100) == (b"dontwait", a.getsockname())


def test_sendto_legacy_inet_tuple(
    udp_pair: Tuple[DatagramSocket[InetAddress], DatagramSocket[InetAddress]],
) -> None:
    a, b = udp_pair
    host, port = b.getsockname()
    a.sendto(b"tuple", (host, port))
    a.sendto(b"tuple+flags", 0, (host, port))
    a.sendto(b"localhost", ("localhost", port))
    assert b.recvfrom(100) == (b"tuple", a.getsockname())
    assert b.recvfrom(100) == (b"tuple+flags", a.getsockname())
    assert b.recvfrom(100)[0] == b"localhost"


def test_sendto_unix_legacy_forms(
    unix_dgram_pair: Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]],
) -> None:
    a, b = unix_dgram_pair
    path = b.getsockname().path
    assert isinstance(path, str)
    a.sendto(b"str", path)
    a.sendto(b"bytes", os.fsencode(path))
    a.sendto(b"pathlib", pathlib.Path(path))
    a.sendto(b"typed", 0, UnixAddress(path))
    for expected in (b"str", b"bytes", b"pathlib", b"typed"):
        data, sender = b.recvfrom(100)
        assert data == expected
        assert sender == a.getsockname()


# ---------------------------------------------------------------------------- blocking and timeouts


@pytest.mark.parametrize("family", [typedsock.AF_INET, typedsock.AF_UNIX])
def test_setblocking_getblocking(stack: contextlib.ExitStack, family: int) -> None:
    s = stack.enter_context(typedsock.socket(family, typedsock.SOCK_DGRAM))
    assert s.getblocking() is True
    assert s.gettimeout() is None
    s.setblocking(False)
    assert s.getblocking() is False
    assert s.gettimeout() == 0.0
    s.setblocking(True)
    assert s.getblocking() is True
    assert s.gettimeout() is None


def test_nonblocking_recv_raises_blocking_io_error(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    b.setblocking(False)
    with pytest.raises(BlockingIOError) as info:
        b.recv(10)
    assert isinstance(info.value, typedsock.error)
    assert info.value.errno in (errno.EAGAIN, errno.EWOULDBLOCK)
    a.sendall(b"now")
    deadline = time.monotonic() + 5
    while True:
        try:
            assert b.recv(10) == b"now"
            break
        except BlockingIOError:
            assert time.monotonic() < deadline
            time.sleep(0.01)


def test_nonblocking_accept_raises_blocking_io_error(
    tcp_listener: StreamSocket[InetAddress],
) -> None:
    tcp_listener.setblocking(False)
    with pytest.raises(BlockingIOError):
        tcp_listener.accept()


def test_settimeout_gettimeout_values(stack: contextlib.ExitStack) -> None:
    s: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    assert s.gettimeout() is None
    s.settimeout(2.5)
    assert s.gettimeout() == 2.5
    assert s.getblocking() is True
    s.settimeout(3)
    assert s.gettimeout() == 3.0
    s.settimeout(0)
    assert s.gettimeout() == 0.0
    assert s.getblocking() is False
    s.settimeout(None)
    assert s.gettimeout() is None
    assert s.getblocking() is True
    with pytest.raises(ValueError):
        s.settimeout(-1)
    with pytest.raises(ValueError):
        s.settimeout(float("nan"))
    with pytest.raises(TypeError):
        s.settimeout("1")


def test_timeout_fires_on_recv(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    _, b = stream_pair
    b.settimeout(0.2)
    start = time.monotonic()
    with pytest.raises(typedsock.timeout) as info:
        b.recv(10)
    elapsed = time.monotonic() - start
    assert 0.15 <= elapsed < 5
    assert isinstance(info.value, TimeoutError)
    assert isinstance(info.value, typedsock.error)
    assert isinstance(info.value, OSError)


def test_timeout_fires_on_datagram_recvfrom(
    dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]],
) -> None:
    _, b = dgram_pair
    b.settimeout(0.1)
    with pytest.raises(TimeoutError):
        b.recvfrom(10)


def test_timeout_fires_on_accept(tcp_listener: StreamSocket[InetAddress]) -> None:
    tcp_listener.settimeout(0.1)
    with pytest.raises(typedsock.timeout):
        tcp_listener.accept()


def test_timeout_does_not_fire_when_data_arrives(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    b.settimeout(5.0)
    timer = threading.Timer(0.1, a.sendall, args=(b"in time",))
    timer.start()
    try:
        start = time.monotonic()
        assert b.recv(100) == b"in time"
        assert time.monotonic() - start < 4.0
    finally:
        timer.join()
    assert b.gettimeout() == 5.0


def test_timeout_accept_succeeds_when_client_connects(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    tcp_listener.settimeout(5.0)
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    timer = threading.Timer(0.1, client.connect, args=(tcp_listener.getsockname(),))
    timer.start()
    try:
        conn, addr = tcp_listener.accept()
    finally:
        timer.join()
    stack.enter_context(conn)
    assert addr == client.getsockname()


def test_connect_with_timeout(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.settimeout(5.0)
    client.connect(tcp_listener.getsockname())
    assert client.getpeername() == tcp_listener.getsockname()
    stack.enter_context(tcp_listener.accept()[0])


# ---------------------------------------------------------------------------- shutdown


def test_shutdown_wr_gives_peer_eof(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    a.sendall(b"bye")
    a.shutdown(typedsock.SHUT_WR)
    assert b.recv(10) == b"bye"
    assert b.recv(10) == b""
    # the other direction still works
    b.sendall(b"still open")
    assert a.recv(100) == b"still open"
    with pytest.raises(BrokenPipeError) as info:
        a.send(b"after shutdown", typedsock.MSG_NOSIGNAL)
    assert isinstance(info.value, typedsock.error)


def test_shutdown_rd_and_rdwr(stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]]) -> None:
    a, b = stream_pair
    a.shutdown(typedsock.SHUT_RD)
    assert a.recv(10) == b""
    b.shutdown(typedsock.SHUT_RDWR)
    assert a.recv(10) == b""


def test_shutdown_unconnected_is_enotconn(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.error) as info:
        s.shutdown(typedsock.SHUT_RDWR)
    assert info.value.errno == errno.ENOTCONN


# ---------------------------------------------------------------------------- detach

# detach() itself (and on a closed socket): test_descriptors.py


def test_detached_descriptor_can_be_rewrapped(stack: contextlib.ExitStack) -> None:
    s = typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    fd = s.detach()
    try:
        again = stack.enter_context(typedsock.fromfd(fd, typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
        assert type(again) is DatagramSocket
        assert again.family == typedsock.AF_UNIX
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- context manager


@pytest.mark.parametrize("family", [typedsock.AF_INET, typedsock.AF_UNIX])
def test_context_manager_closes(family: int, fd_table: FdTable) -> None:
    with typedsock.socket(family, typedsock.SOCK_STREAM) as s:
        fd = s.fileno()
        assert fd >= 0
        assert isinstance(s, typedsock.socket)
    assert s.fileno() == -1
    assert not fd_table.is_open(fd)


def test_context_manager_closes_on_exception() -> None:
    s = typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    with pytest.raises(RuntimeError):
        with s:
            raise RuntimeError("boom")
    assert s.fileno() == -1


def test_context_manager_returns_same_object() -> None:
    s = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM)
    with s as entered:
        assert entered is s


# ---------------------------------------------------------------------------- repr


def _shows_member(text: str, key: str, member: typedsock.AddressFamily | typedsock.SocketKind) -> bool:
    """``key=`` followed by the member's name (AF_INET) or by its str(), as the stdlib prints it."""
    return f"{key}={member.name}" in text or f"{key}={member!s}" in text


def test_repr_inet(tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]]) -> None:
    client, _ = tcp_pair
    text = repr(client)
    assert f"fd={client.fileno()}" in text
    assert _shows_member(text, "family", typedsock.AF_INET)
    assert _shows_member(text, "type", typedsock.SOCK_STREAM)
    assert f"laddr={client.getsockname()!r}" in text
    assert f"raddr={client.getpeername()!r}" in text


def test_repr_unix_datagram(
    unix_dgram_pair: Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]],
) -> None:
    a, _ = unix_dgram_pair
    text = repr(a)
    assert f"fd={a.fileno()}" in text
    assert _shows_member(text, "family", typedsock.AF_UNIX)
    assert _shows_member(text, "type", typedsock.SOCK_DGRAM)
    assert f"laddr={a.getsockname()!r}" in text
    assert "raddr=" not in text  # unconnected


def test_repr_of_closed_socket() -> None:
    s = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM)
    s.close()
    text = repr(s)
    assert "closed" in text
    assert "fd=-1" in text
    assert _shows_member(text, "family", typedsock.AF_INET)


@pytest.mark.parametrize(
    "family,kind",
    [
        (typedsock.AF_INET, typedsock.SOCK_STREAM),
        (typedsock.AF_INET, typedsock.SOCK_DGRAM),
        (typedsock.AF_UNIX, typedsock.SOCK_STREAM),
        (typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
    ],
    ids=["inet-stream", "inet-dgram", "unix-stream", "unix-dgram"],
)
def test_repr_prints_family_and_type_as_the_standard_library(
    stack: contextlib.ExitStack, family: int, kind: int
) -> None:
    # str() of the IntEnum, as socket.socket's repr: the name before Python 3.11, the number after.
    s = stack.enter_context(typedsock.socket(family, kind))
    text = repr(s)
    assert f"family={typedsock.AddressFamily(family)!s}," in text
    assert f"type={typedsock.SocketKind(kind)!s}," in text
    with socket.socket(family, kind) as std:
        assert f"family={std.family!s}, type={std.type!s}" in repr(std)


# ---------------------------------------------------------------------------- family / type / proto


@pytest.mark.parametrize(
    "family,kind",
    [
        (typedsock.AF_INET, typedsock.SOCK_STREAM),
        (typedsock.AF_INET, typedsock.SOCK_DGRAM),
        (typedsock.AF_UNIX, typedsock.SOCK_STREAM),
        (typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
    ],
)
def test_family_type_proto_properties(stack: contextlib.ExitStack, family: int, kind: int) -> None:
    s = stack.enter_context(typedsock.socket(family, kind))
    assert s.family == family
    assert type(s.family) is typedsock.AddressFamily
    assert s.type == kind
    assert type(s.type) is typedsock.SocketKind
    assert s.proto == 0


# ---------------------------------------------------------------------------- more edge cases


def test_sendall_timeout_bounds_the_whole_call(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    a.settimeout(0.3)
    start = time.monotonic()
    with pytest.raises(typedsock.timeout):
        a.sendall(b"\0" * (64 * 1024 * 1024))  # nobody reads: the buffers fill up
    assert 0.25 <= time.monotonic() - start < 5.0


def test_nonblocking_connect(stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]) -> None:
    import select

    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.setblocking(False)
    result = client.connect_ex(tcp_listener.getsockname())
    assert result in (0, errno.EINPROGRESS)
    _, writable, _ = select.select([], [client.fileno()], [], 5.0)
    assert writable == [client.fileno()]
    assert client.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_ERROR) == 0
    assert client.getpeername() == tcp_listener.getsockname()
    stack.enter_context(tcp_listener.accept()[0])


def test_nonblocking_connect_raises_blocking_io_error_or_succeeds(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.setblocking(False)
    try:
        client.connect(tcp_listener.getsockname())
    except BlockingIOError as exc:
        assert isinstance(exc, typedsock.error)
        assert exc.errno == errno.EINPROGRESS
    tcp_listener.settimeout(5.0)
    stack.enter_context(tcp_listener.accept()[0])


def test_setblocking_changes_descriptor_mode(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    assert os.get_blocking(s.fileno()) is True
    s.setblocking(False)
    assert os.get_blocking(s.fileno()) is False
    s.setblocking(True)
    assert os.get_blocking(s.fileno()) is True


def test_accepted_socket_of_timed_listener_is_blocking(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    tcp_listener.settimeout(5.0)
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(tcp_listener.getsockname())
    conn, _ = tcp_listener.accept()
    stack.enter_context(conn)
    assert conn.gettimeout() is None
    assert conn.getblocking() is True
    assert os.get_blocking(conn.fileno()) is True


def test_sock_nonblock_flag_in_type(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(
        typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM | typedsock.SOCK_NONBLOCK)
    )
    assert s.type == typedsock.SOCK_STREAM
    assert isinstance(s, StreamSocket)
    assert s.getblocking() is False
    assert s.gettimeout() == 0.0
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM | typedsock.SOCK_NONBLOCK)
    stack.enter_context(a)
    stack.enter_context(b)
    for x in (a, b):
        assert x.type == typedsock.SOCK_DGRAM
        assert isinstance(x, DatagramSocket)
        assert x.getblocking() is False
    with pytest.raises(BlockingIOError):
        a.recv(1)


def test_socket_from_fileno_takes_the_descriptor(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(b)
    fd = a.detach()
    s = stack.enter_context(typedsock.socket(fileno=fd))
    assert s.fileno() == fd  # no dup: the descriptor itself
    assert s.family == typedsock.AF_UNIX
    assert s.type == typedsock.SOCK_DGRAM
    assert type(s) is DatagramSocket
    s.send(b"adopted")
    assert b.recv(10) == b"adopted"


def test_accept_on_non_listening_socket_is_einval(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    s.bind(("127.0.0.1", 0))
    with pytest.raises(typedsock.error) as info:
        s.accept()
    assert info.value.errno == errno.EINVAL


def test_getsockopt_buflen_zero_is_the_int_form(stack: contextlib.ExitStack) -> None:
    # As the standard library: buflen 0 reads the option as an int.
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    assert s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, 0) == typedsock.SOCK_STREAM


@pytest.mark.parametrize("buflen", [-1, 1025])
def test_getsockopt_buflen_out_of_range(stack: contextlib.ExitStack, buflen: int) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(OSError):
        s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, buflen)


def test_recvfrom_large_datagram(dgram_pair: Tuple[DatagramSocket[Any], DatagramSocket[Any]]) -> None:
    a, b = dgram_pair
    payload = os.urandom(60000)
    a.sendto(payload, b.getsockname())
    data, sender = b.recvfrom(200000)  # larger than any internal scratch buffer
    assert data == payload
    assert sender == a.getsockname()
    a.sendto(payload, b.getsockname())
    buf = bytearray(200000)
    n, sender = b.recvfrom_into(buf)
    assert n == len(payload)
    assert buf[:n] == payload
