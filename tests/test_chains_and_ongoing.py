"""What the format must say for articles beyond the seed: a chain of sources, an ongoing event and a
planned one (tests/data/stories/test-chain-and-ongoing.yaml, written for the tests)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import newsgraph

from .answers import chain_of
from .conftest import DATA

ARTICLE = "https://data.example.org/article/test-chain-and-ongoing"
ART = ARTICLE + "#"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    result = newsgraph.build(newsgraph.load_story(DATA / "stories" / "test-chain-and-ongoing.yaml"))
    store = ox.Store()
    store.extend(result.mapped.quads())
    return store


def ask(store: ox.Store, pattern: str) -> bool:
    prefixes = "PREFIX schema: <http://schema.org/> PREFIX ng: <https://newsgraph.example/ns#> "
    prefixes += "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    return bool(store.query(prefixes + f"ASK {{ GRAPH ?g {{ {pattern} }} }}"))


def test_lukashenko_to_the_interview_to_reuters_to_the_article_is_one_walkable_chain(store):
    # "Lukashenko told Newsmax in an interview on Monday ..., Reuters reported": the claim rests on
    # the report, the report on the interview, and the interview (known from the report) on the report
    assert chain_of(store, ART + "belarus-wants-ties") == {
        (ART + "reuters-report", ART + "reuters-report"),
        (ART + "reuters-report", ART + "newsmax-interview"),
    }
    assert ask(store, f"<{ART}belarus-wants-ties> ng:onAuthorityOf+ <{ART}newsmax-interview>")
    assert ask(store, f"<{ART}belarus-wants-ties> ng:speaker <{ART}lukashenko>")
    # the article renders the report, so everything it states itself reaches Reuters too
    assert ask(store, f"<{ART}caribbean-build-up> ng:onAuthorityOf/ng:onAuthorityOf <{ART}reuters-report>")


def test_an_ongoing_event_without_a_start_is_ongoing_as_of_the_article(store):
    assert ask(store, f'<{ART}caribbean-build-up> ng:ongoingAsOf "2025-12-10"^^xsd:date')
    assert not ask(store, f"<{ART}caribbean-build-up> schema:startDate|ng:earliestDate|ng:latestDate|ng:dateUnknown ?d")
    assert ask(
        store, f"<{ART}caribbean-build-up> ng:initiatedBy <{ART}united-states> ; schema:location <{ART}caribbean>"
    )


def test_talks_still_to_come_may_lie_after_the_article(store):
    assert ask(
        store,
        f'<{ART}prisoner-talks> schema:eventStatus schema:EventScheduled ; ng:earliestDate "2025-12-15"^^xsd:date ; '
        'ng:latestDate "2025-12-21"^^xsd:date ; ng:dateText "next week"@en',
    )
    # a state and a government body take part: ng:involves for the state, schema:attendee for the body
    assert ask(store, f"<{ART}prisoner-talks> ng:involves <{ART}belarus> ; schema:attendee <{ART}us-government>")
