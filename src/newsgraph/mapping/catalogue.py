"""Map the newsroom's catalogue to the triples of its named graph, ``{base}graph/catalogue``.

The catalogue's graph holds the managed record of each thing: its type, names and aliases,
Wikidata item (or a pending candidate), offices and links to other entries, which ids were merged
into it and which articles' own nodes the newsroom later identified as it. What an article says
about a thing (its date for an event, its sources, its evidence) stays in that article's graph.
An entry maps exactly as a story's entity does: the same builder writes both.

>>> from newsgraph.stories.catalogue import load_catalogue
>>> mapped = map_catalogue(load_catalogue("catalogue"))
>>> mapped.graph
'https://newsgraph.example/graph/catalogue'
"""

from __future__ import annotations

from ..model.iris import Minter, thing_iri, wikidata_iri
from ..model.story import Article, Entity, Story
from ..model.vocab import NG, SCHEMA, XSD
from ..stories.catalogue import CATALOGUE_GRAPH, Catalogue, Entry, Identification
from .article import MappedArticle, _Builder, _canonical

__all__ = ["map_catalogue"]


class _Things:
    """Mints catalogue IRIs the way :class:`~newsgraph.model.iris.Minter` mints an article's:
    ``node("lukashenko")`` is the thing, ``node("lukashenko", "office", "president")`` a part of it."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.graph = base + CATALOGUE_GRAPH
        self.article = self.graph  # the graph is what describes the things
        self.prefix = thing_iri(base, "")

    def node(self, id: str, *parts: str) -> str:
        return thing_iri(self.base, id) + ("#" + ".".join(parts) if parts else "")


class _CatalogueBuilder(_Builder):
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        entities = tuple(_as_entity(e) for e in catalogue.entries.values() if e.type and not e.is_event)
        super().__init__(Story(Article("catalogue", "", "und", "2000-01-01", ""), entities), catalogue.base)
        self.mint = _Things(catalogue.base)  # type: ignore[assignment]  # the same interface, for things

    def run(self) -> MappedArticle:
        for entry in self.catalogue.entries.values():
            s = self.ref(entry.id)
            if entry.merged_into is not None:  # the old IRI stays, and says where to look now
                self.types(s, NG + "MergedEntry")
                self.iri(s, NG + "mergedInto", self.ref(entry.merged_into))
                continue
            if entry.is_event:
                self.shared_event(entry)
            else:
                self.entity(_as_entity(entry))
            if entry.wikidata_pending:
                self.iri(s, NG + "wikidataCandidate", wikidata_iri(entry.wikidata_pending))
            if entry.located_in:
                self.iri(s, SCHEMA + "location", self.ref(entry.located_in))
            for id in entry.member_of:
                self.iri(s, SCHEMA + "memberOf", self.ref(id))
            for found in entry.identified_in:
                self.identification(entry, found)
        mint = self.mint
        return MappedArticle(mint.article, mint.graph, mint.prefix, _canonical(self.out), {})

    def shared_event(self, entry: Entry) -> None:
        s = self.ref(entry.id)
        assert entry.type is not None
        # Not typed with its ng: event class here: with the ontology, that would make it a
        # schema:Event, whose date, participants and sources are each article's to give.
        self.types(s, NG + "SharedEvent")
        self.texts(s, SCHEMA + "name", entry.names)
        self.texts(s, SCHEMA + "alternateName", entry.aliases)
        self.texts(s, SCHEMA + "description", entry.description)
        if entry.wikidata:
            self.iri(s, SCHEMA + "sameAs", wikidata_iri(entry.wikidata))

    def identification(self, entry: Entry, found: Identification) -> None:
        """A node of an article that the newsroom later decided is this entry, as a record of the
        decision (what, why, when) in the catalogue: the article's graph stays as it was."""
        node = Minter(self.catalogue.base, found.article).node(found.node)
        thing = self.ref(entry.id)
        record = self.mint.node(entry.id, "identification", found.article, found.node)
        self.types(record, NG + "Identification")
        self.iri(record, NG + "identifiedNode", node)
        self.iri(record, NG + "identifiedAs", thing)
        self.texts(record, SCHEMA + "description", found.reason)
        self.literal(record, NG + "decidedOn", found.decided, XSD + "date")


def _as_entity(entry: Entry) -> Entity:
    """An entry as the story model's entity, so that it maps exactly as a story's entity does."""
    assert entry.type is not None
    return Entity(
        id=entry.id,
        type=entry.type,
        names=entry.names,
        aliases=entry.aliases,
        description=entry.description,
        wikidata=entry.wikidata,
        unnamed=entry.unnamed,
        offices=entry.offices,
        country=entry.country,
        part_of=entry.part_of,
    )


def map_catalogue(catalogue: Catalogue) -> MappedArticle:
    """The catalogue's named graph (it has no evidence graph: evidence is each article's)."""
    return _CatalogueBuilder(catalogue).run()
