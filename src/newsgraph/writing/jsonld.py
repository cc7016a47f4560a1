"""JSON-LD: the bundled context, our deterministic compact output, and pyld with an offline loader.

The document newsgraph publishes is the article's triples compacted with the bundled context
(``schemas/newsgraph-context.jsonld``), embedded in the document so that its meaning never
depends on a remote file. :func:`to_jsonld` writes it directly from the graph's nodes; the tests prove
it is exactly what pyld's compaction gives (:func:`compact_with_pyld`), and that expanding it gives
back exactly the Turtle's triples.

pyld never touches the network here: :func:`document_loader` serves the bundled context and
refuses every other URL.

>>> CONTEXT["schema"]
'http://schema.org/'
>>> from pyld import jsonld as pyld
>>> try:
...     document_loader("https://example.org/remote-context.jsonld")
... except pyld.JsonLdError as exc:
...     print(exc.code)
loading document failed
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import orjson

from ..mapping.article import Lit, MappedArticle, Obj
from ..model.vocab import RDF_TYPE, XSD
from ..resources import read_json, read_text
from .turtle import ntriples_text

__all__ = [
    "CONTEXT",
    "CONTEXT_URL",
    "to_jsonld",
    "dumps",
    "document_loader",
    "expand",
    "to_nquads_with_pyld",
    "compact_with_pyld",
]

CONTEXT_RESOURCE = "schemas/newsgraph-context.jsonld"
#: The URL the bundled context is known by; the offline loader serves it from the package.
CONTEXT_URL = "https://newsgraph.example/ns/context.jsonld"
CONTEXT: dict[str, Any] = read_json(CONTEXT_RESOURCE)["@context"]


def _pyld() -> Any:
    """pyld's JSON-LD processor (a heavy import: only the checks against it need it)."""
    from pyld import jsonld

    return jsonld


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld document loader: the bundled context by its URL; every other URL is refused."""
    if url == CONTEXT_URL:
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads(read_text(CONTEXT_RESOURCE)),
        }
    raise _pyld().JsonLdError(
        f"Refusing to load remote document {url}: newsgraph never fetches JSON-LD contexts "
        "over the network; embed the context instead.",
        "jsonld.LoadDocumentError",
        code="loading document failed",
    )


# -- the context as lookup tables ---------------------------------------------------------------


def _expand_iri(value: str, prefixes: dict[str, str]) -> str:
    prefix, sep, local = value.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    return value


@cache
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, str, str | None]], dict[str, str]]:
    """(IRI -> term for classes and individuals, predicate IRI -> (term, kind, datatype), prefixes)."""
    prefixes = {k: v for k, v in CONTEXT.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    names: dict[str, str] = {}
    properties: dict[str, tuple[str, str, str | None]] = {}
    for term, definition in CONTEXT.items():
        if term in prefixes:
            continue
        if isinstance(definition, str):
            names[_expand_iri(definition, prefixes)] = term
            continue
        iri = _expand_iri(definition["@id"], prefixes)
        container = definition.get("@container")
        coercion = definition.get("@type")
        if container == "@language":
            kind, datatype = "language", None
        elif coercion == "@id":
            kind, datatype = ("ids" if container == "@set" else "id"), None
        elif coercion == "@vocab":
            kind, datatype = "vocab", None
        elif coercion:
            kind, datatype = "typed", _expand_iri(coercion, prefixes)
        else:
            kind, datatype = "plain", None
        properties[iri] = (term, kind, datatype)
    return names, properties, prefixes


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    """``iri`` as prefix:local where a namespace holds it; a namespace alone stays whole.

    >>> _compact_iri("http://schema.org/Person", {"schema": "http://schema.org/"})
    'schema:Person'
    >>> _compact_iri("http://schema.org/", {"schema": "http://schema.org/"})
    'http://schema.org/'
    """
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


# -- direct output ------------------------------------------------------------------------------


def to_jsonld(mapped: MappedArticle) -> dict[str, Any]:
    """The compact JSON-LD document of an article graph: one node object per subject, in a
    top-level ``@graph`` named by the article graph's IRI, in canonical order (exactly what pyld's
    compaction gives)."""
    names, properties, prefixes = _tables()
    nodes: list[dict[str, Any]] = []
    for subject, predicates in mapped.nodes.items():
        node: dict[str, Any] = {"@id": subject}
        for p, objects in predicates.items():
            if p == RDF_TYPE:
                types = [names.get(o) or _compact_iri(o, prefixes) for o in objects]  # type: ignore[arg-type]
                node["@type"] = types[0] if len(types) == 1 else types
                continue
            term, kind, datatype = properties[p]  # KeyError: a predicate missing from the context
            if kind == "language":
                lang_map: dict[str, Any] = {}
                for o in objects:
                    if isinstance(o, Lit) and o.language:  # always, for a language-map term
                        _add(lang_map, o.language, o.value, False)
                node[term] = lang_map
            elif kind == "ids":
                node[term] = list(objects)
            elif kind == "id":
                node[term] = objects[0] if len(objects) == 1 else list(objects)
            else:
                values = [_value(o, kind, datatype, names, prefixes) for o in objects]
                node[term] = values[0] if len(values) == 1 else values
        nodes.append(node)
    # The top-level @id names the graph, so the triples land in the article's named graph, as in the TriG.
    return {"@context": CONTEXT, "@id": mapped.graph, "@graph": nodes}


def _value(o: Obj, kind: str, datatype: str | None, names: dict[str, str], prefixes: dict[str, str]) -> Any:
    if kind == "vocab":
        return names.get(o) or _compact_iri(o, prefixes)  # type: ignore[arg-type]
    if not isinstance(o, Lit):
        return o
    if kind == "typed" and o.datatype == datatype:
        return o.value
    if o.datatype and o.datatype != XSD + "string":
        return {"@value": o.value, "@type": _compact_iri(o.datatype, prefixes)}
    return o.value


def _add(holder: dict[str, Any], key: str, value: Any, as_set: bool) -> None:
    if key not in holder:
        holder[key] = [value] if as_set else value
    elif isinstance(holder[key], list):
        holder[key].append(value)
    else:
        holder[key] = [holder[key], value]


def dumps(document: dict[str, Any]) -> str:
    """Deterministic JSON text: keys sorted, two-space indent, UTF-8 characters kept.

    Written by orjson; the tests prove it is byte for byte what ``json.dumps(document,
    ensure_ascii=False, indent=2, sort_keys=True)`` writes, ten times slower.
    """
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode("utf-8") + "\n"


# -- the reference processor (pyld), offline ----------------------------------------------------


def _options(**extra: Any) -> dict[str, Any]:
    return {"documentLoader": document_loader, **extra}


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Expand a JSON-LD document with pyld, offline."""
    return _pyld().expand(document, _options())


def to_nquads_with_pyld(document: dict[str, Any]) -> str:
    """The N-Quads of a JSON-LD document according to pyld (offline)."""
    return _pyld().to_rdf(document, _options(format="application/n-quads"))


def compact_with_pyld(mapped: MappedArticle) -> dict[str, Any]:
    """The reference compaction: N-Quads in the article's graph -> pyld fromRdf -> pyld compact,
    with our context (one named graph compacts to a top-level ``@id`` and ``@graph``)."""
    graph = f" <{mapped.graph}> .\n"
    nquads = "".join(line[: -len(" .")] + graph for line in ntriples_text(mapped.nodes).splitlines())
    expanded = _pyld().from_rdf(nquads, _options(format="application/n-quads"))
    return _pyld().compact(expanded, {"@context": CONTEXT}, _options())
