"""The Wikidata client against a local server replaying real reply shapes (never the internet)."""

from __future__ import annotations

import functools
import json
import operator
import time

import pytest

from newsgraph.errors import InputError, ServiceError
from newsgraph.wikidata.client import WikidataClient, fetch_snapshot, parse_entity
from newsgraph.wikidata.snapshot import PositionHeld, Snapshot

from .wikidata_server import MAXLAG, Q30, FakeWikidata, _statement, _time_qualifier


@pytest.fixture
def wikidata():
    server = FakeWikidata()
    yield server
    server.shutdown()


@pytest.fixture
def client(wikidata, tmp_path):
    waits: list[float] = []
    c = WikidataClient(
        "newsroom-dev@example.org",
        api_url=wikidata.url,
        cache=tmp_path / "cache.sqlite",
        timeout=(2.0, 1.0),
        retries=2,
        backoff=0.05,
        max_wait=2.0,
        sleep=waits.append,
    )
    c.waits = waits
    yield c
    c.close()


def test_user_agent_needs_a_contact_and_says_who_we_are(monkeypatch, wikidata):
    monkeypatch.delenv("NEWSGRAPH_CONTACT", raising=False)
    with pytest.raises(InputError, match="Wikidata asks automated clients for a contact"):
        WikidataClient(api_url=wikidata.url, cache=False)
    with pytest.raises(InputError, match="e-mail address or an http"):
        WikidataClient("me", api_url=wikidata.url, cache=False)
    monkeypatch.setenv("NEWSGRAPH_CONTACT", "https://newsroom.example/contact")
    client = WikidataClient(api_url=wikidata.url, cache=False)
    client.get_entities(["Q30"])
    headers = wikidata.requests[-1]["headers"]
    assert headers["User-Agent"].startswith(
        "newsgraph/0.1.0 (https://newsgraph.example/; https://newsroom.example/contact)"
    )
    assert "python-requests/" in headers["User-Agent"] and "gzip" in headers["Accept-Encoding"]


def test_wbgetentities_parameters_and_parsing(client, wikidata):
    items = client.get_entities(["Q30", "Q10908976"])
    params = wikidata.requests[-1]["params"]
    assert params == {
        "action": "wbgetentities",
        "ids": "Q30|Q10908976",
        "props": "labels|aliases|descriptions|claims|info",
        "languages": "el|en",
        "format": "json",
        "maxlag": "5",
    }
    us = items["Q30"]
    assert us.labels == {"el": "Ηνωμένες Πολιτείες Αμερικής", "en": "United States of America"}
    assert "ΗΠΑ" in us.aliases["el"] and us.instance_of[:2] == ("Q3624078", "Q6256")
    assert us.positions == () and us.source == "wbgetentities, revision 703032791"
    assert items["Q10908976"] is None  # the real "missing" shape


def test_up_to_50_ids_a_request(client, wikidata):
    ids = [f"Q{n}" for n in range(1, 121)]
    client.get_entities(ids)
    batches = [r["params"]["ids"].split("|") for r in wikidata.requests]
    assert [len(b) for b in batches] == [50, 50, 20]
    assert functools.reduce(operator.iadd, batches, []) == ids


def test_positions_with_start_and_end_from_real_qualifier_shapes():
    entity = {
        "id": "Q58132",
        "labels": {"en": {"language": "en", "value": "Nicolás Maduro"}},
        "claims": {
            "P31": [_statement("P31", "Q5")],
            "P39": [
                _statement(
                    "P39",
                    "Q11942698",
                    {"P580": _time_qualifier("P580", "2013-04-19"), "P582": _time_qualifier("P582", "2026-01")},
                )
            ],
        },
    }
    item = parse_entity(entity)
    assert item.instance_of == ("Q5",)
    assert item.positions == (PositionHeld("Q11942698", "2013-04-19", "2026-01"),)
    # the real P6 statements of Q30 (2018), read as positions, keep their real dates
    p6 = parse_entity({"id": "Q30", "claims": {"P39": Q30["claims"]["P6"]}})
    assert PositionHeld("Q207", "2001-01-20", "2009-01-20") in p6.positions


def test_search_parameters_and_the_real_reply(client, wikidata):
    hits = client.search("attila the hun", "en", limit=3)
    assert wikidata.requests[-1]["params"] == {
        "action": "wbsearchentities",
        "search": "attila the hun",
        "language": "en",
        "uselang": "en",
        "type": "item",
        "limit": "3",
        "format": "json",
        "maxlag": "5",
    }
    assert hits[0].qid == "Q36724" and hits[0].label == "Attila the Hun" and hits[0].match_type == "label"
    assert client.search("zzzz nothing", "el") == []


def test_empty_search_reply(client, wikidata):
    wikidata.answer_next(body=json.loads((wikidata_dir() / "gimme_wikidata.empty_search.json").read_text()))
    assert client.search("anything", "en") == []


def wikidata_dir():
    from .wikidata_server import SHAPES

    return SHAPES


def test_api_errors_are_reported(client, wikidata):
    wikidata.answer_next(body=json.loads((wikidata_dir() / "gimme_wikidata.no_such_entity.json").read_text()))
    with pytest.raises(ServiceError, match="no-such-entity: Could not find such an entity"):
        client.get_entities(["Q1"])
    wikidata.answer_next(body=json.loads((wikidata_dir() / "gimme_wikidata.no_search.json").read_text()))
    with pytest.raises(ServiceError, match="nosearch"):
        client.search("x", "en")


def test_maxlag_waits_for_retry_after_then_succeeds(client, wikidata):
    wikidata.answer_next(
        body=MAXLAG, headers={"Content-Type": "application/json", "Retry-After": "5", "X-Database-Lag": "6"}
    )
    items = client.get_entities(["Q30"])
    assert items["Q30"] is not None
    assert client.waits == [2.0]  # Retry-After 5 s, capped at max_wait
    assert len(wikidata.requests) == 2


def test_maxlag_that_never_ends_gives_up(client, wikidata):
    for _ in range(3):
        wikidata.answer_next(body=MAXLAG, headers={"Content-Type": "application/json", "Retry-After": "1"})
    with pytest.raises(ServiceError, match="stayed lagged after 2 retries"):
        client.get_entities(["Q30"])
    assert client.waits == [1.0, 1.0]


def test_429_and_503_are_retried_honouring_retry_after(client, wikidata):
    wikidata.answer_next(429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"})
    wikidata.answer_next(503, b"busy", {"Content-Type": "text/plain"})
    started = time.monotonic()
    assert client.get_entities(["Q30"])["Q30"] is not None
    assert time.monotonic() - started >= 1.0
    assert len(wikidata.requests) == 3


def test_persistent_5xx_is_a_service_error(client, wikidata):
    for _ in range(3):
        wikidata.answer_next(503, b"busy", {"Content-Type": "text/plain"})
    with pytest.raises(ServiceError, match="HTTP 503 after 2 retries"):
        client.get_entities(["Q30"])


def test_timeout(client, wikidata):
    for _ in range(3):
        wikidata.answer_next(body={"entities": {}}, delay=1.5)
    started = time.monotonic()
    with pytest.raises(ServiceError, match=r"did not answer within 1 s \(2 retries\)"):
        client.get_entities(["Q30"])
    assert time.monotonic() - started < 10


def test_invalid_json(client, wikidata):
    wikidata.answer_next(200, b"<html>maintenance</html>", {"Content-Type": "text/html"})
    with pytest.raises(ServiceError, match="not JSON"):
        client.get_entities(["Q30"])


def test_replies_are_cached_but_errors_are_not(client, wikidata, tmp_path):
    wikidata.answer_next(body=MAXLAG, headers={"Content-Type": "application/json", "Retry-After": "1"})
    client.get_entities(["Q30"])
    client.get_entities(["Q30"])
    assert len(wikidata.requests) == 2  # maxlag, then the reply; the second call came from the cache
    again = WikidataClient("newsroom-dev@example.org", api_url=wikidata.url, cache=tmp_path / "cache.sqlite")
    again.get_entities(["Q30"])
    assert len(wikidata.requests) == 2  # persistent: a new client reads the same cache file


def test_unreachable_wikidata_is_a_clear_error():
    from .servers import free_port

    client = WikidataClient(
        "dev@example.org", api_url=f"http://127.0.0.1:{free_port()}/w/api.php", cache=False, retries=1, backoff=0.01
    )
    with pytest.raises(ServiceError, match=r"cannot reach Wikidata .* works from the offline snapshot") as raised:
        client.get_entities(["Q30"])
    assert raised.value.unreachable


#: What the real Q30 reply (tests/data/wikidata/Q30.entity.json, revision 703032791) says in Greek and
#: English, copied by hand from the file.
Q30_BY_HAND = {
    "labels": {"el": "Ηνωμένες Πολιτείες Αμερικής", "en": "United States of America"},
    "aliases": {
        "el": ("ΗΠΑ", "Ηνωμένες Πολιτείες", "Ηνωμένες Πολιτείες της Αμερικής", "Η.Π.Α.", "Αμερική"),
        "en": (
            "U.S.A.",
            "🇺🇸",
            "United States",
            "USA",
            "America",
            "the States",
            "U.S.",
            "US",
            "the US",
            "the United States",
            "the United States of America",
        ),
    },
    "descriptions": {"el": "Χώρα της Βόρειας Αμερικής", "en": "federal republic in North America"},
    "instance_of": ("Q3624078", "Q6256", "Q1520223", "Q5255892", "Q43702"),
}


def test_fetch_snapshot_reads_the_real_reply(client):
    snapshot, missing = fetch_snapshot(["Q30", "Q10908976"], client, "2026-11-27")
    assert missing == ["Q10908976"]  # answered in the real "missing" shape
    us = snapshot.get("Q30")
    assert (us.labels, us.aliases, us.descriptions, us.instance_of) == tuple(Q30_BY_HAND.values())
    assert us.positions == () and us.source == "wbgetentities, revision 703032791"
    assert (snapshot.taken, list(snapshot.items)) == ("2026-11-27", ["Q30"])


BAD_REPLIES = [
    # name, body for wbgetentities(["Q30"]), what the message names
    ("a-list", [], "/: [] is not of type 'object'"),
    ("null", None, "/: None is not of type 'object'"),
    ("error-a-string", {"error": "overloaded"}, "/error: 'overloaded' is not of type 'object'"),
    ("entities-a-string", {"entities": "Q30"}, "/entities: 'Q30' is not of type 'object'"),
    ("entity-a-string", {"entities": {"Q30": "United States"}}, "/entities/Q30: 'United States' is not of type"),
    (
        "label-without-value",
        {"entities": {"Q30": {"id": "Q30", "labels": {"en": {"language": "en"}}}}},
        "/entities/Q30/labels/en: 'value' is a required property",
    ),
    ("entity-without-id", {"entities": {"Q30": {"labels": {}}}}, "/entities/Q30: 'id' is a required property"),
    ("wrong-id", {"entities": {"Q30": {**Q30, "id": "Q31"}}}, "gives item Q31 for Q30"),
    ("id-not-asked", {"entities": {"Q31": {"id": "Q31"}}}, "gives nothing for Q30"),
    (
        "lone-surrogate",
        {"entities": {"Q30": {**Q30, "title": "\udfff"}}},
        "half of a surrogate pair at /entities/Q30/title",
    ),
]


@pytest.mark.parametrize("name, body, fragment", BAD_REPLIES, ids=[b[0] for b in BAD_REPLIES])
def test_a_reply_of_another_shape_is_a_service_error(client, wikidata, name, body, fragment):
    wikidata.answer_next(body=json.dumps(body).encode())
    with pytest.raises(ServiceError, match="Wikidata's wbgetentities reply") as raised:
        client.get_entities(["Q30"])
    assert fragment in str(raised.value)
    client.get_entities(["Q30"])  # the refused reply was not cached
    assert len(wikidata.requests) == 2


BAD_SEARCHES = [
    ("search-a-string", {"search": "attila"}, "/search: 'attila' is not of type 'array'"),
    ("hit-without-id", {"search": [{"label": "Attila the Hun"}]}, "/search/0: 'id' is a required property"),
    ("hit-a-number", {"search": [36724]}, "/search/0: 36724 is not of type 'object'"),
]


@pytest.mark.parametrize("name, body, fragment", BAD_SEARCHES, ids=[b[0] for b in BAD_SEARCHES])
def test_a_search_reply_of_another_shape_is_a_service_error(client, wikidata, name, body, fragment):
    wikidata.answer_next(body=body)
    with pytest.raises(ServiceError, match="wbsearchentities reply is not of the shape newsgraph reads") as raised:
        client.search("attila", "en")
    assert fragment in str(raised.value)


def _refresh(wikidata, tmp_path, *extra):
    from .conftest import SEED, assert_clean_exit, invoke

    env = {"NEWSGRAPH_WIKIDATA_API": wikidata.url, "NEWSGRAPH_CONTACT": "dev@example.org"}
    result = invoke(
        "wikidata", "refresh", str(SEED), "--out", str(tmp_path / "snapshot.json"), "--no-cache", *extra, env=env
    )
    assert_clean_exit(result, {0, 1, 3})
    return result


def test_refresh_never_writes_a_snapshot_that_lost_what_the_old_one_had(wikidata, tmp_path):
    assert _refresh(wikidata, tmp_path).exit_code == 0
    before = (tmp_path / "snapshot.json").read_bytes()
    # Wikidata answers Putin (Q7747) with no statements and no Greek label
    putin = {"id": "Q7747", "labels": {"en": {"language": "en", "value": "Vladimir Putin"}}, "claims": {}}
    wikidata.entities["Q7747"] = putin
    refused = _refresh(wikidata, tmp_path)
    assert refused.exit_code == 3
    assert "would lose" in refused.output and "Q7747: its el label" in refused.output
    assert "Q7747: class Q5" in refused.output and "--allow-shrink" in refused.output
    assert (tmp_path / "snapshot.json").read_bytes() == before
    accepted = _refresh(wikidata, tmp_path, "--allow-shrink")
    assert accepted.exit_code == 0
    assert Snapshot.from_file(tmp_path / "snapshot.json").get("Q7747").instance_of == ()


def test_refresh_refuses_a_reply_with_wrong_ids_and_keeps_the_snapshot(wikidata, tmp_path):
    assert _refresh(wikidata, tmp_path).exit_code == 0
    before = (tmp_path / "snapshot.json").read_bytes()
    wikidata.entities["Q7747"] = {"id": "Q1", "labels": {}}
    refused = _refresh(wikidata, tmp_path)
    assert refused.exit_code == 3 and "gives item Q1 for Q7747" in refused.output
    assert (tmp_path / "snapshot.json").read_bytes() == before
