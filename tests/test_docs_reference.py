"""The reference (docs/reference/*.rst) documents every name of the public modules' ``__all__``.

This is the tests-session half of the check (no Sphinx needed): it reads the directives of
the reference's source text, with the same rules the Sphinx build applies to what it
registered (docs/_ext/typedsock_docs.py, under ``nox -s docs``, which also fails on a
member or an object without a docstring).  The integer constants and the typed options
are documented by the tables generated from the code (``typedsock-constants``,
``typedsock-options-table``), so those directives count for every one of them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List, Set

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
REFERENCE = DOCS / "reference"
if not (DOCS / "_ext" / "reference_coverage.py").is_file():  # a copy of the tests without the docs
    pytest.skip("docs/_ext/reference_coverage.py is not in this tree", allow_module_level=True)
sys.path.insert(0, str(DOCS / "_ext"))

import reference_coverage  # noqa: E402  (docs/_ext, put on sys.path just above)


def _pages() -> Dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(REFERENCE.glob("*.rst"))}


def _without_line(pages: Dict[str, str], line: str) -> List[str]:
    """The pages' texts with the one line ``line`` removed (it must be on exactly one page)."""
    hits = [name for name, text in pages.items() if line in text.splitlines()]
    assert len(hits) == 1, f"{line!r} is on {hits}"
    return [
        "\n".join(kept for kept in text.splitlines() if kept != line) if name == hits[0] else text
        for name, text in pages.items()
    ]


def test_the_reference_pages_exist() -> None:
    assert sorted(_pages()) == ["aio.rst", "ancillary.rst", "options.rst", "typedsock.rst"]


def test_the_reference_documents_every_public_name() -> None:
    missing = reference_coverage.missing_names(_pages().values())
    assert missing == [], f"not in docs/reference/*.rst: {missing}"


def test_every_documented_name_exists() -> None:
    """No directive is left over for a name that is no longer public (Sphinx would only
    see an import error when the docs are built)."""
    public = {
        f"{module}.{name}" for module in reference_coverage.PUBLIC_MODULES for name in reference_coverage.public_names(module)
    }
    documented: Set[str] = set()
    for text in _pages().values():
        documented |= reference_coverage.documented_in_rst(text)
    stale = sorted(documented - public - set(reference_coverage.PUBLIC_MODULES))
    assert stale == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (".. autofunction:: typedsock.getaddrinfo", "typedsock.getaddrinfo"),
        (".. autoclass:: typedsock.Socket", "typedsock.Socket"),
        (".. autodata:: typedsock.InetAddressLike", "typedsock.InetAddressLike"),
        (".. autoexception:: typedsock.gaierror", "typedsock.gaierror"),
        (".. autoclass:: typedsock.options.Option", "typedsock.options.Option"),
        (".. autodata:: typedsock.ancillary.MAX_FDS", "typedsock.ancillary.MAX_FDS"),
        (".. autoclass:: typedsock.ancillary.PacketInfo6", "typedsock.ancillary.PacketInfo6"),
        (".. autofunction:: typedsock.aio.wrap", "typedsock.aio.wrap"),
    ],
)
def test_the_check_fails_on_a_missing_name(line: str, name: str) -> None:
    assert reference_coverage.missing_names(_without_line(_pages(), line)) == [name]


def test_the_check_fails_without_the_constants_table() -> None:
    missing = reference_coverage.missing_names(_without_line(_pages(), ".. typedsock-constants::"))
    assert set(missing) == {f"typedsock.{name}" for name in reference_coverage.constant_names()}
    assert "typedsock.AF_INET" in missing and "typedsock.SOMAXCONN" in missing


def test_the_check_fails_without_the_options_table() -> None:
    missing = reference_coverage.missing_names(_without_line(_pages(), ".. typedsock-options-table::"))
    assert set(missing) == {f"typedsock.options.{name}" for name in reference_coverage.option_names()}
    assert "typedsock.options.SO_RCVBUF" in missing and "typedsock.options.TCP_INFO" in missing


def test_a_submodule_is_documented_by_its_module_directive() -> None:
    pages = _pages()
    texts = _without_line(pages, ".. automodule:: typedsock.aio")
    assert reference_coverage.missing_names(texts) == ["typedsock.aio"]


def test_what_does_not_count() -> None:
    """``:no-index:`` entries and indented (member) directives document no module-level name;
    short names resolve against the current module."""
    text = "\n".join(
        [
            ".. module:: typedsock.aio",
            "",
            ".. autoclass:: typedsock.aio.AsyncSocket",
            "   :no-index:",
            "",
            ".. autoclass:: AsyncStreamSocket",
            "",
            "   .. py:method:: wrap()",
            "",
            ".. py:function:: open_stream(sock)",
        ]
    )
    documented = reference_coverage.documented_in_rst(text)
    assert documented == {"typedsock.aio", "typedsock.aio.AsyncStreamSocket", "typedsock.aio.open_stream"}
