"""Benchmark: validation stays linear in the size of what it is given.

A story's values can be megabytes long (a pasted article as an evidence quote, say). This times
`newsgraph.validate_story` on the seed story with one evidence quote replaced by texts of growing
length (each twice the one before), next to the plain seed in the same run, and prints what each
added million characters costs. If validation is linear, that cost stays about the same as the
text grows; if one step were quadratic, it would double with each doubling. The script exits 1 when
the last step costs more than --max-ratio times the first per character.

    python benchmarks/validate.py                          # 0.75, 1.5 and 3 million characters
    python benchmarks/validate.py --sizes 20000 40000 80000    # smoke mode
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import newsgraph  # noqa: E402

SEED = ROOT / "stories" / "2025-12-11-putin-lukashenko-support-maduro.yaml"


def seconds(path: Path, repeat: int) -> float:
    """The best of ``repeat`` validations of ``path``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        newsgraph.validate_story(path)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[750_000, 1_500_000, 3_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-ratio", type=float, default=1.6)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copy(SEED.parent / (SEED.stem + ".el.txt"), folder)
        data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
        print(f"seed story, as it is (valid, so also built): {seconds(SEED, args.repeat) * 1000:.1f} ms")
        times = []
        for size in args.sizes:
            data["entities"][0]["evidence"][0]["text"] = ("Πούτιν " * (size // 7 + 1))[:size]
            path = folder / f"story-{size}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            times.append(seconds(path, args.repeat))
            print(f"evidence quote of {size:>9,} characters: {times[-1] * 1000:8.1f} ms")
    finally:
        shutil.rmtree(folder)
    points = list(zip(args.sizes, times, strict=True))
    slopes = []
    for (s1, t1), (s2, t2) in pairwise(points):
        slopes.append((t2 - t1) / (s2 - s1) * 1e6)
        print(f"from {s1:>9,} to {s2:>9,} characters: {slopes[-1] * 1000:7.1f} ms per million more")
    ratio = slopes[-1] / max(slopes[0], 1e-9)
    print(
        f"last step / first step, per character: {ratio:.2f} (linear: about 1, quadratic: about "
        f"{(args.sizes[-1] + args.sizes[-2]) / (args.sizes[1] + args.sizes[0]):.0f}; limit {args.max_ratio})"
    )
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
