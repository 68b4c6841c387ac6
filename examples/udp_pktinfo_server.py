"""A UDP echo server that answers from the address each datagram came to.

    python examples/udp_pktinfo_server.py [-6] [--host HOST] [--port PORT] [--count N]

A server bound to the wildcard address (0.0.0.0, ::) on a host with several
addresses receives datagrams sent to any of them.  Replying with a plain ``sendto``
lets the routing table pick the source address, which may not be the one the client
sent to; a client that ``connect``-ed its UDP socket then never sees the answer.  So
the server asks for the packet info of every datagram (IP_PKTINFO, IPV6_RECVPKTINFO),
and answers with a ``PacketInfo`` (``PacketInfo6``) control message naming that
address (and interface) as the source.  The types keep the families apart: an AF_INET
socket takes ``PacketInfo``, an AF_INET6 one ``PacketInfo6``.

It prints ``listening on HOST PORT`` once bound, then a line per datagram, and stops
after ``--count`` datagrams (0: never).
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

import typedsock
from typedsock import AF_INET, AF_INET6, SOCK_DGRAM, options
from typedsock.ancillary import PacketInfo, PacketInfo6

BUFSIZE = 65535


def serve4(host: str, port: int, count: int) -> None:
    with typedsock.socket(AF_INET, SOCK_DGRAM) as sock:
        sock.set(options.IP_PKTINFO, True)
        sock.bind((host, port))
        print(f"listening on {sock.getsockname().host} {sock.getsockname().port}", flush=True)
        served = 0
        while count == 0 or served < count:
            received = sock.recv_message(BUFSIZE, [PacketInfo])
            info = received.get(PacketInfo)
            reply = [] if info is None else [PacketInfo(info.ifindex, local=info.local)]
            sock.sendmsg([received.data], reply, 0, received.address)
            served += 1
            local = info.local if info is not None else "?"
            print(f"{received.address.host} {received.address.port} -> {local}: {len(received.data)} bytes", flush=True)


def serve6(host: str, port: int, count: int) -> None:
    with typedsock.socket(AF_INET6, SOCK_DGRAM) as sock:
        sock.set(options.IPV6_RECVPKTINFO, True)
        sock.bind((host, port))
        print(f"listening on {sock.getsockname().host} {sock.getsockname().port}", flush=True)
        served = 0
        while count == 0 or served < count:
            received = sock.recv_message(BUFSIZE, [PacketInfo6])
            info = received.get(PacketInfo6)
            reply = [] if info is None else [PacketInfo6(info.ifindex, info.address)]
            sock.sendmsg([received.data], reply, 0, received.address)
            served += 1
            local = info.address if info is not None else "?"
            print(f"{received.address.host} {received.address.port} -> {local}: {len(received.data)} bytes", flush=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="udp_pktinfo_server", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-6", action="store_true", dest="ipv6", help="serve IPv6")
    parser.add_argument("--host", default=None, help="the address to bind (the wildcard)")
    parser.add_argument("--port", type=int, default=0, help="the port (0: any free one)")
    parser.add_argument("--count", type=int, default=0, help="stop after this many datagrams (0: never)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.ipv6:
        serve6(args.host or "::", args.port, args.count)
    else:
        serve4(args.host or "0.0.0.0", args.port, args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
