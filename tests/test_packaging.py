"""What the installed package carries, read from the installation itself.

The build session (noxfile.py) checks the sdist and the wheel files; these tests check
the package pip installed from such a wheel: the compiled module's stub and the PEP 561
marker sit beside the compiled module (and the wheel's RECORD lists all three, so they
are the installed files, not a source tree's), the distribution carries its license,
and its WHEEL metadata has the one stable-ABI tag setup.py gives it (CPython 3.9 and
later), for a module that is not pure Python.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from pathlib import Path

DISTRIBUTION = "typedsock"
WHEEL_TAG_PREFIX = "cp39-abi3-"  # then the platform, e.g. cp39-abi3-linux_x86_64


def _distribution() -> importlib.metadata.Distribution:
    return importlib.metadata.distribution(DISTRIBUTION)


def _compiled_module() -> Path:
    module = importlib.import_module("typedsock._sock")
    assert module.__file__ is not None
    return Path(module.__file__).resolve()


def _recorded_files() -> set[Path]:
    """Every file the installed distribution's RECORD lists, as a resolved path."""
    files = _distribution().files
    assert files is not None, "the installed typedsock has no RECORD"
    return {Path(str(f.locate())).resolve() for f in files}


def _wheel_fields() -> list[tuple[str, str]]:
    """The `Key: value` lines of the installed distribution's WHEEL file."""
    text = _distribution().read_text("WHEEL")
    assert text is not None, "the installed typedsock has no WHEEL metadata"
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.append((key.strip(), value.strip()))
    return fields


def test_compiled_module_is_built_for_the_stable_abi() -> None:
    assert _compiled_module().name.endswith(".abi3.so")


def test_stub_and_py_typed_sit_beside_the_compiled_module() -> None:
    module = _compiled_module()
    beside = [module.parent / "_sock.pyi", module.parent / "py.typed"]
    for path in beside:
        assert path.is_file(), f"{path.name} is not beside {module}"
    missing = {module, *beside} - _recorded_files()
    assert not missing, f"not installed from the wheel (not in its RECORD): {sorted(map(str, missing))}"


def test_license_is_installed() -> None:
    dist = _distribution()
    files = dist.files
    assert files is not None
    licenses = [f for f in files if f.name == "LICENSE" and f.parent.name == "licenses"]
    assert [f.parent.parent.suffix for f in licenses] == [".dist-info"], [str(f) for f in files]
    text = dist.read_text("licenses/LICENSE")
    assert text is not None
    assert text.startswith("MIT License")
    assert dist.metadata["License-Expression"] == "MIT"
    assert "LICENSE" in (dist.metadata.get_all("License-File") or [])


def test_wheel_metadata_has_one_abi3_tag_and_is_not_purelib() -> None:
    fields = _wheel_fields()
    tags = [value for key, value in fields if key == "Tag"]
    assert len(tags) == 1, tags
    assert tags[0].startswith(WHEEL_TAG_PREFIX), tags
    assert ("Root-Is-Purelib", "false") in fields
