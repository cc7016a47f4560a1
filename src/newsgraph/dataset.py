"""A description of what a newsroom published, for others to find and reuse it: VoID and DCAT.

The description says what the dataset is (title, publisher, licence, languages, when it last
changed), what it holds (each article's graph, its evidence graph and the catalogue's, with their
triple counts, and the vocabularies they use), where to get it (the SPARQL endpoint and the dump,
when the newsroom's configuration names them) and a few example resources. Its numbers are
counted from the graphs themselves, so they match a store the same articles are loaded into.

>>> from newsgraph.store import Payload
>>> graph = Payload("a", "https://newsgraph.example/graph/a", b'<https://newsgraph.example/article/a> '
...     b'<http://schema.org/inLanguage> "el" .\\n', 1)
>>> print(describe([graph], base="https://newsgraph.example/").splitlines()[0])
@prefix dcat: <http://www.w3.org/ns/dcat#> .
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from .store import Payload
from .turtle import oxigraph_turtle
from .vocab import DEFAULT_BASE, PREFIXES, RDF_TYPE, SCHEMA, XSD

__all__ = ["GraphCount", "describe"]

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
SD = "http://www.w3.org/ns/sparql-service-description#"
#: ISO 639-1 languages as IRIs (the Library of Congress's), as DCAT asks for a language.
LANGUAGES = "http://id.loc.gov/vocabulary/iso639-1/"
#: How many example resources the description names.
EXAMPLES = 3


@dataclass
class GraphCount:
    """What one named graph holds: its triples, and the vocabularies of its predicates and classes."""

    graph: str
    triples: int = 0
    vocabularies: set[str] = field(default_factory=set)


def describe(
    payloads: Iterable[Payload],
    *,
    base: str = DEFAULT_BASE,
    title: str | None = None,
    publisher: str | None = None,
    license: str | None = None,
    rights: str | None = None,
    sparql_endpoint: str | None = None,
    dump_url: str | None = None,
) -> str:
    """The VoID and DCAT description, as Turtle, of the graphs of ``payloads``: ``license`` (an
    IRI) and ``rights`` (a statement) cover every graph it lists, the catalogue's included."""
    graphs: dict[str, GraphCount] = {}
    articles: set[str] = set()
    languages: set[str] = set()
    dates: set[str] = set()
    for payload in payloads:
        for part in payload.graphs:
            count = graphs.setdefault(part.graph, GraphCount(part.graph))
            for triple in ox.parse(part.ntriples(), format=ox.RdfFormat.N_TRIPLES):
                count.triples += 1
                count.vocabularies.add(_namespace(triple.predicate.value))
                if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                    count.vocabularies.add(_namespace(triple.object.value))
                subject = triple.subject.value
                if subject.startswith(f"{base}article/") and "#" not in subject:
                    articles.add(subject)
                    if triple.predicate.value == SCHEMA + "inLanguage":
                        languages.add(triple.object.value.split("-")[0])
                    elif triple.predicate.value in (SCHEMA + "datePublished", SCHEMA + "dateModified"):
                        dates.add(triple.object.value[:10])
    dataset = ox.NamedNode(f"{base}dataset")
    triples = [
        (dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        (dataset, RDF_TYPE, ox.NamedNode(DCAT + "Dataset")),
        (dataset, DCTERMS + "title", ox.Literal(title or "newsgraph articles", language="en")),
        (dataset, VOID + "triples", _integer(sum(g.triples for g in graphs.values()))),
        (dataset, DCTERMS + "modified", ox.Literal(max(dates), datatype=ox.NamedNode(XSD + "date"))) if dates else None,
        (dataset, VOID + "uriSpace", ox.Literal(base)),
    ]
    triples += [
        (dataset, DCTERMS + key, ox.NamedNode(value))
        for key, value in (("publisher", publisher), ("license", license))
        if value
    ]
    triples += [(dataset, DCTERMS + "rights", ox.Literal(rights))] if rights else []
    triples += [(dataset, VOID + "sparqlEndpoint", ox.NamedNode(sparql_endpoint))] if sparql_endpoint else []
    triples += [(dataset, VOID + "dataDump", ox.NamedNode(dump_url))] if dump_url else []
    triples += [(dataset, DCTERMS + "language", ox.NamedNode(LANGUAGES + lang)) for lang in sorted(languages)]
    vocabularies = set().union(*(g.vocabularies for g in graphs.values())) if graphs else set()
    triples += [(dataset, VOID + "vocabulary", ox.NamedNode(v)) for v in sorted(vocabularies)]
    triples += [(dataset, VOID + "exampleResource", ox.NamedNode(a)) for a in sorted(articles)[:EXAMPLES]]
    ordered = sorted(graphs.values(), key=lambda g: g.graph)
    triples += [(dataset, VOID + "subset", ox.NamedNode(graph.graph)) for graph in ordered]
    for graph in ordered:
        node = ox.NamedNode(graph.graph)
        triples += [
            (node, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
            (node, RDF_TYPE, ox.NamedNode(SD + "Graph")),
            (node, VOID + "triples", _integer(graph.triples)),
        ]
    quads = [ox.Triple(s, ox.NamedNode(p), o) for s, p, o in (t for t in triples if t is not None)]
    prefixes = {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "sd": SD, "xsd": XSD, **PREFIXES}
    return oxigraph_turtle(quads, prefixes).decode("utf-8")


def _namespace(iri: str) -> str:
    """The vocabulary an IRI belongs to: up to its last '#' or '/'."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
