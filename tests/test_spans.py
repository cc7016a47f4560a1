"""What helps a story from a draft to publication: evidence given by its words alone (newsgraph
finds the offsets, fix-offsets writes them in) and review marks (warnings; build refuses them)."""

from __future__ import annotations

import re
import shutil

from hypothesis import given
from hypothesis import strategies as st

import newsgraph
from newsgraph.report import Report
from newsgraph.stories.spans import occurrences, place_spans

from .conftest import SEED, copy_seed, invoke
from .test_hostile_input import FUZZ

#: A flow-style span of the seed, with its offsets.
SPAN = re.compile(r"\{start: (\d+), end: (\d+), text: ([^}]*)\}")


def _words_only(source: str, text: str) -> str:
    """The seed's story with every span's offsets taken out (and 'occurrence' where the words
    appear more than once), as an editor may write it."""

    def words(match: re.Match) -> str:
        start, words = int(match[1]), match[3]
        plain = words[1:-1].replace("''", "'") if words.startswith("'") else words
        found = occurrences(text, plain)
        which = f", occurrence: {found.index(start) + 1}" if len(found) > 1 else ""
        return f"{{text: {words}{which}}}"

    return SPAN.sub(words, source)


def test_a_story_whose_spans_are_words_alone_publishes_what_the_one_with_offsets_does(tmp_path):
    story = copy_seed(tmp_path)
    text = newsgraph.load_story(SEED).article.text
    words_only = _words_only(SEED.read_text(encoding="utf-8"), text)
    assert not SPAN.search(words_only) and "occurrence: 2" in words_only
    story.write_text(words_only, encoding="utf-8")
    assert newsgraph.build(newsgraph.load_story(story)).files() == newsgraph.build(newsgraph.load_story(SEED)).files()

    # and fix-offsets writes back exactly the file with offsets, every other byte as it was
    run = invoke("fix-offsets", str(story))
    assert run.exit_code == 0, run.output
    assert run.output.startswith(f"{story}: ") and run.output.endswith(" spans given offsets\n")
    assert story.read_bytes() == SEED.read_bytes()
    assert invoke("fix-offsets", str(story)).output == f"{story}: 0 spans given offsets\n"


def test_fix_offsets_keeps_block_style_and_comments(tmp_path):
    story = copy_seed(tmp_path)
    source = SEED.read_text(encoding="utf-8").replace(
        "  - {start: 23, end: 39, text: Βλαντιμίρ Πούτιν}\n",
        "  - text: Βλαντιμίρ Πούτιν  # the name as the article spells it\n",
        1,
    )
    story.write_text(source, encoding="utf-8")
    assert invoke("fix-offsets", str(story)).exit_code == 0
    assert story.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8").replace(
        "  - {start: 23, end: 39, text: Βλαντιμίρ Πούτιν}\n",
        "  - start: 23\n    end: 39\n    text: Βλαντιμίρ Πούτιν  # the name as the article spells it\n",
        1,
    )


def test_words_that_cannot_be_placed_are_errors_that_say_where_they_are(story_copy):
    cases = [  # (entity, its span, the error's pointer, message and hint)
        (
            2,  # Lukashenko, named four times
            {"text": "Λουκασένκο"},
            "/entities/2/evidence/0/text",
            "the words 'Λουκασένκο' appear 4 times in the article text (at 518, 1096, 1503, 1999)",
            "say which with 'occurrence: N' (1 for the first), or give 'start' and 'end'",
        ),
        (
            0,
            {"text": "Putin"},
            "/entities/0/evidence/0/text",
            "the words 'Putin' do not appear in the article text",
            "copy them from the article exactly (spaces, accents and punctuation count)",
        ),
        (
            0,
            {"text": "Βλαντιμίρ Πούτιν", "occurrence": 2},
            "/entities/0/evidence/0/occurrence",
            "the words 'Βλαντιμίρ Πούτιν' appear 1 time, not 2",
            "they are at 23",
        ),
    ]
    for index, span, pointer, message, hint in cases:
        path = story_copy(lambda d, i=index, span=span: d["entities"][i]["evidence"].__setitem__(0, span))
        report = newsgraph.validate_story(path)
        assert [(p.pointer, p.message, p.hint) for p in report.errors] == [(pointer, message, hint)]


def test_a_span_with_one_offset_or_offsets_and_an_occurrence_is_a_schema_error(story_copy):
    for span in (
        {"start": 23, "text": "Βλαντιμίρ Πούτιν"},
        {"start": 23, "end": 39, "text": "Βλαντιμίρ Πούτιν", "occurrence": 1},
    ):
        path = story_copy(lambda d, span=span: d["entities"][0]["evidence"].__setitem__(0, span))
        report = newsgraph.validate_story(path)
        assert [(p.pointer, p.message) for p in report.errors] == [
            ("/entities/0/evidence/0", "a span has 'start' and 'end' with its 'text', or its 'text' alone")
        ]


def test_fix_offsets_changes_no_story_with_errors_and_no_json_story(tmp_path, story_copy):
    broken = story_copy(lambda d: d["entities"][0]["evidence"].__setitem__(0, {"text": "Putin"}))
    before = broken.read_bytes()
    run = invoke("fix-offsets", str(broken))
    assert run.exit_code == 1 and "'Putin' do not appear" in run.output and broken.read_bytes() == before
    as_json = tmp_path / "json" / "story.json"
    copy_seed(as_json.parent)
    shutil.copy(SEED, as_json.with_suffix(".yaml"))
    import json

    import yaml

    as_json.write_text(json.dumps(yaml.safe_load(SEED.read_text(encoding="utf-8"))), encoding="utf-8")
    run = invoke("fix-offsets", str(as_json))
    assert run.exit_code == 2 and "fix-offsets edits YAML stories" in run.output


@given(text=st.text(alphabet="abΑβ ,.«»", min_size=1, max_size=40), data=st.data())
@FUZZ
def test_placed_words_are_the_nth_appearance_of_those_words(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    words = text[start:end]
    found = occurrences(text, words)
    n = found.index(start) + 1
    story = {"claims": [{"evidence": [{"text": words, "occurrence": n}]}]}
    report = Report("s.yaml")
    [span] = place_spans(story, text, report)["claims"][0]["evidence"]
    assert report.ok and span == {"text": words, "start": start, "end": end}
    assert story["claims"][0]["evidence"][0] == {"text": words, "occurrence": n}  # the input is left as it was


def test_an_item_marked_for_review_is_a_warning_and_build_refuses_it_unless_a_draft(story_copy, tmp_path):
    path = story_copy(lambda d: d["entities"][1].update(review="the QID came from a name match"))
    report = newsgraph.validate_story(path)
    assert [(p.pointer, p.message, p.severity) for p in report.problems] == [
        ("/entities/1/review", "to review: the QID came from a name match", "warning")
    ]
    refused = invoke("build", str(path), "--out", str(tmp_path / "out"))
    assert refused.exit_code == 1 and not (tmp_path / "out").exists()
    assert "/entities/1/review: still marked for review: the QID came from a name match" in refused.output
    draft = invoke("build", str(path), "--out", str(tmp_path / "out"), "--allow-draft")
    assert draft.exit_code == 0, draft.output
    # the mark is never published
    assert "QID came from" not in (tmp_path / "out" / f"{SEED.stem}.ttl").read_text(encoding="utf-8")
