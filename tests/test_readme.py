"""The README stays true: its Python example runs and CI runs its test command."""

import re
import subprocess
import sys

import rdflib

from .conftest import ROOT, SEED_SLUG

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)


def test_python_example_runs():
    (code,) = blocks("python")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "https://newsgraph.example/graph/2025-12-11-putin-lukashenko-support-maduro" in run.stdout
    assert "True 0 errors, 0 warnings" in run.stdout
    # the count the README's comment shows: the published TriG's, the article's graph and its evidence's
    published = len(rdflib.Dataset().parse(ROOT / "output" / f"{SEED_SLUG}.trig", format="trig"))
    assert f": loaded {published} triples into <https://newsgraph.example/graph/" in run.stdout
    assert f"# ...: loaded {published} triples into" in code
    assert "Alexander Lukashenko\nDonald Trump\nJohn Coale\n" in run.stdout


def test_ci_runs_the_readme_test_command():
    setup = blocks("sh")
    assert len(setup) == 2, "the README gives two set-up commands"
    test_command = setup[1].strip()
    assert test_command.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci
    main = setup[0].strip()
    assert "newsgraph build stories/" in main and "newsgraph load stories/" in main
