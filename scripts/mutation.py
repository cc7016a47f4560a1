"""Mutation testing of the core modules with mutmut, by hand: do the tests catch small deliberate bugs?

mutmut (configured in pyproject.toml, [tool.mutmut]) copies the code into mutants/, makes small
changes to validate, mapping, turtle, jsonld, shapes and files one at a time (a `<` for a `<=`, a
dropped statement, another string...), and runs the tests that cover each change. A change the
tests do not notice "survives". This script runs it and prints the score per module and in all.

    pip install -e '.[test,mutation]'
    python scripts/mutation.py             # hours: every mutant; resumes where it stopped
    python scripts/mutation.py --score     # only print the score of the last run
    mutmut show newsgraph.validate.x_...   # what one surviving mutant changed

The tests that start servers, time benchmarks or check the README are left out of mutation runs
(they cover the same code as faster tests, and would make each mutant take minutes), and the
property-based tests run 15 examples instead of 60. Subprocesses the tests start (`python -m
newsgraph ...`) run the mutated code too: mutants/src comes first on their PYTHONPATH.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: mutmut's exit-code verdicts that count as the mutant caught.
CAUGHT = {"killed", "timeout", "caught by type check"}


def run(children: int) -> int:
    mutants = ROOT / "mutants" / "src"
    # The folder must exist before Python starts: a missing entry of PYTHONPATH is remembered as such.
    mutants.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(mutants), "NEWSGRAPH_FUZZ_EXAMPLES": "15"}
    return subprocess.run(["mutmut", "run", "--max-children", str(children)], cwd=ROOT, env=env).returncode


def score() -> int:
    stats = subprocess.run(["mutmut", "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True)
    if stats.returncode != 0:
        print(stats.stderr, file=sys.stderr)
        return stats.returncode
    by_module: dict[str, Counter[str]] = {}
    for line in stats.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name.startswith("newsgraph."):
            continue
        module = name.split(".")[1]
        by_module.setdefault(module, Counter())[status] += 1
    if not by_module:
        print("no mutation results yet: run `python scripts/mutation.py` first")
        return 1
    total: Counter[str] = Counter()
    print(f"{'module':12} {'mutants':>8} {'caught':>8} {'survived':>9} {'no tests':>9} {'score':>7}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        _row(module, counts)
    _row("all", total)
    Path(ROOT / "mutants" / "score.json").write_text(json.dumps({m: dict(c) for m, c in by_module.items()}, indent=1))
    return 0


def _row(name: str, counts: Counter[str]) -> None:
    checked = sum(n for status, n in counts.items() if status != "not checked")
    caught = sum(counts[s] for s in CAUGHT)
    rate = f"{100 * caught / checked:.1f}%" if checked else "-"
    print(f"{name:12} {checked:>8} {caught:>8} {counts['survived']:>9} {counts['no tests']:>9} {rate:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--score", action="store_true", help="only print the score of the last run")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    args = parser.parse_args()
    if not args.score:
        run(args.children)
    return score()


if __name__ == "__main__":
    sys.exit(main())
