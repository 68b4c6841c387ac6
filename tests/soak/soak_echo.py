"""Soak: 10,000 concurrent echo connections to a selectors server and to an asyncio server.

    python tests/soak/soak_echo.py run [--duration 60] [--connections 10000] [--servers selectors,asyncio]

``run`` starts, for each server kind in turn, the server in a process of its own and the
clients in ``--clients`` more (each process needs one descriptor per connection; the fd
limit is raised to its hard limit in each).  Every client connection keeps ``--window``
messages in flight; each message carries its connection id and sequence number, and the
client compares every echoed byte with what it sent, so a byte lost, duplicated or
reordered fails the run.  The server (typedsock sockets + ``selectors``, or
``typedsock.aio`` sockets under asyncio) counts its descriptors (/proc/self/fd) before it
opens anything and after everything is closed, and samples its RSS each second while
all the connections are open.  The run fails unless:

- every connection was made and every message echoed intact and in order;
- the server's descriptor count after equals the count before;
- RSS after warm-up (the first ``--warmup`` fraction of the echo phase, at least 5 s)
  never exceeds the RSS at the end of warm-up by more than ``--rss-limit`` KiB.

The clients bind source addresses 127.0.0.(10+k), one per client process, so that the
ephemeral ports of one address are not the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import resource
import selectors
import struct
import subprocess
import sys
import threading
import time
from typing import Any, Deque, Dict, List, Optional, Set

import typedsock
from typedsock import aio

HOST = "127.0.0.1"
HEADER = struct.Struct("!IIQ")  # message length (header included), connection id, sequence number
BLOCK = random.Random(20261203).randbytes(8192)  # payloads are slices of it
RECV_SIZE = 65536
PAGE = os.sysconf("SC_PAGE_SIZE")


def raise_fd_limit() -> int:
    """Raise RLIMIT_NOFILE's soft limit to the hard limit; returns the new limit."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE // 1024


def message(cid: int, seq: int) -> bytes:
    """Message ``seq`` of connection ``cid``: a header and 0-999 payload bytes."""
    size = (cid * 131 + seq * 71) % 1000
    offset = (cid * 17 + seq * 29) % 4096
    return HEADER.pack(HEADER.size + size, cid, seq) + BLOCK[offset:offset + size]


# -- servers ----------------------------------------------------------------------------
class RssSampler:
    """RSS samples taken once a second, by a thread of their own (an event loop busy with
    10,000 connections is late for its timers), while ``open`` is set: from the moment
    every expected connection is accepted to the first close."""

    def __init__(self) -> None:
        self.samples: List[int] = []
        self.open = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.open.wait()
        while not self.done.wait(1.0):
            self.samples.append(rss_kib())

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def server_report(kind: str, fds_before: int, fds_after: int, accepted: int, echoed: int,
                  sampler: RssSampler, started: float) -> None:
    print(json.dumps({
        "server": kind, "fds_before": fds_before, "fds_after": fds_after, "accepted": accepted,
        "bytes_echoed": echoed, "rss_kib": sampler.samples, "seconds": round(time.monotonic() - started, 1),
    }), flush=True)


class Peer:
    __slots__ = ("out", "sock")

    def __init__(self, sock: typedsock.StreamSocket[typedsock.InetAddress]) -> None:
        self.sock = sock
        self.out = bytearray()  # received, not yet sent back


def serve_selectors(expected: int) -> None:
    fds_before = fd_count()
    started = time.monotonic()
    sel = selectors.DefaultSelector()
    listener = typedsock.socket()
    listener.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    listener.listen(4096)
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ, None)
    print(f"PORT {listener.getsockname().port}", flush=True)
    accepted = closed = echoed = 0
    sampler = RssSampler()
    while closed < expected:
        for key, events in sel.select(timeout=0.5):
            peer: Optional[Peer] = key.data
            if peer is None:
                while True:
                    try:
                        conn, _ = listener.accept()
                    except BlockingIOError:
                        break
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, Peer(conn))
                    accepted += 1
                    if accepted == expected:
                        sampler.open.set()
                        print("ACCEPTED", flush=True)
                continue
            sock = peer.sock
            if events & selectors.EVENT_READ and not peer.out:
                data = sock.recv(RECV_SIZE)
                if not data:
                    sampler.done.set()
                    sel.unregister(sock)
                    sock.close()
                    closed += 1
                    continue
                echoed += len(data)
                peer.out += data
            if peer.out:
                try:
                    sent = sock.send(peer.out)
                except BlockingIOError:
                    sent = 0
                del peer.out[:sent]
                # while bytes wait to go back, stop reading: what a peer sends is bounded
                sel.modify(sock, selectors.EVENT_WRITE if peer.out else selectors.EVENT_READ, peer)
    sampler.stop()
    sel.unregister(listener)
    listener.close()
    sel.close()
    server_report("selectors", fds_before, fd_count(), accepted, echoed, sampler, started)


async def serve_asyncio(expected: int) -> None:
    fds_before = fd_count()  # (the running loop's own descriptors are open already)
    started = time.monotonic()
    raw = typedsock.socket()
    raw.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_REUSEADDR, 1)
    raw.bind((HOST, 0))
    raw.listen(4096)
    listener = aio.wrap(raw)
    print(f"PORT {listener.getsockname().port}", flush=True)
    counts = {"accepted": 0, "closed": 0, "echoed": 0}
    sampler = RssSampler()
    all_closed = asyncio.get_running_loop().create_future()
    handlers: Set[asyncio.Task[None]] = set()

    async def echo(conn: aio.AsyncStreamSocket[typedsock.InetAddress, typedsock.InetAddressLike]) -> None:
        try:
            while True:
                data = await conn.recv(RECV_SIZE)
                if not data:
                    break
                counts["echoed"] += len(data)
                await conn.sendall(data)
        finally:
            sampler.done.set()
            conn.close()
            counts["closed"] += 1
            if counts["closed"] == expected and not all_closed.done():
                all_closed.set_result(None)

    async def accept_loop() -> None:
        while counts["accepted"] < expected:
            conn, _ = await listener.accept()
            counts["accepted"] += 1
            if counts["accepted"] == expected:
                sampler.open.set()
                print("ACCEPTED", flush=True)
            task = asyncio.ensure_future(echo(conn))
            handlers.add(task)
            task.add_done_callback(handlers.discard)

    acceptor = asyncio.ensure_future(accept_loop())
    await all_closed
    await acceptor
    sampler.stop()
    listener.close()
    server_report("asyncio", fds_before, fd_count(), counts["accepted"], counts["echoed"], sampler, started)


# -- clients ----------------------------------------------------------------------------
class Client:
    __slots__ = ("cid", "ends", "expected", "received", "seq", "sock", "unsent", "writing")

    def __init__(self, cid: int, sock: typedsock.StreamSocket[typedsock.InetAddress]) -> None:
        self.cid = cid
        self.sock = sock
        self.seq = 0  # the next message's sequence number
        self.expected = bytearray()  # queued (sent or not), not yet echoed
        self.unsent = bytearray()  # queued, not yet taken by the kernel
        self.ends: Deque[int] = collections.deque()  # where each message in flight ends, in echoed bytes
        self.received = 0  # bytes echoed back so far
        self.writing = False


def run_client(port: int, first: int, count: int, source: str, duration: float, window: int) -> None:
    raise_fd_limit()
    sel = selectors.DefaultSelector()
    clients: List[Client] = []
    t0 = time.monotonic()
    for cid in range(first, first + count):
        sock = typedsock.socket()
        # the port is picked by connect, which may take one a closed connection of an
        # earlier run holds in TIME_WAIT (bind alone may not: repeated runs slow down)
        sock.setsockopt(typedsock.IPPROTO_IP, typedsock.IP_BIND_ADDRESS_NO_PORT, 1)
        sock.bind((source, 0))
        sock.connect((HOST, port))
        sock.setblocking(False)
        client = Client(cid, sock)
        clients.append(client)
        sel.register(sock, selectors.EVENT_READ, client)
    connect_seconds = time.monotonic() - t0
    print("CONNECTED", flush=True)
    sys.stdin.readline()  # the driver's go, once every client process is connected
    messages = sent_bytes = errors = 0
    first_error = ""

    def queue(client: Client) -> None:
        nonlocal sent_bytes
        data = message(client.cid, client.seq)
        client.seq += 1
        client.expected += data
        client.ends.append(client.received + len(client.expected))
        client.unsent += data
        sent_bytes += len(data)

    def flush(client: Client) -> None:
        try:
            sent = client.sock.send(client.unsent)
        except BlockingIOError:
            sent = 0
        del client.unsent[:sent]
        want = bool(client.unsent)
        if want != client.writing:
            client.writing = want
            sel.modify(client.sock, selectors.EVENT_READ | (selectors.EVENT_WRITE if want else 0), client)

    for client in clients:
        for _ in range(window):
            queue(client)
        flush(client)
    start = time.monotonic()
    stop_at = start + duration
    sending = True
    in_flight = len(clients)
    drain_deadline = 0.0
    while in_flight:
        now = time.monotonic()
        if sending and now >= stop_at:
            sending = False
            drain_deadline = now + 60.0
        if not sending and now >= drain_deadline:
            errors += 1
            first_error = first_error or f"{in_flight} connections still waiting for their echo after the drain"
            break
        for key, events in sel.select(timeout=0.5):
            client = key.data
            if events & selectors.EVENT_WRITE:
                flush(client)
            if not events & selectors.EVENT_READ:
                continue
            try:
                data = client.sock.recv(RECV_SIZE)
            except BlockingIOError:
                continue
            if not data or not client.expected.startswith(data):
                errors += 1
                if not first_error:
                    first_error = (f"connection {client.cid}: " + ("closed by the server" if not data else
                                   f"echo differs from what was sent at byte {client.received}"))
                sel.unregister(client.sock)
                client.expected.clear()
                client.ends.clear()
                in_flight -= 1
                continue
            del client.expected[:len(data)]
            client.received += len(data)
            done_before = len(client.ends)
            while client.ends and client.ends[0] <= client.received:
                client.ends.popleft()
                messages += 1
                if sending:
                    queue(client)
            if len(client.ends) != done_before or client.unsent:
                flush(client)
            if not client.ends:
                in_flight -= 1  # (only once sending stopped: before, each message done queues one)
    echo_seconds = time.monotonic() - start
    # Every connection's messages: numbered 0..seq-1, each echoed exactly once.
    incomplete = [c.cid for c in clients if c.expected or c.ends]
    for client in clients:
        client.sock.close()
    sel.close()
    print(json.dumps({
        "connections": len(clients), "messages": messages, "bytes_sent": sent_bytes,
        "bytes_echoed": sum(c.received for c in clients), "sequence_numbers": sum(c.seq for c in clients),
        "errors": errors + len(incomplete) * (not errors), "first_error": first_error or (
            f"{len(incomplete)} connections incomplete" if incomplete else ""),
        "connect_seconds": round(connect_seconds, 2), "echo_seconds": round(echo_seconds, 2),
    }), flush=True)


# -- the driver ----------------------------------------------------------------------------
def soak_one(kind: str, args: argparse.Namespace) -> bool:
    me = os.path.abspath(__file__)
    py = sys.executable
    print(f"\n== {kind} server: {args.connections} connections, {args.duration:g} s of echo", flush=True)
    t0 = time.monotonic()
    server = subprocess.Popen(
        [py, me, "server", "--kind", kind, "--connections", str(args.connections)], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    if not line.startswith("PORT "):
        server.kill()
        print(f"FAIL: the server did not start: {line!r}")
        return False
    port = int(line.split()[1])
    share, extra = divmod(args.connections, args.clients)
    procs: List[subprocess.Popen[str]] = []
    reports: List[Dict[str, Any]] = []
    ok = True
    first = 0
    for k in range(args.clients):
        count = share + (k < extra)
        procs.append(subprocess.Popen(
            [py, me, "client", "--port", str(port), "--first", str(first), "--count", str(count),
             "--source", f"127.0.0.{10 + k}", "--duration", str(args.duration), "--window", str(args.window)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        ))
        first += count
    # The echo starts in every client at once, when all the connections are made and accepted.
    for proc in procs:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "CONNECTED":
            print("FAIL: a client could not make its connections")
            ok = False
    if server.stdout.readline().strip() != "ACCEPTED":
        print("FAIL: the server did not accept every connection")
        ok = False
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0 or not out.strip():
            print(f"FAIL: a client exited with {proc.returncode}")
            ok = False
            continue
        reports.append(json.loads(out.strip().splitlines()[-1]))
    try:
        out, _ = server.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        server.kill()
        out, _ = server.communicate()
        print("FAIL: the server did not see every connection close")
        return False
    if server.returncode != 0 or not out.strip():
        print(f"FAIL: the server exited with {server.returncode}")
        return False
    srv: Dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    wall = time.monotonic() - t0

    connections = sum(r["connections"] for r in reports)
    messages = sum(r["messages"] for r in reports)
    sent = sum(r["bytes_sent"] for r in reports)
    echoed = sum(r["bytes_echoed"] for r in reports)
    errors = sum(r["errors"] for r in reports)
    echo_seconds = max((r["echo_seconds"] for r in reports), default=0.0)
    samples: List[int] = srv["rss_kib"]
    warm = max(5, int(len(samples) * args.warmup))
    print(f"connections: {connections} made, {srv['accepted']} accepted "
          f"(connect phase {max((r['connect_seconds'] for r in reports), default=0.0):.1f} s)")
    print(f"messages echoed: {messages:,} ({messages / echo_seconds:,.0f}/s over {echo_seconds:.1f} s)"
          if echo_seconds else "messages echoed: 0")
    print(f"bytes: {sent:,} sent by the clients, {srv['bytes_echoed']:,} echoed by the server, {echoed:,} "
          f"received back ({echoed / max(echo_seconds, 1e-9) / 1e6:.2f} MB/s each way)")
    print(f"server fds: {srv['fds_before']} before, {srv['fds_after']} after")
    print(f"server RSS (KiB, 1/s, {len(samples)} samples, warm-up {warm}): {samples}")
    print(f"{kind}: {wall:.1f} s in all")
    if errors:
        print(f"FAIL: {errors} errors; first: {next(r['first_error'] for r in reports if r['first_error'])}")
        ok = False
    if connections != args.connections or srv["accepted"] != args.connections:
        print(f"FAIL: {connections} connections made, {srv['accepted']} accepted, {args.connections} wanted")
        ok = False
    if not (sent == echoed == srv["bytes_echoed"]) or messages != sum(r["sequence_numbers"] for r in reports):
        print("FAIL: bytes or messages lost")
        ok = False
    if srv["fds_after"] != srv["fds_before"]:
        print(f"FAIL: {srv['fds_after'] - srv['fds_before']} descriptors leaked")
        ok = False
    if len(samples) <= warm:
        print(f"FAIL: {len(samples)} RSS samples: the echo phase was too short to judge")
        ok = False
    else:
        base = samples[warm - 1]
        growth = max(samples[warm:]) - base
        print(f"RSS after warm-up: {base} KiB, at most {growth:+d} KiB after it (limit {args.rss_limit} KiB)")
        if growth > args.rss_limit:
            print("FAIL: RSS grew after warm-up")
            ok = False
    print(f"{kind}: {'PASS' if ok else 'FAIL'}", flush=True)
    return ok


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--duration", type=float, default=60.0, help="seconds of echo per server")
    run.add_argument("--connections", type=int, default=10000)
    run.add_argument("--clients", type=int, default=2, help="client processes")
    run.add_argument("--window", type=int, default=2, help="messages in flight per connection")
    run.add_argument("--servers", default="selectors,asyncio")
    run.add_argument("--warmup", type=float, default=0.2, help="fraction of the RSS samples that is warm-up")
    run.add_argument("--rss-limit", type=int, default=4096, help="KiB RSS may grow after warm-up")
    srv = sub.add_parser("server")
    srv.add_argument("--kind", choices=["selectors", "asyncio"], required=True)
    srv.add_argument("--connections", type=int, required=True)
    cli = sub.add_parser("client")
    for name in ("--port", "--first", "--count", "--window"):
        cli.add_argument(name, type=int, required=True)
    cli.add_argument("--source", required=True)
    cli.add_argument("--duration", type=float, required=True)
    args = parser.parse_args(argv)
    if args.command == "server":
        raise_fd_limit()
        if args.kind == "selectors":
            serve_selectors(args.connections)
        else:
            asyncio.run(serve_asyncio(args.connections))
        return 0
    if args.command == "client":
        run_client(args.port, args.first, args.count, args.source, args.duration, args.window)
        return 0
    limit = raise_fd_limit()
    per_process = args.connections // args.clients + 64
    if limit < args.connections + 64 or limit < per_process:
        print(f"FAIL: RLIMIT_NOFILE hard limit {limit} is below {args.connections + 64}")
        return 1
    print(f"RLIMIT_NOFILE {limit}; Python {sys.version.split()[0]}; typedsock from {typedsock.__file__}")
    results = [soak_one(kind, args) for kind in args.servers.split(",")]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
