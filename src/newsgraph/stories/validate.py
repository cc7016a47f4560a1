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

import json
import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from ..model.dates import DATE_FORM, DateError, StoryDate, parse_date
from ..model.iris import QID_PATTERN, check_base, check_iri, language_tag_problem
from ..model.story import AGENT_TYPES, EVENT_TYPES
from ..model.vocab import ENTITY_CLASSES, ORGANIZATION_TYPES, PLACE_TYPES
from ..report import Report, escape_pointer, json_pointer
from ..schemas import compiled
from ..wikidata.snapshot import PositionHeld, Snapshot

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

__all__ = ["check_schema", "cross_check", "check_catalogue_data", "type_fit"]

STORY_SCHEMA = "schemas/story.schema.json"
CATALOGUE_SCHEMA = "schemas/catalogue.schema.json"


_SPAN = re.compile(r"/evidence/\d+$")
_SPAN_HINT = (
    "give both offsets, or neither and let newsgraph find the words ('occurrence: N' for the Nth "
    "time they appear; `newsgraph fix-offsets` writes the offsets in)"
)

#: JSON Schema's types in an editor's words.
_TYPE_WORDS = {
    "string": "text",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


def _found(value: Any) -> str:
    """What a value is, as an editor wrote it: ``true``, ``null``, ``text 'x'``, ``a list [...]``."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    kinds = ((str, "text"), ((int, float), "a number"), (list, "a list"), (dict, "a mapping"))
    kind = next((word for types, word in kinds if isinstance(value, types)), type(value).__name__)
    return f"{kind} {_short(value)}"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_DATE_FORMS_HINT = (
    "use exactly one form of date: 'on'; 'start' (and 'end'); 'earliest' and/or "
    "'latest'; 'ongoing: true' (and 'start'); or 'unknown: true' (with no 'words')"
)


def _describe(error: ValidationError) -> tuple[str, str, str]:
    """(pointer, message, hint) for one JSON Schema error, in an editor's words."""
    pointer = json_pointer(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("description", "")
    kind = error.validator
    value = error.instance
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(cast(dict, value)) - set(allowed))  # the keyword applies to mappings only
        key = extra[0] if extra else "?"
        more = f" (and {', '.join(map(repr, extra[1:]))})" if len(extra) > 1 else ""
        return (
            f"{pointer}/{escape_pointer(key)}",
            f"unknown key {key!r}{more}",
            f"allowed keys here: {', '.join(allowed)}",
        )
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        prop = schema.get("properties", {}).get(missing, {})
        return pointer, f"missing required key {missing!r}", prop.get("description", hint)
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(str(w), str(w)) for w in wanted)
        return pointer, f"expected {words}, found {_found(value)}", hint
    if kind == "pattern":
        return pointer, f"{_short(value)} is not of the required form", hint
    if kind == "enum":
        options = ", ".join(map(str, error.validator_value if isinstance(error.validator_value, list) else ()))
        return pointer, f"{_short(value)} is not one of: {options}", hint
    if kind == "const":
        return pointer, f"{_short(value)} must be {error.validator_value!r}", hint
    if kind in ("minLength", "minItems", "minProperties"):
        return pointer, "must not be empty", hint
    if kind == "maxLength":
        return pointer, f"is longer than {error.validator_value}", hint
    if kind == "minimum":
        return pointer, f"{value} is below the minimum {error.validator_value}", hint
    if kind == "uniqueItems":
        return pointer, "lists the same item twice", "keep each item once"
    if kind == "oneOf" and pointer.endswith("/date"):
        return pointer, "the date does not have exactly one form", _DATE_FORMS_HINT
    if kind == "oneOf" and pointer.endswith("/text"):
        return pointer, "must be the article text itself or {file: path}", hint
    if kind == "oneOf" and _SPAN.search(pointer):
        return pointer, "a span has 'start' and 'end' with its 'text', or its 'text' alone", _SPAN_HINT
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
    if error.validator == "anyOf":  # the one anyOf: names, or a work's description
        return (
            "needs 'names' (or, for a work, a 'description'); if the article leaves it unnamed, "
            "set 'unnamed: true' and give a 'description'"
        )
    return error.message


def check_schema(data: Any, report: Report, schema: str = STORY_SCHEMA) -> None:
    """Add a problem to ``report`` for every way ``data`` breaks ``schema`` (default: the story's)."""
    for error in compiled(schema).errors(data):
        pointer, message, hint = _describe(error)
        report.add(pointer, message, hint=hint, check="schema")


# -- cross-checks -------------------------------------------------------------------------------

#: A control character no text of a story may hold (tabs and line breaks are fine).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: In the file's own text, anything that could become one of the above once parsed: the
#: characters themselves, or an escape that can stand for one (JSON's \b, \f and \uXXXX, YAML's
#: \a, \e, \v, \0, \xXX, \N, \L, \P, \U...). \n, \t and \" are harmless and common.
_SUSPICIOUS_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SUSPICIOUS_ESCAPE = re.compile(
    r"\\(?:[0abefvxNLPU_]|u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|u202[a-eA-E]|u206[6-9])"
)

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
    >>> type_fit("person", ())  # an item Wikidata gives no class at all
    ('contradicts', 'no class')
    """
    named = ", ".join(CLASS_NAMES.get(c, c) for c in classes) or "no class"
    fits = TYPE_CLASSES.get(declared)
    if (fits is not None and not fits & set(classes)) or (declared != "person" and "Q5" in classes):
        return "contradicts", named
    return ("fits" if fits is not None else "unknown"), named


#: The fields of each section that hold text per language, keyed by language tag.
_LANGUAGE_MAPS = {
    "entities": ("names", "aliases", "description"),
    "events": ("names", "description"),
    "claims": ("text",),
    "entries": ("names", "aliases", "description", "reason"),
}
#: What something can be reported on the authority of.
_SOURCES = AGENT_TYPES | {"work", "event", "article"}
_ORGS = set(ORGANIZATION_TYPES)
_POLITIES = {"state"} | _ORGS


def _held_on(held: PositionHeld, day: date) -> bool:
    """Whether a P39 statement covers ``day`` (a later end date is fine: the office was held then)."""
    start, end = _day_range(held.start), _day_range(held.end)
    if start and start.first > day:
        return False
    return not (end and end.last < day)


def _day_range(value: str | None) -> StoryDate | None:
    """A snapshot's date, or None when it is absent or unreadable (then it cannot be checked)."""
    try:
        return parse_date(value) if value else None
    except DateError:
        return None


def _strings(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{pointer}/{escape_pointer(k)}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{pointer}/{i}")


# The cross-checks read the story through these: a value of the wrong type (which the schema
# reports) reads as absent, so no check ever fails on the shape of what it is given.


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _mappings(value: Any, pointer: str) -> Iterator[tuple[str, dict]]:
    """(pointer, item) for each mapping in the list ``value``."""
    for i, item in enumerate(_list(value)):
        if isinstance(item, dict):
            yield f"{pointer}/{i}", item


def evidence_spans(data: Any) -> Iterator[tuple[str, dict]]:
    """(JSON pointer, span) of every evidence span of a story: entities', their offices', events'
    and claims' (anything not shaped as a story is skipped: the schema reports it).

    >>> [p for p, _ in evidence_spans({"events": [{"evidence": [{"text": "x"}]}]})]
    ['/events/0/evidence/0']
    """
    for section in ("entities", "events", "claims"):
        for pointer, item in _mappings(data.get(section) if isinstance(data, dict) else None, f"/{section}"):
            holders = [(pointer, item)]
            if section == "entities":
                holders += _mappings(item.get("offices"), f"{pointer}/offices")
            for where, holder in holders:
                yield from _mappings(holder.get("evidence"), f"{where}/evidence")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _offset(value: Any) -> int | float | None:
    """A span offset as written (booleans are not offsets; the schema reports them)."""
    return value if type(value) in (int, float) else None


class _CrossChecker:
    """The cross-checks. They also run on a story with schema errors: every value is read through
    a type-checking accessor, a malformed value counts as absent, and a problem the schema already
    reported at a place is not reported there again."""

    def __init__(
        self, data: Any, text: str | None, report: Report, snapshot: Snapshot | None, source: str | None
    ) -> None:
        self.data = data if isinstance(data, dict) else {}
        article = self.data.get("article")
        self.article = article if isinstance(article, dict) else {}
        self.text = text
        self.report = report
        self.snapshot = snapshot
        self.source = source
        self.kinds: dict[str, tuple[str, str]] = {}  # id -> (kind, type)
        self.offices: dict[str, set[str]] = {}
        self.published: StoryDate | None = None
        self.schema_errors = {p.pointer for p in report.errors if p.check == "schema"}
        self.seen_qids: dict[str, str] = {}

    def error(self, pointer: str, message: str, hint: str = "") -> None:
        if pointer not in self.schema_errors:
            self.report.add(pointer, message, hint=hint, check="cross-check")

    def warn(self, pointer: str, message: str, hint: str) -> None:
        self.report.add(pointer, message, hint=hint, severity="warning", check="cross-check")

    def items(self, section: str) -> Iterator[tuple[str, dict]]:
        """(pointer, item) for each well-formed item of a section."""
        return _mappings(self.data.get(section), f"/{section}")

    def run(self) -> None:
        self.characters()
        self.iris()
        self.languages()
        self.collect_ids()
        for check in (
            self.article_refs,
            self.entity_refs,
            self.event_refs,
            self.claim_refs,
            self.dates,
            self.spans,
            self.qids,
            self.wikidata,
            self.review_marks,
        ):
            check()

    def review_marks(self) -> None:
        for section in ("entities", "events", "claims"):
            for p, item in self.items(section):
                reason = _text(item.get("review"))
                if reason is not None:
                    self.report.add(
                        f"{p}/review",
                        f"to review: {reason}",
                        hint="check it, then delete the 'review' line (build refuses a story marked for review "
                        "unless --allow-draft)",
                        severity="warning",
                        check="review",
                    )

    def characters(self) -> None:
        # Walking every string is the slow part of the cross-checks; a story file without a
        # suspicious character or escape in its text cannot hold one after parsing.
        source = self.source
        if (
            source is not None
            and not _SUSPICIOUS_CHARACTER.search(source)
            and not ("\\" in source and _SUSPICIOUS_ESCAPE.search(source))
        ):
            return
        for pointer, value in _strings(self.data, ""):
            bad = CONTROL_CHARACTER.search(value)
            if bad:
                self.error(
                    pointer,
                    f"contains the control character U+{ord(bad.group()):04X}",
                    "remove it; only tabs and line breaks are allowed in text",
                )
            if _BIDI_OVERRIDE.search(value):
                self.warn(
                    pointer,
                    "contains a bidirectional override or isolate character",
                    "these can make text display differently from what it says; remove unless intended",
                )

    def iris(self) -> None:
        """Base IRIs and web addresses are valid IRIs (RFC 3987), beyond the schema's pattern."""
        base = _text(self.data.get("base"))
        if base is not None:
            self.iri("/base", base, check_base)
        for field in ("url", "image", "license"):
            self.iri(f"/article/{field}", _text(self.article.get(field)), check_iri)
        for p, e in self.items("entities"):
            self.iri(f"{p}/url", _text(e.get("url")), check_iri)

    def languages(self) -> None:
        """Language tags are well-formed BCP 47, beyond the schema's pattern ('en-US-US' is not)."""
        tags = [("/article/language", self.article.get("language"))]
        texts = [
            (f"{p}/{field}", item.get(field))
            for section, fields in _LANGUAGE_MAPS.items()
            for p, item in self.items(section)
            for field in fields
        ]
        tags += [(f"{p}/translated_from", c.get("translated_from")) for p, c in self.items("claims")]
        for p, e in self.items("entities"):
            tags.append((f"{p}/language", e.get("language")))
            texts += [(f"{q}/title", office.get("title")) for q, office in _mappings(e.get("offices"), f"{p}/offices")]
        for pointer, texts_by_language in texts:
            if isinstance(texts_by_language, dict):
                tags += [(f"{pointer}/{escape_pointer(tag)}", tag) for tag in texts_by_language]
        for pointer, tag in tags:
            problem = language_tag_problem(tag) if isinstance(tag, str) else None
            if problem:
                self.error(pointer, problem, "use a language tag such as 'el', 'en' or 'en-GB' (BCP 47)")

    def iri(self, pointer: str, value: str | None, check: Callable[[str], str]) -> None:
        if value is None:
            return
        try:
            check(value)
        except ValueError as exc:
            self.error(
                pointer,
                str(exc),
                "write an absolute http(s) IRI; percent-encode spaces and "
                "other characters IRIs do not allow (%20), and remove control characters",
            )

    def collect_ids(self) -> None:
        seen: dict[str, str] = {}
        for section, kind in (("entities", "entity"), ("events", "event"), ("claims", "claim")):
            for p, item in self.items(section):
                id = _text(item.get("id"))
                if id is None:
                    continue
                if id == "article" or id in seen:
                    where = (
                        "is reserved for the article itself" if id == "article" else f"is already used at {seen[id]}"
                    )
                    self.error(f"{p}/id", f"id {id!r} {where}", "every entity, event and claim needs its own id")
                    continue
                seen[id] = f"{p}/id"
                self.kinds[id] = (kind, str(item.get("type", item.get("kind", ""))))
                offices = item.get("offices", []) if kind == "entity" else []
                known = isinstance(offices, list)  # else the schema reports it
                office_ids: set[str] = set()
                for j, office in enumerate(offices if known else []):
                    office_id = office.get("id") if isinstance(office, dict) else None
                    if not isinstance(office_id, str):
                        known = False
                        continue
                    if office_id in office_ids:
                        self.error(f"{p}/offices/{j}/id", f"office id {office_id!r} is used twice for {id!r}")
                    office_ids.add(office_id)
                if known:  # which offices a person holds, where the story says it well-formed
                    self.offices[id] = office_ids

    def ref(self, pointer: str, id: Any, allowed: AbstractSet[str] | None, what: str) -> bool:
        """Check that ``id`` names something of an allowed type ('event' and 'article' count)."""
        if not isinstance(id, str):
            return False
        if id == "article":
            if allowed is None or "article" in allowed:
                return True
            self.error(pointer, f"'article' cannot be {what}")
            return False
        if id not in self.kinds:
            self.error(
                pointer, f"{id!r} is not defined", f"{what}: add an entity or event with id {id!r}, or fix the spelling"
            )
            return False
        kind, type_ = self.kinds[id]
        if allowed is not None and type_ not in allowed and kind not in allowed:
            self.error(pointer, f"{id!r} is a {type_ or kind}, but {what} must be: {', '.join(sorted(allowed))}")
            return False
        return True

    def refs(self, pointer: str, ids: Any, allowed: AbstractSet[str] | None, what: str) -> None:
        for k, id in enumerate(_list(ids)):
            self.ref(f"{pointer}/{k}", id, allowed, what)

    def sources(self, pointer: str, value: Any, what: str) -> None:
        """One source or a list of them: agents, works, events or the article."""
        if isinstance(value, str):
            self.ref(pointer, value, _SOURCES, what)
        else:
            self.refs(pointer, value, _SOURCES, what)

    def article_refs(self) -> None:
        a = self.article
        self.ref("/article/publisher", a.get("publisher"), _ORGS | {"person"}, "the publisher")
        self.refs("/article/authors", a.get("authors"), _ORGS | {"person"}, "an author")
        self.ref("/article/copyright_holder", a.get("copyright_holder"), _ORGS | {"person"}, "the copyright holder")
        self.refs("/article/based_on", a.get("based_on"), {"work"}, "a work the article is based on")
        self.refs("/article/about", a.get("about"), None, "what the article is about")

    def offices_and_country(self, p: str, e: dict) -> None:
        """What an entity's offices and country refer to (a story's entity, or a catalogue entry)."""
        for q, o in _mappings(e.get("offices"), f"{p}/offices"):
            self.ref(f"{q}/position", o.get("position"), {"position"}, "the position held")
            self.ref(f"{q}/of", o.get("of"), _POLITIES, "what the office belongs to")
            self.ref(f"{q}/to", o.get("to"), _POLITIES, "what an envoy is accredited to")
            self.ref(f"{q}/posted_in", o.get("posted_in"), PLACE_TYPES, "where the holder is posted")
        self.ref(f"{p}/country", e.get("country"), {"state"}, "the country")

    def entity_refs(self) -> None:
        for p, e in self.items("entities"):
            self.offices_and_country(p, e)
            type_ = e.get("type") if isinstance(e.get("type"), str) else None  # any other is the schema's to report
            if type_ in _ORGS:
                self.ref(f"{p}/part_of", e.get("part_of"), _ORGS, "the larger organisation")
            elif type_ in ENTITY_CLASSES and type_ not in PLACE_TYPES and "part_of" in e:
                self.error(
                    f"{p}/part_of",
                    "'part_of' is only for places and organisations",
                    "remove it; where a person serves is an office's 'posted_in'",
                )
            else:
                self.ref(f"{p}/part_of", e.get("part_of"), PLACE_TYPES, "the containing place")
            self.ref(f"{p}/source_of", e.get("source_of"), _ORGS | {"person"}, "the outlet the sources spoke to")
            self.ref(f"{p}/publisher", e.get("publisher"), _ORGS | {"person"}, "the publisher")
            if type_ == "work":
                self.sources(f"{p}/source", e.get("source"), "what the work is based on")
            else:
                for field in ("publisher", "published", "language", "url", "source"):
                    if field in e:
                        self.error(f"{p}/{field}", f"{field!r} is only for works (type 'work')")
            if type_ != "unnamed-source" and "source_of" in e:
                self.error(f"{p}/source_of", "'source_of' is only for unnamed sources")
            if type_ == "unnamed-source" and not e.get("unnamed"):
                self.error(f"{p}/unnamed", "an unnamed source needs 'unnamed: true'", "describe it in 'description'")

    def event_refs(self) -> None:
        for p, ev in self.items("events"):
            seen_roles = set()
            for q, part in _mappings(ev.get("participants"), f"{p}/participants"):
                who = _text(part.get("entity"))
                key = (who, _text(part.get("role", "participant")))
                if who is not None and key in seen_roles:
                    self.error(q, f"{who!r} is listed twice in the same role")
                seen_roles.add(key)
                if self.ref(f"{q}/entity", who, AGENT_TYPES | {"state"}, "a participant"):
                    assert who is not None
                    capacity = _text(part.get("capacity"))
                    if capacity and who in self.offices and capacity not in self.offices[who]:
                        self.error(
                            f"{q}/capacity",
                            f"{who!r} holds no office with id {capacity!r}",
                            f"offices of {who!r}: {', '.join(sorted(self.offices[who])) or 'none'}",
                        )
            self.sources(f"{p}/source", ev.get("source"), "the source")
            self.ref(f"{p}/location", ev.get("location"), PLACE_TYPES, "the location")
            self.refs(f"{p}/about", ev.get("about"), None, "what the event is about")
            prev = _text(ev.get("preceded_by"))
            if prev is not None and prev == ev.get("id"):
                self.error(f"{p}/preceded_by", "an event cannot precede itself")
            else:
                self.ref(f"{p}/preceded_by", prev, {"event"}, "the earlier event")

    def claim_refs(self) -> None:
        language = _text(self.article.get("language"))
        for p, c in self.items("claims"):
            self.sources(f"{p}/source", c.get("source"), "the source")
            for field in ("speakers", "addressees"):
                self.refs(f"{p}/{field}", c.get(field), AGENT_TYPES | {"state"}, f"one of the {field}")
            self.refs(f"{p}/about", c.get("about"), None, "what the claim is about")
            texts = c.get("text")
            if c.get("kind") == "quote" and self.text is not None and language and isinstance(texts, dict):
                quoted = texts.get(language)
                if quoted is None:
                    self.error(f"{p}/text", "a quote needs its text in the article's language")
                elif isinstance(quoted, str) and quoted not in self.text:
                    self.warn(
                        f"{p}/text",
                        "the quoted words do not occur in the article text",
                        "a quote should repeat the article's words exactly",
                    )

    def date(self, pointer: str, value: Any) -> StoryDate | None:
        """The date at ``pointer``, or None (reported) if it does not exist; other values are the schema's."""
        if not isinstance(value, str) or not DATE_FORM.match(value):
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            self.error(pointer, str(exc), "use a real calendar date and time")
            return None

    def dates(self) -> None:
        self.published = self.date("/article/published", self.article.get("published"))
        modified = self.date("/article/modified", self.article.get("modified"))
        if modified and self.published and modified.last < self.published.first:
            self.error(
                "/article/modified",
                f"modified ({modified.value}) before it was published ({self.published.value})",
                "'modified' is when the article was last changed: on or after 'published'",
            )
        for p, e in self.items("entities"):
            if "published" in e:
                self.not_after_publication(f"{p}/published", self.date(f"{p}/published", e["published"]))
        for p, ev in self.items("events"):
            when = ev.get("date")
            if not isinstance(when, dict):
                continue
            q = f"{p}/date"
            found = {k: self.date(f"{q}/{k}", when.get(k)) for k in ("on", "start", "end", "earliest", "latest")}
            if ev.get("status") is None:  # reported as having happened (or going on): in the past
                for k, value in found.items():
                    self.not_after_publication(f"{q}/{k}", value)
            start, end, earliest, latest = found["start"], found["end"], found["earliest"], found["latest"]
            if start and end and start.first > end.last:
                self.error(f"{q}/end", f"ends ({end.value}) before it starts ({start.value})")
            if earliest and latest and earliest.first > latest.last:
                self.error(f"{q}/latest", f"latest ({latest.value}) is before earliest ({earliest.value})")

    def not_after_publication(self, pointer: str, found: StoryDate | None) -> None:
        if found is not None and self.published is not None and found.first > self.published.first:
            self.error(
                pointer,
                f"{found.value} is after the article's publication date",
                "resolve relative dates against the publication date; an event still to come takes a "
                "'status' (scheduled, postponed, ...)",
            )

    def spans(self) -> None:
        if self.text is None:
            return
        for pointer, span in evidence_spans(self.data):
            self.span(pointer, _offset(span.get("start")), _offset(span.get("end")), _text(span.get("text")))

    def span(self, pointer: str, start: int | float | None, end: int | float | None, words: str | None) -> None:
        assert self.text is not None
        for name, value in (("start", start), ("end", end)):
            if isinstance(value, float):  # JSON Schema counts 1.0 as an integer; an offset is written 1
                self.error(
                    f"{pointer}/{name}",
                    f"offset {value!r} is not a whole number",
                    "write offsets as whole numbers, without a decimal point",
                )
        if not (isinstance(start, int) and isinstance(end, int) and words is not None):
            return
        n = len(self.text)
        if end <= start:
            self.error(f"{pointer}/end", f"end {end} is not after start {start}")
        elif end > n:
            self.error(f"{pointer}/end", f"end {end} is beyond the article text ({n} characters)", self._suggest(words))
        elif self.text[start:end] != words:
            self.error(
                pointer, f"the text at {start}..{end} is {self.text[start:end]!r}, not {words!r}", self._suggest(words)
            )

    def _suggest(self, words: str) -> str:
        text = self.text or ""
        found: list[int] = []
        at = text.find(words)
        while at >= 0 and len(found) < 5:
            found.append(at)
            at = text.find(words, at + 1)
        if not found:
            return "the quoted words do not occur in the article text; copy them exactly"
        spans = ", ".join(f"start {s}, end {s + len(words)}" for s in found)
        return f"the words occur at: {spans} (offsets count Unicode code points from 0)"

    #: The sections whose items carry Wikidata ids.
    QID_SECTIONS: tuple[str, ...] = ("entities", "events")

    def qids(self) -> None:
        seen = self.seen_qids
        for section in self.QID_SECTIONS:
            for p, item in self.items(section):
                qid = _text(item.get("wikidata"))
                if qid is None:
                    continue
                if qid in seen:
                    self.error(
                        f"{p}/wikidata",
                        f"{qid} is already the Wikidata id of {seen[qid]}",
                        "one Wikidata item is one entity; merge them or fix the id",
                    )
                seen[qid] = str(item.get("id"))

    def wikidata(self) -> None:
        if self.snapshot is None:
            return
        refresh = (
            "check the QID on Wikidata; then `newsgraph wikidata refresh` (needs the network) adds it to the snapshot"
        )
        positions = {
            id: qid
            for section in self.QID_SECTIONS
            for _, e in self.items(section)
            if e.get("type") == "position" and (id := _text(e.get("id"))) and (qid := _text(e.get("wikidata")))
        }
        for section in self.QID_SECTIONS:
            for p, item in self.items(section):
                qid = _text(item.get("wikidata"))
                if qid is None or not QID_PATTERN.match(qid):
                    continue
                known = self.snapshot.get(qid)
                if known is None:
                    self.error(
                        f"{p}/wikidata", f"{qid} is not in the Wikidata snapshot (taken {self.snapshot.taken})", refresh
                    )
                    continue
                declared = _text(item.get("type"))
                if declared in ENTITY_CLASSES:
                    self.wikidata_type(p, declared, known)
                    self.wikidata_positions(p, item, known, positions)

    def wikidata_type(self, pointer: str, declared: str, known: Any) -> None:
        classes = known.instance_of
        if classes is None:
            return
        label = known.labels.get("en") or next(iter(known.labels.values()), "")
        fit, named = type_fit(declared, classes)
        if fit == "contradicts":
            self.error(
                f"{pointer}/wikidata",
                f"{known.qid} ({label}) is {named} on Wikidata, which does not fit type {declared!r}",
                "the QID probably belongs to another item: check it on Wikidata",
            )

    def wikidata_positions(self, pointer: str, person: dict, known: Any, positions: dict[str, str]) -> None:
        if known.positions is None or self.published is None:
            return
        published = self.published.first
        for q, office in _mappings(person.get("offices"), f"{pointer}/offices"):
            pq = positions.get(_text(office.get("position")) or "")
            if not pq:
                continue
            held = [h for h in known.positions if h.position == pq]
            where = f"{q}/position"
            if not held:
                self.error(
                    where,
                    f"Wikidata has no 'position held' {pq} for {known.qid}",
                    "check the position's QID, or the person's",
                )
            elif not any(_held_on(h, published) for h in held):
                spans = "; ".join(f"{h.start or '?'} to {h.end or 'now'}" for h in held)
                self.error(
                    where,
                    f"{known.qid} did not hold {pq} on the article's date (Wikidata: {spans})",
                    "an office is checked as of the publication date",
                )


def cross_check(
    data: Any, text: str | None, report: Report, snapshot: Snapshot | None = None, source: str | None = None
) -> None:
    """Add problems the schema cannot see: references, dates, evidence spans, duplicate QIDs,
    and QIDs that the Wikidata ``snapshot`` does not know or whose type or positions contradict
    the story (skipped when ``snapshot`` is None).

    ``text`` is the article text (None when it could not be read: span checks are skipped);
    ``source`` is the story file's own text, when known (it lets a clean file skip the walk over
    every string). Items the schema already found malformed are skipped, not reported twice.
    """
    _CrossChecker(data, text, report, snapshot, source).run()


class _CatalogueChecker(_CrossChecker):
    """The cross-checks of one catalogue file; ``kinds`` holds the ids of every file."""

    QID_SECTIONS = ("entries",)

    def __init__(self, data: Any, report: Report, snapshot: Snapshot | None, kinds: dict[str, tuple[str, str]]) -> None:
        super().__init__(data, None, report, snapshot, None)
        self.kinds = kinds

    def run(self) -> None:
        self.characters()
        self.languages()
        self.entry_refs()
        self.dates()
        self.qids()
        self.wikidata()
        self.pending()

    def entry_refs(self) -> None:
        for p, e in self.items("entries"):
            type_ = _text(e.get("type"))
            merged = _text(e.get("merged_into"))
            if merged is not None:
                if merged == e.get("id"):
                    self.error(f"{p}/merged_into", "an entry cannot be merged into itself")
                else:
                    self.ref(f"{p}/merged_into", merged, None, "the entry it was merged into")
                continue
            self.offices_and_country(p, e)
            if "part_of" in e and type_ not in _ORGS | PLACE_TYPES:
                self.error(f"{p}/part_of", "'part_of' is only for places and organisations")
            else:
                allowed = _ORGS if type_ in _ORGS else PLACE_TYPES
                self.ref(f"{p}/part_of", e.get("part_of"), allowed, "what it is part of")
            if "located_in" in e and type_ not in _ORGS:
                self.error(f"{p}/located_in", "'located_in' is only for organisations", "a place is 'part_of' another")
            else:
                self.ref(f"{p}/located_in", e.get("located_in"), PLACE_TYPES, "where it is")
            self.refs(f"{p}/member_of", e.get("member_of"), _ORGS, "an organisation it is a member of")
            if type_ == "unnamed-source" and not e.get("unnamed"):
                self.error(f"{p}/unnamed", "an unnamed source needs 'unnamed: true'", "describe it in 'description'")

    def dates(self) -> None:
        for p, e in self.items("entries"):
            self.date(f"{p}/decided", e.get("decided"))
            for q, i in _mappings(e.get("identified_in"), f"{p}/identified_in"):
                self.date(f"{q}/decided", i.get("decided"))

    def pending(self) -> None:
        """A pending QID is one the snapshot does not hold yet: once it does, it is checked."""
        if self.snapshot is None:
            return
        for p, e in self.items("entries"):
            qid = _text(e.get("wikidata_pending"))
            if qid is None or not QID_PATTERN.match(qid):
                continue
            known = self.snapshot.get(qid)
            if known is not None:
                self.warn(
                    f"{p}/wikidata_pending",
                    f"{qid} is now in the Wikidata snapshot",
                    "rename 'wikidata_pending' to 'wikidata' to publish it as schema:sameAs",
                )
            elif qid in self.seen_qids:
                self.error(f"{p}/wikidata_pending", f"{qid} is already the Wikidata id of {self.seen_qids[qid]}")
            self.seen_qids.setdefault(qid, str(e.get("id")))


def check_catalogue_data(documents: list[tuple[Any, Report]], snapshot: Snapshot | None = None) -> None:
    """Check the files of a catalogue, each ``(data, report)``: each against the catalogue
    schema, then together (ids unique across files, references between entries, QIDs against the
    Wikidata ``snapshot``, skipped when None)."""
    kinds: dict[str, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    for data, report in documents:
        check_schema(data, report, CATALOGUE_SCHEMA)
        for p, e in _mappings(data.get("entries") if isinstance(data, dict) else None, "/entries"):
            id = _text(e.get("id"))
            if id is None:
                continue
            where = f"{report.file}:{report.position_of(p + '/id')[0] or '?'}"
            if id in seen:
                report.add(f"{p}/id", f"id {id!r} is already used at {seen[id]}", hint="every entry needs its own id")
                continue
            seen[id] = where
            kind = "event" if e.get("type") in EVENT_TYPES else "entity"
            kinds[id] = (kind, str(e.get("type", "")))
    qids: dict[str, str] = {}
    for data, report in documents:
        checker = _CatalogueChecker(data, report, snapshot, kinds)
        checker.seen_qids = qids  # one Wikidata item is one entry, across files
        checker.run()
