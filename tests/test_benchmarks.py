"""The benchmarks and the corpus generator keep working (smoke mode: a few stories, no timings)."""

from __future__ import annotations

import subprocess
import sys

import newsgraph

from .conftest import ROOT


def smoke(script: str, *args: str) -> str:
    """The standard output of ``benchmarks/SCRIPT ARGS``, which must succeed."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_corpus_generator_is_reproducible_and_every_story_is_valid(tmp_path):
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import story, write_corpus

    assert story(3, seed=7) == story(3, seed=7)
    assert story(3, seed=7) != story(4, seed=7)
    paths = write_corpus(tmp_path, 6, seed=7)
    languages = set()
    for path in paths:
        report = newsgraph.validate_story(path)
        assert report.ok, report.format_text()
        s = newsgraph.load_story(path)
        newsgraph.build(s, verify=True)  # every file reads back with Oxigraph as the graph
        languages.add(s.article.language)
        assert 10 <= len(s.entities) <= 25 + 8 and 5 <= len(s.events) <= 12
        assert all(e.evidence for e in s.events)
    assert write_corpus(tmp_path / "again", 6, seed=7)[0].read_bytes() == paths[0].read_bytes()


def test_load_benchmark_runs_in_smoke_mode():
    out = smoke("load.py", "--n", "3")
    for row in (
        "newsgraph load --bulk, embedded store",
        "newsgraph load --jobs 1, embedded store",
        "newsgraph load --jobs 2, Oxigraph server (PUT)",
        "oxigraph load (bulk loader",
    ):
        assert row in out


def test_build_benchmark_runs_in_smoke_mode():
    out = smoke("build.py", "--n", "3", "--naive-sample", "1")
    for row in (
        "(a) newsgraph build --jobs 1",
        "(b) naive pipeline (1 stories)",
        "(c) floor",
        "a/b:",
        "a/c:",
        "peak RSS",
    ):
        assert row in out
    assert "peak RSS" in smoke("build.py", "--rss", "3")
    assert "generating 3 YAML stories" in smoke("build.py", "--n", "3", "--naive-sample", "1", "--yaml")


def test_validate_benchmark_runs_in_smoke_mode():
    out = smoke("validate.py", "--sizes", "20000", "40000", "--repeat", "1", "--max-ratio", "1000")
    for row in ("seed story, as it is", "evidence quote of    40,000 characters", "last step / first step"):
        assert row in out


def test_draft_benchmark_runs_in_smoke_mode():
    out = smoke("draft.py", "--repeat", "1", "--smoke", "--max-cpu", "60")
    for row in ("python -c pass:", "newsgraph draft:", "all of written with the rules", "QIDs filled in:", "slowest:"):
        assert row in out


def test_startup_benchmark_runs_in_smoke_mode():
    out = smoke("startup.py", "--repeat", "1", "--max-help", "1000", "--max-validate", "1000")
    for row in (
        "python -c pass:",
        "newsgraph --help:",
        "newsgraph validate SEED:",
        "newsgraph build SEED:",
        "the floor",
    ):
        assert row in out


def test_stages_benchmark_runs_in_smoke_mode():
    out = smoke("stages.py", "--n", "3")
    for row in ("YAML", "JSON", "parse", "checks", "map", "shapes", "serialise", "write", "total"):
        assert row in out


def test_archive_benchmark_runs_in_smoke_mode():
    out = smoke("archive.py", "--n", "5")
    for row in ("generate 5 YAML stories", "newsgraph build --jobs 2", "newsgraph load --bulk", "oxigraph load"):
        assert row in out
    assert "5 of 5 articles loaded" in out and "every shipped question under 1 s" in out
    assert out.count("query ") >= 7


def test_queries_benchmark_runs_in_smoke_mode(tmp_path):
    from newsgraph.resources import shipped_queries

    command = [sys.executable, str(ROOT / "benchmarks" / "queries.py"), "--n", "5", "--repeat", "1", "--target", "1000"]
    store = tmp_path / "store"
    run = subprocess.run([*command, "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "6 articles in the store" in run.stdout  # five generated and the seed
    for name in shipped_queries():
        assert f"\n{name} " in run.stdout
    again = subprocess.run([*command, "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "reusing the store" in again.stdout
    missed = subprocess.run([*command[:-1], "0", "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert missed.returncode == 1 and "MISSED" in missed.stdout
