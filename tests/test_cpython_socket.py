"""CPython's own socket tests, the running interpreter's whole ``test.test_socket``, against typedsock.

The module runs twice in child processes (``cpython_socket_runner.py``), first with the
standard module as its ``socket`` (to learn which tests pass here: this kernel has no SCTP,
for one) and then with ``typedsock``, on the tests that passed.  A test that passes on the
standard module and fails on typedsock must be in ``DIFFERENCES``, with its reason (the
docs/from-socket.md's differences section lists them); a listed test that passes fails the suite too,
so that the list stays honest.  A test that hangs ends its child (the runner's watchdog),
counts as failed, and the run goes on in a new child with the tests after it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import subprocess
import sys
from typing import Dict, List, NamedTuple, Sequence, cast

import pytest

RUNNER = pathlib.Path(__file__).with_name("cpython_socket_runner.py")

# Why a test that passes on the standard module fails on typedsock, by reason.
PRIVATE = "reads a private name of the standard module: {}"
TYPED_ADDRESS = "an AF_UNIX address is a UnixAddress, not the str or bytes it is compared with"
OWN_CLASSES = "typedsock's own classes: {}"
REASONS: Dict[str, List[str]] = {
    PRIVATE.format("socket._closed"): [
        "BasicTCPTest.testDetach",
        "BasicTCPTest2.testDetach",
        "ContextManagersTest.testCreateConnectionBase",
        "ContextManagersTest.testCreateConnectionClose",
    ],
    PRIVATE.format("socket._accept, in its list of methods"): ["GeneralModuleTests.test_socket_methods"],
    PRIVATE.format("_LOCALHOST"): ["GeneralModuleTests.testCloseException"],
    PRIVATE.format("_fallback_socketpair (3.13)"): [
        f"PurePythonSocketPairTest.{name}"
        for name in ("test_injected_authentication_failure", "test_ipv4", "test_ipv6", "test_recv", "test_send")
    ],
    PRIVATE.format("_GiveupOnSendfile"): [
        "GeneralModuleTests.test__sendfile_use_sendfile",
        "SendfileUsingSendTest.testNonRegularFile",
        "SendfileUsingSendfileTest.testNonRegularFile",
    ],
    PRIVATE.format("socket._sendfile_use_send and socket._sendfile_use_sendfile"): [
        f"SendfileUsing{kind}Test.{name}"
        for kind in ("Send", "Sendfile")
        for name in (
            "testCount", "testCountSmall", "testCountWithOffset", "testEmptyFileSend", "testNonBlocking",
            "testOffset", "testRegularFile", "testWithTimeout", "testWithTimeoutTriggeredSend", "test_errors",
        )
    ],
    TYPED_ADDRESS: [
        *(f"TestLinuxAbstractNamespace.{name}" for name in (
            "testAutobind", "testBytearrayName", "testLinuxAbstractNamespace", "testMaxName", "testStrName",
        )),
        *(f"TestUnixDomain.{name}" for name in (
            "testBytesAddr", "testStrAddr", "testSurrogateescapeBind", "testUnbound", "testUnencodableAddr",
        )),
    ],
    OWN_CLASSES.format("SocketType is typedsock's socket class, not _socket.socket"): [
        "GeneralModuleTests.test_SocketType_is_socketobject",
    ],
    "a descriptor's family, type and protocol are read from the kernel, not taken from the caller": [
        "GeneralModuleTests.test_unknown_socket_family_repr",
    ],
    "getnameinfo is Python: the TypeError's traceback holds its frame, which holds the argument": [
        "GeneralModuleTests.testRefCountGetNameInfo",
    ],
}
if sys.version_info >= (3, 10):  # (3.9's test does not check these)
    REASONS[OWN_CLASSES.format("error is a subclass of OSError, not OSError itself")] = [
        "TestExceptions.testExceptionTree"
    ]
else:  # (3.10's standard module raises too)
    REASONS["an integer is never truncated: on 3.9 the standard module's ntohs(2**16) is 0"] = [
        "GeneralModuleTests.testNtoHErrors"
    ]
# Test id (the part after "test.test_socket.") -> why typedsock differs.
DIFFERENCES: Dict[str, str] = {name: reason for reason, names in REASONS.items() for name in names}


class Outcome(NamedTuple):
    tests: List[str]  # every test of the module, in run order
    passed: List[str]
    failed: Dict[str, str]  # id -> the last line of its traceback, or "hung"
    skipped: Dict[str, str]  # id -> the reason
    leaked: Dict[str, str]  # id -> the descriptors the test left open, for those that left some


def _run(module: str, wanted: Sequence[str], workdir: pathlib.Path, watchdog_factor: float) -> Outcome:
    """test_socket with ``module`` as its ``socket``: ``wanted`` (every test when empty), in children."""
    out = workdir / f"{module}.jsonl"
    env = {**os.environ, "CPYTHON_SOCKET_WATCHDOG_FACTOR": str(watchdog_factor)}
    tests: List[str] = []
    ended: Dict[str, Dict[str, str]] = {}
    remaining = list(wanted)
    while True:
        child = subprocess.run(
            [sys.executable, str(RUNNER), module, str(out), *remaining],
            cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1800, check=False,
        )
        started = ""
        with out.open(encoding="utf-8") as records:
            for line in records:
                record = json.loads(line)
                if "tests" in record:
                    tests = record["tests"]
                elif "start" in record:
                    started = record["start"]
                elif "id" in record:
                    ended[record["id"]] = record
                    started = ""
                elif "fixture" in record:  # "setUpClass (Class)", "setUpModule (test_socket)"
                    fixture, owner = record["fixture"].rstrip(")").split(" (")
                    for name in tests:
                        if name not in ended and (fixture.endswith("Module") or name.startswith(owner + ".")):
                            ended[name] = {**record, "id": name, "leaked": ""}
        if child.returncode == 0:
            break
        assert started, f"the runner failed outside a test:\n{child.stdout.decode(errors='replace')[-3000:]}"
        ended[started] = {"id": started, "outcome": "failed", "detail": f"hung (exit {child.returncode})", "leaked": ""}
        remaining = [name for name in (wanted or tests) if name not in ended]
        if not remaining:
            break
    by = {kind: {name: r["detail"] for name, r in ended.items() if r["outcome"] == kind} for kind in ("passed", "failed", "skipped")}
    leaked = {name: r["leaked"] for name, r in ended.items() if r["leaked"]}
    return Outcome(tests, sorted(by["passed"]), by["failed"], by["skipped"], leaked)


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Outcome]:
    """Both runs, once per module (a fixture of this scope is outside the per-test watchdog:
    each run takes half a minute or more)."""
    if importlib.util.find_spec("test.test_socket") is None:
        pytest.skip("this interpreter has no test.test_socket")
    watchdog_factor = cast(float, request.config.getoption("watchdog_factor"))
    workdir = tmp_path_factory.mktemp("cpython_socket")
    stdlib = _run("socket", [], workdir, watchdog_factor)
    ours = _run("typedsock", stdlib.passed, workdir, watchdog_factor)
    return {"stdlib": stdlib, "typedsock": ours}


def test_the_whole_module_runs(outcomes: Dict[str, Outcome]) -> None:
    # Several hundred tests on every version, each with an outcome: nothing silently left out.
    stdlib = outcomes["stdlib"]
    assert len(stdlib.tests) > 600
    assert len(stdlib.passed) + len(stdlib.failed) + len(stdlib.skipped) == len(stdlib.tests)
    assert len(stdlib.passed) > 450
    ours = outcomes["typedsock"]
    assert len(ours.passed) + len(ours.failed) + len(ours.skipped) == len(stdlib.passed)


def test_what_passes_on_the_standard_module_passes_on_typedsock(outcomes: Dict[str, Outcome]) -> None:
    ours = outcomes["typedsock"]
    unlisted = [
        f"{name}: {ours.failed.get(name) or 'skipped: ' + ours.skipped[name]}"
        for name in sorted({**ours.failed, **ours.skipped})
        if name not in DIFFERENCES
    ]
    assert not unlisted, "\n".join(unlisted)


def test_every_listed_difference_still_differs(outcomes: Dict[str, Outcome]) -> None:
    # Listed tests that fail on the standard module here, or that this version lacks, are not run.
    stale = sorted(name for name in DIFFERENCES if name in outcomes["typedsock"].passed)
    assert not stale, stale


def test_the_run_leaks_no_descriptor(outcomes: Dict[str, Outcome]) -> None:
    # A failing test may leave its sockets open (its own cleanup was not reached): only the
    # passing ones are held to it.
    ours = outcomes["typedsock"]
    leaks = {name: fds for name, fds in ours.leaked.items() if name not in ours.failed}
    assert not leaks, leaks
