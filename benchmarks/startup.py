"""Benchmark: the one-story commands an editor runs on every save, against `python -c pass`.

Each command runs in a fresh interpreter, as from a shell or an editor's save hook; the script
takes the least CPU (user + system) of --repeat runs of each, in the same run as the floor
`python -c pass`, and prints the ratios with the targets: `newsgraph --help` at most 5x the floor,
`newsgraph validate` of the seed story at most 10x. `build` of the seed is printed beside them.
It exits 1 when a target is missed.

    python benchmarks/startup.py               # 15 runs of each
    python benchmarks/startup.py --repeat 3    # smoke mode
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.draft import cpu_seconds  # noqa: E402

SEED = ROOT / "stories" / "2025-12-11-putin-lukashenko-support-maduro.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--max-help", type=float, default=5.0, help="most CPU of --help, in floors")
    parser.add_argument("--max-validate", type=float, default=10.0, help="most CPU of validate, in floors")
    args = parser.parse_args()

    newsgraph = [sys.executable, "-m", "newsgraph"]
    floor = cpu_seconds([sys.executable, "-c", "pass"], args.repeat)
    print(f"python -c pass: {floor * 1000:.0f} ms CPU (the floor)")
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "newsgraph --help": ([*newsgraph, "--help"], args.max_help),
            "newsgraph validate SEED": ([*newsgraph, "validate", str(SEED)], args.max_validate),
            "newsgraph build SEED": ([*newsgraph, "build", str(SEED), "--out", out], None),
        }
        missed = []
        for name, (command, target) in commands.items():
            ratio = cpu_seconds(command, args.repeat) / floor
            missed_it = target is not None and ratio > target
            verdict = "" if target is None else f" (target: at most {target:g}x{', MISSED' if missed_it else ''})"
            print(f"{name}: {ratio * floor * 1000:.0f} ms CPU, {ratio:.1f}x the floor{verdict}")
            if missed_it:
                missed.append(name)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
