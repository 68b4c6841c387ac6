"""An asyncio echo server and clients, on sockets made by typedsock.

typedsock makes the sockets (with their precise types: the listener is a
``StreamSocket[InetAddress]``) and hands each to asyncio with ``to_stdlib()``,
which moves the descriptor into a standard ``socket.socket``:

* the server: ``asyncio.start_server(handler, sock=listener.to_stdlib())``;
* half the clients: ``loop.sock_connect``/``sock_sendall``/``sock_recv`` on a
  converted non-blocking socket; the other half: ``asyncio.open_connection(sock=...)``.

``main()`` runs the server and a few clients concurrently in one process and
exits 0 when every echo came back intact:

    python examples/asyncio_echo.py [clients]
"""

from __future__ import annotations

import asyncio
import sys

import typedsock
from typedsock import InetAddress


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Echo each line back until the client closes."""
    try:
        while line := await reader.readline():
            writer.write(line)
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()


async def client_low_level(address: InetAddress, index: int) -> bytes:
    """A client on ``loop.sock_*`` calls."""
    loop = asyncio.get_running_loop()
    sock = typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM)
    sock.setblocking(False)
    with sock.to_stdlib() as std:  # the typedsock object is now closed (fileno() == -1)
        await loop.sock_connect(std, address)
        message = f"hello from low-level client {index}\n".encode()
        await loop.sock_sendall(std, message)
        echoed = b""
        while len(echoed) < len(message):
            chunk = await loop.sock_recv(std, 4096)
            if not chunk:
                break
            echoed += chunk
        return echoed


async def client_streams(address: InetAddress, index: int) -> bytes:
    """A client on asyncio streams over a socket typedsock connected."""
    sock = typedsock.create_connection(address)
    sock.setblocking(False)
    reader, writer = await asyncio.open_connection(sock=sock.to_stdlib())
    try:
        writer.write(f"hello from stream client {index}\n".encode())
        await writer.drain()
        return await reader.readline()
    finally:
        writer.close()
        await writer.wait_closed()


async def serve_and_talk(count: int) -> bool:
    listener = typedsock.create_server(InetAddress.loopback(0))
    address = listener.getsockname()
    server = await asyncio.start_server(handle, sock=listener.to_stdlib())
    async with server:
        replies = await asyncio.wait_for(
            asyncio.gather(
                *(
                    (client_low_level if index % 2 else client_streams)(address, index)
                    for index in range(count)
                )
            ),
            timeout=30.0,
        )
    expected = [
        f"hello from {'low-level' if index % 2 else 'stream'} client {index}\n".encode()
        for index in range(count)
    ]
    return replies == expected


def main(count: int = 6) -> int:
    """Serve ``count`` concurrent clients on loopback; 0 when every echo came back intact."""
    if not asyncio.run(serve_and_talk(count)):
        print("asyncio echo: a reply did not match", file=sys.stderr)
        return 1
    print(f"asyncio echo: {count} concurrent clients served")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*(int(arg) for arg in sys.argv[1:2])))
