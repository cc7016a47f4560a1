"""Events: the words that report them, with the names and the date near them as participants and
date, and the sentence's source; a statement, and an interview when someone speaks to a medium.

>>> from newsgraph.drafting import draft_story
>>> [event] = draft_story("Putin met Trump on Tuesday.", published="2025-11-27").data["events"]
>>> event["type"], event["date"]["on"], [p["entity"] for p in event["participants"]]
('meeting', '2025-11-25', ['vladimir-putin', 'donald-trump'])
"""

from __future__ import annotations

from typing import Any

from ..model.vocab import ORGANIZATION_TYPES
from .lexicon import RELIEF, SPEECH, TRIGGERS, phrase_at, starts
from .reading import _DEFINITE, _OF, Reading, _Flow, _Mentioned, _Thing
from .text import slug

__all__ = ["EventRules"]

#: Who can take part in an event.
_PARTICIPANTS = {"person", "state", *ORGANIZATION_TYPES}
#: Prepositions after which a genitive names who is acted on or with ("κατά της Λευκορωσίας").
_GOVERNING = {"el": {"κατα", "με", "απο", "για", "προσ", "μεταξυ", "υπερ"}, "en": {"against", "with", "between"}}
#: How far (in words) from its trigger word a participant of an event may be.
_NEAR = 14
#: Negations before an event's word.
_NOT = {"el": {"δεν", "δε", "μην", "ουτε"}, "en": {"not", "no", "never", "won't", "didn't", "nor"}}
#: How far from its trigger word the date of an event may be.
_NEAR_DATE = 16


class EventRules(Reading):
    def _triggers(self, first: int, last: int) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        k = first
        while k < last:
            best = max(
                ((len(p), t) for t, p in TRIGGERS[self.language] if starts(self.words, k, p) and k + len(p) <= last),
                default=None,
            )
            if best is None or k in self.taken:
                k += 1
                continue
            length, type_ = best
            if type_ == "sanctions" and any(
                phrase_at(self.words, j, RELIEF[self.language]) for j in range(first, last)
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
        """The event the words ``start``..``end`` report, with the names near them that take part:
        not the source, not a state or an organisation that only qualifies a word ("ο ομόλογός
        του της Βενεζουέλας"), and a state beside people only when acted on ("κατά της Λευκορωσίας")."""
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

    def _dated_statement(self, first: int, last: int, mentioned: list[_Mentioned], source: _Mentioned | None) -> None:
        """'Putin said on Tuesday', 'δήλωσε χθες ο Λουκασένκο': words someone said on a day the
        article gives are also a statement, an event of that day."""
        for k in range(first, last):
            length = phrase_at(self.words, k, SPEECH[self.language])
            near = [d for d in self.dates if self._distance(d, k) <= 3 and self.words[first].start <= d.start]
            speaker = self._speaker(k, first, last, mentioned) if length and near else None
            if speaker is not None and speaker.thing.type not in ("news-agency", "media"):  # an outlet reports
                self._statement(first, last, k, k + length, mentioned, source)
                return

    def _interview(self, first: int, last: int, mentioned: list[_Mentioned]) -> None:
        """'told the newspaper X', 'μιλώντας στην ΕΡΤ': someone named speaking to a medium is an interview."""
        for k in range(first, last):
            if not phrase_at(self.words, k, SPEECH[self.language]):
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
        if d.note:
            review.append(f"date: {d.note}")
        if d.first > self.published:
            if d.to_come:  # "will meet on 3 December": planned for then
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


def _value(when: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(v) for k, v in sorted(when.items()) if k != "words")
