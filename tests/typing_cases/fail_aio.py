"""typedsock.aio refuses what the blocking socket refuses: another family's address, accept
on a datagram socket, gso off AF_INET/AF_INET6, a wrong handler for a server."""

import asyncio

from typedsock import AF_INET, AF_UNIX, SOCK_DGRAM, SOCK_STREAM, InetAddress, UnixAddress, create_server, socket
from typedsock import aio


async def handle_unix(reader: asyncio.StreamReader, writer: aio.StreamWriter[UnixAddress]) -> None: ...


async def wrong() -> None:
    s = aio.wrap(socket(AF_INET, SOCK_STREAM))
    await s.connect(UnixAddress("/run/socket"))  # E: arg-type
    await s.connect("/run/socket")  # E: arg-type
    u = aio.wrap(socket(AF_UNIX, SOCK_STREAM))
    await u.connect(("127.0.0.1", 80))  # E: arg-type
    d = aio.wrap(socket(AF_INET, SOCK_DGRAM))
    await d.accept()  # E: attr-defined
    d.listen()  # E: attr-defined
    await d.sendto(b"x", "/run/socket")  # E: call-overload
    ud = aio.wrap(socket(AF_UNIX, SOCK_DGRAM))
    await ud.send_many([b"x"], gso=True)  # E: call-arg
    peer: UnixAddress = (await s.accept())[1]  # E: assignment
    inet: InetAddress = (await u.accept())[1]  # E: assignment
    await s.sendfile(b"not a file")  # E: arg-type
    await aio.start_server(handle_unix, create_server(("127.0.0.1", 0)))  # E: arg-type
    aio.wrap(3)  # E: call-overload
    await s.recv("10")  # E: arg-type
