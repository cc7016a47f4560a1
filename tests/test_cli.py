"""The newsgraph command: build and validate, exit codes, and nothing lost on failure."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import SEED, SEED_SLUG, entity, invoke, run_cli

SUFFIXES = (".jsonld", ".ttl", ".trig", ".html")
#: what building the seed writes: its four files and its ninjs document, and its newsroom's
#: catalogue's four files
FILES = [name + s for name in (SEED_SLUG, "catalogue") for s in SUFFIXES] + [f"{SEED_SLUG}.ninjs.json"]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_build_writes_the_four_files_and_a_rebuild_changes_nothing(tmp_path):
    out = tmp_path / "new" / "folder"
    first = run_cli("build", str(SEED), "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    assert re.search(rf"^{SEED_SLUG}: \d+ triples -> {out}/ \(5 files changed\)$", first.stdout, re.M)
    assert re.search(rf"^catalogue \(\d+ entries\): \d+ triples -> {out}/ \(4 files changed\)$", first.stdout, re.M)
    before = digest(out)
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    second = run_cli("build", str(SEED), "--out", str(out))
    assert second.returncode == 0 and "0 files changed" in second.stdout
    assert digest(out) == before
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == mtimes


def test_failed_build_leaves_earlier_files_untouched_and_no_temporary_files(tmp_path, story_copy):
    out = tmp_path / "out"
    assert run_cli("build", str(SEED), "--out", str(out)).returncode == 0
    before = digest(out)
    bad = story_copy(lambda d: entity(d, "putin").update(wikidata="Q0"))
    run = run_cli("build", str(bad), "--out", str(out))
    assert run.returncode == 1
    assert "/entities/0/wikidata" in run.stderr and "'Q0' is not of the required form" in run.stderr
    assert digest(out) == before


def test_build_into_an_unwritable_place_exits_2_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    run = run_cli("build", str(SEED), "--out", str(blocker / "sub"))
    assert run.returncode == 2
    assert "cannot create the output folder" in run.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["file"] and blocker.read_text() == "not a folder"
    # a folder where one of the files cannot be put in place (a folder has its name): nothing is
    # replaced, nothing is left there, not even a temporary file (for root too, unlike a read-only folder)
    for blocked in FILES:
        out = tmp_path / f"out-{blocked}"
        assert invoke("build", str(SEED), "--out", str(out), "--base-iri", "https://data.example.org/").exit_code == 0
        before = digest(out)
        (out / blocked).unlink()
        (out / blocked).mkdir()
        (out / blocked / "keep").write_text("x")
        run = invoke("build", str(SEED), "--out", str(out))
        assert run.exit_code == 2 and f"{out / blocked}: is a folder, where newsgraph writes a file" in run.output
        assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
        after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()}
        assert after == {name: sha for name, sha in before.items() if name != blocked}


def test_interrupted_write_keeps_previous_files(tmp_path, monkeypatch):
    import os

    import newsgraph
    from newsgraph.errors import OutputError

    out = tmp_path / "out"
    result = newsgraph.build(newsgraph.load_story(SEED))
    result.write(out)
    before = digest(out)
    changed = newsgraph.build(newsgraph.load_story(SEED), base="https://data.example.org/")
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 3:  # the disk fills up while writing the third file
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    try:
        changed.write(out)
    except OutputError as exc:
        assert "No space left on device" in str(exc)
    else:
        raise AssertionError("the write should have failed")
    assert digest(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_base_iri_option(tmp_path):
    run = run_cli("build", str(SEED), "--out", str(tmp_path), "--base-iri", "https://data.example.org/")
    assert run.returncode == 0, run.stderr
    assert "<https://data.example.org/graph/" in (tmp_path / (SEED_SLUG + ".trig")).read_text()
    bad = run_cli("build", str(SEED), "--out", str(tmp_path), "--base-iri", "javascript:alert(1)")
    assert bad.returncode == 2
    assert "base IRI" in bad.stderr


def test_usage_errors_exit_2():
    assert run_cli("build").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("validate", "--format", "xml", str(SEED)).returncode == 2


def test_console_script_and_module_entry_points():
    script = shutil.which("newsgraph", path=str(Path(sys.executable).parent))
    assert script, "the newsgraph console script is installed next to python"
    version = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "newsgraph" in version.stdout
    help_text = run_cli("--help").stdout
    assert "build" in help_text and "validate" in help_text


def _broken_turtle(real, how):
    def writer(*args, **kwargs):
        text = real(*args, **kwargs)
        if how == "drop":  # the last subject block loses its last statement
            head, _, _ = text.rstrip().rpartition(" ;\n")
            return head + " .\n"
        return text.replace('"@el', "@el", 1)  # an unterminated literal

    return writer


def test_verify_output_catches_a_writer_bug_and_writes_nothing(tmp_path, monkeypatch):
    import importlib

    from newsgraph.writing.turtle import turtle_text

    from .conftest import assert_clean_exit, invoke

    build_module = importlib.import_module("newsgraph.publishing.build")
    for how, message in (
        ("drop", "reads back as a different graph (1 triples missing, 0 extra"),
        ("break", "Oxigraph cannot read what newsgraph wrote"),
    ):
        monkeypatch.setattr(build_module, "turtle_text", _broken_turtle(turtle_text, how))
        out = tmp_path / how
        result = invoke("build", str(SEED), "--out", str(out), "--verify-output")
        assert_clean_exit(result, {5})
        assert f"{SEED_SLUG}.ttl: {message}" in result.output and "nothing was written" in result.output
        assert not out.exists() or not list(out.iterdir())
        unverified = invoke("build", str(SEED), "--out", str(out))
        assert unverified.exit_code == 0  # without the option the bug goes unnoticed: that is what it is for


def test_debug_prints_the_traceback_of_an_internal_error_only(tmp_path, monkeypatch):
    import newsgraph.publishing.check

    from .conftest import invoke

    def bug(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(newsgraph.publishing.check, "validate_story", bug)  # the command imports it when run
    plain = invoke("validate", str(SEED))
    assert plain.exit_code == 5 and "Traceback" not in plain.output
    assert f"newsgraph: {SEED}: internal error: ZeroDivisionError: oops; this is a newsgraph bug" in plain.output
    debug = invoke("--debug", "validate", str(SEED))
    assert (
        debug.exit_code == 5
        and "Traceback (most recent call last)" in debug.output
        and "ZeroDivisionError" in debug.output
    )
    by_env = invoke("validate", str(SEED), env={"NEWSGRAPH_DEBUG": "1"})
    assert "Traceback (most recent call last)" in by_env.output
