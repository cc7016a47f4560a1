"""Benchmark: where one story's build goes, stage by stage, for YAML stories (as editors write
them) and for the same stories as JSON.

On a generated corpus (benchmarks/corpus.py) it times, per story and in one process, each stage
of `newsgraph build`: parse (the file's text to data, with the positions reports need), checks
(the story schema, the cross-checks and the story's model), map (to the graph), shapes (terms,
the JSON-LD profile and the SHACL shapes on the output), serialise (Turtle, TriG, JSON-LD, HTML,
ninjs) and write (the files, atomically). It prints milliseconds per story and each stage's
share, for YAML and for JSON. Not a test: it asserts nothing.

    python benchmarks/stages.py --n 200
    python benchmarks/stages.py --n 5       # smoke mode
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import newsgraph  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402
from newsgraph.stories.storyfile import parse_text, read_text  # noqa: E402
from newsgraph.writing.files import write_files  # noqa: E402

STAGES = ("parse", "checks", "map", "shapes", "serialise", "write")


def stages(paths: list[Path], out: Path) -> dict[str, float]:
    """Seconds spent in each stage over ``paths``."""
    spent = dict.fromkeys(STAGES, 0.0)
    for path in paths:
        clock = time.perf_counter()
        text = read_text(path)
        parse_text(text, str(path))
        parsed = time.perf_counter()
        story = newsgraph.load_story(path)  # reads and parses again: its parse is taken off below
        loaded = time.perf_counter()
        result = newsgraph.build(story, check=False)
        mapped = time.perf_counter()
        report = result.check()
        checked = time.perf_counter()
        assert report.ok, report.format_text()
        files = {name: text.encode("utf-8") for name, text in result.files().items()}
        serialised = time.perf_counter()
        write_files(out, files)
        written = time.perf_counter()
        spent["parse"] += parsed - clock
        spent["checks"] += (loaded - parsed) - (parsed - clock)
        spent["map"] += mapped - loaded
        spent["shapes"] += checked - mapped
        spent["serialise"] += serialised - checked
        spent["write"] += written - serialised
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="stories (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-stages-") as tmp:
        folder = Path(tmp)
        rows = {}
        for suffix in (".yaml", ".json"):
            paths = write_corpus(folder / suffix[1:], args.n, args.seed, suffix)
            stages(paths[:3], folder / "warm")  # imports and caches out of the way
            rows[suffix[1:].upper()] = stages(paths, folder / f"out-{suffix[1:]}")
    print(f"{args.n} generated stories, milliseconds per story (share of the build)\n")
    print(f"{'stage':<10}" + "".join(f"{name:>20}" for name in rows))
    for stage in STAGES:
        cells = "".join(
            f"{spent[stage] / args.n * 1000:>11.2f} ({spent[stage] / sum(spent.values()):>5.0%})"
            for spent in rows.values()
        )
        print(f"{stage:<10}{cells}")
    totals = "".join(f"{sum(spent.values()) / args.n * 1000:>11.2f} {'':7}" for spent in rows.values())
    print(f"{'total':<10}{totals}")


if __name__ == "__main__":
    main()
