"""The address classes: fields, constructors and the Address union."""

# mypy: disallow-any-expr

from typing import Union

from typing_extensions import assert_type

from typedsock import (
    Address,
    AlgAddress,
    CanAddress,
    CanIsotpAddress,
    CanJ1939Address,
    Inet6Address,
    InetAddress,
    NetlinkAddress,
    PacketAddress,
    RawAddress,
    TipcAddress,
    UnixAddress,
    VsockAddress,
)


def inet() -> None:
    a = InetAddress("127.0.0.1", 80)
    assert_type(a.host, str)
    assert_type(a.port, int)
    assert_type(InetAddress.any(), InetAddress)
    assert_type(InetAddress.loopback(80), InetAddress)
    assert_type(InetAddress.broadcast(port=9), InetAddress)
    host, port = a
    assert_type(host, str)
    assert_type(port, int)


def inet6() -> None:
    a = Inet6Address("::1", 80)
    assert_type(a.flowinfo, int)
    assert_type(a.scope_id, int)
    assert_type(Inet6Address("::1", 80, 0, 3), Inet6Address)


def unix() -> None:
    a = UnixAddress("/tmp/x")
    assert_type(a.path, Union[str, bytes])
    assert_type(a.is_abstract, bool)
    assert_type(a.is_unnamed, bool)
    assert_type(bytes(a), bytes)
    assert_type(UnixAddress.abstract(b"name"), UnixAddress)
    assert_type(UnixAddress(), UnixAddress)
    assert_type(hash(a), int)


def union(address: Address) -> None:
    assert_type(address, Union[
        InetAddress, Inet6Address, UnixAddress, PacketAddress, NetlinkAddress, VsockAddress,
        CanAddress, CanIsotpAddress, CanJ1939Address, AlgAddress, TipcAddress, RawAddress,
    ])
    if isinstance(address, UnixAddress):
        assert_type(address, UnixAddress)
    elif isinstance(address, Inet6Address):
        assert_type(address.scope_id, int)
    elif isinstance(address, InetAddress):
        assert_type(address, InetAddress)
