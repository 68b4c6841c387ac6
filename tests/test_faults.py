"""Error paths driven on demand: the fault-injection build of the shim (csrc/faults.c).

``nox -s faults`` builds typedsock with TYPEDSOCK_FAULTS=1 and runs this file: a rule
makes a later call of one system call fail with an errno, or go through with a smaller
count (a short write or read, fewer messages, a smaller control buffer), raising a
signal first where a real EINTR would have had one.  Each test checks that every rule
it set was used (the path was really taken), that no descriptor leaked, that no byte
was lost or duplicated, and that the exception is the documented one.

In the release build (every other session) the hook must not exist at all:
``test_a_release_has_no_fault_hook`` checks the module and the shared object's bytes.
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import time
import types
from typing import Any, Callable, Iterator, List, Optional, Protocol, Tuple, cast

import pytest

import typedsock as ts
from typedsock import aio
from typedsock._sock import lib
from typedsock.ancillary import Rights


class _Faults(Protocol):
    def ts_fault_add(self, call: bytes, skip: int, err: int, limit: int, times: int, sig: int, /) -> int: ...
    def ts_fault_clear(self) -> None: ...
    def ts_fault_injected(self) -> int: ...
    def ts_fault_pending(self) -> int: ...


HAVE_HOOK = hasattr(lib, "ts_fault_add")
needs_hook = pytest.mark.skipif(not HAVE_HOOK, reason="needs the fault-injection build: nox -s faults")
FAULTS = cast(_Faults, lib)


def test_a_release_has_no_fault_hook() -> None:
    if HAVE_HOOK:
        pytest.skip("this is the fault-injection build (nox -s faults)")
    import typedsock._sock as compiled

    path = compiled.__file__
    assert path is not None
    with open(path, "rb") as so:
        assert b"ts_fault" not in so.read()


@pytest.fixture
def faults(no_fd_leak: None) -> Iterator[Callable[..., None]]:
    """``inject(call, err=0, limit=-1, times=1, skip=0, sig=0)``; at the end every rule
    must have been used up, and no descriptor may have leaked (no_fd_leak)."""
    FAULTS.ts_fault_clear()

    def inject(call: str, err: int = 0, limit: int = -1, times: int = 1, skip: int = 0, sig: int = 0) -> None:
        assert FAULTS.ts_fault_add(call.encode(), skip, err, limit, times, sig) == 0

    try:
        yield inject
        assert FAULTS.ts_fault_pending() == 0, "a rule was never used: the path was not taken"
    finally:
        FAULTS.ts_fault_clear()


@pytest.fixture
def usr1() -> Iterator[List[int]]:
    """A SIGUSR1 handler that counts its calls (the list's length)."""
    calls: List[int] = []

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        calls.append(signum)

    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        yield calls
    finally:
        signal.signal(signal.SIGUSR1, previous)


def _tcp() -> Tuple[ts.StreamSocket[ts.InetAddress], ts.StreamSocket[ts.InetAddress]]:
    with ts.create_server(("127.0.0.1", 0)) as listener:
        client = ts.create_connection(listener.getsockname())
        server, _ = listener.accept()
    return client, server


def _udp() -> Tuple[ts.DatagramSocket[ts.InetAddress], ts.DatagramSocket[ts.InetAddress]]:
    rx = ts.socket(ts.AF_INET, ts.SOCK_DGRAM)
    rx.bind(("127.0.0.1", 0))
    tx = ts.socket(ts.AF_INET, ts.SOCK_DGRAM)
    tx.connect(rx.getsockname())
    return tx, rx


def _drain(sock: ts.Socket[Any]) -> bytes:
    """What is waiting on ``sock`` now, without blocking."""
    got = b""
    while True:
        try:
            data = sock.recv(65536, ts.MSG_DONTWAIT)
        except BlockingIOError:
            return got
        if not data:
            return got
        got += data


# -- every blocking call through EINTR: the handlers run, then the call goes on --------
def _case_send(inject: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        inject("send", errno.EINTR, times=3, sig=signal.SIGUSR1)
        assert a.send(b"hello") == 5
        assert b.recv(5) == b"hello"


def _case_sendall(inject: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        inject("send", errno.EINTR, times=3, sig=signal.SIGUSR1)
        a.sendall(b"x" * 1000)
        a.shutdown(ts.SHUT_WR)
        assert _read_all(b) == b"x" * 1000


def _case_recv(inject: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        a.sendall(b"data")
        inject("recv", errno.EINTR, times=3, sig=signal.SIGUSR1)
        assert b.recv(10) == b"data"


def _case_recv_into(inject: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        a.sendall(b"data")
        inject("recv", errno.EINTR, times=3, sig=signal.SIGUSR1)
        buf = bytearray(10)
        assert b.recv_into(buf) == 4 and buf[:4] == b"data"


def _case_sendto_recvfrom(inject: Callable[..., None]) -> None:
    tx, rx = _udp()
    with tx, rx:
        inject("sendto", errno.EINTR, times=3, sig=signal.SIGUSR1)
        assert tx.sendto(b"dgram", rx.getsockname()) == 5
        inject("recvfrom", errno.EINTR, times=3, sig=signal.SIGUSR1)
        assert rx.recvfrom(10) == (b"dgram", tx.getsockname())


def _case_recvfrom_into(inject: Callable[..., None]) -> None:
    tx, rx = _udp()
    with tx, rx:
        tx.send(b"into")
        inject("recvfrom", errno.EINTR, times=3, sig=signal.SIGUSR1)
        buf = bytearray(8)
        assert rx.recvfrom_into(buf) == (4, tx.getsockname())


def _case_sendmsg_recvmsg(inject: Callable[..., None]) -> None:
    a, b = ts.socketpair()
    with a, b:
        inject("sendmsg", errno.EINTR, times=3, sig=signal.SIGUSR1)
        assert a.sendmsg([b"ab", b"cd"]) == 4
        inject("recvmsg", errno.EINTR, times=3, sig=signal.SIGUSR1)
        data, _, flags, _ = b.recvmsg(10)
        assert (data, flags) == (b"abcd", 0)


def _case_accept_connect(inject: Callable[..., None]) -> None:
    with ts.create_server(("127.0.0.1", 0)) as listener:
        with ts.socket(ts.AF_INET, ts.SOCK_STREAM) as client:
            inject("connect", errno.EINTR, times=1, sig=signal.SIGUSR1)
            client.connect(listener.getsockname())  # EINTR: the connect goes on in the kernel
            inject("accept4", errno.EINTR, times=2, sig=signal.SIGUSR1)
            conn, peer = listener.accept()
            with conn:
                assert peer == client.getsockname()


def _case_poll(inject: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        b.settimeout(5.0)
        # Nothing there yet (three times): it waits, and each wait is interrupted; after
        # each EINTR the call is made again (PEP 475), and waits again.
        inject("recv", errno.EAGAIN, times=3)
        inject("poll", errno.EINTR, times=3, sig=signal.SIGUSR1)
        a.sendall(b"late")
        assert b.recv(10) == b"late"


def _case_send_recv_many(inject: Callable[..., None]) -> None:
    tx, rx = _udp()
    with tx, rx:
        inject("sendmmsg", errno.EINTR, times=3, sig=signal.SIGUSR1)
        assert tx.send_many([b"1", b"2", b"3"]) == 3
        inject("recvmmsg", errno.EINTR, times=3, sig=signal.SIGUSR1)
        got = [data for data, _ in rx.recv_many(8, 16)]
        while len(got) < 3:
            got += [data for data, _ in rx.recv_many(8, 16)]
        assert got == [b"1", b"2", b"3"]


EINTR_CASES = {
    "send": (_case_send, 3),
    "sendall": (_case_sendall, 3),
    "recv": (_case_recv, 3),
    "recv_into": (_case_recv_into, 3),
    "sendto+recvfrom": (_case_sendto_recvfrom, 6),
    "recvfrom_into": (_case_recvfrom_into, 3),
    "sendmsg+recvmsg": (_case_sendmsg_recvmsg, 6),
    "connect+accept": (_case_accept_connect, 3),
    "poll": (_case_poll, 3),
    "send_many+recv_many": (_case_send_recv_many, 6),
}


@needs_hook
@pytest.mark.parametrize("name", sorted(EINTR_CASES))
def test_eintr_runs_the_handlers_and_the_call_goes_on(name: str, faults: Callable[..., None], usr1: List[int]) -> None:
    case, signals = EINTR_CASES[name]
    case(faults)
    assert len(usr1) == signals


def _read_all(sock: ts.Socket[Any]) -> bytes:
    got = b""
    while True:
        data = sock.recv(65536)
        if not data:
            return got
        got += data


@needs_hook
def test_a_handler_that_raises_interrupts_the_call_and_nothing_is_consumed(faults: Callable[..., None]) -> None:
    class Stop(Exception):
        pass

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        raise Stop

    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        a, b = _tcp()
        with a, b:
            a.sendall(b"kept")
            faults("recv", errno.EINTR, sig=signal.SIGUSR1)
            with pytest.raises(Stop):
                b.recv(10)
            assert b.recv(10) == b"kept"
    finally:
        signal.signal(signal.SIGUSR1, previous)


@needs_hook
def test_eintr_resumes_with_the_remaining_timeout(faults: Callable[..., None]) -> None:
    """Each EINTR's handler sleeps 0.3 s; the 1 s timeout still ends the call at about 1 s."""

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        time.sleep(0.3)

    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        a, b = _tcp()
        with a, b:
            b.settimeout(1.0)
            faults("poll", errno.EINTR, times=2, sig=signal.SIGUSR1)
            start = time.monotonic()
            with pytest.raises(ts.timeout):
                b.recv(10)
            elapsed = time.monotonic() - start
            assert 0.95 <= elapsed < 1.45, elapsed
    finally:
        signal.signal(signal.SIGUSR1, previous)


@needs_hook
def test_eintr_three_times_then_eagain_then_enobufs(faults: Callable[..., None], usr1: List[int]) -> None:
    """The issue's example: the handlers run three times, EAGAIN waits (the timeout),
    and ENOBUFS is the documented error, with nothing sent."""
    a, b = _tcp()
    with a, b:
        a.settimeout(5.0)
        faults("send", errno.EINTR, times=3, sig=signal.SIGUSR1)
        faults("send", errno.EAGAIN)
        faults("send", errno.ENOBUFS)
        with pytest.raises(OSError) as caught:
            a.send(b"never")
        assert caught.value.errno == errno.ENOBUFS and isinstance(caught.value, ts.error)
        assert len(usr1) == 3
        assert _drain(b) == b""
        assert a.send(b"then") == 4
        assert b.recv(4) == b"then"


# -- EAGAIN under a timeout; ENOBUFS and ENOMEM ------------------------------------------
@needs_hook
def test_eagain_under_a_timeout_waits_and_tries_again(faults: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        a.sendall(b"ready")
        b.settimeout(2.0)
        faults("recv", errno.EAGAIN, times=3)
        assert b.recv(10) == b"ready"


@needs_hook
def test_eagain_on_a_non_blocking_socket_is_blockingioerror(faults: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        a.sendall(b"ready")
        b.setblocking(False)
        faults("recv", errno.EAGAIN)
        with pytest.raises(BlockingIOError) as caught:
            b.recv(10)
        assert isinstance(caught.value, ts.error)
        assert b.recv(10) == b"ready"


@needs_hook
@pytest.mark.parametrize("err", [errno.ENOBUFS, errno.ENOMEM])
@pytest.mark.parametrize("call", ["sendto", "sendmsg", "sendmmsg"])
def test_out_of_buffers_or_memory_raises_and_sends_nothing(faults: Callable[..., None], call: str, err: int) -> None:
    tx, rx = _udp()
    with tx, rx:
        faults(call, err)
        with pytest.raises(OSError) as caught:
            if call == "sendto":
                tx.sendto(b"lost", rx.getsockname())
            elif call == "sendmsg":
                tx.sendmsg([b"lost"])
            else:
                tx.send_many([b"lost", b"lost"])
        assert caught.value.errno == err and isinstance(caught.value, ts.error)
        assert tx.send(b"next") == 4  # the socket is still usable
        assert rx.recv(10) == b"next"  # and the failed one never went


# -- accept out of descriptors: the listener stays usable --------------------------------
@needs_hook
@pytest.mark.parametrize("err", [errno.EMFILE, errno.ENFILE])
def test_accept_out_of_descriptors_keeps_the_listener(faults: Callable[..., None], err: int) -> None:
    with ts.create_server(("127.0.0.1", 0)) as listener:
        with ts.create_connection(listener.getsockname()) as client:
            faults("accept4", err)
            with pytest.raises(OSError) as caught:
                listener.accept()
            assert caught.value.errno == err and isinstance(caught.value, ts.error)
            conn, peer = listener.accept()  # the pending connection is still there
            with conn:
                assert peer == client.getsockname()
                client.sendall(b"ok")
                assert conn.recv(2) == b"ok"


@needs_hook
def test_aio_accept_out_of_descriptors_keeps_the_listener(faults: Callable[..., None]) -> None:
    async def main() -> None:
        async with aio.wrap(ts.create_server(("127.0.0.1", 0))) as listener:
            async with aio.wrap(ts.socket(ts.AF_INET, ts.SOCK_STREAM)) as client:
                await client.connect(listener.getsockname())
                faults("accept4", errno.EMFILE)
                with pytest.raises(OSError):
                    await listener.accept()
                conn, _ = await listener.accept()
                conn.close()

    asyncio.run(main())


# -- ECONNRESET mid-stream ----------------------------------------------------------------
@needs_hook
def test_connection_reset_mid_stream(faults: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        a.sendall(b"first")
        assert b.recv(5) == b"first"
        faults("recv", errno.ECONNRESET)
        with pytest.raises(ConnectionResetError) as caught:
            b.recv(10)
        assert isinstance(caught.value, ts.error)
        faults("send", limit=100)
        faults("send", errno.ECONNRESET)
        with pytest.raises(ConnectionResetError):
            a.sendall(b"y" * 1000)
        a.shutdown(ts.SHUT_WR)
        assert _read_all(b) == b"y" * 100  # what went before the reset, once


# -- short writes: every byte delivered exactly once, in order ----------------------------
def _pattern(size: int) -> bytes:
    return bytes(i * 7 % 251 for i in range(size))


@needs_hook
def test_sendall_after_short_sends_delivers_every_byte_once(faults: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        payload = _pattern(100_000)
        faults("send", limit=1, times=3)
        faults("send", limit=999, times=5)
        a.sendall(payload)
        a.shutdown(ts.SHUT_WR)
        assert _read_all(b) == payload


@needs_hook
def test_sendall_with_a_timeout_after_short_sends(faults: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        a.settimeout(5.0)
        payload = _pattern(50_000)
        faults("send", limit=10, times=2)
        faults("send", errno.EAGAIN)
        faults("send", limit=1000)
        a.sendall(payload)
        a.shutdown(ts.SHUT_WR)
        assert _read_all(b) == payload


@needs_hook
def test_short_sendmsg_reports_the_count(faults: Callable[..., None]) -> None:
    a, b = ts.socketpair()
    with a, b:
        faults("sendmsg", limit=3)
        assert a.sendmsg([b"ab", b"cd", b"ef"]) == 3
        assert a.sendmsg([b"gh"]) == 2
        a.shutdown(ts.SHUT_WR)
        assert _read_all(b) == b"abcgh"


@needs_hook
def test_short_sendmmsg_reports_what_went(faults: Callable[..., None]) -> None:
    tx, rx = _udp()
    with tx, rx:
        faults("sendmmsg", limit=2)
        assert tx.send_many([b"1", b"2", b"3", b"4"]) == 2
        assert tx.send_many([b"3", b"4"]) == 2
        got: List[bytes] = []
        while len(got) < 4:
            got += [data for data, _ in rx.recv_many(8, 16)]
        assert got == [b"1", b"2", b"3", b"4"]


@needs_hook
def test_aio_sendall_after_short_sends_delivers_every_byte_once(faults: Callable[..., None]) -> None:
    payload = _pattern(200_000)

    async def main() -> bytes:
        a, b = _tcp()
        async with aio.wrap(a) as client, aio.wrap(b) as server:
            faults("send", limit=7, times=4)
            faults("send", errno.EAGAIN, times=2)
            faults("send", limit=4096, times=3)

            async def reader() -> bytes:
                got = b""
                while True:
                    data = await server.recv(65536)
                    if not data:
                        return got
                    got += data

            task = asyncio.ensure_future(reader())
            await client.sendall(payload)
            assert client.sendall_progress == len(payload)
            client.shutdown(ts.SHUT_WR)
            return await task

    assert asyncio.run(main()) == payload


# -- partial recvmmsg ---------------------------------------------------------------------
@needs_hook
def test_partial_recvmmsg_loses_nothing(faults: Callable[..., None]) -> None:
    tx, rx = _udp()
    with tx, rx:
        assert tx.send_many([b"%d" % i for i in range(6)]) == 6
        faults("recvmmsg", limit=2)
        first = rx.recv_many(8, 16)
        assert [data for data, _ in first] == [b"0", b"1"]
        got = [data for data, _ in first]
        while len(got) < 6:
            got += [data for data, _ in rx.recv_many(8, 16)]
        assert got == [b"%d" % i for i in range(6)]


# -- MSG_CTRUNC with descriptors in flight ------------------------------------------------
@needs_hook
def test_ctrunc_with_descriptors_in_flight_leaks_none(faults: Callable[..., None]) -> None:
    a, b = ts.socketpair()
    r, w = os.pipe()
    try:
        with a, b:
            a.sendmsg([b"fds"], [Rights([r, w, r])])
            faults("recvmsg", limit=ts.CMSG_SPACE(4))  # room for one or two descriptors of three
            received = b.recv_message(10, [Rights.up_to(3)])
            assert received.data == b"fds"
            assert received.truncated
            kept = [m for m in received.messages if isinstance(m, Rights)]
            assert sum(len(rights.fds) for rights in kept) < 3  # what fitted (CMSG_SPACE rounds up)
            for rights in kept:
                rights.close()
            # The kernel closed the ones that did not fit: no_fd_leak checks the table.
            a.sendmsg([b"fd"], [Rights([r])])
            again = b.recv_message(10, [Rights.up_to(1)])  # no rule left: whole again
            (whole,) = again.messages
            assert isinstance(whole, Rights) and len(whole.fds) == 1 and not again.truncated
            whole.close()
    finally:
        os.close(r)
        os.close(w)


@needs_hook
def test_recvmsg_into_a_raw_room_with_ctrunc(faults: Callable[..., None]) -> None:
    a, b = ts.socketpair()
    r, w = os.pipe()
    try:
        with a, b:
            a.sendmsg([b"x"], [Rights([r, w])])
            faults("recvmsg", limit=0)  # no control room at all
            data, ancdata, flags, _ = b.recvmsg(10, ts.CMSG_SPACE(8))
            assert (data, ancdata) == (b"x", [])
            assert flags & ts.MSG_CTRUNC
    finally:
        os.close(r)
        os.close(w)


@needs_hook
def test_a_rule_applies_only_after_its_skip(faults: Callable[..., None]) -> None:
    a, b = _tcp()
    with a, b:
        faults("send", errno.EPIPE, skip=2)
        assert a.send(b"1") == 1
        assert a.send(b"2") == 1
        with pytest.raises(BrokenPipeError):
            a.send(b"3")
        assert a.send(b"4") == 1
        assert b.recv(3, ts.MSG_WAITALL) == b"124"
        assert FAULTS.ts_fault_injected() == 1
