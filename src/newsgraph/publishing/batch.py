"""Build many stories: a folder, a glob or a list of files, on several processes, streaming.

Each story is checked, built and written on its own; a story that fails is reported and the
batch goes on. Memory stays bounded whatever the number of stories: workers take stories a few at
a time and send back only a short outcome. Workers write each story's files under temporary names;
the batch renames them into place, so two stories of one batch may not share a slug: the first
keeps it, the other is reported and its files are dropped.

Files are flushed to disk once, at the end of the batch (a single story built with
:meth:`BuildResult.write` is flushed at once).

>>> [p.name for p in story_paths(["stories"])]
['2025-12-11-putin-lukashenko-support-maduro.yaml']
"""

from __future__ import annotations

import glob
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InternalError, InvalidStory, NewsgraphError
from ..stories.story import load_story
from ..stories.storyfile import FILE_SUFFIXES
from ..writing.files import Staged, remove_leftovers, stage_files
from .build import build

__all__ = ["STORY_SUFFIXES", "BatchOutcome", "story_paths", "build_many"]

STORY_SUFFIXES = FILE_SUFFIXES


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What happened to one story: built (with its slug and triple count) or why not."""

    path: str
    slug: str = ""
    triples: int = 0
    error: str = ""  # names the story
    exit_code: int = 0
    staged: tuple = ()
    details: str = ""  # the traceback of an internal error, for --debug

    @property
    def ok(self) -> bool:
        return not self.error


def story_paths(inputs: Iterable[str | Path], suffixes: tuple[str, ...] = STORY_SUFFIXES) -> list[Path]:
    """The files named by ``inputs``: files, folders (their files with ``suffixes``, sorted) or globs."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        try:
            if path.is_dir():
                paths += sorted(p for p in path.iterdir() if p.suffix in suffixes and p.is_file())
                continue
            if not path.exists() and glob.has_magic(str(item)):
                paths += sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).suffix in suffixes)
                continue
        except (OSError, ValueError):  # a name no file can have (too long, a NUL): reading it says so
            pass
        paths.append(path)
    return paths


def _failed(path: Path, exc: Exception) -> BatchOutcome:
    """The outcome of a story that failed with ``exc`` (an unexpected one is an internal error);
    its ``error`` names the story."""
    if isinstance(exc, InvalidStory):
        return BatchOutcome(str(path), error=exc.report.format_text(), exit_code=exc.exit_code)
    if not isinstance(exc, NewsgraphError):
        exc = InternalError.wrap(str(path), exc)
    message = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
    return BatchOutcome(str(path), error=message, exit_code=exc.exit_code, details=getattr(exc, "details", ""))


class _Job:
    """Builds one story in a worker (picklable: it carries only the options)."""

    def __init__(
        self, out: Path, base: str | None, verify: bool, allow_draft: bool = False, ninjs_version: str = "3.1"
    ) -> None:
        self.out, self.base, self.verify, self.allow_draft = out, base, verify, allow_draft
        self.ninjs_version = ninjs_version

    def __call__(self, path: Path) -> BatchOutcome:
        try:
            result = build(
                load_story(path),
                base=self.base,
                verify=self.verify,
                allow_draft=self.allow_draft,
                ninjs_version=self.ninjs_version,
            )
            staged = stage_files(self.out, result.file_bytes(), durable=False)
            return BatchOutcome(str(path), result.slug, result.mapped.count, staged=tuple(staged))
        except Exception as exc:  # one story never stops the batch, whatever happens to it
            return _failed(path, exc)


def build_many(
    paths: list[Path],
    out: Path,
    *,
    jobs: int = 1,
    base: str | None = None,
    verify: bool = False,
    allow_draft: bool = False,
    ninjs_version: str = "3.1",
) -> Iterator[BatchOutcome]:
    """Build ``paths`` into ``out`` on ``jobs`` processes; yields each outcome, in order.

    Files a killed earlier build left in ``out`` are cleared up first (see
    :func:`~newsgraph.writing.files.remove_leftovers`); ``verify`` reads every file back before it is kept.
    """
    remove_leftovers(out)
    job = _Job(out, base, verify, allow_draft, ninjs_version)
    slugs: dict[str, str] = {}
    try:
        if jobs <= 1 or len(paths) <= 1:
            outcomes: Iterable[BatchOutcome] = (job(path) for path in paths)
            yield from (_commit(o, slugs) for o in outcomes)
        else:
            context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            with context.Pool(jobs) as pool:
                chunk = max(1, min(16, len(paths) // (jobs * 8) or 1))
                yield from (_commit(o, slugs) for o in pool.imap(job, paths, chunksize=chunk))
    finally:
        os.sync()  # one flush for the whole batch


def _commit(outcome: BatchOutcome, slugs: dict[str, str]) -> BatchOutcome:
    """Rename a built story's files into place, unless another story of the batch has its slug."""
    if not outcome.ok:
        return outcome
    try:
        return _rename(outcome, slugs)
    except Exception as exc:
        Staged(outcome.staged).discard()
        return _failed(Path(outcome.path), exc)


def _rename(outcome: BatchOutcome, slugs: dict[str, str]) -> BatchOutcome:
    staged = Staged(outcome.staged)
    other = slugs.get(outcome.slug)
    if other is not None:
        staged.discard()
        return _failed(
            Path(outcome.path),
            InvalidStory.single(
                outcome.path,
                "/article/slug",
                f"slug {outcome.slug!r} is also the slug of {other} in this batch",
                "give each article its own slug",
            ),
        )
    slugs[outcome.slug] = outcome.path
    staged.commit(durable=False)  # flushed with the whole batch
    return BatchOutcome(outcome.path, outcome.slug, outcome.triples)
