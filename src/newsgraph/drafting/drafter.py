"""A story drafted from an article's raw text, for an editor to check and complete.

The rules, in order: dates (:mod:`.timex`), names the newsroom knows (:mod:`.gazetteer`), sources
the article does not name and the documents it cites, other capitalised names (a type guessed
from the words around them), then per sentence the events its trigger words report and the
claims and quotes its attribution cues introduce. Offsets are computed, never typed. Whatever a
rule is not sure of carries a ``review`` mark saying why; a QID is written only for a name that
matches one known item whose Wikidata class fits.

>>> draft = draft_story("Ο Λουκασένκο συναντήθηκε με τον Πούτιν στις 21 Νοεμβρίου.", published="2025-12-11")
>>> [e["catalogue"] if "catalogue" in e else e["wikidata"] for e in draft.data["entities"]]
['Q2866', 'Q7747']
>>> event = draft.data["events"][0]
>>> event["type"], event["date"], [p["entity"] for p in event["participants"]]
('meeting', {'on': '2025-11-21', 'words': 'στις 21 Νοεμβρίου'}, ['alexander-lukashenko', 'vladimir-putin'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from ..errors import InputError
from ..link import normalize, stems
from ..snapshot import Snapshot
from ..validate import CONTROL_CHARACTER
from ..vocab import ORGANIZATION_TYPES
from .gazetteer import Gazetteer, Known, Mention
from .lexicon import (
    ACCORDING_TO,
    CONNECTORS,
    FUTURE,
    IRREGULAR_DEMONYMS,
    LOCATIVES,
    NOT_NAMES,
    RELIEF,
    SPEECH,
    TITLES,
    TRIGGERS,
    TYPE_WORDS,
    UNNAMED_SOURCES,
    WORKS,
)
from .places import places
from .text import Sentence, Token, sentences, slug, tokens
from .timex import DateMention, find_dates

__all__ = ["Draft", "draft_story"]

#: Who can take part in an event.
_PARTICIPANTS = {"person", "state", *ORGANIZATION_TYPES}
#: Who can say something.
_SPEAKERS = {"person", "unnamed-source", *ORGANIZATION_TYPES}
_OUTLETS = {"news-agency", "media"}
_PLACES = {"place", "city", "region"}
_QUOTES = re.compile(r"«([^«»]+)»|“([^“”]+)”|\"([^\"]+)\"")
_THAT = {"el": {"οτι", "πωσ"}, "en": {"that"}}
_OF = {"el": {"του", "τησ", "των"}, "en": {"of"}}
#: "said in a statement", "σε ανακοίνωση": the words before a document it is cited in.
_IN_A = {"el": (("σε",), ("με",), ("σε", "ανακοινωση")), "en": (("in", "a"), ("in", "its"), ("in", "their"))}
#: Words that join the capitalised words of an institution's name ("Ναυτιλίας και Νησιωτικής Πολιτικής").
_JOINS = {"el": {"και"}, "en": {"and", "of", "for"}}
_FROM = {"el": {"απο"}, "en": {"from", "the"}}
#: A definite article before an event's word: the event was reported before ("after the meeting").
_DEFINITE = {"el": {"τη", "την", "το", "τον", "η"}, "en": {"the"}}
#: Prepositions after which a genitive names who is acted on or with ("κατά της Λευκορωσίας").
_GOVERNING = {"el": {"κατα", "με", "απο", "για", "προσ", "μεταξυ", "υπερ"}, "en": {"against", "with", "between"}}
#: How far (in words) from its trigger word a participant of an event may be.
_NEAR = 14
_GREEK = re.compile("[\u0370-\u03ff]")
#: Negations before an event's word.
_NOT = {"el": {"δεν", "δε", "μην", "ουτε"}, "en": {"not", "no", "never", "won't", "didn't", "nor"}}
#: Greek genitive plural after a title: its portfolio ("υπουργός Εξωτερικών"), not a name.
_PORTFOLIO = {"el": ("ων",), "en": ("\0",)}
#: How far from its trigger word the date of an event may be.
_NEAR_DATE = 16


@dataclass
class Draft:
    """A drafted story: ``data`` (what the YAML file holds) and how much the rules found."""

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


class _Flow(dict):
    """A mapping written on one line (a span, a date, a participant)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))


@dataclass
class _Thing:
    key: str
    id: str
    type: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    catalogue: str | None = None
    qid: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    unnamed: bool = False
    source_of: str | None = None
    review: list[str] = field(default_factory=list)
    stems: tuple[str, ...] = ()
    label: str = ""  # what to call it in an event's name, when it has no names of its own

    def display(self, language: str) -> str:
        names = self.names or self.description
        return names.get(language) or next(iter(names.values()), "") or self.label


@dataclass(frozen=True)
class _Mentioned:
    start: int  # token indexes
    end: int
    thing: _Thing


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
    ``catalogue`` (a :class:`~newsgraph.catalogue.Catalogue`) and ``snapshot`` (default: the
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


def _starts(words: Sequence[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the words from ``i`` are those of ``phrase`` (see :mod:`.lexicon` for prefixes)."""
    if i + len(phrase) > len(words):
        return False
    return all(_same_word(words[i + k].norm, p) for k, p in enumerate(phrase))


def _same_word(norm: str, word: str) -> bool:
    if word.endswith("-"):
        return norm.startswith(word[:-1])
    if len(word) > 2 and _GREEK.match(word):
        return norm.startswith(word)
    return norm == word


def _phrase_at(words: Sequence[Token], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of the longest of ``phrases`` beginning at ``i`` (0 if none)."""
    return max((len(p) for p in phrases if _starts(words, i, p)), default=0)


class _Drafter:
    def __init__(self, text: str, language: str, published: date, gazetteer: Gazetteer) -> None:
        self.text = text
        self.language = language if language in TRIGGERS else "en"
        self.published = published
        self.gazetteer = gazetteer
        self.words = tokens(text)
        self.sentences = sentences(text)
        self.things: dict[str, _Thing] = {}
        self.mentions: list[_Mentioned] = []
        self.taken: set[int] = set()  # token indexes that belong to a name or a date
        self.dates: list[DateMention] = []
        self.events: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.states = {normalize(name) for t in places(("en",)) if t.type == "state" for _, name in t.names}
        self.triggers: list[int] = []  # where this sentence's event words are

    # -- the whole article ------------------------------------------------------------------

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
        self._unknown_names()
        self.mentions.sort(key=lambda m: (m.start, m.end))
        for sentence in self.sentences:
            self._sentence(sentence)
        self._quotes()

    def sections(self) -> dict[str, list[dict[str, Any]]]:
        used = {m.thing.key for m in self.mentions}
        things = sorted((t for t in self.things.values() if t.key in used), key=lambda t: min(t.spans))
        return {"entities": [self._entity(t) for t in things], "events": self.events, "claims": self.claims}

    def _new_id(self, wanted: str) -> str:
        wanted = wanted[:70].strip("-") or "item"
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def _span(self, start: int, end: int) -> _Flow:
        """The evidence of tokens ``start``..``end`` (exclusive)."""
        a, b = self.words[start].start, self.words[end - 1].end
        return _Flow(start=a, end=b, text=self.text[a:b])

    def _mention(self, thing: _Thing, start: int, end: int, consumes: bool = True) -> None:
        self.things.setdefault(thing.key, thing)
        thing = self.things[thing.key]
        span = (self.words[start].start, self.words[end - 1].end)
        if span not in thing.spans:
            thing.spans.append(span)
        self.mentions.append(_Mentioned(start, end, thing))
        if consumes:  # a position's or a description's words may hold other names
            self.taken.update(range(start, end))

    # -- entities ---------------------------------------------------------------------------

    def _known(self, mention: Mention) -> None:
        if any(i in self.taken for i in range(mention.start, mention.end)):
            return
        words = " ".join(mention.words)
        things = mention.things
        if any(t.catalogue for t in things):  # the newsroom's own knowledge comes first
            things = [t for t in things if t.catalogue]
        if not things[0].catalogue and not self.words[mention.start].capitalised:
            return  # "λαό" is no Λάος, "καιρός" no Κάιρο: outside the catalogue, a name is capitalised
        items = [t for t in things if t.qid or t.catalogue]  # the catalogue's entries or Wikidata's items
        place_types = sorted({t.type for t in things if t not in items and t.type})
        if len(items) > 1 or (not items and len(place_types) > 1):
            self._ambiguous(mention, things)
            return
        known = items[0] if items else things[0]
        if known.key in self.things:
            self._mention(self.things[known.key], mention.start, mention.end, mention.consumes)
            return
        if known.catalogue is not None:
            thing = _Thing(known.key, known.catalogue, known.type or "organization", catalogue=known.catalogue)
            thing.label = known.name(self.language) or known.name("en") or words
            self.ids.add(known.catalogue)
        elif known.class_fits or not known.qid:  # a Wikidata item of the right class, or a place CLDR names
            name = known.name("en") or words
            thing = _Thing(known.key, self._new_id(slug(name)), known.type or "organization", qid=known.qid)
            thing.names = _names(known, self.language, words)
        else:
            type_, cue = (
                (place_types[0], " (a place of that name)") if place_types else self._guess(mention.start, mention.end)
            )
            name = known.name("en") or words
            thing = _Thing(known.key, self._new_id(slug(name)), type_)
            thing.names = _names(known, self.language, words)
            thing.review.append(
                f"Wikidata has {known.qid} ({name}) by this name, but the snapshot does not know its class: "
                f"the type {type_!r} is a guess{cue}; check both, then add 'wikidata: {known.qid}' if it is the one"
            )
        self._mention(thing, mention.start, mention.end, mention.consumes)

    def _ambiguous(self, mention: Mention, things: list[Known]) -> None:
        """Words that name several known things: an entity by the words, the candidates listed."""
        words = " ".join(mention.words)
        listed = "; ".join(_describe(t) for t in things)
        types = {t.type for t in things}
        type_ = types.pop() if len(types) == 1 and None not in types else self._guess(mention.start, mention.end)[0]
        key = "words:" + " ".join(stems(words))
        thing = self.things.get(key) or _Thing(key, self._new_id(slug(words)), type_ or "organization")
        thing.names.setdefault(self.language, words)
        if not thing.review:
            thing.review.append(f"the name matches several known things ({listed}): choose one")
        self._mention(thing, mention.start, mention.end)

    def _unnamed_source(self, i: int) -> None:
        """'πηγές του Reuters', 'Reuters sources', 'diplomatic sources': a source the article does not name."""
        length = _phrase_at(self.words, i, UNNAMED_SOURCES[self.language])
        if not length or i in self.taken:
            return
        start, end = i, i + length
        before = self.words[i - 1] if i else None
        if (
            before is not None
            and before.norm not in NOT_NAMES[self.language]
            and not _phrase_at(self.words, i - 1, ACCORDING_TO[self.language])
        ):
            outlet = self._thing_ending_at(i)
            start = outlet.start if outlet else (i - 1 if not before.capitalised else self._qualifier(i))
        outlet_thing = self._thing_ending_at(i) if start < i else None
        if end < len(self.words) and self.words[end].norm in _OF[self.language]:
            after = self._thing_starting_at(end + 1)
            if after is not None and after.thing.type in _OUTLETS | {"state", "government-body", "organization"}:
                end, outlet_thing = after.end, after
        # "sources familiar with the talks told", "an official, who asked not to be named, said"
        if not (self._cued(start) or self._speaks_after(end, within=8)):
            return
        a, b = self.words[start].start, self.words[end - 1].end
        words = self.text[a:b]
        thing = _Thing("unnamed:" + normalize(words), self._new_id(slug(words)), "unnamed-source", unnamed=True)
        thing.description = {self.language: words}
        if outlet_thing is not None and outlet_thing.thing.type in _OUTLETS:
            thing.source_of = outlet_thing.thing.key
        thing.review.append("a source the article does not name: check the description (and 'source_of')")
        self._mention(thing, start, end)

    def _qualifier(self, i: int) -> int:
        """Where the capitalised words before word ``i`` begin ("a State Department official")."""
        start = i
        while start > 0 and start - 1 not in self.taken:
            before = self.words[start - 1]
            if not before.capitalised or before.norm in NOT_NAMES[self.language] or self._sentence_starts_at(start - 1):
                break
            start -= 1
        return start

    def _sentence_starts_at(self, k: int) -> bool:
        return any(s.start == self.words[k].start for s in self.sentences)

    def _work(self, i: int) -> None:
        """'σύμφωνα με ανακοίνωση', 'said in a statement': a document the article rests on."""
        length = _phrase_at(self.words, i, WORKS[self.language])
        if not length or i in self.taken:
            return
        if not (
            self._cued(i) or any(_phrase_at(self.words, i - n, _IN_A[self.language]) == n for n in (1, 2) if i >= n)
        ):
            return
        end = i + length
        if end < len(self.words) and self.words[end].norm in _OF[self.language]:
            after = self._thing_starting_at(end + 1)
            if after is not None:
                end = after.end
        a, b = self.words[i].start, self.words[end - 1].end
        words = self.text[a:b]
        thing = _Thing(
            "work:" + normalize(words), self._new_id(slug(words)), "work", description={self.language: words}
        )
        thing.review.append("a document the article cites: check the description, and add its publisher if known")
        self._mention(thing, i, end)

    def _cued(self, i: int) -> bool:
        """Whether an 'according to' cue ends right before word ``i`` (or an article before it)."""
        for back in (1, 2, 3):
            if i - back < 0:
                break
            length = _phrase_at(self.words, i - back, ACCORDING_TO[self.language])
            if length == back or (length and length == back - 1 and self.words[i - 1].norm in NOT_NAMES[self.language]):
                return True
        return False

    def _speaks_after(self, end: int, within: int = 3) -> bool:
        last = min(end + within, len(self.words))
        return any(_phrase_at(self.words, j, SPEECH[self.language]) for j in range(end, last))

    def _thing_ending_at(self, i: int) -> _Mentioned | None:
        return next((m for m in self.mentions if m.end == i), None)

    def _thing_starting_at(self, i: int) -> _Mentioned | None:
        return next((m for m in self.mentions if m.start == i), None)

    def _institutions(self) -> None:
        """'το υπουργείο Ναυτιλίας και Νησιωτικής Πολιτικής', 'the ministry of Mining': an
        institution named by its kind and the capitalised words after it."""
        lang = self.language
        for i, w in enumerate(self.words[:-1]):
            kinds = [t for t, phrase in TYPE_WORDS[lang] if len(phrase) == 1 and _starts(self.words, i, phrase)]
            if w.capitalised or i in self.taken or not kinds or kinds[0] not in ("government-body", "organization"):
                continue
            end = i + 1
            while end < len(self.words) and end not in self.taken and not self._sentence_starts_at(end):
                nxt = self.words[end]
                if nxt.capitalised and nxt.norm not in NOT_NAMES[lang]:
                    end += 1
                elif self._joins(end):
                    end += 2
                else:
                    break
            if end == i + 1 or not self.words[end - 1].capitalised:
                continue
            words = self.text[w.start : self.words[end - 1].end]
            thing = _Thing("name:" + " ".join(stems(words)), self._new_id(slug(words)), kinds[0], stems=stems(words))
            thing.names = {lang: words}
            thing.review.append(f"an institution named by its kind, {w.text!r}: check the name and the type")
            self._mention(thing, i, end)

    def _joins(self, k: int) -> bool:
        """Whether word ``k`` joins two capitalised words of one name ("Ναυτιλίας και Νησιωτικής")."""
        following = k + 1
        return (
            self.words[k].norm in _JOINS[self.language]
            and following < len(self.words)
            and following not in self.taken
            and self.words[following].capitalised
        )

    def _unknown_names(self) -> None:
        """Runs of capitalised words no rule has taken: names the newsroom does not know yet."""
        starts = {self._sentence_start(s) for s in self.sentences}
        shouted = {k for s in self.sentences if _shouted(self.text[s.start : s.end]) for k in self._indexes(s)}
        not_names = NOT_NAMES[self.language]
        capitalised_inside = {w.norm for k, w in enumerate(self.words) if w.capitalised and k not in starts}
        i = 0
        while i < len(self.words):
            w = self.words[i]
            if i in self.taken or not w.capitalised or w.norm in not_names or w.text.isdigit() or self._title(i):
                i += 1
                continue
            if i in shouted:  # a line in capitals ("WRITTEN FOR THE TESTS"): no names in it
                i += 1
                continue
            if i > 0 and self._title(i - 1) and w.norm.endswith(_PORTFOLIO[self.language]):
                i += 1  # "υπουργός Εξωτερικών": the title's portfolio, not a name
                continue
            end = i + 1
            while end < len(self.words) and end not in self.taken and end not in starts:
                nxt = self.words[end]
                close = self.words[end - 1].end + 1 >= nxt.start
                if close and nxt.capitalised and nxt.norm not in NOT_NAMES[self.language]:
                    end += 1
                elif (
                    close
                    and nxt.norm in CONNECTORS[self.language]
                    and end + 1 < len(self.words)
                    and self.words[end + 1].capitalised
                    and end + 1 not in self.taken
                ):
                    end += 2
                else:
                    break
            titles = [k for k in range(i, end) if self._title(k)]
            if titles:  # "Foreign Minister Sergei Lavrov": the name follows the title
                if titles[-1] == end - 1:
                    i = end
                    continue
                i = titles[-1] + 1
            alone = end == i + 1
            if alone and i in starts and w.norm not in capitalised_inside and not _acronym(w.text):
                i = end
                continue
            if alone and self.language == "en" and self._demonym(w) and not self._capitalised_next(end):
                i = end  # "Russian officials", "Venezuelan oil": an adjective
                continue
            self._unknown(i, end)
            i = end

    def _title(self, k: int) -> bool:
        """Whether word ``k`` is a title ("President", "υπουργός"), not a name or part of one."""
        lang = self.language
        return any(_starts(self.words, k, (t,)) for t in TITLES[lang]) and not any(
            _starts(self.words, k, phrase) for _, phrase in TYPE_WORDS[lang]
        )

    def _indexes(self, sentence: Sentence) -> range:
        first = self._sentence_start(sentence)
        last = next((k for k in range(first, len(self.words)) if self.words[k].start >= sentence.end), len(self.words))
        return range(first, last)

    def _demonym(self, w: Token) -> bool:
        """Whether an English word is an adjective of nationality: a state's name and an ending
        ("Venezuelan", "Russian", "Belarusian", "Chinese", "Ukrainian"), or an irregular one."""
        if w.norm in IRREGULAR_DEMONYMS:
            return True
        bases = (w.norm[:-cut] for cut in (1, 2, 3, 4) if len(w.norm) > cut + 2)
        return any(base + end in self.states for base in bases for end in ("", "a", "e", "ia"))

    def _capitalised_next(self, k: int) -> bool:
        return k < len(self.words) and self.words[k].capitalised

    def _sentence_start(self, sentence: Sentence) -> int:
        return next((k for k, w in enumerate(self.words) if w.start >= sentence.start), len(self.words))

    def _unknown(self, start: int, end: int) -> None:
        words = self.text[self.words[start].start : self.words[end - 1].end]
        key_stems = stems(words)
        same = next((t for t in self.things.values() if t.stems == key_stems and t.key.startswith("name:")), None)
        if same is None and end == start + 1:  # a surname alone, after the full name
            same = next(
                (
                    t
                    for t in self.things.values()
                    if t.key.startswith("name:")
                    and t.type == "person"
                    and len(t.stems) > 1
                    and t.stems[-1] == key_stems[0]
                ),
                None,
            )
        if same is not None:
            self._mention(same, start, end)
            return
        type_, cue = self._guess(start, end)
        thing = _Thing("name:" + " ".join(key_stems), self._new_id(slug(words)), type_, stems=key_stems)
        thing.names = {self.language: words}
        thing.review.append(
            f"a name neither the catalogue nor the Wikidata snapshot knows: the type {type_!r} is a guess{cue}; "
            "check the name (as it is written in the nominative) and the type"
        )
        self._mention(thing, start, end)

    def _guess(self, start: int, end: int) -> tuple[str, str]:
        """A type for the words ``start``..``end`` from the words in and around them, and the cue."""
        lang = self.language
        for k in range(start, end):
            for type_, phrase in TYPE_WORDS[lang]:
                if _starts(self.words, k, phrase):
                    return type_, f" (from {self.words[k].text!r})"
        for back in (1, 2, 3):
            k = start - back
            if k < 0 or self._sentence_start_before(start) > k:
                break
            w = self.words[k]
            between = [self.words[j].norm for j in range(k + 1, start)]
            apposition = "," in self.text[w.end : self.words[start].start]  # "ο εκπρόσωπός της, Τομά Λεμπλάν"
            if back <= 3 and self._title(k) and apposition:
                return "person", f" (named after {w.text!r})"
            if back <= 2 and self._title(k):
                if any(b in _OF[lang] for b in between):  # "ο εκπρόσωπος του Κρεμλίνου": whose spokesman
                    return "organization", f" (after {w.text!r} of)"
                if not between or between[0] in NOT_NAMES[lang]:
                    return "person", f" (from {w.text!r})"
            # "the newspaper X", "το πρακτορείο Belta", "the state of X" (not "η αστυνομία στο X")
            near = back == 1 or (back == 2 and between[0] in _DEFINITE[lang] | _OF[lang])
            for type_, phrase in TYPE_WORDS[lang]:
                if near and _starts(self.words, k, phrase):
                    return type_, f" (from {w.text!r})"
        if any(_starts(self.words, start, (t,)) for t in TITLES[lang]) and end - start > 1:
            return "position", f" (from {self.words[start].text!r})"
        if all(_acronym(self.words[k].text) for k in range(start, end)):
            if end - start == 1:
                return "organization", " (an acronym)"
            if self.text[self.words[end - 1].end : self.words[end - 1].end + 1] == ",":
                return "city", " (a dateline: 'PORTO ALEGRE, Brazil')"
        before = [self.words[k].norm for k in range(max(0, start - 2), start)]
        if before and before[-1] in LOCATIVES[lang]:
            return ("city" if end == start + 1 else "place"), f" (after {self.words[start - 1].text!r})"
        if len(before) == 2 and before[0] in LOCATIVES[lang] and before[1] in _DEFINITE[lang]:
            return "region", f" (after {before[0]!r} {before[1]!r})"  # "in the Orinoco Belt"
        if lang == "en" and before and before[-1] == "the":
            return "organization", " (after 'the': no person's name takes it)"
        if self._speaks_after(end):
            return "person", " (someone who speaks)"
        if 2 <= end - start <= 3:
            return "person", " (a name of two or three words)"
        return "organization", ""

    def _sentence_start_before(self, i: int) -> int:
        at = self.words[i].start
        sentence = next((s for s in self.sentences if s.start <= at < s.end), None)
        return self._sentence_start(sentence) if sentence else 0

    def _entity(self, thing: _Thing) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if thing.catalogue is not None:
            out["catalogue"] = thing.catalogue
        else:
            out["id"] = thing.id
            out["type"] = thing.type
            if thing.unnamed:
                out["unnamed"] = True
            if thing.names and not thing.unnamed:
                out["names"] = thing.names
            if thing.description:
                out["description"] = thing.description
            if thing.qid:
                out["wikidata"] = thing.qid
            if thing.source_of and thing.source_of in self.things:
                out["source_of"] = self.things[thing.source_of].id
        out["evidence"] = [_Flow(start=a, end=b, text=self.text[a:b]) for a, b in sorted(thing.spans)]
        if thing.review:
            out["review"] = "; ".join(thing.review)
        return out

    # -- sentences: events and claims --------------------------------------------------------

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
        if not any(t == "interview" for _, _, t in triggers):
            self._interview(first, last, mentioned)
        self._claim(sentence, first, last, mentioned, source)

    def _source(self, first: int, last: int, mentioned: list[_Mentioned]) -> _Mentioned | None:
        """On whose authority the sentence speaks: what follows 'according to' (or the outlet
        'the agency' stands for), a source the article does not name, or an outlet that reports."""
        for k in range(first, last):
            length = _phrase_at(self.words, k, ACCORDING_TO[self.language])
            if not length:
                continue
            after = [m for m in mentioned if k + length <= m.start <= k + length + 5]
            if after and all(not self.words[j].capitalised for j in range(k + length, after[0].start)):
                return after[0]  # "σύμφωνα με το κρατικό πρακτορείο Belta"
            for j in range(k + length, min(k + length + 2, last)):
                kinds = {t for t, phrase in TYPE_WORDS[self.language] if _starts(self.words, j, phrase)} & _OUTLETS
                earlier = [m for m in self.mentions if m.start < k and m.thing.type in kinds]
                if earlier:  # "according to the agency": the agency named before
                    return _Mentioned(j, j + 1, earlier[-1].thing)
        speaks = [k for k in range(first, last) if _phrase_at(self.words, k, SPEECH[self.language])]
        if speaks:
            unnamed = [m for m in mentioned if m.thing.type == "unnamed-source"]
            if unnamed:
                return unnamed[0]
            outlets = [m for m in mentioned if m.thing.type in _OUTLETS]
            if outlets:
                return min(outlets, key=lambda m: min(abs(m.start - k) for k in speaks))
        return None

    def _attribution(self, first: int, last: int, source: _Mentioned | None) -> set[int]:
        """The words that say on whose authority ('according to a statement from the Kremlin'):
        who is named there is the source, not someone taking part."""
        if source is None:
            return set()
        end = source.end
        while end < last and self.words[end].norm in _OF[self.language] | _FROM[self.language]:
            nxt = next((m for m in self.mentions if end < m.start <= end + 2), None)
            if nxt is None:
                break
            end = nxt.end
        return set(range(source.start, end))

    def _triggers(self, first: int, last: int) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        k = first
        while k < last:
            best = max(
                ((len(p), t) for t, p in TRIGGERS[self.language] if _starts(self.words, k, p) and k + len(p) <= last),
                default=None,
            )
            if best is None or k in self.taken:
                k += 1
                continue
            length, type_ = best
            if type_ == "sanctions" and any(
                _phrase_at(self.words, j, RELIEF[self.language]) for j in range(first, last)
            ):
                type_ = "sanctions-relief"
            if all(t != type_ for _, _, t in found):
                found.append((k, k + length, type_))
            k += length
        return found

    def _event(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        type_: str,
        mentioned: list[_Mentioned],
        source: _Mentioned | None,
    ) -> None:
        participants: list[_Thing] = []
        for m in mentioned:
            if m.thing.type not in _PARTICIPANTS or (source is not None and m.thing is source.thing):
                continue
            if abs(m.start - start) > _NEAR or self._modifier(m) or m.thing in participants:
                continue
            participants.append(m.thing)
        people = any(p.type == "person" for p in participants)
        states = {m.thing.key for m in mentioned if m.thing.type == "state" and self._governed(m)}
        participants = [p for p in participants if p.type != "state" or not people or p.key in states]
        self._add_event(first, last, start, end, type_, participants, source)

    def _add_event(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        type_: str,
        participants: list[_Thing],
        source: _Mentioned | None,
    ) -> None:
        """The event the words ``start``..``end`` report, unless it did not happen, is one already
        drafted, or has no one taking part."""
        if any(self.words[k].norm in _NOT[self.language] for k in range(max(first, start - 5), start)):
            return  # "δεν θα άρουν τις κυρώσεις": what did not happen is no event
        trigger = self._span(start, end)
        earlier = next((e for e in reversed(self.events) if e["type"] == type_), None)
        if earlier is not None and start > 0 and self.words[start - 1].norm in _DEFINITE[self.language]:
            earlier["evidence"].append(trigger)  # "after the meeting": the one reported before
            return
        if not participants:
            return
        review = [f"drafted from the words {self.text[self.words[start].start : self.words[end - 1].end]!r}"]
        when, status = self._when(first, last, start, review)
        existing = self._same_event(type_, participants, when)
        if existing is not None:
            existing["evidence"].append(trigger)
            if "unknown" in existing["date"] and "unknown" not in when:
                existing["date"] = when
            return
        names = ", ".join(p.display(self.language) for p in participants[:4])
        event: dict[str, Any] = {
            "id": self._new_id(slug(" ".join([type_, *(p.id for p in participants[:3])]))),
            "type": type_,
            "names": {self.language: f"{trigger['text']} ({names})"},
            "date": when,
        }
        if status:
            event["status"] = status
        event["participants"] = [_Flow(entity=p.id) for p in participants]
        event["source"] = source.thing.id if source else "article"
        event["evidence"] = [trigger]
        review.append("check its type, participants and their roles, date and source")
        event["review"] = "; ".join(review)
        self.events.append(event)

    def _modifier(self, m: _Mentioned) -> bool:
        """Whether a state or an organisation only qualifies the word before it ("τον ομόλογό
        του της Βενεζουέλας", "the ambassador of Venezuela"), rather than taking part itself."""
        if m.thing.type == "person":
            return False
        after = self.text[self.words[m.end - 1].end : self.words[m.end - 1].end + 2]
        if after in ("'s", "’s"):  # "Venezuela's foreign minister"
            return True
        if m.start == 0:
            return False
        before = self.words[m.start - 1].norm
        if before not in _OF[self.language]:
            return False
        governing = self.words[m.start - 2].norm if m.start >= 2 else ""
        return governing not in _GOVERNING[self.language]

    def _statement(
        self, first: int, last: int, start: int, end: int, mentioned: list[_Mentioned], source: _Mentioned | None
    ) -> None:
        """'ανακοίνωσε το υπουργείο', 'the ministry announced': a statement by who announced."""
        speaker = self._speaker(start, first, last, mentioned)
        if speaker is None:
            return
        reported_by = source if source is not None and source.thing is not speaker.thing else speaker
        self._add_event(first, last, start, end, "statement", [speaker.thing], reported_by)

    def _interview(self, first: int, last: int, mentioned: list[_Mentioned]) -> None:
        """'told the newspaper X', 'μιλώντας στην ΕΡΤ': someone named speaking to a medium is an interview."""
        for k in range(first, last):
            if not _phrase_at(self.words, k, SPEECH[self.language]):
                continue
            media = [m for m in mentioned if k < m.start <= k + 4 and m.thing.type == "media"]
            speaker = self._speaker(k, first, last, mentioned)
            if media and speaker is not None and speaker.thing.type == "person":
                self._add_event(first, last, k, k + 1, "interview", [speaker.thing, media[0].thing], media[0])
                return

    def _governed(self, m: _Mentioned) -> bool:
        """Whether a preposition such as 'κατά' or 'against' comes right before (an article between)."""
        before = [self.words[k].norm for k in range(max(0, m.start - 2), m.start)]
        return any(w in _GOVERNING[self.language] for w in before)

    def _same_event(self, type_: str, participants: list[_Thing], when: dict[str, Any]) -> dict[str, Any] | None:
        ids = {p.id for p in participants}
        for event in self.events:
            theirs = {p["entity"] for p in event["participants"]}
            dated = "unknown" in when or "unknown" in event["date"] or _value(when) == _value(event["date"])
            if event["type"] == type_ and dated and (ids == theirs or len(ids & theirs) >= 2):
                return event
        return None

    def _when(self, first: int, last: int, trigger: int, review: list[str]) -> tuple[dict[str, Any], str | None]:
        at = self.words[trigger].start
        inside = [
            d
            for d in self.dates
            if self.words[first].start <= d.start < self.words[last - 1].end
            and self._distance(d, trigger) <= _NEAR_DATE
            # a date belongs to the event word nearest to it ("φέτος ξεκίνησε διάλογο ... απομόνωσης")
            and all(self._distance(d, trigger) <= self._distance(d, other) for other in self.triggers)
        ]
        if not inside:
            return {"unknown": True}, None
        d = min(inside, key=lambda d: abs(d.start - at))
        future = any(_phrase_at(self.words, k, FUTURE[self.language]) for k in range(max(first, trigger - 3), trigger))
        if future and d.yearless and d.last <= self.published:
            d = d.a_year_later()
        if d.note:
            review.append(f"date: {d.note}")
        if d.first > self.published:
            if future:
                return {**d.when, "words": d.words}, "scheduled"
            review.append(f"the date {d.words!r} would be after publication: left out")
            return {"unknown": True}, None
        if d.last > self.published:  # "this week": it happened by the day of publication
            return {
                **d.when,
                "words": d.words,
                **({"latest": self.published.isoformat()} if "latest" in d.when else {}),
            }, None
        return {**d.when, "words": d.words}, None

    def _distance(self, d: DateMention, k: int) -> int:
        """How many words lie between the date and word ``k``."""
        at = [j for j, w in enumerate(self.words) if d.start <= w.start < d.end]
        return min(abs(j - k) for j in at) if at else len(self.words)

    def _claim(
        self, sentence: Sentence, first: int, last: int, mentioned: list[_Mentioned], source: _Mentioned | None
    ) -> None:
        if any(q[0] < sentence.end and q[1] > sentence.start for q in self._quote_spans()):
            return  # its quote is drafted as a quote
        verb = next((k for k in range(first, last) if _phrase_at(self.words, k, SPEECH[self.language])), None)
        cue = next((k for k in range(first, last) if _phrase_at(self.words, k, ACCORDING_TO[self.language])), None)
        if verb is None and cue is None:
            return
        speaker = self._speaker(verb, first, last, mentioned) if verb is not None else None
        said_by = source or speaker
        if said_by is None:
            return
        if speaker is not None and source is not None and speaker.thing is source.thing:
            speaker = None if source.thing.type in _OUTLETS | {"work"} else speaker
        a, b = sentence.start, sentence.end
        words = self.text[a:b]
        body = self._clause(first, last, b) or words
        claim: dict[str, Any] = {
            "id": self._new_id(slug(" ".join([said_by.thing.id, *normalize(body).split()[:4]]))),
            "kind": "claim",
            "text": {self.language: body},
            "source": said_by.thing.id,
        }
        if speaker is not None and speaker.thing.type in _SPEAKERS:
            claim["speakers"] = [speaker.thing.id]
        claim["evidence"] = [_Flow(start=a, end=b, text=words)]
        cue_words = self.words[verb if verb is not None else cue].text  # type: ignore[index]
        claim["review"] = f"drafted from the cue {cue_words!r}: check the words, who said them and on whose authority"
        self.claims.append(claim)

    def _clause(self, first: int, last: int, end: int) -> str:
        """The words after 'ότι'/'that' to the end of the sentence, without its final stop."""
        k = next((k for k in range(first, last) if self.words[k].norm in _THAT[self.language]), None)
        if k is None or k + 1 >= last:
            return ""
        return self.text[self.words[k + 1].start : end].rstrip(".;!· ")

    def _speaker(self, verb: int, first: int, last: int, mentioned: list[_Mentioned]) -> _Mentioned | None:
        agents = [m for m in mentioned if m.thing.type in _SPEAKERS]
        before = [m for m in agents if m.end <= verb]
        if before:
            return before[-1]
        after = [m for m in agents if verb < m.start <= verb + 8 and m.thing.type != "unnamed-source"]
        return after[0] if after else None

    def _quote_spans(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _QUOTES.finditer(self.text)]

    def _quotes(self) -> None:
        for m in _QUOTES.finditer(self.text):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            a, b = m.start(group), m.end(group)
            while a < b and self.text[a].isspace():
                a += 1
            while b > a and self.text[b - 1].isspace():
                b -= 1
            inner = self.text[a:b]
            if len(inner.split()) < 2:
                continue  # a quoted name or term, not words someone said
            sentence = next((s for s in self.sentences if s.start <= m.start() < s.end), None)
            if sentence is None:
                continue
            first = self._sentence_start(sentence)
            last = next((k for k, w in enumerate(self.words) if w.start >= max(sentence.end, m.end())), len(self.words))
            mentioned = [
                x for x in self.mentions if first <= x.start < last and not (a <= self.words[x.start].start < b)
            ]
            verb = next((k for k in range(first, last) if _phrase_at(self.words, k, SPEECH[self.language])), None)
            speaker = self._speaker(verb, first, last, mentioned) if verb is not None else None
            if speaker is None:
                people = [x for x in mentioned if x.thing.type == "person"]
                speaker = people[0] if people else None
            source = self._source(first, last, mentioned)
            interview = next((e for e in self.events if e["type"] == "interview" and _inside(e, a, b, sentence)), None)
            said_by = source or speaker
            if said_by is None and interview is None:
                continue
            claim: dict[str, Any] = {
                "id": self._new_id(
                    slug(
                        " ".join(
                            [
                                (speaker or said_by).thing.id if (speaker or said_by) else "quote",  # type: ignore[union-attr]
                                *normalize(inner).split()[:4],
                            ]
                        )
                    )
                ),
                "kind": "quote",
                "text": {self.language: inner},
                "source": interview["id"] if interview else said_by.thing.id,  # type: ignore[union-attr]
            }
            if speaker is not None and speaker.thing.type in _SPEAKERS:
                claim["speakers"] = [speaker.thing.id]
            claim["evidence"] = [_Flow(start=a, end=b, text=inner)]
            claim["review"] = (
                "a quote: check who said it, on whose authority the article gives it, and whether it is "
                "given in translation ('translated_from')"
            )
            self.claims.append(claim)


def _shouted(text: str) -> bool:
    """Whether a sentence is written in capitals (a kicker or a note, not prose)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def _inside(event: dict[str, Any], a: int, b: int, sentence: Sentence) -> bool:
    return any(sentence.start <= s["start"] < sentence.end for s in event["evidence"])


def _value(when: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(v) for k, v in sorted(when.items()) if k != "words")


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _describe(known: Known) -> str:
    name = known.name("en") or (known.names[0][1] if known.names else "")
    return f"{name} ({(known.catalogue and 'catalogue: ' + known.catalogue) or known.qid})"


def _names(known: Known, language: str, words: str) -> dict[str, str]:
    """The item's label in the article's language (else the article's words), and in English."""
    names = {language: known.name(language) or words}
    english = known.name("en")
    if english and language != "en":
        names["en"] = english
    return names
