"""Memory of socket objects, measured in a fresh interpreter per module.

    python memprobe.py MODULE N_RSS N_TRACE

prints one JSON object: ``sizeof`` (sys.getsizeof of one socket object),
``traced_per_socket`` (tracemalloc bytes per socket over N_TRACE sockets) and
``rss_bytes`` (RSS growth for N_RSS open sockets; null with ``rss_error`` when
RLIMIT_NOFILE cannot be raised far enough).  Imports nothing but the module
under test and the standard library.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import resource
import sys
import tracemalloc
from typing import Any


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main() -> None:
    modname, n_rss, n_trace = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mod = importlib.import_module(modname)

    def new() -> Any:
        return mod.socket(mod.AF_INET, mod.SOCK_STREAM)

    warm = [new() for _ in range(16)]  # first-use caches, pools, lazy imports
    for s in warm:
        s.close()
    one = new()
    out: dict[str, object] = {"sizeof": sys.getsizeof(one)}
    one.close()

    # RSS first: the tracemalloc phase below would leave freed memory for reuse.
    need = n_rss + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < need:
        target = need if hard == resource.RLIM_INFINITY else min(hard, max(need, soft))
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError) as exc:
            out["rss_error"] = f"cannot raise RLIMIT_NOFILE: {exc}"
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft != resource.RLIM_INFINITY and soft < need:
        out["rss_bytes"] = None
        out.setdefault("rss_error", f"RLIMIT_NOFILE hard limit {hard} < {need}")
    else:
        socks: list[Any] = [None] * n_rss
        gc.collect()
        before = rss()
        for i in range(n_rss):
            socks[i] = new()
        out["rss_bytes"] = rss() - before
        for s in socks:
            s.close()
        del socks

    socks = [None] * n_trace
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(n_trace):
        socks[i] = new()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    out["traced_per_socket"] = (after - before) / n_trace
    for s in socks:
        s.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
