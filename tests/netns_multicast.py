"""Multicast membership end to end, run by tests/test_options.py inside a network namespace
of its own:  netns_multicast.py 4|6 INTERFACE GROUP SOURCE

Two receivers join GROUP on INTERFACE and a sender sends to it; then one leaves and the
sender sends again.  Then two more receivers join a source-specific group (232/8, ff32::/16),
one for the sender's address (SOURCE, over IPv4: the sender binds to it; over IPv6 the
address the first datagram came from) and one for another source.  Prints a JSON report
of who received what.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Dict, List, Optional, Union

import typedsock
from typedsock import AF_INET, AF_INET6, SOCK_DGRAM, DatagramSocket, Inet6Address, InetAddress, options

Udp = Union[DatagramSocket[InetAddress], DatagramSocket[Inet6Address]]


def main(version: str, interface: str, group: str, source: str) -> Dict[str, Any]:
    family = AF_INET if version == "4" else AF_INET6
    index = typedsock.if_nametoindex(interface)
    anywhere = "0.0.0.0" if family == AF_INET else "::"

    def receiver(port: int, group: str, source: Optional[str] = None) -> Udp:
        # Each socket gets only the groups it joined (by default a socket bound to a port
        # gets every group that any socket of the host joined).
        sock: Udp
        if family == AF_INET:
            sock4 = typedsock.socket(AF_INET, SOCK_DGRAM)
            sock4.set(options.IP_MULTICAST_ALL, False)
            sock = sock4
        else:
            sock6 = typedsock.socket(AF_INET6, SOCK_DGRAM)
            sock6.set(options.IPV6_MULTICAST_ALL, False)
            sock = sock6
        sock.set(options.SO_REUSEADDR, True)
        sock.bind((anywhere, port))
        sock.join_group(group, interface, source)
        sock.settimeout(0.5)
        return sock

    senders: List[str] = []

    def received(sock: Udp, payload: bytes) -> bool:
        try:
            data, sender = sock.recvfrom(100)
        except typedsock.timeout:
            return False
        senders.append(sender.host)
        return data == payload

    sender4 = sender6 = None
    if family == AF_INET:
        sender4 = typedsock.socket(AF_INET, SOCK_DGRAM)
        sender4.bind((source, 0))
        sender4.set(options.IP_MULTICAST_IF, interface)
    else:
        sender6 = typedsock.socket(AF_INET6, SOCK_DGRAM)
        sender6.set(options.IPV6_MULTICAST_IF, interface)

    def send(group: str, port: int, payload: bytes) -> None:
        if sender4 is not None:
            sender4.sendto(payload, (group, port))
        elif sender6 is not None:
            sender6.sendto(payload, (group, port, 0, index))

    report: Dict[str, Any] = {}
    a, b = receiver(5000, group), receiver(5000, group)
    send(group, 5000, b"one")
    report["both joined"] = [received(a, b"one"), received(b, b"one")]
    b.leave_group(group, interface)
    send(group, 5000, b"two")
    report["after one left"] = [received(a, b"two"), received(b, b"two")]
    # source-specific: the sender's own address, and another one
    ssm, source, elsewhere = (
        ("232.1.2.3", source, "127.0.0.2") if family == AF_INET else ("ff32::8000:1", senders[0], "fe80::1")
    )
    right, other = receiver(5001, ssm, source), receiver(5001, ssm, elsewhere)
    send(ssm, 5001, b"three")
    report["source-specific, right source"] = received(right, b"three")
    report["source-specific, other source"] = received(other, b"three")
    right.leave_group(ssm, interface, source)
    return report


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:5])))
