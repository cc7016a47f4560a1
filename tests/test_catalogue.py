"""The newsroom's catalogue: stable IRIs shared across articles, references from stories, identity
decided later, merges, and the cross-article questions.

The test newsroom (tests/data/newsroom) holds a catalogue and two articles written for the tests
(not real reporting) about the 25 November meeting the seed article also reports.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import newsgraph
from newsgraph.catalogue import load_catalogue, read_catalogue
from newsgraph.catalogue_graph import build_catalogue
from newsgraph.errors import InvalidCatalogue
from newsgraph.resources import shipped_queries
from newsgraph.store import EmbeddedStore, Payload, load_articles

from .conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
NEWSROOM = Path(__file__).parent / "data" / "newsroom"
A = NEWSROOM / "stories" / "test-a-lukashenko-receives-envoy.yaml"
B = NEWSROOM / "stories" / "test-b-lukashenko-meets-envoy.yaml"
THING = "https://newsgraph.example/thing/"
MEETING = THING + "lukashenko-receives-venezuelan-ambassador-2025-11-25"
SEED_GRAPH = "https://newsgraph.example/graph/2025-12-11-putin-lukashenko-support-maduro"
A_GRAPH = "https://newsgraph.example/graph/test-a-lukashenko-receives-envoy"
B_GRAPH = "https://newsgraph.example/graph/test-b-lukashenko-meets-envoy"


def _write(folder: Path, name: str, entries: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("newsgraph: 1\nentries:\n" + entries, encoding="utf-8")


@pytest.fixture(scope="module")
def archive(seed_result) -> EmbeddedStore:
    """The seed and the two test articles, with the test newsroom's catalogue, in one store."""
    store = EmbeddedStore(None)
    results = [seed_result, newsgraph.build(newsgraph.load_story(A)), newsgraph.build(newsgraph.load_story(B))]
    outcomes = load_articles(
        store, [Payload.from_result(r) for r in (*results, build_catalogue(load_catalogue(NEWSROOM / "catalogue")))]
    )
    assert all(o.ok for o in outcomes)
    return store


def _graphs_describing(store: EmbeddedStore, iri: str) -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{iri}> a ?type }} }}")
    return {row["g"].value for row in rows}


def test_the_shipped_catalogue_builds_into_four_files_that_read_back(tmp_path):
    catalogue = load_catalogue(ROOT / "catalogue")
    result = build_catalogue(catalogue)
    result.verify()  # every serialisation read back by Oxigraph
    assert sorted(p.name for p in result.write(tmp_path)) == [
        "catalogue.html",
        "catalogue.jsonld",
        "catalogue.trig",
        "catalogue.ttl",
    ]
    graph = ox.Store()
    graph.load(path=str(tmp_path / "catalogue.trig"), format=ox.RdfFormat.TRIG)
    lukashenko = ox.NamedNode(THING + "lukashenko")
    catalogue_graph = ox.NamedNode("https://newsgraph.example/graph/catalogue")
    assert (
        ox.Quad(
            lukashenko,
            ox.NamedNode("http://schema.org/sameAs"),
            ox.NamedNode("http://www.wikidata.org/entity/Q2866"),
            catalogue_graph,
        )
        in graph
    )
    # the ambassador no source the newsroom cites names is unnamed in the catalogue too
    ambassador = ox.NamedNode(THING + "venezuelan-ambassador-to-russia")
    assert not list(graph.quads_for_pattern(ambassador, ox.NamedNode("http://schema.org/name"), None, None))


def test_the_belta_and_the_meeting_are_one_node_across_articles(archive):
    catalogue = "https://newsgraph.example/graph/catalogue"
    assert _graphs_describing(archive, MEETING) == {A_GRAPH, B_GRAPH, catalogue}
    assert _graphs_describing(archive, THING + "belta") == {A_GRAPH, B_GRAPH, catalogue}
    assert _graphs_describing(archive, THING + "venezuelan-ambassador-to-russia") == {A_GRAPH, catalogue}
    # the seed does not refer to the catalogue yet: its nodes stay its own
    assert SEED_GRAPH not in _graphs_describing(archive, THING + "lukashenko")
    # article B keeps its own unnamed envoy; the catalogue records who he is, and why
    rows = archive.query(
        "PREFIX ng: <https://newsgraph.example/ns#> SELECT ?node ?day WHERE { GRAPH ?c { "
        f"?i a ng:Identification ; ng:identifiedAs <{THING}venezuelan-ambassador-to-russia> ; "
        "ng:identifiedNode ?node ; ng:decidedOn ?day } }"
    )
    assert [(r["node"].value, r["day"].value) for r in rows] == [
        ("https://newsgraph.example/article/test-b-lukashenko-meets-envoy#envoy", "2025-12-01")
    ]


def test_accounts_of_the_shared_meeting_show_where_the_articles_differ(archive):
    rows = archive.query(shipped_queries()["accounts-of-shared-events"])
    accounts = {
        r["article"].value.rsplit("/", 1)[1]: (
            r["date"] and r["date"].value,
            r["earliest"] and r["earliest"].value,
            r["latest"] and r["latest"].value,
            r["dateWords"] and r["dateWords"].value,
            r["sourceLabel"] and r["sourceLabel"].value,
        )
        for r in rows
        if r["event"].value == MEETING
    }
    assert accounts == {
        "test-a-lukashenko-receives-envoy": ("2025-11-25", None, None, "on Tuesday", "BelTA"),
        "test-b-lukashenko-meets-envoy": (None, "2025-11-24", "2025-11-27", "αυτή την εβδομάδα", "Reuters"),
    }


def test_the_timeline_of_the_ambassador_follows_identifications(archive):
    query = shipped_queries()["timeline-of-a-thing"].replace(
        f"<{THING}lukashenko>", f"<{THING}venezuelan-ambassador-to-russia>"
    )
    rows = archive.query(query)
    found = {(r["event"].value, r["article"].value.rsplit("/", 1)[1]) for r in rows}
    # article A's meeting, and article B's, found through the catalogue's identification of B's
    # unnamed envoy: one event, two accounts
    assert found == {(MEETING, "test-a-lukashenko-receives-envoy"), (MEETING, "test-b-lukashenko-meets-envoy")}
    rows = archive.query(shipped_queries()["timeline-of-a-thing"])  # Lukashenko: the seed's events are not his
    assert {r["article"].value.rsplit("/", 1)[1] for r in rows} == {
        "test-a-lukashenko-receives-envoy",
        "test-b-lukashenko-meets-envoy",
    }


def test_a_merged_id_resolves_to_the_entry_that_replaced_it_with_a_warning():
    story, report = newsgraph.read_story(B)
    assert story is not None
    assert story.entity("belta").catalogue == "belta"
    warnings = [p for p in report.warnings if p.pointer == "/entities/3/catalogue"]
    assert [w.message for w in warnings] == ["'belarusian-telegraph-agency' was merged into 'belta'"]
    published = build_catalogue(load_catalogue(NEWSROOM / "catalogue"))
    assert (THING + "belarusian-telegraph-agency", "https://newsgraph.example/ns#mergedInto", THING + "belta") in {
        (t.subject.value, t.predicate.value, t.object.value) for t in published.mapped.triples
    }


@pytest.fixture
def newsroom_copy(tmp_path) -> Path:
    copy = tmp_path / "newsroom"
    shutil.copytree(NEWSROOM, copy)
    return copy


def test_an_unknown_reference_is_an_error_naming_the_closest_ids(newsroom_copy):
    story = newsroom_copy / "stories" / A.name
    story.write_text(story.read_text(encoding="utf-8").replace("catalogue: lukashenko\n", "catalogue: lukashenka\n"))
    result = invoke("validate", str(story))
    assert result.exit_code == 1
    assert f"{story}:11:3: error: /entities/0/catalogue: 'lukashenka' is not in the catalogue" in result.output
    assert "did you mean 'lukashenko'?" in result.output


def test_a_reference_of_the_wrong_kind_is_an_error(newsroom_copy):
    story = newsroom_copy / "stories" / A.name
    story.write_text(
        story.read_text(encoding="utf-8").replace("catalogue: belarus\n", f"catalogue: {MEETING.rsplit('/', 1)[1]}\n")
    )
    _, report = newsgraph.read_story(story)
    assert [p.message for p in report.errors_at("/entities/3/catalogue")] == [
        "'lukashenko-receives-venezuelan-ambassador-2025-11-25' is an event in the catalogue"
    ]


def test_a_pending_qid_is_published_as_a_candidate_not_as_same_as(tmp_path):
    # Q999999999 is a made-up id for this test: the snapshot does not hold it, which is the point
    _write(
        tmp_path / "catalogue",
        "media.yaml",
        "- {id: outlet, type: media, names: {en: Outlet}, wikidata_pending: Q999999999}\n",
    )
    published = build_catalogue(load_catalogue(tmp_path / "catalogue"))
    triples = {(t.predicate.value, t.object.value) for t in published.mapped.triples}
    assert ("https://newsgraph.example/ns#wikidataCandidate", "http://www.wikidata.org/entity/Q999999999") in triples
    assert not any(p == "http://schema.org/sameAs" for p, _ in triples)
    assert ("https://newsgraph.example/ns#reconciliation", "https://newsgraph.example/ns#Unreconciled") in triples


def test_a_confirmed_qid_outside_the_snapshot_is_refused_like_a_story_s(tmp_path):
    _write(
        tmp_path / "catalogue", "media.yaml", "- {id: outlet, type: media, names: {en: Outlet}, wikidata: Q999999999}\n"
    )
    with pytest.raises(InvalidCatalogue) as caught:
        load_catalogue(tmp_path / "catalogue")
    (report,) = caught.value.reports
    assert [p.pointer for p in report.errors] == ["/entries/0/wikidata"]
    assert "not in the Wikidata snapshot" in report.errors[0].message


def test_bad_entries_get_file_line_pointer_and_hint_and_nothing_is_written(tmp_path):
    folder = tmp_path / "catalogue"
    _write(folder, "a.yaml", "- {id: belta, type: news-agency, names: {en: BelTA}, country: belarus}\n")
    _write(
        folder, "b.yaml", "- {id: belta, type: media, names: {en: Other}}\n- {id: x, type: planet, names: {en: X}}\n"
    )
    out = tmp_path / "out"
    result = invoke("catalogue", "build", str(folder), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert (
        f"{folder / 'a.yaml'}:3:" in result.output and "/entries/0/country: 'belarus' is not defined" in result.output
    )
    assert f"{folder / 'b.yaml'}:3:" in result.output and "id 'belta' is already used at" in result.output
    assert "/entries/1/type: 'planet' is not one of" in result.output
    assert not out.exists()
    assert invoke("catalogue", "validate", str(folder)).exit_code == 1


def test_catalogue_build_and_validate_commands(tmp_path):
    result = invoke("catalogue", "validate", str(ROOT / "catalogue"))
    assert result.exit_code == 0, result.output
    assert "valid (26 entries in 5 files)" in result.output
    result = invoke("catalogue", "build", str(ROOT / "catalogue"), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "catalogue.ttl").read_bytes() == (ROOT / "output" / "catalogue.ttl").read_bytes()
    document = json.loads((tmp_path / "catalogue.jsonld").read_text(encoding="utf-8"))
    assert document["@id"] == "https://newsgraph.example/graph/catalogue"


def test_read_catalogue_reports_every_file(tmp_path):
    _write(tmp_path / "c", "a.yaml", "- {id: a, type: state, names: {en: A}}\n")
    _write(tmp_path / "c", "b.yaml", "- {id: b, type: city, names: {en: B}, part_of: a}\n")
    catalogue, reports = read_catalogue(tmp_path / "c")
    assert catalogue is not None and len(reports) == 2 and all(r.ok for r in reports)
    assert catalogue.iri("b") == THING + "b"
