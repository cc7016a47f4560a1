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

import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from html import escape
from itertools import pairwise

from ..model.dates import DateError, parse_date
from ..model.story import Entity, Event, Span, Story
from ..report import Report

__all__ = ["review_page"]

#: What a span can show, in the order a span covered by several is coloured (a date's words
#: inside an event's evidence keep their own colour).
KINDS = ("date", "claim", "event", "entity")


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
        timeline=_timeline(story, report),
        claims="".join(
            _item(
                "claim",
                c.id,
                c.kind,
                c.text,
                _sources(story, c.sources) + _flags(report, f"/claims/{i}"),
                review=_marked(report, f"/claims/{i}"),
            )
            for i, c in enumerate(story.claims)
        ),
    )


def _sources(story: Story, sources: tuple[str, ...]) -> str:
    """Every chain of sources a statement rests on, each step named: 'Trump's interview with
    Politico (event) → Politico (media)'."""
    chains = _chains(story, sources, ())
    rows = "".join(
        "<li>"
        + " → ".join(f"<span>{escape(name)}</span> <small>({escape(kind)})</small>" for name, kind in chain)
        + "</li>"
        for chain in chains
    )
    return f'<ol class="chain" aria-label="on the authority of">{rows}</ol>'


def _chains(story: Story, sources: tuple[str, ...], seen: tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """The paths from ``sources`` down to what rests on nothing further (``seen`` stops a cycle)."""
    things: dict[str, Entity | Event] = {e.id: e for e in story.entities} | {e.id: e for e in story.events}
    out: list[list[tuple[str, str]]] = []
    for id in sources:
        if id in seen:
            continue
        if id == "article":
            step = ("the article itself", "article")
            further = story.article.based_on
        elif id in things:
            thing = things[id]
            step = (_first(thing.names)[1] or _first(getattr(thing, "description", {}))[1] or id, thing.type)
            further = thing.sources
        else:
            step, further = (id, "?"), ()
        below = _chains(story, further, (*seen, id)) if further else []
        out += [[step, *chain] for chain in below] or [[step]]
    return out


def _marked(report: Report, pointer: str) -> bool:
    """Whether the item at ``pointer`` still carries a review mark."""
    return any(p.check == "review" and p.pointer == f"{pointer}/review" for p in report.problems)


def _cited(story: Story) -> dict[Span, list[tuple[str, str]]]:
    """Each span of evidence, and the (kind, id) of everything it supports; and the words of each
    event's date where the text gives them (those nearest the event's evidence)."""
    cited: dict[Span, list[tuple[str, str]]] = defaultdict(list)
    text = story.article.text
    for event in story.events:
        words = event.when.words or ""
        at = [m.start() for m in re.finditer(re.escape(words), text)] if words else []
        if at:
            near = event.evidence[0].start if event.evidence else 0
            start = min(at, key=lambda a: abs(a - near))
            cited[Span(start, start + len(words), words)].append(("date", event.id))
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


def _first(texts: Mapping[str, str]) -> tuple[str, str]:
    """(language, text): the English one if there is one, else the first."""
    if "en" in texts:
        return "en", texts["en"]
    return next(iter(texts.items()), ("", ""))


def _item(kind: str, id: str, what: str, texts: Mapping[str, str], more: str = "", *, review: bool = False) -> str:
    lang, name = _first(texts)
    return (
        f'<li><button type="button" class="item {kind}" data-id="{escape(id)}"'
        + (' data-review="1"' if review else "")
        + f'><b lang="{escape(lang or "en")}">{escape(name or id)}</b> <small>{escape(what)} · {escape(id)}</small>'
        + "</button>"
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
        link = (
            f'<a href="https://www.wikidata.org/wiki/{escape(e.wikidata)}">{escape(e.wikidata)}</a>'
            if e.wikidata
            else "no Wikidata item"
        )
        what = e.type + (" · catalogue: " + e.catalogue if e.catalogue else "")
        rows.append(
            _item(
                "entity",
                e.id,
                what,
                e.names or e.description,
                link + _flags(report, f"/entities/{i}"),
                review=_marked(report, f"/entities/{i}"),
            )
        )
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


def _timeline(story: Story, report: Report) -> str:
    """Each event as a bar over the days its date can mean (a day, a month, bounds), on one scale."""
    events = story.events
    spans = {e.id: _interval(e) for e in events}
    known = [s for s in spans.values() if s]
    publication = _days(story.article.published)
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
        lang, name = _first(event.names)
        review = ' data-review="1"' if _marked(report, f"/events/{i}") else ""
        rows.append(
            f'<li><button type="button" class="item event" data-id="{escape(event.id)}"{review}>'
            f'<b lang="{escape(lang or "en")}">{escape(name or event.id)}</b> <small>{escape(event.type)} · '
            f"{escape(words)}</small></button>"
            f'<div class="track" aria-hidden="true">{bar}</div>'
            f"<div class=more>with {escape(who)}; on the authority of {_sources(story, event.sources)}"
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
.date{background:#f6d2f7}
.chain{display:inline;font-size:.85rem}
.chain li{margin:0}
button.item[data-review] b::before{content:"✎ ";color:#7a4b00}
#walk{font:inherit;font-size:.85rem;margin-left:.5rem}
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
  // a walk through the items still marked for review: the button, or "n" and "p" on the keyboard
  var marked = items.filter(function (b) { return b.dataset.review; });
  var at = -1;
  function walk(step) {
    if (!marked.length) { return; }
    at = (at + step + marked.length) % marked.length;
    showItem(marked[at].dataset.id);
    marked[at].focus();
    marked[at].scrollIntoView({block: "nearest"});
    walker.textContent = "To review: " + (at + 1) + " of " + marked.length + " (n / p)";
  }
  var walker = document.getElementById("walk");
  walker.textContent = marked.length ? "To review: " + marked.length + " (n / p)" : "Nothing to review";
  walker.disabled = !marked.length;
  walker.addEventListener("click", function () { walk(1); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.key === "n") { walk(1); } else if (e.key === "p") { walk(-1); }
  });
  marks.forEach(function (m) {
    m.addEventListener("click", function () { showSpan(m); });
    m.addEventListener("mouseenter", function () { showSpan(m); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { showSpan(m); } });
  });
  // a link to the page can select an item: review.html#item=putin
  var wanted = /^#item=(.+)$/.exec(window.location.hash);
  if (wanted) { showItem(decodeURIComponent(wanted[1])); }
  // ... or open at the Nth item still to review: review.html#review=2
  var nth = /^#review=([0-9]+)$/.exec(window.location.hash);
  if (nth) { walk(Number(nth[1])); }
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
<span class="key entity">entity</span> <span class="key event">event</span> <span class="key claim">claim</span>
<span class="key date">date</span> <button type="button" id="walk"></button></p>
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
