"""getsockopt(2) and setsockopt(2) on a descriptor: the raw values (an int, or bytes).

The typed options (``typedsock.options``) are built on these.

An int value is a C int, except at the AF_VSOCK level of an AF_VSOCK socket, where the
kernel's options (SO_VM_SOCKETS_BUFFER_SIZE and its MIN and MAX) are 64-bit unsigned:
there ``wide`` is true (the standard module makes every int option of an AF_VSOCK socket
64-bit, whatever its level).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from typedsock import _constants as _c
from typedsock._args import index
from typedsock._buffers import readable
from typedsock._errors import error, raise_errno
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typing_extensions import Buffer

__all__ = ["get_bytes", "get_int", "set_value", "wide"]

_INT_SIZE: int = ffi.sizeof("int")
_U64_SIZE: int = ffi.sizeof("uint64_t")
_BUFLEN_MAX = 1024  # the standard module's limit for a raw getsockopt


def wide(family: int, level: int) -> bool:
    """Whether an int option of a ``family`` socket at ``level`` is 64-bit unsigned."""
    return level == _c.AF_VSOCK and family == _c.AF_VSOCK


def get_int(fd: int, level: int, name: int, wide: bool = False) -> int:
    """An option that is a C int (``wide``: a uint64_t)."""
    value = ffi.new("uint64_t *") if wide else ffi.new("int *")
    size = ffi.new("socklen_t *", _U64_SIZE if wide else _INT_SIZE)
    if lib.getsockopt(fd, level, name, ffi.cast("char *", value), size) < 0:
        raise_errno(ffi.errno)
    return int(value[0])


def get_bytes(fd: int, level: int, name: int, buflen: object) -> bytes:
    """An option as at most ``buflen`` raw bytes."""
    size = index(buflen)
    if not 0 < size <= _BUFLEN_MAX:
        raise error("getsockopt buflen out of range")
    buf = ffi.new("char[]", size)
    length = ffi.new("socklen_t *", size)
    if lib.getsockopt(fd, level, name, buf, length) < 0:
        raise_errno(ffi.errno)
    return ffi.buffer(buf, length[0])[:]  # type: ignore[no-any-return]


def set_value(
    fd: int, level: int, name: int, value: Union[int, Buffer, None], optlen: Optional[int], wide: bool = False
) -> None:
    """Set an option from an int (``wide``: a uint64_t), from raw bytes, or (``value`` None) to
    ``optlen`` bytes of NULL.  An int out of the C type's range is an OverflowError."""
    if value is None:
        if optlen is None:
            raise TypeError("setsockopt() with value None needs optlen")
        result = lib.setsockopt(fd, level, name, ffi.NULL, index(optlen))
    elif isinstance(value, int):
        holder = ffi.new("uint64_t *", value) if wide else ffi.new("int *", value)
        result = lib.setsockopt(fd, level, name, ffi.cast("char *", holder), _U64_SIZE if wide else _INT_SIZE)
    else:
        with readable(value) as view:  # released before this returns or raises
            result = lib.setsockopt(fd, level, name, view, len(view))
    if result < 0:
        raise_errno(ffi.errno)
