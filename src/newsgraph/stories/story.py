"""Read a story file, check it, and turn it into the model.

>>> story = load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> story.article.slug, len(story.entities), len(story.events), len(story.claims)
('2025-12-11-putin-lukashenko-support-maduro', 30, 12, 7)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import InputError, InvalidStory
from ..model.story import Article, Claim, Entity, Event, Office, Participant, Span, Story, When
from ..report import Report
from ..wikidata.snapshot import Snapshot
from .catalogue import Catalogue, with_catalogue
from .config import Config, find_config
from .spans import place_spans
from .storyfile import decode_utf8, parse_text, read_bytes, read_text
from .validate import check_schema, cross_check

__all__ = ["load_story", "read_story", "story_from_data"]


def read_story(
    path: str | Path, snapshot: Snapshot | None = None, *, catalogue: Catalogue | None = None, source: str | None = None
) -> tuple[Story | None, Report]:
    """Parse and check a story file: the story (None if it has errors) and the full report.

    QIDs are checked against ``snapshot`` (default: :meth:`Snapshot.default`, the offline one),
    references to the catalogue resolved in ``catalogue`` (default: the newsroom's, see
    :func:`~newsgraph.stories.catalogue.catalogue_for`).
    ``source`` is the story's text when it does not come from ``path`` (standard input, say):
    ``path`` then names it in reports and places it (a text file is found beside it).
    Raises :class:`~newsgraph.errors.InputError` when the file (or the article text it points
    to) cannot be read or parsed at all.
    """
    path = Path(path)
    if source is None:
        source = read_text(path)  # kept: the cross-checks screen the file's own text
    config = find_config(path)
    data, positions, parse_problems = parse_text(source, str(path))
    report = Report(str(path), positions=positions)
    for pointer, message, hint in parse_problems:
        report.add(pointer, message, hint=hint, check="syntax")
    data = with_catalogue(data, path, config, report, catalogue)
    check_schema(data, report)
    text = _article_text(data, path, report)
    if text is not None:
        data = place_spans(data, text, report)  # the offsets of spans given by their words alone
    cross_check(data, text, report, snapshot or Snapshot.default(config.snapshot), source)
    if not report.ok:
        return None, report
    assert text is not None  # no error: the schema and the text file were both fine
    return _with_defaults(story_from_data(data, text, str(path)), config), report


def _with_defaults(story: Story, config: Config) -> Story:
    """What the story leaves unsaid, from the newsroom's newsgraph.toml (the story wins)."""
    if story.base is None and config.base_iri:
        story = replace(story, base=config.base_iri)
    if story.article.license is None and config.license:
        story = replace(story, article=replace(story.article, license=config.license))
    if story.article.copyright_notice is None and config.copyright_notice:
        story = replace(story, article=replace(story.article, copyright_notice=config.copyright_notice))
    return story


def load_story(
    path: str | Path, snapshot: Snapshot | None = None, *, catalogue: Catalogue | None = None, source: str | None = None
) -> Story:
    """The story in ``path`` (or ``source``, see :func:`read_story`); raises InvalidStory (with
    the full report) if it has errors."""
    story, report = read_story(path, snapshot, catalogue=catalogue, source=source)
    if story is None:
        raise InvalidStory(report)
    return story


def _article_text(data: Any, path: Path, report: Report) -> str | None:
    """The article text, inline or from its file; None if the story does not say it properly."""
    try:
        spec = data["article"]["text"]
    except (KeyError, TypeError):
        return None
    if isinstance(spec, str):
        return spec
    if not (isinstance(spec, dict) and isinstance(spec.get("file"), str)) or report.errors_at("/article/text"):
        return None
    relative = PurePosixPath(spec["file"])
    target = path.parent.joinpath(*relative.parts)
    where = report.position_of("/article/text/file")
    place = f"{path}:{where[0]}:{where[1]}" if where[0] else str(path)
    try:
        data = read_bytes(target, "article text file")
    except InputError as exc:
        raise InputError(f"{place}: /article/text/file: {exc}") from None
    return decode_utf8(data, target, "article text file")


def _texts(value: dict | None) -> dict[str, str]:
    return dict(value or {})


def _ids(value: str | list[str] | None) -> tuple[str, ...]:
    """One id or a list of ids, as a tuple."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _spans(items: list[dict] | None) -> tuple[Span, ...]:
    return tuple(Span(s["start"], s["end"], s["text"]) for s in items or ())


def story_from_data(data: dict[str, Any], text: str, path: str = "") -> Story:
    """Build the model from story data that passed the schema and the cross-checks."""
    a = data["article"]
    article = Article(
        slug=a["slug"],
        headline=a["headline"],
        language=a["language"],
        published=a["published"],
        text=text,
        type=a.get("type", "news-article"),
        publisher=a.get("publisher"),
        url=a.get("url"),
        authors=tuple(a.get("authors", ())),
        based_on=tuple(a.get("based_on", ())),
        about=tuple(a.get("about", ())),
        modified=a.get("modified"),
        image=a.get("image"),
        license=a.get("license"),
        copyright_holder=a.get("copyright_holder"),
        copyright_notice=a.get("copyright_notice"),
    )
    entities = tuple(
        Entity(
            id=e["id"],
            type=e["type"],
            names=_texts(e.get("names")),
            aliases={k: tuple(v) for k, v in (e.get("aliases") or {}).items()},
            description=_texts(e.get("description")),
            wikidata=e.get("wikidata"),
            unnamed=e.get("unnamed", False),
            offices=tuple(Office.from_data(o) for o in e.get("offices", ())),
            country=e.get("country"),
            part_of=e.get("part_of"),
            source_of=e.get("source_of"),
            publisher=e.get("publisher"),
            published=e.get("published"),
            language=e.get("language"),
            url=e.get("url"),
            sources=_ids(e.get("source")),
            evidence=_spans(e.get("evidence")),
            catalogue=e.get("catalogue"),
            review=e.get("review"),
        )
        for e in data.get("entities", ())
    )
    events = tuple(
        Event(
            id=ev["id"],
            type=ev["type"],
            when=When(**ev["date"]),
            participants=tuple(
                Participant(p["entity"], p.get("role", "participant"), p.get("capacity")) for p in ev["participants"]
            ),
            sources=_ids(ev["source"]),
            status=ev.get("status"),
            names=_texts(ev.get("names")),
            description=_texts(ev.get("description")),
            location=ev.get("location"),
            about=tuple(ev.get("about", ())),
            preceded_by=ev.get("preceded_by"),
            wikidata=ev.get("wikidata"),
            evidence=_spans(ev.get("evidence")),
            catalogue=ev.get("catalogue"),
            review=ev.get("review"),
        )
        for ev in data.get("events", ())
    )
    claims = tuple(
        Claim(
            id=c["id"],
            kind=c["kind"],
            text=_texts(c["text"]),
            sources=_ids(c["source"]),
            speakers=tuple(c.get("speakers", ())),
            addressees=tuple(c.get("addressees", ())),
            about=tuple(c.get("about", ())),
            translated_from=c.get("translated_from"),
            evidence=_spans(c.get("evidence")),
            review=c.get("review"),
        )
        for c in data.get("claims", ())
    )
    return Story(article, entities, events, claims, base=data.get("base"), path=path)
