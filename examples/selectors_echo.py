"""An echo server that serves many clients at once with ``selectors``, on typedsock sockets.

typedsock sockets have ``fileno()``, so they register with a selector directly.
``main()`` runs the server in a thread and a few clients that all connect before
any of them sends (a one-client-at-a-time server would deadlock), checks every
echo, and exits 0:

    python examples/selectors_echo.py [clients]
"""

from __future__ import annotations

import selectors
import sys
import threading
from typing import Dict, List

import typedsock
from typedsock import InetAddress, StreamSocket


class EchoServer:
    """Echo on every connection of ``listener`` until ``expected`` clients have come and gone."""

    def __init__(self, listener: StreamSocket[InetAddress], expected: int) -> None:
        self.listener = listener
        self.expected = expected
        self.selector = selectors.DefaultSelector()
        self.clients: Dict[int, StreamSocket[InetAddress]] = {}  # fd -> connection
        self.pending: Dict[int, bytes] = {}  # fd -> echo not yet sent
        self.served = 0
        self.stop = threading.Event()  # set by the caller to end the loop early

    def serve(self) -> None:
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ)
        try:
            while (self.served < self.expected or self.clients) and not self.stop.is_set():
                for key, events in self.selector.select(timeout=0.5):
                    if key.fd == self.listener.fileno():
                        self._accept()
                    else:
                        self._service(key.fd, events)
        finally:
            for conn in self.clients.values():
                conn.close()
            self.selector.close()

    def _accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        self.clients[conn.fileno()] = conn
        self.selector.register(conn, selectors.EVENT_READ)
        self.served += 1

    def _service(self, fd: int, events: int) -> None:
        conn = self.clients[fd]
        if events & selectors.EVENT_READ:
            data = conn.recv(4096)
            if not data:
                self._drop(fd)
                return
            self.pending[fd] = self.pending.get(fd, b"") + data
        out = self.pending.get(fd, b"")
        if out:
            try:
                sent = conn.send(out)
            except BlockingIOError:
                sent = 0
            self.pending[fd] = out[sent:]
        wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if self.pending[fd] else 0)
        self.selector.modify(conn, wanted)

    def _drop(self, fd: int) -> None:
        conn = self.clients.pop(fd)
        self.pending.pop(fd, None)
        self.selector.unregister(conn)
        conn.close()


def run_clients(address: InetAddress, count: int, rounds: int = 3) -> List[bytes]:
    """Connect ``count`` clients at once, then talk to them in turn; returns what came back."""
    clients = [typedsock.create_connection(address, timeout=10.0) for _ in range(count)]
    received: List[bytes] = [b""] * count
    try:
        for step in range(rounds):
            for index, client in enumerate(clients):
                client.sendall(f"client {index} round {step}\n".encode())
            for index, client in enumerate(clients):
                expected = f"client {index} round {step}\n".encode()
                chunk = b""
                while len(chunk) < len(expected):
                    data = client.recv(len(expected) - len(chunk))
                    if not data:
                        raise ConnectionError("server closed early")
                    chunk += data
                received[index] += chunk
    finally:
        for client in clients:
            client.close()
    return received


def main(count: int = 5) -> int:
    """Serve ``count`` concurrent clients on loopback; 0 when every echo came back intact."""
    with typedsock.create_server(InetAddress.loopback(0)) as listener:
        server = EchoServer(listener, count)
        thread = threading.Thread(target=server.serve, name="selectors-echo", daemon=True)
        thread.start()
        try:
            received = run_clients(listener.getsockname(), count)
        finally:
            thread.join(timeout=10.0)
            server.stop.set()
            thread.join()
    for index, data in enumerate(received):
        expected = b"".join(f"client {index} round {step}\n".encode() for step in range(3))
        if data != expected:
            print(f"client {index}: got {data!r}", file=sys.stderr)
            return 1
    print(f"selectors echo: {count} concurrent clients served")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*(int(arg) for arg in sys.argv[1:2])))
