"""Checks on a story: its JSON Schema, and the cross-checks no schema can express.

Every problem goes into one :class:`~newsgraph.report.Report` with a JSON pointer (and the line
and column where the file gives them), a message and a hint.

>>> from newsgraph.report import Report
>>> report = Report("s.yaml")
>>> check_schema({"newsgraph": 1, "article": {"slug": "Bad Slug"}}, report)
>>> [(p.pointer, p.message) for p in report.problems if p.pointer == "/article/slug"]
[('/article/slug', "'Bad Slug' is not of the required form")]
"""

from __future__ import annotations

import calendar
import re
from contextlib import suppress
from datetime import date
from typing import Any, Iterator

from jsonschema.exceptions import ValidationError

from .iris import QID_PATTERN
from .model import AGENT_TYPES
from .report import Report
from .schemas import compiled
from .snapshot import Snapshot
from .storyfile import escape_pointer, json_pointer

__all__ = ["check_schema", "cross_check", "type_fit", "earliest_day", "latest_day"]

STORY_SCHEMA = "schemas/story.schema.json"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_DATE_FORMS_HINT = ("use exactly one form of date: 'on'; 'start' (and 'end'); 'earliest' and/or "
                    "'latest'; or 'unknown: true' (with no 'words')")


def _describe(error: ValidationError) -> tuple[str, str, str]:
    """(pointer, message, hint) for one JSON Schema error, in an editor's words."""
    pointer = json_pointer(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("description", "")
    kind = error.validator
    value = error.instance
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        key = extra[0] if extra else "?"
        more = f" (and {', '.join(map(repr, extra[1:]))})" if len(extra) > 1 else ""
        return (f"{pointer}/{escape_pointer(key)}", f"unknown key {key!r}{more}",
                f"allowed keys here: {', '.join(allowed)}")
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        prop = schema.get("properties", {}).get(missing, {})
        return pointer, f"missing required key {missing!r}", prop.get("description", hint)
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return pointer, f"expected {wanted}, found {_json_type(value)} {_short(value)}", hint
    if kind == "pattern":
        return pointer, f"{_short(value)} is not of the required form", hint
    if kind == "enum":
        options = ", ".join(map(str, error.validator_value))
        return pointer, f"{_short(value)} is not one of: {options}", hint
    if kind == "const":
        return pointer, f"{_short(value)} must be {error.validator_value!r}", hint
    if kind in ("minLength", "minItems", "minProperties"):
        return pointer, "must not be empty", hint
    if kind in ("maxLength", "maxItems"):
        return pointer, f"is longer than {error.validator_value}", hint
    if kind == "minimum":
        return pointer, f"{value} is below the minimum {error.validator_value}", hint
    if kind == "uniqueItems":
        return pointer, "lists the same item twice", "keep each item once"
    if kind == "oneOf" and pointer.endswith("/date"):
        return pointer, "the date does not have exactly one form", _DATE_FORMS_HINT
    if kind == "oneOf" and pointer.endswith("/text"):
        return pointer, "must be the article text itself or {file: path}", hint
    if kind in ("not", "anyOf", "if", "allOf"):
        return pointer, _entity_rule(error), hint
    return pointer, error.message, hint


def _entity_rule(error: ValidationError) -> str:
    sub = error.validator_value if isinstance(error.validator_value, dict) else {}
    required = sub.get("required", [])
    if error.validator == "not" and required == ["offices"]:
        return "only a person can hold offices"
    if error.validator == "not" and required == ["names"]:
        return "an unnamed person or source must not have names; describe it instead"
    if error.validator == "anyOf" and "unnamed" not in str(error.instance):
        return "needs 'names' (or, for a work, a 'description'); if the article leaves it unnamed, set 'unnamed: true' and give a 'description'"
    return error.message


def check_schema(data: Any, report: Report) -> None:
    """Add a problem to ``report`` for every way ``data`` breaks schemas/story.schema.json."""
    for error in compiled(STORY_SCHEMA).errors(data):
        pointer, message, hint = _describe(error)
        report.add(pointer, message, hint=hint, check="schema")


# -- cross-checks -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: In the file's own text, anything that could become one of the above once parsed: the
#: characters themselves, or an escape that can stand for one (JSON's \b, \f and \uXXXX, YAML's
#: \a, \e, \v, \0, \xXX, \N, \L, \P, \U...). \n, \t and \" are harmless and common.
_SUSPICIOUS_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SUSPICIOUS_ESCAPE = re.compile(r"\\(?:[0abefvxNLPU_]|u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|u202[a-eA-E]|u206[6-9])")

#: Wikidata classes (P31) that fit a declared entity type. Types whose classes are not verified
#: are not checked this way (but a human declared as anything but a person still is).
TYPE_CLASSES = {
    "person": frozenset({"Q5"}),
    "state": frozenset({"Q6256", "Q3624078"}),
    "news-agency": frozenset({"Q192283"}),
}
CLASS_NAMES = {"Q5": "human", "Q6256": "country", "Q3624078": "sovereign state", "Q192283": "news agency"}



def type_fit(declared: str, classes: tuple[str, ...]) -> tuple[str, str]:
    """Whether Wikidata classes fit a declared entity type: ``("fits" | "contradicts" | "unknown",
    the classes named)``.

    >>> type_fit("person", ("Q3624078", "Q6256"))
    ('contradicts', 'sovereign state, country')
    """
    named = ", ".join(CLASS_NAMES.get(c, c) for c in classes) or "no class"
    fits = TYPE_CLASSES.get(declared)
    if (fits is not None and not fits & set(classes)) or (declared != "person" and "Q5" in classes):
        return "contradicts", named
    return ("fits" if fits is not None else "unknown"), named


_PLACES = {"place", "city", "region", "state"}
_ORGS = {"organization", "government-body", "news-agency", "media"}
_POLITIES = {"state"} | _ORGS


def _calendar_problem(value: str) -> str | None:
    """A message if a well-formed date string names a day that does not exist."""
    parts = value[:10].split("-")
    if len(parts) == 3:
        y, m, d = map(int, parts)
        if d > calendar.monthrange(y, m)[1]:
            return f"{value} does not exist ({calendar.month_name[m]} {y} has {calendar.monthrange(y, m)[1]} days)"
    return None


def earliest_day(value: str) -> date:
    """The first day a date of any precision can mean.

    >>> earliest_day("2025-11")
    datetime.date(2025, 11, 1)
    """
    parts = [int(p) for p in value[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def latest_day(value: str) -> date:
    """The last day a date of any precision can mean.

    >>> latest_day("2024-02")
    datetime.date(2024, 2, 29)
    """
    parts = [int(p) for p in value[:10].split("-")]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else 12
    d = parts[2] if len(parts) > 2 else calendar.monthrange(y, m)[1]
    return date(y, m, d)


def _held_on(held: Any, day: date) -> bool:
    """Whether a P39 statement covers ``day`` (a later end date is fine: the office was held then)."""
    if held.start and earliest_day(held.start) > day:
        return False
    return not (held.end and latest_day(held.end) < day)


def _strings(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{pointer}/{escape_pointer(k)}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{pointer}/{i}")


_MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class _CrossChecker:
    """The cross-checks. They also run on a story with schema errors: a malformed item (already
    reported by the schema) is skipped, so one run reports every problem."""

    def __init__(self, data: Any, text: str | None, report: Report, snapshot: Snapshot | None,
                 source: str | None) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.text = text
        self.report = report
        self.snapshot = snapshot
        self.source = source
        self.kinds: dict[str, tuple[str, str]] = {}  # id -> (kind, type)
        self.offices: dict[str, set[str]] = {}

    def error(self, pointer: str, message: str, hint: str = "") -> None:
        self.report.add(pointer, message, hint=hint, check="cross-check")

    def warn(self, pointer: str, message: str, hint: str = "") -> None:
        self.report.add(pointer, message, hint=hint, severity="warning", check="cross-check")

    def items(self, section: str) -> Iterator[tuple[str, dict]]:
        """(pointer, item) for each well-formed item of a section."""
        items = self.data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict):
                yield f"/{section}/{i}", item

    def run(self) -> None:
        self.characters()
        self.collect_ids()
        for check in (self.article_refs, self.entity_refs, self.event_refs, self.claim_refs,
                      self.dates, self.spans, self.qids, self.wikidata):
            check()

    def characters(self) -> None:
        # Walking every string is the slow part of the cross-checks; a story file without a
        # suspicious character or escape in its text cannot hold one after parsing.
        source = self.source
        if source is not None and not _SUSPICIOUS_CHARACTER.search(source) and not (
                "\\" in source and _SUSPICIOUS_ESCAPE.search(source)):
            return
        for pointer, value in _strings(self.data, ""):
            bad = _CONTROL.search(value)
            if bad:
                self.error(pointer, f"contains the control character U+{ord(bad.group()):04X}",
                           "remove it; only tabs and line breaks are allowed in text")
            if _BIDI_OVERRIDE.search(value):
                self.warn(pointer, "contains a bidirectional override or isolate character",
                          "these can make text display differently from what it says; remove unless intended")

    def collect_ids(self) -> None:
        seen: dict[str, str] = {"article": "/article"}
        for section, kind in (("entities", "entity"), ("events", "event"), ("claims", "claim")):
            for p, item in self.items(section):
                id = item.get("id")
                if not isinstance(id, str):
                    continue
                if id in seen:
                    where = "is reserved for the article itself" if id == "article" else f"is already used at {seen[id]}"
                    self.error(f"{p}/id", f"id {id!r} {where}", "every entity, event and claim needs its own id")
                    continue
                seen[id] = f"{p}/id"
                self.kinds[id] = (kind, str(item.get("type", item.get("kind", ""))))
                office_ids: set[str] = set()
                for j, office in enumerate(item.get("offices", []) if kind == "entity" else []):
                    with suppress(*_MALFORMED):
                        if office["id"] in office_ids:
                            self.error(f"{p}/offices/{j}/id", f"office id {office['id']!r} is used twice for {id!r}")
                        office_ids.add(office["id"])
                self.offices[id] = office_ids

    def ref(self, pointer: str, id: Any, allowed: set[str] | None, what: str) -> bool:
        """Check that ``id`` names something of an allowed type ('event' and 'article' count)."""
        if not isinstance(id, str):
            return False
        if id == "article":
            if allowed is None or "article" in allowed:
                return True
            self.error(pointer, f"'article' cannot be {what}")
            return False
        if id not in self.kinds:
            self.error(pointer, f"{id!r} is not defined", f"{what}: add an entity or event with id {id!r}, or fix the spelling")
            return False
        kind, type_ = self.kinds[id]
        if allowed is not None and type_ not in allowed and kind not in allowed:
            self.error(pointer, f"{id!r} is a {type_ or kind}, but {what} must be: {', '.join(sorted(allowed))}")
            return False
        return True

    def refs(self, pointer: str, ids: Any, allowed: set[str] | None, what: str) -> None:
        for k, id in enumerate(ids if isinstance(ids, list) else ()):
            self.ref(f"{pointer}/{k}", id, allowed, what)

    def article_refs(self) -> None:
        a = self.data.get("article")
        if not isinstance(a, dict):
            return
        self.ref("/article/publisher", a.get("publisher"), _ORGS | {"person"}, "the publisher")
        self.refs("/article/authors", a.get("authors"), _ORGS | {"person"}, "an author")
        self.refs("/article/based_on", a.get("based_on"), {"work"}, "a work the article is based on")
        self.refs("/article/about", a.get("about"), None, "what the article is about")

    def entity_refs(self) -> None:
        for p, e in self.items("entities"):
            with suppress(*_MALFORMED):
                for j, o in enumerate(e.get("offices", [])):
                    q = f"{p}/offices/{j}"
                    self.ref(f"{q}/position", o.get("position"), {"position"}, "the position held")
                    self.ref(f"{q}/of", o.get("of"), _POLITIES, "what the office belongs to")
                    self.ref(f"{q}/to", o.get("to"), _POLITIES, "what an envoy is accredited to")
                    self.ref(f"{q}/posted_in", o.get("posted_in"), _PLACES, "where the holder is posted")
                self.ref(f"{p}/country", e.get("country"), {"state"}, "the country")
                self.ref(f"{p}/part_of", e.get("part_of"), _PLACES, "the containing place")
                self.ref(f"{p}/source_of", e.get("source_of"), _ORGS | {"person"}, "the outlet the sources spoke to")
                self.ref(f"{p}/publisher", e.get("publisher"), _ORGS | {"person"}, "the publisher")
                type_ = e.get("type")
                if type_ != "work":
                    for field in ("publisher", "published", "language", "url"):
                        if field in e:
                            self.error(f"{p}/{field}", f"{field!r} is only for works (type 'work')")
                if type_ != "unnamed-source" and "source_of" in e:
                    self.error(f"{p}/source_of", "'source_of' is only for unnamed sources")
                if type_ == "unnamed-source" and not e.get("unnamed"):
                    self.error(f"{p}/unnamed", "an unnamed source needs 'unnamed: true'", "describe it in 'description'")

    def event_refs(self) -> None:
        for p, ev in self.items("events"):
            with suppress(*_MALFORMED):
                seen_roles = set()
                for j, part in enumerate(ev.get("participants", [])):
                    q = f"{p}/participants/{j}"
                    who = part.get("entity")
                    key = (who, part.get("role", "participant"))
                    if key in seen_roles:
                        self.error(q, f"{who!r} is listed twice in the same role")
                    seen_roles.add(key)
                    if self.ref(f"{q}/entity", who, AGENT_TYPES | {"state"}, "a participant"):
                        capacity = part.get("capacity")
                        if capacity and capacity not in self.offices.get(who, set()):
                            self.error(f"{q}/capacity", f"{who!r} holds no office with id {capacity!r}",
                                       f"offices of {who!r}: {', '.join(sorted(self.offices.get(who, ()))) or 'none'}")
                self.ref(f"{p}/location", ev.get("location"), _PLACES, "the location")
                self.refs(f"{p}/about", ev.get("about"), None, "what the event is about")
                prev = ev.get("preceded_by")
                if prev is not None and prev == ev.get("id"):
                    self.error(f"{p}/preceded_by", "an event cannot precede itself")
                else:
                    self.ref(f"{p}/preceded_by", prev, {"event"}, "the earlier event")

    def claim_refs(self) -> None:
        language = (self.data.get("article") or {}).get("language") if isinstance(self.data.get("article"), dict) else None
        for p, c in self.items("claims"):
            with suppress(*_MALFORMED):
                self.ref(f"{p}/source", c.get("source"), AGENT_TYPES | {"work", "event", "article"}, "the source")
                for field in ("speakers", "addressees"):
                    self.refs(f"{p}/{field}", c.get(field), AGENT_TYPES | {"state"}, f"one of the {field}")
                self.refs(f"{p}/about", c.get("about"), None, "what the claim is about")
                if c.get("kind") == "quote" and self.text is not None and language:
                    quoted = c["text"].get(language)
                    if quoted is None:
                        self.error(f"{p}/text", "a quote needs its text in the article's language")
                    elif quoted not in self.text:
                        self.warn(f"{p}/text", "the quoted words do not occur in the article text",
                                  "a quote should repeat the article's words exactly")

    def dates(self) -> None:
        published = (self.data.get("article") or {}).get("published")
        try:
            problem = _calendar_problem(published)
            last = earliest_day(published)
        except _MALFORMED:
            return  # reported by the schema
        if problem:
            self.error("/article/published", problem, "use a real calendar date")
            return
        for p, e in self.items("entities"):
            with suppress(*_MALFORMED):
                if "published" in e:
                    self.date(f"{p}/published", e["published"], last)
        for p, ev in self.items("events"):
            with suppress(*_MALFORMED):
                w = ev["date"]
                q = f"{p}/date"
                ok = all(self.date(f"{q}/{k}", w[k], last) for k in ("on", "start", "end", "earliest", "latest") if k in w)
                if ok and "start" in w and "end" in w and earliest_day(w["start"]) > latest_day(w["end"]):
                    self.error(f"{q}/end", f"ends ({w['end']}) before it starts ({w['start']})")
                if ok and "earliest" in w and "latest" in w and earliest_day(w["earliest"]) > latest_day(w["latest"]):
                    self.error(f"{q}/latest", f"latest ({w['latest']}) is before earliest ({w['earliest']})")

    def date(self, pointer: str, value: str, published: date) -> bool:
        problem = _calendar_problem(value)
        if problem:
            self.error(pointer, problem, "use a real calendar date")
            return False
        if earliest_day(value) > published and pointer.rsplit("/", 1)[-1] != "latest":
            self.error(pointer, f"{value} is after the article's publication date",
                       "resolve relative dates against the publication date; an article reports the past")
            return False
        return True

    def spans(self) -> None:
        if self.text is None:
            return
        holders: list[tuple[str, dict]] = []
        for p, e in self.items("entities"):
            holders.append((p, e))
            offices = e.get("offices")
            holders += [(f"{p}/offices/{j}", o) for j, o in enumerate(offices if isinstance(offices, list) else ())
                        if isinstance(o, dict)]
        holders += list(self.items("events")) + list(self.items("claims"))
        for pointer, holder in holders:
            spans = holder.get("evidence")
            for k, span in enumerate(spans if isinstance(spans, list) else ()):
                with suppress(*_MALFORMED):
                    self.span(f"{pointer}/evidence/{k}", span["start"], span["end"], span["text"])

    def span(self, pointer: str, start: int, end: int, words: str) -> None:
        assert self.text is not None
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(words, str)):
            return
        n = len(self.text)
        if end <= start:
            self.error(f"{pointer}/end", f"end {end} is not after start {start}")
        elif end > n:
            self.error(f"{pointer}/end", f"end {end} is beyond the article text ({n} characters)",
                       self._suggest(words))
        elif self.text[start:end] != words:
            self.error(pointer, f"the text at {start}..{end} is {self.text[start:end]!r}, not {words!r}",
                       self._suggest(words))

    def _suggest(self, words: str) -> str:
        found = [m.start() for m in re.finditer(re.escape(words), self.text or "")]
        if not found:
            return "the quoted words do not occur in the article text; copy them exactly"
        spans = ", ".join(f"start {s}, end {s + len(words)}" for s in found[:5])
        return f"the words occur at: {spans} (offsets count Unicode code points from 0)"

    def qids(self) -> None:
        seen: dict[str, str] = {}
        for section in ("entities", "events"):
            for p, item in self.items(section):
                qid = item.get("wikidata")
                if not isinstance(qid, str):
                    continue
                if qid in seen:
                    self.error(f"{p}/wikidata", f"{qid} is already the Wikidata id of {seen[qid]}",
                               "one Wikidata item is one entity; merge them or fix the id")
                seen[qid] = str(item.get("id"))

    def wikidata(self) -> None:
        if self.snapshot is None:
            return
        refresh = ("check the QID on Wikidata; then `newsgraph wikidata refresh` (needs the network) "
                   "adds it to the snapshot")
        positions = {e.get("id"): e.get("wikidata") for _, e in self.items("entities") if e.get("type") == "position"}
        for section in ("entities", "events"):
            for p, item in self.items(section):
                qid = item.get("wikidata")
                if not isinstance(qid, str) or not QID_PATTERN.match(qid):
                    continue
                known = self.snapshot.get(qid)
                if known is None:
                    self.error(f"{p}/wikidata", f"{qid} is not in the Wikidata snapshot (taken {self.snapshot.taken})", refresh)
                    continue
                if section == "entities":
                    with suppress(*_MALFORMED):
                        self.wikidata_type(p, item["type"], known)
                        self.wikidata_positions(p, item, known, positions)

    def wikidata_type(self, pointer: str, declared: str, known: Any) -> None:
        classes = known.instance_of
        if classes is None:
            return
        label = known.labels.get("en") or next(iter(known.labels.values()), "")
        fit, named = type_fit(declared, classes)
        if fit == "contradicts":
            self.error(f"{pointer}/wikidata",
                       f"{known.qid} ({label}) is {named} on Wikidata, which does not fit type {declared!r}",
                       "the QID probably belongs to another item: check it on Wikidata")

    def wikidata_positions(self, pointer: str, person: dict, known: Any, positions: dict) -> None:
        if known.positions is None:
            return
        published = earliest_day(self.data["article"]["published"])
        for j, office in enumerate(person.get("offices", [])):
            pq = positions.get(office.get("position"))
            if not pq:
                continue
            held = [h for h in known.positions if h.position == pq]
            where = f"{pointer}/offices/{j}/position"
            if not held:
                self.error(where, f"Wikidata has no 'position held' {pq} for {known.qid}",
                           "check the position's QID, or the person's")
            elif not any(_held_on(h, published) for h in held):
                spans = "; ".join(f"{h.start or '?'} to {h.end or 'now'}" for h in held)
                self.error(where, f"{known.qid} did not hold {pq} on the article's date (Wikidata: {spans})",
                           "an office is checked as of the publication date")


def cross_check(data: Any, text: str | None, report: Report, snapshot: Snapshot | None = None,
                source: str | None = None) -> None:
    """Add problems the schema cannot see: references, dates, evidence spans, duplicate QIDs,
    and QIDs that the Wikidata ``snapshot`` does not know or whose type or positions contradict
    the story (skipped when ``snapshot`` is None).

    ``text`` is the article text (None when it could not be read: span checks are skipped);
    ``source`` is the story file's own text, when known (it lets a clean file skip the walk over
    every string). Items the schema already found malformed are skipped, not reported twice.
    """
    _CrossChecker(data, text, report, snapshot, source).run()
