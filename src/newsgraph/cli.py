"""The ``newsgraph`` command: a thin layer over the library.

Exit codes: 0 ok, 1 the data does not conform, 2 usage or input error, 3 an external service
failed, 4 partial load, 5 internal error (a newsgraph bug; ``--debug`` prints the traceback).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from . import __version__
from .errors import InputError, InternalError, InvalidCatalogue, InvalidStory, NewsgraphError, ServiceError
from .report import printable
from .stories.storyfile import FILE_SUFFIXES as STORY_SUFFIXES

if TYPE_CHECKING:
    from .publishing.build import Published
    from .publishing.catalogue_graph import CatalogueBuild
    from .store.graphstore import RemoteStore
    from .store.loading import Deferred, EmbeddedStore, Outcome, Payload
    from .stories.catalogue import Catalogue
    from .wikidata.client import WikidataClient
    from .wikidata.snapshot import Snapshot

DEFAULT_OUT = "output"
#: What ``load`` takes from a folder: stories, and graphs already built.
LOAD_SUFFIXES = (*STORY_SUFFIXES, ".trig", ".nq")
#: What `build --out -` can write to standard output: --format -> the result's attribute.
OUTPUT_FORMATS = {"ttl": "turtle", "trig": "trig", "jsonld": "jsonld", "html": "html", "nq": "nquads", "ninjs": "ninjs"}
#: How a story read from standard input is named in reports (and placed: here).
STDIN = Path("<stdin>")


def _stdin_text() -> str:
    """A story from standard input, with the limits of a story file."""
    from .stories.storyfile import MAX_FILE_BYTES, decode_utf8

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{STDIN}: a story is at most {MAX_FILE_BYTES // 2**20} MiB")
    return decode_utf8(data, STDIN, "story")


def _say(text: str) -> None:
    """Print a problem on stderr (anything unprintable in it escaped)."""
    click.echo(printable(text, lines=True), err=True)


def _debugging() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


class _Group(click.Group):
    """Turns the package's own exceptions into their documented exit codes, and anything else
    into an internal error (exit 5) instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except NewsgraphError as exc:
            error = exc
        except Exception as exc:  # a bug: say so, name the command, keep the traceback for --debug
            error = InternalError.wrap(f"newsgraph {ctx.invoked_subcommand or ''}".strip(), exc)
        _say(f"newsgraph: {error}")
        for report in getattr(error, "reports", None) or [getattr(error, "report", None)]:
            if report is not None:
                _say(report.format_text())
        if isinstance(error, InternalError) and ctx.params.get("debug"):
            _say(error.details)
        ctx.exit(error.exit_code)


@contextmanager
def _about(where: str | Path) -> Iterator[None]:
    """An unexpected exception while working on ``where`` becomes an internal error naming it."""
    try:
        yield
    except NewsgraphError:
        raise
    except Exception as exc:
        raise InternalError.wrap(str(where), exc) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="newsgraph")
@click.option(
    "--debug",
    is_flag=True,
    envvar="NEWSGRAPH_DEBUG",
    help="Print the Python traceback of an internal error (exit 5), for a bug report.",
)
def cli(debug: bool) -> None:
    """Publish what a news article says as linked data (JSON-LD, Turtle, TriG, SPARQL stores)."""


def _wikidata_options(command):
    """Options for live Wikidata access (off unless asked for)."""
    options = [
        click.option("--contact", help="Your e-mail or URL for the Wikidata User-Agent (or $NEWSGRAPH_CONTACT)."),
        click.option(
            "--cache",
            "cache",
            type=click.Path(path_type=Path, dir_okay=False),
            help="SQLite file caching Wikidata replies (default ~/.cache/newsgraph/wikidata-http-cache.sqlite).",
        ),
        click.option("--no-cache", is_flag=True, help="Do not cache Wikidata replies."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _client(contact: str | None, cache: Path | None, no_cache: bool, near: Path | None = None) -> WikidataClient:
    """A Wikidata client; the contact is --contact, else $NEWSGRAPH_CONTACT, else newsgraph.toml's."""
    from .stories.config import find_config
    from .wikidata.client import CONTACT_ENV, WikidataClient

    if contact is None and not os.environ.get(CONTACT_ENV):
        contact = find_config(near or Path.cwd()).wikidata_contact
    return WikidataClient(contact, cache=False if no_cache else cache)


def _snapshot(story: Path, live: bool, contact: str | None, cache: Path | None, no_cache: bool) -> Snapshot:
    """The offline snapshot, plus (with --live) the story's QIDs it lacks, fetched from Wikidata."""
    from .stories.config import find_config
    from .wikidata.snapshot import Snapshot

    snapshot = Snapshot.default(find_config(story).snapshot)
    if live:
        from .stories.storyfile import qids_in_stories
        from .wikidata.client import extend_snapshot

        with _client(contact, cache, no_cache, story) as client:
            snapshot = extend_snapshot(snapshot, qids_in_stories([story]), client)
    return snapshot


@cli.command("build")
@click.argument("stories", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False, allow_dash=True),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder to write <slug>.jsonld, .ttl, .trig and .html into; '-' writes one --format to standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(OUTPUT_FORMATS)),
    default=None,
    help="With --out -: what to write to standard output (default ttl).",
)
@click.option("--base-iri", help="Base IRI for the article's nodes (overrides the story's).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for a batch of stories (default: the number of cores).",
)
@click.option("--live", is_flag=True, help="Check QIDs missing from the offline snapshot on live Wikidata.")
@click.option(
    "--verify-output",
    is_flag=True,
    help="Also read every file back with an independent parser (Oxigraph) before writing it.",
)
@click.option("--allow-draft", is_flag=True, help="Build stories still marked for review ('review:' on an item).")
@click.option(
    "--ninjs-version",
    type=click.Choice(["2.1", "3.1"]),
    default="3.1",
    show_default=True,
    help="The IPTC ninjs version of <slug>.ninjs.json.",
)
@_wikidata_options
def build_command(
    stories: tuple[str, ...],
    out: Path,
    fmt: str | None,
    base_iri: str | None,
    jobs: int | None,
    live: bool,
    verify_output: bool,
    allow_draft: bool,
    ninjs_version: str,
    **wikidata: Any,
) -> None:
    """Check each STORY and write its four files into --out (atomically; nothing for a story with errors).

    STORIES are story files, folders of stories or globs ('stories/*.yaml'), or '-' for one story
    on standard input (its text files are found from here). One story: its problems are printed
    and nothing is written. Many: a progress bar, every failure reported without stopping, and a
    summary line; the exit code is the worst story's. `--out -` writes one story's --format to
    standard output, for pipelines.
    """
    from .publishing.batch import build_many, story_paths
    from .publishing.build import build
    from .stories.story import load_story
    from .writing.files import remove_leftovers, write_files

    base_iri = _base_option(base_iri)
    to_stdout = str(out) == "-"
    if fmt is not None and not to_stdout:
        raise click.UsageError("--format chooses what `--out -` writes; a folder gets every file")
    if "-" in stories:
        if len(stories) > 1:
            raise click.UsageError("'-' (a story on standard input) cannot come with other stories")
        paths = [STDIN]
    else:
        paths = story_paths(stories)
    single = paths == [STDIN] or (len(paths) == 1 and Path(stories[0]) == paths[0])
    if to_stdout and not single:
        raise click.UsageError("--out - writes one story: give one story file, or '-'")
    if single:
        story = paths[0]
        loaded = _catalogues(paths, base_iri)
        catalogue = loaded[0] if loaded else None
        with _about(story):
            if not to_stdout:
                remove_leftovers(out)  # of builds killed earlier, whatever becomes of this one
            source = _stdin_text() if story == STDIN else None
            result = build(
                load_story(story, _snapshot(story, live, **wikidata), catalogue=catalogue, source=source),
                base=base_iri,
                catalogue=catalogue,
                verify=verify_output,
                allow_draft=allow_draft,
                ninjs_version=ninjs_version,
            )
        if to_stdout:
            sys.stdout.buffer.write(getattr(result, OUTPUT_FORMATS[fmt or "ttl"]).encode("utf-8"))
            return
        catalogues = [_catalogue_build(c, verify_output) for c in loaded]
        # the article and its catalogue land together or not at all
        with _about(story):
            changed = write_files(out, {k: v for r in (result, *catalogues) for k, v in r.file_bytes().items()})
        for published in (result, *catalogues):
            _say_written(published, out, [p for p in changed if p.name.startswith(published.name + ".")])
        return
    if not paths:
        raise InputError(f"no story files in {' '.join(stories)}")
    if live:
        raise click.UsageError("--live checks one story at a time; build a batch from the snapshot")

    catalogues = [_catalogue_build(c, verify_output) for c in _catalogues(paths, base_iri)]
    started = time.perf_counter()
    failed: list = []
    built = triples = 0
    with click.progressbar(length=len(paths), label="building", file=sys.stderr) as bar:
        jobs = jobs or os.cpu_count() or 1
        for outcome in build_many(
            paths,
            out,
            jobs=jobs,
            base=base_iri,
            verify=verify_output,
            allow_draft=allow_draft,
            ninjs_version=ninjs_version,
        ):
            bar.update(1)
            if outcome.ok:
                built += 1
                triples += outcome.triples
            else:
                failed.append(outcome)
    for outcome in failed:
        _say(f"newsgraph: {outcome.error}")
        if outcome.details and _debugging():
            _say(outcome.details)
    seconds = time.perf_counter() - started
    click.echo(f"built {built}, failed {len(failed)}, {triples} triples, {seconds:.2f} s -> {out}/")
    for published in catalogues:
        with _about(Path(published.source)):
            _say_written(published, out, published.write(out))
    if failed:
        sys.exit(max(o.exit_code for o in failed))


def _catalogues(stories: list[Path], base_iri: str | None) -> list[Catalogue]:
    """The catalogues of the stories' newsrooms (where they have one): published with them."""
    from .stories.catalogue import catalogues_for, load_catalogue

    loaded = []
    for folder, base in catalogues_for(stories):
        with _about(folder):
            loaded.append(load_catalogue(folder, base=base_iri or base))
    return loaded


def _catalogue_build(catalogue: Catalogue, verify: bool) -> CatalogueBuild:
    from .publishing.catalogue_graph import build_catalogue

    with _about(catalogue.path):
        result = build_catalogue(catalogue)
        if verify:
            result.verify()
    return result


def _say_written(published: Published, out: Path, changed: list[Path]) -> None:
    click.echo(
        f"{published.label}: {published.mapped.count} triples -> {out}/ "
        f"({len(changed)} file{'s' if len(changed) != 1 else ''} changed)"
    )


@cli.command("validate")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the report.",
)
@click.option("--live", is_flag=True, help="Check QIDs missing from the offline snapshot on live Wikidata.")
@_wikidata_options
def validate_command(story: Path, fmt: str, live: bool, **wikidata: Any) -> None:
    """Check STORY ('-': a story on standard input) without writing anything: exit 0 valid,
    1 invalid, 2 unreadable."""
    from .publishing.check import validate_story

    source = None
    if str(story) == "-":
        story, source = STDIN, _stdin_text()
    with _about(story):
        report = validate_story(story, _snapshot(story, live, **wikidata), source=source)
    if fmt == "json":
        click.echo(report.to_json())
    else:
        click.echo(report.format_text() if report.problems else printable(f"{story}: valid"))
    sys.exit(0 if report.ok else 1)


def _store_options(command):
    """Options naming the store: the embedded one (default) or a remote one."""
    from .stories.config import DEFAULT_STORE

    options = [
        click.option(
            "--store",
            "store_dir",
            type=click.Path(path_type=Path, file_okay=False),
            default=DEFAULT_STORE,
            show_default=True,
            help="Folder of the embedded Oxigraph store.",
        ),
        click.option("--endpoint", help="SPARQL query endpoint of a remote store (instead of the embedded one)."),
        click.option("--graph-store", help="Graph Store Protocol URL, if not the endpoint (e.g. Oxigraph's /store)."),
        click.option("--user", help="User for the remote store (or $NEWSGRAPH_STORE_USER)."),
        click.option(
            "--password", help="Password (or $NEWSGRAPH_STORE_PASSWORD; the environment keeps it out of shell history)."
        ),
        click.option("--token", help="Bearer token (or $NEWSGRAPH_STORE_TOKEN)."),
        click.option(
            "--auth",
            "auth_scheme",
            type=click.Choice(["basic", "digest"]),
            default="basic",
            show_default=True,
            help="How to send the user and password (Virtuoso wants digest).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=60.0,
            show_default=True,
            help="Seconds to wait for the remote store to answer one request.",
        ),
        click.option(
            "--retries",
            type=click.IntRange(min=0, max=10),
            default=4,
            show_default=True,
            help="Retries (with backoff) on connection errors, 5xx and 429.",
        ),
        click.option(
            "--ca-bundle",
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="CA certificates to verify the store's TLS certificate with.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _open_store(
    store_dir: Path,
    endpoint: str | None,
    graph_store: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    auth_scheme: str,
    timeout: float,
    retries: int,
    ca_bundle: Path | None,
    *,
    must_exist: bool,
) -> EmbeddedStore | RemoteStore:
    if endpoint is None:
        from .store.loading import EmbeddedStore

        if graph_store or user or token:
            raise InputError("--graph-store, --user and --token are for a remote store: give --endpoint too")
        if must_exist and not store_dir.is_dir():
            raise InputError(f"{store_dir}: no store here yet; load articles first (newsgraph load STORY)")
        return EmbeddedStore(store_dir)
    from .store.graphstore import RemoteStore, auth_from  # requests: for a remote store only

    return RemoteStore(
        endpoint,
        graph_store=graph_store,
        auth=auth_from(user, password, token, auth_scheme),
        timeout=(5.0, timeout),
        retries=retries,
        verify_tls=str(ca_bundle) if ca_bundle else True,
    )


def _base_option(base_iri: str | None) -> str | None:
    """--base-iri, checked before anything is read or written."""
    from .model.iris import check_base

    if base_iri is None:
        return None
    try:
        return check_base(base_iri)
    except ValueError as exc:
        raise InputError(f"--base-iri: {exc}") from None


def _inputs(inputs: tuple[Path, ...], base_iri: str | None) -> Iterator[Deferred]:
    """Each input, made into payloads only when the store can still take them: a story is built,
    a .trig or .nq file read; one that fails becomes an outcome saying why."""
    from .publishing.build import build
    from .store.loading import Payload, payloads_from_file
    from .stories.story import load_story

    def make(path: Path) -> list[Payload]:
        if path.suffix in STORY_SUFFIXES:
            return [Payload.from_result(build(load_story(path), base=base_iri))]
        return list(payloads_from_file(path))

    for path in inputs:
        yield _deferred(path.name, path, partial(make, path))


def _batch(inputs: tuple[str, ...], base_iri: str | None, doing: str) -> tuple[list[Deferred], int, list[Path]]:
    """The inputs of load, dump or dataset as one batch, the catalogue of the stories' newsroom
    first (the articles refer to its things); where the articles begin; the input files."""
    from .publishing.batch import story_paths

    paths = story_paths(inputs, LOAD_SUFFIXES)
    if not paths:
        raise InputError(f"nothing to {doing} in {' '.join(inputs)}")
    batch = [*_catalogue_inputs([p for p in paths if p.suffix in STORY_SUFFIXES], base_iri)]
    first_article = len(batch)
    batch += _inputs(tuple(paths), base_iri)
    return batch, first_article, paths


def _catalogue_inputs(stories: list[Path], base_iri: str | None) -> Iterator[Deferred]:
    """The catalogues of the stories' newsrooms, made into payloads as :func:`_inputs` does."""
    from .store.loading import Payload
    from .stories.catalogue import catalogues_for, load_catalogue

    def make(folder: Path, base: str) -> list[Payload]:
        return [Payload.from_result(_catalogue_build(load_catalogue(folder, base=base_iri or base), verify=False))]

    for folder, base in catalogues_for(stories):
        yield _deferred("catalogue", folder, partial(make, folder, base))


def _deferred(label: str, path: Path, make: Callable[[], list[Payload]]) -> Deferred:
    """``make`` deferred; what goes wrong in it becomes the outcome of ``label``."""
    from .store.loading import Deferred, Outcome

    def outcomes() -> list[Payload | Outcome]:
        try:
            with _about(path):
                return list(make())
        except InvalidStory as exc:
            report = exc.report
            return [
                Outcome(label, "", "invalid", error=f"the story has {report.summary()}\n{report.format_problems()}")
            ]
        except InvalidCatalogue as exc:
            problems = "\n".join(r.format_problems() for r in exc.reports)
            return [Outcome(label, "", "invalid", error=f"{exc}\n{problems}")]
        except InternalError as exc:
            return [Outcome(label, "", "internal error", error=exc.reason, details=exc.details)]
        except NewsgraphError as exc:
            return [Outcome(label, "", "invalid", error=str(exc))]

    return Deferred(label, outcomes)


def _describe(outcome: Outcome) -> None:
    """Print one article's outcome: loaded ones on stdout, the others on stderr."""
    if outcome.ok:
        click.echo(outcome.describe())
        return
    _say(outcome.describe())
    if outcome.details and _debugging():
        _say(outcome.details)


@cli.command("load")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--base-iri", help="Base IRI for stories' nodes (overrides the stories').")
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=16),
    default=None,
    help="Articles loaded at a time (default: the number of cores).",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="Load into an empty or new embedded store with Oxigraph's bulk loader: an archive's first "
    "import, several times faster (not one transaction per article; a remote store takes a `newsgraph "
    "dump` into its own bulk loader instead).",
)
@_store_options
def load_command(
    inputs: tuple[str, ...], base_iri: str | None, jobs: int | None, bulk: bool, **store_options: Any
) -> None:
    """Load stories (built on the fly) or .trig/.nq files, one named graph per article.

    INPUTS are files, folders or globs, as for build. Each article's graph is replaced as a
    whole; loading again changes nothing. Every article's outcome is printed. Exit 0 all loaded,
    1 no input was valid, 2 --bulk into a store that holds graphs already (or a remote one),
    3 the store could not be reached, 4 some articles were not loaded (re-run to finish: nothing
    is duplicated), 5 newsgraph failed on an input (a bug).
    """
    from .store.loading import bulk_load_articles, load_articles

    base_iri = _base_option(base_iri)
    if bulk and store_options["endpoint"] is not None:
        raise InputError(
            "--bulk loads the embedded store; for a remote store, write the articles with `newsgraph dump "
            "INPUTS --out archive.nq.gz` and give it to the store's own bulk loader (see the README)"
        )
    # the catalogue in the same batch: a store that cannot be reached is found out once
    batch, first_article, _paths = _batch(inputs, base_iri, "load")
    with _open_store(**store_options, must_exist=False) as store:
        if bulk:
            everything = bulk_load_articles(cast("EmbeddedStore", store), batch, report=_describe)
        else:
            everything = load_articles(store, batch, jobs=jobs or os.cpu_count() or 1, report=_describe)
    catalogues, articles = everything[:first_article], everything[first_article:]
    loaded = sum(o.ok for o in articles)
    summary = f"{loaded} of {len(articles)} article{'s' if len(articles) != 1 else ''} loaded"
    if catalogues:
        failed = sum(not o.ok for o in catalogues)
        what = "the catalogue" if len(catalogues) == 1 else f"{len(catalogues)} catalogues"
        if not failed:
            summary += f", and {what}"
        else:
            summary += "; the catalogue was not loaded" if len(catalogues) == 1 else f"; {failed} of {what} not loaded"
    click.echo(summary)
    # the exit code is the articles' (with a catalogue that failed counted among them)
    outcomes = [*articles, *(o for o in catalogues if not o.ok)]
    if loaded == len(outcomes):
        return
    if any(o.status == "internal error" for o in outcomes):
        sys.exit(InternalError.exit_code)
    if loaded == 0 and all(o.status == "invalid" for o in outcomes):
        sys.exit(1)
    if loaded == 0 and any(o.status in ("failed", "not attempted") for o in outcomes):
        sys.exit(3)
    sys.exit(4)


@cli.command("dump")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The dump: FILE.nq, or FILE.nq.gz to compress it.",
)
@click.option("--base-iri", help="Base IRI for stories' nodes (overrides the stories').")
def dump_command(inputs: tuple[str, ...], out: Path, base_iri: str | None) -> None:
    """Write one N-Quads dump of many articles, and their newsroom's catalogue, for the bulk
    loaders of large engines (`oxigraph load`, Virtuoso's ld_dir, QLever, GraphDB's importer).

    INPUTS are stories (built on the fly), .trig or .nq files, folders or globs, as for load. The
    dump streams (memory stays that of one article) and is renamed into place when complete; an
    input that fails is reported and left out. Exit 0 all dumped, 1 none was valid, 4 some were
    left out, 5 newsgraph failed on an input.
    """
    from .serving.dump import write_dump

    batch, first_article, _paths = _batch(inputs, _base_option(base_iri), "dump")
    outcomes = write_dump(batch, out, report=_describe, articles_from=first_article)
    dumped = [o for o in outcomes if o.ok]
    articles = any(o.ok for o in outcomes[first_article:])
    if articles:
        click.echo(f"{len(dumped)} of {len(outcomes)} inputs dumped, {sum(o.sent for o in dumped)} triples -> {out}")
    else:
        click.echo("nothing dumped: no article could be built or read")
    if len(dumped) == len(outcomes):
        return
    if any(o.status == "internal error" for o in outcomes):
        sys.exit(InternalError.exit_code)
    sys.exit(4 if articles else 1)


@cli.command("dataset")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(DEFAULT_OUT) / "dataset.ttl",
    show_default=True,
    help="The description (Turtle).",
)
@click.option("--base-iri", help="Base IRI for stories' nodes (overrides the stories').")
def dataset_command(inputs: tuple[str, ...], out: Path, base_iri: str | None) -> None:
    """Describe what INPUTS publish, with VoID and DCAT: title, publisher, licence, languages,
    last change, each graph (articles, their evidence, the catalogue) with its triple count, the
    vocabularies used, example resources, and the SPARQL endpoint and dump when newsgraph.toml
    names them (title, publisher, license, sparql_endpoint, dump_url).

    INPUTS are stories (built on the fly), .trig or .nq files, folders or globs, as for load; the
    newsroom is the first input's. An input that fails is reported and left out of the
    description (exit 4; exit 1 when none could be read)."""
    from .model.vocab import DEFAULT_BASE
    from .serving.dataset import describe, payload_graphs
    from .store.loading import Outcome, Payload
    from .stories.config import find_config
    from .writing.files import write_files

    base_iri = _base_option(base_iri)
    batch, first_article, paths = _batch(inputs, base_iri, "describe")
    config = find_config(paths[0])
    made = [(n, m) for n, deferred in enumerate(batch) for m in deferred.make()]
    failed = [m for _, m in made if isinstance(m, Outcome)]
    for outcome in failed:
        _describe(outcome)
    payloads = [m for _, m in made if isinstance(m, Payload)]
    if not any(isinstance(m, Payload) for n, m in made if n >= first_article):
        click.echo("nothing described: no article could be built or read")
        sys.exit(1)
    text = describe(payload_graphs(payloads), base=base_iri or config.base_iri or DEFAULT_BASE, config=config)
    with _about(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        write_files(out.parent, {out.name: text.encode("utf-8")})
    graphs = sum(len(p.graphs) for p in payloads)
    click.echo(f"{out}: {graphs} graphs, {sum(p.total for p in payloads)} triples described")
    if failed:
        sys.exit(InternalError.exit_code if any(o.status == "internal error" for o in failed) else 4)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--base-iri", help="The base of the IRIs served (default: newsgraph.toml's here).")
@_store_options
def serve_command(host: str, port: int, base_iri: str | None, **store_options: Any) -> None:
    """Serve every IRI newsgraph mints, from the store: articles and their nodes, catalogue
    things, graphs, the ontology and the JSON-LD context, in Turtle, N-Triples, JSON-LD or HTML as
    the client asks (303 See Other, Vary: Accept); the VoID description at /.well-known/void
    and a read-only SPARQL endpoint at /sparql. Runs until interrupted."""
    from .serving.serve import serve

    reader, base, void = _published(base_iri, store_options)
    click.echo(f"serving the IRIs under {base} at http://{host}:{port}/ (Ctrl-C stops)")
    serve(reader, base=base, void=void, host=host, port=port)


@cli.command("site")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--base-iri", help="The base of the IRIs published (default: newsgraph.toml's here).")
@_store_options
def site_command(folder: Path, base_iri: str | None, **store_options: Any) -> None:
    """Write into FOLDER what `newsgraph serve` answers, as static files: every resource's
    Turtle, N-Triples, JSON-LD and HTML documents, the JSON-LD context, the VoID description, and
    content-negotiation configuration for Apache (.htaccess) and nginx (nginx.conf.example)."""
    from .serving.site import write_site

    reader, base, void = _published(base_iri, store_options)
    with _about(folder):
        written = write_site(reader, folder, base=base, void=void())
    click.echo(f"{folder}/: {len(written)} files of the IRIs under {base}")


def _published(base_iri: str | None, store_options: dict[str, Any]) -> tuple[Any, str, Callable[[], str]]:
    """What serve and site publish: the store to read (the embedded one read-only), the base of
    its IRIs (the option's, else newsgraph.toml's here, else the default) and how to describe it
    (VoID; it reads every graph, so only when asked)."""
    from .model.vocab import DEFAULT_BASE
    from .serving.dataset import describe, store_graphs
    from .stories.config import find_config

    config = find_config(Path.cwd())
    base = _base_option(base_iri) or config.base_iri or DEFAULT_BASE
    if store_options["endpoint"] is None:
        reader: Any = _read_only(store_options["store_dir"])
    else:
        reader = _open_store(**store_options, must_exist=True)
    return reader, base, lambda: describe(store_graphs(reader), base=base, config=config)


def _read_only(folder: Path) -> Any:
    """The embedded store in ``folder``, opened read-only (a load may go on beside it; what it
    writes is seen after a restart)."""
    import pyoxigraph as ox

    if not folder.is_dir():
        raise InputError(f"{folder}: no store here yet; load articles first (newsgraph load STORY)")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise InputError(f"{folder}: cannot open the embedded store: {exc}") from None


def _is_file(name: str) -> bool:
    """Whether ``name`` names a file (a SPARQL query is usually not a possible file name at all)."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


@cli.command("query")
@click.argument("question", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the example questions shipped with newsgraph.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="At most N rows of a SELECT query: a page (the shipped questions whose answers grow with "
    "the archive give 100 unless told).",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Skip the first N rows (the pages before).",
)
@click.option("--all", "all_rows", is_flag=True, help="Every row, without a question's default page.")
@_store_options
def query_command(
    question: str | None,
    fmt: str,
    list_queries: bool,
    limit: int | None,
    offset: int,
    all_rows: bool,
    **store_options: Any,
) -> None:
    """Ask QUESTION: a SPARQL query, a .rq file, or the name of a shipped example question.

    --limit and --offset page the rows of a SELECT query: the page is written into the query
    (LIMIT/OFFSET appended, or the query wrapped as a subquery when it has its own), so the store
    sends only that page. When a page comes back full, a note on standard error says how to ask
    for the next one.
    """
    from .resources import shipped_queries
    from .store.paging import NotSelect, default_limit, paged
    from .store.results import format_results, row_count

    shipped = shipped_queries()
    if list_queries:
        for name, text in sorted(shipped.items()):
            click.echo(f"{name}: {text.splitlines()[0].lstrip('# ')}")
        return
    if not question:
        raise click.UsageError("give a SPARQL query, a .rq file or a question name (see --list)")
    if all_rows and (limit is not None or offset):
        raise click.UsageError("--all asks for every row: give it without --limit and --offset")
    if question in shipped:
        sparql = shipped[question]
    elif question.endswith(".rq") or _is_file(question):
        try:
            sparql = Path(question).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{question}: cannot read the query: {exc}") from None
    else:
        sparql = question
    if limit is None and not all_rows:
        limit = default_limit(sparql)
    if limit is not None or offset:
        try:
            sparql = paged(sparql, limit, offset)
        except NotSelect as exc:
            raise click.UsageError(f"--limit and --offset page the rows of a SELECT query; {exc}") from None
    with _open_store(**store_options, must_exist=True) as store:
        text = format_results(store.query(sparql), fmt)
    click.echo(text)
    if limit is not None and row_count(text, fmt) >= limit:
        click.echo(
            f"newsgraph: rows {offset + 1} to {offset + limit}, a full page; more may follow: "
            f"--offset {offset + limit} for the next page (--limit N for bigger pages, --all for every row)",
            err=True,
        )


@cli.command("link")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--live", is_flag=True, help="Also search live Wikidata (wbsearchentities); needs the network.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=click.IntRange(1, 20), default=5, show_default=True, help="Candidates per entity.")
@_wikidata_options
def link_command(story: Path, live: bool, fmt: str, limit: int, **wikidata: Any) -> None:
    """Propose, for STORY's entities and events, entries of the newsroom's catalogue (for those
    not referring to it yet) and then Wikidata items (for those with no QID), ranked, with the
    evidence for each. Changes nothing."""
    from .linking.reconcile import format_proposals, link_story
    from .stories.catalogue import catalogue_for, catalogues_for
    from .stories.config import find_config
    from .stories.story import load_story
    from .wikidata.snapshot import Snapshot

    with _about(story):
        loaded = load_story(story)
        catalogue = catalogue_for(story) if catalogues_for([story]) else None
    snapshot = Snapshot.default(find_config(story).snapshot)
    if live:
        with _client(**wikidata, near=story) as client:
            proposals = link_story(loaded, snapshot, client, limit=limit, catalogue=catalogue)
    else:
        proposals = link_story(loaded, snapshot, limit=limit, catalogue=catalogue)
    click.echo(format_proposals(proposals, fmt))


@cli.command("review")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), help="The page (default: SLUG.review.html here)."
)
def review_command(story: Path, out: Path | None) -> None:
    """Write a page to check STORY by eye: the article text with its evidence highlighted, its
    entities, events on a timeline, claims and the validation report (one HTML file, no network).
    Exit 1 if the story has errors: then the page shows the report alone."""
    from .drafting.review import review_page
    from .publishing.check import check_story
    from .writing.files import write_files

    with _about(story):
        loaded, report = check_story(story)
        page = review_page(loaded, report)
        out = out or Path(f"{loaded.article.slug if loaded else story.stem}.review.html")
        write_files(out.parent, {out.name: page.encode("utf-8")})
    click.echo(f"{out}: {report.summary()}")
    if not report.ok:
        sys.exit(1)


@cli.command("draft")
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--published", required=True, help="The publication date, YYYY-MM-DD: relative dates resolve against it.")
@click.option("--language", type=click.Choice(["el", "en"]), help="The article's language (default: from its letters).")
@click.option("--slug", "slug_", help="The story's slug (default: the date and the headline's first words).")
@click.option("--headline", help="The headline (default: the text's first line).")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The story file (default: ARTICLE with .yaml); '-' writes it to standard output.",
)
@click.option("--force", is_flag=True, help="Replace the story file if it exists.")
def draft_command(
    article: Path,
    published: str,
    language: str | None,
    slug_: str | None,
    headline: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """Draft a story from the raw text of ARTICLE: entities, dates, events, claims and quotes
    found by rules, with their evidence offsets, and a 'review' mark on every item the rules are
    not sure of. Names are looked up in the catalogue of the story's newsroom (newsgraph.toml)
    and the Wikidata snapshot. The draft validates (its review marks are warnings); `newsgraph
    review` shows it beside the text, and `build` refuses it until the marks are gone."""
    from .drafting.checked import draft_file, draft_text

    with _about(article):
        if str(out) == "-":  # the story holds the text: no file of its own to refer to it from
            story, report, left_out = draft_text(article, published, language=language, slug=slug_, headline=headline)
            sys.stdout.write(story)
        else:
            out, report, left_out = draft_file(
                article, published, out=out, language=language, slug=slug_, headline=headline, force=force
            )
    for what in left_out:
        _say(f"newsgraph: left out of the draft, as it did not validate: {what}")
    if not report.ok:
        _say(report.format_text())
    click.echo(f"{out}: drafted; {report.summary()}", err=str(out) == "-")
    if not report.ok:
        sys.exit(1)


@cli.command("fix-offsets")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
def fix_offsets_command(story: Path) -> None:
    """Write into STORY the offsets of every evidence span given by its words alone ({text: ...},
    with 'occurrence: N' when they appear more than once). Every other byte of the file stays as
    it was; a story with errors is not changed (exit 1)."""
    from .stories.offsets import fix_offsets
    from .writing.files import write_files

    with _about(story):
        fixed, count = fix_offsets(story)
        if count:
            write_files(story.parent, {story.name: fixed.encode("utf-8")})
    click.echo(f"{story}: {count} span{'s' if count != 1 else ''} given offsets")


@cli.command("config")
@click.argument("path", type=click.Path(path_type=Path), default=".")
def config_command(path: Path) -> None:
    """Print the configuration in effect for PATH (a story or a folder; default: here) and where each
    value comes from: an environment variable, the nearest newsgraph.toml, or the built-in default.
    A story's own values (base:, license:) and command-line options win over all of these."""
    from .model.vocab import DEFAULT_BASE
    from .stories.config import KEYS, find_config
    from .wikidata.client import CONTACT_ENV
    from .wikidata.snapshot import SNAPSHOT_ENV

    config = find_config(path)
    click.echo(f"configuration: {config.path or f'none (no newsgraph.toml in {path} or above)'}")
    environment = {"wikidata_contact": CONTACT_ENV, "snapshot": SNAPSHOT_ENV}
    defaults = {
        "base_iri": DEFAULT_BASE,
        "license": "(none)",
        "wikidata_contact": "(none: live Wikidata commands ask for --contact)",
        "snapshot": "(the packaged snapshot)",
        "catalogue": "catalogue/ beside newsgraph.toml",
        "copyright_notice": "(none)",
        "title": "(none: the dataset description says 'newsgraph articles')",
        "publisher": "(none)",
        "sparql_endpoint": "(none)",
        "dump_url": "(none)",
    }
    for key in KEYS:
        variable = environment.get(key)
        file = config.source(key)
        if variable and os.environ.get(variable):
            value, origin = os.environ[variable], f"${variable}"
        elif file:
            value, origin = str(getattr(config, key)), file
        else:
            value, origin = defaults[key], "built-in default"
        click.echo(f"{key} = {value}  ({origin})")


@cli.group("catalogue")
def catalogue_group() -> None:
    """The newsroom's catalogue: recurring things with IRIs shared by every article ({base}thing/{id})."""


def _catalogue_folder(folder: Path | None) -> Path:
    from .stories.catalogue import catalogue_folder
    from .stories.config import find_config

    return folder or catalogue_folder(find_config(Path.cwd()), Path.cwd())


_CATALOGUE_ARGUMENT = click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))


@catalogue_group.command("validate")
@_CATALOGUE_ARGUMENT
def catalogue_validate_command(folder: Path | None) -> None:
    """Check every file of the catalogue in FOLDER (default: newsgraph.toml's, else ./catalogue):
    exit 0 valid, 1 invalid, 2 unreadable."""
    from .stories.catalogue import read_catalogue

    folder = _catalogue_folder(folder)
    with _about(folder):
        catalogue, reports = read_catalogue(folder)
    for report in reports:
        if report.problems:
            click.echo(report.format_text())
    if catalogue is None:
        sys.exit(1)
    click.echo(printable(f"{folder}: valid ({len(catalogue)} entries in {len(reports)} files)"))


@catalogue_group.command("build")
@_CATALOGUE_ARGUMENT
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder to write catalogue.jsonld, .ttl, .trig and .html into.",
)
@click.option("--base-iri", help="Base IRI of the things' IRIs (default: newsgraph.toml's).")
@click.option("--verify-output", is_flag=True, help="Also read every file back with Oxigraph before writing it.")
def catalogue_build_command(folder: Path | None, out: Path, base_iri: str | None, verify_output: bool) -> None:
    """Check the catalogue in FOLDER and write its graph's four files into --out (nothing if it has errors)."""
    from .stories.catalogue import load_catalogue

    folder = _catalogue_folder(folder)
    with _about(folder):
        catalogue = load_catalogue(folder, base=_base_option(base_iri))
    result = _catalogue_build(catalogue, verify_output)
    with _about(folder):
        _say_written(result, out, result.write(out))


@catalogue_group.command("promote")
@click.argument("story", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("entity")
@click.option("--id", "entry_id", help="The entry's id in the catalogue (default: the entity's id in the story).")
@click.option("--file", "file", help="The catalogue file to add it to (default: by type, e.g. people.yaml).")
@click.option("--write", is_flag=True, help="Do it: add the entry and make the story refer to it.")
def catalogue_promote_command(story: Path, entity: str, entry_id: str | None, file: str | None, write: bool) -> None:
    """Move STORY's own ENTITY into the newsroom's catalogue: say what would change (the entry to
    add, the one line the story gains), and with --write do it. Its offices and evidence stay in
    the story; no other story is changed."""
    from .linking.promote import promotion

    with _about(story):
        planned = promotion(story, entity, id=entry_id, file=file)
        click.echo(planned.describe())
        if write:
            planned.write()
    click.echo("written" if write else "nothing was written: run again with --write to do it")


@cli.group("wikidata")
def wikidata_group() -> None:
    """The offline Wikidata snapshot the checks use."""


@wikidata_group.command("refresh")
@click.argument("stories", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Snapshot file to write (default: $NEWSGRAPH_WIKIDATA_SNAPSHOT, else data/wikidata-snapshot.json).",
)
@click.option(
    "--allow-shrink",
    is_flag=True,
    help="Write the new snapshot even if it lacks items, labels, classes or positions the old one had.",
)
@_wikidata_options
def refresh_command(stories: tuple[Path, ...], out: Path | None, allow_shrink: bool, **wikidata: Any) -> None:
    """Rebuild the snapshot from live Wikidata for the QIDs of STORIES (default: stories/*) and
    of their newsroom's catalogue (confirming the QIDs it holds pending).

    Needs the network; offline it says so and changes nothing. A snapshot that would lose what the
    old one had is not written (exit 3) unless --allow-shrink is given.
    """
    import datetime
    import os

    from .stories.catalogue import catalogue_files, catalogues_for
    from .stories.config import find_config
    from .stories.storyfile import qids_in_stories
    from .wikidata.client import fetch_snapshot
    from .wikidata.snapshot import SNAPSHOT_ENV, Snapshot
    from .writing.files import write_files

    paths = list(stories) or sorted(p for p in Path("stories").glob("*") if p.suffix in STORY_SUFFIXES)
    if not paths:
        raise InputError("no stories given, and none in ./stories")
    configured = find_config(paths[0]).snapshot
    out = out or Path(os.environ.get(SNAPSHOT_ENV) or configured or "data/wikidata-snapshot.json")
    catalogues = [file for folder, _ in catalogues_for(paths) for file in catalogue_files(folder)]
    qids = qids_in_stories([*paths, *catalogues])
    with _client(**wikidata, near=paths[0]) as client:
        snapshot, missing = fetch_snapshot(qids, client, datetime.date.today().isoformat())
    if missing:
        click.echo(
            f"newsgraph: Wikidata has no item {', '.join(missing)}; fix the stories first. {out} was not changed.",
            err=True,
        )
        sys.exit(1)
    if out.exists() and not allow_shrink:
        lost = Snapshot.from_file(out).losses(snapshot)
        if lost:
            shown = "; ".join(lost[:10]) + (f"; and {len(lost) - 10} more" if len(lost) > 10 else "")
            raise ServiceError(
                f"the snapshot from Wikidata's answers would lose what {out} has ({shown}); "
                f"{out} was not changed. Check the stories and try again later; if the loss is "
                "meant, pass --allow-shrink"
            )
    write_files(out.parent, {out.name: snapshot.dumps().encode("utf-8")})
    and_catalogue = " and their catalogue" if catalogues else ""
    click.echo(f"{out}: {len(snapshot)} items from {len(paths)} stories{and_catalogue}, taken {snapshot.taken}")


def main() -> None:
    """Entry point of the console script and ``python -m newsgraph``."""
    cli(prog_name="newsgraph")
