"""CPython's own socket tests, from the running interpreter's ``test.test_socket``, against typedsock.

The module's global ``socket`` is replaced by ``typedsock`` and the chosen test classes
run under ``unittest``, once with the standard module (to learn which pass here: SCTP,
for one, is missing from this kernel) and once with typedsock.  A test that passes on
the standard module and fails on typedsock must be in ``DIFFERENCES``, with its reason
(the README's differences section lists them); one that is listed and passes fails the
suite too, so that the list stays honest.

The classes are those of sendmsg, recvmsg and recvmsg_into: the Sendmsg*, Recvmsg*,
SCMRights*, RFC3542 ancillary and CMSG-macro classes.
"""

from __future__ import annotations

import gc
import importlib
import re
import socket
import types
import unittest
from typing import TYPE_CHECKING, Dict, Iterator, List, NamedTuple, Optional, Set

import pytest

import typedsock

if TYPE_CHECKING:
    from conftest import FdTable

cpython_tests: Optional[types.ModuleType]
try:
    cpython_tests = importlib.import_module("test.test_socket")
except ImportError:  # pragma: no cover  (an interpreter installed without its test package)
    cpython_tests = None

# The classes run: their names.
CLASSES = re.compile(r"^(Sendmsg|Recvmsg|RecvmsgInto|SCMRights|CmsgMacro)\w*$|RFC3542")

# Test id (the part after "test.test_socket.") -> why typedsock differs.
DIFFERENCES: Dict[str, str] = {}


class Outcome(NamedTuple):
    run: int
    passed: Set[str]
    failed: Dict[str, str]  # id -> the last line of its traceback
    skipped: Set[str]


def _suite() -> unittest.TestSuite:
    assert cpython_tests is not None
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in sorted(dir(cpython_tests)):
        candidate = getattr(cpython_tests, name)
        if isinstance(candidate, type) and issubclass(candidate, unittest.TestCase) and CLASSES.search(name):
            suite.addTests(loader.loadTestsFromTestCase(candidate))
    return suite


def _short(test: unittest.TestCase) -> str:
    return test.id().replace("test.test_socket.", "", 1)


def _run(module: types.ModuleType) -> Outcome:
    """The classes, run with ``module`` as test_socket's ``socket``."""
    assert cpython_tests is not None
    saved = cpython_tests.socket
    setattr(cpython_tests, "socket", module)  # noqa: B010  (a checker knows no such attribute)
    try:
        result = unittest.TestResult()
        suite = _suite()
        ran = {_short(test) for test in _tests(suite)}  # (running the suite empties it)
        suite.run(result)
    finally:
        setattr(cpython_tests, "socket", saved)  # noqa: B010
    failed = {_short(test): trace.strip().splitlines()[-1] for test, trace in result.failures + result.errors}
    skipped = {_short(test) for test, _ in result.skipped}
    return Outcome(result.testsRun, ran - failed.keys() - skipped, failed, skipped)


def _tests(suite: unittest.TestSuite) -> Iterator[unittest.TestCase]:
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _tests(item)
        else:
            yield item


@pytest.fixture(scope="module")
def outcomes(fd_table: FdTable) -> Dict[str, Outcome]:
    """Both runs, once per module (a fixture of this scope is outside the per-test
    watchdog: the runs take seconds each); typedsock's inside a descriptor check."""
    if cpython_tests is None:
        pytest.skip("this interpreter has no test.test_socket")
    stdlib = _run(socket)
    before = fd_table.snapshot()
    ours = _run(typedsock)
    gc.collect()
    LEAKED.append(fd_table.difference(before, fd_table.snapshot()))
    return {"stdlib": stdlib, "typedsock": ours}


LEAKED: List[str] = []  # what typedsock's run left open or closed ("" when nothing)


def test_the_classes_are_found(outcomes: Dict[str, Outcome]) -> None:
    # Several hundred tests on every version: the filter cannot silently match nothing.
    assert outcomes["stdlib"].run > 300
    assert outcomes["typedsock"].run == outcomes["stdlib"].run
    assert len(outcomes["stdlib"].passed) > 250


def test_what_passes_on_the_standard_module_passes_on_typedsock(outcomes: Dict[str, Outcome]) -> None:
    stdlib, ours = outcomes["stdlib"], outcomes["typedsock"]
    unlisted: List[str] = [
        f"{name}: {ours.failed.get(name, 'skipped')}"
        for name in sorted(stdlib.passed - ours.passed)
        if name not in DIFFERENCES
    ]
    assert not unlisted, "\n".join(unlisted)


def test_every_listed_difference_still_differs(outcomes: Dict[str, Outcome]) -> None:
    stale = sorted(name for name in DIFFERENCES if name in outcomes["typedsock"].passed)
    assert not stale, stale


def test_typedsock_skips_only_what_the_standard_module_skips(outcomes: Dict[str, Outcome]) -> None:
    # A test typedsock skips (a missing name, say) would otherwise pass unnoticed.
    assert outcomes["typedsock"].skipped <= outcomes["stdlib"].skipped | DIFFERENCES.keys()


def test_the_run_leaks_no_descriptor(outcomes: Dict[str, Outcome]) -> None:
    assert LEAKED == [""], LEAKED
