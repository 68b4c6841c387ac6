"""How each typed option's value sits in C: one codec per kind of value.

A codec (``Value[T, V]``) turns the bytes getsockopt returns into a T and a V into the
bytes setsockopt takes, and checks the V first: TypeError for a value of the wrong type,
OverflowError beyond the C type, ValueError outside what the option means (a negative
time, a TTL of 300, a name longer than the kernel keeps) -- never a wrapped or cut value.
Times are seconds: a ``float`` where the kernel counts finely (milliseconds, microseconds,
a timeval), an ``int`` where it counts whole seconds.  Interfaces are an index or a name.
Every size and limit comes from the C headers through the build.
"""

from __future__ import annotations

import enum
import math
import os
import sys
from typing import Any, Generic, NamedTuple, Optional, Type, TypeVar, Union

from typedsock import _constants as _c
from typedsock._addresses import interface_index as address_interface_index
from typedsock._args import INT_MAX, INT_MIN
from typedsock._constants import AddressFamily
from typedsock._literals import enum_or_int
from typedsock._sock import ffi, lib

__all__ = [
    "Credentials", "Interface", "Membership", "PmtuDiscovery", "TimestampingFlag", "Value",
    "credentials", "enumerated", "family", "flag", "interface", "interface_index", "linger", "membership4",
    "membership6", "multicast_interface4", "number", "seconds", "source_membership", "text",
    "timeval", "unsigned",
]

T = TypeVar("T")
V = TypeVar("V")
E = TypeVar("E", bound=int)  # an IntEnum or an IntFlag

_INT_SIZE: int = ffi.sizeof("int")
_ORDER = sys.byteorder

Interface = Union[int, str]
"""A network interface: its index (0: the kernel chooses), or its name (``"lo"``)."""


class Credentials(NamedTuple):
    """A process's pid, uid and gid: the peer of an AF_UNIX socket (SO_PEERCRED), and what
    an SCM_CREDENTIALS message carries (``ancillary.SenderCredentials.credentials``)."""

    pid: int
    """The process id."""
    uid: int
    """The user id."""
    gid: int
    """The group id."""


class PmtuDiscovery(enum.IntEnum):
    """Path MTU discovery (IP_MTU_DISCOVER, IPV6_MTU_DISCOVER): the IP_PMTUDISC_* modes,
    whose IPV6_PMTUDISC_* twins have the same values."""

    DONT = _c.IP_PMTUDISC_DONT
    WANT = _c.IP_PMTUDISC_WANT
    DO = _c.IP_PMTUDISC_DO
    PROBE = _c.IP_PMTUDISC_PROBE
    INTERFACE = _c.IP_PMTUDISC_INTERFACE
    OMIT = _c.IP_PMTUDISC_OMIT


class TimestampingFlag(enum.IntFlag):
    """SO_TIMESTAMPING's flags: the SOF_TIMESTAMPING_* bits."""

    TX_HARDWARE = _c.SOF_TIMESTAMPING_TX_HARDWARE
    TX_SOFTWARE = _c.SOF_TIMESTAMPING_TX_SOFTWARE
    RX_HARDWARE = _c.SOF_TIMESTAMPING_RX_HARDWARE
    RX_SOFTWARE = _c.SOF_TIMESTAMPING_RX_SOFTWARE
    SOFTWARE = _c.SOF_TIMESTAMPING_SOFTWARE
    SYS_HARDWARE = _c.SOF_TIMESTAMPING_SYS_HARDWARE
    RAW_HARDWARE = _c.SOF_TIMESTAMPING_RAW_HARDWARE
    OPT_ID = _c.SOF_TIMESTAMPING_OPT_ID
    TX_SCHED = _c.SOF_TIMESTAMPING_TX_SCHED
    TX_ACK = _c.SOF_TIMESTAMPING_TX_ACK
    OPT_CMSG = _c.SOF_TIMESTAMPING_OPT_CMSG
    OPT_TSONLY = _c.SOF_TIMESTAMPING_OPT_TSONLY
    OPT_STATS = _c.SOF_TIMESTAMPING_OPT_STATS
    OPT_PKTINFO = _c.SOF_TIMESTAMPING_OPT_PKTINFO
    OPT_TX_SWHW = _c.SOF_TIMESTAMPING_OPT_TX_SWHW
    BIND_PHC = _c.SOF_TIMESTAMPING_BIND_PHC


class Membership(NamedTuple):
    """A multicast group on an interface (index; 0: the kernel chooses), from any source or
    (``source``) from one: what ``join_group``/``leave_group`` set."""

    group: str
    interface: Interface
    source: Optional[str]


def _type_error(name: str, wanted: str, value: object) -> TypeError:
    return TypeError(f"{name} takes {wanted}, not {type(value).__name__}")


class Value(Generic[T, V]):
    """The codec of one kind of option value: reads a T, takes a V."""

    __slots__ = ("size", "type_name")
    size: int  # the bytes getsockopt is given
    type_name: str  # as messages and the docs name the value

    def __init__(self, size: int, type_name: str) -> None:
        self.size = size
        self.type_name = type_name

    # A read-only option's codec has no encode, a write-only one's no decode: Socket.get
    # and set check the option's class first, so these are never reached.
    def decode(self, raw: bytes) -> T:
        raise NotImplementedError

    def encode(self, name: str, value: V) -> bytes:
        raise NotImplementedError


def _struct(ctype: str, raw: bytes) -> Any:
    """The bytes getsockopt returned as a ``ctype`` (zeros past what the kernel reported)."""
    size = ffi.sizeof(ctype)
    return ffi.from_buffer(ctype + " *", raw[:size].ljust(size, b"\0"))


def _pack(ctype: str, init: object = None) -> bytes:
    """A ``ctype`` made from ``init`` (cffi's initializer), as the bytes setsockopt takes."""
    return ffi.buffer(ffi.new(ctype + " *", init))[:]  # type: ignore[no-any-return]


def _bounds(low: int, high: int) -> str:
    """How a range reads in messages and the docs."""
    if (low, high) == (INT_MIN, INT_MAX):
        return ""
    return f">= {low}" if high == INT_MAX else f"{low}..{high}"


class _Int(Value[T, V]):
    """A C integer of ``size`` bytes, ``signed`` or not, whose values mean something in
    ``low``..``high`` (the subclasses turn it into the value read, and back)."""

    __slots__ = ("high", "low", "signed")

    def __init__(self, type_name: str, low: int, high: int, size: int = _INT_SIZE, signed: bool = True) -> None:
        super().__init__(size, type_name)
        self.low, self.high, self.signed = low, high, signed

    def number(self, raw: bytes) -> int:
        # The kernel may report fewer bytes than asked for: the rest read as 0.
        return int.from_bytes(raw[: self.size].ljust(self.size, b"\0"), _ORDER, signed=self.signed)

    def pack(self, name: str, number: int) -> bytes:
        bits = 8 * self.size
        c_low, c_high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if self.signed else (0, 2**bits - 1)
        if not c_low <= number <= c_high:
            raise OverflowError(f"{name} value {number} is out of range of its C type")
        if not self.low <= number <= self.high:
            raise ValueError(f"{name} must be {_bounds(self.low, self.high)}, not {number}")
        return number.to_bytes(self.size, _ORDER, signed=self.signed)


class _Number(_Int[int, int]):
    def decode(self, raw: bytes) -> int:
        return self.number(raw)

    def encode(self, name: str, value: int) -> bytes:
        if not isinstance(value, int) or isinstance(value, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise _type_error(name, "an int", value)
        return self.pack(name, value)


def number(low: int = INT_MIN, high: int = INT_MAX, seconds: bool = False) -> Value[int, int]:
    """A C int in ``low``..``high`` (``seconds``: a count of whole seconds)."""
    return _Number(" ".join(filter(None, ("int", "seconds" if seconds else "", _bounds(low, high)))), low, high)


def unsigned(size: int) -> Value[int, int]:
    """An unsigned C integer of ``size`` bytes (SO_MARK: 4, SO_COOKIE: 8)."""
    return _Number(f"int 0..2**{8 * size}-1", 0, 2 ** (8 * size) - 1, size=size, signed=False)


class _Flag(_Int[bool, bool]):
    def decode(self, raw: bytes) -> bool:
        return self.number(raw) != 0

    def encode(self, name: str, value: bool) -> bytes:
        if not isinstance(value, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise _type_error(name, "a bool", value)
        return self.pack(name, int(value))


def flag() -> Value[bool, bool]:
    """A C int that is on or off."""
    return _Flag("bool", 0, 1)


class _Enumerated(_Int[E, E]):
    __slots__ = ("enum",)

    def __init__(self, enum_type: Type[E]) -> None:
        super().__init__(enum_type.__name__, INT_MIN, INT_MAX)
        self.enum = enum_type

    def decode(self, raw: bytes) -> E:
        return self.enum(self.number(raw))

    def encode(self, name: str, value: E) -> bytes:
        if not isinstance(value, self.enum):
            raise _type_error(name, f"a {self.enum.__name__}", value)
        return self.pack(name, int(value))


def enumerated(enum_type: Type[E]) -> Value[E, E]:
    """A C int that is one of an enum's members, or (an IntFlag) a set of them."""
    return _Enumerated(enum_type)


class _Family(_Int[Union[AddressFamily, int], None]):
    def decode(self, raw: bytes) -> Union[AddressFamily, int]:
        return enum_or_int(AddressFamily, self.number(raw))


def family() -> Value[Union[AddressFamily, int], None]:
    """SO_DOMAIN: the socket's family (the bare number for a family the enum lacks)."""
    return _Family("AddressFamily (int if unknown)", INT_MIN, INT_MAX)


class _Seconds(_Int[float, float]):
    """A time in seconds that the kernel holds as a count of 1/per_second seconds."""

    __slots__ = ("per_second",)

    def __init__(self, per_second: int, unit: str) -> None:
        super().__init__(f"float seconds (kept in {unit})", 0, INT_MAX)
        self.per_second = per_second

    def decode(self, raw: bytes) -> float:
        return self.number(raw) / self.per_second

    def encode(self, name: str, value: float) -> bytes:
        count = _count(name, value, self.per_second)
        if count > INT_MAX:
            raise OverflowError(f"{name} value {value} s is out of range of its C type")
        return self.pack(name, count)


def _count(name: str, seconds: float, per_second: int) -> int:
    """Seconds as a whole count of 1/per_second seconds; a time above 0 is never 0."""
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise _type_error(name, "seconds as a float", seconds)
    if not seconds >= 0 or math.isinf(seconds):  # NaN too
        raise ValueError(f"{name} must be a finite number of seconds >= 0, not {seconds!r}")
    count = round(seconds * per_second)
    return 1 if count == 0 and seconds > 0 else count


def seconds(per_second: int) -> Value[float, float]:
    """Seconds the kernel counts in milliseconds (1000) or microseconds (1_000_000)."""
    return _Seconds(per_second, {1000: "milliseconds", 1_000_000: "microseconds"}[per_second])


class _Timeval(Value[float, float]):
    def decode(self, raw: bytes) -> float:
        tv = _struct("struct timeval", raw)
        return int(tv.tv_sec) + int(tv.tv_usec) / 1_000_000

    def encode(self, name: str, value: float) -> bytes:
        usec = _count(name, value, 1_000_000)
        whole, fraction = divmod(usec, 1_000_000)
        try:
            return _pack("struct timeval", {"tv_sec": whole, "tv_usec": fraction})
        except OverflowError:
            raise OverflowError(f"{name} value {value} s is out of range of its C type") from None


def timeval() -> Value[float, float]:
    """Seconds as a struct timeval (SO_RCVTIMEO, SO_SNDTIMEO; 0 is no timeout)."""
    return _Timeval(ffi.sizeof("struct timeval"), "float seconds (a timeval; 0: none)")


class _Linger(Value[Optional[int], Optional[int]]):
    def decode(self, raw: bytes) -> Optional[int]:
        linger = _struct("struct linger", raw)
        return int(linger.l_linger) if linger.l_onoff else None

    def encode(self, name: str, value: Optional[int]) -> bytes:
        if value is None:
            return _pack("struct linger", {"l_onoff": 0, "l_linger": 0})
        if not isinstance(value, int) or isinstance(value, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise _type_error(name, "whole seconds as an int, or None", value)
        if not 0 <= value <= INT_MAX:
            raise (ValueError if value < 0 else OverflowError)(f"{name} must be in 0..{INT_MAX} s, not {value}")
        return _pack("struct linger", {"l_onoff": 1, "l_linger": value})


def linger() -> Value[Optional[int], Optional[int]]:
    """SO_LINGER: whole seconds to linger on close, None for off."""
    return _Linger(ffi.sizeof("struct linger"), "int seconds >= 0, or None (off)")


class _Credentials(Value[Credentials, None]):
    def decode(self, raw: bytes) -> Credentials:
        cred = _struct("struct ucred", raw)
        return Credentials(int(cred.pid), int(cred.uid), int(cred.gid))


def credentials() -> Value[Credentials, None]:
    """SO_PEERCRED: the peer's pid, uid and gid."""
    return _Credentials(ffi.sizeof("struct ucred"), "Credentials")


class _Text(Value[str, str]):
    """A name of at most size - 1 bytes (the kernel's buffer, NUL included)."""

    def decode(self, raw: bytes) -> str:
        return os.fsdecode(raw.split(b"\0", 1)[0])

    def encode(self, name: str, value: str) -> bytes:
        if not isinstance(value, str):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise _type_error(name, "a str", value)
        raw = os.fsencode(value)
        if b"\0" in raw:
            raise ValueError(f"{name}: embedded null character")
        if len(raw) >= self.size:
            raise ValueError(f"{name} takes at most {self.size - 1} bytes, not {len(raw)} ({value!r})")
        return raw


def text(size: int) -> Value[str, str]:
    """A name the kernel keeps in ``size`` bytes, NUL included (IFNAMSIZ, TCP_CA_NAME_MAX)."""
    return _Text(size, f"str (at most {size - 1} bytes)")


def interface_index(name: str, value: Interface) -> int:
    """An interface as its index: an index as given (0: the kernel chooses), a name looked
    up (``""`` is 0; OSError when there is no such interface)."""
    if isinstance(value, str):
        return address_interface_index(value, name, "")
    if not isinstance(value, int) or isinstance(value, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise _type_error(name, "an interface index (int) or name (str)", value)
    if not 0 <= value <= INT_MAX:
        raise (ValueError if value < 0 else OverflowError)(f"{name}: interface index {value} is out of range")
    return value


class _Interface(_Int[int, Interface]):
    def decode(self, raw: bytes) -> int:
        return self.number(raw)

    def encode(self, name: str, value: Interface) -> bytes:
        return self.pack(name, interface_index(name, value))


def interface() -> Value[int, Interface]:
    """An interface index as a C int, set by index or name (IPV6_MULTICAST_IF)."""
    return _Interface("interface: read as its index, set by index or name", 0, INT_MAX)


class _MulticastInterface4(Value[None, Interface]):
    def encode(self, name: str, value: Interface) -> bytes:
        return _pack("struct ip_mreqn", {"imr_ifindex": interface_index(name, value)})


def multicast_interface4() -> Value[None, Interface]:
    """IP_MULTICAST_IF by index or name (a struct ip_mreqn; the kernel reads back only the
    address it was given, so the option is write-only)."""
    return _MulticastInterface4(ffi.sizeof("struct ip_mreqn"), "interface: its index or name")


def _put_numeric(name: str, what: str, family: int, host: str, storage: Any) -> None:
    """A numeric address of ``family`` into a sockaddr_storage; ValueError when it is not one."""
    if not isinstance(host, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise _type_error(name, f"the {what} as a str", host)
    raw = host.encode("ascii", "replace")
    put = lib.ts_put_inet if family == _c.AF_INET else lib.ts_put_inet6
    if b"\0" in raw or not put(ffi.cast("struct sockaddr *", storage), raw):
        kind = "IPv4" if family == _c.AF_INET else "IPv6"
        raise ValueError(f"{name}: the {what} {host!r} is not a numeric {kind} address")


def _is_multicast(family: int, storage: Any) -> bool:
    if family == _c.AF_INET:
        first = ffi.buffer(ffi.addressof(ffi.cast("struct sockaddr_in *", storage).sin_addr))[0]
        return 224 <= ord(first) <= 239
    first = ffi.buffer(ffi.addressof(ffi.cast("struct sockaddr_in6 *", storage).sin6_addr))[0]
    return ord(first) == 0xFF


def _group(name: str, family: int, value: Membership, storage: Any) -> int:
    """Check a Membership, put its group into ``storage``; its interface index."""
    if not isinstance(value, Membership):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise _type_error(name, "a Membership", value)
    _put_numeric(name, "group", family, value.group, storage)
    if not _is_multicast(family, storage):
        raise ValueError(f"{name}: {value.group!r} is not a multicast group")
    return interface_index(name, value.interface)


class _Membership(Value[None, Membership]):
    __slots__ = ("family",)

    def __init__(self, family: int) -> None:
        struct = "struct ip_mreqn" if family == _c.AF_INET else "struct ipv6_mreq"
        super().__init__(ffi.sizeof(struct), "Membership")
        self.family = family

    def encode(self, name: str, value: Membership) -> bytes:
        storage = ffi.new("struct sockaddr_storage *")
        index = _group(name, self.family, value, storage)
        if value.source is not None:
            raise ValueError(f"{name} is any-source: a source-specific membership is MCAST_JOIN_SOURCE_GROUP's")
        if self.family == _c.AF_INET:
            group = ffi.cast("struct sockaddr_in *", storage).sin_addr
            return _pack("struct ip_mreqn", {"imr_multiaddr": group, "imr_ifindex": index})
        group = ffi.cast("struct sockaddr_in6 *", storage).sin6_addr
        return _pack("struct ipv6_mreq", {"ipv6mr_multiaddr": group, "ipv6mr_interface": index})


def membership4() -> Value[None, Membership]:
    """IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP: a struct ip_mreqn."""
    return _Membership(_c.AF_INET)


def membership6() -> Value[None, Membership]:
    """IPV6_JOIN_GROUP, IPV6_LEAVE_GROUP: a struct ipv6_mreq."""
    return _Membership(_c.AF_INET6)


class _SourceMembership(Value[None, Membership]):
    __slots__ = ("family",)

    def __init__(self, family: int) -> None:
        super().__init__(ffi.sizeof("struct group_source_req"), "Membership (with a source)")
        self.family = family

    def encode(self, name: str, value: Membership) -> bytes:
        req = ffi.new("struct group_source_req *")
        index = _group(name, self.family, value, ffi.addressof(req.gsr_group))
        if value.source is None:
            raise ValueError(f"{name} is source-specific: give the source")
        _put_numeric(name, "source", self.family, value.source, ffi.addressof(req.gsr_source))
        req.gsr_interface = index  # (at most INT_MAX: interface_index checked it)
        return ffi.buffer(req)[:]  # type: ignore[no-any-return]


def source_membership(family: int) -> Value[None, Membership]:
    """MCAST_JOIN_SOURCE_GROUP, MCAST_LEAVE_SOURCE_GROUP: a struct group_source_req."""
    return _SourceMembership(family)

