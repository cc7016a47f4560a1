"""The parts of the published contract that are decided elsewhere, written from where they are:
the classes, event statuses and participant roles ``ontology/shapes.ttl`` and the JSON-LD profile
list (from :mod:`newsgraph.model.vocab`), the context the profile requires (from
``schemas/newsgraph-context.jsonld``), and the forms the catalogue schema, the profile and the
shapes share with the story schema: ids, QIDs, language tags, dates, and the IRIs minted from a
base (``{base}article/{slug}#{id}``, ``{base}graph/{slug}``, ``{base}thing/{id}``).

``python scripts/contract.py`` writes them, and a test fails when a file differs from what it would
write: a class or a form is changed in one place, and the contract follows.

>>> "ng:PhoneCall" in LISTS["event classes"]
True
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..model.iris import ARTICLE_PATH, GRAPH_PATH, THING_PATH
from ..model.vocab import (
    ARTICLE_CLASSES,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_STATUSES,
    PREFIXES,
    PUBLISHED_CLASSES,
    ROLE_IRIS,
    WD,
)

__all__ = ["LISTS", "SHARED_DEFS", "shapes_text", "profile_document", "catalogue_schema"]

#: The story schema's definitions the catalogue schema uses as they are.
SHARED_DEFS = ("id", "qid", "language", "date", "text", "lang-text", "lang-texts")


def _prefixed(iri: str) -> str:
    prefix, namespace = max(((p, n) for p, n in PREFIXES.items() if iri.startswith(n)), key=lambda pn: len(pn[1]))
    return f"{prefix}:{iri[len(namespace) :]}"


def _first_classes() -> list[str]:
    """The class the shapes check each entity type as (the first of its classes), once each."""
    return list(dict.fromkeys(classes[0] for classes in ENTITY_CLASSES.values()))


#: Each generated list of the shapes, by the name its ``# generated:`` comment gives, as prefixed names.
LISTS: dict[str, list[str]] = {
    "published classes": sorted(map(_prefixed, PUBLISHED_CLASSES)),
    "event classes": sorted(map(_prefixed, EVENT_CLASSES.values())),
    "event statuses": sorted(map(_prefixed, EVENT_STATUSES.values())),
    "participant roles": sorted(map(_prefixed, ROLE_IRIS.values())),
    "article classes": list(map(_prefixed, ARTICLE_CLASSES.values())),
    "entity classes": list(map(_prefixed, _first_classes())),
}

#: A generated part of shapes.ttl: the comment naming it, then ``sh:in ( ... )``, ``sh:targetClass
#: a , b`` or ``sh:pattern "..."``.
_GENERATED = re.compile(
    r"(?P<head># generated: (?P<name>[a-z ]+)\n(?P<indent>[ ]*)(?P<key>sh:in|sh:targetClass|sh:pattern) )"
    r'(?P<list>\([^)]*\)|"(?:[^"\\]|\\.)*"|[^;.\]]*?)(?=\s*[;.\]])'
)


def _wrapped(names: list[str], indent: str, separator: str) -> str:
    lines, line = [], ""
    for name in names:
        if line and len(indent) + len(line) + len(name) > 104:
            lines.append(line.rstrip())
            line = ""
        line += name + separator
    lines.append(line.rstrip(separator).rstrip())
    return f"\n{indent}    ".join(lines)


def _patterns(story_schema: dict[str, Any]) -> dict[str, str]:
    """The forms the published files share with the story schema, by the name shapes.ttl gives them."""
    defs = story_schema["$defs"]
    qid = defs["qid"]["pattern"]
    base = story_schema["properties"]["base"]["pattern"].removesuffix("$")  # ends in "/"
    id = defs["id"]["pattern"].removeprefix("^").removesuffix("$")
    paths = "(" + "|".join(p.rstrip("/") for p in (ARTICLE_PATH, THING_PATH)) + ")/"
    return {
        "language pattern": defs["language"]["pattern"],
        "wikidata entity pattern": "^" + re.escape(WD) + qid.removeprefix("^"),
        # a node is the article, a thing, or a node of either: {base}article/{slug}#{id}.{id}...
        "node pattern": f"{base}{paths}{id}(#{id}(\\.{id})*)?$",
        "graph pattern": f"{base}{GRAPH_PATH}{id}$",
        "http pattern": defs["http-iri"]["pattern"],
    }


def _turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def shapes_text(text: str, story_schema: dict[str, Any]) -> str:
    """``text`` (shapes.ttl) with every ``# generated:`` part written from where it is decided.

    >>> print(shapes_text("    # generated: event statuses\\n    sh:in ( old ) ;", {}))
        # generated: event statuses
        sh:in ( schema:EventCancelled schema:EventPostponed schema:EventRescheduled schema:EventScheduled ) ;
    """

    def write(m: re.Match[str]) -> str:
        if m["key"] == "sh:pattern":
            return m["head"] + _turtle_string(_patterns(story_schema)[m["name"]])
        names = LISTS[m["name"]]
        if m["key"] == "sh:in":
            return f"{m['head']}( {_wrapped(names, m['indent'], ' ')} )"
        return m["head"] + _wrapped(names, m["indent"], " , ")

    return _GENERATED.sub(write, text)


def _term(iri: str, context: dict[str, Any]) -> str:
    """The context's term for a class or value IRI: its name after the prefix, which the context
    defines (the build compacts with the same context)."""
    local = _prefixed(iri).split(":", 1)[1]
    if local not in context:
        raise ValueError(f"schemas/newsgraph-context.jsonld defines no term {local!r} for <{iri}>")
    return local


def _rule(profile: dict[str, Any], first: str) -> dict[str, Any]:
    """The profile's rule for nodes of the class whose term ``first`` its condition names first."""
    for rule in profile["$defs"]["node"]["allOf"]:
        types = rule.get("if", {}).get("properties", {}).get("@type", {}).get("anyOf", [])
        if types and types[0].get("const") == first:
            return rule
    raise ValueError(f"the JSON-LD profile has no rule for nodes of type {first!r}")


def _types(terms: list[str]) -> list[dict[str, Any]]:
    """A node's @type is the term, or an array containing it."""
    return [form for t in terms for form in ({"const": t}, {"type": "array", "contains": {"const": t}})]


def profile_document(profile: dict[str, Any], context: dict[str, Any], story_schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON-LD ``profile`` with the context it requires, the lists the vocabulary decides and
    the forms it shares with the story schema written from ``context`` (the bundled context
    document), the vocabulary and ``story_schema``."""
    out = copy.deepcopy(profile)
    terms = context["@context"]
    out["properties"]["@context"]["const"] = terms
    patterns = _patterns(story_schema)
    out["$defs"]["wikidata-iri"]["pattern"] = patterns["wikidata entity pattern"]
    out["$defs"]["node-iri"]["pattern"] = patterns["node pattern"]
    out["$defs"]["graph-iri"]["pattern"] = patterns["graph pattern"]
    out["$defs"]["http-iri"]["pattern"] = patterns["http pattern"]
    out["$defs"]["language-map"]["propertyNames"]["pattern"] = patterns["language pattern"]
    node = out["$defs"]["node"]
    for tagged in ("inLanguage", "translatedFrom"):
        node["properties"][tagged]["pattern"] = patterns["language pattern"]
    node["properties"]["eventStatus"]["enum"] = sorted(_term(i, terms) for i in EVENT_STATUSES.values())
    node["properties"]["participantRole"]["enum"] = sorted(_term(i, terms) for i in ROLE_IRIS.values())
    articles = [_term(i, terms) for i in ARTICLE_CLASSES.values()]
    _rule(out, articles[0])["if"]["properties"]["@type"]["anyOf"] = _types(articles)
    entities = [_term(i, terms) for i in _first_classes()]
    _rule(out, entities[0])["if"]["properties"]["@type"]["anyOf"] = _types(entities)
    events = _rule(out, "Event")["then"]["properties"]["@type"]["contains"]
    events["enum"] = sorted(_term(i, terms) for i in EVENT_CLASSES.values())
    return out


def catalogue_schema(catalogue: dict[str, Any], story_schema: dict[str, Any]) -> dict[str, Any]:
    """The catalogue file's schema with the definitions it shares with stories (ids, QIDs,
    language tags, dates, texts) written from ``story_schema``: both files are read alike."""
    out = copy.deepcopy(catalogue)
    for name in SHARED_DEFS:
        out["$defs"][name] = copy.deepcopy(story_schema["$defs"][name])
    return out
