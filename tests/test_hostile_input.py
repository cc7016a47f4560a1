"""Property-based: no input crashes newsgraph, and nothing ill-typed or unparseable is ever written.

Stories are the seed with random damage (keys deleted, values swapped for other types, hostile
strings: surrogates, controls, bidirectional overrides, huge and deeply nested values), written
as YAML or JSON. For every example, ``validate`` and ``build --verify-output`` must exit 0, 1 or 2
without a traceback; a failed build must leave the output folder exactly as it was; a successful
one must write files that Oxigraph and rdflib read as the same triples. Replies of the local
Wikidata server are damaged the same way for ``wikidata refresh`` and ``link --live``.

CI runs a bounded, derandomised number of examples; for a longer run by hand:

    NEWSGRAPH_FUZZ_EXAMPLES=2000 NEWSGRAPH_FUZZ_RANDOM=1 pytest tests/test_hostile_input.py
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsgraph.wikidata.snapshot import Snapshot
from newsgraph.writing.embed import extract_json
from newsgraph.writing.ninjs import check_ninjs

from .conftest import CATALOGUE, DATA, OUTPUT, SEED_TEXT, assert_clean_exit, invoke
from .schemaorg import embed_triples
from .wikidata_server import Q30, SHAPES, FakeWikidata

EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("NEWSGRAPH_FUZZ_RANDOM"),
    suppress_health_check=list(HealthCheck),
    database=None,
)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066x",
    "\u200f",
    "\ufffe",
    "\uffff",
    "\udfff",
    "\ud800x",
    "\U0001f600",
    "𝔸",
    "Βλαντιμίρ Πούτιν",
    "https://a b/",
    "https://a/%zz/",
    "https://a/\ufffe/",
    "https://\x01/",
    "javascript:alert(1)",
    "http:///x",
    "https://ex.org/ok/",
    "2025-02-30",
    "0000-01-01",
    "2025-13",
    "2025",
    "2025-11",
    "2025-12-11T10:00Z",
    "2025-12-11T10:00:00+23:00",
    "9999-12-31",
    "Q0",
    "Q7747",
    "Q159",
    "q42",
    "article",
    "putin",
    "russia",
    "maduro-trump-call",
    "../x",
    "/etc/passwd",
    "a\\b",
    "a:b",
    "C:\\new",
    "</script><!--",
    "\r\n",
    '"',
    "\\",
    "NaN",
    "1e999",
    "-1",
    "true",
    "null",
    "~",
]
#: Stand for what Python cannot hold or write (an integer of 5,000 digits, lists nested 1,200 deep);
#: _write puts them into the story's text.
STAND_INS = {"HUGE_NUMBER": "7" * 5000, "DEEP_NESTING": "[" * 1200 + "1" + "]" * 1200}
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.sampled_from([*STAND_INS, -1, 0, 2**63])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(HOSTILE_TEXT)
    | st.text(max_size=20)
    | st.builds(lambda n: "a" * n, st.sampled_from([20_001, 100_000]))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "type", "on", "file", "x", "\udfff", ""]) | st.text(max_size=5), inner, max_size=3
        )
    ),
    max_leaves=6,
)


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


VALUES = VALUES | st.builds(_nested, st.integers(30, 40))


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path of keys and indexes into ``value``, containers and leaves (10 levels at most)."""
    found = [path]
    if len(path) >= 10:
        return found
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*path, i))
    return found


@st.composite
def damaged_documents(draw, seed: dict) -> tuple[dict, str]:
    data = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if len(paths) < 2:  # nothing left to damage
            break
        path = draw(st.sampled_from(paths[1:]))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "replace", "add-key", "duplicate", "swap"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(VALUES)
        elif action == "add-key" and isinstance(parent[last], dict):
            parent[last][
                draw(st.sampled_from(["venue", "id", "wikidata", "base", "@context", "$ref"]) | st.text(max_size=8))
            ] = draw(VALUES)
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif action == "swap":
            other = draw(st.sampled_from(paths[1:]))
            holder = data
            for key in other:
                holder = holder[key]
            if not any(other[:n] == path for n in range(len(other) + 1)):  # not inside the value it replaces
                parent[last] = copy.deepcopy(holder)
    return data, draw(st.sampled_from(["yaml", "json", "json-raw"]))


def _write(folder: Path, data: dict, form: str) -> Path:
    """The story as YAML, or as JSON (escaped, or raw UTF-8 with surrogates passed through)."""
    if form == "yaml":
        try:
            path = folder / "story.yaml"
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            for stand_in, real in STAND_INS.items():
                text = text.replace(stand_in, real)
            path.write_bytes(text.encode("utf-8"))
            return path
        except (yaml.YAMLError, UnicodeEncodeError, ValueError):
            form = "json"
    path = folder / "story.json"
    text = json.dumps(data, ensure_ascii=(form == "json"))
    for stand_in, real in STAND_INS.items():
        text = text.replace(f'"{stand_in}"', real)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _term(term: Any) -> tuple:
    """A term of either library as one comparable tuple."""
    if isinstance(term, (ox.NamedNode, rdflib.URIRef)):
        return ("iri", str(term.value if isinstance(term, ox.NamedNode) else term))
    if isinstance(term, ox.Literal):
        language = term.language
        datatype = None if language else term.datatype.value
        return ("literal", term.value, (language or "").lower(), datatype)
    if isinstance(term, rdflib.Literal):
        language = term.language
        datatype = None if language else str(term.datatype or XSD_STRING)
        return ("literal", str(term), (language or "").lower(), datatype)
    raise AssertionError(f"unexpected term {term!r} (a blank node?)")


def _oxigraph_triples(data: bytes, fmt: ox.RdfFormat, skip_evidence: bool = False) -> set[tuple]:
    return {
        (_term(q.subject), _term(q.predicate), _term(q.object))
        for q in ox.parse(data, format=fmt)
        if not (skip_evidence and getattr(q.graph_name, "value", "").endswith("/evidence"))
    }


def _rdflib_triples(data: bytes, fmt: str) -> set[tuple]:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=data, format=fmt)
    return {(_term(s), _term(p), _term(o)) for s, p, o in dataset.triples((None, None, None))}


def assert_files_read_back_alike(folder: Path) -> None:
    """Every file parses with Oxigraph and rdflib, to the same triples; the four files of each
    published graph (the article's, the catalogue's) agree."""
    for name in {path.name.partition(".")[0] for path in folder.iterdir()}:
        _assert_read_back_alike(sorted(folder.glob(f"{name}.*")))


def _assert_read_back_alike(paths: list[Path]) -> None:
    readings = []
    pages = []
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".html":  # schema.org structured data: checked against the graph below
            pages.append(embed_triples(extract_json(data.decode("utf-8"))))
            continue
        if path.name.endswith(".ninjs.json"):  # not RDF: valid against IPTC's schema
            assert check_ninjs(json.loads(data)) == [], path.name
            continue
        fmt = {
            ".ttl": ("turtle", ox.RdfFormat.TURTLE),
            ".trig": ("trig", ox.RdfFormat.TRIG),
            ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
        }[path.suffix]
        by_oxigraph, by_rdflib = _oxigraph_triples(data, fmt[1]), _rdflib_triples(data, fmt[0])
        assert by_oxigraph == by_rdflib, (path.name, by_oxigraph ^ by_rdflib)
        if path.suffix == ".trig":  # the article's graph, and apart from it the evidence graph
            by_oxigraph = _oxigraph_triples(data, fmt[1], skip_evidence=True)
        readings.append(by_oxigraph)
    assert readings and all(r == readings[0] for r in readings)
    values = {(s[1], p[1], o[1]) for s, p, o in readings[0]}  # (kind, value, ...) terms: values only
    for page in pages:
        # every value the page gives is the graph's (its url is also the main entity of the page)
        assert {(s, p.replace("mainEntityOfPage", "url"), o) for s, p, o in page} <= values


@pytest.fixture(scope="module")
def exact_literals():
    """rdflib must keep lexical forms as written to be compared (it rewrites some by default)."""
    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    yield
    rdflib.NORMALIZE_LITERALS = before


@given(data=st.data())
@FUZZ
def test_damaged_documents_never_crash_and_never_publish_bad_files(data, tmp_path_factory, seed_data, exact_literals):
    folder = tmp_path_factory.mktemp("story")
    shutil.copy(SEED_TEXT, folder / SEED_TEXT.name)
    shutil.copytree(CATALOGUE, folder / "catalogue")
    out = folder / "out"
    shutil.copytree(OUTPUT, out)
    before = _digest(out)
    story, form = data.draw(damaged_documents(seed_data))
    path = _write(folder, story, form)

    validated = invoke("validate", str(path))
    assert_clean_exit(validated, {0, 1, 2})
    built = invoke("build", str(path), "--out", str(out), "--verify-output")
    assert_clean_exit(built, {0, 1, 2})
    assert (validated.exit_code == 0) == (built.exit_code == 0), (validated.output, built.output)
    event(f"build exit {built.exit_code}")
    if built.exit_code != 0:
        assert _digest(out) == before
        return
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert_files_read_back_alike(out)


@given(data=st.data())
@FUZZ
def test_damaged_catalogues_never_crash_and_never_publish_bad_files(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("newsroom")
    catalogue = folder / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    people = yaml.safe_load((CATALOGUE / "people.yaml").read_text(encoding="utf-8"))
    written = _write(folder, *data.draw(damaged_documents(people)))
    (catalogue / "people.yaml").unlink()
    written.rename(catalogue / f"people{written.suffix}")
    out = folder / "out"
    shutil.copytree(OUTPUT, out)
    before = _digest(out)

    validated = invoke("catalogue", "validate", str(catalogue))
    assert_clean_exit(validated, {0, 1, 2})
    built = invoke("catalogue", "build", str(catalogue), "--out", str(out), "--verify-output")
    assert_clean_exit(built, {0, 1, 2})
    assert (validated.exit_code == 0) == (built.exit_code == 0), (validated.output, built.output)
    event(f"catalogue build exit {built.exit_code}")
    if built.exit_code != 0:
        assert _digest(out) == before
        return
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert_files_read_back_alike(out)


# -- Wikidata replies ---------------------------------------------------------------------------

#: A story written for the tests: one state, reconciled to Q30.
TEST_STORY = yaml.safe_load((DATA / "stories" / "test-united-states.yaml").read_text(encoding="utf-8"))
#: The real Q30 entity, with only the statements newsgraph reads (the whole one is 650 kB).
SMALL_Q30 = {**Q30, "claims": {p: Q30["claims"][p] for p in ("P31", "P6")}, "sitelinks": {}}


@pytest.fixture(scope="module")
def wikidata():
    server = FakeWikidata()
    yield server
    server.shutdown()


@st.composite
def damaged_replies(draw, reply: dict) -> Any:
    if draw(st.integers(0, 9)) == 0:  # sometimes not even an object
        return draw(VALUES)
    data = copy.deepcopy(reply)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(VALUES | st.sampled_from(["Q1", "Q30", {"code": "x"}, {"value": 1}]))
    return data


@given(data=st.data())
@FUZZ
def test_damaged_wikidata_replies_give_exit_3_and_keep_the_snapshot(data, wikidata, tmp_path_factory):
    folder = tmp_path_factory.mktemp("refresh")
    story = folder / "story.json"
    story.write_text(json.dumps(TEST_STORY), encoding="utf-8")
    snapshot = folder / "snapshot.json"
    good = Snapshot("2026-11-01", {"Q30": Snapshot.packaged().get("Q30")})
    snapshot.write_text(good.dumps(), encoding="utf-8")
    before = snapshot.read_bytes()
    wikidata.queue.clear()
    wikidata.answer_next(
        body=json.dumps(
            data.draw(damaged_replies({"entities": {"Q30": SMALL_Q30}, "success": 1})), ensure_ascii=True
        ).encode()
    )
    env = {"NEWSGRAPH_WIKIDATA_API": wikidata.url, "NEWSGRAPH_CONTACT": "dev@example.org"}
    result = invoke("wikidata", "refresh", str(story), "--out", str(snapshot), "--no-cache", env=env)
    assert_clean_exit(result, {0, 1, 3})
    event(f"refresh exit {result.exit_code}")
    if result.exit_code != 0:
        assert snapshot.read_bytes() == before
    else:  # accepted: it is a whole snapshot that lost nothing
        assert good.losses(Snapshot.from_file(snapshot)) == []


@given(data=st.data())
@FUZZ
def test_damaged_search_replies_give_exit_3(data, wikidata, tmp_path_factory):
    folder = tmp_path_factory.mktemp("link")
    story = folder / "story.json"
    unreconciled = copy.deepcopy(TEST_STORY)
    del unreconciled["entities"][0]["wikidata"]
    story.write_text(json.dumps(unreconciled), encoding="utf-8")
    wikidata.queue.clear()
    search = json.loads((SHAPES / "gimme_wikidata.sample_search.json").read_text(encoding="utf-8"))
    wikidata.answer_next(body=json.dumps(data.draw(damaged_replies(search)), ensure_ascii=True).encode())
    env = {"NEWSGRAPH_WIKIDATA_API": wikidata.url, "NEWSGRAPH_CONTACT": "dev@example.org"}
    result = invoke("link", str(story), "--live", "--no-cache", env=env)
    assert_clean_exit(result, {0, 3})
    event(f"link exit {result.exit_code}")


_KEYS = st.sampled_from(["base_iri", "license", "wikidata_contact", "snapshot", "base", "", "a.b", "ü"])
_VALUES = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40),
    st.sampled_from(["https://news.example/", "https://news.example", "javascript:alert(1)", "../snap.json"]),
    st.integers(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
)


@FUZZ
@given(
    entries=st.dictionaries(_KEYS, _VALUES, max_size=4),
    raw=st.one_of(st.none(), st.binary(max_size=60), st.text(max_size=60)),
)
def test_any_newsgraph_toml_is_read_or_refused_cleanly(tmp_path_factory, entries, raw):
    # whatever a newsroom's file holds: a configuration, or an InputError naming the file
    from newsgraph.errors import InputError
    from newsgraph.stories.config import Config, read_config

    path = tmp_path_factory.mktemp("newsroom") / "newsgraph.toml"
    if raw is None:  # TOML written by hand: JSON's strings, numbers and arrays are TOML's too
        lines = [
            f"{json.dumps(key)} = {str(value).lower() if isinstance(value, bool) else json.dumps(value)}"
            for key, value in entries.items()
        ]
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    else:
        path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
    try:
        config = read_config(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert isinstance(config, Config)
        if config.base_iri:
            assert config.base_iri.startswith(("http://", "https://")) and config.base_iri.endswith("/")
