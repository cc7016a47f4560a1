"""Benchmark loading: newsgraph's per-article atomic loads against Oxigraph's bulk loader.

In one run, on the same generated corpus, it times:

- newsgraph into the embedded store (one transaction per article graph, counts verified);
- `newsgraph load --bulk` into a new embedded store (Oxigraph's bulk loader, counts verified);
- newsgraph into a real Oxigraph server started here on a loopback port (one PUT per article);
  each with one and with two articles in flight (--jobs 1 and 2);
- `oxigraph load`, the command-line bulk loader, on the same N-Quads into a fresh store;

and prints triples per second for each and their ratio to the bulk loader, with the targets:
`--bulk` at least 0.9 of `oxigraph load`, per-article loads at least 0.5. Not a test: it prints
numbers, compares them in the same run and asserts nothing.

    python benchmarks/load.py --n 2000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks/ and tests/ helpers

import newsgraph  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402
from newsgraph.store.graphstore import RemoteStore  # noqa: E402
from newsgraph.store.loading import EmbeddedStore, Payload, bulk_load_articles, load_articles  # noqa: E402
from tests.servers import OxigraphServer, oxigraph_binary  # noqa: E402


def build_payloads(n: int, seed: int, folder: Path) -> list[Payload]:
    payloads = []
    for path in write_corpus(folder / "stories", n, seed):
        result = newsgraph.build(newsgraph.load_story(path), check=False)
        payloads.append(Payload.from_result(result))
    return payloads


def timed_load(store, payloads: list[Payload], jobs: int | None) -> float:
    """Seconds to load ``payloads`` (``jobs`` None: with --bulk)."""
    started = time.perf_counter()
    outcomes = bulk_load_articles(store, payloads) if jobs is None else load_articles(store, payloads, jobs=jobs)
    seconds = time.perf_counter() - started
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise SystemExit(f"{len(failed)} articles failed, e.g. {failed[0].describe()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles in the corpus (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsgraph-load-bench-") as tmp:
        folder = Path(tmp)
        print(f"building a corpus of {args.n} articles ...", flush=True)
        payloads = build_payloads(args.n, args.seed, folder)
        triples = sum(p.count for p in payloads)
        nquads = folder / "corpus.nq"
        with nquads.open("wb") as f:
            for p in payloads:  # the same triples, each line given its article's graph
                f.write(p.nquads())

        rows = []
        with EmbeddedStore(folder / "embedded-bulk") as store:
            rows.append(("newsgraph load --bulk, embedded store", timed_load(store, payloads, None)))
        for jobs in (1, 2):
            with EmbeddedStore(folder / f"embedded-{jobs}") as store:
                rows.append((f"newsgraph load --jobs {jobs}, embedded store", timed_load(store, payloads, jobs)))
        for jobs in (1, 2):
            server = OxigraphServer(folder / f"server-{jobs}").start()
            try:
                with RemoteStore(server.query_url, graph_store=server.graph_store_url) as store:
                    rows.append(
                        (f"newsgraph load --jobs {jobs}, Oxigraph server (PUT)", timed_load(store, payloads, jobs))
                    )
            finally:
                server.stop()

        started = time.perf_counter()
        subprocess.run(
            [oxigraph_binary() or "oxigraph", "load", "--location", str(folder / "bulk"), "--file", str(nquads)],
            check=True,
            capture_output=True,
        )
        bulk = time.perf_counter() - started
        rows.append(("oxigraph load (bulk loader, same N-Quads)", bulk))

    bulk_rate = triples / bulk
    print(f"\n{args.n} articles, {triples} triples ({triples / args.n:.0f} per article)\n")
    print(f"{'loader':<45} {'seconds':>9} {'triples/s':>11} {'vs bulk':>8}")
    for name, seconds in rows:
        rate = triples / seconds
        target = 0.9 if "--bulk" in name else 0.5 if "embedded" in name else None
        verdict = (
            "" if target is None else f"  (target: at least {target}{'' if rate / bulk_rate >= target else ', MISSED'})"
        )
        print(f"{name:<45} {seconds:>9.2f} {rate:>11,.0f} {rate / bulk_rate:>8.2f}{verdict}")


if __name__ == "__main__":
    main()
