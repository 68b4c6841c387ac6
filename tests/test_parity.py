"""Standard-library parity: code written for ``socket`` runs on ``import typedsock as socket``.

Every test that takes the ``mod`` fixture runs twice, once with the standard ``socket``
module (id ``stdlib``) and once with ``typedsock`` (id ``typedsock``), doing exactly the
same thing and asserting exactly the same result.  The ``stdlib`` runs check that the
expectations are the standard module's own behaviour on the running Python; a failing
``typedsock`` run is a parity gap.

``test_classic_program`` runs the programs in ``tests/parity_programs/`` (echo over TCP,
UDP and AF_UNIX, a selectors loop, fd passing) with each module, unchanged.

The ``test_difference_*`` tests are not parametrized: each pins down one deliberate
difference (docs/from-socket.md, "Deliberate differences") by asserting what the standard module does and what
typedsock does instead.
"""

from __future__ import annotations

import array
import contextlib
import copy
import errno
import gc
import importlib.util
import io
import os
import pathlib
import pickle
import re
import socket
import struct
import sys
import tempfile
import types
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    NamedTuple,
    Optional,
    Tuple,
    Type,
    Union,
    cast,
)

import pytest

import typedsock

if TYPE_CHECKING:
    from conftest import FdTable

PY310 = sys.version_info >= (3, 10)
PY311 = sys.version_info >= (3, 11)
PY312 = sys.version_info >= (3, 12)

MODULES = [pytest.param(socket, id="stdlib"), pytest.param(typedsock, id="typedsock")]


@pytest.fixture(params=MODULES)
def mod(request: pytest.FixtureRequest) -> types.ModuleType:
    """The module under test: ``socket`` or ``typedsock``, used the same way."""
    return cast(types.ModuleType, request.param)


@pytest.fixture
def short_dir() -> Iterator[str]:
    """A directory with a short path, for AF_UNIX socket files."""
    with tempfile.TemporaryDirectory(prefix="parity-", dir="/tmp") as directory:
        yield directory


# -- the classic programs ------------------------------------------------------------------

PROGRAMS_DIR = pathlib.Path(__file__).resolve().parent / "parity_programs"
_programs: Dict[str, types.ModuleType] = {}


def _program(name: str) -> Callable[[types.ModuleType], None]:
    """``main`` of tests/parity_programs/<name>.py (loaded by path, once)."""
    module = _programs.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(f"_parity_program_{name}", PROGRAMS_DIR / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # pyright: ignore[reportUnknownMemberType, reportAttributeAccessIssue]
        _programs[name] = module
    main: Callable[[types.ModuleType], None] = module.main
    return main


@pytest.mark.parametrize("program", ["tcp_echo", "udp_echo", "unix_echo", "selectors_echo", "fd_passing"])
def test_classic_program(mod: types.ModuleType, program: str) -> None:
    _program(program)(mod)


# -- names -----------------------------------------------------------------------------------

MODULE_NAMES = """
    socket SocketType fromfd socketpair error gaierror herror timeout
    AF_UNIX AF_INET AF_INET6 AF_UNSPEC SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_SEQPACKET
    SOCK_NONBLOCK SOCK_CLOEXEC SOL_SOCKET SO_REUSEADDR SO_REUSEPORT SO_KEEPALIVE SO_BROADCAST
    SO_LINGER SO_RCVBUF SO_SNDBUF SO_RCVTIMEO SO_SNDTIMEO SO_ERROR SO_TYPE SO_ACCEPTCONN
    SO_PEERCRED SO_DOMAIN IPPROTO_IP IPPROTO_TCP IPPROTO_UDP IPPROTO_IPV6 TCP_NODELAY IPV6_V6ONLY
    MSG_PEEK MSG_OOB MSG_WAITALL MSG_DONTWAIT MSG_TRUNC MSG_NOSIGNAL SHUT_RD SHUT_WR SHUT_RDWR
    INADDR_ANY INADDR_LOOPBACK INADDR_BROADCAST SOMAXCONN
    AddressFamily SocketKind
    gethostbyname gethostbyname_ex gethostbyaddr gethostname getservbyname getservbyport
    getprotobyname getaddrinfo getnameinfo getfqdn create_connection create_server
    has_dualstack_ipv6 getdefaulttimeout setdefaulttimeout has_ipv6 close
    inet_aton inet_ntoa inet_pton inet_ntop htons ntohs htonl ntohl
    if_nametoindex if_indextoname if_nameindex send_fds recv_fds
""".split()

SOCKET_METHODS = """
    accept bind close connect connect_ex detach dup fileno get_inheritable set_inheritable
    getblocking getpeername getsockname getsockopt gettimeout listen makefile recv recv_into
    recvfrom recvfrom_into send sendall sendto setblocking setsockopt settimeout shutdown
    family type proto __enter__ __exit__
""".split()


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_name(mod: types.ModuleType, name: str) -> None:
    assert hasattr(mod, name)
    if name.isupper():
        assert getattr(mod, name) == getattr(socket, name)  # the system's value


@pytest.mark.parametrize("name", SOCKET_METHODS)
def test_stream_socket_method(mod: types.ModuleType, name: str, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_STREAM))
    assert hasattr(sock, name)


@pytest.mark.parametrize("name", [n for n in SOCKET_METHODS if n not in ("listen", "accept")])
def test_datagram_socket_method(mod: types.ModuleType, name: str, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
    assert hasattr(sock, name)


# -- the constructor ---------------------------------------------------------------------------


def test_constructor_defaults(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    cases: List[Tuple[Any, Tuple[int, int, int]]] = [
        (mod.socket(), (socket.AF_INET, socket.SOCK_STREAM, 0)),
        (mod.socket(-1, -1, -1, None), (socket.AF_INET, socket.SOCK_STREAM, 0)),
        (mod.socket(mod.AF_UNIX), (socket.AF_UNIX, socket.SOCK_STREAM, 0)),
        (mod.socket(type=mod.SOCK_DGRAM), (socket.AF_INET, socket.SOCK_DGRAM, 0)),
        (mod.socket(proto=mod.IPPROTO_TCP), (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)),
        (
            mod.socket(family=mod.AF_INET, type=mod.SOCK_DGRAM, proto=mod.IPPROTO_UDP, fileno=None),
            (socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP),
        ),
        (mod.socket(mod.AF_INET6, mod.SOCK_STREAM, 0), (socket.AF_INET6, socket.SOCK_STREAM, 0)),
        (mod.socket(mod.AF_UNIX, mod.SOCK_SEQPACKET), (socket.AF_UNIX, socket.SOCK_SEQPACKET, 0)),
    ]
    for sock, (family, kind, proto) in cases:
        stack.enter_context(sock)
        assert (sock.family, sock.type, sock.proto) == (family, kind, proto)
        assert type(sock.family).__name__ == "AddressFamily" and type(sock.type).__name__ == "SocketKind"
        assert sock.fileno() >= 0


@pytest.mark.parametrize(
    ("family", "kind"),
    [
        ("AF_INET", "SOCK_STREAM"),
        ("AF_INET", "SOCK_DGRAM"),
        ("AF_INET6", "SOCK_STREAM"),
        ("AF_UNIX", "SOCK_STREAM"),
        ("AF_UNIX", "SOCK_DGRAM"),
        ("AF_UNIX", "SOCK_SEQPACKET"),
    ],
)
def test_constructor_fileno_reads_the_descriptor(
    mod: types.ModuleType, family: str, kind: str, stack: contextlib.ExitStack, fd_table: FdTable
) -> None:
    original = stack.enter_context(socket.socket(getattr(socket, family), getattr(socket, kind)))
    fd = os.dup(original.fileno())
    sock = mod.socket(fileno=fd)  # family, type and proto read from the descriptor
    with sock:
        assert sock.fileno() == fd  # the descriptor itself, not a copy
        assert sock.family == getattr(socket, family)
        assert sock.type == getattr(socket, kind)
        assert sock.proto == original.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL)
        assert isinstance(sock, mod.socket)
    assert not fd_table.is_open(fd)  # the socket owned it
    # Positionally, and with family and type given (and right).
    fd = os.dup(original.fileno())
    with mod.socket(-1, -1, -1, fd) as sock:
        assert (sock.family, sock.type) == (getattr(socket, family), getattr(socket, kind))
    fd = os.dup(original.fileno())
    with mod.socket(getattr(mod, family), getattr(mod, kind), fileno=fd) as sock:
        assert sock.fileno() == fd


def test_constructor_fileno_errors(mod: types.ModuleType, fd_table: FdTable) -> None:
    for negative in (-1, -5):
        with pytest.raises(ValueError, match=r"^negative file descriptor$"):
            mod.socket(fileno=negative)
    read_end, write_end = os.pipe()
    try:
        with pytest.raises(OSError) as info:
            mod.socket(fileno=read_end)
        assert info.value.errno == errno.ENOTSOCK
        assert isinstance(info.value, mod.error)
        assert fd_table.is_open(read_end)  # a failed constructor leaves the caller's descriptor alone
    finally:
        os.close(read_end)
        os.close(write_end)
    with pytest.raises(OSError) as info:
        mod.socket(fileno=read_end)  # closed by now
    assert info.value.errno == errno.EBADF


@pytest.mark.parametrize("flags", ["SOCK_NONBLOCK", "SOCK_CLOEXEC", "SOCK_NONBLOCK|SOCK_CLOEXEC"])
def test_type_flags(mod: types.ModuleType, flags: str, stack: contextlib.ExitStack) -> None:
    extra = 0
    for flag in flags.split("|"):
        extra |= getattr(mod, flag)
    nonblocking = "SOCK_NONBLOCK" in flags
    sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_STREAM | extra))
    pair = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM | extra)
    for each in pair:
        stack.enter_context(each)
    for each, kind in ((sock, socket.SOCK_STREAM), (pair[0], socket.SOCK_DGRAM), (pair[1], socket.SOCK_DGRAM)):
        assert each.type == kind  # the bare kind, without the flags
        assert type(each.type).__name__ == "SocketKind"
        assert each.getblocking() is not nonblocking
        assert each.gettimeout() == (0.0 if nonblocking else None)
        assert os.get_blocking(each.fileno()) is not nonblocking
        assert os.get_inheritable(each.fileno()) is False
        assert f"type={kind!s}," in repr(each)


# -- the class -----------------------------------------------------------------------------------


def test_isinstance(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    assert isinstance(mod.socket, type)
    assert issubclass(mod.socket, mod.SocketType)
    listener = stack.enter_context(mod.socket())
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = stack.enter_context(mod.create_connection(listener.getsockname()))
    conn, _ = listener.accept()
    stack.enter_context(conn)
    dgram = stack.enter_context(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
    made = [listener, client, conn, dgram, stack.enter_context(dgram.dup())]
    made += [stack.enter_context(s) for s in mod.socketpair()]
    made.append(stack.enter_context(mod.fromfd(dgram.fileno(), mod.AF_UNIX, mod.SOCK_DGRAM)))
    for sock in made:
        assert isinstance(sock, mod.socket)
        assert isinstance(sock, mod.SocketType)


def _subclasses(base: Any) -> Tuple[Any, Any]:
    """Two subclasses of ``base`` (the module's ``socket`` class), the ways user code writes them."""

    class Plain(base):  # type: ignore[misc]  # pyright: ignore[reportUntypedBaseClass]
        def hello(self) -> str:
            return "hello"

    class Tagged(base):  # type: ignore[misc]  # pyright: ignore[reportUntypedBaseClass]
        """The pattern of ssl.SSLSocket and friends: an __init__ passing the arguments on."""

        def __init__(
            self, family: int = -1, type: int = -1, proto: int = -1, fileno: Optional[int] = None, *, tag: str = "-"
        ) -> None:
            super().__init__(family, type, proto, fileno)  # pyright: ignore[reportUnknownMemberType]
            self.tag = tag

    return Plain, Tagged


def test_subclassing(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    Plain, Tagged = _subclasses(mod.socket)
    plain = stack.enter_context(Plain())
    assert isinstance(plain, Plain) and isinstance(plain, mod.socket)
    # typedsock: an instance of Plain combined with StreamSocket or DatagramSocket, so a
    # stream socket has accept() and a datagram socket has none (see docs/from-socket.md, "Deliberate differences")
    assert type(plain) is Plain if mod is socket else type(plain).__name__ == "Plain"
    assert (plain.family, plain.type) == (socket.AF_INET, socket.SOCK_STREAM)
    assert plain.hello() == "hello"
    for family, kind in ((mod.AF_UNIX, mod.SOCK_DGRAM), (mod.AF_UNIX, mod.SOCK_STREAM), (mod.AF_INET, mod.SOCK_DGRAM)):
        sock = stack.enter_context(Plain(family, kind))
        assert (sock.family, sock.type) == (family, kind)
        copy = stack.enter_context(sock.dup())
        assert type(copy) is type(sock) and isinstance(copy, Plain)  # dup() makes another of the same class
    tagged = stack.enter_context(Tagged(mod.AF_INET, mod.SOCK_STREAM, tag="listener"))
    assert tagged.tag == "listener" and isinstance(tagged, mod.socket)
    tagged.bind(("127.0.0.1", 0))
    tagged.listen()
    client = stack.enter_context(Tagged(tag="client"))
    client.connect(tagged.getsockname())
    conn, _ = tagged.accept()
    stack.enter_context(conn)
    assert isinstance(conn, mod.socket)
    assert not isinstance(conn, Tagged)  # accept() makes a plain socket, as the standard module does
    client.sendall(b"through a subclass")
    assert conn.recv(100) == b"through a subclass"
    fd = os.dup(client.fileno())
    adopted = stack.enter_context(Tagged(fileno=fd, tag="adopted"))
    assert adopted.tag == "adopted" and adopted.family == socket.AF_INET and adopted.type == socket.SOCK_STREAM


def test_socket_type_name(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
    assert isinstance(sock, mod.SocketType)
    assert isinstance(mod.SocketType, type)


# -- descriptors -----------------------------------------------------------------------------------


def test_inheritable(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket())
    assert sock.get_inheritable() is False
    sock.set_inheritable(True)
    assert sock.get_inheritable() is True
    assert os.get_inheritable(sock.fileno()) is True
    sock.set_inheritable(False)
    assert sock.get_inheritable() is False
    assert os.get_inheritable(sock.fileno()) is False
    sock.close()
    with pytest.raises(OSError) as info:
        sock.get_inheritable()
    assert info.value.errno == errno.EBADF


def test_dup(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(2.5)
    os.set_inheritable(sock.fileno(), True)
    copy = sock.dup()
    stack.enter_context(copy)
    assert copy.fileno() != sock.fileno() and copy.fileno() >= 0
    assert (copy.family, copy.type, copy.proto) == (sock.family, sock.type, sock.proto)
    assert copy.getsockname() == sock.getsockname()
    assert os.get_inheritable(copy.fileno()) is False  # the new descriptor is not inheritable
    sock.close()
    copy.sendto(b"still open", copy.getsockname())
    assert copy.recv(100) == b"still open"


def test_dup_keeps_the_timeout(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    for timeout in (2.5, 0.0, None):
        sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
        sock.settimeout(timeout)
        copy = stack.enter_context(sock.dup())
        assert copy.gettimeout() == timeout
        assert copy.getblocking() is (timeout != 0.0)


def test_detach(mod: types.ModuleType, fd_table: FdTable) -> None:
    sock = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    fd = sock.detach()
    assert fd >= 0
    assert sock.fileno() == -1
    assert "[closed]" in repr(sock)
    sock.close()  # nothing left to close
    assert fd_table.is_open(fd)
    with mod.socket(fileno=fd) as again:
        assert again.type == socket.SOCK_DGRAM
    assert not fd_table.is_open(fd)


def test_close_fd(mod: types.ModuleType, fd_table: FdTable) -> None:
    fd = mod.socket().detach()
    assert mod.close(fd) is None
    assert not fd_table.is_open(fd)
    for bad in (fd, -1):
        with pytest.raises(OSError) as info:
            mod.close(bad)
        assert info.value.errno == errno.EBADF
        assert isinstance(info.value, mod.error)
    with pytest.raises(TypeError):
        mod.close("3")
    read_end, write_end = os.pipe()  # any descriptor, as os.close
    mod.close(read_end)
    mod.close(write_end)
    assert not fd_table.is_open(read_end) and not fd_table.is_open(write_end)


def test_fromfd_duplicates(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    original = stack.enter_context(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
    copy = stack.enter_context(mod.fromfd(original.fileno(), mod.AF_UNIX, mod.SOCK_DGRAM))
    assert copy.fileno() != original.fileno()
    assert (copy.family, copy.type) == (socket.AF_UNIX, socket.SOCK_DGRAM)
    assert os.get_inheritable(copy.fileno()) is False


# -- timeouts --------------------------------------------------------------------------------------


def test_default_timeout(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    assert mod.getdefaulttimeout() is None
    try:
        mod.setdefaulttimeout(3)
        assert mod.getdefaulttimeout() == 3.0 and isinstance(mod.getdefaulttimeout(), float)
        listener = stack.enter_context(mod.socket())
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = stack.enter_context(mod.socket())
        client.connect(listener.getsockname())
        conn, _ = listener.accept()
        stack.enter_context(conn)
        made = [listener, client, conn, *(stack.enter_context(s) for s in mod.socketpair())]
        made.append(stack.enter_context(mod.fromfd(client.fileno(), mod.AF_INET, mod.SOCK_STREAM)))
        made.append(stack.enter_context(mod.socket(fileno=os.dup(client.fileno()))))
        for sock in made:
            assert sock.gettimeout() == 3.0
            assert sock.getblocking() is True
            assert os.get_blocking(sock.fileno()) is False  # the timeout is implemented with O_NONBLOCK
        with pytest.raises(ValueError):
            mod.setdefaulttimeout(-1)
        assert mod.getdefaulttimeout() == 3.0  # a refused value changes nothing

        mod.setdefaulttimeout(0.1)
        quiet = stack.enter_context(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
        with pytest.raises(mod.timeout):
            quiet.recv(1)  # the default really applies

        mod.setdefaulttimeout(0)
        with mod.socket() as sock:
            assert sock.gettimeout() == 0.0 and sock.getblocking() is False

        mod.setdefaulttimeout(None)
        # A listener with a timeout, no default: the accepted socket is blocking.
        client2 = stack.enter_context(mod.socket())
        client2.connect(listener.getsockname())
        conn2, _ = listener.accept()
        stack.enter_context(conn2)
        assert conn2.gettimeout() is None and os.get_blocking(conn2.fileno()) is True
        with mod.socket() as sock:
            assert sock.gettimeout() is None and os.get_blocking(sock.fileno()) is True
        assert client.gettimeout() == 3.0  # existing sockets keep theirs
    finally:
        mod.setdefaulttimeout(None)


def test_timeout_state(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket())
    for value, expected, blocking in ((1, 1.0, True), (0, 0.0, False), (2.5, 2.5, True), (None, None, True)):
        sock.settimeout(value)
        assert sock.gettimeout() == expected
        assert sock.getblocking() is blocking
    sock.setblocking(False)
    assert sock.gettimeout() == 0.0
    sock.setblocking(True)
    assert sock.gettimeout() is None


# -- module functions ---------------------------------------------------------------------------------


def test_send_fds_recv_fds_functions(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    left, right = (stack.enter_context(s) for s in mod.socketpair())
    read_end, write_end = os.pipe()
    stack.callback(os.close, read_end)
    stack.callback(os.close, write_end)
    assert mod.send_fds(left, [b"ab", bytearray(b"c"), memoryview(b"d")], [read_end, write_end]) == 4
    data, fds, flags, _ = mod.recv_fds(right, 100, 4)
    for fd in fds:
        stack.callback(os.close, fd)
    assert data == b"abcd" and flags == 0 and len(fds) == 2
    assert not set(fds) & {read_end, write_end}
    os.write(fds[1], b"via the passed write end")
    assert os.read(read_end, 100) == b"via the passed write end"
    # No descriptors at all, and data only.
    left.sendall(b"plain")
    data, fds, flags, _ = mod.recv_fds(right, 100, 2)
    assert (data, fds, flags) == (b"plain", [], 0)


# -- buffers and paths ------------------------------------------------------------------------------


def test_bytes_like_unix_paths(mod: types.ModuleType, short_dir: str, stack: contextlib.ExitStack) -> None:
    path = os.path.join(short_dir, "bytes.sock")
    raw = os.fsencode(path)
    server = stack.enter_context(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
    server.bind(bytearray(raw))
    assert os.fspath(server.getsockname()) == path
    client = stack.enter_context(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
    client.sendto(b"1", bytearray(raw))
    client.sendto(b"2", memoryview(raw))
    client.sendto(b"3", 0, raw)
    client.connect(memoryview(raw))
    assert client.connect_ex(bytearray(raw)) == 0
    client.send(b"4")
    assert [server.recv(1) for _ in range(4)] == [b"1", b"2", b"3", b"4"]
    other = stack.enter_context(mod.socket(mod.AF_UNIX, mod.SOCK_STREAM))
    other.bind(memoryview(os.fsencode(os.path.join(short_dir, "mv.sock"))))
    assert os.fspath(other.getsockname()) == os.path.join(short_dir, "mv.sock")


def test_bytes_like_hosts(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
    sock.bind((bytearray(b"127.0.0.1"), 0))
    assert sock.getsockname()[0] == "127.0.0.1"
    sock.sendto(b"to myself", (b"127.0.0.1", sock.getsockname()[1]))
    assert sock.recv(100) == b"to myself"
    assert mod.gethostbyname(bytearray(b"localhost")) == "127.0.0.1"
    assert mod.gethostbyname(b"127.0.0.1") == "127.0.0.1"
    assert mod.gethostbyname_ex(bytearray(b"localhost")) == socket.gethostbyname_ex("localhost")
    assert mod.gethostbyaddr(bytearray(b"127.0.0.1")) == socket.gethostbyaddr("127.0.0.1")
    assert mod.getaddrinfo(b"127.0.0.1", 80, mod.AF_INET) == socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET)


def test_buffers(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    left, right = (stack.enter_context(s) for s in mod.socketpair())
    assert left.send(memoryview(b"hello")[1:]) == 4
    left.sendall(bytearray(b"!"))
    left.sendall(array.array("b", [65, 66]))
    buf = bytearray(10)
    assert right.recv_into(memoryview(buf)[2:], 4) == 4
    assert right.recv_into(buf, 0) == 3  # 0: the whole buffer
    assert bytes(buf) == b"!ABllo\x00\x00\x00\x00"
    a, b = (stack.enter_context(s) for s in mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM))
    a.send(b"abc")
    buf = bytearray(5)
    nbytes, _ = b.recvfrom_into(buf)
    assert nbytes == 3 and buf == bytearray(b"abc\x00\x00")
    sock = stack.enter_context(mod.socket())
    for value in (struct.pack("ii", 1, 3), bytearray(struct.pack("ii", 1, 4)), memoryview(struct.pack("ii", 1, 5))):
        sock.setsockopt(mod.SOL_SOCKET, mod.SO_LINGER, value)
        assert sock.getsockopt(mod.SOL_SOCKET, mod.SO_LINGER, 8) == bytes(value)
    sock.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, True)
    assert sock.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR) == 1
    assert sock.getsockopt(mod.SOL_SOCKET, mod.SO_TYPE) == socket.SOCK_STREAM
    assert left.recv(0) == b""


# -- repr, warnings, files, closing -------------------------------------------------------------------

_TRIPLE = re.compile(r"family=[^,]*, type=[^,]*, proto=[^,>]*")


def _triple(family: socket.AddressFamily, kind: socket.SocketKind, proto: int) -> str:
    """The ``family=..., type=..., proto=...`` part of a socket's repr on this Python."""
    if PY311:  # IntEnum's str() is the number from 3.11 on
        return f"family={int(family)}, type={int(kind)}, proto={proto}"
    return f"family=AddressFamily.{family.name}, type=SocketKind.{kind.name}, proto={proto}"


@pytest.mark.parametrize(
    ("family", "kind", "proto"),
    [
        (socket.AF_INET, socket.SOCK_STREAM, 0),
        (socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP),
        (socket.AF_INET6, socket.SOCK_DGRAM, 0),
        (socket.AF_UNIX, socket.SOCK_STREAM, 0),
        (socket.AF_UNIX, socket.SOCK_SEQPACKET, 0),
    ],
)
def test_repr_family_type_proto(
    mod: types.ModuleType, family: socket.AddressFamily, kind: socket.SocketKind, proto: int
) -> None:
    sock = mod.socket(family, kind, proto)
    text = repr(sock)
    fd = sock.fileno()
    try:
        assert text.startswith("<") and text.endswith(">")
        assert f" fd={fd}, {_triple(family, kind, proto)}" in text
        match = _TRIPLE.search(text)
        assert match is not None and match.group(0) == _triple(family, kind, proto)
    finally:
        sock.close()
    closed = repr(sock)
    assert f" [closed] fd=-1, {_triple(family, kind, proto)}>" in closed
    assert closed.endswith(f"{_triple(family, kind, proto)}>")


def test_repr_laddr_raddr(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    listener = stack.enter_context(mod.socket())
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = stack.enter_context(mod.create_connection(listener.getsockname()))
    conn, _ = listener.accept()
    stack.enter_context(conn)
    assert ", laddr=" in repr(client) and ", raddr=" in repr(client)
    assert ", laddr=" in repr(listener) and "raddr=" not in repr(listener)
    left, _ = (stack.enter_context(s) for s in mod.socketpair())
    assert "laddr" not in repr(left) and "raddr" not in repr(left)  # unnamed: left out


def test_getaddrinfo_port_beyond_a_c_long(mod: types.ModuleType) -> None:
    # gh-74895: from 3.12 the port goes to the resolver as digits, whatever its size.
    for port in (2**64, -(2**63) - 1):
        if sys.version_info >= (3, 12):
            with pytest.raises(mod.gaierror) as info:
                mod.getaddrinfo(None, port, type=mod.SOCK_STREAM)
            assert info.value.errno == mod.EAI_SERVICE
        else:
            with pytest.raises(OverflowError, match=r"^Python int too large to convert to C long$"):
                mod.getaddrinfo(None, port, type=mod.SOCK_STREAM)


def test_a_socket_cannot_be_pickled_or_copied(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    # A copy would own the same descriptor number: closed twice, or a reused number closed.
    for sock in (stack.enter_context(mod.socket()), *(stack.enter_context(s) for s in mod.socketpair())):
        name = type(sock).__name__
        for protocol in range(2):  # (copyreg's path: the standard module's message is another)
            with pytest.raises(TypeError):
                pickle.dumps(sock, protocol)
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            with pytest.raises(TypeError, match=f"^cannot pickle '{name}' object$"):
                pickle.dumps(sock, protocol)
        for clone in (copy.copy, copy.deepcopy):
            with pytest.raises(TypeError, match=f"^cannot pickle '{name}' object$"):
                clone(sock)


def test_resource_warning(mod: types.ModuleType, fd_table: FdTable) -> None:
    sock = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    fd = sock.fileno()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del sock
        gc.collect()
    found = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert len(found) == 1
    message = str(found[0].message)
    assert message.startswith("unclosed <")
    assert f" fd={fd}, {_triple(socket.AF_INET, socket.SOCK_DGRAM, 0)}" in message
    assert not fd_table.is_open(fd)  # and the descriptor was closed


def test_makefile_socket_closed_first(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock, peer = mod.socketpair()
    stack.enter_context(peer)
    file = sock.makefile("wb")
    sock.close()
    assert sock.fileno() != -1  # still open: the file uses it
    file.write(b"after close")
    file.flush()
    assert peer.recv(100) == b"after close"
    file.close()
    assert sock.fileno() == -1
    assert peer.recv(100) == b""  # the descriptor is closed: end of stream
    sock.close()  # idempotent


def test_makefile_file_closed_first(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock, peer = mod.socketpair()
    stack.enter_context(peer)
    file = sock.makefile("rb")
    file.close()
    assert sock.fileno() != -1
    sock.sendall(b"still usable")
    assert peer.recv(100) == b"still usable"
    sock.close()
    assert sock.fileno() == -1


def test_makefile_b_alone_reads(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    """``"b"`` alone is a binary reader, as the standard module reads it: ``"r" in mode or not writing``."""
    sock, peer = mod.socketpair()
    stack.enter_context(sock)
    stack.enter_context(peer)
    with sock.makefile("b") as file:
        assert isinstance(file, io.BufferedReader)
        assert file.readable() and not file.writable()
        peer.sendall(b"read me\n")
        assert file.readline() == b"read me\n"
    with sock.makefile("b", buffering=0) as raw:
        assert raw.readable() and not raw.writable()
        assert raw.mode == "rb"


def test_makefile_two_files(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock, peer = mod.socketpair()
    stack.enter_context(peer)
    reader = sock.makefile("r", encoding="utf-8", newline="")
    writer = sock.makefile("wb", buffering=0)
    assert reader.mode == "r" and writer.mode == "wb"
    assert writer.name == sock.fileno() and type(writer).__name__ == "SocketIO"
    sock.close()
    writer.write(b"ping")
    assert peer.recv(4) == b"ping"
    peer.sendall("caf\u00e9\nrest\n".encode())
    assert reader.readline() == "caf\u00e9\n"
    writer.close()
    assert sock.fileno() != -1  # the reader still holds it
    assert reader.readline() == "rest\n"
    reader.close()
    assert sock.fileno() == -1
    assert writer.name == -1


def test_close_after_descriptor_closed_behind_its_back(mod: types.ModuleType) -> None:
    sock = mod.socket()
    os.close(sock.fileno())
    with pytest.raises(OSError) as info:
        sock.close()
    assert info.value.errno == errno.EBADF
    assert info.value.args == (errno.EBADF, os.strerror(errno.EBADF))
    assert sock.fileno() == -1
    sock.close()  # now a no-op


def test_calls_after_close(mod: types.ModuleType) -> None:
    sock = mod.socket()
    sock.close()
    calls: List[Callable[[], object]] = [
        lambda: sock.recv(1),
        lambda: sock.send(b"x"),
        lambda: sock.getsockname(),
        lambda: sock.listen(),
        lambda: sock.setblocking(False),
        lambda: sock.settimeout(1.0),
        lambda: sock.shutdown(mod.SHUT_RDWR),
        lambda: sock.getsockopt(mod.SOL_SOCKET, mod.SO_TYPE),
        lambda: sock.dup(),
        lambda: sock.bind(("127.0.0.1", 0)),
    ]
    for call in calls:
        with pytest.raises(OSError) as info:
            call()
        assert info.value.errno == errno.EBADF
        assert isinstance(info.value, mod.error)
    assert sock.connect_ex(("127.0.0.1", 9)) == errno.EBADF
    assert sock.fileno() == -1
    assert sock.detach() == -1
    sock.close()


# -- exceptions --------------------------------------------------------------------------------------


def test_exception_hierarchy(mod: types.ModuleType) -> None:
    assert issubclass(mod.error, OSError)
    for name in ("herror", "gaierror", "timeout"):
        assert issubclass(getattr(mod, name), mod.error)
    if PY310:
        assert issubclass(mod.timeout, TimeoutError)


def test_connection_refused(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    probe = stack.enter_context(mod.socket())
    probe.bind(("127.0.0.1", 0))
    address = probe.getsockname()  # bound, not listening: connections are refused
    sock = stack.enter_context(mod.socket())
    with pytest.raises(ConnectionRefusedError) as info:
        sock.connect(address)
    assert isinstance(info.value, mod.error)
    assert info.value.errno == errno.ECONNREFUSED
    assert info.value.args == (errno.ECONNREFUSED, os.strerror(errno.ECONNREFUSED))
    assert str(info.value) == f"[Errno {errno.ECONNREFUSED}] {os.strerror(errno.ECONNREFUSED)}"
    other = stack.enter_context(mod.socket())
    assert other.connect_ex(address) == errno.ECONNREFUSED


def test_timeout_exception(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    sock = stack.enter_context(mod.socket())
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.01)
    with pytest.raises(mod.timeout) as info:
        sock.accept()
    assert isinstance(info.value, OSError) and isinstance(info.value, mod.error)
    assert info.value.args == ("timed out",) and str(info.value) == "timed out"
    assert info.value.errno is None
    if PY310:
        assert isinstance(info.value, TimeoutError)


def test_blocking_io_error(mod: types.ModuleType, stack: contextlib.ExitStack) -> None:
    left, _ = (stack.enter_context(s) for s in mod.socketpair())
    left.setblocking(False)
    with pytest.raises(BlockingIOError) as info:
        left.recv(1)
    assert isinstance(info.value, mod.error)
    assert info.value.errno in (errno.EAGAIN, errno.EWOULDBLOCK)
    assert info.value.args == (errno.EAGAIN, os.strerror(errno.EAGAIN))


def test_gaierror(mod: types.ModuleType) -> None:
    with pytest.raises(mod.gaierror) as info:
        mod.getaddrinfo("not-an-address", 80, 0, 0, 0, mod.AI_NUMERICHOST)
    assert isinstance(info.value, OSError)
    assert info.value.errno == socket.EAI_NONAME
    with pytest.raises(socket.gaierror) as expected:
        socket.getaddrinfo("not-an-address", 80, 0, 0, 0, socket.AI_NUMERICHOST)
    assert info.value.args == expected.value.args


# -- error messages for the common mistakes --------------------------------------------------------


class Raises(NamedTuple):
    exc: Type[BaseException]
    message: Optional[str] = None  # str(exception), exactly
    errno: Optional[int] = None


class Returns(NamedTuple):
    value: object


Action = Callable[[types.ModuleType, contextlib.ExitStack], object]
Outcome = Union[Raises, Returns]


def _tcp(m: types.ModuleType, st: contextlib.ExitStack) -> Any:
    return st.enter_context(m.socket(m.AF_INET, m.SOCK_STREAM))


def _udp(m: types.ModuleType, st: contextlib.ExitStack) -> Any:
    return st.enter_context(m.socket(m.AF_INET, m.SOCK_DGRAM))


def _tcp6(m: types.ModuleType, st: contextlib.ExitStack) -> Any:
    return st.enter_context(m.socket(m.AF_INET6, m.SOCK_STREAM))


def _unix(m: types.ModuleType, st: contextlib.ExitStack) -> Any:
    return st.enter_context(m.socket(m.AF_UNIX, m.SOCK_STREAM))


def _unix_dgram(m: types.ModuleType, st: contextlib.ExitStack) -> Any:
    return st.enter_context(m.socket(m.AF_UNIX, m.SOCK_DGRAM))


def _pair(m: types.ModuleType, st: contextlib.ExitStack) -> Any:
    left, right = m.socketpair()
    st.enter_context(right)
    return st.enter_context(left)


def _new(m: types.ModuleType, st: contextlib.ExitStack, *args: Any, **kwargs: Any) -> Any:
    return st.enter_context(m.socket(*args, **kwargs))


def _with_default_timeout(value: object) -> Action:
    def action(m: types.ModuleType, st: contextlib.ExitStack) -> object:
        try:
            m.setdefaulttimeout(value)
            return m.getdefaulttimeout()
        finally:
            m.setdefaulttimeout(None)

    return action


def _setblocking_none(m: types.ModuleType, st: contextlib.ExitStack) -> object:
    sock = _tcp(m, st)
    sock.setblocking(None)
    return sock.getblocking()


def _makefile_text_unbuffered(m: types.ModuleType, st: contextlib.ExitStack) -> object:
    sock = _pair(m, st)
    try:
        return sock.makefile("r", buffering=0)
    finally:
        # The standard module counts the file it failed to make as open, so close()
        # would never close the descriptor: take it back and close it by hand.
        os.close(sock.detach())


def _not_an_int(type_name: str, size: bool = False) -> str:
    """The standard wording for a non-integer given where an int is parsed.

    Python 3.9 words it differently for a C int ("i" format) and a size ("n": recv's
    bufsize), and for a float apart.
    """
    if PY310 or (size and type_name != "float"):
        return f"'{type_name}' object cannot be interpreted as an integer"
    if type_name == "float":
        return "integer argument expected, got float"
    return f"an integer is required (got type {type_name})"


_TIME_OVERFLOW = "timestamp out of range for platform time_t" if PY311 else "timestamp too large to convert to C _PyTime_t"
_ADDR = ("127.0.0.1", 9)


def _strerror(code: int) -> str:
    return f"[Errno {code}] {os.strerror(code)}"


def case(name: str, action: Action, expected: Outcome, *marks: pytest.MarkDecorator) -> Any:
    """One row of MISTAKES: ``action(module, stack)`` must end as ``expected`` with both modules."""
    return pytest.param(action, expected, id=name, marks=marks)


_OLD_WORDING = sys.version_info < (3, 10)

MISTAKES: List[Any] = [
    # sendto's argument forms
    case("sendto-1-arg", lambda m, st: _udp(m, st).sendto(b"x"), Raises(TypeError, "sendto() takes 2 or 3 arguments (1 given)")),
    case("sendto-0-args", lambda m, st: _udp(m, st).sendto(), Raises(TypeError, "sendto() takes 2 or 3 arguments (0 given)")),
    case("sendto-4-args", lambda m, st: _udp(m, st).sendto(b"x", 0, _ADDR, 1), Raises(TypeError, "sendto() takes 2 or 3 arguments (4 given)")),
    case("sendto-str-data", lambda m, st: _udp(m, st).sendto("x", _ADDR), Raises(TypeError, "a bytes-like object is required, not 'str'")),
    case("recv-float-flags", lambda m, st: _pair(m, st).recv(1, 1.5), Raises(TypeError, _not_an_int("float"))),
    case("recvfrom-str-flags", lambda m, st: _pair(m, st).recvfrom(1, "0"), Raises(TypeError, _not_an_int("str"))),
    case("sendto-str-flags", lambda m, st: _udp(m, st).sendto(b"x", "0", _ADDR), Raises(TypeError, _not_an_int("str"))),
    case("send-float-flags", lambda m, st: _pair(m, st).send(b"x", 1.5), Raises(TypeError, _not_an_int("float"))),
    case("send-view-str-flags", lambda m, st: _pair(m, st).send(memoryview(b"x"), "0"), Raises(TypeError, _not_an_int("str"))),
    case("sendall-float-flags", lambda m, st: _pair(m, st).sendall(b"x", 1.5), Raises(TypeError, _not_an_int("float"))),
    case("recv_into-str-flags", lambda m, st: _pair(m, st).recv_into(bytearray(1), 1, "0"), Raises(TypeError, _not_an_int("str"))),
    case("recvfrom_into-float-flags", lambda m, st: _pair(m, st).recvfrom_into(bytearray(1), 1, 1.5),
         Raises(TypeError, _not_an_int("float"))),
    case("send-huge-flags", lambda m, st: _pair(m, st).send(b"x", 2**40),
         Raises(OverflowError, "signed integer is greater than maximum")),
    # addresses of the wrong type or shape
    case("sendto-str-address", lambda m, st: _udp(m, st).sendto(b"x", "127.0.0.1"), Raises(TypeError, "sendto(): AF_INET address must be tuple, not str")),
    case("sendto-None-address", lambda m, st: _udp(m, st).sendto(b"x", None), Raises(TypeError, "sendto(): AF_INET address must be tuple, not NoneType")),
    case("connect-str-address", lambda m, st: _tcp(m, st).connect("127.0.0.1:80"), Raises(TypeError, "connect(): AF_INET address must be tuple, not str")),
    case("connect_ex-str-address", lambda m, st: _tcp(m, st).connect_ex("127.0.0.1"), Raises(TypeError, "connect_ex(): AF_INET address must be tuple, not str")),
    case("bind-str-address", lambda m, st: _tcp(m, st).bind("127.0.0.1"), Raises(TypeError, "bind(): AF_INET address must be tuple, not str")),
    case("bind-inet-triple", lambda m, st: _tcp(m, st).bind(("127.0.0.1", 0, 0)), Raises(TypeError, "AF_INET address must be a pair (host, port)")),
    case("bind-host-int", lambda m, st: _tcp(m, st).bind((127, 0)), Raises(TypeError, "str, bytes or bytearray expected, not int")),
    case("bind-port-str", lambda m, st: _tcp(m, st).bind(("127.0.0.1", "80")), Raises(TypeError, _not_an_int("str"))),
    case("bind-port-range", lambda m, st: _tcp(m, st).bind(("127.0.0.1", 70000)), Raises(OverflowError, "bind(): port must be 0-65535.")),
    case("connect-port-negative", lambda m, st: _tcp(m, st).connect(("127.0.0.1", -1)), Raises(OverflowError, "connect(): port must be 0-65535.")),
    case("sendto-port-range", lambda m, st: _udp(m, st).sendto(b"x", ("127.0.0.1", 65536)), Raises(OverflowError, "sendto(): port must be 0-65535.")),
    case("connect-inet6-str", lambda m, st: _tcp6(m, st).connect("::1"), Raises(TypeError, "connect(): AF_INET6 address must be tuple, not str")),
    case("bind-inet6-1-tuple", lambda m, st: _tcp6(m, st).bind(("::1",)), Raises(TypeError, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")),
    case("bind-inet6-flowinfo", lambda m, st: _tcp6(m, st).bind(("::1", 0, 1 << 20)), Raises(OverflowError, "bind(): flowinfo must be 0-1048575.")),
    case("bind-unix-int", lambda m, st: _unix(m, st).bind(42), Raises(TypeError, "a bytes-like object is required, not 'int'")),
    case("sendto-unix-tuple", lambda m, st: _unix_dgram(m, st).sendto(b"x", ("a", 1)), Raises(TypeError, "a bytes-like object is required, not 'tuple'")),
    case("bind-unix-too-long", lambda m, st: _unix(m, st).bind("/tmp/" + "x" * 200), Raises(OSError, "AF_UNIX path too long")),
    # data and sizes
    case("send-str", lambda m, st: _pair(m, st).send("x"), Raises(TypeError, "a bytes-like object is required, not 'str'")),
    case("sendall-str", lambda m, st: _pair(m, st).sendall("x"), Raises(TypeError, "a bytes-like object is required, not 'str'")),
    case("recv-negative", lambda m, st: _pair(m, st).recv(-1), Raises(ValueError, "negative buffersize in recv")),
    case("recvfrom-negative", lambda m, st: _pair(m, st).recvfrom(-1), Raises(ValueError, "negative buffersize in recvfrom")),
    case("recv_into-negative", lambda m, st: _pair(m, st).recv_into(bytearray(4), -1), Raises(ValueError, "negative buffersize in recv_into")),
    case("recvfrom_into-negative", lambda m, st: _pair(m, st).recvfrom_into(bytearray(4), -1), Raises(ValueError, "negative buffersize in recvfrom_into")),
    case("recv_into-too-many", lambda m, st: _pair(m, st).recv_into(bytearray(4), 10), Raises(ValueError, "buffer too small for requested bytes")),
    case("recv_into-bytes", lambda m, st: _pair(m, st).recv_into(b"abcd"), Raises(TypeError, "recv_into() argument 1 must be read-write bytes-like object, not bytes")),
    case("recv-float", lambda m, st: _pair(m, st).recv(1.0), Raises(TypeError, _not_an_int("float", size=True))),
    case("recv-str", lambda m, st: _pair(m, st).recv("1"), Raises(TypeError, _not_an_int("str", size=True))),
    # timeouts
    case("settimeout-negative", lambda m, st: _tcp(m, st).settimeout(-1), Raises(ValueError, "Timeout value out of range")),
    case("settimeout-negative-float", lambda m, st: _tcp(m, st).settimeout(-0.5), Raises(ValueError, "Timeout value out of range")),
    case("settimeout-nan", lambda m, st: _tcp(m, st).settimeout(float("nan")), Raises(ValueError, "Invalid value NaN (not a number)")),
    case("settimeout-str", lambda m, st: _tcp(m, st).settimeout("1"), Raises(TypeError, _not_an_int("str"))),
    case("settimeout-huge", lambda m, st: _tcp(m, st).settimeout(1e300), Raises(OverflowError, _TIME_OVERFLOW)),
    case("settimeout-inf", lambda m, st: _tcp(m, st).settimeout(float("inf")), Raises(OverflowError, _TIME_OVERFLOW)),
    case("setdefaulttimeout-negative", _with_default_timeout(-1), Raises(ValueError, "Timeout value out of range")),
    case("setdefaulttimeout-nan", _with_default_timeout(float("nan")), Raises(ValueError, "Invalid value NaN (not a number)")),
    case("setdefaulttimeout-huge", _with_default_timeout(1e300), Raises(OverflowError, _TIME_OVERFLOW)),
    case("setblocking-None", _setblocking_none, Returns(False) if PY312 else Raises(TypeError, _not_an_int("NoneType"))),
    # the constructor
    case("socket-family-str", lambda m, st: _new(m, st, "AF_INET"), Raises(TypeError, _not_an_int("str"))),
    case("socket-bad-family", lambda m, st: _new(m, st, 12345), Raises(OSError, _strerror(errno.EAFNOSUPPORT), errno.EAFNOSUPPORT)),
    case("socket-bad-type", lambda m, st: _new(m, st, m.AF_INET, 12345), Raises(OSError, _strerror(errno.EINVAL), errno.EINVAL)),
    case("socket-fileno-negative", lambda m, st: _new(m, st, fileno=-1), Raises(ValueError, "negative file descriptor")),
    case("socket-fileno-str", lambda m, st: _new(m, st, fileno="3"), Raises(TypeError, _not_an_int("str"))),
    case("socket-fileno-float", lambda m, st: _new(m, st, fileno=3.0), Raises(TypeError, _not_an_int("float"))),
    # options, modes, files
    case("setsockopt-str", lambda m, st: _tcp(m, st).setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, "1"), Raises(TypeError, "a bytes-like object is required, not 'str'")),
    case("getsockopt-buflen-range", lambda m, st: _tcp(m, st).getsockopt(m.SOL_SOCKET, m.SO_LINGER, 2000), Raises(OSError, "getsockopt buflen out of range")),
    case("getsockopt-buflen-0", lambda m, st: _tcp(m, st).getsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, 0), Returns(0)),
    case("shutdown-bad-how", lambda m, st: _pair(m, st).shutdown(5), Raises(OSError, _strerror(errno.EINVAL), errno.EINVAL)),
    case("makefile-bad-mode", lambda m, st: _pair(m, st).makefile("x"), Raises(ValueError, "invalid mode 'x' (only r, w, b allowed)")),
    case("makefile-text-unbuffered", _makefile_text_unbuffered, Raises(ValueError, "unbuffered streams must be binary")),
    # module functions (the name services and conversions: test_names.py, which compares
    # every outcome with the standard module's)
    case("close-negative", lambda m, st: m.close(-1), Raises(OSError, _strerror(errno.EBADF), errno.EBADF)),
]


@pytest.mark.parametrize(("action", "expected"), MISTAKES)
def test_common_mistake(mod: types.ModuleType, action: Action, expected: Outcome, stack: contextlib.ExitStack) -> None:
    if isinstance(expected, Returns):
        assert action(mod, stack) == expected.value
        return
    with pytest.raises(expected.exc) as info:
        action(mod, stack)
    if expected.message is not None and not (mod is typedsock and _OLD_WORDING and "integer" in expected.message):
        # (Python 3.9's older wording for non-integers is not reproduced: docs/from-socket.md,
        # "Not deliberate: what is still missing"; the exception type still matches.)
        assert str(info.value) == expected.message
    if expected.errno is not None:
        assert isinstance(info.value, OSError) and info.value.errno == expected.errno
    if issubclass(expected.exc, OSError):
        assert isinstance(info.value, mod.error)


# -- deliberate differences, asserted as differences ---------------------------------------------------


def test_difference_inet_address_is_a_named_tuple(stack: contextlib.ExitStack) -> None:
    std = stack.enter_context(socket.socket())
    std.bind(("127.0.0.1", 0))
    ts = stack.enter_context(typedsock.socket())
    ts.bind(("127.0.0.1", 0))
    std_addr: Any = std.getsockname()
    ts_addr = ts.getsockname()
    assert repr(std_addr) == f"('127.0.0.1', {std_addr[1]})"
    assert type(std_addr) is tuple  # stdlib: a plain tuple
    assert type(ts_addr) is typedsock.InetAddress  # typedsock: InetAddress(host, port)
    assert isinstance(ts_addr, tuple) and ts_addr == ("127.0.0.1", ts_addr.port)  # ... equal to the tuple
    host, port = ts_addr
    assert (host, port) == (ts_addr.host, ts_addr[1])
    assert repr(ts_addr) == f"InetAddress(host='127.0.0.1', port={port})"
    assert f"laddr=('127.0.0.1', {std_addr[1]})" in repr(std)
    assert f"laddr=InetAddress(host='127.0.0.1', port={port})" in repr(ts)


def test_difference_inet6_address_is_a_named_tuple(stack: contextlib.ExitStack) -> None:
    try:
        std = stack.enter_context(socket.socket(socket.AF_INET6, socket.SOCK_DGRAM))
        std.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback")
    ts = stack.enter_context(typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM))
    ts.bind(("::1", 0, 0, 0))
    assert type(std.getsockname()) is tuple
    address = ts.getsockname()
    assert type(address) is typedsock.Inet6Address
    assert address == ("::1", address.port, 0, 0)


def test_difference_unix_addresses(stack: contextlib.ExitStack, short_dir: str) -> None:
    results: Dict[str, Dict[str, object]] = {}
    for m in (socket, typedsock):
        path = os.path.join(short_dir, f"{m.__name__}.sock")
        listener = stack.enter_context(m.socket(m.AF_UNIX, m.SOCK_STREAM))
        listener.bind(path)
        listener.listen()
        client = stack.enter_context(m.socket(m.AF_UNIX, m.SOCK_STREAM))
        client.connect(path)
        conn, accepted = listener.accept()
        stack.enter_context(conn)
        left, right = (stack.enter_context(s) for s in m.socketpair(m.AF_UNIX, m.SOCK_DGRAM))
        left.send(b"x")
        _, pair_sender = right.recvfrom(10)
        receiver = stack.enter_context(m.socket(m.AF_UNIX, m.SOCK_DGRAM))
        receiver.bind(path + "-d")
        sender = stack.enter_context(m.socket(m.AF_UNIX, m.SOCK_DGRAM))  # never bound
        sender.sendto(b"y", path + "-d")
        _, unbound_sender = receiver.recvfrom(10)
        abstract = stack.enter_context(m.socket(m.AF_UNIX, m.SOCK_STREAM))
        abstract.bind(b"\0parity-" + m.__name__.encode() + str(os.getpid()).encode())
        results[m.__name__] = {
            "path": listener.getsockname(),
            "peer path": client.getpeername(),
            "accepted": accepted,
            "unbound": client.getsockname(),
            "pair recvfrom": pair_sender,
            "unbound sender": unbound_sender,
            "abstract": abstract.getsockname(),
        }
    std, ts = results["socket"], results["typedsock"]
    # stdlib: str for a path, bytes for an abstract name, '' or None for unnamed.
    assert std["path"] == std["peer path"] == os.path.join(short_dir, "socket.sock")
    assert std["accepted"] == std["unbound"] == ""
    assert std["pair recvfrom"] is None and std["unbound sender"] is None
    assert isinstance(std["abstract"], bytes) and std["abstract"][:1] == b"\0"
    # typedsock: UnixAddress everywhere; UnixAddress('') for every unnamed address.
    path = os.path.join(short_dir, "typedsock.sock")
    assert ts["path"] == ts["peer path"] == typedsock.UnixAddress(path)
    assert ts["path"] != path and cast(typedsock.UnixAddress, ts["path"]).path == path
    unnamed = typedsock.UnixAddress("")
    assert ts["accepted"] == ts["unbound"] == ts["pair recvfrom"] == ts["unbound sender"] == unnamed
    assert cast(typedsock.UnixAddress, ts["unbound"]).is_unnamed
    address = cast(typedsock.UnixAddress, ts["abstract"])
    assert isinstance(address, typedsock.UnixAddress) and address.is_abstract
    assert address.path == b"\0parity-typedsock" + str(os.getpid()).encode()


def test_difference_unnamed_sender_and_recv_fds_address(stack: contextlib.ExitStack, short_dir: str) -> None:
    std_left, std_right = (stack.enter_context(s) for s in socket.socketpair())
    ts_left, ts_right = (stack.enter_context(s) for s in typedsock.socketpair())
    std_left.sendall(b"x")
    ts_left.sendall(b"x")
    assert socket.recv_fds(std_right, 10, 1)[3] is None  # stdlib: None
    assert typedsock.recv_fds(ts_right, 10, 1)[3] == typedsock.UnixAddress("")  # typedsock: UnixAddress('')
    std_a, std_b = (stack.enter_context(s) for s in socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM))
    ts_a, ts_b = (stack.enter_context(s) for s in typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM))
    std_a.send(b"abc")
    ts_a.send(b"abc")
    assert std_b.recvfrom_into(bytearray(5)) == (3, None)
    assert ts_b.recvfrom_into(bytearray(5)) == (3, typedsock.UnixAddress(""))
    std_a.send(b"abc")
    ts_a.send(b"abc")
    assert std_b.recvmsg(5)[3] is None
    assert ts_b.recvmsg(5)[3] == typedsock.UnixAddress("")
    std_a.send(b"abc")
    ts_a.send(b"abc")
    assert std_b.recvmsg_into([bytearray(5)])[3] is None
    assert ts_b.recvmsg_into([bytearray(5)])[3] == typedsock.UnixAddress("")


def test_difference_error_is_a_subclass_of_oserror(stack: contextlib.ExitStack) -> None:
    assert socket.error is OSError  # stdlib: the builtin itself
    assert typedsock.error is not OSError and issubclass(typedsock.error, OSError)  # typedsock: a subclass
    probe = stack.enter_context(socket.socket())
    probe.bind(("127.0.0.1", 0))
    address = probe.getsockname()
    with pytest.raises(ConnectionRefusedError) as std_info:
        stack.enter_context(socket.socket()).connect(address)
    with pytest.raises(ConnectionRefusedError) as ts_info:
        stack.enter_context(typedsock.socket()).connect(address)
    assert type(std_info.value) is ConnectionRefusedError
    assert type(ts_info.value) is not ConnectionRefusedError  # a class that is both:
    assert isinstance(ts_info.value, typedsock.error) and isinstance(ts_info.value, ConnectionRefusedError)
    assert type(ts_info.value).__name__ == "ConnectionRefusedError"
    assert ts_info.value.args == std_info.value.args
    assert not isinstance(OSError(errno.EBADF, "x"), typedsock.error)  # `except typedsock.error` is narrower


def test_difference_timeout_class() -> None:
    if PY310:
        assert socket.timeout is TimeoutError  # stdlib 3.10+: the builtin itself
    else:
        assert not issubclass(socket.timeout, TimeoutError)  # stdlib 3.9: unrelated to TimeoutError
    assert typedsock.timeout is not TimeoutError
    assert issubclass(typedsock.timeout, typedsock.error) and issubclass(typedsock.timeout, TimeoutError)
    assert issubclass(typedsock.timeout, socket.timeout)  # on 3.9 too: caught by except socket.timeout


def test_difference_vsock_options(stack: contextlib.ExitStack) -> None:
    level, name = socket.AF_VSOCK, socket.SO_VM_SOCKETS_BUFFER_MAX_SIZE
    std = stack.enter_context(socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM))
    ts = stack.enter_context(typedsock.socket(typedsock.AF_VSOCK, typedsock.SOCK_STREAM))
    # stdlib: -1 wraps to 2**64 - 1; typedsock: out of uint64_t is OverflowError.
    std.setsockopt(level, name, -1)
    assert std.getsockopt(level, name) == 2**64 - 1
    with pytest.raises(OverflowError):
        ts.setsockopt(level, name, -1)
    # stdlib: no raw bytes on an AF_VSOCK socket; typedsock: raw bytes as on any socket.
    with pytest.raises(OSError, match="getsockopt string buffer not allowed"):
        std.getsockopt(level, name, 8)
    with pytest.raises(TypeError):
        std.setsockopt(level, name, struct.pack("=Q", 1 << 20))
    ts.setsockopt(level, name, struct.pack("=Q", 1 << 20))
    assert ts.getsockopt(level, name, 8) == struct.pack("=Q", 1 << 20) and ts.getsockopt(level, name) == 1 << 20
    # stdlib: every int option is 64-bit, so a negative SOL_SOCKET value reads back wrapped
    # (the kernel writes 4 of the 8 bytes); typedsock: only the AF_VSOCK level is.
    incoming_cpu = typedsock.SO_INCOMING_CPU  # (socket has it from 3.11)
    assert ts.getsockopt(typedsock.SOL_SOCKET, incoming_cpu) == -1  # -1: none yet
    assert std.getsockopt(socket.SOL_SOCKET, incoming_cpu) == 2**32 - 1


def test_difference_nul_in_unix_path(short_dir: str) -> None:
    with socket.socket(socket.AF_UNIX) as std:
        std.bind(os.path.join(short_dir, "std\0ignored"))  # stdlib: binds the truncated path
        assert std.getsockname() == os.path.join(short_dir, "std")
    assert os.path.exists(os.path.join(short_dir, "std"))
    with typedsock.socket(typedsock.AF_UNIX) as ts:
        with pytest.raises(ValueError, match="null"):  # typedsock: rejected
            ts.bind(os.path.join(short_dir, "ts\0ignored"))
    assert not os.path.exists(os.path.join(short_dir, "ts"))


def test_difference_nul_in_host_name() -> None:
    with socket.socket() as std:
        with pytest.raises(TypeError, match=r"^host name must not contain null character$"):
            std.bind(("127.0.0.1\0junk", 0))  # stdlib: TypeError
    with typedsock.socket() as ts:
        with pytest.raises(ValueError, match="null"):  # typedsock: ValueError, as for paths
            ts.bind(("127.0.0.1\0junk", 0))
    for name in ("gethostbyname", "gethostbyname_ex", "gethostbyaddr"):  # and in the resolver functions
        with pytest.raises(TypeError, match="null"):
            getattr(socket, name)("local\0host")
        with pytest.raises(ValueError, match="null"):
            getattr(typedsock, name)("local\0host")


def test_difference_pathlike_unix_address(short_dir: str) -> None:
    path = pathlib.Path(short_dir) / "pathlike.sock"
    with socket.socket(socket.AF_UNIX) as std:
        with pytest.raises(TypeError, match="bytes-like object is required, not 'PosixPath'"):
            std.bind(path)  # type: ignore[arg-type]  # stdlib: str or bytes-like only
    with typedsock.socket(typedsock.AF_UNIX) as ts:
        ts.bind(path)  # typedsock: os.PathLike too
        assert ts.getsockname() == typedsock.UnixAddress(str(path))


def test_difference_typed_address_of_the_wrong_family(stack: contextlib.ExitStack) -> None:
    loopback6 = typedsock.InetAddress("::1", 0)  # an AF_INET address object with an IPv6 host
    try:
        std = stack.enter_context(socket.socket(socket.AF_INET6))
        std.bind(loopback6)  # stdlib: any 2-tuple will do
    except OSError:
        pytest.skip("no IPv6 loopback")
    ts: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET6))
    with pytest.raises(TypeError, match="InetAddress"):
        ts.bind(loopback6)  # typedsock: an address object of another family is rejected
    ts.bind(("::1", 0, 0, 0))  # the tuple is still fine


def test_difference_socket_classes(stack: contextlib.ExitStack) -> None:
    std = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    ts = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    assert type(std) is socket.socket  # stdlib: one class
    assert type(ts) is typedsock.DatagramSocket and type(ts) is not typedsock.socket  # typedsock: by kind
    assert type(stack.enter_context(typedsock.socket())) is typedsock.StreamSocket
    assert repr(std).startswith("<socket.socket fd=")
    assert repr(ts).startswith("<typedsock.DatagramSocket fd=")
    with pytest.raises(OSError) as info:
        std.listen()  # stdlib: the kernel says no
    assert info.value.errno == errno.EOPNOTSUPP
    assert not hasattr(ts, "listen") and not hasattr(ts, "accept")  # typedsock: no such methods
    with pytest.raises(AttributeError):
        cast(Any, ts).listen()


def test_difference_claimed_family_and_type_are_checked(stack: contextlib.ExitStack) -> None:
    udp = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    fd = os.dup(udp.fileno())
    std = stack.enter_context(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, fileno=fd))
    assert (std.family, std.type) == (socket.AF_UNIX, socket.SOCK_STREAM)  # stdlib: believes the claim
    std_copy = stack.enter_context(socket.fromfd(udp.fileno(), socket.AF_INET6, socket.SOCK_DGRAM))
    assert std_copy.family == socket.AF_INET6
    fd = os.dup(udp.fileno())
    stack.callback(os.close, fd)
    with pytest.raises(typedsock.error) as info:  # typedsock: checks it against the descriptor
        typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM, fileno=fd)
    assert info.value.errno == errno.EINVAL
    with pytest.raises(typedsock.error):
        typedsock.fromfd(udp.fileno(), typedsock.AF_INET6, typedsock.SOCK_DGRAM)


def test_difference_families_without_an_address_type(stack: contextlib.ExitStack) -> None:
    # Every family the kernel opens is taken (the standard module's too); one with a type
    # of its own gives that type, equal to the standard module's tuple.
    netlink = stack.enter_context(socket.socket(socket.AF_NETLINK, socket.SOCK_RAW))
    netlink.bind((0, 0))
    fd = os.dup(netlink.fileno())
    stack.callback(os.close, fd)
    typed = typedsock.socket(fileno=fd)
    assert typed.getsockname() == netlink.getsockname()
    assert isinstance(typed.getsockname(), typedsock.NetlinkAddress)
    typed.detach()
    # A family without a type: the standard module gives (family, sa_data) with sa_data's
    # 14 bytes; typedsock a RawAddress with every byte the kernel wrote after the family.
    from typedsock._raw import RawCodec
    from typedsock._scratch import Scratch, new_sockaddr
    from typedsock._sock import lib

    sa = new_sockaddr()
    length = lib.ts_put_raw(sa, 12345 & 0xFFFF, b"x" * 20, 20)
    assert RawCodec(12345).decode(sa, length, Scratch()) == typedsock.RawAddress(12345, b"x" * 20)


def test_difference_received_descriptors_are_not_inheritable(stack: contextlib.ExitStack) -> None:
    read_end, write_end = os.pipe()
    stack.callback(os.close, read_end)
    stack.callback(os.close, write_end)
    inheritable: Dict[str, List[bool]] = {}
    for m in (socket, typedsock):
        left, right = (stack.enter_context(s) for s in m.socketpair())
        m.send_fds(left, [b"x"], [read_end, write_end])
        _, fds, _, _ = m.recv_fds(right, 10, 2)
        left.sendmsg([b"x"], [(m.SOL_SOCKET, m.SCM_RIGHTS, array.array("i", [read_end]).tobytes())])
        _, ancdata, _, _ = right.recvmsg(10, m.CMSG_SPACE(4))
        fds += array.array("i", ancdata[0][2]).tolist()
        inheritable[m.__name__] = [os.get_inheritable(fd) for fd in fds]
        for fd in fds:
            os.close(fd)
    assert inheritable["socket"] == [True, True, True]  # stdlib: inheritable (no MSG_CMSG_CLOEXEC)
    assert inheritable["typedsock"] == [False, False, False]  # typedsock: PEP 446, like every new descriptor


def test_difference_send_fds_needs_af_unix(stack: contextlib.ExitStack) -> None:
    std = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    with pytest.raises(OSError) as std_info:
        socket.send_fds(std, [b"x"], [0])  # stdlib: whatever sendmsg says
    assert std_info.value.errno == errno.EDESTADDRREQ
    ts: Any = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM))
    with pytest.raises(typedsock.error, match="AF_UNIX") as ts_info:  # typedsock: refused before the call
        typedsock.send_fds(ts, [b"x"], [0])
    assert ts_info.value.errno is None


def test_difference_getaddrinfo_results_are_typed() -> None:
    std = socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)
    ts = typedsock.getaddrinfo("127.0.0.1", 80, typedsock.AF_INET, typedsock.SOCK_STREAM)
    assert cast(object, ts) == std
    assert type(std[0]) is tuple and type(std[0][4]) is tuple  # stdlib: tuples
    assert type(ts[0]) is typedsock.AddrInfo and type(ts[0].address) is typedsock.InetAddress  # typedsock: typed


def test_difference_close_never_truncates_the_descriptor(fd_table: FdTable) -> None:
    read_end, write_end = os.pipe()
    try:
        with pytest.raises(OverflowError):  # typedsock: out of range for a C int
            typedsock.close(read_end + (1 << 32))
        assert fd_table.is_open(read_end)
        socket.close(read_end + (1 << 32))  # stdlib: truncated to read_end, which it closes
        assert not fd_table.is_open(read_end)
    finally:
        if fd_table.is_open(read_end):
            os.close(read_end)
        os.close(write_end)


def test_difference_getnameinfo_never_truncates() -> None:
    flags = socket.NI_NUMERICHOST | socket.NI_NUMERICSERV
    assert socket.getnameinfo(("127.0.0.1", 70000), flags) == ("127.0.0.1", "4464")  # stdlib: wraps
    with pytest.raises(OverflowError, match="port must be 0-65535"):  # typedsock: refuses
        typedsock.getnameinfo(("127.0.0.1", 70000), flags)
    with pytest.raises(OverflowError, match="port must be 0-65535"):
        typedsock.getnameinfo(("127.0.0.1", -1), flags)
    # stdlib: scope id 2**32 is looked up as 0, and flowinfo is masked to 32 bits (2**40: 0)
    assert socket.getnameinfo(("::1", 80, 0, 2**32), flags) == ("::1", "80")
    assert socket.getnameinfo(("::1", 80, 2**40, 0), flags) == ("::1", "80")
    with pytest.raises(OverflowError, match="scope_id must be 0-4294967295"):
        typedsock.getnameinfo(("::1", 80, 0, 2**32), flags)
    with pytest.raises(OverflowError, match="flowinfo must be 0-1048575"):
        typedsock.getnameinfo(("::1", 80, 2**40, 0), flags)


def test_difference_if_indextoname_never_truncates() -> None:
    if sys.version_info >= (3, 13):  # stdlib 3.13+: refuses, as typedsock
        with pytest.raises(OverflowError):
            socket.if_indextoname(2**32)
    else:  # stdlib <= 3.12: truncates, and asks the kernel for index 0
        with pytest.raises(OSError) as info:
            socket.if_indextoname(2**32)
        assert info.value.errno == errno.ENXIO
    with pytest.raises(OverflowError, match="index is too large"):  # typedsock: refuses
        typedsock.if_indextoname(2**32)


@pytest.mark.skipif(PY310, reason="3.10+ raises OverflowError, as typedsock does")
def test_difference_htons_truncation_on_3_9() -> None:
    with pytest.warns(DeprecationWarning):
        assert socket.htons(65536) == 0  # stdlib 3.9: truncates, with a DeprecationWarning
    with pytest.raises(OverflowError):  # typedsock: never truncates
        typedsock.htons(65536)


def test_difference_makefile_after_close(stack: contextlib.ExitStack) -> None:
    """The standard module makes a file over a closed socket (that then fails on first use);
    typedsock raises ``error(EBADF)`` at once, as every call after ``close()`` does (SPEC §6)."""
    std = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    std.close()
    std.makefile("rb").close()  # no error until the file is used
    ts = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM)
    ts.close()
    for mode in ("r", "rb", "wb", "rwb"):
        with pytest.raises(typedsock.error) as info:
            ts.makefile(mode)
        assert info.value.errno == errno.EBADF


def test_difference_if_nametoindex_takes_bytearray() -> None:
    if "lo" not in dict(socket.if_nameindex()).values():
        pytest.skip("no 'lo' interface")
    with pytest.raises(TypeError):
        socket.if_nametoindex(bytearray(b"lo"))  # type: ignore[arg-type]  # stdlib: str, bytes, PathLike
    index = socket.if_nametoindex("lo")
    assert typedsock.if_nametoindex(bytearray(b"lo")) == index  # typedsock: any bytes-like name too
    assert typedsock.if_nametoindex(memoryview(b"lo")) == index


@pytest.mark.parametrize("host", ["<broadcast>", "255.255.255.255"])
def test_broadcast_host_on_inet6_is_a_family_mismatch(mod: types.ModuleType, host: str) -> None:
    """One host rule for every call (CPython's setipaddr): the IPv4 broadcast name on an
    AF_INET6 socket is "address family mismatched", before any system call."""
    with mod.socket(mod.AF_INET6, mod.SOCK_DGRAM) as sock:
        with pytest.raises(OSError, match=r"^address family mismatched$"):
            sock.sendto(b"x", (host, 9))
        with pytest.raises(OSError, match=r"^address family mismatched$"):
            sock.bind((host, 0))
