"""sendfile() and the module-level dup(), on real sockets."""

from __future__ import annotations

import io
import os
import socket
import threading
from pathlib import Path
from typing import List

import pytest

import typedsock


def _drain(sock: typedsock.StreamSocket[typedsock.UnixAddress], size: int, into: List[bytes]) -> None:
    got = 0
    while got < size:
        chunk = sock.recv(65536)
        if not chunk:
            break
        into.append(chunk)
        got += len(chunk)


@pytest.mark.parametrize("timeout", [None, 5.0])
def test_sendfile_sends_the_file_from_offset_and_moves_its_position(tmp_path: Path, timeout: object) -> None:
    payload = os.urandom(2_000_000)
    path = tmp_path / "data.bin"
    path.write_bytes(payload)
    a, b = typedsock.socketpair()
    with a, b, path.open("rb") as file:
        a.settimeout(timeout if isinstance(timeout, float) else None)
        received: List[bytes] = []
        reader = threading.Thread(target=_drain, args=(b, len(payload) - 10, received))
        reader.start()
        sent = a.sendfile(file, 10)
        reader.join(10)
        assert sent == len(payload) - 10
        assert b"".join(received) == payload[10:]
        assert file.tell() == len(payload)


def test_sendfile_count_and_a_file_without_descriptor() -> None:
    a, b = typedsock.socketpair()
    with a, b:
        assert a.sendfile(io.BytesIO(b"0123456789"), 2, 5) == 5
        assert b.recv(100) == b"23456"


def test_sendfile_rejects_what_the_standard_library_rejects(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("x")
    a, b = typedsock.socketpair(typedsock.AF_UNIX, typedsock.SOCK_DGRAM)
    with a, b, path.open("rb") as file, path.open("r") as text:
        with pytest.raises(ValueError, match="SOCK_STREAM"):
            a.sendfile(file)
        with pytest.raises(ValueError, match="binary mode"):
            a.sendfile(text)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def test_module_dup_matches_the_standard_library() -> None:
    with typedsock.socket() as sock:
        for mod_dup in (typedsock.dup, socket.dup):
            fd = mod_dup(sock.fileno())
            try:
                assert fd != sock.fileno() and not os.get_inheritable(fd)
            finally:
                os.close(fd)
    with pytest.raises(OSError) as closed:
        typedsock.dup(-1)
    assert isinstance(closed.value, typedsock.error) and closed.value.errno == 9
