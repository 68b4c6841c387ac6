"""examples/traceroute.py across a chain of network namespaces made for the test.

    client (10.0.1.1) --veth-- router (10.0.1.2 | 10.0.2.1) --veth-- server (10.0.2.2)

The router forwards, so a probe with TTL 1 dies there ("time exceeded" from 10.0.1.2)
and one with TTL 2 reaches the server ("port unreachable" from 10.0.2.2): two real
hops, each named by the offender address of an IP_RECVERR message.  Needs root and
``ip`` (iproute2); skipped otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Iterator, List

import pytest

TRACEROUTE = Path(__file__).resolve().parent.parent / "examples" / "traceroute.py"


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=30)


class Chain:
    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:6]
        self.client, self.router, self.server = (f"ts-{role}-{tag}" for role in ("c", "r", "s"))

    def namespaces(self) -> List[str]:
        return [self.client, self.router, self.server]

    def build(self) -> None:
        for ns in self.namespaces():
            _ip("netns", "add", ns)
            _ip("-n", ns, "link", "set", "lo", "up")
        _ip("-n", self.client, "link", "add", "c0", "type", "veth", "peer", "name", "r0", "netns", self.router)
        _ip("-n", self.server, "link", "add", "s0", "type", "veth", "peer", "name", "r1", "netns", self.router)
        for ns, dev, address in (
            (self.client, "c0", "10.0.1.1/24"),
            (self.router, "r0", "10.0.1.2/24"),
            (self.router, "r1", "10.0.2.1/24"),
            (self.server, "s0", "10.0.2.2/24"),
        ):
            _ip("-n", ns, "addr", "add", address, "dev", dev)
            _ip("-n", ns, "link", "set", dev, "up")
        _ip("-n", self.client, "route", "add", "default", "via", "10.0.1.2")
        _ip("-n", self.server, "route", "add", "default", "via", "10.0.2.1")
        for ns, setting in ((self.router, "net.ipv4.ip_forward=1"), (self.router, "net.ipv4.icmp_ratelimit=0"),
                            (self.server, "net.ipv4.icmp_ratelimit=0")):
            _ip("netns", "exec", ns, "sysctl", "-qw", setting)

    def destroy(self) -> None:
        for ns in self.namespaces():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=30, check=False)

    def run_in_client(self, *args: str) -> subprocess.CompletedProcess[str]:
        # cwd elsewhere: the example imports the installed typedsock, not src/
        command = ["ip", "netns", "exec", self.client, sys.executable, str(TRACEROUTE), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd="/")


@pytest.fixture
def chain() -> Iterator[Chain]:
    if os.geteuid() != 0:
        pytest.skip("network namespaces need root")
    if shutil.which("ip") is None:
        pytest.skip("not installed: ip (iproute2)")
    made = Chain()
    try:
        made.build()
    except (OSError, subprocess.CalledProcessError) as exc:
        made.destroy()
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        pytest.skip(f"network namespace setup failed: {detail}")
    try:
        yield made
    finally:
        made.destroy()


HOP = r"^ ?(\d+) +(\S+)((?:  [\d.]+ ms)+)$"


def test_traceroute_names_the_router_then_the_server(chain: Chain) -> None:
    result = chain.run_in_client("-q", "2", "-w", "2", "-m", "5", "10.0.2.2")
    assert result.returncode == 0, result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "traceroute to 10.0.2.2 (10.0.2.2), 5 hops max, 60 byte packets"
    hops = [re.match(HOP, line) for line in lines[1:]]
    assert all(hops), lines
    assert [(hop.group(1), hop.group(2)) for hop in hops if hop] == [("1", "10.0.1.2"), ("2", "10.0.2.2")]
    assert all(len(re.findall(r"ms", line)) == 2 for line in lines[1:])
    assert result.stderr == ""


def test_a_hop_limit_below_the_server_exits_1(chain: Chain) -> None:
    result = chain.run_in_client("-q", "1", "-w", "2", "-m", "1", "10.0.2.2")
    assert result.returncode == 1, result.stderr + result.stdout
    hop = re.match(HOP, result.stdout.splitlines()[1])
    assert hop and hop.group(2) == "10.0.1.2"


def test_silence_is_a_star(chain: Chain) -> None:
    # 10.0.1.9 is on the client's link but nobody: no answer within the wait.
    result = chain.run_in_client("-q", "2", "-w", "0.5", "-m", "1", "10.0.1.9")
    assert result.returncode == 1, result.stderr + result.stdout
    assert result.stdout.splitlines()[1:] == [" 1  * *"]
