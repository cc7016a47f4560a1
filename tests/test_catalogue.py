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
from newsgraph.errors import InvalidCatalogue
from newsgraph.publishing.catalogue_graph import build_catalogue
from newsgraph.resources import shipped_queries
from newsgraph.store.loading import EmbeddedStore, Payload, load_articles
from newsgraph.stories.catalogue import load_catalogue, read_catalogue

from .conftest import SEED_ARTICLE, SEED_SLUG, invoke

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
    # the seed, article A and article B each describe the same node in their own graph
    assert _graphs_describing(archive, MEETING) == {SEED_GRAPH, A_GRAPH, B_GRAPH, catalogue}
    assert _graphs_describing(archive, THING + "belta") == {SEED_GRAPH, A_GRAPH, B_GRAPH, catalogue}
    assert _graphs_describing(archive, THING + "venezuelan-ambassador-to-russia") == {SEED_GRAPH, A_GRAPH, catalogue}
    assert _graphs_describing(archive, THING + "lukashenko") == {SEED_GRAPH, A_GRAPH, B_GRAPH, catalogue}
    # what is the article's own stays the article's: the seed's second meeting is not shared
    assert _graphs_describing(archive, SEED_ARTICLE + "#lukashenko-envoy-second-meeting") == {SEED_GRAPH}
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
    # the seed and A give the day (in their own words), B only the week; the seed and A rest on
    # BelTA, B on Reuters
    assert accounts == {
        SEED_SLUG: ("2025-11-25", None, None, "εκείνη την ημέρα", "BelTA's report of 25 November 2025"),
        "test-a-lukashenko-receives-envoy": ("2025-11-25", None, None, "on Tuesday", "BelTA"),
        "test-b-lukashenko-meets-envoy": (None, "2025-11-24", "2025-11-27", "αυτή την εβδομάδα", "Reuters"),
    }


def test_the_timeline_of_the_ambassador_follows_identifications(archive):
    query = shipped_queries()["timeline-of-a-thing"].replace(
        f"<{THING}lukashenko>", f"<{THING}venezuelan-ambassador-to-russia>"
    )
    rows = archive.query(query)
    found = {(r["event"].value, r["article"].value.rsplit("/", 1)[1]) for r in rows}
    # the shared meeting in all three articles (B's through the catalogue's identification of its
    # unnamed envoy), and the second meeting, which only the seed reports
    assert found == {
        (MEETING, SEED_SLUG),
        (MEETING, "test-a-lukashenko-receives-envoy"),
        (MEETING, "test-b-lukashenko-meets-envoy"),
        (SEED_ARTICLE + "#lukashenko-envoy-second-meeting", SEED_SLUG),
    }
    rows = archive.query(shipped_queries()["timeline-of-a-thing"])  # Lukashenko
    assert {r["article"].value.rsplit("/", 1)[1] for r in rows} == {
        SEED_SLUG,
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


def test_a_story_s_qid_that_contradicts_its_entry_is_an_error(newsroom_copy):
    story = newsroom_copy / "stories" / A.name
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("- catalogue: belarus\n", "- catalogue: belarus\n  wikidata: Q159\n"))
    _, report = newsgraph.read_story(story)
    (problem,) = report.errors_at("/entities/3/wikidata")
    assert problem.message == "the catalogue says 'belarus' is Q184, not Q159"
    # the same QID as the entry's is only said twice
    story.write_text(text.replace("- catalogue: belarus\n", "- catalogue: belarus\n  wikidata: Q184\n"))
    assert newsgraph.read_story(story)[1].ok


def test_build_with_a_catalogue_gives_its_things_the_catalogue_s_iris():
    catalogue = newsgraph.load_catalogue(ROOT / "catalogue", base="https://things.example/")
    story = newsgraph.load_story(ROOT / "stories" / f"{SEED_SLUG}.yaml", catalogue=catalogue)
    result = newsgraph.build(story, catalogue=catalogue)
    subjects = set(result.mapped.nodes)
    assert "https://things.example/thing/lukashenko" in subjects
    assert "https://things.example/thing/lukashenko-receives-venezuelan-ambassador-2025-11-25" in subjects
    assert not any(s.startswith("https://newsgraph.example/thing/") for s in subjects)
    # the article's own nodes stay under the article's base
    assert SEED_ARTICLE + "#lukashenko-envoy-second-meeting" in subjects
    assert "@prefix thing: <https://things.example/thing/> ." in result.turtle


def test_build_refuses_a_reference_its_catalogue_does_not_hold(seed_story):
    smaller = newsgraph.Catalogue(
        {id: e for id, e in load_catalogue(ROOT / "catalogue").entries.items() if id != "belta"}, path="small/"
    )
    with pytest.raises(newsgraph.InvalidStory) as raised:
        newsgraph.build(seed_story, catalogue=smaller)
    (problem,) = raised.value.report.errors
    assert problem.pointer.endswith("/catalogue") and problem.message == "'belta' is not in the catalogue (small/)"


def test_load_puts_the_catalogue_in_its_own_graph_once(tmp_path):
    store = tmp_path / "store"
    for _ in range(2):  # loading again replaces each graph: nothing is added twice
        run = invoke("load", str(NEWSROOM / "stories"), "--store", str(store))
        assert run.exit_code == 0, run.output
        assert "2 of 2 articles loaded, and the catalogue" in run.output
        assert "catalogue: loaded" in run.output and "<https://newsgraph.example/graph/catalogue>" in run.output
    published = [build_catalogue(load_catalogue(NEWSROOM / "catalogue")).mapped]
    published += [newsgraph.build(newsgraph.load_story(story)).mapped for story in (A, B)]
    expected = {m.graph: len(m) for m in published} | {m.evidence_graph: m.evidence_count for m in published[1:]}
    opened = EmbeddedStore(store)
    assert {graph: opened.count_triples(graph) for graph in opened.graphs()} == expected


def test_load_with_a_broken_catalogue_says_why_and_loads_no_story_that_refers_to_it(newsroom_copy, tmp_path):
    things = newsroom_copy / "catalogue" / "things.yaml"
    things.write_text(things.read_text(encoding="utf-8").replace("wikidata: Q2866", "wikidata: Q2866x"))
    run = invoke("load", str(newsroom_copy / "stories"), "--store", str(tmp_path / "store"))
    assert run.exit_code == 1, run.output
    assert "catalogue: the catalogue has 1 error(s) in 1 file(s)" in run.output
    assert f"{things}:" in run.output and "/entries/0/wikidata" in run.output
    assert "0 of 2 articles loaded; the catalogue was not loaded" in run.output


def test_promote_says_what_it_would_change_and_with_write_does_only_that(newsroom_copy):
    story = newsroom_copy / "stories" / B.name
    other = newsroom_copy / "stories" / A.name
    before = {p: p.read_bytes() for p in newsroom_copy.rglob("*") if p.is_file()}
    dry = invoke("catalogue", "promote", str(story), "envoy", "--id", "venezuelan-envoy")
    assert dry.exit_code == 0, dry.output
    assert (
        f"add to {(newsroom_copy / 'catalogue' / 'people.yaml').resolve()}:\n  - id: venezuelan-envoy\n" in dry.output
    )
    assert f"change {story}: after line 15, 'catalogue: venezuelan-envoy'" in dry.output
    assert "kept in the story: evidence (what this article says)" in dry.output
    assert dry.output.endswith("nothing was written: run again with --write to do it\n")
    assert {p: p.read_bytes() for p in newsroom_copy.rglob("*") if p.is_file()} == before

    done = invoke("catalogue", "promote", str(story), "envoy", "--id", "venezuelan-envoy", "--write")
    assert done.exit_code == 0, done.output
    assert other.read_bytes() == before[other]  # no other story is touched
    lines = story.read_text(encoding="utf-8").splitlines()
    assert lines[14:17] == ["- id: envoy", "  catalogue: venezuelan-envoy", "  type: person"]
    entry = load_catalogue(newsroom_copy / "catalogue").entry("venezuelan-envoy")
    assert (entry.type, entry.unnamed, entry.description["en"]) == ("person", True, "an envoy of Venezuela, not named")
    # the story's envoy is now the catalogue's node, with its evidence still in the article
    result = newsgraph.build(newsgraph.load_story(story))
    envoy = THING + "venezuelan-envoy"
    assert envoy in result.mapped.nodes and not any(s.endswith("#envoy") for s in result.mapped.nodes)
    assert envoy in {o for node in result.mapped.evidence.values() for objects in node.values() for o in objects}


def test_promote_refuses_what_it_cannot_do_and_says_why(newsroom_copy):
    story = newsroom_copy / "stories" / B.name
    taken = invoke("catalogue", "promote", str(story), "envoy", "--id", "belta")
    assert (
        taken.exit_code == 2
        and "the catalogue has 'belta' already; give the entry another id with --id" in taken.output
    )
    already = invoke("catalogue", "promote", str(story), "lukashenko")
    assert already.exit_code == 2 and "'lukashenko' already refers to the catalogue's 'lukashenko'" in already.output
    missing = invoke("catalogue", "promote", str(story), "nobody")
    assert missing.exit_code == 2 and "no entity 'nobody'; the story's own entities: envoy" in missing.output


def test_an_identification_decided_on_a_day_that_does_not_exist_is_an_error(newsroom_copy):
    things = newsroom_copy / "catalogue" / "things.yaml"
    text = things.read_text(encoding="utf-8")
    assert text.count("decided: '2025-12-01'") == 2  # the merge's, then the identification's
    things.write_text(text[::-1].replace("'10-21-5202' :dediced", "'13-11-5202' :dediced", 1)[::-1], encoding="utf-8")
    catalogue, reports = read_catalogue(newsroom_copy / "catalogue")
    assert catalogue is None
    [problem] = [p for r in reports for p in r.errors]
    assert problem.pointer.endswith("/identified_in/0/decided") and "2025-11-31 does not exist" in problem.message


def test_an_entry_merged_into_itself_and_an_unnamed_source_not_marked_unnamed_are_errors(tmp_path):
    _write(
        tmp_path,
        "things.yaml",
        "- id: belta\n  merged_into: belta\n  reason: {en: x}\n  decided: '2025-12-01'\n"
        "- id: officials\n  type: unnamed-source\n  names: {en: officials}\n",
    )
    catalogue, reports = read_catalogue(tmp_path)
    assert catalogue is None
    assert [(p.pointer, p.message) for r in reports for p in r.errors] == [
        ("/entries/0/merged_into", "an entry cannot be merged into itself"),
        ("/entries/1/unnamed", "an unnamed source needs 'unnamed: true'"),
    ]


def test_a_pending_qid_the_snapshot_now_holds_is_a_warning_and_a_taken_one_an_error(tmp_path):
    _write(
        tmp_path,
        "things.yaml",
        "- {id: putin, type: person, names: {en: Vladimir Putin}, wikidata_pending: Q7747}\n"
        "- {id: outlet, type: media, names: {en: Outlet}, wikidata: Q999999999}\n"
        "- {id: outlet-again, type: media, names: {en: The Outlet}, wikidata_pending: Q999999999}\n",
    )
    catalogue, [report] = read_catalogue(tmp_path)
    assert catalogue is None
    problems = [(p.pointer, p.severity, p.message.split(" (")[0]) for p in report.problems]
    assert problems == [
        ("/entries/1/wikidata", "error", "Q999999999 is not in the Wikidata snapshot"),
        ("/entries/0/wikidata_pending", "warning", "Q7747 is now in the Wikidata snapshot"),
        ("/entries/2/wikidata_pending", "error", "Q999999999 is already the Wikidata id of outlet"),
    ]


def test_an_id_used_in_two_files_names_the_file_and_line_of_the_first(tmp_path):
    _write(tmp_path, "a.yaml", "- {id: belta, type: news-agency, names: {en: BelTA}}\n")
    _write(
        tmp_path,
        "b.yaml",
        "- {id: reuters, type: news-agency, names: {en: Reuters}}\n"
        "- {id: belta, type: news-agency, names: {en: BelTA}}\n",
    )
    catalogue, reports = read_catalogue(tmp_path)
    assert catalogue is None
    assert [(p.pointer, p.message, p.hint) for r in reports for p in r.errors] == [
        ("/entries/1/id", f"id 'belta' is already used at {tmp_path / 'a.yaml'}:3", "every entry needs its own id")
    ]


def test_where_an_organisation_is_must_be_a_place_the_catalogue_holds(tmp_path):
    _write(
        tmp_path,
        "things.yaml",
        "- {id: minsk, type: city, names: {en: Minsk}}\n"
        "- {id: lukashenko, type: person, names: {en: Alexander Lukashenko}}\n"
        "- {id: belta, type: news-agency, names: {en: BelTA}, located_in: minsk}\n"
        "- {id: outlet, type: media, names: {en: Outlet}, located_in: lukashenko}\n"
        "- {id: agency, type: news-agency, names: {en: Agency}, located_in: minks}\n",
    )
    catalogue, [report] = read_catalogue(tmp_path)
    assert catalogue is None
    assert [(p.pointer, p.message.split(",")[0]) for p in report.errors] == [
        ("/entries/3/located_in", "'lukashenko' is a person"),
        ("/entries/4/located_in", "'minks' is not defined"),
    ]
