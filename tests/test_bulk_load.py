"""`newsgraph load --bulk`: an archive's first import through Oxigraph's bulk loader, with the
same per-article outcomes and triple counts as per-article loads, into an empty store only."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from newsgraph.store.loading import EmbeddedStore, Payload, bulk_load_articles, load_articles

from .conftest import SEED, run_cli
from .test_batch import corpus


def quads(path) -> set[str]:
    store = ox.Store(str(path))
    return {str(q) for q in store}


def test_a_bulk_load_holds_exactly_what_per_article_loads_hold(tmp_path):
    paths = corpus(tmp_path / "stories", 4)
    bulk = run_cli("load", "--bulk", str(tmp_path / "stories"), "--store", str(tmp_path / "bulk" / "store"))
    assert bulk.returncode == 0, bulk.stderr
    assert "4 of 4 articles loaded" in bulk.stdout
    assert bulk.stdout.count(": loaded ") == len(paths)
    each = run_cli("load", str(tmp_path / "stories"), "--store", str(tmp_path / "each"))
    assert each.returncode == 0, each.stderr
    assert quads(tmp_path / "bulk" / "store") == quads(tmp_path / "each")


def test_a_bulk_load_is_refused_for_a_store_holding_graphs_or_a_remote_store(tmp_path):
    store = tmp_path / "store"
    assert run_cli("load", str(SEED), "--store", str(store)).returncode == 0
    before = quads(store)
    again = run_cli("load", "--bulk", str(SEED), "--store", str(store))
    assert again.returncode == 2 and "empty or new store" in again.stderr and "without --bulk" in again.stderr
    assert quads(store) == before
    remote = run_cli("load", "--bulk", str(SEED), "--endpoint", "http://127.0.0.1:9/query")
    assert remote.returncode == 2 and "newsgraph dump" in remote.stderr


def test_an_invalid_story_is_reported_and_the_others_load(tmp_path, story_copy):
    broken = story_copy(lambda d: d["article"].pop("published"))
    run = run_cli("load", "--bulk", str(SEED), str(broken), "--store", str(tmp_path / "store"))
    assert run.returncode == 4, run.stderr
    assert f"{broken.name}: invalid" in run.stderr and "1 of 2 articles loaded" in run.stdout


def test_a_graph_given_twice_is_loaded_once_and_the_later_input_is_invalid(seed_result):
    payload = Payload.from_result(seed_result)
    store = EmbeddedStore(None)
    first, second = bulk_load_articles(store, [payload, payload])
    assert first.ok and first.stored == payload.total
    assert second.status == "invalid" and "in the load already" in second.error
    assert store.count_triples(payload.graph) == payload.count


def test_a_failed_bulk_load_leaves_the_store_empty_and_no_article_loaded(seed_result):
    good = Payload.from_result(seed_result)
    other = Payload("other", "https://newsgraph.example/graph/other", good.body, good.count)
    broken = Payload("broken", "https://newsgraph.example/graph/broken", b'<http://e/s> <http://e/p> "open .\n', 1)
    store = EmbeddedStore(None)
    outcomes = bulk_load_articles(store, [good, broken, other])
    assert [o.status for o in outcomes] == ["failed"] * 3, [o.error for o in outcomes]
    assert all("the bulk load failed" in o.error for o in outcomes)
    assert store.graphs() == []
    assert [o.ok for o in load_articles(store, [good])] == [True]  # still an empty store to load into


def test_the_counts_are_checked_per_article(seed_result):
    good = Payload.from_result(seed_result)
    # says it holds one triple more than it does: the count afterwards finds it out
    lying = Payload(good.label, good.graph, good.body, good.count + 1, good.parts)
    [outcome] = bulk_load_articles(EmbeddedStore(None), [lying])
    assert outcome.status == "failed" and f"{good.total} triples" in outcome.error


@pytest.mark.parametrize("nquads", [b"", b"\n"])
def test_an_empty_article_loads_nothing(nquads):
    empty = Payload("empty", "https://newsgraph.example/graph/empty", nquads, 0)
    [outcome] = bulk_load_articles(EmbeddedStore(None), [empty])
    assert outcome.ok and outcome.stored == 0


def test_a_bulk_load_failing_after_some_graphs_were_written_empties_the_store(seed_result, monkeypatch):
    from newsgraph.errors import ServiceError

    real = EmbeddedStore.bulk_load

    def half_then_fail(self, nquads):  # the loader wrote part of the input, then the disk filled up
        real(self, io.BytesIO(nquads.read(5000).rsplit(b"\n", 1)[0] + b"\n"))
        assert self.graphs()
        raise ServiceError("embedded store: the bulk load failed: No space left on device")

    monkeypatch.setattr(EmbeddedStore, "bulk_load", half_then_fail)
    store = EmbeddedStore(None)
    [outcome] = bulk_load_articles(store, [Payload.from_result(seed_result)])
    assert outcome.status == "failed" and "No space left" in outcome.error
    assert store.graphs() == []
