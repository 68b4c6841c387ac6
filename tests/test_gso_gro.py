"""UDP segmentation offload through the batched calls: ``send_many(..., gso=True)``
(UDP_SEGMENT) and ``recv_many`` on a socket with UDP_GRO, on real loopback sockets.

Each test checks what the receiver gets: the same datagrams, in order, each with its
sender, whichever way the kernel carried them."""

from __future__ import annotations

import errno
import warnings
from typing import Any, Iterator, List, Tuple

import pytest

import typedsock as ts
from typedsock import options
from typedsock._batch import GSO_MAX_PAYLOAD, GSO_MAX_SEGMENTS, gso_runs

UdpSocket = ts.DatagramSocket[Any]  # AF_INET or AF_INET6, by the parameter


def _pair(family: int, proto: int = 0) -> Tuple[UdpSocket, UdpSocket]:
    host = "127.0.0.1" if family == ts.AF_INET else "::1"
    rx = ts.socket(family, ts.SOCK_DGRAM, proto)
    tx = ts.socket(family, ts.SOCK_DGRAM, proto)
    rx.bind((host, 0))
    tx.bind((host, 0))
    rx.settimeout(5.0)
    # room for every datagram a test sends at once (1,200 bytes take 2,304 here)
    rx.set(options.SO_RCVBUF, 1 << 21)
    if rx.get(options.SO_RCVBUF) < 1 << 21:
        pytest.skip(f"net.core.rmem_max is below {1 << 20} bytes")
    return rx, tx


@pytest.fixture(params=[ts.AF_INET, ts.AF_INET6], ids=["inet", "inet6"])
def pair(request: pytest.FixtureRequest) -> Iterator[Tuple[UdpSocket, UdpSocket]]:
    rx, tx = _pair(request.param)
    with rx, tx:
        yield rx, tx


def _receive(rx: UdpSocket, count: int) -> List[Tuple[bytes, object]]:
    got: List[Tuple[bytes, object]] = []
    while len(got) < count:
        got += rx.recv_many(64, 65535)
    return got


def _payloads() -> List[bytes]:
    # a run of 1,200-byte datagrams longer than one GSO message, a short one that ends
    # its run, a new run, an empty datagram, and sizes that break runs
    sizes = [1200] * 150 + [7] + [1200] * 3 + [0] + [500, 900, 900, 100]
    return [bytes([i % 251]) * size for i, size in enumerate(sizes)]


@pytest.mark.parametrize("gro", [True, False], ids=["gro", "no-gro"])
def test_gso_datagrams_arrive_whole_in_order_with_their_sender(pair: Tuple[UdpSocket, UdpSocket], gro: bool) -> None:
    rx, tx = pair
    rx.set(options.UDP_GRO, gro)
    dest = rx.getsockname()
    payloads = _payloads()
    assert tx.send_many([(p, dest) for p in payloads], gso=True) == len(payloads)
    got = _receive(rx, len(payloads))
    assert [data for data, _ in got] == payloads
    assert {sender for _, sender in got} == {tx.getsockname()}


def test_gro_coalesces_and_recv_many_splits(pair: Tuple[UdpSocket, UdpSocket]) -> None:
    rx, tx = pair
    rx.set(options.UDP_GRO, True)
    payloads = [bytes([i]) * 1200 for i in range(40)]
    tx.connect(rx.getsockname())
    assert tx.send_many(payloads, gso=True) == 40
    first = rx.recv_many(1, 65535)  # one kernel message: the whole coalesced run
    assert len(first) > 1, "the kernel did not coalesce: GRO not exercised"
    got = first + _receive(rx, 40 - len(first))
    assert [data for data, _ in got] == payloads


def test_recv_many_into_warns_on_a_coalesced_buffer(pair: Tuple[UdpSocket, UdpSocket]) -> None:
    rx, tx = pair
    rx.set(options.UDP_GRO, True)
    tx.connect(rx.getsockname())
    tx.send_many([b"a" * 1000] * 5, gso=True)
    with pytest.warns(RuntimeWarning, match="UDP_GRO coalesced"):
        [(nbytes, _)] = rx.recv_many_into([bytearray(65535)])
    assert nbytes == 5000


def test_plain_recv_many_into_does_not_warn(pair: Tuple[UdpSocket, UdpSocket]) -> None:
    rx, tx = pair
    tx.connect(rx.getsockname())
    tx.send_many([b"a" * 1000] * 5, gso=True)  # no GRO: the kernel splits them again
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = [rx.recv_many_into([bytearray(2000)])[0][0] for _ in range(5)]
    assert got == [1000] * 5


def test_runs_change_at_each_destination(pair: Tuple[UdpSocket, UdpSocket]) -> None:
    rx, tx = pair
    rx2 = ts.socket(rx.family, ts.SOCK_DGRAM)
    with rx2:
        rx2.bind((rx.getsockname().host, 0))
        rx2.settimeout(5.0)
        a, b = rx.getsockname(), rx2.getsockname()
        messages = [(b"%03d" % i * 100, a if i % 3 else b) for i in range(30)]
        assert tx.send_many(messages, gso=True) == 30
        assert [d for d, _ in _receive(rx, 20)] == [m for m, to in messages if to == a]
        assert [d for d, _ in _receive(rx2, 10)] == [m for m, to in messages if to == b]


def test_segments_groups_runs() -> None:
    one = [None] * 8
    assert gso_runs([10, 10, 10, 4, 10, 10], one[:6]) == ([4, 2], [10, 10], [0, 4])
    assert gso_runs([10, 11], one[:2]) == ([1, 1], [0, 0], [0, 1])  # a longer one starts a run
    assert gso_runs([0, 0, 5], one[:3]) == ([1, 1, 1], [0, 0, 0], [0, 1, 2])  # empty ones stand alone
    assert gso_runs([5, 5], ["a", "b"]) == ([1, 1], [0, 0], [0, 1])
    counts, _, _ = gso_runs([100] * (GSO_MAX_SEGMENTS + 1), [None] * (GSO_MAX_SEGMENTS + 1))
    assert counts == [GSO_MAX_SEGMENTS, 1]
    size = 30000
    counts, segs, _ = gso_runs([size] * 3, [None] * 3)
    assert segs == [size, 0]
    assert counts == [GSO_MAX_PAYLOAD // size, 3 - GSO_MAX_PAYLOAD // size]


def test_gso_refused_by_the_kernel_falls_back_to_plain_sends() -> None:
    # UDP-Lite takes the UDP_SEGMENT control message and refuses it with EIO, as a
    # device without checksum offload does
    try:
        rx, tx = _pair(ts.AF_INET, ts.IPPROTO_UDPLITE)
    except ts.error as exc:
        pytest.skip(f"no UDP-Lite: {errno.errorcode.get(exc.errno or 0, exc.errno)}")
    with rx, tx:
        payloads = [bytes([i]) * 1200 for i in range(100)] + [b"end"]
        assert tx.send_many([(p, rx.getsockname()) for p in payloads], gso=True) == len(payloads)
        got = [rx.recv(2000) for _ in payloads]
        assert got == payloads


def test_gso_needs_a_udp_socket() -> None:
    a, b = ts.socketpair(ts.AF_UNIX, ts.SOCK_DGRAM)
    with a, b:
        with pytest.raises(ValueError, match="gso needs a UDP socket"):
            a.send_many([b"x"], gso=True)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]  (refused statically too)
        b.setblocking(False)
        with pytest.raises(BlockingIOError):
            b.recv(10)  # nothing was sent


def test_gso_to_the_connected_peer_joins_runs_of_bytes(pair: Tuple[UdpSocket, UdpSocket]) -> None:
    rx, tx = pair
    rx.set(options.UDP_GRO, True)
    tx.connect(rx.getsockname())
    payloads = _payloads()  # every one a bytes: the joined path, with runs of mixed sizes
    assert tx.send_many(payloads, gso=True) == len(payloads)
    assert [data for data, _ in _receive(rx, len(payloads))] == payloads
    uniform = [bytes([i]) * 1000 for i in range(130)]  # one size: runs found without a loop
    assert tx.send_many(uniform, gso=True) == len(uniform)
    assert [data for data, _ in _receive(rx, len(uniform))] == uniform
