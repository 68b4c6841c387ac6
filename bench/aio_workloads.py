"""The async workloads of the bench: echo round trips on an event loop, one process.

Each workload takes the module (``socket`` or ``typedsock``) and an operation count
and returns the seconds the timed part took, as ``workloads.py``'s do.  Both ends run
in the timed loop (server and client tasks), so each side of the module's async stack
is measured:

* ``socket``: asyncio's ``loop.sock_accept``/``sock_connect``/``sock_recv``/
  ``sock_sendall`` over non-blocking ``socket.socket`` objects;
* ``typedsock``: ``typedsock.aio`` sockets (``wrap``, ``accept``, ``recv``, ``sendall``);
* the streams rows: ``asyncio.open_connection``/``start_server`` against
  ``typedsock.aio.open_connection``/``start_server``; and the "vs streams" rows, aio
  sockets against asyncio streams.

The loop is asyncio's default or uvloop (``_asyncio``/``_uvloop`` suffixes).  One
operation is one round trip of ``MESSAGE`` bytes; the crowd rows run ``CROWD``
connections at once, each doing its share of the round trips.
"""

from __future__ import annotations

import asyncio
import resource
import socket
from time import perf_counter
from typing import Any, Awaitable, Callable, List, Tuple

MESSAGE = b"m" * 64
CROWD = 1000
WARMUP = 50  # round trips per connection before the timer starts (crowd: 1)


def _enough_descriptors() -> None:
    """A crowd holds 2 descriptors per connection: raise the soft limit if it is lower."""
    need = 2 * CROWD + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            raise RuntimeError(f"{CROWD} connections need {need} descriptors; the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


def _run(kind: str, main: Callable[[], Awaitable[float]]) -> float:
    _enough_descriptors()
    loop: asyncio.AbstractEventLoop
    if kind == "uvloop":
        import uvloop

        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()


# -- the two socket APIs, behind one shape ------------------------------------------
class _Std:
    """asyncio's loop.sock_* over standard sockets."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()

    def listener(self) -> Any:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(CROWD + 24)
        sock.setblocking(False)
        return sock

    async def connect(self, address: Any) -> Any:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        await self.loop.sock_connect(sock, address)
        return sock

    async def accept(self, listener: Any) -> Any:
        conn, _ = await self.loop.sock_accept(listener)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    async def recv(self, sock: Any, size: int) -> bytes:
        return await self.loop.sock_recv(sock, size)

    async def sendall(self, sock: Any, data: bytes) -> None:
        await self.loop.sock_sendall(sock, data)


class _Ts:
    """typedsock.aio sockets."""

    def __init__(self) -> None:
        import typedsock
        from typedsock import aio

        self.ts, self.aio = typedsock, aio

    def listener(self) -> Any:
        sock = self.ts.socket(self.ts.AF_INET, self.ts.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(CROWD + 24)
        return self.aio.wrap(sock)

    async def connect(self, address: Any) -> Any:
        sock = self.aio.wrap(self.ts.socket(self.ts.AF_INET, self.ts.SOCK_STREAM))
        sock.blocking.setsockopt(self.ts.IPPROTO_TCP, self.ts.TCP_NODELAY, 1)
        await sock.connect(address)
        return sock

    async def accept(self, listener: Any) -> Any:
        conn, _ = await listener.accept()
        conn.blocking.setsockopt(self.ts.IPPROTO_TCP, self.ts.TCP_NODELAY, 1)
        return conn

    async def recv(self, sock: Any, size: int) -> bytes:
        return await sock.recv(size)  # type: ignore[no-any-return]

    async def sendall(self, sock: Any, data: bytes) -> None:
        await sock.sendall(data)


async def _echo(api: Any, conn: Any) -> None:
    try:
        while True:
            data = await api.recv(conn, 65536)
            if not data:
                return
            await api.sendall(conn, data)
    finally:
        conn.close()


async def _round_trips(api: Any, sock: Any, count: int) -> None:
    size = len(MESSAGE)
    for _ in range(count):
        await api.sendall(sock, MESSAGE)
        got = 0
        while got < size:
            data = await api.recv(sock, size - got)
            if not data:
                raise EOFError("the echo task closed early")
            got += len(data)


async def _sockets(mod: Any, n: int, connections: int) -> float:
    api: Any = _Ts() if mod.__name__ == "typedsock" else _Std()
    listener = api.listener()
    address = listener.getsockname()
    echoes: List[asyncio.Task[None]] = []
    clients: List[Any] = []
    try:
        for _ in range(connections):
            client, conn = await asyncio.gather(api.connect(address), api.accept(listener))
            clients.append(client)
            echoes.append(asyncio.ensure_future(_echo(api, conn)))
        warm = WARMUP if connections == 1 else 1
        await asyncio.gather(*(_round_trips(api, c, warm) for c in clients))
        t0 = perf_counter()
        await asyncio.gather(*(_round_trips(api, c, n // connections) for c in clients))
        elapsed = perf_counter() - t0
    finally:
        for client in clients:
            client.close()
        listener.close()
    await asyncio.gather(*echoes)
    return elapsed


# -- streams ----------------------------------------------------------------------------
_handlers: List[asyncio.Future[Any]] = []  # the streams servers' handler tasks, awaited at the end


async def _stream_echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    task = asyncio.current_task()
    assert task is not None
    _handlers.append(task)
    while True:
        data = await reader.read(65536)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def _stream_round_trips(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> None:
    size = len(MESSAGE)
    for _ in range(count):
        writer.write(MESSAGE)
        await writer.drain()
        await reader.readexactly(size)


async def _streams(mod: Any, n: int, connections: int) -> float:
    if mod.__name__ == "typedsock":
        import typedsock
        from typedsock import aio

        server: Any = await aio.start_server(_stream_echo, typedsock.create_server(("127.0.0.1", 0), backlog=CROWD + 24))
        port = server.address.port

        async def open_one() -> Tuple[asyncio.StreamReader, asyncio.StreamWriter]:
            return await aio.open_connection("127.0.0.1", port)
    else:
        server = await asyncio.start_server(_stream_echo, "127.0.0.1", 0, backlog=CROWD + 24)
        port = server.sockets[0].getsockname()[1]

        async def open_one() -> Tuple[asyncio.StreamReader, asyncio.StreamWriter]:
            return await asyncio.open_connection("127.0.0.1", port)

    pairs = [await open_one() for _ in range(connections)]
    try:
        warm = WARMUP if connections == 1 else 1
        await asyncio.gather(*(_stream_round_trips(r, w, warm) for r, w in pairs))
        t0 = perf_counter()
        await asyncio.gather(*(_stream_round_trips(r, w, n // connections) for r, w in pairs))
        elapsed = perf_counter() - t0
    finally:
        for _, writer in pairs:
            writer.close()
        await asyncio.gather(*(writer.wait_closed() for _, writer in pairs), return_exceptions=True)
        server.close()
        await server.wait_closed()
        await asyncio.gather(*_handlers)
        _handlers.clear()
    return elapsed


def _vs_streams(mod: Any, n: int, connections: int) -> Awaitable[float]:
    """typedsock: aio sockets; the standard library: asyncio streams."""
    return _sockets(mod, n, connections) if mod.__name__ == "typedsock" else _streams(mod, n, connections)


# -- the rows ---------------------------------------------------------------------------
def rtt_asyncio(mod: Any, n: int) -> float:
    return _run("asyncio", lambda: _sockets(mod, n, 1))


def rtt_uvloop(mod: Any, n: int) -> float:
    return _run("uvloop", lambda: _sockets(mod, n, 1))


def rtt_vs_streams_asyncio(mod: Any, n: int) -> float:
    return _run("asyncio", lambda: _vs_streams(mod, n, 1))


def rtt_vs_streams_uvloop(mod: Any, n: int) -> float:
    return _run("uvloop", lambda: _vs_streams(mod, n, 1))


def streams_asyncio(mod: Any, n: int) -> float:
    return _run("asyncio", lambda: _streams(mod, n, 1))


def streams_uvloop(mod: Any, n: int) -> float:
    return _run("uvloop", lambda: _streams(mod, n, 1))


def crowd_asyncio(mod: Any, n: int) -> float:
    return _run("asyncio", lambda: _sockets(mod, n, CROWD))


def crowd_uvloop(mod: Any, n: int) -> float:
    return _run("uvloop", lambda: _sockets(mod, n, CROWD))


def crowd_vs_streams_asyncio(mod: Any, n: int) -> float:
    return _run("asyncio", lambda: _vs_streams(mod, n, CROWD))


def crowd_vs_streams_uvloop(mod: Any, n: int) -> float:
    return _run("uvloop", lambda: _vs_streams(mod, n, CROWD))
