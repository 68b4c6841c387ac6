"""Passing descriptors over AF_UNIX with the module functions ``send_fds``/``recv_fds``.

A "broker" thread opens pipes and a temporary file and hands their descriptors to
the main thread over a connected pair, with a few bytes of data alongside; the
receiver reads through the descriptors it got and checks what the broker wrote.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import threading
import types
from typing import Any, List

TIMEOUT = 10.0


def broker(socket: types.ModuleType, sock: Any, errors: List[BaseException]) -> None:
    try:
        # One message with two descriptors: a pipe's read end and a file.
        read_end, write_end = os.pipe()
        os.write(write_end, b"through the pipe")
        os.close(write_end)
        with tempfile.TemporaryFile() as file:
            file.write(b"from a file")
            file.flush()
            sent = socket.send_fds(sock, [b"two ", b"fds"], [read_end, file.fileno()])
            assert sent == len(b"two fds")
        os.close(read_end)  # the receiver has its own copies now
        # One message with a socket: the receiver answers over it.
        left, right = socket.socketpair()
        with left, right:
            socket.send_fds(sock, [b"a socket"], [right.fileno()])
            left.settimeout(TIMEOUT)
            assert left.recv(100) == b"answer over the passed socket"
    except BaseException as exc:  # handed to the main thread
        errors.append(exc)


def main(socket: types.ModuleType) -> None:
    receiver, sender = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with receiver, sender:
        receiver.settimeout(TIMEOUT)
        errors: List[BaseException] = []
        thread = threading.Thread(target=broker, args=(socket, sender, errors), daemon=True)
        thread.start()

        data, fds, flags, _ = socket.recv_fds(receiver, 1024, 4)
        assert data == b"two fds"
        assert len(fds) == 2 and flags == 0
        pipe_fd, file_fd = fds
        try:
            assert os.read(pipe_fd, 100) == b"through the pipe"
            assert os.pread(file_fd, 100, 0) == b"from a file"
        finally:
            os.close(pipe_fd)
            os.close(file_fd)

        data, fds, flags, _ = socket.recv_fds(receiver, 1024, 1)
        assert data == b"a socket" and len(fds) == 1
        with socket.socket(fileno=fds[0]) as passed:
            assert passed.family == socket.AF_UNIX and passed.type == socket.SOCK_STREAM
            passed.sendall(b"answer over the passed socket")

        thread.join(TIMEOUT)
        assert not thread.is_alive(), "broker thread did not finish"
        if errors:
            raise errors[0]


if __name__ == "__main__":
    main(importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "socket"))
    print("ok")
