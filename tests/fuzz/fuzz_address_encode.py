"""Fuzz target: user-given address -> sockaddr bytes, every family (``Codec.encode``).

The input picks a family and builds an address as a caller could give it: the typed
object, a plain tuple (of any length), a path, with fields of every type (ints past each
C type's range, floats, bools, str with lone surrogates and NULs, bytes...).  Checked:

- only documented exceptions escape;
- nothing is truncated: an address that encodes decodes back to the fields given (the
  host as the standard library's numeric parse reads it);
- the codec's cache of packed addresses changes nothing: an address encoded after an
  equal one of other types (``80.0`` after ``80``, an ``InetAddress`` on AF_INET6)
  encodes as it does on a fresh codec.

No host name is ever resolved: a host that is not numeric (by the standard library's
``getaddrinfo(..., AI_NUMERICHOST)``) is never given to the codec.
"""

from __future__ import annotations

import ipaddress
import os
import pathlib
import socket as stdlib
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

from fuzzsupport import DOCUMENTED, Bytes, instance_of

import typedsock
from typedsock import _constants as _c
from typedsock._addresses import Codec, Inet6Codec, InetCodec, UnixCodec
from typedsock._alg import AlgCodec
from typedsock._can import CanCodec
from typedsock._netlink import NetlinkCodec
from typedsock._packet import PacketCodec
from typedsock._raw import RawCodec
from typedsock._scratch import SOCKADDR_SIZE, Scratch
from typedsock._sock import ffi
from typedsock._tipc import TipcCodec
from typedsock._vsock import VsockCodec

_CAN_ISOTP: int = getattr(_c, "CAN_ISOTP", 6)
_CAN_J1939: int = getattr(_c, "CAN_J1939", 7)
MAKERS: List[Tuple[str, Callable[[], Codec[Any]]]] = [
    ("inet", InetCodec),
    ("inet6", Inet6Codec),
    ("unix", UnixCodec),
    ("packet", PacketCodec),
    ("netlink", NetlinkCodec),
    ("vsock", VsockCodec),
    ("can", lambda: CanCodec().for_proto(0)),
    ("can-isotp", lambda: CanCodec().for_proto(_CAN_ISOTP)),
    ("can-j1939", lambda: CanCodec().for_proto(_CAN_J1939)),
    ("alg", AlgCodec),
    ("tipc", TipcCodec),
    ("raw", lambda: RawCodec(42)),
]
TYPED: Dict[str, Callable[..., Any]] = {
    "inet": typedsock.InetAddress, "inet6": typedsock.Inet6Address, "packet": typedsock.PacketAddress,
    "netlink": typedsock.NetlinkAddress, "vsock": typedsock.VsockAddress, "can": typedsock.CanAddress,
    "can-isotp": typedsock.CanIsotpAddress, "can-j1939": typedsock.CanJ1939Address, "alg": typedsock.AlgAddress,
    "tipc": typedsock.TipcAddress, "raw": typedsock.RawAddress,
}
HOSTS = ["", "<broadcast>", "255.255.255.255", "127.0.0.1", "0.0.0.0", "127.1", "::", "::1", "fe80::1%1",
         "::ffff:1.2.3.4", "1.2.3.4.5", "01.02.03.04", "0x7f.1"]
INTERFACES = ["", "lo", b"lo", "lo\0", "x" * 16, "nosuchif0"]


class _Int(int):
    """An int subclass: equal to the int, not of its type."""


class _Str(str):
    pass


def _junk(src: Bytes) -> object:
    how = src.byte() % 10
    if how < 3:
        return src.number()
    if how == 3:
        return src.text()
    if how == 4:
        return src.chunk()
    if how == 5:
        return bytearray(src.chunk())
    if how == 6:
        return float(src.sint(2)) / src.pick([1, 2, 10])
    if how == 7:
        return src.pick([None, True, False, object(), [1, 2], (1,), float("nan"), float("inf")])
    if how == 8:
        return _Int(src.number())
    return memoryview(src.chunk())


def _field(src: Bytes, kind: str) -> object:
    """A field: mostly of the type the family takes (so encoding gets far), sometimes junk."""
    if src.byte() % 8 == 0:
        return _junk(src)
    if kind == "int":
        return src.number()
    if kind == "host":
        how = src.byte() % 4
        if how == 0:
            return str(ipaddress.IPv4Address(src.uint(4)))
        if how == 1:
            return str(ipaddress.IPv6Address(src.uint(16)))
        if how == 2:
            return src.pick(HOSTS)
        return src.text(48)
    if kind == "ifname":
        return src.pick(INTERFACES) if src.byte() % 2 else src.text(20)
    if kind == "text":
        return src.text(80)
    return src.chunk(SOCKADDR_SIZE + 8)  # bytes


SHAPES = {
    "inet": ["host", "int"],
    "inet6": ["host", "int", "int", "int"],
    "packet": ["ifname", "int", "int", "int", "bytes"],
    "netlink": ["int", "int"],
    "vsock": ["int", "int"],
    "can": ["ifname"],
    "can-isotp": ["ifname", "int", "int"],
    "can-j1939": ["ifname", "int", "int", "int"],
    "alg": ["text", "text", "int", "int"],
    "tipc": ["int", "int", "int", "int", "int"],
    "raw": ["int", "bytes"],
}


def _address(src: Bytes, name: str) -> Any:
    if name == "unix":
        raw = src.chunk(120)
        if src.byte() % 2:
            raw = b"\0" + raw
        form = src.byte() % 7
        if form == 0:
            return os.fsdecode(raw)
        if form == 1:
            return raw
        if form == 2:
            return bytearray(raw)
        if form == 3:
            return memoryview(raw)
        if form == 4:
            return pathlib.PurePosixPath(os.fsdecode(raw))
        if form == 5:
            try:
                return typedsock.UnixAddress(raw)
            except DOCUMENTED:
                return raw
        return _junk(src)
    kinds = SHAPES[name]
    count = len(kinds) - src.byte() % 3 if src.byte() % 4 else src.byte() % 7
    fields: Tuple[object, ...] = tuple(_field(src, kinds[i]) if i < len(kinds) else _junk(src) for i in range(count))
    if name == "raw" and fields and src.byte() % 2:
        fields = (42, *fields[1:])
    if name == "tipc" and fields and src.byte() % 2:
        fields = (src.pick([1, 2, 3]), *fields[1:])
    typed = TYPED[name]
    if src.byte() % 2:
        try:
            return typed(*fields)
        except TypeError:
            pass
    return fields


def _twin(address: Any, src: Bytes) -> Any:
    """An address equal to ``address`` (so a cache would take it for it), of other types."""
    if not instance_of(address, tuple):
        return _Str(address) if instance_of(address, str) else address
    fields: List[Any] = list(address)
    how = src.byte() % 4
    for i, field in enumerate(fields):
        if type(field) is int and src.byte() % 2:
            fields[i] = [float(field), _Int(field), bool(field) if field in (0, 1) else field][how % 3]
        elif type(field) is str and src.byte() % 2:
            fields[i] = _Str(field)
    if how == 3 and len(fields) == 2:
        return typedsock.InetAddress(*fields)  # equal to a pair: on AF_INET6 still refused
    return tuple(fields)


def _numeric(host: object, family: int) -> Optional[str]:
    """The host as the standard library reads it numerically; None when that would take a
    resolver (the codec is then not asked: nothing leaves the machine)."""
    if not isinstance(host, (str, bytes, bytearray)):
        return "-"  # a TypeError, before any lookup
    try:
        raw = host.encode("idna") if isinstance(host, str) else bytes(host)
    except UnicodeError:
        return "-"
    if b"\0" in raw:
        return "-"
    if raw == b"":
        return "0.0.0.0" if family == stdlib.AF_INET else "::"
    if raw in (b"<broadcast>", b"255.255.255.255"):
        return "255.255.255.255" if family == stdlib.AF_INET else "-"
    try:
        found = stdlib.getaddrinfo(raw, None, family, stdlib.SOCK_DGRAM, 0, stdlib.AI_NUMERICHOST)
    except (OSError, UnicodeError):
        return None
    return str(found[0][4][0]).split("%")[0]


def _packed(codec: Codec[Any], address: object) -> Tuple[str, object]:
    try:
        sa, length = codec.encode(address, "bind")
    except DOCUMENTED as exc:
        return "raised", type(exc)
    assert 0 < length <= SOCKADDR_SIZE, length
    return "ok", ffi.buffer(sa, length)[:]


def _check(name: str, address: Any, decoded: Any, expected_host: Optional[str]) -> None:
    """``decoded`` holds exactly what ``address`` gave."""
    if name == "unix":
        given = os.fsencode(bytes(address) if instance_of(address, (bytearray, memoryview)) else address)
        assert bytes(decoded) == given, f"{address!r} -> {decoded!r}"
        return
    assert instance_of(address, tuple)
    fields = cast(Tuple[Any, ...], address)
    if name in ("inet", "inet6"):
        assert expected_host is not None
        assert ipaddress.ip_address(decoded.host) == ipaddress.ip_address(expected_host), (address, decoded)
        assert decoded.port == fields[1]
        if name == "inet6":
            assert decoded.flowinfo == (fields[2] if len(fields) > 2 else 0), (address, decoded)
            if len(fields) > 3 and fields[3]:
                assert decoded.scope_id == fields[3], (address, decoded)
        return
    if name in ("packet", "can", "can-isotp", "can-j1939"):
        ifname = fields[0]
        assert decoded[0] == os.fsdecode(bytes(ifname) if isinstance(ifname, bytearray) else ifname), (address, decoded)
        expected = list(fields[1:])
        if name == "packet":
            expected += [0, 0, b""][len(fields) - 2 :]
            expected[3] = bytes(expected[3])
        assert list(decoded[1:]) == expected, (address, decoded)
        return
    if name == "tipc":
        addr_type, v1, v2 = fields[0], fields[1], fields[2]
        v3 = {getattr(_c, "TIPC_ADDR_NAME", 2): v2, getattr(_c, "TIPC_ADDR_ID", 3): 0}.get(addr_type, fields[3])
        scope = fields[4] if len(fields) > 4 else 0
        assert tuple(decoded) == (addr_type, v1, v2, v3, scope), (address, decoded)
        return
    if name == "alg":
        expected_alg = (*fields, 0, 0)[:4]
        assert tuple(decoded) == expected_alg, (address, decoded)
        return
    if name == "raw":
        assert decoded == (42, bytes(fields[1])), (address, decoded)
        return
    assert tuple(decoded) == fields, (address, decoded)


def test_one_input(data: bytes) -> None:
    src = Bytes(data)
    name, make = src.pick(MAKERS)
    address: Any = _address(src, name)
    expected_host: Optional[str] = None
    if name in ("inet", "inet6") and instance_of(address, tuple) and address:
        expected_host = _numeric(address[0], stdlib.AF_INET if name == "inet" else stdlib.AF_INET6)
        if expected_host is None:
            return
    codec = make()
    first = _packed(codec, address)
    twin = _twin(address, src)
    assert _packed(codec, twin) == _packed(make(), twin), f"cache: {address!r} then {twin!r}"
    assert _packed(codec, address) == first, f"encoding {address!r} twice differs"
    if first[0] != "ok":
        return
    sa, length = codec.encode(address)
    decoded = codec.decode(sa, length, Scratch())
    _check(name, address, decoded, expected_host)
