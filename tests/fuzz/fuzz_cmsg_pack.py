"""Fuzz target: typed and raw control messages -> the sendmsg control buffer
(``ancillary``'s constructors and ``to_tuple``, ``_cmsg.pack``), and back.

The input is a list of messages, each a kind and its fields (numbers past every range,
addresses as text, raw data of any size).  Checked:

- only documented exceptions escape, from the constructors (a TTL of 300, a negative
  descriptor) or the packer;
- the buffer is the items' CMSG_SPACE summed, and walking it (``_cmsg.items``) gives
  back each item's level, type and data, whole and untruncated, in order;
- a message of a kind recv_message parses reads back from its own bytes equal to what
  was sent (``ancillary.parse``, ``from_control``).
"""

from __future__ import annotations

import ipaddress
from typing import Any, Callable, List, Tuple, cast

from fuzzsupport import DOCUMENTED, Bytes

from typedsock import _cmsg, ancillary
from typedsock._sock import ffi


def _host4(src: Bytes) -> object:
    how = src.byte() % 4
    if how == 0:
        return str(ipaddress.IPv4Address(src.uint(4)))
    if how == 1:
        return ipaddress.IPv4Address(src.uint(4))
    if how == 2:
        return src.text(20)
    return src.number()


def _host6(src: Bytes) -> object:
    how = src.byte() % 4
    if how == 0:
        return str(ipaddress.IPv6Address(src.uint(16)))
    if how == 1:
        return ipaddress.IPv6Address(src.uint(16))
    if how == 2:
        return src.text(48)
    return src.chunk(16)


MAKERS: List[Callable[[Bytes], Any]] = [
    lambda s: ancillary.RawMessage(s.number(), s.number(), s.chunk()),
    lambda s: ancillary.Ttl(s.number()),
    lambda s: ancillary.Tos(s.number()),
    lambda s: ancillary.HopLimit(s.number()),
    lambda s: ancillary.TrafficClass(s.number()),
    lambda s: ancillary.PacketInfo(s.number(), _host4(s), _host4(s)),  # type: ignore[arg-type]
    lambda s: ancillary.PacketInfo6(s.number(), _host6(s)),  # type: ignore[arg-type]
    lambda s: ancillary.SenderCredentials(s.number(), s.number(), s.number()),
    lambda s: ancillary.Rights([s.number() for _ in range(s.byte() % 8)]),
    lambda s: ancillary.Segment(s.number()),
    lambda s: (s.number(), s.number(), s.chunk()),  # the standard module's form
]


def test_one_input(data: bytes) -> None:
    src = Bytes(data)
    sent: List[Any] = []
    entries: List[Tuple[int, int, bytes]] = []
    for _ in range(src.byte() % 6):
        try:
            message = src.pick(MAKERS)(src)
        except DOCUMENTED:
            continue
        if isinstance(message, tuple):
            level, kind, payload = cast(Tuple[int, int, bytes], message)
        else:
            level, kind, payload = message.to_tuple()
        sent.append(message)
        entries.append((level, kind, payload))
    try:
        control, total = _cmsg.pack([(level, kind, ffi.from_buffer(payload)) for level, kind, payload in entries])
    except DOCUMENTED:
        # only numbers that are no C int, as level or type (the messages' own are checked)
        assert any(not -(2**31) <= n < 2**31 for level, kind, _ in entries for n in (level, kind)), entries
        return
    assert total == sum(_cmsg.CMSG_SPACE(len(payload)) for _, _, payload in entries)
    walked = list(_cmsg.items(control, total))
    assert len(walked) == len(entries), (walked, entries)
    for (level, kind, payload), (got_level, got_kind, offset, size, truncated), message in zip(entries, walked, sent):
        assert (got_level, got_kind) == (level, kind) and not truncated
        assert ffi.buffer(control, total)[offset : offset + size] == payload
        if _reads_back(message):
            assert ancillary.parse(level, kind, payload) == message, message
    typed = ancillary.from_control(control, total)
    for message, received in zip(sent, typed):
        if _reads_back(message):
            assert received == message, (message, received)


def _reads_back(message: object) -> bool:
    """Whether ``message`` is what recv_message makes of its own bytes: a typed kind it
    parses, or raw data of a (level, type) it has no class for."""
    if isinstance(message, ancillary.RawMessage):
        return (message.level, message.type) not in ancillary.RECEIVED_AS
    return isinstance(message, ancillary.Receivable)
