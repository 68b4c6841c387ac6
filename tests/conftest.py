"""Shared fixtures for the typedsock test-suite: real sockets on loopback and AF_UNIX.

Every socket a fixture makes is closed at teardown (the pytest configuration turns
``ResourceWarning`` into an error, so a leaked socket fails the test that leaked it).
Tests register the sockets they create themselves with the ``stack`` fixture
(``stack.enter_context(typedsock.socket(...))``), which keeps their precise static type.
"""

from __future__ import annotations

import contextlib
import errno
import faulthandler
import gc
import os
import pathlib
import signal
import sys
import tempfile
import threading
import types
from typing import Any, Dict, Generator, Iterator, List, Optional, Tuple, cast

import pytest

import typedsock
from typedsock import DatagramSocket, InetAddress, StreamSocket, UnixAddress

# sizeof(struct sockaddr_un.sun_path): 108 on Linux, the only platform typedsock supports
# (pyproject classifiers).  Kept here, in one place, for the path-length tests.
SUN_PATH_SIZE = 108 if sys.platform.startswith("linux") else 104
# Longest directory we accept for socket files, so that names below it always fit.
_MAX_DIR = 64


def _ipv6_loopback_usable() -> bool:
    try:
        with typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_STREAM) as probe:
            probe.bind(("::1", 0, 0, 0))
    except OSError:
        return False
    return True


HAVE_IPV6 = _ipv6_loopback_usable()

# A test that blocks longer than this is interrupted (see ``watchdog``) instead of hanging the run.
WATCHDOG_SECONDS = 30.0
# ... and if the interruption does not end it, the whole run stops this much later.
WATCHDOG_GRACE_SECONDS = 30.0


class WatchdogExpired(BaseException):
    """Raised in the main thread when a test has blocked for its watchdog limit.

    A ``BaseException`` (as ``KeyboardInterrupt``), so that a test's own ``except Exception``
    around a blocking call does not swallow it; pytest still reports it as the test's failure.
    """


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--watchdog-factor", type=float, default=1.0, metavar="FACTOR",
        help="multiply every test's watchdog limit (default 30 s, or @pytest.mark.watchdog(seconds)) "
        "by FACTOR, e.g. 10 under the sanitizers; 0 disables the watchdog",
    )


_hard_stop_stderr: List[int] = []  # a copy of the real stderr, for the watchdog's last resort


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "watchdog(seconds): fail the test if it blocks longer than this (default 30 s)"
    )
    # One per-test time limit: this suite's watchdog.  pytest-timeout's would fight the tests'
    # own SIGALRM timers (test_signals_threads.py), each cancelling the other's.
    timeout: object = None
    if config.pluginmanager.hasplugin("timeout"):
        timeout = config.getoption("timeout", None) or config.getini("timeout") or os.environ.get("PYTEST_TIMEOUT")
    if timeout and float(cast(str, timeout)) > 0:
        raise pytest.UsageError(
            f"pytest-timeout's timeout ({timeout} s) is on: this suite has one per-test time limit, "
            "its own watchdog (tests/conftest.py); drop --timeout and use --watchdog-factor"
        )
    # Taken now, while pytest is not capturing: during a test fd 2 is pytest's capture file,
    # which a process that stops with os._exit() never prints.
    stderr = sys.__stderr__
    if stderr is not None and not _hard_stop_stderr:
        _hard_stop_stderr.append(os.dup(stderr.fileno()))


def pytest_unconfigure(config: pytest.Config) -> None:
    while _hard_stop_stderr:
        os.close(_hard_stop_stderr.pop())


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("timeout") is not None:
            raise pytest.UsageError(
                f"{item.nodeid}: @pytest.mark.timeout is pytest-timeout's; this suite's one time limit "
                "is @pytest.mark.watchdog(seconds) (tests/conftest.py)"
            )


@pytest.fixture(autouse=True)
def watchdog(request: pytest.FixtureRequest) -> Iterator[None]:
    """Turn a hung test into a failure, and a test that cannot be interrupted into a stopped run.

    The suite's one per-test time limit: 30 s, ``@pytest.mark.watchdog(seconds)`` for a test
    that needs another, every limit scaled by ``--watchdog-factor`` (0: off).  Off as well under
    ``--pdb``.  An autouse fixture, set up before and torn down after every other
    function-scoped fixture, so it bounds their setup and teardown too; not the setup of
    module- or session-scoped fixtures (the only ones, test_typing_cases.py's, run mypy and
    pyright over every case and may take longer than one test's limit).

    1. When the limit passes, a helper thread sends SIGUSR1 to the main thread; the handler
       raises ``WatchdogExpired``.  A blocked system call returns EINTR, Python and typedsock
       run the signal handlers before they retry (PEP 475), and the exception comes out of
       the blocked call: the test fails, the run goes on.  (SIGUSR1, not SIGALRM: that one
       is the tests'.)
    2. Limit of the first step: it needs the main thread to get back to Python code.  A C call
       that blocks with SIGUSR1 masked, that retries EINTR without running Python's signal
       handlers, or a wait that signals do not interrupt, never raises; neither does a test
       that catches ``BaseException`` and blocks again.  For these, ``faulthandler`` stops
       the whole run WATCHDOG_GRACE_SECONDS later: it prints every thread's traceback to the
       real stderr and ends the process with status 1 (``os._exit``: no pytest summary, no
       later tests).  The run never hangs; only the test that could not be interrupted
       takes the rest of the run down with it.  (This uses ``faulthandler``'s one timer:
       leave pytest's ``faulthandler_timeout`` unset.)
    """
    factor = cast(float, request.config.getoption("watchdog_factor"))
    if (
        threading.current_thread() is not threading.main_thread()  # pragma: no cover
        or factor <= 0
        or request.config.getoption("usepdb")
    ):
        yield
        return

    # (pyright may see pytest's node untyped, depending on the pytest it finds)
    marker = request.node.get_closest_marker("watchdog")  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
    seconds = factor * (float(marker.args[0]) if marker is not None else WATCHDOG_SECONDS)  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]

    def expire(signum: int, frame: Optional[types.FrameType]) -> None:
        raise WatchdogExpired(f"test still blocked after {seconds:g} s (watchdog, tests/conftest.py)")

    main = threading.main_thread().ident
    assert main is not None
    previous = signal.signal(signal.SIGUSR1, expire)
    timer = threading.Timer(seconds, signal.pthread_kill, args=(main, signal.SIGUSR1))
    timer.daemon = True
    timer.start()
    if _hard_stop_stderr:
        faulthandler.dump_traceback_later(seconds + factor * WATCHDOG_GRACE_SECONDS, file=_hard_stop_stderr[0], exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
        timer.cancel()
        timer.join()
        signal.signal(signal.SIGUSR1, previous)


# ---------------------------------------------------------------------------- descriptors


PROC_FD = "/proc/self/fd"


def _sanitizer_logs() -> Tuple[str, ...]:
    """Where ASan/UBSan write reports (``log_path=``): they open those files lazily, in this process."""
    paths: List[str] = []
    for variable in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        for option in os.environ.get(variable, "").split(":"):
            if option.startswith("log_path="):
                paths.append(option[len("log_path="):])
    return tuple(paths)


class FdTable:
    """This process's descriptor table, read from /proc/self/fd (Linux, typedsock's platform).

    The suite's one way to count descriptors and to tell an open one from a closed one.
    Tests get it from the ``fd_table`` fixture (under ``--import-mode=importlib`` a test module
    cannot import conftest; for annotations, ``if TYPE_CHECKING: from conftest import
    FdTable``); ``no_fd_leak`` wraps a whole test in ``unchanged()``.
    """

    @staticmethod
    def snapshot() -> Dict[int, str]:
        """The open descriptors: number -> what it refers to (``socket:[inode]``, a path, ...).

        A number closed and reused for something else reads as changed, not as unchanged.
        Left out: the descriptor ``listdir`` itself used, and a sanitizer's report files
        (``nox -s sanitize``: ASan opens them when it first reports).
        """
        logs = _sanitizer_logs()
        found: Dict[int, str] = {}
        for name in os.listdir(PROC_FD):
            try:
                target = os.readlink(f"{PROC_FD}/{name}")
            except FileNotFoundError:
                continue  # listdir's own descriptor, closed by now
            if not (logs and target.startswith(logs)):
                found[int(name)] = target
        return found

    @classmethod
    def count(cls) -> int:
        """How many descriptors are open (as ``snapshot`` counts them)."""
        return len(cls.snapshot())

    @staticmethod
    def is_open(fd: int) -> bool:
        """Whether ``fd`` is an open descriptor (``fstat`` fails with EBADF, and only EBADF, if not)."""
        try:
            os.fstat(fd)
        except OSError as exc:
            assert exc.errno == errno.EBADF, f"fstat({fd}): {exc!r}"
            return False
        return True

    @staticmethod
    def difference(before: Dict[int, str], after: Dict[int, str]) -> str:
        """What changed between two snapshots, for an assertion message."""
        parts = [f"opened {fd} ({after[fd]})" for fd in sorted(after.keys() - before.keys())]
        parts += [f"closed {fd} ({before[fd]})" for fd in sorted(before.keys() - after.keys())]
        parts += [
            f"replaced {fd} ({before[fd]} -> {after[fd]})"
            for fd in sorted(before.keys() & after.keys())
            if before[fd] != after[fd]
        ]
        return ", ".join(parts)

    @contextlib.contextmanager
    def unchanged(self, what: str = "", collect: bool = True) -> Generator[None, None, None]:
        """Fail unless the block leaves the same descriptors open as it found (none leaked,
        none closed, none replaced); ``collect``: run the garbage collector on both sides."""
        if collect:
            gc.collect()
        before = self.snapshot()
        yield
        if collect:
            gc.collect()
        after = self.snapshot()
        assert after == before, f"{what + ': ' if what else ''}descriptors {self.difference(before, after)}"


@pytest.fixture(scope="session")  # stateless: module fixtures may use it too
def fd_table() -> FdTable:
    """The descriptor-table helpers (``FdTable``)."""
    if not os.path.isdir(PROC_FD):  # pragma: no cover
        pytest.skip(f"needs {PROC_FD} to read the descriptor table")
    return FdTable()


@pytest.fixture
def no_fd_leak(fd_table: FdTable) -> Iterator[None]:
    """Fail the test if it leaves a different set of descriptors open than it found.

    Request it before ``stack`` and the socket fixtures, so that it looks after they closed.
    """
    with fd_table.unchanged():
        yield


@pytest.fixture
def stack() -> Iterator[contextlib.ExitStack]:
    """Closes, at teardown, everything a test registers with ``enter_context``/``callback``."""
    with contextlib.ExitStack() as exits:
        yield exits


@pytest.fixture
def sock_dir(tmp_path: pathlib.Path) -> Iterator[pathlib.Path]:
    """A directory for AF_UNIX socket files: pytest's ``tmp_path`` if it is short enough."""
    if len(os.fsencode(tmp_path)) <= _MAX_DIR:
        yield tmp_path
        return
    # pytest's basetemp can be long (e.g. under a deep TMPDIR); sun_path is only 108 bytes.
    with tempfile.TemporaryDirectory(prefix="ts-", dir="/tmp") as short:  # pragma: no cover
        yield pathlib.Path(short)


@pytest.fixture
def sun_path_size() -> int:
    """sizeof(struct sockaddr_un.sun_path) on this platform."""
    return SUN_PATH_SIZE


@pytest.fixture
def ipv6() -> None:
    """Skip the test when the host has no usable IPv6 loopback (::1)."""
    if not HAVE_IPV6:
        pytest.skip("host has no IPv6 loopback: binding a socket to ::1 failed")


@pytest.fixture
def tcp_listener(stack: contextlib.ExitStack) -> StreamSocket[InetAddress]:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen()
    return listener


@pytest.fixture
def tcp_pair(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> Tuple[StreamSocket[InetAddress], StreamSocket[InetAddress]]:
    """(client, server-side connection) over 127.0.0.1."""
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(tcp_listener.getsockname())
    conn, _ = tcp_listener.accept()
    stack.enter_context(conn)
    return client, conn


@pytest.fixture
def unix_listener(stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> StreamSocket[UnixAddress]:
    listener = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    listener.bind(str(sock_dir / "listener.sock"))
    listener.listen()
    return listener


@pytest.fixture
def unix_pair(
    stack: contextlib.ExitStack, unix_listener: StreamSocket[UnixAddress]
) -> Tuple[StreamSocket[UnixAddress], StreamSocket[UnixAddress]]:
    """(client, server-side connection) over a pathname AF_UNIX socket."""
    client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    client.connect(unix_listener.getsockname())
    conn, _ = unix_listener.accept()
    stack.enter_context(conn)
    return client, conn


@pytest.fixture
def udp_pair(
    stack: contextlib.ExitStack,
) -> Tuple[DatagramSocket[InetAddress], DatagramSocket[InetAddress]]:
    """Two unconnected UDP sockets, each bound to 127.0.0.1 and an ephemeral port."""
    a = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    b = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    a.bind(("127.0.0.1", 0))
    b.bind(("127.0.0.1", 0))
    return a, b


@pytest.fixture
def unix_dgram_pair(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> Tuple[DatagramSocket[UnixAddress], DatagramSocket[UnixAddress]]:
    """Two unconnected AF_UNIX datagram sockets bound to paths in ``sock_dir``."""
    a = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    b = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    a.bind(str(sock_dir / "a.sock"))
    b.bind(str(sock_dir / "b.sock"))
    return a, b


@pytest.fixture(params=["inet", "unix", "socketpair"])
def stream_pair(
    request: pytest.FixtureRequest, stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> Tuple[StreamSocket[Any], StreamSocket[Any]]:
    """A connected stream pair: TCP on 127.0.0.1, AF_UNIX by path, or ``socketpair()``."""
    kind: str = request.param
    if kind == "socketpair":
        a, b = typedsock.socketpair()
        stack.enter_context(a)
        stack.enter_context(b)
        return a, b
    listener: StreamSocket[Any]
    client: StreamSocket[Any]
    if kind == "inet":
        listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
        listener.bind(("127.0.0.1", 0))
        client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    else:
        listener = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
        listener.bind(sock_dir / "pair.sock")
        client = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    listener.listen(1)
    client.connect(listener.getsockname())
    conn, _ = listener.accept()
    stack.enter_context(conn)
    return client, conn


@pytest.fixture(params=["inet", "unix"])
def dgram_pair(
    request: pytest.FixtureRequest, stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> Tuple[DatagramSocket[Any], DatagramSocket[Any]]:
    """Two bound, unconnected datagram sockets: UDP on 127.0.0.1, or AF_UNIX by path."""
    a: DatagramSocket[Any]
    b: DatagramSocket[Any]
    if request.param == "inet":
        a = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
        b = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
        a.bind(("127.0.0.1", 0))
        b.bind(("127.0.0.1", 0))
    else:
        a = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
        b = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
        a.bind(str(sock_dir / "dga.sock"))
        b.bind(str(sock_dir / "dgb.sock"))
    return a, b
