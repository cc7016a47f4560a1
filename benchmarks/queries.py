"""Benchmark: every shipped question on a large archive in the embedded store, each under 1 s.

The archive is N generated articles (benchmarks/corpus.py), the seed article and the newsroom's
catalogue, bulk-loaded into an embedded Oxigraph store: each article in its own named graph with
its evidence graph beside it, as `newsgraph load` leaves them. Every shipped question then runs
as `newsgraph query NAME` runs it, with its default page, and the answer is formatted as a table;
the script prints the seconds each took (the best of --repeat runs) and whether it is under the
target, and exits 1 when one is not.

Building 10,000 articles takes minutes: give --store FOLDER to keep the store and reuse it (a
folder that holds a store is used as it is, whatever --n says).

    python benchmarks/queries.py                          # 10,000 articles, in a temporary store
    python benchmarks/queries.py --store /tmp/archive-10k  # built once, reused after
    python benchmarks/queries.py --n 50                   # smoke mode
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks/ helpers

import pyoxigraph as ox  # noqa: E402

import newsgraph  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402
from newsgraph.resources import shipped_queries  # noqa: E402
from newsgraph.store.loading import EmbeddedStore, Payload  # noqa: E402
from newsgraph.store.paging import default_limit, paged  # noqa: E402
from newsgraph.store.results import format_results, row_count  # noqa: E402

SEED = ROOT / "stories" / "2025-12-11-putin-lukashenko-support-maduro.yaml"


def nquads(path: Path) -> bytes:
    """One generated story, built, as N-Quads: its article graph and its evidence graph."""
    payload = Payload.from_result(newsgraph.build(newsgraph.load_story(path), check=False))
    # N-Triples escapes line breaks inside literals: " .\n" only ever ends a triple
    return b"".join(p.body.replace(b" .\n", f" <{p.graph}> .\n".encode()) for p in payload.graphs)


def build_store(folder: Path, n: int, seed: int, jobs: int) -> int:
    """Fill an embedded store in ``folder`` with the archive; how many quads it holds."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-queries-bench-") as tmp:
        work = Path(tmp)
        seed_dump = work / "seed.nq"  # the seed article and its newsroom's catalogue
        subprocess.run(
            [sys.executable, "-m", "newsgraph", "dump", str(SEED), "--out", str(seed_dump)],
            check=True,
            capture_output=True,
        )
        paths = write_corpus(work / "stories", n, seed)
        store = ox.Store(str(folder))
        store.bulk_load(path=str(seed_dump), format=ox.RdfFormat.N_QUADS)
        started = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            chunk: list[bytes] = []
            for i, data in enumerate(pool.map(nquads, paths, chunksize=16), 1):
                chunk.append(data)
                if len(chunk) == 500 or i == len(paths):
                    store.bulk_load(b"".join(chunk), format=ox.RdfFormat.N_QUADS)
                    chunk = []
                    rate = i / (time.perf_counter() - started)
                    print(f"  {i}/{len(paths)} articles built and loaded ({rate:.0f}/s)", flush=True)
        store.optimize()
        store.flush()
        return len(store)


def timed(store: EmbeddedStore, sparql: str, repeat: int) -> tuple[float, int]:
    """The least seconds of ``repeat`` runs of a question as `newsgraph query` runs it (its
    default page, the answer formatted as a table), and how many rows it gave."""
    limit = default_limit(sparql)
    if limit is not None:
        sparql = paged(sparql, limit)
    best, rows = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        table = format_results(store.query(sparql), "table")
        best = min(best, time.perf_counter() - started)
        rows = row_count(table, "table")
    return best, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="generated articles (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's random seed (default 1)")
    parser.add_argument("--store", type=Path, help="keep the store in this folder; reuse it if it holds one")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes building articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each question; the best counts")
    parser.add_argument("--target", type=float, default=1.0, help="most seconds per question (default 1)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsgraph-queries-store-") as tmp:
        folder = args.store or Path(tmp) / "store"
        if folder.is_dir() and any(folder.iterdir()):
            print(f"reusing the store in {folder}", flush=True)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            print(f"building an archive of {args.n} generated articles, the seed and its catalogue ...", flush=True)
            build_store(folder, args.n, args.seed, max(1, args.jobs))
        with EmbeddedStore(folder) as store:
            articles = store.query(
                "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a <http://schema.org/mentions> ?m } }"
            )
            assert isinstance(articles, ox.QuerySolutions)
            count = next(iter(articles))["n"]
            print(f"{count.value if count else 0} articles in the store in {folder}\n")
            print(f"{'question':<36} {'seconds':>8} {'rows':>6}  target {args.target:g} s (rows: the default page)")
            missed = []
            for name, sparql in sorted(shipped_queries().items()):
                seconds, rows = timed(store, sparql, args.repeat)
                ok = seconds < args.target
                print(f"{name:<36} {seconds:>8.3f} {rows:>6}  {'ok' if ok else 'MISSED'}", flush=True)
                if not ok:
                    missed.append(name)
    if missed:
        print(f"\n{len(missed)} question(s) over {args.target:g} s: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
