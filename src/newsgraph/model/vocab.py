"""Namespaces and the vocabulary tables that tie story types to RDF classes and properties.

schema.org is always ``http://schema.org/`` (what its JSON-LD context expands to), never https.

>>> SCHEMA + "Person"
'http://schema.org/Person'
>>> ENTITY_CLASSES["news-agency"]
('http://schema.org/NewsMediaOrganization', 'https://newsgraph.example/ns#NewsAgency')
"""

from __future__ import annotations

__all__ = [
    "SCHEMA",
    "NG",
    "PROV",
    "OA",
    "XSD",
    "RDF",
    "RDFS",
    "WD",
    "PREFIXES",
    "RDF_TYPE",
    "ENTITY_CLASSES",
    "EVENT_CLASSES",
    "EVENT_STATUSES",
    "ARTICLE_CLASSES",
    "ROLE_IRIS",
    "ROLE_PROPERTIES",
    "OTHER_PARTICIPANT",
    "ORGANIZATION_TYPES",
    "PLACE_TYPES",
    "PERSON_OR_ORGANIZATION",
    "PUBLISHED_CLASSES",
    "DEFAULT_BASE",
]

SCHEMA = "http://schema.org/"
NG = "https://newsgraph.example/ns#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
WD = "http://www.wikidata.org/entity/"
RDF_TYPE = RDF + "type"

#: The base IRI data nodes are minted under when neither the story nor the caller gives one.
DEFAULT_BASE = "https://newsgraph.example/"

#: Prefixes used in Turtle and TriG output.
PREFIXES = {
    "schema": SCHEMA,
    "ng": NG,
    "prov": PROV,
    "oa": OA,
    "xsd": XSD,
    "wd": WD,
}

#: The classes of each entity type; the first is the one the shapes check an entity as (ngsh:Entity).
ENTITY_CLASSES: dict[str, tuple[str, ...]] = {
    "person": (SCHEMA + "Person",),
    "state": (SCHEMA + "Country", NG + "SovereignState"),
    "organization": (SCHEMA + "Organization",),
    "government-body": (SCHEMA + "GovernmentOrganization",),
    "news-agency": (SCHEMA + "NewsMediaOrganization", NG + "NewsAgency"),
    "media": (SCHEMA + "NewsMediaOrganization",),
    "place": (SCHEMA + "Place",),
    "city": (SCHEMA + "City",),
    "region": (SCHEMA + "Place", NG + "Region"),
    "position": (NG + "Position",),
    "unnamed-source": (NG + "UnnamedSource", PROV + "Agent"),
    "work": (SCHEMA + "CreativeWork",),
}

EVENT_CLASSES: dict[str, str] = {
    "phone-call": NG + "PhoneCall",
    "meeting": NG + "Meeting",
    "visit": NG + "Visit",
    "interview": NG + "Interview",
    "statement": NG + "PublicStatement",
    "appointment": NG + "Appointment",
    "negotiation": NG + "Negotiation",
    "dialogue": NG + "Dialogue",
    "agreement": NG + "Agreement",
    "sanctions": NG + "Sanctions",
    "sanctions-relief": NG + "SanctionsRelief",
    "pressure-campaign": NG + "PressureCampaign",
    "diplomatic-isolation": NG + "DiplomaticIsolation",
    "invasion": NG + "Invasion",
    "military-action": NG + "MilitaryAction",
    "election": NG + "Election",
    "protest": NG + "Protest",
    "release": NG + "Release",
    "other": NG + "OtherEvent",
}

#: schema.org's EventStatusType for an event the article does not report as having happened.
EVENT_STATUSES = {
    "scheduled": SCHEMA + "EventScheduled",
    "rescheduled": SCHEMA + "EventRescheduled",
    "postponed": SCHEMA + "EventPostponed",
    "cancelled": SCHEMA + "EventCancelled",
}

ARTICLE_CLASSES = {
    "news-article": SCHEMA + "NewsArticle",
    "report": SCHEMA + "Report",
    "analysis": SCHEMA + "AnalysisNewsArticle",
    "opinion": SCHEMA + "OpinionNewsArticle",
    "reportage": SCHEMA + "ReportageNewsArticle",
    "background": SCHEMA + "BackgroundNewsArticle",
}

#: Each participant role is an individual of ng:EventRole ("host" -> ng:HostRole).
ROLE_IRIS = {
    "participant": NG + "ParticipantRole",
    "organizer": NG + "OrganizerRole",
    "host": NG + "HostRole",
    "guest": NG + "GuestRole",
    "initiator": NG + "InitiatorRole",
    "target": NG + "TargetRole",
    "interviewer": NG + "InterviewerRole",
    "interviewee": NG + "IntervieweeRole",
    "appointer": NG + "AppointerRole",
    "appointee": NG + "AppointeeRole",
    "speaker": NG + "SpeakerRole",
}

#: The direct properties from an event to a participant in each role (besides the role node), where
#: schema.org's range (Person or Organization) fits the participant; :data:`OTHER_PARTICIPANT` otherwise.
ROLE_PROPERTIES: dict[str, tuple[str, ...]] = {
    "participant": (SCHEMA + "attendee",),
    "guest": (SCHEMA + "attendee",),
    "interviewee": (SCHEMA + "attendee",),
    "interviewer": (SCHEMA + "attendee",),
    "host": (SCHEMA + "organizer", SCHEMA + "attendee"),
    "organizer": (SCHEMA + "organizer",),
    "speaker": (SCHEMA + "performer",),
    # roles schema.org has no property for: ours, for any kind of participant
    "initiator": (NG + "initiatedBy",),
    "target": (NG + "directedAt",),
    "appointer": (NG + "appointedBy",),
    "appointee": (NG + "appointee",),
}
#: A participant that is neither a person nor an organisation, in a role whose schema.org property
#: takes only those (a state in talks).
OTHER_PARTICIPANT = NG + "involves"
#: Entity types that are a schema:Organization, and those that are a schema:Person or one.
ORGANIZATION_TYPES = frozenset({"organization", "government-body", "news-agency", "media"})
PERSON_OR_ORGANIZATION = ORGANIZATION_TYPES | {"person"}
#: Entity types that are places: where an event happens, what a city is part of.
PLACE_TYPES = frozenset({"place", "city", "region", "state"})

#: Every class newsgraph publishes: schema.org's and ours (all in the schema.org class tree), and
#: the Web Annotation classes of the evidence. The shapes allow no other rdf:type.
PUBLISHED_CLASSES = frozenset(
    {
        *ARTICLE_CLASSES.values(),
        *(c for classes in ENTITY_CLASSES.values() for c in classes),
        *EVENT_CLASSES.values(),
        SCHEMA + "Event",
        SCHEMA + "Claim",
        SCHEMA + "Quotation",
        NG + "OfficeHolding",
        NG + "Participation",
        NG + "SharedEvent",
        NG + "MergedEntry",
        NG + "Identification",
        OA + "Annotation",
        OA + "SpecificResource",
        OA + "TextPositionSelector",
        OA + "TextQuoteSelector",
    }
)
