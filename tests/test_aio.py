"""typedsock.aio: the async calls on real sockets, on asyncio's default loop and on uvloop.

Every test runs once per loop (the ``run`` fixture).  Cancellation is driven at each
point a call can wait: before the descriptor is ready, and after it is ready but
before the waiting task resumed; the data must then be all there for the next call.
"""

from __future__ import annotations

import asyncio
import errno
import io
import os
import pathlib
import resource
import sys
import tempfile
from typing import Any, Awaitable, Callable, Iterator, List, Tuple, TypeVar

import pytest

import typedsock as ts
from typedsock import aio
from typedsock.ancillary import Rights

T = TypeVar("T")
Runner = Callable[[Callable[[], Awaitable[T]]], T]

LOOPS = ["asyncio", "uvloop"]


@pytest.fixture(params=LOOPS)
def run(request: pytest.FixtureRequest) -> Iterator[Callable[[Callable[[], Awaitable[Any]]], Any]]:
    """``run(main)``: ``main()`` to completion on a new loop of the parameter's kind."""
    if request.param == "uvloop":
        pytest.importorskip("uvloop")  # the test extra installs it

    def runner(main: Callable[[], Awaitable[Any]]) -> Any:
        loop: asyncio.AbstractEventLoop
        if request.param == "uvloop":
            import uvloop

            loop = uvloop.new_event_loop()
        else:
            loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(asyncio.wait_for(main(), 60))
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    yield runner


def _tcp_listener() -> ts.StreamSocket[ts.InetAddress]:
    sock = ts.socket(ts.AF_INET, ts.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    return sock


async def _stream_pair() -> Tuple[aio.AsyncStreamSocket[ts.InetAddress, ts.InetAddressLike], aio.AsyncStreamSocket[ts.InetAddress, ts.InetAddressLike]]:
    async with aio.wrap(_tcp_listener()) as listener:
        client = aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_STREAM))
        await client.connect(listener.getsockname())
        server, peer = await listener.accept()
        assert peer == client.getsockname()
        return client, server


# -- each call, once -------------------------------------------------------------------
def test_tcp_connect_accept_send_recv(run: Runner[None]) -> None:
    async def main() -> None:
        client, server = await _stream_pair()
        with client.blocking, server.blocking:
            assert isinstance(server, aio.AsyncStreamSocket)
            assert isinstance(client.getpeername(), ts.InetAddress)
            assert await client.send(b"ping") == 4
            assert await server.recv(10) == b"ping"
            await server.sendall(b"x" * 100_000)
            assert server.sendall_progress == 100_000
            got = bytearray()
            buf = bytearray(70_000)
            while len(got) < 100_000:
                n = await client.recv_into(buf)
                got += buf[:n]
            assert got == b"x" * 100_000
            data, sender = await server.recvfrom(5) if await client.send(b"abc") else (b"", None)
            assert (data, sender) == (b"abc", None)
            client.shutdown(ts.SHUT_WR)
            assert await server.recv(10) == b""

    run(main)


def test_ipv6_stream_addresses_are_typed(run: Runner[None], ipv6: None) -> None:
    async def main() -> None:
        listener = ts.socket(ts.AF_INET6, ts.SOCK_STREAM)
        listener.bind(("::1", 0))
        async with aio.wrap(listener) as alistener:
            alistener.listen()
            async with aio.wrap(ts.socket(ts.AF_INET6, ts.SOCK_STREAM)) as client:
                await client.connect(("::1", alistener.getsockname().port))
                server, peer = await alistener.accept()
                async with server:
                    assert isinstance(peer, ts.Inet6Address) and peer.host == "::1"
                    await client.sendall(b"six")
                    assert await server.recv(3) == b"six"

    run(main)


def test_unix_stream_and_sendmsg_with_rights(run: Runner[None], sock_dir: pathlib.Path) -> None:
    async def main() -> None:
        path = str(sock_dir / "s")
        listener = ts.socket(ts.AF_UNIX, ts.SOCK_STREAM)
        listener.bind(path)
        async with aio.wrap(listener) as alistener:
            alistener.listen()
            async with aio.wrap(ts.socket(ts.AF_UNIX, ts.SOCK_STREAM)) as client:
                await client.connect(path)
                server, _ = await alistener.accept()
                async with server:
                    r, w = os.pipe()
                    try:
                        assert await client.sendmsg([b"fd"], [Rights([r])]) == 2
                        received = await server.recv_message(10, [Rights.up_to(1)])
                        assert received.data == b"fd"
                        (rights,) = received.messages
                        assert isinstance(rights, Rights)
                        os.write(w, b"!")
                        assert os.read(rights.fds[0], 1) == b"!"
                        rights.close()
                        await client.sendmsg([b"raw"])
                        data, ancdata, flags, _ = await server.recvmsg(10, 64)
                        assert (data, ancdata, flags) == (b"raw", [], 0)
                    finally:
                        os.close(r)
                        os.close(w)

    run(main)


def test_udp_sendto_recvfrom_and_batches(run: Runner[None]) -> None:
    async def main() -> None:
        async with aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_DGRAM)) as rx, aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_DGRAM)) as tx:
            rx.bind(("127.0.0.1", 0))
            tx.bind(("127.0.0.1", 0))
            to = rx.getsockname()
            assert await tx.sendto(b"one", to) == 3
            assert await tx.sendto(b"two", 0, ("127.0.0.1", to.port)) == 3
            data, sender = await rx.recvfrom(10)
            assert (data, sender) == (b"one", tx.getsockname())
            buf = bytearray(10)
            n, sender = await rx.recvfrom_into(buf)
            assert (bytes(buf[:n]), sender) == (b"two", tx.getsockname())
            sent = await tx.send_many([(b"%d" % i, to) for i in range(100)])
            assert sent == 100
            got: List[bytes] = []
            while len(got) < 100:
                got += [data for data, _ in await rx.recv_many(64, 16)]
            assert got == [b"%d" % i for i in range(100)]
            assert await tx.send_many([(b"g" * 100, to)] * 10, gso=True) == 10
            got = []
            while len(got) < 10:
                got += [data for data, _ in await rx.recv_many(16, 2048)]
            assert got == [b"g" * 100] * 10
            await tx.sendto(b"into", to)
            bufs = [bytearray(8), bytearray(8)]
            (count, sender), *_ = await rx.recv_many_into(bufs)
            assert (bytes(bufs[0][:count]), sender) == (b"into", tx.getsockname())

    run(main)


def test_sendfile_from_a_file_and_from_bytesio(run: Runner[None], tmp_path: pathlib.Path) -> None:
    payload = os.urandom(300_000)
    (tmp_path / "f").write_bytes(payload)

    async def main() -> None:
        client, server = await _stream_pair()
        with client.blocking, server.blocking:
            with open(tmp_path / "f", "rb") as f:
                reader = asyncio.ensure_future(_read_exactly(client, len(payload) - 10))
                assert await server.sendfile(f, 10) == len(payload) - 10
                assert f.tell() == len(payload)
                assert await reader == payload[10:]
            reader = asyncio.ensure_future(_read_exactly(client, 1000))
            assert await server.sendfile(io.BytesIO(payload), 5, 1000) == 1000
            assert await reader == payload[5:1005]
            with pytest.raises(TypeError):  # as the standard library: no mode, so read and sent
                await server.sendfile(io.StringIO("text"))  # type: ignore[arg-type]
            with open(tmp_path / "f") as text, pytest.raises(ValueError):
                await server.sendfile(text)  # type: ignore[arg-type]

    run(main)


async def _read_exactly(sock: aio.AsyncStreamSocket[Any, Any], size: int) -> bytes:
    got = bytearray()
    while len(got) < size:
        data = await sock.recv(size - len(got))
        if not data:
            raise EOFError(len(got))
        got += data
    return bytes(got)


# -- bad input, closing, loops, conversions --------------------------------------------
def test_bad_input_raises_before_any_wait(run: Runner[None]) -> None:
    async def main() -> None:
        with pytest.raises(TypeError):
            aio.wrap(object())  # type: ignore[call-overload]
        client, server = await _stream_pair()
        with client.blocking, server.blocking:
            with pytest.raises(TypeError):
                await client.send("text")  # type: ignore[arg-type]
            with pytest.raises(TypeError):
                await client.sendall("text")  # type: ignore[arg-type]
            with pytest.raises(ValueError):
                await client.recv(-1)
            with pytest.raises(TypeError):
                await client.connect(("127.0.0.1", "80"))  # type: ignore[arg-type]
        async with aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_DGRAM)) as udp:
            with pytest.raises(TypeError):
                await udp.sendto(b"x", "nowhere")  # type: ignore[call-overload]
            with pytest.raises(OverflowError):
                await udp.sendto(b"x", ("127.0.0.1", 70000))

    run(main)


def test_close_wakes_every_waiting_task(run: Runner[None]) -> None:
    async def main() -> None:
        client, server = await _stream_pair()
        with client.blocking:
            waiting = [asyncio.ensure_future(server.recv(10)) for _ in range(3)]
            await asyncio.sleep(0.01)
            server.close()
            for task in waiting:
                with pytest.raises(OSError) as caught:
                    await task
                assert caught.value.errno == errno.EBADF
            with pytest.raises(OSError) as caught:
                await server.recv(1)
            assert caught.value.errno == errno.EBADF

    run(main)


def test_to_blocking_restores_the_timeout_and_the_wrapper_ends_closed(run: Runner[None]) -> None:
    async def main() -> None:
        sock = ts.socket(ts.AF_INET, ts.SOCK_DGRAM)
        sock.settimeout(2.5)
        asock = aio.wrap(sock)
        assert sock.gettimeout() == 0.0
        back = asock.to_blocking()
        assert back is sock and back.gettimeout() == 2.5
        assert asock.fileno() == -1
        back.close()

    run(main)


def test_a_socket_waits_in_one_loop_at_a_time() -> None:
    first = asyncio.new_event_loop()
    second = asyncio.new_event_loop()
    try:
        client, server = first.run_until_complete(_stream_pair())
        waiting = first.create_task(server.recv(1))
        first.run_until_complete(asyncio.sleep(0.01))
        with pytest.raises(RuntimeError, match="another event loop"):
            second.run_until_complete(server.recv(1))
        client.close()
        server.close()  # wakes the task in the first loop
        with pytest.raises(OSError):
            first.run_until_complete(waiting)
        # Nothing waits any more: a new socket may move on to another loop.
        client, server = first.run_until_complete(_stream_pair())
        with pytest.raises(asyncio.TimeoutError):  # a wait, cancelled: nothing waits now
            first.run_until_complete(asyncio.wait_for(server.recv(1), 0.01))
        client.blocking.sendall(b"!")
        with client.blocking, server.blocking:
            assert second.run_until_complete(server.recv(1)) == b"!"
    finally:
        first.run_until_complete(first.shutdown_asyncgens())
        first.close()
        second.close()


def test_timeouts_come_from_asyncio_and_consume_nothing(run: Runner[None]) -> None:
    async def main() -> None:
        client, server = await _stream_pair()
        with client.blocking, server.blocking:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(server.recv(10), 0.02)
            for _ in range(50):  # the cancelled waiters do not pile up
                with pytest.raises(asyncio.TimeoutError):
                    await asyncio.wait_for(server.recv(10), 0.001)
            assert len(server._readers) <= 1  # pyright: ignore[reportPrivateUsage]
            await client.sendall(b"kept")
            assert await server.recv(10) == b"kept"

    run(main)


# -- cancellation at every await point ----------------------------------------------
@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_cancelled_recv_consumed_nothing(run: Runner[None], turns: int) -> None:
    """The data arrives ``turns`` loop iterations before the cancel: before, while and
    after the readiness callback ran."""

    async def main() -> None:
        client, server = await _stream_pair()
        with client.blocking, server.blocking:
            for round_ in range(20):
                task = asyncio.ensure_future(server.recv(100))
                await asyncio.sleep(0)
                await client.sendall(b"r%d" % round_)
                for _ in range(turns):
                    await asyncio.sleep(0)
                task.cancel()
                try:
                    got = await task
                except asyncio.CancelledError:
                    got = b""
                rest = b"r%d" % round_
                if got:
                    assert got == rest  # it finished first: it had the data
                else:
                    assert await server.recv(100) == rest

    run(main)


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_cancelled_accept_took_no_connection(run: Runner[None], turns: int) -> None:
    async def main() -> None:
        async with aio.wrap(_tcp_listener()) as listener:
            for _ in range(10):
                task = asyncio.ensure_future(listener.accept())
                await asyncio.sleep(0)
                client = aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_STREAM))
                async with client:
                    await client.connect(listener.getsockname())
                    for _ in range(turns):
                        await asyncio.sleep(0)
                    task.cancel()
                    try:
                        conn, peer = await task
                    except asyncio.CancelledError:
                        conn, peer = await listener.accept()
                    assert peer == client.getsockname()
                    conn.close()

    run(main)


def test_cancelled_recvfrom_and_recv_many_consumed_nothing(run: Runner[None]) -> None:
    async def main() -> None:
        async with aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_DGRAM)) as rx, aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_DGRAM)) as tx:
            rx.bind(("127.0.0.1", 0))
            for turns in range(4):
                for call in (lambda: rx.recvfrom(100), lambda: rx.recv_many(8, 100), lambda: rx.recv_message(100)):
                    task: asyncio.Future[Any] = asyncio.ensure_future(call())
                    await asyncio.sleep(0)
                    await tx.sendto(b"d%d" % turns, rx.getsockname())
                    for _ in range(turns):
                        await asyncio.sleep(0)
                    task.cancel()
                    try:
                        await task
                    except asyncio.CancelledError:
                        data, _ = await rx.recvfrom(100)
                        assert data == b"d%d" % turns

    run(main)


def test_cancelled_sendall_says_how_much_went_out(run: Runner[None]) -> None:
    async def main() -> None:
        client, server = await _stream_pair()
        with client.blocking, server.blocking:
            client.blocking.setsockopt(ts.SOL_SOCKET, ts.SO_SNDBUF, 4096)
            payload = bytes(range(256)) * 8_000  # 2 MB: far more than the buffers hold
            task = asyncio.ensure_future(client.sendall(payload))
            await asyncio.sleep(0.05)
            assert not task.done()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            sent = client.sendall_progress
            assert 0 < sent < len(payload)
            reader = asyncio.ensure_future(_read_exactly(server, len(payload)))
            await client.sendall(payload[sent:])  # resume: the rest, once
            client.shutdown(ts.SHUT_WR)
            assert await reader == payload
            assert await server.recv(1) == b""

    run(main)


def test_cancelled_connect_then_close(run: Runner[None]) -> None:
    async def main() -> None:
        # A listener whose accept queue is full drops the SYNs: a connect to it stays in
        # progress until cancelled.
        with _tcp_listener() as full:
            full.listen(0)
            queued: List[aio.AsyncStreamSocket[ts.InetAddress, ts.InetAddressLike]] = []
            try:
                for _ in range(8):
                    sock = aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_STREAM))
                    queued.append(sock)
                    try:
                        await asyncio.wait_for(sock.connect(full.getsockname()), 0.2)
                    except asyncio.TimeoutError:
                        break
                else:
                    pytest.fail("every connect completed: the accept queue never filled")
                assert not sock._waiting()  # pyright: ignore[reportPrivateUsage]  # no task left waiting
            finally:
                for sock in queued:
                    sock.close()

    run(main)


async def _passes(work: Callable[[], Awaitable[None]]) -> int:
    """The loop passes ``work()`` takes: a callback that reschedules itself counts them."""
    loop = asyncio.get_running_loop()
    count = [0]

    def tick() -> None:
        count[0] += 1
        handle[0] = loop.call_soon(tick)

    handle = [loop.call_soon(tick)]
    try:
        await work()
    finally:
        handle[0].cancel()
    return count[0]


def test_queued_connections_are_accepted_without_a_loop_pass_each(run: Runner[None]) -> None:
    # A server under load finds many connections queued: once one wait found the
    # listener readable, each next accept tries at once instead of waiting a pass.
    async def main() -> None:
        async with aio.wrap(_tcp_listener()) as listener:
            first = asyncio.ensure_future(listener.accept())
            await asyncio.sleep(0)  # it found nothing and waits
            clients = [ts.socket(ts.AF_INET, ts.SOCK_STREAM) for _ in range(50)]
            for client in clients:
                client.connect(listener.getsockname())
            conns = [(await first)[0]]

            async def accept_rest() -> None:
                for _ in clients[1:]:
                    conns.append((await listener.accept())[0])

            assert await _passes(accept_rest) <= 3
            for conn in conns:
                conn.close()
            for client in clients:
                client.close()

    run(main)


def test_full_batches_are_received_without_a_loop_pass_each(run: Runner[None]) -> None:
    # A receiver that got a full batch after a wait tries the next batch at once.
    async def main() -> None:
        async with aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_DGRAM)) as receiver:
            receiver.bind(("127.0.0.1", 0))
            with ts.socket(ts.AF_INET, ts.SOCK_DGRAM) as sender:
                first = asyncio.ensure_future(receiver.recv_many(8, 100))
                await asyncio.sleep(0)  # it found nothing and waits
                for i in range(80):
                    sender.sendto(b"%d" % i, receiver.getsockname())
                got = await first

                async def receive_rest() -> None:
                    while len(got) < 80:
                        got.extend(await receiver.recv_many(8, 100))

                assert await _passes(receive_rest) <= 3
                assert [data for data, _ in got] == [b"%d" % i for i in range(80)]

    run(main)


def test_connect_refused_is_the_errno(run: Runner[None]) -> None:
    async def main() -> None:
        port = _tcp_listener()
        address = port.getsockname()
        port.close()
        async with aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_STREAM)) as sock:
            with pytest.raises(ConnectionRefusedError):
                await sock.connect(address)

    run(main)


# -- many clients ---------------------------------------------------------------------
CLIENTS = 1000
ROUNDS = 5


def _enough_descriptors(need: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            pytest.skip(f"needs {need} descriptors, the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


async def _echo(conn: aio.AsyncStreamSocket[Any, Any]) -> None:
    async with conn:
        while True:
            data = await conn.recv(65536)
            if not data:
                return
            await conn.sendall(data)


async def _client(make: Callable[[], Awaitable[aio.AsyncStreamSocket[Any, Any]]], index: int) -> None:
    sock = await make()
    async with sock:
        for round_ in range(ROUNDS):
            message = b"%d:%d;" % (index, round_) * (1 + index % 50)
            await sock.sendall(message)
            assert await _read_exactly(sock, len(message)) == message
        sock.shutdown(ts.SHUT_WR)
        assert await sock.recv(1) == b""


@pytest.mark.parametrize("family", ["tcp", "unix"])
def test_a_thousand_concurrent_clients_echo(run: Runner[None], family: str) -> None:
    _enough_descriptors(3 * CLIENTS + 100)

    async def main() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            listener: aio.AsyncStreamSocket[Any, Any]
            if family == "tcp":
                listener = aio.wrap(_tcp_listener())
            else:
                unix = ts.socket(ts.AF_UNIX, ts.SOCK_STREAM)
                unix.bind(os.path.join(tmp, "echo"))
                unix.listen(128)  # smaller than the crowd: connect must wait for room
                listener = aio.wrap(unix)
            address = listener.getsockname()
            handlers: List[asyncio.Task[None]] = []

            async def serve() -> None:
                while True:
                    conn, _ = await listener.accept()
                    handlers.append(asyncio.ensure_future(_echo(conn)))

            async def make() -> aio.AsyncStreamSocket[Any, Any]:
                sock = aio.wrap(ts.socket(listener.family, ts.SOCK_STREAM))
                await sock.connect(address)
                return sock

            server = asyncio.ensure_future(serve())
            try:
                await asyncio.gather(*(_client(make, i) for i in range(CLIENTS)))
            finally:
                server.cancel()
                await asyncio.gather(server, return_exceptions=True)
                listener.close()
            await asyncio.gather(*handlers)
            assert len(handlers) == CLIENTS

    run(main)


# -- streams --------------------------------------------------------------------------
async def _stream_echo(reader: asyncio.StreamReader, writer: aio.StreamWriter[Any]) -> None:
    while True:
        data = await reader.read(65536)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


def test_streams_tcp_with_typed_peers(run: Runner[None]) -> None:
    async def main() -> None:
        peers: List[ts.InetAddress] = []

        async def handle(reader: asyncio.StreamReader, writer: aio.StreamWriter[ts.InetAddress]) -> None:
            peers.append(writer.peername)
            await _stream_echo(reader, writer)

        async with await aio.start_server(handle, ts.create_server(("127.0.0.1", 0))) as server:
            reader, writer = await aio.open_connection("127.0.0.1", server.address.port)
            assert isinstance(writer.peername, ts.InetAddress) and writer.peername == server.address
            writer.write(b"hello")
            await writer.drain()
            assert await reader.readexactly(5) == b"hello"
            writer.close()
            await writer.wait_closed()
        assert peers == [writer.sockname]

    run(main)


def test_streams_ipv6(run: Runner[None], ipv6: None) -> None:
    async def main() -> None:
        listener = ts.create_server(("::1", 0), family=ts.AF_INET6)
        async with await aio.start_server(_stream_echo, listener) as server:
            assert isinstance(server.address, ts.Inet6Address)
            reader, writer = await aio.open_connection("::1", server.address.port)
            assert isinstance(writer.peername, ts.Inet6Address)
            writer.write(b"v6")
            assert await reader.readexactly(2) == b"v6"
            writer.close()
            await writer.wait_closed()

    run(main)


def test_streams_unix_with_many_clients(run: Runner[None], sock_dir: pathlib.Path) -> None:
    _enough_descriptors(3 * CLIENTS + 100)
    path = str(sock_dir / "streams")

    async def main() -> None:
        async with await aio.start_unix_server(_stream_echo, path, backlog=1024) as server:
            assert server.address == ts.UnixAddress(path)

            async def client(i: int) -> None:
                reader, writer = await aio.open_unix_connection(path)
                message = b"%d" % i * 100
                writer.write(message)
                writer.write_eof()
                assert await reader.read() == message
                writer.close()
                await writer.wait_closed()

            await asyncio.gather(*(client(i) for i in range(CLIENTS)))

    run(main)


def test_open_connection_errors(run: Runner[None]) -> None:
    async def main() -> None:
        port = _tcp_listener()
        address = port.getsockname()
        port.close()
        with pytest.raises(ConnectionRefusedError):
            await aio.open_connection("127.0.0.1", address.port)

    run(main)


@pytest.mark.skipif(sys.platform != "linux", reason="Linux only")
def test_module_is_not_imported_by_typedsock() -> None:
    import subprocess

    code = "import sys, typedsock; print('asyncio' in sys.modules, 'typedsock.aio' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
