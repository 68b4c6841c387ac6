"""Address and byte-order conversions, and network interface names.

``inet_aton``/``inet_ntoa``/``inet_pton``/``inet_ntop``, ``htons``/``ntohs``/
``htonl``/``ntohl`` and ``if_nametoindex``/``if_indextoname``/``if_nameindex``
with the standard module's semantics and error messages.  Every conversion is
the C library's own (declared in build_sock.py): nothing is packed by hand here.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final, List, Tuple, Union

from typedsock import _constants as _c
from typedsock._args import INT_MAX, INT_MIN, UINT_MAX, ULONG_MAX, int_arg, str_arg
from typedsock._buffers import readable
from typedsock._errors import error, raise_errno
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typing_extensions import Buffer

    from typedsock._sock import CData

__all__ = [
    "InterfaceName",
    "has_ipv6",
    "htonl",
    "htons",
    "if_indextoname",
    "if_nameindex",
    "if_nametoindex",
    "inet_aton",
    "inet_ntoa",
    "inet_ntop",
    "inet_pton",
    "ntohl",
    "ntohs",
]

has_ipv6: Final[bool] = True
"""typedsock is always built with AF_INET6 (as CPython's ``has_ipv6``, a build-time fact)."""

_IN_ADDR_SIZE: Final = ffi.sizeof("struct in_addr")
_IN6_ADDR_SIZE: Final = ffi.sizeof("struct in6_addr")


def _text(family: int, packed: CData) -> str:
    out = ffi.new("char[]", lib.INET6_ADDRSTRLEN)
    if lib.inet_ntop(family, packed, out, lib.INET6_ADDRSTRLEN) == ffi.NULL:
        raise_errno(ffi.errno)
    return ffi.string(out).decode("ascii")


def inet_aton(ip_string: str, /) -> bytes:
    """An IPv4 address in any form inet_aton(3) takes (``'127.1'``, ``'0x7f.1'``) as 4 packed bytes."""
    packed = ffi.new("struct in_addr *")
    # Python 3.13 words the error for its one argument "argument", not "argument 1".
    raw = str_arg(ip_string, "inet_aton", 1 if sys.version_info < (3, 13) else 0)
    if lib.inet_aton(raw, packed) == 0:
        raise error("illegal IP address string passed to inet_aton")
    return ffi.unpack(ffi.cast("char *", packed), _IN_ADDR_SIZE)  # type: ignore[no-any-return]


def inet_ntoa(packed_ip: Buffer, /) -> str:
    """4 packed bytes as a dotted-quad IPv4 address."""
    with readable(packed_ip) as view:  # released before this returns or raises (see _buffers)
        if len(view) != _IN_ADDR_SIZE:
            raise error("packed IP wrong length for inet_ntoa")
        return _text(_c.AF_INET, view)


def inet_pton(address_family: int, ip_string: str, /) -> bytes:
    """An IPv4 or IPv6 address in its standard text form as packed bytes (4 or 16)."""
    family = int_arg(address_family)
    raw = str_arg(ip_string, "inet_pton", 2)
    packed = ffi.new("struct in6_addr *")  # room for either family
    result = lib.inet_pton(family, raw, packed)
    if result < 0:
        raise_errno(ffi.errno)
    if result == 0:
        raise error("illegal IP address string passed to inet_pton")
    if family == _c.AF_INET:
        size = _IN_ADDR_SIZE
    elif family == _c.AF_INET6:
        size = _IN6_ADDR_SIZE
    else:
        raise error("unknown address family")
    return ffi.unpack(ffi.cast("char *", packed), size)  # type: ignore[no-any-return]


def inet_ntop(address_family: int, packed_ip: Buffer, /) -> str:
    """Packed bytes (4 for AF_INET, 16 for AF_INET6) as the address's standard text form."""
    family = int_arg(address_family)
    with readable(packed_ip) as view:  # released before this returns or raises (see _buffers)
        if family == _c.AF_INET:
            size = _IN_ADDR_SIZE
        elif family == _c.AF_INET6:
            size = _IN6_ADDR_SIZE
        else:
            raise ValueError(f"unknown address family {family}")
        if len(view) != size:
            raise ValueError("invalid length of packed IP address string")
        return _text(family, view)


def _u16(value: int, name: str) -> int:
    if sys.version_info >= (3, 13):  # converted as a C int first, with 3.13's wording
        number = int_arg(value, c_int=False)
        if not INT_MIN <= number <= INT_MAX:
            raise OverflowError("Python int too large to convert to C int")
    else:
        number = int_arg(value)
    if number < 0:
        raise OverflowError(f"{name}: can't convert negative Python int to C 16-bit unsigned integer")
    if number > 0xFFFF:
        raise OverflowError(f"{name}: Python int too large to convert to C 16-bit unsigned integer")
    return number


def _u32(value: int) -> int:
    if not isinstance(value, int):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(f"expected int, {type(value).__name__} found")
    if value < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if value > ULONG_MAX:
        raise OverflowError("Python int too large to convert to C unsigned long")
    if value > 0xFFFFFFFF:
        raise OverflowError("int larger than 32 bits")
    return value


def htons(x: int, /) -> int:
    """A 16-bit integer from host to network byte order."""
    return lib.htons(_u16(x, "htons"))


def ntohs(x: int, /) -> int:
    """A 16-bit integer from network to host byte order."""
    return lib.ntohs(_u16(x, "ntohs"))


def htonl(x: int, /) -> int:
    """A 32-bit integer from host to network byte order."""
    return lib.htonl(_u32(x))


def ntohl(x: int, /) -> int:
    """A 32-bit integer from network to host byte order."""
    return lib.ntohl(_u32(x))


InterfaceName = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", "os.PathLike[bytes]"]


def if_nametoindex(if_name: InterfaceName, /) -> int:
    """The index of a network interface, by name (``str``, ``bytes`` or path-like)."""
    raw = bytes(if_name) if isinstance(if_name, (bytearray, memoryview)) else os.fsencode(if_name)
    if b"\0" in raw:
        raise ValueError("embedded null byte")
    index: int = lib.if_nametoindex(raw)
    if index == 0:
        raise error("no interface with this name")
    return index


def if_indextoname(if_index: int, /) -> str:
    """The name of a network interface, by index."""
    if not isinstance(if_index, int):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError("an integer is required")
    if if_index < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if if_index > ULONG_MAX:
        raise OverflowError("Python int too large to convert to C unsigned long")
    if if_index > UINT_MAX:
        raise OverflowError("index is too large")
    name = ffi.new("char[]", lib.IF_NAMESIZE)
    if lib.if_indextoname(if_index, name) == ffi.NULL:
        raise_errno(ffi.errno)
    return os.fsdecode(ffi.string(name))


def if_nameindex() -> List[Tuple[int, str]]:
    """Every network interface as ``(index, name)``."""
    head = lib.if_nameindex()
    if head == ffi.NULL:
        raise_errno(ffi.errno)
    try:
        found: List[Tuple[int, str]] = []
        entry = 0
        while head[entry].if_index != 0:
            found.append((int(head[entry].if_index), os.fsdecode(ffi.string(head[entry].if_name))))
            entry += 1
        return found
    finally:
        lib.if_freenameindex(head)
