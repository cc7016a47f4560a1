"""Pipes: a story on standard input (`build -`, `validate -`) and one file on standard output (`--out -`)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

from .conftest import OUTPUT, SEED, SEED_SLUG, copy_seed

FORMATS = {"ttl": ".ttl", "trig": ".trig", "jsonld": ".jsonld", "html": ".html"}


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """The seed story (with its text file and catalogue) in a folder that is the working directory."""
    copy_seed(tmp_path, "story.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: bytes = b""):
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_build_from_standard_input_to_standard_output_gives_the_published_file(newsroom, fmt):
    story = (newsroom / "story.yaml").read_bytes()
    result = run("build", "-", "--out", "-", "--format", fmt, stdin=story)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (OUTPUT / f"{SEED_SLUG}{FORMATS[fmt]}").read_bytes()
    assert not (newsroom / "-").exists()


def test_a_real_pipeline(newsroom):
    story = (newsroom / "story.yaml").read_bytes()
    built = subprocess.run(
        [sys.executable, "-m", "newsgraph", "build", "-", "--out", "-", "--format", "nq"],
        input=story,
        capture_output=True,
        cwd=newsroom,
        check=True,
    )
    lines = built.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1498 and all(line.endswith(" .") for line in lines)
    assert sorted(p.name for p in newsroom.iterdir()) == sorted(["catalogue", "story.yaml", f"{SEED_SLUG}.el.txt"])


def test_a_story_file_to_standard_output_and_standard_input_to_a_folder(newsroom):
    assert run("build", "story.yaml", "--out", "-").stdout_bytes == (OUTPUT / f"{SEED_SLUG}.ttl").read_bytes()
    result = run("build", "-", "--out", "built", stdin=(newsroom / "story.yaml").read_bytes())
    assert result.exit_code == 0, result.output
    assert (newsroom / "built" / f"{SEED_SLUG}.trig").read_bytes() == (OUTPUT / f"{SEED_SLUG}.trig").read_bytes()


def test_validate_from_standard_input_names_it_in_the_report(newsroom):
    story = (newsroom / "story.yaml").read_text(encoding="utf-8")
    assert run("validate", "-", stdin=story.encode()).output == "<stdin>: valid\n"
    broken = story.replace("slug: 2025-12-11", "slug: 2025_12_11", 1)
    result = run("validate", "-", stdin=broken.encode())
    assert result.exit_code == 1 and result.output.startswith("<stdin>:")
    result = run("validate", "-", stdin=b"\xff\xfe not utf-8")
    assert result.exit_code == 2 and "<stdin>" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("build", "-", "story.yaml"), "cannot come with other stories"),
        (("build", "story.yaml", "--format", "ttl"), "--format chooses what `--out -` writes"),
        (("build", "story.yaml", "story.yaml", "--out", "-"), "--out - writes one story"),
        (("build", ".", "--out", "-"), "--out - writes one story"),
    ],
)
def test_pipes_are_used_one_story_at_a_time(newsroom, args, says):
    result = run(*args)
    assert result.exit_code == 2 and says in result.output
    assert not (newsroom / "-").exists()


def test_standard_input_has_the_limits_of_a_story_file(newsroom):
    result = run("validate", "-", stdin=b"#" * (8 * 1024 * 1024 + 1))
    assert result.exit_code == 2 and "at most 8 MiB" in result.output


def test_the_seed_builds_the_same_from_its_file(newsroom):
    assert run("build", str(SEED), "--out", "-", "--format", "jsonld").exit_code == 0
