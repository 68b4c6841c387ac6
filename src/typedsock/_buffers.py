"""Buffers handed to C without a copy.

Every view is a cffi ``from_buffer`` of the caller's object, used in a ``with`` (or
released in a ``finally``) so that no export of the caller's buffer outlives the
call, even when it raises: a traceback kept in a reference cycle must not hold one,
or the garbage collector may clear the exporter first (python/cpython#77894).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typedsock._args import index
from typedsock._sock import ffi

if TYPE_CHECKING:
    from typing_extensions import Buffer

__all__ = ["into_size", "readable", "writable"]

_from_buffer = ffi.from_buffer


def readable(data: Buffer) -> Any:
    """A C pointer to ``data``'s bytes, not copied (BufferError if not contiguous)."""
    try:
        return _from_buffer(data)
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'") from None


def writable(buffer: Buffer, call: str) -> Any:
    """A C pointer into a writable, contiguous buffer, not copied."""
    try:
        return _from_buffer(buffer, require_writable=True)
    except (TypeError, BufferError):
        raise TypeError(
            f"{call}() argument 1 must be read-write bytes-like object, not {type(buffer).__name__}"
        ) from None


def into_size(view: Any, nbytes: object, call: str) -> int:
    """How many bytes a ``*_into`` call may write into ``view``: ``nbytes``, or all of it for 0."""
    count = index(nbytes)
    if count < 0:
        raise ValueError(f"negative buffersize in {call}")
    if count == 0:
        return len(view)
    if count > len(view):
        raise ValueError("buffer too small for requested bytes")
    return count
