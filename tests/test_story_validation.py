"""Bad stories are rejected with every problem, its JSON pointer, line and column, and a hint."""

from __future__ import annotations

import dataclasses
import json

import pytest

import newsgraph
from newsgraph.errors import InputError

from .conftest import entity, event, own, run_cli, set_at


def _del(path):
    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


def _participant(entity_id):
    def change(data):
        event(data, "maduro-trump-call")["participants"][0]["entity"] = entity_id

    return change


CASES = [
    ("missing-headline", _del(["article", "headline"]), "/article", "missing required key 'headline'"),
    ("unknown-key", set_at("entities", 0, "nickname", "Vova"), "/entities/0/nickname", "unknown key 'nickname'"),
    ("wrong-type", set_at("article", "published", 20251211), "/article/published", "expected text"),
    ("qid-zero", set_at("entities", 0, "wikidata", "Q0"), "/entities/0/wikidata", "'Q0' is not of the required form"),
    ("qid-lower", set_at("entities", 0, "wikidata", "q42"), "/entities/0/wikidata", "not of the required form"),
    ("qid-suffix", set_at("entities", 0, "wikidata", "Q42x"), "/entities/0/wikidata", "not of the required form"),
    (
        "qid-iri",
        set_at("entities", 0, "wikidata", "https://www.wikidata.org/wiki/Q7747"),
        "/entities/0/wikidata",
        "not of the required form",
    ),
    ("bad-slug", set_at("article", "slug", "Putin & Maduro"), "/article/slug", "not of the required form"),
    ("javascript-url", set_at("article", "url", "javascript:alert(1)"), "/article/url", "not of the required form"),
    ("relative-url", set_at("article", "url", "/news/1"), "/article/url", "not of the required form"),
    (
        "text-outside",
        set_at("article", "text", {"file": "../secret.txt"}),
        "/article/text",
        "the article text itself or {file: path}",
    ),
    (
        "impossible-date",
        lambda d: event(d, "maduro-trump-call")["date"].update(on="2025-02-30"),
        "/events/4/date/on",
        "2025-02-30 does not exist",
    ),
    (
        "future-date",
        lambda d: event(d, "maduro-trump-call")["date"].update(on="2026-01-05"),
        "/events/4/date/on",
        "after the article's publication date",
    ),
    (
        "two-date-forms",
        lambda d: event(d, "maduro-trump-call")["date"].update(earliest="2025-11-01"),
        "/events/4/date",
        "exactly one form",
    ),
    ("dangling-participant", _participant("nobody"), "/events/4/participants/0/entity", "'nobody' is not defined"),
    (
        "participant-is-an-event",
        _participant("politico-interview"),
        "/events/4/participants/0/entity",
        "is a interview, but a participant",
    ),
    (
        "capacity-not-held",
        lambda d: event(d, "maduro-trump-call")["participants"][0].update(capacity="ambassador"),
        "/events/4/participants/0/capacity",
        "holds no office with id 'ambassador'",
    ),
    (
        "bad-role",
        lambda d: event(d, "maduro-trump-call")["participants"][0].update(role="caller"),
        "/events/4/participants/0/role",
        "'caller' is not one of",
    ),
    (
        "offset-out-of-range",
        lambda d: entity(d, "putin")["evidence"][0].update(start=5000, end=5016),
        "/entities/0/evidence/0/end",
        "beyond the article text",
    ),
    (
        "offset-mismatch",
        lambda d: entity(d, "putin")["evidence"][0].update(start=24, end=40),
        "/entities/0/evidence/0",
        "the text at 24..40 is",
    ),
    (
        "duplicate-id",
        lambda d: entity(d, "maduro").update(id="putin"),
        "/entities/1/id",
        "is already used at /entities/0/id",
    ),
    (
        "duplicate-qid",
        lambda d: entity(d, "maduro").update(wikidata="Q7747"),
        "/entities/1/wikidata",
        "Q7747 is already the Wikidata id of putin",
    ),
    (
        "unnamed-with-names",
        lambda d: entity(d, "venezuelan-ambassador").update(names={"en": "Jesús Salazar"}),
        "/entities/4",
        "must not have names",
    ),
    ("yes-is-not-true", set_at("entities", 4, "unnamed", "yes"), "/entities/4/unnamed", "expected true or false"),
    (
        "dangling-source",
        lambda d: d["claims"][0].update(source="kremlin"),
        "/claims/0/source",
        "'kremlin' is not defined",
    ),
    (
        "offices-on-a-state",
        lambda d: entity(d, "russia").update(offices=[{"id": "x", "position": "ambassador"}]),
        "/entities/6",
        "only a person can hold offices",
    ),
]


@pytest.mark.parametrize("name, change, pointer, message", CASES, ids=[c[0] for c in CASES])
def test_bad_story_is_reported_at_its_place(story_copy, name, change, pointer, message):
    path = story_copy(change)
    report = newsgraph.validate_story(path)
    assert not report.ok
    found = [p for p in report.errors if p.pointer == pointer and message in p.message]
    assert found, report.format_text()
    problem = found[0]
    assert problem.file == str(path)
    assert problem.line is not None and problem.column is not None
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    last = pointer.rsplit("/", 1)[-1]
    assert last.isdigit() or last in line, (line, pointer)
    with pytest.raises(newsgraph.InvalidStory) as raised:
        newsgraph.load_story(path)
    assert raised.value.report.problems == report.problems


def test_all_problems_are_reported_at_once_with_line_numbers(story_copy):
    def broken(data):
        event(data, "maduro-trump-call")["participants"][1]["entity"] = "trumpp"
        event(data, "coale-appointment")["date"]["on"] = "2025-13"
        event(data, "maduro-trump-call")["date"]["on"] = "2025-11-31"
        entity(data, "putin")["evidence"][0]["start"] = 22

    path = story_copy(broken)
    run = run_cli("validate", "--format", "json", str(path))
    assert run.returncode == 1
    report = json.loads(run.stdout)
    found = {(p["pointer"], p["message"]) for p in report["problems"]}
    checks = {p["pointer"]: p["check"] for p in report["problems"]}
    # which check found each: the schema, or the cross-checks that run after it
    assert checks["/events/10/date/on"] == "schema" and checks["/events/4/participants/1/entity"] == "cross-check"
    assert ("/events/10/date/on", "'2025-13' is not of the required form") in found
    assert ("/events/4/participants/1/entity", "'trumpp' is not defined") in found
    assert ("/events/4/date/on", "2025-11-31 does not exist (November 2025 has 30 days)") in found
    assert any(p == "/entities/0/evidence/0" and m.startswith("the text at 22..39") for p, m in found)
    assert report["errors"] == 4 and report["valid"] is False
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in report["problems"]:
        assert problem["line"] and problem["column"]
        key = problem["pointer"].rsplit("/", 1)[-1]
        assert key.isdigit() or key in lines[problem["line"] - 1]
    text = run_cli("validate", str(path)).stdout
    assert f"{path}:" in text and "4 errors, 0 warnings" in text


def test_valid_seed_story_validates(tmp_path):
    from .conftest import SEED

    run = run_cli("validate", str(SEED))
    assert run.returncode == 0
    assert run.stdout.strip().endswith("valid")
    run = run_cli("validate", "--format", "json", str(SEED))
    assert json.loads(run.stdout)["valid"] is True


UNREADABLE = [
    ("malformed-yaml", "article: [unclosed\n", "is not valid YAML", ":1:"),
    ("empty", "", "the file is empty", ""),
    ("only-comments", "# nothing\n", "the file holds no data", ""),
    ("not-utf8", b"newsgraph: 1\narticle:\n  headline: \xff\xfe bad\n", "not valid UTF-8", ":3:13:"),
    ("two-documents", "newsgraph: 1\n---\nnewsgraph: 1\n", "more than one YAML document", ":2:"),
    ("control-character", "newsgraph: 1\narticle: \x07\n", "unacceptable character U+0007", ":2:10:"),
]


@pytest.mark.parametrize("name, text, message, place", UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_story_is_an_input_error_with_its_place(story_copy, name, text, message, place):
    path = story_copy(text=text)
    with pytest.raises(InputError) as raised:
        newsgraph.validate_story(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert place in str(raised.value)
    run = run_cli("validate", str(path))
    assert run.returncode == 2
    assert message in run.stderr


def test_missing_story_file_exits_2(tmp_path):
    run = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert run.returncode == 2
    assert "no such story file" in run.stderr


def test_missing_article_text_file_names_the_story_place(story_copy, tmp_path):
    path = story_copy(set_at("article", "text", {"file": "missing.txt"}))
    run = run_cli("validate", str(path))
    assert run.returncode == 2
    assert f"{path}:" in run.stderr and "/article/text/file" in run.stderr and "no such article text file" in run.stderr


def test_duplicate_keys_and_yaml_aliases_are_refused(story_copy):
    text = "newsgraph: 1\nnewsgraph: 1\narticle: &a {slug: x}\nentities: [*a]\n"
    report = newsgraph.validate_story(story_copy(text=text))
    messages = [(p.pointer, p.message, p.line) for p in report.errors]
    assert ("/newsgraph", "duplicate key 'newsgraph'", 2) in messages
    assert any("aliases" in m for _, m, _ in messages)


def test_yaml_dates_stay_text_and_yaml_1_1_booleans_are_not_booleans():
    from newsgraph.stories.storyfile import parse_text

    data, _, _ = parse_text("a: 2025-11-21\nb: yes\nc: on\nd: 1:20\ne: 0042\nf: true\n", "x.yaml")
    assert data == {"a": "2025-11-21", "b": "yes", "c": "on", "d": "1:20", "e": 42, "f": True}


def test_json_stories_work_and_get_positions(story_copy, seed_data):
    path = story_copy(text=json.dumps(seed_data, ensure_ascii=False, indent=2), name="story.json")
    assert newsgraph.validate_story(path).ok
    bad = dict(seed_data, newsgraph=2)
    path = story_copy(text=json.dumps(bad, ensure_ascii=False, indent=2), name="bad.json")
    problem = newsgraph.validate_story(path).errors[0]
    assert (problem.pointer, problem.line) == ("/newsgraph", 2)


@pytest.mark.parametrize("name, change, pointer, message", CASES, ids=[c[0] for c in CASES])
def test_rust_and_python_story_schema_agree(story_copy, seed_data, name, change, pointer, message):
    import copy

    from newsgraph.schemas import compiled

    data = copy.deepcopy(seed_data)
    change(data)
    schema = compiled("schemas/story.schema.json")
    assert schema.fast.is_valid(data) == (not any(True for _ in schema.detailed.iter_errors(data)))


#: Where the two validators' dialects differ (Python's re is not ECMA-262) or JSON's numbers are
#: subtle: (name, change, valid under JSON Schema 2020-12 with ECMA-262 patterns).
EDGES = [
    ("newline-after-id", lambda d: entity(d, "putin").update(id="putin\n"), False),  # re's $ matches before it
    ("newline-after-language", set_at("article", "language", "el\n"), False),
    ("newline-after-file-name", set_at("article", "text", {"file": "a.txt\n"}), False),
    ("bom-in-url", set_at("article", "url", "https://ex.org/\ufeffa"), False),  # \s has U+FEFF in ECMA only
    ("no-break-space-in-url", set_at("article", "url", "https://ex.org/\u00a0a"), False),
    ("arabic-digits-in-qid", lambda d: entity(d, "putin").update(wikidata="Q٧٧٤٧"), False),  # [0-9] is ASCII
    ("combining-accent-in-id", lambda d: entity(d, "putin").update(id="putin\u0301"), False),
    ("float-offset", lambda d: entity(d, "putin")["evidence"][0].update(start=23.0), True),  # 23.0 is an integer
    ("huge-offset", lambda d: entity(d, "putin")["evidence"][0].update(start=10**100), True),
    ("version-true", set_at("newsgraph", True), False),  # true is not 1
    ("version-float", set_at("newsgraph", 1.0), True),  # 1.0 is 1
    ("id-of-81-characters", lambda d: entity(d, "putin").update(id="a" * 81), False),
]


@pytest.mark.parametrize("name, change, valid", EDGES, ids=[e[0] for e in EDGES])
def test_where_the_two_validators_could_disagree_the_verdict_follows_the_spec(seed_data, name, change, valid):
    import copy

    from newsgraph.schemas import compiled

    data = copy.deepcopy(seed_data)
    change(data)
    schema = compiled("schemas/story.schema.json")
    assert schema.is_valid(data) is valid
    errors = list(schema.errors(data))
    assert (errors == []) is valid  # an invalid story always gets an explanation, whichever validator saw it
    assert all(list(e.path) for e in errors)  # ... at the place of the value


def test_a_newline_after_an_id_is_caught(story_copy):
    # Python's re '$' matches before a final newline; the Rust validator decides, and reports it.
    report = newsgraph.validate_story(story_copy(lambda d: entity(d, "putin").update(id="putin\n")))
    assert any(p.pointer == "/entities/0/id" for p in report.errors), report.format_text()


def _date(**when):
    return lambda d: event(d, "maduro-trump-call").update(date=when)


def _span(start, end, text):
    return lambda d: entity(d, "putin")["evidence"][0].update(start=start, end=end, text=text)


TEXT_LENGTH = 2060  # code points of the seed's article text
LAST_WORDS = "πολιτικών κρατουμένων."  # how the seed's text ends

#: The cross-checks at their edges: (name, change, the error's pointer, or None when valid).
EDGES_OF_CHECKS = [
    ("ends-before-it-starts", _date(start="2025-11-21", end="2025-11-20"), "/events/4/date/end"),
    ("ends-the-day-it-starts", _date(start="2025-11-21", end="2025-11-21"), None),
    ("month-ends-within-it", _date(start="2025-11", end="2025-11-02"), None),
    ("latest-before-earliest", _date(earliest="2025-11-21", latest="2025-11-20"), "/events/4/date/latest"),
    ("latest-the-day-of-earliest", _date(earliest="2025-11-21", latest="2025-11-21"), None),
    ("starts-after-publication", _date(start="2025-12-12"), "/events/4/date/start"),
    ("starts-on-the-publication-day", _date(start="2025-12-11"), None),
    ("on-after-publication", _date(on="2025-12-12"), "/events/4/date/on"),
    ("ends-after-publication", _date(start="2025-11-21", end="2026-01"), "/events/4/date/end"),
    ("earliest-after-publication", _date(earliest="2025-12-12"), "/events/4/date/earliest"),
    ("latest-after-publication", _date(earliest="2025-11-21", latest="2026-01"), "/events/4/date/latest"),
    ("modified-the-day-it-was-published", lambda d: d["article"].update(modified="2025-12-11"), None),
    ("modified-a-day-before", lambda d: d["article"].update(modified="2025-12-10"), "/article/modified"),
    ("latest-on-the-publication-day", _date(earliest="2025-11-21", latest="2025-12-11"), None),
    (
        "scheduled-after-publication",
        lambda d: _date(on="2026-01-15")(d) or event(d, "maduro-trump-call").update(status="scheduled"),
        None,
    ),
    ("ongoing-started-after-publication", _date(ongoing=True, start="2025-12-12"), "/events/4/date/start"),
    ("ongoing-since-the-publication-day", _date(ongoing=True, start="2025-12-11"), None),
    ("empty-span", _span(23, 23, "Β"), "/entities/0/evidence/0/end"),
    ("span-of-one", _span(23, 24, "Β"), None),
    ("span-to-the-very-end", _span(TEXT_LENGTH - len(LAST_WORDS), TEXT_LENGTH, LAST_WORDS), None),
    (
        "span-one-past-the-end",
        _span(TEXT_LENGTH - len(LAST_WORDS), TEXT_LENGTH + 1, LAST_WORDS + "."),
        "/entities/0/evidence/0/end",
    ),
]


@pytest.mark.parametrize("name, change, pointer", EDGES_OF_CHECKS, ids=[e[0] for e in EDGES_OF_CHECKS])
def test_cross_checks_at_their_edges(story_copy, name, change, pointer):
    report = newsgraph.validate_story(story_copy(change))
    assert [p.pointer for p in report.errors] == ([pointer] if pointer else []), report.format_text()


def test_the_seed_text_is_as_long_as_the_edges_above_assume():
    from .conftest import SEED_TEXT

    text = SEED_TEXT.read_text(encoding="utf-8").removeprefix("\ufeff")
    assert len(text) == TEXT_LENGTH and text.endswith(LAST_WORDS)


@pytest.mark.parametrize(
    "start, end, held",
    [
        (None, "2025-12-11", True),  # ended on the article's day: held that day
        (None, "2025-12-10", False),  # ended the day before
        (None, "2025-12", True),  # ended some time that month
        ("2025-12-11", None, True),  # began that day
        ("2025-12-12", None, False),  # began the day after
        ("2026", None, False),  # began the year after
    ],
)
def test_an_office_is_checked_as_held_on_the_articles_day(tmp_path, story_copy, start, end, held):
    import json

    from newsgraph.wikidata.snapshot import PositionHeld, Snapshot

    packaged = Snapshot.packaged()
    putin = packaged.get("Q7747")
    changed = dataclasses.replace(putin, positions=(PositionHeld("Q218295", start, end),))
    snapshot = Snapshot(packaged.taken, {**packaged.items, "Q7747": changed})
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(snapshot.to_json()), encoding="utf-8")
    report = newsgraph.validate_story(story_copy(), Snapshot.from_file(path))
    assert [p.pointer for p in report.errors] == ([] if held else ["/entities/0/offices/0/position"])


def test_a_misplaced_span_is_told_where_its_words_are(story_copy):
    from .conftest import SEED_TEXT

    text = SEED_TEXT.read_text(encoding="utf-8")
    at, found = -1, []  # every place of "Βενεζουέλα" in the text, found here the plain way
    while (at := text.find("Βενεζουέλα", at + 1)) >= 0:
        found.append(at)
    assert len(found) == 8
    report = newsgraph.validate_story(story_copy(_span(0, 10, "Βενεζουέλα")))
    [problem] = report.errors
    places = ", ".join(f"start {s}, end {s + 10}" for s in found[:5])  # the first five
    assert problem.hint == f"the words occur at: {places} (offsets count Unicode code points from 0)"
    report = newsgraph.validate_story(story_copy(_span(0, 10, "Βενεζουέλε")))
    assert report.errors[0].hint == "the quoted words do not occur in the article text; copy them exactly"


def test_warnings_say_what_checked_them_and_what_to_do(story_copy):
    report = newsgraph.validate_story(
        story_copy(lambda d: entity(d, "putin")["names"].update(en="Vladimir \u202eniteP"))
    )
    [warning] = report.problems
    assert (warning.severity, warning.check, warning.pointer) == ("warning", "cross-check", "/entities/0/names/en")
    assert warning.message == "contains a bidirectional override or isolate character"
    assert warning.hint == ("these can make text display differently from what it says; remove unless intended")


def _schema(*path: str) -> dict:
    """A part of the story schema, by its path (what an editor's tools show as help)."""
    from newsgraph.resources import read_json

    node = read_json("schemas/story.schema.json")
    for key in path:
        node = node[key]
    return node


_EVENT_KEYS = ", ".join(sorted(_schema("$defs", "event", "properties")))

#: Each kind of schema problem, in the exact words an editor reads: (change, pointer, message, hint).
SCHEMA_WORDS = [
    (set_at("events", 0, "venue", "x"), "/events/0/venue", "unknown key 'venue'", f"allowed keys here: {_EVENT_KEYS}"),
    (
        lambda d: d["events"][0].update(venue="x", city="y", hall="z"),
        "/events/0/city",
        "unknown key 'city' (and 'hall', 'venue')",
        f"allowed keys here: {_EVENT_KEYS}",
    ),
    (
        # a wrong type at a pointer ending in /text is not the article-text rule
        lambda d: d["entities"][0]["evidence"][0].update(text=5),
        "/entities/0/evidence/0/text",
        "expected text, found a number 5",
        _schema("$defs", "span", "properties", "text", "description"),
    ),
    (
        lambda d: d["events"][0].update(venue="x", city="y"),
        "/events/0/city",
        "unknown key 'city' (and 'venue')",
        f"allowed keys here: {_EVENT_KEYS}",
    ),
    (
        set_at("entities", 0, "unnamed", None),
        "/entities/0/unnamed",
        "expected true or false, found null",
        _schema("$defs", "entity", "properties", "unnamed", "description"),
    ),
    (
        # a value shown in 60 characters is shown whole; a longer one is cut to 57 and '...'
        set_at("entities", 0, "unnamed", "y" * 58),
        "/entities/0/unnamed",
        f"expected true or false, found text '{'y' * 58}'",
        _schema("$defs", "entity", "properties", "unnamed", "description"),
    ),
    (
        set_at("entities", 0, "unnamed", "y" * 59),
        "/entities/0/unnamed",
        f"expected true or false, found text '{'y' * 56}...",
        _schema("$defs", "entity", "properties", "unnamed", "description"),
    ),
    (
        lambda d: d["claims"][0].pop("source"),
        "/claims/0",
        "missing required key 'source'",
        _schema("$defs", "claim", "properties", "source", "description"),
    ),
    (
        set_at("entities", 0, "names", ["Putin"]),
        "/entities/0/names",
        "expected a mapping, found a list ['Putin']",
        _schema("$defs", "lang-text", "description"),
    ),
    (
        set_at("entities", 0, "unnamed", "yes"),
        "/entities/0/unnamed",
        "expected true or false, found text 'yes'",
        _schema("$defs", "entity", "properties", "unnamed", "description"),
    ),
    (
        set_at("entities", 0, "wikidata", "Q0"),
        "/entities/0/wikidata",
        "'Q0' is not of the required form",
        _schema("$defs", "qid", "description"),
    ),
    (
        lambda d: event(d, "maduro-trump-call")["participants"][0].update(role="caller"),
        "/events/4/participants/0/role",
        "'caller' is not one of: " + ", ".join(_schema("$defs", "participant", "properties", "role", "enum")),
        _schema("$defs", "participant", "properties", "role", "description"),
    ),
    (set_at("newsgraph", 2), "/newsgraph", "2 must be 1", _schema("properties", "newsgraph", "description")),
    (
        set_at("newsgraph", "x" * 100),
        "/newsgraph",
        f"'{'x' * 56}... must be 1",
        _schema("properties", "newsgraph", "description"),
    ),
    (
        set_at("article", "headline", ""),
        "/article/headline",
        "must not be empty",
        _schema("$defs", "text", "description"),
    ),
    (
        lambda d: entity(d, "putin").update(names={}),
        "/entities/0/names",
        "must not be empty",
        _schema("$defs", "lang-text", "description"),
    ),
    (lambda d: entity(d, "putin")["aliases"].update(el=[]), "/entities/0/aliases/el", "must not be empty", ""),
    (
        lambda d: d["claims"][0]["text"].update(en="x" * 20001),
        "/claims/0/text/en",
        "is longer than 20000",
        _schema("$defs", "text", "description"),
    ),
    (
        lambda d: entity(d, "putin")["evidence"][0].update(start=-1),
        "/entities/0/evidence/0/start",
        "-1 is below the minimum 0",
        _schema("$defs", "span", "properties", "start", "description"),
    ),
    (
        lambda d: d["article"].update(about=["maduro", "maduro"]),
        "/article/about",
        "lists the same item twice",
        "keep each item once",
    ),
    (
        lambda d: event(d, "maduro-trump-call")["date"].update(earliest="2025-11-01"),
        "/events/4/date",
        "the date does not have exactly one form",
        "use exactly one form of date: 'on'; 'start' (and 'end'); 'earliest' and/or "
        "'latest'; 'ongoing: true' (and 'start'); or 'unknown: true' (with no 'words')",
    ),
    (
        lambda d: d["article"].update(text={"path": "x"}),
        "/article/text",
        "must be the article text itself or {file: path}",
        _schema("$defs", "article", "properties", "text", "description"),
    ),
    (
        lambda d: own(d, "russia").update(offices=[{"id": "x", "position": "ambassador"}]),
        "/entities/6",
        "only a person can hold offices",
        "",
    ),
    (
        lambda d: entity(d, "venezuelan-ambassador").update(names={"en": "Jesús Salazar"}),
        "/entities/4",
        "an unnamed person or source must not have names; describe it instead",
        "",
    ),
    (
        lambda d: own(d, "putin").pop("names"),
        "/entities/0",
        "needs 'names' (or, for a work, a 'description'); "
        "if the article leaves it unnamed, set 'unnamed: true' and give a 'description'",
        "",
    ),
    (
        set_at("article", "headline", True),
        "/article/headline",
        "expected text, found true",
        "Non-empty text.",
    ),
]


@pytest.mark.parametrize("change, pointer, message, hint", SCHEMA_WORDS)
def test_each_kind_of_schema_problem_in_an_editors_words(seed_data, change, pointer, message, hint):
    import copy

    from newsgraph.report import Report
    from newsgraph.stories.validate import check_schema

    data = copy.deepcopy(seed_data)
    change(data)
    report = Report("s.yaml")
    check_schema(data, report)
    assert [(p.pointer, p.message, p.hint, p.check) for p in report.problems] == [(pointer, message, hint, "schema")]


def _add_entity(**fields):
    return lambda d: d["entities"].append(fields)


#: The cross-checks, in the exact words an editor reads: (change, [(pointer, message, hint, severity)]).
CROSS_CHECK_WORDS = [
    (
        lambda d: d["article"].update(modified="2025-12-10"),
        [
            (
                "/article/modified",
                "modified (2025-12-10) before it was published (2025-12-11)",
                "'modified' is when the article was last changed: on or after 'published'",
                "error",
            )
        ],
    ),
    (
        lambda d: d["article"].update(copyright_holder="belarus"),
        [
            (
                "/article/copyright_holder",
                "'belarus' is a state, but the copyright holder must be: government-body, media, news-agency, "
                "organization, person",
                "",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "putin").update(part_of="russia"),
        [
            (
                "/entities/0/part_of",
                "'part_of' is only for places and organisations",
                "remove it; where a person serves is an office's 'posted_in'",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "trump-administration").update(part_of="united-states"),
        [
            (
                "/entities/18/part_of",
                "'united-states' is a state, but the larger organisation must be: government-body, media, "
                "news-agency, organization",
                "",
                "error",
            )
        ],
    ),
    (
        _add_entity(id="putin", type="place", names={"en": "Putin"}),
        [
            (
                "/entities/30/id",
                "id 'putin' is already used at /entities/0/id",
                "every entity, event and claim needs its own id",
                "error",
            )
        ],
    ),
    (
        _add_entity(id="article", type="place", names={"en": "Article"}),
        [
            (
                "/entities/30/id",
                "id 'article' is reserved for the article itself",
                "every entity, event and claim needs its own id",
                "error",
            )
        ],
    ),
    (
        lambda d: event(d, "maduro-trump-call")["participants"][0].update(entity="article"),
        [("/events/4/participants/0/entity", "'article' cannot be a participant", "", "error")],
    ),
    (
        lambda d: d["claims"][2].update(source="reuter-sources"),
        [
            (
                "/claims/2/source",
                "'reuter-sources' is not defined",
                "the source: add an entity or event with id 'reuter-sources', or fix the spelling",
                "error",
            )
        ],
    ),
    (
        lambda d: event(d, "maduro-trump-call").update(location="maduro"),
        [
            (
                "/events/4/location",
                "'maduro' is a person, but the location must be: city, place, region, state",
                "",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "putin").update(url="https://ex.org/"),
        [("/entities/0/url", "'url' is only for works (type 'work')", "", "error")],
    ),
    (
        lambda d: entity(d, "putin").update(source_of="reuters"),
        [("/entities/0/source_of", "'source_of' is only for unnamed sources", "", "error")],
    ),
    (
        lambda d: event(d, "maduro-trump-call")["participants"].append({"entity": "maduro", "capacity": "president"}),
        [("/events/4/participants/2", "'maduro' is listed twice in the same role", "", "error")],
    ),
    (
        lambda d: event(d, "maduro-trump-call")["participants"][0].update(capacity="ambassador"),
        [
            (
                "/events/4/participants/0/capacity",
                "'maduro' holds no office with id 'ambassador'",
                "offices of 'maduro': president",
                "error",
            )
        ],
    ),
    (
        lambda d: event(d, "maduro-trump-call").update(preceded_by="maduro-trump-call"),
        [("/events/4/preceded_by", "an event cannot precede itself", "", "error")],
    ),
    (
        lambda d: d["claims"][4].update(text={"en": "Maduro's days are numbered"}),
        [("/claims/4/text", "a quote needs its text in the article's language", "", "error")],
    ),
    (
        lambda d: d["claims"][4].update(text={"el": "άλλα λόγια"}),
        [
            (
                "/claims/4/text",
                "the quoted words do not occur in the article text",
                "a quote should repeat the article's words exactly",
                "warning",
            )
        ],
    ),
    (
        lambda d: event(d, "maduro-trump-call").update(date={"start": "2025-11-21", "end": "2025-11-20"}),
        [("/events/4/date/end", "ends (2025-11-20) before it starts (2025-11-21)", "", "error")],
    ),
    (
        lambda d: event(d, "maduro-trump-call").update(date={"earliest": "2025-11-21", "latest": "2025-11-20"}),
        [("/events/4/date/latest", "latest (2025-11-20) is before earliest (2025-11-21)", "", "error")],
    ),
    (
        lambda d: event(d, "maduro-trump-call").update(date={"on": "2025-12-12"}),
        [
            (
                "/events/4/date/on",
                "2025-12-12 is after the article's publication date",
                "resolve relative dates against the publication date; an event still to come takes a "
                "'status' (scheduled, postponed, ...)",
                "error",
            )
        ],
    ),
    (
        lambda d: event(d, "maduro-trump-call").update(date={"on": "2025-02-30"}),
        [
            (
                "/events/4/date/on",
                "2025-02-30 does not exist (February 2025 has 28 days)",
                "use a real calendar date and time",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "putin")["evidence"][0].update(end=23),
        [("/entities/0/evidence/0/end", "end 23 is not after start 23", "", "error")],
    ),
    (
        lambda d: entity(d, "putin")["names"].update(en="Vladimir\x07"),
        [
            (
                "/entities/0/names/en",
                "contains the control character U+0007",
                "remove it; only tabs and line breaks are allowed in text",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "john-coale").update(wikidata="Q123456789"),
        [
            (
                "/entities/5/wikidata",
                "Q123456789 is not in the Wikidata snapshot (taken 2026-11-27)",
                "check the QID on Wikidata; then `newsgraph wikidata refresh` (needs the network) adds it to the "
                "snapshot",
                "error",
            )
        ],
    ),
    (
        lambda d: own(d, "russia").pop("wikidata") and own(d, "putin").update(wikidata="Q159"),
        [
            (
                "/entities/0/wikidata",
                "Q159 (Russia) is sovereign state, country on Wikidata, which does not fit type 'person'",
                "the QID probably belongs to another item: check it on Wikidata",
                "error",
            )
        ],
    ),
    (
        lambda d: own(d, "maduro").update(wikidata="Q7747"),
        [
            (
                "/entities/1/wikidata",
                "Q7747 is already the Wikidata id of putin",
                "one Wikidata item is one entity; merge them or fix the id",
                "error",
            ),
            (
                "/entities/1/offices/0/position",
                "Wikidata has no 'position held' Q11942698 for Q7747",
                "check the position's QID, or the person's",
                "error",
            ),
        ],
    ),
    (
        lambda d: next(e for e in d["entities"] if e.get("type") == "unnamed-source").pop("unnamed"),
        [
            (
                "/entities/26",
                "needs 'names' (or, for a work, a 'description'); if the article leaves it unnamed, set "
                "'unnamed: true' and give a 'description'",
                "",
                "error",
            ),
            (
                "/entities/26/unnamed",
                "an unnamed source needs 'unnamed: true'",
                "describe it in 'description'",
                "error",
            ),
        ],
    ),
    # references of each kind, to nothing or to the wrong kind of thing
    (
        _add_entity(id="agency", type="news-agency", names={"en": "An agency"}, country="maduro"),
        [("/entities/30/country", "'maduro' is a person, but the country must be: state", "", "error")],
    ),
    (
        lambda d: entity(d, "putin")["offices"][0].update(position="president-of-mars"),
        [
            (
                "/entities/0/offices/0/position",
                "'president-of-mars' is not defined",
                "the position held: add an entity or event with id 'president-of-mars', or fix the spelling",
                "error",
            )
        ],
    ),
    (
        lambda d: d["article"].update(authors=["russia"]),
        [
            (
                "/article/authors/0",
                "'russia' is a state, but an author must be: government-body, media, news-agency, organization, person",
                "",
                "error",
            )
        ],
    ),
    (
        lambda d: d["article"].update(about=["maduro", "nobody"]),
        [
            (
                "/article/about/1",
                "'nobody' is not defined",
                "what the article is about: add an entity or event with id 'nobody', or fix the spelling",
                "error",
            )
        ],
    ),
    (  # a claim is named by its kind
        lambda d: event(d, "putin-maduro-call")["participants"][0].update(entity="maduro-days-numbered"),
        [
            (
                "/events/0/participants/0/entity",
                "'maduro-days-numbered' is a quote, but a participant must be: government-body, media, news-agency, "
                "organization, person, state, unnamed-source",
                "",
                "error",
            )
        ],
    ),
    (  # an entity with no offices holds none
        lambda d: event(d, "us-sanctions-relief-for-belarus")["participants"][1].update(capacity="president"),
        [
            (
                "/events/9/participants/1/capacity",
                "'belarus' holds no office with id 'president'",
                "offices of 'belarus': none",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "belta-report").update(publisher="belta-agency"),
        [
            (
                "/entities/28/publisher",
                "'belta-agency' is not defined",
                "the publisher: add an entity or event with id 'belta-agency', or fix the spelling",
                "error",
            )
        ],
    ),
    (  # a publisher is a work's
        lambda d: entity(d, "reuters-sources").update(publisher="reuters"),
        [("/entities/26/publisher", "'publisher' is only for works (type 'work')", "", "error")],
    ),
    (
        lambda d: next(c for c in d["claims"] if c["id"] == "maduro-welcome-in-belarus").update(addressees=["nobody"]),
        [
            (
                "/claims/3/addressees/0",
                "'nobody' is not defined",
                "one of the addressees: add an entity or event with id 'nobody', or fix the spelling",
                "error",
            )
        ],
    ),
    (  # an event's QID is checked as an entity's
        lambda d: event(d, "russian-invasion-of-ukraine").update(wikidata="Q123456789"),
        [
            (
                "/events/8/wikidata",
                "Q123456789 is not in the Wikidata snapshot (taken 2026-11-27)",
                "check the QID on Wikidata; then `newsgraph wikidata refresh` (needs the network) adds it to the "
                "snapshot",
                "error",
            )
        ],
    ),
    (  # an office's evidence is checked as its holder's
        lambda d: entity(d, "putin")["offices"][0]["evidence"][0].update(text="Πρόεδρος της Λευκορωσίας"),
        [
            (
                "/entities/0/offices/0/evidence/0",
                "the text at 2..21 is 'Πρόεδρος της Ρωσίας', not 'Πρόεδρος της Λευκορωσίας'",
                "the words occur at: start 483, end 507 (offsets count Unicode code points from 0)",
                "error",
            )
        ],
    ),
    (  # the schema's pattern lets it through; Oxigraph's IRI grammar does not
        lambda d: entity(d, "reuters-report").update(url="https://example.org/100%"),
        [
            (
                "/entities/29/url",
                "'https://example.org/100%' is not a valid IRI (RFC 3987): Invalid IRI percent encoding '%'",
                "write an absolute http(s) IRI; percent-encode spaces and other characters IRIs do not allow (%20), "
                "and remove control characters",
                "error",
            )
        ],
    ),
    (  # a person can be the outlet unnamed sources spoke to ...
        lambda d: entity(d, "reuters-sources").update(source_of="trump"),
        [],
    ),
    (  # ... and a work's publisher, but not a state
        lambda d: entity(d, "belta-report").update(publisher="russia"),
        [
            (
                "/entities/28/publisher",
                "'russia' is a state, but the publisher must be: government-body, media, news-agency, organization, "
                "person",
                "",
                "error",
            )
        ],
    ),
    (  # a person can publish an article (a blog's author) ...
        lambda d: d["article"].update(publisher="trump"),
        [],
    ),
    (  # ... but what it is based on is a work
        lambda d: d["article"].update(based_on=["reuters-report", "reuters"]),
        [
            (
                "/article/based_on/1",
                "'reuters' is a news-agency, but a work the article is based on must be: work",
                "",
                "error",
            )
        ],
    ),
    (  # the words' own language is checked as every other tag
        lambda d: next(c for c in d["claims"] if c["id"] == "maduro-days-numbered").update(translated_from="en-US-US"),
        [
            (
                "/claims/4/translated_from",
                "'en-US-US' is not a BCP 47 language tag: A subtag fails to parse, it does not match any other subtags",
                "use a language tag such as 'el', 'en' or 'en-GB' (BCP 47)",
                "error",
            )
        ],
    ),
    (
        lambda d: entity(d, "putin")["offices"][0].update(of="mars"),
        [
            (
                "/entities/0/offices/0/of",
                "'mars' is not defined",
                "what the office belongs to: add an entity or event with id 'mars', or fix the spelling",
                "error",
            )
        ],
    ),
    (  # a participant with no role is a "participant": listed again as one, it is listed twice
        lambda d: event(d, "maduro-trump-call")["participants"].append({"entity": "maduro", "role": "participant"}),
        [("/events/4/participants/2", "'maduro' is listed twice in the same role", "", "error")],
    ),
    (
        lambda d: d["claims"][0].update(id="article"),
        [
            (
                "/claims/0/id",
                "id 'article' is reserved for the article itself",
                "every entity, event and claim needs its own id",
                "error",
            )
        ],
    ),
]


@pytest.mark.parametrize("change, problems", CROSS_CHECK_WORDS)
def test_each_cross_check_in_an_editors_words(story_copy, change, problems):
    report = newsgraph.validate_story(story_copy(change))
    found = sorted((p.pointer, p.message, p.hint, p.severity) for p in report.problems)
    assert found == sorted(problems)


def test_a_type_that_could_be_one_of_several_is_named_so():
    from jsonschema.exceptions import ValidationError

    from newsgraph.stories.validate import _describe

    error = ValidationError(
        "",
        validator="type",
        validator_value=["string", "null"],
        instance=5,
        path=["a", 0],
        schema={"type": ["string", "null"], "description": "Help."},
    )
    assert _describe(error) == ("/a/0", "expected text or nothing, found a number 5", "Help.")
