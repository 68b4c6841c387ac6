"""Bad input, one table: every row is a wrong call on fresh real sockets.

Each row names the call, the exact exception typedsock must raise, and (where the
standard ``socket`` module can make the same call) what the standard module raises.
``test_bad_input_is_rejected_and_changes_nothing`` runs a row against typedsock and
checks that nothing changed: no file appeared in (or vanished from) the row's
socket folder, no peer received a byte (a non-blocking ``recv`` on every peer raises
``BlockingIOError``) and no descriptor was left open.
``test_standard_library_raises_as_the_table_says`` runs the same call on the standard
module's sockets, so every claimed difference (``why``) is checked, not just asserted.

Rows where typedsock deliberately differs from the standard library carry the reason
(SPEC: typed addresses, a NUL is never truncated away, nothing is wrapped silently, ...).
"""

from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import socket as stdlib
import sys
import tempfile
import time
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Generator, List, Optional, Tuple, Type, Union, cast

import pytest

import typedsock
from typedsock import Inet6Address, InetAddress, UnixAddress, options
from typedsock._sock import lib

if TYPE_CHECKING:
    from conftest import FdTable

SUN_PATH: int = lib.TS_SUN_PATH_SIZE  # sizeof(struct sockaddr_un.sun_path), from the headers
MMSG_MAX: int = lib.TS_MMSG_MAX


def _can_make_inet6() -> bool:
    try:
        typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM).close()
    except OSError:
        return False
    return True


HAVE_INET6_SOCKETS = _can_make_inet6()


# ---------------------------------------------------------------------------- the sockets a row works on


class Env:
    """Fresh real sockets of one module (``typedsock`` or the standard ``socket``) for one row.

    ``folder`` is a short directory of its own: every AF_UNIX name a row uses is in it.
    ``peers`` are the sockets that must receive nothing.
    """

    mod: Any
    folder: pathlib.Path
    tcp: Any  # connected TCP client ...
    tcp_peer: Any  # ... and the accepted side
    tcp_fresh: Any  # unbound, unconnected TCP socket
    udp: Any  # UDP, bound to 127.0.0.1 and connected to udp_peer
    udp_peer: Any
    udp_peer_port: int
    udp6: Any  # unbound UDP over IPv6 (None when the host has no AF_INET6 sockets)
    tcp6_fresh: Any
    unix_dgram: Any  # unbound AF_UNIX datagram socket
    unix_peer: Any  # AF_UNIX datagram socket bound to unix_peer_path
    unix_peer_path: str
    unix_stream: Any  # socketpair() ...
    unix_stream_peer: Any  # ... its other end
    unix_stream_fresh: Any  # unbound AF_UNIX stream socket
    closed: Any  # a closed AF_INET stream socket
    closed_unix: Any  # a closed AF_UNIX datagram socket

    def __init__(self, mod: Any, folder: pathlib.Path, stack: contextlib.ExitStack) -> None:
        self.mod = mod
        self.folder = folder

        def new(*args: int) -> Any:
            return stack.enter_context(mod.socket(*args))

        listener = new(mod.AF_INET, mod.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        self.tcp = new(mod.AF_INET, mod.SOCK_STREAM)
        self.tcp.connect(listener.getsockname())
        self.tcp_peer = stack.enter_context(listener.accept()[0])
        listener.close()
        self.tcp_fresh = new(mod.AF_INET, mod.SOCK_STREAM)

        self.udp_peer = new(mod.AF_INET, mod.SOCK_DGRAM)
        self.udp_peer.bind(("127.0.0.1", 0))
        self.udp_peer_port = int(self.udp_peer.getsockname()[1])
        self.udp = new(mod.AF_INET, mod.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.connect(("127.0.0.1", self.udp_peer_port))

        self.udp6 = new(mod.AF_INET6, mod.SOCK_DGRAM) if HAVE_INET6_SOCKETS else None
        self.tcp6_fresh = new(mod.AF_INET6, mod.SOCK_STREAM) if HAVE_INET6_SOCKETS else None

        self.unix_peer_path = str(folder / "peer")
        self.unix_peer = new(mod.AF_UNIX, mod.SOCK_DGRAM)
        self.unix_peer.bind(self.unix_peer_path)
        self.unix_dgram = new(mod.AF_UNIX, mod.SOCK_DGRAM)
        a, b = mod.socketpair()
        self.unix_stream = stack.enter_context(a)
        self.unix_stream_peer = stack.enter_context(b)
        self.unix_stream_fresh = new(mod.AF_UNIX, mod.SOCK_STREAM)

        self.closed = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
        self.closed.close()
        self.closed_unix = mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM)
        self.closed_unix.close()

    @property
    def peers(self) -> List[Any]:
        return [self.tcp_peer, self.udp_peer, self.unix_peer, self.unix_stream_peer]

    def path(self, size: int, name: str = "p") -> str:
        """A pathname in the folder of exactly ``size`` bytes."""
        head = os.fsencode(self.folder) + b"/"
        assert size > len(head), "socket folder too long for the path-length rows"
        return os.fsdecode(head + os.fsencode(name) * (size - len(head)))


@contextlib.contextmanager
def _env(mod: Any) -> Generator[Env, None, None]:
    # Not pytest's tmp_path: under a deep TMPDIR that may be too long for sun_path.
    with tempfile.TemporaryDirectory(prefix="ts-bad-", dir="/tmp") as folder, contextlib.ExitStack() as stack:
        yield Env(mod, pathlib.Path(folder), stack)


# ---------------------------------------------------------------------------- helpers the rows call


def _closed_fd() -> int:
    """A descriptor number that is not open (just closed)."""
    fd = os.open(os.devnull, os.O_RDONLY)
    os.close(fd)
    return fd


def _with_file_fd(call: Callable[[Env, int], object]) -> Callable[[Env], object]:
    """Run ``call`` on the descriptor of a regular file, closed afterwards."""

    def run(e: Env) -> object:
        path = e.folder / "regular.txt"
        path.write_bytes(b"not a socket")
        fd = os.open(path, os.O_RDONLY)
        try:
            return call(e, fd)
        finally:
            os.close(fd)
            path.unlink()

    return run


def _sendfile(sock: Any) -> object:
    with tempfile.TemporaryFile() as f:  # not in the row's folder: its listing is checked
        f.write(b"file data")
        f.seek(0)
        try:
            return sock.sendfile(f)
        finally:
            assert f.tell() == 0, "the file's position moved"


def _makefile_read(sock: Any) -> object:
    with sock.makefile("rb") as f:
        return f.read(1)


_NONCONTIGUOUS = memoryview(b"abcdefgh")[::2]


def _noncontiguous_writable() -> memoryview:
    return memoryview(bytearray(16))[::2]


# ---------------------------------------------------------------------------- the table


class _Same:
    """The standard module raises the same (its equivalent of typedsock's type)."""

    def __repr__(self) -> str:
        return "SAME"


class _NotApplicable:
    """typedsock-only API: nothing to compare with."""

    def __repr__(self) -> str:
        return "N/A"


SAME = _Same()
NA = _NotApplicable()
StdOutcome = Union[Type[BaseException], None, _Same, _NotApplicable]  # None: the call succeeds


@dataclass(frozen=True)
class Row:
    id: str
    what: str
    call: Callable[[Env], object]
    raises: Type[BaseException]
    errno: Optional[int] = None
    stdlib: StdOutcome = SAME
    why: str = ""  # why typedsock differs from the standard module
    inet6: bool = False  # needs AF_INET6 sockets


def _stdlib_equivalent(exc: Type[BaseException]) -> Type[BaseException]:
    if exc is typedsock.gaierror:
        return stdlib.gaierror
    if issubclass(exc, typedsock.error):
        return OSError
    return exc


def _stdlib_expected(row: Row) -> Optional[Type[BaseException]]:
    if isinstance(row.stdlib, _Same):
        return _stdlib_equivalent(row.raises)
    assert not isinstance(row.stdlib, _NotApplicable)
    return row.stdlib


E = typedsock.error
PY312 = sys.version_info >= (3, 12)
TOO_LONG = typedsock.PathTooLong
HUGE = sys.maxsize

# Reasons shared by several rows.
WHY_NUL_HOST = "SPEC 3: a NUL in a host name is ValueError, as for paths (CPython: TypeError)"
WHY_NUL_PATH = "SPEC 3: CPython passes the path to the kernel, which stops at the NUL: it binds/sends to the truncated name"
WHY_CLOSED_SENDFILE = "SPEC 6: every call on a closed socket is error(EBADF) (CPython: ValueError 'Invalid file descriptor')"
WHY_PATHLIKE = "SPEC 3: AF_UNIX also takes os.PathLike (CPython takes only str and bytes-like: TypeError)"
WHY_FAMILY_CLAIM = "SPEC 2: fromfd checks the claimed family/type (the static type rests on it); CPython wraps the descriptor as told"
WHY_HUGE = "the issue allows MemoryError or OverflowError: the allocation of the buffer fails (CPython: OverflowError before allocating)"
WHY_BUFLEN = "any buflen outside 0-1024 is the same range error (CPython: OverflowError while parsing the int)"
WHY_WRAP = "nothing is wrapped silently: a value that does not fit the C field is OverflowError (CPython wraps scope_id modulo 2**32)"


def _closed_rows() -> List[Row]:
    """Every call on a closed socket: ``error`` with EBADF (SPEC 6)."""
    inet: List[Tuple[str, Callable[[Any], object], bool]] = [
        ("send", lambda s: s.send(b"x"), True),
        ("send-empty", lambda s: s.send(b""), True),
        ("sendall", lambda s: s.sendall(b"x"), True),
        ("sendall-empty", lambda s: s.sendall(b""), True),
        ("sendto", lambda s: s.sendto(b"x", ("127.0.0.1", 9)), True),
        ("sendto-flags", lambda s: s.sendto(b"x", 0, ("127.0.0.1", 9)), True),
        ("recv", lambda s: s.recv(10), True),
        ("recv-large", lambda s: s.recv(1 << 20), True),
        ("recvfrom", lambda s: s.recvfrom(10), True),
        ("recvfrom-large", lambda s: s.recvfrom(1 << 20), True),
        ("recv_into", lambda s: s.recv_into(bytearray(10)), True),
        ("recvfrom_into", lambda s: s.recvfrom_into(bytearray(10)), True),
        ("bind", lambda s: s.bind(("127.0.0.1", 0)), True),
        ("connect", lambda s: s.connect(("127.0.0.1", 9)), True),
        ("listen", lambda s: s.listen(), True),
        ("accept", lambda s: s.accept(), True),
        ("getsockname", lambda s: s.getsockname(), True),
        ("getpeername", lambda s: s.getpeername(), True),
        ("getsockopt", lambda s: s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE), True),
        ("getsockopt-buflen", lambda s: s.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, 4), True),
        ("setsockopt", lambda s: s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, 1), True),
        ("setsockopt-bytes", lambda s: s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, b"\1\0\0\0"), True),
        ("shutdown", lambda s: s.shutdown(typedsock.SHUT_RDWR), True),
        ("setblocking", lambda s: s.setblocking(False), True),
        ("settimeout", lambda s: s.settimeout(1.0), True),
        ("dup", lambda s: s.dup(), True),
        ("makefile-read", _makefile_read, True),
        ("sendfile", _sendfile, False),
        ("get-option", lambda s: s.get(options.SO_RCVBUF), False),
        ("set-option", lambda s: s.set(options.SO_RCVBUF, 4096), False),
        ("to_stdlib", lambda s: s.to_stdlib(), False),
    ]
    unix: List[Tuple[str, Callable[[Any], object], bool]] = [
        ("unix-sendto", lambda s: s.sendto(b"x", "/nonexistent/x"), True),
        ("unix-connect", lambda s: s.connect("/nonexistent/x"), True),
        ("send_fds", lambda s: s.send_fds([b"x"], [0]), False),
        ("recv_fds", lambda s: s.recv_fds(10, 1), False),
        ("peer_credentials", lambda s: s.peer_credentials(), False),
        ("send_many", lambda s: s.send_many([(b"x", "/nonexistent/x")]), False),
        ("send_many-empty", lambda s: s.send_many([]), False),
        ("recv_many", lambda s: s.recv_many(2, 10), False),
        ("recv_many_into", lambda s: s.recv_many_into([bytearray(10)]), False),
    ]
    def on(attribute: str, op: Callable[[Any], object]) -> Callable[[Env], object]:
        return lambda e: op(getattr(e, attribute))

    rows: List[Row] = []
    for name, op, in_stdlib in inet:
        rows.append(
            Row(f"closed-{name}", f"{name} on a closed AF_INET socket", on("closed", op),
                E, errno.EBADF, SAME if in_stdlib else NA)
        )
    for name, op, in_stdlib in unix:
        rows.append(
            Row(f"closed-{name}", f"{name} on a closed AF_UNIX datagram socket", on("closed_unix", op),
                E, errno.EBADF, SAME if in_stdlib else NA)
        )
    rows = [
        Row(row.id, row.what, row.call, row.raises, row.errno, ValueError, WHY_CLOSED_SENDFILE)
        if row.id == "closed-sendfile" else row
        for row in rows
    ]
    rows.append(
        Row("closed-unix-bind", "bind of a path on a closed AF_UNIX socket creates no file",
            lambda e: e.closed_unix.bind(str(e.folder / "created")), E, errno.EBADF)
    )
    return rows


ROWS: List[Row] = [
    # -- ports ----------------------------------------------------------------------------
    Row("bind-port--1", "bind to port -1", lambda e: e.tcp_fresh.bind(("127.0.0.1", -1)), OverflowError),
    Row("bind-port-65536", "bind to port 65536", lambda e: e.tcp_fresh.bind(("127.0.0.1", 65536)), OverflowError),
    Row("connect-port--1", "connect to port -1", lambda e: e.tcp_fresh.connect(("127.0.0.1", -1)), OverflowError),
    Row("connect-port-65536", "connect to port 65536", lambda e: e.tcp_fresh.connect(("127.0.0.1", 65536)), OverflowError),
    Row("sendto-port--1", "sendto port -1", lambda e: e.udp.sendto(b"x", ("127.0.0.1", -1)), OverflowError),
    Row("sendto-port-65536", "sendto port 65536", lambda e: e.udp.sendto(b"x", ("127.0.0.1", 65536)), OverflowError),
    Row("sendto-port-2**64", "sendto port 2**64", lambda e: e.udp.sendto(b"x", ("127.0.0.1", 2**64)), OverflowError),
    Row("typed-port-65536", "InetAddress with port 65536", lambda e: e.udp.sendto(b"x", InetAddress("127.0.0.1", 65536)),
        OverflowError),
    Row("inet6-port--1", "AF_INET6 sendto port -1", lambda e: e.udp6.sendto(b"x", ("::1", -1)), OverflowError, inet6=True),
    Row("inet6-port-65536", "AF_INET6 bind to port 65536", lambda e: e.tcp6_fresh.bind(("::1", 65536)), OverflowError,
        inet6=True),
    Row("inet6-flowinfo--1", "AF_INET6 flowinfo -1", lambda e: e.udp6.sendto(b"x", ("::1", 9, -1)), OverflowError,
        inet6=True),
    Row("inet6-flowinfo-2**20", "AF_INET6 flowinfo 2**20", lambda e: e.udp6.sendto(b"x", ("::1", 9, 1 << 20)),
        OverflowError, inet6=True),
    Row("inet6-scope_id--1", "AF_INET6 scope_id -1", lambda e: e.udp6.sendto(b"x", ("::1", 9, 0, -1)), OverflowError,
        stdlib=None, why=WHY_WRAP, inet6=True),
    Row("inet6-scope_id-2**32", "AF_INET6 scope_id 2**32", lambda e: e.udp6.sendto(b"x", ("::1", 9, 0, 2**32)),
        OverflowError, stdlib=None, why=WHY_WRAP, inet6=True),
    # -- non-int ports and fields -----------------------------------------------------------
    Row("port-float", "port 80.0", lambda e: e.tcp_fresh.bind(("127.0.0.1", 80.0)), TypeError),
    Row("port-str", "port '80'", lambda e: e.udp.sendto(b"x", ("127.0.0.1", str(e.udp_peer_port))), TypeError),
    Row("port-bytes", "port b'80'", lambda e: e.tcp_fresh.connect(("127.0.0.1", b"80")), TypeError),
    Row("port-None", "port None", lambda e: e.udp.sendto(b"x", ("127.0.0.1", None)), TypeError),
    Row("typed-port-float", "InetAddress with a float port",
        lambda e: e.udp.sendto(b"x", InetAddress("127.0.0.1", float(e.udp_peer_port))), TypeError),  # type: ignore[arg-type]
    Row("inet6-port-str", "AF_INET6 port '80'", lambda e: e.udp6.sendto(b"x", ("::1", "80")), TypeError, inet6=True),
    Row("inet6-flowinfo-float", "AF_INET6 flowinfo 0.0", lambda e: e.udp6.sendto(b"x", ("::1", 9, 0.0)), TypeError,
        inet6=True),
    # -- NUL in host names and paths --------------------------------------------------------
    Row("host-nul-bind", "bind to '127.0.0.1\\0junk'", lambda e: e.tcp_fresh.bind(("127.0.0.1\0junk", 0)), ValueError,
        stdlib=TypeError, why=WHY_NUL_HOST),
    Row("host-nul-sendto", "sendto '127.0.0.1\\0junk' at the peer's port",
        lambda e: e.udp.sendto(b"x", ("127.0.0.1\0junk", e.udp_peer_port)), ValueError, stdlib=TypeError, why=WHY_NUL_HOST),
    Row("host-nul-bytes", "connect to b'127.0.0.1\\0'", lambda e: e.tcp_fresh.connect((b"127.0.0.1\0", 9)), ValueError,
        stdlib=TypeError, why=WHY_NUL_HOST),
    Row("inet6-host-nul", "AF_INET6 connect to '::1\\0junk'", lambda e: e.tcp6_fresh.connect(("::1\0junk", 9)),
        ValueError, stdlib=TypeError, why=WHY_NUL_HOST, inet6=True),
    Row("getaddrinfo-host-nul", "getaddrinfo('127.0.0.1\\0junk', AI_NUMERICHOST)",
        lambda e: e.mod.getaddrinfo("127.0.0.1\0junk", 80, 0, 0, 0, e.mod.AI_NUMERICHOST), ValueError,
        stdlib=None, why="CPython resolves the C string, which ends at the NUL: the host becomes '127.0.0.1'"),
    Row("gethostbyname-nul", "gethostbyname('127.0.0.1\\0junk')", lambda e: e.mod.gethostbyname("127.0.0.1\0junk"),
        ValueError, stdlib=TypeError, why=WHY_NUL_HOST),
    Row("path-nul-bind", "bind to '<folder>/name\\0junk' creates no 'name'",
        lambda e: e.unix_dgram.bind(str(e.folder / "name") + "\0junk"), ValueError, stdlib=None, why=WHY_NUL_PATH),
    Row("path-nul-bytes-bind", "bind to b'<folder>/name\\0junk'",
        lambda e: e.unix_stream_fresh.bind(os.fsencode(e.folder / "name") + b"\0junk"), ValueError, stdlib=None,
        why=WHY_NUL_PATH),
    Row("path-nul-sendto", "sendto '<peer path>\\0junk' does not reach the peer",
        lambda e: e.unix_dgram.sendto(b"x", e.unix_peer_path + "\0junk"), ValueError, stdlib=None, why=WHY_NUL_PATH),
    Row("path-nul-connect", "connect to '<folder>/gone\\0junk'",
        lambda e: e.unix_stream_fresh.connect(str(e.folder / "gone") + "\0junk"), ValueError, stdlib=FileNotFoundError,
        why=WHY_NUL_PATH),
    Row("path-nul-pathlike", "bind to a PathLike with a NUL",
        lambda e: e.unix_dgram.bind(pathlib.PurePosixPath(str(e.folder / "name") + "\0junk")), ValueError,
        stdlib=TypeError, why=WHY_PATHLIKE),
    Row("UnixAddress-nul", "UnixAddress('a\\0b')", lambda e: UnixAddress("a\0b"), ValueError, stdlib=NA),
    # -- AF_UNIX names that do not fit sun_path (never truncated) ------------------------------
    Row("path-sun_path-bind", "bind to a path of exactly sizeof(sun_path) bytes (no room for the NUL)",
        lambda e: e.unix_dgram.bind(e.path(SUN_PATH)), TOO_LONG),
    Row("path-sun_path+1-bind", "bind to a path of sizeof(sun_path)+1 bytes",
        lambda e: e.unix_dgram.bind(e.path(SUN_PATH + 1)), TOO_LONG),
    Row("path-sun_path-stream-bind", "stream bind to a path of sizeof(sun_path) bytes",
        lambda e: e.unix_stream_fresh.bind(e.path(SUN_PATH)), TOO_LONG),
    Row("path-sun_path-bytes", "bind to a bytes path of sizeof(sun_path) bytes",
        lambda e: e.unix_dgram.bind(os.fsencode(e.path(SUN_PATH))), TOO_LONG),
    Row("path-sun_path-pathlike", "bind to a pathlib.Path of sizeof(sun_path) bytes",
        lambda e: e.unix_dgram.bind(pathlib.Path(e.path(SUN_PATH))), TOO_LONG, stdlib=TypeError, why=WHY_PATHLIKE),
    Row("path-sun_path-sendto", "sendto a path of sizeof(sun_path) bytes",
        lambda e: e.unix_dgram.sendto(b"x", e.path(SUN_PATH)), TOO_LONG),
    Row("path-sun_path-connect", "connect to a path of sizeof(sun_path)+1 bytes",
        lambda e: e.unix_stream_fresh.connect(e.path(SUN_PATH + 1)), TOO_LONG),
    Row("abstract-sun_path+1", "bind to an abstract name of sizeof(sun_path)+1 bytes (with its NUL)",
        lambda e: e.unix_dgram.bind(b"\0" + b"a" * SUN_PATH), TOO_LONG),
    Row("UnixAddress-too-long", "UnixAddress of sizeof(sun_path) bytes", lambda e: UnixAddress("p" * SUN_PATH),
        TOO_LONG, stdlib=NA),
    Row("UnixAddress-abstract-too-long", "UnixAddress.abstract of sizeof(sun_path) bytes after the NUL",
        lambda e: UnixAddress.abstract(b"a" * SUN_PATH), TOO_LONG, stdlib=NA),
    # -- empty, None and odd-typed addresses ------------------------------------------------------
    Row("inet-None", "bind(None) on AF_INET", lambda e: e.tcp_fresh.bind(None), TypeError),
    Row("inet-empty-tuple", "bind(()) on AF_INET", lambda e: e.tcp_fresh.bind(()), TypeError),
    Row("inet-str", "connect('127.0.0.1') on AF_INET", lambda e: e.tcp_fresh.connect("127.0.0.1"), TypeError),
    Row("inet-bytes", "sendto(b'127.0.0.1') on AF_INET", lambda e: e.udp.sendto(b"x", b"127.0.0.1"), TypeError),
    Row("inet-int", "sendto(5) on AF_INET", lambda e: e.udp.sendto(b"x", 5), TypeError),
    Row("inet-float", "sendto(1.5) on AF_INET", lambda e: e.udp.sendto(b"x", 1.5), TypeError),
    Row("inet-list", "sendto([host, port]) on AF_INET",
        lambda e: e.udp.sendto(b"x", ["127.0.0.1", e.udp_peer_port]), TypeError),
    Row("inet-dict", "sendto({...}) on AF_INET", lambda e: e.udp.sendto(b"x", {"127.0.0.1": e.udp_peer_port}), TypeError),
    Row("inet-object", "bind(object()) on AF_INET", lambda e: e.tcp_fresh.bind(object()), TypeError),
    Row("inet-host-None", "sendto((None, port))", lambda e: e.udp.sendto(b"x", (None, e.udp_peer_port)), TypeError),
    Row("inet-host-int", "sendto((2130706433, port))", lambda e: e.udp.sendto(b"x", (2130706433, e.udp_peer_port)),
        TypeError),
    Row("typed-host-None", "InetAddress(None, port)", lambda e: e.udp.sendto(b"x", InetAddress(None, e.udp_peer_port)),  # type: ignore[arg-type]
        TypeError),
    Row("inet6-None", "AF_INET6 bind(None)", lambda e: e.tcp6_fresh.bind(None), TypeError, inet6=True),
    Row("inet6-empty-tuple", "AF_INET6 sendto(())", lambda e: e.udp6.sendto(b"x", ()), TypeError, inet6=True),
    Row("unix-None", "bind(None) on AF_UNIX", lambda e: e.unix_dgram.bind(None), TypeError),
    Row("unix-int", "sendto(3) on AF_UNIX", lambda e: e.unix_dgram.sendto(b"x", 3), TypeError),
    Row("unix-float", "connect(1.5) on AF_UNIX", lambda e: e.unix_stream_fresh.connect(1.5), TypeError),
    Row("unix-object", "bind(object()) on AF_UNIX", lambda e: e.unix_dgram.bind(object()), TypeError),
    Row("unix-empty-connect", "connect('') on AF_UNIX (no name at all)", lambda e: e.unix_stream_fresh.connect(""),
        E, errno.EINVAL),
    Row("unix-empty-sendto", "sendto('') on AF_UNIX", lambda e: e.unix_dgram.sendto(b"x", ""), E, errno.EINVAL),
    Row("UnixAddress-None", "UnixAddress(None)", lambda e: UnixAddress(None), TypeError, stdlib=NA),  # type: ignore[arg-type]
    Row("UnixAddress-int", "UnixAddress(3)", lambda e: UnixAddress(3), TypeError, stdlib=NA),  # type: ignore[arg-type]
    # -- tuples of the wrong length ----------------------------------------------------------
    Row("inet-1-tuple", "AF_INET (host,)", lambda e: e.udp.sendto(b"x", ("127.0.0.1",)), TypeError),
    Row("inet-3-tuple", "AF_INET (host, port, 0)", lambda e: e.udp.sendto(b"x", ("127.0.0.1", e.udp_peer_port, 0)),
        TypeError),
    Row("inet-4-tuple", "AF_INET (host, port, 0, 0)", lambda e: e.tcp_fresh.bind(("127.0.0.1", 0, 0, 0)), TypeError),
    Row("inet6-1-tuple", "AF_INET6 (host,)", lambda e: e.udp6.sendto(b"x", ("::1",)), TypeError, inet6=True),
    Row("inet6-5-tuple", "AF_INET6 (host, port, 0, 0, 0)", lambda e: e.udp6.sendto(b"x", ("::1", 9, 0, 0, 0)),
        TypeError, inet6=True),
    # -- an address of the wrong family ----------------------------------------------------------
    Row("UnixAddress-to-inet", "UnixAddress given to AF_INET", lambda e: e.tcp_fresh.bind(UnixAddress("x")), TypeError),
    Row("path-to-inet", "a str path given to AF_INET", lambda e: e.udp.sendto(b"x", e.unix_peer_path), TypeError),
    Row("Inet6Address-to-inet", "Inet6Address given to AF_INET",
        lambda e: e.udp.sendto(b"x", Inet6Address("127.0.0.1", e.udp_peer_port)), TypeError),
    Row("InetAddress-to-inet6", "InetAddress given to AF_INET6 (its (host, port) shape would fit)",
        lambda e: e.udp6.sendto(b"x", InetAddress("::1", 9)), TypeError, stdlib=None, inet6=True,
        why="SPEC 3: a typed address of another family is rejected even where its tuple shape fits"),
    Row("tuple-to-unix", "(host, port) given to AF_UNIX",
        lambda e: e.unix_dgram.sendto(b"x", ("127.0.0.1", e.udp_peer_port)), TypeError),
    Row("InetAddress-to-unix", "InetAddress given to AF_UNIX", lambda e: e.unix_dgram.bind(InetAddress("127.0.0.1", 0)),
        TypeError),
    # -- receive sizes ------------------------------------------------------------------------
    Row("recv--1", "recv(-1)", lambda e: e.unix_stream.recv(-1), ValueError),
    Row("recvfrom--1", "recvfrom(-1)", lambda e: e.udp.recvfrom(-1), ValueError),
    Row("recv_into-nbytes--1", "recv_into(buf, -1)", lambda e: e.unix_stream.recv_into(bytearray(4), -1), ValueError),
    Row("recvfrom_into-nbytes--1", "recvfrom_into(buf, -1)", lambda e: e.udp.recvfrom_into(bytearray(4), -1), ValueError),
    Row("recv_fds--1", "recv_fds(-1, 1)", lambda e: e.unix_stream.recv_fds(-1, 1), ValueError, stdlib=NA),
    Row("recv_fds-maxfds--1", "recv_fds(1, -1)", lambda e: e.unix_stream.recv_fds(1, -1), ValueError, stdlib=NA),
    Row("recv_many-bufsize--1", "recv_many(1, -1)", lambda e: e.udp.recv_many(1, -1), ValueError, stdlib=NA),
    Row("recv_many-0", "recv_many(0, 10)", lambda e: e.udp.recv_many(0, 10), ValueError, stdlib=NA),
    Row("recv_many-too-many", "recv_many(TS_MMSG_MAX + 1, 10)", lambda e: e.udp.recv_many(MMSG_MAX + 1, 10), ValueError,
        stdlib=NA),
    Row("recv-huge", "recv(sys.maxsize)", lambda e: e.unix_stream.recv(HUGE), MemoryError, stdlib=OverflowError,
        why=WHY_HUGE),
    Row("recvfrom-huge", "recvfrom(sys.maxsize)", lambda e: e.udp.recvfrom(HUGE), MemoryError, stdlib=OverflowError,
        why=WHY_HUGE),
    Row("recv-2**64", "recv(2**64)", lambda e: e.unix_stream.recv(2**64), OverflowError),
    Row("recvfrom-2**64", "recvfrom(2**64)", lambda e: e.udp.recvfrom(2**64), OverflowError),
    Row("recv_fds-huge", "recv_fds(sys.maxsize, 1)", lambda e: e.unix_stream.recv_fds(HUGE, 1), MemoryError, stdlib=NA),
    Row("recv-float", "recv(1.5)", lambda e: e.unix_stream.recv(1.5), TypeError),
    Row("recv-str", "recv('10')", lambda e: e.unix_stream.recv("10"), TypeError),
    Row("recv-flags-2**40", "recv(1, 2**40)", lambda e: e.unix_stream.recv(1, 2**40), OverflowError),
    # -- buffers ------------------------------------------------------------------------------
    Row("send-noncontiguous", "send(memoryview[::2])", lambda e: e.tcp.send(_NONCONTIGUOUS), BufferError),
    Row("sendall-noncontiguous", "sendall(memoryview[::2])", lambda e: e.unix_stream.sendall(_NONCONTIGUOUS), BufferError),
    Row("sendto-noncontiguous", "sendto(memoryview[::2], peer)",
        lambda e: e.udp.sendto(_NONCONTIGUOUS, ("127.0.0.1", e.udp_peer_port)), BufferError),
    Row("send_fds-noncontiguous", "send_fds([memoryview[::2]], [])", lambda e: e.unix_stream.send_fds([_NONCONTIGUOUS], []),
        BufferError, stdlib=NA),
    Row("send_many-noncontiguous", "send_many([memoryview[::2]])", lambda e: e.udp.send_many([_NONCONTIGUOUS]), BufferError,
        stdlib=NA),
    Row("recv_into-noncontiguous", "recv_into(memoryview[::2])",
        lambda e: e.unix_stream.recv_into(_noncontiguous_writable()), TypeError),
    Row("recvfrom_into-noncontiguous", "recvfrom_into(memoryview[::2])",
        lambda e: e.udp.recvfrom_into(_noncontiguous_writable()), TypeError),
    Row("recv_many_into-noncontiguous", "recv_many_into([memoryview[::2]])",
        lambda e: e.udp.recv_many_into([_noncontiguous_writable()]), TypeError, stdlib=NA),
    Row("recv_into-readonly", "recv_into(bytes)", lambda e: e.unix_stream.recv_into(b"abcd"), TypeError),
    Row("recv_into-readonly-view", "recv_into(read-only memoryview)",
        lambda e: e.unix_stream.recv_into(memoryview(bytearray(4)).toreadonly()), TypeError),
    Row("send-str", "send('text')", lambda e: e.unix_stream.send("text"), TypeError),
    Row("sendto-str", "sendto('text', peer)", lambda e: e.udp.sendto("text", ("127.0.0.1", e.udp_peer_port)), TypeError),
    Row("recv_into-too-small", "recv_into(bytearray(4), 10)", lambda e: e.unix_stream.recv_into(bytearray(4), 10),
        ValueError),
    Row("recv_into-too-small-view", "recv_into(view of 4 of 8 bytes, 5)",
        lambda e: e.unix_stream.recv_into(memoryview(bytearray(8))[:4], 5), ValueError),
    Row("recv_into-too-small-array", "recv_into(array('i', 2 items = 8 bytes), 9)",
        lambda e: e.unix_stream.recv_into(array("i", [0, 0]), 9), ValueError),
    Row("recvfrom_into-too-small", "recvfrom_into(bytearray(4), 10)", lambda e: e.udp.recvfrom_into(bytearray(4), 10),
        ValueError),
    # -- options ------------------------------------------------------------------------------
    Row("getsockopt-buflen--1", "getsockopt(..., -1)",
        lambda e: e.tcp.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, -1), E),
    Row("getsockopt-buflen-2**20", "getsockopt(..., 2**20)",
        lambda e: e.tcp.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, 1 << 20), E),
    Row("getsockopt-buflen-2**64", "getsockopt(..., 2**64)",
        lambda e: e.tcp.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE, 2**64), E, stdlib=OverflowError,
        why=WHY_BUFLEN),
    Row("setsockopt-str", "setsockopt(..., '1')", lambda e: e.tcp.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, "1"),
        TypeError),
    Row("setsockopt-float", "setsockopt(..., 1.0)",
        lambda e: e.tcp.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 1.0), TypeError),
    Row("setsockopt-2**40", "setsockopt(..., 2**40)",
        lambda e: e.tcp.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 2**40), OverflowError, stdlib=TypeError,
        why="an int that does not fit a C int is OverflowError (CPython falls back to the bytes path: TypeError)"),
    Row("setsockopt-None", "setsockopt(..., None) without optlen",
        lambda e: e.tcp.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, None), TypeError),
    Row("setsockopt-None-optlen--1", "setsockopt(..., None, -1)",
        lambda e: e.tcp.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, None, -1), OverflowError, stdlib=OSError,
        why="a negative optlen does not fit socklen_t: OverflowError before the call (CPython lets the kernel say EINVAL)"),
    Row("set-read-only-option", "set(options.SO_ERROR, 0)", lambda e: e.tcp.set(options.SO_ERROR, 0), TypeError, stdlib=NA),
    Row("set-option-wrong-type", "set(options.SO_RCVBUF, '1')", lambda e: e.tcp.set(options.SO_RCVBUF, "1"), TypeError,
        stdlib=NA),
    Row("set-option-negative-timeout", "set(options.SO_RCVTIMEO, -1.0)", lambda e: e.tcp.set(options.SO_RCVTIMEO, -1.0),
        ValueError, stdlib=NA),
    Row("settimeout--1", "settimeout(-1)", lambda e: e.tcp.settimeout(-1), ValueError),
    Row("settimeout-nan", "settimeout(nan)", lambda e: e.tcp.settimeout(float("nan")), ValueError),
    Row("settimeout-str", "settimeout('1')", lambda e: e.tcp.settimeout("1"), TypeError),
    Row("settimeout-inf", "settimeout(inf)", lambda e: e.tcp.settimeout(float("inf")), OverflowError),
    Row("settimeout-1e300", "settimeout(1e300)", lambda e: e.tcp.settimeout(1e300), OverflowError),
    Row("shutdown-7", "shutdown(7)", lambda e: e.tcp.shutdown(7), E, errno.EINVAL),
    Row("shutdown--1", "shutdown(-1)", lambda e: e.tcp.shutdown(-1), E, errno.EINVAL),
    Row("shutdown-2**40", "shutdown(2**40)", lambda e: e.tcp.shutdown(2**40), OverflowError),
    Row("shutdown-str", "shutdown('RDWR')", lambda e: e.tcp.shutdown("RDWR"), TypeError),
    Row("listen-str", "listen('5')", lambda e: e.tcp_fresh.listen("5"), TypeError),
    Row("listen-2**40", "listen(2**40)", lambda e: e.tcp_fresh.listen(2**40), OverflowError),
    # -- unknown family and kind numbers -----------------------------------------------------------
    Row("socket-family-12345", "socket(12345)", lambda e: e.mod.socket(12345, e.mod.SOCK_STREAM), E, errno.EAFNOSUPPORT),
    Row("socket-family--5", "socket(-5)", lambda e: e.mod.socket(-5, e.mod.SOCK_STREAM), E, errno.EAFNOSUPPORT),
    Row("socket-kind-12345", "socket(AF_INET, 12345)", lambda e: e.mod.socket(e.mod.AF_INET, 12345), E, errno.EINVAL),
    Row("socket-proto-9999", "socket(AF_INET, SOCK_STREAM, 9999)",
        lambda e: e.mod.socket(e.mod.AF_INET, e.mod.SOCK_STREAM, 9999), E, errno.EINVAL),
    Row("socketpair-family-12345", "socketpair(12345)", lambda e: e.mod.socketpair(12345), E, errno.EAFNOSUPPORT),
    Row("socketpair-inet", "socketpair(AF_INET)", lambda e: e.mod.socketpair(e.mod.AF_INET), E, errno.EOPNOTSUPP),
    Row("socketpair-kind-12345", "socketpair(AF_UNIX, 12345)", lambda e: e.mod.socketpair(e.mod.AF_UNIX, 12345), E,
        errno.EINVAL),
    # -- fromfd and socket(fileno=...) ---------------------------------------------------------------
    Row("fromfd--1", "fromfd(-1, ...)", lambda e: e.mod.fromfd(-1, e.mod.AF_INET, e.mod.SOCK_STREAM), E, errno.EBADF),
    Row("fromfd-closed-fd", "fromfd of a closed descriptor",
        lambda e: e.mod.fromfd(_closed_fd(), e.mod.AF_INET, e.mod.SOCK_STREAM), E, errno.EBADF),
    Row("fromfd-regular-file", "fromfd of a regular file's descriptor",
        _with_file_fd(lambda e, fd: e.mod.fromfd(fd, e.mod.AF_INET, e.mod.SOCK_STREAM)), E, errno.ENOTSOCK),
    Row("fromfd-str", "fromfd('3', ...)", lambda e: e.mod.fromfd("3", e.mod.AF_UNIX, e.mod.SOCK_STREAM), TypeError),
    Row("fromfd-wrong-family", "fromfd of an AF_UNIX socket claimed AF_INET",
        lambda e: e.mod.fromfd(e.unix_stream.fileno(), e.mod.AF_INET, e.mod.SOCK_STREAM), E, errno.EINVAL,
        stdlib=None, why=WHY_FAMILY_CLAIM),
    Row("fromfd-wrong-kind", "fromfd of a stream socket claimed SOCK_DGRAM",
        lambda e: e.mod.fromfd(e.unix_stream.fileno(), e.mod.AF_UNIX, e.mod.SOCK_DGRAM), E, errno.EINVAL,
        stdlib=None, why=WHY_FAMILY_CLAIM),
    Row("fromfd-unknown-family", "fromfd claiming family 12345",
        lambda e: e.mod.fromfd(e.unix_stream.fileno(), 12345, e.mod.SOCK_STREAM), E, errno.EINVAL,
        stdlib=None, why=WHY_FAMILY_CLAIM),
    Row("socket-fileno--1", "socket(fileno=-1)", lambda e: e.mod.socket(fileno=-1), ValueError),
    Row("socket-fileno-regular-file", "socket(fileno=<a regular file>)",
        _with_file_fd(lambda e, fd: e.mod.socket(fileno=fd)), E, errno.ENOTSOCK),
    # -- getaddrinfo arguments (AI_NUMERICHOST: no DNS) ---------------------------------------------
    Row("getaddrinfo-host-int", "getaddrinfo(5, 80)", lambda e: e.mod.getaddrinfo(5, 80, 0, 0, 0, e.mod.AI_NUMERICHOST),
        TypeError),
    Row("getaddrinfo-port-float", "getaddrinfo(host, 1.5)",
        lambda e: e.mod.getaddrinfo("127.0.0.1", 1.5, 0, 0, 0, e.mod.AI_NUMERICHOST), E),
    Row("getaddrinfo-port-2**70", "getaddrinfo(host, 2**70)",
        # (3.12+, gh-74895: the digits go to getaddrinfo as a service name, which refuses them)
        lambda e: e.mod.getaddrinfo("127.0.0.1", 2**70, 0, 0, 0, e.mod.AI_NUMERICHOST),
        typedsock.gaierror if PY312 else OverflowError, errno=typedsock.EAI_SERVICE if PY312 else None),
    Row("getaddrinfo-host-surrogate", "getaddrinfo('\\udcff', 80)",
        lambda e: e.mod.getaddrinfo("\udcff", 80, 0, 0, 0, e.mod.AI_NUMERICHOST),
        UnicodeEncodeError if sys.version_info >= (3, 13) else UnicodeError),  # the running Python's idna codec
    Row("getaddrinfo-family-12345", "getaddrinfo(host, 80, 12345)",
        lambda e: e.mod.getaddrinfo("127.0.0.1", 80, 12345, 0, 0, e.mod.AI_NUMERICHOST), typedsock.gaierror),
    Row("getaddrinfo-bad-flags", "getaddrinfo(host, 80, flags=1 << 30)",
        lambda e: e.mod.getaddrinfo("127.0.0.1", 80, 0, 0, 0, e.mod.AI_NUMERICHOST | (1 << 30)), typedsock.gaierror),
    *_closed_rows(),
]


def _row_params() -> List[Any]:
    return [pytest.param(row, id=row.id) for row in ROWS]


# ---------------------------------------------------------------------------- the tests


def _dispose(result: object) -> None:
    """Close whatever a call that should have failed gave back."""
    items = cast(Tuple[object, ...], result) if isinstance(result, tuple) else (result,)
    for item in items:
        close = getattr(item, "close", None)
        if callable(close) and not isinstance(item, (bytes, str)):
            close()


def _raised(call: Callable[[Env], object], e: Env) -> Optional[BaseException]:
    """The exception ``call`` raises (None if it returns), with its tracebacks dropped.

    Dropping them keeps the exception out of a reference cycle with the frames of the
    failed call: see ``test_failed_buffer_call_in_a_garbage_cycle_does_not_crash``.
    """
    try:
        _dispose(call(e))
    except BaseException as exc:  # the table checks the exact type
        chained: Optional[BaseException] = exc
        while chained is not None:
            chained.__traceback__ = None
            chained = chained.__context__
        return exc
    return None


def _quiet(peer: Any) -> None:
    peer.setblocking(False)
    with pytest.raises(BlockingIOError):
        data = peer.recv(100)
        pytest.fail(f"{peer!r} received {data!r}")


@pytest.mark.parametrize("row", _row_params())
def test_bad_input_is_rejected_and_changes_nothing(row: Row, fd_table: FdTable) -> None:
    if row.inet6 and not HAVE_INET6_SOCKETS:
        pytest.skip("no AF_INET6 sockets on this host")
    with _env(typedsock) as e:
        listing = sorted(os.listdir(e.folder))
        open_before = fd_table.snapshot()
        exc = _raised(row.call, e)
        assert exc is not None, f"{row.what}: no exception"
        assert type(exc) is row.raises, f"{row.what}: raised {type(exc).__qualname__}: {exc}"
        if row.errno is not None:
            assert isinstance(exc, OSError) and exc.errno == row.errno, f"{row.what}: {exc!r}"
        if isinstance(exc, OSError):
            assert isinstance(exc, typedsock.error), "every OSError typedsock raises is a typedsock.error"
        # nothing changed: on disk, on the wire, in the descriptor table
        assert sorted(os.listdir(e.folder)) == listing, f"{row.what}: the socket folder changed"
        for peer in e.peers:
            _quiet(peer)
        open_after = fd_table.snapshot()
        assert open_after == open_before, f"{row.what}: descriptors {fd_table.difference(open_before, open_after)}"
        assert e.closed.fileno() == -1 and e.closed_unix.fileno() == -1


STDLIB_ROWS = [row for row in ROWS if not isinstance(row.stdlib, _NotApplicable)]


@pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in STDLIB_ROWS])
def test_standard_library_raises_as_the_table_says(row: Row) -> None:
    if row.inet6 and not HAVE_INET6_SOCKETS:
        pytest.skip("no AF_INET6 sockets on this host")
    expected = _stdlib_expected(row)
    with _env(stdlib) as e:
        exc = _raised(row.call, e)
        if expected is None:  # the standard module accepts the call (see row.why)
            assert exc is None, f"{row.what}: the standard module raised {exc!r}"
            return
        assert type(exc) is expected, f"{row.what}: the standard module raised {exc!r}"
        if row.errno is not None and issubclass(expected, OSError):
            assert isinstance(exc, OSError) and exc.errno == row.errno


def test_rows_are_well_formed() -> None:
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids)), "row ids are unique"
    for row in ROWS:
        differs = not isinstance(row.stdlib, (_Same, _NotApplicable))
        assert differs == bool(row.why), f"{row.id}: a row that differs from the standard module says why (only then)"


def test_the_table_covers_the_issue() -> None:
    """Every case the issue lists has at least one row."""
    required = [
        "port--1", "port-65536", "port-float", "port-str", "host-nul", "path-nul", "path-sun_path-bind",
        "path-sun_path+1-bind", "-None", "empty", "object", "1-tuple", "3-tuple", "UnixAddress-to-inet",
        "InetAddress-to-inet6", "recv--1", "recv-huge", "send-noncontiguous", "recv_into-noncontiguous",
        "recv_into-too-small", "getsockopt-buflen--1", "getsockopt-buflen-2**20",
        "setsockopt-str", "setsockopt-float", "shutdown-7", "socket-family-12345", "socket-kind-12345",
        "fromfd--1", "fromfd-closed-fd", "fromfd-regular-file", "closed-",
    ]
    for part in required:
        assert any(part in row.id for row in ROWS), part
    assert len(ROWS) >= 150


@pytest.mark.parametrize("mod", [typedsock, stdlib], ids=["typedsock", "socket"])
def test_getsockopt_buflen_0_is_not_bad_input(mod: Any) -> None:
    """buflen 0 means "no buffer": the option comes back as an int, as in the standard module
    (so it has no row in the table)."""
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as sock:
        assert sock.getsockopt(mod.SOL_SOCKET, mod.SO_TYPE, 0) == mod.SOCK_STREAM


# ---------------------------------------------------------------------------- MSG_TRUNC: what the kernel did not write


@pytest.fixture
def stain(stack: contextlib.ExitStack) -> Callable[[], None]:
    """Leaves a recognisable secret in typedsock's receive buffers, as another connection's data would."""
    secret = b"SECRET-" * 11000  # > 64 KiB: fills a whole pooled receive buffer
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    a.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDBUF, 1 << 20)

    def run() -> None:
        for size in (70_000, 65_536):
            a.send(secret[:size])
            assert b.recv(size) == secret[:size]

    return run


@pytest.mark.parametrize("call", ["recv", "recvfrom", "recv_fds", "recv_many", "recv-large"])
def test_msg_trunc_datagram_returns_only_received_bytes(
    stack: contextlib.ExitStack, stain: Callable[[], None], call: str
) -> None:
    """recv(n, MSG_TRUNC) on a datagram: Linux returns the datagram's full length, but only
    n bytes were written.  The result must be those n bytes, never memory past them (stale
    data of other connections, or past the end of the buffer)."""
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    a.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDBUF, 1 << 20)
    bufsize = 70_000 if call == "recv-large" else 10
    datagram = b"d" * (bufsize + 1000)
    a.send(datagram)
    flags = typedsock.MSG_TRUNC
    stain()
    data: bytes
    if call in ("recv", "recv-large"):
        data = b.recv(bufsize, flags)
    elif call == "recvfrom":
        data = b.recvfrom(bufsize, flags)[0]
    elif call == "recv_fds":
        data = b.recv_fds(bufsize, 1, flags)[0]
    else:
        data = b.recv_many(1, bufsize, flags)[0][0]
    assert b"SECRET" not in data, "stale bytes of another connection leaked into the result"
    assert data == datagram[:bufsize]


def test_msg_trunc_on_tcp_returns_no_stale_bytes(
    stain: Callable[[], None],
    tcp_pair: Tuple[typedsock.StreamSocket[InetAddress], typedsock.StreamSocket[InetAddress]],
) -> None:
    """On TCP, MSG_TRUNC discards the bytes without copying them (tcp(7)): whatever recv returns
    must not be bytes left over from earlier calls."""
    import select

    client, server = tcp_pair
    client.sendall(b"t" * 50)
    assert select.select([server], [], [], 5.0)[0]
    time.sleep(0.05)  # all 50 bytes queued
    stain()
    data = server.recv(20, typedsock.MSG_TRUNC)
    assert b"SECRET" not in data, "stale bytes of another connection leaked into the result"
    assert data.strip(b"\0") == b"", f"bytes that were never received: {data!r}"


# ---------------------------------------------------------------------------- a failed call, its buffers and the GC

# Each snippet makes a call that takes a memoryview (a buffer export) and fails.  The
# exception is then kept in a reference cycle, as ``except ... as exc: err = exc`` does
# (socket.create_connection, asyncio, pytest), and the cycle collected.  The standard
# module releases the buffer before it raises; a facade that still holds an export of
# the memoryview in a frame of the traceback makes CPython < 3.12.7 / 3.13.0 clear the
# memoryview first (BufferError in tp_clear) and then crash (python/cpython#77894).
_GC_CASES = {
    "send-closed": "s = ts.socket(); s.close(); s.send(memoryview(b'data'))",
    "sendall-timeout": (
        "a, b = ts.socketpair(); keep.extend((a, b)); a.settimeout(0.05); a.sendall(memoryview(b'x' * (8 << 20)))"
    ),
    "sendto-closed": "s = ts.socket(ts.AF_INET, ts.SOCK_DGRAM); s.close(); s.sendto(memoryview(b'd'), ('127.0.0.1', 9))",
    "recv_into-closed": "s = ts.socket(); s.close(); s.recv_into(memoryview(bytearray(8)))",
    "recv_into-too-small": "a, b = ts.socketpair(); keep.extend((a, b)); a.recv_into(memoryview(bytearray(8))[:4], 5)",
    "recvfrom_into-closed": "s = ts.socket(); s.close(); s.recvfrom_into(memoryview(bytearray(8)))",
    "send_fds-closed": "s = ts.socket(ts.AF_UNIX); s.close(); s.send_fds([memoryview(b'x')], [0])",
    "recv_many_into-closed": (
        "s = ts.socket(ts.AF_INET, ts.SOCK_DGRAM); s.close(); s.recv_many_into([memoryview(bytearray(8))])"
    ),
    "setsockopt-closed": "s = ts.socket(); s.close(); s.setsockopt(ts.SOL_SOCKET, ts.SO_RCVBUF, memoryview(b'1234'))",
    "inet_ntop-wrong-length": "ts.inet_ntop(ts.AF_INET, memoryview(b'123'))",
}
_GC_PROGRAM = """
import gc, sys
import typedsock as ts

keep = []

def fail():
    {call}

def main():
    err = None
    try:
        fail()
    except Exception as exc:
        err = exc  # frame -> err -> traceback -> frame: a reference cycle
    for s in keep:
        s.close()
    return type(err).__name__

print(main())
gc.collect()
print("collected")
"""


@pytest.mark.parametrize("case", sorted(_GC_CASES))
def test_failed_buffer_call_in_a_garbage_cycle_does_not_crash(case: str) -> None:
    import subprocess

    program = _GC_PROGRAM.format(call=_GC_CASES[case])
    done = subprocess.run(
        [sys.executable, "-I", "-X", "faulthandler", "-W", "ignore", "-c", program],  # -I: the installed typedsock
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0 and done.stdout.endswith("collected\n"), (
        f"the interpreter died collecting the failed call's exception (rc {done.returncode}):\n"
        f"{done.stdout}{done.stderr[-2000:]}"
    )
