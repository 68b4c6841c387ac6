"""getaddrinfo(): AddrInfo is generic in its address; the family picks it."""

# mypy: disallow-any-expr

from typing import List, Optional, Union

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNSPEC,
    SOCK_STREAM,
    AddrInfo,
    AddressFamily,
    Inet6Address,
    InetAddress,
    SocketKind,
    getaddrinfo,
)

_Ip = Union[InetAddress, Inet6Address]


def per_family(host: Optional[str], port: Union[int, str, None], family: int) -> None:
    assert_type(getaddrinfo(host, port, AF_INET), List[AddrInfo[InetAddress]])
    assert_type(getaddrinfo(host, port, AF_INET6), List[AddrInfo[Inet6Address]])
    assert_type(getaddrinfo(host, port), List[AddrInfo[_Ip]])
    assert_type(getaddrinfo(host, port, AF_UNSPEC), List[AddrInfo[_Ip]])
    assert_type(getaddrinfo(host, port, family), List[AddrInfo[_Ip]])
    assert_type(getaddrinfo(b"localhost", b"http", AF_INET, SOCK_STREAM, 0, 0), List[AddrInfo[InetAddress]])
    assert_type(getaddrinfo(None, 80, family=AF_INET6, type=SOCK_STREAM), List[AddrInfo[Inet6Address]])


def fields() -> None:
    family, kind, proto, canonname, address = getaddrinfo("localhost", 80, AF_INET)[0]
    assert_type(family, AddressFamily)
    assert_type(kind, SocketKind)
    assert_type(proto, int)
    assert_type(canonname, str)
    assert_type(address, InetAddress)
    info = getaddrinfo("localhost", 80, AF_INET6)[0]
    assert_type(info.address, Inet6Address)
    assert_type(info.address.scope_id, int)
    assert_type(info[4], Inet6Address)
    assert_type(getaddrinfo("localhost", 80)[0].address, _Ip)
