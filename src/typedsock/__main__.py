"""``python -m typedsock demo``: the seed's echo example over TCP loopback and AF_UNIX,
both ends in one process, printing the typed addresses each call returns."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from typing import Union

import typedsock
from typedsock import InetAddress, StreamSocket, UnixAddress

__all__ = ["demo", "main"]

_Server = Union[StreamSocket[InetAddress], StreamSocket[UnixAddress]]


def _echo_once(server: _Server) -> None:
    conn, peer = server.accept()
    print(f"  server accepted {peer!r}")
    with conn:
        while data := conn.recv(1024):
            conn.sendall(data)


def _round_trip(server: _Server, client: _Server) -> None:
    # (printed before the server thread starts, so the two never share a line)
    print(f"  client at {client.getsockname()!r}, peer {client.getpeername()!r}")
    thread = threading.Thread(target=_echo_once, args=(server,))
    thread.start()
    client.sendall(b"Hello, world")
    reply = client.recv(1024)
    client.shutdown(typedsock.SHUT_WR)
    thread.join()
    print(f"  client received {reply!r}")
    if reply != b"Hello, world":
        raise SystemExit("echo mismatch")


def demo() -> None:
    print("AF_INET on loopback:")
    with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as server:
        server.bind(InetAddress.loopback(0))
        server.listen(1)
        address = server.getsockname()  # an InetAddress, for the type checker too
        print(f"  server listening on {address!r}")
        with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as client:
            client.connect(address)
            _round_trip(server, client)

    print("AF_UNIX in a temporary folder:")
    with tempfile.TemporaryDirectory() as folder:
        path = UnixAddress(os.path.join(folder, "echo.sock"))
        with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM) as userver:
            userver.bind(path)
            userver.listen(1)
            print(f"  server listening on {userver.getsockname()!r}")
            with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM) as uclient:
                uclient.connect(path)
                _round_trip(userver, uclient)


def main(argv: list[str]) -> int:
    if argv[1:] != ["demo"]:
        print("usage: python -m typedsock demo", file=sys.stderr)
        return 2
    demo()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
