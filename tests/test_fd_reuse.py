"""close() from one thread while others call on the socket: the descriptor number is never
freed under a call in flight, so no call on a closed socket reaches a reused number.

Every call goes through the socket's handle (csrc/shim.c, ``ts_fd``): it counts the calls
in flight, and the descriptor is closed by close() when none is, else by the last call
out.  The long run of this is ``nox -s stress`` (tests/soak/stress_threads.py).
"""

# The handle (``_h``) and ``_held`` are what every call does first: a test stands in for a call.
# pyright: reportPrivateUsage=false

from __future__ import annotations

import errno
import os
import random
import sys
import threading
import time
from typing import Callable, Dict, Iterator, List

import pytest

import typedsock
from typedsock import InetAddress, UnixAddress
from typedsock._timeouts import unhold

Sock = typedsock.StreamSocket[UnixAddress]


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError as exc:
        assert exc.errno == errno.EBADF
        return False
    return True


def _ebadf(call: Callable[[], object]) -> None:
    with pytest.raises(typedsock.error) as info:
        call()
    assert info.value.errno == errno.EBADF


@pytest.fixture
def pair() -> Iterator[List[Sock]]:
    a, b = typedsock.socketpair()
    yield [a, b]
    a.close()
    b.close()


def test_close_with_a_call_in_flight_keeps_the_number_until_the_call_returns(pair: List[Sock]) -> None:
    a, b = pair
    fd = b._held()  # what every call does first: b's descriptor, counted in
    b.close()
    assert b.fileno() == -1
    assert _is_open(fd), "close() freed the number while a call held it"
    new_r, new_w = os.pipe()  # a new descriptor cannot take the number
    try:
        assert fd not in (new_r, new_w)
        _ebadf(lambda: b.recv(1))  # calls after close(): EBADF, never the kernel's view of fd
        _ebadf(lambda: b.send(b"x"))
        _ebadf(lambda: b.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE))
        assert a.recv(10) == b""  # close() shut the socket down for the call in flight
    finally:
        os.close(new_r)
        os.close(new_w)
    assert unhold(b._h) == 0  # the last call out closes the descriptor
    assert not _is_open(fd)


def test_close_without_a_call_in_flight_closes_at_once(pair: List[Sock]) -> None:
    a, b = pair
    fd = b.fileno()
    a.sendall(b"kept")  # no call in flight: no shutdown, the data stays readable for the peer's peer
    b.close()
    assert not _is_open(fd)


def test_detach_with_a_call_in_flight_never_closes_the_descriptor(pair: List[Sock]) -> None:
    _, b = pair
    fd = b._held()
    assert b.detach() == fd
    unhold(b._h)  # the last call out of a detached socket leaves the descriptor alone
    assert _is_open(fd)
    os.close(fd)


@pytest.mark.parametrize("timeout", [None, 30.0], ids=["blocking", "timeout"])
@pytest.mark.parametrize("call", ["recv", "recv_into", "recvfrom", "sendall", "recv_message"])
def test_close_wakes_a_call_waiting_in_it_with_ebadf(pair: List[Sock], call: str, timeout: object) -> None:
    a, b = pair
    b.settimeout(timeout)  # type: ignore[arg-type]
    if call == "sendall":
        b.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDBUF, 4096)
    calls: Dict[str, Callable[[], object]] = {
        "recv": lambda: b.recv(10),
        "recv_into": lambda: b.recv_into(bytearray(10)),
        "recvfrom": lambda: b.recvfrom(10),
        "sendall": lambda: b.sendall(b"x" * (1 << 24)),  # more than the buffers hold: waits
        "recv_message": lambda: b.recv_message(10),
    }
    errors: List[BaseException] = []

    def run() -> None:
        try:
            calls[call]()
        except BaseException as exc:  # examined below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.2)
    assert thread.is_alive()
    fd = b.fileno()
    b.close()
    thread.join(5.0)
    assert not thread.is_alive(), f"close() did not wake {call}"
    assert len(errors) == 1 and isinstance(errors[0], typedsock.error), errors
    assert errors[0].errno == errno.EBADF
    assert not _is_open(fd) or fd in (a.fileno(),)


def test_close_wakes_a_blocking_accept_and_connect() -> None:
    with typedsock.socket(typedsock.AF_INET) as listener:
        listener.bind(InetAddress.loopback(0))
        listener.listen()
        errors: List[BaseException] = []

        def run() -> None:
            try:
                listener.accept()
            except BaseException as exc:  # examined below
                errors.append(exc)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        time.sleep(0.2)
        listener.close()
        thread.join(5.0)
        assert not thread.is_alive()
        assert len(errors) == 1 and isinstance(errors[0], typedsock.error) and errors[0].errno == errno.EBADF


def test_threads_closing_and_reopening_never_reach_a_reused_number() -> None:
    """The race CPython's socket module has: thread A reads the descriptor, B closes the
    socket, C opens a pipe that takes the number, A's send lands on the pipe.  Here the
    senders' bytes never appear on a pipe, and no send gets ENOTSOCK."""
    stop = threading.Event()
    slots: List[List[Sock]] = [list(typedsock.socketpair()) for _ in range(3)]
    problems: List[str] = []
    retired: List[Sock] = []
    previous = sys.getswitchinterval()

    def sender(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            sock = slots[rng.randrange(3)][rng.randrange(2)]
            try:
                sock.send(b"\xaa" * 64, typedsock.MSG_DONTWAIT)
            except OSError as exc:
                if exc.errno == errno.ENOTSOCK:
                    problems.append("a send reached a reused number (a pipe)")
                elif exc.errno not in (errno.EBADF, errno.EPIPE, errno.EAGAIN, errno.ECONNRESET):
                    problems.append(f"send: {exc!r}")

    def closer() -> None:
        rng = random.Random(7)
        while not stop.is_set():
            index = rng.randrange(3)
            old = slots[index]
            slots[index] = list(typedsock.socketpair())
            old[rng.randrange(2)].close()
            retired.extend(old)

    def opener() -> None:
        while not stop.is_set():
            r, w = os.pipe2(os.O_NONBLOCK)
            try:
                time.sleep(0.0002)
                try:
                    data = os.read(r, 64)
                except BlockingIOError:
                    data = b""
                if data:
                    problems.append(f"bytes of a stressed socket on a pipe: {data[:8]!r}")
            finally:
                os.close(r)
                os.close(w)

    threads = [threading.Thread(target=sender, args=(k,)) for k in range(3)]
    threads += [threading.Thread(target=closer), threading.Thread(target=opener), threading.Thread(target=opener)]
    sys.setswitchinterval(1e-6)
    try:
        for t in threads:
            t.start()
        time.sleep(2.0)
    finally:
        stop.set()
        for t in threads:
            t.join(10.0)
        sys.setswitchinterval(previous)
        for sock in retired + [s for slot in slots for s in slot]:
            sock.close()
    assert not any(t.is_alive() for t in threads)
    assert not problems, problems[:5]
