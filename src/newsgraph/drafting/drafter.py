"""A story drafted from an article's raw text, for an editor to check and complete.

The rules, in order: dates (:mod:`.timex`), names the newsroom knows (:mod:`.gazetteer`), sources
the article does not name, the documents it cites and other names (:mod:`.entities`), then per
sentence the events its trigger words report (:mod:`.events`) and the claims and quotes its
attribution cues introduce (:mod:`.claims`), all reading the article as :mod:`.reading` does.
Offsets are computed, never typed. Whatever a rule is not sure of carries a ``review`` mark
saying why; a QID is written only for a name that matches one known item whose Wikidata class
fits.

>>> draft = draft_story("Ο Λουκασένκο συναντήθηκε με τον Πούτιν στις 21 Νοεμβρίου.", published="2025-12-11")
>>> [e["catalogue"] if "catalogue" in e else e["wikidata"] for e in draft.data["entities"]]
['Q2866', 'Q7747']
>>> event = draft.data["events"][0]
>>> event["type"], event["date"], [p["entity"] for p in event["participants"]]
('meeting', {'on': '2025-11-21', 'words': 'στις 21 Νοεμβρίου'}, ['alexander-lukashenko', 'vladimir-putin'])
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from ..errors import InputError
from ..stories.validate import CONTROL_CHARACTER
from ..wikidata.snapshot import Snapshot
from .claims import ClaimRules
from .entities import EntityRules
from .events import EventRules
from .gazetteer import Gazetteer
from .reading import _Flow
from .text import Sentence, slug
from .timex import find_dates

__all__ = ["Draft", "draft_story"]


@dataclass
class Draft:
    """A drafted story: ``data`` is what its YAML file holds."""

    data: dict[str, Any]

    def to_yaml(self, source: str = "") -> str:
        """The story as YAML, spans and dates one per line, under a comment saying it is a draft."""
        marks = sum("review" in item for section in ("entities", "events", "claims") for item in self.data[section])
        head = (
            f"# Drafted by `newsgraph draft`{f' from {source}' if source else ''}: {marks} item"
            f"{'s' if marks != 1 else ''} marked 'review:' to check.\n"
            "# Check every item against the text, fix what is wrong, delete each 'review' line once checked,\n"
            "# and add what the rules missed. `newsgraph review` shows the story beside the text.\n"
        )
        return head + yaml.dump(self.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))


def draft_story(
    text: str,
    *,
    published: str,
    language: str | None = None,
    slug_: str | None = None,
    headline: str | None = None,
    text_file: str | None = None,
    catalogue: Any = None,
    snapshot: Snapshot | None = None,
) -> Draft:
    """Draft a story of the article ``text``, published on ``published`` ('YYYY-MM-DD').

    ``language`` defaults to Greek when most letters are Greek, else English; ``headline`` to the
    text's first line; ``slug_`` to the date and the headline's first words. ``text_file`` (a
    path relative to the story) is written instead of the text itself. Names are looked up in
    ``catalogue`` (a :class:`~newsgraph.stories.catalogue.Catalogue`) and ``snapshot`` (default: the
    packaged one).
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the article text is empty: there is nothing to draft")
    if bad := CONTROL_CHARACTER.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(
            f"line {line}, column {column}: the article text has the control character U+{ord(bad.group()):04X}; "
            "remove it (a story's text may hold tabs and line breaks only)"
        )
    day = date.fromisoformat(published[:10])
    language = language or _language_of(text)
    headline = headline or _first_line(text)
    drafter = _Drafter(text, language, day, Gazetteer.build(catalogue, snapshot or Snapshot.default()))
    drafter.run()
    article: dict[str, Any] = {
        "slug": slug_ or f"{published[:10]}-{slug(headline, 50)}",
        "headline": headline,
        "language": language,
        "published": published,
        "text": {"file": text_file} if text_file else text,
    }
    return Draft({"newsgraph": 1, "article": article, **drafter.sections()})


def _language_of(text: str) -> str:
    greek = sum("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    return "el" if greek > latin else "en"


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= 200 else line[:199].rsplit(" ", 1)[0] + "…"


class _Drafter(EntityRules, EventRules, ClaimRules):
    """Every rule, run over the article in order."""

    def run(self) -> None:
        self.dates = find_dates(self.text, self.words, self.language, self.published)
        for d in self.dates:
            self.taken.update(i for i, w in enumerate(self.words) if d.start <= w.start < d.end)
        for mention in self.gazetteer.find(self.words):
            self._known(mention)
        for i in range(len(self.words)):
            self._unnamed_source(i)
            self._work(i)
        self._institutions()
        self._national_institutions()
        self._unknown_names()
        self._of_states()  # after every name is found: what they qualify
        self.mentions.sort(key=lambda m: (m.start, m.end))
        for sentence in self.sentences:
            self._sentence(sentence)
        self._quotes()

    def sections(self) -> dict[str, list[dict[str, Any]]]:
        used = {m.thing.key for m in self.mentions}
        things = sorted((t for t in self.things.values() if t.key in used), key=lambda t: min(t.spans))
        return {"entities": [self._entity(t) for t in things], "events": self.events, "claims": self.claims}

    def _sentence(self, sentence: Sentence) -> None:
        first = self._sentence_start(sentence)
        last = next((k for k in range(first, len(self.words)) if self.words[k].start >= sentence.end), len(self.words))
        if first >= last:
            return
        mentioned = [m for m in self.mentions if first <= m.start < last]
        source = self._source(first, last, mentioned)
        attribution = self._attribution(first, last, source)
        actors = [m for m in mentioned if m.start not in attribution]
        triggers = self._triggers(first, last)
        self.triggers = [t[0] for t in triggers]
        for trigger_start, trigger_end, type_ in triggers:
            if type_ == "statement":
                self._statement(first, last, trigger_start, trigger_end, mentioned, source)
            else:
                self._event(first, last, trigger_start, trigger_end, type_, actors, source)
        if not triggers:  # a date beside another event's word is that event's
            self._dated_statement(first, last, mentioned, source)
        if not any(t == "interview" for _, _, t in triggers):
            self._interview(first, last, mentioned)
        self._claim(sentence, first, last, mentioned, source)
