"""Fuzz target: kernel sockaddr bytes -> typed address, every family (``Codec.decode``).

The input picks a family (and protocol, which picks AF_CAN's codec), the length the
kernel reports, and the sockaddr's bytes.  Checked:

- only documented exceptions escape (``fuzzsupport.DOCUMENTED``), and of those only
  ``typedsock.error`` itself ("the kernel reported no ... address": too short, or of
  another family): bytes the kernel gives are never a ValueError or TypeError, and an
  AF_UNIX name or another family's bytes always decode;
- the decoder reads the reported length and nothing after it: the same address with
  the bytes past the length zeroed, or poisoned, decodes the same (a stale byte of a
  reused buffer never leaks into an address);
- round trip: a decoded address that encodes (some do not: a name the kernel gives that
  typedsock refuses to send, such as a 20-bit overflowing flowinfo) decodes back equal.
"""

from __future__ import annotations

from typing import Any, List, Tuple

from fuzzsupport import DOCUMENTED, Bytes

import typedsock
from typedsock import _constants as _c
from typedsock._addresses import Codec, UnixCodec
from typedsock._families import codec_for
from typedsock._raw import RawCodec
from typedsock._scratch import SOCKADDR_SIZE, Scratch, new_sockaddr
from typedsock._sock import ffi

# The families with a codec of their own, and a few without (RawCodec); random ones too.
FAMILIES: List[int] = [
    int(_c.AF_INET), int(_c.AF_INET6), int(_c.AF_UNIX), int(_c.AF_PACKET), int(_c.AF_NETLINK),
    int(_c.AF_VSOCK), int(_c.AF_CAN), int(_c.AF_ALG), int(_c.AF_TIPC), 0, 5, 42,
]
PROTOS: List[int] = [0, getattr(_c, "CAN_RAW", 1), getattr(_c, "CAN_ISOTP", 6), getattr(_c, "CAN_J1939", 7)]
_POISON = b"\xa5"


def _decode(codec: Codec[Any], content: bytes, length: int) -> Tuple[str, object]:
    sa = new_sockaddr()
    ffi.memmove(sa, content, len(content))
    try:
        return "ok", codec.decode(sa, length, Scratch())
    except DOCUMENTED as exc:
        return "raised", type(exc)


def pick_codec(src: Bytes) -> Codec[Any]:
    selector = src.byte()
    family = src.uint(2) if selector >= 0xF0 else FAMILIES[selector % len(FAMILIES)]
    return codec_for(family, src.pick(PROTOS))


def test_one_input(data: bytes) -> None:
    src = Bytes(data)
    codec = pick_codec(src)
    length = src.uint(2) % (SOCKADDR_SIZE + 33)  # the kernel's addrlen (beyond the buffer too)
    raw = src.take(SOCKADDR_SIZE)
    head = raw[:length].ljust(min(length, SOCKADDR_SIZE), b"\0")
    clean = _decode(codec, head, length)
    dirty = _decode(codec, (head + raw[len(head) :]).ljust(SOCKADDR_SIZE, _POISON), length)
    assert clean == dirty, f"{type(codec).__name__} read past the length {length}: {clean} != {dirty}"
    kind, address = clean
    if kind != "ok":
        assert address is typedsock.error, f"{type(codec).__name__} raised {address} for kernel bytes"
        assert not isinstance(codec, (UnixCodec, RawCodec)), f"{type(codec).__name__} refused {head!r}"
        return
    try:
        sa, encoded_length = codec.encode(address)
    except DOCUMENTED:
        return
    assert 0 < encoded_length <= SOCKADDR_SIZE, encoded_length
    again = codec.decode(sa, encoded_length, Scratch())
    assert again == address, f"round trip: {address!r} -> {again!r}"
    assert type(again) is type(address)
