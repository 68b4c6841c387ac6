"""The guides' code runs: every ```python block of every page in ``docs/*.md``, and of README.md.

The convention (docs/README of the guides is this docstring):

* Every ```python block runs, in page order, all the blocks of a page sharing one
  namespace (a later block uses the names an earlier one made).  Sockets a page leaves
  open are closed after its last block.  A block that raises fails its test, and the
  page's later blocks fail with it ("an earlier block failed").
* An HTML comment on the line before the fence (invisible in the rendered page) changes
  that for one block:

  - ``<!-- docs: skip REASON -->``: not run; reported as skipped with REASON.
  - ``<!-- docs: python>=3.11 -->``: run only on that Python or newer (skipped before).
  - ``<!-- docs: needs AF_CAN SOCK_RAW [PROTO] -->``: run only where such a socket opens
    (the kernel has the family, and the process the privilege); skipped otherwise, with
    the error.
  - ``<!-- docs: rejected -->``: code a type checker must reject, never run.  Each line
    that must fail ends with ``# E: <mypy error code>``; ``mypy --strict`` must report
    exactly those lines with those codes (skipped when mypy is not installed).

* ``<!-- docs: netns COMMAND; COMMAND ... -->`` on the line before a block: that block
  runs on its own (not in the page's namespace) in a network namespace of its own
  (``unshare -n``, which needs root), after the shell COMMANDs set the namespace up, in a
  child process (this file run as ``python tests/test_docs.py --run PAGE LINE``).
  ``<!-- docs: page-netns COMMAND; ... -->`` on a line of its own elsewhere: the whole
  page runs so, all its blocks in one child process and one namespace
  (``--run PAGE``), each block's outcome reported.  Without root, or when the namespace
  cannot be made, those blocks are skipped with the reason.

Other fences (```text, ```sh, ```{directive}) are not run.  Runs without Sphinx.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Set, Tuple, cast

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDES = ("from-socket.md", "addresses.md", "options.md", "asyncio.md", "network-tools.md", "performance.md")
SETUP_FAILED = 99  # the namespace could not be set up: a skip, not a failure

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")
_MARKER = re.compile(r"^<!--\s*docs:\s*(?P<what>.*?)\s*-->\s*$")
_EXPECT = re.compile(r"#\s*E:\s*(?P<codes>[\w-]+(?:\s*,\s*[\w-]+)*)\s*$")
_PYTHON = re.compile(r"^python>=(?P<major>\d+)\.(?P<minor>\d+)$")


class Block(NamedTuple):
    page: str  # the page's path, from the repository's root
    line: int  # 1-based line of the first code line
    source: str
    marker: str  # "" or the text after "docs:"

    @property
    def rejected(self) -> bool:
        return self.marker == "rejected"

    @property
    def netns(self) -> Optional[str]:
        """The setup of this block's own network namespace (None: runs in the page's)."""
        return self.marker[len("netns"):].strip() if self.marker.startswith("netns") else None

    def skip_reason(self) -> Optional[str]:
        if self.marker.startswith("skip"):
            return self.marker[len("skip"):].strip() or "marked skip"
        match = _PYTHON.match(self.marker)
        if match and sys.version_info < (int(match["major"]), int(match["minor"])):
            return f"needs Python {match['major']}.{match['minor']}+"
        if self.marker.startswith("needs "):
            return _cannot_open(self.marker.split()[1:])
        return None


def _cannot_open(names: List[str]) -> Optional[str]:
    """None if a socket of ``names`` (family, kind[, protocol]) opens here, else why not."""
    import typedsock

    absent = [name for name in names if not name.isdigit() and not hasattr(typedsock, name)]
    if absent:
        return f"this system's headers lack {', '.join(absent)}"
    numbers = [int(name) if name.isdigit() else int(getattr(typedsock, name)) for name in names]
    try:
        typedsock.socket(*numbers).close()
    except OSError as exc:
        return f"needs a {' '.join(names)} socket: {exc.strerror} here"
    return None


def parse(path: Path) -> Tuple[List[Block], Optional[str]]:
    """The page's ```python blocks, and its netns setup (None: runs here)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: List[Block] = []
    netns: Optional[str] = None
    i = 0
    while i < len(lines):
        marker = _MARKER.match(lines[i])
        if marker and marker["what"].startswith("page-netns"):
            netns = marker["what"][len("page-netns"):].strip()
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        close = re.compile("^" + re.escape(fence["fence"][0]) + "{" + str(len(fence["fence"])) + r",}\s*$")
        end = i + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        if end == len(lines):
            raise AssertionError(f"{_name(path)}:{i + 1}: a fence that is never closed")
        if fence["info"] == "python":
            before = i - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            found = _MARKER.match(lines[before]) if before >= 0 else None
            what = found["what"] if found and not found["what"].startswith("page-netns") else ""
            blocks.append(Block(_name(path), i + 2, "\n".join(lines[i + 1:end]) + "\n", what))
        i = end + 1
    return blocks, netns


def _name(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if ROOT in path.parents else str(path)


def _pages() -> List[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _all_blocks() -> List[Block]:
    return [block for page in _pages() for block in parse(page)[0]]


# -- running a page -------------------------------------------------------------------------


def _close_leftovers(namespace: Dict[str, Any]) -> None:
    """Close the sockets (and files) a page left open in its namespace."""
    import socket as stdlib

    import typedsock

    def flat(value: object) -> List[object]:
        if isinstance(value, (tuple, list)):
            return [inner for item in cast("List[object]", list(cast("Any", value))) for inner in flat(item)]
        return [value]

    for item in flat(list(namespace.values())):
        module = type(item).__module__ or ""
        close: Any = getattr(item, "close", None)
        if callable(close) and not isinstance(item, type) and (
            isinstance(item, (typedsock.socket, stdlib.socket)) or module.startswith("typedsock")
        ):
            try:
                close()
            except Exception:  # best effort: already closed, loop gone
                pass
    namespace.clear()
    gc.collect()


class Page:
    """One page's blocks run in order in one namespace (in this process)."""

    def __init__(self, blocks: List[Block]) -> None:
        self.blocks = [block for block in blocks if not block.rejected and block.netns is None]
        self.namespace: Dict[str, Any] = {"__name__": "__docs__"}
        self.done = 0  # blocks[:done] have been run (or skipped)
        self.failed: Optional[Block] = None
        self.kept: Dict[int, Any] = {}  # what the namespace held after each block: closed at the end

    def _exec(self, block: Block) -> None:
        code = compile("\n" * (block.line - 1) + block.source, str(ROOT / block.page), "exec")
        try:
            exec(code, self.namespace)  # the page's own code
        finally:
            # a later block may rebind a name: its socket stays referenced until the page ends
            self.kept.update((id(value), value) for value in self.namespace.values())

    def run(self, block: Block) -> Optional[str]:
        """Run the blocks up to ``block``; None, or why ``block`` is skipped.  Raises its error."""
        index = self.blocks.index(block)
        try:
            while self.done <= index:
                current = self.blocks[self.done]
                self.done += 1
                if self.failed is not None:
                    raise AssertionError(f"an earlier block failed: {current.page}:{self.failed.line}")
                reason = current.skip_reason()
                if reason is not None:
                    if current == block:
                        return reason
                    continue
                try:
                    self._exec(current)
                except BaseException:
                    self.failed = current
                    raise
        finally:
            if self.done == len(self.blocks) or self.failed is not None:
                self.close()
        return None

    def close(self) -> None:
        self.namespace["__kept__"] = list(self.kept.values())
        self.kept.clear()
        _close_leftovers(self.namespace)


def run_in_child(page: Path, line: Optional[int] = None) -> List[Dict[str, Any]]:
    """``--run PAGE [LINE]``: every block's (or block LINE's) outcome as a dict (line, outcome, message)."""
    blocks, _ = parse(page)
    if line is not None:
        blocks = [block._replace(marker="") for block in blocks if block.line == line]
    runner = Page(blocks)
    unraisable: List[str] = []
    sys.unraisablehook = lambda hook: unraisable.append(f"{hook.exc_type.__name__}: {hook.exc_value}")
    warnings.simplefilter("error", ResourceWarning)
    results: List[Dict[str, Any]] = []
    for block in runner.blocks:
        try:
            reason = runner.run(block)
        except BaseException:  # reported to the parent
            results.append({"line": block.line, "outcome": "failed", "message": traceback.format_exc()})
        else:
            outcome = "skipped" if reason is not None else "passed"
            results.append({"line": block.line, "outcome": outcome, "message": reason or ""})
    gc.collect()
    if unraisable and results:
        results[-1] = {"line": results[-1]["line"], "outcome": "failed",
                       "message": "left behind: " + "; ".join(unraisable)}
    return results


def _netns_results(page: Path, setup: str, line: Optional[int] = None) -> Dict[int, Dict[str, Any]]:
    if os.geteuid() != 0:
        pytest.skip("runs in a network namespace: unshare -n needs root")
    missing = [tool for tool in ("unshare", "ip", "sysctl") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")
    child = " ".join([sys.executable, str(Path(__file__).resolve()), "--run", str(page), *([str(line)] if line else [])])
    commands = " && ".join(command.strip() for command in setup.split(";") if command.strip()) or "true"
    script = f"{{ {commands}; }} || exit {SETUP_FAILED}; exec {child}"
    with tempfile.TemporaryDirectory() as cwd:  # not the tree: the installed typedsock
        try:
            proc = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True,
                                  timeout=180, cwd=cwd)
        except OSError as exc:
            pytest.skip(f"unshare unavailable: errno {exc.errno} ({exc.strerror})")
    if proc.returncode == SETUP_FAILED or "unshare failed" in proc.stderr:
        pytest.skip(f"network namespace setup failed: {proc.stderr.strip()}")
    assert proc.returncode == 0, f"the page's child process failed:\n{proc.stderr}\n{proc.stdout}"
    return {result["line"]: result for result in json.loads(proc.stdout)}


_PAGES: Dict[str, Page] = {}
_CHILD: Dict[str, Dict[int, Dict[str, Any]]] = {}


@pytest.fixture(scope="module", autouse=True)
def _close_pages() -> Any:
    yield
    for page in _PAGES.values():
        page.close()


BLOCKS = _all_blocks()


@pytest.mark.parametrize("block", [b for b in BLOCKS if not b.rejected], ids=lambda b: f"{b.page}:{b.line}")
def test_block_runs(block: Block) -> None:
    path = ROOT / block.page
    blocks, netns = parse(path)
    if netns is not None or block.netns is not None:
        if block.netns is not None:
            result = _netns_results(path, block.netns, block.line)[block.line]
        else:
            if block.page not in _CHILD:
                _CHILD[block.page] = _netns_results(path, netns or "")
            result = _CHILD[block.page][block.line]
        if result["outcome"] == "skipped":
            pytest.skip(f"{block.page}:{block.line}: {result['message']}")
        if result["outcome"] == "failed":
            pytest.fail(f"{block.page}:{block.line} (in a network namespace):\n{result['message']}", pytrace=False)
        return
    page = _PAGES.setdefault(block.page, Page(blocks))
    reason = page.run(block)
    if reason is not None:
        pytest.skip(f"{block.page}:{block.line}: {reason}")


# -- the blocks a type checker must reject ------------------------------------------------


def _expected_errors(block: Block) -> Dict[int, Set[str]]:
    expected: Dict[int, Set[str]] = {}
    for offset, text in enumerate(block.source.splitlines()):
        match = _EXPECT.search(text)
        if match:
            expected[offset + 1] = {code.strip() for code in match["codes"].split(",")}
    return expected


@pytest.fixture(scope="module")
def mypy_verdicts(tmp_path_factory: pytest.TempPathFactory) -> Dict[Block, Dict[int, Set[str]]]:
    """mypy --strict over every rejected block, each as a program of its own, in one run."""
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (nox -s typing installs it)")
    workdir = tmp_path_factory.mktemp("docs-typing")
    files: Dict[str, Block] = {}
    for n, block in enumerate(b for b in BLOCKS if b.rejected):
        path = workdir / f"block_{n}.py"
        path.write_text(block.source, encoding="utf-8")
        files[str(path.resolve())] = block
    if not files:
        return {}
    args = ["--config-file", str(ROOT / "pyproject.toml"), "--strict", "--enable-error-code", "deprecated",
            "--cache-dir", str(workdir / "mypy-cache"), "--follow-imports=silent", "--show-error-codes",
            "--show-absolute-path", "--no-error-summary", "--no-pretty", "--hide-error-context",
            "--no-color-output", *files]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        stdout, stderr, status = api.run(args)
    finally:
        os.chdir(cwd)
    if status not in (0, 1) or stderr.strip():
        pytest.fail(f"mypy did not run (exit {status}):\n{stderr}\n{stdout}")
    verdicts: Dict[Block, Dict[int, Set[str]]] = {block: {} for block in files.values()}
    for raw in stdout.splitlines():
        match = re.match(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?: error: .*?(?:  \[(?P<code>[\w-]+)\])?$", raw)
        if match and str(Path(match["path"]).resolve()) in files:
            block = files[str(Path(match["path"]).resolve())]
            verdicts[block].setdefault(int(match["line"]), set()).add(match["code"] or "")
    return verdicts


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.rejected], ids=lambda b: f"{b.page}:{b.line}")
def test_rejected_block_is_rejected(block: Block, mypy_verdicts: Dict[Block, Dict[int, Set[str]]]) -> None:
    expected = _expected_errors(block)
    assert expected, f"{block.page}:{block.line}: a rejected block marks no line with '# E: code'"
    actual = mypy_verdicts[block]
    shift = block.line - 1
    assert {line + shift: codes for line, codes in actual.items()} == {
        line + shift: codes for line, codes in expected.items()
    }, f"mypy --strict on {block.page}:{block.line} (keys: lines of the page)"


# -- the convention itself ----------------------------------------------------------------


def test_every_guide_exists_and_has_a_title() -> None:
    for name in GUIDES:
        text = (DOCS / name).read_text(encoding="utf-8")
        assert text.startswith("# "), f"{name} does not start with a '# Title'"
        assert parse(DOCS / name)[0], f"{name} has no python block"


def test_a_broken_block_fails(tmp_path: Path) -> None:
    page = tmp_path / "broken.md"
    page.write_text(
        "# Broken\n\n```python\nx = 1\n```\n\n<!-- docs: skip not here -->\n```python\nraise SystemExit\n```\n\n"
        "```python\nassert x == 2, 'x is 1'\n```\n\n```python\ny = x\n```\n\n```text\nnot python\n```\n",
        encoding="utf-8",
    )
    blocks, netns = parse(page)
    assert netns is None
    assert [(b.line, b.marker) for b in blocks] == [(4, ""), (9, "skip not here"), (13, ""), (17, "")]
    runner = Page(blocks)
    assert runner.run(blocks[0]) is None
    assert runner.run(blocks[1]) == "not here"
    with pytest.raises(AssertionError, match="x is 1") as caught:
        runner.run(blocks[2])
    assert caught.traceback[-1].lineno + 1 == 13  # the page's own line numbers
    with pytest.raises(AssertionError, match=r"an earlier block failed: .*broken\.md:13"):
        runner.run(blocks[3])


def test_a_page_closes_what_it_left_open(tmp_path: Path) -> None:
    page = tmp_path / "leftover.md"
    page.write_text("# Leftover\n\n```python\nimport typedsock\na, b = typedsock.socketpair()\n"
                    "s = typedsock.socket()\n```\n", encoding="utf-8")
    blocks, _ = parse(page)
    runner = Page(blocks)
    runner.run(blocks[0])  # the last block: closed after it (a leak would be a ResourceWarning error)
    assert runner.namespace == {}


if __name__ == "__main__" and sys.argv[1:2] == ["--run"]:
    report, sys.stdout = sys.stdout, sys.stderr  # what the blocks print goes to stderr
    report.write(json.dumps(run_in_child(Path(sys.argv[2]), int(sys.argv[3]) if sys.argv[3:] else None)) + "\n")
