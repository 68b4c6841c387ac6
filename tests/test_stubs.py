"""src/typedsock/_sock.pyi against the compiled module.

mypy's stubtest does not look inside a cffi ``lib``, so this test does: every
member of the real ``lib`` is in the stub and every stub member is real; each
constant is an int; each function has the stub's arity, and each parameter and
result has a C type of the stub's kind (``int`` for C integers, ``CData`` or
``bytes`` for pointers, ``None`` for void).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Tuple

import pytest

from typedsock._sock import ffi, lib

if TYPE_CHECKING:
    from typedsock._sock import CType

STUB = Path(__file__).resolve().parent.parent / "src" / "typedsock" / "_sock.pyi"

_Members = Tuple[Dict[str, str], Dict[str, Tuple[List[str], str]]]


def _stub_lib() -> _Members:
    tree = ast.parse(STUB.read_text())
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Lib"]
    constants: Dict[str, str] = {}
    functions: Dict[str, Tuple[List[str], str]] = {}
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            constants[node.target.id] = ast.unparse(node.annotation)
        elif isinstance(node, ast.FunctionDef):
            params = [ast.unparse(a.annotation) for a in node.args.posonlyargs[1:] if a.annotation]
            returns = ast.unparse(node.returns) if node.returns else "None"
            functions[node.name] = (params, returns)
    return constants, functions


CONSTANTS, FUNCTIONS = _stub_lib()


def _kind_matches(annotation: str, ctype: CType) -> bool:
    kind = ctype.kind
    if annotation == "int":
        return kind == "primitive" and ctype.cname not in ("float", "double")
    if annotation == "None":
        return kind == "void"
    if annotation in ("CData", "bytes", "_Pointer"):
        return kind in ("pointer", "array")
    return False


def test_every_member_is_in_the_stub_and_back() -> None:
    real = set(dir(lib))
    named = set(CONSTANTS) | set(FUNCTIONS)
    assert real - named == set(), "lib members missing from the stub"
    assert named - real == set(), "stub names members lib does not have"


@pytest.mark.parametrize("name", sorted(CONSTANTS))
def test_constant_is_int(name: str) -> None:
    assert CONSTANTS[name] == "int"
    assert isinstance(getattr(lib, name), int)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_signature(name: str) -> None:
    params, returns = FUNCTIONS[name]
    ctype = ffi.typeof(getattr(lib, name))
    assert ctype.kind == "function"
    assert len(ctype.args) == len(params), f"{name}: arity differs from the stub"
    for index, (annotation, arg) in enumerate(zip(params, ctype.args)):
        assert _kind_matches(annotation, arg), f"{name} arg {index}: stub {annotation}, C {arg.cname}"
    assert _kind_matches(returns, ctype.result), f"{name} result: stub {returns}, C {ctype.result.cname}"
