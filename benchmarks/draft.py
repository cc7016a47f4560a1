"""Benchmark: how good `newsgraph draft` is, and what it costs an editor to wait for it.

For each story an editor wrote (the seed and the articles written for the tests: those the rules
were written on, those held out and then tuned on, and the unseen ones; see CONTRIBUTING.md), this
drafts the story from the article's text, checks the draft as `newsgraph draft` does, and prints
its scores against the editor's story (tests/test_draft.py holds the floors). Then it times the
whole command on each article in a fresh process (CPU seconds, imports included) next to `python
-c pass` in the same run, and exits 1 when a 1 KB article takes more than --max-cpu seconds.

    python benchmarks/draft.py
    python benchmarks/draft.py --repeat 1 --smoke     # smoke mode
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import newsgraph  # noqa: E402
from newsgraph.drafting import draft_story, score_draft  # noqa: E402
from newsgraph.drafting.checked import check_draft  # noqa: E402
from newsgraph.stories.catalogue import load_catalogue  # noqa: E402


def sets(smoke: bool) -> list[tuple[str, list[Path]]]:
    """The sets of gold stories, each with what it is to the rules (see CONTRIBUTING.md)."""
    data = ROOT / "tests" / "data"
    out = [
        (
            "written with the rules (the seed, tests/data/drafting)",
            [
                ROOT / "stories" / "2025-12-11-putin-lukashenko-support-maduro.yaml",
                *sorted((data / "drafting").glob("*.yaml")),
            ],
        )
    ]
    if not smoke:
        out.append(
            (
                "held out, then tuned on (tests/data/drafting-held-out)",
                sorted((data / "drafting-held-out").glob("*.yaml")),
            )
        )
        out.append(
            ("unseen, then tuned on (tests/data/drafting-unseen)", sorted((data / "drafting-unseen").glob("*.yaml")))
        )
        out.append(
            ("fresh, then tuned on (tests/data/drafting-fresh)", sorted((data / "drafting-fresh").glob("*.yaml")))
        )
        fresh = sorted((data / "drafting-fresh-2").glob("*.yaml"))
        out.append(("fresh-2, scored once, then tuned on (tests/data/drafting-fresh-2)", fresh))
        fresh = sorted((data / "drafting-fresh-3").glob("*.yaml"))
        out.append(("fresh-3, scored once, then tuned on (tests/data/drafting-fresh-3)", fresh))
        fresh = sorted((data / "drafting-fresh-4").glob("*.yaml"))
        out.append(("fresh-4, scored once, then tuned on (tests/data/drafting-fresh-4)", fresh))
    return [(name, paths) for name, paths in out if paths]


def newsroom(folder: Path, text: str) -> Path:
    """A newsroom with the shipped catalogue and the article in it; the article's path."""
    (folder / "newsgraph.toml").write_text(f'catalogue = "{(ROOT / "catalogue").as_posix()}"\n', encoding="utf-8")
    article = folder / "article.txt"
    article.write_text(text, encoding="utf-8")
    return article


def cpu_seconds(command: list[str], repeat: int) -> float:
    """The least CPU (user + system) of ``repeat`` runs of ``command`` in a child process."""
    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def measure(gold: newsgraph.Story, catalogue, repeat: int):  # type: ignore[no-untyped-def]
    """The draft's scores, its report, what was left out, and the CPU of the whole command."""
    with tempfile.TemporaryDirectory() as folder:
        article = newsroom(Path(folder), gold.article.text)
        draft = draft_story(
            gold.article.text, published=gold.article.published, text_file=article.name, catalogue=catalogue
        )
        story_file = Path(folder) / "draft.yaml"
        text, report, left_out = check_draft(draft, story_file, catalogue)
        story_file.write_text(text, encoding="utf-8")
        scores = score_draft(newsgraph.load_story(story_file, catalogue=catalogue), gold)
        command = [sys.executable, "-m", "newsgraph", "draft", str(article), "--published", gold.article.published]
        cpu = cpu_seconds([*command, "--out", str(Path(folder) / "timed.yaml"), "--force"], repeat)
    return scores, report, left_out, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-cpu", type=float, default=2.0, help="CPU seconds a 1 KB article may take")
    parser.add_argument("--smoke", action="store_true", help="the first set only")
    args = parser.parse_args()

    catalogue = load_catalogue(ROOT / "catalogue")
    worst = 0.0
    floor = cpu_seconds([sys.executable, "-c", "pass"], args.repeat)
    print(f"python -c pass: {floor:.2f} s CPU")
    for set_name, paths in sets(args.smoke):
        print(f"\n## {set_name}")
        totals: dict[str, list[int]] = {}
        qids = [0, 0]
        for path in paths:
            gold = newsgraph.load_story(path, catalogue=catalogue)
            scores, report, left_out, cpu = measure(gold, catalogue, args.repeat)
            size = len(gold.article.text.encode("utf-8"))
            per_kb = cpu / max(size / 1024, 1.0)
            worst = max(worst, per_kb)
            print(f"\n{path.relative_to(ROOT)} ({gold.article.language}, {size} bytes)")
            print(f"  newsgraph draft: {cpu:.2f} s CPU ({per_kb:.2f} s per KB, {cpu / floor:.1f}x python -c pass)")
            print(f"  validates: {report.summary()}; left out: {', '.join(left_out) or 'nothing'}")
            for line in scores.lines():
                print(f"  {line}")
            print(f"  missed: {', '.join(scores.missed) or 'nothing'}")
            print(f"  mistyped: {', '.join(scores.mistyped) or 'nothing'}")
            print(f"  dates misread: {'; '.join(scores.misread) or 'nothing'}")
            if scores.wrong_qids:
                print(f"  QIDs wrong: {', '.join(scores.wrong_qids)}")
            for name in ("entities", "typed", "events", "dates", "dates_read", "claims"):
                score = getattr(scores, name)
                total = totals.setdefault(name, [0, 0, 0, 0])
                for k, value in enumerate((score.found, score.gold, score.matched, score.drafted)):
                    total[k] += value
            qids[0] += scores.qids_filled
            qids[1] += scores.qids_wrong
        print(f"\nall of {set_name}:")
        for name, (found, gold_count, matched, drafted) in totals.items():
            print(
                f"  {name}: recall {found / max(gold_count, 1):.0%} ({found}/{gold_count}), "
                f"precision {matched / max(drafted, 1):.0%} ({matched}/{drafted})"
            )
        print(f"  QIDs filled in: {qids[0]}, wrong: {qids[1]}")
    print(f"\nslowest: {worst:.2f} s CPU per KB (target: at most {args.max_cpu:.1f} s for a 1 KB article)")
    return 0 if worst <= args.max_cpu else 1


if __name__ == "__main__":
    sys.exit(main())
