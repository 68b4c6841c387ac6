"""TCP echo server and client, the classic way: bind, listen, accept, recv/sendall.

The server thread echoes every connection until the client shuts down its side;
the client sends a few messages (one larger than a socket buffer) and reads each
echo back with ``recv``; on a second connection it talks line by line through
``makefile``.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any, List

MESSAGES = [b"hello", b"x" * 70000, b"\x00binary\xff", b"bye"]
LINES = ["first line\n", "second line, caf\u00e9\n", "third\n"]
TIMEOUT = 10.0


def serve(server: Any, connections: int, errors: List[BaseException]) -> None:
    """Echo ``connections`` connections, one after the other, on the listening ``server``."""
    try:
        for _ in range(connections):
            conn, addr = server.accept()
            with conn:
                assert addr[0] == "127.0.0.1"
                conn.settimeout(TIMEOUT)
                while True:
                    data = conn.recv(4096)
                    if not data:
                        break
                    conn.sendall(data)
    except BaseException as exc:  # handed to the main thread
        errors.append(exc)


def main(socket: types.ModuleType) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.settimeout(TIMEOUT)
        host, port = server.getsockname()
        errors: List[BaseException] = []
        thread = threading.Thread(target=serve, args=(server, 2, errors), daemon=True)
        thread.start()

        # 1. each message and its echo, then EOF once the client shuts down its side.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
            client.settimeout(TIMEOUT)
            client.connect((host, port))
            assert client.getpeername() == (host, port)
            for message in MESSAGES:
                client.sendall(message)
                echoed = b""
                while len(echoed) < len(message):
                    chunk = client.recv(8192)
                    assert chunk, "server closed early"
                    echoed += chunk
                assert echoed == message
            client.shutdown(socket.SHUT_WR)
            assert client.recv(8192) == b""

        # 2. a line protocol through makefile(), on create_connection().
        with socket.create_connection((host, port), timeout=TIMEOUT) as client:
            with client.makefile("rw", encoding="utf-8", newline="") as stream:
                for line in LINES:
                    stream.write(line)
                    stream.flush()
                    assert stream.readline() == line
            client.shutdown(socket.SHUT_WR)
            assert client.recv(10) == b""

        thread.join(TIMEOUT)
        assert not thread.is_alive(), "server thread did not finish"
        if errors:
            raise errors[0]


if __name__ == "__main__":
    main(importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "socket"))
    print("ok")
