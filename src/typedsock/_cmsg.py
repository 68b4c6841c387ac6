"""The control buffer of sendmsg/recvmsg: its framing, as the C macros lay it out.

``CMSG_LEN``/``CMSG_SPACE`` are the macros, with the standard module's checks.
``pack`` lays out ``(level, type, data)`` items for sendmsg and ``items`` walks the
kernel's buffer after recvmsg, both through the shim (``ts_cmsg_put``,
``ts_cmsg_item``), so the header layout and alignment are the C headers', never
typed into Python.  What the data of each kind means is ``ancillary``'s.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Iterator, List, SupportsIndex, Tuple

from typedsock import _constants as _c
from typedsock._args import INT_MAX, index
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typedsock._sock import CData

__all__ = ["CMSG_LEN", "CMSG_SPACE", "close_rights", "items", "pack", "rights", "space"]

_SOL_SOCKET: int = _c.SOL_SOCKET
_SCM_RIGHTS: int = _c.SCM_RIGHTS
_INT_SIZE: int = ffi.sizeof("int")
# The largest control buffer sendmsg sends: the standard module's SOCKLEN_T_LIMIT
# (msg_controllen must fit a socklen_t's positive range).
_CONTROL_LIMIT = INT_MAX


def _length(value: object) -> int:
    """The argument as CPython's ``n`` format (Py_ssize_t) takes it."""
    number = index(value)
    if not -sys.maxsize - 1 <= number <= sys.maxsize:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return number


def CMSG_LEN(length: SupportsIndex, /) -> int:
    """The ``cmsg_len`` of an ancillary data item with ``length`` bytes of data (no
    trailing padding); OverflowError outside the range a control message can have."""
    number = _length(length)
    result = ffi.new("size_t *")
    if number < 0 or not lib.ts_cmsg_len_checked(number, result):
        raise OverflowError("CMSG_LEN() argument out of range")
    return int(result[0])


def CMSG_SPACE(length: SupportsIndex, /) -> int:
    """The buffer size ``recvmsg`` needs for an ancillary data item with ``length``
    bytes of data, padding included; OverflowError outside the range."""
    number = _length(length)
    result = ffi.new("size_t *")
    if number < 0 or not lib.ts_cmsg_space_checked(number, result):
        raise OverflowError("CMSG_SPACE() argument out of range")
    return int(result[0])


def space(length: int) -> int:
    """CMSG_SPACE(length) for a length known to be in range (the sizes of typed messages)."""
    result = ffi.new("size_t *")
    lib.ts_cmsg_space_checked(length, result)
    return int(result[0])


def pack(entries: List[Tuple[int, int, Any]]) -> Tuple[CData, int]:
    """The control buffer holding ``entries`` (level, type, C view of the data), and its
    length: each item's CMSG_SPACE, summed, as the standard module sends them.
    OverflowError, as the standard module's, before any system call when the
    items do not fit a control buffer."""
    total = 0
    item = ffi.new("size_t *")
    for _, _, data in entries:
        if not lib.ts_cmsg_space_checked(len(data), item):
            raise OverflowError("ancillary data item too large")
        total += int(item[0])
        if total > _CONTROL_LIMIT:
            raise OverflowError("too much ancillary data")
    control = ffi.new("char[]", max(total, 1))
    offset = 0
    for level, kind, data in entries:
        offset = lib.ts_cmsg_put(control, total, offset, level, kind, data, len(data))
        if offset == 0:  # cannot happen: the sizes were summed above
            raise RuntimeError("control message does not fit its buffer")
    return control, total


def items(control: CData, length: int) -> Iterator[Tuple[int, int, int, int, bool]]:
    """Each control message the kernel left in ``control[0:length]``: ``(level, type,
    data offset, data length, truncated)``, truncated when the buffer ended before
    its data did (MSG_CTRUNC).  Stops at the first header that is not whole."""
    out = ffi.new("int[2]")
    sizes = ffi.new("size_t[3]")
    offset = 0
    while length:
        status: int = lib.ts_cmsg_item(control, length, offset, out, out + 1, sizes, sizes + 1, sizes + 2)
        if status < 0:
            return
        yield int(out[0]), int(out[1]), int(sizes[0]), int(sizes[1]), status == 1
        offset = int(sizes[2])
        if offset == 0:
            return


def rights(control: CData, data_offset: int, data_length: int) -> List[int]:
    """The descriptors of an SCM_RIGHTS item (whole ints only)."""
    fds = ffi.cast("int *", control + data_offset)
    return [int(fds[i]) for i in range(data_length // _INT_SIZE)]


def close_rights(control: CData, length: int) -> None:
    """Close every descriptor the kernel passed in ``control[0:length]`` (on an error
    before they reached the caller: they must not leak)."""
    for level, kind, data_offset, data_length, _ in items(control, length):
        if level == _SOL_SOCKET and kind == _SCM_RIGHTS:
            for fd in rights(control, data_offset, data_length):
                try:
                    os.close(fd)
                except OSError:
                    pass
