"""The typed options on real sockets: every option of the table set and read back (or, read-only,
read and checked against what the socket is), TCP_INFO on a connected loopback pair, the scope
and value checks that come before any system call, and docs/options.md's count of them.

The multicast tests run in network namespaces of their own (tests/netns_multicast.py).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Sequence, Tuple

import pytest

import typedsock
from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    IPPROTO_ICMP,
    IPPROTO_TCP,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_STREAM,
    AddressFamily,
    Credentials,
    SocketKind,
    options,
)
from typedsock.options import (
    PmtuDiscovery,
    ReadOnlyOption,
    TcpCaState,
    TcpInfo,
    TcpState,
    TimestampingFlag,
    WriteOnlyOption,
)

ROOT = Path(__file__).resolve().parent.parent
OPTIONS_GUIDE = ROOT / "docs" / "options.md"
ROOT_ONLY = os.geteuid() != 0
LO_MTU = int(Path("/sys/class/net/lo/mtu").read_text())

Made = Callable[[str], Any]


@pytest.fixture
def make() -> Iterator[Made]:
    """make(kind): a fresh socket of that kind, closed after the test (with its peers)."""
    opened: List[Any] = []

    def _make(kind: str) -> Any:
        sock: Any
        peer: Any
        listener: Any
        if kind in ("tcp4", "tcp6", "udp4", "udp6"):
            family = AF_INET if kind.endswith("4") else AF_INET6
            sock = typedsock.socket(family, SOCK_STREAM if kind.startswith("tcp") else SOCK_DGRAM)
        elif kind == "unix":
            sock = typedsock.socket(AF_UNIX)
        elif kind == "raw4":
            try:
                sock = typedsock.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)
            except PermissionError as exc:
                pytest.skip(f"a raw socket needs CAP_NET_RAW: errno {exc.errno} ({exc.strerror})")
        elif kind == "listener4":
            sock = typedsock.socket(AF_INET)
            sock.bind(("127.0.0.1", 0))
            sock.listen()
        elif kind in ("connected4", "connected6"):
            host = "127.0.0.1" if kind == "connected4" else "::1"
            listener = typedsock.socket(AF_INET if kind == "connected4" else AF_INET6)
            listener.bind((host, 0))
            listener.listen()
            address: Tuple[str, int] = listener.getsockname()[:2]
            sock = typedsock.create_connection(address)
            peer, _ = listener.accept()
            opened.extend([listener, peer])
        elif kind in ("connected_udp4", "connected_udp6"):
            family, host = (AF_INET, "127.0.0.1") if kind == "connected_udp4" else (AF_INET6, "::1")
            sock = typedsock.socket(family, SOCK_DGRAM)
            sock.connect((host, 9))
        elif kind == "unixpair":
            pair: Tuple[Any, Any] = typedsock.socketpair()
            sock, peer = pair
            opened.append(peer)
        else:
            raise AssertionError(kind)
        opened.append(sock)
        return sock

    yield _make
    for sock in opened:
        sock.close()


class RoundTrip(NamedTuple):
    option: Any
    kind: str
    values: Sequence[Tuple[object, object]]  # (set, then read back)
    privileged: bool = False


def same(*values: object) -> List[Tuple[object, object]]:
    return [(value, value) for value in values]


ROUND_TRIPS = [
    RoundTrip(options.SO_REUSEADDR, "tcp4", same(True, False)),
    RoundTrip(options.SO_REUSEPORT, "udp6", same(True, False)),
    RoundTrip(options.SO_KEEPALIVE, "tcp6", same(True, False)),
    RoundTrip(options.SO_BROADCAST, "udp4", same(True, False)),
    RoundTrip(options.SO_LINGER, "tcp4", same(5, 0, None)),
    RoundTrip(options.SO_RCVBUF, "udp4", [(65536, 131072)]),  # the kernel doubles it (socket(7))
    RoundTrip(options.SO_SNDBUF, "tcp4", [(65536, 131072)]),
    RoundTrip(options.SO_RCVLOWAT, "tcp4", same(100, 1)),
    RoundTrip(options.SO_RCVTIMEO, "unix", same(1.5, 0.5, 0.0)),  # kept in jiffies: 4 ms at HZ=250
    RoundTrip(options.SO_SNDTIMEO, "udp4", same(2.0, 0.0)),
    RoundTrip(options.SO_PASSCRED, "unix", same(True, False)),
    RoundTrip(options.SO_BINDTODEVICE, "udp4", same("lo", ""), privileged=True),
    RoundTrip(options.SO_MARK, "tcp4", same(0xDEADBEEF, 0), privileged=True),
    RoundTrip(options.SO_PRIORITY, "udp6", same(3, 7, 0), privileged=True),
    RoundTrip(options.SO_INCOMING_CPU, "udp4", same(0, 1)),
    RoundTrip(options.SO_BUSY_POLL, "udp4", [(0.00005, 0.00005), (0.0, 0.0)], privileged=True),
    RoundTrip(options.SO_OOBINLINE, "tcp4", same(True, False)),
    RoundTrip(options.SO_DONTROUTE, "udp4", same(True, False)),
    RoundTrip(options.SO_TIMESTAMP, "udp4", same(True, False)),
    RoundTrip(options.SO_TIMESTAMPNS, "udp6", same(True, False)),
    RoundTrip(
        options.SO_TIMESTAMPING, "udp4",
        same(TimestampingFlag.SOFTWARE | TimestampingFlag.RX_SOFTWARE, TimestampingFlag(0)),
    ),
    RoundTrip(options.SO_ZEROCOPY, "tcp4", same(True, False)),
    RoundTrip(options.TCP_NODELAY, "tcp4", same(True, False)),
    RoundTrip(options.TCP_KEEPIDLE, "tcp6", same(30, 7200)),
    RoundTrip(options.TCP_KEEPINTVL, "tcp4", same(5, 75)),
    RoundTrip(options.TCP_KEEPCNT, "tcp4", same(4, 9)),
    RoundTrip(options.TCP_USER_TIMEOUT, "tcp4", same(1.5, 0.001, 0.0)),
    RoundTrip(options.TCP_CONGESTION, "tcp4", same("reno")),
    RoundTrip(options.TCP_MAXSEG, "tcp4", same(1000)),
    RoundTrip(options.TCP_CORK, "tcp6", same(True, False)),
    RoundTrip(options.TCP_QUICKACK, "connected4", same(False, True)),
    # kept as a number of SYN-ACK retransmissions: 7 s is 3 of them exactly (1 + 2 + 4 s)
    RoundTrip(options.TCP_DEFER_ACCEPT, "listener4", [(7, 7), (5, 7), (0, 0)]),
    RoundTrip(options.TCP_FASTOPEN, "listener4", same(5)),
    RoundTrip(options.TCP_FASTOPEN_CONNECT, "tcp4", same(True, False)),
    RoundTrip(options.TCP_NOTSENT_LOWAT, "tcp4", same(16384)),
    RoundTrip(options.TCP_LINGER2, "tcp4", same(30, 120, -1)),
    RoundTrip(options.TCP_SYNCNT, "tcp4", same(3, 6)),
    RoundTrip(options.TCP_WINDOW_CLAMP, "tcp4", same(10000)),
    RoundTrip(options.IP_TTL, "udp4", same(7, 255, 1)),
    RoundTrip(options.IP_TOS, "udp4", same(0x10, 0)),
    RoundTrip(options.IP_MULTICAST_TTL, "udp4", same(5, 0)),
    RoundTrip(options.IP_MULTICAST_LOOP, "udp4", same(False, True)),
    RoundTrip(options.IP_MULTICAST_ALL, "udp4", same(False, True)),
    RoundTrip(options.IP_RECVTTL, "udp4", same(True, False)),
    RoundTrip(options.IP_RECVTOS, "udp4", same(True, False)),
    RoundTrip(options.IP_PKTINFO, "udp4", same(True, False)),
    RoundTrip(options.IP_RECVERR, "udp4", same(True, False)),
    RoundTrip(options.IP_RECVORIGDSTADDR, "udp4", same(True, False)),
    RoundTrip(options.IP_MTU_DISCOVER, "udp4", same(PmtuDiscovery.DO, PmtuDiscovery.DONT, PmtuDiscovery.PROBE)),
    RoundTrip(options.IP_FREEBIND, "tcp4", same(True, False)),
    RoundTrip(options.IP_TRANSPARENT, "tcp4", same(True, False), privileged=True),
    RoundTrip(options.IP_BIND_ADDRESS_NO_PORT, "tcp4", same(True, False)),
    RoundTrip(options.IP_HDRINCL, "raw4", same(True, False), privileged=True),
    RoundTrip(options.IPV6_V6ONLY, "tcp6", same(True, False)),
    RoundTrip(options.IPV6_UNICAST_HOPS, "udp6", [(9, 9), (-1, 64)]),  # -1: the route's default
    RoundTrip(options.IPV6_MULTICAST_HOPS, "udp6", [(3, 3), (-1, 1)]),
    RoundTrip(options.IPV6_MULTICAST_LOOP, "udp6", same(False, True)),
    RoundTrip(options.IPV6_MULTICAST_IF, "udp6", [("lo", 1), (1, 1), (0, 0), ("", 0)]),
    RoundTrip(options.IPV6_MULTICAST_ALL, "udp6", same(False, True)),
    RoundTrip(options.IPV6_TCLASS, "udp6", [(0x20, 0x20), (-1, 0)]),
    RoundTrip(options.IPV6_RECVPKTINFO, "udp6", same(True, False)),
    RoundTrip(options.IPV6_RECVHOPLIMIT, "udp6", same(True, False)),
    RoundTrip(options.IPV6_RECVTCLASS, "udp6", same(True, False)),
    RoundTrip(options.IPV6_RECVERR, "udp6", same(True, False)),
    RoundTrip(options.IPV6_DONTFRAG, "udp6", same(True, False)),
    RoundTrip(options.IPV6_MTU_DISCOVER, "udp6", same(PmtuDiscovery.DO, PmtuDiscovery.WANT)),
    RoundTrip(options.UDP_SEGMENT, "udp4", same(1200, 0)),
    RoundTrip(options.UDP_GRO, "udp6", same(True, False)),
    RoundTrip(options.UDP_CORK, "udp4", same(True, False)),
]

READ_ONLY: List[Tuple[Any, str, Callable[[Any, Any], object]]] = [
    (options.SO_SNDLOWAT, "tcp4", lambda value, s: value == 1),
    (options.SO_ERROR, "tcp4", lambda value, s: value == 0),
    (options.SO_TYPE, "udp4", lambda value, s: value is SocketKind.SOCK_DGRAM),
    (options.SO_DOMAIN, "tcp6", lambda value, s: value is AddressFamily.AF_INET6),
    (options.SO_PROTOCOL, "tcp4", lambda value, s: value == IPPROTO_TCP),
    (options.SO_ACCEPTCONN, "listener4", lambda value, s: value is True),
    (options.SO_ACCEPTCONN, "tcp4", lambda value, s: value is False),
    (options.SO_PEERCRED, "unixpair", lambda value, s: value == Credentials(os.getpid(), os.getuid(), os.getgid())),
    (options.SO_COOKIE, "tcp4", lambda value, s: value > 0 and s.get(options.SO_COOKIE) == value),
    (options.TCP_INFO, "connected4", lambda value, s: isinstance(value, TcpInfo)),
    (options.IP_MTU, "connected_udp4", lambda value, s: value == min(LO_MTU, 65535)),  # IPv4's largest
    (options.IPV6_MTU, "connected_udp6", lambda value, s: value == LO_MTU),
]


def _id(case: Any) -> str:
    return f"{case.option.name}-{case.kind}" if isinstance(case, RoundTrip) else ""


@pytest.mark.parametrize("case", ROUND_TRIPS, ids=_id)
def test_round_trip(case: RoundTrip, make: Made) -> None:
    sock = make(case.kind)
    for value, expected in case.values:
        try:
            sock.set(case.option, value)
        except PermissionError as exc:  # a privileged value, run without the capability
            if not case.privileged:
                raise
            pytest.skip(f"{case.option.name} {value!r} needs CAP_NET_ADMIN or CAP_NET_RAW: errno {exc.errno}")
        got = sock.get(case.option)
        assert got == expected, f"{case.option.name}: set {value!r}, read {got!r}"
        assert type(got) is type(expected), f"{case.option.name}: read a {type(got).__name__}"


@pytest.mark.parametrize(("option", "kind", "check"), READ_ONLY, ids=[f"{row[0].name}-{row[1]}" for row in READ_ONLY])
def test_read_only(option: Any, kind: str, check: Callable[[Any, Any], object], make: Made) -> None:
    sock = make(kind)
    value = sock.get(option)
    assert check(value, sock), f"{option.name} read {value!r}"
    with pytest.raises(TypeError, match="can be set"):
        sock.set(option, value)


def test_every_option_is_exercised() -> None:
    table = {name for name in options.__all__ if isinstance(getattr(options, name), (ReadOnlyOption, WriteOnlyOption))}
    covered = {case.option.name for case in ROUND_TRIPS} | {option.name for option, _, _ in READ_ONLY}
    covered.add("IP_MULTICAST_IF")  # write-only: test_multicast_interface, and netns_multicast.py
    assert table - covered == set()
    guide = OPTIONS_GUIDE.read_text()
    assert f"one table of {len(table)} typed options" in guide  # the guide's count
    # the guide's table is generated from the code when the docs are built (docs/_ext)
    assert "```{typedsock-options-table}" in guide


def test_every_option_is_named_as_its_constant() -> None:
    for name in options.__all__:
        option = getattr(options, name)
        if isinstance(option, (ReadOnlyOption, WriteOnlyOption)):
            assert option.name == name
            assert option.optname == getattr(typedsock, name)
            assert option.access in ("read-write", "read-only", "write-only")
            assert option.doc and "|" not in option.doc


def test_the_kernel_refuses_to_set_sndlowat(make: Made) -> None:
    # why SO_SNDLOWAT is read-only here
    with pytest.raises(OSError) as caught:
        make("tcp4").setsockopt(typedsock.SOL_SOCKET, typedsock.SO_SNDLOWAT, 1)
    assert caught.value.errno == errno.ENOPROTOOPT


def test_multicast_interface(make: Made) -> None:
    sock = make("udp4")
    sock.set(options.IP_MULTICAST_IF, "lo")
    sock.set(options.IP_MULTICAST_IF, typedsock.if_nametoindex("lo"))
    sock.set(options.IP_MULTICAST_IF, 0)
    with pytest.raises(OSError) as caught:
        sock.set(options.IP_MULTICAST_IF, "nosuchif0")
    assert caught.value.errno == errno.ENODEV
    with pytest.raises(TypeError, match="can be read"):
        sock.get(options.IP_MULTICAST_IF)


def test_tcp_info_on_a_connected_loopback_pair(make: Made) -> None:
    client = make("connected4")
    for _ in range(20):
        client.sendall(b"x" * 1000)
    deadline = time.monotonic() + 5
    info = client.get(options.TCP_INFO)
    while info.bytes_acked < 20_001 and time.monotonic() < deadline:  # the SYN counts 1
        time.sleep(0.01)
        info = client.get(options.TCP_INFO)
    assert info.bytes_acked == 20_001 and info.bytes_sent == 20_000
    assert info.state is TcpState.ESTABLISHED
    assert isinstance(info.ca_state, TcpCaState)
    assert info.rtt > 0 and info.rtt < 1.0  # seconds, from microseconds
    assert 0 < info.rto <= 120
    assert info.snd_mss > 0 and info.pmtu == min(LO_MTU, 65535)
    assert info.options & options.TcpInfoOption.TIMESTAMPS
    assert 0 <= info.snd_wscale <= 14 and 0 <= info.rcv_wscale <= 14
    unconnected = make("tcp4").get(options.TCP_INFO)
    assert unconnected.state is TcpState.CLOSE
    assert make("listener4").get(options.TCP_INFO).state is TcpState.LISTEN


def test_tcp_info_fields_match_the_kernel_layout() -> None:
    from dataclasses import fields

    from typedsock import _tcpinfo

    c_fields = [name for name, _, _ in _tcpinfo._FIELDS]  # pyright: ignore[reportPrivateUsage]
    bits = set(_tcpinfo._BITS)  # pyright: ignore[reportPrivateUsage]
    assert {f.name for f in fields(TcpInfo)} == set(c_fields) | bits
    assert set(_tcpinfo._PER_SECOND) <= set(c_fields)  # pyright: ignore[reportPrivateUsage]


# -- checks before any system call: on a closed socket, the kernel would say EBADF ---------

BAD: List[Tuple[str, str, Callable[[Any], object], type]] = [
    ("TCP option, datagram socket", "udp4", lambda s: s.set(options.TCP_NODELAY, True), TypeError),
    ("TCP option, AF_UNIX socket", "unix", lambda s: s.get(options.TCP_INFO), TypeError),
    ("TCP option, raw socket", "raw4", lambda s: s.get(options.TCP_NODELAY), TypeError),
    ("UDP option, raw socket", "raw4", lambda s: s.set(options.UDP_GRO, True), TypeError),
    ("IPv4 option, AF_INET6", "tcp6", lambda s: s.get(options.IP_TTL), TypeError),
    ("IPv6 option, AF_INET", "udp4", lambda s: s.set(options.IPV6_V6ONLY, True), TypeError),
    ("HDRINCL, datagram socket", "udp4", lambda s: s.set(options.IP_HDRINCL, True), TypeError),
    ("ZEROCOPY, AF_UNIX", "unix", lambda s: s.set(options.SO_ZEROCOPY, True), TypeError),
    ("read-only", "tcp4", lambda s: s.set(options.SO_ERROR, 0), TypeError),
    ("write-only", "udp4", lambda s: s.get(options.IP_MULTICAST_IF), TypeError),
    ("not an option", "tcp4", lambda s: s.get(typedsock.SO_RCVBUF), TypeError),
    ("int for bool", "tcp4", lambda s: s.set(options.TCP_NODELAY, 1), TypeError),
    ("bool for int", "tcp4", lambda s: s.set(options.SO_RCVBUF, True), TypeError),
    ("str for int", "tcp4", lambda s: s.set(options.SO_RCVBUF, "1"), TypeError),
    ("int for enum", "udp4", lambda s: s.set(options.IP_MTU_DISCOVER, 2), TypeError),
    ("bytes for name", "tcp4", lambda s: s.set(options.TCP_CONGESTION, b"reno"), TypeError),
    ("float for interface", "udp6", lambda s: s.set(options.IPV6_MULTICAST_IF, 1.0), TypeError),
    ("negative buffer", "tcp4", lambda s: s.set(options.SO_RCVBUF, -1), ValueError),
    ("buffer beyond int", "tcp4", lambda s: s.set(options.SO_RCVBUF, 2**31), OverflowError),
    ("mark beyond uint32", "tcp4", lambda s: s.set(options.SO_MARK, 2**32), OverflowError),
    ("TTL 0", "udp4", lambda s: s.set(options.IP_TTL, 0), ValueError),
    ("TTL 256", "udp4", lambda s: s.set(options.IP_TTL, 256), ValueError),
    ("hops 256", "udp6", lambda s: s.set(options.IPV6_UNICAST_HOPS, 256), ValueError),
    ("LINGER2 beyond what the kernel keeps", "tcp4", lambda s: s.set(options.TCP_LINGER2, 121), ValueError),
    ("KEEPIDLE 0", "tcp4", lambda s: s.set(options.TCP_KEEPIDLE, 0), ValueError),
    ("segment 65536", "udp4", lambda s: s.set(options.UDP_SEGMENT, 65536), ValueError),
    ("negative timeout", "tcp4", lambda s: s.set(options.SO_RCVTIMEO, -1.0), ValueError),
    ("NaN timeout", "tcp4", lambda s: s.set(options.SO_RCVTIMEO, float("nan")), ValueError),
    ("infinite timeout", "tcp4", lambda s: s.set(options.TCP_USER_TIMEOUT, float("inf")), ValueError),
    ("user timeout beyond int ms", "tcp4", lambda s: s.set(options.TCP_USER_TIMEOUT, 2.2e6), OverflowError),
    ("timeval beyond long", "tcp4", lambda s: s.set(options.SO_RCVTIMEO, 1e300), OverflowError),
    ("negative linger", "tcp4", lambda s: s.set(options.SO_LINGER, -1), ValueError),
    ("congestion name too long", "tcp4", lambda s: s.set(options.TCP_CONGESTION, "x" * 16), ValueError),
    ("device name too long", "udp4", lambda s: s.set(options.SO_BINDTODEVICE, "x" * 16), ValueError),
    ("device name with NUL", "udp4", lambda s: s.set(options.SO_BINDTODEVICE, "lo\0"), ValueError),
    ("interface name too long", "udp6", lambda s: s.set(options.IPV6_MULTICAST_IF, "x" * 16), ValueError),
    ("negative interface", "udp6", lambda s: s.set(options.IPV6_MULTICAST_IF, -1), ValueError),
    ("join, TCP socket", "tcp4", lambda s: typedsock.DatagramSocket.join_group(s, "239.1.1.1"), TypeError),
    ("join, not multicast", "udp4", lambda s: s.join_group("10.0.0.1"), ValueError),
    ("join, not numeric", "udp4", lambda s: s.join_group("localhost"), ValueError),
    ("join, IPv6 group on AF_INET", "udp4", lambda s: s.join_group("ff02::1"), ValueError),
    ("join, IPv4 group on AF_INET6", "udp6", lambda s: s.join_group("239.1.1.1"), ValueError),
    ("join, bad source", "udp4", lambda s: s.join_group("232.1.1.1", source="nowhere"), ValueError),
    ("join, group not str", "udp4", lambda s: s.join_group(b"239.1.1.1"), TypeError),
    ("join, interface too long", "udp6", lambda s: s.join_group("ff02::1", "x" * 16), ValueError),
]


@pytest.mark.parametrize(("what", "kind", "call", "exception"), BAD, ids=[row[0] for row in BAD])
def test_bad_use_is_refused_before_any_system_call(
    what: str, kind: str, call: Callable[[Any], object], exception: type, make: Made
) -> None:
    sock = make(kind)
    sock.close()  # any system call would now fail with EBADF
    with pytest.raises(exception):
        call(sock)


def test_scope_message_names_both_sides() -> None:
    with typedsock.socket(AF_UNIX, SOCK_DGRAM) as sock, pytest.raises(
        TypeError, match=r"TCP_NODELAY applies to SOCK_STREAM sockets of AF_INET and AF_INET6.*"
                         r"not to a SOCK_DGRAM socket of AF_UNIX"
    ):
        sock.set(options.TCP_NODELAY, True)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


# -- multicast, in namespaces of its own --------------------------------------------------

PROGRAM = Path(__file__).resolve().parent / "netns_multicast.py"
SETUP_FAILED = 99


def _in_netns(setup: Sequence[str], args: Sequence[str]) -> Dict[str, Any]:
    if ROOT_ONLY:
        pytest.skip(f"unshare -n needs root (errno {errno.EPERM})")
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare and ip are needed")
    script = "{ " + " && ".join(setup) + "; } || exit 99; exec " + " ".join(
        [sys.executable, str(PROGRAM), *args]
    )
    result = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, timeout=60)
    if result.returncode == SETUP_FAILED:
        pytest.skip(f"namespace setup failed: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    import json

    return dict(json.loads(result.stdout))


def test_multicast_ipv4_on_lo() -> None:
    report = _in_netns(["ip link set lo multicast on", "ip link set lo up"], ["4", "lo", "239.1.2.3", "127.0.0.1"])
    assert report == {
        "both joined": [True, True],
        "after one left": [True, False],
        "source-specific, right source": True,
        "source-specific, other source": False,
    }


def test_multicast_ipv6_on_a_veth_pair() -> None:
    # lo has no link-local address, and the kernel routes no IPv6 multicast out of it
    # (Ip6OutNoRoutes): the group is joined on one end of a veth pair instead.
    report = _in_netns(
        ["ip link set lo up", "ip link add mc0 type veth peer name mc1", "ip link set mc0 up", "ip link set mc1 up",
         "sleep 2"],  # duplicate address detection of the link-local addresses
        ["6", "mc0", "ff02::1:3", "-"],
    )
    assert report == {
        "both joined": [True, True],
        "after one left": [True, False],
        "source-specific, right source": True,
        "source-specific, other source": False,
    }
