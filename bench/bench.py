#!/usr/bin/env python3
"""typedsock vs the standard ``socket`` module (and C), side by side.

    python bench/bench.py                 # 5 rounds, ~0.4 s per timed run (~1.5-2 min)
    python bench/bench.py --quick         # smoke run, a few seconds
    python bench/bench.py --rounds 9 --json out.json
    python bench/bench.py --only pp_unix,pp_tcp

Every workload (bench/workloads.py) is one function taking the module, so the
same code runs on both; each round runs every workload once per module,
alternating which module goes first, and (where cheap) the same protocol in C
(bench/c_pingpong.c, compiled with gcc into a temporary directory; skipped if
gcc is missing).  The operation count of each workload is calibrated once on
the standard module and then fixed for all rounds and modules.

The table shows the median over rounds of each module's time per operation,
and the paired ratio typedsock/stdlib computed per round (median and min..max):
a *time* ratio (memory rows: a size ratio), so lower is better and 1.00 is
parity.  The process is pinned to one CPU (the forked peers inherit it): on a
2-core machine cross-CPU wake-ups otherwise dominate a ping-pong round trip.
Linux only (fork, sched_setaffinity, /proc, sendmmsg).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import aio_workloads as AW  # noqa: E402
import workloads as W  # noqa: E402

try:
    import typedsock
except ImportError as exc:  # pragma: no cover - reported, not hidden
    sys.exit(f"cannot import typedsock: {exc}")

MODULES = {"stdlib": socket, "typedsock": typedsock}
N_RSS = 10_000
N_TRACE = 1_000
IMPORT_RUNS = 3  # per module per round (median taken)


@dataclass
class Row:
    key: str
    label: str
    kind: str  # op | bulk | ns | bytes | rss | ms
    group: str
    fn: Optional[Callable[[Any, int], float]] = None
    n0: int = 100  # first calibration count
    multiple: int = 1
    c: Optional[str] = None  # workload name in c_pingpong
    c_warmup: int = 0
    all_cpus: bool = False  # run on two CPUs instead of one (the 2-CPU figure)
    batched: bool = False  # typedsock column only if DatagramSocket.send_many exists


ROWS: List[Row] = [
    Row("pp_unix", "ping-pong 1 B, AF_UNIX socketpair", "op", "pingpong", W.pingpong_unix,
        200, c="pp_unix", c_warmup=W.PINGPONG_WARMUP),
    Row("pp_tcp", "ping-pong 1 B, TCP loopback NODELAY", "op", "pingpong", W.pingpong_tcp,
        200, c="pp_tcp", c_warmup=W.PINGPONG_WARMUP),
    Row("bulk_into", "bulk 64 KiB TCP, sendall+recv_into", "bulk", "bulk", W.bulk_recv_into,
        64, c="bulk_tcp", c_warmup=W.BULK_WARMUP),
    Row("bulk_recv", "bulk 64 KiB TCP, sendall+recv", "bulk", "bulk", W.bulk_recv,
        64, c="bulk_tcp", c_warmup=W.BULK_WARMUP),
    Row("udp_send", "UDP 32 B, send/recv (connected)", "op", "udp", W.udp_send_recv,
        4 * W.WINDOW, W.WINDOW, c="udp_send", c_warmup=(W.UDP_WARM_WINDOWS - 1) * W.WINDOW),
    Row("udp_sendto", "UDP 32 B, sendto/recvfrom", "op", "udp", W.udp_sendto_recvfrom,
        4 * W.WINDOW, W.WINDOW, c="udp_sendto", c_warmup=(W.UDP_WARM_WINDOWS - 1) * W.WINDOW),
    Row("udp_many_1cpu", "UDP 32 B, send_many/recv_many, 1 CPU *", "op", "udp", W.udp_batched,
        4 * W.WINDOW, W.WINDOW, c="udp_mmsg", c_warmup=(W.UDP_WARM_WINDOWS - 1) * W.WINDOW,
        batched=True),
    Row("udp_many_2cpu", "UDP 32 B, send_many/recv_many, 2 CPUs *", "op", "udp", W.udp_batched,
        4 * W.WINDOW, W.WINDOW, c="udp_mmsg", c_warmup=(W.UDP_WARM_WINDOWS - 1) * W.WINDOW,
        all_cpus=True, batched=True),
    Row("udp_gso", "UDP 1200 B, GSO+GRO vs stdlib's own GSO+GRO **", "op", "gso", W.udp_gso,
        4 * W.GSO_WINDOW, W.GSO_WINDOW),
    Row("udp_gso_plain", "UDP 1200 B, GSO+GRO vs stdlib send/recv **", "op", "gso", W.udp_gso_vs_plain,
        4 * W.GSO_WINDOW, W.GSO_WINDOW),
    Row("conn_tcp", "connect+accept+close, TCP", "op", "conn", W.conn_tcp, 100,
        c="conn_tcp", c_warmup=W.CONN_WARMUP),
    Row("conn_unix", "connect+accept+close, AF_UNIX", "op", "conn", W.conn_unix, 100,
        c="conn_unix", c_warmup=W.CONN_WARMUP),
    Row("aio_rtt", "async echo 64 B, aio vs loop.sock_*, asyncio", "op", "async", AW.rtt_asyncio, 500),
    Row("aio_rtt_uv", "async echo 64 B, aio vs loop.sock_*, uvloop", "op", "async", AW.rtt_uvloop, 500),
    Row("aio_rtt_st", "async echo 64 B, aio vs streams, asyncio ***", "op", "async",
        AW.rtt_vs_streams_asyncio, 500),
    Row("aio_rtt_st_uv", "async echo 64 B, aio vs streams, uvloop ***", "op", "async",
        AW.rtt_vs_streams_uvloop, 500),
    Row("aio_streams", "async echo 64 B, streams vs streams, asyncio", "op", "async", AW.streams_asyncio, 500),
    Row("aio_streams_uv", "async echo 64 B, streams vs streams, uvloop", "op", "async", AW.streams_uvloop, 500),
    Row("aio_crowd", f"{AW.CROWD:,} conns echo, aio vs loop.sock_*, asyncio", "op", "async", AW.crowd_asyncio,
        4 * AW.CROWD, AW.CROWD),
    Row("aio_crowd_uv", f"{AW.CROWD:,} conns echo, aio vs loop.sock_*, uvloop", "op", "async", AW.crowd_uvloop,
        4 * AW.CROWD, AW.CROWD),
    Row("aio_crowd_st", f"{AW.CROWD:,} conns echo, aio vs streams, asyncio ***", "op", "async",
        AW.crowd_vs_streams_asyncio, 4 * AW.CROWD, AW.CROWD),
    Row("aio_crowd_st_uv", f"{AW.CROWD:,} conns echo, aio vs streams, uvloop ***", "op", "async",
        AW.crowd_vs_streams_uvloop, 4 * AW.CROWD, AW.CROWD),
    Row("call_fileno", "fileno()", "ns", "calls", W.call_fileno, 10_000),
    Row("call_getsockname", "getsockname() (AF_INET)", "ns", "calls", W.call_getsockname, 10_000),
    Row("call_send_eagain", "send() on a full non-blocking socket", "ns", "calls", W.call_send_eagain, 10_000),
    Row("mem_sizeof", "sys.getsizeof(socket object)", "bytes", "memory"),
    Row("mem_traced", f"tracemalloc bytes/socket ({N_TRACE:,} sockets)", "bytes", "memory"),
    Row("mem_rss", f"RSS growth, {N_RSS:,} open sockets", "rss", "memory"),
    Row("import", "import time (-X importtime, cumulative)", "ms", "import"),
]


class Deadline(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise Deadline("workload exceeded its time limit")


# -- the C baseline ------------------------------------------------------------------
def build_c(tmp: str) -> tuple[Optional[str], str]:
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        return None, "C column skipped: no gcc/cc on PATH"
    exe = os.path.join(tmp, "c_pingpong")
    proc = subprocess.run(
        [gcc, "-O2", "-Wall", "-o", exe, os.path.join(HERE, "c_pingpong.c")],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        return None, f"C column skipped: {gcc} failed:\n{proc.stderr.strip()}"
    return exe, f"C baseline: {os.path.basename(gcc)} -O2 bench/c_pingpong.c"


def run_c(exe: str, row: Row, n: int, limit: float) -> float:
    proc = subprocess.run([exe, row.c or "", str(n), str(row.c_warmup)],
                          capture_output=True, text=True, timeout=limit)
    if proc.returncode != 0:
        raise RuntimeError(f"c_pingpong {row.c} failed: {proc.stderr.strip()}")
    return float(proc.stdout) / n


# -- memory and import probes (fresh interpreters) ------------------------------------
def probe_memory(modname: str) -> Dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, os.path.join(HERE, "memprobe.py"), modname, str(N_RSS), str(N_TRACE)],
        capture_output=True, text=True, timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"memprobe {modname} failed:\n{proc.stderr.strip()}")
    result: Dict[str, Any] = json.loads(proc.stdout)
    return result


_IMPORT_LINE = re.compile(r"^import time:\s*(\d+)\s*\|\s*(\d+)\s*\|( *)(\S+)\s*$")


def import_time(modname: str) -> float:
    """Seconds: the cumulative figure of the top-level line for ``modname``."""
    times = []
    # As an installed package is imported: from cached bytecode.  One unmeasured run
    # writes it (PYTHONDONTWRITEBYTECODE would make every run compile the sources).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for run in range(IMPORT_RUNS + 1):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {modname}"],
            capture_output=True, text=True, timeout=60, cwd=tempfile.gettempdir(), env=env,
        )
        if run == 0:
            continue
        if proc.returncode != 0:
            raise RuntimeError(f"import {modname} failed:\n{proc.stderr.strip()}")
        total = 0
        for line in proc.stderr.splitlines():
            m = _IMPORT_LINE.match(line)
            if m and m.group(4) == modname and len(m.group(3)) <= 1:  # top level: no indent
                total += int(m.group(2))
        if not total:
            raise RuntimeError(f"no top-level '{modname}' line in -X importtime output")
        times.append(total * 1e-6)
    return statistics.median(times)


# -- running ---------------------------------------------------------------------------
class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows = [r for r in ROWS if self._selected(r)]
        self.values: Dict[str, Dict[str, List[Optional[float]]]] = {
            r.key: {"stdlib": [], "typedsock": [], "c": []} for r in self.rows
        }
        self.counts: Dict[str, int] = {}
        self.errors: Dict[str, Dict[str, str]] = {}
        self.notes: List[str] = []
        self.orig_cpus = sorted(os.sched_getaffinity(0))
        self.two_cpus = set(self.orig_cpus[-2:])  # for the 2-CPU rows
        self.pinned: Optional[int] = None
        self.c_exe: Optional[str] = None
        self.limit = max(30.0, 60 * args.duration)

    def _selected(self, row: Row) -> bool:
        if not self.args.only:
            return True
        wanted = {w.strip() for w in self.args.only.split(",")}
        return row.key in wanted or row.group in wanted

    def pin(self) -> None:
        if self.args.no_pin:
            return
        self.pinned = self.orig_cpus[-1]
        os.sched_setaffinity(0, {self.pinned})

    def error(self, row: Row, who: str) -> None:
        text = traceback.format_exc()
        if who not in self.errors.setdefault(row.key, {}):
            self.errors[row.key][who] = text
            print(f"  !! {row.key} [{who}] raised: {text.strip().splitlines()[-1]}", file=sys.stderr)

    def failed(self, row: Row, who: str) -> bool:
        return who in self.errors.get(row.key, {})

    def timed(self, row: Row, who: str, n: int) -> Optional[float]:
        """One run: seconds per operation, or None (error, or n/a)."""
        if self.failed(row, who):
            return None
        if who == "typedsock" and row.batched and not W.has_batched(typedsock):
            return None
        if row.all_cpus:
            os.sched_setaffinity(0, self.two_cpus)
        try:
            if who == "c":
                assert self.c_exe is not None
                return run_c(self.c_exe, row, n, self.limit)
            assert row.fn is not None
            signal.setitimer(signal.ITIMER_REAL, self.limit)
            try:
                seconds = row.fn(MODULES[who], n)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            return seconds / n
        except Exception:
            self.error(row, who)
            return None
        finally:
            if row.all_cpus and self.pinned is not None:
                os.sched_setaffinity(0, {self.pinned})

    def calibrate(self, row: Row) -> int:
        """Operations per run so that a stdlib run takes about --duration seconds."""
        target = self.args.duration
        n = row.n0
        if row.all_cpus:
            os.sched_setaffinity(0, self.two_cpus)
        try:
            while True:
                seconds = row.fn(socket, n) if row.fn else 0.0
                if seconds >= target / 5 or n >= 10**8:
                    break
                n *= int(min(10, max(2, target / 5 / max(seconds, 1e-6) * 1.5)))
        finally:
            if row.all_cpus and self.pinned is not None:
                os.sched_setaffinity(0, {self.pinned})
        n = max(row.multiple, int(n * target / max(seconds, 1e-9)))
        return -(-n // row.multiple) * row.multiple

    def run(self) -> None:
        args = self.args
        self.pin()
        if len(self.orig_cpus) < 2:
            self.rows = [r for r in self.rows if not r.all_cpus]
            self.notes.append("2-CPU row skipped: only one CPU available")
        tmp = tempfile.mkdtemp(prefix="tsbench-c")
        try:
            if not args.no_c and any(r.c for r in self.rows):
                self.c_exe, note = build_c(tmp)
                self.notes.append(note)
            self._run(tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _run(self, tmp: str) -> None:
        args = self.args
        signal.signal(signal.SIGALRM, _on_alarm)
        start = time.monotonic()
        timed_rows = [r for r in self.rows if r.fn is not None]
        for row in timed_rows:
            try:
                self.counts[row.key] = self.calibrate(row)
            except Exception:
                self.error(row, "stdlib")
                self.counts[row.key] = row.n0
        print(f"calibrated in {time.monotonic() - start:.1f} s", file=sys.stderr)
        keys = {r.key for r in self.rows}
        for rnd in range(args.rounds):
            order = ["stdlib", "typedsock"] if rnd % 2 == 0 else ["typedsock", "stdlib"]
            for row in timed_rows:
                n = self.counts[row.key]
                for who in order:
                    self.values[row.key][who].append(self.timed(row, who, n))
                if row.c and self.c_exe:
                    self.values[row.key]["c"].append(self.timed(row, "c", n))
            if keys & {"mem_sizeof", "mem_traced", "mem_rss"}:
                for who in order:
                    self._memory(who)
            if "import" in keys:
                row = next(r for r in self.rows if r.key == "import")
                for who in order:
                    try:
                        self.values["import"][who].append(import_time(MODULES[who].__name__))
                    except Exception:
                        self.error(row, who)
                        self.values["import"][who].append(None)
            print(f"round {rnd + 1}/{args.rounds} done at {time.monotonic() - start:.1f} s",
                  file=sys.stderr)
        self.elapsed = time.monotonic() - start

    def _memory(self, who: str) -> None:
        rows = {r.key: r for r in self.rows if r.group == "memory"}
        try:
            result = probe_memory(MODULES[who].__name__)
        except Exception:
            for row in rows.values():
                self.error(row, who)
                self.values[row.key][who].append(None)
            return
        fields = {"mem_sizeof": "sizeof", "mem_traced": "traced_per_socket", "mem_rss": "rss_bytes"}
        for key in rows:
            self.values[key][who].append(result.get(fields[key]))
        if result.get("rss_error"):
            note = f"RSS row skipped: {result['rss_error']}"
            if note not in self.notes:
                self.notes.append(note)

    # -- reporting ------------------------------------------------------------------
    def summary(self, row: Row) -> Dict[str, Any]:
        vals = self.values[row.key]
        out: Dict[str, Any] = {}
        for who in ("stdlib", "typedsock", "c"):
            present = [v for v in vals[who] if v is not None]
            out[who] = statistics.median(present) if present else None
        ratios = [t / s for s, t in zip(vals["stdlib"], vals["typedsock"])
                  if s is not None and t is not None and s > 0]
        out["ratio"] = ratios
        return out

    def table(self) -> str:
        a = self.args
        pin = f"pinned to CPU {self.pinned}" if self.pinned is not None else "not pinned"
        cpu = _cpu_model()
        lines = [
            f"typedsock vs stdlib socket: Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, {cpu}, {len(self.orig_cpus)} CPUs, {pin}",
            f"{a.rounds} rounds, ~{a.duration:g} s per timed run, module order alternating per round; "
            f"run took {self.elapsed:.0f} s",
            "cells: median over rounds of the time per operation (rate in brackets).",
            "ratio: typedsock TIME / stdlib time (memory rows: size ratio), per round, "
            "median [min..max] -- lower is better, 1.00 = parity.",
            "",
        ]
        widths = (41, 23, 23, 23, 21)
        head = ("workload", "stdlib", "typedsock", "C", "ratio ts/std")
        lines.append(_line(head, widths))
        lines.append(_line(tuple("-" * (w - 1) for w in widths), widths))
        for row in self.rows:
            s = self.summary(row)
            cells = [row.label]
            for who in ("stdlib", "typedsock", "c"):
                if who == "c" and not row.c:
                    cells.append("")
                elif who in self.errors.get(row.key, {}):
                    cells.append("ERROR")
                elif who == "c" and not self.c_exe:
                    cells.append("-")
                elif s[who] is None:
                    cells.append("n/a")
                else:
                    cells.append(_fmt(row.kind, s[who]))
            r = s["ratio"]
            cells.append(f"{statistics.median(r):.2f} [{min(r):.2f}..{max(r):.2f}]" if r else "n/a")
            lines.append(_line(tuple(cells), widths))
        lines.append("")
        if any(r.batched for r in self.rows):
            lines.append("* batched rows: the stdlib column is its best per-datagram path (connected "
                         "send/recv); C uses sendmmsg/recvmmsg; the 2-CPU row lets both processes use 2 CPUs.")
            lines.append("** GSO rows: typedsock send_many(gso=True) + recv_many on a UDP_GRO socket; the stdlib "
                         "column is sendmsg with UDP_SEGMENT + recvmsg_into with UDP_GRO, each datagram split out "
                         "as its own bytes with its sender (udp_gso), or plain send/recv (udp_gso_plain).")
            if not W.has_batched(typedsock):
                lines.append("  typedsock has no DatagramSocket.send_many/recv_many yet: n/a.")
        if any(r.group == "async" for r in self.rows):
            lines.append("*** async rows: client and server tasks in one loop; stdlib column: asyncio's "
                         "loop.sock_* on socket.socket, or asyncio streams (***: typedsock.aio sockets against "
                         "asyncio streams); typedsock column: typedsock.aio. One op = one round trip.")
        lines.extend(self.notes)
        for key, per in self.errors.items():
            for who, text in per.items():
                lines.append(f"ERROR in {key} [{who}]:")
                lines.extend("    " + ln for ln in text.strip().splitlines()[-8:])
        return "\n".join(lines)

    def dump(self, path: str) -> None:
        data = {
            "meta": {
                "python": sys.version,
                "platform": platform.platform(),
                "cpu": _cpu_model(),
                "cpus": self.orig_cpus,
                "pinned_cpu": self.pinned,
                "rounds": self.args.rounds,
                "duration": self.args.duration,
                "c": self.c_exe is not None,
                "batched_available": W.has_batched(typedsock),
                "units": "op/bulk/ns rows: seconds per operation; bytes/rss: bytes; ms: seconds",
            },
            "rows": {
                r.key: {
                    "label": r.label,
                    "kind": r.kind,
                    "n": self.counts.get(r.key),
                    "rounds": self.values[r.key],
                    "ratio_typedsock_over_stdlib": self.summary(r)["ratio"],
                }
                for r in self.rows
            },
            "errors": self.errors,
            "notes": self.notes,
        }
        with open(path, "w") as f:
            json.dump(data, f, indent=1)


def _line(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    first = cells[0].ljust(widths[0])
    rest = "".join(c.rjust(w) for c, w in zip(cells[1:], widths[1:]))
    return (first + rest).rstrip()


def _time(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:.1f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def _rate(per_second: float) -> str:
    if per_second >= 1e6:
        return f"{per_second / 1e6:.2f}M/s"
    if per_second >= 1e3:
        return f"{per_second / 1e3:.1f}k/s"
    return f"{per_second:.0f}/s"


def _fmt(kind: str, value: float) -> str:
    if kind == "op":
        return f"{_time(value)} ({_rate(1 / value)})"
    if kind == "bulk":
        return f"{_time(value)} ({W.CHUNK / value / 1e6:,.0f} MB/s)"
    if kind == "ns":
        return f"{value * 1e9:.1f} ns"
    if kind == "bytes":
        return f"{value:,.0f} B"
    if kind == "rss":
        return f"{value / 1024:,.0f} KiB ({value / N_RSS:,.0f} B/sock)"
    if kind == "ms":
        return f"{value * 1e3:.2f} ms"
    return f"{value:g}"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=None, help="rounds (default 5; 3 with --quick)")
    p.add_argument("--quick", action="store_true", help="smoke run: short runs, 3 rounds")
    p.add_argument("--duration", type=float, default=None,
                   help="seconds per timed run (default 0.4; 0.03 with --quick)")
    p.add_argument("--json", metavar="PATH", help="write the raw per-round figures to PATH")
    p.add_argument("--only", metavar="KEYS", help="comma-separated row keys or groups "
                   "(pingpong, bulk, udp, gso, conn, calls, memory, import); --list shows them")
    p.add_argument("--list", action="store_true", help="list the rows and exit")
    p.add_argument("--no-c", action="store_true", help="skip the C baseline")
    p.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    args = p.parse_args(argv)
    if args.list:
        for r in ROWS:
            print(f"{r.key:18} {r.group:9} {r.label}")
        return 0
    if args.rounds is None:
        args.rounds = 3 if args.quick else 5
    if args.duration is None:
        args.duration = 0.03 if args.quick else 0.4
    if args.rounds < 1 or args.duration <= 0:
        p.error("--rounds and --duration must be positive")
    if not sys.platform.startswith("linux"):
        p.error("the benchmark needs Linux (fork, sched_setaffinity, /proc)")
    bench = Bench(args)
    if not bench.rows:
        p.error("--only matched no row")
    bench.run()
    print(bench.table())
    if args.json:
        bench.dump(args.json)
        print(f"raw figures written to {args.json}")
    return 1 if any("stdlib" in e for e in bench.errors.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
