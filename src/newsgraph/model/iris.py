"""Minting and checking IRIs.

Every node of an article gets a deterministic IRI under the base IRI: the article itself is
``{base}article/{slug}``, its named graph ``{base}graph/{slug}``, and every node described in
it ``{base}article/{slug}#{local}``, where ``local`` is built from the story's own ids. A thing of
the newsroom's catalogue is ``{base}thing/{id}`` in every article that refers to it.

>>> m = Minter("https://newsgraph.example/", "2025-12-11-example")
>>> m.article
'https://newsgraph.example/article/2025-12-11-example'
>>> m.node("putin", "office", "president")
'https://newsgraph.example/article/2025-12-11-example#putin.office.president'
>>> wikidata_iri("Q7747")
'http://www.wikidata.org/entity/Q7747'
>>> wikidata_iri("Q0")
Traceback (most recent call last):
...
ValueError: 'Q0' is not a Wikidata item id (Q followed by a number without leading zeros)
>>> check_iri("https://example.org/a%zz")
Traceback (most recent call last):
...
ValueError: 'https://example.org/a%zz' is not a valid IRI (RFC 3987): Invalid IRI percent encoding '%zz'
"""

from __future__ import annotations

import re
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from ..resources import schema_pattern
from .vocab import WD

__all__ = [
    "ID_PATTERN",
    "QID_PATTERN",
    "BASE_IRI",
    "Minter",
    "ARTICLE_PATH",
    "GRAPH_PATH",
    "THING_PATH",
    "thing_iri",
    "wikidata_iri",
    "check_iri",
    "check_base",
]

_STORY = "schemas/story.schema.json"
#: The forms of a story's ids, QIDs and base IRI, as the story schema defines them.
ID_PATTERN = schema_pattern(_STORY, "$defs", "id")
QID_PATTERN = schema_pattern(_STORY, "$defs", "qid")
BASE_IRI = schema_pattern(_STORY, "properties", "base")


#: The paths under a newsroom's base: an article, its named graph, a thing of the catalogue.
ARTICLE_PATH, GRAPH_PATH, THING_PATH = "article/", "graph/", "thing/"


def thing_iri(base: str, id: str) -> str:
    """The IRI of a catalogue entry, shared by every article that refers to it: ``{base}thing/{id}``.

    >>> thing_iri("https://news.example/", "belta")
    'https://news.example/thing/belta'
    """
    return f"{base}{THING_PATH}{id}"


def wikidata_iri(qid: str) -> str:
    """The Wikidata entity IRI of an item id (never a /wiki/ page address)."""
    if not QID_PATTERN.match(qid):
        raise ValueError(f"{qid!r} is not a Wikidata item id (Q followed by a number without leading zeros)")
    return WD + qid


_HTTP_WITH_HOST = re.compile(r"https?://[^/?#]")
#: Bidirectional formatting characters, which RFC 3987 (section 4.1) says IRIs must not contain.
_BIDI_FORMATTING = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def check_iri(value: str) -> str:
    """Return ``value`` if it is an absolute http(s) IRI valid under RFC 3987, else raise ValueError.

    The grammar is Oxigraph's (the IRI parser of the store newsgraph loads into): no spaces,
    controls or non-characters, percent signs followed by two hex digits, and so on.
    """
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an IRI (not text)")
    try:
        NamedNode(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid IRI (RFC 3987): {exc}") from None
    except UnicodeEncodeError:
        raise ValueError(f"{value!r} is not a valid IRI: it holds a lone surrogate, which is not a character") from None
    bidi = _BIDI_FORMATTING.search(value)
    if bidi:
        raise ValueError(
            f"{value!r} is not a valid IRI: RFC 3987 forbids the bidirectional formatting "
            f"character U+{ord(bidi.group()):04X}"
        )
    if not _HTTP_WITH_HOST.match(value):
        raise ValueError(f"{value!r} is not an http(s) IRI with a host; newsgraph publishes only those")
    return value


def check_base(base: str) -> str:
    """Return ``base`` if it can serve as a base IRI, else raise ValueError saying why."""
    if not isinstance(base, str) or not BASE_IRI.match(base):
        raise ValueError(
            f"base IRI {base!r} must be an absolute http(s) IRI without query or fragment, "
            "ending in '/' (e.g. https://data.example.org/)"
        )
    try:
        check_iri(base)
    except ValueError as exc:
        raise ValueError(f"base {exc}") from None
    return base


class Minter:
    """Mints the IRIs of one article's nodes."""

    __slots__ = ("_prefix", "article", "graph")

    def __init__(self, base: str, slug: str) -> None:
        check_base(base)
        if not ID_PATTERN.match(slug):
            raise ValueError(f"slug {slug!r} must be lower-case letters and digits joined by '-'")
        self.article = f"{base}{ARTICLE_PATH}{slug}"
        self.graph = f"{base}{GRAPH_PATH}{slug}"
        self._prefix = self.article + "#"

    @property
    def prefix(self) -> str:
        """The namespace of the article's nodes (used as a Turtle prefix)."""
        return self._prefix

    def node(self, *parts: str) -> str:
        """The IRI of a node of the article; ``parts`` are story ids and fixed words."""
        return self._prefix + ".".join(parts)


@lru_cache(maxsize=1024)
def language_tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not a well-formed BCP 47 language tag (RFC 5646), or None.

    The judge is Oxigraph's parser: what it refuses it drops from JSON-LD and rejects in Turtle.

    >>> language_tag_problem("sr-Latn-RS") is None, language_tag_problem("en-US-US")
    (True, "'en-US-US' is not a BCP 47 language tag: A subtag fails to parse, it does not match any other subtags")
    """
    try:
        Literal("", language=tag)
    except (ValueError, UnicodeEncodeError) as exc:
        return f"{tag!r} is not a BCP 47 language tag: {exc}"
    return None
