"""Writing output files atomically: all or nothing, never a half-written file.

Every file is first written to a temporary file ``.{name}.{pid}.{n}.tmp`` in the same folder and
flushed to disk; only when all of them are written are they renamed over the old ones. A failure
before that leaves the previous files untouched and removes the temporary ones. Files whose bytes
would not change are not rewritten.

Renaming several files is not one step, so before the first rename a *commit record*
(``.newsgraph.{pid}.{n}.commit``, listing the renames) is written and flushed. If the process is
killed between two renames, the next write into the folder finishes the renames the record lists
(:func:`remove_leftovers`): the set of files is then the new one, whole. Temporary files whose
process is gone, left by a build killed before it committed, are removed.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_files(out, {"a.ttl": b"x", "b.ttl": b"y"})]
['a.ttl', 'b.ttl']
>>> write_files(out, {"a.ttl": b"x"})  # unchanged: nothing rewritten
[]
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePath

from ..errors import OutputError

__all__ = ["write_files", "stage_files", "Staged", "remove_leftovers"]

#: The names newsgraph gives its temporary files and commit records (nothing else is ever removed).
_TEMPORARY = re.compile(r"\.(?P<name>.+\.(?:jsonld|ttl|trig|html|json|nq))\.(?P<pid>[0-9]+)\.[0-9]+\.tmp\Z")
_RECORD = re.compile(r"\.newsgraph\.(?P<pid>[0-9]+)\.[0-9]+\.commit\Z")

_counter = itertools.count()


def _file_mode(target: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666


def _unchanged(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unique(folder: Path, name: str) -> Path:
    # Unique per process and per call; O_EXCL never follows anything already there.
    return folder / f".{name}.{os.getpid()}.{next(_counter)}.tmp"


class Staged(list):
    """Files written under temporary names, waiting to be renamed into place: ``(tmp, target)``."""

    def commit(self, *, durable: bool = True) -> list[Path]:
        """Rename every file into place (all of them, even after a crash); returns the targets."""
        if not self:
            return []
        folder = Path(self[0][1]).parent
        # The one way a rename fails after others succeeded, short of a crash: a folder in the way.
        blocked = [Path(target) for _, target in self if Path(target).is_dir() and not Path(target).is_symlink()]
        if blocked:
            self.discard()
            raise OutputError(
                f"{blocked[0]}: is a folder, where newsgraph writes a file; move it away "
                "(earlier files were left as they were)"
            )
        record = folder / f".newsgraph.{os.getpid()}.{next(_counter)}.commit" if len(self) > 1 else None
        renamed = 0
        try:
            if record is not None:
                entries = [[Path(tmp).name, Path(target).name] for tmp, target in self]
                _write(record, json.dumps(entries).encode("utf-8"), 0o600, durable)
                if durable:
                    _sync_folder(folder)
            for tmp, target in self:
                os.replace(tmp, target)
                renamed += 1
            if durable:
                _sync_folder(folder)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if renamed:  # the record stays: the next write into the folder finishes the set
                raise OutputError(
                    f"{folder}: {renamed} of {len(self)} files were replaced, then: {reason}; "
                    "the next newsgraph write into this folder finishes the rest"
                ) from None
            self.discard()
            if record is not None:
                record.unlink(missing_ok=True)
            raise OutputError(
                f"cannot rename output into place ({reason}); earlier files were left as they were"
            ) from None
        if record is not None:
            record.unlink(missing_ok=True)
        return [Path(target) for _, target in self]

    def discard(self) -> None:
        """Remove the temporary files; nothing is replaced."""
        for tmp, _ in self:
            Path(tmp).unlink(missing_ok=True)


def _write(path: Path, data: bytes, mode: int, durable: bool) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        if durable:
            f.flush()
            os.fsync(f.fileno())


def stage_files(folder: str | Path, contents: Mapping[str, bytes], *, durable: bool = True) -> Staged:
    """Write the files that would change under temporary names next to their targets.

    Nothing visible changes until :meth:`Staged.commit`. With ``durable`` each file is flushed to
    disk first; a batch turns that off and flushes once at its end (see :mod:`newsgraph.publishing.batch`).
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror or exc}") from None
    staged = Staged()
    try:
        for name, data in contents.items():
            target = folder / name
            if _unchanged(target, data):
                continue
            tmp = _unique(folder, name)
            mode = _file_mode(target)
            staged.append((tmp, target))
            _write(tmp, data, mode, durable)
    except OSError as exc:
        staged.discard()
        raise OutputError(
            f"{folder}: cannot write output ({exc.strerror or exc}); earlier files were left as they were"
        ) from None
    return staged


def write_files(folder: str | Path, contents: Mapping[str, bytes], *, durable: bool = True) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder`` atomically; returns the files that changed."""
    remove_leftovers(folder)
    return stage_files(folder, contents, durable=durable).commit(durable=durable)


def _gone(pid: int) -> bool:
    """Whether no process ``pid`` is running (one we may not signal is running)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    except (OverflowError, ValueError):  # not a possible process id
        return True
    return False


def remove_leftovers(folder: str | Path) -> list[str]:
    """Finish or undo what builds killed mid-write left in ``folder``; returns the names handled.

    A commit record of a process that is gone is rolled forward (its renames are finished), then
    temporary files of processes that are gone are removed. Files of running processes, and files
    that do not have newsgraph's own names, are never touched.
    """
    folder = Path(folder)
    try:  # regular files only: a folder or a link with such a name is not ours
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.name.startswith(".") and entry.is_file(follow_symlinks=False)
        )
    except OSError:  # no folder yet (or not readable: the write that follows says so)
        return []
    handled = []
    for name in names:
        match = _RECORD.match(name)
        if match and _gone(int(match["pid"])):
            _roll_forward(folder, folder / name)
            handled.append(name)
    for name in names:
        match = _TEMPORARY.match(name)
        if match and _gone(int(match["pid"])) and (folder / name).exists():
            try:
                (folder / name).unlink()
            except OSError:  # best effort: a leftover that cannot be removed harms nothing
                continue
            handled.append(name)
    return handled


def _roll_forward(folder: Path, record: Path) -> None:
    try:
        entries = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # cut short while it was written: no rename had started
        entries = []
    try:
        for entry in entries if isinstance(entries, list) else ():
            tmp, target = entry if isinstance(entry, list) and len(entry) == 2 else ("", "")
            plain = PurePath(str(tmp)).name == str(tmp)  # a name in this folder, not a path elsewhere
            match = _TEMPORARY.match(str(tmp)) if plain else None
            if match and match["name"] == target and (folder / tmp).exists():
                os.replace(folder / tmp, folder / target)
        record.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot finish the renames an interrupted build left in {record.name} "
            f"({exc.strerror or exc}); check the folder's permissions"
        ) from None
