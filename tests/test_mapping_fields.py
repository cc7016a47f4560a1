"""Every field of the story format, and what the mapping publishes for it, written out by hand.

tests/data/stories/test-every-field.yaml (written for the tests) uses each field once. The
expected graph below follows the README ("What is published"), not newsgraph's output: a field
dropped, renamed, added twice or numbered differently changes the graph and fails this test,
whatever output/ says.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import yaml

import newsgraph

from .answers import chain_of
from .conftest import DATA

STORY = DATA / "stories" / "test-every-field.yaml"
ARTICLE = "https://data.example.org/article/test-every-field"

#: Everything but the evidence, as the README says it is published.
EXPECTED = """
@prefix art: <https://data.example.org/article/test-every-field#> .
@prefix ng: <https://newsgraph.example/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# article: type report, headline, language, published (a date-time), modified (a day), publisher,
# url, image, licence, copyright holder, authors, based_on, about, and schema:mentions for what has
# evidence
<https://data.example.org/article/test-every-field> a schema:Report ;
    schema:headline "Written for the newsgraph tests"@en ;
    schema:inLanguage "en" ;
    schema:datePublished "2025-03-04T10:00:00+01:00"^^xsd:dateTime ;
    schema:dateModified "2025-03-05"^^xsd:date ;
    schema:publisher art:daily-example ;
    schema:url <https://daily.example/news/1> ;
    schema:image <https://daily.example/news/1/photo.jpg> ;
    schema:license <https://creativecommons.org/licenses/by/4.0/> ;
    schema:copyrightHolder art:daily-example ;
    schema:author art:reporter ;
    schema:isBasedOn art:wire-report ;
    ng:onAuthorityOf art:wire-report ;
    schema:about art:ana ;
    schema:mentions art:ana , art:ambassador , art:freedonia , art:capital-city , art:meeting , art:talks .

# a person: names per language, aliases, country, an office (position, of, title)
art:ana a schema:Person ;
    schema:name "Ana Example"@en , "Άνα Παράδειγμα"@el ;
    schema:alternateName "Minister Example"@en ;
    ng:country art:freedonia ;
    ng:holdsOffice art:ana.office.minister ;
    ng:reconciliation ng:Unreconciled .
art:ana.office.minister a ng:OfficeHolding ;
    ng:officeHolder art:ana ;
    ng:officePosition art:foreign-minister ;
    ng:officeOf art:freedonia ;
    schema:roleName "Minister"@en .

# an unnamed person: description, name not given; an envoy's office (to, posted in)
art:ambassador a schema:Person ;
    schema:description "Sylvania's ambassador to Freedonia, not named"@en ;
    ng:nameNotGiven true ;
    ng:holdsOffice art:ambassador.office.envoy ;
    ng:reconciliation ng:Unreconciled .
art:ambassador.office.envoy a ng:OfficeHolding ;
    ng:officeHolder art:ambassador ;
    ng:officePosition art:ambassador-position ;
    ng:officeOf art:sylvania ;
    ng:accreditedTo art:freedonia ;
    ng:postedIn art:capital-city .

# states, a city in a state, positions (one reconciled)
art:freedonia a schema:Country , ng:SovereignState ; schema:name "Freedonia"@en ; ng:reconciliation ng:Unreconciled .
art:sylvania a schema:Country , ng:SovereignState ; schema:name "Sylvania"@en ; ng:reconciliation ng:Unreconciled .
art:capital-city a schema:City ;
    schema:name "Capital City"@en ;
    schema:containedInPlace art:freedonia ;
    ng:reconciliation ng:Unreconciled .
art:foreign-minister a ng:Position ;
    schema:name "Minister of Foreign Affairs"@en ;
    ng:reconciliation ng:Unreconciled .
art:ambassador-position a ng:Position ;
    schema:name "ambassador"@en ;
    schema:sameAs <http://www.wikidata.org/entity/Q121998> ;
    ng:reconciliation ng:Reconciled .

# an unnamed source and the outlet it spoke to; a news agency; a work with publisher, date,
# language and url; the author
art:official a ng:UnnamedSource , prov:Agent ;
    schema:description "An official who spoke to the Daily Example, not named"@en ;
    ng:nameNotGiven true ;
    ng:sourceOf art:daily-example ;
    ng:reconciliation ng:Unreconciled .
art:daily-example a schema:NewsMediaOrganization ; schema:name "Daily Example"@en ; ng:reconciliation ng:Unreconciled .
art:wire a schema:NewsMediaOrganization , ng:NewsAgency ; schema:name "Wire"@en ; ng:reconciliation ng:Unreconciled .
art:wire-report a schema:CreativeWork ;
    schema:description "The Wire report the article is based on"@en ;
    schema:publisher art:wire ;
    schema:datePublished "2025-03-03"^^xsd:date ;
    schema:inLanguage "en" ;
    schema:url <https://wire.example/report/1> ;
    ng:onAuthorityOf art:meeting ;
    ng:reconciliation ng:Unreconciled .
art:reporter a schema:Person ; schema:name "Rita Reporter"@en ; ng:reconciliation ng:Unreconciled .

# an event on a day: both dates, the words, roles with capacities, name, description, location, about
art:meeting a schema:Event , ng:Meeting ;
    schema:name "Meeting of Ana Example and the ambassador of Sylvania"@en ;
    schema:description "The meeting in Capital City"@en ;
    schema:startDate "2025-03-03"^^xsd:date ;
    schema:endDate "2025-03-03"^^xsd:date ;
    ng:dateText "On 3 March 2025"@en ;
    schema:location art:capital-city ;
    schema:about art:sylvania ;
    ng:onAuthorityOf art:official ;
    schema:organizer art:ana ;
    schema:attendee art:ana , art:ambassador ;
    ng:hasParticipation art:meeting.role.ana.host , art:meeting.role.ambassador.guest .
art:meeting.role.ana.host a ng:Participation ;
    ng:participatingEntity art:ana ;
    ng:participantRole ng:HostRole ;
    ng:inCapacityOf art:ana.office.minister .
art:meeting.role.ambassador.guest a ng:Participation ;
    ng:participatingEntity art:ambassador ;
    ng:participantRole ng:GuestRole ;
    ng:inCapacityOf art:ambassador.office.envoy .

# a duration from a month to a day; the default role (a state: ng:involves, as schema:attendee takes
# only a person or an organisation); a target; what came before
art:talks a schema:Event , ng:Negotiation ;
    schema:name "Talks between Freedonia and Sylvania"@en ;
    schema:startDate "2025-03"^^xsd:gYearMonth ;
    schema:endDate "2025-03-04"^^xsd:date ;
    ng:dateText "in March"@en ;
    ng:onAuthorityOf art:wire-report , <https://data.example.org/article/test-every-field> ;
    ng:involves art:freedonia ;
    ng:directedAt art:sylvania ;
    ng:precededBy art:call ;
    ng:hasParticipation art:talks.role.freedonia.participant , art:talks.role.sylvania.target .
art:talks.role.freedonia.participant a ng:Participation ;
    ng:participatingEntity art:freedonia ;
    ng:participantRole ng:ParticipantRole .
art:talks.role.sylvania.target a ng:Participation ;
    ng:participatingEntity art:sylvania ;
    ng:participantRole ng:TargetRole .

# a date the text does not give: before the article, all the same
art:call a schema:Event , ng:PhoneCall ;
    schema:name "Call whose date is not known"@en ;
    ng:dateUnknown true ;
    ng:latestDate "2025-03-04"^^xsd:date ;
    ng:onAuthorityOf <https://data.example.org/article/test-every-field> ;
    ng:initiatedBy art:ana ;
    ng:hasParticipation art:call.role.ana.initiator .
art:call.role.ana.initiator a ng:Participation ;
    ng:participatingEntity art:ana ;
    ng:participantRole ng:InitiatorRole .

# bounds: no earlier than a month, no later than a day
art:briefing a schema:Event , ng:PublicStatement ;
    schema:name "The official's briefing"@en ;
    ng:earliestDate "2025-02"^^xsd:gYearMonth ;
    ng:latestDate "2025-03-04"^^xsd:date ;
    ng:onAuthorityOf art:daily-example ;
    ng:involves art:official ;
    ng:hasParticipation art:briefing.role.official.speaker .
art:briefing.role.official.speaker a ng:Participation ;
    ng:participatingEntity art:official ;
    ng:participantRole ng:SpeakerRole .

# an event still to come: it may lie after the article, and says what it is
art:next-round a schema:Event , ng:Negotiation ;
    schema:name "The next round of talks"@en ;
    schema:startDate "2025-04"^^xsd:gYearMonth ;
    schema:endDate "2025-04"^^xsd:gYearMonth ;
    schema:eventStatus schema:EventScheduled ;
    ng:onAuthorityOf <https://data.example.org/article/test-every-field> ;
    ng:involves art:freedonia , art:sylvania ;
    ng:hasParticipation art:next-round.role.freedonia.participant , art:next-round.role.sylvania.participant .
art:next-round.role.freedonia.participant a ng:Participation ;
    ng:participatingEntity art:freedonia ;
    ng:participantRole ng:ParticipantRole .
art:next-round.role.sylvania.participant a ng:Participation ;
    ng:participatingEntity art:sylvania ;
    ng:participantRole ng:ParticipantRole .

# begun, not ended when the article was published
art:build-up a schema:Event , ng:MilitaryAction ;
    schema:name "Sylvania's build-up"@en ;
    schema:startDate "2025-02"^^xsd:gYearMonth ;
    ng:ongoingAsOf "2025-03-04"^^xsd:date ;
    ng:onAuthorityOf art:wire-report ;
    ng:initiatedBy art:sylvania ;
    ng:hasParticipation art:build-up.role.sylvania.initiator .
art:build-up.role.sylvania.initiator a ng:Participation ;
    ng:participatingEntity art:sylvania ;
    ng:participantRole ng:InitiatorRole .

# claims on the authority of agents, an event, a work and the article itself
art:talks-follow a schema:Claim ;
    schema:text "Talks would follow."@en ;
    ng:onAuthorityOf art:official , art:daily-example ;
    prov:wasAttributedTo art:official , art:daily-example ;
    ng:speaker art:official ;
    ng:addressee art:daily-example ;
    schema:about art:talks .
art:talk-again a schema:Quotation ;
    schema:text "We will talk again."@en ;
    ng:translatedFrom "el" ;
    ng:onAuthorityOf art:meeting ;
    prov:wasGeneratedBy art:meeting ;
    ng:speaker art:ana .
art:talks-began a schema:Claim ;
    schema:text "The talks began in March."@en ;
    ng:onAuthorityOf art:wire-report ;
    prov:wasDerivedFrom art:wire-report ;
    schema:about art:talks .
art:article-says a schema:Claim ;
    schema:text "Talks would follow the meeting."@en ;
    ng:onAuthorityOf <https://data.example.org/article/test-every-field> ;
    prov:wasDerivedFrom <https://data.example.org/article/test-every-field> ;
    schema:about art:meeting .
"""

OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NNI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def _evidence(holder: str, spans: list[dict], text: str) -> set[ox.Triple]:
    """The README's evidence: an annotation `#{holder}.evidence` pointing at one resource per span
    of the article, `#span.{start}-{end}`, with a position selector and a quote selector that keeps
    up to 32 characters before and after."""
    n = ox.NamedNode
    annotation = f"{ARTICLE}#{holder}.evidence"
    triples = {
        ox.Triple(n(annotation), n(RDF_TYPE), n(OA + "Annotation")),
        ox.Triple(n(annotation), n(OA + "hasBody"), n(f"{ARTICLE}#{holder}")),
        ox.Triple(n(annotation), n(OA + "motivatedBy"), n(OA + "identifying")),
    }
    for span in spans:
        start, end = span["start"], span["end"]
        target = f"{ARTICLE}#span.{start}-{end}"
        position, quote = f"{target}.position", f"{target}.quote"
        triples |= {
            ox.Triple(n(annotation), n(OA + "hasTarget"), n(target)),
            ox.Triple(n(target), n(RDF_TYPE), n(OA + "SpecificResource")),
            ox.Triple(n(target), n(OA + "hasSource"), n(ARTICLE)),
            ox.Triple(n(target), n(OA + "hasSelector"), n(position)),
            ox.Triple(n(target), n(OA + "hasSelector"), n(quote)),
            ox.Triple(n(position), n(RDF_TYPE), n(OA + "TextPositionSelector")),
            ox.Triple(n(position), n(OA + "start"), ox.Literal(str(start), datatype=NNI)),
            ox.Triple(n(position), n(OA + "end"), ox.Literal(str(end), datatype=NNI)),
            ox.Triple(n(quote), n(RDF_TYPE), n(OA + "TextQuoteSelector")),
            ox.Triple(n(quote), n(OA + "exact"), ox.Literal(span["text"])),
        }
        if start > 0:
            triples.add(ox.Triple(n(quote), n(OA + "prefix"), ox.Literal(text[max(0, start - 32) : start])))
        if end < len(text):
            triples.add(ox.Triple(n(quote), n(OA + "suffix"), ox.Literal(text[end : end + 32])))
    return triples


@pytest.fixture(scope="module")
def built() -> newsgraph.BuildResult:
    return newsgraph.build(newsgraph.load_story(STORY), verify=True)


def test_every_field_is_published_as_the_readme_says(built):
    data = yaml.safe_load(STORY.read_text(encoding="utf-8"))
    expected = {quad.triple for quad in ox.parse(EXPECTED.encode(), format=ox.RdfFormat.TURTLE)}
    holders = [(e["id"], e.get("evidence", [])) for e in data["entities"]]
    holders += [
        (f"{e['id']}.office.{o['id']}", o.get("evidence", [])) for e in data["entities"] for o in e.get("offices", [])
    ]
    holders += [(x["id"], x.get("evidence", [])) for x in data["events"] + data["claims"]]
    evidence: set[ox.Triple] = set()
    for holder, spans in holders:
        if spans:
            evidence |= _evidence(holder, spans, data["article"]["text"])
    found = set(built.mapped.triples)
    assert found - expected == set(), "published but not expected"
    assert expected - found == set(), "expected but not published"
    # the evidence, in its own graph
    found = set(built.mapped.evidence_triples)
    assert found - evidence == set(), "published as evidence but not expected"
    assert evidence - found == set(), "expected as evidence but not published"


def test_each_triple_is_published_once(built):
    # the count newsgraph reports (and checks a store against) is the number of distinct triples
    assert built.mapped.count == len(set(built.mapped.triples)) == len(built.mapped.triples)
    turtle = {q.triple for q in ox.parse(built.turtle.encode(), format=ox.RdfFormat.TURTLE)}
    assert len(turtle) == built.mapped.count
    assert built.turtle.count("\n    ") + built.turtle.count(" , ") + len(built.mapped.nodes) == built.mapped.count


def test_a_span_cited_twice_is_one_resource(built):
    # "talks would follow" is evidence for the claim and for the talks: one span, two annotations
    span = f"{ARTICLE}#span.199-217"
    citing = {
        t.subject.value
        for t in built.mapped.evidence_triples
        if t.predicate.value == OA + "hasTarget" and t.object.value == span
    }
    assert citing == {f"{ARTICLE}#talks-follow.evidence", f"{ARTICLE}#talks.evidence"}
    assert sum(t.subject.value == span for t in built.mapped.evidence_triples) == 4  # minted once


def test_the_chain_of_sources_is_walked_to_its_end(built):
    # talks rest on the wire report (and the article), the report on the meeting, the meeting on
    # the official: the shipped question follows every step from the source the story gives
    store = ox.Store()
    store.extend(built.mapped.quads())
    art = ARTICLE + "#"
    assert chain_of(store, art + "talks") == {
        (art + "wire-report", art + "wire-report"),
        (art + "wire-report", art + "meeting"),
        (art + "wire-report", art + "official"),
        (ARTICLE, ARTICLE),
        (ARTICLE, art + "wire-report"),
        (ARTICLE, art + "meeting"),
        (ARTICLE, art + "official"),
    }
