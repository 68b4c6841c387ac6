"""A multi-client echo server on ``selectors``, as in the ``selectors`` documentation.

The listening socket and every connection are non-blocking and registered with a
``DefaultSelector``; each key's ``data`` is the callback to run when it is ready.
Several clients (threads) connect, wait until all are connected (a server that
served one at a time would deadlock here), then each sends its messages and
checks every echo.  The loop ends once every client has come and gone.
"""

from __future__ import annotations

import importlib
import selectors
import sys
import threading
import types
from typing import Any, Callable, Dict, List

CLIENTS = 5
ROUNDS = 20
TIMEOUT = 10.0


class Server:
    def __init__(self, listener: Any) -> None:
        self.listener = listener
        self.selector = selectors.DefaultSelector()
        self.pending: Dict[Any, bytes] = {}  # connection -> echo not yet sent
        self.served = 0
        self.open = 0

    def accept(self, sock: Any, mask: int) -> None:
        conn, addr = sock.accept()
        assert addr[0] == "127.0.0.1"
        conn.setblocking(False)
        self.served += 1
        self.open += 1
        self.pending[conn] = b""
        self.selector.register(conn, selectors.EVENT_READ, self.service)

    def service(self, conn: Any, mask: int) -> None:
        if mask & selectors.EVENT_READ:
            data = conn.recv(1000)
            if not data:
                self.selector.unregister(conn)
                del self.pending[conn]
                conn.close()
                self.open -= 1
                return
            self.pending[conn] += data
        out = self.pending[conn]
        if out:
            try:
                sent = conn.send(out)
            except BlockingIOError:
                sent = 0
            self.pending[conn] = out = out[sent:]
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if out else 0)
        self.selector.modify(conn, events, self.service)

    def run(self, clients: int, errors: List[BaseException]) -> None:
        try:
            self.listener.setblocking(False)
            self.selector.register(self.listener, selectors.EVENT_READ, self.accept)
            while self.served < clients or self.open:
                ready = self.selector.select(timeout=TIMEOUT)
                if not ready:
                    raise TimeoutError("no event for the selector in time")
                for key, mask in ready:
                    callback: Callable[[Any, int], None] = key.data
                    callback(key.fileobj, mask)
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)
        finally:
            for conn in list(self.pending):
                conn.close()
            self.selector.close()


def client(
    socket: types.ModuleType,
    address: Any,
    number: int,
    everyone: threading.Barrier,
    errors: List[BaseException],
) -> None:
    try:
        with socket.create_connection(address, timeout=TIMEOUT) as sock:
            everyone.wait(TIMEOUT)
            for round_ in range(ROUNDS):
                message = f"client {number} round {round_} ".encode() * (round_ + 1)
                sock.sendall(message)
                echoed = b""
                while len(echoed) < len(message):
                    chunk = sock.recv(4096)
                    assert chunk, "server closed early"
                    echoed += chunk
                assert echoed == message
    except BaseException as exc:
        errors.append(exc)


def main(socket: types.ModuleType) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(CLIENTS)
        address = listener.getsockname()
        server = Server(listener)
        errors: List[BaseException] = []
        threads = [threading.Thread(target=server.run, args=(CLIENTS, errors), daemon=True)]
        everyone = threading.Barrier(CLIENTS)
        threads += [
            threading.Thread(target=client, args=(socket, address, n, everyone, errors), daemon=True)
            for n in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(2 * TIMEOUT)
            assert not thread.is_alive(), f"{thread.name} did not finish"
        if errors:
            raise errors[0]
        assert server.served == CLIENTS and server.open == 0


if __name__ == "__main__":
    main(importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "socket"))
    print("ok")
