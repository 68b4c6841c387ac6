"""Name resolution and address conversions, checked against the standard ``socket`` module.

Each parity case makes the same call on ``socket`` and on ``typedsock`` and
requires the same result, of the same types all the way down, or an exception of
the same kind with the same ``args`` (code and message).  Where the standard module raises a bare
``OSError``, typedsock's exception must also be a ``typedsock.error``; its
``gaierror``/``herror`` are typedsock's own classes.  Only names in
``/etc/hosts`` (localhost, this host's name) and numeric addresses are looked up
where the answer matters, so no test needs a working DNS server.

The deliberate differences of these functions are asserted as differences in
test_parity.py (``test_difference_*``), with the rest of them.
"""

from __future__ import annotations

import socket
import sys
import threading
from typing import Any, Callable, List, Optional, Tuple, Union, cast

import pytest

import typedsock

Call = Callable[[Any], object]
Shape = Union[str, Tuple[str, List[Any]]]
Outcome = Tuple[str, object, Shape]


def _kind(exc: BaseException) -> str:
    """The standard-module name of an exception's kind (typedsock's classes mapped onto it)."""
    for typed, std in (
        (typedsock.gaierror, "gaierror"),
        (typedsock.herror, "herror"),
        (socket.gaierror, "gaierror"),
        (socket.herror, "herror"),
    ):
        if isinstance(exc, typed):
            return std
    for builtin in (FileNotFoundError, PermissionError, ConnectionRefusedError, OverflowError,
                    UnicodeError, TypeError, ValueError):
        if isinstance(exc, builtin):
            return builtin.__name__
    return type(exc).__name__ if not isinstance(exc, OSError) else "OSError"


def _shape(value: object) -> Shape:
    """The type of ``value``, and of everything in it if it is a list or tuple.

    typedsock's address types count as tuples: that they are typed is a deliberate
    difference (test_parity.py::test_difference_getaddrinfo_results_are_typed).
    """
    if isinstance(value, (list, tuple)):
        items = cast("Union[List[object], Tuple[object, ...]]", value)
        name = "tuple" if isinstance(items, (typedsock.InetAddress, typedsock.Inet6Address)) else type(items).__name__
        return (name, [_shape(item) for item in items])
    return type(value).__name__


def outcome(module: Any, call: Call) -> Outcome:
    try:
        result = call(module)
        return ("ok", result, _shape(result))
    except Exception as exc:
        if module is typedsock and isinstance(exc, OSError):
            assert isinstance(exc, typedsock.error), f"{exc!r} is not a typedsock.error"
        return (_kind(exc), exc.args, _shape(exc.args))


def assert_same(call: Call) -> None:
    expected = outcome(socket, call)
    got = outcome(typedsock, call)
    assert got == expected


# -- name resolution ---------------------------------------------------------------

HOST = socket.gethostname()

NAME_CASES: List[Tuple[str, Call]] = [
    ("gethostbyname localhost", lambda m: m.gethostbyname("localhost")),
    ("gethostbyname numeric", lambda m: m.gethostbyname("127.0.0.1")),
    ("gethostbyname other numeric", lambda m: m.gethostbyname("10.1.2.3")),
    ("gethostbyname empty", lambda m: m.gethostbyname("")),
    ("gethostbyname <broadcast>", lambda m: m.gethostbyname("<broadcast>")),
    ("gethostbyname broadcast", lambda m: m.gethostbyname("255.255.255.255")),
    ("gethostbyname bytes", lambda m: m.gethostbyname(b"localhost")),
    ("gethostbyname memoryview", lambda m: m.gethostbyname(memoryview(b"localhost"))),
    ("gethostbyname IPv6", lambda m: m.gethostbyname("::1")),
    ("gethostbyname int", lambda m: m.gethostbyname(1)),
    ("gethostbyname bad idna", lambda m: m.gethostbyname("a..b")),
    ("gethostbyname_ex localhost", lambda m: m.gethostbyname_ex("localhost")),
    ("gethostbyname_ex numeric", lambda m: m.gethostbyname_ex("127.0.0.1")),
    ("gethostbyname_ex hostname", lambda m: m.gethostbyname_ex(HOST)),
    ("gethostbyname_ex bytes", lambda m: m.gethostbyname_ex(b"localhost")),
    ("gethostbyname_ex bytearray", lambda m: m.gethostbyname_ex(bytearray(b"localhost"))),
    ("gethostbyname_ex IPv6", lambda m: m.gethostbyname_ex("::1")),
    ("gethostbyname_ex int", lambda m: m.gethostbyname_ex(1)),
    ("gethostbyaddr numeric", lambda m: m.gethostbyaddr("127.0.0.1")),
    ("gethostbyaddr name", lambda m: m.gethostbyaddr("localhost")),
    ("gethostbyaddr wildcard", lambda m: m.gethostbyaddr("")),
    ("gethostbyaddr int", lambda m: m.gethostbyaddr(1)),
    ("getnameinfo v4", lambda m: m.getnameinfo(("127.0.0.1", 80), m.NI_NUMERICHOST | m.NI_NUMERICSERV)),
    ("getnameinfo v4 names", lambda m: m.getnameinfo(("127.0.0.1", 80), 0)),
    ("getnameinfo v4 service name", lambda m: m.getnameinfo(("127.0.0.1", 80), m.NI_NUMERICHOST)),
    ("getnameinfo v4 dgram", lambda m: m.getnameinfo(("127.0.0.1", 53), m.NI_DGRAM | m.NI_NUMERICHOST)),
    ("getnameinfo unknown port", lambda m: m.getnameinfo(("127.0.0.1", 12345), m.NI_NUMERICHOST)),
    ("getnameinfo v6", lambda m: m.getnameinfo(("::1", 80, 0, 0), m.NI_NUMERICHOST)),
    ("getnameinfo v6 pair", lambda m: m.getnameinfo(("::1", 80), m.NI_NUMERICHOST | m.NI_NUMERICSERV)),
    ("getnameinfo v6 scope", lambda m: m.getnameinfo(("fe80::1", 80, 0, 1), m.NI_NUMERICHOST)),
    ("getnameinfo v6 scope text", lambda m: m.getnameinfo(("fe80::1%1", 80, 0, 0), m.NI_NUMERICHOST)),
    ("getnameinfo v4 4-tuple", lambda m: m.getnameinfo(("127.0.0.1", 80, 0, 0), 0)),
    ("getnameinfo a name", lambda m: m.getnameinfo(("localhost", 80), 0)),
    ("getnameinfo empty host", lambda m: m.getnameinfo(("", 80), 0)),
    ("getnameinfo flowinfo", lambda m: m.getnameinfo(("::1", 80, 0x100000, 0), 0)),
    ("getnameinfo negative flowinfo", lambda m: m.getnameinfo(("::1", 80, -1, 0), 0)),
    ("getnameinfo list", lambda m: m.getnameinfo(["127.0.0.1", 80], 0)),
    ("getnameinfo 1-tuple", lambda m: m.getnameinfo(("127.0.0.1",), 0)),
    ("getnameinfo 5-tuple", lambda m: m.getnameinfo(("127.0.0.1", 80, 1, 2, 3), 0)),
    ("getnameinfo str port", lambda m: m.getnameinfo(("127.0.0.1", "x"), 0)),
    ("getnameinfo bytes host", lambda m: m.getnameinfo((b"127.0.0.1", 80), 0)),
    ("getnameinfo NUL host", lambda m: m.getnameinfo(("127.0.0.1\0", 80), 0)),
    ("getnameinfo str flags", lambda m: m.getnameinfo(("127.0.0.1", 80), "x")),
    ("getnameinfo bad flags", lambda m: m.getnameinfo(("127.0.0.1", 80), -1)),
    ("getnameinfo huge flags", lambda m: m.getnameinfo(("127.0.0.1", 80), 2**40)),
    ("getnameinfo port beyond int", lambda m: m.getnameinfo(("127.0.0.1", 2**40), 0)),
    ("getnameinfo float port", lambda m: m.getnameinfo(("127.0.0.1", 80.0), 0)),
    ("getnameinfo str flowinfo", lambda m: m.getnameinfo(("::1", 80, "x"), 0)),
    ("getnameinfo NAMEREQD", lambda m: m.getnameinfo(("192.0.2.99", 80), m.NI_NAMEREQD | m.NI_NUMERICSERV)),
    ("getservbyname", lambda m: m.getservbyname("http")),
    ("getservbyname tcp", lambda m: m.getservbyname("http", "tcp")),
    ("getservbyname udp", lambda m: m.getservbyname("domain", "udp")),
    ("getservbyname any proto", lambda m: m.getservbyname("domain")),
    ("getservbyname ssh", lambda m: m.getservbyname("ssh", "tcp")),
    ("getservbyname unknown", lambda m: m.getservbyname("no-such-service")),
    ("getservbyname unknown proto", lambda m: m.getservbyname("http", "not-a-protocol")),
    ("getservbyname bytes", lambda m: m.getservbyname(b"http")),
    ("getservbyname bytes proto", lambda m: m.getservbyname("http", b"tcp")),
    ("getservbyname NUL", lambda m: m.getservbyname("ht\0tp")),
    ("getservbyport", lambda m: m.getservbyport(80)),
    ("getservbyport tcp", lambda m: m.getservbyport(80, "tcp")),
    ("getservbyport udp", lambda m: m.getservbyport(53, "udp")),
    ("getservbyport unknown proto", lambda m: m.getservbyport(1, "zzz")),
    ("getservbyport unknown", lambda m: m.getservbyport(12345)),
    ("getservbyport too big", lambda m: m.getservbyport(70000)),
    ("getservbyport negative", lambda m: m.getservbyport(-1)),
    ("getservbyport str", lambda m: m.getservbyport("80")),
    ("getservbyport float", lambda m: m.getservbyport(80.0)),
    ("getservbyport beyond int", lambda m: m.getservbyport(2**40)),
    ("getservbyport bytes proto", lambda m: m.getservbyport(80, b"tcp")),
    ("getservbyport NUL proto", lambda m: m.getservbyport(80, "tc\0p")),
    ("getprotobyname tcp", lambda m: m.getprotobyname("tcp")),
    ("getprotobyname udp", lambda m: m.getprotobyname("udp")),
    ("getprotobyname icmp", lambda m: m.getprotobyname("icmp")),
    ("getprotobyname upper", lambda m: m.getprotobyname("TCP")),
    ("getprotobyname unknown", lambda m: m.getprotobyname("no-such-protocol")),
    ("getprotobyname bytes", lambda m: m.getprotobyname(b"tcp")),
    ("getprotobyname NUL", lambda m: m.getprotobyname("t\0cp")),
    ("gethostname", lambda m: m.gethostname()),
    ("getfqdn", lambda m: m.getfqdn()),
    ("getfqdn localhost", lambda m: m.getfqdn("localhost")),
    ("getfqdn numeric", lambda m: m.getfqdn("127.0.0.1")),
    ("getaddrinfo", lambda m: [tuple(ai) for ai in m.getaddrinfo("127.0.0.1", 80, m.AF_INET, m.SOCK_STREAM)]),
    ("getaddrinfo service", lambda m: [tuple(ai) for ai in m.getaddrinfo("::1", "http", m.AF_INET6, m.SOCK_STREAM)]),
    ("getaddrinfo any type", lambda m: [tuple(ai) for ai in m.getaddrinfo("127.0.0.1", 80)]),
    ("getaddrinfo positional", lambda m: [tuple(ai) for ai in m.getaddrinfo("127.0.0.1", "http", 0, 0, 0, 0)]),
    ("getaddrinfo v6 family", lambda m: [tuple(ai) for ai in m.getaddrinfo("::1", 443, m.AF_INET6)]),
    ("getaddrinfo unknown service", lambda m: m.getaddrinfo("localhost", "no-such-service")),
    ("getaddrinfo bad family", lambda m: m.getaddrinfo("localhost", 80, 12345)),
    ("getaddrinfo bad type", lambda m: m.getaddrinfo("localhost", 80, 0, 12345)),
    ("getaddrinfo nothing", lambda m: m.getaddrinfo(None, None)),
    ("getaddrinfo bad flags", lambda m: m.getaddrinfo("localhost", 80, flags=-1)),
    ("getaddrinfo int host", lambda m: m.getaddrinfo(1, 80)),
    ("getaddrinfo bytearray host", lambda m: m.getaddrinfo(bytearray(b"localhost"), 80)),
    ("getaddrinfo float port", lambda m: m.getaddrinfo("localhost", 1.5)),
]


@pytest.mark.parametrize("call", [case for _, case in NAME_CASES], ids=[name for name, _ in NAME_CASES])
def test_names_as_the_standard_module(call: Call) -> None:
    assert_same(call)


def test_lookups_that_reach_the_resolver() -> None:
    """A name no resolver knows: both modules fail alike (EAI_NONAME, or EAI_AGAIN without DNS)."""
    calls: List[Call] = [
        lambda m: m.gethostbyname("nonexistent.invalid"),
        lambda m: m.gethostbyname_ex("nonexistent.invalid"),
        lambda m: m.gethostbyaddr("nonexistent.invalid"),
        lambda m: m.getaddrinfo("nonexistent.invalid", 80),
    ]
    for call in calls:
        expected, got = outcome(socket, call), outcome(typedsock, call)
        assert got[0] == expected[0] == "gaierror"
        assert got == expected


def test_failures_are_typedsock_errors() -> None:
    with pytest.raises(typedsock.gaierror) as gai:
        typedsock.getaddrinfo("localhost", "no-such-service")
    assert isinstance(gai.value, typedsock.error) and isinstance(gai.value, OSError)
    assert gai.value.errno == typedsock.EAI_SERVICE
    assert gai.value.args == (gai.value.errno, gai.value.strerror)
    with pytest.raises(typedsock.herror) as h:
        typedsock.gethostbyname_ex("")
    assert isinstance(h.value, typedsock.error)
    assert h.value.args[0] != 0 and isinstance(h.value.args[1], str)
    with pytest.raises(typedsock.error) as e:
        typedsock.getservbyport(12345)
    assert e.value.args == ("port/proto not found",)


def test_results_of_typed_arguments() -> None:
    """The values the parity cases cannot reach: typed addresses as arguments, localhost's
    answers.  (The static types of these results: typing_cases/pass_names.py; their run-time
    types, the same as the standard module's: the parity cases above.)"""
    localhost = typedsock.gethostbyname("localhost")
    assert type(localhost) is str and localhost.startswith("127.")
    _, _, addresses = typedsock.gethostbyname_ex("localhost")
    assert "127.0.0.1" in addresses
    assert type(typedsock.gethostname()) is str and typedsock.gethostname()
    assert typedsock.getnameinfo(
        typedsock.InetAddress.loopback(80), typedsock.NI_NUMERICHOST | typedsock.NI_NUMERICSERV
    ) == ("127.0.0.1", "80")
    assert typedsock.getnameinfo(
        typedsock.Inet6Address("::1", 443), typedsock.NI_NUMERICHOST | typedsock.NI_NUMERICSERV
    ) == ("::1", "443")
    assert typedsock.getservbyname("http", "tcp") == 80 and typedsock.getservbyport(80, "tcp") == "http"
    assert typedsock.getprotobyname("tcp") == typedsock.IPPROTO_TCP
    assert typedsock.getprotobyname("udp") == typedsock.IPPROTO_UDP


def test_herror_code_is_the_lookups_own() -> None:
    """typedsock reports the lookup's *h_errnop; the standard module reads h_errno, which
    glibc's gethostbyname_r does not set for every failure (it can be 0, "no error")."""
    seen: List[BaseException] = []

    def lookup() -> None:  # a fresh thread: its h_errno starts at 0
        try:
            typedsock.gethostbyname_ex("<broadcast>")
        except BaseException as exc:
            seen.append(exc)

    worker = threading.Thread(target=lookup)
    worker.start()
    worker.join()
    if not seen:
        pytest.skip("this host's resolver knows '<broadcast>'")
    (exc,) = seen
    assert isinstance(exc, typedsock.herror)
    assert exc.errno != 0


# -- conversions ------------------------------------------------------------------------

CONVERT_CASES: List[Tuple[str, Call]] = [
    ("inet_aton", lambda m: m.inet_aton("1.2.3.4")),
    ("inet_aton short", lambda m: m.inet_aton("127.1")),
    ("inet_aton hex", lambda m: m.inet_aton("0x7f.1")),
    ("inet_aton one number", lambda m: m.inet_aton("1")),
    ("inet_aton trailing junk", lambda m: m.inet_aton("1.2.3.4 junk")),
    ("inet_aton out of range", lambda m: m.inet_aton("256.1.1.1")),
    ("inet_aton empty", lambda m: m.inet_aton("")),
    ("inet_aton non-ascii", lambda m: m.inet_aton("\u00e9")),
    ("inet_aton NUL", lambda m: m.inet_aton("1.2\0.3.4")),
    ("inet_aton bytes", lambda m: m.inet_aton(b"1.2.3.4")),
    ("inet_aton int", lambda m: m.inet_aton(1)),
    ("inet_ntoa", lambda m: m.inet_ntoa(b"\x01\x02\x03\x04")),
    ("inet_ntoa bytearray", lambda m: m.inet_ntoa(bytearray(b"\x7f\0\0\x01"))),
    ("inet_ntoa memoryview", lambda m: m.inet_ntoa(memoryview(b"\xff\xff\xff\xff"))),
    ("inet_ntoa short", lambda m: m.inet_ntoa(b"\x01\x02\x03")),
    ("inet_ntoa str", lambda m: m.inet_ntoa("abcd")),
    ("inet_ntoa int", lambda m: m.inet_ntoa(1)),
    ("inet_pton v4", lambda m: m.inet_pton(m.AF_INET, "1.2.3.4")),
    ("inet_pton v4 short", lambda m: m.inet_pton(m.AF_INET, "127.1")),
    ("inet_pton v6", lambda m: m.inet_pton(m.AF_INET6, "::1")),
    ("inet_pton v6 mapped", lambda m: m.inet_pton(m.AF_INET6, "::ffff:1.2.3.4")),
    ("inet_pton v6 scoped", lambda m: m.inet_pton(m.AF_INET6, "fe80::1%lo")),
    ("inet_pton v6 junk", lambda m: m.inet_pton(m.AF_INET6, "zz")),
    ("inet_pton AF_UNIX", lambda m: m.inet_pton(m.AF_UNIX, "1.2.3.4")),
    ("inet_pton unknown family", lambda m: m.inet_pton(12345, "1.2.3.4")),
    ("inet_pton bytes", lambda m: m.inet_pton(m.AF_INET, b"1.2.3.4")),
    ("inet_pton str family", lambda m: m.inet_pton("x", "1.2.3.4")),
    ("inet_pton NUL", lambda m: m.inet_pton(m.AF_INET, "1.2.3.4\0")),
    ("inet_pton huge family", lambda m: m.inet_pton(2**40, "1.2.3.4")),
    ("inet_pton tiny family", lambda m: m.inet_pton(-(2**40), "1.2.3.4")),
    ("inet_pton huger family", lambda m: m.inet_pton(2**70, "1.2.3.4")),
    ("inet_ntop v4", lambda m: m.inet_ntop(m.AF_INET, b"\x01\x02\x03\x04")),
    ("inet_ntop v4 bytearray", lambda m: m.inet_ntop(m.AF_INET, bytearray(b"\x7f\0\0\x01"))),
    ("inet_ntop v4 memoryview", lambda m: m.inet_ntop(m.AF_INET, memoryview(b"\x7f\0\0\x01"))),
    ("inet_ntop v6", lambda m: m.inet_ntop(m.AF_INET6, b"\0" * 15 + b"\1")),
    ("inet_ntop v6 compressed", lambda m: m.inet_ntop(m.AF_INET6, b"\x20\x01\x0d\xb8" + b"\0" * 11 + b"\1")),
    ("inet_ntop v6 memoryview", lambda m: m.inet_ntop(m.AF_INET6, memoryview(bytes(range(16))))),
    ("inet_ntop v6 any", lambda m: m.inet_ntop(m.AF_INET6, bytearray(16))),
    ("inet_ntop v6 mapped", lambda m: m.inet_ntop(m.AF_INET6, b"\0" * 10 + b"\xff\xff\1\2\3\4")),
    ("inet_ntop v4 short", lambda m: m.inet_ntop(m.AF_INET, b"\x01\x02\x03")),
    ("inet_ntop v6 short", lambda m: m.inet_ntop(m.AF_INET6, b"\x01\x02\x03")),
    ("inet_ntop AF_UNIX", lambda m: m.inet_ntop(m.AF_UNIX, b"\x01\x02\x03\x04")),
    ("inet_ntop str", lambda m: m.inet_ntop(m.AF_INET, "1234")),
    ("inet_ntop int", lambda m: m.inet_ntop(m.AF_INET, 1234)),
    ("inet_ntop huge family", lambda m: m.inet_ntop(2**40, b"1234")),
    ("htons", lambda m: m.htons(1)),
    ("htons max", lambda m: m.htons(65535)),
    ("htons bool", lambda m: m.htons(True)),
    ("htons too big", lambda m: m.htons(65536)),
    ("htons negative", lambda m: m.htons(-1)),
    ("htons beyond int", lambda m: m.htons(2**40)),
    ("htons below int", lambda m: m.htons(-(2**40))),
    ("htons huge", lambda m: m.htons(2**70)),
    ("htons float", lambda m: m.htons(1.0)),
    ("htons str", lambda m: m.htons("1")),
    ("ntohs", lambda m: m.ntohs(0x0102)),
    ("ntohs too big", lambda m: m.ntohs(65536)),
    ("ntohs negative", lambda m: m.ntohs(-1)),
    ("htonl", lambda m: m.htonl(1)),
    ("htonl max", lambda m: m.htonl(2**32 - 1)),
    ("htonl too big", lambda m: m.htonl(2**32)),
    ("htonl huge", lambda m: m.htonl(2**70)),
    ("htonl negative", lambda m: m.htonl(-1)),
    ("htonl float", lambda m: m.htonl(1.0)),
    ("htonl str", lambda m: m.htonl("1")),
    ("ntohl", lambda m: m.ntohl(0x01020304)),
    ("ntohl too big", lambda m: m.ntohl(2**32)),
    ("ntohl negative", lambda m: m.ntohl(-1)),
    ("if_nametoindex", lambda m: m.if_nametoindex("lo")),
    ("if_nametoindex bytes", lambda m: m.if_nametoindex(b"lo")),
    ("if_nametoindex unknown", lambda m: m.if_nametoindex("no-such-if")),
    ("if_nametoindex empty", lambda m: m.if_nametoindex("")),
    ("if_nametoindex long", lambda m: m.if_nametoindex("x" * 40)),
    ("if_nametoindex int", lambda m: m.if_nametoindex(1)),
    ("if_nametoindex NUL", lambda m: m.if_nametoindex("l\0o")),
    ("if_indextoname", lambda m: m.if_indextoname(m.if_nametoindex("lo"))),
    ("if_indextoname 0", lambda m: m.if_indextoname(0)),
    ("if_indextoname unknown", lambda m: m.if_indextoname(99999)),
    ("if_indextoname negative", lambda m: m.if_indextoname(-1)),
    ("if_indextoname huge", lambda m: m.if_indextoname(2**70)),
    ("if_indextoname str", lambda m: m.if_indextoname("1")),
    ("if_indextoname float", lambda m: m.if_indextoname(1.0)),
    ("if_nameindex", lambda m: m.if_nameindex()),
    ("has_ipv6", lambda m: m.has_ipv6),
]


# Python 3.9 truncates these (with a DeprecationWarning); typedsock raises, as 3.10+ does.
TRUNCATED_BEFORE_3_10 = {"htons too big", "ntohs too big"}


@pytest.mark.parametrize("name, call", CONVERT_CASES, ids=[name for name, _ in CONVERT_CASES])
def test_conversions_as_the_standard_module(name: str, call: Call) -> None:
    if name in TRUNCATED_BEFORE_3_10 and sys.version_info < (3, 10):
        with pytest.raises(OverflowError, match="too large to convert to C 16-bit unsigned integer"):
            call(typedsock)
        return
    assert_same(call)


def test_conversions_round_trip() -> None:
    for text in ("0.0.0.0", "127.0.0.1", "192.0.2.200", "255.255.255.255"):
        packed = typedsock.inet_aton(text)
        assert type(packed) is bytes
        assert typedsock.inet_ntoa(packed) == text
        assert typedsock.inet_pton(typedsock.AF_INET, text) == packed
        assert typedsock.inet_ntop(typedsock.AF_INET, packed) == text
    for text in ("::", "::1", "fe80::1", "2001:db8::ff00:42:8329", "::ffff:10.0.0.1"):
        packed = typedsock.inet_pton(typedsock.AF_INET6, text)
        assert len(packed) == 16
        assert typedsock.inet_ntop(typedsock.AF_INET6, packed) == text
    for value in (0, 1, 0x1234, 0xFFFF):
        assert typedsock.ntohs(typedsock.htons(value)) == value
        assert typedsock.htons(value) == socket.htons(value)
    for value in (0, 1, 0x12345678, 0xFFFFFFFF):
        assert typedsock.ntohl(typedsock.htonl(value)) == value
        assert typedsock.htonl(value) == socket.htonl(value)
    index = typedsock.if_nametoindex("lo")
    assert typedsock.if_indextoname(index) == "lo"
    assert (index, "lo") in typedsock.if_nameindex()


def test_resolution_works_from_threads() -> None:
    results: List[Optional[Tuple[str, List[str], List[str]]]] = [None] * 8

    def work(slot: int) -> None:
        results[slot] = typedsock.gethostbyaddr("127.0.0.1")

    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(len(results))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(map(repr, results))) == 1
    assert results[0] == socket.gethostbyaddr("127.0.0.1")
