"""AF_UNIX stream echo on a filesystem path, and the same over ``socketpair()``.

The server binds a path in a temporary directory, accepts one client and echoes
until it shuts down its side; the path is removed afterwards, as such servers do.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import threading
import types
from typing import Any, List

MESSAGES = [b"over a path", b"y" * 100000, b"end"]
TIMEOUT = 10.0


def echo(conn: Any) -> None:
    while True:
        data = conn.recv(4096)
        if not data:
            break
        conn.sendall(data)


def serve(server: Any, errors: List[BaseException]) -> None:
    try:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(TIMEOUT)
            echo(conn)
    except BaseException as exc:  # handed to the main thread
        errors.append(exc)


def recv_exactly(sock: Any, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(min(65536, size - len(data)))
        if not chunk:
            raise EOFError(f"connection closed after {len(data)} of {size} bytes")
        data += chunk
    return data


def exchange(client: Any, shut_wr: int) -> None:
    """Send each message and read its echo; then shut down writing and expect EOF."""
    for message in MESSAGES:
        client.sendall(message)
        assert recv_exactly(client, len(message)) == message
    client.shutdown(shut_wr)
    assert client.recv(1) == b""


def main(socket: types.ModuleType) -> None:
    with tempfile.TemporaryDirectory(prefix="parity-", dir="/tmp") as directory:
        path = os.path.join(directory, "echo.sock")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(path)
            server.listen(1)
            server.settimeout(TIMEOUT)
            assert os.path.exists(path)
            errors: List[BaseException] = []
            thread = threading.Thread(target=serve, args=(server, errors), daemon=True)
            thread.start()
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.settimeout(TIMEOUT)
                client.connect(path)
                assert os.fspath(client.getpeername()) == path
                exchange(client, socket.SHUT_WR)
            thread.join(TIMEOUT)
            assert not thread.is_alive(), "server thread did not finish"
            if errors:
                raise errors[0]
        os.unlink(path)

    # The same conversation over a connected pair.
    left, right = socket.socketpair()
    with left, right:
        right.settimeout(TIMEOUT)
        errors = []

        def serve_pair() -> None:
            try:
                echo(right)
                right.shutdown(socket.SHUT_WR)  # the pair stays open: end the stream
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=serve_pair, daemon=True)
        thread.start()
        left.settimeout(TIMEOUT)
        exchange(left, socket.SHUT_WR)
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "pair thread did not finish"
        if errors:
            raise errors[0]


if __name__ == "__main__":
    main(importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "socket"))
    print("ok")
