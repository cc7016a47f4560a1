"""Turtle, TriG and N-Quads, written by Oxigraph's serialiser (strict and fast).

Triples must come in :func:`newsgraph.mapping.sort_key` order; the output is then the same bytes
for the same story.

>>> from pyoxigraph import Literal, NamedNode, Triple
>>> t = Triple(NamedNode("https://ex.org/a"), NamedNode("http://schema.org/name"), Literal("Α", language="el"))
>>> print(to_turtle([t], {"schema": "http://schema.org/"}), end="")
@prefix schema: <http://schema.org/> .
<https://ex.org/a> schema:name "Α"@el .
"""

from __future__ import annotations

from typing import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

__all__ = ["to_turtle", "to_trig", "to_nquads", "to_ntriples"]


def to_turtle(triples: Iterable[Triple], prefixes: dict[str, str]) -> str:
    """Turtle with the given prefixes."""
    return serialize(list(triples), format=RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")


def _in_graph(triples: Iterable[Triple], graph: str) -> list[Quad]:
    g = NamedNode(graph)
    return [Quad(t.subject, t.predicate, t.object, g) for t in triples]


def to_trig(triples: Iterable[Triple], graph: str, prefixes: dict[str, str]) -> str:
    """TriG: the triples inside the named graph ``graph``."""
    quads = _in_graph(triples, graph)
    return serialize(quads, format=RdfFormat.TRIG, prefixes=prefixes).decode("utf-8")


def to_nquads(triples: Iterable[Triple], graph: str) -> str:
    """N-Quads: one line per triple, in the named graph ``graph``."""
    return serialize(_in_graph(triples, graph), format=RdfFormat.N_QUADS).decode("utf-8")


def to_ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples (canonical form)."""
    return serialize(list(triples), format=RdfFormat.N_TRIPLES).decode("utf-8")
