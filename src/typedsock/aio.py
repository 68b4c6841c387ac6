"""typedsock for asyncio: the blocking calls awaited, with the same address types.

``wrap(typedsock.socket(AF_INET, SOCK_STREAM))`` is an
``AsyncStreamSocket[InetAddress, InetAddressLike]``: its calls return ``InetAddress``
and take what the blocking socket takes.  The streams functions give asyncio's
``StreamReader`` and a ``StreamWriter`` whose ``peername`` is typed.  Not imported
by ``import typedsock`` (asyncio costs start-up time): ``from typedsock import aio``.
"""

from typedsock._asyncsocket import AsyncDatagramSocket, AsyncSocket, AsyncStreamSocket, wrap
from typedsock._asyncstreams import (
    Server,
    StreamWriter,
    open_connection,
    open_stream,
    open_unix_connection,
    start_server,
    start_unix_server,
)

__all__ = [
    "AsyncDatagramSocket", "AsyncSocket", "AsyncStreamSocket", "Server", "StreamWriter",
    "open_connection", "open_stream", "open_unix_connection", "start_server", "start_unix_server", "wrap",
]
