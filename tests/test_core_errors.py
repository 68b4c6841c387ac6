"""The exception hierarchy, and the exceptions real failed calls raise."""

from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import socket
import sys
from typing import Set

import pytest

import typedsock
from typedsock import InetAddress, StreamSocket


def _check_errno_exception(exc: BaseException, code: int, builtin: type) -> None:
    assert isinstance(exc, typedsock.error)
    assert isinstance(exc, builtin)
    assert isinstance(exc, OSError)
    assert exc.errno == code
    assert exc.strerror == os.strerror(code)
    assert exc.args == (code, os.strerror(code))


# ---------------------------------------------------------------------------- hierarchy


def test_exception_hierarchy() -> None:
    assert issubclass(typedsock.error, OSError)
    assert issubclass(typedsock.herror, typedsock.error)
    assert issubclass(typedsock.gaierror, typedsock.error)
    assert issubclass(typedsock.timeout, typedsock.error)
    assert issubclass(typedsock.timeout, TimeoutError)
    assert issubclass(typedsock.PathTooLong, typedsock.error)
    assert issubclass(typedsock.PathTooLong, ValueError)


def test_lookup_errors_are_the_standard_modules_too() -> None:
    # Library code that catches socket.gaierror, herror or timeout catches typedsock's.
    assert issubclass(typedsock.gaierror, socket.gaierror)
    assert issubclass(typedsock.herror, socket.herror)
    assert issubclass(typedsock.timeout, socket.timeout)  # (on 3.10+, socket.timeout is TimeoutError)
    # ... and typedsock's own hierarchy stays: error first, so typedsock.error is caught first.
    for cls in (typedsock.gaierror, typedsock.herror, typedsock.timeout):
        assert cls.__mro__.index(typedsock.error) < cls.__mro__.index(OSError)
    assert not issubclass(typedsock.gaierror, socket.herror)
    assert not issubclass(typedsock.herror, socket.gaierror)
    if sys.version_info < (3, 10):
        assert socket.timeout is not TimeoutError  # a class of its own there
        assert not issubclass(typedsock.gaierror, socket.timeout)


def test_a_failed_typedsock_lookup_is_caught_as_socket_gaierror() -> None:
    try:
        typedsock.getaddrinfo("nonexistent.invalid", 80)
    except socket.gaierror as exc:
        assert isinstance(exc, typedsock.gaierror)
        assert exc.errno in (socket.EAI_NONAME, socket.EAI_AGAIN, socket.EAI_FAIL)
        assert exc.args == (exc.errno, exc.strerror)
    else:
        pytest.fail("no gaierror")
    try:
        typedsock.gethostbyaddr("192.0.2.1")  # TEST-NET-1: no reverse name
    except socket.herror as exc:
        assert isinstance(exc, typedsock.herror)
        assert exc.errno == 1  # HOST_NOT_FOUND
    except socket.gaierror as exc:  # a resolver without a network may say EAI_AGAIN
        assert isinstance(exc, typedsock.gaierror)
    else:
        pytest.fail("no herror")


def test_a_typedsock_timeout_is_caught_as_socket_timeout(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    a.settimeout(0.01)
    try:
        a.recv(1)
    except socket.timeout as exc:
        assert isinstance(exc, typedsock.timeout)
        assert isinstance(exc, TimeoutError)
        assert str(exc) == "timed out"
    else:
        pytest.fail("no timeout")


def test_error_can_be_raised_and_caught_as_oserror() -> None:
    with pytest.raises(OSError):
        raise typedsock.error(errno.EINVAL, "bad")
    exc = typedsock.error(errno.EINVAL, "bad")
    assert exc.errno == errno.EINVAL
    assert exc.strerror == "bad"


# ---------------------------------------------------------------------------- syscall failures


def test_refused_connect_is_connection_refused_error(stack: contextlib.ExitStack) -> None:
    holder = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    holder.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(ConnectionRefusedError) as info:
        s.connect(holder.getsockname())
    _check_errno_exception(info.value, errno.ECONNREFUSED, ConnectionRefusedError)


def test_refused_connect_with_timeout(stack: contextlib.ExitStack) -> None:
    holder = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    holder.bind(("127.0.0.1", 0))
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    s.settimeout(5.0)
    with pytest.raises(ConnectionRefusedError) as info:
        s.connect(holder.getsockname())
    _check_errno_exception(info.value, errno.ECONNREFUSED, ConnectionRefusedError)


def test_missing_unix_path_is_file_not_found_error(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    with pytest.raises(FileNotFoundError) as info:
        s.connect(str(sock_dir / "missing.sock"))
    _check_errno_exception(info.value, errno.ENOENT, FileNotFoundError)


def test_unix_connect_to_non_listening_is_connection_refused(
    stack: contextlib.ExitStack, sock_dir: pathlib.Path
) -> None:
    bound = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    bound.bind(sock_dir / "quiet.sock")
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    with pytest.raises(ConnectionRefusedError) as info:
        s.connect(sock_dir / "quiet.sock")
    _check_errno_exception(info.value, errno.ECONNREFUSED, ConnectionRefusedError)


def test_broken_pipe_is_broken_pipe_error(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    b.close()
    with pytest.raises(BrokenPipeError) as info:
        a.send(b"nobody listens", typedsock.MSG_NOSIGNAL)
    _check_errno_exception(info.value, errno.EPIPE, BrokenPipeError)


def test_nonblocking_would_block_is_blocking_io_error(stack: contextlib.ExitStack) -> None:
    a, b = typedsock.socketpair()
    stack.enter_context(a)
    stack.enter_context(b)
    a.setblocking(False)
    with pytest.raises(BlockingIOError) as info:
        a.recv(1)
    _check_errno_exception(info.value, errno.EAGAIN, BlockingIOError)


def test_error_without_builtin_subclass_is_plain_error(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.error) as info:
        s.getpeername()  # ENOTCONN has no builtin subclass
    _check_errno_exception(info.value, errno.ENOTCONN, OSError)


def test_same_errno_gives_same_class(stack: contextlib.ExitStack, sock_dir: pathlib.Path) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM))
    classes: Set[type] = set()
    for _ in range(2):
        try:
            s.connect(str(sock_dir / "gone"))
        except FileNotFoundError as exc:
            classes.add(type(exc))
    assert len(classes) == 1


# ---------------------------------------------------------------------------- resolver failures


def test_unresolvable_host_is_gaierror(stack: contextlib.ExitStack) -> None:
    with pytest.raises(typedsock.gaierror) as info:
        typedsock.getaddrinfo("nonexistent.invalid", 80)
    exc = info.value
    assert isinstance(exc, typedsock.error)
    assert isinstance(exc, OSError)
    assert exc.errno in (typedsock.EAI_NONAME, typedsock.EAI_AGAIN, typedsock.EAI_FAIL)
    assert isinstance(exc.strerror, str) and exc.strerror
    assert exc.args == (exc.errno, exc.strerror)


def test_unresolvable_host_in_address_is_gaierror(stack: contextlib.ExitStack) -> None:
    s = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(typedsock.gaierror):
        s.connect(("nonexistent.invalid", 80))
    with pytest.raises(typedsock.gaierror):
        typedsock.gethostbyname("nonexistent.invalid")


def test_unknown_service_is_error() -> None:
    with pytest.raises(typedsock.error):
        typedsock.getservbyname("no-such-service-xyz", "tcp")


# ---------------------------------------------------------------------------- closed sockets

# Every call on a closed socket of each kind, blocking or timed, is error(EBADF) and reaches
# nothing: test_descriptors.py (test_closed_socket_never_touches_*).  An accepted socket:


def test_closed_accepted_socket_raises_ebadf(
    stack: contextlib.ExitStack, tcp_listener: StreamSocket[InetAddress]
) -> None:
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(tcp_listener.getsockname())
    conn, _ = tcp_listener.accept()
    conn.close()
    with pytest.raises(typedsock.error) as info:
        conn.recv(1)
    assert info.value.errno == errno.EBADF
