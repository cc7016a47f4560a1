"""A compiler from SHACL to Python: the part of SHACL Core (and SHACL-SPARQL's SELECT
constraints) that newsgraph's shapes use, turned into plain functions over an article's nodes.

pySHACL takes tens to hundreds of milliseconds per article; the build checks every article, so
the shapes are compiled once into generated Python (as :mod:`dataclasses` writes its methods)
that checks a graph in about a millisecond. The compiler refuses any parameter it does not know
rather than skip it, so a rule added to the shapes is either run faithfully or refused.
:attr:`Shapes.source` is the generated code, to read when a check surprises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import pyoxigraph as ox

from ..mapping.article import Lit, Nodes, Obj, oxigraph_term
from ..model.dates import DATATYPES as DATE_DATATYPES
from ..model.dates import is_valid_literal
from ..model.vocab import RDF_TYPE, XSD

__all__ = ["Shapes", "Violation"]

_SH = "http://www.w3.org/ns/shacl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_LANG_STRING = _RDF + "langString"
_NON_NEGATIVE = re.compile(r"^\+?[0-9]+$")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the node shape (as in shapes.ttl), the focus node, the path and a message."""

    shape: str
    focus: str
    path: str
    message: str


# --- values ------------------------------------------------------------------------------------


def _is_iri(o: Obj) -> bool:
    return isinstance(o, str) and not o.startswith("_:")


def _term(o: Obj) -> str | tuple[str, str | None, str]:
    """A value as SHACL compares values: an IRI (or blank node) by its text, a literal by its
    form, language and datatype (xsd:string when the mapping gives none)."""
    if isinstance(o, Lit):
        return o.value, o.language, "" if o.language else o.datatype or XSD + "string"
    return o


def _text(o: Obj) -> str | None:
    """The string SHACL's sh:pattern and sh:minLength read (None for a blank node)."""
    if isinstance(o, Lit):
        return o.value
    return None if o.startswith("_:") else o


def _datatype(o: Obj, datatype: str) -> bool:
    """sh:datatype: a literal of that datatype whose lexical form is valid for it."""
    if not isinstance(o, Lit):
        return False
    if o.language:
        return datatype == _LANG_STRING
    if (o.datatype or XSD + "string") != datatype:
        return False
    if datatype == XSD + "nonNegativeInteger":
        return bool(_NON_NEGATIVE.match(o.value))
    return datatype not in DATE_DATATYPES or is_valid_literal(o.value, datatype)


def _number(o: Obj) -> float | None:
    if isinstance(o, Lit) and o.datatype and _datatype(o, o.datatype):
        try:
            return float(o.value)
        except ValueError:
            return None
    return None


def _obj(term: Any) -> Obj:
    """A term of the shapes graph as the mapping writes it."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        language = term.language
        return Lit(term.value, language, None if language or datatype == XSD + "string" else datatype)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


# --- what the generated checks call ------------------------------------------------------------

_NONE: dict[str, tuple[Obj, ...]] = {}


def _matches(regex: re.Pattern[str], o: Obj) -> bool:
    """sh:pattern: SHACL matches anywhere in the text, as re.search does; never a blank node."""
    text = _text(o)
    return text is not None and regex.search(text) is not None


def _long_enough(least: int, o: Obj) -> bool:
    text = _text(o)
    return text is not None and len(text) >= least


def _less_than(other: str, nodes: Nodes, focus: Obj, values: tuple[Obj, ...]) -> bool:
    """sh:lessThan: every value is less than every value of ``other`` (numbers, or strings)."""
    for v in values:
        for w in nodes.get(focus, _NONE).get(other, ()) if isinstance(focus, str) else ():
            a, b = _number(v), _number(w)
            if a is not None and b is not None:
                if not a < b:
                    return False
            elif not (isinstance(v, Lit) and isinstance(w, Lit) and _term(v)[2] == _term(w)[2] and v.value < w.value):
                return False
    return True


def _broken(
    holds: Callable[[Nodes, Obj, tuple[Obj, ...]], bool],
    nodes: Nodes,
    focus: str,
    properties: dict[str, tuple[Obj, ...]],
    paths: tuple[str, ...],
) -> tuple[str, ...]:
    """The properties of an sh:alternativePath that break its shape, named as a reader needs."""
    if holds(nodes, focus, tuple(o for path in paths for o in properties.get(path, ()))):
        return ()
    return tuple(path for path in paths if not holds(nodes, focus, properties.get(path, ()))) or paths[:1]


#: The datatypes most values have, tested inline; any other through _datatype.
_DATATYPE_TESTS = {
    _LANG_STRING: "(isinstance({o}, Lit) and bool({o}.language))",
    XSD + "string": "(isinstance({o}, Lit) and not {o}.language and {o}.datatype in (None, {d!r}))",
}
_NODE_KINDS = {
    _SH + "IRI": "(isinstance({o}, str) and not {o}.startswith('_:'))",
    _SH + "BlankNode": "(isinstance({o}, str) and {o}.startswith('_:'))",
    _SH + "Literal": "isinstance({o}, Lit)",
    _SH + "BlankNodeOrIRI": "isinstance({o}, str)",
    _SH + "IRIOrLiteral": "not (isinstance({o}, str) and {o}.startswith('_:'))",
    _SH + "BlankNodeOrLiteral": "not (isinstance({o}, str) and not {o}.startswith('_:'))",
}


# --- the compiler ------------------------------------------------------------------------------


@dataclass(eq=False)  # a shape is itself: hashed by identity
class _Shape:
    """A compiled node shape: what it targets, its generated check and its SPARQL constraints."""

    name: str
    classes: frozenset[str]
    subjects_of: frozenset[str]
    check: Callable[[Nodes, str, dict[str, tuple[Obj, ...]], dict[Violation, None]], None]
    sparql: list[_Sparql]


_MOST_PLANS = 4096


class _Plan(NamedTuple):
    """What runs on the nodes of one set of classes and properties: the shapes' checks, which
    shapes (by index) have SPARQL constraints to run on them, which properties those read."""

    checks: list[Callable[..., None]]
    sparql: list[int]
    read: list[str]


class _Sparql:
    """An sh:sparql constraint: its SELECT, run with ``$this`` bound to each focus node, over the
    article's triples whose predicates it names."""

    def __init__(self, select: str, message: str) -> None:
        self.select, self.message = select, message
        self.predicates = frozenset(re.findall(r"<([^<>\s]+)>", select))

    def results(self, triples: list[tuple[str, str, tuple[Obj, ...]]], foci: list[str]) -> Iterator[tuple[str, str]]:
        """(focus, path) of every solution over ``triples`` (subject, property, values: those
        whose property the query names), ``path`` "" when the query selects none."""
        store = ox.Store()
        store.extend(ox.Quad(_ox(s), ox.NamedNode(p), _ox(o)) for s, p, values in triples for o in values)
        iris = [f for f in foci if _is_iri(f)]
        runs: list[tuple[str, dict[ox.Variable, Any] | None]] = []
        if iris:  # every IRI at once; a blank node cannot be written in a query, so it is bound alone
            values = " ".join(f"<{f}>" for f in iris)
            runs.append((_WHERE.sub(lambda m: f"{m.group(0)} VALUES $this {{ {values} }}", self.select, count=1), None))
        runs += [(self.select, {ox.Variable("this"): ox.BlankNode(f[2:])}) for f in foci if not _is_iri(f)]
        for query, bound in runs:
            solutions = store.query(query, substitutions=bound)
            assert isinstance(solutions, ox.QuerySolutions)  # the compiler let only SELECT queries in
            named = {v.value for v in solutions.variables}
            for row in solutions:
                this, path = row["this"], row["path"] if "path" in named else None
                yield (f"_:{this.value}" if isinstance(this, ox.BlankNode) else this.value), path.value if path else ""


_WHERE = re.compile(r"(?i)\bWHERE\s*\{")


def _short(iri: str) -> str:
    return iri.replace(_SH, "sh:")


def _ox(o: Obj) -> Any:
    """A value as Oxigraph's term: a blank node too (a broken graph may have them; the mapping has none)."""
    return ox.BlankNode(o[2:]) if isinstance(o, str) and o.startswith("_:") else oxigraph_term(o)


class _Compiler:
    """Compiles the shapes graph into Python functions over an article's nodes (one per shape, in
    generated source, as :mod:`dataclasses` makes its methods), refusing what it does not know."""

    #: The parameters the compiler understands; anything else in a shape is refused.
    KNOWN = frozenset(
        _SH + key
        for key in (
            *("targetClass", "targetSubjectsOf", "property", "path", "message", "sparql"),
            *("minCount", "maxCount", "datatype", "nodeKind", "pattern", "minLength", "in", "class", "hasValue"),
            *("or", "xone", "not", "node", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount"),
            "lessThan",
        )
    ) | {_RDF + "type", "http://www.w3.org/2000/01/rdf-schema#comment"}

    def __init__(self, text: str, name: str, prefixes: dict[str, str]) -> None:
        self.name, self.prefixes = name, prefixes
        self.triples: dict[Any, dict[str, list[Any]]] = {}
        for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE):
            self.triples.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.functions: dict[Any, str] = {}

    # reading the shapes graph

    def one(self, node: Any, key: str) -> Any:
        found = self.triples.get(node, {}).get(_SH + key, [])
        if len(found) > 1:
            raise ValueError(f"{self.name}: {node} has {len(found)} sh:{key}, SHACL allows one")
        return found[0] if found else None

    def all(self, node: Any, key: str) -> list[Any]:
        return self.triples.get(node, {}).get(_SH + key, [])

    def items(self, head: Any) -> list[Any]:
        """The members of an RDF list."""
        out = []
        while head != ox.NamedNode(_RDF + "nil"):
            out.append(self.triples[head][_RDF + "first"][0])
            head = self.triples[head][_RDF + "rest"][0]
        return out

    def describe(self, node: Any) -> str:
        """``node`` as an error names it: its IRI, or the path of a property shape."""
        if isinstance(node, ox.NamedNode):
            return str(node)
        return f"the property shape on {', '.join(self.paths(node))}" if self.one(node, "path") else "a nested shape"

    def message(self, node: Any) -> str:
        found = self.one(node, "message")
        return found.value if found is not None else ""

    def paths(self, node: Any) -> tuple[str, ...]:
        path = self.one(node, "path")
        alternatives = (
            self.triples.get(path, {}).get(_SH + "alternativePath") if isinstance(path, ox.BlankNode) else None
        )
        return tuple(p.value for p in self.items(alternatives[0])) if alternatives else (path.value,)

    # writing Python

    def constant(self, value: Any) -> str:
        name = f"_k{len(self.constants)}"
        self.constants[name] = value
        return name

    def value_test(self, node: Any, o: str, *, on_values: bool) -> str:
        """A Python expression: whether the value named ``o`` passes the tests of ``node`` (the
        focus node itself for a node shape)."""
        unknown = set(self.triples.get(node, {})) - self.KNOWN
        if unknown:
            raise ValueError(
                f"{self.name}: {self.describe(node)} uses {', '.join(sorted(_short(k) for k in unknown))}, which "
                "newsgraph's SHACL compiler does not run; use the constraints it runs (newsgraph.contract.shacl) "
                "or extend it"
            )
        tests = []
        if (datatype := self.one(node, "datatype")) is not None:
            tests.append(_DATATYPE_TESTS.get(datatype.value, "_datatype({o}, {d!r})").format(o=o, d=datatype.value))
        if (kind := self.one(node, "nodeKind")) is not None:
            if kind.value not in _NODE_KINDS:
                raise ValueError(f"{self.name}: {self.describe(node)}: sh:nodeKind {kind} is not a SHACL node kind")
            tests.append(_NODE_KINDS[kind.value].format(o=o))
        if (pattern := self.one(node, "pattern")) is not None:
            tests.append(f"_matches({self.constant(re.compile(pattern.value))}, {o})")
        if (min_length := self.one(node, "minLength")) is not None:
            tests.append(f"_long_enough({int(min_length.value)}, {o})")
        if (members := self.one(node, "in")) is not None:
            allowed = frozenset(_term(_obj(m)) for m in self.items(members))
            # a literal never equals an IRI: a list of IRIs is looked up as it is
            tests.append(
                f"{o} in {self.constant(allowed)}"
                if all(isinstance(m, str) for m in allowed)
                else f"_term({o}) in {self.constant(allowed)}"
            )
        if (cls := self.one(node, "class")) is not None:
            tests.append(f"{self.constant(cls.value)} in nodes.get({o}, _NONE).get(_TYPE, ())")  # a literal: none
        if not on_values and (value := self.one(node, "hasValue")) is not None:
            tests.append(f"_term({o}) == {self.constant(_term(_obj(value)))}")
        for head in self.all(node, "or"):
            tests.append("(" + " or ".join(f"{self.conforms(s)}(nodes, {o})" for s in self.items(head)) + ")")
        for head in self.all(node, "xone"):
            tests.append("(" + " + ".join(f"{self.conforms(s)}(nodes, {o})" for s in self.items(head)) + " == 1)")
        for inner in self.all(node, "not"):
            tests.append(f"not {self.conforms(inner)}(nodes, {o})")
        for inner in self.all(node, "node"):
            tests.append(f"{self.conforms(inner)}(nodes, {o})")
        return " and ".join(tests)

    def values_tests(self, node: Any) -> tuple[list[str], str, bool]:
        """Python expressions for the property shape ``node``: the tests of ``values`` (its values
        on ``focus``) as a whole, the test each value ``o`` must pass ("" for none), and whether
        the shape holds of no values at all."""
        whole = []
        low, high = self.one(node, "minCount"), self.one(node, "maxCount")
        least, most = int(low.value) if low is not None else 0, int(high.value) if high is not None else None
        if least == most:
            whole.append(f"len(values) == {least}")
        else:
            whole += [f"len(values) >= {least}"] if least else []
            whole += [f"len(values) <= {most}"] if most is not None else []
        if (value := self.one(node, "hasValue")) is not None:
            whole.append(f"any(_term(o) == {self.constant(_term(_obj(value)))} for o in values)")
        at_least_one = least > 0 or value is not None
        if (qualified := self.one(node, "qualifiedValueShape")) is not None:
            q_low, q_high = self.one(node, "qualifiedMinCount"), self.one(node, "qualifiedMaxCount")
            q_least, q_most = (
                int(q_low.value) if q_low is not None else 0,
                int(q_high.value) if q_high is not None else None,
            )
            count = f"sum({self.conforms(qualified)}(nodes, o) for o in values)"
            whole.append(f"{q_least} <= {count}" + (f" <= {q_most}" if q_most is not None else ""))
            at_least_one = at_least_one or q_least > 0
        for other in self.all(node, "lessThan"):
            whole.append(f"_less_than({self.constant(other.value)}, nodes, focus, values)")
        return whole, self.value_test(node, "o", on_values=True), not at_least_one

    def values_test(self, node: Any) -> str:
        """A Python expression: whether ``values`` pass the property shape ``node``."""
        whole, each, _ = self.values_tests(node)
        return " and ".join(whole + ([f"all({each} for o in values)"] if each else [])) or "True"

    def holds(self, node: Any) -> str:
        """The name of a generated function: whether ``values`` pass the property shape ``node``."""
        if (node, "holds") not in self.functions:
            name = self.functions[node, "holds"] = f"_holds{len(self.functions)}"
            self.lines += [f"def {name}(nodes, focus, values):", f"    return {self.values_test(node)}", ""]
        return self.functions[node, "holds"]

    def conforms(self, node: Any) -> str:
        """The name of a generated function: whether a value conforms to the shape ``node``."""
        if (node, "conforms") not in self.functions:
            name = self.functions[node, "conforms"] = f"_conforms{len(self.functions)}"
            tests = [self.value_test(node, "focus", on_values=False)] if self.one(node, "path") is None else []
            for prop in self.all(node, "property") if self.one(node, "path") is None else [node]:
                paths = self.constant(self.paths(prop))
                tests.append(f"{self.holds(prop)}(nodes, focus, tuple(o for path in {paths} for o in p.get(path, ())))")
            self.lines += [
                f"def {name}(nodes, focus):",
                "    p = nodes.get(focus, _NONE) if isinstance(focus, str) else _NONE",
                f"    return {' and '.join(t for t in tests if t) or 'True'}",
                "",
            ]
        return self.functions[node, "conforms"]

    def check(self, node: Any, name: str) -> str:
        """The name of the generated function that adds to ``found`` what the top-level shape
        ``node`` finds wrong with ``focus`` (whose properties are ``p``)."""
        function = f"_check{len(self.functions)}"
        self.functions[node, "check"] = function
        lines = [f"def {function}(nodes, focus, p, found):"]
        if test := self.value_test(node, "focus", on_values=False):
            if not (message := self.message(node)):
                raise ValueError(f"{self.name}: {node} tests its focus node but gives no sh:message")
            lines += [f"    if not ({test}):", f"        found[_V({name!r}, focus, '', {message!r})] = None"]
        for prop in self.all(node, "property"):
            paths, message = self.paths(prop), self.message(prop)
            if not message:
                raise ValueError(f"{self.name}: {node}: the property shape on {paths} gives no sh:message")
            violation = f"_V({name!r}, focus, path, {message!r})"
            if len(paths) > 1:
                lines += [
                    f"    for path in _broken({self.holds(prop)}, nodes, focus, p, {self.constant(paths)}):",
                    f"        found[{violation}] = None",
                ]
                continue
            whole, each, optional = self.values_tests(prop)
            # most nodes lack most properties: a shape that holds of no values is not run on none
            indent = "        " if optional else "    "
            lines += [f"    path = {paths[0]!r}"]
            lines += (
                ["    values = p.get(path)", "    if values is not None:"]
                if optional
                else ["    values = p.get(path, ())"]
            )
            lines += [f"{indent}ok = {' and '.join(whole) or 'True'}"]
            if each:
                loop = ["for o in values:", f"    if not ({each}):", "        ok = False", "        break"]
                lines += (
                    [f"{indent}if ok:", *(f"{indent}    {line}" for line in loop)]
                    if whole
                    else [f"{indent}{line}" for line in loop]
                )
            lines += [f"{indent}if not ok:", f"{indent}    found[{violation}] = None"]
        self.lines += [*lines, "    return None", ""]
        return function

    def build(self) -> tuple[list[_Shape], str]:
        """The top-level shapes, compiled, and the source of their checks."""
        shape_class = ox.NamedNode(_SH + "NodeShape")
        nodes = sorted((s for s, p in self.triples.items() if shape_class in p.get(_RDF + "type", [])), key=str)
        shapes, checks = [], []
        for node in nodes:
            name = node.value
            for iri, prefix in self.prefixes.items():
                name = f"{prefix}:{name[len(iri) :]}" if name.startswith(iri) else name
            checks.append(self.check(node, name))
            sparql = []
            for constraint in self.all(node, "sparql"):
                if self.one(constraint, "select") is None:
                    raise ValueError(f"{self.name}: {node}: newsgraph runs sh:sparql constraints given as sh:select")
                select = self.one(constraint, "select").value
                if self.one(constraint, "prefixes") is not None:
                    raise ValueError(f"{self.name}: {node}: write full IRIs in sh:select, not sh:prefixes")
                if not re.match(r"(?is)\s*SELECT\b", select) or not _WHERE.search(select):
                    raise ValueError(f"{self.name}: {node}: write sh:sparql constraints as SELECT ... WHERE {{ }}")
                sparql.append(_Sparql(select, self.message(constraint) or self.message(node)))
            targets = frozenset(c.value for c in self.all(node, "targetClass"))
            subjects_of = frozenset(p.value for p in self.all(node, "targetSubjectsOf"))
            shapes.append((name, targets, subjects_of, sparql))
        source = "\n".join(self.lines)
        namespace = {
            **self.constants,
            "_NONE": _NONE,
            "_V": Violation,
            "Lit": Lit,
            "_datatype": _datatype,
            "_term": _term,
            "_TYPE": RDF_TYPE,
            "_matches": _matches,
            "_long_enough": _long_enough,
            "_less_than": _less_than,
            "_broken": _broken,
        }
        # The checks are Python written above from our own shapes (every value from the shapes goes
        # in through `namespace` or repr), defined as dataclasses defines its methods.
        exec(compile(source, f"<{self.name}>", "exec"), namespace)
        compiled = [_Shape(n, t, s, namespace[c], q) for (n, t, s, q), c in zip(shapes, checks, strict=True)]
        return compiled, source


class Shapes:
    """Shapes compiled from Turtle: :meth:`check` finds their violations in an article's nodes.

    >>> shapes = Shapes('''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ... <https://ex.org/s#Named> a sh:NodeShape ; sh:targetClass <https://ex.org/Thing> ;
    ...     sh:property [ sh:path <https://ex.org/name> ; sh:minCount 1 ; sh:message "a thing is named" ] .
    ... ''', "example.ttl", {"https://ex.org/s#": "s"})
    >>> shapes.check({"https://ex.org/a": {RDF_TYPE: ("https://ex.org/Thing",)}})
    [Violation(shape='s:Named', focus='https://ex.org/a', path='https://ex.org/name', message='a thing is named')]
    """

    def __init__(self, text: str, name: str, prefixes: dict[str, str]) -> None:
        """Compile the shapes in ``text`` (Turtle, named ``name`` in errors); shape IRIs in a
        namespace of ``prefixes`` are reported as ``prefix:local``. Raises ValueError for a
        shape the compiler cannot run faithfully."""
        self.shapes, self.source = _Compiler(text, name, prefixes).build()
        #: What runs on a node, by its classes and properties: nodes of the same kind share one plan.
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        #: The properties SPARQL constraints read.
        self.read = frozenset(p for shape in self.shapes for constraint in shape.sparql for p in constraint.predicates)
        self.by_class: dict[str, list[_Shape]] = {}
        self.by_property: dict[str, list[_Shape]] = {}
        for shape in self.shapes:
            for cls in shape.classes:
                self.by_class.setdefault(cls, []).append(shape)
            for prop in shape.subjects_of:
                self.by_property.setdefault(prop, []).append(shape)

    def check(self, nodes: Nodes) -> list[Violation]:
        """Every violation in ``nodes`` (an empty list: they conform)."""
        found: dict[Violation, None] = {}
        foci: dict[int, list[str]] = {}  # the focus nodes of each shape with SPARQL constraints
        read: dict[str, list[tuple[str, str, tuple[Obj, ...]]]] = {}  # the triples those constraints read
        plans = self._plans
        for s, p in nodes.items():
            key = (p.get(RDF_TYPE, ()), *p)
            if (plan := plans.get(key)) is None:
                if len(plans) >= _MOST_PLANS:  # a corpus of odd graphs must not grow it for ever
                    plans.clear()
                plan = plans[key] = self._plan(p)
            for check in plan.checks:
                check(nodes, s, p, found)
            for i in plan.sparql:
                foci.setdefault(i, []).append(s)
            for prop in plan.read:
                read.setdefault(prop, []).append((s, prop, p[prop]))
        for i, focus_nodes in foci.items():
            shape = self.shapes[i]
            for constraint in shape.sparql:
                triples = [t for prop in constraint.predicates for t in read.get(prop, ())]
                for focus, path in constraint.results(triples, focus_nodes):
                    found[Violation(shape.name, focus, path, constraint.message)] = None
        return list(found)

    def _plan(self, properties: dict[str, tuple[Obj, ...]]) -> _Plan:
        """What to run on a node with these classes and properties."""
        targeting = [s for t in properties.get(RDF_TYPE, ()) if isinstance(t, str) for s in self.by_class.get(t, ())]
        targeting += [s for prop in properties if prop in self.by_property for s in self.by_property[prop]]
        shapes = list(dict.fromkeys(targeting))
        return _Plan(
            [s.check for s in shapes],
            [self.shapes.index(s) for s in shapes if s.sparql],
            [prop for prop in properties if prop in self.read],
        )
