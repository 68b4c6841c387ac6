"""Instructions per operation under callgrind: typedsock against the standard module.

    python bench/callgrind.py            # every operation, both modules
    python bench/callgrind.py send_recv  # one operation
    CALLGRIND_N=10000 python bench/callgrind.py   # steadier figures

Each figure is (instructions of a run doing 2N operations - instructions of a run
doing N) / N, so start-up, imports and warm-up cancel out.  Instruction counts are
repeatable on a shared machine where wall-clock times are not: budgets use them.
The "cffi floor" column makes the same system calls through the bare cffi functions
(``FLOORS``), with the least Python that gives the facade's results: what the facade
costs on top of cffi is ts/floor.  Needs valgrind on the PATH.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from typing import Any, Callable, Dict, List

N = int(os.environ.get("CALLGRIND_N", "4000"))  # more: steadier figures, slower


def _send_recv(mod: Any, n: int) -> None:
    """A 1-byte send and recv over an AF_UNIX socketpair."""
    a, b = mod.socketpair()
    with a, b:
        send, recv = a.send, b.recv
        for _ in range(n):
            send(b"x")
            recv(1)


def _sendto_recvfrom(mod: Any, n: int) -> None:
    """A 1-byte sendto and recvfrom over UDP loopback."""
    rx = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    tx = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    with rx, tx:
        rx.bind(("127.0.0.1", 0))
        peer = rx.getsockname()
        sendto, recvfrom = tx.sendto, rx.recvfrom
        for _ in range(n):
            sendto(b"x", peer)
            recvfrom(64)


def _accept(mod: Any, n: int) -> None:
    """connect, accept and close both ends over AF_UNIX (the listener's backlog absorbs the connect)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "s")
        with mod.socket(mod.AF_UNIX) as server:
            server.bind(path)
            server.listen(128)
            for _ in range(n):
                client = mod.socket(mod.AF_UNIX)
                client.connect(path)
                conn, _peer = server.accept()
                conn.close()
                client.close()


def _getsockname(mod: Any, n: int) -> None:
    with mod.socket(mod.AF_INET) as sock:
        sock.bind(("127.0.0.1", 0))
        getsockname = sock.getsockname
        for _ in range(n):
            getsockname()


def _fileno(mod: Any, n: int) -> None:
    with mod.socket(mod.AF_INET) as sock:
        fileno = sock.fileno
        for _ in range(n):
            fileno()


# -- the floor: the same system calls through the bare cffi functions, with the least
# Python that turns their results into the facade's (bytes; a cached address) -----------
def _floor_send_recv(n: int) -> None:
    import typedsock
    from typedsock._sock import ffi, lib

    a, b = typedsock.socketpair()
    with a, b:
        send, recv, fa, fb = lib.send, lib.recv, a.fileno(), b.fileno()
        buf = ffi.new("char[]", 65536)
        view = ffi.buffer(buf)
        for _ in range(n):
            send(fa, b"x", 1, 0)
            view[: recv(fb, buf, 1, 0)]


def _floor_sendto_recvfrom(n: int) -> None:
    import typedsock
    from typedsock._sock import ffi, lib

    rx = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM)
    tx = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM)
    with rx, tx:
        rx.bind(("127.0.0.1", 0))
        peer = rx.getsockname()
        sa, salen = rx._codec.encode(peer, "sendto")  # packed once: the facade packs per call
        sendto, recvfrom, ftx, frx = lib.sendto, lib.ts_recvfrom, tx.fileno(), rx.fileno()
        buf = ffi.new("char[]", 65536)
        view = ffi.buffer(buf)
        src, srclen, key = ffi.new("struct sockaddr[8]"), ffi.new("socklen_t *"), ffi.new("int64_t *")
        cache: Dict[int, object] = {}
        for _ in range(n):
            sendto(ftx, b"x", 1, 0, sa, salen)
            data = view[: recvfrom(frx, buf, 64, 0, src, srclen, key)]
            (data, cache.get(key[0]))


def _floor_getsockname(n: int) -> None:
    import typedsock
    from typedsock._sock import ffi, lib

    with typedsock.socket(typedsock.AF_INET) as sock:
        sock.bind(("127.0.0.1", 0))
        getsockname, fd = lib.ts_getsockname, sock.fileno()
        sa, salen, key = ffi.new("struct sockaddr[8]"), ffi.new("socklen_t *"), ffi.new("int64_t *")
        cache: Dict[int, object] = {}
        for _ in range(n):
            getsockname(fd, sa, salen, key)
            cache.get(key[0])


FLOORS: Dict[str, Callable[[int], None]] = {
    "send_recv": _floor_send_recv,
    "sendto_recvfrom": _floor_sendto_recvfrom,
    "getsockname": _floor_getsockname,
}

OPERATIONS: Dict[str, Callable[[Any, int], None]] = {
    "send_recv": _send_recv,
    "sendto_recvfrom": _sendto_recvfrom,
    "accept": _accept,
    "getsockname": _getsockname,
    "fileno": _fileno,
}
MODULES = ("socket", "typedsock", "floor")  # floor: the bare cffi calls (FLOORS)


def _instructions(operation: str, module: str, n: int) -> int:
    # one hash seed for every run: dict probes then cost the same in each
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, __file__, "--child", operation, module, str(n)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if match is None:
        raise SystemExit(f"no callgrind summary:\n{proc.stderr}")
    return int(match.group(1))


def main(argv: List[str]) -> int:
    if argv[:1] == ["--child"]:
        operation, module, n = argv[1], argv[2], int(argv[3])
        if module == "floor":
            FLOORS[operation](50)
            FLOORS[operation](n)
            return 0
        mod = importlib.import_module(module)
        OPERATIONS[operation](mod, 50)  # warm caches and pools before counting
        OPERATIONS[operation](mod, n)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    wanted = argv or list(OPERATIONS)
    print(f"{'operation':<18} {'socket':>10} {'typedsock':>10} {'cffi floor':>10} {'ts/socket':>10} {'ts/floor':>9}"
          "   (instructions per operation)")
    for operation in wanted:
        per: Dict[str, float] = {}
        for module in MODULES:
            if module == "floor" and operation not in FLOORS:
                continue
            per[module] = (_instructions(operation, module, 2 * N) - _instructions(operation, module, N)) / N
        floor = f"{per['floor']:>10,.0f}" if "floor" in per else f"{'':>10}"
        over = f"{per['typedsock'] / per['floor']:>9.2f}" if "floor" in per else ""
        print(f"{operation:<18} {per['socket']:>10,.0f} {per['typedsock']:>10,.0f} {floor} "
              f"{per['typedsock'] / per['socket']:>10.2f} {over}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
