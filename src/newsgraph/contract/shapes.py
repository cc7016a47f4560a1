"""The SHACL shapes of ``ontology/shapes.ttl``, checked in-process on an article graph's nodes.

``ontology/shapes.ttl`` is the one place the rules are written: consumers check a graph with it
in any SHACL engine, and the build checks every article with the same file, compiled once by
:mod:`newsgraph.contract.shacl`. The tests prove the two engines agree: the same verdict, on the
same focus nodes and paths, for the seed article, a generated corpus and a battery of broken
graphs.

>>> from newsgraph.model.vocab import RDF_TYPE, SCHEMA
>>> nodes = {"https://ex.org/article/a#e": {RDF_TYPE: (SCHEMA + "Event",), SCHEMA + "name": (Lit("x", "en"),)}}
>>> for v in check_nodes(nodes)[:2]:
...     print(v.shape, v.message)
ngsh:Event an event has a date, date bounds, is ongoing, or says its date is unknown
ngsh:Event an event has one precise type from the newsgraph ontology besides schema:Event
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..mapping.article import Lit, Nodes, Obj
from ..model.vocab import XSD
from ..resources import read_text
from .shacl import Shapes, Violation

if TYPE_CHECKING:
    import rdflib

__all__ = ["SHAPES", "Violation", "shapes", "check_nodes", "nodes_from_rdflib"]

#: The published shapes, the source of every check here.
SHAPES = "ontology/shapes.ttl"


@functools.cache
def shapes() -> Shapes:
    """The published shapes, compiled (once)."""
    return Shapes(read_text(SHAPES), SHAPES, {"https://newsgraph.example/shapes#": "ngsh"})


def check_nodes(nodes: Nodes) -> list[Violation]:
    """Every violation of the shapes in an article graph (an empty list: it conforms)."""
    return shapes().check(nodes)


def nodes_from_rdflib(graph: rdflib.Graph) -> Nodes:
    """The nodes of an rdflib graph (blank nodes become ``_:id``), e.g. to compare with pySHACL."""
    import rdflib

    def name(term: rdflib.term.Node) -> str:
        return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)

    nodes: dict[str, dict[str, list[Obj]]] = {}
    for s, p, o in graph:
        obj: Obj
        if isinstance(o, rdflib.Literal):
            datatype = (
                None if o.language or o.datatype is None or str(o.datatype) == XSD + "string" else str(o.datatype)
            )
            obj = Lit(str(o), o.language, datatype)
        else:
            obj = name(o)
        nodes.setdefault(name(s), {}).setdefault(str(p), []).append(obj)
    return {s: {p: tuple(v) for p, v in preds.items()} for s, preds in nodes.items()}
