"""The story model: plain, immutable dataclasses with no I/O.

A :class:`Story` is what an editor annotated about one article: the article itself, the entities
it mentions, the events it reports and the claims it attributes, each with evidence spans into
the article text.

>>> span = Span(start=4, end=12, text="Πρόεδρος")
>>> span.end - span.start
8
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "LangText",
    "Span",
    "When",
    "Office",
    "Entity",
    "Participant",
    "Event",
    "Claim",
    "Article",
    "Story",
    "ENTITY_TYPES",
    "AGENT_TYPES",
    "EVENT_TYPES",
    "ROLES",
    "ARTICLE_TYPES",
    "CLAIM_KINDS",
]

#: Text per language: ``{"el": "Βλαντιμίρ Πούτιν", "en": "Vladimir Putin"}``.
LangText = Mapping[str, str]

#: Entity types a story may use.
ENTITY_TYPES = (
    "person",
    "state",
    "organization",
    "government-body",
    "news-agency",
    "media",
    "place",
    "city",
    "region",
    "position",
    "unnamed-source",
    "work",
)

#: Entity types that can act and speak (a claim attributed to one is prov:wasAttributedTo it).
AGENT_TYPES = frozenset(
    {"person", "state", "organization", "government-body", "news-agency", "media", "unnamed-source"}
)

#: Event types a story may use; each has a class in ontology/newsgraph.ttl.
EVENT_TYPES = (
    "phone-call",
    "meeting",
    "visit",
    "interview",
    "statement",
    "appointment",
    "negotiation",
    "dialogue",
    "agreement",
    "sanctions",
    "sanctions-relief",
    "pressure-campaign",
    "diplomatic-isolation",
    "invasion",
    "military-action",
    "election",
    "protest",
    "release",
    "other",
)

#: Roles of a participant in an event.
ROLES = (
    "participant",
    "organizer",
    "host",
    "guest",
    "initiator",
    "target",
    "interviewer",
    "interviewee",
    "appointer",
    "appointee",
    "speaker",
)

ARTICLE_TYPES = ("news-article", "report", "analysis", "opinion", "reportage", "background")

CLAIM_KINDS = ("claim", "quote")


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: ``text`` is the article text from code point ``start`` (inclusive) to ``end``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class When:
    """When an event happened, at the precision the text gives.

    Exactly one form is used: ``on`` (a year, month, day or date-time); ``start``/``end`` (it
    lasted from ... to ...); ``earliest``/``latest`` (it happened at some time between);
    ``ongoing`` (begun and not ended when the article was published, ``start`` if known); or
    ``unknown``. ``words`` keeps the article's own words ("στις 21 Νοεμβρίου").
    """

    on: str | None = None
    start: str | None = None
    end: str | None = None
    earliest: str | None = None
    latest: str | None = None
    unknown: bool = False
    ongoing: bool = False
    words: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    """An office an entity holds as the article describes it ("Πρόεδρος της Ρωσίας")."""

    id: str
    position: str
    title: LangText = field(default_factory=dict)
    of: str | None = None
    to: str | None = None
    posted_in: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_data(cls, o: dict) -> Office:
        """The office a story or catalogue file describes (data its schema accepted).

        >>> Office.from_data({"id": "president", "position": "president-of-russia", "of": "russia"}).of
        'russia'
        """
        return cls(
            id=o["id"],
            position=o["position"],
            title=dict(o.get("title") or {}),
            of=o.get("of"),
            to=o.get("to"),
            posted_in=o.get("posted_in"),
            evidence=tuple(Span(s["start"], s["end"], s["text"]) for s in o.get("evidence") or ()),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, state, organisation, place, position, unnamed source or work."""

    id: str
    type: str
    names: LangText = field(default_factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    description: LangText = field(default_factory=dict)
    wikidata: str | None = None
    unnamed: bool = False
    offices: tuple[Office, ...] = ()
    country: str | None = None
    part_of: str | None = None
    source_of: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    sources: tuple[str, ...] = ()  # for a work: what it is based on
    evidence: tuple[Span, ...] = ()
    catalogue: str | None = None  # the catalogue entry it is (then its IRI is the entry's)
    review: str | None = None  # why a person should check it (never published)


@dataclass(frozen=True, slots=True)
class Participant:
    entity: str
    role: str = "participant"
    capacity: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something the article reports, on the authority of ``sources`` (ids, or "article")."""

    id: str
    type: str
    when: When
    participants: tuple[Participant, ...] = ()
    sources: tuple[str, ...] = ("article",)
    status: str | None = None  # scheduled, rescheduled, postponed or cancelled; None: it happened
    names: LangText = field(default_factory=dict)
    description: LangText = field(default_factory=dict)
    location: str | None = None
    about: tuple[str, ...] = ()
    preceded_by: str | None = None
    wikidata: str | None = None
    evidence: tuple[Span, ...] = ()
    catalogue: str | None = None  # the catalogue entry it is (then its IRI is the entry's)
    review: str | None = None  # why a person should check it (never published)


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement the newsroom reports on someone else's authority, or a quote."""

    id: str
    kind: str
    text: LangText
    sources: tuple[str, ...]
    speakers: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    translated_from: str | None = None  # the language the words were said in, if the text translates them
    evidence: tuple[Span, ...] = ()
    review: str | None = None  # why a person should check it (never published)


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    headline: str
    language: str
    published: str
    text: str
    type: str = "news-article"
    publisher: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    based_on: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    modified: str | None = None
    image: str | None = None
    license: str | None = None
    copyright_holder: str | None = None
    copyright_notice: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """One annotated article. ``base`` is the IRI under which its nodes are minted."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    base: str | None = None
    path: str = field(default="", compare=False)

    def entity(self, id: str) -> Entity:
        """The entity with this id (KeyError if none)."""
        for entity in self.entities:
            if entity.id == id:
                return entity
        raise KeyError(id)
