"""Writing output files atomically: all or nothing, never a half-written file.

Every file is first written to a temporary file in the same folder and flushed to disk; only
when all of them are written are they renamed over the old ones. A failure before that leaves
the previous files untouched and removes the temporary ones. Files whose bytes would not change
are not rewritten.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_files(out, {"a.ttl": b"x", "b.ttl": b"y"})]
['a.ttl', 'b.ttl']
>>> write_files(out, {"a.ttl": b"x"})  # unchanged: nothing rewritten
[]
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Mapping

from .errors import OutputError

__all__ = ["write_files", "stage_files", "Staged"]


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


class Staged(list):
    """Files written under temporary names, waiting to be renamed into place: ``(tmp, target)``."""

    def commit(self) -> list[Path]:
        """Rename every file into place; returns the targets."""
        try:
            for tmp, target in self:
                os.replace(tmp, target)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot rename output into place ({exc.strerror or exc})") from None
        return [target for _, target in self]

    def discard(self) -> None:
        """Remove the temporary files; nothing is replaced."""
        for tmp, _ in self:
            Path(tmp).unlink(missing_ok=True)


_counter = itertools.count()


def stage_files(folder: str | Path, contents: Mapping[str, bytes], *, durable: bool = True) -> Staged:
    """Write the files that would change under temporary names next to their targets.

    Nothing visible changes until :meth:`Staged.commit`. With ``durable`` each file is flushed to
    disk first; a batch turns that off and flushes once at its end (see :mod:`newsgraph.batch`).
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
            # Unique per process and per call, and O_EXCL never follows anything already there.
            tmp = folder / f".{name}.{os.getpid()}.{next(_counter)}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _file_mode(target))
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                if durable:
                    f.flush()
                    os.fsync(f.fileno())
    except OSError as exc:
        staged.discard()
        raise OutputError(
            f"{folder}: cannot write output ({exc.strerror or exc}); earlier files were left as they were"
        ) from None
    return staged


def write_files(folder: str | Path, contents: Mapping[str, bytes], *, durable: bool = True) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder`` atomically; returns the files that changed."""
    return stage_files(folder, contents, durable=durable).commit()
