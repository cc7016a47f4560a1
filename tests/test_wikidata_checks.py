"""QIDs are checked against the offline snapshot: known, of the declared type, offices held then."""

from __future__ import annotations

import json

import newsgraph
from newsgraph.wikidata.snapshot import PositionHeld, Snapshot

from .conftest import SEED, own, run_cli


def errors(report):
    return {(p.pointer, p.message) for p in report.errors}


def test_seed_story_checks_clean_against_the_packaged_snapshot(seed_story):
    snapshot = Snapshot.packaged()
    report = newsgraph.validate_story(SEED, snapshot)
    assert report.problems == [], report.format_text()
    # ... and the checks had something to check: the people are humans and the states states on
    # Wikidata, and each president holds the position the verified facts give (shared/facts/)
    reconciled = {e.id: snapshot.get(e.wikidata) for e in seed_story.entities if e.wikidata}
    assert all(item is not None for item in reconciled.values())
    for person, position in (
        ("putin", "Q218295"),
        ("maduro", "Q11942698"),
        ("lukashenko", "Q1049659"),
        ("trump", "Q11696"),
    ):
        assert "Q5" in reconciled[person].instance_of
        assert position in {held.position for held in reconciled[person].positions}
    for state in ("russia", "venezuela", "belarus", "united-states", "ukraine"):
        assert {"Q6256", "Q3624078"} & set(reconciled[state].instance_of)


def test_each_wikidata_check_would_find_a_change_to_the_seed(story_copy):
    # the clean verdict above is not for want of checking: one change each, one error each
    changes = {
        "/entities/0/wikidata": lambda d: (
            own(d, "russia").pop("wikidata") and own(d, "putin").update(wikidata="Q159")
        ),  # a state's QID for a person
        "/entities/0/offices/0/position": lambda d: (
            own(d, "president-of-the-united-states").pop("wikidata")
            and own(d, "president-of-russia").update(wikidata="Q11696")
        ),  # a position Putin never held
        "/entities/2/wikidata": lambda d: own(d, "lukashenko").update(wikidata="Q999999999"),  # unknown
    }
    for pointer, change in changes.items():
        report = newsgraph.validate_story(story_copy(change))
        assert [p.pointer for p in report.errors] == [pointer], report.format_text()


def test_a_person_given_a_states_qid_is_reported(story_copy):
    path = story_copy(lambda d: own(d, "putin").update(wikidata="Q159"))
    found = errors(newsgraph.validate_story(path))
    assert (
        "/entities/0/wikidata",
        "Q159 (Russia) is sovereign state, country on Wikidata, which does not fit type 'person'",
    ) in found


def test_a_human_declared_as_a_state_is_reported(story_copy):
    path = story_copy(lambda d: own(d, "russia").update(wikidata="Q2866") or own(d, "lukashenko").pop("wikidata"))
    found = errors(newsgraph.validate_story(path))
    assert any(p == "/entities/6/wikidata" and "is human on Wikidata" in m for p, m in found), found


def test_a_qid_missing_from_the_snapshot_is_reported_offline(story_copy):
    path = story_copy(lambda d: own(d, "john-coale").update(wikidata="Q123456789"))
    run = run_cli("validate", str(path))
    assert run.returncode == 1
    assert "/entities/5/wikidata: Q123456789 is not in the Wikidata snapshot (taken 2026-11-27)" in run.stdout
    assert "newsgraph wikidata refresh" in run.stdout


def _snapshot_with(tmp_path, qid, positions):
    data = Snapshot.packaged().to_json()
    data["entities"][qid]["P39"] = [{"position": p, "start": s, "end": e} for p, s, e in positions]
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def test_an_office_held_on_the_articles_date_passes_even_if_it_ended_later(story_copy, tmp_path, monkeypatch):
    snap = _snapshot_with(tmp_path, "Q58132", [("Q11942698", "2013-04-19", "2026-01-03")])
    monkeypatch.setenv("NEWSGRAPH_WIKIDATA_SNAPSHOT", str(snap))
    assert newsgraph.validate_story(story_copy()).ok


def test_an_office_that_ended_before_the_article_is_reported(story_copy, tmp_path):
    snap = Snapshot.from_file(_snapshot_with(tmp_path, "Q58132", [("Q11942698", "2013-04-19", "2019-01-10")]))
    found = errors(newsgraph.validate_story(story_copy(), snapshot=snap))
    assert (
        "/entities/1/offices/0/position",
        "Q58132 did not hold Q11942698 on the article's date (Wikidata: 2013-04-19 to 2019-01-10)",
    ) in found


def test_an_office_wikidata_does_not_know_is_reported(story_copy, tmp_path):
    snap = Snapshot.from_file(_snapshot_with(tmp_path, "Q7747", [("Q11696", None, None)]))
    found = errors(newsgraph.validate_story(story_copy(), snapshot=snap))
    assert ("/entities/0/offices/0/position", "Wikidata has no 'position held' Q218295 for Q7747") in found


def test_snapshot_round_trips_and_says_what_is_unknown():
    snapshot = Snapshot.packaged()
    again = Snapshot.from_json(json.loads(snapshot.dumps()), "again")
    assert again.items == snapshot.items and again.taken == snapshot.taken
    assert snapshot.get("Q3109740").instance_of is None  # Politico's classes were not verified
    assert snapshot.get("Q7747").positions == (PositionHeld("Q218295"),)
    assert "Ηνωμένες Πολιτείες Αμερικής" in snapshot.get("Q30").names("el")
