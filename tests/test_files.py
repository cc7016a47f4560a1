"""Writing files: all or nothing, even when a build is killed, and no litter left behind."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newsgraph
from newsgraph.writing.files import remove_leftovers, write_files

from .conftest import SEED, SEED_SLUG, run_cli


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_builds_are_removed_and_nothing_else(tmp_path):
    # the running build is a child of ours: whatever newsgraph does to "check" it lands there
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _leftovers_are_removed(tmp_path, _dead_pid(), running.pid)
        with pytest.raises(subprocess.TimeoutExpired):  # looked at, not signalled
            running.wait(timeout=0.5)
    finally:
        running.kill()
        running.wait()


def _leftovers_are_removed(tmp_path, dead: int, alive: int) -> None:
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
        if renames == 2:  # killed after two of the five files were renamed
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
    assert sum(now[n] == new[n] for n in now) == 2 and sum(now[n] == old[n] for n in now) == len(old) - 2  # torn
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
        [
            *(name + s for name in (SEED_SLUG, "catalogue") for s in (".jsonld", ".ttl", ".trig", ".html")),
            f"{SEED_SLUG}.ninjs.json",
        ]
    )
    assert (
        Path(tmp_path / f"{SEED_SLUG}.ttl").read_text(encoding="utf-8")
        == newsgraph.build(newsgraph.load_story(SEED)).turtle
    )


def test_whose_process_is_gone():
    from newsgraph.writing.files import _gone

    assert not _gone(os.getpid())  # this one
    assert _gone(_dead_pid())
    assert _gone(2**40)  # not a possible process id
    assert not _gone(1)  # init: always there


def test_asking_whether_a_process_is_gone_sends_it_nothing():
    # os.kill(pid, 0) only asks; any other signal would hang up or kill someone else's build
    import time

    from newsgraph.writing.files import _gone

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert not _gone(child.pid)
        time.sleep(0.3)
        assert child.poll() is None, "the process was signalled"
    finally:
        child.kill()
        child.wait()


def test_a_new_file_gets_the_usual_mode_less_the_umask(tmp_path):
    umask = os.umask(0o022)
    try:
        [path] = write_files(tmp_path, {"a.ttl": b"x"})
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("durable", [True, False])
def test_files_are_flushed_to_disk_only_when_durable(tmp_path, monkeypatch, durable):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    write_files(tmp_path, {"a.ttl": b"x", "b.ttl": b"y"}, durable=durable)
    assert bool(synced) is durable


def _record(folder: Path, entries, pid: int | None = None) -> Path:
    record = folder / f".newsgraph.{pid or _dead_pid()}.0.commit"
    record.write_text(entries if isinstance(entries, str) else json.dumps(entries), encoding="utf-8")
    return record


def test_a_damaged_commit_record_renames_nothing_and_is_removed(tmp_path):
    dead = _dead_pid()
    tmp = f".a.ttl.{dead}.1.tmp"
    for entries in ('[["' + tmp, {"a": 1}, [[tmp]], [[tmp, "a.ttl", "x"]], [7], [[tmp, "b.ttl"]], [[None, "a.ttl"]]):
        (tmp_path / "a.ttl").write_text("old")
        (tmp_path / tmp).write_text("new")
        record = _record(tmp_path, entries)
        remove_leftovers(tmp_path)
        assert (tmp_path / "a.ttl").read_text() == "old", entries  # nothing renamed
        assert not record.exists() and not (tmp_path / tmp).exists(), entries  # record and leftover gone
        assert not (tmp_path / "b.ttl").exists()


def test_a_commit_record_cannot_rename_outside_its_folder(tmp_path):
    inner = tmp_path / "out"
    inner.mkdir()
    dead = _dead_pid()
    outside = f".a.ttl.{dead}.1.tmp"
    (tmp_path / outside).write_text("from elsewhere")
    # the name a record gives must be a file of the folder, even when its parts match
    _record(inner, [[f"../{outside}", "a.ttl"], [f"../{outside}", "./.a.ttl"], [f"{tmp_path}/{outside}", "a.ttl"]])
    remove_leftovers(inner)
    assert (tmp_path / outside).exists() and [p.name for p in inner.iterdir()] == []


def test_a_running_processs_commit_record_is_left_alone(tmp_path):
    tmp = f".a.ttl.{os.getpid()}.1.tmp"
    (tmp_path / tmp).write_text("new")
    record = _record(tmp_path, [[tmp, "a.ttl"]], pid=os.getpid())
    assert remove_leftovers(tmp_path) == []
    assert record.exists() and (tmp_path / tmp).exists() and not (tmp_path / "a.ttl").exists()


def test_a_commit_record_that_cannot_be_finished_says_why(tmp_path):
    dead = _dead_pid()
    tmp = f".a.ttl.{dead}.1.tmp"
    (tmp_path / tmp).write_text("new")
    (tmp_path / "a.ttl").mkdir()  # a folder where the file should go
    (tmp_path / "a.ttl" / "keep").write_text("x")
    _record(tmp_path, [[tmp, "a.ttl"]])
    with pytest.raises(
        newsgraph.OutputError,
        match=r"cannot finish the renames an interrupted build left in "
        r"\.newsgraph\.\d+\.0\.commit \(Is a directory\)",
    ):
        remove_leftovers(tmp_path)


def test_discarding_what_is_already_gone_is_fine(tmp_path):
    from newsgraph.writing.files import stage_files

    staged = stage_files(tmp_path, {"a.ttl": b"a", "b.ttl": b"b"})
    Path(staged[0][0]).unlink()
    staged.discard()
    assert list(tmp_path.iterdir()) == []


def test_what_only_looks_like_a_leftover_is_left_alone(tmp_path):
    dead = _dead_pid()
    (tmp_path / f".a.ttl.{dead}.1.tmp").mkdir()  # a folder of that name is not ours
    (tmp_path / f".a.ttl.{dead}.1.tmp" / "x").write_text("keep")
    record = _record(tmp_path, "[" * 100_000)  # deeper than any JSON reader goes: unreadable, removed
    assert remove_leftovers(tmp_path) == [record.name]
    assert [p.name for p in tmp_path.iterdir()] == [f".a.ttl.{dead}.1.tmp"]


def test_even_a_build_that_fails_clears_leftovers_of_dead_ones(tmp_path, story_copy):
    stale = tmp_path / "out" / f".{SEED_SLUG}.ttl.{_dead_pid()}.0.tmp"
    stale.parent.mkdir()
    stale.write_text("half a file")
    bad = story_copy(lambda d: d["entities"][0].update(wikidata="Q0"))
    assert run_cli("build", str(bad), "--out", str(tmp_path / "out")).returncode == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_a_rename_that_fails_after_others_says_what_landed_and_the_next_write_finishes(tmp_path, monkeypatch):
    write_files(tmp_path, {"a.ttl": b"old a", "b.ttl": b"old b", "c.ttl": b"old c"})
    real_replace = os.replace
    calls = []

    def third_fails(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", third_fails)
    with pytest.raises(newsgraph.OutputError) as raised:
        write_files(tmp_path, {"a.ttl": b"new a", "b.ttl": b"new b", "c.ttl": b"new c"})
    assert str(raised.value) == (
        f"{tmp_path}: 2 of 3 files were replaced, then: No space left on device; "
        "the next newsgraph write into this folder finishes the rest"
    )
    # what was renamed stays; the record of the whole set and the file still to rename stay for the
    # next write (by a later process: see the killed build above) to finish
    assert [(tmp_path / name).read_bytes() for name in ("a.ttl", "b.ttl", "c.ttl")] == [b"new a", b"new b", b"old c"]
    [record] = tmp_path.glob(".newsgraph.*.commit")
    [tmp] = [tmp for tmp, target in json.loads(record.read_text()) if target == "c.ttl"]
    assert (tmp_path / tmp).read_bytes() == b"new c"


def test_files_are_written_into_a_folder_made_for_them_with_its_parents(tmp_path):
    folder = tmp_path / "a" / "b" / "c"
    assert write_files(folder, {"x.ttl": b"x", "y.ttl": b"y"}) == [folder / "x.ttl", folder / "y.ttl"]
    assert sorted(p.name for p in folder.iterdir()) == ["x.ttl", "y.ttl"]  # no commit record left behind
