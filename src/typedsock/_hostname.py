"""``sethostname``: as the standard module's (needs CAP_SYS_ADMIN in the UTS namespace)."""

from __future__ import annotations

import os
import sys
from typing import Union

from typedsock._errors import raise_errno
from typedsock._sock import ffi, lib

__all__ = ["sethostname"]


def sethostname(name: Union[str, bytes], /) -> None:
    """Set this machine's host name: ``bytes`` as given, ``str`` encoded as a file name is."""
    if isinstance(name, bytes):
        data = name
    else:
        # PyUnicode_FSConverter, as CPython: str or os.PathLike, no NUL.
        data = os.fsencode(name)
        if b"\0" in data:
            raise ValueError("embedded null byte")
    sys.audit("socket.sethostname", name)
    if lib.sethostname(data, len(data)) < 0:
        raise_errno(ffi.errno)
