"""``CMSG_LEN`` and ``CMSG_SPACE``: the C macros, with the standard module's checks."""

from __future__ import annotations

import sys
from typing import SupportsIndex

from typedsock._args import index
from typedsock._sock import ffi, lib

__all__ = ["CMSG_LEN", "CMSG_SPACE"]


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
