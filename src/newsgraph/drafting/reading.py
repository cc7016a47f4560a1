"""The article as the drafting rules read it: its words and sentences, what is mentioned where,
and the questions every rule asks (who speaks, on whose authority, is this word a title).

>>> from datetime import date
>>> from newsgraph.drafting.gazetteer import Gazetteer
>>> from newsgraph.wikidata.snapshot import Snapshot
>>> reading = Reading("Ο Τραμπ δήλωσε ότι...", "el", date(2025, 11, 27), Gazetteer.build(None, Snapshot.default()))
>>> [w.text for w in reading.words], reading.language
(['Ο', 'Τραμπ', 'δήλωσε', 'ότι'], 'el')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..linking.reconcile import normalize
from ..model.vocab import ORGANIZATION_TYPES
from .gazetteer import Gazetteer
from .lexicon import ACCORDING_TO, NOT_NAMES, SPEECH, TITLES, TRIGGERS, TYPE_WORDS, phrase_at, starts
from .places import places
from .text import Sentence, sentences, tokens
from .timex import DateMention

__all__ = ["Reading"]

#: Who can say something.
_SPEAKERS = {"person", "unnamed-source", *ORGANIZATION_TYPES}
_OUTLETS = {"news-agency", "media"}
#: What a story may give as a source (no place: "citing clashes in Tripoli" is not on Tripoli's authority).
_SOURCES = {*_SPEAKERS, "state", "work"}
_OF = {"el": {"του", "τησ", "των"}, "en": {"of"}}
#: Words before whose document or institution a source is ("a statement from the Kremlin").
_FROM = {"el": {"απο"}, "en": {"from"}}
#: A definite article before an event's word: the event was reported before ("after the meeting").
_DEFINITE = {"el": {"τη", "την", "το", "τον", "η"}, "en": {"the"}}


class _Flow(dict):
    """A mapping written on one line (a span, a date, a participant)."""


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


def _stem(name: str) -> str:
    """A state's name without its final vowels: what its people and adjectives begin with."""
    return name.rstrip("αεηιουωaeiouy")


class Reading:
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
        #: The states' names in the article's language (and English), and their stems ("λευκορωσ").
        self.states = {
            normalize(name)
            for t in places(tuple(dict.fromkeys((self.language, "en"))))
            if t.type == "state"
            for _, name in t.names
        }
        self.state_stems = {s for s in (_stem(n) for n in self.states if " " not in n) if len(s) >= 4}
        self.triggers: list[int] = []  # where this sentence's event words are

    # -- the whole article ------------------------------------------------------------------

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

    def _sentence_starts_at(self, k: int) -> bool:
        return any(s.start == self.words[k].start for s in self.sentences)

    def _cued(self, i: int) -> bool:
        """Whether an 'according to' cue ends right before word ``i`` (or an article before it)."""
        for back in (1, 2, 3):
            if i - back < 0:
                break
            length = phrase_at(self.words, i - back, ACCORDING_TO[self.language])
            if length == back or (length and length == back - 1 and self.words[i - 1].norm in NOT_NAMES[self.language]):
                return True
        return False

    def _speaks_after(self, end: int, within: int = 3) -> bool:
        last = min(end + within, len(self.words))
        return any(phrase_at(self.words, j, SPEECH[self.language]) for j in range(end, last))

    def _thing_ending_at(self, i: int) -> _Mentioned | None:
        return next((m for m in self.mentions if m.end == i), None)

    def _thing_starting_at(self, i: int) -> _Mentioned | None:
        return next((m for m in self.mentions if m.start == i), None)

    def _title(self, k: int) -> bool:
        """Whether word ``k`` is a title ("President", "υπουργός"), not a name or part of one."""
        lang = self.language
        return any(starts(self.words, k, (t,)) for t in TITLES[lang]) and not any(
            starts(self.words, k, phrase) for _, phrase in TYPE_WORDS[lang]
        )

    def _indexes(self, sentence: Sentence) -> range:
        first = self._sentence_start(sentence)
        last = next((k for k in range(first, len(self.words)) if self.words[k].start >= sentence.end), len(self.words))
        return range(first, last)

    def _capitalised_next(self, k: int) -> bool:
        return k < len(self.words) and self.words[k].capitalised

    def _sentence_start(self, sentence: Sentence) -> int:
        return next((k for k, w in enumerate(self.words) if w.start >= sentence.start), len(self.words))

    def _sentence_start_before(self, i: int) -> int:
        at = self.words[i].start
        sentence = next((s for s in self.sentences if s.start <= at < s.end), None)
        return self._sentence_start(sentence) if sentence else 0

    def _source(self, first: int, last: int, mentioned: list[_Mentioned]) -> _Mentioned | None:
        """On whose authority the sentence speaks: what follows 'according to' (or the outlet
        'the agency' stands for), a source the article does not name, or an outlet that reports."""
        for k in range(first, last):
            length = phrase_at(self.words, k, ACCORDING_TO[self.language])
            if not length:
                continue
            after = [m for m in mentioned if k + length <= m.start <= k + length + 5 and m.thing.type in _SOURCES]
            if after and all(not self.words[j].capitalised for j in range(k + length, after[0].start)):
                return after[0]  # "σύμφωνα με το κρατικό πρακτορείο Belta"
            for j in range(k + length, min(k + length + 2, last)):
                kinds = {t for t, phrase in TYPE_WORDS[self.language] if starts(self.words, j, phrase)} & _OUTLETS
                earlier = [m for m in self.mentions if m.start < k and m.thing.type in kinds]
                if earlier:  # "according to the agency": the agency named before
                    return _Mentioned(j, j + 1, earlier[-1].thing)
        speaks = [k for k in range(first, last) if phrase_at(self.words, k, SPEECH[self.language])]
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

    def _speaker(self, verb: int, first: int, last: int, mentioned: list[_Mentioned]) -> _Mentioned | None:
        agents = [m for m in mentioned if m.thing.type in _SPEAKERS]
        before = [m for m in agents if m.end <= verb]
        if before:
            return before[-1]
        after = [m for m in agents if verb < m.start <= verb + 8 and m.thing.type != "unnamed-source"]
        return after[0] if after else None

    def _distance(self, d: DateMention, k: int) -> int:
        """How many words lie between the date and word ``k``."""
        at = [j for j, w in enumerate(self.words) if d.start <= w.start < d.end]
        return min(abs(j - k) for j in at) if at else len(self.words)
