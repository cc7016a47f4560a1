"""The review page, loaded in a real browser (Debian's headless Chromium, from file://)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsgraph
from newsgraph.drafting.review import review_page

from .conftest import SEED, chromium, console_errors, invoke


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("review") / "seed.review.html"
    run = invoke("review", str(SEED), "--out", str(out))
    assert run.exit_code == 0 and run.output == f"{out}: 0 errors, 0 warnings\n"
    return out


def test_the_page_highlights_every_span_and_draws_the_timeline_in_a_browser(page):
    story = newsgraph.load_story(SEED)
    run = chromium(page.as_uri(), "--dump-dom")
    assert run.returncode == 0, run.stderr
    assert console_errors(run.stderr) == []
    dom = run.stdout
    marks = re.findall(r'<mark class="ev (\w+)" tabindex="0" data-items="([^"]*)"', dom)
    assert f'data-ready="{len(marks)}"' in dom  # the script ran to its end
    # every span of the story is highlighted, with what it supports
    cited = {(kind, id) for kind, ids in marks for id in ids.split()}
    assert ("claim", "maduro-welcome-in-belarus") in cited
    spans = {s for e in story.entities for s in e.evidence} | {s for e in story.events for s in e.evidence}
    text = "".join(re.sub(r"<[^>]+>", "", part) for part in re.findall(r'<mark class="ev[^>]*>([^<]*)</mark>', dom))
    assert all(s.text.replace("&", "&amp;") in text or s.text in text for s in spans)
    # one timeline row per event, a bar for each dated one, "no date" for the others
    assert dom.count('class="item event"') == len(story.events)
    undated = [e for e in story.events if e.when.unknown]
    assert dom.count('<span class="bar ') == len(story.events) - len(undated)
    assert '<p class="ok">Valid: no errors, no warnings.</p>' in dom
    assert '<div id="text" lang="el">' in dom and '<html lang="en">' in dom


def test_a_link_to_an_item_selects_it_and_its_spans(page):
    run = chromium(page.as_uri() + "#item=lukashenko", "--dump-dom")
    assert console_errors(run.stderr) == []
    selected = re.findall(r'<mark class="ev \w+ on"[^>]*data-items="([^"]*)"', run.stdout)
    assert selected and all("lukashenko" in items.split() for items in selected)
    assert re.search(r'<button type="button" class="item entity on" data-id="lukashenko">', run.stdout)


def test_a_screenshot_of_the_page(page, tmp_path):
    shot = tmp_path / "review.png"
    run = chromium(page.as_uri(), f"--screenshot={shot}", "--window-size=1400,1000")
    assert run.returncode == 0 and console_errors(run.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_a_story_with_errors_gets_a_page_with_its_report_and_exit_1(story_copy, tmp_path):
    broken = story_copy(lambda d: d["entities"][0]["evidence"][0].update(text="Putin"))
    out = tmp_path / "broken.html"
    run = invoke("review", str(broken), "--out", str(out))
    assert run.exit_code == 1 and run.output == f"{out}: 1 error, 0 warnings\n"
    page = out.read_text(encoding="utf-8")
    assert '<li class="error" data-pointer="/entities/0/evidence/0">' in page
    assert "not readable as a story" in page


def test_the_page_escapes_what_the_story_says():
    story = newsgraph.load_story(SEED)
    hostile = "<script>alert(1)</script>"
    from dataclasses import replace

    page = review_page(replace(story, article=replace(story.article, headline=hostile)), newsgraph.Report(""))
    assert hostile not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_each_item_shows_its_own_problems_next_to_it(story_copy, tmp_path):
    path = story_copy(lambda d: d["entities"][1].update(review="check the QID"))
    out = tmp_path / "page.html"
    run = invoke("review", str(path), "--out", str(out))
    assert run.exit_code == 0 and run.output == f"{out}: 0 errors, 1 warning\n"
    page = out.read_text(encoding="utf-8")
    maduro = page[page.index('data-id="maduro"') :]
    maduro = maduro[: maduro.index("<li><button")]  # up to the next item
    assert '<ul class="flags"><li class="warning">to review: check the QID</li></ul>' in maduro
    assert page.count('<ul class="flags">') == 1  # no other item has a problem


def test_dates_and_source_chains_are_shown(page):
    run = chromium(page.as_uri(), "--dump-dom")
    assert console_errors(run.stderr) == []
    dom = run.stdout
    # the words of an event's date, in their own colour, citing the event
    assert re.search(
        r'<mark class="ev date"[^>]*data-items="[^"]*\bmaduro-trump-call\b[^>]*>στις 21 Νοεμβρίου</mark>', dom
    )
    # a quote rests on an interview, which rests on Politico: the whole chain, each step named
    quote = dom[dom.index('data-id="maduro-days-numbered"') :]
    chain = re.sub(r"<[^>]+>", "", quote[quote.index('<ol class="chain"') : quote.index("</ol>")])
    assert re.sub(r"\s+", " ", chain) == "Trump's interview with Politico (interview) → Politico (media)"


@pytest.fixture(scope="module")
def draft_page(tmp_path_factory) -> Path:
    """The review page of a drafted story (every event and claim marked for review)."""
    from .conftest import ROOT

    folder = tmp_path_factory.mktemp("draft")
    (folder / "newsgraph.toml").write_text(f'catalogue = "{(ROOT / "catalogue").as_posix()}"\n')
    article = ROOT / "tests" / "data" / "drafting" / "test-d-lukashenko-meets-esteves.el.txt"
    (folder / "article.el.txt").write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    assert invoke("draft", str(folder / "article.el.txt"), "--published", "2025-11-27").exit_code == 0
    out = folder / "draft.review.html"
    assert invoke("review", str(folder / "article.el.yaml"), "--out", str(out)).exit_code == 0
    return out


def test_a_walk_through_the_items_marked_for_review(draft_page):
    marked = re.findall(r'data-id="([^"]+)" data-review="1"', draft_page.read_text(encoding="utf-8"))
    assert len(marked) > 5
    run = chromium(draft_page.as_uri() + "#review=2", "--dump-dom")
    assert console_errors(run.stderr) == []
    # the second item still to review is selected, with its spans, and the walk says where it is
    assert re.findall(r'class="item \w+ on" data-id="([^"]+)"', run.stdout) == [marked[1]]
    assert f'<button type="button" id="walk">To review: 2 of {len(marked)} (n / p)</button>' in run.stdout
    assert re.search(rf'<mark class="ev \w+ on"[^>]*data-items="[^"]*\b{re.escape(marked[1])}\b', run.stdout)


def test_a_screenshot_of_a_drafted_story(draft_page, tmp_path):
    shot = tmp_path / "draft.png"
    run = chromium(draft_page.as_uri(), f"--screenshot={shot}", "--window-size=1400,1000")
    assert run.returncode == 0 and console_errors(run.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
