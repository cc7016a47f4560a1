"""Turtle, TriG, N-Triples and N-Quads of an article graph, written straight from its nodes.

The writer works on the canonical nodes (no per-triple objects), so it is fast and the same story
always gives the same bytes. What it writes is checked by independent parsers in the tests
(Oxigraph, rapper, serdi, rdflib): IRIs are those the mapping minted or validated, literals are
escaped as N-Triples and Turtle require, and a name is abbreviated with a prefix only when its
local part is a plain Turtle local name.

>>> from newsgraph.mapping.article import Lit
>>> nodes = {"https://ex.org/a": {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("http://schema.org/Person",),
...                                "http://schema.org/name": (Lit("Α\\"β", "el"),)}}
>>> print(turtle_text(nodes, {"schema": "http://schema.org/"}), end="")
@prefix schema: <http://schema.org/> .
<BLANKLINE>
<https://ex.org/a> a schema:Person ;
    schema:name "Α\\"β"@el .
>>> print(trig_text(nodes, "https://ex.org/g", {"schema": "http://schema.org/"}), end="")
@prefix schema: <http://schema.org/> .
<BLANKLINE>
<https://ex.org/g> {
    <https://ex.org/a> a schema:Person ;
        schema:name "Α\\"β"@el .
}
>>> print(ntriples_text(nodes), end="")
<https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .
<https://ex.org/a> <http://schema.org/name> "Α\\"β"@el .
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from ..mapping.article import Lit, Nodes, Obj
from ..model.vocab import RDF_TYPE

__all__ = ["turtle_text", "trig_text", "turtle_blocks", "ntriples_text", "nquads_text", "oxigraph_turtle"]

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


#: Compacted vocabulary IRIs, shared by every writer that uses the same prefixes.
_SHARED: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}


class _Names:
    """IRI -> how Turtle writes it (prefixed where possible), remembered.

    Vocabulary IRIs are the same in every article and are remembered across writers; the
    article's own nodes (prefix ``art``) are compacted by slicing.
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.own = prefixes.get("art")
        shared = tuple(sorted((p, ns) for p, ns in prefixes.items() if p != "art"))
        # Longest namespace first, so that a more specific namespace wins.
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache = _SHARED.setdefault(shared, {})

    def iri(self, iri: str) -> str:
        written = self.cache.get(iri)
        if written is not None:
            return written
        own = self.own
        if own and iri.startswith(own) and _LOCAL.match(iri, len(own)):
            return "art:" + iri[len(own) :]
        written = f"<{iri}>"
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and _LOCAL.match(iri, len(namespace)):
                written = f"{prefix}:{iri[len(namespace) :]}"
                break
        if written[0] != "<":
            self.cache[iri] = written  # vocabulary IRIs only: other full IRIs are one-offs
        return written

    def obj(self, o: Obj) -> str:
        if isinstance(o, Lit):
            if o.language:
                return f"{_quote(o.value)}@{o.language}"
            if o.datatype and o.datatype != _XSD_STRING:
                return f"{_quote(o.value)}^^{self.iri(o.datatype)}"
            return _quote(o.value)
        return self.iri(o)


def _header(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())) + "\n"


def _blocks(nodes: Nodes, names: _Names) -> list[str]:
    """One block per subject: ``subject p o , o ;\n    p o .\n``."""
    iri, obj = names.iri, names.obj
    # The article's own IRIs recur as objects: remember how each is written, for this article.
    written: dict[str, str] = {}
    cached = names.cache.get

    def name(value: str) -> str:
        text = cached(value) or written.get(value)
        if text is None:
            text = written[value] = iri(value)
        return text

    blocks = []
    for subject, predicates in nodes.items():
        statements = [
            ("a " if p == RDF_TYPE else name(p) + " ")
            + " , ".join([name(o) if type(o) is str else obj(o) for o in objects])
            for p, objects in predicates.items()
        ]
        blocks.append(name(subject) + " " + " ;\n    ".join(statements) + " .\n")
    return blocks


def turtle_text(nodes: Nodes, prefixes: Mapping[str, str], blocks: list[str] | None = None) -> str:
    """Turtle: the prefixes, then one block per subject, a blank line between blocks."""
    return _header(prefixes) + "\n".join(blocks if blocks is not None else _blocks(nodes, _Names(prefixes)))


def trig_text(
    nodes: Nodes,
    graph: str,
    prefixes: Mapping[str, str],
    blocks: list[str] | None = None,
    more: Sequence[tuple[str, Nodes]] = (),
) -> str:
    """TriG: the same blocks, indented, inside the named graph ``graph``; then each of ``more``
    (graph, nodes) in its own named graph."""
    names = _Names(prefixes)
    blocks = blocks if blocks is not None else _blocks(nodes, names)
    text = _header(prefixes) + _graph_block(names.iri(graph), blocks)
    for other, other_nodes in more:
        if other_nodes:
            text += "\n" + _graph_block(names.iri(other), _blocks(other_nodes, names))
    return text


def _graph_block(name: str, blocks: list[str]) -> str:
    inner = "\n".join(["    " + b.replace("\n    ", "\n        ") for b in blocks])
    return f"{name} {{\n" + inner + "}\n"


def turtle_blocks(nodes: Nodes, prefixes: Mapping[str, str]) -> list[str]:
    """The subject blocks both Turtle and TriG are made of (compute once, use for both)."""
    return _blocks(nodes, _Names(prefixes))


def ntriples_text(nodes: Nodes) -> str:
    """N-Triples, one line per triple, in canonical order."""
    return "".join(
        f"<{s}> <{p}> {_nt(o)} .\n"
        for s, predicates in nodes.items()
        for p, objects in predicates.items()
        for o in objects
    )


def nquads_text(nodes: Nodes, graph: str) -> str:
    """N-Quads: every triple in the named graph ``graph``."""
    g = f" <{graph}> .\n"
    return "".join(
        f"<{s}> <{p}> {_nt(o)}{g}"
        for s, predicates in nodes.items()
        for p, objects in predicates.items()
        for o in objects
    )


def oxigraph_turtle(triples: list[ox.Triple], prefixes: Mapping[str, str]) -> bytes:
    """``triples`` as Turtle by Oxigraph's writer, in their order, with those of ``prefixes`` they
    use declared in name order (Oxigraph writes its prefixes in no fixed order: the same triples
    must give the same bytes).

    >>> t = ox.Triple(ox.NamedNode("http://schema.org/a"), ox.NamedNode("http://schema.org/b"), ox.Literal("c"))
    >>> print(oxigraph_turtle([t], {"xsd": "http://www.w3.org/2001/XMLSchema#", "schema": "http://schema.org/"}).decode())
    @prefix schema: <http://schema.org/> .
    schema:a schema:b "c" .
    <BLANKLINE>
    """
    used = {k: v for k, v in prefixes.items() if any(v in str(t) for t in triples)}
    text = (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used) or b"").decode("utf-8")
    lines = text.splitlines(keepends=True)
    head = [line for line in lines if line.startswith("@prefix ")]
    return "".join(sorted(head) + lines[len(head) :]).encode("utf-8")
