"""Decoding the kernel's sockaddr bytes (``Codec.decode``): the regression tests of what
the coverage-guided fuzzing (tests/fuzz/fuzz_address_decode.py) found.

Each case puts the bytes into a buffer whose rest is poisoned, as a reused scratch
buffer holds a previous call's address: a decoder reads the length the kernel reported
and nothing after it, and refuses (``typedsock.error``) what names no address of its
family -- it never returns what the buffer held before.
"""

from __future__ import annotations

import os
import pathlib
import sys
from typing import Any

import pytest

import typedsock
from typedsock import _constants as _c
from typedsock._addresses import SUN_PATH_SIZE
from typedsock._families import codec_for
from typedsock._scratch import SOCKADDR_SIZE, Scratch, new_sockaddr
from typedsock._sock import ffi, lib

POISON = b"\xa5"


def _decode(family: int, content: bytes, length: int, proto: int = 0) -> Any:
    sa = new_sockaddr()
    ffi.memmove(sa, content.ljust(SOCKADDR_SIZE, POISON)[:SOCKADDR_SIZE], SOCKADDR_SIZE)
    return codec_for(family, proto).decode(sa, length, Scratch())


def _family(family: int) -> bytes:
    """A sockaddr's family field (sa_family_t, host order)."""
    return int(family).to_bytes(2, sys.byteorder)


SIN6_SIZE: int = ffi.sizeof("struct sockaddr_in6")


@pytest.mark.parametrize("length", [0, 2, SIN6_SIZE - 1])
def test_inet6_short_address_is_error_not_stale_bytes(length: int) -> None:
    with pytest.raises(typedsock.error, match="no AF_INET6 address"):
        _decode(_c.AF_INET6, _family(_c.AF_INET6)[:length], length)


def test_inet6_address_of_another_family_is_error() -> None:
    with pytest.raises(typedsock.error, match="no AF_INET6 address"):
        _decode(_c.AF_INET6, _family(_c.AF_INET).ljust(SIN6_SIZE, b"\0"), SIN6_SIZE)


def test_inet6_whole_address_decodes() -> None:
    sa, length = codec_for(_c.AF_INET6, 0).encode(("::1", 8080, 5, 0))
    content: bytes = ffi.buffer(sa, length)[:]
    assert _decode(_c.AF_INET6, content, length) == typedsock.Inet6Address("::1", 8080, 5, 0)


CAN_ISOTP: int = getattr(_c, "CAN_ISOTP", 6)
CAN_J1939: int = getattr(_c, "CAN_J1939", 7)


@pytest.mark.parametrize("proto", [CAN_ISOTP, CAN_J1939])
def test_can_fields_past_the_length_read_zero(proto: int) -> None:
    # CAN_RAW's getsockname is 8 bytes (family, ifindex): the ISO-TP ids and the J1939
    # name after them are not the kernel's, so they read 0, not the poisoned buffer.
    address = _decode(_c.AF_CAN, _family(_c.AF_CAN).ljust(8, b"\0"), 8, proto)
    assert address[1:] == (0,) * (len(address) - 1), address


def test_raw_address_never_reads_past_the_sockaddr() -> None:
    # A length beyond sockaddr_storage (the kernel reports the whole name, writing only
    # what fits) reads the sockaddr, and nothing after it.
    data = bytes(range(SOCKADDR_SIZE - 2))
    address = _decode(42, _family(42) + data, SOCKADDR_SIZE + 40)
    assert address == typedsock.RawAddress(42, data)


SUN_PATH_OFFSET: int = lib.TS_SUN_PATH_OFFSET


def test_unix_pathname_filling_sun_path_decodes() -> None:
    # Linux binds a pathname of sizeof(sun_path) bytes without a NUL (another process
    # can: typedsock itself refuses to send one); the kernel reports it as the name of
    # a peer, so it decodes -- and, sent back, is still never truncated.
    path = b"/tmp/" + b"p" * (SUN_PATH_SIZE - 5)
    address = _decode(_c.AF_UNIX, _family(_c.AF_UNIX).ljust(SUN_PATH_OFFSET, b"\0") + path, SUN_PATH_OFFSET + len(path))
    assert isinstance(address, typedsock.UnixAddress)
    assert bytes(address) == path and address.path == os.fsdecode(path)
    with pytest.raises(typedsock.PathTooLong):
        codec_for(_c.AF_UNIX, 0).encode(address)


def test_unix_pathname_socket_of_sun_path_size_is_seen_by_the_peer(tmp_path: pathlib.Path) -> None:
    # The kernel's side of it: a sender bound (through libc, as a C program binds) to a
    # name filling sun_path; its datagram's sender decodes.
    import ctypes
    import ctypes.util

    name = os.fsencode(tmp_path) + b"/"
    if len(name) >= SUN_PATH_SIZE - 1:
        pytest.skip("the temporary folder's name is too long")
    path = name + b"s" * (SUN_PATH_SIZE - len(name))
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    sockaddr = _family(_c.AF_UNIX).ljust(SUN_PATH_OFFSET, b"\0") + path
    with typedsock.socket(typedsock.AF_UNIX, typedsock.SOCK_DGRAM) as sender, typedsock.socket(
        typedsock.AF_UNIX, typedsock.SOCK_DGRAM
    ) as receiver:
        receiver.bind(name + b"r")
        if libc.bind(sender.fileno(), ctypes.c_char_p(sockaddr), len(sockaddr)) != 0:
            pytest.skip(f"the kernel refuses a full sun_path: {os.strerror(ctypes.get_errno())}")
        sender.sendto(b"x", name + b"r")
        data, peer = receiver.recvfrom(16)
        assert data == b"x" and peer is not None and bytes(peer) == path
        assert sender.getsockname() == peer
