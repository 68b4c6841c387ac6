"""Arguments as CPython's argument parsing takes them, with its errors' wording.

The C limits come from the compiled module's type sizes (never typed in), and the
per-version wording of the standard module's messages lives here, once.
"""

from __future__ import annotations

import operator
import sys
from typing import Final, NoReturn, SupportsIndex, cast

from typedsock._sock import ffi

__all__ = [
    "INT_MAX", "INT_MIN", "LONG_MAX", "LONG_MIN", "UINT_MAX", "ULONG_MAX", "fd_arg", "index", "int_arg", "reraise_for_int",
    "str_arg",
]

INT_MAX: Final = 2 ** (8 * ffi.sizeof("int") - 1) - 1
INT_MIN: Final = -INT_MAX - 1
LONG_MAX: Final = 2 ** (8 * ffi.sizeof("long") - 1) - 1
LONG_MIN: Final = -LONG_MAX - 1
UINT_MAX: Final = 2 ** (8 * ffi.sizeof("unsigned int")) - 1
ULONG_MAX: Final = 2 ** (8 * ffi.sizeof("unsigned long")) - 1


def index(value: object) -> int:
    """``operator.index``: TypeError for floats, strings and None."""
    return operator.index(cast(SupportsIndex, value))


def int_arg(value: object, c_int: bool = True) -> int:
    """An integer argument as CPython's ``i`` format takes it.

    ``c_int=False``: any size (CPython's masking ``I`` format; callers check the range).
    """
    if sys.version_info < (3, 10) and not hasattr(type(value), "__index__"):
        # 3.9's wording; it also took __int__ with a DeprecationWarning, which is refused here.
        if isinstance(value, float):
            raise TypeError("integer argument expected, got float")
        raise TypeError(f"an integer is required (got type {type(value).__name__})")
    number = index(value)
    if c_int:
        if not LONG_MIN <= number <= LONG_MAX:
            raise OverflowError("Python int too large to convert to C long")
        if number > INT_MAX:
            raise OverflowError("signed integer is greater than maximum")
        if number < INT_MIN:
            raise OverflowError("signed integer is less than minimum")
    return number


def reraise_for_int(value: object, exc: BaseException) -> NoReturn:
    """After cffi refused an argument (TypeError, OverflowError): the standard module's
    error if ``value`` is not a C int, else ``exc`` again.  The hot paths pass an int
    argument straight to cffi and come here only when the call raised, so that checking
    costs nothing when it is right."""
    int_arg(value)
    raise exc


def fd_arg(fd: object) -> int:
    """A descriptor as a C int; OverflowError beyond (CPython truncates, and may then act
    on an unrelated descriptor)."""
    number = int_arg(fd, c_int=False)
    if not INT_MIN <= number <= INT_MAX:
        raise OverflowError("fd is out of range")
    return number


def str_arg(value: object, func: str, position: int) -> bytes:
    """A ``str`` argument as UTF-8 for C (CPython's ``s`` format); ``position`` 0 is
    worded "argument", as for a function of one argument."""
    if not isinstance(value, str):
        argument = f"argument {position}" if position else "argument"
        raise TypeError(f"{func}() {argument} must be str, not {type(value).__name__}")
    raw = value.encode("utf-8")
    if b"\0" in raw:
        raise ValueError("embedded null character")
    return raw
