"""A local HTTP server that answers like the Wikidata action API, from real reply shapes.

Replies come from tests/data/wikidata (copies of shared/wikidata-samples, with their provenance)
or are built from them: an entity reply for any QID of the packaged snapshot uses the real
statement shape of Q30.entity.json. Each test can queue canned answers (status, headers, body)
that are served before the normal ones, and every request is recorded.
"""

from __future__ import annotations

import copy
import http.server
import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from newsgraph.wikidata.snapshot import Snapshot

DATA = Path(__file__).resolve().parent / "data" / "wikidata"
Q30 = json.loads((DATA / "Q30.entity.json").read_text(encoding="utf-8"))
SHAPES = DATA / "api-shapes"

# Documented on mediawiki.org, Manual:Maxlag_parameter: HTTP 200, Retry-After and X-Database-Lag.
MAXLAG = {
    "error": {
        "code": "maxlag",
        "info": "Waiting for 10.64.16.27: 6 seconds lagged",
        "host": "10.64.16.27",
        "lag": 6,
        "type": "db",
    },
    "servedby": "mw1220",
}


def _statement(prop: str, qid: str, qualifiers: dict | None = None) -> dict:
    """A statement in the real shape of Q30's P31 statements."""
    statement = copy.deepcopy(Q30["claims"]["P31"][0])
    statement["mainsnak"]["property"] = prop
    statement["mainsnak"]["datavalue"]["value"] = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    if qualifiers:
        statement["qualifiers"] = qualifiers
    return statement


def _time_qualifier(prop: str, value: str) -> list[dict]:
    """A P580/P582 qualifier in the real shape of Q30's P6 qualifiers."""
    snak = copy.deepcopy(Q30["claims"]["P6"][0]["qualifiers"]["P580"][0])
    snak["property"] = prop
    precision = {10: 11, 7: 10, 4: 9}[len(value)]
    padded = value + "-00" * ((10 - len(value)) // 3)
    snak["datavalue"]["value"].update(time=f"+{padded}T00:00:00Z", precision=precision)
    return [snak]


def entity_from_snapshot(qid: str) -> dict:
    """A wbgetentities entity object for a snapshot item, in Wikidata's real shape."""
    if qid == "Q30":
        return Q30
    item = Snapshot.packaged().get(qid)
    labels = {lang: {"language": lang, "value": v} for lang, v in item.labels.items()}
    aliases = {lang: [{"language": lang, "value": v} for v in vs] for lang, vs in item.aliases.items()}
    claims = {}
    if item.instance_of:
        claims["P31"] = [_statement("P31", c) for c in item.instance_of]
    if item.positions:
        claims["P39"] = [
            _statement(
                "P39",
                p.position,
                {
                    **({"P580": _time_qualifier("P580", p.start)} if p.start else {}),
                    **({"P582": _time_qualifier("P582", p.end)} if p.end else {}),
                },
            )
            for p in item.positions
        ]
    return {
        "pageid": 1,
        "ns": 0,
        "title": qid,
        "lastrevid": 1000 + int(qid[1:]) % 1000,
        "modified": "2026-11-01T00:00:00Z",
        "type": "item",
        "id": qid,
        "labels": labels,
        "descriptions": {},
        "aliases": aliases,
        "claims": claims,
        "sitelinks": {},
    }


class FakeWikidata(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.queue: list[tuple[int, dict, bytes, float]] = []
        self.entities: dict[str, dict] = {}
        super().__init__(("127.0.0.1", 0), _Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/w/api.php"

    def answer_next(self, status: int = 200, body: dict | bytes = b"", headers: dict | None = None, delay: float = 0.0):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.queue.append((status, headers or {"Content-Type": "application/json; charset=utf-8"}, raw, delay))

    def reply(self, params: dict[str, str]) -> tuple[int, dict, bytes]:
        action = params.get("action")
        if action == "wbsearchentities":
            if "search" not in params:
                body = (SHAPES / "gimme_wikidata.no_search.json").read_bytes()
            elif params["search"].lower() == "attila the hun":
                body = (SHAPES / "gimme_wikidata.sample_search.json").read_bytes()
            else:
                body = json.dumps(self.search(params["search"], params.get("language", "en"))).encode()
            return 200, {"Content-Type": "application/json"}, body
        if action == "wbgetentities":
            ids = params.get("ids", "").split("|")
            if any(not i.startswith("Q") for i in ids):
                return (
                    200,
                    {"Content-Type": "application/json"},
                    (SHAPES / "gimme_wikidata.no_such_entity.json").read_bytes(),
                )
            entities = {}
            for qid in ids:
                if qid in self.entities:
                    entities[qid] = self.entities[qid]
                elif qid == "Q30" or qid in Snapshot.packaged():
                    entities[qid] = entity_from_snapshot(qid)
                else:  # the shape quoted from siznax/wptools in shared/wikidata-samples/README.md
                    entities[qid] = {"id": qid, "missing": ""}
            return 200, {"Content-Type": "application/json"}, json.dumps({"entities": entities, "success": 1}).encode()
        return 400, {"Content-Type": "text/plain"}, b"unknown action"

    def search(self, text: str, language: str) -> dict:
        """wbsearchentities over the snapshot items, in the real reply shape (sample_search.json)."""
        from newsgraph.linking.reconcile import normalize
        from newsgraph.wikidata.client import parse_entity

        results = []
        extra = {qid: parse_entity(entity) for qid, entity in self.entities.items()}
        for qid, item in {**Snapshot.packaged().items, **extra}.items():
            for kind, names in (
                ("label", item.labels),
                ("alias", {k: v for k, vs in item.aliases.items() for v in vs}),
            ):
                for lang, name in names.items():
                    if lang == language and normalize(name).startswith(normalize(text)):
                        results.append(
                            {
                                "id": qid,
                                "concepturi": f"http://www.wikidata.org/entity/{qid}",
                                "url": f"//www.wikidata.org/wiki/{qid}",
                                "title": qid,
                                "pageid": 1,
                                "label": item.labels.get(language, ""),
                                "description": "",
                                "match": {"type": kind, "language": lang, "text": name},
                            }
                        )
        return {"searchinfo": {"search": text}, "search": results[:7], "success": 1}


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeWikidata

    def do_GET(self):
        params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        self.server.requests.append({"params": params, "headers": dict(self.headers), "at": time.monotonic()})
        if self.server.queue:
            status, headers, body, delay = self.server.queue.pop(0)
            time.sleep(delay)
        else:
            status, headers, body = self.server.reply(params)
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass
