"""Map a story to the RDF triples of its article's named graph (pure: no I/O).

The graph follows the design's decisions: ``http://schema.org/`` terms, Wikidata items only
through ``schema:sameAs``, deterministic IRIs and no blank nodes, language-tagged names, events
typed ``schema:Event`` plus an ontology class, explicit roles and offices, claims with PROV-O
attribution, and evidence as W3C Web Annotations in a graph of their own (``{graph}/evidence``),
one resource per span of the text.

>>> from newsgraph.model.story import Article, Story
>>> story = Story(Article(slug="s", headline="Τίτλος", language="el",
...                       published="2025-12-11", text="Κείμενο"))
>>> mapped = map_story(story)
>>> mapped.graph, mapped.evidence_graph
('https://newsgraph.example/graph/s', 'https://newsgraph.example/graph/s/evidence')
>>> for s, p, o in list(mapped.iter_triples())[:2]:
...     print(p, o)
http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://schema.org/NewsArticle
http://schema.org/datePublished Lit(value='2025-12-11', language=None, datatype='http://www.w3.org/2001/XMLSchema#date')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple

from pyoxigraph import Literal, NamedNode, Quad, Triple

from ..model.dates import DATATYPES, DateError, parse_date
from ..model.iris import Minter, thing_iri, wikidata_iri
from ..model.story import AGENT_TYPES, Claim, Entity, Event, Office, Span, Story
from ..model.vocab import (
    ARTICLE_CLASSES,
    DEFAULT_BASE,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_STATUSES,
    NG,
    OA,
    ORGANIZATION_TYPES,
    OTHER_PARTICIPANT,
    PERSON_OR_ORGANIZATION,
    PROV,
    RDF_TYPE,
    ROLE_IRIS,
    ROLE_PROPERTIES,
    SCHEMA,
    XSD,
)

__all__ = ["Lit", "Obj", "Nodes", "MappedArticle", "map_story", "date_literal", "oxigraph_term"]


class Lit(NamedTuple):
    """A literal: its lexical form and either a language tag or a datatype IRI (None: xsd:string)."""

    value: str
    language: str | None = None
    datatype: str | None = None


#: An object: an IRI (a plain ``str``) or a :class:`Lit`.
Obj = str | Lit
#: subject IRI -> predicate IRI -> objects, all in canonical order.
Nodes = dict[str, dict[str, tuple[Obj, ...]]]


def _object_key(o: Obj) -> tuple:
    if isinstance(o, Lit):
        return (1, o.value, o.language or "", o.datatype or "")
    return (0, o, "", "")


@dataclass(frozen=True)
class MappedArticle:
    """The article's named graph as nodes: subject -> predicate -> objects.

    Everything is in canonical order (subjects by IRI; rdf:type first, then predicates by IRI;
    IRIs before literals, then by value), which is the order of every serialisation.
    """

    article: str
    graph: str
    prefix: str
    nodes: Nodes
    #: The evidence (Web Annotations and the spans they point to), in a named graph of its own
    #: next to the article's, so that a consumer who wants only the facts can leave it out.
    evidence: Nodes = field(default_factory=dict)
    #: Where the catalogue's things the article refers to are: ``{base}thing/``.
    thing_prefix: str = ""

    @property
    def evidence_graph(self) -> str:
        """The evidence's named graph: ``{graph}/evidence``."""
        return self.graph + EVIDENCE_GRAPH_SUFFIX

    def __len__(self) -> int:
        return self.count

    @cached_property
    def count(self) -> int:
        """The number of triples."""
        return count_triples(self.nodes)

    def iter_triples(self) -> Iterator[tuple[str, str, Obj]]:
        """(subject, predicate, object) in canonical order."""
        return iter_triples(self.nodes)

    @cached_property
    def triples(self) -> tuple[Triple, ...]:
        """The triples as pyoxigraph terms (for the API and the tests; the build does not need them)."""
        return tuple(Triple(_iri(s), _iri(p), oxigraph_term(o)) for s, p, o in self.iter_triples())

    def quads(self) -> list[Quad]:
        """The triples placed in the article's named graph (pyoxigraph terms)."""
        graph = NamedNode(self.graph)
        return [Quad(t.subject, t.predicate, t.object, graph) for t in self.triples]

    @cached_property
    def evidence_count(self) -> int:
        """The number of evidence triples."""
        return count_triples(self.evidence)

    @cached_property
    def evidence_triples(self) -> tuple[Triple, ...]:
        """The evidence graph's triples as pyoxigraph terms."""
        return tuple(Triple(_iri(s), _iri(p), oxigraph_term(o)) for s, p, o in iter_triples(self.evidence))

    @property
    def all_nodes(self) -> Nodes:
        """The article's nodes and its evidence's together (their subjects never overlap)."""
        return {**self.nodes, **self.evidence}


def count_triples(nodes: Nodes) -> int:
    """The number of triples in ``nodes``."""
    return sum(len(objects) for predicates in nodes.values() for objects in predicates.values())


def iter_triples(nodes: Nodes) -> Iterator[tuple[str, str, Obj]]:
    """(subject, predicate, object) of ``nodes``, in their order."""
    for subject, predicates in nodes.items():
        for predicate, objects in predicates.items():
            for o in objects:
                yield subject, predicate, o


def oxigraph_term(o: Obj) -> NamedNode | Literal:
    """An IRI or a literal of the mapping as Oxigraph's term.

    >>> oxigraph_term(Lit("7", None, XSD + "nonNegativeInteger"))
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#nonNegativeInteger>>
    """
    if isinstance(o, Lit):
        if o.language:
            return Literal(o.value, language=o.language)
        return Literal(o.value, datatype=_iri(o.datatype)) if o.datatype else Literal(o.value)
    return _iri(o)


@cache
def _iri(value: str) -> NamedNode:
    return NamedNode(value)


def date_literal(value: str) -> Lit:
    """A date at the precision it is written in: gYear, gYearMonth, date or dateTime.

    >>> date_literal("2025-11").datatype
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    try:
        parsed = parse_date(value)
    except DateError:
        # Kept as written, for the output check (newsgraph.contract.terms) to refuse with the story's value.
        datatype = DATATYPES[-1] if "T" in value else DATATYPES[min(value.count("-"), 2)]
        return Lit(value, None, datatype)
    return Lit(parsed.lexical, None, parsed.datatype)


class _Builder:
    def __init__(self, story: Story, base: str, thing_base: str | None = None) -> None:
        self.story = story
        self.mint = Minter(base, story.article.slug)
        self.lang = story.article.language
        self.out: dict[str, dict[str, list[Obj]]] = {}
        self.evidence_out: dict[str, dict[str, list[Obj]]] = {}
        self.entities = {e.id: e for e in story.entities}
        self.events = {e.id for e in story.events}
        # What the story takes from the newsroom's catalogue is the catalogue's node, in every article.
        described: tuple[Entity | Event, ...] = (*story.entities, *story.events)
        self.thing_prefix = thing_iri(thing_base or base, "")
        self.things = {x.id: self.thing_prefix + x.catalogue for x in described if x.catalogue}
        try:
            day = parse_date(story.article.published).first.isoformat()
        except DateError:  # kept as written, for the output check to refuse
            day = story.article.published
        self.publication_day = Lit(day, None, XSD + "date")

    # -- emitting -------------------------------------------------------------------------
    def add(self, s: str, p: str, o: Obj) -> None:
        node = self.out.get(s)
        if node is None:
            node = self.out[s] = {}
        objects = node.get(p)
        if objects is None:
            node[p] = [o]
        else:
            objects.append(o)

    def iri(self, s: str, p: str, o: str) -> None:
        self.add(s, p, o)

    def types(self, s: str, *classes: str | None) -> None:
        for c in classes:
            if c:
                self.add(s, RDF_TYPE, c)

    def texts(self, s: str, p: str, texts: Mapping[str, str | tuple[str, ...]]) -> None:
        for lang, value in texts.items():
            for v in (value,) if isinstance(value, str) else value:
                self.add(s, p, Lit(v, lang))

    def literal(self, s: str, p: str, value: str, datatype: str | None = None) -> None:
        self.add(s, p, Lit(value, None, datatype))

    def date(self, s: str, p: str, value: str) -> None:
        self.add(s, p, date_literal(value))

    def ref(self, id: str) -> str:
        """The IRI of a story id (an entity, an event, a claim or the article itself)."""
        if id == "article":
            return self.mint.article
        return self.things.get(id) or self.mint.node(id)

    # -- mapping --------------------------------------------------------------------------
    def run(self) -> MappedArticle:
        self.article()
        for entity in self.story.entities:
            self.entity(entity)
        for event in self.story.events:
            self.event(event)
        for claim in self.story.claims:
            self.claim(claim)
        return MappedArticle(
            self.mint.article,
            self.mint.graph,
            self.mint.prefix,
            _canonical(self.out),
            _canonical(self.evidence_out),
            self.thing_prefix,
        )

    def article(self) -> None:
        a = self.story.article
        s = self.mint.article
        self.types(s, ARTICLE_CLASSES[a.type])
        self.texts(s, SCHEMA + "headline", {a.language: a.headline})
        self.literal(s, SCHEMA + "inLanguage", a.language)
        self.date(s, SCHEMA + "datePublished", a.published)
        if a.modified:
            self.date(s, SCHEMA + "dateModified", a.modified)
        for name in ("image", "license"):
            if getattr(a, name):
                self.iri(s, SCHEMA + name, getattr(a, name))
        if a.copyright_holder:
            self.iri(s, SCHEMA + "copyrightHolder", self.ref(a.copyright_holder))
        if a.copyright_notice:
            self.literal(s, SCHEMA + "copyrightNotice", a.copyright_notice)
        if a.publisher:
            self.iri(s, SCHEMA + "publisher", self.ref(a.publisher))
        if a.url:
            self.iri(s, SCHEMA + "url", a.url)
        for id in a.authors:
            self.iri(s, SCHEMA + "author", self.ref(id))
        for id in a.based_on:
            self.iri(s, SCHEMA + "isBasedOn", self.ref(id))
        self.on_authority_of(s, a.based_on)
        for id in a.about:
            self.iri(s, SCHEMA + "about", self.ref(id))
        things: tuple[Entity | Event, ...] = (*self.story.entities, *self.story.events)
        for thing in things:
            if thing.evidence:
                self.iri(s, SCHEMA + "mentions", self.ref(thing.id))

    def identity(self, s: str, qid: str | None) -> None:
        if qid:
            self.iri(s, SCHEMA + "sameAs", wikidata_iri(qid))
            self.iri(s, NG + "reconciliation", NG + "Reconciled")
        else:
            self.iri(s, NG + "reconciliation", NG + "Unreconciled")

    def entity(self, e: Entity) -> None:
        s = self.ref(e.id)
        self.types(s, *ENTITY_CLASSES[e.type])
        self.texts(s, SCHEMA + "name", e.names)
        self.texts(s, SCHEMA + "alternateName", e.aliases)
        self.texts(s, SCHEMA + "description", e.description)
        self.identity(s, e.wikidata)
        if e.unnamed:
            self.literal(s, NG + "nameNotGiven", "true", XSD + "boolean")
        for name, prop in (
            ("country", NG + "country"),
            ("part_of", SCHEMA + ("parentOrganization" if e.type in ORGANIZATION_TYPES else "containedInPlace")),
            ("source_of", NG + "sourceOf"),
            ("publisher", SCHEMA + "publisher"),
        ):
            target = getattr(e, name)
            if target:
                self.iri(s, prop, self.ref(target))
        if e.published:
            self.date(s, SCHEMA + "datePublished", e.published)
        if e.language:
            self.literal(s, SCHEMA + "inLanguage", e.language)
        if e.url:
            self.iri(s, SCHEMA + "url", e.url)
        self.on_authority_of(s, e.sources)
        for id in e.sources:
            source = self.entities.get(id)
            if source is not None and source.type == "work":  # a work based on a work, as schema.org says it
                self.iri(s, SCHEMA + "isBasedOn", self.ref(id))
        for office in e.offices:
            self.office(e, office)
        self.evidence(s, (e.id,), e.evidence)

    def office(self, holder: Entity, o: Office) -> None:
        s = self.mint.node(holder.id, "office", o.id)
        self.iri(self.ref(holder.id), NG + "holdsOffice", s)
        self.types(s, NG + "OfficeHolding")
        self.iri(s, NG + "officeHolder", self.ref(holder.id))
        self.iri(s, NG + "officePosition", self.ref(o.position))
        self.texts(s, SCHEMA + "roleName", o.title)
        for target, prop in ((o.of, NG + "officeOf"), (o.to, NG + "accreditedTo"), (o.posted_in, NG + "postedIn")):
            if target:
                self.iri(s, prop, self.ref(target))
        self.evidence(s, (holder.id, "office", o.id), o.evidence)

    def event(self, e: Event) -> None:
        s = self.ref(e.id)
        self.types(s, SCHEMA + "Event", EVENT_CLASSES[e.type])
        self.texts(s, SCHEMA + "name", e.names)
        self.texts(s, SCHEMA + "description", e.description)
        if e.wikidata:
            self.iri(s, SCHEMA + "sameAs", wikidata_iri(e.wikidata))
        self.when(s, e)
        if e.status:
            self.iri(s, SCHEMA + "eventStatus", EVENT_STATUSES[e.status])
        self.on_authority_of(s, e.sources)
        if e.location:
            self.iri(s, SCHEMA + "location", self.ref(e.location))
        for id in e.about:
            self.iri(s, SCHEMA + "about", self.ref(id))
        if e.preceded_by:
            self.iri(s, NG + "precededBy", self.ref(e.preceded_by))
        for p in e.participants:
            role = self.mint.node(e.id, "role", p.entity, p.role)
            who = self.ref(p.entity)
            for prop in self.role_properties(p.entity, p.role):
                self.iri(s, prop, who)
            self.iri(s, NG + "hasParticipation", role)
            self.types(role, NG + "Participation")
            self.iri(role, NG + "participatingEntity", who)
            self.iri(role, NG + "participantRole", ROLE_IRIS[p.role])
            if p.capacity:
                self.iri(role, NG + "inCapacityOf", self.mint.node(p.entity, "office", p.capacity))
        self.evidence(s, (e.id,), e.evidence)

    def role_properties(self, id: str, role: str) -> tuple[str, ...]:
        """The direct properties for a participant, each used only within schema.org's range."""
        props = ROLE_PROPERTIES[role]
        entity = self.entities.get(id)
        if props[0].startswith(SCHEMA) and (entity is None or entity.type not in PERSON_OR_ORGANIZATION):
            return (OTHER_PARTICIPANT,)
        return props

    def when(self, s: str, e: Event) -> None:
        w = e.when
        # "on" a day (or month, or year): the event began and ended within it, so both dates.
        for value, prop in (
            (w.on, SCHEMA + "startDate"),
            (w.on, SCHEMA + "endDate"),
            (w.start, SCHEMA + "startDate"),
            (w.end, SCHEMA + "endDate"),
            (w.earliest, NG + "earliestDate"),
            (w.latest, NG + "latestDate"),
        ):
            if value:
                self.date(s, prop, value)
        if w.unknown:
            self.literal(s, NG + "dateUnknown", "true", XSD + "boolean")
        if w.ongoing:
            self.add(s, NG + "ongoingAsOf", self.publication_day)
        elif (w.unknown or (w.earliest and not w.latest)) and e.status is None:
            # It happened before the article said so: a bound that lets queries order it.
            self.add(s, NG + "latestDate", self.publication_day)
        if w.words:
            self.texts(s, NG + "dateText", {self.lang: w.words})

    def claim(self, c: Claim) -> None:
        s = self.ref(c.id)
        self.types(s, SCHEMA + ("Quotation" if c.kind == "quote" else "Claim"))
        self.texts(s, SCHEMA + "text", c.text)
        for id in c.speakers:
            self.iri(s, NG + "speaker", self.ref(id))
        for id in c.addressees:
            self.iri(s, NG + "addressee", self.ref(id))
        for id in c.about:
            self.iri(s, SCHEMA + "about", self.ref(id))
        if c.translated_from:
            self.literal(s, NG + "translatedFrom", c.translated_from)
        self.on_authority_of(s, c.sources)
        for id in c.sources:  # and in PROV's terms: a claim is a prov:Entity
            self.iri(s, self.prov_source(id), self.ref(id))
        self.evidence(s, (c.id,), c.evidence)

    def prov_source(self, id: str) -> str:
        """How PROV says a claim comes from ``id``: attributed to an agent, generated by an event
        (an activity), derived from a work or from the article."""
        if id in self.events:
            return PROV + "wasGeneratedBy"
        source = self.entities.get(id)
        if source is not None and source.type in AGENT_TYPES:
            return PROV + "wasAttributedTo"
        return PROV + "wasDerivedFrom"

    def on_authority_of(self, s: str, sources: tuple[str, ...]) -> None:
        """The one way to ask on whose authority: claims, events and works alike, to any depth."""
        for id in sources:
            self.iri(s, NG + "onAuthorityOf", self.ref(id))

    def evidence(self, body: str, parts: tuple[str, ...], spans: tuple[Span, ...]) -> None:
        # Evidence is most of an article's triples and always the same nodes, so they are written
        # as whole nodes here, into the evidence graph (predicates already in canonical order).
        if not spans:
            return
        self.evidence_out[self.mint.node(*parts, "evidence")] = {
            RDF_TYPE: [OA + "Annotation"],
            OA + "hasBody": [body],
            OA + "hasTarget": [self.span(span) for span in spans],
            OA + "motivatedBy": [OA + "identifying"],
        }

    def span(self, span: Span) -> str:
        """The one resource for a span of the article, shared by everything it is evidence for:
        ``#span.{start}-{end}``, with a position and a quote selector (with the words around it)."""
        target = self.mint.node("span", f"{span.start}-{span.end}")
        out = self.evidence_out
        if target in out:
            return target
        position, quote = target + ".position", target + ".quote"
        out[target] = {
            RDF_TYPE: [_SPECIFIC_RESOURCE],
            OA + "hasSelector": [position, quote],
            OA + "hasSource": [self.mint.article],
        }
        out[position] = {
            RDF_TYPE: [_POSITION_SELECTOR],
            OA + "end": [Lit(str(span.end), None, _NNI)],
            OA + "start": [Lit(str(span.start), None, _NNI)],
        }
        text = self.story.article.text
        selector: dict[str, list[Obj]] = {RDF_TYPE: [_QUOTE_SELECTOR], OA + "exact": [Lit(span.text)]}
        # The words just before and after, so the span can be found in a copy of the article
        # whose offsets differ (a page with markup, a corrected text).
        prefix, suffix = (
            text[max(0, span.start - CONTEXT_LENGTH) : span.start],
            text[span.end : span.end + CONTEXT_LENGTH],
        )
        if prefix:
            selector[OA + "prefix"] = [Lit(prefix)]
        if suffix:
            selector[OA + "suffix"] = [Lit(suffix)]
        out[quote] = selector
        return target


#: Code points of the article around a span kept in its quote selector's prefix and suffix.
CONTEXT_LENGTH = 32
#: The evidence graph of an article is its graph's IRI followed by this.
EVIDENCE_GRAPH_SUFFIX = "/evidence"
_SPECIFIC_RESOURCE = OA + "SpecificResource"
_POSITION_SELECTOR = OA + "TextPositionSelector"
_QUOTE_SELECTOR = OA + "TextQuoteSelector"
_NNI = XSD + "nonNegativeInteger"


def _canonical(out: dict[str, dict[str, list[Obj]]]) -> Nodes:
    """Sort subjects, predicates (rdf:type first) and objects (IRIs before literals); drop
    repeated objects.

    >>> _canonical({"urn:s": {"urn:p": [Lit("b", "en", None), "urn:x", Lit("a", None, None), "urn:x"],
    ...                       "urn:a": ["urn:y"]}})["urn:s"]
    {'urn:a': ('urn:y',), 'urn:p': ('urn:x', Lit(value='a', language=None, datatype=None), \
Lit(value='b', language='en', datatype=None))}
    """
    nodes: Nodes = {}
    for subject in sorted(out):
        predicates = out[subject]
        ordered: dict[str, tuple[Obj, ...]] = {}
        names = sorted(predicates)
        if RDF_TYPE in predicates and names[0] != RDF_TYPE:
            names.remove(RDF_TYPE)
            names.insert(0, RDF_TYPE)
        for predicate in names:
            objects = predicates[predicate]
            if len(objects) == 1:
                ordered[predicate] = (objects[0],)
            elif all(type(o) is str for o in objects):
                ordered[predicate] = tuple(sorted(set(objects)))  # IRIs: plain string order
            else:
                ordered[predicate] = tuple(sorted(set(objects), key=_object_key))
        nodes[subject] = ordered
    return nodes


def map_story(story: Story, base: str | None = None, *, thing_base: str | None = None) -> MappedArticle:
    """The article's triples; ``base`` overrides the story's base IRI (default DEFAULT_BASE), and
    ``thing_base`` is the base of the catalogue's things the story refers to (default the same)."""
    base = base or story.base or DEFAULT_BASE
    return _Builder(story, base, thing_base).run()
