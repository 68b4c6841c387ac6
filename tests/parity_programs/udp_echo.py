"""UDP echo: a server answers each datagram to its sender with ``recvfrom``/``sendto``.

Two clients: one unconnected (``sendto`` the server, ``recvfrom`` its answer and
check the sender), one ``connect``-ed (plain ``send``/``recv``).  A last datagram
tells the server to stop.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any, List

MESSAGES = [b"ping", b"", b"x" * 8000, b"\x00\x01\x02"]
STOP = b"stop"
TIMEOUT = 10.0


def serve(server: Any, errors: List[BaseException]) -> None:
    try:
        while True:
            data, sender = server.recvfrom(65535)
            if data == STOP:
                break
            server.sendto(data, sender)
    except BaseException as exc:  # handed to the main thread
        errors.append(exc)


def main(socket: types.ModuleType) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(("127.0.0.1", 0))
        server.settimeout(TIMEOUT)
        address = server.getsockname()
        errors: List[BaseException] = []
        thread = threading.Thread(target=serve, args=(server, errors), daemon=True)
        thread.start()

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
            client.settimeout(TIMEOUT)
            for message in MESSAGES:
                client.sendto(message, address)
                data, sender = client.recvfrom(65535)
                assert data == message
                assert sender == address
                host, port = sender
                assert (host, port) == ("127.0.0.1", address[1])

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
            client.settimeout(TIMEOUT)
            client.connect(address)
            for message in MESSAGES:
                assert client.send(message) == len(message)
                assert client.recv(65535) == message
            client.send(STOP)

        thread.join(TIMEOUT)
        assert not thread.is_alive(), "server thread did not finish"
        if errors:
            raise errors[0]


if __name__ == "__main__":
    main(importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "socket"))
    print("ok")
