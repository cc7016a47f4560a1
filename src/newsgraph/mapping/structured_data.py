"""What search engines read on an article page: schema.org structured data as plain values.

Google's Article structured data (and most consumers of a page's ``application/ld+json``) reads
``"@context": "https://schema.org"`` with plain strings: a headline, dates, the author and the
publisher by name, images, the page, and what the article is about or mentions with their
Wikidata ``sameAs``. This is that document, made from the article's graph, so every value it gives
is a value of the graph (a language-tagged name becomes its plain text, a typed date its lexical
form). Evidence, roles and sources stay in the full graph (``.jsonld``, ``.ttl``, ``.trig``).

>>> import newsgraph
>>> result = newsgraph.build(newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml"))
>>> data = structured_data(result.mapped)
>>> data["@context"], data["@type"], data["datePublished"], data["publisher"]["name"]
('https://schema.org', 'NewsArticle', '2025-12-11', 'in.gr')
>>> [thing["name"] for thing in data["about"]]
['Αλεξάντερ Λουκασένκο', 'Νικολάς Μαδούρο', 'Βλαντιμίρ Πούτιν']
"""

from __future__ import annotations

from typing import Any

from ..model.vocab import RDF_TYPE, SCHEMA
from .article import Lit, MappedArticle, Obj

__all__ = ["structured_data"]

#: Properties of the article given as plain values (text or date), and as things.
_VALUES = ("headline", "inLanguage", "datePublished", "dateModified")
_LINKS = ("url", "image", "license")
_THINGS = ("author", "publisher", "copyrightHolder", "isBasedOn", "about", "mentions")
#: Properties that hold one thing, not a list (as Google's examples give them).
_ONE = {"publisher", "copyrightHolder"}


def structured_data(mapped: MappedArticle) -> dict[str, Any]:
    """The article's schema.org structured data (``"@context": "https://schema.org"``), from its graph."""
    nodes = mapped.nodes
    article = nodes[mapped.article]
    language = _first_text(article.get(SCHEMA + "inLanguage", ())) or ""
    out: dict[str, Any] = {"@context": "https://schema.org", "@id": mapped.article}
    kind = _schema_type(article)
    if kind:
        out["@type"] = kind
    for name in _VALUES:
        value = _text(article.get(SCHEMA + name, ()), language)
        if value is not None:
            out[name] = value
    for name in _LINKS:
        links = [o for o in article.get(SCHEMA + name, ()) if isinstance(o, str)]
        if links:
            out[name] = links[0] if len(links) == 1 else links
    if "url" in out:
        out["mainEntityOfPage"] = out["url"]  # the page this article is the main thing of
    for name in _THINGS:
        things = [_thing(nodes, o, language) for o in article.get(SCHEMA + name, ()) if isinstance(o, str)]
        if things:
            out[name] = things[0] if name in _ONE else things
    return out


def _thing(nodes: dict[str, dict[str, tuple[Obj, ...]]], iri: str, language: str) -> dict[str, Any]:
    node = nodes.get(iri, {})
    thing: dict[str, Any] = {"@id": iri}
    kind = _schema_type(node)
    if kind:
        thing["@type"] = kind
    for name in ("name", "headline", "description"):
        value = _text(node.get(SCHEMA + name, ()), language)
        if value is not None:
            thing[name] = value
            break  # a name is enough; an unnamed source or person is described instead
    for name in ("sameAs", "url"):
        links = [o for o in node.get(SCHEMA + name, ()) if isinstance(o, str)]
        if links:
            thing[name] = links[0]
    return thing


def _schema_type(node: dict[str, tuple[Obj, ...]]) -> str | None:
    """The node's first schema.org class (newsgraph's own classes are left to the full graph)."""
    for cls in node.get(RDF_TYPE, ()):
        if isinstance(cls, str) and cls.startswith(SCHEMA):
            return cls[len(SCHEMA) :]
    return None


def _first_text(values: tuple[Obj, ...]) -> str | None:
    return next((o.value for o in values if isinstance(o, Lit)), None)


def _text(values: tuple[Obj, ...], language: str) -> str | None:
    """One plain value: the article's language first, then English, then the first there is."""
    literals = [o for o in values if isinstance(o, Lit)]
    for wanted in (language, "en"):
        for o in literals:
            if o.language == wanted:
                return o.value
    return literals[0].value if literals else None
