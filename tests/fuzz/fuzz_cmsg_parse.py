"""Fuzz target: the kernel's control buffer -> typed control messages
(``_cmsg.items``, ``ancillary.from_control``, ``ancillary.parse``).

The input is the control buffer after recvmsg (cmsg headers of any length, any level
and type, so every typed kind is reached).  Checked:

- only documented exceptions escape (none should: bytes the kernel left are parsed or
  kept as a ``RawMessage``);
- the framing stays inside the buffer: every item's data lies within it, items come in
  order without overlap, and a truncated one is the last;
- one message per item, of the class its (level, type) names or ``RawMessage``; a
  ``RawMessage`` holds the item's bytes exactly;
- ``parse(level, type, data)`` on an item's bytes gives the same message as the
  buffer's walk (the standard module's form and typedsock's agree);
- a typed message that can be sent re-packs to the bytes it was read from (no field
  lost or clipped), where its data has the size the kernel sends.

Received descriptors (SCM_RIGHTS) are just numbers here: nothing is closed.
"""

from __future__ import annotations

from typing import Any, List, Tuple, cast

from fuzzsupport import Bytes, instance_of

from typedsock import _cmsg, ancillary
from typedsock._sock import ffi

_HEADER: int = _cmsg.CMSG_LEN(0)


def test_one_input(data: bytes) -> None:
    src = Bytes(data)
    raw = src.rest()
    control = ffi.new("char[]", max(len(raw), 1))
    ffi.memmove(control, raw, len(raw))
    length = len(raw)
    items: List[Tuple[int, int, int, int, bool]] = list(_cmsg.items(control, length))
    end = 0
    for i, (_, _, offset, size, truncated) in enumerate(items):
        assert offset >= end + _HEADER, (i, offset, end)
        assert 0 <= size and offset + size <= length, (offset, size, length)
        assert not truncated or i == len(items) - 1, "a truncated item is the last"
        if truncated:
            assert offset + size == length
        end = offset + size
    messages = ancillary.from_control(control, length)
    assert len(messages) == len(items)
    for (level, kind, offset, size, _), message in zip(items, messages):
        payload: bytes = ffi.buffer(control, length)[offset : offset + size]
        cls = ancillary.RECEIVED_AS.get((level, kind))
        if isinstance(message, ancillary.RawMessage):
            assert (message.level, message.type, message.data) == (level, kind, payload)
        else:
            assert type(message) is cls, (message, cls)
            assert (message.level, message.type) == (level, kind)
        parsed = ancillary.parse(level, kind, payload)
        assert parsed == message, f"parse() {parsed!r} != from_control {message!r}"
        _repacks(message, payload)


_ONE_BYTE_TOO = (ancillary.Ttl, ancillary.Tos, ancillary.HopLimit, ancillary.TrafficClass)


def _repacks(message: Any, payload: bytes) -> None:
    """A typed message that can be sent packs to the bytes it was read from."""
    if instance_of(message, ancillary.RawMessage) or not instance_of(message, ancillary.Sendable):
        return
    sendable = cast("ancillary.Sendable[Any]", message)
    try:
        level, kind, packed = sendable.to_tuple()
    except (ValueError, OverflowError, TypeError) as exc:  # a finding: it was read, so it is one
        raise AssertionError(f"{message!r} read from {payload!r} does not pack: {exc!r}") from exc
    assert (level, kind) == (sendable.level, sendable.type)
    if len(packed) == len(payload):
        assert packed == payload, (message, payload, packed)
    else:
        # more bytes than the kernel's size: the rest is not read; fewer: only the
        # one-byte form of the numbers (IP_TOS as the kernel sends it)
        assert len(payload) > len(packed) or instance_of(message, _ONE_BYTE_TOO), (message, payload)
