"""ping: ICMP echo over the unprivileged "ping socket", on typedsock.

    python examples/ping.py [-6] [-c count] [-W timeout] [-i interval] [-s size] host

``socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)`` (``AF_INET6``/``IPPROTO_ICMPV6`` with
``-6``) needs no privilege, only a group in ``net.ipv4.ping_group_range`` (which also
governs IPv6). On such a socket the kernel fills in the ICMP identifier (the socket's
local "port") and the checksum, and delivers to it only the replies that carry its
identifier, ICMP header first (no IP header). So a request is the 8-byte header
``type, code, checksum=0, id=0, sequence`` plus the payload, built with ``struct``.

Each request waits at most ``-W`` seconds for its reply (``settimeout``; expiry is
``typedsock.timeout``); a late reply to an earlier request still counts. The output is
ping's: one line per reply, then the statistics. Exit status as ping's: 0 when any
reply came back, 1 when none did, 2 on an error (unknown host, no route, ...).
"""

from __future__ import annotations

import argparse
import errno
import math
import struct
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple, Union

import typedsock
from typedsock import (
    AF_INET,
    AF_INET6,
    IPPROTO_ICMP,
    IPPROTO_ICMPV6,
    SOCK_DGRAM,
    DatagramSocket,
    Inet6Address,
    InetAddress,
)

ICMP_HEADER = struct.Struct("!BBHHH")  # type, code, checksum, identifier, sequence
ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY = 8, 0
ICMP6_ECHO_REQUEST, ICMP6_ECHO_REPLY = 128, 129
IPV4_HEADER, IPV6_HEADER = 20, 40  # for ping's "56(84) bytes" banner

PingSocket = Union[DatagramSocket[InetAddress], DatagramSocket[Inet6Address]]


class PingError(Exception):
    """A failure ping reports as ``ping: <message>`` with exit status 2."""


def echo_request(kind: int, sequence: int, size: int) -> bytes:
    """The ICMP header (checksum and identifier left to the kernel) and ``size`` payload bytes."""
    payload = bytes(index & 0xFF for index in range(size))
    return ICMP_HEADER.pack(kind, 0, 0, 0, sequence & 0xFFFF) + payload


def parse_reply(data: bytes, kind: int) -> Optional[int]:
    """The sequence number of an echo reply of ``kind``, or None for anything else."""
    if len(data) < ICMP_HEADER.size:
        return None
    icmp_type, code, _checksum, _identifier, sequence = ICMP_HEADER.unpack_from(data)
    if icmp_type != kind or code != 0:
        return None
    return int(sequence)


def open_socket(host: str, ipv6: bool) -> Tuple[PingSocket, str]:
    """Resolve ``host`` and open a ping socket connected to it, as ping does."""
    try:
        if ipv6:
            target = typedsock.getaddrinfo(host, None, AF_INET6, SOCK_DGRAM)[0].address.host
        else:
            target = typedsock.getaddrinfo(host, None, AF_INET, SOCK_DGRAM)[0].address.host
    except typedsock.gaierror as exc:
        raise PingError(f"{host}: {exc.strerror}") from None
    sock: PingSocket
    try:
        if ipv6:
            sock = typedsock.socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)
        else:
            sock = typedsock.socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)
    except PermissionError:
        raise PingError("socket: Permission denied (is your group in net.ipv4.ping_group_range?)") from None
    try:
        sock.connect((target, 0))  # no route: ENETUNREACH here, as ping's "connect:" message
    except OSError as exc:
        sock.close()
        raise PingError(f"connect: {exc.strerror}") from None
    return sock, target


def milliseconds(rtt: float) -> str:
    """ping's precision: three significant decimals below 1 ms, fewer above."""
    for limit, decimals in ((1.0, 3), (10.0, 2), (100.0, 1)):
        if rtt < limit:
            return f"{rtt:.{decimals}f}"
    return f"{rtt:.0f}"


class Statistics:
    """What ping's summary reports."""

    def __init__(self) -> None:
        self.transmitted = 0
        self.received = 0
        self.errors = 0
        self.rtts: List[float] = []  # milliseconds
        self.started = time.monotonic()

    def summary(self, host: str) -> List[str]:
        loss = 100.0 * (self.transmitted - self.received) / self.transmitted if self.transmitted else 0.0
        elapsed = round((time.monotonic() - self.started) * 1000)
        counts = [f"{self.transmitted} packets transmitted", f"{self.received} received"]
        if self.errors:
            counts.append(f"+{self.errors} errors")
        counts += [f"{loss:g}% packet loss", f"time {elapsed}ms"]
        lines = [f"--- {host} ping statistics ---", ", ".join(counts)]
        if self.rtts:
            mean = sum(self.rtts) / len(self.rtts)
            mdev = math.sqrt(sum((rtt - mean) ** 2 for rtt in self.rtts) / len(self.rtts))
            lines.append(
                f"rtt min/avg/max/mdev = {min(self.rtts):.3f}/{mean:.3f}/{max(self.rtts):.3f}/{mdev:.3f} ms"
            )
        return lines


def await_reply(
    sock: PingSocket,
    reply_kind: int,
    outstanding: Dict[int, float],
    sequence: int,
    deadline: float,
    stats: Statistics,
) -> None:
    """Receive until ``sequence`` is answered or ``deadline`` (monotonic) passes."""
    while sequence in outstanding:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        sock.settimeout(remaining)
        try:
            data, sender = sock.recvfrom(65536)
        except typedsock.timeout:
            return
        except OSError as exc:  # an ICMP error on the connected socket: unreachable, ...
            if exc.errno in (errno.EINTR, errno.EAGAIN):
                continue
            # (without IP_RECVERR the kernel reports the error, not which router sent it)
            stats.errors += 1
            print(f"ping: icmp_seq={sequence}: {exc.strerror}", flush=True)
            return
        received_at = time.monotonic()
        answered = parse_reply(data, reply_kind)
        if answered is None or answered not in outstanding:
            continue  # not an echo reply, or a duplicate
        rtt = (received_at - outstanding.pop(answered)) * 1000
        stats.received += 1
        stats.rtts.append(rtt)
        print(
            f"{len(data)} bytes from {sender.host}: icmp_seq={answered} time={milliseconds(rtt)} ms",
            flush=True,
        )


def ping(
    sock: PingSocket,
    ipv6: bool,
    count: Optional[int],
    timeout: float,
    interval: float,
    size: int,
    stats: Statistics,
) -> None:
    """Send ``count`` echo requests (forever if None), one every ``interval`` seconds."""
    request_kind, reply_kind = (
        (ICMP6_ECHO_REQUEST, ICMP6_ECHO_REPLY) if ipv6 else (ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY)
    )
    outstanding: Dict[int, float] = {}  # sequence -> monotonic send time
    sequence = 0
    while count is None or sequence < count:
        sequence += 1
        wire_sequence = sequence & 0xFFFF
        request = echo_request(request_kind, wire_sequence, size)
        sent_at = time.monotonic()
        try:
            sock.send(request)
        except OSError as exc:
            stats.transmitted += 1
            stats.errors += 1
            print(f"ping: sendmsg: {exc.strerror}", file=sys.stderr)
        else:
            stats.transmitted += 1
            outstanding[wire_sequence] = sent_at
            await_reply(sock, reply_kind, outstanding, wire_sequence, sent_at + timeout, stats)
        if count is None or sequence < count:
            pause = sent_at + interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="ping", description="Send ICMP echo requests through a ping socket."
    )
    parser.add_argument("host")
    parser.add_argument("-6", dest="ipv6", action="store_true", help="use IPv6 (ICMPv6 echo)")
    parser.add_argument("-c", dest="count", type=int, default=None, help="stop after COUNT requests")
    parser.add_argument("-W", dest="timeout", type=float, default=1.0, help="seconds to wait for each reply")
    parser.add_argument("-i", dest="interval", type=float, default=1.0, help="seconds between requests")
    parser.add_argument("-s", dest="size", type=int, default=56, help="payload bytes (default 56)")
    args = parser.parse_args(argv)
    if args.count is not None and args.count < 1:
        parser.error("-c: count must be at least 1")
    if args.timeout <= 0 or args.interval < 0:
        parser.error("-W must be positive and -i not negative")
    if not 0 <= args.size <= 65507:
        parser.error("-s: size out of range")
    return args


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    host: str = args.host
    ipv6: bool = args.ipv6
    size: int = args.size
    try:
        sock, target = open_socket(host, ipv6)
    except PingError as exc:
        print(f"ping: {exc}", file=sys.stderr)
        return 2
    header = IPV6_HEADER if ipv6 else IPV4_HEADER
    print(f"PING {host} ({target}) {size}({size + ICMP_HEADER.size + header}) bytes of data.", flush=True)
    stats = Statistics()
    with sock:
        try:
            ping(sock, ipv6, args.count, args.timeout, args.interval, size, stats)
        except KeyboardInterrupt:
            print()
    print("\n".join(["", *stats.summary(host)]))
    return 0 if stats.received else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
