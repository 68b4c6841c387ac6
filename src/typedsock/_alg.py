"""AF_ALG: ``AlgAddress(type, name, feat, mask)`` and its codec (``struct sockaddr_alg``)."""

from __future__ import annotations

from typing import Any, NamedTuple, Tuple, Union

from typedsock import _constants as _c
from typedsock._addresses import Codec, SockAddr, own_fields, unsigned, unsupported
from typedsock._errors import error
from typedsock._scratch import Scratch, new_sockaddr
from typedsock._sock import ffi, lib

__all__ = ["AlgAddress", "AlgAddressLike", "AlgCodec"]

_TYPE_SIZE: int = lib.TS_ALG_TYPE_SIZE
_NAME_SIZE: int = lib.TS_ALG_NAME_SIZE


class AlgAddress(NamedTuple):
    """An AF_ALG address: algorithm type (``"hash"``, ``"skcipher"``...), name, feature bits, mask."""

    type: str
    """The algorithm type: ``"hash"``, ``"skcipher"``, ``"aead"``, ``"rng"``..."""
    name: str
    """The algorithm, as the kernel's crypto API names it (``"sha256"``, ``"cbc(aes)"``)."""
    feat: int = 0
    """Feature bits the algorithm must have (``CRYPTO_ALG_*``; 0: none asked for)."""
    mask: int = 0
    """Which bits of ``feat`` count (0: none)."""


AlgAddressLike = Union[AlgAddress, Tuple[str, str], Tuple[str, str, int], Tuple[str, str, int, int]]
"""What an AF_ALG call takes: an ``AlgAddress`` or the standard module's ``(type, name[, feat[, mask]])``."""


def _text(value: object, what: str, room: int, prefix: str) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"{prefix}AF_ALG {what} must be str, not {type(value).__name__}")
    raw = value.encode("utf-8")
    if b"\0" in raw:
        raise ValueError(f"{prefix}AF_ALG {what} contains an embedded null byte")
    if len(raw) >= room:
        raise ValueError(f"{prefix}AF_ALG {what} too long.")
    return raw


class AlgCodec(Codec[AlgAddress]):
    family = _c.AF_ALG

    def _pack(self, address: object, prefix: str) -> tuple[SockAddr, bool]:
        fields = own_fields(address, AlgAddress, "AF_ALG", prefix, (2, 4), "(type, name[, feat[, mask]])")
        kind = _text(fields[0], "type", _TYPE_SIZE, prefix)
        name = _text(fields[1], "name", _NAME_SIZE, prefix)
        feat = unsigned(fields[2], 32, "feat", prefix) if len(fields) > 2 else 0
        mask = unsigned(fields[3], 32, "mask", prefix) if len(fields) > 3 else 0
        sa = new_sockaddr()
        length: int = lib.ts_put_alg(sa, kind, len(kind), name, len(name), feat, mask)
        if length == 0:
            raise unsupported("AF_ALG")
        return (sa, length), False

    def decode(self, sa: Any, length: int, scratch: Scratch) -> AlgAddress:
        kind, name = ffi.new("char[]", _TYPE_SIZE + 1), ffi.new("char[]", _NAME_SIZE + 1)
        feat, mask = ffi.new("uint32_t *"), ffi.new("uint32_t *")
        if lib.ts_get_alg(sa, length, kind, name, feat, mask) < 0:
            raise error("the kernel reported no AF_ALG address")
        return AlgAddress(
            ffi.string(kind).decode("utf-8", "surrogateescape"),
            ffi.string(name).decode("utf-8", "surrogateescape"),
            feat[0],
            mask[0],
        )
