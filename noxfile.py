"""nox sessions for typedsock.

    python -m nox                 # tests (3.9-3.13), faults, typing, lint, build, stress, docs, fuzz
    python -m nox -s tests-3.12   # one interpreter
    python -m nox -s bench -- ... # benchmarks (not run by default; nor are sanitize and soak)

Every session installs the package non-editable from this tree, so the cffi
extension is compiled for that session's interpreter and the tests import the
installed copy (pytest runs with --import-mode=importlib), never the sources.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import nox
import nox.command
import nox.project

nox.needs_version = ">=2024.4.15"
nox.options.error_on_missing_interpreters = True  # a missing Python fails, never passes
# (stress: ~40 s with its ASan build; fuzz: ~2.5 min, 20 s a target; soak, sanitize, bench and
# the long ones: on demand)
nox.options.sessions = ["tests", "faults", "typing", "lint", "build", "stress", "docs", "fuzz"]

ROOT = Path(__file__).resolve().parent
PYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]


def _expose_pyenv_pythons() -> None:
    """Make every pyenv-installed Python of PYTHONS findable as python3.X.

    pyenv's shims only run the versions PYENV_VERSION names (by default just the
    global one, which pyenv's own `python` shim also exports to this process), so
    the newest installed version of each of PYTHONS is appended to it.
    """
    if shutil.which("pyenv") is None:
        return
    installed = subprocess.run(
        ["pyenv", "versions", "--bare", "--skip-aliases"], capture_output=True, text=True, check=False
    ).stdout.split()
    chosen = [v for v in os.environ.get("PYENV_VERSION", "").split(":") if v]
    if not chosen:  # keep the global version first, so `python` stays what it was
        chosen = subprocess.run(["pyenv", "version-name"], capture_output=True, text=True, check=False).stdout.split(":")
        chosen = [v.strip() for v in chosen if v.strip()]
    for minor in PYTHONS:
        if any(v == minor or v.startswith(minor + ".") for v in chosen):
            continue
        matches = [v for v in installed if re.fullmatch(re.escape(minor) + r"\.\d+", v)]
        if matches:
            chosen.append(max(matches, key=lambda v: int(v.rsplit(".", 1)[1])))
    os.environ["PYENV_VERSION"] = ":".join(chosen)


_expose_pyenv_pythons()
TYPING_PYTHON = "3.12"
STUB_TESTS = ("tests/test_stubs.py", "tests/test_typing_cases.py")

# Shows where `typedsock` and its compiled module come from and fails if that is the
# source tree (argv[1]); run with -I so the current directory is not on sys.path.
WHERE_SNIPPET = (
    "import os, sys, typedsock, typedsock._sock as m; "
    "print('typedsock from', typedsock.__file__); print('_sock from', m.__file__); "
    "here = os.path.dirname(os.path.realpath(typedsock.__file__)); "
    "sys.exit('imported the source tree, not the installed package' if here == sys.argv[1] else 0)"
)
SMOKE_SNIPPET = (
    "import typedsock as s\n"
    "sock = s.socket(s.AF_INET, s.SOCK_STREAM)\n"
    "try:\n"
    "    print(sock)\n"
    "finally:\n"
    "    sock.close()\n"
)
# What the build session expects of the wheel: one wheel for CPython 3.9 and later (the
# extension uses only the stable ABI; setup.py tags it), holding the module under its
# abi3 name, and the license (pyproject's license-files).
WHEEL_TAG = "cp39-abi3-" + re.sub(r"[-.]", "_", sysconfig.get_platform())  # cp39-abi3-linux_x86_64
COMPILED_MODULE = "typedsock/_sock.abi3.so"
LICENSE_FILE = "LICENSE"
# Left out of the copy of the tree that the build session packs: build leftovers
# (a stale egg-info SOURCES.txt would leak files into the sdist, a stale .so into
# the wheel) and caches.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".nox",
    ".venv*",
    "build",
    "dist",
    "*.egg-info",
    "*.so",
    "*.o",
    "_sock.c",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)


def _check_installed(session: nox.Session, python: str = "python", *, external: bool = False) -> None:
    """Fail unless `python` imports typedsock (and its compiled module) from an installation."""
    out = session.run(
        python, "-I", "-c", WHERE_SNIPPET, str(ROOT / "src" / "typedsock"), silent=True, external=external
    )
    session.log(str(out).strip().replace("\n", "; "))


def _install_package(session: nox.Session, extra: str = "") -> None:
    """Install typedsock (non-editable, extension compiled) with one of its extras, and check where it landed."""
    session.install(f".[{extra}]" if extra else ".")
    _check_installed(session)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """pytest on real sockets against the installed package (the test extra).

    A test stuck in a blocking call is failed by the suite's own watchdog fixture
    (tests/conftest.py).  The typing cases need mypy and pyright: the typing session runs them.
    """
    _install_package(session, "test")
    session.run("pytest", "--ignore=tests/test_typing_cases.py", *session.posargs)


# -- fault injection: the shim built with TYPEDSOCK_FAULTS=1 (csrc/faults.c) -----------------
FAULTS_PYTHON = "3.11"
FAULT_TESTS = ("tests/test_faults.py",)


@nox.session(python=FAULTS_PYTHON)
def faults(session: nox.Session) -> None:
    """The error paths, driven: tests/test_faults.py against a _sock built with the fault
    hook.  Built from a copy of the tree, so that no object file or module of this build
    can reach a release build's directories."""
    tmp = Path(session.create_tmp()).resolve() / "faults-src"
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(ROOT, tmp, ignore=COPY_IGNORE)
    session.install(f"{tmp}[test]", env={"TYPEDSOCK_FAULTS": "1"})
    _check_installed(session)
    session.run("python", "-c", "import typedsock._sock as m; assert hasattr(m.lib, 'ts_fault_add'), 'no fault hook'")
    session.run("pytest", *FAULT_TESTS, *session.posargs)


@nox.session(python=TYPING_PYTHON)
def typing(session: nox.Session) -> None:
    """mypy --strict and pyright strict (configs in pyproject.toml), then the stub checks.

    Every check runs even when an earlier one fails, so one run reports them all.
    """
    _install_package(session, "typing")  # mypy, pyright, and the test extra for the stub tests
    checks: list[tuple[str, ...]] = [("mypy",), ("pyright",)]
    stub_tests = [p for p in STUB_TESTS if (ROOT / p).is_file()]
    for absent in sorted(set(STUB_TESTS) - set(stub_tests)):
        session.log(f"{absent} not present: not run")
    if stub_tests:
        checks.append(("pytest", *stub_tests))
    failed = []
    for cmd in checks:
        try:
            session.run(*cmd)
        except nox.command.CommandFailed:
            failed.append(cmd[0])
    if failed:
        session.error(f"failed: {', '.join(failed)}")


@nox.session(python=TYPING_PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check (config in pyproject.toml), and the C shim compiled alone with
    -Wall -Wextra -Werror (a warning fails the session)."""
    session.install("ruff", "cffi>=1.17")
    candidates = ["src", "tests", "examples", "bench", "noxfile.py", "build_sock.py", "docs"]
    paths = [p for p in candidates if (ROOT / p).exists()]
    session.run("ruff", "check", *paths, *session.posargs)
    session.run("python", "build_sock.py", "--check-warnings")


@nox.session(python=TYPING_PYTHON)
def build(session: nox.Session) -> None:
    """sdist, then a wheel built from that sdist, installed and imported in a clean venv."""
    session.install("build")
    tmp = Path(session.create_tmp()).resolve() / "build-session"
    if tmp.exists():
        shutil.rmtree(tmp)
    src = tmp / "src"
    dist = tmp / "dist"
    shutil.copytree(ROOT, src, ignore=COPY_IGNORE)

    session.run("python", "-m", "build", "--sdist", "--outdir", str(dist), str(src))
    (sdist,) = dist.glob("typedsock-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = [n.split("/", 1)[1] for n in tf.getnames() if "/" in n]
        if hasattr(tarfile, "data_filter"):  # Python >= 3.9.17 / 3.11.4: no warning on 3.12+
            tf.extractall(tmp / "unpacked", filter="data")
        else:
            tf.extractall(tmp / "unpacked")
    session.log(f"{sdist.name}: {len(names)} entries")
    required_files = [
        "build_sock.py", "setup.py", "pyproject.toml", LICENSE_FILE, "src/typedsock/py.typed", "src/typedsock/_sock.pyi",
    ]
    if (ROOT / "README.md").is_file():  # pyproject's `readme`
        required_files.append("README.md")
    for required in required_files:
        if required not in names:
            session.error(f"sdist lacks {required}")
    leaked = [n for n in names if n.endswith((".so", ".o")) or "__pycache__" in n]
    if leaked:
        session.error(f"sdist carries build products: {leaked}")

    (unpacked,) = (tmp / "unpacked").iterdir()
    session.run("python", "-m", "build", "--wheel", "--outdir", str(dist), str(unpacked))
    (wheel,) = dist.glob("typedsock-*.whl")
    # {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl
    file_tag = "-".join(wheel.name[: -len(".whl")].split("-")[-3:])
    if file_tag != WHEEL_TAG:
        session.error(f"{wheel.name}: tagged {file_tag}, expected {WHEEL_TAG}")
    with zipfile.ZipFile(wheel) as zf:
        wheel_names = zf.namelist()
        (dist_info,) = {n.split("/", 1)[0] for n in wheel_names if n.split("/", 1)[0].endswith(".dist-info")}
        wheel_fields = [
            tuple(part.strip() for part in line.split(":", 1))
            for line in zf.read(f"{dist_info}/WHEEL").decode().splitlines()
            if ":" in line
        ]
        metadata = zf.read(f"{dist_info}/METADATA").decode()
        compiled = zf.read(COMPILED_MODULE) if COMPILED_MODULE in wheel_names else b""
    if b"ts_fault" in compiled:
        session.error(f"{COMPILED_MODULE} holds the fault-injection hook (csrc/faults.c): a test build")
    session.log(f"{wheel.name}: {len(wheel_names)} entries")
    tags = [value for key, value in wheel_fields if key == "Tag"]
    if tags != [WHEEL_TAG]:
        session.error(f"{dist_info}/WHEEL: Tag {tags}, expected [{WHEEL_TAG!r}]")
    if ("Root-Is-Purelib", "false") not in wheel_fields:
        session.error(f"{dist_info}/WHEEL: not Root-Is-Purelib: false")
    modules = [n for n in wheel_names if n.startswith("typedsock/_sock") and n.endswith(".so")]
    if modules != [COMPILED_MODULE]:
        session.error(f"wheel holds {modules} as the compiled module, expected [{COMPILED_MODULE!r}]")
    for required in ("typedsock/py.typed", "typedsock/_sock.pyi", f"{dist_info}/licenses/{LICENSE_FILE}"):
        if required not in wheel_names:
            session.error(f"wheel lacks {required}")
    if f"License-File: {LICENSE_FILE}" not in metadata.splitlines():
        session.error(f"{dist_info}/METADATA does not name {LICENSE_FILE} (License-File)")
    session.log(f"wheel: Tag {WHEEL_TAG}, {COMPILED_MODULE}, {dist_info}/licenses/{LICENSE_FILE}")

    venv = tmp / "venv"
    session.run("python", "-m", "venv", str(venv))
    vpy = str(venv / "bin" / "python")
    session.run(vpy, "-m", "pip", "install", "--quiet", str(wheel), external=True)
    outside = tmp / "elsewhere"
    outside.mkdir()
    with session.chdir(outside):
        session.run(vpy, "-W", "error::ResourceWarning", "-c", SMOKE_SNIPPET, external=True)
        _check_installed(session, vpy, external=True)


# -- documentation: Sphinx, the reference generated from the installed package (docs/) ------
DOCS_PYTHON = "3.11"  # Sphinx 9 needs 3.11 or later
DOCS_EXTENSION_FILES = ("docs/_ext/typedsock_docs.py", "docs/_ext/reference_coverage.py", "docs/conf.py")
# What the doctest builder would run: ``>>>`` in a docstring or a page, or a doctest directive.
DOCTEST_MARKERS = re.compile(r"^\s*>>> |^\s*\.\. (doctest|testcode)::|^```\{(doctest|testcode)\}", re.MULTILINE)


def _has_doctest_blocks() -> bool:
    sources = [*(ROOT / "src" / "typedsock").glob("*.py"), *(ROOT / "docs").rglob("*.rst"), *(ROOT / "docs").rglob("*.md")]
    return any(DOCTEST_MARKERS.search(path.read_text(encoding="utf-8")) for path in sources)


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """The documentation site: sphinx-build -W --keep-going (every warning fails the build,
    all of them reported), then the doctest builder when a page or docstring has doctest
    blocks, and mypy --strict on the Sphinx extension (with Sphinx's types, which the
    typing session does not install).  The build fails when a name of a public module's
    __all__, or a public member, is not documented (docs/_ext/typedsock_docs.py).

    autodoc imports the package, so it is installed non-editable with the docs extra (its
    _sock is compiled for this interpreter).  Only the package index is needed: the Python
    docs' inventory is not downloaded unless TYPEDSOCK_DOCS_INTERSPHINX=1 (docs/conf.py).
    The site is written to .nox/docs/tmp/docs/html.
    """
    _install_package(session, "docs")
    out = Path(session.create_tmp()).resolve() / "docs"
    shutil.rmtree(out, ignore_errors=True)
    doctrees = str(out / "doctrees")
    build = ("sphinx-build", "-W", "--keep-going", "-d", doctrees)
    session.run(*build, "-b", "html", str(ROOT / "docs"), str(out / "html"))
    if _has_doctest_blocks():
        session.run(*build, "-b", "doctest", str(ROOT / "docs"), str(out / "doctest"))
    else:
        session.log("no doctest blocks in the pages or docstrings: the doctest builder is not run")
    session.install("mypy>=1.10", "types-docutils")
    session.run("mypy", *DOCS_EXTENSION_FILES)
    session.log(f"site: {out / 'html' / 'index.html'}")


@nox.session(python=TYPING_PYTHON)
def bench(session: nox.Session) -> None:
    """typedsock vs stdlib socket benchmarks: python -m nox -s bench -- [bench.py args]."""
    script = ROOT / "bench" / "bench.py"
    if not script.is_file():
        session.error("bench/bench.py does not exist (yet)")
    _install_package(session)
    session.run("python", str(script), *session.posargs)


# -- memory safety: AddressSanitizer + UndefinedBehaviorSanitizer (not in the default run) --
SANITIZE_PYTHON = "3.11"
SANITIZE_CFLAGS = "-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1"
SANITIZE_LDFLAGS = "-fsanitize=address,undefined"


def _install_sanitized(session: nox.Session) -> tuple[dict[str, str], Path]:
    """Install typedsock (test extra) with _sock built under ASan and UBSan; returns the
    environment to run Python with (the runtime preloaded) and the folder the reports go to.

    The extension is compiled from a clean copy of the tree (no object built without
    the flags can be reused) and installed non-editable.  The stock interpreter is not
    instrumented, so the ASan runtime is preloaded; PYTHONMALLOC=malloc routes every
    Python allocation (cffi's buffers included) through it.  Leak checking is off:
    CPython itself does not free everything at exit.  See docs/sanitizers.md.
    """
    libasan = subprocess.run(
        ["gcc", "-print-file-name=libasan.so"], capture_output=True, text=True, check=False
    ).stdout.strip()
    if not os.path.isabs(libasan) or not os.path.exists(libasan):
        session.error("gcc has no libasan.so (Debian/Ubuntu: apt-get install libasan8 or gcc)")
    # No build isolation (the flags must reach the compiler pip runs), so the build
    # requirements come first, as pyproject.toml's [build-system] names them.
    session.install(*nox.project.load_toml(ROOT / "pyproject.toml")["build-system"]["requires"])
    src = Path(session.create_tmp()).resolve() / "sanitize-src"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(ROOT, src, ignore=COPY_IGNORE)
    session.install(
        # (pip always reinstalls a package given as a local directory, even under `nox -r`)
        "--no-build-isolation", "--no-cache-dir", str(src) + "[test]",
        env={"CFLAGS": SANITIZE_CFLAGS, "LDFLAGS": SANITIZE_LDFLAGS},
    )
    # Importing the instrumented module without the runtime preloaded aborts, so look at the file.
    platlib = str(
        session.run("python", "-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])", silent=True)
    ).strip()
    built = sorted(Path(platlib, "typedsock").glob("_sock*.so"))
    image = built[0].read_bytes() if len(built) == 1 else b""
    if b"__asan_init" not in image or b"__ubsan_handle" not in image:
        session.error(f"typedsock/_sock was not built with the sanitizers: {built}")
    session.log(f"instrumented: {built[0]}")
    # Reports go to files as well as stderr: pytest captures stderr, and a sanitizer that
    # stops the process takes the captured text with it.
    logs = Path(session.create_tmp()).resolve() / "sanitizer-logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    env = {
        "LD_PRELOAD": libasan,
        "ASAN_OPTIONS": (
            f"detect_leaks=0:allocator_may_return_null=1:strict_string_checks=1:log_path={logs}/asan"
        ),
        "UBSAN_OPTIONS": f"halt_on_error=1:print_stacktrace=1:log_path={logs}/ubsan",
        "PYTHONMALLOC": "malloc",
        "PYTHONFAULTHANDLER": "1",
    }
    out = session.run("python", "-I", "-c", WHERE_SNIPPET, str(ROOT / "src" / "typedsock"), silent=True, env=env)
    session.log(str(out).strip().replace("\n", "; "))
    return env, logs


def _sanitizer_reports(session: nox.Session, logs: Path) -> list[Path]:
    """The reports in `logs` (each printed): an ASan error or a UBSan runtime error."""
    # "failed to allocate" warnings are expected (recv(huge) tests: allocator_may_return_null).
    reports = [
        p for p in sorted(logs.iterdir())
        if re.search(r"ERROR: \w+Sanitizer|runtime error:", p.read_text(errors="replace"))
    ]
    for report in reports:
        session.log(f"==== {report.name}\n{report.read_text(errors='replace')}")
    return reports


@nox.session(python=SANITIZE_PYTHON)
def sanitize(session: nox.Session) -> None:
    """The test suite against a _sock built with ASan and UBSan: python -m nox -s sanitize [-- pytest args].

    See _install_sanitized and docs/sanitizers.md.
    """
    env, logs = _install_sanitized(session)
    # The typing tests run mypy/pyright (not installed here: they skip); everything else runs.
    try:
        session.run("pytest", "-p", "no:cacheprovider", *(session.posargs or ["tests"]), env=env)
    finally:
        reports = _sanitizer_reports(session, logs)
    if reports:
        session.error(f"sanitizer reports: {[p.name for p in reports]}")


# -- soak: 10,000 echo connections to a selectors and an asyncio server (not in the default run) --
SOAK_PYTHON = "3.11"
SOAK_SCRIPT = "tests/soak/soak_echo.py"


@nox.session(python=SOAK_PYTHON)
def soak(session: nox.Session) -> None:
    """A selectors server and a typedsock.aio server each hold 10,000 echo connections
    (clients in two more processes) for 60 s: python -m nox -s soak [-- SECONDS | run options].

    Fails if a byte is lost or reordered, a descriptor leaks, or the server's RSS grows
    after warm-up; prints the figures.  Each process raises its RLIMIT_NOFILE to the hard
    limit (tests/soak/soak_echo.py run --help lists the options)."""
    _install_package(session)
    args = list(session.posargs)
    if args and re.fullmatch(r"\d+(\.\d*)?", args[0]):  # a bare number: the seconds of echo per server
        args[:1] = ["--duration", args[0]]
    session.run("python", str(ROOT / SOAK_SCRIPT), "run", *args)


# -- threads: 8 threads on shared sockets, under ASan + UBSan (in the default run: ~40 s) --------
STRESS_SCRIPT = "tests/soak/stress_threads.py"


@nox.session(python=SANITIZE_PYTHON)
def stress(session: nox.Session) -> None:
    """8 threads send, recv, close and shut down shared sockets for 30 s while others open
    descriptors that take the freed numbers, against the ASan/UBSan build (as the sanitize
    session's): python -m nox -s stress [-- SECONDS | stress_threads.py options].

    Fails on a crash, a sanitizer report, a call that reached a reused descriptor, a call
    on a closed socket that is not EBADF, or a thread left hanging in a call."""
    env, logs = _install_sanitized(session)
    args = list(session.posargs)
    if args and re.fullmatch(r"\d+(\.\d*)?", args[0]):  # a bare number: the seconds of stress
        args[:1] = ["--duration", args[0]]
    try:
        session.run("python", str(ROOT / STRESS_SCRIPT), *args, env=env)
    finally:
        reports = _sanitizer_reports(session, logs)
    if reports:
        session.error(f"sanitizer reports: {[p.name for p in reports]}")
    session.log(f"no sanitizer report ({len(list(logs.iterdir()))} log files, none an error)")


# -- coverage-guided fuzzing: atheris over every parser of untrusted bytes (tests/fuzz) ------
FUZZ_PYTHON = "3.11"
FUZZ_RUNNER = "tests/fuzz/run.py"
FUZZ_DEFAULT_ARGS = ("--time", "20")  # seconds per target: about 2.5 minutes for the six


@nox.session(python=FUZZ_PYTHON)
def fuzz(session: nox.Session) -> None:
    """Each fuzz target (tests/fuzz/fuzz_*.py) under atheris for 20 s, from its checked-in
    corpus, typedsock's Python code instrumented: python -m nox -s fuzz [-- --time SECONDS
    [TARGET ...]].  Prints each target's executions, cov: and ft:; fails on any finding
    (the input is saved as a crash-* file, its path printed).  The corpus replays in the
    tests sessions (tests/test_fuzz_corpus.py), without atheris."""
    _install_package(session)
    session.install("atheris>=3.0,<4")  # (3.1.0 on PyPI; this machine's index has 3.0.0)
    session.run("python", FUZZ_RUNNER, *(session.posargs or FUZZ_DEFAULT_ARGS))
