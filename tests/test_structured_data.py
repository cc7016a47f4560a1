"""The page embed is the structured data search engines read, and every value it gives is the graph's.

The embed says ``"@context": "https://schema.org"``; the tests expand it offline with a copy of that
context (see tests/schemaorg.py), which types some dates as schema:Date, so values are compared as
plain strings.
"""

from __future__ import annotations

import json

import pytest

import newsgraph
from newsgraph.writing.embed import extract_json

from .conftest import DATA, SEED, node
from .schemaorg import embed_triples

SCHEMA = "http://schema.org/"


STORIES = [SEED, DATA / "stories" / "test-every-field.yaml"]


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_every_value_of_the_embed_is_a_value_of_the_graph(path):
    result = newsgraph.build(newsgraph.load_story(path))
    graph = {(t.subject.value, t.predicate.value, t.object.value) for t in result.mapped.triples}
    found = embed_triples(extract_json(result.html))
    assert found
    for s, p, o in found:
        # the page is the article's url; everything else is the graph's own property
        same = SCHEMA + "url" if p == SCHEMA + "mainEntityOfPage" else p
        assert (s, same, o) in graph, (s, p, o)
    assert not any("ns/oa#" in p or "newsgraph.example/ns#" in p for _, p, _ in found)  # no evidence, no ng:


def test_the_seed_embed_gives_what_search_engines_read():
    result = newsgraph.build(newsgraph.load_story(SEED))
    data = json.loads(extract_json(result.html))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Την ώρα που οι ΗΠΑ πιέζουν τη Βενεζουέλα")
    assert (data["datePublished"], data["inLanguage"]) == ("2025-12-11", "el")
    assert data["publisher"] == {"@id": node("in-gr"), "@type": "NewsMediaOrganization", "name": "in.gr"}
    putin = next(thing for thing in data["about"] if thing["@id"] == node("putin"))
    assert putin == {
        "@id": node("putin"),
        "@type": "Person",
        "name": "Βλαντιμίρ Πούτιν",
        "sameAs": "http://www.wikidata.org/entity/Q7747",
    }
    # an unnamed source is described, not named; the seed records no url, image or licence
    sources = next(thing for thing in data["mentions"] if thing["@id"] == node("reuters-sources"))
    assert "name" not in sources and sources["description"] == "πηγές του Reuters, που δεν κατονομάζονται"
    assert not {"url", "mainEntityOfPage", "image", "license"} & set(data)
    assert len(result.html.encode()) < len(result.jsonld.encode()) / 5  # the facts a page needs, not the graph


def test_an_article_with_a_page_gives_it_as_the_main_entity_of_the_page():
    result = newsgraph.build(newsgraph.load_story(DATA / "stories" / "test-every-field.yaml"))
    data = json.loads(extract_json(result.html))
    assert data["url"] == data["mainEntityOfPage"] == "https://daily.example/news/1"
    assert data["image"] == "https://daily.example/news/1/photo.jpg"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["dateModified"] == "2025-03-05" and data["datePublished"] == "2025-03-04T10:00:00+01:00"
    assert [a["name"] for a in data["author"]] == ["Rita Reporter"]
    assert data["copyrightHolder"]["@id"].endswith("#daily-example")
