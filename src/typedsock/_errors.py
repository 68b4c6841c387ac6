"""The exception hierarchy, and turning an errno into the right exception.

A failed system call raises an instance of both ``typedsock.error`` and the
builtin ``OSError`` subclass Python itself picks for that errno
(``ConnectionRefusedError``, ``FileNotFoundError``, ...).  Those combined
classes are made once per errno, on first use, from Python's own mapping, so no
errno table is written here.

``herror``, ``gaierror`` and ``timeout`` derive from the standard module's classes of
those names too (``_socket`` is a C extension, 0.3 ms to import), so code that
catches ``socket.gaierror`` catches typedsock's; ``error`` comes first in their MRO.
(On 3.10+ ``socket.timeout`` is ``TimeoutError``.)
"""

from __future__ import annotations

import _socket
import os
import sys
from typing import Dict, NoReturn, Type

__all__ = ["error", "error_class", "from_errno", "gaierror", "herror", "raise_errno", "timeout"]


class error(OSError):
    """Base class of every socket and address error."""


class herror(error, _socket.herror):
    """A host lookup failed (h_errno-style)."""


class gaierror(error, _socket.gaierror):
    """``getaddrinfo``/``getnameinfo`` failed; ``errno`` is the ``EAI_*`` code."""


if sys.version_info >= (3, 10):

    class timeout(error, TimeoutError):
        """A socket operation timed out (``settimeout``)."""

else:  # the standard module's timeout is a class of its own there

    # (typeshed spells _socket.timeout as TimeoutError on every version)
    class timeout(error, _socket.timeout, TimeoutError):  # pyright: ignore[reportGeneralTypeIssues]
        """A socket operation timed out (``settimeout``)."""


error.__module__ = herror.__module__ = gaierror.__module__ = timeout.__module__ = "typedsock"

_classes: Dict[int, Type[error]] = {}


def error_class(errno: int) -> Type[error]:
    """The exception class for ``errno``: ``error`` mixed with Python's own choice."""
    cls = _classes.get(errno)
    if cls is None:
        builtin = type(OSError(errno, ""))
        if builtin is OSError:
            cls = error
        elif issubclass(timeout, builtin):
            cls = timeout
        else:
            cls = type(builtin.__name__, (error, builtin), {"__module__": "typedsock"})
        _classes[errno] = cls
    return cls


def from_errno(errno: int) -> error:
    """A new exception for a failed call, with ``args == (errno, strerror)``."""
    return error_class(errno)(errno, os.strerror(errno))


def raise_errno(errno: int) -> NoReturn:
    raise from_errno(errno)
