"""A description of what a newsroom published, for others to find and reuse it: VoID and DCAT.

The description says what the dataset is (title, publisher, licence, languages, when it last
changed), what it holds (each article's graph, its evidence graph and the catalogue's, with their
triple counts, and the vocabularies they use), where to get it (the SPARQL endpoint and the dump,
when the newsroom's configuration names them) and a few example resources. Its numbers are
counted from the graphs themselves, so they match a store the same articles are loaded into.

>>> from newsgraph.store.loading import Payload
>>> graph = Payload("a", "https://newsgraph.example/graph/a", b'<https://newsgraph.example/article/a> '
...     b'<http://schema.org/inLanguage> "el" .\\n', 1)
>>> print(describe(payload_graphs([graph]), base="https://newsgraph.example/").splitlines()[0])
@prefix dcat: <http://www.w3.org/ns/dcat#> .
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..model.vocab import DEFAULT_BASE, PREFIXES, RDF_TYPE, SCHEMA, XSD
from ..store.loading import Payload
from ..stories.config import Config
from ..writing.turtle import oxigraph_turtle

__all__ = ["GraphCount", "describe", "payload_graphs", "store_graphs"]

#: A named graph and its triples.
Graph = tuple[str, Iterable[ox.Triple]]

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


def payload_graphs(payloads: Iterable[Payload]) -> Iterator[Graph]:
    """The graphs of ``payloads`` (each article's and its evidence graph), read as they come."""
    for payload in payloads:
        for part in payload.graphs:
            yield part.graph, ox.parse(part.ntriples(), format=ox.RdfFormat.N_TRIPLES)


def store_graphs(store: Any) -> Iterator[Graph]:
    """Every named graph of ``store`` (anything with ``query(sparql)``), read as they come."""
    names = sorted(row["g"].value for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    for name in names:
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {ox.NamedNode(name)} {{ ?s ?p ?o }} }}")
        yield name, (ox.Triple(r["s"], r["p"], r["o"]) for r in rows)


def describe(graphs_in: Iterable[Graph], *, base: str = DEFAULT_BASE, config: Config | None = None) -> str:
    """The VoID and DCAT description, as Turtle, of ``graphs_in``; its title, publisher, licence
    and rights (covering every graph it lists, the catalogue's included), SPARQL endpoint and
    dump are ``config``'s (a newsroom's newsgraph.toml)."""
    config = config or Config()
    graphs: dict[str, GraphCount] = {}
    articles: set[str] = set()
    languages: set[str] = set()
    dates: set[str] = set()
    for name, triples_in in graphs_in:
        count = graphs.setdefault(name, GraphCount(name))
        for triple in triples_in:
            count.triples += 1
            count.vocabularies.add(_namespace(triple.predicate.value))
            if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                count.vocabularies.add(_namespace(triple.object.value))
            subject, value = triple.subject, triple.object
            if (
                isinstance(subject, ox.NamedNode)
                and subject.value.startswith(f"{base}article/")
                and "#" not in subject.value
            ):
                articles.add(subject.value)
                if not isinstance(value, ox.Literal):
                    continue
                if triple.predicate.value == SCHEMA + "inLanguage":
                    languages.add(value.value.split("-")[0])
                elif triple.predicate.value in (SCHEMA + "datePublished", SCHEMA + "dateModified"):
                    dates.add(value.value[:10])
    dataset = ox.NamedNode(f"{base}dataset")
    triples = [
        (dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        (dataset, RDF_TYPE, ox.NamedNode(DCAT + "Dataset")),
        (dataset, DCTERMS + "title", ox.Literal(config.title or "newsgraph articles", language="en")),
        (dataset, VOID + "triples", _integer(sum(g.triples for g in graphs.values()))),
        (dataset, DCTERMS + "modified", ox.Literal(max(dates), datatype=ox.NamedNode(XSD + "date"))) if dates else None,
        (dataset, VOID + "uriSpace", ox.Literal(base)),
    ]
    triples += [
        (dataset, DCTERMS + key, ox.NamedNode(value))
        for key, value in (("publisher", config.publisher), ("license", config.license))
        if value
    ]
    rights, endpoint, dump = config.copyright_notice, config.sparql_endpoint, config.dump_url
    triples += [(dataset, DCTERMS + "rights", ox.Literal(rights))] if rights else []
    triples += [(dataset, VOID + "sparqlEndpoint", ox.NamedNode(endpoint))] if endpoint else []
    triples += [(dataset, VOID + "dataDump", ox.NamedNode(dump))] if dump else []
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
