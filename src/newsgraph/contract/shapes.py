"""The SHACL shapes of ``ontology/shapes.ttl``, checked directly on an article graph's nodes.

pySHACL takes tens to hundreds of milliseconds per article; the build checks every article, so it
runs these same constraints in plain Python on the nodes instead (well under a millisecond). The
tests prove the two agree: the same verdict, on the same focus nodes, for the seed article, a
generated corpus and a battery of broken graphs. ``ontology/shapes.ttl`` stays the published
contract; change both together.

>>> from newsgraph.mapping.article import Lit
>>> nodes = {"https://ex.org/article/a#e": {RDF_TYPE: (SCHEMA + "Event",), SCHEMA + "name": (Lit("x", "en"),)}}
>>> [(v.shape, v.focus) for v in check_nodes(nodes)][:2]
[('ngsh:Event', 'https://ex.org/article/a#e'), ('ngsh:Event', 'https://ex.org/article/a#e')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..mapping.article import Lit, Nodes, Obj
from ..model.dates import DATATYPES as DATE_DATATYPES
from ..model.dates import is_valid_literal
from ..model.iris import WIKIDATA_ENTITY_IRI
from ..resources import schema_pattern

if TYPE_CHECKING:
    import rdflib

from ..model.vocab import (
    ARTICLE_CLASSES,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_STATUSES,
    NG,
    OA,
    PROV,
    PUBLISHED_CLASSES,
    RDF_TYPE,
    ROLE_IRIS,
    SCHEMA,
    XSD,
)

__all__ = ["Violation", "check_nodes", "nodes_from_rdflib"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the shape (as in shapes.ttl), the focus node, the path and a message."""

    shape: str
    focus: str
    path: str
    message: str


_BCP47 = schema_pattern("schemas/story.schema.json", "$defs", "language")
_HTTP = re.compile(r"^https?://")
_NON_NEGATIVE = re.compile(r"^\+?[0-9]+$")
_TRUE = Lit("true", None, XSD + "boolean")

#: The language-tagged properties, each with its message in shapes.ttl.
_LANGUAGE_TAGGED = {
    SCHEMA + "name": "names are language-tagged",
    SCHEMA + "alternateName": "other names are language-tagged",
    SCHEMA + "description": "descriptions are language-tagged",
    SCHEMA + "headline": "headlines are language-tagged",
    SCHEMA + "roleName": "office titles are language-tagged",
    SCHEMA + "text": "claimed texts are language-tagged",
    NG + "dateText": "the words of a date are language-tagged",
}
_ARTICLES = frozenset(ARTICLE_CLASSES.values())
_ENTITIES = frozenset(classes[0] for classes in ENTITY_CLASSES.values())
_EVENT_CLASSES = frozenset(EVENT_CLASSES.values())
_ROLES = frozenset(ROLE_IRIS.values())
_STATUSES = frozenset(EVENT_STATUSES.values())
_DATES = (SCHEMA + "startDate", SCHEMA + "endDate", NG + "earliestDate", NG + "latestDate")


def _is_iri(o: Obj) -> bool:
    return isinstance(o, str) and not o.startswith("_:")


def _datatype(o: Obj, datatype: str) -> bool:
    """sh:datatype: a literal of that datatype whose lexical form is valid for it."""
    if not isinstance(o, Lit) or o.language or (o.datatype or XSD + "string") != datatype:
        return False
    if datatype == XSD + "nonNegativeInteger":
        return bool(_NON_NEGATIVE.match(o.value))
    return datatype not in DATE_DATATYPES or is_valid_literal(o.value, datatype)


class _Checker:
    def __init__(self, nodes: Nodes) -> None:
        self.nodes = nodes
        self.found: list[Violation] = []

    @functools.cached_property
    def publication_days(self) -> list[str]:
        """The first ten characters of every article's (a node with a headline) publication date."""
        return [
            o.value[:10]
            for node in self.nodes.values()
            if node.get(SCHEMA + "headline")
            for o in node.get(SCHEMA + "datePublished", ())
            if isinstance(o, Lit)
        ]

    def fail(self, shape: str, focus: str, path: str, message: str) -> None:
        self.found.append(Violation(shape, focus, path, message))

    def types_of(self, o: Obj) -> tuple[Obj, ...]:
        return self.nodes.get(o, {}).get(RDF_TYPE, ()) if isinstance(o, str) else ()

    def values(
        self,
        shape: str,
        focus: str,
        p: dict,
        path: str,
        low: int,
        high: int | None,
        ok: Callable[[Obj], bool] | None,
        message: str,
    ) -> None:
        """sh:minCount/sh:maxCount on ``path``, and every value passing ``ok`` (sh:nodeKind,
        sh:class, sh:in...); one violation when any of it fails."""
        found = p.get(path, ())
        if len(found) < low or (high is not None and len(found) > high) or (ok and not all(ok(o) for o in found)):
            self.fail(shape, focus, path, message)

    def is_a(self, cls: str) -> Callable[[Obj], bool]:
        """sh:class: the value is typed ``cls`` in the graph."""
        return lambda o: cls in self.types_of(o)

    def run(self) -> list[Violation]:
        by_class = _checks_by_class(self)
        same_as, name_not_given = SCHEMA + "sameAs", NG + "nameNotGiven"
        for s, p in self.nodes.items():
            types = p.get(RDF_TYPE, ())
            if types and not (_is_iri(s) and _HTTP.match(s)):
                self.fail("ngsh:TypedNode", s, "", "every described node has an http(s) IRI")
            if not PUBLISHED_CLASSES.issuperset(types):
                self.fail(
                    "ngsh:TypedNode", s, RDF_TYPE, "every class is one newsgraph publishes (see ontology/newsgraph.ttl)"
                )
            if same_as in p:
                self.same_as(s, p[same_as])
            if not _LANGUAGE_TAGGED.keys().isdisjoint(p):
                self.language_tagged(s, p)
            if name_not_given in p:
                self.unnamed(s, p)
            checks = [c for t in types if isinstance(t, str) for c in by_class.get(t, ())]
            for check in dict.fromkeys(checks) if len(checks) > 1 else checks:
                check(s, p)
        return self.found

    def unnamed_source(self, s: str, p: dict) -> None:
        if _TRUE not in p.get(NG + "nameNotGiven", ()):
            self.fail("ngsh:UnnamedSource", s, NG + "nameNotGiven", "an unnamed source says it is unnamed")

    def same_as(self, s: str, values: tuple) -> None:
        if len(values) > 1 or not all(_is_iri(v) and WIKIDATA_ENTITY_IRI.match(v) for v in values):
            self.fail(
                "ngsh:SameAs",
                s,
                SCHEMA + "sameAs",
                "schema:sameAs must be one Wikidata entity IRI http://www.wikidata.org/entity/Q...",
            )

    def language_tagged(self, s: str, p: dict) -> None:
        for path, objects in p.items():
            if path in _LANGUAGE_TAGGED and any(not (isinstance(o, Lit) and o.language) for o in objects):
                self.fail("ngsh:LanguageTaggedText", s, path, _LANGUAGE_TAGGED[path])

    def article(self, s: str, p: dict) -> None:
        shape = "ngsh:Article"
        self.values(shape, s, p, SCHEMA + "headline", 1, 1, None, "an article has one headline")
        languages = p.get(SCHEMA + "inLanguage", ())
        if len(languages) != 1 or not all(_datatype(o, XSD + "string") and _BCP47.match(o.value) for o in languages):
            self.fail(shape, s, SCHEMA + "inLanguage", "an article has one language (BCP 47)")
        published = p.get(SCHEMA + "datePublished", ())
        if len(published) != 1 or not all(
            _datatype(o, XSD + "date") or _datatype(o, XSD + "dateTime") for o in published
        ):
            self.fail(
                shape, s, SCHEMA + "datePublished", "an article has one publication date (xsd:date or xsd:dateTime)"
            )

    def entity(self, s: str, p: dict) -> None:
        shape = "ngsh:Entity"
        if not p.get(SCHEMA + "name") and not p.get(SCHEMA + "description"):
            self.fail(shape, s, "", "an entity is named or described")
        status = p.get(NG + "reconciliation", ())
        if len(status) != 1 or status[0] not in (NG + "Reconciled", NG + "Unreconciled"):
            self.fail(shape, s, NG + "reconciliation", "an entity says whether it is reconciled with Wikidata")
        same_as = p.get(SCHEMA + "sameAs", ())
        reconciled = NG + "Reconciled" in status and len(same_as) >= 1
        unreconciled = NG + "Unreconciled" in status and not same_as
        if reconciled == unreconciled:  # sh:xone: exactly one must hold
            self.fail(shape, s, "", "a reconciled entity has a Wikidata IRI; an unreconciled one has none")

    def unnamed(self, s: str, p: dict) -> None:
        shape = "ngsh:UnnamedPerson"
        flags = p[NG + "nameNotGiven"]
        if _TRUE not in flags or len(flags) > 1:
            self.fail(shape, s, NG + "nameNotGiven", "name not given is true, once")
        if p.get(SCHEMA + "name"):
            self.fail(shape, s, SCHEMA + "name", "an unnamed person or source has no name")
        if not p.get(SCHEMA + "description"):
            self.fail(shape, s, SCHEMA + "description", "an unnamed person or source is described")

    def office(self, s: str, p: dict) -> None:
        shape = "ngsh:OfficeHolding"
        self.values(shape, s, p, NG + "officeHolder", 1, 1, _is_iri, "an office holding has one holder")
        self.values(
            shape,
            s,
            p,
            NG + "officePosition",
            1,
            1,
            self.is_a(NG + "Position"),
            "an office holding names the position held",
        )

    def event(self, s: str, p: dict) -> None:
        shape = "ngsh:Event"
        precise = [t for t in p[RDF_TYPE] if t in _EVENT_CLASSES]  # an event is found by its types
        if len(precise) != 1:
            self.fail(
                shape, s, RDF_TYPE, "an event has one precise type from the newsgraph ontology besides schema:Event"
            )
        if not p.get(SCHEMA + "name"):
            self.fail(shape, s, SCHEMA + "name", "an event has a name")
        self.values(
            shape,
            s,
            p,
            NG + "onAuthorityOf",
            1,
            None,
            _is_iri,
            "an event has a source (ng:onAuthorityOf an agent, a work, an event or the article)",
        )
        self.values(
            shape,
            s,
            p,
            SCHEMA + "eventStatus",
            0,
            1,
            _STATUSES.__contains__,
            "an event has at most one status: scheduled, rescheduled, postponed or cancelled",
        )
        self.values(
            shape,
            s,
            p,
            NG + "ongoingAsOf",
            0,
            1,
            lambda o: _datatype(o, XSD + "date"),
            "an event is ongoing as of one day (xsd:date)",
        )
        self.values(shape, s, p, NG + "dateUnknown", 0, 1, _TRUE.__eq__, "ng:dateUnknown is only ever true")
        self.values(
            shape,
            s,
            p,
            NG + "hasParticipation",
            1,
            None,
            self.is_a(NG + "Participation"),
            "an event has at least one participant",
        )
        for path in _DATES:
            self.values(shape, s, p, path, 0, 1, None, "an event has at most one of each date")
        for path in _DATES:
            if not all(any(_datatype(o, d) for d in DATE_DATATYPES) for o in p.get(path, ())):
                self.fail(
                    shape,
                    s,
                    path,
                    "dates are xsd:date, xsd:gYearMonth, xsd:gYear or xsd:dateTime, at the precision the text gives",
                )
        if not p.get(SCHEMA + "eventStatus"):
            self.reported_by_publication(s, p)
        if not (
            p.get(SCHEMA + "startDate")
            or p.get(NG + "earliestDate")
            or p.get(NG + "latestDate")
            or _TRUE in p.get(NG + "dateUnknown", ())
            or p.get(NG + "ongoingAsOf")
        ):
            self.fail(shape, s, "", "an event has a date, date bounds, is ongoing, or says its date is unknown")

    def reported_by_publication(self, s: str, p: dict) -> None:
        """ngsh:EventReported: no date of a past event after the publication day (first ten characters)."""
        for path in _DATES:
            for o in p.get(path, ()):
                text = o.value if isinstance(o, Lit) else o  # as SPARQL's STR() gives it: IRIs too
                if any(text[:10] > day for day in self.publication_days):
                    self.fail(
                        "ngsh:EventReported",
                        s,
                        "",
                        "an event the article reports as having happened has no date after its publication day",
                    )
                    return

    def participation(self, s: str, p: dict) -> None:
        shape = "ngsh:Participation"
        self.values(shape, s, p, NG + "participatingEntity", 1, 1, _is_iri, "a participation names who takes part")
        self.values(shape, s, p, NG + "participantRole", 1, 1, _ROLES.__contains__, "a participation has one role")
        self.values(
            shape,
            s,
            p,
            NG + "inCapacityOf",
            0,
            1,
            self.is_a(NG + "OfficeHolding"),
            "a participation is in the capacity of at most one office held",
        )

    def claim(self, s: str, p: dict) -> None:
        if not p.get(SCHEMA + "text"):
            self.fail("ngsh:Claim", s, SCHEMA + "text", "a claim or quote says what is claimed")
        self.values(
            "ngsh:Claim",
            s,
            p,
            NG + "onAuthorityOf",
            1,
            None,
            _is_iri,
            "every claim has a source (ng:onAuthorityOf an agent, a work, an event or the article)",
        )
        if not any(p.get(PROV + path) for path in ("wasAttributedTo", "wasDerivedFrom", "wasGeneratedBy")):
            self.fail(
                "ngsh:Claim",
                s,
                "",
                "every claim says in PROV-O where it comes from (prov:wasAttributedTo an agent, "
                "prov:wasGeneratedBy an event, prov:wasDerivedFrom a work or the article)",
            )

    def annotation(self, s: str, p: dict) -> None:
        shape = "ngsh:Annotation"
        self.values(shape, s, p, OA + "hasBody", 1, 1, _is_iri, "an annotation has one body")
        self.values(
            shape,
            s,
            p,
            OA + "hasTarget",
            1,
            None,
            self.is_a(OA + "SpecificResource"),
            "an annotation has evidence targets",
        )
        if OA + "identifying" not in p.get(OA + "motivatedBy", ()):
            self.fail(shape, s, OA + "motivatedBy", "an annotation is motivated by identifying")

    def target(self, s: str, p: dict) -> None:
        shape = "ngsh:EvidenceTarget"
        self.values(shape, s, p, OA + "hasSource", 1, 1, _is_iri, "evidence has one source")
        selectors = p.get(OA + "hasSelector", ())
        for cls, what in ((OA + "TextPositionSelector", "position"), (OA + "TextQuoteSelector", "quote")):
            if sum(cls in self.types_of(o) for o in selectors) != 1:
                self.fail(shape, s, OA + "hasSelector", f"evidence has one {what} selector")

    def position(self, s: str, p: dict) -> None:
        shape = "ngsh:PositionSelector"
        ends = []
        for path in (OA + "start", OA + "end"):
            values = p.get(path, ())
            if len(values) != 1 or not _datatype(values[0], XSD + "nonNegativeInteger"):
                self.fail(shape, s, path, "a position selector has one start and one end (non-negative integers)")
            ends.append(values)
        for start in ends[0]:
            for end in ends[1]:
                if (
                    _datatype(start, XSD + "nonNegativeInteger")
                    and _datatype(end, XSD + "nonNegativeInteger")
                    and int(end.value) <= int(start.value)
                ):
                    self.fail(shape, s, "", "a span ends after it starts")

    def quote(self, s: str, p: dict) -> None:
        exact = p.get(OA + "exact", ())
        if len(exact) != 1 or not (_datatype(exact[0], XSD + "string") and len(exact[0].value) >= 1):
            self.fail("ngsh:QuoteSelector", s, OA + "exact", "a quote selector has the exact words")


def _checks_by_class(checker: _Checker) -> dict[str, list]:
    """Which checks a node of each class gets (as the shapes' targets say)."""
    table: dict[str, list] = {}
    for classes, check in (
        (_ARTICLES, checker.article),
        (_ENTITIES, checker.entity),
        ({NG + "UnnamedSource"}, checker.unnamed_source),
        ({NG + "OfficeHolding"}, checker.office),
        ({SCHEMA + "Event"}, checker.event),
        ({NG + "Participation"}, checker.participation),
        ({SCHEMA + "Claim", SCHEMA + "Quotation"}, checker.claim),
        ({OA + "Annotation"}, checker.annotation),
        ({OA + "SpecificResource"}, checker.target),
        ({OA + "TextPositionSelector"}, checker.position),
        ({OA + "TextQuoteSelector"}, checker.quote),
    ):
        for cls in classes:
            table.setdefault(cls, []).append(check)
    return table


def check_nodes(nodes: Nodes) -> list[Violation]:
    """Every violation of the shapes in an article graph (an empty list: it conforms)."""
    return _Checker(nodes).run()


def nodes_from_rdflib(graph: rdflib.Graph) -> Nodes:
    """The nodes of an rdflib graph (blank nodes become ``_:id``), e.g. to compare with pySHACL."""
    import rdflib

    def name(term: rdflib.term.Node) -> str:
        return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)

    nodes: dict[str, dict[str, list[Obj]]] = {}
    for s, p, o in graph:
        obj: Obj
        if isinstance(o, rdflib.Literal):
            datatype = (
                None if o.language or o.datatype is None or str(o.datatype) == XSD + "string" else str(o.datatype)
            )
            obj = Lit(str(o), o.language, datatype)
        else:
            obj = name(o)
        nodes.setdefault(name(s), {}).setdefault(str(p), []).append(obj)
    return {s: {p: tuple(v) for p, v in preds.items()} for s, preds in nodes.items()}
