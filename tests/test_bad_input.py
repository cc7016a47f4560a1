"""The bad-input battery: each input is refused with a message naming the problem and its place,
the documented exit code, and no output file changed."""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from .conftest import OUTPUT, SEED_SLUG, assert_clean_exit, entity, event, invoke, run_cli, set_at


@pytest.fixture
def published(tmp_path) -> Path:
    """An output folder holding the seed article, as a newsroom's previous build left it."""
    out = tmp_path / "published"
    shutil.copytree(OUTPUT, out)  # output/ is checked to be up to date elsewhere
    return out


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def as_json(change=None):
    """A JSON story: the seed (as JSON) with ``change`` applied."""

    def make(story_copy, seed_data):
        data = json.loads(json.dumps(seed_data))
        if change:
            change(data)
        return story_copy(text=json.dumps(data, ensure_ascii=False, indent=1), name="story.json")

    return make


def yaml_change(change):
    return lambda story_copy, seed_data: story_copy(change)


def raw(text, name="story.yaml"):
    return lambda story_copy, seed_data: story_copy(text=text, name=name)


BATTERY = [
    # name, input, exit code, fragments the message must contain
    ("malformed-yaml", raw("newsgraph: 1\narticle:\n  slug: [x\n"), 2, ["is not valid YAML", ":4:1:"]),
    ("malformed-json", raw('{"newsgraph": 1,\n "article": }', "story.json"), 2, ["is not valid JSON", ":2:13:"]),
    (
        "wrong-type",
        yaml_change(set_at("entities", 0, "names", ["Putin"])),
        1,
        ["/entities/0/names", "expected a mapping, found a list"],
    ),
    (
        "unknown-key",
        yaml_change(set_at("events", 0, "venue", "moscow")),
        1,
        ["/events/0/venue", "unknown key 'venue'", "allowed keys here"],
    ),
    (
        "missing-required",
        yaml_change(lambda d: d["claims"][0].pop("source")),
        1,
        ["/claims/0", "missing required key 'source'"],
    ),
    ("qid-Q0", yaml_change(set_at("entities", 0, "wikidata", "Q0")), 1, ["/entities/0/wikidata", "'Q0'"]),
    ("qid-q42", yaml_change(set_at("entities", 0, "wikidata", "q42")), 1, ["/entities/0/wikidata", "'q42'"]),
    ("qid-Q42x", yaml_change(set_at("entities", 0, "wikidata", "Q42x")), 1, ["/entities/0/wikidata", "'Q42x'"]),
    (
        "wikidata-https-iri",
        yaml_change(set_at("entities", 0, "wikidata", "https://www.wikidata.org/entity/Q7747")),
        1,
        ["/entities/0/wikidata", "such as 'Q7747'"],
    ),
    (
        "wikidata-wiki-page",
        yaml_change(set_at("entities", 0, "wikidata", "http://www.wikidata.org/wiki/Q7747")),
        1,
        ["/entities/0/wikidata", "not of the required form"],
    ),
    ("javascript-iri", yaml_change(set_at("article", "url", "javascript:alert(document.cookie)")), 1, ["/article/url"]),
    ("relative-iri", yaml_change(set_at("article", "url", "../other.html")), 1, ["/article/url"]),
    (
        "impossible-date",
        yaml_change(lambda d: event(d, "maduro-trump-call")["date"].update(on="2025-02-30")),
        1,
        ["/events/4/date/on", "2025-02-30 does not exist (February 2025 has 28 days)"],
    ),
    (
        "offset-out-of-range",
        yaml_change(lambda d: entity(d, "putin")["evidence"][0].update(start=9000, end=9016)),
        1,
        ["/entities/0/evidence/0/end", "beyond the article text (2060 characters)", "start 23, end 39"],
    ),
    (
        "dangling-reference",
        yaml_change(lambda d: d["claims"][2].update(source="reuter-sources")),
        1,
        ["/claims/2/source", "'reuter-sources' is not defined"],
    ),
    (
        "remote-context",
        as_json(lambda d: d.update({"@context": "https://schema.org/"})),
        1,
        ["/@context", "unknown key '@context'"],
    ),
    (
        "remote-ref",
        as_json(lambda d: d["article"].update({"$ref": "https://example.org/article.json"})),
        1,
        ["/article/$ref", "unknown key '$ref'"],
    ),
    ("not-utf8", raw(b"newsgraph: 1\narticle:\n  headline: caf\xe9\n"), 2, ["not valid UTF-8", ":3:16:", "byte 0xe9"]),
    ("empty-file", raw(""), 2, ["the file is empty"]),
    ("control-character-yaml", raw("newsgraph: 1\narticle:\n  headline: a\x1bb\n"), 2, ["U+001B", ":3:14:"]),
    (
        "control-character-json",
        as_json(set_at("article", "headline", "Τίτλος\u0007")),
        1,
        ["/article/headline", "control character U+0007"],
    ),
]


@pytest.mark.parametrize("name, make, code, fragments", BATTERY, ids=[b[0] for b in BATTERY])
def test_bad_input_is_refused_at_its_place_and_nothing_changes(
    published, story_copy, seed_data, name, make, code, fragments
):
    before = digest(published)
    path = make(story_copy, seed_data)
    run = run_cli("build", str(path), "--out", str(published))
    assert run.returncode == code, run.stderr
    for fragment in fragments:
        assert fragment in run.stderr, (fragment, run.stderr)
    assert str(path) in run.stderr
    assert digest(published) == before
    assert run_cli("validate", str(path)).returncode == code


def test_a_50_mb_file_is_refused_before_it_is_read(published, tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk, and must not be read into memory
    before = digest(published)
    run = run_cli("build", str(big), "--out", str(published))
    assert run.returncode == 2
    assert f"{big}: story file is 50.0 MiB, over the 8 MiB limit" in run.stderr
    assert digest(published) == before


def test_an_article_text_over_the_limit_is_refused(story_copy, tmp_path):
    path = story_copy()
    with (tmp_path / "2025-12-11-putin-lukashenko-support-maduro.el.txt").open("r+b") as f:
        f.truncate(9 * 1024 * 1024)
    run = run_cli("validate", str(path))
    assert run.returncode == 2
    assert "/article/text/file" in run.stderr and "over the 8 MiB limit" in run.stderr


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {"name": "http://evil.example/name"}}')

    def log_message(self, *args):
        pass


def test_remote_context_and_ref_in_input_are_never_fetched(story_copy, seed_data):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/context.jsonld"
    try:
        data = json.loads(json.dumps(seed_data))
        data["@context"] = url
        data["article"]["$ref"] = url
        data["entities"][0]["$schema"] = url
        path = story_copy(text=json.dumps(data, ensure_ascii=False), name="story.json")
        run = run_cli("validate", str(path))
        assert run.returncode == 1
        assert "unknown key '@context'" in run.stdout and "unknown key '$ref'" in run.stdout
    finally:
        server.shutdown()
    assert _Recorder.hits == []


def test_hostile_text_is_published_safely(story_copy, tmp_path):
    hostile = "Τίτλος </script><!-- <script>alert(1)</script> & \u200fשלום\u200f"
    path = story_copy(lambda d: d["article"].update(headline=hostile))
    out = tmp_path / "out"
    run = run_cli("build", str(path), "--out", str(out))
    assert run.returncode == 0, run.stderr
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    body = html.split("\n", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["headline"] == hostile


def test_bidirectional_overrides_are_warned_about_but_rtl_marks_are_fine(story_copy):
    import newsgraph

    path = story_copy(lambda d: entity(d, "putin")["names"].update(en="Vladimir \u202eniteP"))
    report = newsgraph.validate_story(path)
    assert report.ok
    assert [(p.pointer, p.severity) for p in report.problems] == [("/entities/0/names/en", "warning")]
    assert "bidirectional override" in report.problems[0].message
    path = story_copy(lambda d: entity(d, "putin")["names"].update(he="\u200fפוטין"))
    assert newsgraph.validate_story(path).problems == []


# -- Each cause the hostile-input review found (issue 9), refused in place ----------------------


def json_text(change=None, replace=("", "")):
    """A JSON story (the seed, ``change`` applied), with ``replace`` done on its text."""

    def make(story_copy, seed_data):
        data = json.loads(json.dumps(seed_data))
        if change:
            change(data)
        text = json.dumps(data, ensure_ascii=False, indent=1).replace(*replace, 1)
        return story_copy(text=text, name="story.json")

    return make


REFUSED = [
    # name, input, exit code, fragments of the message
    (
        "offices-a-number",
        yaml_change(lambda d: entity(d, "putin").update(offices=148)),
        1,
        ["/entities/0/offices: expected a list, found a number 148"],
    ),
    ("article-a-string", yaml_change(set_at("article", "x")), 1, ["/article: expected a mapping, found text 'x'"]),
    (
        "list-for-an-id",
        yaml_change(lambda d: event(d, "maduro-trump-call").update(location=["moscow"])),
        1,
        ["/events/4/location: expected text, found a list"],
    ),
    (
        "mapping-for-a-date",
        yaml_change(lambda d: event(d, "maduro-trump-call").update(date={"on": {"y": 2025}})),
        1,
        ["/events/4/date/on: expected text, found a mapping"],
    ),
    (
        "published-feb-30",
        yaml_change(set_at("article", "published", "2025-02-30")),
        1,
        [":7:3: error: /article/published: 2025-02-30 does not exist (February 2025 has 28 days)"],
    ),
    (
        "work-published-feb-30",
        yaml_change(lambda d: entity(d, "reuters-report").update(published="2025-02-30")),
        1,
        ["/published: 2025-02-30 does not exist"],
    ),
    (
        "year-0000",
        yaml_change(lambda d: event(d, "maduro-trump-call")["date"].update(on="0000-11-21")),
        1,
        ["/events/4/date/on: 0000-11-21: the year 0000 does not exist"],
    ),
    (
        "time-zone-beyond-14",
        yaml_change(set_at("article", "published", "2025-12-11T10:00:00+23:00")),
        1,
        ["/article/published", "the time zone +23:00 is beyond ±14:00"],
    ),
    (
        "base-control",
        json_text(set_at("base", "https://a\u0001b.example/")),
        1,
        ["/base: base 'https://a\\x01b.example/' is not a valid IRI (RFC 3987)"],
    ),
    (
        "base-bad-percent",
        yaml_change(set_at("base", "https://data.example/%zz/")),
        1,
        ["/base", "percent encoding '%zz'"],
    ),
    (
        "base-noncharacter",
        yaml_change(set_at("base", "https://data.example/\ufffe/")),
        1,
        ["/base", "Invalid IRI code point"],
    ),
    ("base-space", yaml_change(set_at("base", "https://data.example/a b/")), 1, ["/base", "not of the required form"]),
    ("base-javascript", yaml_change(set_at("base", "javascript:alert(1)//")), 1, ["/base", "not of the required form"]),
    ("url-bad-percent", yaml_change(set_at("article", "url", "https://www.in.gr/%zz")), 1, ["/article/url", "'%zz'"]),
    (
        "lone-surrogate",
        json_text(replace=('"Βλαντιμίρ Πούτιν"', '"\\udfff"')),
        1,
        ["/entities/0/names/el: holds \\udfff, half of a surrogate pair", "1 error,"],
    ),
    (
        "lone-surrogate-key",
        json_text(replace=('"aliases"', '"\\ud800"')),
        1,
        ["holds \\ud800, half of a surrogate pair"],
    ),
    (
        "json-nested-1000-deep",
        raw('{"newsgraph": ' + "[" * 1000 + "]" * 1000 + "}", "story.json"),
        2,
        [":1:", "is nested more than 32 levels deep"],
    ),
    (
        "yaml-nested-500-deep",
        raw("newsgraph: " + "[" * 500 + "]" * 500 + "\n"),
        2,
        ["is nested more than 32 levels deep"],
    ),
    (
        "json-5000-digits",
        raw('{"newsgraph":\n ' + "9" * 5000 + "}", "story.json"),
        2,
        [":2:2: a number with more than 4300 digits"],
    ),
    (
        "yaml-5000-digits",
        raw("newsgraph: 1\narticle:\n  slug: " + "9" * 5000 + "\n"),
        2,
        [":3:9: a number with more than 4300 digits"],
    ),
    ("json-nan", raw('{"newsgraph": NaN}', "story.json"), 2, [":1:15: is not valid JSON: NaN is not a JSON value"]),
    ("nul-in-text-file-name", json_text(set_at("article", "text", {"file": "a\u0000.txt"})), 1, ["/article/text"]),
    (
        "offset-written-as-float",
        json_text(lambda d: entity(d, "putin")["evidence"][0].update(start=23.0)),
        1,
        ["/entities/0/evidence/0/start: offset 23.0 is not a whole number"],
    ),
    (
        "language-tag-not-bcp47",
        yaml_change(lambda d: entity(d, "putin")["names"].update({"en-US-US": "x"})),
        1,
        ["/entities/0/names/en-US-US: 'en-US-US' is not a BCP 47 language tag"],
    ),
    (
        "article-language-not-bcp47",
        yaml_change(set_at("article", "language", "aaa-bbb-ccc-ddd-eee")),
        1,
        ["/article/language: 'aaa-bbb-ccc-ddd-eee' is not a BCP 47 language tag"],
    ),
    # NUL at line 4, column 23: libyaml counts bytes, the report counts characters
    (
        "control-after-greek",
        raw("newsgraph: 1\narticle:\n  slug: s\n  headline: Τίτλος αβγ\x00\n"),
        2,
        [":4:23: is not valid YAML: unacceptable character U+0000"],
    ),
]


@pytest.mark.parametrize("name, make, code, fragments", REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_input_is_refused_in_place_without_a_traceback(
    published, story_copy, seed_data, name, make, code, fragments
):
    before = digest(published)
    path = make(story_copy, seed_data)
    for args in (("validate", str(path)), ("build", str(path), "--out", str(published))):
        result = invoke(*args)
        assert_clean_exit(result, {code})
        for fragment in fragments:
            assert fragment in result.output, (fragment, result.output)
    assert digest(published) == before


WRONG_SHAPES = [
    ("offices-a-number", lambda d: entity(d, "putin").update(offices=148), "/entities/0/offices"),
    ("article-a-string", set_at("article", "x"), "/article"),
    ("list-for-an-id", lambda d: event(d, "maduro-trump-call").update(preceded_by=["x"]), "/events/4/preceded_by"),
    ("mapping-for-a-date", lambda d: event(d, "maduro-trump-call").update(date={"start": {}}), "/events/4/date/start"),
    ("list-for-a-quote", lambda d: d["claims"][4].update(text=["μέρες"]), "/claims/4/text"),
    ("office-without-id", lambda d: entity(d, "putin")["offices"][0].pop("id"), "/entities/0/offices/0"),
    ("span-a-list", lambda d: entity(d, "putin").update(evidence=[[23, 39]]), "/entities/0/evidence/0"),
]


@pytest.mark.parametrize("name, change, pointer", WRONG_SHAPES, ids=[w[0] for w in WRONG_SHAPES])
def test_a_value_of_the_wrong_shape_is_reported_once_by_the_schema_with_its_line(story_copy, name, change, pointer):
    import newsgraph

    report = newsgraph.validate_story(story_copy(change))
    assert [(p.pointer, p.check) for p in report.errors] == [(pointer, "schema")], report.format_text()
    assert report.errors[0].line is not None


def test_one_malformed_participant_does_not_hide_the_other_problems_of_its_event(story_copy):
    import newsgraph

    def change(d):
        call = event(d, "maduro-trump-call")
        call["participants"][0] = "maduro"
        call.update(location="nowhere", about=["nothing"], preceded_by="never")

    report = newsgraph.validate_story(story_copy(change))
    assert {p.pointer for p in report.errors} == {
        "/events/4/participants/0",
        "/events/4/location",
        "/events/4/about/0",
        "/events/4/preceded_by",
    }


def test_a_lone_surrogate_is_reported_at_its_line(story_copy, seed_data):
    path = json_text(replace=('"Vladimir Putin"', '"Vladimir \\udfff"'))(story_copy, seed_data)
    text = path.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("\\udfff")) + 1
    result = invoke("validate", str(path))
    assert f"story.json:{line}:" in result.output and "/entities/0/names/en: holds \\udfff" in result.output


def test_a_three_million_character_quote_is_refused_with_the_right_message(story_copy):
    import newsgraph

    report = newsgraph.validate_story(
        story_copy(lambda d: entity(d, "putin")["evidence"][0].update(text="Πούτιν" * 500_000))
    )
    [problem] = report.errors
    assert problem.pointer == "/entities/0/evidence/0" and problem.hint.startswith("the quoted words do not occur")
    assert len(problem.message) <= 2000  # cut, not three million characters on the terminal


def test_a_time_without_seconds_is_published_as_a_valid_date_time(story_copy, tmp_path):
    result = invoke(
        "build",
        str(story_copy(set_at("article", "published", "2025-12-11T10:30+02:00"))),
        "--out",
        str(tmp_path / "out"),
        "--verify-output",
    )
    assert_clean_exit(result, {0})
    turtle = (tmp_path / "out" / f"{SEED_SLUG}.ttl").read_text(encoding="utf-8")
    assert 'schema:datePublished "2025-12-11T10:30:00+02:00"^^xsd:dateTime' in turtle


@pytest.mark.parametrize(
    "base",
    [
        "https://a\u0001b.example/",
        "https://data.example/%zz/",
        "https://data.example/\ufffe/",
        "https://data.example/a b/",
        "javascript:alert(1)//",
    ],
)
@pytest.mark.parametrize("command", ["build", "load"])
def test_a_bad_base_iri_option_is_refused_before_anything_is_written(published, tmp_path, command, base):
    from .conftest import SEED

    before = digest(published)
    where = ["--out", str(published)] if command == "build" else ["--store", str(tmp_path / "store")]
    result = invoke(command, str(SEED), *where, "--base-iri", base)
    assert_clean_exit(result, {2})
    assert "--base-iri: base" in result.output
    assert digest(published) == before and not (tmp_path / "store").exists()


def test_a_pipe_or_a_device_is_refused_without_waiting_for_it(tmp_path, story_copy):
    import os

    fifo = tmp_path / "text.txt"
    os.mkfifo(fifo)
    path = story_copy(set_at("article", "text", {"file": "text.txt"}))
    result = invoke("validate", str(path))
    assert_clean_exit(result, {2})
    assert "/article/text/file: " in result.output and "text.txt: is not a regular file" in result.output
    os.mkfifo(tmp_path / "pipe.yaml")
    for story in (tmp_path / "pipe.yaml", Path("/dev/null")):
        result = invoke("validate", str(story))
        assert_clean_exit(result, {2})
        assert f"{story}: is not a regular file (a pipe, socket or device)" in result.output
    batch = invoke("build", str(tmp_path / "*.yaml"), "--out", str(tmp_path / "out"))  # the story and the pipe
    assert_clean_exit(batch, {2})
    assert "built 0, failed 2" in batch.output and batch.output.count("is not a regular file") == 2


@pytest.mark.parametrize("name", ["x" * 5000, "a/" * 3000 + "x.yaml"])
@pytest.mark.parametrize("command", ["build", "validate", "load"])
def test_a_name_no_file_can_have_is_an_input_error(tmp_path, command, name):
    where = {"build": ["--out", str(tmp_path / "out")], "load": ["--store", str(tmp_path / "store")]}
    result = invoke(command, name, *where.get(command, []))
    assert_clean_exit(result, {1, 2})
    assert "File name too long" in result.output or "cannot load this kind of file" in result.output
