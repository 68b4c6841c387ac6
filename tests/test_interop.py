"""Handing sockets to and from the standard library: to_stdlib/from_stdlib, asyncio,
selectors, select, and the two examples (run through their ``main()``)."""

from __future__ import annotations

import asyncio
import contextlib
import pathlib
import runpy
import select
import selectors
import socket
import threading
from typing import Callable, List, Tuple, cast

import pytest
from typing_extensions import assert_type

import typedsock
from typedsock import InetAddress, Socket, StreamSocket, UnixAddress

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


# -- moving the descriptor ------------------------------------------------------------


def test_to_stdlib_moves_the_descriptor(tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]]) -> None:
    client, conn = tcp_pair
    fd = client.fileno()
    client.settimeout(3.0)
    std = client.to_stdlib()
    with std:
        assert_type(std, socket.socket)
        assert client.fileno() == -1  # the typedsock object gave it up
        assert std.fileno() == fd
        assert std.family == socket.AF_INET and std.type == socket.SOCK_STREAM
        assert std.gettimeout() == 3.0
        std.sendall(b"from stdlib")
        assert conn.recv(64) == b"from stdlib"
        conn.sendall(b"back")
        assert std.recv(64) == b"back"
    with pytest.raises(typedsock.error):  # the typedsock object is closed, not sharing fd
        client.send(b"x")


def test_from_stdlib_moves_the_descriptor(stack: contextlib.ExitStack) -> None:
    left, right = socket.socketpair()
    stack.enter_context(right)
    fd = left.fileno()
    left.settimeout(2.0)
    typed = typedsock.from_stdlib(left)
    stack.enter_context(typed)
    assert_type(typed, Socket[typedsock.Address])
    assert left.fileno() == -1  # the standard socket gave it up
    left.close()  # closing the given-up object touches nothing
    assert typed.fileno() == fd
    assert isinstance(typed, StreamSocket) and typed.family == typedsock.AF_UNIX
    assert typed.gettimeout() == 2.0
    typed.sendall(b"typed")
    assert right.recv(16) == b"typed"
    assert typed.getpeername() == UnixAddress("")


def test_round_trip_keeps_the_connection(
    tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]], stack: contextlib.ExitStack
) -> None:
    client, conn = tcp_pair
    fd = client.fileno()
    again = typedsock.from_stdlib(client.to_stdlib())
    stack.enter_context(again)
    assert again.fileno() == fd and client.fileno() == -1
    again.sendall(b"round trip")
    assert conn.recv(64) == b"round trip"


# -- asyncio ---------------------------------------------------------------------------


def _echo_server(listener: StreamSocket[InetAddress], clients: int) -> threading.Thread:
    """A typedsock echo server in a thread: echoes ``clients`` connections, one after another."""

    def serve() -> None:
        for _ in range(clients):
            conn, _ = listener.accept()
            with conn:
                while data := conn.recv(4096):
                    conn.sendall(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


def test_asyncio_open_connection_with_a_typedsock_socket(stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.create_server(InetAddress.loopback(0)))
    listener.settimeout(10.0)
    server = _echo_server(listener, clients=1)

    async def talk() -> bytes:
        sock = typedsock.create_connection(listener.getsockname(), timeout=10.0)
        sock.setblocking(False)
        reader, writer = await asyncio.open_connection(sock=sock.to_stdlib())
        assert sock.fileno() == -1
        try:
            writer.write(b"hello asyncio\n")
            await writer.drain()
            return await asyncio.wait_for(reader.readline(), 10.0)
        finally:
            writer.close()
            await writer.wait_closed()

    assert asyncio.run(talk()) == b"hello asyncio\n"
    server.join(10.0)
    assert not server.is_alive()


def test_asyncio_sock_calls_on_a_converted_socket(stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.create_server(InetAddress.loopback(0)))
    listener.settimeout(10.0)
    server = _echo_server(listener, clients=1)

    async def talk() -> bytes:
        loop = asyncio.get_running_loop()
        sock = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM)
        sock.setblocking(False)
        with sock.to_stdlib() as std:
            await loop.sock_connect(std, listener.getsockname())
            await loop.sock_sendall(std, b"sock_* calls")
            return await asyncio.wait_for(loop.sock_recv(std, 64), 10.0)

    assert asyncio.run(talk()) == b"sock_* calls"
    server.join(10.0)


# -- selectors and select -------------------------------------------------------------------


def test_selectors_with_typedsock_sockets(stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.create_server(InetAddress.loopback(0)))
    listener.setblocking(False)
    selector = stack.enter_context(selectors.DefaultSelector())
    key = selector.register(listener, selectors.EVENT_READ, data="listener")
    assert key.fileobj is listener and key.fd == listener.fileno()
    assert selector.select(timeout=0) == []
    client = stack.enter_context(typedsock.create_connection(listener.getsockname(), timeout=5.0))
    ready = selector.select(timeout=5.0)
    assert [(k.fileobj, k.data) for k, _ in ready] == [(listener, "listener")]
    conn, _ = listener.accept()
    stack.enter_context(conn)
    selector.register(conn, selectors.EVENT_READ | selectors.EVENT_WRITE, data="conn")
    events = {k.data: mask for k, mask in selector.select(timeout=5.0)}
    assert events == {"conn": selectors.EVENT_WRITE}
    client.sendall(b"readable")
    selector.modify(conn, selectors.EVENT_READ, data="conn")
    (conn_key, mask), = selector.select(timeout=5.0)
    assert conn_key.fileobj is conn and mask == selectors.EVENT_READ
    assert conn.recv(64) == b"readable"
    selector.unregister(conn)
    assert selector.get_key(listener).fileobj is listener


def test_select_with_typedsock_sockets(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    readable, writable, _ = select.select([a, b], [a], [], 0)
    assert readable == [] and writable == [a]
    a.sendall(b"x")
    readable, _, _ = select.select([a, b], [], [], 5.0)
    assert readable == [b]


# -- the examples ----------------------------------------------------------------------------


def _main_of(name: str) -> Callable[[], int]:
    """The ``main`` of an example script (run as a module, not as ``__main__``)."""
    namespace = runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name=f"_typedsock_example_{name}")
    return cast(Callable[[], int], namespace["main"])


@pytest.mark.parametrize("name", ["selectors_echo", "asyncio_typed_echo"])
def test_example_runs_and_exits_0(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main_of(name)() == 0
    assert "concurrent clients served" in capsys.readouterr().out


def test_examples_are_listed() -> None:
    names: List[str] = sorted(path.stem for path in EXAMPLES.glob("*_echo.py"))
    assert {"selectors_echo", "asyncio_typed_echo"} <= set(names)
