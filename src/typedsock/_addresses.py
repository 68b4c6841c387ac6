"""One address type per family, and the codec that packs it into a sockaddr.

``InetAddress``, ``Inet6Address`` and ``UnixAddress`` are what every call
returns.  A ``Codec`` turns the address a caller gives (the typed object, or the
classic tuple/path of the same family) into a ``struct sockaddr`` through the C
shim, and a sockaddr from the kernel back into the typed object.  An address of
another family is a ``TypeError``; nothing is ever truncated.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Generic, NamedTuple, Tuple, TypeVar, Union, cast

from typedsock import _constants as _c
from typedsock._args import index
from typedsock._constants import AF_INET, AF_INET6, AF_UNIX, AddressFamily
from typedsock._errors import error, from_errno
from typedsock._resolve import setipaddr
from typedsock._scratch import Scratch, new_sockaddr
from typedsock._sock import ffi, lib

if TYPE_CHECKING:  # the other families' types, each in its own module (see _families)
    from typedsock._alg import AlgAddress, AlgAddressLike
    from typedsock._can import CanAddressLike, CanAnyAddress
    from typedsock._netlink import NetlinkAddress, NetlinkAddressLike
    from typedsock._packet import PacketAddress, PacketAddressLike
    from typedsock._raw import RawAddress, RawAddressLike
    from typedsock._tipc import TipcAddress, TipcAddressLike
    from typedsock._vsock import VsockAddress, VsockAddressLike

__all__ = [
    "A",
    "Address",
    "AddressLike",
    "CODECS",
    "Codec",
    "Inet6Codec",
    "InetCodec",
    "UnixCodec",
    "Inet6Address",
    "Inet6AddressLike",
    "InetAddress",
    "InetAddressLike",
    "PathInput",
    "PathTooLong",
    "SUN_PATH_SIZE",
    "UNNAMED",
    "UnixAddress",
    "UnixAddressLike",
    "host_bytes",
    "SockAddr",
    "interface_index",
    "own_fields",
    "unsupported",
    "interface_name",
    "unsigned",
]

SUN_PATH_SIZE: int = lib.TS_SUN_PATH_SIZE


class InetAddress(NamedTuple):
    """An AF_INET address: dotted-quad ``host`` and ``port``."""

    host: str
    """The IPv4 address as a dotted quad (``"127.0.0.1"``)."""
    port: int
    """The port, 0-65535 (0 at ``bind``: the kernel chooses)."""

    @classmethod
    def any(cls, port: int = 0) -> InetAddress:
        """INADDR_ANY: every local interface."""
        return cls(_INADDR_ANY, port)

    @classmethod
    def loopback(cls, port: int = 0) -> InetAddress:
        """INADDR_LOOPBACK."""
        return cls(_INADDR_LOOPBACK, port)

    @classmethod
    def broadcast(cls, port: int = 0) -> InetAddress:
        """INADDR_BROADCAST."""
        return cls(_INADDR_BROADCAST, port)


class Inet6Address(NamedTuple):
    """An AF_INET6 address."""

    host: str
    """The IPv6 address in its standard text form (``"::1"``, ``"fe80::1"``), without a ``%zone``."""
    port: int
    """The port, 0-65535 (0 at ``bind``: the kernel chooses)."""
    flowinfo: int = 0
    """The flow label and traffic class (``sin6_flowinfo``), 0 unless set."""
    scope_id: int = 0
    """The zone: the interface index of a link-local address (0: none)."""


PathInput = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", "os.PathLike[bytes]"]


class UnixAddress:
    """An AF_UNIX address: a filesystem path, a Linux abstract name, or unnamed.

    A pathname is held as ``str`` when given as ``str`` (and comes back from the
    kernel as ``str``), an abstract name (leading NUL) as ``bytes``.  Two
    addresses are equal when their ``os.fsencode`` forms are.
    """

    __slots__ = ("_path", "_raw")
    _path: str | bytes
    _raw: bytes

    def __init__(self, path: PathInput = "") -> None:
        """A pathname (``str``, ``bytes`` or a path object), an abstract name (``bytes``
        with a leading NUL; see ``abstract``), or ``""``: unnamed.  ``PathTooLong`` when it
        does not fit ``sun_path``; ``ValueError`` for a NUL inside a pathname."""
        if isinstance(path, (bytearray, memoryview)):
            path = bytes(path)
        path = os.fspath(path)
        raw = os.fsencode(path)
        if raw[:1] != b"\0":
            if b"\0" in raw:
                raise ValueError("AF_UNIX path contains an embedded null byte")
            if len(raw) > SUN_PATH_SIZE - 1:
                raise PathTooLong("AF_UNIX path too long")
        elif len(raw) > SUN_PATH_SIZE:
            raise PathTooLong("AF_UNIX abstract name too long")
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_raw", raw)

    @classmethod
    def abstract(cls, name: str | bytes) -> UnixAddress:
        """A Linux abstract-namespace address (``name`` without the leading NUL)."""
        return cls(b"\0" + os.fsencode(name))

    @property
    def path(self) -> str | bytes:
        """The name as given: ``str`` for a pathname given as ``str``, ``bytes`` otherwise (an abstract name starts with NUL)."""
        return self._path

    @property
    def is_abstract(self) -> bool:
        """Whether this is a Linux abstract-namespace name (a leading NUL, no file)."""
        return self._raw[:1] == b"\0"

    @property
    def is_unnamed(self) -> bool:
        """Whether this is the unnamed address (an unbound socket, a ``socketpair`` end)."""
        return not self._raw

    def __fspath__(self) -> str | bytes:
        return self._path

    def __bytes__(self) -> bytes:
        """The name as the kernel sees it (``os.fsencode`` of the path)."""
        return self._raw

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UnixAddress):
            return self._raw == other._raw
        return NotImplemented

    def __hash__(self) -> int:
        return hash((UnixAddress, self._raw))

    def __repr__(self) -> str:
        return f"UnixAddress({self._path!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("UnixAddress is immutable")

    def __reduce__(self) -> tuple[type[UnixAddress], tuple[str | bytes]]:
        return (UnixAddress, (self._path,))


class PathTooLong(error, ValueError):
    """An AF_UNIX name that does not fit ``sun_path`` (never truncated)."""


PathTooLong.__module__ = "typedsock"

Address = Union[
    InetAddress,
    Inet6Address,
    UnixAddress,
    "PacketAddress",
    "NetlinkAddress",
    "VsockAddress",
    "CanAnyAddress",
    "AlgAddress",
    "TipcAddress",
    "RawAddress",
]
"""Every address type: what a socket of a family known only at run time returns."""
A = TypeVar("A", bound=Address)

# What each family accepts besides its typed object (the classic forms).
InetAddressLike = Union[InetAddress, Tuple[str, int]]
"""What an AF_INET call takes: an ``InetAddress`` or the classic ``(host, port)``."""
# A plain (host, port) pair is an AF_INET6 address too.  An ``InetAddress`` is such
# a pair, yet IPv4 (a ``TypeError`` at run time): every call that takes an
# ``Inet6AddressLike`` has a ``@deprecated`` overload for it first, which both
# checkers report (pyright strict's reportDeprecated, mypy's ``deprecated`` code).
Inet6AddressLike = Union[Inet6Address, Tuple[str, int], Tuple[str, int, int], Tuple[str, int, int, int]]
"""What an AF_INET6 call takes: an ``Inet6Address`` or the classic ``(host, port[, flowinfo[, scope_id]])``."""
UnixAddressLike = Union[UnixAddress, str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
"""What an AF_UNIX call takes: a ``UnixAddress``, or a path as ``str``, ``bytes`` or a path object."""
AddressLike = Union[
    InetAddressLike,
    Inet6AddressLike,
    UnixAddressLike,
    "PacketAddressLike",
    "NetlinkAddressLike",
    "VsockAddressLike",
    "CanAddressLike",
    "AlgAddressLike",
    "TipcAddressLike",
    "RawAddressLike",
]
"""What a call takes on a socket of a family known only at run time: any family's ``...Like``."""

UNNAMED = UnixAddress("")
_SUN_PATH_OFFSET: int = lib.TS_SUN_PATH_OFFSET  # a sockaddr_un this short names nothing
_SOCKADDR_IN6_SIZE: int = ffi.sizeof("struct sockaddr_in6")


def _port(port: object, prefix: str) -> int:
    value = index(port)
    if not 0 <= value <= 0xFFFF:
        raise OverflowError(f"{prefix}port must be 0-65535.")
    return value


def host_bytes(host: object, call: str = "") -> bytes:
    """A host name or address for the C calls: ``str`` IDNA-encoded (as CPython does),
    ``bytes`` or ``bytearray``.  ``call`` names a function whose argument 1 it is, for
    the standard library's wording of that function's errors."""
    if isinstance(host, str):
        raw = host.encode("idna")
    elif isinstance(host, (bytes, bytearray)):
        raw = bytes(host)
    elif call:
        raise TypeError(f"{call}() argument 1 must be str, bytes or bytearray, not {type(host).__name__}")
    else:
        raise TypeError(f"str, bytes or bytearray expected, not {type(host).__name__}")
    if b"\0" in raw:
        if call:
            raise ValueError(f"{call}() argument 1 must be encoded string without null bytes")
        raise ValueError("host name contains an embedded null byte")
    return raw


def unsigned(value: object, bits: int, what: str, prefix: str) -> int:
    """``value`` as an int that fits ``bits`` unsigned bits, else OverflowError (never truncated)."""
    number = index(value)
    if not 0 <= number < 1 << bits:
        raise OverflowError(f"{prefix}{what} must be 0-{(1 << bits) - 1}.")
    return number


def interface_index(name: object, family: str, prefix: str) -> int:
    """An interface name (``str`` or ``bytes``) as its index (``if_nametoindex``); ``""``
    is 0, every interface.  A NUL, or a name longer than IF_NAMESIZE - 1 bytes, is a
    ``ValueError``; an unknown name the kernel's error (ENODEV)."""
    if isinstance(name, str):
        raw = os.fsencode(name)
    elif isinstance(name, (bytes, bytearray)):
        raw = bytes(name)
    else:
        raise TypeError(f"{prefix}{family} interface name must be str or bytes, not {type(name).__name__}")
    if not raw:
        return 0
    if b"\0" in raw:
        raise ValueError(f"{prefix}{family} interface name contains an embedded null byte")
    if len(raw) > lib.IF_NAMESIZE - 1:
        raise ValueError(f"{prefix}{family} interface name too long")
    found: int = lib.if_nametoindex(raw)
    if found == 0:
        raise from_errno(ffi.errno or lib.ENODEV)
    return found


def interface_name(ifindex: int) -> str:
    """The name of interface ``ifindex`` (``if_indextoname``); ``""`` for 0 or one that is gone,
    as the standard module gives."""
    if ifindex <= 0:
        return ""
    buf = ffi.new("char[]", lib.IF_NAMESIZE)
    if lib.if_indextoname(ifindex, buf) == ffi.NULL:
        return ""
    return os.fsdecode(ffi.string(buf))


_SockAddr = Tuple[Any, int]  # (owning struct sockaddr[] cdata, length)
SockAddr = _SockAddr


def own_fields(
    address: object, own: type, family: str, prefix: str, sizes: Tuple[int, int], shape: str
) -> Tuple[object, ...]:
    """The fields of an address given as this family's own type or as a plain tuple of
    ``sizes[0]`` to ``sizes[1]`` fields; another family's address (or any other object)
    is a ``TypeError``."""
    given: type = type(address)
    if not isinstance(address, tuple) or (given is not tuple and not isinstance(address, own)):
        raise TypeError(f"{prefix}{family} address must be {own.__name__} or tuple, not {given.__name__}")
    fields = cast(Tuple[object, ...], address)
    if not sizes[0] <= len(fields) <= sizes[1]:
        raise TypeError(f"{prefix}{family} address must be a tuple {shape}")
    return fields


def unsupported(family: str) -> error:
    """The error for a family whose header this system's build lacked."""
    return error(lib.EAFNOSUPPORT, f"{family} addresses are not supported on this system (no header at build time)")
_CACHE_LIMIT = 1024


class Codec(Generic[A]):
    """Packs and unpacks the addresses of one family."""

    family: AddressFamily

    def __init__(self) -> None:
        # Numeric addresses seen before, packed: sendto() to the same peer packs
        # nothing.  Only exact ``int`` ports hit (80.0 == 80 must still fail).
        self._packed: Dict[object, _SockAddr] = {}
        # Addresses decoded before, by the INET key the ts_* calls leave (see
        # ts_inet_key): recvfrom reads the sender with one lookup.  Only AF_INET fills
        # it; a key is never 0, which the calls leave for every other family.
        self.decoded: Dict[int, A] = {}

    def encode(self, address: object, call: str = "") -> _SockAddr:
        """``address`` (typed or classic form) as (sockaddr, length); TypeError if of
        another family.  ``call`` names the method in error messages, as the standard
        library does (``"bind(): port must be 0-65535."``)."""
        try:
            packed = self._packed[address]
        except (KeyError, TypeError):
            return self._encode_new(address, call)
        if self._exact(address):
            return packed
        return self._encode_new(address, call)

    def _encode_new(self, address: object, call: str) -> _SockAddr:
        packed, cacheable = self._pack(address, f"{call}(): " if call else "")
        if cacheable:
            if len(self._packed) >= _CACHE_LIMIT:
                self._packed.clear()
            self._packed[address] = packed
        return packed

    def _exact(self, address: object) -> bool:
        return True

    def _pack(self, address: object, prefix: str) -> tuple[_SockAddr, bool]:
        raise NotImplementedError

    def decode(self, sa: Any, length: int, scratch: Scratch) -> A:
        """The address in ``sa`` (``length`` bytes)."""
        raise NotImplementedError

    def from_scratch(self, scratch: Scratch) -> A:
        """The address a ``ts_*`` call just left in ``scratch``."""
        return self.decode(scratch.sa, scratch.addrlen[0], scratch)

    def for_proto(self, proto: int) -> Codec[Any]:
        """The codec of a socket of this family and protocol (one whose address shape
        depends on the protocol, AF_CAN, gives another codec per protocol)."""
        return self




class InetCodec(Codec[InetAddress]):
    family = AF_INET

    def encode(self, address: object, call: str = "") -> _SockAddr:
        # The hot path of sendto(): one dict lookup, no further call.
        try:
            packed = self._packed[address]
        except (KeyError, TypeError):
            return self._encode_new(address, call)
        if type(address[1]) is int:  # type: ignore[index]
            return packed
        return self._encode_new(address, call)

    def _exact(self, address: Any) -> bool:
        return type(address[1]) is int

    def _pack(self, address: object, prefix: str) -> tuple[_SockAddr, bool]:
        if isinstance(address, (Inet6Address, UnixAddress)) or not isinstance(address, tuple):
            raise TypeError(f"{prefix}AF_INET address must be tuple, not {type(address).__name__}")
        fields = cast(Tuple[object, ...], address)
        if len(fields) != 2:
            raise TypeError("AF_INET address must be a pair (host, port)")
        host, port = host_bytes(fields[0]), _port(fields[1], prefix)
        sa, length, numeric = setipaddr(host, _c.AF_INET)
        lib.ts_set_port(sa, port, 0, 0)
        cacheable = numeric and type(fields[0]) is str and type(fields[1]) is int
        return (sa, length), cacheable

    def decode(self, sa: Any, length: int, scratch: Scratch) -> InetAddress:
        key: int = lib.ts_inet_key(sa, length)
        return self.decoded.get(key) or self._decode_new(sa, key, scratch)

    def from_scratch(self, scratch: Scratch) -> InetAddress:
        key: int = scratch.key[0]
        return self.decoded.get(key) or self._decode_new(scratch.sa, key, scratch)

    def _decode_new(self, sa: Any, key: int, scratch: Scratch) -> InetAddress:
        if key == 0:
            raise error("the kernel reported no AF_INET address")
        lib.ts_get_inet(sa, scratch.host, scratch.port)
        address = InetAddress(ffi.string(scratch.host).decode("ascii"), scratch.port[0])
        if len(self.decoded) >= _CACHE_LIMIT:
            self.decoded.clear()
        self.decoded[key] = address
        return address


class Inet6Codec(Codec[Inet6Address]):
    family = AF_INET6

    def _exact(self, address: Any) -> bool:
        # An InetAddress equals the (host, port) pair it was cached under, yet
        # is of the wrong family; and 80.0 == 80 but is no port.
        return not isinstance(address, InetAddress) and all(type(field) is int for field in address[1:])

    def _pack(self, address: object, prefix: str) -> tuple[_SockAddr, bool]:
        if isinstance(address, InetAddress):
            raise TypeError(f"{prefix}AF_INET6 address must be Inet6Address or tuple, not InetAddress")
        if isinstance(address, UnixAddress) or not isinstance(address, tuple):
            raise TypeError(f"{prefix}AF_INET6 address must be tuple, not {type(address).__name__}")
        fields = cast(Tuple[object, ...], address)
        if not 2 <= len(fields) <= 4:
            raise TypeError("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
        host, port = host_bytes(fields[0]), _port(fields[1], prefix)
        flowinfo, scope_id = (index(field) for field in (*fields[2:], 0, 0)[:2])
        if not 0 <= flowinfo <= 0xFFFFF:
            raise OverflowError(f"{prefix}flowinfo must be 0-1048575.")
        if not 0 <= scope_id <= 0xFFFFFFFF:
            raise OverflowError(f"{prefix}scope_id must be 0-4294967295.")
        sa, length, numeric = setipaddr(host, _c.AF_INET6)
        # scope_id 0 keeps the scope of a "%zone" in the host (-1: the one the address has)
        lib.ts_set_port(sa, port, flowinfo, scope_id or -1)
        cacheable = numeric and type(fields[0]) is str and all(type(f) is int for f in fields[1:])
        return (sa, length), cacheable

    def decode(self, sa: Any, length: int, scratch: Scratch) -> Inet6Address:
        # (a shorter one, or another family's, would read what the buffer held before)
        if length < _SOCKADDR_IN6_SIZE or lib.ts_family(sa) != AF_INET6:
            raise error("the kernel reported no AF_INET6 address")
        lib.ts_get_inet6(sa, scratch.host, scratch.port, scratch.flowinfo, scratch.scope_id)
        return Inet6Address(
            ffi.string(scratch.host).decode("ascii"),
            scratch.port[0],
            scratch.flowinfo[0],
            scratch.scope_id[0],
        )


class UnixCodec(Codec[UnixAddress]):
    family = AF_UNIX

    def _pack(self, address: object, prefix: str) -> tuple[_SockAddr, bool]:
        if isinstance(address, UnixAddress):
            unix = address
        elif isinstance(address, (str, bytes, bytearray, memoryview, os.PathLike)):
            unix = UnixAddress(cast(PathInput, address))
        else:
            raise TypeError(f"a bytes-like object is required, not '{type(address).__name__}'")
        raw = bytes(unix)
        sa = new_sockaddr()
        length = lib.ts_put_unix(sa, raw, len(raw))
        if length == 0:  # UnixAddress checked the size already
            raise PathTooLong("AF_UNIX path too long")
        cacheable = isinstance(address, (str, bytes, UnixAddress))
        return (sa, length), cacheable

    def decode(self, sa: Any, length: int, scratch: Scratch) -> UnixAddress:
        if length <= _SUN_PATH_OFFSET:
            return UNNAMED
        n = lib.ts_get_unix(sa, length, scratch.path)
        if n == 0:
            return UNNAMED
        raw: bytes = ffi.unpack(scratch.path[0], n)
        if n < SUN_PATH_SIZE:
            return UnixAddress(raw if raw[:1] == b"\0" else os.fsdecode(raw))
        # A pathname filling sun_path, with no NUL: the kernel takes one (another process
        # bound it), typedsock sends none (PathTooLong), yet it is the peer's name.
        address = object.__new__(UnixAddress)
        object.__setattr__(address, "_path", raw if raw[:1] == b"\0" else os.fsdecode(raw))
        object.__setattr__(address, "_raw", raw)
        return address


CODECS: Dict[int, Codec[Any]] = {
    AF_INET: InetCodec(),
    AF_INET6: Inet6Codec(),
    AF_UNIX: UnixCodec(),
}


def _inet_text(host_order: int) -> str:
    sa, scratch = new_sockaddr(), Scratch()
    lib.ts_put_inet_u32(sa, host_order)
    lib.ts_get_inet(sa, scratch.host, scratch.port)
    text: str = ffi.string(scratch.host).decode("ascii")
    return text


_INADDR_ANY = _inet_text(_c.INADDR_ANY)
_INADDR_LOOPBACK = _inet_text(_c.INADDR_LOOPBACK)
_INADDR_BROADCAST = _inet_text(_c.INADDR_BROADCAST)

