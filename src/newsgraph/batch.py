"""Build many stories: a folder, a glob or a list of files, on several processes, streaming.

Each story is checked, built and written on its own; a story that fails is reported and the
batch goes on. Memory stays bounded whatever the number of stories: workers take stories a few at
a time and send back only a short outcome. Two stories of one batch may not share a slug (their
files would overwrite each other): the first to claim a slug keeps it, the other is reported.

Files are renamed into place atomically as each story is built and are flushed to disk once, at
the end of the batch (a single story built with :meth:`BuildResult.write` is flushed at once).

>>> [p.name for p in story_paths(["stories"])]
['2025-12-11-putin-lukashenko-support-maduro.yaml']
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .build import build
from .errors import InvalidStory, NewsgraphError, OutputError
from .story import load_story

__all__ = ["STORY_SUFFIXES", "BatchOutcome", "story_paths", "build_many"]

STORY_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What happened to one story: built (with its slug and triple count) or why not."""

    path: str
    slug: str = ""
    triples: int = 0
    error: str = ""
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


def story_paths(inputs: Iterable[str | Path]) -> list[Path]:
    """The story files named by ``inputs``: files, folders (their stories, sorted) or globs."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths += sorted(p for p in path.iterdir() if p.suffix in STORY_SUFFIXES and p.is_file())
        elif path.exists() or not glob.has_magic(str(item)):
            paths.append(path)
        else:
            paths += sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).suffix in STORY_SUFFIXES)
    return paths


class _Job:
    """Builds one story in a worker (picklable: it carries only paths and options)."""

    def __init__(self, out: Path, base: str | None, claims: Path) -> None:
        self.out, self.base, self.claims = out, base, claims

    def __call__(self, path: Path) -> BatchOutcome:
        try:
            result = build(load_story(path), base=self.base)
            self.claim(result.slug, path)
            result.write(self.out, durable=False)
            return BatchOutcome(str(path), result.slug, result.mapped.count)
        except InvalidStory as exc:
            return BatchOutcome(str(path), error=exc.report.format_text(), exit_code=exc.exit_code)
        except NewsgraphError as exc:
            return BatchOutcome(str(path), error=str(exc), exit_code=exc.exit_code)

    def claim(self, slug: str, path: Path) -> None:
        marker = self.claims / slug
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            other = marker.read_text(encoding="utf-8") or "another story"
            raise InvalidStory.single(str(path), "/article/slug",
                                      f"slug {slug!r} is also the slug of {other} in this batch",
                                      "give each article its own slug") from None
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(str(path))


def build_many(paths: list[Path], out: Path, *, jobs: int = 1, base: str | None = None) -> Iterator[BatchOutcome]:
    """Build ``paths`` into ``out`` on ``jobs`` processes; yields each outcome, in order."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        claims = out / f".newsgraph-batch-{os.getpid()}-{time.monotonic_ns()}"
        claims.mkdir()
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder: {exc.strerror or exc}") from None
    job = _Job(out, base, claims)
    try:
        if jobs <= 1 or len(paths) <= 1:
            for path in paths:
                yield job(path)
        else:
            context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            with context.Pool(jobs) as pool:
                yield from pool.imap(job, paths, chunksize=max(1, min(16, len(paths) // (jobs * 8) or 1)))
    finally:
        shutil.rmtree(claims, ignore_errors=True)
        os.sync()  # one flush for the whole batch
