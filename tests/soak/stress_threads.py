"""Thread stress: 8 threads send, recv, close and shut down shared sockets at once.

    python tests/soak/stress_threads.py [--duration 30] [--seed N]

Four slots each hold an AF_UNIX socketpair that every stress thread picks from at random:

- 2 senders ``send``/``sendall`` marker bytes (0xAA) on a random end;
- 2 receivers ``recv``/``recv_into`` on a random end, and check every byte is a marker;
- 1 closer closes one end (or both) of a random slot while the others may be in a call on
  it, checks that calls on the closed socket raise ``typedsock.error(EBADF)``, and puts
  a fresh pair in the slot;
- 1 shutter calls ``shutdown`` (SHUT_RD, SHUT_WR, SHUT_RDWR) on a random end;
- 2 openers keep opening new socketpairs and pipes, which take the descriptor numbers the
  closer frees, and check them: a probe byte written on one end must come out intact on
  the other, and nothing else may ever arrive.

Half the slots hold blocking sockets (a call waits in the kernel until close() wakes it),
half sockets with a 10 ms timeout.  A closed socket reaching a descriptor number that was
reused shows as: a marker byte on an opener's socketpair or pipe, an opener's probe byte
in a receiver (or missing), ENOTSOCK in a stress thread (it reached a pipe), or EBADF in
an opener (a close reached its descriptor).  Any of these, an error outside the expected
set (EBADF, EPIPE, ECONNRESET, ENOTCONN, timeouts), a thread still stuck in a call at the
end, or a crash fails the run.  ``sys.setswitchinterval`` is made tiny, so that threads
switch between reading a socket's descriptor and the call that uses it.
"""

from __future__ import annotations

import argparse
import collections
import errno
import os
import random
import sys
import threading
import time
from typing import Callable, Counter, List, Optional, Tuple

import typedsock
from typedsock import UnixAddress

Sock = typedsock.StreamSocket[UnixAddress]
MARK = 0xAA  # every byte the stress threads send
PROBE = 0x55  # the openers' own bytes
SLOTS = 4
EXPECTED_ERRNOS = {errno.EBADF, errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN}


def _target(fd: str) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # (the listing's own descriptor, closed by now)
        return "?"


class Slot:
    __slots__ = ("ends", "generation")

    def __init__(self, ends: Tuple[Sock, Sock]) -> None:
        self.ends = ends
        self.generation = 0


class Stress:
    def __init__(self, duration: float, seed: int, blocking: bool) -> None:
        self.duration = duration
        self.blocking = blocking
        self.stop = threading.Event()
        self.lock = threading.Lock()  # for the slots' replacement and the counters
        self.ops: Counter[str] = collections.Counter()
        self.failures: List[str] = []
        self.seed = seed
        self.fds_before = len(os.listdir("/proc/self/fd"))
        self.fd_names = {fd: _target(fd) for fd in os.listdir("/proc/self/fd")}
        self.slots = [Slot(self._pair(i)) for i in range(SLOTS)]
        self.retired: List[Sock] = []  # closed ends, closed again at the end

    def _pair(self, index: int) -> Tuple[Sock, Sock]:
        a, b = typedsock.socketpair()
        timeout = None if index % 2 == 0 and self.blocking else 0.01
        a.settimeout(timeout)
        b.settimeout(timeout)
        return a, b

    def fail(self, text: str) -> None:
        with self.lock:
            if len(self.failures) < 20:
                self.failures.append(text)
        self.stop.set()

    def count(self, counts: Counter[str]) -> None:
        with self.lock:
            self.ops.update(counts)

    def pick(self, rng: random.Random) -> Sock:
        return self.slots[rng.randrange(SLOTS)].ends[rng.randrange(2)]

    def expect_error(self, name: str, exc: OSError, counts: Counter[str]) -> None:
        if isinstance(exc, (typedsock.timeout, BlockingIOError)):
            counts[f"{name}: timed out"] += 1
        elif not isinstance(exc, typedsock.error):
            self.fail(f"{name}: {exc!r} is not a typedsock.error")
        elif exc.errno == errno.ENOTSOCK:
            self.fail(f"{name}: ENOTSOCK: a call on a closed socket reached a reused descriptor (a pipe)")
        elif exc.errno in EXPECTED_ERRNOS:
            counts[f"{name}: {errno.errorcode[exc.errno]}"] += 1
        else:
            self.fail(f"{name}: unexpected {exc!r}")

    # -- the threads ------------------------------------------------------------------
    def sender(self, k: int) -> None:
        rng = random.Random(self.seed * 100 + k)
        counts: Counter[str] = collections.Counter()
        data = bytes([MARK]) * 512
        while not self.stop.is_set():
            sock = self.pick(rng)
            try:
                if rng.random() < 0.5:
                    sock.send(data[: rng.randrange(1, 513)])
                    counts["send"] += 1
                else:
                    sock.sendall(data)
                    counts["sendall"] += 1
            except OSError as exc:
                self.expect_error("send", exc, counts)
        self.count(counts)

    def receiver(self, k: int) -> None:
        rng = random.Random(self.seed * 100 + 10 + k)
        counts: Counter[str] = collections.Counter()
        buf = bytearray(4096)
        while not self.stop.is_set():
            sock = self.pick(rng)
            try:
                if rng.random() < 0.5:
                    data = sock.recv(4096)
                    counts["recv"] += 1
                else:
                    n = sock.recv_into(buf)
                    data = bytes(buf[:n])
                    counts["recv_into"] += 1
            except OSError as exc:
                self.expect_error("recv", exc, counts)
                continue
            if data.count(MARK) != len(data):
                self.fail(f"recv: {len(data) - data.count(MARK)} bytes not sent by a stress thread "
                          f"(an opener's, from a reused descriptor): {data[:16]!r}")
            counts["bytes received"] += len(data)
        self.count(counts)

    def closer(self) -> None:
        rng = random.Random(self.seed * 100 + 20)
        counts: Counter[str] = collections.Counter()
        while not self.stop.is_set():
            index = rng.randrange(SLOTS)
            slot = self.slots[index]
            ends = slot.ends
            which = [ends[0], ends[1]] if rng.random() < 0.3 else [ends[rng.randrange(2)]]
            for sock in which:
                sock.close()
                counts["close"] += 1
                for call in ("send", "recv"):
                    try:
                        if call == "send":
                            sock.send(b"\xaa")
                        else:
                            sock.recv(1)
                    except typedsock.error as exc:
                        if exc.errno != errno.EBADF:
                            self.fail(f"a call on a closed socket: {exc!r}, not EBADF")
                        counts["call on the closed socket: EBADF"] += 1
                    else:
                        self.fail("a call on a closed socket succeeded")
            fresh = self._pair(index)
            with self.lock:
                self.retired.extend(ends)
                slot.ends = fresh
                slot.generation += 1
            time.sleep(rng.random() * 0.002)
        self.count(counts)

    def shutter(self) -> None:
        rng = random.Random(self.seed * 100 + 30)
        counts: Counter[str] = collections.Counter()
        hows = [typedsock.SHUT_RD, typedsock.SHUT_WR, typedsock.SHUT_RDWR]
        while not self.stop.is_set():
            sock = self.pick(rng)
            try:
                sock.shutdown(hows[rng.randrange(3)])
                counts["shutdown"] += 1
            except OSError as exc:
                self.expect_error("shutdown", exc, counts)
            time.sleep(rng.random() * 0.003)
        self.count(counts)

    def opener(self, k: int) -> None:
        rng = random.Random(self.seed * 100 + 40 + k)
        counts: Counter[str] = collections.Counter()
        probe = bytes([PROBE])
        while not self.stop.is_set():
            held: List[Tuple[str, int, Callable[[bytes], int], Callable[[], bytes], Callable[[], None]]] = []
            try:
                for _ in range(rng.randrange(1, 4)):
                    if rng.random() < 0.5:
                        a, b = typedsock.socketpair()
                        b.settimeout(0.0)

                        def close_pair(a: Sock = a, b: Sock = b) -> None:
                            a.close()
                            b.close()

                        def read_pair(b: Sock = b) -> bytes:
                            return b.recv(64)

                        held.append(("socketpair", b.fileno(), a.send, read_pair, close_pair))
                    else:
                        r, w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

                        def close_pipe(r: int = r, w: int = w) -> None:
                            os.close(r)
                            os.close(w)

                        def write_pipe(data: bytes, w: int = w) -> int:
                            return os.write(w, data)

                        def read_pipe(r: int = r) -> bytes:
                            return os.read(r, 64)

                        held.append(("pipe", r, write_pipe, read_pipe, close_pipe))
                time.sleep(rng.random() * 0.002)  # let the stress threads at the recycled numbers
                for kind, fd, write, read, _ in held:
                    write(probe)
                    deadline = time.monotonic() + 1.0
                    got = b""
                    while not got:
                        try:
                            got = read()
                        except BlockingIOError:
                            if time.monotonic() > deadline:
                                break
                            time.sleep(0.0005)
                    if got != probe:
                        self.fail(f"{kind} fd {fd}: read {got!r} back, not the probe {probe!r} "
                                  "(a stress thread reached the reused descriptor)")
                    counts[f"{kind} checked"] += 1
            except OSError as exc:
                self.fail(f"opener: {exc!r} on its own descriptors (a close reached a reused number?)")
            finally:
                for _, _, _, _, close in held:
                    try:
                        close()
                    except OSError as exc:
                        self.fail(f"opener: closing its own descriptors: {exc!r} (closed by another thread?)")
        self.count(counts)

    # -- the run ----------------------------------------------------------------------------
    def run(self) -> int:
        fds_before = self.fds_before
        sys.setswitchinterval(1e-6)
        threads = [threading.Thread(target=self.sender, args=(k,), name=f"sender{k}") for k in range(2)]
        threads += [threading.Thread(target=self.receiver, args=(k,), name=f"receiver{k}") for k in range(2)]
        threads += [threading.Thread(target=self.closer, name="closer"),
                    threading.Thread(target=self.shutter, name="shutter")]
        threads += [threading.Thread(target=self.opener, args=(k,), name=f"opener{k}") for k in range(2)]
        assert len(threads) == 8
        t0 = time.monotonic()
        for t in threads:
            t.daemon = True
            t.start()
        self.stop.wait(self.duration)
        self.stop.set()
        # The stress threads may be blocked in a call on a blocking socket: closing the
        # slots' sockets must wake them (close() shuts a socket in use down first).
        for slot in self.slots:
            for sock in slot.ends:
                sock.close()
        stuck: List[str] = []
        for t in threads:
            t.join(10.0)
            if t.is_alive():
                stuck.append(t.name)
        elapsed = time.monotonic() - t0
        sys.setswitchinterval(0.005)
        # (the closer may have put a fresh pair in a slot after the closes above)
        for sock in self.retired + [sock for slot in self.slots for sock in slot.ends]:
            sock.close()
        fds_after = len(os.listdir("/proc/self/fd"))
        total = sum(n for name, n in self.ops.items() if ":" not in name and name != "bytes received")
        print(f"8 threads, {elapsed:.1f} s, {total:,} calls that returned "
              f"(+ {sum(n for name, n in self.ops.items() if ':' in name):,} that raised as expected)")
        for name, n in sorted(self.ops.items()):
            print(f"  {name:40} {n:>12,}")
        print(f"fds: {fds_before} before, {fds_after} after")
        ok = True
        if stuck:
            print(f"FAIL: threads still in a call 10 s after every socket was closed: {stuck}")
            ok = False
        if fds_after != fds_before:
            now = {fd: _target(fd) for fd in os.listdir("/proc/self/fd")}
            new = sorted(f"{fd} -> {name}" for fd, name in now.items() if self.fd_names.get(fd) != name)
            print(f"FAIL: {fds_after - fds_before} descriptors leaked: {new}")
            ok = False
        if self.ops["close"] == 0 or self.ops["socketpair checked"] + self.ops["pipe checked"] == 0:
            print("FAIL: nothing was closed or checked")
            ok = False
        for failure in self.failures:
            print(f"FAIL: {failure}")
            ok = False
        print("PASS" if ok else "FAIL", flush=True)
        return 0 if ok else 1


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeouts-only", action="store_true", help="no blocking sockets: every slot has a timeout")
    args = parser.parse_args(argv)
    return Stress(args.duration, args.seed, not args.timeouts_only).run()


if __name__ == "__main__":
    sys.exit(main())
