"""``Socket.makefile``: a raw file over a socket, buffered and decoded like ``open()``.

The file shares the socket's descriptor; the socket counts its open files and
closes the descriptor only when it and all its files are closed.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Callable, Optional

from typedsock._errors import timeout

if TYPE_CHECKING:
    from typing_extensions import Buffer, Protocol

    class _Socket(Protocol):
        """What a SocketIO needs of its socket."""

        def recv_into(self, buffer: Buffer, nbytes: int = ..., flags: int = ...) -> int: ...
        def send(self, data: Buffer, flags: int = ...) -> int: ...
        def fileno(self) -> int: ...

__all__ = ["SocketIO", "makefile"]


class SocketIO(io.RawIOBase):
    """Raw I/O on a socket (reads with ``recv_into``, writes with ``send``)."""

    def __init__(self, sock: _Socket, mode: str, release: Callable[[], None]) -> None:
        if mode not in ("r", "w", "rw", "rb", "wb", "rwb"):
            raise ValueError(f"invalid mode: {mode!r}")
        super().__init__()
        self._sock: Optional[_Socket] = sock
        self._release = release
        if "b" not in mode:
            mode += "b"
        self._mode = mode
        self._reading = "r" in mode
        self._writing = "w" in mode
        self._timed_out = False

    def _socket(self) -> _Socket:
        if self._sock is None:
            raise ValueError("I/O operation on closed socket file.")
        return self._sock

    def readinto(self, b: Buffer) -> Optional[int]:
        """Receive into ``b`` (``recv_into``): the byte count, 0 at end of stream, None
        when a non-blocking socket has nothing.  After a timeout the file reads no more."""
        if not self._reading:
            raise io.UnsupportedOperation("File not open for reading")
        if self._timed_out:
            raise OSError("cannot read from timed out object")
        try:
            return self._socket().recv_into(b)
        except timeout:
            self._timed_out = True
            raise
        except BlockingIOError:
            return None

    def write(self, b: Buffer) -> Optional[int]:
        """Send ``b`` (one ``send``): the bytes sent, maybe fewer than all; None when a
        non-blocking socket can take none."""
        if not self._writing:
            raise io.UnsupportedOperation("File not open for writing")
        try:
            return self._socket().send(b)
        except BlockingIOError:
            return None

    def readable(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return self._reading

    def writable(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return self._writing

    def seekable(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return False

    def fileno(self) -> int:
        return self._socket().fileno()

    @property
    def name(self) -> int:
        """The socket's descriptor (-1 once closed), as the standard module's ``SocketIO.name``."""
        return self.fileno() if not self.closed else -1

    @property
    def mode(self) -> str:
        """The mode the file was opened with: ``"rb"``, ``"wb"`` or ``"rwb"``."""
        return self._mode

    def close(self) -> None:
        if self.closed:
            return
        super().close()
        self._sock = None
        self._release()


def makefile(
    sock: _Socket,
    mode: str,
    buffering: Optional[int],
    encoding: Optional[str],
    errors: Optional[str],
    newline: Optional[str],
    release: Callable[[], None],
) -> io.IOBase:
    """The file for ``sock.makefile``; ``release`` is called once when it closes."""
    if not set(mode) <= {"r", "w", "b"}:
        raise ValueError(f"invalid mode {mode!r} (only r, w, b allowed)")
    writing, binary = "w" in mode, "b" in mode
    reading = "r" in mode or not writing  # as the standard module: "b" alone reads
    raw = SocketIO(sock, ("r" if reading else "") + ("w" if writing else ""), release)
    if buffering is None:
        buffering = -1
    if buffering < 0:
        buffering = io.DEFAULT_BUFFER_SIZE
    if buffering == 0:
        if not binary:
            raise ValueError("unbuffered streams must be binary")
        return raw
    buffered: io.BufferedIOBase
    if reading and writing:
        buffered = io.BufferedRWPair(raw, raw, buffering)
    elif reading:
        buffered = io.BufferedReader(raw, buffering)
    else:
        buffered = io.BufferedWriter(raw, buffering)
    if binary:
        return buffered
    text = io.TextIOWrapper(buffered, encoding, errors, newline)  # type: ignore[type-var]
    text.mode = mode  # type: ignore[misc]
    return text
