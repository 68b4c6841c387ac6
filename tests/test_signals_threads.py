"""Signals (PEP 475) and threads, for every call that blocks.

Each scenario below sets up one blocking call on real sockets (loopback and
AF_UNIX) and says what a peer does later to let it complete.  The same scenarios
are then interrupted by SIGALRM (``signal.setitimer``) whose handler returns (the
call resumes and completes once the peer acts) or raises (the exception comes out
of the call), by SIGINT (``KeyboardInterrupt``), bounded by a timeout that signals
must not reset, and run beside a busy thread (the GIL is released while blocked).

Closing a socket from another thread while a thread is blocked in it behaves as
follows on Linux (documented in ``test_close_from_another_thread_*``):

* ``close()`` alone does not wake a thread blocked in ``recv``/``accept``: the kernel
  keeps the socket alive until the blocked call returns.  The call returns what the
  peer does next (data, or ``b''`` when it shuts down).
* ``shutdown(SHUT_RDWR)`` before ``close()`` wakes it at once: ``recv`` returns ``b''``,
  ``accept`` raises ``error`` (EINVAL).
* Any retry after the close (a signal interrupted the call, or a timed wait ended)
  uses descriptor -1 and raises ``error`` with EBADF: it never reaches a descriptor
  number that has been reused meanwhile.

Every wait is bounded: scenarios release after well under a second, joins and
timeouts are a few seconds, and conftest's watchdog fails a test stuck for 30 s.
(SPEC section 6; the descriptor half of it is test_descriptors.py.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import random
import signal
import struct
import threading
import time
import types
from dataclasses import dataclass
from typing import Any, Callable, Dict, Generator, Iterator, List, Optional, Tuple, cast

import pytest

import typedsock
from typedsock import InetAddress, UnixAddress

Handler = Callable[[int, Optional[types.FrameType]], Any]


class Interrupted(Exception):
    """Raised by a test's signal handler."""


@contextlib.contextmanager
def alarm(handler: Handler, first: float, interval: float = 0.0) -> Generator[List[float], None, None]:
    """SIGALRM after ``first`` seconds (then every ``interval``); yields the times the handler ran."""
    calls: List[float] = []

    def counting(signum: int, frame: Optional[types.FrameType]) -> Any:
        calls.append(time.monotonic())
        return handler(signum, frame)

    previous = signal.signal(signal.SIGALRM, counting)
    signal.setitimer(signal.ITIMER_REAL, first, interval)
    try:
        yield calls
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)


def ignore(signum: int, frame: Optional[types.FrameType]) -> None:
    pass


def interrupt(signum: int, frame: Optional[types.FrameType]) -> None:
    raise Interrupted(f"signal {signum}")


class Later:
    """Run ``action`` in a thread after ``delay`` seconds; ``join()`` re-raises its error."""

    def __init__(self, delay: float, action: Callable[[], object]) -> None:
        self.errors: List[BaseException] = []

        def run() -> None:
            time.sleep(delay)
            try:
                action()
            except BaseException as exc:  # reported by join()
                self.errors.append(exc)

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self, timeout: float = 15.0) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the peer's action did not finish"
        if self.errors:
            raise self.errors[0]


# ---------------------------------------------------------------------------- scenarios


@dataclass
class Blocked:
    """One blocking call: ``call()`` blocks until ``release()`` (from another thread) lets it finish."""

    sock: Any  # the socket the call blocks on (timeouts are set on it)
    call: Callable[[], object]
    release: Callable[[], None]
    check: Callable[[object], None]
    # The same call made again after an interrupted one completes once the peer acts.  Not
    # connect(): an interrupted connect leaves the connection in progress (EALREADY).
    resumable: bool = True


Scenario = Callable[[contextlib.ExitStack, pathlib.Path], Blocked]


def _accept_inet(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen()
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))

    def check(result: object) -> None:
        conn, peer = cast(Tuple[Any, Any], result)
        stack.enter_context(conn)
        assert peer == client.getsockname()
        conn.sendall(b"accepted")
        assert client.recv(100) == b"accepted"

    return Blocked(listener, listener.accept, lambda: client.connect(listener.getsockname()), check)


def _accept_unix(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    listener.bind(str(folder / "accept.sock"))
    listener.listen()
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))

    def check(result: object) -> None:
        conn = stack.enter_context(cast(Tuple[Any, Any], result)[0])
        conn.sendall(b"accepted")
        assert client.recv(100) == b"accepted"

    return Blocked(listener, listener.accept, lambda: client.connect(str(folder / "accept.sock")), check)


def _pair(stack: contextlib.ExitStack, kind: int = typedsock.SOCK_STREAM) -> Tuple[Any, Any]:
    a, b = typedsock.socketpair(typedsock.AF_UNIX, kind)
    return stack.enter_context(a), stack.enter_context(b)


def _recv(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a, b = _pair(stack)
    return Blocked(b, lambda: b.recv(100), lambda: a.sendall(b"payload"), lambda r: _equal(r, b"payload"))


def _recv_tcp(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen()
    a = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    a.connect(listener.getsockname())
    b = stack.enter_context(listener.accept()[0])
    return Blocked(b, lambda: b.recv(100), lambda: a.sendall(b"payload"), lambda r: _equal(r, b"payload"))


def _recv_into(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a, b = _pair(stack)
    buffer = bytearray(100)

    def check(result: object) -> None:
        assert result == 7 and buffer[:7] == b"payload"

    return Blocked(b, lambda: b.recv_into(buffer), lambda: a.sendall(b"payload"), check)


def _recvfrom_dgram(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a, b = _pair(stack, typedsock.SOCK_DGRAM)
    return Blocked(
        b, lambda: b.recvfrom(100), lambda: a.send(b"datagram"), lambda r: _equal(r, (b"datagram", UnixAddress("")))
    )


def _recv_fds(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a, b = _pair(stack)
    r, w = os.pipe()
    stack.callback(os.close, r)
    stack.callback(os.close, w)

    def check(result: object) -> None:
        data, fds, _, _ = cast(Tuple[bytes, List[int], int, Any], result)
        for fd in fds:
            stack.callback(os.close, fd)
        assert data == b"fds" and len(fds) == 1

    def release() -> None:
        a.send_fds([b"fds"], [r])

    return Blocked(b, lambda: b.recv_fds(100, 2), release, check)


def _recv_many(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    b = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    a.bind(InetAddress.loopback(0))
    b.bind(InetAddress.loopback(0))
    def release() -> None:
        a.sendto(b"many", b.getsockname())

    return Blocked(b, lambda: b.recv_many(4, 100), release, lambda r: _equal(r, [(b"many", a.getsockname())]))


def _fill(sender: Any) -> int:
    """Send until the socket's buffers are full; returns how many bytes went."""
    sender.setblocking(False)
    filled = 0
    chunk = b"f" * 65536
    while True:
        try:
            filled += sender.send(chunk)
        except BlockingIOError:
            break
    sender.setblocking(True)
    return filled


def _read_exactly(sock: Any, n: int) -> bytes:
    parts: List[bytes] = []
    while n:
        data = sock.recv(min(n, 1 << 20))
        assert data, "end of stream before all bytes arrived"
        parts.append(data)
        n -= len(data)
    return b"".join(parts)


def _send(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a, b = _pair(stack)
    a.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDBUF, 16384)
    filled = _fill(a)
    payload = b"p" * 4096  # fits once the peer has read what filled the buffers
    b.settimeout(10.0)

    def check(result: object) -> None:
        assert isinstance(result, int) and 0 < result <= len(payload)
        assert _read_exactly(b, result) == payload[:result]

    return Blocked(a, lambda: a.send(payload), lambda: _equal(_read_exactly(b, filled), b"f" * filled), check)


def _sendall(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
    a, b = _pair(stack)
    a.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDBUF, 16384)
    filled = _fill(a)
    payload = random.Random(7).randbytes(300_000)
    b.settimeout(10.0)
    drained: List[bytes] = []
    done = threading.Event()

    def release() -> None:
        drained.append(_read_exactly(b, filled + len(payload)))
        done.set()

    def check(result: object) -> None:
        assert result is None
        assert done.wait(10.0)
        assert drained[0] == b"f" * filled + payload

    return Blocked(a, lambda: a.sendall(payload), release, check)


def _backlogged(stack: contextlib.ExitStack, family: int, folder: pathlib.Path) -> Tuple[Any, Any]:
    """A listener with listen(0) and its one queue slot taken: the next connect blocks."""
    listener = stack.enter_context(typedsock.socket(family, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0) if family == typedsock.AF_INET else str(folder / "backlog.sock"))
    listener.listen(0)
    filler = stack.enter_context(typedsock.socket(family, typedsock.SOCK_STREAM))
    filler.connect(listener.getsockname())
    return listener, filler


def _connect(family: int) -> Scenario:
    def scenario(stack: contextlib.ExitStack, folder: pathlib.Path) -> Blocked:
        listener, _ = _backlogged(stack, family, folder)
        address = listener.getsockname()
        client = stack.enter_context(typedsock.socket(family, typedsock.SOCK_STREAM))
        listener.settimeout(10.0)

        def release() -> None:
            stack.enter_context(listener.accept()[0])  # frees the queue slot

        def check(result: object) -> None:
            assert result is None
            assert client.getpeername() == address, "connect() returned but the socket is not connected"
            conn = stack.enter_context(listener.accept()[0])
            conn.sendall(b"connected")
            client.settimeout(10.0)
            assert client.recv(100) == b"connected"

        return Blocked(client, lambda: client.connect(address), release, check, resumable=False)

    return scenario


def _equal(result: object, expected: object) -> None:
    assert result == expected


SCENARIOS: Dict[str, Scenario] = {
    "accept-inet": _accept_inet,
    "accept-unix": _accept_unix,
    "recv-unix": _recv,
    "recv-tcp": _recv_tcp,
    "recv_into": _recv_into,
    "recvfrom-dgram": _recvfrom_dgram,
    "recv_fds": _recv_fds,
    "recv_many": _recv_many,
    "send": _send,
    "sendall": _sendall,
    "connect-tcp": _connect(typedsock.AF_INET),
    "connect-unix": _connect(typedsock.AF_UNIX),
}
# A timed AF_UNIX connect to a full backlog fails at once with BlockingIOError (EAGAIN), as in CPython.
TIMED_SCENARIOS = sorted(set(SCENARIOS) - {"connect-unix"})


@pytest.fixture(params=sorted(SCENARIOS))
def blocked(request: pytest.FixtureRequest, stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> Blocked:
    return SCENARIOS[request.param](stack, sock_dir)


@pytest.fixture(params=TIMED_SCENARIOS)
def timed(request: pytest.FixtureRequest, stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> Blocked:
    return SCENARIOS[request.param](stack, sock_dir)


# ---------------------------------------------------------------------------- PEP 475


def test_blocking_call_resumes_after_a_handler_that_returns(blocked: Blocked) -> None:
    peer = Later(0.5, blocked.release)
    try:
        with alarm(ignore, 0.05, 0.1) as calls:
            result = blocked.call()
    finally:
        peer.join()
    assert len(calls) >= 2, "the handler ran while the call waited"
    blocked.check(result)


def test_handler_exception_propagates_out_of_a_blocking_call(blocked: Blocked) -> None:
    start = time.monotonic()
    with alarm(interrupt, 0.2) as calls:
        with pytest.raises(Interrupted):
            blocked.call()
    assert len(calls) == 1
    assert time.monotonic() - start < 5.0
    if blocked.resumable:  # the interrupted call left the socket as it was
        peer = Later(0.2, blocked.release)
        try:
            result = blocked.call()
        finally:
            peer.join()
        blocked.check(result)


def _sigint_from_a_thread() -> Callable[[], None]:
    """SIGINT to the process from another thread: Linux delivers it to the blocked main thread."""
    pid = os.getpid()
    return lambda: os.kill(pid, signal.SIGINT)


def _raise_sigint(signum: int, frame: Optional[types.FrameType]) -> None:
    signal.raise_signal(signal.SIGINT)


@pytest.mark.parametrize("via", ["os.kill-from-a-thread", "raise_signal-in-a-handler"])
def test_keyboard_interrupt_stops_a_blocking_call(blocked: Blocked, via: str) -> None:
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        if via == "os.kill-from-a-thread":
            killer = Later(0.2, _sigint_from_a_thread())
            try:
                with pytest.raises(KeyboardInterrupt):
                    blocked.call()
            finally:
                killer.join()
        else:
            with alarm(_raise_sigint, 0.2):
                with pytest.raises(KeyboardInterrupt):
                    blocked.call()
    finally:
        signal.signal(signal.SIGINT, previous)


def test_timeout_keeps_the_remaining_time_across_signals(timed: Blocked) -> None:
    timed.sock.settimeout(0.6)
    start = time.monotonic()
    with alarm(ignore, 0.05, 0.05) as calls:
        with pytest.raises(typedsock.timeout):
            timed.call()
    elapsed = time.monotonic() - start
    assert len(calls) >= 5
    # signals every 50 ms neither cut the wait short nor restart it
    assert 0.55 <= elapsed < 3.0, elapsed


@pytest.mark.parametrize("seconds", [3e6, 1e9], ids=["35-days", "31-years"])
@pytest.mark.parametrize("scenario", ["recv-unix", "accept-inet", "connect-tcp", "send"])
def test_a_long_timeout_is_a_wait_not_an_error(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path, scenario: str, seconds: float
) -> None:
    """settimeout accepts the value, so a blocking call must wait (here: until a signal), not overflow."""
    blocked = SCENARIOS[scenario](stack, sock_dir)
    blocked.sock.settimeout(seconds)
    with alarm(interrupt, 0.2):
        with pytest.raises(Interrupted):
            blocked.call()


# ---------------------------------------------------------------------------- the GIL


def test_other_threads_run_while_a_call_blocks(blocked: Blocked) -> None:
    progress: List[int] = []

    def busy_then_release() -> None:
        deadline = time.monotonic() + 0.3
        n = 0
        while time.monotonic() < deadline:  # pure Python: needs the GIL
            n += 1
        progress.append(n)
        blocked.release()

    worker = Later(0.0, busy_then_release)
    try:
        with alarm(interrupt, 10.0):  # if the GIL were held, the worker could never release the call
            result = blocked.call()
    finally:
        worker.join()
    blocked.check(result)
    assert progress and progress[0] > 1000


# ---------------------------------------------------------------------------- closing from another thread


class Blocker:
    """Runs ``call`` in a thread; records its result or exception."""

    def __init__(self, call: Callable[[], object]) -> None:
        self.result: List[object] = []
        self.error: List[BaseException] = []
        self.started = threading.Event()

        def run() -> None:
            # Only SIGUSR2 (pthread_kill from the test) may reach this thread: if the call
            # never returns (a library bug), the thread must not swallow later tests' signals.
            signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.valid_signals()) - {signal.SIGUSR2})
            self.started.set()
            try:
                self.result.append(call())
            except BaseException as exc:  # examined by the test
                self.error.append(exc)

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert self.started.wait(5.0)
        time.sleep(0.2)  # now inside the blocking call
        assert self.thread.is_alive()

    @property
    def ident(self) -> int:
        assert self.thread.ident is not None
        return self.thread.ident

    def finished_within(self, seconds: float) -> bool:
        self.thread.join(seconds)
        return not self.thread.is_alive()


@pytest.fixture
def sigusr2() -> Iterator[None]:
    """A Python handler for SIGUSR2 (does nothing): pthread_kill interrupts a thread's system call."""
    previous = signal.signal(signal.SIGUSR2, ignore)
    yield
    signal.signal(signal.SIGUSR2, previous)


def test_close_from_another_thread_wakes_a_blocked_recv_with_ebadf(stack: contextlib.ExitStack) -> None:
    """close() while a recv waits in the kernel: close shuts the socket down, which wakes
    the recv (the standard module's would wait on until the peer acts), and the recv
    raises EBADF; the descriptor is closed once it returned."""
    a, b = _pair(stack)
    blocker = Blocker(lambda: b.recv(100))
    b.close()
    assert b.fileno() == -1
    assert blocker.finished_within(5.0), "close() did not wake the recv in flight"
    assert len(blocker.error) == 1 and isinstance(blocker.error[0], typedsock.error)
    assert blocker.error[0].errno == errno.EBADF
    assert a.recv(100) == b""  # the peer sees the end of the stream
    with pytest.raises(typedsock.error) as info:
        b.recv(100)
    assert info.value.errno == errno.EBADF


def test_close_from_another_thread_with_shutdown_wakes_recv(stack: contextlib.ExitStack) -> None:
    _, b = _pair(stack)
    blocker = Blocker(lambda: b.recv(100))
    b.shutdown(typedsock.SHUT_RDWR)
    b.close()
    assert blocker.finished_within(5.0)
    # what the shutdown gave it, or EBADF when close() came before the woken call got back
    if blocker.error:
        assert isinstance(blocker.error[0], typedsock.error) and blocker.error[0].errno == errno.EBADF
    else:
        assert blocker.result == [b""]


def test_close_from_another_thread_with_shutdown_wakes_accept(stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen()
    blocker = Blocker(listener.accept)
    listener.shutdown(typedsock.SHUT_RDWR)
    listener.close()
    assert blocker.finished_within(5.0)
    assert len(blocker.error) == 1 and isinstance(blocker.error[0], typedsock.error)
    assert blocker.error[0].errno in (errno.EINVAL, errno.EBADF)  # (EBADF: close() came first, as above)


def test_close_from_another_thread_wakes_accept(stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen()
    blocker = Blocker(listener.accept)
    listener.close()
    assert blocker.finished_within(5.0), "close() did not wake the accept in flight"
    assert len(blocker.error) == 1 and isinstance(blocker.error[0], typedsock.error)
    assert blocker.error[0].errno == errno.EBADF


def test_close_from_another_thread_then_signal_raises_ebadf_and_spares_the_reused_number(
    stack: contextlib.ExitStack, sigusr2: None, sock_dir: pathlib.Path
) -> None:
    _, b = _pair(stack)
    fd = b.fileno()
    blocker = Blocker(lambda: b.recv(100))
    b.close()
    assert blocker.finished_within(5.0)  # (close() wakes it; the number is free once it returned)
    victim = sock_dir / "victim"
    victim.write_bytes(b"precious")
    new = os.open(victim, os.O_RDWR)
    if new != fd:
        os.dup2(new, fd, inheritable=False)
        os.close(new)
    stack.callback(os.close, fd)
    assert len(blocker.error) == 1 and isinstance(blocker.error[0], typedsock.error)
    assert blocker.error[0].errno == errno.EBADF
    calls: List[Callable[[], object]] = [
        lambda: b.recv(100), lambda: b.send(b"x"), lambda: b.shutdown(typedsock.SHUT_RDWR),
        lambda: b.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE),
    ]
    for call in calls:
        with pytest.raises(typedsock.error) as info:
            call()
        assert info.value.errno == errno.EBADF
    assert os.lseek(fd, 0, os.SEEK_CUR) == 0 and os.pread(fd, 100, 0) == b"precious"
    assert victim.read_bytes() == b"precious"


def test_close_from_another_thread_during_a_timed_recv_raises_ebadf(stack: contextlib.ExitStack) -> None:
    _, b = _pair(stack)
    b.settimeout(20.0)
    blocker = Blocker(lambda: b.recv(100))
    start = time.monotonic()
    b.close()
    assert blocker.finished_within(5.0), "a timed wait on a closed socket waited for its whole timeout"
    assert time.monotonic() - start < 5.0
    assert len(blocker.error) == 1 and isinstance(blocker.error[0], typedsock.error)
    assert blocker.error[0].errno == errno.EBADF


def test_close_from_another_thread_then_signal_does_not_hang_connect(
    stack: contextlib.ExitStack, sigusr2: None, sock_dir: pathlib.Path
) -> None:
    """A blocking TCP connect, closed from another thread and then interrupted by a signal,
    must end (the standard module raises EBADF) instead of waiting forever on descriptor -1."""
    listener, _ = _backlogged(stack, typedsock.AF_INET, sock_dir)
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    blocker = Blocker(lambda: client.connect(listener.getsockname()))
    client.close()  # (wakes the connect: the signal finds the call over, or still in it)
    if blocker.thread.is_alive():
        signal.pthread_kill(blocker.ident, signal.SIGUSR2)
    time.sleep(0.2)
    stack.enter_context(listener.accept()[0])  # the connection could now complete
    assert blocker.finished_within(5.0), "connect() hangs: it polls descriptor -1 with no timeout"
    assert len(blocker.error) == 1 and isinstance(blocker.error[0], typedsock.error)
    assert blocker.error[0].errno == errno.EBADF


# ---------------------------------------------------------------------------- stress


def _record(stream: int, seq: int) -> bytes:
    """A sequenced record: header (stream, seq, length) and a body derived from them."""
    rng = random.Random(stream * 1_000_003 + seq)
    body = rng.randbytes(rng.randrange(0, 3000))
    return struct.pack("!IIH", stream, seq, len(body)) + body


def _connected_streams(stack: contextlib.ExitStack, folder: pathlib.Path, count: int) -> List[Tuple[Any, Any]]:
    pairs: List[Tuple[Any, Any]] = []
    tcp = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    tcp.bind(InetAddress.loopback(0))
    tcp.listen(count)
    unix = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    unix.bind(str(folder / "stress.sock"))
    unix.listen(count)
    for i in range(count):
        if i % 3 == 0:
            a, b = typedsock.socketpair()
            pairs.append((stack.enter_context(a), stack.enter_context(b)))
            continue
        listener = tcp if i % 3 == 1 else unix
        client = stack.enter_context(typedsock.socket(listener.family, typedsock.SOCK_STREAM))
        client.connect(listener.getsockname())
        pairs.append((client, stack.enter_context(listener.accept()[0])))
    return pairs


@pytest.mark.watchdog(60)
def test_stress_many_threads_many_streams_every_byte_in_order(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> None:
    """8 sender threads x 3 connections each (socketpair, TCP, AF_UNIX by path), one receiver
    thread per connection with random read sizes; every record arrives intact and in order."""
    senders, per_sender, duration = 8, 3, 2.0
    pairs = _connected_streams(stack, sock_dir, senders * per_sender)
    for a, b in pairs:
        a.settimeout(20.0)
        b.settimeout(20.0)
    sent_counts: List[int] = [0] * len(pairs)
    received: List[int] = [0] * len(pairs)
    failures: List[str] = []
    stop = time.monotonic() + duration

    def sender(index: int) -> None:
        mine = list(range(index * per_sender, (index + 1) * per_sender))
        rng = random.Random(index)
        seq = {stream: 0 for stream in mine}
        try:
            while time.monotonic() < stop:
                stream = rng.choice(mine)
                record = _record(stream, seq[stream])
                sock = pairs[stream][0]
                if rng.random() < 0.5:
                    sock.sendall(record)
                else:
                    view = memoryview(record)
                    while view:
                        view = view[sock.send(view):]
                seq[stream] += 1
            for stream in mine:
                sent_counts[stream] = seq[stream]
                pairs[stream][0].shutdown(typedsock.SHUT_WR)
        except BaseException as exc:
            failures.append(f"sender {index}: {exc!r}")

    def receiver(stream: int) -> None:
        sock = pairs[stream][1]
        rng = random.Random(1000 + stream)
        buffer = b""
        seq = 0
        scratch = bytearray(8192)
        try:
            while True:
                if rng.random() < 0.5:
                    data = sock.recv(rng.randrange(1, 8192))
                else:
                    n = sock.recv_into(scratch, rng.randrange(1, 8192))
                    data = bytes(scratch[:n])
                if not data:
                    break
                buffer += data
                while len(buffer) >= 10:
                    s, q, length = struct.unpack("!IIH", buffer[:10])
                    if len(buffer) < 10 + length:
                        break
                    expected = _record(stream, seq)
                    if (s, q) != (stream, seq) or buffer[: 10 + length] != expected:
                        failures.append(f"stream {stream}: record {seq} corrupt or out of order (got {s}/{q})")
                        return
                    buffer = buffer[10 + length :]
                    seq += 1
            if buffer:
                failures.append(f"stream {stream}: {len(buffer)} trailing bytes")
            received[stream] = seq
        except BaseException as exc:
            failures.append(f"receiver {stream}: {exc!r}")

    threads = [threading.Thread(target=sender, args=(i,), daemon=True) for i in range(senders)]
    threads += [threading.Thread(target=receiver, args=(i,), daemon=True) for i in range(len(pairs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(40.0)
        assert not t.is_alive(), "a stress thread did not finish"
    assert failures == []
    assert received == sent_counts
    assert sum(received) > 100


@pytest.mark.watchdog(60)
def test_stress_datagrams_from_many_threads_keep_their_senders(stack: contextlib.ExitStack) -> None:
    """Threads share one UDP receiver (recvfrom, recv_many) while many senders send sequenced
    datagrams: each datagram comes intact and with its own sender's address (no shared
    scratch buffers between threads), and none arrives twice."""
    receiver = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    receiver.bind(InetAddress.loopback(0))
    receiver.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 1 << 21)
    receiver.settimeout(0.5)
    senders = [stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM)) for _ in range(8)]
    ports: Dict[Any, int] = {}
    for index, sock in enumerate(senders):
        sock.bind(InetAddress.loopback(0))
        ports[sock.getsockname()] = index
    per_sender = 400
    failures: List[str] = []
    seen: Dict[int, List[int]] = {i: [] for i in range(len(senders))}
    lock = threading.Lock()

    def send(index: int) -> None:
        sock = senders[index]
        for seq in range(per_sender):
            payload = struct.pack("!II", index, seq) + bytes([index]) * (seq % 200)
            sock.sendto(payload, receiver.getsockname())
            if seq % 50 == 0:
                time.sleep(0.001)

    def receive(use_many: bool) -> None:
        try:
            while True:
                try:
                    batch = receiver.recv_many(8, 512) if use_many else [receiver.recvfrom(512)]
                except typedsock.timeout:
                    return
                for data, address in batch:
                    index, seq = struct.unpack("!II", data[:8])
                    if ports.get(address) != index:
                        failures.append(f"datagram of sender {index} reported from {address}")
                    if data[8:] != bytes([index]) * (seq % 200):
                        failures.append(f"datagram {index}/{seq} corrupt")
                    with lock:
                        seen[index].append(seq)
        except BaseException as exc:
            failures.append(repr(exc))

    receivers = [threading.Thread(target=receive, args=(i % 2 == 0,), daemon=True) for i in range(4)]
    sending = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(senders))]
    for t in receivers + sending:
        t.start()
    for t in sending + receivers:
        t.join(40.0)
        assert not t.is_alive()
    assert failures == []
    total = sum(len(v) for v in seen.values())
    assert total >= per_sender * len(senders) * 0.9, f"only {total} datagrams arrived"
    for index, seqs in seen.items():
        assert len(set(seqs)) == len(seqs), f"sender {index}: a datagram arrived twice"
