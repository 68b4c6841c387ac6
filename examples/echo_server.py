"""The seed's echo server: serve one client, echoing until it closes.

    python examples/echo_server.py inet 50007        # TCP on loopback
    python examples/echo_server.py unix /tmp/echo.sock
"""

from __future__ import annotations

import sys

import typedsock
from typedsock import InetAddress, StreamSocket, UnixAddress, options


def serve_one(server: StreamSocket[InetAddress] | StreamSocket[UnixAddress]) -> None:
    """Accept one connection on a listening socket and echo until the peer closes."""
    conn, peer = server.accept()
    print("Connected by", peer)
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data)


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[1] not in ("inet", "unix"):
        raise SystemExit(__doc__)
    if argv[1] == "inet":
        with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as inet:
            inet.set(options.SO_REUSEADDR, True)
            inet.bind(InetAddress.loopback(int(argv[2])))
            inet.listen(1)
            serve_one(inet)
    else:
        with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM) as unix:
            unix.bind(UnixAddress(argv[2]))
            unix.listen(1)
            serve_one(unix)


if __name__ == "__main__":
    main(sys.argv)
