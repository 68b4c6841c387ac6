"""Typed control messages (typedsock.ancillary) on real sockets: each kind round-trips,
and the safety rules hold (close-on-exec descriptors, none leaked on MSG_CTRUNC, bad
messages refused before any system call, the kernel's bytes never over-read)."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import socket as stdlib
import struct
import time
from typing import TYPE_CHECKING, Any, Callable, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import typedsock
from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    IPPROTO_IP,
    IPPROTO_IPV6,
    SOCK_DGRAM,
    SOL_SOCKET,
    DatagramSocket,
    Inet6Address,
    InetAddress,
    ancillary,
)
from typedsock.ancillary import (
    ErrorOrigin,
    ExtendedError,
    ExtendedError6,
    GroSegment,
    HopLimit,
    OriginalDestination,
    OriginalDestination6,
    PacketInfo,
    PacketInfo6,
    RawMessage,
    Rights,
    Segment,
    SenderCredentials,
    Timestamp,
    Timestamping,
    TimestampNs,
    Tos,
    TrafficClass,
    Ttl,
)

if TYPE_CHECKING:
    from conftest import FdTable


@pytest.fixture
def udp(stack: contextlib.ExitStack) -> Tuple[DatagramSocket[InetAddress], DatagramSocket[InetAddress]]:
    """A receiver bound on 127.0.0.1 and a sender, both with a timeout."""
    server = stack.enter_context(typedsock.socket(AF_INET, SOCK_DGRAM))
    server.bind(("127.0.0.1", 0))
    client = stack.enter_context(typedsock.socket(AF_INET, SOCK_DGRAM))
    server.settimeout(5)
    client.settimeout(5)
    return server, client


@pytest.fixture
def udp6(ipv6: None, stack: contextlib.ExitStack) -> Tuple[DatagramSocket[Inet6Address], DatagramSocket[Inet6Address]]:
    server = stack.enter_context(typedsock.socket(AF_INET6, SOCK_DGRAM))
    server.bind(("::1", 0))
    client = stack.enter_context(typedsock.socket(AF_INET6, SOCK_DGRAM))
    server.settimeout(5)
    client.settimeout(5)
    return server, client


@pytest.fixture
def unix_pair(stack: contextlib.ExitStack) -> Tuple[Any, Any]:
    a, b = typedsock.socketpair(AF_UNIX, SOCK_DGRAM)
    stack.enter_context(a)
    stack.enter_context(b)
    b.settimeout(5)
    return a, b


def _on(sock: Any, level: int, name: int, value: int = 1) -> None:
    sock.setsockopt(level, name, value)


# -- every kind, on a real socket -----------------------------------------------------------


def test_rights_round_trip_close_on_exec(unix_pair: Tuple[Any, Any], fd_table: FdTable) -> None:
    a, b = unix_pair
    r, w = os.pipe()
    try:
        assert a.sendmsg([b"fd"], [Rights([r, w])]) == 2
        received = b.recv_message(16, [Rights.up_to(2)])
        assert received.data == b"fd" and not received.truncated
        rights = received.get(Rights)
        assert rights is not None and len(rights.fds) == 2
        for fd in rights.fds:
            assert not os.get_inheritable(fd)
        os.write(rights.fds[1], b"!")
        assert os.read(r, 1) == b"!"
        rights.close()
        assert not any(fd_table.is_open(fd) for fd in rights.fds)
    finally:
        os.close(r)
        os.close(w)


def test_raw_recvmsg_descriptors_are_close_on_exec(unix_pair: Tuple[Any, Any]) -> None:
    a, b = unix_pair
    r, w = os.pipe()
    try:
        a.sendmsg([b"x"], [(SOL_SOCKET, typedsock.SCM_RIGHTS, struct.pack("i", r))])
        _, ancdata, _, _ = b.recvmsg(1, typedsock.CMSG_SPACE(4))
        (level, kind, data), = ancdata
        assert (level, kind) == (SOL_SOCKET, typedsock.SCM_RIGHTS)
        (fd,) = struct.unpack("i", data)
        assert not os.get_inheritable(fd)
        assert ancillary.parse(level, kind, data) == Rights([fd])
        os.close(fd)
    finally:
        os.close(r)
        os.close(w)


def test_truncated_rights_close_what_is_not_handed_over(unix_pair: Tuple[Any, Any], fd_table: FdTable) -> None:
    a, b = unix_pair
    pipes = [os.pipe() for _ in range(2)]
    sent = [fd for pair in pipes for fd in pair]
    try:
        with fd_table.unchanged("a truncated SCM_RIGHTS"):
            a.sendmsg([b"4"], [Rights(sent)])
            received = b.recv_message(1, [Rights.up_to(1)])  # room for 2 (CMSG_SPACE rounds up)
            assert received.truncated
            (rights,) = received.get_all(Rights)
            assert len(rights.fds) == 1  # handed over; the others closed
            rights.close()
        with fd_table.unchanged("SCM_RIGHTS and no room at all"):
            a.sendmsg([b"4"], [Rights(sent)])
            received = b.recv_message(1)
            assert received.truncated and received.messages == ()
        with fd_table.unchanged("SCM_RIGHTS with a raw room too small"):
            a.sendmsg([b"4"], [Rights(sent)])
            received = b.recv_message(1, [RawMessage.room(4)])
            assert received.truncated and received.get_all(Rights) == []
    finally:
        for fd in sent:
            os.close(fd)


def test_recv_fds_closes_beyond_maxfds(unix_pair: Tuple[Any, Any], fd_table: FdTable) -> None:
    a, b = unix_pair
    r, w = os.pipe()
    try:
        with fd_table.unchanged():
            a.send_fds([b"x"], [r, w, r])
            data, fds, flags, _ = b.recv_fds(1, 1)
            assert data == b"x" and len(fds) == 1 and flags & typedsock.MSG_CTRUNC
            os.close(fds[0])
    finally:
        os.close(r)
        os.close(w)


def test_sender_credentials(unix_pair: Tuple[Any, Any]) -> None:
    a, b = unix_pair
    _on(b, SOL_SOCKET, typedsock.SO_PASSCRED)
    mine = SenderCredentials.of_this_process()
    a.sendmsg([b"who"], [mine])
    received = b.recv_message(8, [SenderCredentials])
    assert received.get(SenderCredentials) == mine
    assert mine.credentials == typedsock.Credentials(os.getpid(), os.getuid(), os.getgid())
    a.send(b"implicit")  # with SO_PASSCRED the kernel attaches them anyway
    assert b.recv_message(8, [SenderCredentials]).get(SenderCredentials) == mine


def test_packet_info_received_and_sent(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    _on(server, IPPROTO_IP, typedsock.IP_PKTINFO)
    loopback = typedsock.if_nametoindex("lo")
    client.sendmsg([b"a"], [PacketInfo(local="127.0.0.2")], 0, server.getsockname())
    received = server.recv_message(8, [PacketInfo])
    info = received.get(PacketInfo)
    assert info == PacketInfo(loopback, "127.0.0.1", "127.0.0.1")
    assert isinstance(info.local, ipaddress.IPv4Address)
    assert received.address.host == "127.0.0.2"  # the datagram left from the address asked for


def test_packet_info6(udp6: Tuple[Any, Any]) -> None:
    server, client = udp6
    _on(server, IPPROTO_IPV6, typedsock.IPV6_RECVPKTINFO)
    client.sendmsg([b"a"], [PacketInfo6(address="::1")], 0, server.getsockname())
    info = server.recv_message(8, [PacketInfo6]).get(PacketInfo6)
    assert info == PacketInfo6(typedsock.if_nametoindex("lo"), "::1")


def test_ttl_and_tos(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    _on(server, IPPROTO_IP, typedsock.IP_RECVTTL)
    _on(server, IPPROTO_IP, typedsock.IP_RECVTOS)
    client.sendmsg([b"a"], [Ttl(9), Tos(0x20)], 0, server.getsockname())
    received = server.recv_message(8, [Ttl, Tos])
    assert set(received.messages) == {Ttl(9), Tos(0x20)}


def test_hop_limit_and_traffic_class(udp6: Tuple[Any, Any]) -> None:
    server, client = udp6
    _on(server, IPPROTO_IPV6, typedsock.IPV6_RECVHOPLIMIT)
    _on(server, IPPROTO_IPV6, typedsock.IPV6_RECVTCLASS)
    client.sendmsg([b"a"], [HopLimit(7), TrafficClass(0x28)], 0, server.getsockname())
    received = server.recv_message(8, [HopLimit, TrafficClass])
    assert set(received.messages) == {HopLimit(7), TrafficClass(0x28)}


@pytest.mark.parametrize(
    ("option", "kind"),
    [(typedsock.SO_TIMESTAMP, Timestamp), (typedsock.SO_TIMESTAMPNS, TimestampNs)],
)
def test_timestamps(udp: Tuple[Any, Any], option: int, kind: Any) -> None:
    server, client = udp
    _on(server, SOL_SOCKET, option)
    before = time.time_ns()
    client.sendto(b"t", server.getsockname())
    stamp = server.recv_message(8, [kind]).get(kind)
    after = time.time_ns()
    assert stamp is not None and before - 1_000_000 <= stamp.time_ns <= after + 1_000_000
    assert abs(stamp.time - stamp.time_ns / 1e9) < 1e-6


def test_timestamping_software(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    flags = typedsock.SOF_TIMESTAMPING_RX_SOFTWARE | typedsock.SOF_TIMESTAMPING_SOFTWARE
    _on(server, SOL_SOCKET, typedsock.SO_TIMESTAMPING, flags)
    before = time.time_ns()
    client.sendto(b"t", server.getsockname())
    stamp = server.recv_message(8, [Timestamping]).get(Timestamping)
    assert stamp is not None and stamp.software_ns >= before - 1_000_000
    assert stamp.hardware_ns == 0


def _closed_port(family: int, host: str) -> Any:
    with typedsock.socket(family, SOCK_DGRAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()


def test_extended_error_from_icmp(udp: Tuple[Any, Any]) -> None:
    _, client = udp
    _on(client, IPPROTO_IP, typedsock.IP_RECVERR)
    target = _closed_port(AF_INET, "127.0.0.1")
    client.connect(target)
    client.send(b"anyone?")
    deadline = time.monotonic() + 5
    while True:
        try:
            received = client.recv_message(64, [ExtendedError], typedsock.MSG_ERRQUEUE | typedsock.MSG_DONTWAIT)
            break
        except BlockingIOError:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    err = received.get(ExtendedError)
    assert err is not None and received.flags & typedsock.MSG_ERRQUEUE
    assert err.errno == errno.ECONNREFUSED and err.origin is ErrorOrigin.ICMP
    assert (err.icmp_type, err.icmp_code) == (3, 3)  # destination unreachable, port unreachable
    assert err.offender == InetAddress("127.0.0.1", 0)
    assert received.data == b"anyone?" and received.address == target


def test_extended_error6_from_icmp6(udp6: Tuple[Any, Any]) -> None:
    _, client = udp6
    _on(client, IPPROTO_IPV6, typedsock.IPV6_RECVERR)
    target = _closed_port(AF_INET6, "::1")
    client.sendto(b"anyone?", target)
    deadline = time.monotonic() + 5
    while True:
        try:
            received = client.recv_message(64, [ExtendedError6], typedsock.MSG_ERRQUEUE | typedsock.MSG_DONTWAIT)
            break
        except BlockingIOError:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    err = received.get(ExtendedError6)
    assert err is not None and err.origin is ErrorOrigin.ICMP6
    assert (err.icmp_type, err.icmp_code) == (1, 4)  # destination unreachable, port unreachable
    assert err.offender is not None and err.offender.host == "::1"


def test_original_destination(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    _on(server, IPPROTO_IP, typedsock.IP_RECVORIGDSTADDR)
    client.sendto(b"o", server.getsockname())
    assert server.recv_message(8, [OriginalDestination]).messages == (OriginalDestination(server.getsockname()),)


def test_original_destination6(udp6: Tuple[Any, Any]) -> None:
    server, client = udp6
    _on(server, IPPROTO_IPV6, typedsock.IPV6_RECVORIGDSTADDR)
    client.sendto(b"o", server.getsockname())
    (message,) = server.recv_message(8, [OriginalDestination6]).messages
    assert isinstance(message, OriginalDestination6) and message.address == server.getsockname()


def test_segment_splits_into_datagrams(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    payload = bytes(range(250)) * 10  # 2,500 bytes: 1000 + 1000 + 500
    try:
        sent = client.sendmsg([payload], [Segment(1000)], 0, server.getsockname())
    except OSError as exc:  # pragma: no cover  (a kernel without UDP GSO)
        pytest.skip(f"UDP_SEGMENT refused: {errno.errorcode.get(exc.errno or 0, exc.errno)}")
    assert sent == len(payload)
    assert [server.recv(2000) for _ in range(3)] == [payload[:1000], payload[1000:2000], payload[2000:]]


def test_gro_joins_datagrams(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    try:
        _on(server, typedsock.SOL_UDP, typedsock.UDP_GRO)
    except OSError as exc:  # pragma: no cover
        pytest.skip(f"UDP_GRO refused: {errno.errorcode.get(exc.errno or 0, exc.errno)}")
    payload = b"g" * 3000
    client.sendmsg([payload], [Segment(1000)], 0, server.getsockname())
    received = server.recv_message(65536, [GroSegment])
    gro = received.get(GroSegment)
    if gro is None:  # pragma: no cover  (delivered one by one: no GRO on this path)
        assert received.data == payload[:1000]
        pytest.skip("the kernel delivered the segments apart (no UDP GRO on loopback)")
    assert received.data == payload and gro == GroSegment(1000)


def test_raw_message_round_trip(unix_pair: Tuple[Any, Any]) -> None:
    a, b = unix_pair
    _on(b, SOL_SOCKET, typedsock.SO_PASSCRED)
    creds = SenderCredentials.of_this_process()
    raw = RawMessage(*creds.to_tuple())
    assert raw.to_tuple() == creds.to_tuple()
    a.sendmsg([b"r"], [raw])
    received = b.recv_message(8, [RawMessage.room(64)])
    assert received.get(SenderCredentials) == creds  # a kind with a class arrives typed
    assert ancillary.parse(0x7FFF, 1, b"\x01\x02") == RawMessage(0x7FFF, 1, b"\x01\x02")


def test_messages_are_values() -> None:
    assert Ttl(4) == Ttl(4) and Ttl(4) != Tos(4) and hash(Ttl(4)) == hash(Ttl(4))
    assert repr(PacketInfo6(2, "::1")) == "PacketInfo6(ifindex=2, address=IPv6Address('::1'))"
    with pytest.raises(AttributeError):
        Ttl(4).value = 5
    import pickle

    assert pickle.loads(pickle.dumps(PacketInfo(1, "10.0.0.1"))) == PacketInfo(1, "10.0.0.1")
    assert Rights([3]).families == {AF_UNIX} and Timestamp.families == frozenset()
    assert Segment.families == {AF_INET, AF_INET6}


# -- bad messages: refused before any system call, nothing sent ---------------------------------

BAD_INET: List[Tuple[str, Callable[[], object], type]] = [
    ("not a message", lambda: [object()], TypeError),
    ("a two-item tuple", lambda: [(0, 2)], TypeError),
    ("a str for data", lambda: [(0, 2, "x")], TypeError),
    ("a level too large", lambda: [(2**40, 2, b"x")], OverflowError),
    ("PacketInfo6 on AF_INET", lambda: [PacketInfo6()], TypeError),
    ("HopLimit on AF_INET", lambda: [HopLimit(1)], TypeError),
    ("Rights on AF_INET", lambda: [Rights([0])], TypeError),
    ("a received-only kind", lambda: [ExtendedError(0, 0, 0, 0, 0, 0, None)], TypeError),
    ("a received-only kind", lambda: [Timestamp(0)], TypeError),
    ("a good one, then a bad one", lambda: [Ttl(3), object()], TypeError),
]

BAD_VALUES: List[Tuple[str, Callable[[], object], type]] = [
    ("TTL 0", lambda: Ttl(0), ValueError),
    ("TTL 256", lambda: Ttl(256), ValueError),
    ("TOS -1", lambda: Tos(-1), ValueError),
    ("hop limit -2", lambda: HopLimit(-2), ValueError),
    ("traffic class 256", lambda: TrafficClass(256), ValueError),
    ("segment 65536", lambda: Segment(65536), ValueError),
    ("a float TTL", lambda: Ttl(3.0), TypeError),  # type: ignore[arg-type]
    ("an IPv6 local address", lambda: PacketInfo(local="::1"), ValueError),
    ("an int local address", lambda: PacketInfo(local=1), TypeError),  # type: ignore[arg-type]
    ("an IPv4 address in PacketInfo6", lambda: PacketInfo6(address="10.0.0.1"), ValueError),
    ("a negative fd", lambda: Rights([-1]), ValueError),
    ("an fd beyond int", lambda: Rights([2**31]), OverflowError),
    ("more fds than the kernel takes", lambda: Rights([0] * (ancillary.MAX_FDS + 1)), ValueError),
    ("a str fd", lambda: Rights(["0"]), TypeError),  # type: ignore[list-item]
    ("a negative pid", lambda: SenderCredentials(-1, 0, 0), ValueError),
    ("a uid beyond uid_t", lambda: SenderCredentials(1, 2**32, 0), ValueError),
    ("room for too many fds", lambda: Rights.up_to(ancillary.MAX_FDS + 1), ValueError),
    ("negative raw room", lambda: RawMessage.room(-1), ValueError),
]


@pytest.mark.parametrize(("what", "ancdata", "error"), BAD_INET, ids=[row[0] for row in BAD_INET])
def test_bad_ancillary_is_refused_and_nothing_sent(
    udp: Tuple[Any, Any], what: str, ancdata: Callable[[], Any], error: type
) -> None:
    server, client = udp
    with pytest.raises(error):
        client.sendmsg([b"must not arrive"], ancdata(), 0, server.getsockname())
    server.setblocking(False)
    with pytest.raises(BlockingIOError):
        server.recv(64)


@pytest.mark.parametrize(("what", "make", "error"), BAD_VALUES, ids=[row[0] for row in BAD_VALUES])
def test_bad_message_values(what: str, make: Callable[[], object], error: type) -> None:
    with pytest.raises(error):
        make()


def test_expectations_are_checked_against_the_family(udp: Tuple[Any, Any], unix_pair: Tuple[Any, Any]) -> None:
    server, _ = udp
    a, _ = unix_pair
    for wrong in ([PacketInfo6], [Rights.up_to(1)], [SenderCredentials], [Ttl(1)], [Segment], ["PacketInfo"]):
        with pytest.raises(TypeError):
            server.recv_message(8, wrong)
    with pytest.raises(TypeError):
        a.recv_message(8, [PacketInfo])
    with pytest.raises(TypeError, match=r"Rights\.up_to"):
        a.recv_message(8, [Rights])
    with pytest.raises(TypeError):
        a.sendmsg([b"x"], [PacketInfo()])


def test_raw_calls_argument_errors(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    with pytest.raises(ValueError):
        server.recvmsg(-1)
    with pytest.raises(ValueError):
        server.recvmsg(1, -1)
    with pytest.raises(TypeError):
        server.recvmsg_into([b"read-only"])
    with pytest.raises(TypeError):
        server.recvmsg_into(3)
    with pytest.raises(TypeError):
        client.sendmsg([b"x"], [], "0")
    with pytest.raises(ValueError):
        server.recv_message(-1)


def test_scatter_gather(udp: Tuple[Any, Any]) -> None:
    server, client = udp
    assert client.sendmsg([b"ab", memoryview(b"cd"), bytearray(b"ef")], [], 0, server.getsockname()) == 6
    first, second = bytearray(4), bytearray(4)
    count, ancdata, flags, address = server.recvmsg_into([first, second])
    assert (count, bytes(first), bytes(second[:2]), ancdata, flags) == (6, b"abcd", b"ef", [], 0)
    assert address.port == client.getsockname().port
    client.sendto(b"0123456789", server.getsockname())
    data, _, flags, _ = server.recvmsg(4)
    assert data == b"0123" and flags & typedsock.MSG_TRUNC


def test_the_standard_module_reads_what_typedsock_sends(unix_pair: Tuple[Any, Any]) -> None:
    a, b = unix_pair
    with stdlib.socket(fileno=os.dup(b.fileno())) as theirs:
        theirs.setsockopt(SOL_SOCKET, stdlib.SO_PASSCRED, 1)
        creds = SenderCredentials.of_this_process()
        a.sendmsg([b"s"], [creds])
        _, ancdata, _, _ = theirs.recvmsg(1, stdlib.CMSG_SPACE(12))
        assert ancdata == [creds.to_tuple()]


# -- the kernel's bytes: parsed without reading past them ------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200))
def test_control_buffers_of_any_bytes_parse(raw: bytes) -> None:
    from typedsock._sock import ffi

    control = ffi.new("char[]", max(len(raw), 1))
    ffi.memmove(control, raw, len(raw))
    messages = ancillary.from_control(control, len(raw))
    for message in messages:
        assert isinstance(message, ancillary.Receivable)
        if isinstance(message, RawMessage):
            assert len(message.data) <= len(raw)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(ancillary.RECEIVED_AS)), st.binary(max_size=80))
def test_each_kind_parses_any_bytes_or_says_so(key: Tuple[int, int], data: bytes) -> None:
    message = ancillary.parse(key[0], key[1], data)
    assert isinstance(message, (ancillary.RECEIVED_AS[key], RawMessage))


@pytest.mark.parametrize("kind", [PacketInfo, Ttl(3), Tos(1), PacketInfo6(), HopLimit(1), TrafficClass(1),
                                  SenderCredentials(1, 2, 3), Rights([1, 2])], ids=repr)
def test_packed_messages_parse_back(kind: Any) -> None:
    message = kind() if isinstance(kind, type) else kind
    assert ancillary.parse(*message.to_tuple()) == message
