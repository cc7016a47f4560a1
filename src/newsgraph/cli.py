"""The ``newsgraph`` command: a thin layer over the library.

Exit codes: 0 ok, 1 the data does not conform, 2 usage or input error, 3 an external service
failed, 4 partial load.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import build
from .errors import NewsgraphError
from .story import load_story, validate_story

DEFAULT_OUT = "output"


class _Group(click.Group):
    """Turns the package's own exceptions into their documented exit codes."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            click.echo(f"newsgraph: {exc}", err=True)
            report = getattr(exc, "report", None)
            if report is not None:
                click.echo(report.format_text(), err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="newsgraph")
def cli() -> None:
    """Publish what a news article says as linked data (JSON-LD, Turtle, TriG, SPARQL stores)."""


@cli.command("build")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Folder to write <slug>.jsonld, .ttl, .trig and .html into.")
@click.option("--base-iri", help="Base IRI for the article's nodes (overrides the story's).")
def build_command(story: Path, out: Path, base_iri: str | None) -> None:
    """Check STORY and write its four files into --out (atomically; nothing on error)."""
    result = build(load_story(story), base=base_iri)
    changed = result.write(out)
    click.echo(f"{result.slug}: {len(result.mapped.triples)} triples -> {out}/ "
               f"({len(changed)} file{'s' if len(changed) != 1 else ''} changed)")


@cli.command("validate")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the report.")
def validate_command(story: Path, fmt: str) -> None:
    """Check STORY without writing anything: exit 0 valid, 1 invalid, 2 unreadable."""
    report = validate_story(story)
    if fmt == "json":
        click.echo(report.to_json())
    else:
        click.echo(report.format_text() if report.problems else f"{story}: valid")
    sys.exit(0 if report.ok else 1)


def main() -> None:
    """Entry point of the console script and ``python -m newsgraph``."""
    cli(prog_name="newsgraph")
