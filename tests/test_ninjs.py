"""The IPTC ninjs export: every story's document validates against the bundled IPTC schema of
its version (offline), and says what the story says, each value in a field of its own kind."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

import newsgraph
from newsgraph.errors import InputError
from newsgraph.model.story import Entity, Story
from newsgraph.model.vocab import SCHEMA
from newsgraph.writing.ninjs import NINJS_VERSIONS, check_ninjs, ninjs

from .conftest import DATA, ROOT, SEED, SEED_ARTICLE, SHARED, STORIES

SCHEMAS = ROOT / "schemas" / "ninjs"
GEOJSON = "https://geojson.org/schema/GeoJSON.json"
WD = "http://www.wikidata.org/entity/"
THING = "https://newsgraph.example/thing/"

STORY_FILES = sorted(
    [*STORIES.glob("*.yaml"), *(DATA / "newsroom" / "stories").glob("*.yaml"), *(DATA / "drafting").glob("*.yaml")]
)
#: The people, organisations and places lists, and the story entity types each may hold.
KINDS = {
    "people": {"person"},
    "organisations": {"organization", "government-body", "news-agency", "media"},
    "places": {"state", "city", "region", "place"},
}


@cache
def load(path: Path) -> Story:
    return newsgraph.load_story(path)


# -- an independent validator: Python jsonschema, the local GeoJSON, strict formats ------------
def _refuse(uri: str) -> Any:
    raise NoSuchResource(ref=uri)  # never the network


_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\Z"
)
_RFC3986 = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*\Z")


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats only judge strings
    if not _RFC3339.match(value):
        return False
    datetime.fromisoformat(value.upper())  # a real day and time, or ValueError
    return True


def _uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_RFC3986.match(value))


@cache
def python_validator(version: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"ninjs-schema_{version}.json").read_text(encoding="utf-8"))
    geojson = json.loads((SCHEMAS / "GeoJSON-schema.json").read_text(encoding="utf-8"))
    registry = Registry(retrieve=_refuse).with_resource(GEOJSON, Resource.from_contents(geojson))
    cls = validator_for(schema)  # the draft the schema declares ($schema)
    cls.check_schema(schema)
    formats = jsonschema.FormatChecker()
    formats.checks("date-time", raises=ValueError)(_date_time)
    formats.checks("uri")(_uri)
    return cls(schema, registry=registry, format_checker=formats)


def errors(document: dict, version: str) -> list[str]:
    """Both validators' complaints: Python jsonschema's and jsonschema-rs's (check_ninjs)."""
    found = [f"{e.json_path}: {e.message}" for e in python_validator(version).iter_errors(document)]
    return found + check_ninjs(document, version)


# -- every story, both versions ----------------------------------------------------------------
def test_the_stories_are_there():
    assert SEED in STORY_FILES and len(STORY_FILES) >= 5


@pytest.mark.parametrize("version", NINJS_VERSIONS)
@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.stem)
def test_every_story_validates_against_the_iptc_schema_of_its_version(path, version):
    document = ninjs(load(path), version=version)
    assert errors(document, version) == []
    assert document["standard"] == {
        "name": "ninjs",
        "version": version,
        "schema": f"http://www.iptc.org/std/ninjs/ninjs-schema_{version}.json",
    }
    assert document["uri"] == f"https://newsgraph.example/article/{path.stem}"


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.stem)
def test_2_1_is_3_1_in_lower_case(path):
    story = load(path)
    new, old = ninjs(story, version="3.1"), ninjs(story, version="2.1")

    def lower(value):
        if isinstance(value, dict):
            return {k.lower(): lower(v) for k, v in value.items()}
        return [lower(v) for v in value] if isinstance(value, list) else value

    new["standard"], old["standard"] = {}, {}
    assert lower(new) == old
    assert not [k for k in _keys(old) if k != k.lower()]


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.stem)
def test_every_item_is_of_its_kind_and_named_as_the_article_names_it(path):
    story = load(path)
    document = ninjs(story)
    entities, events = _by_iri(story)
    language = story.article.language
    for kind, types in KINDS.items():
        for item in document.get(kind, []):
            entity = entities[item["uri"]]
            assert entity.type in types and not entity.unnamed, (kind, item)
            assert item.get("name") == entity.names.get(language), item
            assert item["rel"] == ("about" if entity.id in story.article.about else "mentions")
    for item in document.get("events", []):
        event = events[item["uri"]]
        assert item.get("name") == event.names.get(language)
    for item in document.get("infoSources", []):
        entity = entities[item["uri"]]
        assert entity.type in set().union(*KINDS.values()) and not entity.unnamed, item
        assert set(item) <= {"name", "uri"}


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.stem)
def test_every_uri_is_wikidata_or_a_node_of_the_article_graph(path):
    story = load(path)
    document = ninjs(story)
    nodes = newsgraph.build(story).mapped.nodes
    same_as = {o for node in nodes.values() for o in node.get(SCHEMA + "sameAs", ())}
    items = [
        item for key in ("people", "organisations", "places", "events", "infoSources") for item in document.get(key, [])
    ]
    assert items
    for item in items:
        uri = item["uri"]
        assert (uri.startswith(WD) and uri in same_as) or uri in nodes, item
    assert document["uri"] in nodes


# -- the seed: what is mapped, and where ----------------------------------------------------------
@pytest.fixture(scope="module")
def seed() -> dict:
    return ninjs(load(SEED))


def test_seed_article_fields(seed):
    story = load(SEED)
    assert seed["uri"] == SEED_ARTICLE
    assert seed["type"] == "text"
    assert seed["language"] == "el"
    assert seed["slugline"] == story.article.slug
    assert seed["headlines"] == [{"role": "main", "contentType": "text/plain", "value": story.article.headline}]
    assert seed["genres"] == [{"uri": "http://schema.org/NewsArticle", "literal": "news-article"}]
    assert seed["representationType"] == "partial"


def test_seed_info_sources_are_its_publisher_and_the_agencies_it_rests_on(seed):
    assert seed["infoSources"] == [
        {"name": "in.gr", "uri": THING + "in-gr"},  # the publisher
        {"name": "Reuters", "uri": WD + "Q130879"},  # its report, and its unnamed sources
        {"name": "Belta", "uri": THING + "belta"},  # its report of 25 November (no QID yet)
        {"name": "Politico", "uri": WD + "Q3109740"},  # the interview it conducted
    ]


def test_seed_people_organisations_places_and_events(seed):
    assert {"name": "Βλαντιμίρ Πούτιν", "rel": "about", "uri": WD + "Q7747"} in seed["people"]
    assert [p["name"] for p in seed["people"] if p["rel"] == "about"] == [
        "Νικολάς Μαδούρο",
        "Βλαντιμίρ Πούτιν",
        "Αλεξάντερ Λουκασένκο",
    ]
    assert {"name": "John Coale", "rel": "mentions", "uri": THING + "john-coale"} in seed["people"]
    assert {"name": "Βενεζουέλα", "rel": "mentions", "uri": WD + "Q717"} in seed["places"]
    assert {"name": "Μόσχα", "rel": "mentions", "uri": WD + "Q649"} in seed["places"]
    assert {"name": "Belta", "rel": "mentions", "uri": THING + "belta"} in seed["organisations"]
    # the federal government has no Greek name in the story: its IRI says which it is
    assert {"rel": "mentions", "uri": WD + "Q48525"} in seed["organisations"]
    assert {"name": "Ρωσική εισβολή στην Ουκρανία", "rel": "mentions", "uri": WD + "Q110999040"} in seed["events"]
    assert {
        "name": "Τηλεφωνική επικοινωνία Πούτιν – Μαδούρο",
        "rel": "mentions",
        "uri": SEED_ARTICLE + "#putin-maduro-call",
    } in seed["events"]
    assert len(seed["events"]) == len(load(SEED).events)


def test_seed_leaves_out_what_it_does_not_know_or_ninjs_cannot_hold(seed):
    text = json.dumps(seed, ensure_ascii=False)
    # a day without a time of day gives no date-time: nothing invented
    for key in ("firstCreated", "versionCreated", "contentCreated"):
        assert key not in seed
    # no byline, place of writing, rights or subjects in the story; the text is not republished
    for key in ("by", "located", "copyrightHolder", "usageTerms", "rightsInfo", "subjects", "bodies"):
        assert key not in seed
    story = load(SEED)
    # unnamed people and sources: no entry, and no description passed off as a name
    for id in ("venezuelan-ambassador", "western-governments", "reuters-sources"):
        entity = story.entity(id)
        assert all(value not in text for value in entity.description.values())
        assert f"#{id}" not in text and THING + str(entity.catalogue) not in text
    # positions, works and claims have no ninjs list
    assert "president-of-russia" not in text and "Πρόεδρος της Ρωσίας" not in text
    assert "reuters-report" not in text and "Lukashenko meets Venezuela envoy" not in text
    assert all(claim.text["el"] not in text for claim in story.claims)
    assert story.article.text[:60] not in text


def test_2_1_uses_its_own_property_names():
    document = ninjs(load(SEED), version="2.1")
    assert {"infosources", "representationtype"} <= set(document)
    assert document["headlines"][0]["contenttype"] == "text/plain"
    assert "infoSources" not in document and "representationType" not in document


def test_the_same_input_gives_byte_identical_output():
    first = newsgraph.load_story(SEED)
    again = newsgraph.load_story(SEED)
    for version in NINJS_VERSIONS:
        a = json.dumps(ninjs(first, version=version), sort_keys=True, ensure_ascii=False)
        b = json.dumps(ninjs(again, version=version), sort_keys=True, ensure_ascii=False)
        c = json.dumps(ninjs(first, version=version), sort_keys=True, ensure_ascii=False)
        assert a == b == c
    assert first == again  # nothing changed the story


# -- what the seed does not say: dates, byline, rights ---------------------------------------
def _with(story: Story, **article: Any) -> Story:
    author = Entity(id="maria", type="person", names={"el": "Μαρία Παπαδοπούλου", "en": "Maria Papadopoulou"})
    return replace(story, entities=(*story.entities, author), article=replace(story.article, **article))


@pytest.mark.parametrize(
    ("published", "modified", "first", "latest"),
    [
        ("2025-12-11T09:30+02:00", None, "2025-12-11T09:30:00+02:00", "2025-12-11T09:30:00+02:00"),
        ("2025-12-11T09:30:15.5Z", "2025-12-12T10:00:00+00:00", "2025-12-11T09:30:15.5Z", "2025-12-12T10:00:00+00:00"),
        ("2025-12-11T09:30:00Z", "2025-12-12", "2025-12-11T09:30:00Z", None),  # no time of day: not invented
        ("2025-12-11", "2025-12-12T10:00:00-05:00", None, "2025-12-12T10:00:00-05:00"),
        ("2025-12-11", "2025-12-12", None, None),
    ],
)
def test_dates_are_given_only_as_the_date_times_the_story_says(published, modified, first, latest):
    story = _with(load(SEED), published=published, modified=modified)
    for version, names in (("3.1", ("firstCreated", "versionCreated")), ("2.1", ("firstcreated", "versioncreated"))):
        document = ninjs(story, version=version)
        assert (document.get(names[0]), document.get(names[1])) == (first, latest)
        assert errors(document, version) == []


def test_byline_rights_and_copyright_holder():
    story = _with(
        load(SEED),
        authors=("maria", "john-coale"),
        license="https://creativecommons.org/licenses/by/4.0/",
        copyright_holder="in-gr",
    )
    for version in NINJS_VERSIONS:
        document = ninjs(story, version=version)
        assert errors(document, version) == []
    document = ninjs(story)
    assert document["by"] == "Μαρία Παπαδοπούλου, John Coale"
    assert document["rightsInfo"] == {"linkedRights": "https://creativecommons.org/licenses/by/4.0/"}
    assert document["copyrightHolder"] == "in.gr"
    assert "usageTerms" not in document  # a licence IRI is not a natural-language statement
    # authors are credited in the byline, not listed as people the article is about
    assert "Μαρία Παπαδοπούλου" not in json.dumps(document.get("people"), ensure_ascii=False)
    old = ninjs(story, version="2.1")
    assert old["rightsinfo"] == {"linkedrights": "https://creativecommons.org/licenses/by/4.0/"}
    assert old["copyrightholder"] == "in.gr" and old["by"] == document["by"]


def test_no_byline_when_an_author_has_no_name():
    story = _with(load(SEED), authors=("maria", "venezuelan-ambassador"), copyright_holder="us-government")
    document = ninjs(story)
    assert "by" not in document  # "Μαρία Παπαδοπούλου" alone would misattribute the article
    assert "copyrightHolder" not in document  # the holder has no Greek name in the story
    staff = Entity(id="staff", type="person", unnamed=True, names={"el": "Συντάκτης"})
    story = replace(story, entities=(*story.entities, staff), article=replace(story.article, authors=("staff",)))
    assert "by" not in ninjs(story)  # an unnamed author's label is not a name


def test_a_regional_language_tag_takes_the_names_of_its_language():
    story = _with(load(SEED), language="el-GR")
    document = ninjs(story)
    assert document["language"] == "el-GR"
    assert {"name": "Βλαντιμίρ Πούτιν", "rel": "about", "uri": WD + "Q7747"} in document["people"]
    assert errors(document, "3.1") == []


# -- base IRIs, the catalogue, and refusals -----------------------------------------------------
def test_base_and_catalogue_give_the_graphs_iris():
    story = load(SEED)
    catalogue = newsgraph.load_catalogue(ROOT / "catalogue", base="https://things.example/")
    document = ninjs(story, base="https://news.example/", catalogue=catalogue)
    assert document["uri"] == "https://news.example/article/" + story.article.slug
    assert {"name": "Belta", "uri": "https://things.example/thing/belta"} in document["infoSources"]
    assert {"name": "John Coale", "rel": "mentions", "uri": "https://things.example/thing/john-coale"} in document[
        "people"
    ]
    nodes = newsgraph.build(story, "https://news.example/", catalogue=catalogue).mapped.nodes
    own = [i["uri"] for k in ("people", "organisations", "places", "events") for i in document[k]]
    assert [uri for uri in own if not uri.startswith(WD) and uri not in nodes] == []
    assert errors(document, "3.1") == []


def test_an_iri_outside_ascii_becomes_a_uri():
    story = _with(load(SEED), license="https://άδεια.example/όροι")
    document = ninjs(story, base="https://ειδήσεις.example/")
    assert document["uri"] == (
        "https://%CE%B5%CE%B9%CE%B4%CE%AE%CF%83%CE%B5%CE%B9%CF%82.example/article/" + story.article.slug
    )
    assert (
        document["rightsInfo"]["linkedRights"]
        == "https://%CE%AC%CE%B4%CE%B5%CE%B9%CE%B1.example/%CF%8C%CF%81%CE%BF%CE%B9"
    )
    assert errors(document, "3.1") == []


def test_unknown_version_and_bad_base_are_refused():
    story = load(SEED)
    with pytest.raises(InputError, match=r"'3\.2'"):
        ninjs(story, version="3.2")
    with pytest.raises(InputError, match="base IRI"):
        ninjs(story, base="not a base")
    with pytest.raises(InputError, match=r"'2\.2'"):
        check_ninjs({"uri": SEED_ARTICLE}, "2.2")


# -- the validators themselves: formats are checked, $refs resolve locally ---------------------
@pytest.mark.parametrize(
    ("version", "document"),
    [
        ("3.1", {"uri": SEED_ARTICLE, "versionCreated": "2025-12-11"}),  # a date is not a date-time
        ("2.1", {"uri": SEED_ARTICLE, "firstcreated": "2025-12-11T25:00:00Z"}),
        ("3.1", {"uri": "https://ειδήσεις.example/article/x"}),  # an IRI is not a URI
        ("3.1", {"uri": SEED_ARTICLE, "headline": "2.x/1.x only"}),
        ("2.1", {"uri": SEED_ARTICLE, "infoSources": []}),  # 3.x's name
        ("3.1", {"uri": SEED_ARTICLE, "places": [{"name": "Μόσχα", "geoJSON": {"type": "Point"}}]}),
    ],
)
def test_both_validators_refuse_what_the_schema_refuses(version, document):
    assert list(python_validator(version).iter_errors(document))
    assert check_ninjs(document, version)


@pytest.mark.parametrize("version", NINJS_VERSIONS)
def test_geojson_resolves_from_the_bundled_copy(version):
    key = "geoJSON" if version.startswith("3") else "geojson"
    document = {"uri": SEED_ARTICLE, "places": [{"name": "Μόσχα", key: {"type": "Point", "coordinates": [37.6, 55.8]}}]}
    assert errors(document, version) == []


EXAMPLES = sorted((SHARED / "anchors" / "ninjs").glob("example-*.json")) if SHARED.is_dir() else []


@pytest.mark.skipif(not EXAMPLES, reason="IPTC's examples are in shared/, not on this machine")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_iptcs_own_examples_validate_with_these_validators(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    version = "3.1" if path.name.startswith("example-3") else "2.1"  # 2.2 adds to 2.1 nothing they use
    assert errors(document, version) == []


# -- helpers --------------------------------------------------------------------------------------
def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _keys(v))]
    return [k for v in value for k in _keys(v)] if isinstance(value, list) else []


def _by_iri(story: Story) -> tuple[dict, dict]:
    """The story's entities and events by the IRI the export gives them."""

    def iri(thing) -> str:
        if thing.wikidata:
            return WD + thing.wikidata
        if thing.catalogue:
            return THING + thing.catalogue
        return f"https://newsgraph.example/article/{story.article.slug}#{thing.id}"

    return {iri(e): e for e in story.entities}, {iri(e): e for e in story.events}
