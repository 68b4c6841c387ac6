"""typedsock.aio: each async call typed as its blocking counterpart, by family and kind."""

# mypy: disallow-any-expr

import asyncio
from typing import List, Optional, Tuple, Union

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_NETLINK,
    AF_UNIX,
    SOCK_DGRAM,
    SOCK_STREAM,
    DatagramSocket,
    Inet6Address,
    Inet6AddressLike,
    InetAddress,
    InetAddressLike,
    NetlinkAddress,
    StreamSocket,
    UnixAddress,
    UnixAddressLike,
    create_server,
    socket,
)
from typedsock import aio
from typedsock.ancillary import Received, Rights


async def tcp(peer: InetAddress) -> None:
    s = aio.wrap(socket(AF_INET, SOCK_STREAM))
    assert_type(s, aio.AsyncStreamSocket[InetAddress, InetAddressLike])
    await s.connect(("127.0.0.1", 80))
    await s.connect(peer)
    assert_type(await s.send(b"x"), int)
    assert_type(await s.sendall(memoryview(b"x")), None)
    assert_type(s.sendall_progress, int)
    assert_type(await s.recv(10), bytes)
    assert_type(await s.recv_into(bytearray(10)), int)
    assert_type(await s.recvfrom(10), Tuple[bytes, Optional[InetAddress]])
    assert_type(s.getpeername(), InetAddress)
    assert_type(s.blocking, StreamSocket[InetAddress])
    conn, address = await s.accept()
    assert_type(conn, aio.AsyncStreamSocket[InetAddress, InetAddressLike])
    assert_type(address, InetAddress)
    with open("/etc/hostname", "rb") as f:
        assert_type(await s.sendfile(f), int)
    assert_type(s.to_blocking(), StreamSocket[InetAddress])


async def inet6_unix_and_datagrams() -> None:
    s6 = aio.wrap(socket(AF_INET6, SOCK_STREAM))
    assert_type(s6, aio.AsyncStreamSocket[Inet6Address, Inet6AddressLike])
    await s6.connect(("::1", 80, 0, 0))
    assert_type((await s6.accept())[1], Inet6Address)
    u = aio.wrap(socket(AF_UNIX, SOCK_STREAM))
    assert_type(u, aio.AsyncStreamSocket[UnixAddress, UnixAddressLike])
    await u.connect("/run/socket")
    assert_type(await u.sendmsg([b"fd"], [Rights([0])]), int)
    assert_type(await u.recv_message(10, [Rights.up_to(1)]), Received[Optional[UnixAddress]])
    d = aio.wrap(socket(AF_INET, SOCK_DGRAM))
    assert_type(d, aio.AsyncDatagramSocket[InetAddress, InetAddressLike])
    assert_type(await d.sendto(b"x", ("127.0.0.1", 9)), int)
    assert_type(await d.sendto(b"x", 0, InetAddress("127.0.0.1", 9)), int)
    assert_type(await d.recvfrom(10), Tuple[bytes, InetAddress])
    assert_type(await d.recvfrom_into(bytearray(10)), Tuple[int, InetAddress])
    assert_type(await d.send_many([b"x", (b"y", ("127.0.0.1", 9))], gso=True), int)
    assert_type(await d.recv_many(8, 2048), List[Tuple[bytes, InetAddress]])
    assert_type(await d.recv_many_into([bytearray(8)]), List[Tuple[int, InetAddress]])
    assert_type(d.blocking, DatagramSocket[InetAddress])
    n = aio.wrap(socket(AF_NETLINK, SOCK_DGRAM))
    assert_type(await n.recvfrom(4096), Tuple[bytes, NetlinkAddress])
    await n.sendto(b"", (0, 0))


async def handle(reader: asyncio.StreamReader, writer: aio.StreamWriter[InetAddress]) -> None:
    assert_type(writer.peername, InetAddress)
    writer.write(await reader.read(10))


async def streams() -> None:
    reader, writer = await aio.open_connection("localhost", 80)
    assert_type(writer.peername, Union[InetAddress, Inet6Address])
    assert_type(reader, asyncio.StreamReader)
    _, unix = await aio.open_unix_connection("/run/socket")
    assert_type(unix.peername, UnixAddress)
    server = await aio.start_server(handle, create_server(("127.0.0.1", 0)))
    assert_type(server, aio.Server[InetAddress])
    assert_type(server.address, InetAddress)
    async with server:
        await server.serve_forever()
    unix_server = await aio.start_unix_server(lambda r, w: None, "/run/socket")
    assert_type(unix_server.address, UnixAddress)
    _, from_socket = await aio.open_stream(aio.wrap(socket(AF_INET6, SOCK_STREAM)))
    assert_type(from_socket, aio.StreamWriter[Inet6Address])
