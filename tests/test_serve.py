"""`newsgraph serve`: every IRI newsgraph mints answers a real HTTP client in the media type it
asks for, and its pages open in headless Chromium with links that can be followed."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
import requests
import yaml

from newsgraph.resources import read_text

from .conftest import DATA, OUTPUT, SEED_SLUG, chromium, console_errors, copy_seed, invoke
from .servers import free_port

BASE = "https://newsgraph.example/"
HOSTILE = "<script>alert(1)</script>\u202eevil"
#: A resource of each kind: its path, and a triple its description must hold.
RESOURCES = {
    "article": f"article/{SEED_SLUG}",
    "thing": "thing/lukashenko",
    "graph": f"graph/{SEED_SLUG}",
    "evidence": f"graph/{SEED_SLUG}/evidence",
    "catalogue": "graph/catalogue",
    "ontology": "ns",
}
MEDIA = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
RDFLIB = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}


#: The store each server serves (by its URL), for the static site's tests.
served_stores: dict[str, object] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """A server over a store holding the seed, the test newsroom's two articles and a story (written
    for the tests) whose headline and a name carry markup and a right-to-left override."""
    folder = tmp_path_factory.mktemp("served")
    hostile = copy_seed(folder / "hostile", "hostile.yaml")
    data = yaml.safe_load(hostile.read_text(encoding="utf-8"))
    data["article"]["slug"] = "test-hostile-names"
    data["article"]["headline"] = HOSTILE
    next(e for e in data["entities"] if e.get("id") == "western-governments")["description"] = {"en": HOSTILE}
    hostile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stories = [str(copy_seed(folder / "seed")), *map(str, sorted((DATA / "newsroom" / "stories").glob("*.yaml")))]
    store = folder / "store"
    assert invoke("load", *stories, "--store", str(store)).exit_code in (0, 4)
    assert invoke("load", str(hostile), "--store", str(store)).exit_code == 0
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--store", str(store), "--port", str(port)],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    served_stores[url] = store
    try:
        for _ in range(100):
            try:
                requests.get(url + "context.jsonld", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail(process.stderr.read().decode() if process.poll() is not None else "the server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def iri(path: str) -> str:
    return BASE + path


@pytest.mark.parametrize("kind", sorted(RESOURCES))
@pytest.mark.parametrize("media", sorted(MEDIA))
def test_every_kind_of_iri_answers_in_every_rdf_media_type(server, kind, media):
    path = RESOURCES[kind]
    answer = requests.get(server + path, headers={"Accept": media}, allow_redirects=False, timeout=10)
    assert answer.status_code == 303 and answer.headers["Vary"] == "Accept"
    extension = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}[media]
    assert answer.headers["Location"] == f"/{path}.{extension}"
    document = requests.get(server + path, headers={"Accept": media}, timeout=10)
    assert document.status_code == 200 and document.headers["Content-Type"].startswith(media)
    triples = list(ox.parse(document.content, format=MEDIA[media]))
    assert len(triples) == len(rdflib.Graph().parse(data=document.content, format=RDFLIB[media])) > 0
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    if kind in ("article", "thing", "ontology"):  # a graph is described by its triples, not as a subject
        assert iri(path) in subjects


def test_an_article_is_its_published_graph(server):
    served = ox.Dataset(
        ox.parse(requests.get(server + RESOURCES["article"] + ".nt", timeout=10).content, format=ox.RdfFormat.N_TRIPLES)
    )
    published = ox.Dataset(ox.parse(path=str(OUTPUT / f"{SEED_SLUG}.ttl"), format=ox.RdfFormat.TURTLE))
    assert {str(q) for q in served} == {str(q) for q in published}


def test_a_thing_gathers_what_every_article_and_the_catalogue_say(server):
    turtle = requests.get(server + "thing/lukashenko.ttl", timeout=10).text
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    names = {
        str(o) for o in graph.objects(rdflib.URIRef(iri("thing/lukashenko")), rdflib.URIRef("http://schema.org/name"))
    }
    assert names == {"Alexander Lukashenko", "Αλεξάντερ Λουκασένκο"}
    page = requests.get(server + "thing/lukashenko.html", timeout=10).text
    for graph_name in ("catalogue", SEED_SLUG, "test-a-lukashenko-receives-envoy", "test-b-lukashenko-meets-envoy"):
        assert f'href="/graph/{graph_name}"' in page  # where each statement comes from


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("article/no-such-article", {}, 404),
        ("thing/nobody", {}, 404),
        ("article/Not_A_Slug", {}, 404),
        ("../../etc/passwd", {}, 404),
        ("%2e%2e/%2e%2e/etc/passwd", {}, 404),
        ("article/x/../../../etc/passwd", {}, 404),
        ("thing/lukashenko", {"Accept": "image/png"}, 406),
        ("thing/lukashenko", {"Accept": "text/html;q=0"}, 406),
        ("thing/lukashenko.pdf", {}, 404),
    ],
)
def test_unknown_iris_and_unmet_accept_headers(server, path, headers, status):
    answer = requests.get(server + path, headers=headers, allow_redirects=False, timeout=10)
    assert answer.status_code == status
    assert "root:" not in answer.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_get_and_head(server, method):
    answer = requests.request(method, server + "thing/lukashenko", timeout=10)
    assert answer.status_code == 405 and set(answer.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    assert requests.head(server + "thing/lukashenko.ttl", timeout=10).status_code == 200


def test_the_dataset_description_and_the_context(server):
    void = rdflib.Graph().parse(data=requests.get(server + ".well-known/void", timeout=10).text, format="turtle")
    subsets = set(void.objects(rdflib.URIRef(iri("dataset")), rdflib.URIRef("http://rdfs.org/ns/void#subset")))
    assert rdflib.URIRef(iri(f"graph/{SEED_SLUG}")) in subsets and rdflib.URIRef(iri("graph/catalogue")) in subsets
    [count] = void.objects(rdflib.URIRef(iri(f"graph/{SEED_SLUG}")), rdflib.URIRef("http://rdfs.org/ns/void#triples"))
    assert int(count) == len(list(ox.parse(path=str(OUTPUT / f"{SEED_SLUG}.ttl"), format=ox.RdfFormat.TURTLE)))
    context = requests.get(server + "context.jsonld", timeout=10)
    assert context.headers["Content-Type"].startswith("application/ld+json")
    assert context.text == read_text("schemas/newsgraph-context.jsonld")


def test_the_sparql_endpoint_answers_reads_and_refuses_the_rest(server):
    catalogue, lukashenko = iri("graph/catalogue"), iri("thing/lukashenko")
    query = f"SELECT ?name WHERE {{ GRAPH <{catalogue}> {{ <{lukashenko}> <http://schema.org/name> ?name }} }}"
    answer = requests.get(server + "sparql", params={"query": query}, timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/sparql-results+json")
    assert {b["name"]["value"] for b in answer.json()["results"]["bindings"]} == {
        "Alexander Lukashenko",
        "Αλεξάντερ Λουκασένκο",
    }
    assert (
        requests.get(server + "sparql", params={"query": "INSERT DATA { <x:a> <x:b> <x:c> }"}, timeout=10).status_code
        == 400
    )
    assert requests.get(server + "sparql", params={"query": "SELECT ?x WHERE {"}, timeout=10).status_code == 400
    assert requests.get(server + "sparql", params={"query": "#" * 20_000}, timeout=10).status_code == 413
    assert requests.get(server + "sparql", timeout=10).status_code == 400


def test_names_with_markup_and_direction_overrides_are_escaped(server):
    page = requests.get(server + "article/test-hostile-names.html", timeout=10).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("path", [RESOURCES["article"], "thing/lukashenko", "test-hostile-names"])
def test_pages_open_in_a_browser_with_links_that_can_be_followed(server, path, tmp_path):
    if path == "test-hostile-names":
        path = "article/test-hostile-names"
    run = chromium(server + path, "--dump-dom")  # the browser asks for text/html first: 303 to the page
    assert run.returncode == 0
    assert console_errors(run.stderr) == []
    assert "<script>alert" not in run.stdout
    links = sorted(set(re.findall(r'href="(/[^"#]+)', run.stdout)))
    assert links
    for link in links[:15]:
        answer = requests.get(server + link.lstrip("/"), headers={"Accept": "text/html"}, timeout=10)
        assert answer.status_code == 200, link
    shot = tmp_path / "page.png"
    assert chromium(server + path, f"--screenshot={shot}", "--window-size=1300,900").returncode == 0
    assert shot.stat().st_size > 10_000


def test_serve_needs_a_store(tmp_path):
    run = invoke("serve", "--store", str(tmp_path / "none"))
    assert run.exit_code == 2 and "no store here" in run.output


def test_the_static_site_holds_what_the_server_answers(server, tmp_path):
    site = tmp_path / "site"
    run = invoke("site", str(site), "--store", str(served_stores[server]))
    assert run.exit_code == 0, run.output
    for kind, path in RESOURCES.items():
        for extension in ("ttl", "nt", "jsonld", "html"):
            document = site / f"{path}.{extension}"
            assert document.read_bytes() == requests.get(f"{server}{path}.{extension}", timeout=10).content, (
                kind,
                extension,
            )
    assert (site / "thing" / "belta.ttl").exists() and (site / "context.jsonld").exists()
    void = rdflib.Graph().parse(site / ".well-known" / "void", format="turtle")
    assert len(void) > 10
    htaccess, nginx = (site / ".htaccess").read_text(), (site / "nginx.conf.example").read_text()
    assert "R=303" in htaccess and "Vary Accept" in htaccess
    assert "return 303" in nginx and "add_header Vary Accept" in nginx
