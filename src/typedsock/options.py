"""Typed socket options: ``sock.get(options.RCVBUF) -> int``, ``sock.set(options.LINGER, 5)``.

Each option knows its level, its name and how its value is laid out in C, so
encoding and decoding live here, once.  ``Option[T]`` can be read and set;
``ReadOnlyOption[T]`` only read (``sock.set`` rejects it, statically and at run
time).  Every number comes from the system headers through the build.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, NamedTuple, Optional, Tuple, TypeVar

from typedsock import _constants as _c
from typedsock._constants import SocketKind
from typedsock._sock import ffi

__all__ = [
    "Credentials",
    "Option",
    "ReadOnlyOption",
    "REUSEADDR",
    "REUSEPORT",
    "KEEPALIVE",
    "BROADCAST",
    "TCP_NODELAY",
    "V6ONLY",
    "RCVBUF",
    "SNDBUF",
    "LINGER",
    "RCVTIMEO",
    "SNDTIMEO",
    "ERROR",
    "TYPE",
    "ACCEPTCONN",
    "PEERCRED",
]

T = TypeVar("T")


class Credentials(NamedTuple):
    """The peer process of an AF_UNIX socket (SO_PEERCRED)."""

    pid: int
    uid: int
    gid: int


class _Layout(Generic[T]):
    """How a value of type T sits in the option buffer."""

    ctype: str
    size: int
    accepts: Tuple[type, ...]
    to_c: Callable[[T], object]
    from_c: Callable[[Any], T]
    type_name: str

    def __init__(
        self,
        ctype: str,
        accepts: Tuple[type, ...],
        to_c: Callable[[T], object],
        from_c: Callable[[Any], T],
        type_name: str,
    ) -> None:
        self.ctype = ctype
        self.size = ffi.sizeof(ctype)
        self.accepts = accepts
        self.to_c = to_c
        self.from_c = from_c
        self.type_name = type_name

    def encode(self, value: T) -> bytes:
        if not isinstance(value, self.accepts) or (isinstance(value, bool) and bool not in self.accepts):
            raise TypeError(f"option value must be {self.type_name}, not {type(value).__name__}")
        cdata = ffi.new(self.ctype + " *", self.to_c(value))
        return bytes(ffi.buffer(cdata))

    def decode(self, raw: bytes) -> T:
        cdata = ffi.new(self.ctype + " *")
        ffi.memmove(cdata, raw, min(len(raw), self.size))
        return self.from_c(cdata[0])


def _seconds_to_timeval(seconds: float) -> object:
    if not seconds >= 0.0:
        raise ValueError("timeout option must be >= 0 seconds")
    whole = int(seconds)
    return {"tv_sec": whole, "tv_usec": round((seconds - whole) * 1_000_000)}


def _timeval_to_seconds(tv: Any) -> float:
    return int(tv.tv_sec) + int(tv.tv_usec) / 1_000_000


def _linger_to_c(seconds: Optional[int]) -> object:
    return {"l_onoff": 0, "l_linger": 0} if seconds is None else {"l_onoff": 1, "l_linger": seconds}


def _linger_from_c(linger: Any) -> Optional[int]:
    return int(linger.l_linger) if linger.l_onoff else None


def _ucred_from_c(cred: Any) -> Credentials:
    return Credentials(int(cred.pid), int(cred.uid), int(cred.gid))


def _no_encode(value: object) -> object:
    raise TypeError("read-only option")


_BOOL: _Layout[bool] = _Layout("int", (bool,), int, bool, "bool")
_INT: _Layout[int] = _Layout("int", (int,), int, int, "int")
_SECONDS: _Layout[float] = _Layout(
    "struct timeval", (int, float), _seconds_to_timeval, _timeval_to_seconds, "float"
)
_LINGER: _Layout[Optional[int]] = _Layout(
    "struct linger", (int, type(None)), _linger_to_c, _linger_from_c, "int or None"
)
_KIND: _Layout[SocketKind] = _Layout(
    "int", (int,), _no_encode, SocketKind, "SocketKind"
)
_CREDENTIALS: _Layout[Credentials] = _Layout("struct ucred", (), _no_encode, _ucred_from_c, "Credentials")


class ReadOnlyOption(Generic[T]):
    """A socket option that can be read: ``sock.get(option) -> T``."""

    __slots__ = ("layout", "level", "name", "optname")
    name: str
    level: int
    optname: int
    layout: _Layout[T]

    def __init__(self, name: str, level: int, optname: int, layout: _Layout[T]) -> None:
        self.name = name
        self.level = level
        self.optname = optname
        self.layout = layout

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {self.layout.type_name}>"


class Option(ReadOnlyOption[T]):
    """A socket option that can be read and set: ``sock.set(option, value: T)``."""

    __slots__ = ()


REUSEADDR: Option[bool] = Option("SO_REUSEADDR", _c.SOL_SOCKET, _c.SO_REUSEADDR, _BOOL)
REUSEPORT: Option[bool] = Option("SO_REUSEPORT", _c.SOL_SOCKET, _c.SO_REUSEPORT, _BOOL)
KEEPALIVE: Option[bool] = Option("SO_KEEPALIVE", _c.SOL_SOCKET, _c.SO_KEEPALIVE, _BOOL)
BROADCAST: Option[bool] = Option("SO_BROADCAST", _c.SOL_SOCKET, _c.SO_BROADCAST, _BOOL)
TCP_NODELAY: Option[bool] = Option("TCP_NODELAY", _c.IPPROTO_TCP, _c.TCP_NODELAY, _BOOL)
V6ONLY: Option[bool] = Option("IPV6_V6ONLY", _c.IPPROTO_IPV6, _c.IPV6_V6ONLY, _BOOL)
RCVBUF: Option[int] = Option("SO_RCVBUF", _c.SOL_SOCKET, _c.SO_RCVBUF, _INT)
SNDBUF: Option[int] = Option("SO_SNDBUF", _c.SOL_SOCKET, _c.SO_SNDBUF, _INT)
LINGER: Option[Optional[int]] = Option("SO_LINGER", _c.SOL_SOCKET, _c.SO_LINGER, _LINGER)
RCVTIMEO: Option[float] = Option("SO_RCVTIMEO", _c.SOL_SOCKET, _c.SO_RCVTIMEO, _SECONDS)
SNDTIMEO: Option[float] = Option("SO_SNDTIMEO", _c.SOL_SOCKET, _c.SO_SNDTIMEO, _SECONDS)
ERROR: ReadOnlyOption[int] = ReadOnlyOption("SO_ERROR", _c.SOL_SOCKET, _c.SO_ERROR, _INT)
TYPE: ReadOnlyOption[SocketKind] = ReadOnlyOption("SO_TYPE", _c.SOL_SOCKET, _c.SO_TYPE, _KIND)
ACCEPTCONN: ReadOnlyOption[bool] = ReadOnlyOption("SO_ACCEPTCONN", _c.SOL_SOCKET, _c.SO_ACCEPTCONN, _BOOL)
PEERCRED: ReadOnlyOption[Credentials] = ReadOnlyOption(
    "SO_PEERCRED", _c.SOL_SOCKET, _c.SO_PEERCRED, _CREDENTIALS
)

__all__ = [
    "ACCEPTCONN", "BROADCAST", "ERROR", "KEEPALIVE", "LINGER", "PEERCRED", "RCVBUF", "RCVTIMEO",
    "REUSEADDR", "REUSEPORT", "SNDBUF", "SNDTIMEO", "TCP_NODELAY", "TYPE", "V6ONLY",
    "Credentials", "Option", "ReadOnlyOption",
]
