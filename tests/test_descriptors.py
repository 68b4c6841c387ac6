"""Descriptor safety: close, reuse of descriptor numbers, detach, collection, leaks, CLOEXEC.

A socket library owns kernel descriptors, and a descriptor number is reused by the
next ``open()`` the moment it is closed.  These tests check that typedsock never
reaches a number it no longer owns, never leaks one, and never lets one escape
into a child process (PEP 446).  (SPEC section 6; the signal and thread half of it is
test_signals_threads.py.)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import pathlib
import socket as stdlib
import subprocess
import sys
import warnings
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

import pytest

import typedsock
from typedsock import InetAddress, StreamSocket, options

if TYPE_CHECKING:
    from conftest import FdTable


# ---------------------------------------------------------------------------- every way to get a socket


Factory = Callable[[contextlib.ExitStack], Any]


def _listener(stack: contextlib.ExitStack) -> StreamSocket[InetAddress]:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen()
    return listener


def _accepted(stack: contextlib.ExitStack) -> Any:
    listener = _listener(stack)
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(listener.getsockname())
    return listener.accept()[0]


def _socketpair_end(stack: contextlib.ExitStack) -> Any:
    a, b = typedsock.socketpair()
    stack.enter_context(b)
    return a


def _fromfd(stack: contextlib.ExitStack) -> Any:
    original = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    return typedsock.fromfd(original.fileno(), typedsock.AF_UNIX, typedsock.SOCK_DGRAM)


def _dup(stack: contextlib.ExitStack) -> Any:
    original = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    return original.dup()


def _from_stdlib(stack: contextlib.ExitStack) -> Any:
    return typedsock.from_stdlib(stdlib.socket(stdlib.AF_INET, stdlib.SOCK_STREAM))


def _from_fileno(stack: contextlib.ExitStack) -> Any:
    return typedsock.socket(fileno=stdlib.socket(stdlib.AF_UNIX, stdlib.SOCK_STREAM).detach())


def _create_connection(stack: contextlib.ExitStack) -> Any:
    return typedsock.create_connection(_listener(stack).getsockname(), timeout=5.0)


def _create_server(stack: contextlib.ExitStack) -> Any:
    return typedsock.create_server(("127.0.0.1", 0))


FACTORIES: Dict[str, Factory] = {
    "socket-inet-stream": lambda stack: typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM),
    "socket-inet-dgram": lambda stack: typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM),
    "socket-unix-stream": lambda stack: typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM),
    "socket-unix-dgram": lambda stack: typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
    "socket-nonblock": lambda stack: typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM | typedsock.SOCK_NONBLOCK),
    "accept": _accepted,
    "socketpair": _socketpair_end,
    "fromfd": _fromfd,
    "dup": _dup,
    "from_stdlib": _from_stdlib,
    "socket-fileno": _from_fileno,
    "create_connection": _create_connection,
    "create_server": _create_server,
}


# ---------------------------------------------------------------------------- close


@pytest.mark.parametrize("factory", sorted(FACTORIES))
def test_close_is_idempotent(factory: str, no_fd_leak: None, fd_table: FdTable) -> None:
    with contextlib.ExitStack() as stack:
        sock = FACTORIES[factory](stack)
        fd = sock.fileno()
        assert fd_table.is_open(fd)
        for _ in range(3):
            sock.close()
            assert sock.fileno() == -1
        assert not fd_table.is_open(fd)
        with sock:  # __exit__ closes once more
            pass
        assert sock.fileno() == -1
        assert "closed" in repr(sock)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a closed socket is collected without a word
            del sock
            gc.collect()


def test_close_with_open_file_is_idempotent(no_fd_leak: None, fd_table: FdTable) -> None:
    a, b = typedsock.socketpair()
    with b:
        fd = a.fileno()
        reader = a.makefile("rb")
        a.close()
        a.close()  # twice: the file still holds the descriptor open
        assert fd_table.is_open(fd)
        b.sendall(b"still readable\n")
        assert reader.readline() == b"still readable\n"
        reader.close()
        assert not fd_table.is_open(fd)
        a.close()
        reader.close()
        assert a.fileno() == -1


# ---------------------------------------------------------------------------- a reused descriptor number


def _calls(family: int, kind: int, folder: pathlib.Path) -> Dict[str, Callable[[Any], object]]:
    """Every call on a socket of this family and kind, with valid-looking arguments."""
    if family == typedsock.AF_UNIX:
        address: object = str(folder / "target")
    else:
        address = ("127.0.0.1", 9)
    calls: Dict[str, Callable[[Any], object]] = {
        "send": lambda s: s.send(b"OVERWRITTEN"),
        "send-bytearray": lambda s: s.send(bytearray(b"OVERWRITTEN")),
        "sendall": lambda s: s.sendall(b"OVERWRITTEN" * 1000),
        "sendto": lambda s: s.sendto(b"OVERWRITTEN", address),
        "sendto-flags": lambda s: s.sendto(b"OVERWRITTEN", 0, address),
        "recv": lambda s: s.recv(100),
        "recv-peek": lambda s: s.recv(100, typedsock.MSG_PEEK),
        "recv-large": lambda s: s.recv(1 << 20),
        "recvfrom": lambda s: s.recvfrom(100),
        "recvfrom-large": lambda s: s.recvfrom(1 << 20),
        "recv_into": lambda s: s.recv_into(bytearray(100)),
        "recvfrom_into": lambda s: s.recvfrom_into(bytearray(100)),
        "bind": lambda s: s.bind(address),
        "connect": lambda s: s.connect(address),
        "getsockname": lambda s: s.getsockname(),
        "getpeername": lambda s: s.getpeername(),
        "getsockopt": lambda s: s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE),
        "getsockopt-buflen": lambda s: s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 4),
        "setsockopt": lambda s: s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 4096),
        "setsockopt-bytes": lambda s: s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, b"\0\x10\0\0"),
        "get": lambda s: s.get(options.SO_RCVBUF),
        "set": lambda s: s.set(options.SO_RCVBUF, 4096),
        "shutdown": lambda s: s.shutdown(typedsock.SHUT_RDWR),
        "setblocking": lambda s: s.setblocking(False),
        "settimeout": lambda s: s.settimeout(0.5),
        "dup": lambda s: s.dup(),
        "to_stdlib": lambda s: s.to_stdlib(),
        "makefile-read": lambda s: _use_file(s, "rb"),
        "makefile-write": lambda s: _use_file(s, "wb"),
    }
    if kind == typedsock.SOCK_STREAM:
        calls["sendfile"] = _sendfile
    if kind == typedsock.SOCK_STREAM:
        calls["listen"] = lambda s: s.listen()
        calls["accept"] = lambda s: s.accept()
    else:
        many: Any = [(b"OVERWRITTEN", address)]
        calls["send_many"] = lambda s: s.send_many(many)
        calls["recv_many"] = lambda s: s.recv_many(4, 100)
        calls["recv_many_into"] = lambda s: s.recv_many_into([bytearray(100)])
    if family == typedsock.AF_UNIX:
        calls["send_fds"] = lambda s: s.send_fds([b"OVERWRITTEN"], [0])
        calls["recv_fds"] = lambda s: s.recv_fds(100, 4)
        calls["peer_credentials"] = lambda s: s.peer_credentials()
    return calls


def _sendfile(sock: Any) -> object:
    with open(__file__, "rb") as f:
        return sock.sendfile(f)


def _use_file(sock: Any, mode: str) -> object:
    with sock.makefile(mode, buffering=0) as f:
        return f.read(10) if "r" in mode else f.write(b"OVERWRITTEN")


def _take_number(fd: int, new_fd: int) -> int:
    """Move ``new_fd`` to the number ``fd`` (non-inheritable); returns ``fd``."""
    if new_fd != fd:
        os.dup2(new_fd, fd, inheritable=False)
        os.close(new_fd)
    return fd


KINDS = [
    (typedsock.AF_INET, typedsock.SOCK_STREAM),
    (typedsock.AF_INET, typedsock.SOCK_DGRAM),
    (typedsock.AF_UNIX, typedsock.SOCK_STREAM),
    (typedsock.AF_UNIX, typedsock.SOCK_DGRAM),
]
KIND_IDS = ["inet-stream", "inet-dgram", "unix-stream", "unix-dgram"]


@pytest.mark.parametrize("timeout", [None, 0.0, 0.5], ids=["blocking", "nonblocking", "timeout"])
@pytest.mark.parametrize("family,kind", KINDS, ids=KIND_IDS)
def test_closed_socket_never_touches_a_file_that_reuses_its_number(
    family: int, kind: int, timeout: Optional[float], sock_dir: pathlib.Path, fd_table: FdTable
) -> None:
    sock: Any = typedsock.socket(family, kind)
    sock.settimeout(timeout)
    fd = sock.fileno()
    sock.close()
    victim = sock_dir / "victim.txt"
    victim.write_bytes(b"precious contents")
    file_fd = _take_number(fd, os.open(victim, os.O_RDWR))
    try:
        os.lseek(file_fd, 3, os.SEEK_SET)  # a distinctive offset
        flags = fcntl.fcntl(file_fd, fcntl.F_GETFL)
        fd_flags = fcntl.fcntl(file_fd, fcntl.F_GETFD)
        wrong: List[str] = []
        for name, call in _calls(family, kind, sock_dir).items():
            try:
                call(sock)
                wrong.append(f"{name}: no error")
            except typedsock.error as exc:
                if exc.errno != errno.EBADF:
                    wrong.append(f"{name}: {exc!r}")
            except Exception as exc:  # reported below, with every other call's outcome
                wrong.append(f"{name}: {exc!r} is not typedsock.error(EBADF)")
            assert fcntl.fcntl(file_fd, fcntl.F_GETFL) == flags, f"{name} changed the file's status flags"
            assert os.lseek(file_fd, 0, os.SEEK_CUR) == 3, f"{name} moved the file's offset"
        assert wrong == []
        assert sock.connect_ex(("127.0.0.1", 9) if family == typedsock.AF_INET else str(sock_dir / "t")) == errno.EBADF
        assert sock.detach() == -1
        sock.close()
        assert sock.fileno() == -1
        del sock
        gc.collect()
        assert fd_table.is_open(file_fd), "closing/collecting the old socket closed the file"
        assert fcntl.fcntl(file_fd, fcntl.F_GETFD) == fd_flags
        assert os.pread(file_fd, 100, 0) == b"precious contents"
    finally:
        os.close(file_fd)
    assert victim.read_bytes() == b"precious contents"
    assert sorted(p.name for p in sock_dir.iterdir()) == ["victim.txt"], "a socket file was created"


def test_closed_socket_never_touches_a_socket_that_reuses_its_number(stack: contextlib.ExitStack) -> None:
    """The number now belongs to a live, connected socket: the old object reaches none of it."""
    old = typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM)
    fd = old.fileno()
    old.close()
    a, b = typedsock.socketpair()
    stack.enter_context(b)
    taken = _take_number(fd, a.detach())
    owner = stack.enter_context(typedsock.socket(fileno=taken))
    rcvbuf = owner.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF)
    b.sendall(b"for the owner")
    wrong: List[str] = []
    for name, call in _calls(typedsock.AF_UNIX, typedsock.SOCK_STREAM, pathlib.Path("/nonexistent")).items():
        try:
            call(old)
            wrong.append(f"{name}: no error")
        except typedsock.error as exc:
            if exc.errno != errno.EBADF:
                wrong.append(f"{name}: {exc!r}")
        except Exception as exc:  # reported below
            wrong.append(f"{name}: {exc!r} is not typedsock.error(EBADF)")
    assert wrong == []
    b.setblocking(False)
    with pytest.raises(BlockingIOError):
        b.recv(100)  # nothing was sent through the reused number
    assert owner.recv(100) == b"for the owner"  # nothing was read from it
    assert owner.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF) == rcvbuf
    assert owner.getblocking()
    owner.sendall(b"still connected")  # not shut down
    b.setblocking(True)
    assert b.recv(100) == b"still connected"


# ---------------------------------------------------------------------------- detach


def test_detach_hands_over_the_descriptor(no_fd_leak: None, stack: contextlib.ExitStack, fd_table: FdTable) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(b)
    fd = a.fileno()
    assert a.detach() == fd
    assert a.fileno() == -1
    assert a.detach() == -1
    assert fd_table.is_open(fd)
    new_owner = stack.enter_context(stdlib.socket(fileno=fd))
    # the old object reaches none of it
    with pytest.raises(typedsock.error) as info:
        a.send(b"through the old object")
    assert info.value.errno == errno.EBADF
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a detached socket is not "unclosed"
        a.close()
        del a
        gc.collect()
    assert fd_table.is_open(fd)
    new_owner.sendall(b"from the new owner")
    assert b.recv(100) == b"from the new owner"
    b.setblocking(False)
    with pytest.raises(BlockingIOError):
        b.recv(100)


def test_to_stdlib_and_from_stdlib_leave_one_owner(no_fd_leak: None, stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(b)
    fd = a.fileno()
    std = stack.enter_context(a.to_stdlib())
    assert a.fileno() == -1 and std.fileno() == fd
    back = stack.enter_context(typedsock.from_stdlib(std))
    assert std.fileno() == -1 and back.fileno() == fd
    back.sendall(b"one owner")
    assert b.recv(100) == b"one owner"


# ---------------------------------------------------------------------------- collection


@pytest.mark.parametrize("factory", sorted(FACTORIES))
def test_collected_unclosed_socket_warns_and_closes(factory: str, fd_table: FdTable) -> None:
    with contextlib.ExitStack() as stack:
        sock: Optional[Any] = FACTORIES[factory](stack)
        assert sock is not None
        fd = sock.fileno()
        with pytest.warns(ResourceWarning, match="unclosed"):
            sock = None
            gc.collect()
        assert not fd_table.is_open(fd)


def test_collected_unclosed_socket_in_a_cycle_warns_and_closes(fd_table: FdTable) -> None:
    holder: List[Any] = []
    sock = typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM)
    holder.append(sock)
    holder.append(holder)  # a reference cycle: only the cycle collector frees it
    fd = sock.fileno()
    with pytest.warns(ResourceWarning, match="unclosed"):
        del sock, holder
        gc.collect()
    assert not fd_table.is_open(fd)


def test_dropped_file_of_a_closed_socket_closes_the_descriptor(fd_table: FdTable) -> None:
    a, b = typedsock.socketpair()
    with b:
        fd = a.fileno()
        f: Optional[Any] = a.makefile("rb")
        a.close()  # the file keeps the descriptor
        assert fd_table.is_open(fd)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # io's own warning for the unclosed file, if any
            f = None
            gc.collect()
        assert not fd_table.is_open(fd)
        assert f is None


# ---------------------------------------------------------------------------- leaks


def test_no_descriptor_leaks_over_10000_create_close_cycles(
    no_fd_leak: None, stack: contextlib.ExitStack, fd_table: FdTable
) -> None:
    original = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))

    def pair() -> None:
        a, b = typedsock.socketpair()
        a.close()
        b.close()

    cycles: List[Callable[[], None]] = [
        lambda: typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM).close(),
        lambda: typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM).close(),
        pair,
        lambda: original.dup().close(),
        lambda: typedsock.fromfd(original.fileno(), typedsock.AF_UNIX, typedsock.SOCK_DGRAM).close(),
        lambda: typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM).to_stdlib().close(),
    ]
    before = fd_table.snapshot()
    for i in range(10_000):
        cycles[i % len(cycles)]()
        if i % 500 == 0:
            assert fd_table.snapshot() == before, f"leak after {i} cycles"
    assert fd_table.snapshot() == before
    probe = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM)
    assert probe.fileno() <= max(before) + 1, "numbers are reused (the lowest free one), not growing"
    probe.close()


def test_no_descriptor_leaks_over_1000_failed_connects(
    no_fd_leak: None, stack: contextlib.ExitStack, sock_dir: pathlib.Path, fd_table: FdTable
) -> None:
    closed_port = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    closed_port.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    refused = closed_port.getsockname()
    quiet = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    quiet.bind(str(sock_dir / "quiet.sock"))
    regular = sock_dir / "regular.txt"
    regular.write_bytes(b"x")

    def tcp(timeout: Optional[float]) -> None:
        with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as s:
            s.settimeout(timeout)
            with pytest.raises(ConnectionRefusedError):
                s.connect(refused)

    def tcp_ex() -> None:
        with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as s:
            assert s.connect_ex(refused) == errno.ECONNREFUSED

    def unix_missing() -> None:
        with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM) as s:
            with pytest.raises(FileNotFoundError):
                s.connect(str(sock_dir / "missing.sock"))

    def unix_refused() -> None:
        with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM) as s:
            with pytest.raises(ConnectionRefusedError):
                s.connect(str(sock_dir / "quiet.sock"))

    def create_connection() -> None:
        with pytest.raises(ConnectionRefusedError):
            typedsock.create_connection(refused, timeout=5.0)

    def failed_constructors() -> None:
        fd = os.open(regular, os.O_RDONLY)
        try:
            with pytest.raises(typedsock.error):
                typedsock.fromfd(fd, typedsock.AF_INET, typedsock.SOCK_STREAM)
            with pytest.raises(typedsock.error):
                typedsock.fromfd(quiet.fileno(), typedsock.AF_INET, typedsock.SOCK_STREAM)
            with pytest.raises(typedsock.error):
                typedsock.socketpair(typedsock.AF_INET)
            with pytest.raises(typedsock.error):
                typedsock.socket(12345)
        finally:
            os.close(fd)

    attempts: List[Callable[[], None]] = [
        lambda: tcp(None), lambda: tcp(5.0), tcp_ex, unix_missing, unix_refused, create_connection, failed_constructors,
    ]
    before = fd_table.snapshot()
    for i in range(1_000):
        attempts[i % len(attempts)]()
    assert fd_table.snapshot() == before


# ---------------------------------------------------------------------------- CLOEXEC (PEP 446)


def _cloexec(fd: int) -> bool:
    return bool(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)


def _open_in_child(fds: List[int]) -> List[int]:
    """Which of ``fds`` a child process (fork + exec, close_fds=False) still has open."""
    program = (
        "import os, sys\n"
        "fds = [int(a) for a in sys.argv[1:]]\n"
        "print(' '.join(str(fd) for fd in fds if os.path.exists('/proc/self/fd/%d' % fd)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, *map(str, fds)],
        close_fds=False, capture_output=True, text=True, timeout=60, check=True,
    )
    return [int(word) for word in done.stdout.split()]


def test_every_new_descriptor_is_cloexec(stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> None:
    made: Dict[str, int] = {}
    for name in sorted(FACTORIES):
        made[name] = stack.enter_context(FACTORIES[name](stack)).fileno()
    unix_listener = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    unix_listener.bind(str(sock_dir / "l.sock"))
    unix_listener.listen()
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client.connect(unix_listener.getsockname())
    made["accept-unix"] = stack.enter_context(unix_listener.accept()[0]).fileno()
    for kind in (typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM, typedsock.SOCK_SEQPACKET):
        a, b = typedsock.socketpair(typedsock.AF_UNIX, kind)
        made[f"socketpair-{kind.name}-0"] = stack.enter_context(a).fileno()
        made[f"socketpair-{kind.name}-1"] = stack.enter_context(b).fileno()
    # fromfd and dup of a descriptor that *is* inheritable still give non-inheritable copies
    inheritable = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    os.set_inheritable(inheritable.fileno(), True)
    made["fromfd-of-inheritable"] = stack.enter_context(
        typedsock.fromfd(inheritable.fileno(), typedsock.AF_INET, typedsock.SOCK_STREAM)
    ).fileno()
    made["dup-of-inheritable"] = stack.enter_context(inheritable.dup()).fileno()
    made["module-dup-of-inheritable"] = typedsock.dup(inheritable.fileno())
    stack.callback(os.close, made["module-dup-of-inheritable"])
    # descriptors received with SCM_RIGHTS, sent inheritable
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    r, w = os.pipe()
    stack.callback(os.close, r)
    stack.callback(os.close, w)
    os.set_inheritable(r, True)
    os.set_inheritable(w, True)
    a.send_fds([b"fds"], [r, w])
    data, received, _, _ = b.recv_fds(10, 4)
    assert data == b"fds" and len(received) == 2
    for index, fd in enumerate(received):
        stack.callback(os.close, fd)
        made[f"recv_fds-{index}"] = fd

    not_cloexec = sorted(name for name, fd in made.items() if not _cloexec(fd) or os.get_inheritable(fd))
    assert not_cloexec == []
    assert _open_in_child(sorted(made.values())) == [], "descriptors leaked into a child process"
    assert _open_in_child([inheritable.fileno()]) == [inheritable.fileno()], "the check itself works"


def test_recv_fds_closes_descriptors_beyond_maxfds(no_fd_leak: None, stack: contextlib.ExitStack, fd_table: FdTable) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    pipes = [os.pipe() for _ in range(3)]
    try:
        before = fd_table.snapshot()
        a.send_fds([b"x"], [fd for pair in pipes for fd in pair])  # six descriptors
        data, received, flags, _ = b.recv_fds(10, 2)
        assert data == b"x" and len(received) == 2
        for fd in received:
            os.close(fd)
        assert fd_table.snapshot() == before, "descriptors beyond maxfds were left open"
        assert flags & typedsock.MSG_CTRUNC, "and the caller is told some were dropped"
        a.send_fds([b"y"], [pipes[0][0]])
        _, received, flags, _ = b.recv_fds(10, 0)  # no room at all
        assert received == [] and flags & typedsock.MSG_CTRUNC
        assert fd_table.snapshot() == before
    finally:
        for pair in pipes:
            for fd in pair:
                os.close(fd)

