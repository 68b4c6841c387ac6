"""Batched datagrams: the C arrays of one sendmmsg or recvmmsg, built and read back.

A ``SendBatch`` points the kernel at each payload where it lies (no copy) and at
each packed address; a ``RecvBatch`` holds the buffers, lengths and sender
addresses of up to TS_MMSG_MAX messages.  ``recv_many``'s batches are kept and
reused by (count, bufsize), so a receive loop allocates nothing per call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Tuple, cast

from typedsock._args import index
from typedsock._buffers import readable, writable
from typedsock._scratch import SOCKADDR_SIZE, give_back, take
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typing_extensions import Buffer

    from typedsock._addresses import Codec

__all__ = ["MMSG_MAX", "RecvBatch", "SendBatch", "batch_size", "keep_batch", "reusable_batch", "writable_batch"]

MMSG_MAX: int = lib.TS_MMSG_MAX
_NULL = ffi.NULL


def batch_size(count: object, what: str) -> int:
    """How many messages one call takes: 1 to MMSG_MAX."""
    number = index(count)
    if not 1 <= number <= MMSG_MAX:
        raise ValueError(f"{what} must be 1-{MMSG_MAX}")
    return number


class SendBatch:
    """The arguments of one ``ts_sendmmsg`` after the descriptor; a context manager that
    releases the payloads' buffer exports, however the call ends."""

    __slots__ = ("args", "count", "views")

    def __init__(self, codec: Codec[Any], messages: List[Any], call: str) -> None:
        payload: Buffer
        self.views: List[Any] = []  # views of the payloads, released on exit
        addresses: List[Any] = []
        addrlens: List[int] = []
        try:
            for message in messages:
                if isinstance(message, tuple):
                    payload, address = cast(Tuple[Any, object], message)
                    sa, length = codec.encode(address, call)
                    addresses.append(sa)
                    addrlens.append(length)
                else:
                    payload = message
                    addresses.append(_NULL)
                    addrlens.append(0)
                self.views.append(readable(payload))
        except BaseException:
            self._release()
            raise
        self.count = len(messages)
        named = any(addrlens)
        self.args = (
            ffi.new("char *[]", self.views),
            ffi.new("size_t[]", [len(view) for view in self.views]),
            self.count,
            ffi.new("struct sockaddr *[]", addresses) if named else _NULL,
            ffi.new("socklen_t[]", addrlens) if named else _NULL,
        )

    def _release(self) -> None:
        for view in self.views:
            ffi.release(view)
        self.views.clear()

    def __enter__(self) -> SendBatch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._release()


class RecvBatch:
    """C arrays for one ``ts_recvmmsg`` into the given buffers; ``args`` are its
    arguments after the descriptor."""

    __slots__ = ("addrlens", "addrs", "args", "bufs", "count", "lens", "owner")

    def __init__(self, buffers: List[Any], sizes: List[int], owner: object) -> None:
        self.owner = owner  # keeps the buffers alive as long as the pointers
        self.count = len(sizes)
        self.bufs = ffi.new("char *[]", buffers)
        self.addrs = ffi.new("char[]", self.count * SOCKADDR_SIZE)
        self.addrlens = ffi.new("socklen_t[]", self.count)
        self.lens = ffi.new("size_t[]", self.count)
        self.args = (self.bufs, ffi.new("size_t[]", sizes), self.count, self.addrs, self.addrlens, self.lens)

    def datagrams(self, received: int, bufsize: int, codec: Codec[Any]) -> List[Tuple[bytes, Any]]:
        """The first ``received`` messages as (bytes, sender)."""
        bufs, lens, addrs, addrlens, decode = self.bufs, self.lens, self.addrs, self.addrlens, codec.decode
        scratch = take()
        try:
            return [
                (ffi.buffer(bufs[i], min(lens[i], bufsize))[:], decode(addrs + i * SOCKADDR_SIZE, addrlens[i], scratch))
                for i in range(received)
            ]
        finally:
            give_back(scratch)

    def counts(self, received: int, codec: Codec[Any]) -> List[Tuple[int, Any]]:
        """The first ``received`` messages as (nbytes, sender)."""
        lens, addrs, addrlens, decode = self.lens, self.addrs, self.addrlens, codec.decode
        scratch = take()
        try:
            return [(int(lens[i]), decode(addrs + i * SOCKADDR_SIZE, addrlens[i], scratch)) for i in range(received)]
        finally:
            give_back(scratch)


def writable_batch(buffers: Iterable[Buffer]) -> Tuple[RecvBatch, List[Any]]:
    """A batch over the caller's buffers, and their views (for the caller to release)."""
    views: List[Any] = []
    try:
        for buffer in buffers:
            views.append(writable(buffer, "recv_many_into"))
        batch_size(len(views), "number of buffers")
        return RecvBatch(views, [len(view) for view in views], views), views
    except BaseException:
        for view in views:
            ffi.release(view)
        raise


_kept: Dict[Tuple[int, int], RecvBatch] = {}  # recv_many's batches, by (count, bufsize)
_KEPT_MAX = 16


def reusable_batch(count: int, bufsize: int, fresh: bool) -> RecvBatch:
    """A batch of ``count`` buffers of ``bufsize`` bytes: a kept one, unless ``fresh``
    (MSG_TRUNC: the kernel may not write the buffers, so stale bytes must not show)."""
    batch = None if fresh else _kept.pop((count, bufsize), None)
    if batch is None:
        block = ffi.new("char[]", max(1, count * bufsize))
        batch = RecvBatch([block + i * bufsize for i in range(count)], [bufsize] * count, block)
    return batch


def keep_batch(batch: RecvBatch, bufsize: int) -> None:
    if len(_kept) >= _KEPT_MAX:
        _kept.clear()
    _kept[(batch.count, bufsize)] = batch
