"""Benchmark building: newsgraph's full build against the naive pipeline and the floor, in one run.

On the same generated corpus (benchmarks/corpus.py) it times, per article:

(a) newsgraph's full build, as `newsgraph build` runs it: read the story, JSON Schema and
    cross-checks, mapping, the JSON-LD profile and the SHACL shapes on the output, JSON-LD,
    Turtle, TriG and HTML written to disk; with --jobs 1 and with --jobs 2; and the same again
    writing to memory (/dev/shm), which shows the CPU cost apart from the disk's;
(b) the naive pipeline: an rdflib graph, rdflib's Turtle, pyld compaction, jsonschema (a compiled
    validator) on the story and on the JSON-LD, and pySHACL; on a sample of the corpus (it is slow);
(c) the floor: pre-built quads to Turtle and N-Quads with pyoxigraph, and the pre-built JSON-LD
    dict dumped with orjson, nothing written;

and prints articles per second, the ratios a/b and a/c, the --jobs speed-up and peak RSS. Not a
test: it asserts nothing. With --rss N it only builds N stories (--jobs 2) and prints peak RSS.

    python benchmarks/build.py --n 1000          # JSON stories
    python benchmarks/build.py --n 1000 --yaml   # YAML stories, as editors write them
    python benchmarks/build.py --rss 10000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
import pyoxigraph as ox  # noqa: E402
import yaml  # noqa: E402

import newsgraph  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402
from newsgraph.publishing.batch import build_many  # noqa: E402


def full_build(paths: list[Path], out: Path, jobs: int) -> float:
    started = time.perf_counter()
    failed = [o for o in build_many(paths, out, jobs=jobs) if not o.ok]
    seconds = time.perf_counter() - started
    if failed:
        raise SystemExit(f"{len(failed)} stories failed, e.g. {failed[0].path}: {failed[0].error}")
    return seconds


def naive(paths: list[Path], out: Path) -> float:
    """The obvious pipeline, built from the well-known libraries, one article at a time."""
    import pyshacl
    import rdflib
    from jsonschema import Draft202012Validator
    from pyld import jsonld as pyld

    from newsgraph import resources
    from newsgraph.mapping.article import Lit, map_story
    from newsgraph.stories.story import story_from_data
    from newsgraph.writing.jsonld import CONTEXT, document_loader

    story_schema = Draft202012Validator(resources.read_json("schemas/story.schema.json"))
    profile = Draft202012Validator(resources.read_json("schemas/newsgraph-jsonld.schema.json"))
    shapes = rdflib.Graph().parse(data=resources.read_text("ontology/shapes.ttl"), format="turtle")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.CSafeLoader) if path.suffix == ".yaml" else json.loads(text)
        assert not any(True for _ in story_schema.iter_errors(data))
        story = story_from_data(data, data["article"]["text"], str(path))
        mapped = map_story(story)
        graph = rdflib.Graph()
        for s, p, o in mapped.iter_triples():
            if isinstance(o, Lit):
                term = rdflib.Literal(
                    o.value, lang=o.language, datatype=rdflib.URIRef(o.datatype) if o.datatype else None
                )
            else:
                term = rdflib.URIRef(o)
            graph.add((rdflib.URIRef(s), rdflib.URIRef(p), term))
        turtle = graph.serialize(format="turtle")
        # the article's triples in its named graph, as the JSON-LD publishes them
        in_graph = f" <{mapped.graph}> ."
        nquads = "".join(
            line[: -len(" .")] + in_graph + "\n" for line in graph.serialize(format="nt").splitlines() if line
        )
        expanded = pyld.from_rdf(nquads, {"format": "application/n-quads", "documentLoader": document_loader})
        document = pyld.compact(expanded, {"@context": CONTEXT}, {"documentLoader": document_loader})
        assert not any(True for _ in profile.iter_errors(document))
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
        assert conforms
        slug = story.article.slug
        (out / f"{slug}.ttl").write_text(turtle, encoding="utf-8")
        (out / f"{slug}.jsonld").write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return time.perf_counter() - started


def floor(paths: list[Path]) -> float:
    """Only serialising: pre-built quads and JSON-LD dicts (prepared here, not timed)."""
    prepared = []
    for path in paths:
        result = newsgraph.build(newsgraph.load_story(path), check=False)
        prepared.append((list(result.mapped.triples), result.mapped.quads(), result.jsonld_document, result.prefixes))
    started = time.perf_counter()
    for triples, quads, document, prefixes in prepared:
        ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    return time.perf_counter() - started


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def rss_only(n: int, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsgraph-rss-bench-") as tmp:
        folder = Path(tmp)
        print(f"generating {n} stories ...", flush=True)
        paths = write_corpus(folder / "stories", n, seed)
        before = peak_rss_mb(resource.RUSAGE_SELF)
        seconds = full_build(paths, folder / "out", jobs=2)
    print(f"{n} stories built with --jobs 2 in {seconds:.1f} s ({n / seconds:.0f} articles/s)")
    print(
        f"peak RSS: {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB in the main process ({before:.0f} MB before the "
        f"build), {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB in the largest worker (target: under 400 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="stories in the corpus (default 1000)")
    parser.add_argument("--naive-sample", type=int, default=50, help="stories the naive pipeline builds (default 50)")
    parser.add_argument("--rss", type=int, metavar="N", help="only build N stories with --jobs 2 and print peak RSS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--yaml", action="store_true", help="YAML stories, as editors write them (default JSON)")
    args = parser.parse_args()
    if args.rss:
        rss_only(args.rss, args.seed)
        return

    memory = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="newsgraph-build-bench-") as tmp:
        folder = Path(tmp)
        print(f"generating {args.n} {'YAML' if args.yaml else 'JSON'} stories ...", flush=True)
        paths = write_corpus(folder / "stories", args.n, args.seed, ".yaml" if args.yaml else ".json")
        newsgraph.build(newsgraph.load_story(paths[0]))  # imports and compiled schemas, once
        jobs1 = full_build(paths, folder / "out1", jobs=1)
        rss_after_jobs1 = peak_rss_mb(resource.RUSAGE_SELF)
        jobs2 = full_build(paths, folder / "out2", jobs=2)
        in_memory = {}
        if memory is not None:
            for jobs in (1, 2):
                with tempfile.TemporaryDirectory(dir=memory, prefix="newsgraph-build-bench-") as ram:
                    in_memory[jobs] = full_build(paths, Path(ram), jobs=jobs)
        sample = paths[: max(1, min(args.naive_sample, len(paths)))]
        slow = naive(sample, folder / "naive")
        fast = floor(paths)
        triples = sum(newsgraph.build(newsgraph.load_story(p), check=False).mapped.count for p in paths[:50])

    per = {  # seconds per article
        "(a) newsgraph build --jobs 1": jobs1 / len(paths),
        "(a) newsgraph build --jobs 2": jobs2 / len(paths),
        **{f"(a) --jobs {j}, output in memory": s / len(paths) for j, s in in_memory.items()},
        f"(b) naive pipeline ({len(sample)} stories)": slow / len(sample),
        "(c) floor: serialise pre-built quads": fast / len(paths),
    }
    print(f"\n{len(paths)} articles, about {triples / min(50, len(paths)):.0f} triples each\n")
    print(f"{'pipeline':<42} {'ms/article':>11} {'articles/s':>11}")
    for name, seconds in per.items():
        print(f"{name:<42} {seconds * 1000:>11.3f} {1 / seconds:>11,.0f}")
    a1, a2 = per["(a) newsgraph build --jobs 1"], per["(a) newsgraph build --jobs 2"]
    b = per[f"(b) naive pipeline ({len(sample)} stories)"]
    c = per["(c) floor: serialise pre-built quads"]
    print()
    print(
        f"a/b: (a) is {b / a1:.1f}x faster than the naive pipeline with --jobs 1, {b / a2:.1f}x with --jobs 2 "
        "(target: at least 20x)"
    )
    print(
        f"a/c: (a) takes {a1 / c:.1f}x the floor's time with --jobs 1, {a2 / c:.1f}x with --jobs 2 (target: within 4x)"
    )
    print(f"--jobs 2 is {jobs1 / jobs2:.2f}x faster than --jobs 1 (target: at least 1.7x)", end="")
    if in_memory:
        m1, m2 = in_memory[1] / len(paths), in_memory[2] / len(paths)
        print(f"; {in_memory[1] / in_memory[2]:.2f}x with output in memory")
        print(f"with output in memory, a/c is {m1 / c:.1f}x with --jobs 1 and {m2 / c:.1f}x with --jobs 2")
    else:
        print()
    print(
        f"peak RSS: {rss_after_jobs1:.0f} MB in this process after --jobs 1, "
        f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB in the largest worker"
    )


if __name__ == "__main__":
    main()
