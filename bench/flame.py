#!/usr/bin/env python3
"""Where a workload's time goes: one bench workload under py-spy, summarised.

    python bench/flame.py bulk_recv_into              # typedsock, both processes
    python bench/flame.py conn_tcp --module stdlib --native
    python bench/flame.py bulk_recv --svg bulk.svg    # a flame graph instead

Runs ``workloads.<name>`` on one module for a few seconds in a child process that
py-spy samples (its forked peers too, ``--subprocesses``), then prints, per process,
the share of samples whose innermost Python frame is each function ("self") and the
share that passes through each typedsock function ("total").  ``--native`` adds the
C frames (cffi, the shim, libc), which shows what a Python frame spends in C.
py-spy comes from PyPI (``pip install py-spy``) and needs ptrace rights (root here).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Counter, Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))


def _child(name: str, module: str, seconds: float) -> None:
    sys.path.insert(0, HERE)
    import workloads as W

    mod = __import__(module)
    work = getattr(W, name)
    n, spent = 64, 0.0
    while spent < seconds / 4:  # calibrate to about a quarter of the run, then run the rest
        n *= 2
        spent = work(mod, n)
    remaining = seconds - spent
    while remaining > 0:
        remaining -= work(mod, n)


def _summarise(raw: str, top: int) -> None:
    # py-spy's raw format: "frame;frame;...;innermost count" per distinct stack, its first
    # frames naming the processes.  A stack that passes through workloads.forked ran in
    # the forked peer; any other in the timed process.
    roles: Dict[str, Tuple[Counter[str], Counter[str], List[int]]] = {}
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        frames = [frame for frame in stack.split(";") if frame and not frame.startswith("process ")]
        if not frames:
            continue
        count = int(count_text)
        role = "peer (forked)" if any(frame.startswith("forked (") for frame in frames) else "timed process"
        self_count, total_count, samples = roles.setdefault(role, (Counter(), Counter(), [0]))
        samples[0] += count
        self_count[frames[-1]] += count
        for frame in set(frames):
            if "typedsock" in frame:
                total_count[frame] += count
    for role, (self_count, total_count, samples) in sorted(roles.items()):
        print(f"\n== {role}: {samples[0]} samples")
        print("  self   innermost frame")
        for frame, count in self_count.most_common(top):
            print(f"  {100 * count / samples[0]:5.1f}%  {frame}")
        if total_count:
            print("  total  typedsock frame")
            for frame, count in total_count.most_common(top):
                print(f"  {100 * count / samples[0]:5.1f}%  {frame}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workload", help="a function of bench/workloads.py, e.g. bulk_recv_into, conn_tcp")
    parser.add_argument("--module", choices=("typedsock", "socket", "stdlib"), default="typedsock")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--rate", type=int, default=1000, help="samples per second")
    parser.add_argument("--native", action="store_true", help="sample C frames too")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--svg", help="write a flame graph here instead of the summary")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    module = "socket" if args.module == "stdlib" else args.module
    if args.child:
        _child(args.workload, module, args.seconds)
        return
    spy = shutil.which("py-spy")
    if spy is None:
        sys.exit("py-spy is not installed: pip install py-spy")
    with tempfile.TemporaryDirectory(prefix="tsflame") as tmp:
        out = args.svg or os.path.join(tmp, "stacks.txt")
        cmd = [spy, "record", "--subprocesses", "--rate", str(args.rate), "--output", out]
        cmd += ["--format", "flamegraph" if args.svg else "raw"]
        if args.native:
            cmd.append("--native")
        cmd += ["--", sys.executable, os.path.abspath(__file__), args.workload, "--child"]
        cmd += ["--module", module, "--seconds", str(args.seconds)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        if args.svg:
            print(f"wrote {args.svg}")
            return
        with open(out) as stacks:
            _summarise(stacks.read(), args.top)


if __name__ == "__main__":
    main()
