"""A page to check a story by eye: the article text with its evidence highlighted, what the story
says (entities, events on a timeline, claims) and the validation report, in one HTML file.

The page needs no network (its CSS and script are inline) and works from ``file://``. Selecting a
highlighted span shows what cites it; selecting an item shows its spans (``page.html#item=ID``
opens the page with one selected).

>>> import newsgraph
>>> story = newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> page = review_page(story, newsgraph.Report(story.path))
>>> page.startswith("<!DOCTYPE html>") and 'lang="el"' in page and 'data-items="putin"' in page
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from html import escape
from itertools import pairwise

from .dates import DateError, parse_date
from .model import Entity, Event, Span, Story
from .report import Report

__all__ = ["review_page"]

#: What a span of evidence can support, in the order a span covered by several is coloured.
KINDS = ("claim", "event", "entity")


def review_page(story: Story | None, report: Report) -> str:
    """The review page of ``story``, with ``report`` (its validation report); a story that could
    not be read (None) gets a page with the report alone."""
    if story is None:
        return _PAGE.format(
            lang="und",
            title=escape(f"{report.file}: not readable as a story"),
            slug=escape(report.file),
            published="?",
            style=_STYLE,
            script=_SCRIPT,
            report=_report(report),
            text="",
            entities="",
            timeline="",
            claims="",
        )
    article = story.article
    cited = _cited(story)
    return _PAGE.format(
        lang=escape(article.language),
        title=escape(article.headline),
        slug=escape(article.slug),
        published=escape(article.published),
        style=_STYLE,
        script=_SCRIPT,
        report=_report(report),
        text=_text(article.text, cited),
        entities=_entities(story.entities, report),
        timeline=_timeline(story.events, article.published, report),
        claims="".join(
            _item(
                "claim",
                c.id,
                c.kind,
                _first(c.text),
                f"on the authority of {', '.join(map(escape, c.sources))}" + _flags(report, f"/claims/{i}"),
            )
            for i, c in enumerate(story.claims)
        ),
    )


def _cited(story: Story) -> dict[Span, list[tuple[str, str]]]:
    """Each span of evidence, and the (kind, id) of everything it supports."""
    cited: dict[Span, list[tuple[str, str]]] = defaultdict(list)
    for e in story.entities:
        for span in (*e.evidence, *(s for o in e.offices for s in o.evidence)):
            cited[span].append(("entity", e.id))
    for kind, things in (("event", story.events), ("claim", story.claims)):
        for thing in things:
            for span in thing.evidence:
                cited[span].append((kind, thing.id))
    return cited


def _text(text: str, cited: dict[Span, list[tuple[str, str]]]) -> str:
    """The article text, cut where a span starts or ends; each piece inside spans marked with
    what they support (spans may overlap)."""
    cuts = sorted({0, len(text), *(s.start for s in cited), *(s.end for s in cited)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [ref for span, refs in cited.items() if span.start <= start and end <= span.end for ref in refs]
        words = escape(text[start:end])
        if not covering:
            pieces.append(words)
            continue
        kinds = {kind for kind, _ in covering}
        kind = next(k for k in KINDS if k in kinds)
        items = " ".join(sorted({id for _, id in covering}))
        pieces.append(
            f'<mark class="ev {kind}" tabindex="0" data-items="{escape(items)}" title="{escape(items)}">{words}</mark>'
        )
    return "".join(pieces)


def _first(texts: Mapping[str, str]) -> str:
    return texts.get("en") or next(iter(texts.values()), "")


def _item(kind: str, id: str, what: str, name: str, more: str = "") -> str:
    return (
        f'<li><button type="button" class="item {kind}" data-id="{escape(id)}">'
        f"<b>{escape(name or id)}</b> <small>{escape(what)} · {escape(id)}</small></button>"
        + (f"<div class=more>{more}</div>" if more else "")
        + "</li>"
    )


def _flags(report: Report, pointer: str) -> str:
    """The problems of the item at ``pointer``, to show next to it."""
    found = [p for p in report.problems if p.pointer == pointer or p.pointer.startswith(pointer + "/")]
    if not found:
        return ""
    rows = "".join(f'<li class="{p.severity}">{escape(p.message)}</li>' for p in found)
    return f'<ul class="flags">{rows}</ul>'


def _entities(entities: tuple[Entity, ...], report: Report) -> str:
    rows = []
    for i, e in enumerate(entities):
        name = _first(e.names) or _first(e.description)
        link = (
            f'<a href="https://www.wikidata.org/wiki/{escape(e.wikidata)}">{escape(e.wikidata)}</a>'
            if e.wikidata
            else "no Wikidata item"
        )
        what = e.type + (" · catalogue: " + e.catalogue if e.catalogue else "")
        rows.append(_item("entity", e.id, what, name, link + _flags(report, f"/entities/{i}")))
    return "".join(rows)


def _days(value: str | None) -> tuple[date, date] | None:
    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except DateError:
        return None
    return parsed.first, parsed.last


def _interval(event: Event) -> tuple[date, date, str] | None:
    """The days an event's date can mean, and how the story gives it."""
    when = event.when
    if when.on:
        days = _days(when.on)
        return (*days, "exact") if days else None
    bounds = [_days(v) for v in (when.start or when.earliest, when.end or when.latest)]
    if bounds[0] and bounds[1]:
        return bounds[0][0], bounds[1][1], "range" if when.start else "bounds"
    if bounds[0]:
        return bounds[0][0], bounds[0][1], "from"
    if bounds[1]:
        return bounds[1][0], bounds[1][1], "by"
    return None


def _timeline(events: tuple[Event, ...], published: str, report: Report) -> str:
    """Each event as a bar over the days its date can mean (a day, a month, bounds), on one scale."""
    spans = {e.id: _interval(e) for e in events}
    known = [s for s in spans.values() if s]
    publication = _days(published)
    ends = [d for s in known for d in s[:2]] + ([publication[0]] if publication else [])
    if not ends:
        return "<p>No event has a date.</p>"
    first, last = min(ends), max(ends)
    width = max((last - first).days + 1, 1)
    rows = []
    for i, event in enumerate(events):
        interval = spans[event.id]
        words = event.when.words or ("date unknown" if event.when.unknown else "")
        if interval is None:
            bar = '<span class="nodate">no date</span>'
        else:
            left = 100 * (interval[0] - first).days / width
            span = max(100 * ((interval[1] - interval[0]).days + 1) / width, 0.8)
            bar = (
                f'<span class="bar {interval[2]}" style="left:{left:.2f}%;width:{span:.2f}%" '
                f'title="{interval[0]} to {interval[1]}"></span>'
            )
        who = ", ".join(p.entity for p in event.participants)
        source = ", ".join(event.sources)
        rows.append(
            f'<li><button type="button" class="item event" data-id="{escape(event.id)}">'
            f"<b>{escape(_first(event.names) or event.id)}</b> <small>{escape(event.type)} · "
            f"{escape(words)}</small></button>"
            f'<div class="track" aria-hidden="true">{bar}</div>'
            f"<div class=more>with {escape(who)}; on the authority of {escape(source)}"
            f"{_flags(report, f'/events/{i}')}</div></li>"
        )
    return f'<p class="scale"><span>{first}</span><span>{last}</span></p><ol class="timeline">{"".join(rows)}</ol>'


def _report(report: Report) -> str:
    if not report.problems:
        return '<p class="ok">Valid: no errors, no warnings.</p>'
    rows = "".join(
        f'<li class="{p.severity}" data-pointer="{escape(p.pointer)}"><b>{p.severity}</b> '
        f"<code>{escape(p.pointer)}</code> {escape(p.message)}"
        + (f" <i>{escape(p.hint)}</i>" if p.hint else "")
        + "</li>"
        for p in report.problems
    )
    return f'<p class="summary">{escape(report.summary())}</p><ul class="problems">{rows}</ul>'


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
header{padding:1rem 2rem;border-bottom:1px solid #ccc}
h1{font-size:1.4rem;margin:0 0 .3rem}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2rem;padding:1rem 2rem}
#text{white-space:pre-wrap;font-size:1.05rem}
mark.ev{border-radius:2px;padding:0;cursor:pointer;color:#1a1a1a}
.key{padding:0 .2rem;border-radius:2px}
.entity{background:#cfe3ff}
.event{background:#ffe2b8}
.claim{background:#d9f2d0}
mark.on,button.on{outline:3px solid #6a1b9a;outline-offset:1px}
ul,ol{list-style:none;padding:0;margin:0}
li{margin:.3rem 0}
button.item{font:inherit;text-align:left;background:#f6f6f6;border:1px solid #bbb;border-radius:4px;
  padding:.2rem .5rem;width:100%;cursor:pointer;color:#1a1a1a}
button.item small{color:#444}
.more{font-size:.85rem;color:#333;margin-left:.5rem}
.track{position:relative;height:10px;background:#eee;border-radius:3px;margin:.2rem 0}
.bar{position:absolute;top:0;height:10px;border-radius:3px;background:#b35c00}
.bar.bounds,.bar.from,.bar.by{background:repeating-linear-gradient(90deg,#b35c00 0 4px,#f0c090 4px 8px)}
.nodate{font-size:.8rem;color:#555}
.scale{display:flex;justify-content:space-between;font-size:.8rem;color:#333;margin:0}
.problems .error,.flags .error{color:#a00000}
.problems .warning,.flags .warning{color:#7a4b00}
.flags{font-size:.85rem;margin:.1rem 0 0 .5rem}
.ok{color:#1b5e20}
h2{font-size:1.1rem;margin:1rem 0 .4rem}
"""

_SCRIPT = """
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.ev"));
  var items = Array.prototype.slice.call(document.querySelectorAll("button.item"));
  function clear() {
    marks.concat(items).forEach(function (el) { el.classList.remove("on"); });
  }
  function showItem(id) {
    clear();
    items.forEach(function (b) { if (b.dataset.id === id) { b.classList.add("on"); } });
    marks.forEach(function (m) {
      if (m.dataset.items.split(" ").indexOf(id) >= 0) { m.classList.add("on"); }
    });
  }
  function showSpan(mark) {
    clear();
    mark.classList.add("on");
    var ids = mark.dataset.items.split(" ");
    items.forEach(function (b) { if (ids.indexOf(b.dataset.id) >= 0) { b.classList.add("on"); } });
  }
  items.forEach(function (b) { b.addEventListener("click", function () { showItem(b.dataset.id); }); });
  marks.forEach(function (m) {
    m.addEventListener("click", function () { showSpan(m); });
    m.addEventListener("mouseenter", function () { showSpan(m); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { showSpan(m); } });
  });
  // a link to the page can select an item: review.html#item=putin
  var wanted = /^#item=(.+)$/.exec(window.location.hash);
  if (wanted) { showItem(decodeURIComponent(wanted[1])); }
  document.body.dataset.ready = String(marks.length);
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {slug}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1 lang="{lang}">{title}</h1>
<p><code>{slug}</code> · published {published} ·
<span class="key entity">entity</span> <span class="key event">event</span> <span class="key claim">claim</span></p>
</header>
<main>
<section aria-labelledby="text-h"><h2 id="text-h">The article</h2><div id="text" lang="{lang}">{text}</div></section>
<section aria-label="What the story says">
<h2>Validation</h2><div id="report">{report}</div>
<h2>Entities</h2><ul id="entities">{entities}</ul>
<h2>Events</h2><div id="timeline">{timeline}</div>
<h2>Claims</h2><ul id="claims">{claims}</ul>
</section>
</main>
<script>{script}</script>
</body>
</html>
"""
