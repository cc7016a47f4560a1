"""Turtle, TriG, N-Triples and N-Quads of an article graph, written straight from its nodes.

The writer works on the canonical nodes (no per-triple objects), so it is fast and the same story
always gives the same bytes. What it writes is checked by independent parsers in the tests
(Oxigraph, rapper, serdi, rdflib): IRIs are those the mapping minted or validated, literals are
escaped as N-Triples and Turtle require, and a name is abbreviated with a prefix only when its
local part is a plain Turtle local name.

>>> from newsgraph.mapping import Lit
>>> nodes = {"https://ex.org/a": {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("http://schema.org/Person",),
...                                "http://schema.org/name": (Lit("Α\\"β", "el"),)}}
>>> print(turtle_text(nodes, {"schema": "http://schema.org/"}), end="")
@prefix schema: <http://schema.org/> .
<BLANKLINE>
<https://ex.org/a> a schema:Person ;
    schema:name "Α\\"β"@el .
>>> print(ntriples_text(nodes), end="")
<https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .
<https://ex.org/a> <http://schema.org/name> "Α\\"β"@el .
"""

from __future__ import annotations

import re
from typing import Mapping

from .mapping import Lit, MappedArticle, Nodes, Obj
from .vocab import RDF_TYPE

__all__ = ["turtle_text", "trig_text", "ntriples_text", "nquads_text", "to_turtle", "to_trig", "to_nquads",
           "to_ntriples"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t\b\f]')
#: A local name that needs no escaping in Turtle (a subset of PN_LOCAL).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?\Z")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _quote(value: str) -> str:
    if _NEEDS_ESCAPE.search(value):
        value = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)
    return f'"{value}"'


def _nt(o: Obj) -> str:
    if isinstance(o, Lit):
        if o.language:
            return f"{_quote(o.value)}@{o.language}"
        if o.datatype and o.datatype != _XSD_STRING:
            return f"{_quote(o.value)}^^<{o.datatype}>"
        return _quote(o.value)
    return f"<{o}>"


class _Names:
    """IRI -> how Turtle writes it (prefixed where possible), remembered per writer."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so that the article's own prefix wins over its base.
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache: dict[str, str] = {RDF_TYPE: "a"}

    def iri(self, iri: str) -> str:
        written = self.cache.get(iri)
        if written is None:
            written = f"<{iri}>"
            for prefix, namespace in self.prefixes:
                if iri.startswith(namespace) and _LOCAL.match(iri, len(namespace)):
                    written = f"{prefix}:{iri[len(namespace):]}"
                    break
            self.cache[iri] = written
        return written

    def obj(self, o: Obj) -> str:
        if isinstance(o, Lit):
            if o.language:
                return f"{_quote(o.value)}@{o.language}"
            if o.datatype and o.datatype != _XSD_STRING:
                return f"{_quote(o.value)}^^{self.iri(o.datatype)}"
            return _quote(o.value)
        if o == RDF_TYPE:  # "a" stands for rdf:type only as a predicate
            return f"<{o}>"
        return self.iri(o)


def _header(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())) + "\n"


def _body(nodes: Nodes, names: _Names, indent: str) -> list[str]:
    lines: list[str] = []
    for subject, predicates in nodes.items():
        statements = [
            f"{names.iri(p)} " + " , ".join(names.obj(o) for o in objects)
            for p, objects in predicates.items()
        ]
        lines.append(f"{indent}{names.iri(subject)} " + f" ;\n{indent}    ".join(statements) + " .\n")
    return lines


def turtle_text(nodes: Nodes, prefixes: Mapping[str, str]) -> str:
    """Turtle: the prefixes, then one block per subject, a blank line between blocks."""
    return _header(prefixes) + "\n".join(_body(nodes, _Names(prefixes), ""))


def trig_text(nodes: Nodes, graph: str, prefixes: Mapping[str, str]) -> str:
    """TriG: the same blocks inside the named graph ``graph``."""
    names = _Names(prefixes)
    return _header(prefixes) + f"{names.iri(graph)} {{\n" + "\n".join(_body(nodes, names, "    ")) + "}\n"


def ntriples_text(nodes: Nodes) -> str:
    """N-Triples, one line per triple, in canonical order."""
    return "".join(
        f"<{s}> <{p}> {_nt(o)} .\n" for s, predicates in nodes.items() for p, objects in predicates.items()
        for o in objects
    )


def nquads_text(nodes: Nodes, graph: str) -> str:
    """N-Quads: every triple in the named graph ``graph``."""
    g = f" <{graph}> .\n"
    return "".join(
        f"<{s}> <{p}> {_nt(o)}{g}" for s, predicates in nodes.items() for p, objects in predicates.items()
        for o in objects
    )


def to_turtle(mapped: MappedArticle, prefixes: Mapping[str, str]) -> str:
    return turtle_text(mapped.nodes, prefixes)


def to_trig(mapped: MappedArticle, prefixes: Mapping[str, str]) -> str:
    return trig_text(mapped.nodes, mapped.graph, prefixes)


def to_ntriples(mapped: MappedArticle) -> str:
    return ntriples_text(mapped.nodes)


def to_nquads(mapped: MappedArticle) -> str:
    return nquads_text(mapped.nodes, mapped.graph)
