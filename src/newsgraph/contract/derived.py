"""The parts of the published contract that the vocabulary decides: which classes, event statuses
and participant roles ``ontology/shapes.ttl`` and the JSON-LD profile list, and the context the
profile requires.

They are written from :mod:`newsgraph.model.vocab` and ``schemas/newsgraph-context.jsonld`` by
``python scripts/contract.py``, and a test fails when a file differs from what it would write:
a class is added to the vocabulary, in one place, and the contract follows.

>>> "ng:PhoneCall" in LISTS["event classes"]
True
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..model.vocab import (
    ARTICLE_CLASSES,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_STATUSES,
    PREFIXES,
    PUBLISHED_CLASSES,
    ROLE_IRIS,
)

__all__ = ["LISTS", "shapes_text", "profile_document"]


def _prefixed(iri: str) -> str:
    prefix, namespace = max(((p, n) for p, n in PREFIXES.items() if iri.startswith(n)), key=lambda pn: len(pn[1]))
    return f"{prefix}:{iri[len(namespace) :]}"


def _first_classes() -> list[str]:
    """The class the shapes check each entity type as (the first of its classes), once each."""
    return list(dict.fromkeys(classes[0] for classes in ENTITY_CLASSES.values()))


#: Each generated list of the shapes, by the name its ``# vocab:`` comment gives, as prefixed names.
LISTS: dict[str, list[str]] = {
    "published classes": sorted(map(_prefixed, PUBLISHED_CLASSES)),
    "event classes": sorted(map(_prefixed, EVENT_CLASSES.values())),
    "event statuses": sorted(map(_prefixed, EVENT_STATUSES.values())),
    "participant roles": sorted(map(_prefixed, ROLE_IRIS.values())),
    "article classes": list(map(_prefixed, ARTICLE_CLASSES.values())),
    "entity classes": list(map(_prefixed, _first_classes())),
}

#: A generated list in shapes.ttl: the comment naming it, then ``sh:in ( ... )`` or ``sh:targetClass a , b``.
_GENERATED = re.compile(
    r"(?P<head># vocab: (?P<name>[a-z ]+)\n(?P<indent>[ ]*)(?P<key>sh:in|sh:targetClass) )"
    r"(?P<list>\([^)]*\)|[^;.\]]*?)(?=\s*[;.\]])"
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


def shapes_text(text: str) -> str:
    """``text`` (shapes.ttl) with every ``# vocab:`` list written from the vocabulary.

    >>> print(shapes_text("    # vocab: event statuses\\n    sh:in ( old ) ;"))
        # vocab: event statuses
        sh:in ( schema:EventCancelled schema:EventPostponed schema:EventRescheduled schema:EventScheduled ) ;
    """

    def write(m: re.Match[str]) -> str:
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


def profile_document(profile: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """The JSON-LD ``profile`` with the context it requires and the lists the vocabulary decides
    written from ``context`` (the bundled context document) and the vocabulary."""
    out = copy.deepcopy(profile)
    terms = context["@context"]
    out["properties"]["@context"]["const"] = terms
    node = out["$defs"]["node"]
    node["properties"]["eventStatus"]["enum"] = sorted(_term(i, terms) for i in EVENT_STATUSES.values())
    node["properties"]["participantRole"]["enum"] = sorted(_term(i, terms) for i in ROLE_IRIS.values())
    articles = [_term(i, terms) for i in ARTICLE_CLASSES.values()]
    _rule(out, articles[0])["if"]["properties"]["@type"]["anyOf"] = _types(articles)
    entities = [_term(i, terms) for i in _first_classes()]
    _rule(out, entities[0])["if"]["properties"]["@type"]["anyOf"] = _types(entities)
    events = _rule(out, "Event")["then"]["properties"]["@type"]["contains"]
    events["enum"] = sorted(_term(i, terms) for i in EVENT_CLASSES.values())
    return out
