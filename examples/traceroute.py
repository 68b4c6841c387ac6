"""traceroute: UDP probes with a rising TTL, the answers read from the error queue.

    python examples/traceroute.py [-m max_ttl] [-q probes] [-w wait] [-p port] host

Each probe is a UDP datagram to ``host`` sent with a ``Ttl`` control message of its
hop's TTL (no setsockopt per hop), to its own port (``port`` + probe number) so that
an answer names its probe.  With IP_RECVERR set, the ICMP error a router returns when
the TTL runs out ("time exceeded"), and the one the host returns at the end ("port
unreachable"), are queued on the socket as ``ExtendedError`` messages, read with
``recv_message(..., flags=MSG_ERRQUEUE)``.  The error's ``offender`` is the node that
sent the ICMP, an ``InetAddress``: the hop.  The returned address is the probe's
own destination, so its port says which probe it was.  No privilege is needed: the
kernel parses the ICMP for us.

The output is traceroute's (numeric): one line per hop, a time per probe or ``*`` when
none came back within ``-w`` seconds.  Exit status 0 once the host answered, 1 when
the hops ran out first, 2 on an error.
"""

from __future__ import annotations

import argparse
import errno
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

import typedsock
from typedsock import AF_INET, MSG_ERRQUEUE, SOCK_DGRAM, DatagramSocket, InetAddress, options
from typedsock.ancillary import ErrorOrigin, ExtendedError, Ttl

ICMP_TIME_EXCEEDED = 11
PAYLOAD = bytes(32)
# What the ICMP answers of traceroute become as a socket error (sk_err).
QUEUED_ERRORS = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ECONNREFUSED, errno.EPROTO, errno.EACCES}


class Answer:
    """What came back for one probe."""

    def __init__(self, offender: Optional[InetAddress], milliseconds: float, final: bool) -> None:
        self.offender = offender
        self.milliseconds = milliseconds
        self.final = final  # the host itself answered (anything but "time exceeded")


def send_probe(sock: DatagramSocket[InetAddress], host: str, port: int, ttl: int) -> None:
    """Send one probe.  With IP_RECVERR the kernel also reports an answer already queued
    (an earlier probe's ICMP) as the error of the next send, once: then the send is
    made again (the answer stays in the error queue for ``collect``)."""
    for attempt in (1, 2):
        try:
            sock.sendmsg([PAYLOAD], [Ttl(ttl)], 0, InetAddress(host, port))
            return
        except OSError as exc:
            if attempt == 2 or exc.errno not in QUEUED_ERRORS:
                raise


def collect(sock: DatagramSocket[InetAddress], sent: Dict[int, float], deadline: float) -> Dict[int, Answer]:
    """The answers to the probes ``sent`` (port -> send time) until all came or ``deadline``."""
    answers: Dict[int, Answer] = {}
    while len(answers) < len(sent):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        sock.settimeout(remaining)
        try:
            received = sock.recv_message(len(PAYLOAD), [ExtendedError], MSG_ERRQUEUE)
        except typedsock.timeout:
            break
        error = received.get(ExtendedError)
        port = received.address.port  # the probe's own destination
        if error is None or error.origin != ErrorOrigin.ICMP or port not in sent:
            continue
        final = error.icmp_type != ICMP_TIME_EXCEEDED
        answers[port] = Answer(error.offender, (time.monotonic() - sent[port]) * 1000, final)
    return answers


def hop_line(ttl: int, ports: List[int], answers: Dict[int, Answer]) -> str:
    parts = [f"{ttl:2d} "]
    last: Optional[str] = None
    for port in ports:
        answer = answers.get(port)
        if answer is None:
            parts.append(" *")
            continue
        host = answer.offender.host if answer.offender is not None else "?"
        if host != last:
            parts.append(f" {host}")
            last = host
        parts.append(f"  {answer.milliseconds:.3f} ms")
    return "".join(parts)


def traceroute(host: str, max_ttl: int, probes: int, wait: float, port: int) -> int:
    try:
        target = typedsock.getaddrinfo(host, None, AF_INET, SOCK_DGRAM)[0].address.host
    except typedsock.gaierror as exc:
        print(f"traceroute: {host}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"traceroute to {host} ({target}), {max_ttl} hops max, {len(PAYLOAD) + 28} byte packets", flush=True)
    with typedsock.socket(AF_INET, SOCK_DGRAM) as sock:
        sock.set(options.IP_RECVERR, True)
        for ttl in range(1, max_ttl + 1):
            ports = [port + (ttl - 1) * probes + n for n in range(probes)]
            sent: Dict[int, float] = {}
            for probe_port in ports:
                try:
                    send_probe(sock, target, probe_port, ttl)
                except OSError as exc:
                    print(f"traceroute: send: {exc.strerror}", file=sys.stderr)
                    return 2
                sent[probe_port] = time.monotonic()
            answers = collect(sock, sent, time.monotonic() + wait)
            print(hop_line(ttl, ports, answers), flush=True)
            if any(answer.final for answer in answers.values()):
                return 0
    return 1


def parse_args(argv: Sequence[str]) -> Tuple[str, int, int, float, int]:
    parser = argparse.ArgumentParser(prog="traceroute", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-m", type=int, default=30, dest="max_ttl", help="the largest TTL (30)")
    parser.add_argument("-q", type=int, default=3, dest="probes", help="probes per hop (3)")
    parser.add_argument("-w", type=float, default=5.0, dest="wait", help="seconds to wait per hop (5)")
    parser.add_argument("-p", type=int, default=33434, dest="port", help="the first probe's port (33434)")
    parser.add_argument("host")
    args = parser.parse_args(argv)
    if not 1 <= args.max_ttl <= 255:
        parser.error("max_ttl must be in 1..255")
    return args.host, args.max_ttl, args.probes, args.wait, args.port


def main(argv: Optional[Sequence[str]] = None) -> int:
    host, max_ttl, probes, wait, port = parse_args(sys.argv[1:] if argv is None else argv)
    return traceroute(host, max_ttl, probes, wait, port)


if __name__ == "__main__":
    sys.exit(main())
