"""examples/udp_pktinfo_server.py: answers come from the address each datagram was sent to.

Loopback holds all of 127.0.0.0/8, so 127.0.0.2 is a second local address: a client
``connect``-ed to it accepts only answers from it.  The example answers it; a server
that lets routing choose the source (127.0.0.1) does not reach it.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Generator, List, Tuple

import pytest

import typedsock
from typedsock import AF_INET, AF_INET6, SOCK_DGRAM

SERVER = Path(__file__).resolve().parent.parent / "examples" / "udp_pktinfo_server.py"


@contextlib.contextmanager
def running(*args: str) -> Generator[Tuple[subprocess.Popen[str], int], None, None]:
    # cwd elsewhere: the example imports the installed typedsock, not src/
    process = subprocess.Popen(
        [sys.executable, str(SERVER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/"
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline().split()
        assert banner[:2] == ["listening", "on"], banner
        yield process, int(banner[3])
    finally:
        process.kill()
        _, err = process.communicate(timeout=10)
        assert err == "", err


def _ask(family: int, host: str, port: int, payload: bytes) -> bytes:
    with typedsock.socket(family, SOCK_DGRAM) as client:
        client.settimeout(5)
        client.connect((host, port))  # only answers from (host, port) are accepted now
        client.send(payload)
        return client.recv(100)


def test_answers_from_each_address_it_was_reached_at() -> None:
    with running("--count", "2") as (_, port):
        assert _ask(AF_INET, "127.0.0.2", port, b"to .2") == b"to .2"
        assert _ask(AF_INET, "127.0.0.1", port, b"to .1") == b"to .1"


def test_without_packet_info_the_answer_is_lost() -> None:
    # The same server, answering with a plain sendto: the source is routing's choice.
    with typedsock.socket(AF_INET, SOCK_DGRAM) as naive, typedsock.socket(AF_INET, SOCK_DGRAM) as client:
        naive.bind(("0.0.0.0", 0))
        port = naive.getsockname().port
        client.settimeout(0.5)
        client.connect(("127.0.0.2", port))
        client.send(b"hello")
        data, sender = naive.recvfrom(100)
        naive.sendto(data, sender)
        with pytest.raises(typedsock.timeout):
            client.recv(100)


@pytest.mark.skipif(not typedsock.has_ipv6, reason="no IPv6 on this machine")
def test_ipv6(ipv6: None) -> None:
    with running("-6", "--count", "1") as (process, port):
        assert _ask(AF_INET6, "::1", port, b"six") == b"six"
        assert process.stdout is not None
        lines: List[str] = [process.stdout.readline().strip()]
        assert lines[0].endswith("-> ::1: 3 bytes"), lines
