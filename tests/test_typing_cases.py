"""Typing tests: the programs in ``tests/typing_cases/`` under mypy --strict and pyright strict.

Each case is one small program about one concern:

* ``pass_*.py`` must type-check cleanly under both checkers.  The programs pin exact
  results with ``assert_type`` and carry ``# mypy: disallow-any-expr``, so an ``Any``
  leaking out of a public call fails them too.
* ``fail_*.py`` must be rejected.  Each line that must fail ends with ``# E: <code>``
  (a mypy error code, or several separated by commas): mypy must report exactly those
  lines with exactly those codes, and pyright must report an error (any rule) on exactly
  the same lines.
* ``disagree_*.py`` hold the cases where the checkers disagree, kept out of the
  must-agree set: ``# E[mypy]: <code>`` marks a line only mypy rejects,
  ``# E[pyright]: <rule>`` a line only pyright rejects; the other checker must accept it.

A case that fails because of a known bug in the library's types carries a
``# known-bug: <description>`` line and runs as a strict xfail: it starts to
"fail" (XPASS) once the library is fixed, the signal to drop the marker.

The cases run twice per checker: with the project's settings, and as a user's project
sees the installed package (bare settings).  The compiled module's stub,
``src/typedsock/_sock.pyi``, lives in the package and ships in the wheel, so both
views type it alike.
``# known-bug[installed]: <description>`` marks a case that holds only in the first.

Each checker runs once over the whole folder (a session fixture); the tests then look
up the diagnostics of one file each.  The same mypy run reveals the type of every
public name and member of ``typedsock``, for the "no Any in the public surface" check,
and ``pyright --verifytypes`` measures the package's type completeness as a user's
checker sees it.

The tests skip only when mypy or pyright is not installed; ``nox -s typing`` installs both.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path
from typing import Callable, Dict, Iterator, List, NamedTuple, Optional, Set, Tuple

import pytest

from typedsock import Address

# `import typedsock` and then `typedsock.X` is unknown to pyright under this project's
# stubPath (see test_pyright_project_config_resolves_plain_import): import the modules
# by name and take their names from __all__.
_PACKAGE = importlib.import_module("typedsock")
_OPTIONS = importlib.import_module("typedsock.options")
_AIO = importlib.import_module("typedsock.aio")

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "typing_cases"
PYPROJECT = ROOT / "pyproject.toml"
SRC = ROOT / "src"

# `# E: code[, code...]`, `# E[mypy]: code`, `# E[pyright]: rule` at the end of a line.
_EXPECT = re.compile(r"#\s*E(?:\[(?P<only>mypy|pyright)\])?:\s*(?P<codes>[\w-]+(?:\s*,\s*[\w-]+)*)\s*$")
_KNOWN_BUG = re.compile(r"^#\s*known-bug(?P<installed>\[installed\])?:\s*(?P<reason>.+)$", re.MULTILINE)
# path:line[:column]: severity: message  [code]
_MYPY_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?: (?P<severity>error|note|warning): "
    r"(?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)
_REVEALED = re.compile(r'^Revealed type is "(?P<type>.*)"$')
_ANY = re.compile(r"\bAny\b")


class Diagnostic(NamedTuple):
    line: int  # 1-based
    severity: str  # "error", "warning", "note"/"information"
    code: str  # mypy error code or pyright rule ("" if none)
    message: str


Diagnostics = Dict[str, List[Diagnostic]]  # resolved path -> diagnostics


class Case(NamedTuple):
    path: Path
    kind: str  # "pass", "fail" or "disagree"
    known_bug: Optional[str]  # fails because of a library bug
    installed_bug: Optional[str]  # fails only as a user sees the installed package


def _cases() -> List[Case]:
    cases: List[Case] = []
    for path in sorted(CASES_DIR.glob("*.py")):
        kind = path.name.split("_", 1)[0]
        if kind not in ("pass", "fail", "disagree"):
            continue
        bugs = {bool(m["installed"]): m["reason"].strip() for m in _KNOWN_BUG.finditer(path.read_text(encoding="utf-8"))}
        cases.append(Case(path, kind, bugs.get(False), bugs.get(True)))
    return cases


CASES = _cases()


def _case_params() -> List[object]:
    params: List[object] = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=f"known library typing bug: {case.known_bug}", strict=True, raises=AssertionError)]
        params.append(pytest.param(case, id=case.path.stem, marks=marks if case.known_bug else []))
    return params


# ------------------------------------------------------------------ the public surface


class Member(NamedTuple):
    name: str  # dotted, e.g. "typedsock.Socket.bind"
    expression: str  # what the reveal program shows the type of


_USER_DUNDERS = {"__init__", "__new__", "__enter__", "__exit__", "__eq__", "__hash__",
                 "__fspath__", "__bytes__", "__reduce__"}


def _instance_type(klass: type, spelled: str) -> str:
    """``spelled`` parametrized for an annotation: a type variable becomes its bound (or int)."""
    parameters: Tuple[object, ...] = getattr(klass, "__parameters__", ())
    if not parameters:
        return spelled
    arguments: List[str] = []
    for parameter in parameters:
        bound: object = getattr(parameter, "__bound__", None)
        if bound is None:
            arguments.append("int")
        elif bound == Address:
            arguments.append("typedsock.Address")
        else:  # pragma: no cover - a new kind of type parameter: teach this function
            raise AssertionError(f"{spelled}: no spelling for the bound {bound!r} of {parameter!r}")
    return f"{spelled}[{', '.join(arguments)}]"


def _public_members() -> Tuple[List[Member], List[str]]:
    """Every public name of ``typedsock``, ``typedsock.options`` and ``typedsock.aio``, and every public
    member of their classes (own or inherited from another typedsock class; of the
    dunders, those a user calls), with the expression whose type mypy should reveal.

    Methods, class methods and enum members are revealed on the class (a method's full
    signature, self type included); data attributes (properties, slots, NamedTuple
    fields) on an instance parameter, so a class's type variables do not show as Any.
    Also returns the parameter declarations that those instances need.
    """
    members: List[Member] = []
    parameters: List[str] = []
    seen: Set[int] = set()
    for prefix, module in (("typedsock", _PACKAGE), ("typedsock.options", _OPTIONS), ("typedsock.aio", _AIO)):
        exported: List[str] = module.__all__
        for name in sorted(exported):
            value = getattr(module, name)
            spelled = f"{prefix}.{name}"
            members.append(Member(spelled, spelled))
            if not inspect.isclass(value) or id(value) in seen:
                continue
            seen.add(id(value))
            instance = f"_{len(parameters)}"
            found: Dict[str, object] = {}
            for klass in reversed(value.__mro__):
                if klass.__module__.startswith("typedsock"):
                    found.update(vars(klass))
            uses_instance = False
            for member in sorted(found):
                dunder = member.startswith("__") and member.endswith("__")
                if member.startswith("_") and not (dunder and member in _USER_DUNDERS):
                    continue
                attribute = found[member]
                data = isinstance(attribute, (property, types.MemberDescriptorType)) or (
                    type(attribute).__name__ == "_tuplegetter"
                )
                if data:
                    uses_instance = True
                    members.append(Member(f"{spelled}.{member}", f"{instance}.{member}"))
                else:
                    members.append(Member(f"{spelled}.{member}", f"{spelled}.{member}"))
            if uses_instance:
                parameters.append(f"{instance}: {_instance_type(value, spelled)}")
    return members, parameters


PUBLIC_MEMBERS, _PARAMETERS = _public_members()

# Public members whose type contains Any today (a library bug to fix, not to hide):
# each runs as a strict xfail, so fixing it turns the test red until the entry goes.
KNOWN_ANY: Dict[str, str] = {}


def _reveal_program() -> Tuple[str, Dict[str, int]]:
    """A program revealing every public member's type; and the line of each member."""
    lines = ["import typedsock", "import typedsock.aio", "import typedsock.options", "", "", "def _reveal("]
    lines += [f"    {parameter}," for parameter in _PARAMETERS]
    lines += [") -> None:"]
    where: Dict[str, int] = {}
    for member in PUBLIC_MEMBERS:
        lines.append(f"    reveal_type({member.expression})")
        where[member.name] = len(lines)
    return "\n".join(lines) + "\n", where


# ------------------------------------------------------------------ running the checkers


def _pyright_command() -> Optional[List[str]]:
    here = Path(sys.executable).parent / "pyright"
    if here.is_file():
        return [str(here)]
    found = shutil.which("pyright")
    if found:
        return [found]
    if importlib.util.find_spec("pyright") is not None:
        return [sys.executable, "-m", "pyright"]
    return None


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="typedsock-typing-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="session")
def reveal_file(workdir: Path) -> Tuple[Path, Dict[str, int]]:
    text, where = _reveal_program()
    path = workdir / "reveal_public_surface.py"
    path.write_text(text, encoding="utf-8")
    return path, where


def _run_mypy(workdir: Path, config: Path, files: List[Path]) -> Diagnostics:
    """mypy --strict over ``files`` in one run (in process), from the project root."""
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (nox -s typing installs it)")
    args = [
        "--config-file", str(config),
        "--strict",
        # an InetAddress on AF_INET6 is a @deprecated overload: off by default in mypy
        "--enable-error-code", "deprecated",
        "--cache-dir", str(workdir / f"mypy-cache-{config.stem}"),
        # errors in typedsock itself are the package-wide mypy run's business
        "--follow-imports=silent",
        "--show-error-codes",
        "--show-absolute-path",
        "--no-error-summary",
        "--no-pretty",
        "--hide-error-context",
        "--no-color-output",
        *(str(path) for path in files),
    ]
    cwd = os.getcwd()
    os.chdir(ROOT)  # typedsock from this tree
    try:
        stdout, stderr, status = api.run(args)
    finally:
        os.chdir(cwd)
    if status not in (0, 1) or stderr.strip():
        pytest.fail(f"mypy did not run (exit {status}):\n{stderr}\n{stdout}")
    results: Diagnostics = {}
    for raw in stdout.splitlines():
        match = _MYPY_LINE.match(raw)
        if match is None:
            continue
        path = str(Path(match["path"]).resolve())
        results.setdefault(path, []).append(
            Diagnostic(int(match["line"]), match["severity"], match["code"] or "", match["message"])
        )
    return results


@pytest.fixture(scope="session")
def mypy_results(workdir: Path, reveal_file: Tuple[Path, Dict[str, int]]) -> Diagnostics:
    """mypy with the project's config, over every case and the reveal file."""
    return _run_mypy(workdir, PYPROJECT, [case.path for case in CASES] + [reveal_file[0]])


@pytest.fixture(scope="session")
def mypy_installed_results(workdir: Path) -> Diagnostics:
    """mypy as a user's project sees the installed package: bare settings."""
    config = workdir / "installed.ini"
    config.write_text("[mypy]\nwarn_unreachable = True\n", encoding="utf-8")
    return _run_mypy(workdir, config, [case.path for case in CASES])


def _pyright_settings() -> Dict[str, object]:
    """The project's [tool.pyright] settings (where tomllib can read them), made strict."""
    settings: Dict[str, object] = {"pythonVersion": "3.9"}
    if sys.version_info >= (3, 11):
        import tomllib

        with PYPROJECT.open("rb") as file:
            tool = tomllib.load(file).get("tool", {}).get("pyright", {})
        settings.update({k: v for k, v in tool.items() if k not in ("include", "exclude", "stubPath")})
    settings["typeCheckingMode"] = "strict"
    # typedsock from this tree even where it is not installed (or installed editable,
    # which pyright cannot follow)
    settings["extraPaths"] = [str(SRC)]
    return settings


def _run_pyright(workdir: Path, name: str, settings: Dict[str, object], files: List[Path]) -> Diagnostics:
    """pyright --outputjson over ``files`` in one run, with a temporary config."""
    command = _pyright_command()
    if command is None:
        pytest.skip("pyright is not installed (nox -s typing installs it)")
    project = workdir / name
    project.mkdir(exist_ok=True)
    config = project / "pyrightconfig.json"
    config.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    proc = subprocess.run(
        [*command, "--outputjson", "--project", str(config), "--pythonpath", sys.executable,
         *(str(path) for path in files)],
        cwd=project, capture_output=True, text=True, check=False,
    )
    if proc.returncode not in (0, 1):
        pytest.fail(f"pyright did not run (exit {proc.returncode}):\n{proc.stderr}\n{proc.stdout}")
    report = json.loads(proc.stdout)
    results: Diagnostics = {}
    for item in report["generalDiagnostics"]:
        path = str(Path(item["file"]).resolve())
        results.setdefault(path, []).append(
            Diagnostic(
                int(item["range"]["start"]["line"]) + 1,
                str(item["severity"]),
                str(item.get("rule", "")),
                str(item["message"]),
            )
        )
    return results


@pytest.fixture(scope="session")
def pyright_results(workdir: Path) -> Diagnostics:
    """pyright strict with the project's settings, over every case."""
    return _run_pyright(workdir, "project", _pyright_settings(), [case.path for case in CASES])


@pytest.fixture(scope="session")
def pyright_installed_results(workdir: Path) -> Diagnostics:
    """pyright strict as a user's project sees the installed package: bare settings."""
    return _run_pyright(workdir, "installed", _pyright_settings(), [case.path for case in CASES])


# ------------------------------------------------------------------ expectations


class Expected(NamedTuple):
    mypy: Dict[int, Set[str]]  # line -> mypy error codes
    pyright: Set[int]  # lines pyright must report an error on


def _expectations(path: Path) -> Expected:
    mypy: Dict[int, Set[str]] = {}
    pyright: Set[int] = set()
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(text)
        if match is None:
            continue
        codes = {code.strip() for code in match["codes"].split(",")}
        if match["only"] != "pyright":
            mypy[number] = codes
        if match["only"] != "mypy":
            pyright.add(number)
    return Expected(mypy, pyright)


def _format(diagnostics: List[Diagnostic]) -> str:
    return "\n".join(f"  {d.line}: {d.severity}: {d.message} [{d.code}]" for d in diagnostics) or "  (none)"


def _errors(results: Diagnostics, path: Path, severities: Tuple[str, ...] = ("error",)) -> List[Diagnostic]:
    return [d for d in results.get(str(path.resolve()), []) if d.severity in severities]


# ------------------------------------------------------------------ the tests


def test_the_case_folder_is_not_empty() -> None:
    kinds = {case.kind for case in CASES}
    assert {"pass", "fail"} <= kinds, f"no pass_/fail_ cases found in {CASES_DIR}"


def _mypy_problems(case: Case, results: Diagnostics) -> Optional[str]:
    """What is wrong with mypy's verdict on ``case`` (None: as expected)."""
    errors = _errors(results, case.path)
    if case.kind == "pass":
        return f"mypy --strict rejects a program that must pass:\n{_format(errors)}" if errors else None
    expected = _expectations(case.path).mypy
    actual: Dict[int, Set[str]] = {}
    for error in errors:
        actual.setdefault(error.line, set()).add(error.code or "<no code>")
    if actual == expected:
        return None
    return (
        f"mypy: expected {dict(sorted(expected.items()))}, got {dict(sorted(actual.items()))}\n"
        f"{_format(errors)}"
    )


def _pyright_problems(case: Case, results: Diagnostics) -> Optional[str]:
    """What is wrong with pyright's verdict on ``case`` (None: as expected)."""
    if case.kind == "pass":
        problems = _errors(results, case.path, ("error", "warning"))
        return f"pyright strict rejects a program that must pass:\n{_format(problems)}" if problems else None
    errors = _errors(results, case.path)
    expected = _expectations(case.path).pyright
    actual = {error.line for error in errors}
    if actual == expected:
        return None
    return f"pyright: errors expected on lines {sorted(expected)}, reported on {sorted(actual)}\n{_format(errors)}"


@pytest.mark.parametrize("case", [pytest.param(case, id=case.path.stem) for case in CASES if case.kind != "pass"])
def test_case_marks_its_failing_lines(case: Case) -> None:
    expected = _expectations(case.path)
    assert expected.mypy or expected.pyright, f"{case.path.name} marks no line with `# E: <code>`"


@pytest.mark.parametrize("case", _case_params())
def test_mypy(case: Case, mypy_results: Diagnostics) -> None:
    problems = _mypy_problems(case, mypy_results)
    assert problems is None, problems


@pytest.mark.parametrize("case", _case_params())
def test_pyright(case: Case, pyright_results: Diagnostics) -> None:
    problems = _pyright_problems(case, pyright_results)
    assert problems is None, problems


def _installed_view_problems(results: Diagnostics, check: Callable[[Case, Diagnostics], Optional[str]]) -> str:
    return "\n\n".join(
        f"{case.path.name}: {problems}"
        for case in CASES
        if not case.known_bug and not case.installed_bug and (problems := check(case, results)) is not None
    )


def test_mypy_installed_view(mypy_installed_results: Diagnostics) -> None:
    """Every case holds under mypy as a user's project sees the installed package."""
    problems = _installed_view_problems(mypy_installed_results, _mypy_problems)
    assert not problems, problems


def test_pyright_installed_view(pyright_installed_results: Diagnostics) -> None:
    """Every case holds under pyright as a user's project sees the installed package."""
    problems = _installed_view_problems(pyright_installed_results, _pyright_problems)
    assert not problems, problems


def _member_params() -> List[object]:
    params: List[object] = []
    for member in PUBLIC_MEMBERS:
        reason = KNOWN_ANY.get(member.name)
        marks = [pytest.mark.xfail(reason=f"known Any in the public surface: {reason}", strict=True, raises=AssertionError)]
        params.append(pytest.param(member.name, id=member.name, marks=marks if reason else []))
    return params


@pytest.mark.parametrize("name", _member_params())
def test_no_any_in_public_surface(
    name: str, mypy_results: Diagnostics, reveal_file: Tuple[Path, Dict[str, int]]
) -> None:
    """mypy's revealed type of every public name and member is free of Any (but for
    what every ``async def`` returns: ``Coroutine[Any, Any, R]``, whose send and throw
    types typeshed spells Any)."""
    path, where = reveal_file
    found = mypy_results.get(str(path.resolve()), [])
    diagnostics = [d for d in found if d.line == where[name]]
    revealed = [match["type"] for match in (_REVEALED.match(d.message) for d in diagnostics) if match]
    assert revealed and not any(d.severity == "error" for d in diagnostics), (
        f"mypy could not reveal {name}:\n{_format(diagnostics)}"
    )
    checked = revealed[0].replace("typing.Coroutine[Any, Any, ", "typing.Coroutine[")
    assert not _ANY.search(checked), f"{name} has Any in its type: {revealed[0]}"


# ------------------------------------------------------------------ pyright --verifytypes

# Symbols `pyright --verifytypes typedsock` may blame (its errors other than the
# propagated "... is partially unknown"): none; any that appears is a regression.
KNOWN_ROOTS: Set[str] = set()


class Symbol(NamedTuple):
    name: str
    known: bool
    ambiguous: bool
    causes: List[str]  # its own errors, not the "... is partially unknown" it inherits


class Completeness(NamedTuple):
    score: float
    py_typed: str
    package_root: str
    symbols: List[Symbol]


@pytest.fixture(scope="session")
def verifytypes(workdir: Path) -> Completeness:
    """``pyright --verifytypes typedsock --ignoreexternal``, run outside the project.

    Outside the project, as a user's checker sees the package: that is what
    completeness is about.  This tree goes first on the path, so the sources (with
    ``typedsock/_sock.pyi``) are what gets verified.
    """
    command = _pyright_command()
    if command is None:
        pytest.skip("pyright is not installed (nox -s typing installs it)")
    outside = workdir / "verifytypes"
    outside.mkdir(exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [*command, "--verifytypes", "typedsock", "--ignoreexternal", "--outputjson",
         "--pythonpath", sys.executable],
        cwd=outside, env=env, capture_output=True, text=True, check=False,
    )
    if proc.returncode not in (0, 1):
        pytest.fail(f"pyright --verifytypes did not run (exit {proc.returncode}):\n{proc.stderr}\n{proc.stdout}")
    report = json.loads(proc.stdout)["typeCompleteness"]
    symbols = [
        Symbol(
            str(item["name"]),
            bool(item["isTypeKnown"]),
            bool(item["isTypeAmbiguous"]),
            [
                str(diagnostic["message"]).splitlines()[0]
                for diagnostic in item["diagnostics"]
                if diagnostic["severity"] == "error" and "partially unknown" not in diagnostic["message"]
            ],
        )
        for item in report["symbols"]
    ]
    return Completeness(
        float(report["completenessScore"]),
        str(report.get("pyTypedPath") or ""),
        str(report["packageRootDirectory"]),
        symbols,
    )


def test_verifytypes_finds_the_package(verifytypes: Completeness) -> None:
    assert verifytypes.py_typed, "pyright found no py.typed for typedsock"
    assert Path(verifytypes.package_root).resolve() == (SRC / "typedsock").resolve()


def test_verifytypes_no_unknown_types(verifytypes: Completeness) -> None:
    unknown = [s.name for s in verifytypes.symbols if not s.known and not s.ambiguous]
    assert not unknown, f"symbols of unknown type in the public interface: {unknown}"


def test_verifytypes_no_new_incomplete_symbols(verifytypes: Completeness) -> None:
    """No symbol beyond KNOWN_ROOTS is itself the cause of an unknown or ambiguous type."""
    new = {s.name: s.causes for s in verifytypes.symbols if s.causes and s.name not in KNOWN_ROOTS}
    assert not new, f"new incompletely typed symbols: {new}"


def test_verifytypes_complete(verifytypes: Completeness) -> None:
    assert verifytypes.score == 1.0, f"type completeness {verifytypes.score:.1%}"


def test_pyright_project_config_resolves_plain_import(workdir: Path) -> None:
    """``import typedsock`` then ``typedsock.socket`` under the project's own pyright config."""
    command = _pyright_command()
    if command is None:
        pytest.skip("pyright is not installed (nox -s typing installs it)")
    program = workdir / "plain_import.py"
    program.write_text(
        "import typedsock\n\n"
        "from typing_extensions import assert_type\n\n"
        "assert_type(typedsock.socket(typedsock.AF_UNIX), typedsock.StreamSocket[typedsock.UnixAddress])\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [*command, "--outputjson", "--project", str(PYPROJECT), "--pythonpath", sys.executable, str(program)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    report = json.loads(proc.stdout)
    errors = [d["message"] for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert not errors, errors
