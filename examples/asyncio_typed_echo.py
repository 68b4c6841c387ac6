"""An asyncio echo server and clients on typedsock.aio: every address typed, no conversion.

* the server: ``aio.start_server(handle, typedsock.create_server(...))``; each
  handler's writer has ``peername: InetAddress``;
* half the clients: an ``AsyncStreamSocket[InetAddress, InetAddressLike]`` made with
  ``aio.wrap`` (``connect``, ``sendall``, ``recv`` awaited);
* the other half: ``aio.open_connection``, asyncio streams whose writer has the peer typed.

``main()`` runs the server and the clients concurrently in one process and exits 0
when every echo came back intact and each client's address was the one the server saw:

    python examples/asyncio_typed_echo.py [clients] [--uvloop]
"""

from __future__ import annotations

import asyncio
import sys
from typing import List, Set, Union

import typedsock
from typedsock import Inet6Address, InetAddress, aio

seen: Set[InetAddress] = set()  # the peers the server saw


async def handle(reader: asyncio.StreamReader, writer: aio.StreamWriter[InetAddress]) -> None:
    """Echo each line back until the client closes."""
    seen.add(writer.peername)  # an InetAddress: .host and .port, typed
    try:
        while line := await reader.readline():
            writer.write(line)
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()


async def client_socket(address: InetAddress, index: int) -> InetAddress:
    """A client on an AsyncStreamSocket: the blocking calls, awaited."""
    async with aio.wrap(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM)) as sock:
        await sock.connect(address)
        message = f"hello from socket client {index}\n".encode()
        await sock.sendall(message)
        echoed = b""
        while len(echoed) < len(message):
            chunk = await sock.recv(4096)
            if not chunk:
                raise EOFError(f"client {index}: the server closed early")
            echoed += chunk
        if echoed != message:
            raise ValueError(f"client {index}: {echoed!r}")
        return sock.getsockname()


async def client_streams(address: InetAddress, index: int) -> Union[InetAddress, Inet6Address]:
    """A client on streams: the writer's peername and sockname are typed."""
    reader, writer = await aio.open_connection(address.host, address.port)
    try:
        message = f"hello from stream client {index}\n".encode()
        writer.write(message)
        await writer.drain()
        if await reader.readline() != message:
            raise ValueError(f"client {index}: bad echo")
        return writer.sockname
    finally:
        writer.close()
        await writer.wait_closed()


async def serve_and_talk(count: int) -> bool:
    seen.clear()
    async with await aio.start_server(handle, typedsock.create_server(InetAddress.loopback(0))) as server:
        address = server.address
        clients: List[Union[InetAddress, Inet6Address]] = await asyncio.wait_for(
            asyncio.gather(*((client_socket if index % 2 else client_streams)(address, index) for index in range(count))),
            timeout=30.0,
        )
    return set(clients) == seen and len(seen) == count


def main(count: int = 6, use_uvloop: bool = False) -> int:
    """Serve ``count`` concurrent clients on loopback; 0 when every echo came back intact."""
    loop: asyncio.AbstractEventLoop
    if use_uvloop:
        import uvloop

        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    try:
        ok = loop.run_until_complete(serve_and_talk(count))
    finally:
        loop.close()
    if not ok:
        print("asyncio typed echo: a reply or an address did not match", file=sys.stderr)
        return 1
    print(f"asyncio typed echo: {count} concurrent clients served{' (uvloop)' if use_uvloop else ''}")
    return 0


if __name__ == "__main__":
    counts = [int(arg) for arg in sys.argv[1:] if arg != "--uvloop"]
    raise SystemExit(main(counts[0] if counts else 6, use_uvloop="--uvloop" in sys.argv))
