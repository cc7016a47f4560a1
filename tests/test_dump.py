"""`newsgraph dump`: one N-Quads file of many articles, for bulk loaders, loaded by `oxigraph load`."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

import newsgraph
from newsgraph.resources import shipped_queries

from .answers import answers
from .conftest import DATA, SEED, invoke
from .servers import oxigraph_binary

NEWSROOM = DATA / "newsroom" / "stories"


def graphs(dump: Path) -> dict[str, int]:
    """The triples of each named graph of a dump, read back with Oxigraph."""
    data = gzip.decompress(dump.read_bytes()) if dump.name.endswith(".gz") else dump.read_bytes()
    counts: dict[str, int] = {}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


def test_a_dump_holds_every_graph_of_every_article_and_the_catalogue(tmp_path):
    out = tmp_path / "archive.nq.gz"
    run = invoke("dump", str(SEED), *map(str, sorted(NEWSROOM.glob("*.yaml"))), "--out", str(out))
    assert run.exit_code == 4, run.output  # the newsroom's catalogue is another graph of the same name
    assert "is in the dump already" in run.output
    seed = newsgraph.build(
        newsgraph.load_story(SEED), catalogue=newsgraph.load_catalogue(SEED.parent.parent / "catalogue")
    )
    counts = graphs(out)
    assert counts[seed.mapped.graph] == seed.mapped.count
    assert counts[seed.mapped.evidence_graph] == seed.mapped.evidence_count
    assert {g.rsplit("/", 1)[-1] for g in counts} >= {"catalogue", "test-a-lukashenko-receives-envoy", "evidence"}
    # the same articles, the same bytes (no time stamp in the gzip header)
    again = tmp_path / "again.nq.gz"
    invoke("dump", str(SEED), *map(str, sorted(NEWSROOM.glob("*.yaml"))), "--out", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_oxigraph_load_takes_a_dump_and_answers_as_the_per_article_load(tmp_path):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph binary (the test extra's oxigraph package) is not installed")
    dump = tmp_path / "archive.nq.gz"
    assert invoke("dump", str(SEED), "--out", str(dump)).exit_code == 0
    bulk = tmp_path / "bulk"
    run = subprocess.run([binary, "load", "--location", str(bulk), "--file", str(dump)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    per_article = tmp_path / "per-article"
    assert invoke("load", str(SEED), "--store", str(per_article)).exit_code == 0
    bulk_store, article_store = ox.Store(str(bulk)), ox.Store(str(per_article))
    assert len(bulk_store) == len(article_store) > 0
    for question in shipped_queries():
        assert answers(bulk_store, question) == answers(article_store, question), question


def test_a_failing_input_is_left_out_and_nothing_is_written_when_none_is_valid(tmp_path, story_copy):
    broken = story_copy(lambda d: d["entities"][0]["evidence"][0].update(text="Putin"))
    out = tmp_path / "archive.nq"
    run = invoke("dump", str(broken), "--out", str(out))
    assert run.exit_code == 1 and "nothing dumped" in run.output and not out.exists()
    assert not list(tmp_path.glob(".archive.nq.*"))  # no temporary file left behind
    run = invoke("dump", str(broken), str(SEED), "--out", str(out))
    assert run.exit_code == 4 and "invalid" in run.output
    assert any(g.endswith("2025-12-11-putin-lukashenko-support-maduro") for g in graphs(out))


@pytest.mark.parametrize("name", ["archive.ttl", "archive.nq.zip", "archive"])
def test_a_dump_is_named_as_n_quads(tmp_path, name):
    run = invoke("dump", str(SEED), "--out", str(tmp_path / name))
    assert run.exit_code == 2 and ".nq" in run.output
    assert list(tmp_path.iterdir()) == []


def test_a_previous_dump_stays_until_the_new_one_is_complete(tmp_path, story_copy):
    out = tmp_path / "archive.nq"
    out.write_bytes(b"previous\n")
    broken = story_copy(lambda d: d["entities"][0]["evidence"][0].update(text="Putin"))
    assert invoke("dump", str(broken), "--out", str(out)).exit_code == 1
    assert out.read_bytes() == b"previous\n"
    shutil.copy(out, tmp_path / "kept")
