"""socket(): a family or kind known only at run time gives the widest honest type, never Any."""

# mypy: disallow-any-expr

from typing import Union

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    Address,
    AddressFamily,
    AlgAddress,
    CanAddress,
    CanIsotpAddress,
    CanJ1939Address,
    DatagramSocket,
    Inet6Address,
    InetAddress,
    NetlinkAddress,
    PacketAddress,
    RawAddress,
    Socket,
    SocketKind,
    StreamSocket,
    TipcAddress,
    UnixAddress,
    VsockAddress,
    socket,
)


def runtime_kind(kind: int) -> None:
    assert_type(socket(AF_INET, kind), Socket[InetAddress])
    assert_type(socket(AF_INET6, kind), Socket[Inet6Address])
    assert_type(socket(AF_UNIX, kind), Socket[UnixAddress])


def runtime_family(family: int) -> None:
    assert_type(socket(family), Socket[Address])
    assert_type(socket(family, SOCK_STREAM), StreamSocket[Address])
    assert_type(socket(family, SOCK_SEQPACKET), StreamSocket[Address])
    assert_type(socket(family, SOCK_DGRAM), DatagramSocket[Address])
    assert_type(socket(family, SOCK_RAW), DatagramSocket[Address])


def both_runtime(family: int, kind: int, fd: int) -> None:
    assert_type(socket(family, kind), Socket[Address])
    assert_type(socket(family, kind, 0, fd), Socket[Address])
    # family and kind read from the descriptor
    assert_type(socket(fileno=fd), Socket[Address])


def enum_values_not_literal(family: AddressFamily, kind: SocketKind) -> None:
    # An AddressFamily/SocketKind variable is not a literal: the fallbacks apply.
    assert_type(socket(family, kind), Socket[Address])
    assert_type(socket(family, SOCK_STREAM), StreamSocket[Address])


def address_is_the_union() -> None:
    assert_type(socket(0).getsockname(), Union[
            InetAddress, Inet6Address, UnixAddress, PacketAddress, NetlinkAddress, VsockAddress,
            CanAddress, CanIsotpAddress, CanJ1939Address, AlgAddress, TipcAddress, RawAddress,
    ])
