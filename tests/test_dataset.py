"""`newsgraph dataset`: a VoID and DCAT description whose numbers match the store."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import rdflib

from .conftest import DATA, SEED, copy_seed, invoke

VOID = "http://rdfs.org/ns/void#"
NEWSROOM = DATA / "newsroom" / "stories"


def test_the_description_counts_what_the_store_holds(tmp_path):
    out = tmp_path / "dataset.ttl"
    stories = [str(SEED), *map(str, sorted(NEWSROOM.glob("*.yaml")))]
    run = invoke("dataset", *stories, "--out", str(out))
    assert run.exit_code == 0, run.output
    assert invoke("load", str(SEED), *stories[1:], "--store", str(tmp_path / "store")).exit_code in (0, 4)
    store = ox.Store(str(tmp_path / "store"))
    described = rdflib.Graph().parse(out, format="turtle")  # and Oxigraph reads it too
    ox.parse(out.read_bytes(), format=ox.RdfFormat.TURTLE)
    dataset = rdflib.URIRef("https://newsgraph.example/dataset")
    subsets = set(described.objects(dataset, rdflib.URIRef(VOID + "subset")))
    assert len(subsets) >= 5  # two articles' graphs and evidence graphs, the seed's, the catalogue
    total = 0
    for graph in subsets:
        [count] = described.objects(graph, rdflib.URIRef(VOID + "triples"))
        stored = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))))
        if not str(graph).endswith("/catalogue"):  # two newsrooms' catalogues share one graph name
            assert int(count) == stored, graph
        total += int(count)
    assert int(next(described.objects(dataset, rdflib.URIRef(VOID + "triples")))) == total
    languages = {str(o) for o in described.objects(dataset, rdflib.URIRef("http://purl.org/dc/terms/language"))}
    assert languages == {"http://id.loc.gov/vocabulary/iso639-1/el", "http://id.loc.gov/vocabulary/iso639-1/en"}
    vocabularies = {str(o) for o in described.objects(dataset, rdflib.URIRef(VOID + "vocabulary"))}
    assert {"http://schema.org/", "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#"} <= vocabularies


def test_the_newsrooms_configuration_says_title_publisher_licence_endpoint_and_dump(tmp_path):
    story = copy_seed(tmp_path, "story.yaml")
    (tmp_path / "newsgraph.toml").write_text(
        'catalogue = "catalogue"\ntitle = "in.gr archive (written for the tests)"\n'
        'publisher = "https://www.in.gr/"\nlicense = "https://creativecommons.org/licenses/by/4.0/"\n'
        'sparql_endpoint = "https://data.example/sparql"\ndump_url = "https://data.example/archive.nq.gz"\n'
        'copyright_notice = "© in.gr (written for the tests)"\n',
        encoding="utf-8",
    )
    out = tmp_path / "dataset.ttl"
    assert invoke("dataset", str(story), "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    for expected in (
        '"in.gr archive (written for the tests)"@en',
        "dcterms:publisher <https://www.in.gr/>",
        "dcterms:license <https://creativecommons.org/licenses/by/4.0/>",
        "void:sparqlEndpoint <https://data.example/sparql>",
        "void:dataDump <https://data.example/archive.nq.gz>",
        'dcterms:rights "© in.gr (written for the tests)"',
        'dcterms:modified "2025-12-11"^^xsd:date',
    ):
        assert expected in text


def test_the_same_articles_give_the_same_description_in_any_process(tmp_path):
    texts = []
    for n in range(2):
        out = tmp_path / f"{n}.ttl"
        command = [sys.executable, "-m", "newsgraph", "dataset", str(SEED), "--out", str(out)]
        subprocess.run(command, check=True, capture_output=True)
        texts.append(out.read_bytes())
    assert texts[0] == texts[1]


def test_inputs_that_fail_are_left_out_and_said(tmp_path, story_copy):
    broken = story_copy(lambda d: d["entities"][0]["evidence"][0].update(text="Putin"))
    out = tmp_path / "dataset.ttl"
    run = invoke("dataset", str(broken), "--out", str(out))
    assert run.exit_code == 1 and "nothing described" in run.output and not out.exists()
    run = invoke("dataset", str(broken), str(SEED), "--out", str(out))
    assert run.exit_code == 4 and "invalid" in run.output and out.exists()
