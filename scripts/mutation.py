"""Mutation testing of the core modules with mutmut, by hand: do the tests catch small deliberate bugs?

mutmut (configured in pyproject.toml, [tool.mutmut]) copies the code into mutants/, makes small
changes to validate, mapping, turtle, jsonld, shacl and files one at a time (a `<` for a `<=`, a
dropped statement, another string...), and runs the tests that cover each change. A change the
tests do not notice "survives". This script runs it and prints the score per module and in all.

    pip install -e '.[test,mutation]'
    python scripts/mutation.py             # hours: every mutant; resumes where it stopped
    python scripts/mutation.py --sample 160 --seed 7   # ~15 min: 160 mutants picked at random
    python scripts/mutation.py --score     # only print the score of the last run
    mutmut show newsgraph.stories.validate.x_...   # what one surviving mutant changed

The tests that start servers, time benchmarks or check the README are left out of mutation runs
(they cover the same code as faster tests, and would make each mutant take minutes), and the
property-based tests run 15 examples instead of 60. Subprocesses the tests start (`python -m
newsgraph ...`) run the mutated code too: mutants/src comes first on their PYTHONPATH.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: mutmut's exit-code verdicts that count as the mutant caught.
CAUGHT = {"killed", "timeout", "caught by type check"}


def run(children: int, names: Sequence[str] = ()) -> int:
    """Run mutmut over every mutant, or over ``names`` only."""
    mutants = ROOT / "mutants" / "src"
    # The folder must exist before Python starts: a missing entry of PYTHONPATH is remembered as such.
    mutants.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(mutants), "NEWSGRAPH_FUZZ_EXAMPLES": "15"}
    return subprocess.run(["mutmut", "run", "--max-children", str(children), *names], cwd=ROOT, env=env).returncode


def _statuses() -> dict[str, str] | None:
    stats = subprocess.run(["mutmut", "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True)
    if stats.returncode != 0:
        print(stats.stderr, file=sys.stderr)
        return None
    found = {}
    for line in stats.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("newsgraph."):
            found[name] = status
    return found


def sample(size: int, seed: int, children: int) -> list[str]:
    """Make the mutants (and the map of which tests cover what), then run ``size`` of them
    picked at random with ``seed``; returns their names."""
    if not (ROOT / "mutants" / "mutmut-stats.json").exists():
        run(children, ["newsgraph.nothing_x*"])  # matches no mutant: only makes them and the map
    statuses = _statuses() or {}
    # files._gone is left out: its mutants send signals to whatever process they name
    names = sorted(n for n in statuses if ".x__gone__" not in n)
    picked = random.Random(seed).sample(names, min(size, len(names)))
    run(children, picked)
    return picked


def score(only: list[str] | None = None) -> int:
    statuses = _statuses()
    if statuses is None:
        return 1
    by_module: dict[str, Counter[str]] = {}
    for name, status in statuses.items():
        if only is not None and name not in only:
            continue
        module = name.split(".x", 1)[0].removeprefix("newsgraph.")  # "stories.validate"
        by_module.setdefault(module, Counter())[status] += 1
    if not by_module:
        print("no mutation results yet: run `python scripts/mutation.py` first")
        return 1
    total: Counter[str] = Counter()
    print(f"{'module':20} {'mutants':>8} {'caught':>8} {'survived':>9} {'no tests':>9} {'crashed':>8} {'score':>7}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        _row(module, counts)
    _row("all", total)
    Path(ROOT / "mutants" / "score.json").write_text(json.dumps({m: dict(c) for m, c in by_module.items()}, indent=1))
    return 0


def _row(name: str, counts: Counter[str]) -> None:
    checked = sum(n for status, n in counts.items() if status != "not checked")
    caught = sum(counts[s] for s in CAUGHT)
    # A worker that crashed (mutmut's "segfault") says nothing about the tests: forked workers
    # sometimes die or hang (kill -9 a hung one); run those names again with --children 1.
    crashed = counts["segfault"]
    judged = checked - crashed
    rate = f"{100 * caught / judged:.1f}%" if judged else "-"
    print(f"{name:20} {checked:>8} {caught:>8} {counts['survived']:>9} {counts['no tests']:>9} {crashed:>8} {rate:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--score", action="store_true", help="only print the score of the last run")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--sample", type=int, help="run this many mutants picked at random, and score them alone")
    parser.add_argument("--seed", type=int, default=20261202, help="the seed of the random pick (default %(default)s)")
    args = parser.parse_args()
    if args.sample:
        return score(sample(args.sample, args.seed, args.children))
    if not args.score:
        run(args.children)
    return score()


if __name__ == "__main__":
    sys.exit(main())
