"""What the store says about one of newsgraph's IRIs, in the form a client asks for.

Every IRI newsgraph mints under a base is a *resource* here: an article (``article/{slug}``; its
nodes ``#id`` resolve through it), a catalogue thing (``thing/{id}``), a named graph
(``graph/{slug}``, ``graph/{slug}/evidence``, ``graph/catalogue``), the ontology (``ns``) and the
JSON-LD context (``context.jsonld``). A resource is described in Turtle, N-Triples, JSON-LD or
a readable HTML page (:data:`MEDIA_TYPES`); :func:`negotiate` picks one from an Accept header.

>>> negotiate("text/html;q=0.9, text/turtle")
'text/turtle'
>>> negotiate("image/png") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import pyoxigraph as ox

from ..mapping.article import EVIDENCE_GRAPH_SUFFIX
from ..model.iris import ARTICLE_PATH, GRAPH_PATH, ID_PATTERN, THING_PATH, thing_iri
from ..model.vocab import NG, PREFIXES, RDF_TYPE, SCHEMA, WD
from ..resources import read_text
from ..writing.turtle import oxigraph_turtle

__all__ = ["MEDIA_TYPES", "EXTENSIONS", "Resource", "negotiate", "find_resource", "local_link", "render"]

#: Media type -> the extension of the document that holds that representation.
MEDIA_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "text/html": "html",
}
EXTENSIONS = {extension: media for media, extension in MEDIA_TYPES.items()}
_RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: A path of a resource: what it is and its name (slugs and ids have the story schema's form of an id).
_ID = ID_PATTERN.pattern.removeprefix("^").removesuffix("\\Z")
_PATHS = re.compile(
    rf"^(?:(?P<kind>{ARTICLE_PATH}|{THING_PATH})(?P<name>{_ID})"
    rf"|{GRAPH_PATH}(?P<graph>{_ID})(?P<evidence>{EVIDENCE_GRAPH_SUFFIX})?|(?P<ontology>ns))$"
)
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
NAMES = (SCHEMA + "name", SCHEMA + "headline", LABEL, SCHEMA + "description")


def negotiate(accept: str | None) -> str | None:
    """The media type to answer an Accept header with (Turtle when it accepts anything), or None."""
    if not accept or not accept.strip():
        return "text/turtle"
    wanted: list[tuple[float, int, str]] = []
    for n, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0 or "/" not in media:
            continue
        wanted.append((q, -n, media))
    for _q, _n, media in sorted(wanted, reverse=True):
        if media in MEDIA_TYPES:
            return media
        if media in ("*/*", "text/*", "application/*"):
            return next(m for m in MEDIA_TYPES if media == "*/*" or m.startswith(media[:-1]))
    return None


@dataclass(frozen=True)
class Resource:
    """One IRI newsgraph serves: its kind and the IRI."""

    kind: str  # "article", "thing", "graph" or "ontology"
    iri: str
    graph: str | None = None  # the named graph that describes it (an article's, a graph itself)


def find_resource(base: str, path: str) -> Resource | None:
    """The resource at ``path`` (relative to ``base``), or None when newsgraph mints no such IRI."""
    m = _PATHS.match(path)
    if m is None:
        return None
    if m["ontology"]:
        return Resource("ontology", NG.rstrip("#"))
    if m["kind"] == ARTICLE_PATH:
        return Resource("article", f"{base}{ARTICLE_PATH}{m['name']}", f"{base}{GRAPH_PATH}{m['name']}")
    if m["kind"] == THING_PATH:
        return Resource("thing", thing_iri(base, m["name"]))
    iri = f"{base}{GRAPH_PATH}{m['graph']}{m['evidence'] or ''}"
    return Resource("graph", iri, iri)


def local_link(base: str) -> Callable[[str], str]:
    """Where a page links an IRI to when it is served under ``base``: one newsgraph mints (and
    the ontology's) to the server's own path, any other as it is.

    >>> link = local_link("https://news.example/")
    >>> link("https://news.example/thing/x"), link("https://newsgraph.example/ns#Meeting"), link("http://schema.org/name")
    ('/thing/x', '/ns#Meeting', 'http://schema.org/name')
    """
    ontology = NG.rstrip("#")

    def link(iri: str) -> str:
        if iri.startswith(base):
            return "/" + iri[len(base) :]
        if iri.startswith(ontology):
            return "/ns" + iri[len(ontology) :]
        return iri

    return link


def triples_of(store: Any, resource: Resource) -> list[ox.Quad]:
    """What the store says of ``resource``, as quads: an article's and a graph's whole graph, a
    thing's statements in every graph (the catalogue's and each article's), the ontology's file."""
    if resource.kind == "ontology":
        return list(ox.parse(read_text("ontology/newsgraph.ttl"), format=ox.RdfFormat.TURTLE))
    if resource.graph is not None:
        graph = ox.NamedNode(resource.graph)
        query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        return [ox.Quad(s["s"], s["p"], s["o"], graph) for s in store.query(query)]
    node = ox.NamedNode(resource.iri)
    query = f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }}"
    return [ox.Quad(node, s["p"], s["o"], s["g"]) for s in store.query(query)]


def render(quads: list[ox.Quad], media: str, resource: Resource, *, link: Any = None) -> bytes:
    """``quads`` in ``media``: RDF (the triples, in the resource's graph or merged) or an HTML page.
    ``link(iri)`` gives the address to link an IRI to on a page (default: the IRI)."""
    if media == "text/html":
        return _page(quads, resource, link or (lambda iri: iri)).encode("utf-8")
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_order)
    if media != "text/turtle":
        return ox.serialize(triples, format=_RDF_FORMATS[media]) or b""
    return oxigraph_turtle(triples, PREFIXES)


def _order(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


def _page(quads: list[ox.Quad], resource: Resource, link: Any) -> str:
    """A readable page: the resource's names and types, then every node's statements, each with
    the graph it comes from (a thing's statements come from several articles)."""
    subjects: dict[str, list[ox.Quad]] = {}
    for q in sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))):
        subjects.setdefault(str(q.subject).strip("<>"), []).append(q)
    own = subjects.pop(resource.iri, [])
    title = _name(own) or resource.iri
    sections = [_node(resource.iri, own, resource, link)] if own else []
    sections += [_node(s, qs, resource, link) for s, qs in subjects.items()]
    body = "".join(sections) or "<p>The store says nothing about it.</p>"
    here = escape(link(resource.iri))
    return _PAGE.format(title=escape(title), iri=escape(resource.iri), kind=escape(resource.kind), body=body, here=here)


def _name(quads: list[ox.Quad]) -> str:
    for predicate in NAMES:
        for q in quads:
            if q.predicate.value == predicate and isinstance(q.object, ox.Literal):
                return q.object.value
    return ""


def _node(subject: str, quads: list[ox.Quad], resource: Resource, link: Any) -> str:
    """One node's statements, each once, with the graphs (articles, the catalogue) that make it."""
    statements: dict[tuple[str, str], tuple[ox.Quad, list[str]]] = {}
    for q in quads:
        key = (str(q.predicate), str(q.object))
        statements.setdefault(key, (q, []))[1].append(_term(q.graph_name, link, short=True))
    types = ", ".join(_term(q.object, link) for q, _ in statements.values() if q.predicate.value == RDF_TYPE)
    rows = "".join(
        f"<tr><th>{_term(q.predicate, link)}</th><td>{_term(q.object, link)}</td>"
        + (f"<td class=graph>{' '.join(graphs)}</td>" if resource.kind == "thing" else "")
        + "</tr>"
        for q, graphs in statements.values()
        if q.predicate.value != RDF_TYPE
    )
    fragment = subject.rsplit("#", 1)[1] if "#" in subject else ""
    anchor = f' id="{escape(fragment)}"' if fragment else ""
    name = _name(quads)
    heading = f"{escape(name)} <small>{escape(subject)}</small>" if name else escape(subject)
    return f"<section{anchor}><h2>{heading}</h2><p class=types>{types}</p><table>{rows}</table></section>"


def _term(term: Any, link: Any, *, short: bool = False) -> str:
    """A term as the page shows it: an IRI as a link (prefixed, or a graph by its last part when
    ``short``), a literal with its language."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        shown = next((f"{k}:{iri[len(v) :]}" for k, v in PREFIXES.items() if iri.startswith(v) and k != "wd"), iri)
        if short:
            shown = iri.rstrip("/").rsplit("/graph/", 1)[-1]
        if iri.startswith(WD):
            shown = f"Wikidata {iri[len(WD) :]}"
        return f'<a href="{escape(link(iri))}">{escape(shown)}</a>'
    if isinstance(term, ox.Literal):
        lang = f' lang="{escape(term.language)}"' if term.language else ""
        return f"<span{lang}>{escape(term.value)}</span>"
    return escape(str(term))


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1a1a1a}}
h1{{font-size:1.4rem}} h2{{font-size:1.05rem;margin:1.2rem 0 .2rem}} small{{color:#444;font-weight:normal}}
table{{border-collapse:collapse;width:100%}} th,td{{text-align:left;vertical-align:top;padding:.15rem .5rem;
border-bottom:1px solid #ddd}} th{{width:14rem;font-weight:normal;color:#333}} .graph{{font-size:.85rem}}
a{{color:#0b4f9c}} .types{{margin:0;color:#333}}
</style>
</head>
<body>
<header><h1>{title}</h1><p><code>{iri}</code> · {kind} · also as
<a href="{here}.ttl">Turtle</a>, <a href="{here}.jsonld">JSON-LD</a>, <a href="{here}.nt">N-Triples</a></p></header>
<main>{body}</main>
</body>
</html>
"""
