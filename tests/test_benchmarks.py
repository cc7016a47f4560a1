"""The benchmarks and the corpus generator keep working (smoke mode: a few stories, no timings)."""

from __future__ import annotations

import subprocess
import sys

import newsgraph

from .conftest import ROOT


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
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--n", "3"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    for row in (
        "newsgraph load --jobs 1, embedded store",
        "newsgraph load --jobs 2, Oxigraph server (PUT)",
        "oxigraph load (bulk loader",
    ):
        assert row in run.stdout


def test_build_benchmark_runs_in_smoke_mode():
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build.py"), "--n", "3", "--naive-sample", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    for row in (
        "(a) newsgraph build --jobs 1",
        "(b) naive pipeline (1 stories)",
        "(c) floor",
        "a/b:",
        "a/c:",
        "peak RSS",
    ):
        assert row in run.stdout
    rss = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build.py"), "--rss", "3"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rss.returncode == 0 and "peak RSS" in rss.stdout


def test_validate_benchmark_runs_in_smoke_mode():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "validate.py"),
            "--sizes",
            "20000",
            "40000",
            "--repeat",
            "1",
            "--max-ratio",
            "1000",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    for row in ("seed story, as it is", "evidence quote of    40,000 characters", "last step / first step"):
        assert row in run.stdout


def test_draft_benchmark_runs_in_smoke_mode():
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "draft.py"), "--repeat", "1", "--smoke", "--max-cpu", "60"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    for row in ("python -c pass:", "newsgraph draft:", "all of written with the rules", "QIDs filled in:", "slowest:"):
        assert row in run.stdout


def test_startup_benchmark_runs_in_smoke_mode():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "startup.py"),
            "--repeat",
            "1",
            "--max-help",
            "1000",
            "--max-validate",
            "1000",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    for row in (
        "python -c pass:",
        "newsgraph --help:",
        "newsgraph validate SEED:",
        "newsgraph build SEED:",
        "the floor",
    ):
        assert row in run.stdout


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
