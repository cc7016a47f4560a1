"""A draft that validates: it is checked as the story file it will be, and an item the rules got
wrong (an error rather than a review mark) is left out with everything that depends on it.

The rules aim never to need this; it keeps a draft of an article they were not written for
usable (the editor adds back what was left out, with the report saying what it was).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..publishing.check import check_story
from ..report import Report
from .drafter import Draft

__all__ = ["check_draft"]

#: How many rounds of leaving out items a draft gets before its errors are reported as they are.
_ROUNDS = 4
_ITEM = re.compile(r"^/(entities|events|claims)/(\d+)(/|$)")


def check_draft(draft: Draft, path: Path, catalogue: Any = None, source: str = "") -> tuple[str, Report, list[str]]:
    """The YAML of ``draft`` as it would be written to ``path``, its report, and what was left out."""
    left_out: list[str] = []
    for _ in range(_ROUNDS):
        text = draft.to_yaml(source)
        report = _check(text, path, catalogue)
        failing = {(m.group(1), int(m.group(2))) for p in report.errors if (m := _ITEM.match(p.pointer))}
        if report.ok or not failing:
            break
        left_out += _leave_out(draft.data, failing)
    return draft.to_yaml(source), report, left_out


def _check(text: str, path: Path, catalogue: Any) -> Report:
    """Check the story text as the file ``path`` (a temporary file beside it, so that its text
    file and newsroom configuration are found as they will be)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.draft.yaml")
    try:
        temporary.write_text(text, encoding="utf-8")
        _story, report = check_story(temporary, catalogue=catalogue)
    finally:
        temporary.unlink(missing_ok=True)
    named = Report(str(path), positions=report.positions)
    named.problems = [replace(p, file=str(path)) if p.file == str(temporary) else p for p in report.problems]
    return named


def _leave_out(data: dict[str, Any], failing: set[tuple[str, int]]) -> list[str]:
    gone: list[str] = []
    for section in ("entities", "events", "claims"):
        items = data[section]
        keep = []
        for n, item in enumerate(items):
            if (section, n) in failing:
                gone.append(f"{section[:-1] if section != 'entities' else 'entity'} {_id(item)}")
            else:
                keep.append(item)
        data[section] = keep
    while True:  # what refers to something left out goes too
        ids = {_id(e) for e in data["entities"]} | {e["id"] for e in data["events"]} | {"article"}
        before = len(gone)
        for section in ("events", "claims"):
            keep = []
            for item in data[section]:
                refs = _refs(item)
                if refs - ids:
                    gone.append(f"{section[:-1]} {item['id']} (it refers to {', '.join(sorted(refs - ids))})")
                else:
                    keep.append(item)
            data[section] = keep
        if len(gone) == before:
            return gone


def _id(item: dict[str, Any]) -> str:
    return str(item.get("id") or item.get("catalogue"))


def _refs(item: dict[str, Any]) -> set[str]:
    source = item.get("source", [])
    refs = {source} if isinstance(source, str) else set(source)
    refs |= {p["entity"] for p in item.get("participants", ())}
    refs |= set(item.get("speakers", ()))
    return refs


def draft_file(
    article: str | Path,
    published: str,
    *,
    out: str | Path | None = None,
    language: str | None = None,
    slug: str | None = None,
    headline: str | None = None,
    force: bool = False,
) -> tuple[Path, Report, list[str]]:
    """Draft a story of the article text file ``article`` into ``out`` (default: beside it, with
    ``.yaml``): the story file written, its report, and what was left out as not valid.

    The story refers to the text file when it lies in the story's folder or below, and holds the
    text otherwise. Names are looked up in the catalogue the story will refer to (its newsroom's,
    found from ``out`` as for any story) and the newsroom's Wikidata snapshot.
    """
    from ..errors import InputError
    from ..writing.files import write_files

    article = Path(article)
    out = Path(out) if out is not None else article.with_suffix(".yaml")
    if out.exists() and not force:
        raise InputError(f"{out}: the story file exists; give another --out, or --force to replace it")
    story, report, left_out = draft_text(article, published, path=out, language=language, slug=slug, headline=headline)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_files(out.parent, {out.name: story.encode("utf-8")})
    return out, report, left_out


def draft_text(
    article: str | Path,
    published: str,
    *,
    path: str | Path | None = None,
    language: str | None = None,
    slug: str | None = None,
    headline: str | None = None,
) -> tuple[str, Report, list[str]]:
    """The story :func:`draft_file` would write to ``path``, as text, with its report and what was
    left out; nothing is written. Without ``path`` the story holds the article's text itself and
    is checked as if in the working folder (for standard output)."""
    from ..errors import InputError
    from ..stories.catalogue import catalogue_files, catalogue_folder, load_catalogue
    from ..stories.config import find_config
    from ..stories.storyfile import read_text
    from ..wikidata.snapshot import Snapshot
    from .drafter import draft_story

    article = Path(article)
    text_file = _relative(article, Path(path).parent) if path is not None else None
    path = Path(path) if path is not None else Path.cwd() / article.with_suffix(".yaml").name
    folder = path.parent
    if not _a_day(published):
        raise InputError(f"--published {published!r}: give the publication day as YYYY-MM-DD (a real date)")
    text = read_text(article)
    config = find_config(folder if folder.exists() else Path.cwd())
    found_in = catalogue_folder(config, folder.resolve())
    found = load_catalogue(found_in, base=config.base_iri) if found_in.is_dir() and catalogue_files(found_in) else None
    try:
        draft = draft_story(
            text,
            published=published,
            language=language,
            slug_=slug,
            headline=headline,
            text_file=text_file,
            catalogue=found,
            snapshot=Snapshot.default(config.snapshot),
        )
    except InputError as exc:
        raise InputError(f"{article}: {exc}") from None
    return check_draft(draft, path, found, source=article.name)


def _a_day(value: str) -> bool:
    """Whether ``value`` is a real day written YYYY-MM-DD, by the story's own date rules."""
    from ..model.dates import DATE, DateError, parse_date

    try:
        return parse_date(value).datatype == DATE
    except DateError:
        return False


def _relative(article: Path, folder: Path) -> str | None:
    """``article``'s path from ``folder`` (with '/'), when it lies there or below."""
    try:
        return article.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None
