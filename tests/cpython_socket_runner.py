"""Run the interpreter's ``test.test_socket`` with a chosen module as its ``socket``.

    python tests/cpython_socket_runner.py {socket|typedsock} OUT [ID ...]

A child process of ``test_cpython_socket.py``, so that a test that hangs (CPython's
threaded tests wait forever in ``accept`` when their client thread fails to connect) or
crashes ends this process, not the suite.  Each test's outcome goes to OUT as it ends,
one JSON object per line, flushed:

- ``{"tests": [ID, ...]}`` first: every test of the module, in run order;
- ``{"fixture": "setUpClass (Class)", "outcome": ..., "detail": ...}`` when a class's or
  the module's fixture fails or skips, and so none of its tests starts;
- ``{"start": ID}`` as a test starts, and ``{"id": ID, "outcome": ..., "detail": ...,
  "leaked": ...}`` when it ends (outcome ``passed``, ``failed`` or ``skipped``; detail, the
  last line of the traceback or the skip's reason; leaked, the descriptors the test opened
  and left open, after a garbage collection, "" when none).

A test that runs longer than ``WATCHDOG_SECONDS`` ends the process (``faulthandler``, which
prints every thread's traceback to stderr): OUT then ends with its ``start`` line, and the
parent starts another child for the tests after it.  With IDs, only those run.
"""

from __future__ import annotations

import faulthandler
import gc
import importlib
import json
import os
import sys
import traceback
import unittest
from types import TracebackType
from typing import IO, Dict, Iterator, Optional, Tuple, Type, Union

# Seconds a test may take (the slowest takes 3 s here), times $CPYTHON_SOCKET_WATCHDOG_FACTOR
# (the parent's --watchdog-factor; 0 turns the watchdog off).
WATCHDOG_SECONDS = 20.0 * float(os.environ.get("CPYTHON_SOCKET_WATCHDOG_FACTOR", "1"))

_ExcInfo = Union[Tuple[Type[BaseException], BaseException, TracebackType], Tuple[None, None, None]]


def _tests(suite: unittest.TestSuite) -> Iterator[unittest.TestCase]:
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _tests(item)
        else:
            yield item


def _short(test: unittest.TestCase) -> str:
    return test.id().replace("test.test_socket.", "", 1)


def _descriptors() -> Dict[int, str]:
    found: Dict[int, str] = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            found[int(name)] = os.readlink(f"/proc/self/fd/{name}")
        except FileNotFoundError:
            continue  # listdir's own descriptor
    return found


class _Result(unittest.TestResult):
    """Writes each outcome as it comes, and arms the watchdog around each test."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__()
        self._out = out
        self._current = ""  # the test between startTest and stopTest ("" between tests)
        self._before: Dict[int, str] = {}  # the descriptors open as it started
        self._outcome: Dict[str, object] = {}  # its first outcome (of its subtests' failures, say)

    def write(self, record: Dict[str, object]) -> None:
        self._out.write(json.dumps(record) + "\n")
        self._out.flush()

    def _end(self, test: object, outcome: str, detail: str) -> None:
        if not isinstance(test, unittest.TestCase):
            # A class's or the module's fixture failed or skipped: an _ErrorHolder, whose str()
            # is "setUpClass (test.test_socket.Class)".  Its tests do not start.
            self.write({"fixture": str(test).replace("test.test_socket.", "", 1), "outcome": outcome, "detail": detail})
        elif _short(test) != self._current:  # a skipped test: 3.12+ calls no startTest for it
            self.write({"id": _short(test), "outcome": outcome, "detail": detail, "leaked": ""})
        elif not self._outcome:
            self._outcome = {"id": self._current, "outcome": outcome, "detail": detail}

    def _fail(self, test: unittest.TestCase, err: _ExcInfo) -> None:
        self._end(test, "failed", traceback.format_exception_only(err[0], err[1])[-1].strip())

    def startTest(self, test: unittest.TestCase) -> None:
        self.write({"start": _short(test)})
        gc.collect()
        self._current, self._before, self._outcome = _short(test), _descriptors(), {}
        if WATCHDOG_SECONDS:
            faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
        super().startTest(test)

    def stopTest(self, test: unittest.TestCase) -> None:
        super().stopTest(test)
        faulthandler.cancel_dump_traceback_later()
        if _short(test) != self._current:
            return  # (3.12+ calls stopTest for a skipped test it did not start: written already)
        self._end(test, "passed", "")
        gc.collect()
        after = _descriptors()
        opened = [f"{fd} ({target})" for fd, target in sorted(after.items()) if self._before.get(fd) != target]
        self.write({**self._outcome, "leaked": ", ".join(opened)})
        self._current = ""

    def addError(self, test: unittest.TestCase, err: _ExcInfo) -> None:
        super().addError(test, err)
        self._fail(test, err)

    def addFailure(self, test: unittest.TestCase, err: _ExcInfo) -> None:
        super().addFailure(test, err)
        self._fail(test, err)

    def addSubTest(self, test: unittest.TestCase, subtest: unittest.TestCase, err: Optional[_ExcInfo]) -> None:
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._fail(test, err)

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        super().addSkip(test, reason)
        self._end(test, "skipped", reason)

    def addUnexpectedSuccess(self, test: unittest.TestCase) -> None:
        super().addUnexpectedSuccess(test)
        self._end(test, "failed", "unexpected success")


def main() -> None:
    name, out_path, *wanted = sys.argv[1:]
    cpython_tests = importlib.import_module("test.test_socket")
    setattr(cpython_tests, "socket", importlib.import_module(name))  # noqa: B010  (no such attribute for a checker)
    every = list(_tests(unittest.TestLoader().loadTestsFromModule(cpython_tests)))
    chosen = set(wanted)
    suite = unittest.TestSuite(test for test in every if not chosen or _short(test) in chosen)
    with open(out_path, "a", encoding="utf-8") as out:
        result = _Result(out)
        result.write({"tests": [_short(test) for test in every]})
        suite.run(result)


if __name__ == "__main__":
    main()
