"""Property tests (hypothesis) on real sockets.

* Every address type round-trips through the kernel: what ``bind`` packs,
  ``getsockname`` (and a peer's ``recvfrom``/``accept``) unpacks to an equal typed
  address.  The standard ``socket`` module is the oracle for the text of IPv6
  addresses.
* Payloads of random sizes, sent in random chunks, arrive intact over stream sockets
  (socketpair, TCP) and as whole datagrams (UDP, AF_UNIX).

Examples are kept few (CI has 2 cores and runs five Pythons).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import pathlib
import socket as stdlib
import tempfile
import threading
from typing import Any, Generator, List, Tuple

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import typedsock
from typedsock import DatagramSocket, Inet6Address, InetAddress, StreamSocket, UnixAddress
from typedsock._sock import lib

SUN_PATH: int = lib.TS_SUN_PATH_SIZE
SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)


def _has_ipv6_loopback() -> bool:
    try:
        with typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM) as probe:
            probe.bind(Inet6Address("::1", 0))
    except OSError:
        return False
    return True


HAVE_IPV6 = _has_ipv6_loopback()
needs_ipv6 = pytest.mark.skipif(not HAVE_IPV6, reason="no IPv6 loopback (::1)")


@contextlib.contextmanager
def _folder() -> Generator[pathlib.Path, None, None]:
    """A short fresh directory for AF_UNIX names (one per example)."""
    with tempfile.TemporaryDirectory(prefix="ts-prop-", dir="/tmp") as folder:
        yield pathlib.Path(folder)


# ---------------------------------------------------------------------------- AF_INET

loopback_hosts = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(1, 254)).map(
    lambda t: f"127.{t[0]}.{t[1]}.{t[2]}"
)
ports = st.integers(1024, 65535)


def _bind_or_skip(sock: Any, address: object) -> None:
    try:
        sock.bind(address)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:  # someone else holds this port: not our property
            assume(False)
        raise


@SETTINGS
@given(host=loopback_hosts, port=ports, kind=st.sampled_from([typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM]),
       typed=st.booleans())
def test_inet_address_round_trips_through_bind(host: str, port: int, kind: int, typed: bool) -> None:
    with typedsock.socket(typedsock.AF_INET, kind) as sock:
        _bind_or_skip(sock, InetAddress(host, port) if typed else (host, port))
        got = sock.getsockname()
        assert type(got) is InetAddress
        assert got == InetAddress(host, port)


@SETTINGS
@given(sender_host=loopback_hosts, receiver_host=loopback_hosts, payload=st.binary(max_size=512))
def test_inet_sender_address_round_trips_through_recvfrom(sender_host: str, receiver_host: str, payload: bytes) -> None:
    with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM) as sender, typedsock.socket(
        typedsock.AF_INET, typedsock.SOCK_DGRAM
    ) as receiver:
        sender.bind((sender_host, 0))
        receiver.bind((receiver_host, 0))
        receiver.settimeout(5.0)
        sender.sendto(payload, receiver.getsockname())
        data, address = receiver.recvfrom(1024)
        assert data == payload
        assert address == sender.getsockname()
        assert address.host == sender_host


@SETTINGS
@given(client_host=loopback_hosts)
def test_inet_peer_address_round_trips_through_accept(client_host: str) -> None:
    with contextlib.ExitStack() as stack:
        listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
        listener.bind(InetAddress.any(0))
        listener.listen()
        client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
        client.bind((client_host, 0))
        client.connect(("127.0.0.1", listener.getsockname().port))
        conn, peer = listener.accept()
        stack.enter_context(conn)
        assert peer == client.getsockname() == conn.getpeername()
        assert peer.host == client_host


# ---------------------------------------------------------------------------- AF_INET6

# Addresses a host's ::1-only loopback can bind: ::1 and the wildcard, and
# IPv4-mapped loopback addresses (with V6ONLY off), written in any valid form.
mapped = loopback_hosts.map(lambda v4: f"::ffff:{v4}")
mapped_hex = loopback_hosts.map(lambda v4: str(ipaddress.IPv6Address(f"::ffff:{v4}").exploded))
inet6_hosts = st.one_of(st.just("::1"), st.just("::"), st.just("0:0:0:0:0:0:0:1"), mapped, mapped_hex)


@needs_ipv6
@SETTINGS
@given(host=inet6_hosts, port=ports, flowinfo=st.integers(0, 0xFFFFF), typed=st.booleans(),
       kind=st.sampled_from([typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM]))
def test_inet6_address_round_trips_through_bind(host: str, port: int, flowinfo: int, typed: bool, kind: int) -> None:
    with typedsock.socket(typedsock.AF_INET6, kind) as sock, stdlib.socket(stdlib.AF_INET6, kind) as oracle:
        sock.setsockopt(typedsock.IPPROTO_IPV6, typedsock.IPV6_V6ONLY, 0)
        oracle.setsockopt(stdlib.IPPROTO_IPV6, stdlib.IPV6_V6ONLY, 0)
        # flowinfo is only a send-side field: the kernel does not keep it for bind
        _bind_or_skip(sock, Inet6Address(host, port, flowinfo) if typed else (host, port, flowinfo))
        got = sock.getsockname()
        assert type(got) is Inet6Address
        assert ipaddress.ip_address(got.host) == ipaddress.ip_address(host)
        assert got.port == port and got.scope_id == 0
        oracle.bind((host, 0))
        assert got.host == oracle.getsockname()[0], "the text form is inet_ntop's, as in the standard module"


@needs_ipv6
@SETTINGS
@given(payload=st.binary(max_size=512), sender_host=st.sampled_from(["::1", "::ffff:127.0.0.1"]))
def test_inet6_sender_address_round_trips_through_recvfrom(payload: bytes, sender_host: str) -> None:
    with typedsock.socket(typedsock.AF_INET6, typedsock.SOCK_DGRAM) as sender, typedsock.socket(
        typedsock.AF_INET6, typedsock.SOCK_DGRAM
    ) as receiver:
        for sock in (sender, receiver):
            sock.setsockopt(typedsock.IPPROTO_IPV6, typedsock.IPV6_V6ONLY, 0)
        sender.bind(Inet6Address(sender_host, 0))
        receiver.bind(Inet6Address("::", 0))
        receiver.settimeout(5.0)
        target = Inet6Address("::1" if sender_host == "::1" else "::ffff:127.0.0.1", receiver.getsockname().port)
        sender.sendto(payload, target)
        data, address = receiver.recvfrom(1024)
        assert data == payload
        assert address == sender.getsockname()


# ---------------------------------------------------------------------------- AF_UNIX

# File names: any bytes but NUL and '/', not '.' or '..'; as str (surrogateescape) or bytes.
name_bytes = st.binary(min_size=1, max_size=40).filter(lambda b: b"\0" not in b and b"/" not in b and b not in (b".", b".."))


@SETTINGS
@given(name=name_bytes, as_str=st.booleans(), typed=st.booleans(),
       kind=st.sampled_from([typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM]))
def test_unix_path_round_trips_through_bind(name: bytes, as_str: bool, typed: bool, kind: int) -> None:
    with _folder() as folder, typedsock.socket(typedsock.AF_UNIX, kind) as sock:
        raw = os.fsencode(folder) + b"/" + name
        path: Any = os.fsdecode(raw) if as_str else raw
        sock.bind(UnixAddress(path) if typed else path)
        got = sock.getsockname()
        assert type(got) is UnixAddress
        assert got == UnixAddress(path)
        assert bytes(got) == raw
        assert isinstance(got.path, str) and os.fsencode(got.path) == raw  # pathnames come back as str
        assert not got.is_abstract and not got.is_unnamed
        assert os.listdir(os.fsencode(folder)) == [name], "exactly the named file exists (never truncated)"


@SETTINGS
@given(data=st.data())
def test_unix_path_of_every_length_round_trips_or_is_rejected(data: st.DataObject) -> None:
    with _folder() as folder, typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM) as sock:
        head = os.fsencode(folder) + b"/"
        length = data.draw(st.integers(len(head) + 1, SUN_PATH + 8), label="length")
        raw = head + b"n" * (length - len(head))
        if length <= SUN_PATH - 1:
            sock.bind(raw)
            assert bytes(sock.getsockname()) == raw
            assert os.listdir(folder) == [os.fsdecode(raw[len(head):])]
        else:
            with pytest.raises(typedsock.PathTooLong):
                sock.bind(raw)
            assert os.listdir(folder) == []


# Abstract names: a leading NUL, then any bytes (NULs included), at most sun_path in all.
abstract_names = st.binary(min_size=0, max_size=SUN_PATH - 1 - 24)


@SETTINGS
@given(name=abstract_names, kind=st.sampled_from([typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM]),
       form=st.sampled_from(["typed", "bytes", "classmethod"]))
def test_unix_abstract_name_round_trips_through_bind(name: bytes, kind: int, form: str) -> None:
    unique = b"ts-prop-%d-%d-" % (os.getpid(), threading.get_ident() % 100000)
    full = b"\0" + unique[:23].ljust(23, b"-") + name  # unique to this process, then the random part
    with typedsock.socket(typedsock.AF_UNIX, kind) as sock:
        if form == "typed":
            sock.bind(UnixAddress(full))
        elif form == "bytes":
            sock.bind(full)
        else:
            sock.bind(UnixAddress.abstract(full[1:]))
        got = sock.getsockname()
        assert type(got) is UnixAddress and got.is_abstract
        assert got.path == full, "an abstract name keeps its leading NUL and every byte, as bytes"
        assert bytes(got) == full


@SETTINGS
@given(name=abstract_names, payload=st.binary(max_size=256))
def test_unix_abstract_sender_round_trips_through_recvfrom(name: bytes, payload: bytes) -> None:
    receiver_name = b"\0" + (b"ts-prop-rx-%d" % os.getpid())
    sender_name = b"\0" + (b"ts-prop-tx-%d-" % os.getpid()).ljust(23, b"-") + name
    with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM) as sender, typedsock.socket(
        typedsock.AF_UNIX, typedsock.SOCK_DGRAM
    ) as receiver:
        receiver.bind(receiver_name)
        sender.bind(sender_name)
        receiver.settimeout(5.0)
        sender.sendto(payload, receiver.getsockname())
        data, address = receiver.recvfrom(1024)
        assert data == payload
        assert address == sender.getsockname()


# ---------------------------------------------------------------------------- payloads

chunk_sizes = st.lists(st.integers(0, 70_000), min_size=1, max_size=12)
read_sizes = st.lists(st.integers(1, 100_000), min_size=1, max_size=8)


def _stream_pair(kind: str, stack: contextlib.ExitStack) -> Tuple[StreamSocket[Any], StreamSocket[Any]]:
    if kind == "socketpair":
        a, b = typedsock.socketpair()
        return stack.enter_context(a), stack.enter_context(b)
    listener = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    listener.bind(InetAddress.loopback(0))
    listener.listen(1)
    client = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    client.connect(listener.getsockname())
    return client, stack.enter_context(listener.accept()[0])


@SETTINGS
@given(chunks=chunk_sizes, reads=read_sizes, kind=st.sampled_from(["socketpair", "tcp"]), seed=st.integers(0, 2**32),
       how=st.sampled_from(["recv", "recv_into", "recvfrom", "makefile"]))
def test_stream_payload_arrives_intact_in_any_chunking(
    chunks: List[int], reads: List[int], kind: str, seed: int, how: str
) -> None:
    import random

    rng = random.Random(seed)
    payloads = [rng.randbytes(size) for size in chunks]
    expected = b"".join(payloads)
    with contextlib.ExitStack() as stack:
        a, b = _stream_pair(kind, stack)
        a.settimeout(20.0)
        b.settimeout(20.0)
        errors: List[BaseException] = []

        def send() -> None:
            try:
                for index, payload in enumerate(payloads):
                    if index % 3 == 0:
                        a.sendall(payload)
                    elif index % 3 == 1:
                        a.sendall(bytearray(payload))
                    else:
                        view = memoryview(payload)
                        while view:
                            view = view[a.send(view):]
                a.shutdown(typedsock.SHUT_WR)
            except BaseException as exc:
                errors.append(exc)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        received = bytearray()
        if how == "makefile":
            with b.makefile("rb") as f:
                received += f.read()
        else:
            buffer = bytearray(max(reads))
            step = 0
            while True:
                size = reads[step % len(reads)]
                step += 1
                if how == "recv":
                    data = b.recv(size)
                elif how == "recvfrom":
                    data, address = b.recvfrom(size)
                    assert address is None or isinstance(address, (InetAddress, UnixAddress))
                else:
                    n = b.recv_into(buffer, size)
                    data = bytes(buffer[:n])
                assert len(data) <= size
                if not data:
                    break
                received += data
        sender.join(20.0)
        assert not sender.is_alive() and errors == []
        assert bytes(received) == expected


datagram_sizes = st.lists(st.integers(0, 9000), min_size=1, max_size=10)


def _dgram_pair(kind: str, stack: contextlib.ExitStack) -> Tuple[DatagramSocket[Any], DatagramSocket[Any]]:
    family = typedsock.AF_INET if kind == "udp" else typedsock.AF_UNIX
    a = stack.enter_context(typedsock.socket(family, typedsock.SOCK_DGRAM))
    b = stack.enter_context(typedsock.socket(family, typedsock.SOCK_DGRAM))
    if kind == "udp":
        a.bind(InetAddress.loopback(0))
        b.bind(InetAddress.loopback(0))
    else:
        a.bind(b"")  # autobind: a kernel-chosen abstract name
        b.bind(b"")
    for sock in (a, b):
        sock.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 1 << 20)
        sock.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDBUF, 1 << 20)
        sock.settimeout(5.0)
    return a, b


@SETTINGS
@given(sizes=datagram_sizes, kind=st.sampled_from(["udp", "unix"]), seed=st.integers(0, 2**32),
       how=st.sampled_from(["sendto/recvfrom", "send/recv", "send_many/recv_many", "sendto/recvfrom_into"]),
       shrink=st.integers(0, 5))
def test_datagrams_arrive_whole_and_truncate_to_the_buffer(
    sizes: List[int], kind: str, seed: int, how: str, shrink: int
) -> None:
    """Each datagram arrives whole; a smaller receive buffer gets exactly its prefix."""
    import random

    rng = random.Random(seed)
    payloads = [rng.randbytes(size) for size in sizes]
    with contextlib.ExitStack() as stack:
        a, b = _dgram_pair(kind, stack)
        target = b.getsockname()
        a.connect(target)
        got: List[Tuple[bytes, Any]] = []
        if how == "send_many/recv_many":
            assert a.send_many([(p, target) if i % 2 else p for i, p in enumerate(payloads)]) == len(payloads)
            while len(got) < len(payloads):
                got += b.recv_many(len(payloads) - len(got), 9000)
        else:
            for payload in payloads:
                bufsize = max(1, len(payload) - shrink)  # recv(0) would leave the datagram queued
                if how == "send/recv":
                    assert a.send(payload) == len(payload)
                    got.append((b.recv(bufsize), a.getsockname()))
                elif how == "sendto/recvfrom":
                    assert a.sendto(payload, target) == len(payload)
                    got.append(b.recvfrom(bufsize))
                else:
                    assert a.sendto(payload, target) == len(payload)
                    buffer = bytearray(bufsize + 3)
                    n, sender = b.recvfrom_into(buffer, bufsize)
                    got.append((bytes(buffer[:n]), sender))
                    assert buffer[n:] == b"\0" * (len(buffer) - n), "bytes past nbytes untouched"
        for payload, (data, sender) in zip(payloads, got):
            limit = 9000 if how == "send_many/recv_many" else max(1, len(payload) - shrink)
            assert data == payload[:limit]
            assert sender == a.getsockname()
