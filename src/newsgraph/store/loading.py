"""Load articles into a SPARQL store and query it: the embedded Oxigraph store by default.

Each article is one named graph, with its evidence in a second one (``{graph}/evidence``), both
replaced as a whole in one transaction: loading an article again changes nothing, and a failed load
leaves the previous graphs as they were. After writing, each graph's triple count in the store is
checked against what was sent.

>>> from newsgraph.publishing.build import build
>>> from newsgraph.model.story import Article, Story
>>> store = EmbeddedStore(None)  # in memory; give a folder for an on-disk store
>>> article = Payload.from_result(build(Story(Article(
...     slug="s", headline="Τίτλος", language="el", published="2025-12-11", text="Κείμενο"))))
>>> [o.status for o in load_articles(store, [article])]
['loaded']
>>> store.count_triples(article.graph)
4
"""

from __future__ import annotations

import io
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from ..errors import InputError, InternalError, ServiceError
from ..mapping.article import EVIDENCE_GRAPH_SUFFIX
from ..stories.config import DEFAULT_STORE
from ..writing.turtle import ntriples_text

if TYPE_CHECKING:
    from ..publishing.build import Published

__all__ = [
    "DEFAULT_STORE",
    "Payload",
    "Outcome",
    "Deferred",
    "GraphStore",
    "EmbeddedStore",
    "load_articles",
    "bulk_load_articles",
    "payloads_from_file",
]


QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True)
class Payload:
    """One article graph to load: a label for reports, the graph's IRI, its triples as N-Triples
    and how many there are; ``parts`` are graphs loaded with it (the article's evidence graph)."""

    label: str
    graph: str
    body: bytes
    count: int
    parts: tuple[Payload, ...] = ()

    @classmethod
    def from_result(cls, result: Published) -> Payload:
        mapped = result.mapped
        evidence = cls(
            result.name, mapped.evidence_graph, ntriples_text(mapped.evidence).encode("utf-8"), mapped.evidence_count
        )
        body = ntriples_text(mapped.nodes).encode("utf-8")
        return cls(result.name, mapped.graph, body, mapped.count, (evidence,) if mapped.evidence else ())

    def ntriples(self) -> bytes:
        return self.body

    def nquads(self) -> bytes:
        """Every graph of the article (the parts first) as N-Quads."""
        return b"".join(_in_graph(part.ntriples(), part.graph) for part in self.graphs)

    @property
    def graphs(self) -> tuple[Payload, ...]:
        """Every graph to replace, the parts first: should a store fail between two of them, the
        article's graph still goes with the evidence it had."""
        return (*self.parts, self)

    @property
    def total(self) -> int:
        return sum(p.count for p in self.graphs)


@dataclass(frozen=True)
class Outcome:
    """What happened to one article of a batch."""

    label: str
    graph: str
    status: str  # "loaded", "failed", "not attempted", "invalid" or "internal error"
    sent: int = 0
    stored: int | None = None
    error: str = ""
    seconds: float = 0.0
    details: str = ""  # a traceback, for an internal error
    also: tuple[str, ...] = ()  # further graphs loaded with it (the evidence graph)

    @property
    def ok(self) -> bool:
        return self.status == "loaded"

    def describe(self) -> str:
        if self.ok:
            into = " and ".join(f"<{g}>" for g in (self.graph, *self.also))
            return f"{self.label}: loaded {self.stored} triples into {into} ({self.seconds:.2f} s)"
        return f"{self.label}: {self.status}: {self.error}"


@dataclass(frozen=True)
class Deferred:
    """An input whose articles are made only when they can still be loaded.

    ``make`` returns the input's payloads (or the outcome saying why there are none). Once the
    store cannot be reached, the batch reports the input as not attempted without calling it.
    """

    label: str
    make: Callable[[], Iterable[Payload | Outcome]]


class GraphStore(Protocol):
    """What newsgraph needs of a SPARQL store. A store that can also replace several graphs in one
    transaction offers ``replace_graphs([(graph, payload), ...])``, used for an article and its
    evidence (the embedded store does; over HTTP they go one by one, the evidence first)."""

    def replace_graph(self, graph: str, payload: Payload) -> None: ...
    def count_triples(self, graph: str) -> int: ...
    def query(self, sparql: str) -> QueryResult | list[ox.Triple]: ...
    def close(self) -> None: ...


class EmbeddedStore:
    """An on-disk (or, with ``path=None``, in-memory) Oxigraph store."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE) -> None:
        self.path = None if path is None else Path(path)
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)  # a new store, wherever it is asked for
            self._store = ox.Store(None if path is None else str(path))
        except OSError as exc:
            raise InputError(f"{path}: cannot open the embedded store: {exc}") from None

    def replace_graph(self, graph: str, payload: Payload) -> None:
        self.replace_graphs([(graph, payload)])

    def replace_graphs(self, graphs: Iterable[tuple[str, Payload]]) -> None:
        """Replace each graph with its payload's triples, all in one transaction."""
        graphs = list(graphs)
        if not any(self._store.contains_named_graph(ox.NamedNode(graph)) for graph, _ in graphs):
            # New graphs (an archive loaded article by article): one load is one transaction, and
            # a third faster than the update below.
            try:
                nquads = b"".join(_in_graph(payload.ntriples(), graph) for graph, payload in graphs)
                self._store.load(nquads, format=ox.RdfFormat.N_QUADS)
            except (OSError, SyntaxError) as exc:
                written = " and ".join(f"<{graph}>" for graph, _ in graphs)
                raise ServiceError(f"embedded store {self.path}: cannot write {written}: {exc}") from None
            return
        # One SPARQL update is one transaction: the old graphs are dropped and the new ones inserted
        # together, or not at all. The terms come from Oxigraph's N-Triples writer, never pasted
        # from user text, and the graph IRIs were validated by NamedNode.
        steps, names = [], []
        for graph, payload in graphs:
            name = ox.NamedNode(graph)
            names.append(f"<{graph}>")
            steps.append(
                f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n"
                + payload.ntriples().decode("utf-8")
                + "}}"
            )
        try:
            self._store.update(" ;\n".join(steps))
        except (OSError, SyntaxError) as exc:
            raise ServiceError(f"embedded store {self.path}: cannot write {' and '.join(names)}: {exc}") from None

    def bulk_load(self, nquads: IO[bytes]) -> None:
        """Add the N-Quads read from ``nquads`` with Oxigraph's bulk loader: fast, but not one
        transaction (see :func:`bulk_load_articles`)."""
        try:
            self._store.bulk_load(input=nquads, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            raise ServiceError(f"embedded store {self.path}: the bulk load failed: {exc}") from None

    def graph_counts(self) -> dict[str, int]:
        """How many triples each named graph holds."""
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        solutions = self._store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
        return {row["g"].value: int(row["n"].value) for row in solutions}

    def clear(self) -> None:
        self._store.clear()

    def count_triples(self, graph: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
        solutions = self._store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
        count = next(iter(solutions))["n"]
        return int(count.value) if count is not None else 0

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def query(self, sparql: str) -> QueryResult:
        try:
            return self._store.query(sparql, use_default_graph_as_union=False)
        except SyntaxError as exc:
            raise InputError(f"the query is not valid SPARQL: {exc}") from None
        except OSError as exc:
            raise ServiceError(f"embedded store {self.path}: query failed: {exc}") from None

    def close(self) -> None:
        self._store.flush()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_articles(
    store: GraphStore,
    payloads: Iterable[Payload | Outcome | Deferred],
    *,
    verify: bool = True,
    report: Callable[[Outcome], None] | None = None,
    jobs: int = 1,
) -> list[Outcome]:
    """Replace each article's graph in ``store``; every article's outcome, in input order.

    ``payloads`` may hold outcomes already decided (an input that could not be built); they are
    passed through, and :class:`Deferred` inputs, made only when needed. A failed article does
    not stop the batch. If the store cannot be reached at all, the rest of the batch is reported
    as not attempted (and not built) instead of waiting for each in turn.
    ``jobs`` articles are loaded at a time (each still in its own transaction or PUT; two loads of
    the same graph never overlap). ``report`` is called with each outcome, in input order.
    """
    outcomes: list[Outcome] = []
    for outcome in _load(store, payloads, verify, max(1, jobs)):
        outcomes.append(outcome)
        if report is not None:
            report(outcome)
    return outcomes


def bulk_load_articles(
    store: EmbeddedStore,
    payloads: Iterable[Payload | Outcome | Deferred],
    *,
    verify: bool = True,
    report: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Load the articles of ``payloads`` into an empty embedded store with Oxigraph's bulk loader,
    streaming: every article's outcome, in input order, once all are in.

    For an archive's first import: the bulk loader is several times faster than one transaction
    per article, but it is not a transaction. So the store must hold no graph yet; should the
    load fail, the store is emptied again and every article reported as not loaded. Each graph's
    triples are counted afterwards, as :func:`load_articles` counts them. A graph given twice is
    loaded once (the later input is reported invalid), as in a dump.
    """
    held = store.graphs()
    if held:
        raise InputError(
            f"{store.path}: the store holds {len(held)} graph{'s' if len(held) != 1 else ''} already; a bulk "
            "load is for an empty or new store: load without --bulk to update it article by article"
        )
    batch = _Batch(store, verify)  # makes deferred inputs, and stops making them once the load failed
    items = iter(payloads)  # once the load failed, the rest follow from where it stopped
    taken: dict[str, str] = {}  # graph -> the input it came from
    made: list[Payload | Outcome] = []

    def quads() -> Iterator[bytes]:
        for item in _made(items, batch):
            if isinstance(item, Outcome):
                made.append(item)
                continue
            twice = [p.graph for p in item.graphs if p.graph in taken]
            if twice:
                error = f"the graph <{twice[0]}> is in the load already, from {taken[twice[0]]}: left out"
                made.append(Outcome(item.label, item.graph, "invalid", item.total, error=error))
                continue
            taken.update((p.graph, item.label) for p in item.graphs)
            made.append(_counted(item))  # its triples go to the loader; what is kept is how many
            yield item.nquads()

    started = time.perf_counter()
    failure = ""
    try:
        store.bulk_load(io.BufferedReader(_Stream(quads()), buffer_size=1 << 20))
    except ServiceError as exc:
        failure = str(exc)
        store.clear()  # back to the empty store it was: no article half loaded
        batch.unreachable = True  # the inputs not made yet are not attempted
        made.extend(_made(items, batch))
    seconds = time.perf_counter() - started
    counts = store.graph_counts() if verify and not failure else {}
    outcomes = []
    for item in made:
        if isinstance(item, Payload):
            item = _bulk_outcome(item, counts, verify, failure, seconds)
        outcomes.append(item)
        if report is not None:
            report(item)
    return outcomes


def _counted(payload: Payload) -> Payload:
    """The payload without its triples: its label, graphs and counts."""
    return replace(payload, body=b"", parts=tuple(replace(part, body=b"") for part in payload.parts))


def _bulk_outcome(payload: Payload, counts: dict[str, int], verify: bool, failure: str, seconds: float) -> Outcome:
    sent = payload.total
    if failure:
        return Outcome(payload.label, payload.graph, "failed", sent, error=failure)
    stored = sum(counts.get(p.graph, 0) for p in payload.graphs) if verify else sent
    if stored != sent:
        error = f"the store holds {stored} triples in the graph{'s' if payload.parts else ''}, {sent} were sent"
        return Outcome(payload.label, payload.graph, "failed", sent, stored, error)
    also = tuple(p.graph for p in payload.parts)
    return Outcome(payload.label, payload.graph, "loaded", sent, stored, seconds=seconds, also=also)


def _in_graph(ntriples: bytes, graph: str) -> bytes:
    """N-Triples made N-Quads in ``graph``: every line ends in " .\\n", and nowhere else (a line
    break in a literal is escaped)."""
    return ntriples.replace(b" .\n", f" <{graph}> .\n".encode())


class _Stream(io.RawIOBase):
    """The bytes of ``chunks`` as a file the bulk loader reads, made as it reads them."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._chunk = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._chunk:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._chunk = memoryview(chunk)
        n = min(len(buffer), len(self._chunk))
        buffer[:n] = self._chunk[:n]
        self._chunk = self._chunk[n:]
        return n


class _Batch:
    def __init__(self, store: GraphStore, verify: bool) -> None:
        self.store = store
        self.verify = verify
        self.unreachable = False

    def load(self, payload: Payload) -> Outcome:
        sent = payload.total
        if self.unreachable:
            return Outcome(
                payload.label,
                payload.graph,
                "not attempted",
                sent,
                error="not attempted: the store could not be reached",
            )
        started = time.perf_counter()
        try:
            graphs = [(part.graph, part) for part in payload.graphs]
            replace_all = getattr(self.store, "replace_graphs", None)
            if replace_all is not None:  # one transaction for the article and its evidence
                replace_all(graphs)
            else:
                for graph, part in graphs:
                    self.store.replace_graph(graph, part)
            stored = sum(self.store.count_triples(graph) for graph, _ in graphs) if self.verify else sent
        except ServiceError as exc:
            if exc.unreachable:
                self.unreachable = True
            return Outcome(
                payload.label, payload.graph, "failed", sent, error=str(exc), seconds=time.perf_counter() - started
            )
        except Exception as exc:  # one article never stops the batch, whatever happens to it
            error = InternalError.wrap(payload.label, exc)
            return Outcome(
                payload.label, payload.graph, "internal error", sent, error=error.reason, details=error.details
            )
        seconds = time.perf_counter() - started
        if stored != sent:
            return Outcome(
                payload.label,
                payload.graph,
                "failed",
                sent,
                stored,
                f"the store holds {stored} triples in the graph{'s' if payload.parts else ''}, {sent} were sent",
                seconds,
            )
        also = tuple(part.graph for part in payload.parts)
        return Outcome(payload.label, payload.graph, "loaded", sent, stored, seconds=seconds, also=also)


def _made(items: Iterable[Payload | Outcome | Deferred], batch: _Batch) -> Iterator[Payload | Outcome]:
    """The payloads and outcomes of ``items``, making deferred ones only while the store is reachable."""
    for item in items:
        if not isinstance(item, Deferred):
            yield item
        elif batch.unreachable:
            yield Outcome(item.label, "", "not attempted", error="not attempted: the store could not be reached")
        else:
            yield from item.make()


def _load(
    store: GraphStore, items: Iterable[Payload | Outcome | Deferred], verify: bool, jobs: int
) -> Iterator[Outcome]:
    batch = _Batch(store, verify)
    payloads = _made(items, batch)
    if jobs == 1:
        for payload in payloads:
            yield payload if isinstance(payload, Outcome) else batch.load(payload)
        return
    # A window of at most 2 x jobs articles in flight keeps memory bounded and outcomes in order.
    window: deque[tuple[str | None, Future | Outcome]] = deque()
    with ThreadPoolExecutor(jobs, thread_name_prefix="newsgraph-load") as pool:
        for payload in payloads:
            if isinstance(payload, Outcome):
                window.append((None, payload))
            else:
                for graph, pending in window:  # the same graph twice: the later waits its turn
                    if graph == payload.graph and isinstance(pending, Future):
                        pending.result()
                window.append((payload.graph, pool.submit(batch.load, payload)))
            while len(window) > 2 * jobs:
                yield _result(window.popleft()[1])
        while window:
            yield _result(window.popleft()[1])


def _result(pending: Future | Outcome) -> Outcome:
    return pending.result() if isinstance(pending, Future) else pending


def payloads_from_file(path: Path) -> Iterator[Payload]:
    """The named graphs of a TriG or N-Quads file (one payload per graph)."""
    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
    fmt = formats.get(path.suffix)
    if fmt is None:
        raise InputError(f"{path}: cannot load this kind of file; give a story (.yaml, .json), .trig or .nq")
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise InputError(
                    f"{path}: has triples outside a named graph (in {quad.graph_name}); newsgraph "
                    "loads graphs named by an IRI only"
                )
            graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    except SyntaxError as exc:
        raise InputError(f"{path}: is not valid {fmt.name}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    # An article's evidence graph ({graph}/evidence) is loaded with the article's graph.
    evidence = {g: graphs.pop(g + EVIDENCE_GRAPH_SUFFIX) for g in list(graphs) if g + EVIDENCE_GRAPH_SUFFIX in graphs}
    for graph, triples in graphs.items():
        label = f"{path.name} <{graph}>" if len(graphs) > 1 else path.name
        parts = (_payload(label, graph + EVIDENCE_GRAPH_SUFFIX, evidence[graph]),) if graph in evidence else ()
        yield _payload(label, graph, triples, parts)


def _payload(label: str, graph: str, triples: list[ox.Triple], parts: tuple[Payload, ...] = ()) -> Payload:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Payload(label, graph, body, len(triples), parts)
