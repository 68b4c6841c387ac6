"""The one table of names (src/typedsock/_table.py) against what derives from it.

The checked-in stub is exactly what the generator makes of the table; the run-time
names are exactly the table's names the headers have; the values and enum groups are
the standard module's; and ``dir(socket)`` holds nothing typedsock lacks beyond the
short list below, each with its reason (docs/from-socket.md's list too).
"""

from __future__ import annotations

import enum
import importlib.util
import os
import pickle
import socket
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, Dict, List

import pytest

import typedsock
from typedsock import _constants
from typedsock._table import ENUMS, entries

ROOT = Path(__file__).resolve().parent.parent
TABLE = entries()

# In the standard module, not in typedsock, and why.
MISSING = {
    # socket.py's own imports.
    "os": "socket.py's import",
    "sys": "socket.py's import",
    "io": "socket.py's import",
    "selectors": "socket.py's import",
    "array": "socket.py's import",
    "errno": "socket.py's import",
    "IntEnum": "socket.py's import",
    "IntFlag": "socket.py's import",
    # CPython's C API for other extension modules; there is no C object to give.
    "CAPI": "the _socket C API capsule (PyCapsule) for C extensions",
    # Not in this system's headers: CPython types the number into its own source when
    # the headers lack it; typedsock only takes values from the headers.
    "ALG_OP_SIGN": "not in the headers (CPython hard-codes it)",
    "ALG_OP_VERIFY": "not in the headers (CPython hard-codes it)",
    "ALG_SET_PUBKEY": "not in the headers (CPython hard-codes it)",
    "UDPLITE_SEND_CSCOV": "not in the headers (CPython hard-codes it)",
    "UDPLITE_RECV_CSCOV": "not in the headers (CPython hard-codes it)",
}
HARD_CODED = {name for name, why in MISSING.items() if why.startswith("not in the headers")}


def _build_script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("build_sock", ROOT / "build_sock.py")
    assert spec is not None
    loader: Any = spec.loader
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_each_name_once() -> None:
    names = [entry.name for entry in TABLE]
    assert len(names) == len(set(names))


def test_checked_in_stub_is_what_the_table_makes() -> None:
    """Regenerate with ``python build_sock.py --write-stub``."""
    stub = (ROOT / "src" / "typedsock" / "_constants.pyi").read_text()
    assert stub == _build_script().stub_text()


def test_run_time_names_are_the_present_table_names() -> None:
    present = [entry.name for entry in TABLE if entry.name in _constants.VALUES]
    assert set(_constants.VALUES) <= {entry.name for entry in TABLE}
    assert _constants.__all__ == list(ENUMS) + present
    absent = {entry.name for entry in TABLE} - set(present)
    public = {name for name in dir(typedsock) if not name.startswith("_")}
    assert set(present) <= public and set(present) <= set(typedsock.__all__)
    assert not absent & public, "a name the headers lack is absent at run time"


@pytest.mark.parametrize("group", list(ENUMS))
def test_enum_members_are_the_present_names_of_their_group(group: str) -> None:
    cls: Any = getattr(typedsock, group)
    expected = {entry.name for entry in TABLE if entry.group == group and entry.name in _constants.VALUES}
    assert set(cls.__members__) == expected
    base = enum.IntFlag if ENUMS[group] == "IntFlag" else enum.IntEnum
    assert issubclass(cls, base) and issubclass(getattr(socket, group), base)


def _std_ints() -> Dict[str, int]:
    return {
        name: value
        for name in dir(socket)
        if isinstance(value := getattr(socket, name), int) and not isinstance(value, bool)
    }


def test_values_and_groups_are_the_standard_modules() -> None:
    std = _std_ints()
    for entry in TABLE:
        if entry.name not in std or entry.name not in _constants.VALUES:
            continue
        ours, theirs = getattr(typedsock, entry.name), std[entry.name]
        assert ours == theirs, entry.name
        assert type(ours).__name__ == type(theirs).__name__, entry.name
        assert repr(ours) == repr(theirs), entry.name
        assert str(ours) == str(theirs), entry.name
        assert format(ours) == format(theirs), entry.name


def test_every_standard_constant_is_in_the_table() -> None:
    assert set(_std_ints()) - {entry.name for entry in TABLE} == set()


def test_flag_combinations_print_as_the_standard_modules() -> None:
    assert repr(typedsock.MSG_PEEK | typedsock.MSG_DONTWAIT) == repr(socket.MSG_PEEK | socket.MSG_DONTWAIT)
    both = typedsock.AI_PASSIVE | typedsock.AI_CANONNAME
    assert repr(both) == repr(socket.AI_PASSIVE | socket.AI_CANONNAME)
    assert repr(typedsock.MsgFlag(0)) == repr(socket.MsgFlag(0))
    assert pickle.loads(pickle.dumps(typedsock.AF_INET)) is typedsock.AF_INET


def test_dir_socket_minus_dir_typedsock_is_the_documented_list() -> None:
    std = {name for name in dir(socket) if not name.startswith("_")}
    missing = std - set(dir(typedsock))
    assert missing <= set(MISSING), sorted(missing - set(MISSING))
    assert (missing & HARD_CODED) == {name for name in HARD_CODED if name in std}


def test_the_guide_lists_the_missing_names() -> None:
    guide = (ROOT / "docs" / "from-socket.md").read_text()
    for name in MISSING:
        assert f"`{name}`" in guide, name


def test_the_new_names() -> None:
    assert int(typedsock.SOCK_RDM) == socket.SOCK_RDM and isinstance(typedsock.SOCK_RDM, typedsock.SocketKind)
    assert int(typedsock.AddressInfo.AI_PASSIVE) == socket.AI_PASSIVE
    assert int(typedsock.AF_NETLINK) == socket.AF_NETLINK
    assert typedsock.TCP_KEEPIDLE == socket.TCP_KEEPIDLE
    assert typedsock.IP_ADD_MEMBERSHIP == socket.IP_ADD_MEMBERSHIP
    assert typedsock.SO_BINDTODEVICE == socket.SO_BINDTODEVICE


def test_the_new_constants_work_on_a_real_socket() -> None:
    with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM) as s:
        s.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_KEEPALIVE, 1)
        s.setsockopt(typedsock.IPPROTO_TCP, typedsock.TCP_KEEPIDLE, 17)
        assert s.getsockopt(typedsock.IPPROTO_TCP, typedsock.TCP_KEEPIDLE) == 17
    with typedsock.socket(typedsock.AF_INET, typedsock.SOCK_DGRAM) as u:
        u.setsockopt(typedsock.IPPROTO_IP, typedsock.IP_TTL, 7)
        assert u.getsockopt(typedsock.IPPROTO_IP, typedsock.IP_TTL) == 7


def test_a_family_of_the_table_opens() -> None:
    with typedsock.socket(typedsock.AF_NETLINK, typedsock.SOCK_RAW) as s:
        assert s.family == typedsock.AF_NETLINK


# -- CMSG_LEN, CMSG_SPACE ---------------------------------------------------------------------

ARGUMENTS: List[Any] = [0, 1, 4, 7, 8, 100, 2**31 - 100, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -1, -(2**63) - 1,
                        True, 1.5, "4", None]


def _outcome(function: Any, argument: Any) -> object:
    try:
        return function(argument)
    except (TypeError, OverflowError, ValueError) as exc:
        return (type(exc), str(exc))


@pytest.mark.parametrize("name", ["CMSG_LEN", "CMSG_SPACE"])
@pytest.mark.parametrize("argument", ARGUMENTS, ids=repr)
def test_cmsg_as_the_standard_module(name: str, argument: Any) -> None:
    ours, theirs = _outcome(getattr(typedsock, name), argument), _outcome(getattr(socket, name), argument)
    if sys.version_info < (3, 10) and isinstance(argument, float):
        # 3.9's older wording for a float is not reproduced (docs/from-socket.md: not deliberate).
        assert isinstance(ours, tuple) and isinstance(theirs, tuple) and ours[0] is theirs[0] is TypeError
        return
    assert ours == theirs


def test_cmsg_space_fits_fd_passing() -> None:
    a, b = typedsock.socketpair()
    with a, b:
        r, w = os.pipe()
        try:
            typedsock.send_fds(a, [b"x"], [r, w])
            _, fds, flags, _ = typedsock.recv_fds(b, 1, 2)
            assert len(fds) == 2 and not flags & typedsock.MSG_CTRUNC
            assert typedsock.CMSG_SPACE(2 * 4) >= typedsock.CMSG_LEN(2 * 4)
            for fd in fds:
                os.close(fd)
        finally:
            os.close(r)
            os.close(w)


# -- sethostname ------------------------------------------------------------------------------

_SET = "import typedsock; typedsock.sethostname({arg}); print(typedsock.gethostname())"

# Run in the namespace too: were the standard module to accept one of them, it would
# rename this machine.
_ERRORS = """
import socket, typedsock
def outcome(function, argument):
    try:
        return function(argument)
    except (TypeError, ValueError, OverflowError) as exc:
        return (type(exc), str(exc))
    except OSError as exc:
        return (OSError, exc.errno)
for bad in (1, None, bytearray(b"x"), "a\\0b", b"x" * 100):
    assert outcome(typedsock.sethostname, bad) == outcome(socket.sethostname, bad), bad
print("same")
"""


def _in_uts_namespace(code: str) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(
            ["unshare", "-u", sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    except OSError as exc:
        pytest.skip(f"unshare unavailable: errno {exc.errno} ({exc.strerror})")
    if result.returncode != 0 and "unshare failed" in result.stderr:
        pytest.skip(f"unshare -u refused: {result.stderr.strip()}")
    return result


@pytest.mark.parametrize("arg, expected", [("'typed-host'", "typed-host"), ("b'bytes-host'", "bytes-host")])
def test_sethostname_in_a_uts_namespace(arg: str, expected: str) -> None:
    before = typedsock.gethostname()
    result = _in_uts_namespace(_SET.format(arg=arg))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
    assert typedsock.gethostname() == before == socket.gethostname()  # ours is untouched


def test_sethostname_errors_as_the_standard_module() -> None:
    result = _in_uts_namespace(_ERRORS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "same"
