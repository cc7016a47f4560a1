"""Building many stories: folders and globs, several processes, failures reported, slugs unique."""

from __future__ import annotations

import importlib
import json
import shutil
import sys

import newsgraph
from newsgraph.publishing.batch import build_many, story_paths

from .conftest import ROOT, SEED, assert_clean_exit, copy_seed, invoke, own, run_cli


def corpus(folder, n, seed=3):
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import write_corpus

    return write_corpus(folder, n, seed)


def test_a_folder_of_stories_builds_on_two_processes_and_matches_single_builds(tmp_path):
    paths = corpus(tmp_path / "stories", 6)
    run = run_cli("build", str(tmp_path / "stories"), "--out", str(tmp_path / "out"), "--jobs", "2", "--verify-output")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("built 6, failed 0,")
    for path in paths:
        one = newsgraph.build(newsgraph.load_story(path))
        for name, text in one.files().items():
            assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_failures_are_reported_without_stopping_the_batch(tmp_path):
    paths = corpus(tmp_path / "stories", 4)
    data = json.loads(paths[1].read_text())
    data["events"][0]["date"] = {"on": "2099-01-01"}
    paths[1].write_text(json.dumps(data, ensure_ascii=False))
    paths[2].write_bytes(b"\xff not utf-8")
    run = run_cli("build", str(tmp_path / "stories" / "*.json"), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert run.returncode == 2  # the worst story: one could not be read at all
    assert run.stdout.startswith("built 2, failed 2,")
    assert (
        "story-000001.json" in run.stderr
        and "/events/0/date/on" in run.stderr
        and "after the article's publication date" in run.stderr
    )
    assert "story-000002.json" in run.stderr and "not valid UTF-8" in run.stderr
    assert len(list((tmp_path / "out").glob("*.ttl"))) == 2


def test_two_stories_with_one_slug_do_not_overwrite_each_other(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        copy_seed(tmp_path, name)
    outcomes = list(build_many(story_paths([tmp_path]), tmp_path / "out", jobs=1))
    assert [o.ok for o in outcomes] == [True, False]
    assert "slug '2025-12-11-putin-lukashenko-support-maduro' is also the slug of" in outcomes[1].error
    assert str(tmp_path / "a.yaml") in outcomes[1].error
    assert outcomes[1].exit_code == 1
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_story_paths_expands_folders_and_globs(tmp_path):
    (tmp_path / "x.yaml").write_text("")
    (tmp_path / "y.json").write_text("")
    (tmp_path / "notes.txt").write_text("")
    assert [p.name for p in story_paths([tmp_path])] == ["x.yaml", "y.json"]
    assert [p.name for p in story_paths([str(tmp_path / "*.yaml")])] == ["x.yaml"]
    assert story_paths([tmp_path / "missing.yaml"]) == [tmp_path / "missing.yaml"]


_PEAK = (
    "import resource, sys; from pathlib import Path; from newsgraph.publishing.batch import build_many; "
    "paths = sorted(Path(sys.argv[1]).iterdir())[: int(sys.argv[2])]; "
    "assert sum(o.ok for o in build_many(paths, Path(sys.argv[3]), jobs=1)) == len(paths); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def test_memory_stays_bounded_whatever_the_number_of_stories(tmp_path):
    # Outcomes are small and streamed: building 80 stories holds no more than building 8. Each count
    # is measured in a fresh process (ru_maxrss is a process's peak so far).
    import subprocess

    corpus(tmp_path / "stories", 80)

    def peak(n: int) -> int:
        run = subprocess.run(
            [sys.executable, "-c", _PEAK, str(tmp_path / "stories"), str(n), str(tmp_path / f"out{n}")],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(run.stdout)  # KiB

    few, many = peak(8), peak(80)
    assert many - few < 8 * 1024, (few, many)  # 72 more stories, ~300 KB of files each, cost < 8 MB


def test_a_story_of_any_shape_does_not_stop_the_batch(tmp_path):
    paths = corpus(tmp_path / "stories", 8)
    data = json.loads(paths[1].read_text())
    data["entities"][0]["offices"] = 148
    paths[1].write_text(json.dumps(data, ensure_ascii=False))
    run = run_cli("build", str(tmp_path / "stories"), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert run.returncode == 1
    assert run.stdout.startswith("built 7, failed 1,")
    assert f"{paths[1]}:" in run.stderr and "/entities/0/offices: expected a list, found a number 148" in run.stderr
    assert "Traceback" not in run.stderr


def _fails_on(name: str):
    """A stand-in for newsgraph's build with a bug that shows on one story."""
    from newsgraph.publishing.build import build

    def buggy(story, *args, **kwargs):
        if story.path.endswith(name):
            raise KeyError("a bug")
        return build(story, *args, **kwargs)

    return buggy


def test_an_internal_error_names_the_story_exits_5_and_the_batch_goes_on(tmp_path, monkeypatch):
    import newsgraph.publishing.batch

    paths = corpus(tmp_path / "stories", 4)
    monkeypatch.setattr(newsgraph.publishing.batch, "build", _fails_on(paths[2].name))
    for jobs in ("1", "2"):
        result = invoke("build", str(tmp_path / "stories"), "--out", str(tmp_path / f"out{jobs}"), "--jobs", jobs)
        assert_clean_exit(result, {5})
        assert "built 3, failed 1," in result.output
        assert f"newsgraph: {paths[2]}: internal error: KeyError: 'a bug'; this is a newsgraph bug" in result.output
        assert "Traceback" not in result.output
    debug = invoke("--debug", "build", str(tmp_path / "stories"), "--out", str(tmp_path / "out3"), "--jobs", "1")
    assert debug.exit_code == 5 and "Traceback (most recent call last)" in debug.output
    assert 'raise KeyError("a bug")' in debug.output


def test_an_internal_error_on_one_story_names_it(tmp_path, monkeypatch):
    # the commands import `build` from its module when run
    monkeypatch.setattr(importlib.import_module("newsgraph.publishing.build"), "build", _fails_on(SEED.name))
    result = invoke("build", str(SEED), "--out", str(tmp_path))
    assert_clean_exit(result, {5})
    assert f"newsgraph: {SEED}: internal error: KeyError: 'a bug'" in result.output
    assert not list(tmp_path.iterdir())
    load = invoke("load", str(SEED), "--store", str(tmp_path / "store"))
    assert_clean_exit(load, {5})
    assert f"{SEED.name}: internal error: KeyError: 'a bug'; this is a newsgraph bug" in load.output


def test_load_takes_folders_and_globs_like_build(tmp_path):
    paths = corpus(tmp_path / "stories", 3)
    built = tmp_path / "built"
    assert run_cli("build", str(paths[0]), "--out", str(built)).returncode == 0
    shutil.copy(next(built.glob("*.trig")), tmp_path / "stories" / "graph.trig")
    run = run_cli("load", str(tmp_path / "stories"), "--store", str(tmp_path / "store"))
    assert run.returncode == 0, run.stderr
    assert "4 of 4 articles loaded" in run.stdout
    run = run_cli("load", str(tmp_path / "stories" / "*.json"), "--store", str(tmp_path / "store"))
    assert run.returncode == 0 and "3 of 3 articles loaded" in run.stdout


def test_load_stops_building_once_the_store_is_gone(tmp_path, monkeypatch, story_copy):
    from .servers import free_port

    built = []
    building = importlib.import_module("newsgraph.publishing.build")
    real_build = building.build
    monkeypatch.setattr(building, "build", lambda story, **kw: built.append(story.path) or real_build(story, **kw))
    broken = story_copy(lambda d: own(d, "putin").update(wikidata="Q0"))
    endpoint = f"http://127.0.0.1:{free_port()}/query"
    result = invoke("load", str(SEED), str(broken), str(SEED), "--endpoint", endpoint, "--retries", "0", "--jobs", "1")
    assert_clean_exit(result, {3})
    # the first load (the catalogue's, which goes first) found the store gone: no story was built
    assert "catalogue: failed: " in result.output and built == []
    assert f"{broken.name}: not attempted" in result.output  # not "invalid": it was never read
    assert f"{SEED.name}: not attempted" in result.output
