"""Typed control messages: ancillary data as classes, not ``(level, type, bytes)``.

Each kind of message is one class that knows its level and type, packs itself for
``sendmsg`` and parses the kernel's bytes.  The classes are generic in the address
type of the sockets they apply to, so a checker rejects ``PacketInfo6`` on an
AF_INET socket (``Sendable[Inet6Address]`` is no ``Sendable[InetAddress]``), and the
run time does too (the families are read from the same type parameter).  The type
parameter is contravariant: a message of every family (``RawMessage``, the
timestamps) is ``Sendable[Address]``/``Receivable[Address]``, usable on any socket.

Sending: ``sock.sendmsg([data], [PacketInfo(local="10.0.0.1"), Ttl(3)])`` (raw
``(level, type, bytes)`` tuples are accepted next to them).  Receiving:
``sock.recv_message(2048, expect=(PacketInfo, Ttl))`` sizes the control buffer for
the messages named and returns a ``Received`` with the typed messages.  Anything
the kernel sends that has no class here arrives as a ``RawMessage``.
"""

from __future__ import annotations

import enum
import os
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    FrozenSet,
    Generic,
    Iterable,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    get_args,
)

from typedsock import _cmsg
from typedsock import _constants as _c
from typedsock._addresses import CODECS, Address, Inet6Address, InetAddress, UnixAddress
from typedsock._args import INT_MAX, UINT_MAX, index
from typedsock._literals import label
from typedsock._optionvalues import Credentials
from typedsock._scratch import give_back, take
from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    import ipaddress

    from typing_extensions import Buffer, Self

    from typedsock._sock import CData

__all__ = [
    "ControlMessage",
    "ErrorOrigin",
    "ExtendedError",
    "ExtendedError6",
    "from_control",
    "GroSegment",
    "HopLimit",
    "MAX_FDS",
    "OriginalDestination",
    "OriginalDestination6",
    "PacketInfo",
    "PacketInfo6",
    "RawMessage",
    "RawRoom",
    "Receivable",
    "Received",
    "Rights",
    "RightsRoom",
    "Room",
    "Segment",
    "Sendable",
    "SenderCredentials",
    "Timestamp",
    "TimestampNs",
    "Timestamping",
    "TrafficClass",
    "Tos",
    "Ttl",
    "parse",
]

A_contra = TypeVar("A_contra", bound=Address, contravariant=True)
M = TypeVar("M", bound="ControlMessage")
T_co = TypeVar("T_co", covariant=True)

_INT_SIZE: int = ffi.sizeof("int")
_EE_SIZE: int = ffi.sizeof("struct sock_extended_err")
_SOCKADDR_IN_SIZE: int = ffi.sizeof("struct sockaddr_in")
_SOCKADDR_IN6_SIZE: int = ffi.sizeof("struct sockaddr_in6")
_SOCKADDR_SIZES: Dict[int, int] = {_c.AF_INET: _SOCKADDR_IN_SIZE, _c.AF_INET6: _SOCKADDR_IN6_SIZE}
# The most descriptors one SCM_RIGHTS message may carry: the kernel's SCM_MAX_FD
# (include/net/scm.h, which is not exported to the user-space headers).
MAX_FDS = 253

# The family each address type is the address of (the type parameters below).
_FAMILY_OF: Dict[Any, int] = {InetAddress: _c.AF_INET, Inet6Address: _c.AF_INET6, UnixAddress: _c.AF_UNIX}


def _families(cls: type) -> Optional[FrozenSet[int]]:
    """The families of the address type ``cls`` subscripts its generic base with
    (``PacketInfo(Sendable[InetAddress], ...)``: AF_INET); empty for every family (the
    whole ``Address``); None when it subscripts nothing (it keeps its base's)."""
    for origin in cls.__dict__.get("__orig_bases__", ()):
        arguments = get_args(origin)
        if arguments:
            members = get_args(arguments[0]) or arguments[:1]
            if any(member not in _FAMILY_OF for member in members):
                return frozenset()  # Address, or a type variable: every family
            return frozenset(_FAMILY_OF[member] for member in members)
    return None


def _ranged(value: object, name: str, low: int, high: int) -> int:
    number = index(value)
    if not low <= number <= high:
        raise ValueError(f"{name} must be in {low}..{high}, not {number}")
    return number


def _ipv4(value: object, name: str) -> ipaddress.IPv4Address:
    import ipaddress  # only when a message holds an address: it costs start-up time

    if isinstance(value, ipaddress.IPv4Address):
        return value
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an IPv4Address or str, not {type(value).__name__}")
    return ipaddress.IPv4Address(value)  # ValueError (AddressValueError) when it is none


def _ipv6(value: object, name: str) -> ipaddress.IPv6Address:
    import ipaddress

    if isinstance(value, ipaddress.IPv6Address):
        return value
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an IPv6Address or str, not {type(value).__name__}")
    return ipaddress.IPv6Address(value)


def _address_at(family: int, control: CData, offset: int, length: int) -> Any:
    """The ``family`` address (IPv4 or IPv6) at ``control[offset:offset + length]``, or
    None when there is no whole sockaddr of that family there."""
    if length < _SOCKADDR_SIZES[family] or lib.ts_family(control + offset) != family:
        return None
    scratch = take()
    try:
        return CODECS[family].decode(ffi.cast("struct sockaddr *", control + offset), length, scratch)
    finally:
        give_back(scratch)


def _bytes_at(control: CData, offset: int, length: int) -> bytes:
    return ffi.buffer(control + offset, length)[:]  # type: ignore[no-any-return]


# -- the bases -----------------------------------------------------------------------


class ControlMessage:
    """A control message: its ``level`` and ``type``, and its fields.

    Immutable; equal to another of the same class with the same fields.
    """

    __slots__ = ()
    level: ClassVar[int]
    type: ClassVar[int]
    families: ClassVar[FrozenSet[int]] = frozenset()  # the families it applies to; empty: all
    _fields: ClassVar[Tuple[str, ...]] = ()

    def __init_subclass__(
        cls,
        level: Optional[int] = None,
        type: Optional[int] = None,
        size: Optional[int] = None,
        **kwargs: Any,
    ) -> None:
        # The class's numbers are keywords of its class statement (one line per kind,
        # like a table row); its families come from the type parameter of its base.
        super().__init_subclass__(**kwargs)
        if level is not None:
            cls.level = level
        if type is not None:
            cls.type = type
        if size is not None:
            cls.size = size  # type: ignore[attr-defined]
        families = _families(cls)
        if families is not None:
            cls.families = families

    @classmethod
    def check_family(cls, family: int) -> None:
        """TypeError unless this kind of message applies to sockets of ``family``."""
        if cls.families and family not in cls.families:
            names = " or ".join(label(member) for member in sorted(cls.families))
            raise TypeError(f"{cls.__name__} is a message of {names} sockets, not of {label(family)}")

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> Tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> Tuple[Any, Tuple[object, ...]]:
        return (type(self), self._values())


class Sendable(ControlMessage, Generic[A_contra]):
    """A message ``sendmsg`` can send on sockets whose addresses are ``A_contra``."""

    __slots__ = ()

    def _data(self) -> bytes:
        """The message's data, as the kernel takes it."""
        raise NotImplementedError

    def to_tuple(self) -> Tuple[int, int, bytes]:
        """``(level, type, data)``: the standard module's form of this message."""
        return (self.level, self.type, self._data())


class Receivable(ControlMessage, Generic[A_contra]):
    """A message ``recv_message`` parses, on sockets whose addresses are ``A_contra``.

    ``recv_message(..., expect=[cls])`` sizes the control buffer with ``cls.space``.
    """

    __slots__ = ()
    size: ClassVar[int]  # the size of the data the kernel sends

    @classmethod
    def space(cls) -> int:
        """The control buffer this message takes (CMSG_SPACE of its data)."""
        return _cmsg.space(cls.size)

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        """The message in ``control[offset:offset + length]``, or None (or ValueError)
        when those bytes are not one (the kernel truncated it)."""
        raise NotImplementedError

    @classmethod
    def from_bytes(cls, data: Buffer) -> Self:
        """Parse the data of one of these messages (as ``recvmsg`` returns it);
        ValueError when it is not one."""
        raw = bytes(data)
        control = ffi.new("char[]", max(len(raw), 1))  # aligned for the struct reads
        ffi.memmove(control, raw, len(raw))
        message = cls.read_from(control, 0, len(raw))
        if message is None:
            raise ValueError(f"{len(raw)} bytes are no {cls.__name__}")
        return message


class Room(Generic[A_contra]):
    """Room in the control buffer for a message without a fixed size (``expect``)."""

    __slots__ = ("_space",)

    def __init__(self, space: int) -> None:
        self._space = space

    def space(self) -> int:
        """The control buffer this room takes, in bytes (CMSG_SPACE of its data)."""
        return self._space


class RightsRoom(Room[UnixAddress]):
    """Room for up to ``count`` descriptors: ``Rights.up_to(count)``."""

    __slots__ = ("count",)
    count: int

    def __init__(self, count: int) -> None:
        self.count = _ranged(count, "count", 0, MAX_FDS)
        super().__init__(_cmsg.space(self.count * _INT_SIZE) if self.count else 0)

    def __repr__(self) -> str:
        return f"Rights.up_to({self.count})"


class RawRoom(Room[Address]):
    """Room for ``size`` bytes of a message of any kind: ``RawMessage.room(size)``."""

    __slots__ = ("size",)
    size: int

    def __init__(self, size: int) -> None:
        self.size = _ranged(size, "size", 0, INT_MAX)
        super().__init__(_cmsg.CMSG_SPACE(self.size) if self.size else 0)

    def __repr__(self) -> str:
        return f"RawMessage.room({self.size})"


# -- every family ------------------------------------------------------------------------


class RawMessage(Sendable[Address], Receivable[Address]):
    """Any control message, as ``(level, type, data)``: one without a class here."""

    __slots__ = ("level", "type", "data")  # instance fields here (class ones elsewhere)
    _fields = ("level", "type", "data")
    data: bytes

    def __init__(self, level: int, type: int, data: Buffer) -> None:
        self._set(level=index(level), type=index(type), data=bytes(data))

    def _data(self) -> bytes:
        return self.data

    @staticmethod
    def room(size: int) -> RawRoom:
        """Room in the control buffer for ``size`` bytes of data of any message."""
        return RawRoom(size)


class _Time(Receivable[Address]):
    """A receive time, in nanoseconds since the epoch."""

    __slots__ = ("time_ns",)
    _fields = ("time_ns",)
    time_ns: int

    def __init__(self, time_ns: int) -> None:
        self._set(time_ns=index(time_ns))

    @property
    def time(self) -> float:
        """Seconds since the epoch, as ``time.time()``."""
        return self.time_ns / 1e9


class Timestamp(_Time, level=_c.SOL_SOCKET, type=_c.SCM_TIMESTAMP, size=ffi.sizeof("struct timeval")):
    """SO_TIMESTAMP: when the kernel received the data (microsecond precision)."""

    __slots__ = ()

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length < cls.size:
            return None
        tv = ffi.cast("struct timeval *", control + offset)
        return cls(int(tv.tv_sec) * 1_000_000_000 + int(tv.tv_usec) * 1000)


class TimestampNs(_Time, level=_c.SOL_SOCKET, type=_c.SCM_TIMESTAMPNS, size=ffi.sizeof("struct timespec")):
    """SO_TIMESTAMPNS: when the kernel received the data (nanosecond precision)."""

    __slots__ = ()

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length < cls.size:
            return None
        ts = ffi.cast("struct timespec *", control + offset)
        return cls(int(ts.tv_sec) * 1_000_000_000 + int(ts.tv_nsec))


class Timestamping(
    Receivable[Address],
    level=_c.SOL_SOCKET,
    type=_c.SCM_TIMESTAMPING,
    size=ffi.sizeof("struct scm_timestamping"),
):
    """SO_TIMESTAMPING: the software, legacy and hardware times, in nanoseconds since
    the epoch (0 where the kernel reports none; which ones it fills is the
    SOF_TIMESTAMPING_* flags')."""

    __slots__ = ("software_ns", "legacy_ns", "hardware_ns")
    _fields = ("software_ns", "legacy_ns", "hardware_ns")
    software_ns: int
    legacy_ns: int
    hardware_ns: int

    def __init__(self, software_ns: int, legacy_ns: int = 0, hardware_ns: int = 0) -> None:
        self._set(software_ns=index(software_ns), legacy_ns=index(legacy_ns), hardware_ns=index(hardware_ns))

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length < cls.size:
            return None
        ts = ffi.cast("struct scm_timestamping *", control + offset).ts
        return cls(*(int(ts[i].tv_sec) * 1_000_000_000 + int(ts[i].tv_nsec) for i in range(3)))


# -- AF_UNIX -----------------------------------------------------------------------------


# (size: per descriptor; expect Rights.up_to(count))
class Rights(
    Sendable[UnixAddress], Receivable[UnixAddress], level=_c.SOL_SOCKET, type=_c.SCM_RIGHTS, size=_INT_SIZE
):
    """SCM_RIGHTS: descriptors passed to another process (AF_UNIX only).

    Received descriptors are the receiver's, close-on-exec; ``close()`` closes them.
    """

    __slots__ = ("fds",)
    _fields = ("fds",)
    fds: Tuple[int, ...]

    def __init__(self, fds: Iterable[int]) -> None:
        checked: List[int] = []
        for fd in fds:
            number = index(fd)
            if number < 0:
                raise ValueError(f"a descriptor is not negative: {number}")
            if number > INT_MAX:
                raise OverflowError(f"descriptor out of range: {number}")
            checked.append(number)
        if len(checked) > MAX_FDS:
            raise ValueError(
                f"at most {MAX_FDS} descriptors in one message (the kernel's SCM_MAX_FD), not {len(checked)}"
            )
        self._set(fds=tuple(checked))

    @staticmethod
    def up_to(count: int) -> RightsRoom:
        """Room in the control buffer for ``count`` descriptors (``expect``)."""
        return RightsRoom(count)

    @classmethod
    def space(cls) -> int:
        raise TypeError("Rights has no fixed size: expect Rights.up_to(count)")

    def close(self) -> None:
        """Close every descriptor (received ones the caller does not keep)."""
        for fd in self.fds:
            try:
                os.close(fd)
            except OSError:
                pass

    def _data(self) -> bytes:
        return ffi.buffer(ffi.new("int[]", list(self.fds)), len(self.fds) * _INT_SIZE)[:]  # type: ignore[no-any-return]

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        message = cls.__new__(cls)
        message._set(fds=tuple(_cmsg.rights(control, offset, length)))
        return message


class SenderCredentials(
    Sendable[UnixAddress],
    Receivable[UnixAddress],
    level=_c.SOL_SOCKET,
    type=_c.SCM_CREDENTIALS,
    size=ffi.sizeof("struct ucred"),
):
    """SCM_CREDENTIALS: the sending process's pid, uid and gid (AF_UNIX only; the
    receiver sets SO_PASSCRED).  A process sends its own unless privileged."""

    __slots__ = ("pid", "uid", "gid")
    _fields = ("pid", "uid", "gid")
    pid: int
    uid: int
    gid: int

    def __init__(self, pid: int, uid: int, gid: int) -> None:
        self._set(
            pid=_ranged(pid, "pid", 0, INT_MAX),
            uid=_ranged(uid, "uid", 0, UINT_MAX),
            gid=_ranged(gid, "gid", 0, UINT_MAX),
        )

    @classmethod
    def of_this_process(cls) -> SenderCredentials:
        """This process's pid, uid and gid: what the kernel accepts from an unprivileged sender."""
        return cls(os.getpid(), os.getuid(), os.getgid())

    @property
    def credentials(self) -> Credentials:
        """The same three numbers as ``peer_credentials()`` gives them."""
        return Credentials(self.pid, self.uid, self.gid)

    def _data(self) -> bytes:
        cred = ffi.new("struct ucred *", {"pid": self.pid, "uid": self.uid, "gid": self.gid})
        return ffi.buffer(cred)[:]  # type: ignore[no-any-return]

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length < cls.size:
            return None
        cred = ffi.cast("struct ucred *", control + offset)
        return cls(int(cred.pid), int(cred.uid), int(cred.gid))


# -- AF_INET ---------------------------------------------------------------------------


class PacketInfo(
    Sendable[InetAddress],
    Receivable[InetAddress],
    level=_c.IPPROTO_IP,
    type=_c.IP_PKTINFO,
    size=ffi.sizeof("struct in_pktinfo"),
):
    """IP_PKTINFO (AF_INET; IP_PKTINFO set to receive it).

    Received: ``ifindex`` the interface it came in on, ``local`` the local address it
    reached (the one to answer from), ``destination`` the header's destination.
    Sent: the datagram leaves from ``local`` (when not 0.0.0.0) through interface
    ``ifindex`` (when not 0); ``destination`` is ignored.
    """

    __slots__ = ("ifindex", "local", "destination")
    _fields = ("ifindex", "local", "destination")
    ifindex: int
    local: ipaddress.IPv4Address
    destination: ipaddress.IPv4Address

    def __init__(
        self,
        ifindex: int = 0,
        local: Union[ipaddress.IPv4Address, str] = "0.0.0.0",
        destination: Union[ipaddress.IPv4Address, str] = "0.0.0.0",
    ) -> None:
        self._set(
            ifindex=_ranged(ifindex, "ifindex", 0, INT_MAX),
            local=_ipv4(local, "local"),
            destination=_ipv4(destination, "destination"),
        )

    def _data(self) -> bytes:
        info = ffi.new("struct in_pktinfo *", {"ipi_ifindex": self.ifindex})
        ffi.memmove(ffi.addressof(info, "ipi_spec_dst"), self.local.packed, 4)
        ffi.memmove(ffi.addressof(info, "ipi_addr"), self.destination.packed, 4)
        return ffi.buffer(info)[:]  # type: ignore[no-any-return]

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        import ipaddress

        if length < cls.size:
            return None
        info = ffi.cast("struct in_pktinfo *", control + offset)
        local = ipaddress.IPv4Address(ffi.buffer(ffi.addressof(info, "ipi_spec_dst"), 4)[:])
        destination = ipaddress.IPv4Address(ffi.buffer(ffi.addressof(info, "ipi_addr"), 4)[:])
        return cls(int(info.ipi_ifindex), local, destination)


class _Number(Sendable[A_contra], Receivable[A_contra], size=_INT_SIZE):
    """A message of one number, ``_low`` to 255: an int when sent; received as the
    kernel sends it (an int, or one byte for IP_TOS)."""

    __slots__ = ("value",)
    _fields = ("value",)
    value: int
    _low: ClassVar[int]

    def __init__(self, value: int) -> None:
        self._set(value=_ranged(value, type(self).__name__, self._low, 255))

    def _data(self) -> bytes:
        return ffi.buffer(ffi.new("int *", self.value))[:]  # type: ignore[no-any-return]

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length >= _INT_SIZE:
            return cls(int(ffi.cast("int *", control + offset)[0]))
        if length == 1:
            return cls(int(ffi.cast("unsigned char *", control + offset)[0]))
        return None


class Ttl(_Number[InetAddress], level=_c.IPPROTO_IP, type=_c.IP_TTL):
    """IP_TTL: the datagram's time to live (AF_INET; IP_RECVTTL to receive it; 1-255 sent)."""

    __slots__ = ()
    _low = 1


class Tos(_Number[InetAddress], level=_c.IPPROTO_IP, type=_c.IP_TOS):
    """IP_TOS: the datagram's type-of-service byte (AF_INET; IP_RECVTOS to receive it)."""

    __slots__ = ()
    _low = 0


class ErrorOrigin(enum.IntEnum):
    """Where an ``ExtendedError`` comes from (``SO_EE_ORIGIN_*``)."""

    NONE = _c.SO_EE_ORIGIN_NONE
    LOCAL = _c.SO_EE_ORIGIN_LOCAL
    ICMP = _c.SO_EE_ORIGIN_ICMP
    ICMP6 = _c.SO_EE_ORIGIN_ICMP6
    TXSTATUS = _c.SO_EE_ORIGIN_TXSTATUS
    ZEROCOPY = _c.SO_EE_ORIGIN_ZEROCOPY
    TXTIME = _c.SO_EE_ORIGIN_TXTIME


_ORIGINS = {int(member): member for member in ErrorOrigin}


class _ExtendedError(Receivable[A_contra]):
    __slots__ = ("errno", "origin", "icmp_type", "icmp_code", "info", "data", "offender")
    _fields = ("errno", "origin", "icmp_type", "icmp_code", "info", "data", "offender")
    errno: int
    origin: int  # an ErrorOrigin where the kernel's number is one
    icmp_type: int
    icmp_code: int
    info: int
    data: int
    _offender_family: ClassVar[int]

    def __init__(
        self, errno: int, origin: int, icmp_type: int, icmp_code: int, info: int, data: int, offender: object
    ) -> None:
        self._set(
            errno=errno,
            origin=_ORIGINS.get(origin, origin),
            icmp_type=icmp_type,
            icmp_code=icmp_code,
            info=info,
            data=data,
            offender=offender,
        )

    @property
    def strerror(self) -> str:
        """The error's message (``os.strerror(errno)``)."""
        return os.strerror(self.errno)

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length < _EE_SIZE:
            return None
        ee = ffi.cast("struct sock_extended_err *", control + offset)
        # SO_EE_OFFENDER: the sockaddr after the struct (AF_UNSPEC when there is none).
        offender = _address_at(cls._offender_family, control, offset + _EE_SIZE, length - _EE_SIZE)
        return cls(
            int(ee.ee_errno),
            int(ee.ee_origin),
            int(ee.ee_type),
            int(ee.ee_code),
            int(ee.ee_info),
            int(ee.ee_data),
            offender,
        )


class ExtendedError(
    _ExtendedError[InetAddress],
    level=_c.IPPROTO_IP,
    type=_c.IP_RECVERR,
    size=_EE_SIZE + _SOCKADDR_IN_SIZE,
):
    """IP_RECVERR: an error from the error queue (AF_INET; IP_RECVERR set, read with
    MSG_ERRQUEUE).  ``offender`` is the node that reported it (the router of an ICMP
    time-exceeded: what traceroute prints), or None."""

    __slots__ = ()
    _offender_family = _c.AF_INET
    offender: Optional[InetAddress]


class _Destination(Receivable[A_contra]):
    __slots__ = ("address",)
    _fields = ("address",)
    _family: ClassVar[int]

    def __init__(self, address: A_contra) -> None:
        self._set(address=address)

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        address = _address_at(cls._family, control, offset, length)
        return None if address is None else cls(address)


class OriginalDestination(
    _Destination[InetAddress],
    level=_c.IPPROTO_IP,
    type=_c.IP_ORIGDSTADDR,
    size=_SOCKADDR_IN_SIZE,
):
    """IP_ORIGDSTADDR: the datagram's original destination (AF_INET; IP_RECVORIGDSTADDR
    set; the address a transparent proxy was asked for)."""

    __slots__ = ()
    address: InetAddress
    _family = _c.AF_INET


# -- AF_INET6 ------------------------------------------------------------------------


class PacketInfo6(
    Sendable[Inet6Address],
    Receivable[Inet6Address],
    level=_c.IPPROTO_IPV6,
    type=_c.IPV6_PKTINFO,
    size=ffi.sizeof("struct in6_pktinfo"),
):
    """IPV6_PKTINFO (AF_INET6; IPV6_RECVPKTINFO set to receive it).

    Received: ``address`` the destination it came to, ``ifindex`` the interface.
    Sent: the datagram leaves from ``address`` (when not ::) through ``ifindex``
    (when not 0).
    """

    __slots__ = ("ifindex", "address")
    _fields = ("ifindex", "address")
    ifindex: int
    address: ipaddress.IPv6Address

    def __init__(self, ifindex: int = 0, address: Union[ipaddress.IPv6Address, str] = "::") -> None:
        self._set(ifindex=_ranged(ifindex, "ifindex", 0, UINT_MAX), address=_ipv6(address, "address"))

    def _data(self) -> bytes:
        info = ffi.new("struct in6_pktinfo *", {"ipi6_ifindex": self.ifindex})
        ffi.memmove(ffi.addressof(info, "ipi6_addr"), self.address.packed, 16)
        return ffi.buffer(info)[:]  # type: ignore[no-any-return]

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        import ipaddress

        if length < cls.size:
            return None
        info = ffi.cast("struct in6_pktinfo *", control + offset)
        return cls(
            int(info.ipi6_ifindex), ipaddress.IPv6Address(ffi.buffer(ffi.addressof(info, "ipi6_addr"), 16)[:])
        )


class HopLimit(_Number[Inet6Address], level=_c.IPPROTO_IPV6, type=_c.IPV6_HOPLIMIT):
    """IPV6_HOPLIMIT: the datagram's hop limit (AF_INET6; IPV6_RECVHOPLIMIT to receive it)."""

    __slots__ = ()
    _low = -1  # the socket's default


class TrafficClass(_Number[Inet6Address], level=_c.IPPROTO_IPV6, type=_c.IPV6_TCLASS):
    """IPV6_TCLASS: the datagram's traffic class (AF_INET6; IPV6_RECVTCLASS to receive it)."""

    __slots__ = ()
    _low = -1  # the socket's default


class ExtendedError6(
    _ExtendedError[Inet6Address],
    level=_c.IPPROTO_IPV6,
    type=_c.IPV6_RECVERR,
    size=_EE_SIZE + _SOCKADDR_IN6_SIZE,
):
    """IPV6_RECVERR: an error from the error queue of an AF_INET6 socket (IPV6_RECVERR
    set, read with MSG_ERRQUEUE); ``offender`` the node that reported it, or None."""

    __slots__ = ()
    _offender_family = _c.AF_INET6
    offender: Optional[Inet6Address]


class OriginalDestination6(
    _Destination[Inet6Address],
    level=_c.IPPROTO_IPV6,
    type=_c.IPV6_ORIGDSTADDR,
    size=_SOCKADDR_IN6_SIZE,
):
    """IPV6_ORIGDSTADDR: the datagram's original destination (AF_INET6;
    IPV6_RECVORIGDSTADDR set)."""

    __slots__ = ()
    address: Inet6Address
    _family = _c.AF_INET6


# -- UDP, both IP families ---------------------------------------------------------


class Segment(Sendable[Union[InetAddress, Inet6Address]], level=_c.SOL_UDP, type=_c.UDP_SEGMENT):
    """UDP_SEGMENT (send): the kernel cuts the data into datagrams of ``size`` bytes
    (UDP GSO; the last may be shorter)."""

    __slots__ = ("size",)
    _fields = ("size",)
    size: int

    def __init__(self, size: int) -> None:
        self._set(size=_ranged(size, "size", 0, 0xFFFF))

    def _data(self) -> bytes:
        return ffi.buffer(ffi.new("uint16_t *", self.size))[:]  # type: ignore[no-any-return]


class GroSegment(
    Receivable[Union[InetAddress, Inet6Address]], level=_c.SOL_UDP, type=_c.UDP_GRO, size=_INT_SIZE
):
    """UDP_GRO (receive, UDP_GRO set): the data is datagrams of ``size`` bytes joined
    by the kernel (the last may be shorter)."""

    __slots__ = ("segment_size",)
    _fields = ("segment_size",)
    segment_size: int

    def __init__(self, segment_size: int) -> None:
        self._set(segment_size=_ranged(segment_size, "segment_size", 0, INT_MAX))

    @classmethod
    def read_from(cls, control: CData, offset: int, length: int) -> Optional[Self]:
        if length < _INT_SIZE:
            return None
        return cls(int(ffi.cast("int *", control + offset)[0]))


# -- the table ------------------------------------------------------------------------

# Each receivable kind by (level, type): what recv_message parses the kernel's bytes as.
_KINDS: Tuple[Type[Receivable[Any]], ...] = (
    Timestamp,
    TimestampNs,
    Timestamping,
    Rights,
    SenderCredentials,
    PacketInfo,
    Ttl,
    Tos,
    ExtendedError,
    OriginalDestination,
    PacketInfo6,
    HopLimit,
    TrafficClass,
    ExtendedError6,
    OriginalDestination6,
    GroSegment,
)
RECEIVED_AS: Dict[Tuple[int, int], Type[Receivable[Any]]] = {(kind.level, kind.type): kind for kind in _KINDS}


def parse(level: int, type: int, data: Buffer) -> Receivable[Any]:
    """The typed message of a standard ``(level, type, data)`` item (as ``recvmsg``
    returns them); a ``RawMessage`` when it has no class here or is truncated."""
    kind = RECEIVED_AS.get((index(level), index(type)))
    if kind is not None:
        try:
            return kind.from_bytes(data)
        except ValueError:
            pass
    return RawMessage(level, type, data)


def from_control(control: CData, length: int) -> List[Receivable[Any]]:
    """The typed messages in the kernel's control buffer ``control[0:length]`` (one cut
    short by the kernel is a ``RawMessage`` when too little of it is there)."""
    messages: List[Receivable[Any]] = []
    for level, kind, offset, size, _ in _cmsg.items(control, length):
        cls = RECEIVED_AS.get((level, kind))
        message = None
        if cls is not None:
            try:
                message = cls.read_from(control, offset, size)
            except ValueError:  # a number out of its field's range: not one of these
                pass
        messages.append(
            message if message is not None else RawMessage(level, kind, _bytes_at(control, offset, size))
        )
    return messages


class Received(Generic[T_co]):
    """What ``recv_message`` returns: the data, the sender (``T_co``: the socket's
    address type, or None where a stream socket reports none), the message flags and
    the typed control messages.  Immutable."""

    __slots__ = ("_data", "_address", "_flags", "_messages")

    def __init__(self, data: bytes, address: T_co, flags: int, messages: Iterable[ControlMessage]) -> None:
        self._data = data
        self._address = address
        self._flags = flags
        self._messages = tuple(messages)

    @property
    def data(self) -> bytes:
        """The data received (at most the size asked for: see MSG_TRUNC in ``flags``)."""
        return self._data

    @property
    def address(self) -> T_co:
        """The sender's address, typed by the socket's family (None where a stream socket reports none)."""
        return self._address

    @property
    def flags(self) -> int:
        """The message's flags (MSG_TRUNC, MSG_CTRUNC, MSG_EOR, MSG_ERRQUEUE...)."""
        return self._flags

    @property
    def messages(self) -> Tuple[ControlMessage, ...]:
        """The control messages, in the kernel's order."""
        return self._messages

    @property
    def truncated(self) -> bool:
        """MSG_CTRUNC: the control buffer was too small for what the kernel had (what
        fitted is in ``messages``; descriptors that did not fit were closed)."""
        return bool(self.flags & _c.MSG_CTRUNC)

    def get(self, kind: Type[M]) -> Optional[M]:
        """The first message of ``kind``, or None."""
        for message in self.messages:
            if isinstance(message, kind):
                return message
        return None

    def get_all(self, kind: Type[M]) -> List[M]:
        """Every message of ``kind``, in the kernel's order."""
        return [message for message in self.messages if isinstance(message, kind)]

    def __repr__(self) -> str:
        return f"Received(data={self.data!r}, address={self.address!r}, flags={self.flags!r}, messages={list(self.messages)!r})"
