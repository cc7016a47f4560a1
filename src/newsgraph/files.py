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
import tempfile
from pathlib import Path
from typing import Mapping

from .errors import OutputError

__all__ = ["write_files"]


def _file_mode(target: Path) -> int:
    """The mode the file would get if created normally (mkstemp makes private files)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_files(folder: str | Path, contents: Mapping[str, bytes]) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder`` atomically; returns the files that changed."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror or exc}") from None
    pending: list[tuple[Path, Path]] = []
    try:
        for name, data in contents.items():
            target = folder / name
            if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            pending.append((Path(tmp), target))
            os.chmod(tmp, _file_mode(target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
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
