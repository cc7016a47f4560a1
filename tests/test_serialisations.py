"""Each serialisation: Turtle in three independent parsers, JSON-LD round trip, TriG, HTML, bytes."""

from __future__ import annotations

import html.parser
import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import newsgraph
from newsgraph.publishing.catalogue_graph import build_catalogue
from newsgraph.writing import jsonld
from newsgraph.writing.embed import extract_json

from .conftest import CATALOGUE, DATA, OUTPUT, SEED, SEED_SLUG, require_tool, run_cli


@pytest.fixture(scope="module", params=["article", "catalogue"])
def published(request, seed_result):
    """What ``build`` publishes for the seed: the article, and its newsroom's catalogue."""
    if request.param == "article":
        return seed_result
    return build_catalogue(newsgraph.load_catalogue(CATALOGUE))


def oxigraph_triples(data: str, fmt: ox.RdfFormat) -> set[str]:
    return {str(t) for t in ox.parse(data.encode("utf-8"), format=fmt)}


def test_turtle_parses_in_oxigraph_with_the_built_triples(published):
    parsed = oxigraph_triples(published.turtle, ox.RdfFormat.TURTLE)
    assert parsed == {str(t) for t in published.mapped.triples}


@pytest.mark.parametrize(
    "tool, command",
    [
        ("rapper", ["rapper", "-q", "-i", "turtle", "-o", "ntriples", "-"]),
        ("serdi", ["serdi", "-i", "turtle", "-o", "ntriples", "-"]),
    ],
)
def test_turtle_parses_in_c_parsers_to_the_same_triples(published, tool, command):
    require_tool(tool)
    args = command[:-1] + ([command[-1], "https://newsgraph.example/"] if tool == "rapper" else [command[-1]])
    run = subprocess.run(args, input=published.turtle.encode("utf-8"), capture_output=True, check=False)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stderr.decode().strip() == ""
    parsed = oxigraph_triples(run.stdout.decode("utf-8"), ox.RdfFormat.N_TRIPLES)
    assert parsed == {str(t) for t in published.mapped.triples}


def test_trig_holds_the_articles_graph_and_its_evidence_graph_exactly(seed_result):
    quads = list(ox.parse(seed_result.trig.encode(), format=ox.RdfFormat.TRIG))
    facts, evidence = seed_result.graph_iri, seed_result.graph_iri + "/evidence"
    assert {q.graph_name.value for q in quads} == {facts, evidence}
    assert {str(q.triple) for q in quads if q.graph_name.value == facts} == {str(t) for t in seed_result.mapped.triples}
    assert {str(q.triple) for q in quads if q.graph_name.value == evidence} == {
        str(t) for t in seed_result.mapped.evidence_triples
    }
    assert "oa:hasTarget" not in seed_result.turtle  # the Turtle is the facts alone


def test_trig_parses_in_serdi(published):
    require_tool("serdi")
    run = subprocess.run(
        ["serdi", "-i", "trig", "-o", "nquads", "-"], input=published.trig.encode(), capture_output=True, check=False
    )
    assert run.returncode == 0, run.stderr.decode()
    quads = list(ox.parse(run.stdout, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(published.mapped.triples) + len(published.mapped.evidence_triples)


def test_jsonld_expanded_offline_with_the_bundled_context_gives_the_turtles_triples(published):
    nquads = jsonld.to_nquads_with_pyld(json.loads(published.jsonld))
    from_jsonld = {str(q.triple) for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}
    assert from_jsonld == oxigraph_triples(published.turtle, ox.RdfFormat.TURTLE)


def test_jsonld_and_turtle_are_isomorphic_in_rdflib_too(seed_result):
    dataset = rdflib.Dataset().parse(data=seed_result.jsonld, format="json-ld")
    from_jsonld = dataset.graph(rdflib.URIRef(seed_result.graph_iri))
    assert len(dataset.default_graph) == 0  # everything is in the article's named graph, as in the TriG
    from_turtle = rdflib.Graph().parse(data=seed_result.turtle, format="turtle")
    assert len(from_turtle) == len(seed_result.mapped.triples)
    assert isomorphic(from_jsonld, from_turtle)


def test_jsonld_is_exactly_pylds_compaction_with_the_bundled_context(seed_result):
    reference = jsonld.compact_with_pyld(seed_result.mapped)
    assert jsonld.dumps(reference) == seed_result.jsonld


def test_jsonld_embeds_its_context_and_references_nothing_remote(seed_result):
    doc = json.loads(seed_result.jsonld)
    assert doc["@context"] == jsonld.CONTEXT
    assert "schema.org" not in json.dumps(doc["@context"]).replace("http://schema.org/", "")


def _chain(exc):
    while exc is not None:
        yield exc
        exc = exc.__cause__ or getattr(exc, "cause", None)


def test_the_offline_loader_refuses_remote_contexts_without_touching_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    remote = {"@context": "https://schema.org/", "@id": "https://ex.org/a", "name": "x"}
    with pytest.raises(Exception) as caught:
        jsonld.expand(remote)
    messages = [str(e) for e in _chain(caught.value)]
    assert any("Refusing to load remote document https://schema.org/" in m for m in messages), messages
    # pyld's own error type for a document that cannot be loaded, so that callers can tell it apart
    refused = [e for e in _chain(caught.value) if "Refusing to load" in str(e)]
    assert [getattr(e, "type", None) for e in refused] == ["jsonld.LoadDocumentError"]
    assert refused[0].code == "loading document failed"


def test_rdflib_dataset_holds_the_named_graph_with_lexical_forms_kept(seed_result):
    ds = seed_result.dataset
    graph = ds.graph(rdflib.URIRef(seed_result.graph_iri))
    assert len(graph) == len(seed_result.mapped.triples)
    assert isomorphic(graph, rdflib.Graph().parse(data=seed_result.turtle, format="turtle"))
    assert dict(ds.namespaces())["schema"] == rdflib.URIRef("http://schema.org/")
    dates = {str(o) for o in graph.objects(None, rdflib.URIRef("http://schema.org/startDate"))}
    assert {"2025-11-21", "2025-11", "2025"} <= dates


class _Scripts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.other_tags: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        else:
            self.other_tags.append(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def handle_comment(self, data):
        self.other_tags.append("<!--")


HOSTILE = 'Τίτλος </script><script>alert("x")</script> <!-- & \u2028 \u2029 </SCRIPT >'


def test_html_embed_survives_hostile_text(story_copy):
    def hostile(data):
        data["article"]["headline"] = HOSTILE
        data["entities"][0]["description"] = {"en": "<!--<script>", "el": "]]> & &amp; </script"}

    result = newsgraph.build(newsgraph.load_story(story_copy(hostile)))
    page = f"<html><body>{result.html}</body></html>"
    parser = _Scripts()
    parser.feed(page)
    assert len(parser.scripts) == 1 and parser.other_tags == ["html", "body"]
    assert json.loads(parser.scripts[0]) == result.structured_data
    assert json.loads(extract_json(result.html)) == result.structured_data
    assert result.structured_data["headline"] == HOSTILE
    for bad in ("</script", "</SCRIPT", "<!--", "<script", "&", "\u2028"):
        assert bad not in result.html.split("\n", 1)[1].rsplit("</script>", 1)[0]


def test_seed_html_embed_round_trips(seed_result):
    assert seed_result.html.startswith('<script type="application/ld+json">\n')
    assert json.loads(extract_json(seed_result.html)) == seed_result.structured_data


def test_building_twice_in_separate_processes_gives_identical_bytes(tmp_path):
    for n, seed in enumerate(("0", "12345")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-m", "newsgraph", "build", str(SEED), "--out", str(tmp_path / str(n))],
            capture_output=True,
            text=True,
            env=env,
        )
        assert run.returncode == 0, run.stderr
    for suffix in (".jsonld", ".ttl", ".trig", ".html"):
        name = SEED_SLUG + suffix
        assert (tmp_path / "0" / name).read_bytes() == (tmp_path / "1" / name).read_bytes(), name


def test_published_output_folder_is_up_to_date(tmp_path):
    # in this process (so that tools tracing what the tests run see it) and as a user runs it
    built = newsgraph.build(newsgraph.load_story(SEED)).file_bytes()
    assert {name: (OUTPUT / name).read_bytes() for name in built} == built
    run = run_cli("build", str(SEED), "--out", str(tmp_path))
    assert run.returncode == 0, run.stderr
    for path in sorted(tmp_path.iterdir()):
        published = OUTPUT / path.name
        assert published.exists(), f"output/{path.name} is missing: run newsgraph build {SEED.name} --out output"
        assert published.read_bytes() == path.read_bytes(), f"output/{path.name} is stale: rebuild it"
    assert {p.name for p in OUTPUT.iterdir() if not p.name.startswith(".")} == {p.name for p in tmp_path.iterdir()}


def test_fast_json_text_is_what_the_standard_library_writes(seed_result):
    import json as stdlib

    hostile = {"a": 'x\u0007\x7f\u2028\u2029</script>&<!--"\\/\U0001f600 Ελληνικά', "b": [1, {"c": []}, {}], "é": True}
    for document in (seed_result.jsonld_document, hostile):
        assert jsonld.dumps(document) == stdlib.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize(
    "value",
    [
        "C:\\new",
        "a\rb",
        "a\r\nb",
        "tab\there",
        'say "no"',
        "back\\\\slash",
        "\\u0041",
        "end\\",
        "line\nbreak",
        "\b\f",
        "Ελληνικά \U0001f600",
    ],
)
def test_every_literal_reads_back_as_written_in_turtle_and_ntriples(value):
    from newsgraph.mapping.article import Lit
    from newsgraph.writing.turtle import ntriples_text, turtle_text

    nodes = {
        "https://ex.org/a": {"http://schema.org/name": (Lit(value, "el"),), "http://schema.org/text": (Lit(value),)}
    }
    for text, fmt in (
        (turtle_text(nodes, {"schema": "http://schema.org/"}), ox.RdfFormat.TURTLE),
        (ntriples_text(nodes), ox.RdfFormat.N_TRIPLES),
    ):
        values = {q.object.value for q in ox.parse(text.encode("utf-8"), format=fmt)}
        assert values == {value}, text


@pytest.mark.parametrize("local", ["x.", "a.b", "-x", "x-", "_x", "1x", "x/y", "x#y", "x%20y", "é"])
def test_a_name_is_prefixed_only_where_turtle_allows_it(local):
    from newsgraph.writing.turtle import turtle_text

    iri = "http://schema.org/" + local
    nodes = {"https://ex.org/a": {iri: (iri,)}}
    text = turtle_text(nodes, {"schema": "http://schema.org/"})
    [quad] = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert quad.predicate.value == quad.object.value == iri, text


def test_the_offline_loader_serves_the_bundled_context_as_pyld_expects_it():
    from pyld import jsonld as pyld

    from newsgraph.writing.jsonld import CONTEXT, CONTEXT_URL, document_loader

    remote = document_loader(CONTEXT_URL)
    assert remote == {"contextUrl": None, "documentUrl": CONTEXT_URL, "document": {"@context": CONTEXT}}
    # a document that refers to the context by its URL expands with it, offline
    document = {"@context": CONTEXT_URL, "@id": "https://ex.org/a", "@type": "Person", "name": {"el": "Άννα"}}
    expanded = pyld.expand(document, {"documentLoader": document_loader})
    assert expanded == [
        {
            "@id": "https://ex.org/a",
            "@type": ["http://schema.org/Person"],
            "http://schema.org/name": [{"@language": "el", "@value": "Άννα"}],
        }
    ]


def test_the_turtle_writer_remembers_vocabulary_not_an_article_s_own_iris(seed_result):
    from newsgraph.writing import turtle

    turtle.turtle_text(seed_result.mapped.nodes, seed_result.prefixes)
    remembered = {iri for cache in turtle._SHARED.values() for iri in cache}
    assert "http://schema.org/Person" in remembered
    # the article's IRIs recur in no other article: remembering them would only grow a batch's memory
    assert not any(iri.startswith(seed_result.mapped.prefix) for iri in remembered)


def test_articles_with_the_same_vocabulary_share_one_memory_of_it(seed_result, tmp_path):
    from newsgraph.writing import turtle

    other = newsgraph.build(newsgraph.load_story(DATA / "stories" / "test-every-field.yaml"))
    turtle._SHARED.clear()
    for result in (seed_result, other):
        turtle.turtle_text(result.mapped.nodes, {**result.prefixes, "thing": seed_result.prefixes["thing"]})
    # the two differ in their own prefix (art:) only: one memory of the vocabulary, not one each
    assert len(turtle._SHARED) == 1
