"""The benchmark workloads: each is written once against a socket *module*.

Every timed workload is ``fn(mod, n) -> seconds`` for ``n`` operations (after a
warm-up of its own), where ``mod`` is the standard ``socket`` module or
``typedsock``: the same code runs on both.  Where a peer is needed it runs in a
forked process using the same module; both processes inherit the CPU affinity
that bench.py set before calling.  Only loopback and AF_UNIX traffic.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import timeit
import traceback
from time import perf_counter
from typing import Any, Callable, Iterator

CHUNK = 65536  # bulk chunk size
DGRAM = 32  # UDP payload
WINDOW = 64  # UDP datagrams per ack (the flow-control window)
PEER_ALARM = 120  # seconds: a peer that outlives this is killed by SIGALRM

Mod = Any  # the `socket` module or `typedsock`


# -- forked peers ----------------------------------------------------------------
@contextlib.contextmanager
def forked(peer: Callable[..., None], *args: Any) -> Iterator[int]:
    """Run ``peer(*args)`` in a forked child for the duration of the block.

    The block must close the child's sockets in the parent and make the child
    finish (EOF or an agreed count).  On an exception the child is killed.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    rfd, wfd = os.pipe()  # the peer's traceback, if it fails
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller
        code = 0
        try:
            os.close(rfd)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.alarm(PEER_ALARM)
            peer(*args)
        except BaseException:
            code = 1
            with contextlib.suppress(BaseException):
                os.write(wfd, traceback.format_exc().encode()[-8000:])
        finally:
            os._exit(code)
    os.close(wfd)
    ok = False
    try:
        yield pid
        ok = True
    finally:
        if not ok:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(rfd, "rb") as pipe:
            peer_error = pipe.read().decode(errors="replace").strip()
        if peer_error:  # the root cause, whether or not the parent noticed first
            raise RuntimeError(f"peer process failed:\n{peer_error}")
        if ok and status != 0:
            raise RuntimeError(f"peer process failed (wait status {status})")


def recv_exact(sock: Any, size: int) -> bytes:
    parts = []
    while size:
        data = sock.recv(size)
        if not data:
            raise EOFError("peer closed early")
        parts.append(data)
        size -= len(data)
    return b"".join(parts)


def tcp_pair(mod: Mod) -> tuple[Any, Any]:
    """A connected TCP pair on 127.0.0.1, TCP_NODELAY on both ends."""
    listener = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        a = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
        a.connect(listener.getsockname())
        b, _ = listener.accept()
    finally:
        listener.close()
    for s in (a, b):
        s.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
    return a, b


def udp_pair(mod: Mod, connect: bool) -> tuple[Any, Any]:
    """Two UDP sockets on 127.0.0.1 (sender, receiver), optionally connected to each other."""
    s = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    r = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    r.bind(("127.0.0.1", 0))
    if connect:
        s.connect(r.getsockname())
        r.connect(s.getsockname())
    return s, r


# -- 1-byte ping-pong ------------------------------------------------------------
PINGPONG_WARMUP = 200


def _echo(mine: Any, theirs: Any) -> None:
    theirs.close()
    while True:
        data = mine.recv(1)
        if not data:
            break
        mine.send(data)
    mine.close()


def _pingpong(a: Any, b: Any, n: int) -> float:
    with forked(_echo, b, a):
        b.close()
        msg = b"x"
        for _ in range(PINGPONG_WARMUP):
            a.send(msg)
            a.recv(1)
        t0 = perf_counter()
        for _ in range(n):
            a.send(msg)
            a.recv(1)
        elapsed = perf_counter() - t0
        a.close()
    return elapsed


def pingpong_unix(mod: Mod, n: int) -> float:
    a, b = mod.socketpair()
    return _pingpong(a, b, n)


def pingpong_tcp(mod: Mod, n: int) -> float:
    a, b = tcp_pair(mod)
    return _pingpong(a, b, n)


# -- bulk one-way 64 KiB chunks over TCP ------------------------------------------
BULK_WARMUP = 32  # chunks, acknowledged before the timer starts


def _bulk_sink(mine: Any, theirs: Any, use_into: bool) -> None:
    theirs.close()
    buf = bytearray(CHUNK)
    want = BULK_WARMUP * CHUNK
    while want:
        got = mine.recv_into(buf, min(CHUNK, want))
        if not got:
            raise EOFError("sender closed during warm-up")
        want -= got
    mine.sendall(b"k")
    total = 0
    if use_into:
        while True:
            got = mine.recv_into(buf)
            if not got:
                break
            total += got
    else:
        while True:
            data = mine.recv(CHUNK)
            if not data:
                break
            total += len(data)
    mine.sendall(total.to_bytes(8, "little"))
    mine.close()


def _bulk(mod: Mod, n: int, use_into: bool) -> float:
    a, b = tcp_pair(mod)
    with forked(_bulk_sink, b, a, use_into):
        b.close()
        chunk = bytes(CHUNK)
        for _ in range(BULK_WARMUP):
            a.sendall(chunk)
        recv_exact(a, 1)
        t0 = perf_counter()
        for _ in range(n):
            a.sendall(chunk)
        a.shutdown(mod.SHUT_WR)
        total = int.from_bytes(recv_exact(a, 8), "little")
        elapsed = perf_counter() - t0
        a.close()
    if total != n * CHUNK:
        raise RuntimeError(f"bulk: receiver got {total} bytes, expected {n * CHUNK}")
    return elapsed


def bulk_recv_into(mod: Mod, n: int) -> float:
    return _bulk(mod, n, True)


def bulk_recv(mod: Mod, n: int) -> float:
    return _bulk(mod, n, False)


# -- UDP datagrams, flow-controlled by a window of WINDOW datagrams per ack --------
UDP_WARM_WINDOWS = 4


def _udp_sink(mine: Any, theirs: Any, windows: int, mode: str) -> None:
    theirs.close()
    ack = b"a"
    if mode == "send":
        for _ in range(windows):
            for _ in range(WINDOW):
                mine.recv(64)
            mine.send(ack)
    elif mode == "sendto":
        for _ in range(windows):
            for _ in range(WINDOW):
                _, addr = mine.recvfrom(64)
            mine.sendto(ack, addr)
    else:  # "many"
        for _ in range(windows):
            got = 0
            while got < WINDOW:
                got += len(mine.recv_many(WINDOW - got, 64))
            mine.send(ack)
    mine.close()


def _udp(mod: Mod, n: int, mode: str) -> float:
    """n is a multiple of WINDOW (bench.py rounds it)."""
    windows = n // WINDOW
    s, r = udp_pair(mod, connect=mode != "sendto")
    dest = r.getsockname()
    msg = b"u" * DGRAM
    with forked(_udp_sink, r, s, UDP_WARM_WINDOWS + windows, mode):
        r.close()
        t0 = 0.0
        for w in range(UDP_WARM_WINDOWS + windows):
            if w == UDP_WARM_WINDOWS:
                t0 = perf_counter()
            if mode == "send":
                for _ in range(WINDOW):
                    s.send(msg)
                s.recv(8)
            elif mode == "sendto":
                for _ in range(WINDOW):
                    s.sendto(msg, dest)
                s.recvfrom(8)
            else:
                batch = [msg] * WINDOW
                sent = 0
                while sent < WINDOW:
                    sent += s.send_many(batch[sent:] if sent else batch)
                s.recv(8)
        elapsed = perf_counter() - t0
        s.close()
    return elapsed


def udp_send_recv(mod: Mod, n: int) -> float:
    return _udp(mod, n, "send")


def udp_sendto_recvfrom(mod: Mod, n: int) -> float:
    return _udp(mod, n, "sendto")


def has_batched(mod: Mod) -> bool:
    cls = getattr(mod, "DatagramSocket", None)
    return cls is not None and hasattr(cls, "send_many") and hasattr(cls, "recv_many")


def udp_batched(mod: Mod, n: int) -> float:
    """send_many/recv_many where the module has them; else its best per-datagram path."""
    return _udp(mod, n, "many" if has_batched(mod) else "send")


# -- UDP segmentation offload: 1,200-byte datagrams, GSO on send, GRO on receive ----
GSO_SIZE = 1200  # a QUIC-sized datagram
GSO_WINDOW = 256  # datagrams per ack
# The numbers from typedsock's build (linux/udp.h): the standard module names none of them.
from typedsock import SOL_UDP, UDP_GRO, UDP_SEGMENT  # noqa: E402
from typedsock._batch import GSO_MAX_PAYLOAD  # noqa: E402

GSO_RUN = GSO_MAX_PAYLOAD // GSO_SIZE  # datagrams one UDP_SEGMENT message carries


def _gso_stdlib_send(sock: Any, payload: bytes, count: int) -> None:
    """The standard module's best hand-built path: sendmsg with a UDP_SEGMENT cmsg, one
    message per run, the run's buffers as its iovec (no join)."""
    import struct

    control = [(SOL_UDP, UDP_SEGMENT, struct.pack("=H", GSO_SIZE))]
    while count:
        run = min(count, GSO_RUN)
        sock.sendmsg([payload] * run, control)
        count -= run


def _gso_stdlib_recv(sock: Any, buf: bytearray, view: memoryview) -> list[tuple[bytes, Any]]:
    """recvmsg_into with room for the UDP_GRO cmsg; each datagram its own bytes, with its sender."""
    import socket as stdlib
    import struct

    nbytes, ancdata, _flags, sender = sock.recvmsg_into([buf], stdlib.CMSG_SPACE(4))
    seg = nbytes
    for level, kind, data in ancdata:
        if level == SOL_UDP and kind == UDP_GRO:
            seg = struct.unpack("=i", data[:4])[0]
    return [(view[start : start + seg].tobytes(), sender) for start in range(0, nbytes, seg or 1)] or [(b"", sender)]


def _gso_sink(mine: Any, theirs: Any, windows: int, mode: str) -> None:
    import socket as stdlib

    theirs.close()
    stdlib_path = isinstance(mine, stdlib.socket)
    if mode == "gso":
        mine.setsockopt(SOL_UDP, UDP_GRO, 1)
    buf = bytearray(65535)
    view = memoryview(buf)
    for _ in range(windows):
        got = 0
        while got < GSO_WINDOW:
            if mode != "gso":
                mine.recv(2048)
                got += 1
            elif stdlib_path:
                got += len(_gso_stdlib_recv(mine, buf, view))
            else:
                got += len(mine.recv_many(64, 65535))
        mine.send(b"a")
    mine.close()


def _gso(mod: Mod, n: int, mode: str) -> float:
    """n is a multiple of GSO_WINDOW.  mode "gso": typedsock send_many(gso=True) and
    recv_many on UDP_GRO; the standard module its hand-built sendmsg/recvmsg_into path.
    mode "plain": send and recv, one datagram per call (the baseline of the 10x target)."""
    windows = n // GSO_WINDOW
    s, r = udp_pair(mod, connect=True)
    for sock in (s, r):
        sock.setsockopt(mod.SOL_SOCKET, mod.SO_RCVBUF, 1 << 22)
        sock.setsockopt(mod.SOL_SOCKET, mod.SO_SNDBUF, 1 << 22)
    payload = b"g" * GSO_SIZE
    batch = [payload] * GSO_WINDOW
    typed = mod.__name__ == "typedsock"
    with forked(_gso_sink, r, s, UDP_WARM_WINDOWS + windows, mode):
        r.close()
        t0 = 0.0
        for w in range(UDP_WARM_WINDOWS + windows):
            if w == UDP_WARM_WINDOWS:
                t0 = perf_counter()
            if mode != "gso":
                for _ in range(GSO_WINDOW):
                    s.send(payload)
            elif typed:
                s.send_many(batch, gso=True)
            else:
                _gso_stdlib_send(s, payload, GSO_WINDOW)
            s.recv(8)
        elapsed = perf_counter() - t0
        s.close()
    return elapsed


def udp_gso(mod: Mod, n: int) -> float:
    return _gso(mod, n, "gso")


def udp_gso_vs_plain(mod: Mod, n: int) -> float:
    """typedsock's GSO/GRO path against the standard module's send/recv."""
    return _gso(mod, n, "gso" if mod.__name__ == "typedsock" else "plain")


# -- connect + accept + close ------------------------------------------------------
CONN_WARMUP = 100


def _conn(mod: Mod, n: int, family: int) -> float:
    with tempfile.TemporaryDirectory(prefix="tsbench") as tmp:
        listener = mod.socket(family, mod.SOCK_STREAM)
        try:
            listener.bind(("127.0.0.1", 0) if family == mod.AF_INET else os.path.join(tmp, "s"))
            listener.listen(128)
            addr = listener.getsockname()

            def cycle(count: int) -> None:
                for _ in range(count):
                    c = mod.socket(family, mod.SOCK_STREAM)
                    c.connect(addr)
                    s, _ = listener.accept()
                    s.close()  # the server end closes first: TIME_WAIT stays off the client ports
                    c.close()

            cycle(CONN_WARMUP)
            t0 = perf_counter()
            cycle(n)
            return perf_counter() - t0
        finally:
            listener.close()


def conn_tcp(mod: Mod, n: int) -> float:
    return _conn(mod, n, mod.AF_INET)


def conn_unix(mod: Mod, n: int) -> float:
    return _conn(mod, n, mod.AF_UNIX)


# -- per-call overhead, one process, timeit-style ----------------------------------
def _timeit(stmt: str, namespace: dict[str, Any], n: int) -> float:
    """Best of 3 repeats of n calls (gc off, as timeit does)."""
    timer = timeit.Timer(stmt, globals=namespace)
    timer.timeit(max(1, n // 20))  # warm-up
    return min(timer.repeat(3, n))


def call_fileno(mod: Mod, n: int) -> float:
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
        return _timeit("s.fileno()", {"s": s}, n)


def call_getsockname(mod: Mod, n: int) -> float:
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return _timeit("s.getsockname()", {"s": s}, n)


EAGAIN_STMT = """\
try:
    s.send(b"x")
except BlockingIOError:
    pass
"""


def call_send_eagain(mod: Mod, n: int) -> float:
    a, b = mod.socketpair()
    try:
        a.setblocking(False)
        size = CHUNK
        while size:  # fill the send buffer (and the peer's receive buffer) completely
            try:
                a.send(bytes(size))
            except BlockingIOError:
                size //= 2
        elapsed = _timeit(EAGAIN_STMT, {"s": a}, n)
        try:
            a.send(b"x")
        except BlockingIOError:
            pass
        else:
            raise RuntimeError("send on the full buffer succeeded: the workload did not measure EAGAIN")
        return elapsed
    finally:
        a.close()
        b.close()
