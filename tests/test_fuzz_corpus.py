"""Replay the checked-in fuzz corpus (tests/fuzz/corpus/<target>/) through each fuzz
target, without atheris: every input the coverage-guided runs kept, and every one that
once found something, keeps passing (``python -m nox -s fuzz`` grows the search;
tests/fuzz/run.py --merge minimizes the corpus).

A target raises for a finding (an undocumented exception escaped, or a property broke);
here that fails the test naming the input.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Callable, Iterator, List, Tuple, cast

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"
TARGETS = sorted(path.stem[len("fuzz_") :] for path in FUZZ.glob("fuzz_*.py"))


@pytest.fixture(scope="module", autouse=True)
def _fuzz_folder_importable() -> Iterator[None]:
    sys.path.insert(0, str(FUZZ))
    try:
        yield
    finally:
        sys.path.remove(str(FUZZ))


def _inputs(target: str) -> List[Tuple[str, bytes]]:
    folder = FUZZ / "corpus" / target
    return [(path.name, path.read_bytes()) for path in sorted(folder.iterdir()) if path.is_file()]


def test_every_target_has_a_corpus() -> None:
    assert TARGETS, "no fuzz targets found"
    for target in TARGETS:
        assert (FUZZ / "corpus" / target).is_dir() and _inputs(target), f"no corpus for {target}"


@pytest.mark.parametrize("target", TARGETS)
def test_corpus_replays(target: str) -> None:
    module = importlib.import_module(f"fuzz_{target}")
    test_one_input = cast(Callable[[bytes], None], module.test_one_input)
    for name, data in _inputs(target):
        try:
            test_one_input(data)
        except BaseException as exc:
            raise AssertionError(f"corpus/{target}/{name} ({data!r}): {exc!r}") from exc
