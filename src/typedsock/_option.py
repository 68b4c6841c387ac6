"""What a typed socket option is: its level and name, its value's codec, and the sockets it
applies to (its scope), read-only, write-only or both.

``ReadOnlyOption[T, S]`` can be read (``sock.get(option) -> T``), ``WriteOnlyOption[V, S]``
set (``sock.set(option, value: V)``), and ``Option[T, S]`` is both.  ``S`` is the static
type of the sockets the option applies to: ``Socket.get``/``set`` take ``self: S``, and
since ``S`` is contravariant, an option for ``Socket[InetAddress]`` is accepted on a
``StreamSocket[InetAddress]`` and refused on a ``Socket[Inet6Address]``.  At run time the
option's ``Scope`` (families, kinds and protocols) checks the socket before any system
call, so the same programs fail with a TypeError.

The options themselves are declared in one table, ``typedsock.options``; the value codecs
are in ``_optionvalues.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, Generic, Optional, Protocol, TypeVar

from typedsock._literals import label
from typedsock._optionvalues import Interface

if TYPE_CHECKING:
    from typedsock._optionvalues import Value

__all__ = ["AnySocket", "InterfaceOption", "Option", "ReadOnlyOption", "Scope", "WriteOnlyOption"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
V_contra = TypeVar("V_contra", contravariant=True)
S_contra = TypeVar("S_contra", contravariant=True)


class AnySocket(Protocol):
    """Every typedsock socket, whatever its family and kind: the scope of the SOL_SOCKET
    options."""

    @property
    def family(self) -> int:
        """The socket's address family."""
        ...

    @property
    def type(self) -> int:
        """The socket's kind (``SOCK_STREAM``, ``SOCK_DGRAM``, ...)."""
        ...

    @property
    def proto(self) -> int:
        """The socket's protocol number."""
        ...


class Scope:
    """The sockets an option applies to, as the run-time check sees them: families, kinds
    and protocols (None: any), and how a message names them."""

    __slots__ = ("families", "kinds", "protocols", "text")
    families: Optional[FrozenSet[int]]
    kinds: Optional[FrozenSet[int]]
    protocols: Optional[FrozenSet[int]]
    text: str

    def __init__(
        self,
        text: str,
        families: Optional[FrozenSet[int]] = None,
        kinds: Optional[FrozenSet[int]] = None,
        protocols: Optional[FrozenSet[int]] = None,
    ) -> None:
        self.text = text
        self.families = families
        self.kinds = kinds
        self.protocols = protocols

    def admits(self, family: int, kind: int, proto: int) -> bool:
        """Whether a socket of this family, kind and protocol is in the scope."""
        return (
            (self.families is None or family in self.families)
            and (self.kinds is None or kind in self.kinds)
            and (self.protocols is None or proto in self.protocols)
        )

    def __repr__(self) -> str:
        return f"<Scope {self.text}>"


class _OptionBase:
    """The parts every option has (the slots are here, so that Option can have both bases)."""

    __slots__ = ("doc", "level", "name", "optname", "scope", "value")
    name: str
    level: int
    optname: int
    scope: Scope
    value: Value[object, object]
    doc: str  # what the option means, in a line

    def __init__(
        self, name: str, level: int, optname: int, value: Value[object, object], scope: Scope, doc: str
    ) -> None:
        self.name = name
        self.level = level
        self.optname = optname
        self.value = value
        self.scope = scope
        self.doc = doc

    def check(self, family: int, kind: int, proto: int) -> None:
        """TypeError unless the option applies to a socket of this family, kind and protocol."""
        if not self.scope.admits(family, kind, proto):
            raise TypeError(
                f"{self.name} applies to {self.scope.text}, not to a {label(kind)} socket of "
                f"{label(family)}" + (f" (protocol {proto})" if self.scope.protocols is not None else "")
            )

    @property
    def access(self) -> str:
        """``read-write``, ``read-only`` or ``write-only``."""
        readable = isinstance(self, ReadOnlyOption)
        writable = isinstance(self, WriteOnlyOption)
        return "read-write" if readable and writable else "read-only" if readable else "write-only"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {self.value.type_name}, {self.access}, {self.scope.text}>"


class ReadOnlyOption(_OptionBase, Generic[T_co, S_contra]):
    """A socket option that can be read: ``sock.get(option) -> T``, on the sockets ``S``."""

    __slots__ = ()

    def decode(self, raw: bytes) -> T_co:
        """The value from the bytes getsockopt returned."""
        return self.value.decode(raw)  # type: ignore[return-value]


class WriteOnlyOption(_OptionBase, Generic[V_contra, S_contra]):
    """A socket option that can be set: ``sock.set(option, value: V)``, on the sockets ``S``."""

    __slots__ = ()

    def encode(self, value: V_contra) -> bytes:
        """The bytes for setsockopt; TypeError, ValueError or OverflowError for a bad value."""
        return self.value.encode(self.name, value)


class Option(ReadOnlyOption[T, S_contra], WriteOnlyOption[T, S_contra]):
    """A socket option that can be read and set: ``sock.get(option) -> T``,
    ``sock.set(option, value: T)``."""

    __slots__ = ()


class InterfaceOption(ReadOnlyOption[int, S_contra], WriteOnlyOption[Interface, S_contra]):
    """An option whose value is a network interface: read as its index, set by index or name."""

    __slots__ = ()
