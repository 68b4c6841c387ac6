"""What the fuzz targets share: the documented exceptions, a reader of the fuzzer's
bytes.

A target is a module ``fuzz_<name>.py`` in this folder with ``test_one_input(data:
bytes) -> None``: it returns normally or raises one of ``DOCUMENTED`` for an input the
library rightly refuses, and raises anything else (an ``AssertionError`` for a broken
property) for a finding.  Targets never need atheris: ``tests/test_fuzz_corpus.py``
replays the checked-in corpus (``corpus/<name>/``) through them in the normal test
run, and ``run.py`` drives them with atheris (``python -m nox -s fuzz``).
"""

from __future__ import annotations

import sys
from typing import Sequence, Tuple, TypeVar, Union

import typedsock

__all__ = ["DOCUMENTED", "Bytes", "instance_of"]

# What the library may raise for bad input (UnicodeError is a ValueError); an OSError
# must be a typedsock.error (PathTooLong is one too).
DOCUMENTED = (TypeError, ValueError, OverflowError, typedsock.error)

T = TypeVar("T")


def instance_of(value: object, kinds: Union[type, Tuple[type, ...]]) -> bool:
    """``isinstance`` that narrows nothing: a value the targets hold as ``Any`` (a generic
    class's instance, a tuple of fields of any type) stays ``Any`` for the checkers."""
    return isinstance(value, kinds)


class Bytes:
    """The fuzzer's input, read front to back; past its end everything reads as 0 / empty
    (so every input is some value, as libFuzzer's mutations expect)."""

    __slots__ = ("_data", "_at")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    def remaining(self) -> int:
        return len(self._data) - self._at

    def take(self, count: int) -> bytes:
        part = self._data[self._at : self._at + count]
        self._at += len(part)
        return part

    def rest(self) -> bytes:
        return self.take(self.remaining())

    def byte(self) -> int:
        part = self.take(1)
        return part[0] if part else 0

    def uint(self, size: int) -> int:
        return int.from_bytes(self.take(size).ljust(size, b"\0"), sys.byteorder)

    def sint(self, size: int) -> int:
        return int.from_bytes(self.take(size).ljust(size, b"\0"), sys.byteorder, signed=True)

    def pick(self, choices: Sequence[T]) -> T:
        return choices[self.byte() % len(choices)]

    def chunk(self, limit: int = 255) -> bytes:
        """A length byte (at most ``limit``), then that many bytes."""
        return self.take(self.byte() % (limit + 1))

    def text(self, limit: int = 64) -> str:
        """A chunk as text: UTF-8, undecodable bytes as lone surrogates (surrogateescape)."""
        return self.chunk(limit).decode("utf-8", "surrogateescape")

    def number(self) -> int:
        """An int of a width the first byte picks (edges of the C types included)."""
        how = self.byte() % 8
        if how == 0:
            return self.byte()
        if how == 1:
            return self.uint(2)
        if how == 2:
            return self.uint(4)
        if how == 3:
            return self.sint(4)
        if how == 4:
            return self.uint(8)
        if how == 5:
            return self.sint(8)
        if how == 6:
            return self.sint(16)  # beyond every C type
        return self.pick([0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**63, 2**64])
