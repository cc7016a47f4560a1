"""The article as an IPTC ninjs ("News in JSON") document, versions 2.1 and 3.1.

ninjs is the JSON news-item format of the IPTC. :func:`ninjs` gives the article's metadata in it:
its IRI as ``uri``, headline, language, dates, byline, the parties it rests on (``infoSources``),
the people, organisations, places and events it is about or mentions (with their Wikidata IRI
where the story gives a QID, else newsgraph's own IRI, the same as in the article's graph), and
its rights. Only what newsgraph knows and ninjs has a field of that meaning for is written: the
article's text (``bodies``) is left out (a newsroom may not republish it; the document says
``representationType: partial``), and so are claims, quotes, offices and evidence.

Dates: ninjs's ``firstCreated``/``versionCreated`` are RFC 3339 date-times; a story dated to the
day only leaves them out rather than invent a time of day. Every document validates against the
bundled IPTC schema of its version (``schemas/ninjs/``), checked offline by :func:`check_ninjs`.

>>> import newsgraph
>>> story = newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> document = ninjs(story)
>>> document["uri"], document["headlines"][0]["role"], document["language"]
('https://newsgraph.example/article/2025-12-11-putin-lukashenko-support-maduro', 'main', 'el')
>>> [(p["name"], p["uri"]) for p in document["people"] if p["rel"] == "about"][:1]
[('Νικολάς Μαδούρο', 'http://www.wikidata.org/entity/Q58132')]
>>> [source.get("name") for source in document["infoSources"]]
['in.gr', 'Reuters', 'Belta', 'Politico']
>>> check_ninjs(document), check_ninjs(ninjs(story, version="2.1"), version="2.1")
([], [])
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jsonschema_rs

from ..errors import InputError
from ..model.dates import DATETIME, DateError, parse_date
from ..model.iris import Minter, thing_iri, wikidata_iri
from ..model.story import AGENT_TYPES, Entity, Event, Story
from ..model.vocab import ARTICLE_CLASSES, DEFAULT_BASE, ORGANIZATION_TYPES, PLACE_TYPES
from ..resources import read_json

if TYPE_CHECKING:
    from ..stories.catalogue import Catalogue

__all__ = ["NINJS_VERSIONS", "NINJS_SCHEMAS", "GEOJSON_SCHEMA", "ninjs", "check_ninjs"]

#: The ninjs versions :func:`ninjs` writes.
NINJS_VERSIONS = ("2.1", "3.1")
#: The bundled IPTC schema of each version (a path in the repository, see ``schemas/ninjs/README.md``).
NINJS_SCHEMAS = {version: f"schemas/ninjs/ninjs-schema_{version}.json" for version in NINJS_VERSIONS}
#: The GeoJSON schema both $ref, and the address they $ref it by (never fetched).
GEOJSON_SCHEMA = ("schemas/ninjs/GeoJSON-schema.json", "https://geojson.org/schema/GeoJSON.json")

#: Where each entity type goes: people, organisations or places (other types go nowhere).
_KINDS = {
    "person": "people",
    **dict.fromkeys(ORGANIZATION_TYPES, "organisations"),
    **dict.fromkeys(PLACE_TYPES, "places"),
}

#: Property names that differ between the versions: 2.x writes them in lower case, 3.x in camelCase.
_CAMEL = {
    "contenttype": "contentType",
    "firstcreated": "firstCreated",
    "versioncreated": "versionCreated",
    "representationtype": "representationType",
    "copyrightholder": "copyrightHolder",
    "copyrightnotice": "copyrightNotice",
    "rightsinfo": "rightsInfo",
    "linkedrights": "linkedRights",
    "infosources": "infoSources",
}


def ninjs(story: Story, *, version: str = "3.1", base: str | None = None, catalogue: Catalogue | None = None) -> dict:
    """The article of ``story`` as a ninjs ``version`` document (a new dict, JSON-ready).

    ``base`` overrides the story's base IRI (default ``https://newsgraph.example/``); the things
    the story takes from the catalogue get their IRIs under ``catalogue``'s base when it is given,
    else under ``base``, as in :func:`newsgraph.publishing.build`. Raises InputError for an unknown version
    or a base that is not a base IRI.
    """
    if version not in NINJS_VERSIONS:
        known = ", ".join(NINJS_VERSIONS)
        raise InputError(f"ninjs version {version!r} is not one newsgraph writes; use one of {known}")
    base = base or story.base or DEFAULT_BASE
    try:
        minter = Minter(base, story.article.slug)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return _Writer(story, minter, thing_iri(catalogue.base if catalogue is not None else base, "")).document(version)


def check_ninjs(document: Any, version: str = "3.1") -> list[str]:
    """What makes ``document`` invalid under the bundled IPTC schema of ``version`` (empty when it
    is valid), formats included (``uri``, ``date-time``). Nothing is fetched over the network."""
    errors = _validator(version).iter_errors(document)
    return [f"/{'/'.join(map(str, e.instance_path))}: {e.message}" for e in errors]


@cache
def _validator(version: str) -> Any:
    if version not in NINJS_SCHEMAS:
        raise InputError(f"no bundled ninjs schema for version {version!r} (there are {', '.join(NINJS_SCHEMAS)})")

    def refuse(uri: str) -> Any:
        raise ValueError(f"newsgraph never fetches a schema $ref ({uri})")

    geojson, address = GEOJSON_SCHEMA
    registry = jsonschema_rs.Registry([(address, read_json(geojson))])
    schema = read_json(NINJS_SCHEMAS[version])
    # the draft the schema declares ($schema: 2020-12 for both versions)
    return jsonschema_rs.validator_for(schema, registry=registry, retriever=refuse, validate_formats=True)


class _Writer:
    """Builds one document; ids are the story's, IRIs minted as the article's graph mints them."""

    def __init__(self, story: Story, minter: Minter, thing_prefix: str) -> None:
        self.story = story
        self.article = story.article
        self.minter = minter
        self.thing_prefix = thing_prefix
        self.entities = {e.id: e for e in story.entities}
        self.events = {e.id: e for e in story.events}

    def document(self, version: str) -> dict[str, Any]:
        a = self.article
        out: dict[str, Any] = {
            "uri": _uri(self.minter.article),
            "standard": {
                "name": "ninjs",
                "version": version,
                "schema": f"http://www.iptc.org/std/ninjs/ninjs-schema_{version}.json",
            },
            "type": "text",
            "representationtype": "partial",  # metadata only: the text stays with the newsroom
            "slugline": a.slug,
            "language": a.language,
            "headlines": [{"role": "main", "contenttype": "text/plain", "value": a.headline}],
        }
        first = _date_time(a.published)
        latest = _date_time(a.modified) if a.modified else first
        if first:
            out["firstcreated"] = first
        if latest:
            out["versioncreated"] = latest
        byline = self.byline()
        if byline:
            out["by"] = byline
        out["genres"] = [{"uri": ARTICLE_CLASSES[a.type], "literal": a.type}]
        sources = [self.item(id) for id in self.info_sources()]
        if sources:
            out["infosources"] = sources
        for kind, items in self.subjects().items():
            if items:
                out[kind] = items
        holder = self.entities.get(a.copyright_holder) if a.copyright_holder else None
        holder_name = self.name(holder) if holder is not None else None
        if holder_name:
            out["copyrightholder"] = holder_name
        if a.copyright_notice:
            out["copyrightnotice"] = a.copyright_notice
        if a.license:
            out["rightsinfo"] = {"linkedrights": _uri(a.license)}
        return _cased(out, version)

    # -- values ------------------------------------------------------------------------------
    def name(self, thing: Entity | Event) -> str | None:
        """The name in the article's language (or its primary language), if it has one."""
        if isinstance(thing, Entity) and thing.unnamed:
            return None
        language = self.article.language
        names = thing.names
        if language in names:
            return names[language]
        primary = language.split("-")[0]
        return next((names[tag] for tag in sorted(names) if tag.split("-")[0] == primary), None)

    def iri(self, thing: Entity | Event) -> str:
        """Its Wikidata entity IRI when the story gives a QID, else newsgraph's own IRI for it."""
        if thing.wikidata:
            return wikidata_iri(thing.wikidata)
        if thing.catalogue:
            return _uri(self.thing_prefix + thing.catalogue)
        return _uri(self.minter.node(thing.id))

    def item(self, id: str, rel: str | None = None) -> dict[str, str]:
        thing: Entity | Event = self.entities[id] if id in self.entities else self.events[id]
        out: dict[str, str] = {}
        name = self.name(thing)
        if name:
            out["name"] = name
        if rel:
            out["rel"] = rel
        out["uri"] = self.iri(thing)
        return out

    def byline(self) -> str | None:
        """The authors' names, if every author has one (a partial byline would misattribute)."""
        names = [self.name(self.entities[id]) for id in self.article.authors]
        if not names or not all(names):
            return None
        return ", ".join(n for n in names if n)

    # -- what the article rests on and what it is about --------------------------------------
    def info_sources(self) -> list[str]:
        """The parties (people and organisations) the article rests on, as ids: its publisher,
        then, in story order, every named agent on whose authority it reports anything, walking
        the chain of sources (a work stands for its publisher, an unnamed source for the
        organisation whose source it is)."""
        found: dict[str, None] = {}
        if self.article.publisher:
            found[self.article.publisher] = None
        seen: set[str] = set()

        def walk(ids: Iterable[str]) -> None:
            for id in ids:
                if id in seen or id == "article":
                    continue
                seen.add(id)
                if id in self.events:
                    walk(self.events[id].sources)
                    continue
                entity = self.entities.get(id)
                if entity is None:
                    continue
                if entity.type == "work":
                    walk((entity.publisher,) if entity.publisher else ())
                    walk(entity.sources)
                elif entity.unnamed or entity.type not in AGENT_TYPES:
                    walk((entity.source_of,) if entity.source_of else ())
                else:
                    found.setdefault(id, None)

        walk(self.article.based_on)
        for event in self.story.events:
            walk(event.sources)
        for claim in self.story.claims:
            walk(claim.sources)
        return [id for id in found if self.kind(id) in ("people", "organisations", "places")]

    def subjects(self) -> dict[str, list[dict[str, str]]]:
        """people, organisations, places and events: what the article is about (``rel: about``,
        first, in the story's order) and what it mentions (``rel: mentions``: those with evidence
        in the text), as the article's graph says them (``schema:about``, ``schema:mentions``).
        Unnamed people and sources are left out: they have no name, and a description is not one."""
        out: dict[str, list[dict[str, str]]] = {"people": [], "organisations": [], "places": [], "events": []}
        about = self.article.about
        listed = [(id, "about") for id in about]
        things: tuple[Entity | Event, ...] = (*self.story.entities, *self.story.events)
        listed += [(x.id, "mentions") for x in things if x.evidence and x.id not in about]
        seen: set[tuple[str, str]] = set()
        for id, rel in listed:
            kind = self.kind(id)
            if kind is None:
                continue
            item = self.item(id, rel)
            if (kind, item["uri"]) not in seen:
                seen.add((kind, item["uri"]))
                out[kind].append(item)
        return out

    def kind(self, id: str) -> str | None:
        """The ninjs list a story id goes in (None: in none)."""
        if id in self.events:
            return "events"
        entity = self.entities.get(id)
        if entity is None or entity.unnamed:
            return None
        return _KINDS.get(entity.type)


def _date_time(value: str | None) -> str | None:
    """An RFC 3339 date-time (what ninjs's ``format: date-time`` means) for a story's date-time;
    None for a date without a time of day, which would need an invented time."""
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except DateError:
        return None
    return parsed.lexical if parsed.datatype == DATETIME else None


def _uri(iri: str) -> str:
    """The URI of an IRI (RFC 3987, 3.1: each character outside ASCII percent-encoded as UTF-8),
    for ninjs's ``format: uri``; an ASCII IRI is its own URI."""
    return iri if iri.isascii() else quote(iri, safe="".join(chr(c) for c in range(33, 127)))


def _cased(value: Any, version: str) -> Any:
    """``value`` with the property names of ``version``: 2.x lower case, 3.x camelCase."""
    if version.startswith("2."):
        return value
    if isinstance(value, dict):
        return {_CAMEL.get(k, k): _cased(v, version) for k, v in value.items()}
    if isinstance(value, list):
        return [_cased(v, version) for v in value]
    return value
