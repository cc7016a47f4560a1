"""Benchmark: an archive end to end, as a newsroom importing its back catalogue runs it.

It generates N stories as editors write them (YAML, benchmarks/corpus.py), builds them with
`newsgraph build --jobs 2`, loads the built TriG files into a new embedded store with `newsgraph
load --bulk`, and asks every shipped question with `newsgraph query`; each stage runs as the
command people run, in its own process, and the script prints its time and peak memory (of the
largest process: the command or one of its workers). For comparison, `oxigraph load` loads the
same N-Quads into another new store. It exits 1 if a stage fails, a question takes 1 s or more,
or a process's peak memory exceeds --max-rss-mb; the times are numbers to read, not asserts.

    python benchmarks/archive.py --n 100000 --folder /var/tmp/archive   # by hand: about half an hour here
    python benchmarks/archive.py --n 20                                  # smoke mode
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from newsgraph.resources import shipped_queries  # noqa: E402
from tests.servers import oxigraph_binary  # noqa: E402


def run(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB (of the process, or of a child of it, whichever is larger) and
    standard output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # its rusage: Linux counts its reaped children's peak
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


class _Rows(list):
    """The stages' rows, each also printed as it comes (a long run shows how far it got)."""

    def append(self, row: tuple[str, float, float, str]) -> None:
        super().append(row)
        name, seconds, rss, note = row
        print(f"  {name}: {seconds:.2f} s, peak RSS {rss:.0f} MB {note}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="stories (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path, help="where to work (default: a temporary folder, removed after)")
    parser.add_argument("--max-rss-mb", type=float, default=2048.0)
    args = parser.parse_args()

    work = args.folder or Path(tempfile.mkdtemp(prefix="newsgraph-archive-"))
    work.mkdir(parents=True, exist_ok=True)
    newsgraph = [sys.executable, "-m", "newsgraph"]
    rows = _Rows()
    missed: list[str] = []
    try:
        started = time.perf_counter()
        write_corpus(work / "stories", args.n, args.seed, ".yaml")
        rows.append((f"generate {args.n:,} YAML stories", time.perf_counter() - started, float("nan"), ""))

        seconds, rss, out = run(
            [*newsgraph, "build", str(work / "stories"), "--out", str(work / "site"), "--jobs", str(args.jobs)]
        )
        rows.append((f"newsgraph build --jobs {args.jobs}", seconds, rss, out.strip().splitlines()[-1]))

        trig = str(work / "site" / "*.trig")
        seconds, rss, out = run([*newsgraph, "load", "--bulk", trig, "--store", str(work / "store")])
        summary = out.strip().splitlines()[-1]
        rows.append(("newsgraph load --bulk (the TriG files)", seconds, rss, summary))
        bulk = seconds

        run([*newsgraph, "dump", trig, "--out", str(work / "archive.nq")])  # the same quads, untimed
        quads = sum(1 for _ in (work / "archive.nq").open("rb"))
        binary = oxigraph_binary() or "oxigraph"
        seconds, rss, _ = run(
            [binary, "load", "--location", str(work / "oxigraph"), "--file", str(work / "archive.nq")]
        )
        rows.append(("oxigraph load (same N-Quads)", seconds, rss, f"{quads:,} quads"))
        ratio = seconds / bulk

        for name in sorted(shipped_queries()):
            seconds, rss, out = run([*newsgraph, "query", name, "--store", str(work / "store"), "--format", "csv"])
            answers = max(0, len(out.splitlines()) - 1)
            rows.append((f"query {name}", seconds, rss, f"{answers} rows" + ("" if seconds < 1 else ", MISSED 1 s")))
            if seconds >= 1:
                missed.append(f"query {name}")
    finally:
        if args.folder is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{args.n:,} stories, {quads:,} quads\n")
    print(f"{'stage':<50} {'seconds':>9} {'peak RSS MB':>12}  note")
    for name, seconds, rss, note in rows:
        print(f"{name:<50} {seconds:>9.2f} {rss:>12.0f}  {note}")
        if rss > args.max_rss_mb:
            missed.append(name)
    print(f"\nload --bulk: {ratio:.2f} of oxigraph load's speed (target: at least 0.9)")
    slow = [name for name in missed if name.startswith("query ")]
    print(f"every shipped question under 1 s: {'yes' if not slow else 'no: ' + ', '.join(slow)}")
    peak = max(rss for _, _, rss, _ in rows if rss == rss)  # nan: measured in this process, not a command
    print(f"peak memory of any process: {peak:.0f} MB (target: within {args.max_rss_mb:.0f} MB)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
