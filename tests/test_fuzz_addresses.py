"""Fuzz harness for typedsock's address parsers (hypothesis).

Standalone, N random inputs (exit status 1 if anything undocumented escaped)::

    python tests/test_fuzz_addresses.py --iterations 100000 [--seed 1] [--verbose]

In the test suite (collected like any test file): a few hundred inputs with hypothesis'
shrinking, and the standalone loop itself with a fixed seed and 200 iterations::

    pytest tests/test_fuzz_addresses.py

Each input is one call that parses an address: ``bind``/``connect``/``connect_ex``/
``sendto``/``send_many`` on a fresh real socket of each family (the family's
``Codec.encode``), ``UnixAddress()`` and ``UnixAddress.abstract()``, ``InetAddress`` /
``Inet6Address`` with junk fields, ``getaddrinfo`` (always ``AI_NUMERICHOST``),
``getnameinfo`` (``NI_NUMERICHOST | NI_NUMERICSERV``) and ``inet_pton``/``inet_ntop``/
``inet_aton``.  Only the documented exceptions may escape: ``TypeError``,
``ValueError`` (``UnicodeError`` included), ``OverflowError`` and ``OSError`` -- and an
``OSError`` must be a ``typedsock.error``.  When a call succeeds, what it returns is
checked too (a bound name reads back equal; nothing is truncated).

Nothing leaves the machine and no DNS is used: a host that is not a numeric address
(by the standard library's ``getaddrinfo(..., AI_NUMERICHOST)``, the same libc) is
never handed to a call that would resolve it; ``connect``/``sendto`` go only to
loopback or wildcard addresses (else the input is bound instead), AF_UNIX names only
to this harness's folder (its working directory while it runs) or to abstract names
with its prefix.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import pathlib
import pickle
import random
import socket as stdlib
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, Generator, List, Optional, Tuple, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import typedsock
from typedsock import Inet6Address, InetAddress, UnixAddress
from typedsock._sock import lib

if TYPE_CHECKING:
    from conftest import FdTable

SUN_PATH: int = lib.TS_SUN_PATH_SIZE
ABSTRACT_PREFIX = b"\0ts-fuzz-"
DOCUMENTED = (TypeError, ValueError, OverflowError, OSError)  # UnicodeError is a ValueError
FAMILIES = {"inet": typedsock.AF_INET, "inet6": typedsock.AF_INET6, "unix": typedsock.AF_UNIX}
KINDS = {"stream": typedsock.SOCK_STREAM, "dgram": typedsock.SOCK_DGRAM}


class Undocumented(AssertionError):
    """An exception outside the documented ones escaped, or a result was wrong."""


# ---------------------------------------------------------------------------- strategies

any_text = st.text(st.characters(exclude_categories=()), max_size=40)  # surrogates and NULs included
junk: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**80), 2**80),
    st.floats(),
    any_text,
    st.binary(max_size=40),
    st.binary(max_size=40).map(bytearray),
    st.binary(max_size=40).map(lambda b: memoryview(b)),
    st.builds(object),
    st.lists(st.integers(-5, 70000), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.lists(st.integers(-5, 70000), max_size=4).map(tuple),
)

SPECIAL_HOSTS = [
    "", "<broadcast>", "localhost", "0.0.0.0", "127.0.0.1", "127.1", "0x7f.1", "017700000001", "2130706433",
    "255.255.255.255", "::", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "fe80::1%lo", "fe80::1%1",
    "fe80::1%999999", "::1%lo", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1e3", " 127.0.0.1", "127.0.0.1 ",
    "127.0.0.1\n", "[::1]", "::1::", "0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:0:1", "1.2.3.4%lo", "ff02::1",
    "xn--", "\u00e9xample", "a" * 64, "a." * 130, "\udcff", "127.0.0.1\x00junk", "::1\x00",
]
ip_text = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(str),
    st.ip_addresses(v=6).map(lambda a: a.exploded.upper()),
    st.integers(0, 2**24 - 1).map(lambda n: str(ipaddress.IPv4Address(0x7F000000 + n))),
    st.sampled_from(SPECIAL_HOSTS),
)


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str]) -> Any:
    """A host text, perhaps mangled (a character inserted, a suffix), as str, bytes or bytearray."""
    text = draw(base)
    how = draw(st.sampled_from(["as-is", "insert", "suffix", "scope", "upper"]))
    if how == "insert" and text:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.characters(exclude_categories=())) + text[at:]
    elif how == "suffix":
        text += draw(any_text)
    elif how == "scope":
        text += "%" + draw(st.sampled_from(["lo", "1", "0", "eth99", "", "\0", "4294967296"]))
    elif how == "upper":
        text = text.upper()
    form = draw(st.sampled_from(["str", "str", "bytes", "bytearray"]))
    if form == "str":
        return text
    raw = text.encode("utf-8", "surrogatepass")
    return raw if form == "bytes" else bytearray(raw)


@st.composite
def weighted(draw: st.DrawFn, *choices: Tuple[int, st.SearchStrategy[Any]]) -> Any:
    """One of ``choices`` (weight, strategy), by weight: well-formed inputs stay common."""
    pick = draw(st.integers(0, sum(weight for weight, _ in choices) - 1))
    for weight, strategy in choices:
        if pick < weight:
            return draw(strategy)
        pick -= weight
    raise AssertionError("unreachable")


hosts: st.SearchStrategy[Any] = weighted((5, ip_text), (3, mutated(ip_text)), (2, junk))
ports: st.SearchStrategy[Any] = weighted(
    (6, st.integers(0, 65535)),
    (2, st.sampled_from([-1, 65536, 2**16 + 80, 2**31, 2**32 + 80, 2**63, -(2**63), 2**64])),
    (1, st.integers()),
    (1, junk),
)
small_ints: st.SearchStrategy[Any] = weighted(
    (6, st.integers(0, 0xFFFFF)),
    (2, st.sampled_from([-1, 0x100000, 2**32 - 1, 2**32, 2**64])),
    (1, st.integers()),
    (1, junk),
)
inet_addresses: st.SearchStrategy[Any] = weighted(
    (5, st.tuples(hosts, ports)),
    (3, st.builds(InetAddress, hosts, ports)),
    (1, st.lists(st.one_of(hosts, ports), max_size=6).map(tuple)),
    (1, junk),
)
inet6_addresses: st.SearchStrategy[Any] = weighted(
    (2, st.tuples(hosts, ports)),
    (2, st.tuples(hosts, ports, small_ints)),
    (2, st.tuples(hosts, ports, small_ints, small_ints)),
    (3, st.builds(Inet6Address, hosts, ports, small_ints, small_ints)),
    (1, st.builds(InetAddress, hosts, ports)),
    (1, st.lists(st.one_of(hosts, ports, small_ints), max_size=6).map(tuple)),
    (1, junk),
)
name_bytes = st.binary(max_size=SUN_PATH + 20)
name_text = st.text(st.characters(exclude_categories=()), max_size=SUN_PATH + 20)


@st.composite
def unix_paths(draw: st.DrawFn) -> Any:
    """An AF_UNIX name in one of the accepted forms (or junk)."""
    kind = draw(st.sampled_from(["relative", "in-folder", "abstract", "abstract-any", "empty", "absolute", "junk"]))
    if kind == "junk":
        return draw(junk)
    if kind == "empty":
        raw = b""
    elif kind == "abstract":
        raw = ABSTRACT_PREFIX + draw(st.binary(max_size=SUN_PATH))
    elif kind == "abstract-any":
        raw = b"\0" + draw(st.binary(max_size=SUN_PATH + 2))
    else:
        name = draw(st.one_of(name_bytes, name_text.map(lambda t: t.encode("utf-8", "surrogateescape")
                                                         if _escapable(t) else t.encode("utf-8", "surrogatepass"))))
        if kind == "relative":
            raw = name
        elif kind == "in-folder":
            raw = os.fsencode(os.getcwd()) + b"/" + name
        else:
            raw = b"/" + draw(st.binary(max_size=30)) + b"/" + name
    form = draw(st.sampled_from(["str", "bytes", "bytearray", "memoryview", "PathLike", "UnixAddress", "abstract()"]))
    if form == "str":
        return os.fsdecode(raw)
    if form == "bytes":
        return raw
    if form == "bytearray":
        return bytearray(raw)
    if form == "memoryview":
        return memoryview(raw)
    if form == "PathLike":
        return pathlib.PurePosixPath(os.fsdecode(raw)) if raw[:1] != b"\0" else raw
    if form == "abstract()":
        return ("abstract", raw[1:] if raw[:1] == b"\0" else raw)
    return ("typed", raw)


def _escapable(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Case:
    op: str
    family: str = ""
    kind: str = ""
    args: Tuple[Any, ...] = ()

    def __repr__(self) -> str:
        return f"Case({self.op} {self.family}/{self.kind} {self.args!r:.300})"


ADDRESSES = {"inet": inet_addresses, "inet6": inet6_addresses, "unix": unix_paths()}


@st.composite
def cases(draw: st.DrawFn) -> Case:
    op = draw(st.sampled_from([
        "bind", "bind", "connect", "connect_ex", "sendto", "send_many", "unix_address", "getaddrinfo",
        "getnameinfo", "inet_pton", "inet_ntop", "inet_aton",
    ]))
    if op in ("bind", "connect", "connect_ex", "sendto", "send_many"):
        family = draw(st.sampled_from(sorted(FAMILIES)))
        kind = "dgram" if op in ("sendto", "send_many") else draw(st.sampled_from(sorted(KINDS)))
        return Case(op, family, kind, (draw(ADDRESSES[family]),))
    if op == "unix_address":
        return Case(op, args=(draw(st.one_of(unix_paths(), junk, st.builds(pathlib.PurePosixPath, any_text))),))
    if op == "getaddrinfo":
        number = draw(st.one_of(st.sampled_from([0, typedsock.AF_INET, typedsock.AF_INET6, typedsock.AF_UNIX]),
                                st.integers(-5, 50), small_ints))
        return Case(op, args=(
            draw(st.one_of(hosts, st.none())),
            draw(st.one_of(ports, st.sampled_from(["http", "80", "ssh", "no-such-service", b"80", "8\0"]))),
            number,
            draw(st.one_of(st.sampled_from([0, typedsock.SOCK_STREAM, typedsock.SOCK_DGRAM]), small_ints)),
            draw(st.one_of(st.just(0), small_ints)),
            draw(st.one_of(st.just(0), st.integers(0, 0x7FF), small_ints)),
        ))
    if op == "getnameinfo":
        return Case(op, args=(draw(st.one_of(inet_addresses, inet6_addresses)), draw(st.one_of(st.just(0), small_ints))))
    if op == "inet_pton":
        return Case(op, args=(draw(st.one_of(st.sampled_from([typedsock.AF_INET, typedsock.AF_INET6]), small_ints)),
                              draw(st.one_of(mutated(ip_text), junk))))
    if op == "inet_ntop":
        return Case(op, args=(draw(st.one_of(st.sampled_from([typedsock.AF_INET, typedsock.AF_INET6]), small_ints)),
                              draw(st.one_of(st.binary(max_size=20), junk))))
    return Case(op, args=(draw(st.one_of(mutated(ip_text), junk)),))


# ---------------------------------------------------------------------------- safety gate (no DNS, no traffic)

_NO_SOCKET = "no-socket"  # the input would need DNS (or write outside the folder): run a non-socket parser instead


def _host_bytes(host: Any) -> Optional[bytes]:
    """The bytes typedsock would resolve, or None when it rejects the host before any lookup."""
    if isinstance(host, str):
        try:
            raw = host.encode("ascii")
        except UnicodeEncodeError:
            try:
                raw = host.encode("idna")
            except UnicodeError:
                return None
    elif isinstance(host, (bytes, bytearray)):
        raw = bytes(host)
    else:
        return None
    return None if b"\0" in raw else raw


def _numeric(raw: bytes, family: int) -> Optional[List[str]]:
    """The addresses a numeric host gives (the standard library's getaddrinfo, no DNS), or None."""
    try:
        found = stdlib.getaddrinfo(raw, None, family, 0, 0, stdlib.AI_NUMERICHOST)
    except (OSError, UnicodeError, ValueError):
        return None
    return [str(info[4][0]) for info in found]


def _local(addresses: List[str]) -> bool:
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not (address.is_loopback or address.is_unspecified):
            return False
    return True


def _gate_inet(op: str, family: int, address: Any) -> str:
    """``op`` if it is safe, ``bind`` if only binding is, or _NO_SOCKET."""
    if not isinstance(address, tuple) or not address:
        return op  # rejected (TypeError) before any lookup
    raw = _host_bytes(address[0])
    if raw is None:
        return op
    if family == typedsock.AF_INET and raw == b"":
        return op  # INADDR_ANY
    if family == typedsock.AF_INET and raw == b"<broadcast>":
        return "bind"
    if family == typedsock.AF_INET6 and raw == b"":
        return op  # "::"
    found = _numeric(raw, family)
    if found is None:
        return _NO_SOCKET  # a host name: typedsock would resolve it
    return op if op == "bind" or _local(found) else "bind"


def _unix_raw(address: Any) -> Optional[bytes]:
    if _tagged(address) and address[0] == "abstract":
        return b"\0" + bytes(address[1])
    if _tagged(address):
        address = address[1]
    if isinstance(address, (bytearray, memoryview)):
        return _to_bytes(address)
    if isinstance(address, (str, bytes, os.PathLike)):
        try:
            return _fsencode(address)
        except (UnicodeError, TypeError):
            return None
    return None


def _gate_unix(op: str, address: Any) -> str:
    raw = _unix_raw(address)
    if raw is None or raw == b"":
        return op
    if raw[:1] == b"\0":
        return op if raw.startswith(ABSTRACT_PREFIX) else "bind"
    if b"\0" in raw or len(raw) >= SUN_PATH:
        return op  # rejected before any system call
    folder = os.fsencode(os.getcwd()) + b"/"
    name = raw[len(folder):] if raw.startswith(folder) else raw
    if b"/" in name:
        return _NO_SOCKET  # outside the folder (an absolute path elsewhere, or a subdirectory)
    return op


def _fields(value: object) -> Optional[Tuple[Any, ...]]:
    """``value`` as a tuple, or None."""
    return cast("Tuple[object, ...]", value) if isinstance(value, tuple) else None


def _tagged(address: Any) -> bool:
    fields = _fields(address)
    return fields is not None and len(fields) == 2 and fields[0] in ("typed", "abstract")


def _to_bytes(value: Any) -> bytes:
    return bytes(value)


def _fsencode(value: Any) -> bytes:
    return os.fsencode(value)


def _unix_argument(address: Any) -> Any:
    """The address a call gets: the typed forms are built here (their errors count as the call's)."""
    if _tagged(address) and address[0] == "typed":
        return UnixAddress(address[1])
    if _tagged(address):
        return UnixAddress.abstract(address[1])
    return address


# ---------------------------------------------------------------------------- running one case


def _check_bound(sock: Any, family: int, argument: Any) -> None:
    got = sock.getsockname()
    if family == typedsock.AF_UNIX:
        expected = argument if isinstance(argument, UnixAddress) else UnixAddress(argument)
        if expected.is_unnamed:
            if not (got.is_abstract and len(bytes(got)) == 6):  # Linux autobind: NUL + 5 hex digits
                raise Undocumented(f"autobind gave {got!r}")
        elif got != expected:
            raise Undocumented(f"bound {expected!r} but getsockname() is {got!r} (truncated?)")
    else:
        expected_type = InetAddress if family == typedsock.AF_INET else Inet6Address
        if type(got) is not expected_type:
            raise Undocumented(f"getsockname() gave {type(got).__name__}")
        port = argument[1]
        if isinstance(port, int) and port and got.port != port:
            raise Undocumented(f"bound port {port} but getsockname() says {got.port}")


def _socket_case(case: Case) -> None:
    family = FAMILIES[case.family]
    (address,) = case.args
    op = _gate_unix(case.op, address) if family == typedsock.AF_UNIX else _gate_inet(case.op, family, address)
    if op == _NO_SOCKET:
        fields = _fields(address)
        if family != typedsock.AF_UNIX and fields is not None and len(fields) >= 2:
            host: Any = fields[0]
            port: Any = fields[1]
            _call(lambda: typedsock.getaddrinfo(host, port, family, 0, 0, typedsock.AI_NUMERICHOST))
        else:
            _call(lambda: UnixAddress(_unix_argument(address)))
        return
    with typedsock.socket(family, KINDS[case.kind]) as opened:
        sock: Any = opened  # the input decides what the call gets
        sock.setblocking(False)

        def run() -> object:
            argument = _unix_argument(address) if family == typedsock.AF_UNIX else address
            if op == "bind":
                sock.bind(argument)
                _check_bound(sock, family, argument)
                return None
            if op == "connect":
                return sock.connect(argument)
            if op == "connect_ex":
                code = sock.connect_ex(argument)
                if not isinstance(code, int):
                    raise Undocumented(f"connect_ex returned {code!r}")
                return code
            if op == "sendto":
                return sock.sendto(b"x", argument)
            return sock.send_many([(b"x", argument)])

        _call(run)


def _check_unix_address(argument: Any) -> None:
    built = _unix_argument(argument) if _tagged(argument) else UnixAddress(argument)
    raw = bytes(built)
    if built.is_abstract:
        if len(raw) > SUN_PATH:
            raise Undocumented(f"abstract name of {len(raw)} bytes accepted")
    elif len(raw) > SUN_PATH - 1 or b"\0" in raw:
        raise Undocumented(f"path {raw!r} accepted")
    if not _tagged(argument):
        source = _to_bytes(argument) if isinstance(argument, (bytearray, memoryview)) else _fsencode(argument)
        if raw != source:
            raise Undocumented(f"UnixAddress changed the name: {source!r} -> {raw!r}")
    copy = pickle.loads(pickle.dumps(built))
    if copy != built or hash(copy) != hash(built) or UnixAddress(raw) != built:
        raise Undocumented(f"{built!r} does not survive pickle/fsencode")
    repr(built)


def _call(action: Callable[[], object]) -> Tuple[bool, object]:
    """(True, result) if ``action`` succeeds, (False, None) if it raised a documented exception;
    anything else (or an OSError that is not a typedsock.error) is a finding."""
    try:
        return True, action()
    except Undocumented:
        raise
    except DOCUMENTED as exc:
        if isinstance(exc, OSError) and not isinstance(exc, typedsock.error):
            raise Undocumented(f"a plain OSError, not typedsock.error: {exc!r}") from exc
        return False, None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        raise Undocumented(f"undocumented {type(exc).__name__}: {exc!r}") from exc


def _getaddrinfo(args: Tuple[Any, ...]) -> None:
    host, port, family, kind, proto, flags = args
    if isinstance(flags, int):
        flags = int(flags) | typedsock.AI_NUMERICHOST  # never DNS (anything else fails before the lookup)
    ok, results = _call(lambda: cast(object, typedsock.getaddrinfo(host, port, family, kind, proto, flags)))
    for info in cast(List[Any], results) if ok else []:
        if not isinstance(info.address, (InetAddress, Inet6Address)) or not 0 <= info.address.port <= 65535:
            raise Undocumented(f"getaddrinfo gave {info!r}")


def run_case(case: Case) -> None:
    """Run one input; raises Undocumented on a finding."""
    try:
        if case.family:
            _socket_case(case)
        elif case.op == "unix_address":
            (argument,) = case.args
            ok, _ = _call(lambda: _unix_argument(argument) if _tagged(argument) else UnixAddress(argument))
            if ok:
                _check_unix_address(argument)
        elif case.op == "getaddrinfo":
            _getaddrinfo(case.args)
        elif case.op == "getnameinfo":
            sockaddr, flags = case.args
            if isinstance(flags, int) and not isinstance(flags, bool):
                flags |= typedsock.NI_NUMERICHOST | typedsock.NI_NUMERICSERV  # never reverse DNS
            _call(lambda: typedsock.getnameinfo(sockaddr, flags))
        elif case.op == "inet_pton":
            _call(lambda: typedsock.inet_pton(*case.args))
        elif case.op == "inet_ntop":
            _call(lambda: typedsock.inet_ntop(*case.args))
        else:
            _call(lambda: typedsock.inet_aton(*case.args))
    finally:
        for name in os.listdir("."):  # the folder is the working directory: keep it empty
            os.unlink(name)


@contextlib.contextmanager
def fuzz_folder() -> Generator[pathlib.Path, None, None]:
    """A short empty directory, the working directory while the harness runs."""
    previous = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="ts-fz-", dir="/tmp") as folder:
        os.chdir(folder)
        try:
            yield pathlib.Path(folder)
        finally:
            os.chdir(previous)


# ---------------------------------------------------------------------------- pytest smoke


HEALTH_CHECKS = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=HEALTH_CHECKS)
@given(case=cases())
def test_fuzz_address_parsers(case: Case) -> None:
    with fuzz_folder():
        run_case(case)


def test_fuzz_harness_runs_standalone(fd_table: FdTable) -> None:
    """The harness's own loop (the standalone mode) runs and counts its iterations."""
    stats = fuzz(iterations=200, seed=3, verbose=False, count_fds=fd_table.count)
    assert stats["executed"] == 200
    assert stats["findings"] == {}


# ---------------------------------------------------------------------------- standalone


_executed = [0]


@settings(database=None, deadline=None, suppress_health_check=HEALTH_CHECKS)
@given(case=cases())
def _target(case: Case) -> None:
    _executed[0] += 1
    try:
        run_case(case)
    except Undocumented as exc:
        exc.case = case  # type: ignore[attr-defined]
        raise


def fuzz(iterations: int, seed: int, verbose: bool, count_fds: Callable[[], int]) -> Dict[str, Any]:
    """Run ``iterations`` inputs (random byte strings driving the strategies); collect findings.

    ``count_fds`` counts the open descriptors (conftest's ``FdTable.count``): a count that
    keeps growing is reported as a descriptor leak.
    """
    rng = random.Random(seed)
    findings: Dict[str, Tuple[int, str]] = {}
    _executed[0] = 0
    attempts = 0
    start = time.monotonic()
    fds_before = count_fds()
    leaks: List[int] = []
    with fuzz_folder():
        while _executed[0] < iterations:
            attempts += 1
            buffer = rng.randbytes(rng.choice([64, 256, 1024, 4096]))
            try:
                _target.hypothesis.fuzz_one_input(buffer)  # type: ignore[attr-defined]
            except Undocumented as exc:
                key = str(exc).split(":")[0][:120]
                count, example = findings.get(key, (0, ""))
                cause = f" (from {exc.__cause__!r})" if exc.__cause__ else ""
                findings[key] = (count + 1, example or f"{exc}{cause}\n    input: {getattr(exc, 'case', '?')!r}")
                if verbose:
                    print(f"FINDING after {_executed[0]}: {exc}", file=sys.stderr)
            if _executed[0] % 5000 == 0 and _executed[0]:
                fds = count_fds()
                if fds > fds_before + 8:
                    leaks.append(fds - fds_before)
                if verbose:
                    rate = _executed[0] / (time.monotonic() - start)
                    print(f"{_executed[0]} inputs, {rate:.0f}/s, {len(findings)} findings", file=sys.stderr)
    if leaks:
        findings["descriptor leak"] = (len(leaks), f"descriptor count grew by up to {max(leaks)}")
    return {
        "executed": _executed[0],
        "attempts": attempts,
        "seconds": round(time.monotonic() - start, 1),
        "findings": findings,
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=10_000, help="inputs to run (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random byte strings")
    parser.add_argument("--verbose", action="store_true", help="progress and every finding on stderr")
    options = parser.parse_args(argv)
    # Run as a script, this file's folder is sys.path[0]: conftest imports as a plain module.
    from conftest import FdTable

    stats = fuzz(options.iterations, options.seed, options.verbose, FdTable.count)
    print(f"typedsock address fuzzing: {stats['executed']} inputs run ({stats['attempts']} byte strings drawn) "
          f"in {stats['seconds']} s, seed {options.seed}")
    if not stats["findings"]:
        print("findings: none (only documented exceptions escaped)")
        return 0
    print(f"findings: {len(stats['findings'])}")
    for key, (count, example) in sorted(stats["findings"].items()):
        print(f"- {count} x {key}\n    {example}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
