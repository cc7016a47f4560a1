"""The embedded store: load, reload without duplicates, atomic replacement, and the questions."""

from __future__ import annotations

import json

import pytest

import newsgraph
from newsgraph.errors import ServiceError
from newsgraph.publishing.catalogue_graph import build_catalogue
from newsgraph.store.loading import EmbeddedStore, Outcome, Payload, load_articles, payloads_from_file

from .answers import EXPECTED, check_all
from .conftest import CATALOGUE, OUTPUT, SEED, SEED_SLUG, own, run_cli


def test_shipped_questions_answer_as_expected_on_the_seed(seed_result):
    store = EmbeddedStore(None)
    [outcome] = load_articles(store, [Payload.from_result(seed_result)])
    mapped = seed_result.mapped
    assert outcome.ok and outcome.stored == outcome.sent == len(mapped.triples) + len(mapped.evidence_triples)
    assert store.count_triples(mapped.evidence_graph) == len(mapped.evidence_triples)
    check_all(store)


def test_loading_twice_leaves_the_same_triples(seed_result, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        load_articles(store, [Payload.from_result(seed_result)])
        first = store.count_triples(seed_result.graph_iri)
        load_articles(store, [Payload.from_result(seed_result)] * 2)
        assert store.count_triples(seed_result.graph_iri) == first == len(seed_result.mapped.triples)
        assert store.graphs() == [seed_result.graph_iri, seed_result.mapped.evidence_graph]


def test_reloading_replaces_the_whole_graph(seed_result, story_copy):
    store = EmbeddedStore(None)
    load_articles(store, [Payload.from_result(seed_result)])
    smaller = newsgraph.build(newsgraph.load_story(story_copy(lambda d: d.pop("claims"))))
    assert smaller.graph_iri == seed_result.graph_iri
    [outcome] = load_articles(store, [Payload.from_result(smaller)])
    assert outcome.ok and store.count_triples(smaller.graph_iri) == len(smaller.mapped.triples)
    assert not bool(store.query("ASK { GRAPH ?g { ?c a <http://schema.org/Claim> } }"))
    # the evidence of the claims went with them
    assert store.count_triples(smaller.mapped.evidence_graph) == len(smaller.mapped.evidence_triples)
    claim = smaller.article_iri + "#maduro-ready-to-leave"
    assert not bool(store.query(f"ASK {{ GRAPH ?g {{ ?a <http://www.w3.org/ns/oa#hasBody> <{claim}> }} }}"))


def test_a_failed_write_leaves_the_previous_graph(seed_result):
    store = EmbeddedStore(None)
    load_articles(store, [Payload.from_result(seed_result)])
    # A payload the store cannot take (a literal in subject position would not even be a Triple,
    # so break the update text itself): the whole update is one transaction.
    good = Payload.from_result(seed_result)
    broken = Payload(
        "broken", good.graph, good.body + b'<http://ex.org/s> <http://ex.org/p> "unterminated .\n', good.count + 1
    )
    [outcome] = load_articles(store, [broken])
    assert outcome.status == "failed" and "cannot write" in outcome.error
    assert store.count_triples(seed_result.graph_iri) == len(seed_result.mapped.triples)


def test_trig_and_nquads_files_load_their_named_graphs(seed_result, tmp_path):
    (tmp_path / "a.nq").write_text(seed_result.nquads, encoding="utf-8")
    payloads = list(payloads_from_file(OUTPUT / f"{SEED_SLUG}.trig")) + list(payloads_from_file(tmp_path / "a.nq"))
    assert [p.graph for p in payloads] == [seed_result.graph_iri] * 2
    assert all(p.count == len(seed_result.mapped.triples) for p in payloads)
    (tmp_path / "default.nq").write_text('<http://e/s> <http://e/p> "x" .\n')
    with pytest.raises(newsgraph.InputError, match="outside a named graph"):
        list(payloads_from_file(tmp_path / "default.nq"))


def test_load_and_query_commands_on_the_embedded_store(tmp_path):
    store = tmp_path / "store"
    run = run_cli("load", str(SEED), "--store", str(store))
    assert run.returncode == 0, run.stderr
    assert "1 of 1 article loaded, and the catalogue" in run.stdout
    run = run_cli("load", str(SEED), str(OUTPUT / f"{SEED_SLUG}.trig"), "--store", str(store))
    assert run.returncode == 0 and "2 of 2 articles loaded, and the catalogue" in run.stdout
    run = run_cli("query", "who-spoke-by-phone-with-maduro", "--store", str(store), "--format", "json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)["results"]["bindings"]
    assert [r["callerName"]["value"] for r in rows] == ["Vladimir Putin", "Donald Trump"]
    csv = run_cli(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store), "--format", "csv"
    )
    # the article's graph and its evidence graph, and the catalogue's graph it refers to
    mapped = newsgraph.build(newsgraph.load_story(SEED)).mapped
    catalogue = build_catalogue(newsgraph.load_catalogue(CATALOGUE)).mapped
    assert csv.stdout.splitlines() == ["n", str(len(mapped.triples) + len(mapped.evidence_triples) + len(catalogue))]
    table = run_cli("query", "everything-belta-reported", "--store", str(store))
    assert "maduro-welcome-in-belarus" in table.stdout and table.stdout.startswith("?reported")
    listing = run_cli("query", "--list")
    assert set(EXPECTED) <= {line.split(":")[0] for line in listing.stdout.splitlines()}


def test_query_errors(tmp_path):
    run = run_cli("query", "who-spoke-by-phone-with-maduro", "--store", str(tmp_path / "none"))
    assert run.returncode == 2 and "no store here yet" in run.stderr
    assert run_cli("load", str(SEED), "--store", str(tmp_path / "s")).returncode == 0
    bad = run_cli("query", "SELEC * WHERE {}", "--store", str(tmp_path / "s"))
    assert bad.returncode == 2 and "not valid SPARQL" in bad.stderr


def test_load_reports_every_outcome_and_exit_codes(tmp_path, story_copy):
    store = tmp_path / "store"
    bad = story_copy(lambda d: own(d, "putin").update(wikidata="Q0"))
    run = run_cli("load", str(SEED), str(bad), "--store", str(store))
    assert run.returncode == 4
    assert "1 of 2 articles loaded" in run.stdout
    assert "story.yaml: invalid: the story has 1 error" in run.stderr
    only_bad = run_cli("load", str(bad), "--store", str(store))
    assert only_bad.returncode == 1


def test_outcomes_pass_through_and_unreachable_stops_the_batch(seed_result):
    class Down:
        calls = 0

        def replace_graph(self, graph, payload):
            Down.calls += 1
            raise ServiceError("cannot reach http://127.0.0.1:9/store: Connection refused", unreachable=True)

        def count_triples(self, graph):
            raise AssertionError

    payload = Payload.from_result(seed_result)
    given = Outcome("x.yaml", "", "invalid", error="bad")
    outcomes = load_articles(Down(), [given, payload, payload, payload])
    assert [o.status for o in outcomes] == ["invalid", "failed", "not attempted", "not attempted"]
    assert Down.calls == 1


def test_concurrent_loads_keep_input_order_and_serialise_one_graph(seed_result, story_copy):
    import dataclasses

    store = EmbeddedStore(None)
    payloads = []
    for i in range(6):
        story = dataclasses.replace(
            seed_result.story, article=dataclasses.replace(seed_result.story.article, slug=f"c-{i}")
        )
        payloads.append(Payload.from_result(newsgraph.build(story, check=False)))
    smaller = Payload.from_result(newsgraph.build(newsgraph.load_story(story_copy(lambda d: d.pop("claims")))))
    full = Payload.from_result(seed_result)
    batch = [*payloads, smaller, full, smaller]  # the seed's graph three times: the last one wins
    outcomes = load_articles(store, batch, jobs=3)
    assert [o.label for o in outcomes] == [p.label for p in batch]
    assert all(o.ok for o in outcomes)
    assert store.count_triples(full.graph) == smaller.count


def test_a_failed_write_of_new_graphs_leaves_neither(seed_result):
    good = Payload.from_result(seed_result)
    # the article is new to the store (the faster one-load path); its evidence graph is broken
    broken_evidence = Payload(
        "evidence", good.parts[0].graph, good.parts[0].body + b'<http://e/s> <http://e/p> "open .\n', 1
    )
    broken = Payload(good.label, good.graph, good.body, good.count, (broken_evidence,))
    store = EmbeddedStore(None)
    [outcome] = load_articles(store, [broken])
    assert outcome.status == "failed" and "cannot write" in outcome.error
    assert store.graphs() == []
    [outcome] = load_articles(store, [good])
    assert outcome.ok and store.graphs() == sorted(p.graph for p in good.graphs)
