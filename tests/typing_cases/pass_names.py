"""Name and service lookups, and the conversions."""

# mypy: disallow-any-expr

from typing import List, Tuple

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    Inet6Address,
    InetAddress,
    getfqdn,
    gethostbyaddr,
    gethostbyname,
    gethostbyname_ex,
    gethostname,
    getnameinfo,
    getprotobyname,
    getservbyname,
    getservbyport,
    has_ipv6,
    htonl,
    htons,
    if_nameindex,
    inet_aton,
    inet_ntoa,
    inet_ntop,
    inet_pton,
    ntohl,
    ntohs,
)


def lookups() -> None:
    assert_type(gethostname(), str)
    assert_type(getfqdn(), str)
    assert_type(gethostbyname("localhost"), str)
    assert_type(gethostbyname_ex("localhost"), Tuple[str, List[str], List[str]])
    assert_type(gethostbyaddr("127.0.0.1"), Tuple[str, List[str], List[str]])
    assert_type(getnameinfo(InetAddress("127.0.0.1", 80), 0), Tuple[str, str])
    assert_type(getnameinfo(("::1", 80, 0, 0), 0), Tuple[str, str])
    assert_type(getnameinfo(Inet6Address("::1", 80), 0), Tuple[str, str])
    assert_type(getservbyname("http", "tcp"), int)
    assert_type(getservbyport(80), str)
    assert_type(getprotobyname("tcp"), int)


def conversions() -> None:
    assert_type(inet_aton("127.0.0.1"), bytes)
    assert_type(inet_ntoa(b"\x7f\x00\x00\x01"), str)
    assert_type(inet_pton(AF_INET, "127.0.0.1"), bytes)
    assert_type(inet_ntop(AF_INET, bytearray(4)), str)
    assert_type(htons(1), int)
    assert_type(ntohs(1), int)
    assert_type(htonl(1), int)
    assert_type(ntohl(1), int)
    assert_type(if_nameindex(), List[Tuple[int, str]])
    assert_type(has_ipv6, bool)
