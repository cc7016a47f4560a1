"""Loading into real servers: Oxigraph (from PyPI) and Virtuoso (from Debian), on loopback.

The same load and query tests run on both engines; the fault tests run against Oxigraph.
"""

from __future__ import annotations

import dataclasses
import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest
import requests

import newsgraph
from newsgraph.store.graphstore import RemoteStore, auth_from
from newsgraph.store.loading import Payload, load_articles

from .answers import check_all
from .conftest import REQUIRE_TOOLS, SEED, run_cli
from .servers import OxigraphServer, VirtuosoServer, free_port, oxigraph_binary


def _available(name: str) -> bool:
    found = oxigraph_binary() if name == "oxigraph" else shutil.which("virtuoso-t")
    if not found and REQUIRE_TOOLS:
        pytest.fail(f"{name} is not installed (.ci/run installs it)")
    return bool(found)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory):
    if not _available(request.param):
        pytest.skip(f"{request.param} is not installed")
    cls = OxigraphServer if request.param == "oxigraph" else VirtuosoServer
    srv = cls(tmp_path_factory.mktemp(request.param)).start()
    yield srv
    srv.stop()


def remote(srv) -> RemoteStore:
    auth = auth_from("dba", "dba", scheme="digest") if isinstance(srv, VirtuosoServer) else None
    return RemoteStore(srv.query_url, graph_store=srv.graph_store_url, auth=auth, retries=1, backoff=0.1)


def env_for(srv):
    return srv.environment() if isinstance(srv, VirtuosoServer) else None


def test_load_then_the_shipped_questions_answer_as_expected(server, seed_result):
    run = run_cli("load", str(SEED), *server.options(), env=env_for(server))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 of 1 article loaded" in run.stdout
    assert "dba" not in run.stdout + run.stderr.replace("--user dba", "")
    with remote(server) as store:
        assert store.count_triples(seed_result.graph_iri) == len(seed_result.mapped.triples)
        check_all(store)


def test_loading_twice_leaves_the_same_triple_count(server, seed_result):
    for _ in range(2):
        run = run_cli("load", str(SEED), *server.options(), env=env_for(server))
        assert run.returncode == 0, run.stderr
    with remote(server) as store:
        assert store.count_triples(seed_result.graph_iri) == len(seed_result.mapped.triples)
        graphs = {
            s["g"].value
            for s in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <http://schema.org/NewsArticle> } }")
        }
        assert graphs == {seed_result.graph_iri}


def test_query_command_against_the_server(server):
    assert run_cli("load", str(SEED), *server.options(), env=env_for(server)).returncode == 0
    run = run_cli(
        "query", "events-resting-on-unnamed-sources", "--format", "csv", *server.options(), env=env_for(server)
    )
    assert run.returncode == 0, run.stderr
    assert "maduro-trump-call" in run.stdout and "reuters-sources" in run.stdout


def test_a_smaller_version_replaces_the_graph_entirely(server, seed_result, story_copy):
    smaller = newsgraph.build(newsgraph.load_story(story_copy(lambda d: d.pop("claims"))))
    with remote(server) as store:
        [outcome] = load_articles(store, [Payload.from_result(smaller)])
        assert outcome.ok, outcome.error
        assert store.count_triples(smaller.graph_iri) == len(smaller.mapped.triples)
        [outcome] = load_articles(store, [Payload.from_result(seed_result)])
        assert outcome.ok and store.count_triples(seed_result.graph_iri) == len(seed_result.mapped.triples)


class Truncated(Payload):
    """A payload whose body is cut in the middle of a line, as a dropped connection would."""

    def ntriples(self) -> bytes:
        return super().ntriples()[:-5000]


def test_a_failed_put_is_reported_and_a_rerun_restores_the_graph(server, seed_result, story_copy):
    # Oxigraph keeps the previous graph on a failed PUT (see the fault test below); Virtuoso may
    # keep part of the new body. Either way the article is reported as failed and a re-run
    # leaves exactly the article's triples.
    smaller = newsgraph.build(newsgraph.load_story(story_copy(lambda d: d.pop("claims"))))
    with remote(server) as store:
        [outcome] = load_articles(store, [Truncated.from_result(smaller)])
        assert outcome.status == "failed"
        assert "HTTP 400" in outcome.error or "HTTP 500" in outcome.error, outcome.error
        [outcome] = load_articles(store, [Payload.from_result(seed_result)])
        assert outcome.ok
        assert store.count_triples(seed_result.graph_iri) == len(seed_result.mapped.triples)


def test_virtuoso_credentials(tmp_path):
    if not _available("virtuoso"):
        pytest.skip("virtuoso is not installed")
    srv = VirtuosoServer(tmp_path / "v").start()
    try:
        env = {**srv.environment(), "NEWSGRAPH_STORE_PASSWORD": "not-the-password-42"}
        run = run_cli("load", str(SEED), *srv.options(), env=env)
        assert run.returncode == 3, run.stderr
        assert "refused the credentials (HTTP 401)" in run.stderr
        assert "not-the-password-42" not in run.stdout + run.stderr
        basic = [o if o != "digest" else "basic" for o in srv.options()]
        run = run_cli("load", str(SEED), *basic, env=srv.environment())
        assert run.returncode == 3 and "--auth digest" in run.stderr
    finally:
        srv.stop()


# --- fault tests against the real Oxigraph server -------------------------------------------------


@pytest.fixture
def oxigraph(tmp_path):
    if not _available("oxigraph"):
        pytest.skip("oxigraph is not installed")
    srv = OxigraphServer(tmp_path / "oxigraph").start()
    yield srv
    srv.stop()


def test_server_not_running_is_a_clear_error_with_exit_3():
    port = free_port()  # nothing listens here
    started = time.monotonic()
    run = run_cli(
        "load",
        str(SEED),
        "--endpoint",
        f"http://127.0.0.1:{port}/query",
        "--graph-store",
        f"http://127.0.0.1:{port}/store",
        "--retries",
        "1",
    )
    assert run.returncode == 3, run.stdout + run.stderr
    assert f"cannot reach http://127.0.0.1:{port}/store" in run.stderr and "Connection refused" in run.stderr
    assert "0 of 1 article loaded" in run.stdout
    assert time.monotonic() - started < 30


def _corpus(seed_story, folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(n):
        story = dataclasses.replace(seed_story, article=dataclasses.replace(seed_story.article, slug=f"copy-{i:03d}"))
        result = newsgraph.build(story, check=False)
        path = folder / f"copy-{i:03d}.trig"
        path.write_text(result.trig, encoding="utf-8")
        paths.append(path)
    return paths


def _graph_sizes(srv) -> dict[str, int]:
    with RemoteStore(srv.query_url, graph_store=srv.graph_store_url) as store:
        result = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {s["g"].value: int(s["n"].value) for s in result}


def test_server_killed_mid_batch_then_rerun_completes_every_article_once(oxigraph, seed_story, seed_result, tmp_path):
    import subprocess
    import sys

    files = _corpus(seed_story, tmp_path / "corpus", 40)
    per_article, per_evidence = len(seed_result.mapped.triples), len(seed_result.mapped.evidence_triples)
    command = [sys.executable, "-m", "newsgraph", "load", *map(str, files), *oxigraph.options(), "--retries", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    loaded_before_kill = 0
    for line in process.stdout:
        if ": loaded " in line:
            loaded_before_kill += 1
        if loaded_before_kill == 10:
            oxigraph.kill()
            break
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 4, err
    assert "not attempted" in err and "cannot reach" in err
    oxigraph.start(keep_port=True)
    sizes = _graph_sizes(oxigraph)
    articles = {g: n for g, n in sizes.items() if not g.endswith("/evidence")}
    evidence = {g: n for g, n in sizes.items() if g.endswith("/evidence")}
    assert 10 <= len(articles) < 40 and set(articles.values()) == {per_article}, "no graph may be partial"
    assert set(evidence.values()) == {per_evidence}, "no graph may be partial"
    # the evidence goes first: an article's graph is never there without its evidence
    assert {g + "/evidence" for g in articles} <= set(evidence)
    rerun = run_cli("load", *map(str, files), *oxigraph.options())
    assert rerun.returncode == 0, rerun.stderr
    assert "40 of 40 articles loaded" in rerun.stdout
    sizes = _graph_sizes(oxigraph)
    assert len(sizes) == 80 and set(sizes.values()) == {per_article, per_evidence}


class _StandIn(http.server.ThreadingHTTPServer):
    """A small HTTP stand-in in front of the real server: answers the first ``failures`` PUTs
    itself with ``status`` (and ``headers``), and forwards everything else."""

    def __init__(self, upstream: str, status: int, failures: int, headers: dict | None = None):
        self.upstream, self.status, self.failures, self.headers = upstream, status, failures, headers or {}
        self.seen: list[tuple[str, float, dict]] = []
        super().__init__(("127.0.0.1", 0), _StandInHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class _StandInHandler(http.server.BaseHTTPRequestHandler):
    server: _StandIn

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append((self.command, time.monotonic(), dict(self.headers)))
        if self.command == "PUT" and self.server.failures > 0:
            self.server.failures -= 1
            self.send_response(self.server.status)
            for key, value in self.server.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "7")
            self.end_headers()
            self.wfile.write(b"go away")
            return
        answer = requests.request(
            self.command,
            self.server.upstream + self.path,
            data=body,
            headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
        )
        self.send_response(answer.status_code)
        for key in ("Content-Type",):
            if key in answer.headers:
                self.send_header(key, answer.headers[key])
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_PUT = do_POST = _forward  # noqa: N815 (http.server calls them by these names)

    def log_message(self, *args):
        pass


def test_503_then_success_is_retried(oxigraph, seed_result):
    stand_in = _StandIn(f"http://127.0.0.1:{oxigraph.port}", 503, failures=2)
    try:
        run = run_cli(
            "load", str(SEED), "--endpoint", stand_in.url + "/query", "--graph-store", stand_in.url + "/store"
        )
        assert run.returncode == 0, run.stderr
        # two refused, then the catalogue's graph, the evidence graph and the article's graph
        assert [m for m, _, _ in stand_in.seen].count("PUT") == 5
    finally:
        stand_in.shutdown()
    assert _graph_sizes(oxigraph)[seed_result.graph_iri] == len(seed_result.mapped.triples)


def test_429_waits_for_retry_after_capped(oxigraph, seed_result):
    stand_in = _StandIn(f"http://127.0.0.1:{oxigraph.port}", 429, failures=1, headers={"Retry-After": "3600"})
    try:
        store = RemoteStore(stand_in.url + "/query", graph_store=stand_in.url + "/store", retry_after_cap=1.5)
        [outcome] = load_articles(store, [Payload.from_result(seed_result)])
        assert outcome.ok, outcome.error
        puts = [t for m, t, _ in stand_in.seen if m == "PUT"]
        # refused, the evidence graph after the wait, then the article's graph
        assert len(puts) == 3 and 1.4 <= puts[1] - puts[0] < 10, "waited Retry-After, capped at 1.5 s"
    finally:
        stand_in.shutdown()


def test_a_store_that_keeps_failing_is_reported_and_exits_3(oxigraph):
    stand_in = _StandIn(f"http://127.0.0.1:{oxigraph.port}", 500, failures=100)
    try:
        run = run_cli(
            "load",
            str(SEED),
            "--endpoint",
            stand_in.url + "/query",
            "--graph-store",
            stand_in.url + "/store",
            "--retries",
            "2",
        )
        assert run.returncode == 3
        assert "the store still answered HTTP 500 after retries: go away" in run.stderr
        # the catalogue's graph and the article's, each tried three times
        assert [m for m, _, _ in stand_in.seen].count("PUT") == 6
        assert "0 of 1 article loaded; the catalogue was not loaded" in run.stdout
    finally:
        stand_in.shutdown()


def test_bearer_token_is_sent_and_never_printed(oxigraph, monkeypatch):
    stand_in = _StandIn(f"http://127.0.0.1:{oxigraph.port}", 401, failures=1)
    try:
        import os

        env = {**os.environ, "NEWSGRAPH_STORE_TOKEN": "s3cret-token-value"}
        run = run_cli(
            "load",
            str(SEED),
            "--endpoint",
            stand_in.url + "/query",
            "--graph-store",
            stand_in.url + "/store",
            "--jobs",
            "1",
            env=env,
        )
        # the first request (the catalogue's, loaded first) is refused; the article's goes through
        assert run.returncode == 4 and "catalogue: failed: " in run.stderr
        assert "refused the credentials (HTTP 401)" in run.stderr
        assert "1 of 1 article loaded; the catalogue was not loaded" in run.stdout
        assert "s3cret-token-value" not in run.stdout + run.stderr
        assert stand_in.seen[0][2].get("Authorization") == "Bearer s3cret-token-value"
    finally:
        stand_in.shutdown()


def test_a_body_that_fails_to_parse_leaves_the_previous_graph_intact(oxigraph, seed_result, story_copy):
    with RemoteStore(oxigraph.query_url, graph_store=oxigraph.graph_store_url) as store:
        assert load_articles(store, [Payload.from_result(seed_result)])[0].ok

        smaller = newsgraph.build(newsgraph.load_story(story_copy(lambda d: d.pop("claims"))))
        [outcome] = load_articles(store, [Truncated.from_result(smaller)])
        assert outcome.status == "failed" and "HTTP 400" in outcome.error and "Parser error" in outcome.error
        assert store.count_triples(seed_result.graph_iri) == len(seed_result.mapped.triples)


def test_the_cross_article_questions_answer_on_the_server_as_on_the_embedded_store(server, seed_result):
    # the seed and the test newsroom's two articles (written for the tests), with its catalogue:
    # one node per shared thing across the three graphs, each article's account apart
    from newsgraph.publishing.catalogue_graph import build_catalogue
    from newsgraph.store.loading import EmbeddedStore

    from .answers import answers
    from .test_catalogue import MEETING, NEWSROOM, THING, A, B

    built = [newsgraph.build(newsgraph.load_story(story)) for story in (A, B)]
    catalogue = build_catalogue(newsgraph.load_catalogue(NEWSROOM / "catalogue"))
    payloads = [Payload.from_result(r) for r in (seed_result, *built, catalogue)]
    embedded = EmbeddedStore(None)
    assert all(o.ok for o in load_articles(embedded, payloads))
    with remote(server) as store:
        assert all(o.ok for o in load_articles(store, payloads))
        for name in ("accounts-of-shared-events", "timeline-of-a-thing"):
            expected = answers(embedded, name)
            assert expected and answers(store, name) == expected, name
        accounts = answers(store, "accounts-of-shared-events")
        assert {row[2].rsplit("/", 1)[1] for row in accounts if row[0] == MEETING} == {
            "2025-12-11-putin-lukashenko-support-maduro",
            "test-a-lukashenko-receives-envoy",
            "test-b-lukashenko-meets-envoy",
        }
        graphs = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{THING}belta> a ?type }} }}")
        assert len(list(graphs)) == 4  # the three articles' and the catalogue's: one node
