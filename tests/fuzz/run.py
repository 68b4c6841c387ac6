"""Run the fuzz targets with atheris (coverage-guided, libFuzzer), each for a fixed time.

    python tests/fuzz/run.py [--time SECONDS] [TARGET ...]   # every target by default
    python tests/fuzz/run.py --merge [TARGET ...]            # minimize the checked-in corpus

Each target starts from its checked-in corpus (``corpus/<target>/``, never written to:
new inputs go to a temporary folder) with typedsock's Python code instrumented for
coverage.  A finding stops the target; this prints the input that found it (saved as
``crash-*`` in ``--artifacts``, by default a temporary folder), and exits 1 when any
target found something.  For each target it prints executions, libFuzzer's ``cov:``
(edges covered) and ``ft:`` (features), and the corpus size.

``--merge`` runs each target over its corpus and the folders given by ``--from`` and
keeps only the inputs that add coverage (libFuzzer ``-merge=1``), replacing the corpus;
inputs named ``keep-*`` (the ones that found something, a live TCP_INFO) are kept.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, ContextManager, Dict, List, Optional, Protocol, Sequence, cast

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
TARGETS = sorted(path.stem[len("fuzz_") :] for path in HERE.glob("fuzz_*.py"))
_STATUS = re.compile(r"^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", re.MULTILINE)
_STAT = re.compile(r"^stat::(\w+):\s+(\d+)", re.MULTILINE)


class Atheris(Protocol):
    """The part of atheris used here (it has no type stubs)."""

    def Setup(self, args: List[str], test_one_input: Callable[[bytes], None]) -> List[str]: ...

    def Fuzz(self) -> None: ...

    def instrument_imports(self, include: Sequence[str] = ...) -> ContextManager[None]: ...


def _one(target: str, args: List[str]) -> None:
    """Run ``target`` under atheris in this process (the child of ``run``).  Nothing of
    typedsock is imported before: it is imported, instrumented, with the target."""
    atheris = cast(Atheris, importlib.import_module("atheris"))
    with atheris.instrument_imports(include=["typedsock"]):
        module = importlib.import_module(f"fuzz_{target}")
    test_one_input = cast(Callable[[bytes], None], module.test_one_input)
    # libFuzzer's -merge=1 runs argv[0] again, through the shell: the whole command
    atheris.Setup([f"{sys.executable} {Path(__file__)} --one {target} --", *args], test_one_input)
    atheris.Fuzz()


def _child(target: str, libfuzzer_args: List[str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(Path(__file__)), "--one", target, "--", *libfuzzer_args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=HERE)


def run(target: str, seconds: int, artifacts: Path) -> bool:
    """Fuzz ``target`` for ``seconds``; True when nothing was found."""
    corpus = CORPUS / target
    corpus.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as scratch:
        started = time.monotonic()
        done = _child(
            target,
            [
                scratch, str(corpus), f"-max_total_time={seconds}", "-print_final_stats=1",
                f"-artifact_prefix={artifacts}{os.sep}{target}-", "-max_len=4096", "-timeout=10",
                "-rss_limit_mb=2048",
            ],
        )
        elapsed = time.monotonic() - started
        new_inputs = len(os.listdir(scratch))
    log = done.stderr
    statuses = _STATUS.findall(log)
    stats: Dict[str, str] = dict(_STAT.findall(log))
    executions = stats.get("number_of_executed_units", statuses[-1][0] if statuses else "?")
    cov, ft, corp = (statuses[-1][2], statuses[-1][3], statuses[-1][4]) if statuses else ("?", "?", "?")
    print(
        f"{target:16} {'ok' if done.returncode == 0 else 'FOUND':5}  executions {executions:>8}  "
        f"exec/s {stats.get('average_exec_per_sec', '?'):>6}  cov: {cov:>5}  ft: {ft:>5}  "
        f"corpus {corp} (+{new_inputs} new)  {elapsed:.0f} s",
        flush=True,
    )
    if done.returncode != 0:
        print(done.stdout[-3000:], log[-6000:], sep="\n", flush=True)
    return done.returncode == 0


def merge(target: str, extra: List[Path]) -> None:
    corpus = CORPUS / target
    corpus.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"merge-{target}-") as into:
        done = _child(target, ["-merge=1", "-max_len=4096", into, str(corpus), *(str(p) for p in extra)])
        if done.returncode != 0:
            print(done.stderr[-4000:])
            raise SystemExit(f"merge of {target} failed")
        for kept in corpus.glob("keep-*"):  # the inputs of past findings stay, whatever they cover
            shutil.copy(kept, into)
        shutil.rmtree(corpus)
        shutil.copytree(into, corpus)
    size = sum(path.stat().st_size for path in corpus.iterdir())
    print(f"{target:16} corpus: {len(os.listdir(corpus))} inputs, {size} bytes")


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--one"]:
        rest = args[2:]
        _one(args[1], rest[1:] if rest[:1] == ["--"] else rest)
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"of {', '.join(TARGETS)}")
    parser.add_argument("--time", type=int, default=20, help="seconds per target (default 20)")
    parser.add_argument("--artifacts", type=Path, help="where findings are saved (default: a temporary folder)")
    parser.add_argument("--merge", action="store_true", help="minimize the corpus instead of fuzzing")
    parser.add_argument("--from", dest="sources", type=Path, action="append", default=[],
                        help="(--merge) more inputs to merge, a folder per target under it")
    options = parser.parse_args(args)
    unknown = sorted(set(options.targets) - set(TARGETS))
    if unknown:
        parser.error(f"no such target: {', '.join(unknown)} (there are {', '.join(TARGETS)})")
    targets: List[str] = options.targets or TARGETS
    if options.merge:
        for target in targets:
            merge(target, [source / target for source in options.sources if (source / target).is_dir()])
        return 0
    artifacts: Path = options.artifacts or Path(tempfile.mkdtemp(prefix="fuzz-findings-"))
    artifacts.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing {len(targets)} targets, {options.time} s each; findings go to {artifacts}", flush=True)
    failed = [target for target in targets if not run(target, options.time, artifacts)]
    if failed:
        print(f"findings in: {', '.join(failed)} (inputs in {artifacts})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
