"""TLS options mean what they say: --ca-bundle wins over $REQUESTS_CA_BUNDLE and $CURL_CA_BUNDLE."""

from __future__ import annotations

import http.server
import json
import ssl
import subprocess
import threading

import certifi
import pytest

from newsgraph.errors import ServiceError
from newsgraph.store.graphstore import RemoteStore

from .conftest import assert_clean_exit, invoke, require_tool

_COUNT = {
    "head": {"vars": ["n"]},
    "results": {
        "bindings": [{"n": {"type": "literal", "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    },
}


class _Sparql(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(_COUNT).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def https_store(tmp_path_factory):
    """A SPARQL endpoint on a loopback HTTPS port, with a certificate of its own private CA."""
    openssl = require_tool("openssl")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sparql)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_port}/query", cert
    server.shutdown()


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_ca_bundle_wins_over_the_environment(https_store, monkeypatch, variable):
    url, cert = https_store
    monkeypatch.setenv(variable, certifi.where())  # a bundle without the store's CA
    store = RemoteStore(url, verify_tls=str(cert), retries=0)
    assert store.count_triples("https://ex.org/graph/a") == 7
    with pytest.raises(ServiceError, match="certificate verify failed"):
        RemoteStore(url, retries=0).count_triples("https://ex.org/graph/a")  # no --ca-bundle: the variable's


def test_ca_bundle_option_of_the_command(https_store, tmp_path):
    url, cert = https_store
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    result = invoke(
        "query",
        query,
        "--endpoint",
        url,
        "--ca-bundle",
        str(cert),
        "--retries",
        "0",
        env={"REQUESTS_CA_BUNDLE": certifi.where()},
    )
    assert_clean_exit(result, {0})
    assert "7" in result.output
    refused = invoke("query", query, "--endpoint", url, "--retries", "0", env={"REQUESTS_CA_BUNDLE": certifi.where()})
    assert_clean_exit(refused, {3})
    assert "certificate verify failed" in refused.output
