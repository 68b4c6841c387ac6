"""The timeout and retry policy: what a blocking call does when the system call fails.

EINTR: the Python signal handlers run (if one raises, so does the call), then the
call is made again (PEP 475).  EAGAIN on a socket with a timeout: poll for the
remaining time, then again; with no time left, ``timeout``.  Anything else, and
EAGAIN on a non-blocking socket, raises the errno's exception.  Every call goes
through the socket's handle (``_h``, a ``ts_fd``: see csrc/shim.c), which counts the
calls in flight: close() closes the descriptor only once none is, so a call on a
closed socket fails with EBADF and never reaches a descriptor number reused since,
even when another thread closes the socket in the middle of the call.

Each call shape has one helper here, used after the first attempt (which the
methods make inline, for speed) has failed: ``_retry`` for every call of the form
``call(fd, *args) -> count or -1``, ``_connect_to`` for connect's EINPROGRESS.
"""

from __future__ import annotations

import math
import operator
import os
import sys
import time
from typing import Any, Callable, List, Optional, SupportsIndex, cast

from typedsock import _constants as _c
from typedsock._errors import error_class, from_errno, raise_errno, timeout
from typedsock._sock import ffi, lib
from typedsock._sockopt import get_int

__all__ = ["DEFAULT_TIMEOUT", "Blocking", "check_timeout", "getdefaulttimeout", "setdefaulttimeout", "unhold"]

_monotonic = time.monotonic
_ts_wait = lib.ts_h_wait
_EINTR: int = lib.EINTR
_EAGAIN: int = _c.EAGAIN
# What a non-blocking call that would wait raises (BlockingIOError), made without _wait:
# it is the commonest failure of all, the one every event loop provokes.
_WOULD_BLOCK, _WOULD_BLOCK_TEXT = error_class(_EAGAIN), os.strerror(_EAGAIN)
_hold = lib.ts_hold
_unhold = unhold = lib.ts_unhold
_EINPROGRESS: int = lib.EINPROGRESS
_EALREADY: int = lib.EALREADY
_EISCONN: int = lib.EISCONN
_POLLOUT: int = lib.POLLOUT
_POLL_MAX_MS = 2**31 - 1  # poll() takes an int: a longer wait is several polls

# The standard library keeps timeouts in int64 nanoseconds; beyond is OverflowError.
_TIMEOUT_LIMIT = 2**63 / 1e9
_TIMEOUT_OVERFLOW = (
    "timestamp out of range for platform time_t"
    if sys.version_info >= (3, 11)
    else "timestamp too large to convert to C _PyTime_t"
)

# The timeout new sockets start with, in a one-item list so that a new socket reads it
# with no call (the accept and socket() paths: about 100 instructions less each).
DEFAULT_TIMEOUT: List[Optional[float]] = [None]


def check_timeout(value: object) -> Optional[float]:
    """A timeout in seconds as the standard library accepts it (None: blocking)."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            raise ValueError("Invalid value NaN (not a number)")
        seconds = value
    else:
        seconds = float(operator.index(cast(SupportsIndex, value)))  # TypeError for str and the like
    if seconds >= _TIMEOUT_LIMIT:
        raise OverflowError(_TIMEOUT_OVERFLOW)
    if seconds < 0.0:
        raise ValueError("Timeout value out of range")
    return seconds


def getdefaulttimeout() -> Optional[float]:
    """The timeout new sockets start with (None: blocking)."""
    return DEFAULT_TIMEOUT[0]


def setdefaulttimeout(value: Optional[float]) -> None:
    """Set the timeout new sockets start with (None: blocking)."""
    DEFAULT_TIMEOUT[0] = check_timeout(value)


class Blocking:
    """A descriptor with a timeout: the base of every socket, and its retry policy."""

    __slots__ = ("_fd", "_h", "_timeout")
    _fd: int  # -1 once closed or detached
    _h: Any  # the descriptor's handle (ts_fd *): every call on the socket goes through it
    _timeout: Optional[float]  # None: blocking; 0.0: non-blocking; else seconds

    def _wait(self, events: int, deadline: float, err: int = -1) -> float:
        """After a failed call (errno ``err``, else cffi's saved errno): return the
        deadline (0.0 until a wait set one) to call again, or raise."""
        if err < 0:
            err = ffi.errno
        if err == _EINTR:
            return deadline  # the signal handlers run here; if one raised, so do we
        if err == _EAGAIN:
            limit = self._timeout
            if limit:
                now = _monotonic()
                if not deadline:
                    deadline = now + limit
                remaining = deadline - now
                if remaining <= 0.0:
                    raise timeout("timed out")
                ready = _ts_wait(self._h, events, min(math.ceil(remaining * 1000.0), _POLL_MAX_MS))
                if ready == 0 and _monotonic() >= deadline:
                    raise timeout("timed out")
                if ready < 0 and ffi.errno != _EINTR:
                    raise_errno(ffi.errno)
                return deadline
        raise from_errno(err)

    def _retry(self, events: int, call: Callable[..., int], *args: Any) -> int:
        """``call(fd, *args)`` until it returns a count (>= 0), after a first attempt
        that failed just now; ``events`` is what to poll for (POLLIN, POLLOUT)."""
        if self._timeout == 0.0 and ffi.errno == _EAGAIN:
            raise _WOULD_BLOCK(_EAGAIN, _WOULD_BLOCK_TEXT)
        deadline = self._wait(events, 0.0)
        while True:
            result = call(self._h, *args)
            if result >= 0:
                return result
            deadline = self._wait(events, deadline)

    def _connect_to(self, sa: Any, length: int) -> int:
        """connect(2) to a packed address, waiting (at most the timeout) for a connection
        in progress; the errno, or 0 once connected."""
        retried = False
        while True:
            if lib.ts_h_connect(self._h, sa, length) == 0:
                return 0
            err: int = ffi.errno
            if err == _EINTR:  # PEP 475: the handlers run, then connect again
                retried = True
                continue
            if err == _EISCONN and retried:
                return 0  # it completed while the handlers ran
            if err not in (_EINPROGRESS, _EALREADY) or self._timeout == 0.0:
                return err
            break
        # The connection goes on in the kernel: wait for it (at most the timeout).
        limit = self._timeout
        deadline = _monotonic() + limit if limit else 0.0
        while True:
            left_ms = math.ceil((deadline - _monotonic()) * 1000.0)
            wait_ms = -1 if not deadline else max(0, min(left_ms, _POLL_MAX_MS))
            ready = _ts_wait(self._h, _POLLOUT, wait_ms)
            if ready > 0:
                return self._so_error()
            if ready == 0:
                if _monotonic() >= deadline:
                    raise timeout("timed out")
                continue  # a long timeout waits in several polls
            if ffi.errno != _EINTR:
                return int(ffi.errno)

    def _so_error(self) -> int:
        fd = _hold(self._h)
        if fd < 0:
            return _c.EBADF
        try:
            return get_int(fd, _c.SOL_SOCKET, _c.SO_ERROR)
        finally:
            _unhold(self._h)

    def _held(self) -> int:
        """The descriptor, counted in as a call in flight (typedsock.error(EBADF) once
        closed), for a call made outside the handle's functions; ``unhold(self._h)`` after."""
        fd = _hold(self._h)
        if fd < 0:
            raise_errno(_c.EBADF)
        return fd

    # -- the timeout ----------------------------------------------------------
    def _set_timeout(self, value: Optional[float]) -> None:
        if lib.ts_h_set_nonblocking(self._h, value is not None) < 0:
            raise_errno(ffi.errno)
        self._timeout = value

    def settimeout(self, value: Optional[float]) -> None:
        """None: blocking; 0: non-blocking; t > 0: blocking calls wait at most t seconds."""
        self._set_timeout(check_timeout(value))

    def gettimeout(self) -> Optional[float]:
        """The timeout in seconds of blocking calls (None: they block; 0.0: non-blocking)."""
        return self._timeout

    @property
    def timeout(self) -> Optional[float]:
        """The timeout in seconds (None: blocking), as ``gettimeout()``."""
        return self._timeout

    def setblocking(self, flag: bool) -> None:
        """``setblocking(False)`` is ``settimeout(0)``; ``setblocking(True)`` is ``settimeout(None)``."""
        if sys.version_info < (3, 12):  # as the standard library there: an integer flag
            flag = bool(operator.index(flag))
        self._set_timeout(None if flag else 0.0)

    def getblocking(self) -> bool:
        """False when the socket is non-blocking (timeout 0.0); True when it blocks or times out."""
        return self._timeout != 0.0
