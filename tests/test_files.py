"""Writing files: all or nothing, even when a build is killed, and no litter left behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import newsgraph
from newsgraph.files import remove_leftovers, write_files

from .conftest import SEED, SEED_SLUG, run_cli


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_builds_are_removed_and_nothing_else(tmp_path):
    dead, alive = _dead_pid(), os.getppid()
    names = {
        f".{SEED_SLUG}.ttl.{dead}.3.tmp": "removed",  # a killed build's temporary file
        f".{SEED_SLUG}.html.{dead}.12.tmp": "removed",
        f".{SEED_SLUG}.ttl.{alive}.4.tmp": "kept",  # a build still running
        f".notes.txt.{dead}.1.tmp": "kept",  # not a name newsgraph gives
        ".hidden": "kept",
        f"{SEED_SLUG}.ttl": "kept",
    }
    for name in names:
        (tmp_path / name).write_text("x")
    assert sorted(remove_leftovers(tmp_path)) == sorted(n for n, fate in names.items() if fate == "removed")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, fate in names.items() if fate == "kept")


def test_a_build_clears_leftovers_from_its_folder(tmp_path):
    stale = tmp_path / f".{SEED_SLUG}.trig.{_dead_pid()}.0.tmp"
    stale.write_text("half a file")
    assert run_cli("build", str(SEED), "--out", str(tmp_path)).returncode == 0
    assert not stale.exists()


_KILLED_BETWEEN_RENAMES = textwrap.dedent("""
    import os, signal, sys
    import newsgraph

    renames = 0
    real_replace = os.replace

    def replace(source, target):
        global renames
        real_replace(source, target)
        renames += 1
        if renames == 2:  # killed after two of the four files were renamed
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    story = newsgraph.load_story(sys.argv[1])
    newsgraph.build(story, base="https://data.example.org/").write(sys.argv[2])
""")


def test_a_build_killed_between_renames_is_finished_by_the_next_write(tmp_path):
    out = tmp_path / "out"
    story = newsgraph.load_story(SEED)
    old = newsgraph.build(story).files()
    new = newsgraph.build(story, base="https://data.example.org/").files()
    assert all(old[name] != new[name] for name in old)  # every file changes
    newsgraph.build(story).write(out)

    killed = subprocess.run([sys.executable, "-c", _KILLED_BETWEEN_RENAMES, str(SEED), str(out)])
    assert killed.returncode == -signal.SIGKILL
    now = {name: (out / name).read_text(encoding="utf-8") for name in old}
    assert sum(now[n] == new[n] for n in now) == 2 and sum(now[n] == old[n] for n in now) == 2  # torn
    assert [p for p in out.iterdir() if p.name.endswith(".commit")]

    write_files(out, {"unrelated.ttl": b"x"})  # any later write into the folder finishes the set
    assert {name: (out / name).read_text(encoding="utf-8") for name in old} == new
    assert sorted(p.name for p in out.iterdir()) == sorted([*new, "unrelated.ttl"])


def test_the_folder_is_flushed_after_the_renames(tmp_path, monkeypatch):
    flushed = []
    real_fsync = os.fsync

    def fsync(fd):
        flushed.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_files(tmp_path, {"a.ttl": b"a", "b.ttl": b"b"})
    assert flushed[:2] == [False, False]  # each file
    assert flushed[-1] is True  # then the folder, once the names are in place


def test_a_failed_rename_leaves_the_old_files_and_no_temporary_file(tmp_path, monkeypatch):
    write_files(tmp_path, {"a.ttl": b"old a", "b.ttl": b"old b"})

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    try:
        write_files(tmp_path, {"a.ttl": b"new a", "b.ttl": b"new b"})
    except newsgraph.OutputError as exc:
        assert "Permission denied" in str(exc)
    else:
        raise AssertionError("the write should have failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]
    assert (tmp_path / "a.ttl").read_bytes() == b"old a"


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "a.ttl"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_files(tmp_path, {"a.ttl": b"new"})
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_output_written_from_a_batch_lands_whole(tmp_path):
    run = run_cli("build", str(SEED), str(SEED), "--out", str(tmp_path), "--jobs", "2")
    assert run.returncode == 1  # the same slug twice: the second is refused
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        SEED_SLUG + s for s in (".jsonld", ".ttl", ".trig", ".html")
    )
    assert (
        Path(tmp_path / f"{SEED_SLUG}.ttl").read_text(encoding="utf-8")
        == newsgraph.build(newsgraph.load_story(SEED)).turtle
    )
