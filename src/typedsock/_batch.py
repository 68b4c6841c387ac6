"""Batched datagrams: the C arrays of one sendmmsg or recvmmsg, built and read back.

A ``SendBatch`` points the kernel at each payload where it lies (no copy) and at
each packed address; a ``RecvBatch`` holds the buffers, lengths and sender
addresses of up to TS_MMSG_MAX messages.  ``recv_many``'s batches are kept and
reused by (count, bufsize), so a receive loop allocates nothing per call.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Sequence, Tuple, cast

from typedsock._args import index
from typedsock._buffers import readable, writable
from typedsock._scratch import SOCKADDR_SIZE, give_back, take
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typing_extensions import Buffer

    from typedsock._addresses import Codec

__all__ = ["GSO_MAX_PAYLOAD", "GSO_MAX_SEGMENTS", "MMSG_MAX", "gso_runs", "RecvBatch", "SendBatch", "batch_size", "keep_batch", "reusable_batch", "writable_batch"]

MMSG_MAX: int = lib.TS_MMSG_MAX
_NULL = ffi.NULL
_from_buffer = ffi.from_buffer


def batch_size(count: object, what: str) -> int:
    """How many messages one call takes: 1 to MMSG_MAX."""
    number = index(count)
    if not 1 <= number <= MMSG_MAX:
        raise ValueError(f"{what} must be 1-{MMSG_MAX}")
    return number


# A UDP_SEGMENT send's payload may not exceed one UDP datagram's (IPv4's limit,
# the lower of the two families').
GSO_MAX_PAYLOAD = 65535 - 20 - 8
GSO_MAX_SEGMENTS: int = lib.TS_UDP_MAX_SEGMENTS


class SendBatch:
    """The arguments of one ``ts_sendmmsg`` after the descriptor; a context manager that
    releases the payloads' buffer exports, however the call ends.

    With ``segment``, runs of datagrams to one destination, all of one size but the
    last (which may be shorter), become one message with a UDP_SEGMENT control
    message (GSO): the kernel splits it again, and the buffers are not copied.
    ``datagrams[i]`` is how many datagrams message i carries."""

    __slots__ = ("args", "count", "datagrams", "views")

    def __init__(self, codec: Codec[Any], messages: List[Any], call: str, segment: bool = False) -> None:
        if messages and set(map(type, messages)) == {bytes}:  # to the connected peer, all bytes
            if segment:
                self._joined(messages)
            else:
                self._plain(messages)
            return
        payload: Buffer
        self.views: List[Any] = []  # views of the payloads, released on exit
        destinations: List[object] = []
        addresses: List[Any] = []
        addrlens: List[int] = []
        try:
            for message in messages:
                if isinstance(message, tuple):
                    payload, address = cast(Tuple[Any, object], message)
                    sa, length = codec.encode(address, call)
                    destinations.append(address)
                    addresses.append(sa)
                    addrlens.append(length)
                else:
                    payload = message
                    destinations.append(None)
                    addresses.append(_NULL)
                    addrlens.append(0)
                self.views.append(readable(payload))
        except BaseException:
            self._release()
            raise
        sizes = [len(view) for view in self.views]
        named = any(addrlens)
        groups = segs = _NULL
        if segment:
            group_sizes, seg_sizes, firsts = gso_runs(sizes, destinations)
            self.datagrams = group_sizes
            if len(group_sizes) < len(sizes):
                groups = ffi.new("unsigned int[]", group_sizes)
                segs = ffi.new("uint16_t[]", seg_sizes)
                addresses = [addresses[i] for i in firsts]
                addrlens = [addrlens[i] for i in firsts]
        else:
            self.datagrams = [1] * len(sizes)
        self.count = len(self.datagrams)
        self.args = (
            ffi.new("char *[]", self.views),
            ffi.new("size_t[]", sizes),
            len(sizes),
            groups,
            segs,
            self.count,
            ffi.new("struct sockaddr *[]", addresses) if named else _NULL,
            ffi.new("socklen_t[]", addrlens) if named else _NULL,
        )

    def _plain(self, payloads: List[bytes]) -> None:
        """To the connected peer, every payload a bytes: no per-message checks (bytes are
        never refused, and have no address)."""
        self.views = [_from_buffer(payload) for payload in payloads]
        self.count = len(payloads)
        self.datagrams = [1] * self.count
        self.args = (
            ffi.new("char *[]", self.views), ffi.new("size_t[]", list(map(len, payloads))), self.count,
            _NULL, _NULL, self.count, _NULL, _NULL,
        )

    def _joined(self, payloads: List[bytes]) -> None:
        """GSO to the connected peer, every payload a bytes: each run is joined into one
        buffer.  Copying 1,200 bytes costs less than a buffer view per datagram (about
        a fifth of the time), and the sizes and runs are found with no Python loop over
        the datagrams when they are all of one size, as a sender's mostly are."""
        sizes = list(map(len, payloads))
        first = sizes[0]
        if first and sizes.count(first) == len(sizes):
            per = min(GSO_MAX_SEGMENTS, GSO_MAX_PAYLOAD // first)
            whole, rest = divmod(len(sizes), per)
            counts = [per] * whole + ([rest] if rest else [])
            seg_sizes = [first if count > 1 else 0 for count in counts]
        else:
            counts, seg_sizes, _ = gso_runs(sizes, [None] * len(sizes))
        joined: List[bytes] = []
        start = 0
        for count in counts:
            joined.append(payloads[start] if count == 1 else b"".join(payloads[start : start + count]))
            start += count
        self.views = [_from_buffer(payload) for payload in joined]  # (bytes: never refused)
        self.datagrams = counts
        self.count = len(counts)
        self.args = (
            ffi.new("char *[]", self.views),
            ffi.new("size_t[]", list(map(len, joined))),
            self.count,
            _NULL,
            ffi.new("uint16_t[]", seg_sizes),
            self.count,
            _NULL,
            _NULL,
        )

    def _release(self) -> None:
        for view in self.views:
            ffi.release(view)
        self.views.clear()

    def __enter__(self) -> SendBatch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._release()


def gso_runs(sizes: Sequence[int], destinations: Sequence[object]) -> Tuple[List[int], List[int], List[int]]:
    """The GSO runs: for each, how many datagrams, its segment size (0: one datagram,
    sent plainly) and the index of its first datagram."""
    counts: List[int] = []
    segs: List[int] = []
    firsts: List[int] = []
    open_run = False  # may the next datagram join the last run?
    total = 0
    for i, size in enumerate(sizes):
        if (
            open_run
            and 0 < size <= segs[-1]
            and counts[-1] < GSO_MAX_SEGMENTS
            and total + size <= GSO_MAX_PAYLOAD
            and destinations[i] == destinations[firsts[-1]]
        ):
            counts[-1] += 1
            total += size
            open_run = size == segs[-1]  # a shorter datagram ends its run
        else:
            counts.append(1)
            segs.append(size)
            firsts.append(i)
            total = size
            open_run = size > 0
    return counts, [seg if count > 1 else 0 for count, seg in zip(counts, segs)], firsts


class RecvBatch:
    """C arrays for one ``ts_recvmmsg`` into the given buffers; ``args`` are its
    arguments after the descriptor.  ``segs[i]`` is the size of the datagrams that
    UDP_GRO coalesced into message i (0: one), ``coalesced[0]`` how many messages
    hold more than one."""

    __slots__ = ("addrlens", "addrs", "args", "bufs", "coalesced", "count", "lens", "owner", "segs")

    def __init__(self, buffers: List[Any], sizes: List[int], owner: object) -> None:
        self.owner = owner  # keeps the buffers alive as long as the pointers
        self.count = len(sizes)
        self.bufs = ffi.new("char *[]", buffers)
        self.addrs = ffi.new("char[]", self.count * SOCKADDR_SIZE)
        self.addrlens = ffi.new("socklen_t[]", self.count)
        self.lens = ffi.new("size_t[]", self.count)
        self.segs = ffi.new("int[]", self.count)
        self.coalesced = ffi.new("unsigned int *")
        self.args = (
            self.bufs, ffi.new("size_t[]", sizes), self.count, self.addrs, self.addrlens, self.lens,
            self.segs, self.coalesced,
        )

    def datagrams(self, received: int, bufsize: int, codec: Codec[Any]) -> List[Tuple[bytes, Any]]:
        """The datagrams of the first ``received`` messages as (bytes, sender): one for
        each, or, for a message UDP_GRO coalesced, one for each of its segments."""
        bufs, lens, addrs, addrlens, decode = self.bufs, self.lens, self.addrs, self.addrlens, codec.decode
        scratch = take()
        try:
            if not self.coalesced[0]:
                return [
                    (ffi.buffer(bufs[i], min(lens[i], bufsize))[:], decode(addrs + i * SOCKADDR_SIZE, addrlens[i], scratch))
                    for i in range(received)
                ]
            out: List[Tuple[bytes, Any]] = []
            for i in range(received):
                size = min(lens[i], bufsize)
                sender = decode(addrs + i * SOCKADDR_SIZE, addrlens[i], scratch)
                whole = ffi.buffer(bufs[i], size)
                seg = self.segs[i]
                if 0 < seg < size:
                    out.extend((whole[start : start + seg], sender) for start in range(0, size, seg))
                else:
                    out.append((whole[:], sender))
            return out
        finally:
            give_back(scratch)

    def counts(self, received: int, codec: Codec[Any]) -> List[Tuple[int, Any]]:
        """The first ``received`` messages as (nbytes, sender)."""
        lens, addrs, addrlens, decode = self.lens, self.addrs, self.addrlens, codec.decode
        if self.coalesced[0]:
            warnings.warn(
                f"recv_many_into: UDP_GRO coalesced several datagrams into {self.coalesced[0]} buffer(s), "
                "which are returned whole; recv_many splits them (or read GroSegment with recv_message)",
                RuntimeWarning,
                stacklevel=3,
            )
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
