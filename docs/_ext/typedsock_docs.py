"""typedsock's Sphinx extension: the tables generated from the code, the signatures as the
source writes them, and the check that the reference documents every public name.

Directives
----------
``typedsock-options-table``
    One row per typed option of ``typedsock.options`` (the one option table):
    name, meaning, value type, access, the sockets it applies to.

``typedsock-constants``
    One row per integer constant of ``typedsock.__all__`` (the names and values the
    build took from the system headers, through ``typedsock._table``): name, the enum
    it is a member of, value.

Both read the installed package, so neither can drift from it; nothing is copied by hand.
Each row is a target of the Python domain (``:data:`typedsock.options.SO_RCVBUF```,
``:data:`typedsock.AF_INET``` link to it).

Signatures
----------
autodoc drops the first parameter of every overload of a method, so the overloads that
differ only in ``self``'s type (``bind(self: Socket[InetAddress], address:
InetAddressLike)`` and one per family) would all read ``bind(address: ...)``.  Here an
annotated ``self`` is kept, ``cls`` is dropped from ``__new__`` (a static method, which
autodoc leaves alone), and an overload's ``...`` default stays ``...`` (autodoc would put
the implementation's sentinel, ``-1`` or ``_UNSET``, in its place).  The public type
aliases (``InetAddressLike``, ``AddressLike``, ...) are shown by name, not expanded.

The check
---------
The build warns (and ``sphinx-build -W`` fails) when

* a name of ``__all__`` of ``typedsock``, ``typedsock.options``, ``typedsock.ancillary``
  or ``typedsock.aio`` is not registered by any directive of the build (autodoc, ``py:``,
  or a generated table's row);
* a public method, property, class method or field of a documented class (including
  those it inherits from a private base, like ``Socket``'s ``sendmsg`` from
  ``MessageCalls``) is not documented: autodoc leaves out members without a docstring,
  so this is also the "no docstring" check for members;
* a documented object has no text: no docstring, no content in its directive (autodoc's
  "alias of ..." line and a named tuple's "Alias for field number N" do not count).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
import sys
from inspect import Parameter, Signature
from pathlib import Path
from typing import Any, Callable, ClassVar, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import inspect as sphinx_inspect
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_coverage  # (this directory, put on sys.path just above)

logger = logging.getLogger(__name__)


# -- the generated tables ------------------------------------------------------------------


def option_rows() -> List[Tuple[str, str, str, str, str]]:
    """(name, meaning, value, access, applies to) for every typed option, in the table's order."""
    from typedsock import options

    names = reference_coverage.option_names()
    rows = []
    for name in options.__all__:
        if name in names:
            option: Any = getattr(options, name)
            rows.append((name, str(option.doc), str(option.value.type_name), str(option.access), str(option.scope.text)))
    return rows


def constant_rows() -> List[Tuple[str, str, str]]:
    """(name, enum or ``int``, value) for every integer constant of ``typedsock.__all__``."""
    import typedsock

    rows = []
    for name in reference_coverage.constant_names():
        value: object = getattr(typedsock, name)
        assert isinstance(value, int)
        group = type(value).__name__ if isinstance(value, enum.Enum) else "int"
        rows.append((name, group, str(int(value))))
    return sorted(rows, key=lambda row: (row[1] != "int", row[1], row[0]))


class _GeneratedTable(SphinxDirective):
    """A table whose first column names objects of ``module``.

    On the reference's pages (``reference/...``) each row is the Python-domain entry of
    its object (what the coverage check counts); elsewhere (a guide) each name links to
    it, so the same table can appear in a guide without describing the objects twice.
    ``:no-index:`` makes a reference page's table link too.
    """

    module = ""
    option_spec: ClassVar[Dict[str, Callable[[str], Any]]] = {"no-index": directives.flag}

    def _indexed(self) -> bool:
        return self.env.docname.startswith("reference/") and "no-index" not in self.options

    def _name_cell(self, name: str) -> nodes.paragraph:
        fullname = f"{self.module}.{name}"
        para = nodes.paragraph()
        if self._indexed():
            target = nodes.target("", "", ids=[fullname])
            self.state.document.note_explicit_target(target)
            para += target
            para += nodes.literal(text=name)
            domain: Any = self.env.get_domain("py")
            domain.note_object(fullname, "data", fullname, location=self.get_location())
        else:
            xref = addnodes.pending_xref(
                "", refdomain="py", reftype="data", reftarget=fullname, refexplicit=True, refwarn=True
            )
            xref += nodes.literal(text=name, classes=["xref", "py", "py-data"])
            para += xref
        return para

    def _table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> nodes.table:
        table = nodes.table(classes=["typedsock-generated"])
        group = nodes.tgroup(cols=len(header))
        table += group
        for _ in header:
            group += nodes.colspec(colwidth=1)

        def row(cells: Sequence[str], head: bool) -> nodes.row:
            out = nodes.row()
            for i, text in enumerate(cells):
                if i == 0 and not head:
                    para = self._name_cell(text)
                else:
                    para = nodes.paragraph()
                    para += nodes.Text(text)
                out += nodes.entry("", para)
            return out

        thead = nodes.thead()
        thead += row(header, head=True)
        group += thead
        tbody = nodes.tbody()
        for cells in rows:
            tbody += row(cells, head=False)
        group += tbody
        return table


class OptionsTable(_GeneratedTable):
    """The table of typed options, from ``typedsock.options``."""

    module = "typedsock.options"

    def run(self) -> List[nodes.Node]:
        rows = option_rows()
        intro = nodes.paragraph(text=f"{len(rows)} typed options (generated from typedsock.options at build time).")
        return [intro, self._table(("option", "meaning", "value", "access", "applies to"), rows)]


class ConstantsTable(_GeneratedTable):
    """The table of integer constants, from ``typedsock.__all__``."""

    module = "typedsock"

    def run(self) -> List[nodes.Node]:
        rows = constant_rows()
        intro = nodes.paragraph(
            text=f"{len(rows)} constants on this system (generated from typedsock.__all__ at build time)."
        )
        return [intro, self._table(("name", "enum", "value"), rows)]


# -- signatures and docstrings as the source writes them -------------------------------------


def _type_aliases() -> Dict[str, str]:
    """The public type aliases (``InetAddressLike``...), by name: ``name -> module.name``."""
    aliases: Dict[str, str] = {}
    for module_name in reference_coverage.PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in reference_coverage.public_names(module_name):
            value: object = getattr(module, name)
            if not (
                inspect.isclass(value)
                or inspect.isroutine(value)
                or inspect.ismodule(value)
                or reference_coverage.is_constant(value)
                or isinstance(value, (bool, str))
            ):
                origin: object = getattr(value, "__origin__", None)
                if origin is not None or type(value).__module__ == "typing":
                    aliases.setdefault(name, f"{module_name}.{name}")
    return aliases


def _on_config_inited(app: Sphinx, config: Config) -> None:
    aliases: Dict[str, str] = dict(config.autodoc_type_aliases)
    for name, target in _type_aliases().items():
        aliases.setdefault(name, target)
    config.autodoc_type_aliases = aliases


class _Ellipsis:
    """An overload's ``...`` default: shown as ``...``; unequal to ``'...'``, which autodoc
    replaces with the implementation's default."""

    def __repr__(self) -> str:
        return "..."


_ELLIPSIS = _Ellipsis()
_rewritten: Set[Tuple[str, str]] = set()


def _rewrite_overloads(module: str, qualname: str) -> None:
    """Keep an annotated ``self`` in each overload of ``module.qualname``, drop ``__new__``'s ``cls``."""
    if (module, qualname) in _rewritten:
        return
    _rewritten.add((module, qualname))
    try:
        analyzer = ModuleAnalyzer.for_module(module)
        analyzer.analyze()
    except PycodeError:
        return
    overloads: Optional[List[Signature]] = analyzer.overloads.get(qualname)
    if not overloads:
        return
    is_new = qualname.rsplit(".", 1)[-1] == "__new__"
    rewritten = []
    for signature in overloads:
        parameters = [
            p.replace(default=_ELLIPSIS) if isinstance(p.default, str) and p.default == "..." else p
            for p in signature.parameters.values()
        ]
        if is_new and parameters:
            parameters = parameters[1:]
        elif "." in qualname and parameters and parameters[0].annotation is not Parameter.empty:
            # autodoc hides a method's first parameter: give it one to hide.
            parameters.insert(0, Parameter("_hidden", Parameter.POSITIONAL_ONLY))
        rewritten.append(signature.replace(parameters=parameters))
    analyzer.overloads[qualname] = rewritten


def _on_process_signature(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: Optional[str], return_annotation: str
) -> Optional[Tuple[Optional[str], str]]:
    function: Any = getattr(obj, "__func__", obj)
    module, qualname = getattr(function, "__module__", None), getattr(function, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str) and module.startswith("typedsock"):
        _rewrite_overloads(module, qualname)
        if what == "method" and signature and not hasattr(obj, "__self__") and inspect.isfunction(function):
            # A method with an annotated ``self`` (``get(self: S, option: ReadOnlyOption[T, S])``):
            # the annotation says which sockets take it, so it is shown.
            full = sphinx_inspect.signature(function, type_aliases=app.config.autodoc_type_aliases)
            first = next(iter(full.parameters.values()), None)
            if first is not None and first.annotation is not Parameter.empty:
                args = sphinx_inspect.stringify_signature(
                    full, show_return_annotation=False, unqualified_typehints=True
                )
                return args, return_annotation
    if name.endswith(".__new__") and signature:
        # A static method keeps its first parameter in autodoc's signature: ``cls`` is noise.
        return re.sub(r"^\(\s*_?cls\s*(,\s*|(?=\)))", "(", signature), return_annotation
    return None


def _attribute_doc(name: str, value: object) -> List[str]:
    """The docstring written after ``name = ...`` in the private module that defines it."""
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("typedsock.") or getattr(module, name, None) is not value:
            continue
        try:
            analyzer = ModuleAnalyzer.for_module(module_name)
            docs = analyzer.find_attr_docs()
        except PycodeError:
            continue
        lines = docs.get(("", name))
        if lines and any(line.strip() for line in lines):
            return list(lines)
    return []


def _on_process_docstring(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: List[str]) -> None:
    """A public alias re-exported by a public module takes its docstring from where it is defined."""
    if what in ("data", "attribute") and not any(line.strip() for line in lines):
        lines.extend(_attribute_doc(name.rsplit(".", 1)[-1], obj))


def _on_skip_member(app: Sphinx, what: str, name: str, obj: Any, skip: bool, options: Any) -> Optional[bool]:
    """Leave out the constructors a class does not define in typedsock's source (an
    exception's, an enum's), which ``autodoc_class_signature = "separated"`` would list."""
    if name in ("__new__", "__init__"):
        function: Any = getattr(obj, "__func__", obj)
        module = getattr(function, "__module__", None) or ""
        if not (module.startswith("typedsock") or module.startswith("namedtuple_")):
            return True
    return None


# -- the check ------------------------------------------------------------------------------

_NO_TEXT = re.compile(r"^(alias of .*|Alias for field number \d+)$", re.DOTALL)


def _resolve(fullname: str) -> object:
    """The object a dotted name names (None when it cannot be imported)."""
    parts = fullname.split(".")
    for i in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for part in parts[i:]:
            value = getattr(value, part, None)
        return value
    return None


def _own_text(content: addnodes.desc_content) -> str:
    """The text of a description, without its members' descriptions and autodoc's alias lines."""
    parts = []
    for child in content.children:
        if isinstance(child, (addnodes.desc, addnodes.index)):
            continue
        text = child.astext().strip()
        if text and not _NO_TEXT.match(text):
            parts.append(text)
    return "\n".join(parts)


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about each Python object described with no text."""
    for desc in doctree.findall(addnodes.desc):
        if desc.get("domain") != "py":
            continue
        signatures = [child for child in desc.children if isinstance(child, addnodes.desc_signature)]
        contents = [child for child in desc.children if isinstance(child, addnodes.desc_content)]
        if not signatures or not contents or _own_text(contents[0]):
            continue
        module, name = signatures[0].get("module") or "", signatures[0].get("fullname") or ""
        fullname = name if not module or name.startswith(f"{module}.") else f"{module}.{name}"
        if isinstance(_resolve(fullname), enum.Enum) or fullname.rsplit(".", 1)[-1] in ("__init__", "__new__"):
            # An enum's member: its name and value are its documentation.  A constructor:
            # its class's docstring is its documentation (the signature is what it adds).
            continue
        logger.warning(
            "%s is documented with no text (write its docstring in the source)",
            fullname,
            location=signatures[0],
            type="typedsock",
            subtype="coverage",
        )


def _public_classes() -> Set[int]:
    """ids of the classes some public module exports (their members are documented there)."""
    exported = set()
    for module_name in reference_coverage.PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value: object = getattr(module, name)
            if inspect.isclass(value):
                exported.add(id(value))
    return exported


def _is_member(value: object) -> bool:
    """What a class documents: methods, properties and named-tuple fields, not data."""
    return (
        inspect.isfunction(value)
        or isinstance(value, (classmethod, staticmethod, property))
        or type(value).__name__ == "_tuplegetter"
    )


def public_members(cls: type) -> Iterator[str]:
    """The public members of ``cls`` its page must document: its own, and those of its private bases."""
    public = _public_classes()
    mro = cls.__mro__
    seen: Set[str] = set()
    for i, klass in enumerate(mro):
        if klass is not cls and (id(klass) in public or not klass.__module__.startswith("typedsock")):
            break  # that base's page documents the rest
        documented_above = [base for base in mro[i + 1 :] if id(base) in public]
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen or not _is_member(value):
                continue
            if klass is not cls and any(name in vars(base) for base in documented_above):
                continue  # a private base's override of a member a public base documents
            if isinstance(getattr(cls, name, None), enum.Enum):
                continue
            seen.add(name)
            yield name


def _on_check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about each public name, and each member of a documented class, that no directive documents."""
    domain: Any = env.get_domain("py")
    objects: Dict[str, Any] = domain.objects
    modules: Dict[str, Any] = domain.modules
    for module_name in reference_coverage.PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in reference_coverage.public_names(module_name):
            fullname = f"{module_name}.{name}"
            entry = objects.get(fullname)
            if entry is None and fullname not in modules:
                logger.warning(
                    "%s is in %s.__all__ but no page of the reference documents it",
                    fullname,
                    module_name,
                    type="typedsock",
                    subtype="coverage",
                )
                continue
            value: object = getattr(module, name)
            if entry is None or entry.objtype not in ("class", "exception") or not inspect.isclass(value):
                continue
            if value.__name__ != name:  # an alias (``socket`` of ``Socket``): documented at its name
                continue
            for member in public_members(value):
                if f"{fullname}.{member}" not in objects:
                    logger.warning(
                        "%s.%s is public but not documented (no docstring: autodoc left it out)",
                        fullname,
                        member,
                        location=(entry.docname, None),
                        type="typedsock",
                        subtype="coverage",
                    )


def setup(app: Sphinx) -> Dict[str, Any]:
    app.add_directive("typedsock-options-table", OptionsTable)
    app.add_directive("typedsock-constants", ConstantsTable)
    app.connect("config-inited", _on_config_inited)
    app.connect("autodoc-process-signature", _on_process_signature)
    app.connect("autodoc-process-docstring", _on_process_docstring)
    app.connect("autodoc-skip-member", _on_skip_member)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-check-consistency", _on_check_consistency)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
