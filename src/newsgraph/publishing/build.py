"""Build an article: map the story and give every serialisation of its named graph.

>>> from newsgraph.model.story import Article, Story
>>> result = build(Story(Article(slug="s", headline="Τίτλος", language="el",
...                              published="2025-12-11", text="Κείμενο")))
>>> sorted(result.files())
['s.html', 's.jsonld', 's.ninjs.json', 's.trig', 's.ttl']
>>> len(result.dataset.graph(result.graph_iri)), len(result.mapped)
(4, 4)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..contract.conformance import check_jsonld, check_shapes, check_shapes_pyshacl
from ..contract.terms import check_terms
from ..errors import InputError, InvalidStory
from ..mapping.article import Lit, MappedArticle, Obj, iter_triples, map_story
from ..mapping.structured_data import structured_data
from ..model.iris import check_base
from ..model.story import Claim, Entity, Event, Story
from ..model.vocab import DEFAULT_BASE, PREFIXES, XSD
from ..report import Report
from ..writing.embed import to_html_script
from ..writing.files import write_files
from ..writing.jsonld import dumps, to_jsonld
from ..writing.ninjs import NINJS_VERSIONS, check_ninjs, ninjs
from ..writing.turtle import nquads_text, trig_text, turtle_blocks, turtle_text
from .verify import verify_serialisations

if TYPE_CHECKING:
    import rdflib

    from ..stories.catalogue import Catalogue

__all__ = ["Published", "BuildResult", "build", "to_rdflib_dataset"]

#: File name suffix of each serialisation written by :meth:`BuildResult.write`.
SUFFIXES = {"jsonld": ".jsonld", "turtle": ".ttl", "trig": ".trig", "html": ".html"}
#: The name of an article's ninjs document: <slug>.ninjs.json.
NINJS_SUFFIX = ".ninjs.json"

_TERMS_HINT = (
    "no file can hold this term; fix the story (a story that passed `newsgraph validate` "
    "never gets here: then report a newsgraph bug)"
)


@dataclass(frozen=True)
class Published:
    """One named graph (with its evidence graph) ready to publish: its triples and, computed on
    first use, each serialisation, named ``{name}.ttl`` and so on."""

    mapped: MappedArticle
    #: The stem of the file names.
    name: str
    #: The file it was built from, named in reports.
    source: str

    @property
    def graph_iri(self) -> str:
        """The IRI of the article's named graph."""
        return self.mapped.graph

    @property
    def article_iri(self) -> str:
        return self.mapped.article

    @cached_property
    def prefixes(self) -> dict[str, str]:
        return {**PREFIXES, "art": self.mapped.prefix}

    @cached_property
    def jsonld_document(self) -> dict[str, Any]:
        """The compact JSON-LD document (a dict; do not mutate)."""
        return to_jsonld(self.mapped)

    @cached_property
    def jsonld(self) -> str:
        return dumps(self.jsonld_document)

    @cached_property
    def _blocks(self) -> list[str]:
        return turtle_blocks(self.mapped.nodes, self.prefixes)

    @cached_property
    def turtle(self) -> str:
        return turtle_text(self.mapped.nodes, self.prefixes, self._blocks)

    @cached_property
    def trig(self) -> str:
        mapped = self.mapped
        return trig_text(
            mapped.nodes, mapped.graph, self.prefixes, self._blocks, [(mapped.evidence_graph, mapped.evidence)]
        )

    @cached_property
    def nquads(self) -> str:
        mapped = self.mapped
        return nquads_text(mapped.nodes, mapped.graph) + nquads_text(mapped.evidence, mapped.evidence_graph)

    @cached_property
    def structured_data(self) -> dict[str, Any]:
        """What the page embeds: plain schema.org values search engines read (a dict; do not mutate)."""
        return structured_data(self.mapped)

    @cached_property
    def html(self) -> str:
        return to_html_script(self.structured_data)

    @cached_property
    def dataset(self) -> rdflib.Dataset:
        """An rdflib Dataset holding the article's named graph and its evidence graph."""
        return to_rdflib_dataset(self.mapped)

    def check(self) -> Report:
        """Check the output as a consumer would: every term well-formed, the JSON-LD profile and the
        SHACL shapes."""
        report = Report(self.source)
        for problem in check_terms(self.mapped.all_nodes):
            report.add("", problem, hint=_TERMS_HINT, check="terms", file=self.name + SUFFIXES["turtle"])
        if not report.ok:  # the other checks assume well-formed terms
            return report
        check_jsonld(self.jsonld_document, report, file=self.name + SUFFIXES["jsonld"])
        check_shapes(self.mapped, report, file=self.name + SUFFIXES["turtle"])
        return report

    def verify(self) -> None:
        """Read every serialisation back with an independent parser (Oxigraph) and compare it with
        the graph; raises :class:`~newsgraph.errors.InternalError` if one does not read back."""
        verify_serialisations(self)

    def check_with_pyshacl(self) -> Report:
        """The same check with pySHACL for the shapes (the slow reference engine)."""
        report = Report(self.source)
        check_jsonld(self.jsonld_document, report, file=self.name + SUFFIXES["jsonld"])
        import rdflib

        graph = rdflib.Graph()
        for name in (self.graph_iri, self.mapped.evidence_graph):
            for triple in self.dataset.graph(rdflib.URIRef(name)):
                graph.add(triple)
        check_shapes_pyshacl(graph, report, file=self.name + SUFFIXES["turtle"])
        return report

    @property
    def label(self) -> str:
        """What command summaries call it."""
        return self.name

    def files(self) -> dict[str, str]:
        """``{file name: text}`` of the four published files."""
        return {self.name + suffix: getattr(self, attr) for attr, suffix in SUFFIXES.items()}

    def file_bytes(self) -> dict[str, bytes]:
        return {name: text.encode("utf-8") for name, text in self.files().items()}

    def write(self, folder: str | Path) -> list[Path]:
        """Write the four files into ``folder`` atomically; returns those that changed."""
        return write_files(folder, self.file_bytes())


@dataclass(frozen=True)
class BuildResult(Published):
    """One built article: its graphs' four files and its IPTC ninjs document."""

    story: Story
    ninjs_version: str = NINJS_VERSIONS[-1]
    base: str | None = field(default=None, compare=False)
    catalogue: Catalogue | None = field(default=None, compare=False)

    @property
    def slug(self) -> str:
        return self.story.article.slug

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """The article's nodes as ``art:``, the catalogue's things it refers to as ``thing:``."""
        return {**PREFIXES, "art": self.mapped.prefix, "thing": self.mapped.thing_prefix}

    @cached_property
    def ninjs_document(self) -> dict[str, Any]:
        """The article as an IPTC ninjs document (see :mod:`newsgraph.writing.ninjs`; do not mutate)."""
        return ninjs(self.story, version=self.ninjs_version, base=self.base, catalogue=self.catalogue)

    @cached_property
    def ninjs(self) -> str:
        return json.dumps(self.ninjs_document, ensure_ascii=False, indent=2) + "\n"

    def files(self) -> dict[str, str]:
        """``{file name: text}`` of the four published files and ``<slug>.ninjs.json``."""
        return {**super().files(), self.name + NINJS_SUFFIX: self.ninjs}

    def check(self) -> Report:
        """As :meth:`Published.check`, and the ninjs document against IPTC's schema."""
        report = super().check()
        if report.ok:
            for problem in check_ninjs(self.ninjs_document, self.ninjs_version):
                report.add(
                    "", f"the ninjs document is not valid: {problem}", check="ninjs", file=self.name + NINJS_SUFFIX
                )
        return report


def build(
    story: Story,
    base: str | None = None,
    *,
    catalogue: Catalogue | None = None,
    check: bool = True,
    verify: bool = False,
    allow_draft: bool = False,
    ninjs_version: str = NINJS_VERSIONS[-1],
) -> BuildResult:
    """Map ``story`` (under ``base``, else the story's base IRI, else the default).

    The things the story takes from the newsroom's catalogue get the catalogue's IRIs: under
    ``catalogue``'s base IRI when it is given (every reference must then be one of its entries),
    else under the article's. With ``check`` (the default) every IRI and typed literal is checked,
    and the output against the JSON-LD profile and the SHACL shapes;
    :class:`~newsgraph.errors.InvalidStory` is raised if it does not conform. With ``verify``
    every serialisation is also read back with Oxigraph (:meth:`BuildResult.verify`). A story
    still marked for review (``review:`` on an item) is refused unless ``allow_draft``.
    """
    try:
        check_base(base or story.base or DEFAULT_BASE)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not allow_draft:
        _check_no_review_marks(story)
    if catalogue is not None:
        _check_references(story, catalogue)
    thing_base = catalogue.base if catalogue is not None else None
    mapped = map_story(story, base, thing_base=thing_base)
    result = BuildResult(mapped, story.article.slug, story.path, story, ninjs_version, base, catalogue)
    if check:
        report = result.check()
        if not report.ok:
            raise InvalidStory(report)
    if verify:
        result.verify()
    return result


def _items(story: Story, *sections: str) -> Iterator[tuple[str, Entity | Event | Claim]]:
    """(JSON pointer, item) of each item of the story's ``sections`` ("entities", "events", "claims")."""
    for section in sections:
        for i, item in enumerate(getattr(story, section)):
            yield f"/{section}/{i}", item


def _check_no_review_marks(story: Story) -> None:
    report = Report(story.path)
    for pointer, item in _items(story, "entities", "events", "claims"):
        if item.review:
            report.add(
                f"{pointer}/review",
                f"still marked for review: {item.review}",
                hint="check it and delete the 'review' line, or build a draft with --allow-draft",
                check="review",
            )
    if not report.ok:
        raise InvalidStory(report)


def _check_references(story: Story, catalogue: Catalogue) -> None:
    report = Report(story.path)
    for pointer, item in _items(story, "entities", "events"):
        assert isinstance(item, Entity | Event)  # claims never refer to the catalogue
        if item.catalogue and item.catalogue not in catalogue.entries:
            catalogue.report_unknown(report, f"{pointer}/catalogue", item.catalogue)
    if not report.ok:
        raise InvalidStory(report)


def to_rdflib_dataset(mapped: MappedArticle) -> rdflib.Dataset:
    """The article's triples as an rdflib Dataset (lexical forms kept exactly)."""
    import rdflib

    dataset = rdflib.Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for name, nodes in ((mapped.graph, mapped.nodes), (mapped.evidence_graph, mapped.evidence)):
        graph = dataset.graph(rdflib.URIRef(name))
        for s, p, o in iter_triples(nodes):
            graph.add((rdflib.URIRef(s), rdflib.URIRef(p), _rdflib_term(o)))
    return dataset


def _rdflib_term(o: Obj) -> rdflib.term.Node:
    import rdflib

    if isinstance(o, Lit):
        datatype = None if o.language or not o.datatype or o.datatype == XSD + "string" else rdflib.URIRef(o.datatype)
        return rdflib.Literal(o.value, lang=o.language, datatype=datatype, normalize=False)
    return rdflib.URIRef(o)
