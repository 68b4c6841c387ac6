"""The seed's echo client: send 'Hello, world' and print the reply.

    python examples/echo_client.py inet 50007
    python examples/echo_client.py unix /tmp/echo.sock
"""

from __future__ import annotations

import sys

import typedsock
from typedsock import InetAddress, UnixAddress


def talk(sock: typedsock.StreamSocket[InetAddress] | typedsock.StreamSocket[UnixAddress]) -> bytes:
    sock.sendall(b"Hello, world")
    return sock.recv(1024)


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[1] not in ("inet", "unix"):
        raise SystemExit(__doc__)
    if argv[1] == "inet":
        with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as inet:
            inet.connect(InetAddress.loopback(int(argv[2])))
            print("Received", repr(talk(inet)))
    else:
        with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_STREAM) as unix:
            unix.connect(UnixAddress(argv[2]))
            print("Received", repr(talk(unix)))


if __name__ == "__main__":
    main(sys.argv)
