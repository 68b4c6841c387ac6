"""Semantics that must hold (SPEC section 6): inheritance, collection, closed descriptors,
signals (PEP 475) and the GIL."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import pathlib
import signal
import threading
import time
import types
from typing import Any, Callable, Generator, List, Optional, Tuple

import pytest

import typedsock
from typedsock import InetAddress, StreamSocket

# ---------------------------------------------------------------------------- non-inheritable


def test_new_sockets_are_non_inheritable(stack: contextlib.ExitStack) -> None:
    for family in (typedsock.AF_INET, typedsock.AF_UNIX):
        for kind in (typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM):
            s = stack.enter_context(typedsock.socket(family, kind))
            assert os.get_inheritable(s.fileno()) is False


def test_accepted_sockets_are_non_inheritable(
    stack: contextlib.ExitStack,
    tcp_pair: Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]],
    unix_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    for _, accepted in (tcp_pair, unix_pair):
        assert os.get_inheritable(accepted.fileno()) is False


def test_socketpair_and_fromfd_are_non_inheritable(stack: contextlib.ExitStack) -> None:
    for kind in (typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM):
        a, b = typedsock.socketpair(typedsock.AF_UNIX, kind)
        stack.enter_context(a)
        stack.enter_context(b)
        assert os.get_inheritable(a.fileno()) is False
        assert os.get_inheritable(b.fileno()) is False
    # fromfd of an inheritable descriptor still gives a non-inheritable copy
    os.set_inheritable(a.fileno(), True)
    copy = stack.enter_context(typedsock.fromfd(a.fileno(), typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    assert os.get_inheritable(copy.fileno()) is False


# ---------------------------------------------------------------------------- garbage collection


def _fd_is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError as exc:
        assert exc.errno == errno.EBADF
        return False
    return True


@pytest.mark.parametrize(
    "family,kind",
    [
        (typedsock.AF_INET, typedsock.SOCK_STREAM),
        (typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
    ],
)
def test_collected_unclosed_socket_warns_and_closes(family: int, kind: int) -> None:
    s: Optional[typedsock.Socket[Any]] = typedsock.socket(family, kind)
    assert s is not None
    fd = s.fileno()
    with pytest.warns(ResourceWarning):
        del s
        gc.collect()
    assert not _fd_is_open(fd)


def test_collected_unclosed_socket_in_cycle_warns_and_closes() -> None:
    holder: List[Any] = []
    s = typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM)
    holder.append(s)
    holder.append(holder)  # a reference cycle: only the cycle collector frees it
    fd = s.fileno()
    with pytest.warns(ResourceWarning):
        del s, holder
        gc.collect()
    assert not _fd_is_open(fd)


def test_closed_socket_collects_silently() -> None:
    import warnings

    s = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM)
    s.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        del s
        gc.collect()


# ---------------------------------------------------------------------------- reused descriptor numbers


def test_closed_socket_never_touches_reused_descriptor(tmp_path: pathlib.Path) -> None:
    s = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    fd = s.fileno()
    s.close()
    path = tmp_path / "victim.txt"
    path.write_bytes(b"precious")
    file_fd = os.open(path, os.O_RDWR)
    try:
        if file_fd != fd:  # make the number reused for sure
            os.dup2(file_fd, fd, inheritable=False)
            os.close(file_fd)
            file_fd = fd
        anys: Any = s
        calls: Tuple[Callable[[], object], ...] = (
            lambda: anys.send(b"OVERWRITTEN"),
            lambda: anys.sendall(b"OVERWRITTEN"),
            lambda: anys.sendto(b"OVERWRITTEN", ("127.0.0.1", 9)),
            lambda: anys.recv(100),
            lambda: anys.recv_into(bytearray(100)),
            lambda: anys.recvfrom(100),
            lambda: anys.getsockname(),
            lambda: anys.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE),
            lambda: anys.setblocking(False),
            lambda: anys.settimeout(1.0),
            lambda: anys.shutdown(typedsock.SHUT_RDWR),
        )
        for call in calls:
            with pytest.raises(typedsock.error) as info:
                call()
            assert info.value.errno == errno.EBADF
        assert s.connect_ex(("127.0.0.1", 9)) == errno.EBADF
        s.close()  # must not close the file that now owns the number
        assert s.fileno() == -1
        assert _fd_is_open(fd)
        assert os.get_blocking(fd) is True  # setblocking(False) above did not reach it
        assert os.lseek(fd, 0, os.SEEK_CUR) == 0  # nothing read from it
        assert os.pread(fd, 100, 0) == b"precious"
    finally:
        os.close(file_fd)
    assert path.read_bytes() == b"precious"


def test_collected_closed_socket_does_not_close_reused_descriptor(tmp_path: pathlib.Path) -> None:
    s = typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM)
    fd = s.fileno()
    s.close()
    file_fd = os.open(tmp_path / "f", os.O_RDWR | os.O_CREAT)
    try:
        if file_fd != fd:
            os.dup2(file_fd, fd, inheritable=False)
            os.close(file_fd)
            file_fd = fd
        del s
        gc.collect()
        assert _fd_is_open(fd)
    finally:
        os.close(file_fd)


# ---------------------------------------------------------------------------- signals (PEP 475)


class _Interrupted(Exception):
    pass


@contextlib.contextmanager
def _sigalrm(handler: Any, interval: float, first: Optional[float] = None) -> Generator[None, None, None]:
    """SIGALRM via setitimer, first after ``first`` (default ``interval``) s, then every ``interval``."""
    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, interval if first is None else first, interval)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)


def test_recv_retries_after_signal_handler_returns(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    calls: List[float] = []

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        calls.append(time.monotonic())

    sender = threading.Timer(0.6, a.sendall, args=(b"after the signals",))
    with _sigalrm(handler, 0.1, first=0.05):
        sender.start()
        try:
            data = b.recv(100)
        finally:
            sender.join()
    assert data == b"after the signals"
    assert len(calls) >= 2  # the handler ran (more than once) while recv waited


def test_recvfrom_and_accept_retry_after_signal(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    calls: List[int] = []

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        calls.append(signum)

    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    connector = threading.Timer(0.4, client.connect, args=(tcp_listener.getsockname(),))
    with _sigalrm(handler, 0.1, first=0.05):
        connector.start()
        try:
            conn, addr = tcp_listener.accept()
        finally:
            connector.join()
    stack.enter_context(conn)
    assert addr == client.getsockname()
    assert calls

    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    calls.clear()
    sender = threading.Timer(0.4, a.send, args=(b"dgram",))
    with _sigalrm(handler, 0.1, first=0.05):
        sender.start()
        try:
            data, _ = b.recvfrom(100)
        finally:
            sender.join()
    assert data == b"dgram"
    assert calls


def test_signal_handler_exception_propagates_from_recv(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        raise _Interrupted()

    start = time.monotonic()
    with _sigalrm(handler, 0.1):
        with pytest.raises(_Interrupted):
            b.recv(100)
    assert time.monotonic() - start < 5.0
    # the socket is intact afterwards
    a.sendall(b"ok")
    assert b.recv(100) == b"ok"


def test_signal_handler_exception_propagates_from_accept(tcp_listener: StreamSocket[InetAddress]) -> None:
    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        raise _Interrupted()

    with _sigalrm(handler, 0.1):
        with pytest.raises(_Interrupted):
            tcp_listener.accept()


def test_keyboard_interrupt_stops_blocking_recv(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    _, b = stream_pair
    main = threading.main_thread().ident
    assert main is not None
    # the default SIGINT handler raises KeyboardInterrupt
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    killer = threading.Timer(0.2, signal.pthread_kill, args=(main, signal.SIGINT))
    try:
        killer.start()
        with pytest.raises(KeyboardInterrupt):
            b.recv(100)
    finally:
        killer.join()
        signal.signal(signal.SIGINT, previous)


def test_timeout_counts_remaining_time_across_signals(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    _, b = stream_pair
    b.settimeout(0.8)
    calls: List[int] = []

    def handler(signum: int, frame: Optional[types.FrameType]) -> None:
        calls.append(signum)

    start = time.monotonic()
    with _sigalrm(handler, 0.05):
        with pytest.raises(typedsock.timeout):
            b.recv(100)
    elapsed = time.monotonic() - start
    assert len(calls) >= 3
    # signals every 50 ms neither cut the wait short nor restart it from scratch
    assert 0.7 <= elapsed < 3.0


# ---------------------------------------------------------------------------- the GIL


def test_other_threads_run_while_recv_blocks(
    stream_pair: Tuple[StreamSocket[Any], StreamSocket[Any]],
) -> None:
    a, b = stream_pair
    progress: List[int] = []
    started = threading.Event()

    def worker() -> None:
        started.set()
        deadline = time.monotonic() + 0.3
        n = 0
        while time.monotonic() < deadline:  # pure Python work: needs the GIL
            n += 1
        progress.append(n)
        a.sendall(b"done")

    thread = threading.Thread(target=worker, daemon=True)

    def stuck(signum: int, frame: Optional[types.FrameType]) -> None:
        raise _Interrupted("recv held the GIL: the worker thread could not run")

    # Safety net: if the GIL were held, the worker could not send and recv would hang.
    with _sigalrm(stuck, 0, first=10.0):
        thread.start()
        assert started.wait(10)
        data = b.recv(100)
    thread.join(10)
    assert data == b"done"
    assert progress and progress[0] > 1000


def test_other_threads_run_while_accept_blocks(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    ticks: List[int] = []
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))

    def worker() -> None:
        for i in range(20):
            ticks.append(i)
            time.sleep(0.005)
        client.connect(tcp_listener.getsockname())

    def stuck(signum: int, frame: Optional[types.FrameType]) -> None:
        raise _Interrupted("accept held the GIL")

    thread = threading.Thread(target=worker, daemon=True)
    with _sigalrm(stuck, 0, first=10.0):
        thread.start()
        conn, _ = tcp_listener.accept()
    stack.enter_context(conn)
    thread.join(10)
    assert len(ticks) == 20


def test_concurrent_recv_in_threads(stack: contextlib.ExitStack) -> None:
    pairs: List[Tuple[StreamSocket[Any], StreamSocket[Any]]] = []
    for _ in range(4):
        a, b = typedsock.socketpair()
        stack.enter_context(a)
        stack.enter_context(b)
        pairs.append((a, b))
    results: List[bytes] = []
    lock = threading.Lock()

    def reader(sock: StreamSocket[Any]) -> None:
        data = sock.recv(100)
        with lock:
            results.append(data)

    threads = [threading.Thread(target=reader, args=(b,), daemon=True) for _, b in pairs]
    for t in threads:
        t.start()
    time.sleep(0.1)  # all four are blocked in recv at once
    for i, (a, _) in enumerate(pairs):
        a.sendall(b"msg%d" % i)
    for t in threads:
        t.join(10)
        assert not t.is_alive()
    assert sorted(results) == [b"msg0", b"msg1", b"msg2", b"msg3"]
