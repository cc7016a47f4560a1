"""Reconciliation proposes the right Wikidata item first, from Greek names in any case form."""

from __future__ import annotations

import json

import pytest

import newsgraph
from newsgraph.linking.reconcile import link_story, normalize, stems
from newsgraph.wikidata.client import WikidataClient
from newsgraph.wikidata.snapshot import Snapshot

from .conftest import DATA, SEED, entity, inline, own, run_cli
from .wikidata_server import FakeWikidata, _statement


def without_qids(data) -> dict[str, str]:
    """Every QID taken out of the story (references to the catalogue made the story's own first)."""
    removed = {}
    for section in ("entities", "events"):
        for item in data.get(section, []):
            if "catalogue" in item:
                inline(item)
            if "wikidata" in item:
                removed[item["id"]] = item.pop("wikidata")
    return removed


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ρωσία", "Ρωσίας"),
        ("Βενεζουέλα", "Βενεζουέλας"),
        ("Λουκασένκο", "ΛΟΥΚΑΣΈΝΚΟ"),
        ("Λευκορωσία", "Λευκορωσίας"),
        ("Λατινική Αμερική", "Λατινικής Αμερικής"),
        ("Η.Π.Α.", "ΗΠΑ"),
        ("Βλαντίμιρ Πούτιν", "Βλαντιμίρ Πούτιν"),
    ],
)
def test_greek_forms_meet(a, b):
    assert stems(a) == stems(b)


def test_different_names_stay_apart():
    assert stems("Ρωσία") != stems("Λευκορωσία")
    assert normalize("Μόσχα") != normalize("Μόσχας") and stems("Μόσχα") == stems("Μόσχας")


def _copy(story_copy, change=None):
    removed = {}

    def edit(data):
        removed.update(without_qids(data))
        if change:
            change(data)

    return newsgraph.load_story(story_copy(edit)), removed


def _retype(data, **fields):
    """The Trump administration made into something else (no longer part of a government)."""
    administration = entity(data, "trump-administration")
    administration.pop("part_of")
    administration.update(fields)


def test_the_right_qid_comes_first_for_every_entity_in_the_snapshot(story_copy):
    story, removed = _copy(story_copy)
    proposals = {p.id: p for p in link_story(story, Snapshot.packaged())}
    assert set(removed) <= set(proposals)
    for id, qid in removed.items():
        assert proposals[id].candidates[0].qid == qid, (id, [(c.qid, c.score) for c in proposals[id].candidates])
    assert proposals["belta"].candidates == [] and proposals["john-coale"].candidates == []
    assert "venezuelan-ambassador" not in proposals  # unnamed: nothing to match


INFLECTED = {  # the forms the article uses, in its cases
    "russia": "Ρωσίας",
    "venezuela": "Βενεζουέλας",
    "belarus": "Λευκορωσίας",
    "latin-america": "Λατινικής Αμερικής",
    "lukashenko": "Λουκασένκο",
    "trump": "Τραμπ",
    "maduro": "Μαδούρο",
    "ukraine": "Ουκρανία",
    "moscow": "Μόσχα",
    "united-states": "ΗΠΑ",
}


def test_names_only_in_the_articles_case_forms_still_find_the_item(story_copy):
    def inflect(data):
        for id, form in INFLECTED.items():
            e = entity(data, id)
            e["names"] = {"el": form}
            e.pop("aliases", None)
            e["evidence"] = [span for span in e["evidence"] if span["text"] == form][:1]

    story, removed = _copy(story_copy, inflect)
    proposals = {p.id: p for p in link_story(story, Snapshot.packaged())}
    for id in INFLECTED:
        best = proposals[id].candidates[0]
        assert best.qid == removed[id], (id, [(c.qid, c.score) for c in proposals[id].candidates])
    assert proposals["russia"].candidates[0].matches[0].kind == "stem"
    assert proposals["lukashenko"].candidates[0].matches[0].kind == "words"


def test_type_that_contradicts_is_flagged_and_ranked_down(story_copy):
    # a government body named exactly as a person: the human is flagged as not fitting, and ranks
    # far below where the same names put it for an entity declared a person
    def named_trump(type_):
        return lambda d: _retype(d, type=type_, names={"el": "Ντόναλντ Τραμπ", "en": "Donald Trump"})

    scores = {}
    for type_ in ("government-body", "person"):
        story, _ = _copy(story_copy, named_trump(type_))
        proposals = {p.id: p for p in link_story(story, Snapshot.packaged())}
        [trump] = [c for c in proposals["trump-administration"].candidates if c.qid == "Q22686"]
        scores[type_] = trump.score
        if type_ == "person":
            assert trump.type_fit == "fits" and proposals["trump-administration"].candidates[0] is trump
        else:
            assert trump.type_fit == "contradicts" and trump.type_note == "it is human, not a government-body"
    assert scores["government-body"] <= scores["person"] - 0.5


def test_a_fitting_class_ranks_before_an_unknown_one_and_that_before_a_contradicting_one(story_copy):
    # "Putin" matches Vladimir Putin (a human) only by a word, "Moscow" and "Russia" match exactly;
    # for a person, the human still comes first, then the city (classes not in the snapshot), saying so
    story, _ = _copy(
        story_copy,
        lambda d: _retype(d, type="person", names={"en": "Putin"}, aliases={"en": ["Moscow", "Russia"]}),
    )
    [proposal] = [p for p in link_story(story, Snapshot.packaged(), limit=20) if p.id == "trump-administration"]
    ranked = [(c.qid, c.type_fit) for c in proposal.candidates]
    assert ranked[:2] == [("Q7747", "fits"), ("Q649", "unknown")], ranked
    assert [fit for _, fit in ranked] == sorted(
        (fit for _, fit in ranked), key=["fits", "unknown", "contradicts"].index
    )
    assert proposal.candidates[0].score < proposal.candidates[1].score  # the names alone would say otherwise
    assert "its classes are not known" in proposal.candidates[1].type_note
    # the sovereign state, an exact match, is not a person: last if it is listed at all
    assert ("Q159", "fits") not in ranked and ("Q159", "unknown") not in ranked


def test_link_command_proposes_and_changes_nothing(story_copy, tmp_path):
    _, removed = _copy(story_copy)
    path = tmp_path / "story.yaml"
    before = path.read_bytes()
    run = run_cli("link", str(path))
    assert run.returncode == 0, run.stderr
    # the newsroom's catalogue (copied beside the story) first, then the snapshot's item
    assert "putin (person): \n  catalogue:putin  Vladimir Putin" in run.stdout
    assert "\n  Q7747  Vladimir Putin" in run.stdout
    assert "Nothing was changed" in run.stdout
    assert path.read_bytes() == before
    data = json.loads(run_cli("link", str(path), "--format", "json").stdout)
    assert {p["id"]: p["candidates"][0]["qid"] for p in data if p["candidates"] and p["id"] in removed} == removed


def test_live_search_adds_candidates_wikidata_knows(story_copy, tmp_path):
    server = FakeWikidata()
    try:
        server.entities["Q987654321"] = {
            "id": "Q987654321",
            "type": "item",
            "labels": {"en": {"language": "en", "value": "John Coale"}},
            "claims": {"P31": [_statement("P31", "Q5")]},
        }
        story, _ = _copy(story_copy)
        client = WikidataClient("dev@example.org", api_url=server.url, cache=False)
        proposals = {p.id: p for p in link_story(story, Snapshot.packaged(), client)}
        best = proposals["john-coale"].candidates[0]
        assert (best.qid, best.found_by, best.type_fit) == ("Q987654321", "wikidata search", "fits")
        searched = {
            (r["params"]["search"], r["params"]["language"])
            for r in server.requests
            if r["params"]["action"] == "wbsearchentities"
        }
        assert ("John Coale", "en") in searched and ("Τζον Κόουλ", "el") in searched
    finally:
        server.shutdown()


def test_refresh_rebuilds_the_snapshot_from_live_wikidata(tmp_path):
    import os

    from .test_wikidata_client import Q30_BY_HAND

    story = DATA / "stories" / "test-united-states.yaml"  # one state, Q30, served as the real reply
    server = FakeWikidata()
    try:
        out = tmp_path / "snapshot.json"
        env = {**os.environ, "NEWSGRAPH_WIKIDATA_API": server.url, "NEWSGRAPH_CONTACT": "dev@example.org"}
        run = run_cli("wikidata", "refresh", str(story), "--out", str(out), "--no-cache", env=env)
        assert run.returncode == 0, run.stderr
        assert f"{out}: 1 items from 1 stories" in run.stdout
        fresh = Snapshot.from_file(out)
        us = fresh.get("Q30")
        assert (us.labels, us.aliases, us.descriptions, us.instance_of) == tuple(Q30_BY_HAND.values())
        assert list(fresh.items) == ["Q30"] and fresh.taken and "live Wikidata" in fresh.note
        # the refreshed snapshot works for validation
        assert run_cli("validate", str(story), env={**env, "NEWSGRAPH_WIKIDATA_SNAPSHOT": str(out)}).returncode == 0
    finally:
        server.shutdown()


def test_refresh_offline_says_so_and_changes_nothing(tmp_path):
    import os

    from .servers import free_port

    out = tmp_path / "snapshot.json"
    out.write_text("previous")
    env = {**os.environ, "NEWSGRAPH_WIKIDATA_API": f"http://127.0.0.1:{free_port()}/w/api.php"}
    run = run_cli(
        "wikidata", "refresh", str(SEED), "--out", str(out), "--no-cache", "--contact", "dev@example.org", env=env
    )
    assert run.returncode == 3
    assert "cannot reach Wikidata" in run.stderr and "offline snapshot" in run.stderr
    assert out.read_text() == "previous"


def test_refresh_refuses_without_a_contact(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_CONTACT"}
    run = run_cli("wikidata", "refresh", str(SEED), "--out", str(tmp_path / "s.json"), env=env)
    assert run.returncode == 2 and "--contact" in run.stderr


def test_validate_live_checks_qids_the_snapshot_lacks(story_copy):
    import os

    server = FakeWikidata()
    try:
        server.entities["Q987654321"] = {
            "id": "Q987654321",
            "labels": {"en": {"language": "en", "value": "John Coale"}},
            "claims": {"P31": [_statement("P31", "Q5")]},
        }
        path = story_copy(lambda d: entity(d, "john-coale").update(wikidata="Q987654321"))
        env = {**os.environ, "NEWSGRAPH_WIKIDATA_API": server.url, "NEWSGRAPH_CONTACT": "dev@example.org"}
        offline = run_cli("validate", str(path), env=env)
        assert offline.returncode == 1 and "Q987654321 is not in the Wikidata snapshot" in offline.stdout
        live = run_cli("validate", str(path), "--live", "--no-cache", env=env)
        assert live.returncode == 0, live.stdout + live.stderr
    finally:
        server.shutdown()


def test_link_proposes_catalogue_entries_before_wikidata_items(story_copy):
    def edit(data):
        own(data, "lukashenko").pop("wikidata")  # the story's own now, with no QID
        own(data, "belta")  # in the catalogue, with no QID anywhere
        own(data, "putin")  # with the QID its catalogue entry has too
        own(data, "latin-america").update(type="city")  # named as the entry, typed otherwise

    run = run_cli("link", str(story_copy(edit)), "--format", "json")
    assert run.returncode == 0, run.stderr
    proposals = {p["id"]: p["candidates"] for p in json.loads(run.stdout)}
    ranked = [(c["catalogue"], c["qid"], c["found_by"], c["type_fit"]) for c in proposals["lukashenko"]]
    assert ranked[:2] == [("lukashenko", "Q2866", "catalogue", "fits"), ("", "Q2866", "snapshot", "fits")]
    assert [(c["catalogue"], c["found_by"]) for c in proposals["belta"]] == [("belta", "catalogue")]
    # a QID already given: only the catalogue is searched, and the same item ranks the entry up
    assert {c["found_by"] for c in proposals["putin"]} == {"catalogue"}
    assert proposals["putin"][0]["catalogue"] == "putin"
    assert proposals["putin"][0]["type_note"] == "the catalogue has it as a person; the same Wikidata item (Q7747)"
    (region,) = [c for c in proposals["latin-america"] if c["catalogue"] == "latin-america"]
    assert (region["type_fit"], region["type_note"]) == (
        "contradicts",
        "the catalogue has it as a region, not a city; the same Wikidata item (Q12585)",
    )
    # what already refers to the catalogue is not proposed an entry again (nor, with a QID, an item)
    assert "maduro" not in proposals
    assert all(c["found_by"] != "catalogue" for c in proposals["lukashenko-envoy-first-meeting"])
