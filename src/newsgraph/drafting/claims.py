"""Claims and quotes: the attribution cues of a sentence ("δήλωσε", "said", "σύμφωνα με") and
the words in quotation marks, with who said them and on whose authority.

>>> from newsgraph.drafting import draft_story
>>> [quote] = draft_story("«Θα σταθούμε δίπλα σας», δήλωσε ο Πούτιν.", published="2025-11-27").data["claims"]
>>> quote["kind"], quote["text"], quote["speakers"]
('quote', {'el': 'Θα σταθούμε δίπλα σας'}, ['vladimir-putin'])
"""

from __future__ import annotations

import re
from typing import Any

from ..linking.reconcile import normalize
from .lexicon import ACCORDING_TO, SPEECH, phrase_at
from .reading import _OUTLETS, _SPEAKERS, Reading, _Flow, _Mentioned
from .text import Sentence, slug

__all__ = ["ClaimRules"]

_QUOTES = re.compile(r"«([^«»]+)»|“([^“”]+)”|\"([^\"]+)\"")
_THAT = {"el": {"οτι", "πωσ"}, "en": {"that"}}


class ClaimRules(Reading):
    def _claim(
        self, sentence: Sentence, first: int, last: int, mentioned: list[_Mentioned], source: _Mentioned | None
    ) -> None:
        if any(q[0] < sentence.end and q[1] > sentence.start for q in self._quote_spans()):
            return  # its quote is drafted as a quote
        verb = next((k for k in range(first, last) if phrase_at(self.words, k, SPEECH[self.language])), None)
        cue = next((k for k in range(first, last) if phrase_at(self.words, k, ACCORDING_TO[self.language])), None)
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
            verb = next((k for k in range(first, last) if phrase_at(self.words, k, SPEECH[self.language])), None)
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


def _inside(event: dict[str, Any], a: int, b: int, sentence: Sentence) -> bool:
    return any(sentence.start <= s["start"] < sentence.end for s in event["evidence"])
