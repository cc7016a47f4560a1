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

import os
from pathlib import Path
from typing import Mapping

from .errors import OutputError

__all__ = ["write_files"]


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


def write_files(folder: str | Path, contents: Mapping[str, bytes], *, durable: bool = True) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder`` atomically; returns the files that changed.

    With ``durable`` each file is flushed to disk before it replaces the old one; a batch turns
    that off and flushes once at its end (see :mod:`newsgraph.batch`).
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror or exc}") from None
    pending: list[tuple[Path, Path]] = []
    try:
        for name, data in contents.items():
            target = folder / name
            if _unchanged(target, data):
                continue
            # One writer per process: the process id keeps concurrent builds apart, O_EXCL refuses
            # to follow anything already there.
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            tmp.unlink(missing_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _file_mode(target))
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                if durable:
                    f.flush()
                    os.fsync(f.fileno())
        for tmp, target in pending:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise OutputError(
            f"{folder}: cannot write output ({exc.strerror or exc}); earlier files were left as they were"
        ) from None
    return [target for _, target in pending]
