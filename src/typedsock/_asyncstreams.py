"""asyncio streams over typedsock sockets, with the connection's addresses typed.

The counterparts of ``asyncio.open_connection`` and ``asyncio.start_server``: the
socket is made, connected or accepted by typedsock (``AsyncStreamSocket``), which
gives the peer's and the local address their family's type, then handed to the
running loop's own transport (``loop.connect_accepted_socket``) under an asyncio
``StreamReader``; the ``StreamWriter`` is asyncio's with ``peername`` and
``sockname`` typed.  The loop's transport is the one asyncio and uvloop each
optimise, so the data path is theirs.
"""

from __future__ import annotations

import asyncio
import errno
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Generic,
    List,
    Optional,
    Set,
    Tuple,
    TypeVar,
    Union,
    cast,
    overload,
)

import typedsock
from typedsock import _constants as _c
from typedsock._addresses import A, Inet6Address, InetAddress, UnixAddress, UnixAddressLike
from typedsock._asyncsocket import AsyncStreamSocket, wrap
from typedsock._stream import StreamSocket

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Server", "StreamWriter", "open_connection", "open_stream", "open_unix_connection", "start_server", "start_unix_server"]

L = TypeVar("L")  # the family's AddressLike (see AsyncSocket)
_DEFAULT_LIMIT = 2**16  # asyncio's
_ACCEPT_RETRY_DELAY = 1.0  # asyncio's pause when accept runs out of descriptors or memory
_ACCEPT_OUT_OF = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
_ACCEPT_PEER_GONE = (errno.ECONNABORTED, errno.EPROTO, errno.EPERM)

ClientConnected = Callable[[asyncio.StreamReader, "StreamWriter[A]"], Optional[Awaitable[None]]]


class StreamWriter(asyncio.StreamWriter, Generic[A]):
    """asyncio's ``StreamWriter``, with ``peername`` and ``sockname`` of the family's type
    (``get_extra_info("peername")`` stays asyncio's untyped tuple)."""

    peername: A
    sockname: A

    def __init__(
        self,
        transport: asyncio.WriteTransport,
        protocol: asyncio.StreamReaderProtocol,
        reader: asyncio.StreamReader,
        loop: asyncio.AbstractEventLoop,
        peername: A,
        sockname: A,
    ) -> None:
        super().__init__(transport, protocol, reader, loop)
        self.peername = peername
        self.sockname = sockname


async def open_stream(
    sock: AsyncStreamSocket[A, L], *, limit: int = _DEFAULT_LIMIT
) -> Tuple[asyncio.StreamReader, StreamWriter[A]]:
    """A reader and a writer over a connected ``sock`` (any stream family), which moves
    into the loop's transport: the writer's ``close()`` closes it."""
    loop = asyncio.get_running_loop()
    peername, sockname = sock.getpeername(), sock.getsockname()
    std = sock.to_blocking().to_stdlib()
    try:
        reader = asyncio.StreamReader(limit=limit)
        protocol = asyncio.StreamReaderProtocol(reader)
        transport, _ = await loop.connect_accepted_socket(lambda: protocol, sock=std)
    except BaseException:
        std.close()
        raise
    return reader, StreamWriter(cast(asyncio.WriteTransport, transport), protocol, reader, loop, peername, sockname)


async def open_connection(
    host: str, port: int, *, limit: int = _DEFAULT_LIMIT
) -> Tuple[asyncio.StreamReader, StreamWriter[Union[InetAddress, Inet6Address]]]:
    """Connect to ``(host, port)`` over TCP, trying each address it resolves to in turn
    (as ``asyncio.open_connection``); the peer is an ``InetAddress`` or an ``Inet6Address``."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=_c.SOCK_STREAM)
    errors: List[OSError] = []
    for family, _, _, _, address in infos:
        try:
            if int(family) == _c.AF_INET6:
                sock6 = wrap(typedsock.socket(_c.AF_INET6, _c.SOCK_STREAM))
                try:
                    await sock6.connect(cast("Tuple[str, int, int, int]", address))
                except BaseException:
                    sock6.close()
                    raise
                reader, writer6 = await open_stream(sock6, limit=limit)
                return reader, cast("StreamWriter[Union[InetAddress, Inet6Address]]", writer6)
            sock4 = wrap(typedsock.socket(_c.AF_INET, _c.SOCK_STREAM))
            try:
                await sock4.connect(cast("Tuple[str, int]", address))
            except BaseException:
                sock4.close()
                raise
            reader, writer4 = await open_stream(sock4, limit=limit)
            return reader, cast("StreamWriter[Union[InetAddress, Inet6Address]]", writer4)
        except OSError as exc:
            errors.append(exc)
    if not errors:
        raise OSError(f"getaddrinfo({host!r}, {port!r}) returned no addresses")
    if len(errors) == 1 or len({str(exc) for exc in errors}) == 1:
        raise errors[0]
    raise OSError(f"Multiple exceptions: {', '.join(str(exc) for exc in errors)}")


async def open_unix_connection(
    path: UnixAddressLike, *, limit: int = _DEFAULT_LIMIT
) -> Tuple[asyncio.StreamReader, StreamWriter[UnixAddress]]:
    """Connect to the AF_UNIX stream socket at ``path`` (or an abstract name)."""
    sock = wrap(typedsock.socket(_c.AF_UNIX, _c.SOCK_STREAM))
    try:
        await sock.connect(path)
    except BaseException:
        sock.close()
        raise
    return await open_stream(sock, limit=limit)


class Server(Generic[A]):
    """Accepts connections on a listening socket, calling ``client_connected_cb(reader,
    writer)`` for each in a task of its own (as ``asyncio.Server``)."""

    def __init__(self, listener: AsyncStreamSocket[A, L], client_connected_cb: ClientConnected[A], limit: int) -> None:
        self._listener: AsyncStreamSocket[A, Any] = listener
        self._callback = client_connected_cb
        self._limit = limit
        self._address = listener.getsockname()
        self._handlers: Set[asyncio.Task[None]] = set()
        self._accepting: Optional[asyncio.Task[None]] = asyncio.get_running_loop().create_task(self._accept_loop())

    @property
    def address(self) -> A:
        """The address it listens on."""
        return self._address

    def is_serving(self) -> bool:
        """Whether it is accepting connections: False once closed, or once accepting failed for good."""
        return self._accepting is not None and not self._accepting.done()

    def close(self) -> None:
        """Stop accepting and close the listening socket; the connections go on."""
        if self._accepting is not None:
            self._accepting.cancel()
        self._listener.close()

    async def wait_closed(self) -> None:
        """Once closed: wait until the accept loop and every connection's task ended."""
        if self._accepting is not None:
            await asyncio.gather(self._accepting, return_exceptions=True)
        while True:  # (a handler may start another connection's task meanwhile)
            running = [task for task in self._handlers if not task.done()]
            if not running:
                return
            await asyncio.gather(*running, return_exceptions=True)

    async def serve_forever(self) -> None:
        """Serve until cancelled (then closed), or until ``close()``."""
        assert self._accepting is not None
        try:
            await asyncio.shield(self._accepting)
        except asyncio.CancelledError:
            self.close()
            raise

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()
        await self.wait_closed()

    async def _accept_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                conn, peer = await self._listener.accept()
            except OSError as exc:
                if exc.errno in _ACCEPT_PEER_GONE:
                    continue
                if exc.errno in _ACCEPT_OUT_OF:
                    loop.call_exception_handler(
                        {"message": "typedsock.aio.Server: accept failed, retrying later", "exception": exc}
                    )
                    await asyncio.sleep(_ACCEPT_RETRY_DELAY)
                    continue
                if self._listener.fileno() < 0:
                    return  # closed
                raise
            task = loop.create_task(self._serve(conn, peer))
            self._handlers.add(task)
            task.add_done_callback(self._handlers.discard)

    async def _serve(self, conn: AsyncStreamSocket[A, Any], peer: A) -> None:
        loop = asyncio.get_running_loop()
        try:
            reader, writer = await open_stream(conn, limit=self._limit)
        except OSError:
            conn.close()
            return  # the peer left before its transport was made
        try:
            result = self._callback(reader, writer)
            if result is not None:
                await result
        except Exception as exc:
            loop.call_exception_handler(
                {"message": "typedsock.aio.Server: client_connected_cb failed", "exception": exc, "peer": peer}
            )
            writer.close()


@overload
async def start_server(
    client_connected_cb: ClientConnected[A], sock: StreamSocket[A], *, limit: int = ...
) -> Server[A]: ...
@overload
async def start_server(
    client_connected_cb: ClientConnected[A], sock: AsyncStreamSocket[A, L], *, limit: int = ...
) -> Server[A]: ...
async def start_server(
    client_connected_cb: ClientConnected[A],
    sock: Union[StreamSocket[A], AsyncStreamSocket[A, Any]],
    *,
    limit: int = _DEFAULT_LIMIT,
) -> Server[A]:
    """Serve connections on ``sock`` (bound; listened on here if it does not listen
    yet), for instance ``typedsock.create_server(("127.0.0.1", 0))``: each client's
    writer has the peer typed as ``sock``'s family gives it."""
    listener: AsyncStreamSocket[A, Any] = sock if isinstance(sock, AsyncStreamSocket) else AsyncStreamSocket(sock)
    if not listener.blocking.getsockopt(_c.SOL_SOCKET, _c.SO_ACCEPTCONN):
        listener.listen()
    return Server(listener, client_connected_cb, limit)


async def start_unix_server(
    client_connected_cb: ClientConnected[UnixAddress],
    path: UnixAddressLike,
    *,
    backlog: Optional[int] = None,
    limit: int = _DEFAULT_LIMIT,
) -> Server[UnixAddress]:
    """Serve connections on a new AF_UNIX stream socket bound to ``path``."""
    sock = typedsock.socket(_c.AF_UNIX, _c.SOCK_STREAM)
    try:
        sock.bind(path)
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    return await start_server(client_connected_cb, sock, limit=limit)
