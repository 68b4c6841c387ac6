"""Fuzz target: socket option values, both ways, for every option of the table
(``options.*``: ``decode`` of the bytes getsockopt returns, ``encode`` of a caller's value).

The input picks an option, then either the bytes getsockopt returned (at most the size
asked for, possibly fewer) or a value of any type.  Checked:

- only documented exceptions escape;
- decoding: fewer bytes than asked read as if zero-padded (as the docs say), and a
  decoded value that the option takes back encodes to bytes that decode to it again;
- encoding: never more bytes than the option's size, and what was set reads back
  (ints, flags, enums and names exactly; seconds to the kernel's unit; a membership is
  write-only).
"""

from __future__ import annotations

import enum
import math
from typing import Any, List, Union

from fuzzsupport import DOCUMENTED, Bytes, instance_of

from typedsock import options
from typedsock._option import ReadOnlyOption, WriteOnlyOption
from typedsock._optionvalues import Membership

AnyOption = Union[ReadOnlyOption[Any, Any], WriteOnlyOption[Any, Any]]
def _options() -> List[AnyOption]:
    found: List[AnyOption] = []
    for value in vars(options).values():
        if instance_of(value, (ReadOnlyOption, WriteOnlyOption)):
            found.append(value)
    return sorted(found, key=lambda option: option.name)


OPTIONS = _options()  # every option of the table, the private membership ones too
ENUMS: List[Union[enum.IntEnum, enum.IntFlag]] = [
    *options.PmtuDiscovery, *options.TimestampingFlag, options.TimestampingFlag(0),
    options.TimestampingFlag.SOFTWARE | options.TimestampingFlag.RX_SOFTWARE,
]
GROUPS = ["224.0.0.1", "239.255.255.250", "10.0.0.1", "ff02::1", "ff05::1:3", "::1", "", "224.0.0.1\0"]


def _value(src: Bytes) -> object:
    how = src.byte() % 10
    if how < 3:
        return src.number()
    if how == 3:
        return src.sint(4) / src.pick([1, 10, 1000, 1_000_000, 3])
    if how == 4:
        return src.pick([True, False, None, float("nan"), float("inf"), -0.0, 1e-9, 2.0**31, 2**31 - 1])
    if how == 5:
        return src.text(24)
    if how == 6:
        return src.pick(ENUMS)
    if how == 7:
        return src.pick(["lo", "", "cubic", "reno", "x" * 16, "lo\0", "\udcff"])
    if how == 8:
        source = src.pick([None, "10.0.0.2", "::2", "junk"])
        interfaces: List[Union[int, str]] = [0, 1, "lo", "", -1, 2**31, "nosuchif0", 2**64]
        interface = src.pick(interfaces)
        return Membership(src.pick(GROUPS), interface, source)  # (any int: the codec checks it)
    return src.chunk(16)


def _same(a: object, b: object, option: AnyOption) -> bool:
    """Equal, a time to the kernel's unit (a time above 0 is at least one unit)."""
    if isinstance(a, float) or isinstance(b, float):
        name = option.value.type_name
        unit = 1e-6 if "micro" in name or "timeval" in name else 1e-3
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), (a, b)
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=unit)
    return a == b


def test_one_input(data: bytes) -> None:
    src = Bytes(data)
    option: Any = src.pick(OPTIONS)
    size: int = option.value.size
    readable, writable = instance_of(option, ReadOnlyOption), instance_of(option, WriteOnlyOption)
    if src.byte() % 2 and readable:
        raw = src.take(size)
        try:
            value = option.decode(raw)
        except DOCUMENTED as exc:
            padded_exc: object = None
            try:
                option.decode(raw.ljust(size, b"\0"))
            except DOCUMENTED as again:
                padded_exc = type(again)
            assert padded_exc is type(exc), (option.name, raw, exc)
            return
        assert option.decode(raw.ljust(size, b"\0")) == value, (option.name, raw)
        if writable:
            try:
                encoded = option.encode(value)
            except DOCUMENTED:
                return
            assert _same(option.decode(encoded), value, option), (option.name, raw, value, encoded)
        return
    if not writable:
        return
    value = _value(src)
    try:
        encoded = option.encode(value)
    except DOCUMENTED:
        return
    assert isinstance(encoded, bytes) and len(encoded) <= size, (option.name, value, encoded)
    if not readable:  # write-only: the memberships, IP_MULTICAST_IF
        return
    if isinstance(value, str) and not option.value.type_name.startswith("str"):
        return  # an interface set by name reads back as its index
    back: object = option.decode(encoded)
    assert _same(back, value, option), (option.name, value, encoded, back)
