"""examples/ping.py, run inside a network namespace of its own (``unshare -n``).

The namespace has only ``lo``, and its own ``net.ipv4.ping_group_range`` opened to every
group, so the ping socket is allowed and no packet can leave it. Needs root (for
``unshare -n``) and ``unshare``, ``ip`` and ``sysctl``; skipped otherwise.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Sequence

import pytest

import typedsock

PING = Path(__file__).resolve().parent.parent / "examples" / "ping.py"
SETUP_FAILED = 99  # the namespace could not be set up: a skip, not a failure


def _run_in_netns(args: Sequence[str], *sysctls: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() != 0:
        pytest.skip("unshare -n needs root")
    missing = [tool for tool in ("unshare", "ip", "sysctl") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")
    settings = ["net.ipv4.ping_group_range=0 2147483647", *sysctls]
    setup = " && ".join(["ip link set lo up", *(f"sysctl -qw {shlex.quote(s)}" for s in settings)])
    ping = shlex.join([sys.executable, str(PING), *args])
    script = f"{{ {setup}; }} || exit {SETUP_FAILED}; exec {ping}"
    try:
        # cwd elsewhere: the example imports the installed typedsock, not src/
        result = subprocess.run(
            ["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, timeout=60, cwd="/"
        )
    except OSError as exc:
        pytest.skip(f"unshare unavailable: errno {exc.errno} ({exc.strerror})")
    if result.returncode == SETUP_FAILED or "unshare failed" in result.stderr:
        pytest.skip(f"network namespace setup failed: {result.stderr.strip()}")
    return result


def _reply_sequences(stdout: str, host: str) -> List[int]:
    pattern = rf"^64 bytes from {re.escape(host)}: icmp_seq=(\d+) time=\d+(\.\d+)? ms$"
    return [int(match.group(1)) for match in re.finditer(pattern, stdout, re.MULTILINE)]


def test_ping_loopback() -> None:
    result = _run_in_netns(["-c", "3", "-W", "1", "-i", "0.05", "127.0.0.1"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n")
    assert _reply_sequences(result.stdout, "127.0.0.1") == [1, 2, 3], result.stdout
    assert "--- 127.0.0.1 ping statistics ---" in result.stdout
    assert "3 packets transmitted, 3 received, 0% packet loss" in result.stdout
    assert re.search(r"^rtt min/avg/max/mdev = [\d.]+/[\d.]+/[\d.]+/[\d.]+ ms$", result.stdout, re.MULTILINE)
    assert result.stderr == ""


@pytest.mark.skipif(not typedsock.has_ipv6, reason="no IPv6 on this machine")
def test_ping6_loopback() -> None:
    result = _run_in_netns(["-6", "-c", "2", "-W", "1", "-i", "0.05", "::1"])
    assert result.returncode == 0, result.stderr
    assert _reply_sequences(result.stdout, "::1") == [1, 2], result.stdout
    assert "2 packets transmitted, 2 received, 0% packet loss" in result.stdout


def test_no_reply_is_exit_1_and_full_loss_within_the_timeout() -> None:
    # The namespace's kernel ignores echo requests: each request is sent, none answered.
    started = time.monotonic()
    result = _run_in_netns(
        ["-c", "2", "-W", "0.3", "-i", "0.05", "127.0.0.1"], "net.ipv4.icmp_echo_ignore_all=1"
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert _reply_sequences(result.stdout, "127.0.0.1") == []
    assert "2 packets transmitted, 0 received, 100% packet loss" in result.stdout
    assert "rtt" not in result.stdout
    assert elapsed < 10, elapsed  # 2 x 0.3 s of waiting, plus start-up


def test_no_route_is_exit_2_with_pings_message() -> None:
    # Only lo is up: 192.0.2.1 (TEST-NET-1) has no route, so connect() fails at once.
    result = _run_in_netns(["-c", "1", "-W", "1", "192.0.2.1"])
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr == "ping: connect: Network is unreachable\n"
    assert result.stdout == ""
