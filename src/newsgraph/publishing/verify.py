"""Read every serialisation of a build back with an independent parser before anything is written.

newsgraph writes Turtle, TriG, JSON-LD and the HTML embed itself (for speed), so ``build
--verify-output`` parses each one with Oxigraph and compares the triples with the graph the
mapping made. A difference is a newsgraph bug: it is raised as an
:class:`~newsgraph.errors.InternalError` and nothing is written.

>>> from newsgraph.publishing.build import build
>>> from newsgraph.model.story import Article, Story
>>> result = build(Story(Article(slug="s", headline="Τίτλος", language="el",
...                              published="2025-12-11", text="Κείμενο")))
>>> verify_serialisations(result)  # silent: every file reads back as the graph
"""

from __future__ import annotations

import json
from typing import Any, Protocol

import pyoxigraph as ox

from ..errors import InternalError
from ..mapping.article import MappedArticle
from ..writing.embed import extract_json


class Serialised(Protocol):
    """What a build gives to check: the mapped graph and each serialisation of it (a
    :class:`~newsgraph.publishing.build.Published` is one)."""

    @property
    def mapped(self) -> MappedArticle: ...
    @property
    def name(self) -> str: ...
    @property
    def graph_iri(self) -> str: ...
    @property
    def turtle(self) -> str: ...
    @property
    def trig(self) -> str: ...
    @property
    def jsonld(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def structured_data(self) -> dict[str, Any]: ...


__all__ = ["verify_serialisations"]


def _read(name: str, text: str, fmt: ox.RdfFormat, graphs: tuple[str | None, ...]) -> dict[str | None, set[ox.Triple]]:
    """The triples of ``text`` by graph; every one must be in one of ``graphs`` (None: the default graph)."""
    found: dict[str | None, set[ox.Triple]] = {graph: set() for graph in graphs}
    try:
        for quad in ox.parse(text.encode("utf-8"), format=fmt):
            graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            if graph not in found:
                raise InternalError(
                    f"{name}: holds a triple in the graph {quad.graph_name}, not in "
                    f"{' or '.join(f'<{g}>' if g else 'the default graph' for g in graphs)}; "
                    "this is a newsgraph bug, please report it"
                )
            found[graph].add(quad.triple)
    except SyntaxError as exc:
        raise InternalError(
            f"{name}: Oxigraph cannot read what newsgraph wrote ({exc}); nothing was "
            "written. This is a newsgraph bug, please report it"
        ) from None
    return found


def verify_serialisations(result: Serialised) -> None:
    """Parse the Turtle, TriG and JSON-LD of ``result`` with Oxigraph; each must give exactly the
    article graph's triples (and the TriG the evidence graph's too). The HTML embed must read back
    as the structured data it was made from."""
    expected = set(result.mapped.triples)
    slug = result.name
    if json.loads(extract_json(result.html)) != result.structured_data:
        raise InternalError(
            f"{slug}.html: the embedded JSON does not read back as written; nothing was written. "
            "This is a newsgraph bug, please report it"
        )
    facts, evidence = result.graph_iri, result.mapped.evidence_graph
    expected_evidence = set(result.mapped.evidence_triples)
    readings = {
        f"{slug}.ttl": (_read(f"{slug}.ttl", result.turtle, ox.RdfFormat.TURTLE, (None,))[None], expected),
        f"{slug}.jsonld": (_read(f"{slug}.jsonld", result.jsonld, ox.RdfFormat.JSON_LD, (facts,))[facts], expected),
    }
    trig = _read(f"{slug}.trig", result.trig, ox.RdfFormat.TRIG, (facts, evidence))
    readings[f"{slug}.trig"] = (trig[facts], expected)
    readings[f"{slug}.trig (evidence)"] = (trig[evidence], expected_evidence)
    for name, (found, wanted) in readings.items():
        if found != wanted:
            missing, extra = wanted - found, found - wanted
            example = next(iter(missing or extra))
            raise InternalError(
                f"{name}: reads back as a different graph ({len(missing)} triples missing, {len(extra)} "
                f"extra, e.g. {'missing' if missing else 'extra'} {example}); nothing was written. "
                "This is a newsgraph bug, please report it"
            )
