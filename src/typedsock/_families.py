"""The registry of codecs: one entry per family with an address type of its own (the
core three are in ``_addresses``), and ``codec_for``, which gives every other family
the kernel opens a ``RawCodec``.  Adding a family: its module, and one entry here."""

from __future__ import annotations

from typing import Any, Dict

from typedsock import _constants as _c
from typedsock._addresses import CODECS, Codec
from typedsock._alg import AlgCodec
from typedsock._can import CanCodec
from typedsock._netlink import NetlinkCodec
from typedsock._packet import PacketCodec
from typedsock._raw import RawCodec
from typedsock._tipc import TipcCodec
from typedsock._vsock import VsockCodec

__all__ = ["PROTOCOL_FREE", "codec_for"]

CODECS.update(
    {
        _c.AF_PACKET: PacketCodec(),
        _c.AF_NETLINK: NetlinkCodec(),
        _c.AF_VSOCK: VsockCodec(),
        _c.AF_CAN: CanCodec(),
        _c.AF_ALG: AlgCodec(),
        _c.AF_TIPC: TipcCodec(),
    }
)

# The families whose address shape does not depend on the protocol (all but AF_CAN):
# a new socket takes its codec from here with one lookup, no call (the socket() and
# accept paths; codec_for costs two calls).
PROTOCOL_FREE: Dict[int, Codec[Any]] = {
    family: codec for family, codec in CODECS.items() if not isinstance(codec, CanCodec)
}
_RAW: Dict[int, Codec[Any]] = {}


def codec_for(family: int, proto: int) -> Codec[Any]:
    """The codec of a socket of ``family`` and ``proto``."""
    codec = CODECS.get(family)
    if codec is None:
        codec = _RAW.get(family)
        if codec is None:
            codec = _RAW[family] = RawCodec(family)
    return codec.for_proto(proto)
