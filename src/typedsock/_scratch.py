"""Reusable C buffers for one system call at a time.

A receive needs a data buffer, a sockaddr and its length; decoding an address
needs a few out-parameters.  Allocating them per call would dominate the cost of
a small recv, so each call takes a ``Scratch`` from a pool and gives it back
(``list.pop``/``list.append`` are atomic, so threads never share one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List

from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typedsock._sock import CData

__all__ = [
    "DATA_SIZE",
    "SOCKADDR_SIZE",
    "Scratch",
    "give_back",
    "new_sockaddr",
    "pool",
    "take",
    "take_pooled",
]

DATA_SIZE: int = lib.TS_SCRATCH_SIZE
SOCKADDR_SIZE: int = lib.TS_SOCKADDR_STORAGE_SIZE
# A sockaddr_storage's worth of ``struct sockaddr``: an array that cffi passes
# wherever the calls take a ``struct sockaddr *``, and that owns its memory.
_SOCKADDR_COUNT = -(-SOCKADDR_SIZE // ffi.sizeof("struct sockaddr"))


def new_sockaddr() -> CData:
    """Room for any socket address, zeroed."""
    return ffi.new("struct sockaddr[]", _SOCKADDR_COUNT)


class Scratch:
    __slots__ = ("addrlen", "data", "flowinfo", "host", "key", "path", "port", "sa", "scope_id", "view")

    def __init__(self) -> None:
        self.sa = new_sockaddr()
        self.addrlen = ffi.new("socklen_t *")
        self.key = ffi.new("int64_t *")  # the INET key the ts_* address calls leave
        self.data = ffi.new("char[]", DATA_SIZE)
        self.view = ffi.buffer(self.data)  # view[:n] copies n received bytes out, once
        self.host = ffi.new("char[]", lib.INET6_ADDRSTRLEN)
        self.port = ffi.new("int *")
        self.flowinfo = ffi.new("uint32_t *")
        self.scope_id = ffi.new("uint32_t *")
        self.path = ffi.new("char **")


# Two from the start, in a list literal: its room is exactly two, and a list pop()
# that leaves fewer than half its room reallocates.  Started empty, the pool would
# hold one Scratch, and every take and give_back would free and allocate the list's
# array (about 450 instructions a call of recv or getsockname).
pool: List[Scratch] = [Scratch(), Scratch()]
take_pooled = pool.pop  # raises IndexError when empty: make a new Scratch then
give_back = pool.append


def take() -> Scratch:
    try:
        return take_pooled()
    except IndexError:
        return Scratch()
